"""Trợ giúp: the user guide offline; F1 opens the part of the page being used."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.gui.help_window import guide_path
from desk_app.gui.main_window import PAGES


def test_the_guide_ships_and_has_a_section_for_every_page():
    text = guide_path().read_text(encoding="utf-8")
    headings = {line[3:].strip() for line in text.splitlines() if line.startswith("## ")}
    assert {title for _key, title, _spec, _shortcut in PAGES} <= headings


@pytest.mark.parametrize("key", [key for key, *_rest in PAGES])
def test_f1_opens_the_section_of_the_page_on_screen(window, qtbot, key):
    page = window.show_page(key)
    qtbot.keyClick(window, Qt.Key_F1)
    help_window = window._help
    assert help_window.isVisible() and help_window.windowTitle() == "Hướng dẫn sử dụng"
    cursor = help_window.browser.textCursor()
    assert cursor.block().text() == page.title and cursor.block().blockFormat().headingLevel() == 2
    help_window.close()


def test_every_page_has_a_picture_of_the_real_window_and_the_help_shows_it(window, qtbot):
    import re

    from PySide6.QtGui import QTextDocument

    text = guide_path().read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    pictures = {s.splitlines()[0].strip(): re.findall(r"!\[[^\]]*\]\(([^)]+)\)", s) for s in sections}
    for _key, title, _spec, _shortcut in PAGES:
        assert pictures[title], f"no picture in the section {title}"
    every = [p for found in pictures.values() for p in found]
    assert all((guide_path().parent / p).is_file() for p in every)
    window.show_page("dashboard")
    qtbot.keyClick(window, Qt.Key_F1)
    document = window._help.browser.document()
    for picture in every:  # the browser found each picture beside the guide (an empty image otherwise)
        image = document.resource(QTextDocument.ImageResource, picture)
        assert image is not None and not image.isNull(), picture
    window._help.close()

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

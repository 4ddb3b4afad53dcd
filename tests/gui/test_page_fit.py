"""Pages on a clerk's small screen (1366×768 at 125 %: about 1093×582 for the window): a page shrinks to the
room it has (tables show fewer rows) and scrolls only below its minimum; a wrapped text keeps all its lines."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

SMALL = (1093, 582)


@pytest.fixture
def small_window(window, qtbot):
    from desk_app.gui.app import apply_font_size

    font = QApplication.font()
    apply_font_size(QApplication.instance(), 11)
    window.resize(*SMALL)
    qtbot.wait(20)
    yield window
    QApplication.setFont(font)


def holder_of(page):
    return page.parentWidget().parentWidget()


@pytest.mark.parametrize("key", ["reports", "settings", "catalog", "conclusion"])
def test_a_page_that_can_shrink_does_not_scroll(small_window, qtbot, key):
    page = small_window.show_page(key)
    qtbot.wait(50)
    holder = holder_of(page)
    assert holder.verticalScrollBar().maximum() == 0 and holder.horizontalScrollBar().maximum() == 0
    assert page.height() <= holder.viewport().height()


def test_wrapped_texts_keep_their_lines_when_the_page_is_squeezed(small_window, qtbot):
    page = small_window.show_page("reports")
    small_window.resize(SMALL[0], 360)  # lower than the page's least: it scrolls, nothing is cut
    qtbot.wait(50)
    assert holder_of(page).verticalScrollBar().maximum() > 0
    for label in page.findChildren(QLabel):
        if label.wordWrap() and label.text() and label.isVisibleTo(page):
            assert label.height() >= label.heightForWidth(label.width()), label.text()[:40]


@pytest.mark.parametrize("key", ["dashboard", "reports", "catalog", "settings"])
def test_the_largest_font_needs_no_sideways_scrolling(window, qtbot, key):
    """14 points (the largest size of Cài đặt) at 125 %: tiles three or four to a row, the charts one above
    the other, tables scroll inside themselves."""
    from PySide6.QtWidgets import QScrollArea

    from desk_app.gui.app import apply_font_size

    font = QApplication.font()
    try:
        apply_font_size(QApplication.instance(), 14)
        window.resize(*SMALL)
        page = window.show_page(key)
        qtbot.wait(100)
        for area in [holder_of(page), *page.findChildren(QScrollArea)]:
            if area.isVisible():
                assert area.horizontalScrollBar().maximum() == 0, area.objectName() or type(area.widget()).__name__
    finally:
        QApplication.setFont(font)

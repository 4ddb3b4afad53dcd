"""Issue 14: the follow-up page at 1366×768 with 125 % (1093×614 logical pixels, less the taskbar) and with the
largest font size: every action button inside the window, the list's columns readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from desk_app.gui.app import apply_font_size
from desk_app.services.settings import LIMITS, FONT_SIZE
from tests.gui.test_followup import _page

SCREEN_125 = (1093, 574)  # 1366×768 at 125 %, a 40-pixel taskbar


@pytest.fixture
def largest_font(gui_app):
    before = QApplication.instance().font().pointSize()
    apply_font_size(QApplication.instance(), LIMITS[FONT_SIZE][1])
    yield LIMITS[FONT_SIZE][1]
    apply_font_size(QApplication.instance(), before)


def _inside(window, widget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("font", [False, True], ids=["usual font", "largest font"])
def test_the_actions_stay_inside_the_window_at_125_percent(window, qtbot, request, font):
    """With the usual font every button is on screen; with the largest the page scrolls down (never sideways:
    no column of the page is pushed out) and Tab brings each button into view."""
    if font:
        request.getfixturevalue("largest_font")
    window.resize(*SCREEN_125)
    page = _page(window)
    qtbot.wait(50)
    holder = page.parentWidget().parentWidget()  # the page's scroll area
    assert window.width() <= SCREEN_125[0] and window.height() <= SCREEN_125[1] + 1
    assert page.minimumSizeHint().width() <= holder.viewport().width()  # nothing off to the right
    assert not holder.horizontalScrollBar().isVisible()
    buttons = [*page.action_buttons.values(), page.letter_button]
    for button in buttons:
        if font:
            holder.ensureWidgetVisible(button)
        assert button.isVisibleTo(window) and _inside(window, button), button.text()
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text().replace("&", "")), \
            button.text()  # the caption is not cut
    table = page.table
    assert table.mapTo(window, QPoint(0, 0)).x() >= 0 and table.viewport().height() >= \
        3 * table.verticalHeader().defaultSectionSize()

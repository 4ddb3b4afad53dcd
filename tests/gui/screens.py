"""Small screens for the window's tests: 1366×768 at 125 % (a maximised window above a 40-pixel taskbar is
1093×582 logical pixels), the same screen at 100 % with a 1280-pixel window, and the largest font size."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

AT_125 = (round(1366 / 1.25), round((768 - 40) / 1.25))
AT_100_1280 = (1280, 768 - 40)


def largest_font(gui_app):
    """The font-size setting at its largest, applied as the program does once the window is up; returns the
    font to put back."""
    from desk_app.gui.app import apply_font_size
    from desk_app.services import settings

    font = QApplication.font()
    apply_font_size(gui_app, settings.LIMITS[settings.FONT_SIZE][1])
    return font


def assert_on_screen(page, *widgets) -> None:
    """The page needs no scrolling in its window and every widget is shown whole inside it (once laid out: the
    page holder measures the page again after its panes' own layouts have run, a few turns of the event loop)."""
    for _turn in range(30):
        QApplication.processEvents()
    holder = page.parentWidget().parentWidget()  # the page's scroll area in the main window
    assert not holder.verticalScrollBar().isVisible(), "the page scrolls up and down"
    assert not holder.horizontalScrollBar().isVisible(), "the page scrolls sideways"
    shown = holder.viewport().rect()
    for widget in widgets:
        assert widget.isVisible(), widget.objectName()
        inside = widget.rect().translated(widget.mapTo(holder.viewport(), widget.rect().topLeft()))
        assert shown.contains(inside), (widget.objectName(), inside, shown)


def whole_rows(table) -> int:
    """How many rows of a table are shown whole."""
    area = table.viewport().rect()
    return sum(1 for row in range(table.model().rowCount())
               if area.contains(table.visualRect(table.model().index(row, 0)).adjusted(0, 0, -1, 0)))

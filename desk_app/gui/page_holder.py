"""The scroll area each page lives in: the page gets the window's room, and scrolls only below its minimum.

Qt's own resizable scroll area gives a page whose layout has height-for-width (any word-wrapped label) its
*preferred* height, never less: on 1366×768 at 125 % nearly every page then scrolled although its tables could
simply show fewer rows. Here the page is sized to the viewport, down to its minimum (or to the height its own
``heightForWidth`` gives, when it defines one: :func:`desk_app.gui.flow.least_height`); a word-wrapped label
that would still be cut gets the height it needs (the page grows by the difference).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

# a page grows at most this many times to give its wrapped labels their lines (each round fixes the worst one)
WRAP_ROUNDS = 4


class PageHolder(QScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.NoFrame)
        self.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self._fitting = False
        self._again = False  # a second fit is due once the event loop has laid the page's panes out

    def setWidget(self, page: QWidget) -> None:  # noqa: N802 — Qt's name
        super().setWidget(page)
        page.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt's name
        if watched is self.widget() and event.type() == QEvent.LayoutRequest:
            self.fit()  # the page's content changed its needs (a panel shown, a longer text)
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt's name
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        page = self.widget()
        if page is None or self._fitting:
            return
        self._fitting = True
        try:
            room = self.maximumViewportSize()  # without scroll bars
            bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent, None, self)
            least = page.minimumSizeHint().expandedTo(page.minimumSize())
            width = max(room.width(), least.width())
            height = max(room.height() - (bar if width > room.width() else 0), self._least_height(page, width))
            if height > room.height() and width == room.width():  # a vertical bar takes its width
                width = max(room.width() - bar, least.width())
                height = max(height, self._least_height(page, width))
            self._resize(page, width, height)
            # a page that measures itself (splitter panes at their real widths only once laid out) may need less
            # now that it has been laid out at this size: once more
            settled = max(room.height() - (bar if width > room.width() else 0), self._least_height(page, width))
            if settled < height:
                height = settled
                self._resize(page, width, height)
            if height > room.height() and not self._again:  # and after the panes' own layouts have run
                self._again = True
                QTimer.singleShot(0, self, self._fit_again)  # (never after the holder is gone)
            for _round in range(WRAP_ROUNDS):
                short = self._wrapped_shortfall(page)
                if short <= 0:
                    break
                height += short
                self._resize(page, width, height)
        finally:
            self._fitting = False

    def _fit_again(self) -> None:
        self._again = False
        self.fit()

    @staticmethod
    def _least_height(page: QWidget, width: int) -> int:
        if type(page).heightForWidth is not QWidget.heightForWidth:  # the page says it itself (flow.least_height)
            return max(page.heightForWidth(width), page.minimumHeight())
        return page.minimumSizeHint().expandedTo(page.minimumSize()).height()

    @staticmethod
    def _resize(page: QWidget, width: int, height: int) -> None:
        if page.size() != QSize(width, height):
            page.resize(width, height)
        if page.layout() is not None:
            page.layout().activate()  # the children's sizes now, to measure the labels

    @staticmethod
    def _wrapped_shortfall(page: QWidget) -> int:
        """How many pixels the most squeezed word-wrapped label lacks to show all its lines."""
        short = 0
        for label in page.findChildren(QLabel):
            if label.wordWrap() and label.text() and label.isVisibleTo(page):
                short = max(short, label.heightForWidth(label.width()) - label.height())
        return short

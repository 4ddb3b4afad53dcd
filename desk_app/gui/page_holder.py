"""The scroll area each page lives in: the page gets the window's room, and scrolls only below its minimum.

Qt's own resizable scroll area gives a page whose layout has height-for-width (any word-wrapped label) its
*preferred* height, never less: on 1366×768 at 125 % nearly every page then scrolled although its tables could
simply show fewer rows. Here the page is sized to the viewport, down to its minimum size; a word-wrapped label
that would be cut at that size gets the height it needs (the page grows by the difference and scrolls).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
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
            height = max(room.height() - (bar if width > room.width() else 0), least.height())
            if height > room.height() and width == room.width():  # a vertical bar takes its width
                width = max(room.width() - bar, least.width())
            self._resize(page, width, height)
            for _round in range(WRAP_ROUNDS):
                short = self._wrapped_shortfall(page)
                if short <= 0:
                    break
                height += short
                self._resize(page, width, height)
        finally:
            self._fitting = False

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

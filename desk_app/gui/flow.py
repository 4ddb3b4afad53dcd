"""A row of buttons and labels that wraps onto the next line when the page is narrow (a 1366-pixel screen at
125 %, the largest font size) instead of pushing the page wider than the window: Qt's flow layout example.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget
from shiboken6 import isValid


class FlowLayout(QLayout):
    """Items left to right, wrapping; an item whose horizontal policy expands (a combo box) takes the rest of
    its line. ``replace(layout)`` puts one in place of a Designer row (an HBox of the same items)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    @classmethod
    def replace(cls, row: QLayout) -> FlowLayout:
        """A flow layout holding ``row``'s widgets, in ``row``'s place inside its parent layout."""
        flow = cls(spacing=max(row.spacing(), 6))
        widgets = []
        while row.count():
            item = row.takeAt(0)
            if item.widget() is not None:
                widgets.append(item.widget())
        parent = row.parent()
        if isinstance(parent, QLayout):
            index = parent.indexOf(row)
            parent.removeItem(row)
            parent.insertLayout(index, flow)
        for widget in widgets:
            flow.addWidget(widget)
        if isValid(row):  # taken out of its parent, the empty row may already be gone with its wrapper
            row.deleteLater()
        return flow

    # -- QLayout ------------------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 — Qt's names below
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientations:
        return Qt.Orientations(Qt.Orientation(0))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() for i in self._shown()) + self._spacing * max(len(self._shown()) - 1, 0)
        height = max((i.sizeHint().height() for i in self._shown()), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- the arrangement --------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            width = min(item.sizeHint().width(), area.width())
            if lines[-1] and used + self._spacing + width > area.width():
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(i.sizeHint().height() for i in line)
            widths = [min(i.sizeHint().width(), area.width()) for i in line]
            spare = area.width() - sum(widths) - self._spacing * (len(line) - 1)
            growing = [n for n, i in enumerate(line) if i.expandingDirections() & Qt.Horizontal]
            for n in growing:  # the expanding items share what is left of the line
                widths[n] += spare // len(growing)
            x = area.x()
            if apply:
                for item, width in zip(line, widths):
                    item_height = height if item.widget() is None or item.widget().sizePolicy().verticalPolicy() \
                        != QSizePolicy.Fixed else item.sizeHint().height()
                    item.setGeometry(QRect(QPoint(x, y + (height - item_height) // 2), QSize(width, item_height)))
                    x += width + self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + margins.bottom() if y > area.y() else margins.top() + margins.bottom()



def least_height(item, width: int) -> int:
    """The least height ``item`` (a widget, layout or layout item) needs at ``width``: wrapping rows and labels
    at their height for the width, everything else at its minimum. A page inside the window's scroll area
    reports this as its height for a width, so that the scroll area gives it the window's height and scrolls
    only when even the minimum does not fit (Qt would ask for every widget's preferred height)."""
    from PySide6.QtWidgets import QBoxLayout, QSplitter

    if isinstance(item, QLayoutItem) and not isinstance(item, QLayout):
        if item.widget() is not None:
            item = item.widget()
        elif item.layout() is not None:
            item = item.layout()
        else:
            return item.minimumSize().height()
    if isinstance(item, QSplitter):  # side by side: the tallest pane at the width it has
        shown = [item.widget(i) for i in range(item.count()) if not item.widget(i).isHidden()]
        if item.orientation() == Qt.Horizontal:
            return max((least_height(pane, pane.width() or pane.minimumSizeHint().width()) for pane in shown),
                       default=0)
        return sum(least_height(pane, width) for pane in shown) + item.handleWidth() * max(len(shown) - 1, 0)
    if isinstance(item, QWidget):
        if item.isHidden():
            return 0
        if item.layout() is not None:  # a group box keeps room for its title in its margins
            margins = item.contentsMargins()
            inner = least_height(item.layout(), width - margins.left() - margins.right())
            return max(inner + margins.top() + margins.bottom(), item.minimumHeight())
        if item.hasHeightForWidth():
            return max(item.heightForWidth(width), item.minimumHeight())
        return max(item.minimumSizeHint().height(), item.minimumHeight())
    if isinstance(item, FlowLayout):
        return item.heightForWidth(width)
    if isinstance(item, QBoxLayout) and item.direction() in (QBoxLayout.TopToBottom, QBoxLayout.BottomToTop):
        margins = item.contentsMargins()
        inner = width - margins.left() - margins.right()
        parts = [least_height(item.itemAt(i), inner) for i in range(item.count())]
        parts = [part for part in parts if part > 0]
        return sum(parts) + max(item.spacing(), 0) * max(len(parts) - 1, 0) + margins.top() + margins.bottom()
    return item.minimumSize().height()

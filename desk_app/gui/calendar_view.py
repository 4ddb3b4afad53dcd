"""A year at a glance: twelve month grids with the public holidays, weekends, swapped working days and the
commune's own overrides coloured, one day selected. Keyboard: arrows move a day or a week, Page Up/Down a
month, Home/End the first/last day of the year, Enter activates the day.

The widget only draws what it is given (the year's special days from ``workdays.special_days``); it never
decides itself which day is a working day beyond "Saturday and Sunday are the weekend".
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desk_app.domain.calendar import SpecialDay
from desk_app.gui import palette
from desk_app.domain.validation import format_date

WEEKDAY_SHORT = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

# kind of day → (background, text colour, legend text)
STYLES = {kind: (*palette.CALENDAR_DAYS[kind], text) for kind, text in (
    ("weekend", "Cuối tuần"), ("holiday", "Nghỉ lễ, Tết (theo quy định)"), ("local_off", "Ngày nghỉ của địa phương"),
    ("swapped", "Ngày làm bù"), ("local_working", "Ngày làm việc của địa phương"))}
LEGEND = tuple((key, background, text) for key, (background, _fg, text) in STYLES.items())


def day_kind(day: dt.date, special: SpecialDay | None) -> str:
    """The style of a day: '' for an ordinary working day."""
    if special is None:
        return "weekend" if day.weekday() >= 5 else ""
    if special.working:
        return "local_working" if special.is_local else "swapped"
    return "local_off" if special.is_local else "holiday"


class YearCalendar(QWidget):
    day_selected = Signal(object)  # datetime.date
    day_activated = Signal(object)  # Enter or double click
    year_requested = Signal(int)  # the keyboard moved past the year's first or last day

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName("Lịch năm")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.year = dt.date.today().year
        self.today = dt.date.today()
        self.special: dict[dt.date, SpecialDay] = {}
        self.selected: dt.date | None = None
        self._columns = 4
        self._stretch = 1.0

    # -- data -----------------------------------------------------------------------------------------------
    def set_year(self, year: int, special_days: list[SpecialDay], today: dt.date,
                 selected: dt.date | None = None) -> None:
        self.year, self.today = year, today
        self.special = {s.day: s for s in special_days}
        wanted = selected or self.selected
        if wanted is None or wanted.year != year:
            wanted = today if today.year == year else dt.date(year, 1, 1)
        self.selected = wanted
        self.update()
        self.day_selected.emit(self.selected)

    def select(self, day: dt.date) -> None:
        if day.year != self.year:
            self.year_requested.emit(day.year)
            return
        if day != self.selected:
            self.selected = day
            self.update()
            self.day_selected.emit(day)

    def describe(self, day: dt.date) -> str:
        special = self.special.get(day)
        text = f"{WEEKDAY_NAMES[day.weekday()]}, {format_date(day)}"
        kind = day_kind(day, special)
        if kind:
            text += f"\n{STYLES[kind][2]}"
        if special is not None and special.name:
            text += f": {special.name}"
        return text

    # -- geometry -------------------------------------------------------------------------------------------
    def _base_cell(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("00") + 10, metrics.height() + 5)

    def _cell(self) -> QSize:
        base = self._base_cell()
        return QSize(int(base.width() * self._stretch), base.height())

    def _month_size(self, cell: QSize | None = None) -> QSize:
        cell = cell or self._cell()
        title = self.fontMetrics().height() + 6
        return QSize(7 * cell.width() + 12, title + 7 * cell.height() + 8)

    def _layout_columns(self, width: int) -> int:
        """Four months a row when they fit (three rows for the year), else fewer."""
        month = self._month_size(self._base_cell()).width()
        return next((c for c in (4, 3, 2) if c * month <= width), 1)

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        month = self._month_size(self._base_cell())
        return QSize(4 * month.width(), 3 * month.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        month = self._month_size(self._base_cell())
        return QSize(month.width(), month.height())  # the height for the width is set on resize

    def hasHeightForWidth(self) -> bool:  # noqa: N802 — Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 — Qt's name
        columns = self._layout_columns(width)
        return -(-12 // columns) * self._month_size().height()

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt's name
        self._columns = self._layout_columns(self.width())
        # wider days on a wide screen (at most half again as wide), the same height
        base = self._month_size(self._base_cell()).width()
        self._stretch = min(1.5, max(1.0, self.width() / (self._columns * base)))
        height = self.heightForWidth(self.width())
        if self.minimumHeight() != height:  # a scroll area around the widget shows the rest
            self.setMinimumHeight(height)
        super().resizeEvent(event)

    def _month_origin(self, month: int) -> QPoint:
        size = self._month_size()
        columns = self._columns
        spare = max(0, (self.width() - columns * size.width()) // 2)
        index = month - 1
        return QPoint(spare + (index % columns) * size.width(), (index // columns) * size.height())

    def _day_rect(self, day: dt.date) -> QRect:
        origin = self._month_origin(day.month)
        cell = self._cell()
        first_weekday = dt.date(day.year, day.month, 1).weekday()
        position = first_weekday + day.day - 1
        row, column = divmod(position, 7)
        title = self.fontMetrics().height() + 6
        x = origin.x() + 6 + column * cell.width()
        y = origin.y() + title + (row + 1) * cell.height()
        return QRect(x, y, cell.width() - 2, cell.height() - 2)

    def day_at(self, point: QPoint) -> dt.date | None:
        for month in range(1, 13):
            for number in range(1, pycalendar.monthrange(self.year, month)[1] + 1):
                day = dt.date(self.year, month, number)
                if self._day_rect(day).contains(point):
                    return day
        return None

    # -- painting -------------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 — Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing, False)
        qt_palette = self.palette()
        bold = QFont(self.font())
        bold.setBold(True)
        cell = self._cell()
        title_height = self.fontMetrics().height() + 6
        for month in range(1, 13):
            origin = self._month_origin(month)
            painter.setFont(bold)
            painter.setPen(qt_palette.windowText().color())
            painter.drawText(QRect(origin.x() + 6, origin.y(), 7 * cell.width(), title_height),
                             Qt.AlignLeft | Qt.AlignVCenter, f"Tháng {month}")
            painter.setFont(self.font())
            for column, name in enumerate(WEEKDAY_SHORT):
                rect = QRect(origin.x() + 6 + column * cell.width(), origin.y() + title_height,
                             cell.width() - 2, cell.height() - 2)
                sunday = QColor(palette.CALENDAR_DAYS["holiday"][1])
                painter.setPen(sunday if column == 6 else qt_palette.windowText().color())
                painter.drawText(rect, Qt.AlignCenter, name)
            for number in range(1, pycalendar.monthrange(self.year, month)[1] + 1):
                self._paint_day(painter, dt.date(self.year, month, number), bold)
        painter.end()

    def _paint_day(self, painter: QPainter, day: dt.date, bold: QFont) -> None:
        rect = self._day_rect(day)
        kind = day_kind(day, self.special.get(day))
        qt_palette = self.palette()
        foreground = qt_palette.text().color()
        if kind:
            background, text_color, _label = STYLES[kind]
            painter.fillRect(rect, QColor(background))
            foreground = QColor(text_color)
        if day == self.selected:
            painter.fillRect(rect, qt_palette.highlight())
            foreground = qt_palette.highlightedText().color()
        painter.setFont(bold if day == self.today or (kind and kind.startswith("local")) else self.font())
        painter.setPen(foreground)
        painter.drawText(rect, Qt.AlignCenter, str(day.day))
        if day == self.today:
            painter.setPen(QPen(QColor(palette.ERROR), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        if day == self.selected and self.hasFocus():
            painter.setPen(QPen(qt_palette.windowText().color(), 1, Qt.DashLine))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))

    # -- mouse and keyboard -------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 — Qt's name
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.select(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 — Qt's name
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.select(day)
            self.day_activated.emit(day)

    def keyPressEvent(self, event) -> None:  # noqa: N802 — Qt's name
        key, day = event.key(), self.selected
        steps = {Qt.Key_Left: -1, Qt.Key_Right: 1, Qt.Key_Up: -7, Qt.Key_Down: 7}
        if key in steps:
            self.select(day + dt.timedelta(days=steps[key]))
        elif key in (Qt.Key_PageUp, Qt.Key_PageDown):
            month = day.month + (-1 if key == Qt.Key_PageUp else 1)
            year = day.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            self.select(dt.date(year, month, min(day.day, pycalendar.monthrange(year, month)[1])))
        elif key == Qt.Key_Home:
            self.select(dt.date(self.year, 1, 1))
        elif key == Qt.Key_End:
            self.select(dt.date(self.year, 12, 31))
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self.day_activated.emit(day)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 — Qt's name
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 — Qt's name
        self.update()
        super().focusOutEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            day = self.day_at(event.pos())
            if day is not None:
                QToolTip.showText(event.globalPos(), self.describe(day), self)
                return True
        return super().event(event)

"""The follow-up list as a lazy table model: 100,000 petitions open and scroll without a freeze.

The model never holds ORM objects: it reads the first page at once and counts the filtered petitions in
the worker (``count_petitions``: a common word matches most of 100,000 rows, and counting them all must
not hold up the first page — ``counted`` tells when the total is known), grows page by page as the view
scrolls (``fetchMore``) and reads light rows a page at a time through short units of work — the follow-up
service's :class:`~desk_app.services.followup.PetitionList` (the same filter as the service's list, in SQL
order). Names of fields, agencies, hamlets and sessions come from ``followup.list_names``, read once per
refresh.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desk_app.domain import clock
from desk_app.domain.deadlines import DueState, due_state
from desk_app.domain.states import Host, PetitionStatus
from desk_app.domain.validation import format_date
from desk_app.gui import palette
from desk_app.services import followup
from desk_app.services.common import load_calendar
from desk_app.services.followup import ListedPetition as PetitionRow

PAGE_SIZE = 200
MAX_CACHED_PAGES = 50  # 10,000 rows in memory at most
PETITION_ID_ROLE = Qt.UserRole + 10

OVERDUE_COLOR = QColor(palette.ERROR)
DUE_SOON_COLOR = QColor(palette.WARNING)
OVERDUE_BACKGROUND = QColor(palette.ERROR_BACKGROUND)
DUE_SOON_BACKGROUND = QColor(palette.WARNING_BACKGROUND)


class _Col:
    def __init__(self, key: str, header: str, align=None):
        self.key, self.header, self.align = key, header, align

    @property
    def sortable(self) -> bool:  # names cannot be ordered the Vietnamese way in SQL
        return self.key in followup.LIST_ORDERS


# the most used first: at 1366×768 they are visible without scrolling
COLUMNS = (
    _Col("id", "Số", Qt.AlignRight),
    _Col("citizen", "Người kiến nghị"),
    _Col("due", "Hạn giải quyết"),
    _Col("status", "Trạng thái"),
    _Col("content", "Nội dung"),
    _Col("agency", "Cơ quan chủ trì"),
    _Col("field", "Lĩnh vực"),
    _Col("session", "Hội nghị"),
    _Col("times", "Số lần nêu", Qt.AlignCenter),
)
COLUMN_KEYS = [c.key for c in COLUMNS]


def session_short(info: followup.ListSession) -> str:
    return f"{format_date(info.date)} · {Host(info.host).label}"


class PetitionTableModel(QAbstractTableModel):
    """Rows of a :class:`followup.PetitionFilter`: the view grows by :data:`PAGE_SIZE` rows (``fetchMore``);
    the rows themselves are read a page at a time (LIMIT/OFFSET) when first shown and kept in a small cache,
    so memory stays bounded and jumping far down the list reads one page, not everything above it."""

    counted = Signal()  # the total of a long list is known (it was counted in the worker)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = followup.PetitionFilter()
        self.total = 0  # rows matching the filter (count_petitions); the first page's size while counting
        self.counting = False  # a long list is being counted in the worker
        self._generation = 0  # which refresh a count belongs to
        self.loaded = 0  # rows the view has asked for so far (rowCount)
        self._pages: OrderedDict[int, list[PetitionRow]] = OrderedDict()
        self.lookups: followup.ListNames | None = None
        self.today = clock.today()
        self._calendar = None
        self._list: followup.PetitionList | None = None
        self._sort_column = 0
        self._sort_order = Qt.AscendingOrder

    # -- loading ------------------------------------------------------------------------------------------
    def set_filter(self, flt: followup.PetitionFilter) -> None:
        self.filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Count again and start over from the first page (after a filter or data change)."""
        self.beginResetModel()
        try:
            self.today = clock.today()
            self._pages.clear()
            self.total = self.loaded = 0
            with self.ctx.read_session() as session:
                calendar = load_calendar(session)
                # a calendar learns its working-day tables on first use: keep it while the overrides are the same
                if self._calendar is None or self._calendar.overrides != calendar.overrides:
                    self._calendar = calendar
                self.lookups = followup.list_names(session)
                column = COLUMNS[self._sort_column]
                self._list = followup.petition_list(
                    session, self.filter, self.today, self._calendar, sort=column.key if column.sortable else "id",
                    descending=self._sort_order == Qt.DescendingOrder)
                first = self._list.page(session, 0, PAGE_SIZE)
            self._generation += 1
            # a short first page is the whole list; a full one is counted in the worker
            self.total = len(first)
            self.counting = len(first) == PAGE_SIZE
            self._pages[0] = first
            self.loaded = self.total
        finally:
            self.endResetModel()
        if self.counting:
            self._count_in_worker()

    def _count_in_worker(self) -> None:
        generation, flt, today = self._generation, self.filter, self.today

        def count(_progress) -> int:
            with self.ctx.read_session() as session:
                return followup.count_petitions(session, flt, today=today)

        def done(total: int) -> None:
            if generation == self._generation and self.counting:
                self._set_total(total)

        def failed(_exc: BaseException) -> None:  # the list still works; the total stays "more than a page"
            if generation == self._generation:
                self.counting = False
                self.counted.emit()

        self.ctx.run_task(self, "", count, done, show_dialog=False, on_error=failed)  # nothing once the page is gone

    def count_now(self) -> None:
        """The total at once (jumping to a row far down before the worker has counted)."""
        if self.counting:
            with self.ctx.read_session() as session:
                self._set_total(followup.count_petitions(session, self.filter, today=self.today))

    def _set_total(self, total: int) -> None:
        self.counting = False
        if total < self.loaded:  # rows deleted since the first page was read
            self.beginRemoveRows(QModelIndex(), total, self.loaded - 1)
            self.loaded = total
            self.endRemoveRows()
        self.total = total
        self.counted.emit()

    def row(self, index: int) -> PetitionRow | None:
        """The row at ``index`` (its page is read on first use)."""
        if not 0 <= index < self.loaded:
            return None
        number, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            with self.ctx.read_session() as session:
                page = self._list.page(session, number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None  # None: deleted since the count

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 — Qt's name
        return not parent.isValid() and (self.loaded < self.total or self.counting)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 — Qt's name
        if not parent.isValid():
            self._grow(self.loaded + PAGE_SIZE)

    def fetch_until(self, row: int) -> None:
        """Make the list long enough to show ``row`` (its page is read when it is painted)."""
        self._grow(row + 1)

    def _grow(self, wanted: int) -> None:
        if wanted > self.total:
            self.count_now()
        wanted = min(wanted, self.total)
        if wanted <= self.loaded:
            return
        self.beginInsertRows(QModelIndex(), self.loaded, wanted - 1)
        self.loaded = wanted
        self.endInsertRows()

    def cached_row(self, petition_id: int) -> int | None:
        """The row of a petition among the pages already read (no query), or None."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == petition_id and number * PAGE_SIZE + offset < self.loaded:
                    return number * PAGE_SIZE + offset
        return None

    def locate(self, petition_id: int) -> int | None:
        """The row of a petition in the current filter and order (the list grows to it), or None."""
        cached = self.cached_row(petition_id)
        if cached is not None:
            return cached
        with self.ctx.read_session() as session:
            position = self._list.position(session, petition_id)
        if position is None:
            return None
        self.count_now()
        if position >= self.total:
            return None
        self.fetch_until(position)
        return position

    def petition_id(self, row: int) -> int | None:
        found = self.row(row)
        return found.id if found else None

    # -- sorting (in SQL: the list is never all in memory) -------------------------------------------------
    def is_sortable(self, column: int) -> bool:
        return COLUMNS[column].sortable

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or not self.is_sortable(column):
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        if self._list is not None:
            self.refresh()

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    # -- Qt's table interface -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 — Qt's name
        return 0 if parent.isValid() else self.loaded

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 — Qt's name
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 — Qt's name
        if orientation != Qt.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ToolTipRole:
            return "Bấm để sắp xếp theo cột này" if COLUMNS[section].sortable else "Cột này không sắp xếp được"
        return None

    @property
    def calendar(self):
        return self._calendar

    def due_state(self, row: PetitionRow) -> DueState:
        return due_state(self._calendar, row.due_date, self.today, PetitionStatus(row.status).closed)

    def _text(self, row: PetitionRow, key: str) -> str:
        lookups = self.lookups
        if key == "id":
            return str(row.id)
        if key == "session":
            info = lookups.sessions.get(row.session_id)
            return session_short(info) if info else ""
        if key == "citizen":
            return row.citizen_name
        if key == "content":
            return " ".join(row.content.split())
        if key == "field":
            return lookups.fields.get(row.field_id, "")
        if key == "agency":
            return lookups.agencies.get(row.lead_agency_id, "")
        if key == "due":
            text = format_date(row.due_date)
            state = self.due_state(row)
            if state in (DueState.OVERDUE, DueState.DUE_SOON):
                text += f" – {state.label}"
            return text
        if key == "status":
            return PetitionStatus(row.status).label
        if key == "times":
            return str(row.times_raised)
        return ""

    def _tooltip(self, row: PetitionRow, key: str) -> str:
        if key == "session":
            info = self.lookups.sessions.get(row.session_id)
            return info.title if info else ""
        if key == "due":
            if row.due_date is None:
                return "Chưa có hạn giải quyết"
            info = self.lookups.sessions.get(row.session_id)
            parts = [f"Hạn giải quyết: {format_date(row.due_date)}"]
            if info:
                parts.append(f"Theo: {info.profile_name}")
            if row.due_provisional:
                parts.append("Hạn tạm tính: chưa có thông báo kết luận.")
            label = self.due_state(row).label
            if label:
                parts.append(f"Tình trạng: {label}")
            return "\n".join(parts)
        if key == "times":
            return f"Kiến nghị đã nêu {row.times_raised} lần"
        return self._text(row, key)

    def data(self, index, role=Qt.DisplayRole):
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return self._text(row, column.key)
        if role == Qt.ToolTipRole:
            return self._tooltip(row, column.key)
        if role == PETITION_ID_ROLE:
            return row.id
        if role == Qt.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignVCenter)
        if column.key == "due":
            state = self.due_state(row)
            if role == Qt.ForegroundRole:
                if state is DueState.OVERDUE:
                    return QBrush(OVERDUE_COLOR)
                if state is DueState.DUE_SOON:
                    return QBrush(DUE_SOON_COLOR)
            if role == Qt.BackgroundRole:
                if state is DueState.OVERDUE:
                    return QBrush(OVERDUE_BACKGROUND)
                if state is DueState.DUE_SOON:
                    return QBrush(DUE_SOON_BACKGROUND)
            if role == Qt.FontRole and state in (DueState.OVERDUE, DueState.DUE_SOON):
                font = QFont()
                font.setBold(True)
                return font
        return None

"""The petition lists as a lazy table model: 100,000 petitions open, sort, search and scroll without a freeze.

The model never holds ORM objects. A list is the follow-up service's :class:`~desk_app.services.followup.PetitionList`
(a filter in one order); the model keeps

- the order itself, as one array of petition numbers read in the worker (``PetitionList.ids``: 0.8 MB for
  100,000; ``counted`` tells when it is known, and the total with it);
- the rows, read a page at a time by their numbers when first shown (``PetitionList.rows``), in a small cache:
  a page deep in a sorted list costs what the first one costs, and memory stays bounded.

A list without a search shows its first page at once (an indexed query, migration 0006) and reads the order in
the worker. A search — its words looked up in the index, its names ranked — is read in the worker as a whole:
the rows shown stay those of the previous list until it arrives (``loading``; ``loaded`` when it is on screen),
so typing never blocks the window, whatever the words. Rows grow page by page as the view scrolls
(``fetchMore``); :func:`reach_the_end` makes Ctrl+End reach the real last row. Names of fields, agencies, hamlets
and sessions come from ``followup.list_names``, read once per refresh.

The columns are the page's: the follow-up page shows :data:`COLUMNS`, the Kết luận page its own.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

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


@dataclass(frozen=True)
class Col:
    """A column: the key of what it shows (:meth:`PetitionTableModel._text`), its header, alignment, and the
    list order it sorts by (None: not sortable — names cannot be ordered the Vietnamese way in SQL)."""

    key: str
    header: str
    align: Qt.AlignmentFlag | None = None
    order: str | None = None

    @property
    def sortable(self) -> bool:
        return self.order is not None and self.order in followup.LIST_ORDERS


# the most used first: at 1366×768 they are visible without scrolling
COLUMNS = (
    Col("id", "Số", Qt.AlignRight, "id"),
    Col("citizen", "Người kiến nghị"),
    Col("due", "Hạn giải quyết", None, "due"),
    Col("status", "Trạng thái", None, "status"),
    Col("content", "Nội dung"),
    Col("agency", "Cơ quan chủ trì"),
    Col("field", "Lĩnh vực", None, "field"),
    Col("session", "Hội nghị", None, "session"),
    Col("times", "Số lần nêu", Qt.AlignCenter, "times"),
)
COLUMN_KEYS = [c.key for c in COLUMNS]


def session_short(info: followup.ListSession) -> str:
    return f"{format_date(info.date)} · {Host(info.host).label}"


class PetitionTableModel(QAbstractTableModel):
    """Rows of a :class:`followup.PetitionFilter` in one order: the view grows by :data:`PAGE_SIZE` rows
    (``fetchMore``); the rows themselves are read a page at a time, by number, when first shown."""

    counted = Signal()  # the whole order (and so the total) is known: it was read in the worker
    loaded = Signal()  # a list read in the worker (a search) is on screen

    def __init__(self, ctx, parent=None, columns=COLUMNS):
        super().__init__(parent)
        self.ctx = ctx
        self.columns = tuple(columns)
        self.filter = followup.PetitionFilter()
        self.total = 0  # rows of the list; the first page's size while the order is read
        self.counting = False  # the order of a long list is being read in the worker
        self.loading = False  # a search is being read in the worker (the rows shown are the previous list's)
        self._generation = 0  # which refresh a result of the worker belongs to
        self.loaded_rows = 0  # rows the view has asked for so far (rowCount)
        self._ids = None  # the order: every petition's number (an array), None until read
        self._asked_more = False  # the view asked for more rows while the order was being read
        self._numbers: list[int] | None = None  # the same numbers sorted (the rank of each in its session list)
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
        """Read the list again (after a filter, order or data change): a list without a search shows its first
        page now and reads its order in the worker; a search is read in the worker as a whole."""
        self._generation += 1
        self.today = clock.today()
        column = self.columns[self._sort_column]
        with self.ctx.read_session() as session:
            calendar = load_calendar(session)
            # a calendar learns its working-day tables on first use: keep it while the overrides are the same
            if self._calendar is None or self._calendar.overrides != calendar.overrides:
                self._calendar = calendar
            lookups = followup.list_names(session)
            listing = followup.petition_list(
                session, self.filter, self.today, self._calendar, sort=column.order if column.sortable else "id",
                descending=self._sort_order == Qt.DescendingOrder)
            first = None if followup.search_words(self.filter.search) else listing.page(session, 0, PAGE_SIZE)
        if first is None:
            self.loading = True
            self._read_in_worker(listing, lookups)
            return
        self._show(listing, lookups, first, None)
        if self.counting:
            self._read_in_worker(listing, None)

    def _show(self, listing, lookups, first: list[PetitionRow], ids) -> None:
        self.beginResetModel()
        try:
            self._list, self.lookups = listing, lookups
            self._pages.clear()
            self._pages[0] = first
            self._ids = ids
            self._asked_more = False
            self._numbers = None
            self.counting = ids is None and len(first) == PAGE_SIZE  # a short first page is the whole list
            if ids is None and not self.counting:
                self._ids = [row.id for row in first]
            self.total = len(self._ids) if self._ids is not None else len(first)
            self.loaded_rows = min(self.total, PAGE_SIZE)
        finally:
            self.endResetModel()

    def _read_in_worker(self, listing, lookups) -> None:
        """The order (and, for a search, its first page) in the worker; shown if no newer list was asked for."""
        generation = self._generation

        def read(_progress):
            with self.ctx.read_session() as session:
                ids = listing.ids(session)
                return ids, (listing.rows(session, ids[:PAGE_SIZE]) if lookups is not None else None)

        def done(result) -> None:
            if generation != self._generation:
                return
            ids, first = result
            if lookups is not None:  # a search: the whole list arrives now
                self.loading = False
                self._show(listing, lookups, first, ids)
                self.counted.emit()
                self.loaded.emit()
            elif self.counting:
                self._set_order(ids)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            if lookups is not None:
                self.loading = False
                self.loaded.emit()
                from desk_app.gui.context import show_error

                show_error(None, exc)
            elif self.counting:  # the list still works; its order is read when it is needed
                self.counting = False
                self.counted.emit()

        self.ctx.run_task(self, "", read, done, show_dialog=False, on_error=failed)  # nothing once the page is gone

    def count_now(self) -> None:
        """The whole order at once (a jump far down before the worker has read it)."""
        if self._ids is None and self._list is not None:
            with self.ctx.read_session() as session:
                ids = self._list.ids(session)
            self._generation += 1  # the worker's answer to the same question is not needed any more
            self._set_order(ids)

    def _set_order(self, ids) -> None:
        self.counting = False
        self._ids = ids
        total = len(ids)
        if total < self.loaded_rows:  # rows deleted since the first page was read
            self.beginRemoveRows(QModelIndex(), total, self.loaded_rows - 1)
            self.loaded_rows = total
            self.endRemoveRows()
        self.total = total
        if self._asked_more:
            self._asked_more = False
            self._grow(self.loaded_rows + PAGE_SIZE)
        self.counted.emit()

    def row(self, index: int) -> PetitionRow | None:
        """The row at ``index`` (its page is read on first use)."""
        if not 0 <= index < self.loaded_rows:
            return None
        number, offset = divmod(index, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            self.count_now()
            with self.ctx.read_session() as session:
                page = self._list.rows(session, self._ids[number * PAGE_SIZE:(number + 1) * PAGE_SIZE])
            self._pages[number] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        if offset < len(page) and (self._ids is None or page[offset].id == self._ids[index]):
            return page[offset]
        return next((row for row in page if self._ids is not None and row.id == self._ids[index]), None)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 — Qt's name
        return not parent.isValid() and (self.loaded_rows < self.total or self.counting)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 — Qt's name
        # while the worker reads the order, the view grows only to the rows already known: a view left at the
        # bottom of the previous list asks at once after a new sort, and reading the order here stalled it 0.2 s
        if parent.isValid():
            return
        if self.counting:
            self._asked_more = True  # answered when the order arrives (the view does not ask twice)
            self._grow(min(self.loaded_rows + PAGE_SIZE, self.total))
        else:
            self._grow(self.loaded_rows + PAGE_SIZE)

    def fetch_until(self, row: int) -> None:
        """Make the list long enough to show ``row`` (its page is read when it is painted)."""
        self._grow(row + 1)

    def fetch_all(self) -> None:
        """Make every row reachable (Ctrl+End): the order is read, no row is."""
        self.count_now()
        self._grow(self.total)

    def _grow(self, wanted: int) -> None:
        if wanted > self.total:
            self.count_now()
        wanted = min(wanted, self.total)
        if wanted <= self.loaded_rows:
            return
        self.beginInsertRows(QModelIndex(), self.loaded_rows, wanted - 1)
        self.loaded_rows = wanted
        self.endInsertRows()

    def cached_row(self, petition_id: int) -> int | None:
        """The row of a petition among the pages already read (no query), or None."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == petition_id and number * PAGE_SIZE + offset < self.loaded_rows:
                    return number * PAGE_SIZE + offset
        return None

    def contains(self, petition_id: int) -> bool:
        """Whether the list holds the petition (one indexed query when its order is not known yet)."""
        if self._ids is not None:
            return petition_id in self._ids
        if self._list is None:
            return False
        with self.ctx.read_session() as session:
            return self._list.contains(session, petition_id)

    def locate(self, petition_id: int) -> int | None:
        """The row of a petition in the current list (the list grows to it), or None."""
        cached = self.cached_row(petition_id)
        if cached is not None:
            return cached
        if not self.contains(petition_id):
            return None
        self.count_now()
        try:
            position = self._ids.index(petition_id)
        except ValueError:
            return None
        self.fetch_until(position)
        return position

    def petition_id(self, row: int) -> int | None:
        found = self.row(row)
        return found.id if found else None

    def number(self, row: PetitionRow, position: int | None = None) -> int:
        """The petition's place among the list's petitions by number (1 first): the STT of a session's list
        whatever its order. In the list's own order it is the row's (``position``): nothing is read — reading a
        25,000-petition order here stalled the first paint."""
        from bisect import bisect_left

        listing = self._list
        if position is not None and listing is not None and listing.sort == "id" and not listing.ranked:
            if not listing.descending:
                return position + 1
            if not self.counting:
                return self.total - position
        self.count_now()
        if self._numbers is None:
            self._numbers = sorted(self._ids)
        return bisect_left(self._numbers, row.id) + 1

    # -- sorting (in SQL: the list is never all in memory) -------------------------------------------------
    def is_sortable(self, column: int) -> bool:
        return self.columns[column].sortable

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.is_sortable(column):
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
        return 0 if parent.isValid() else self.loaded_rows

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 — Qt's name
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 — Qt's name
        if orientation != Qt.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.DisplayRole:
            return self.columns[section].header
        if role == Qt.ToolTipRole:
            return "Bấm để sắp xếp theo cột này" if self.columns[section].sortable else "Cột này không sắp xếp được"
        return None

    @property
    def calendar(self):
        return self._calendar

    def due_state(self, row: PetitionRow) -> DueState:
        return due_state(self._calendar, row.due_date, self.today, PetitionStatus(row.status).closed)

    def _text(self, row: PetitionRow, key: str, position: int | None = None) -> str:
        lookups = self.lookups
        if key == "id":
            return str(row.id)
        if key == "number":
            return str(self.number(row, position))
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
        if key == "lead":
            return lookups.agency_names.get(row.lead_agency_id, "")
        if key in ("due", "due_date"):
            text = format_date(row.due_date)
            state = self.due_state(row)
            if key == "due" and state in (DueState.OVERDUE, DueState.DUE_SOON):
                text += f" – {state.label}"
            return text
        if key == "status":
            return PetitionStatus(row.status).label
        if key == "times":
            return str(row.times_raised)
        if key == "concluded":
            return "Có" if row.concluded else "Chưa"
        return ""

    def _tooltip(self, row: PetitionRow, key: str) -> str:
        if key == "session":
            info = self.lookups.sessions.get(row.session_id)
            return info.title if info else ""
        if key in ("due", "due_date"):
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
        if key == "concluded":
            status = PetitionStatus(row.status).label
            return f"Trạng thái: {status}" + ("" if row.concluded else "; chưa có ý kiến kết luận")
        return self._text(row, key)

    def data(self, index, role=Qt.DisplayRole):
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.DisplayRole:
            return self._text(row, column.key, index.row())
        if role == Qt.ToolTipRole:
            return self._tooltip(row, column.key)
        if role == PETITION_ID_ROLE:
            return row.id
        if role == Qt.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignVCenter)
        if column.key == "concluded" and role == Qt.ForegroundRole and not row.concluded:
            return QBrush(OVERDUE_COLOR)
        if column.key in ("due", "due_date"):
            state = self.due_state(row)
            if role == Qt.ForegroundRole:
                if state is DueState.OVERDUE:
                    return QBrush(OVERDUE_COLOR)
                if state is DueState.DUE_SOON:
                    return QBrush(DUE_SOON_COLOR)
            if column.key == "due" and role == Qt.BackgroundRole:
                if state is DueState.OVERDUE:
                    return QBrush(OVERDUE_BACKGROUND)
                if state is DueState.DUE_SOON:
                    return QBrush(DUE_SOON_BACKGROUND)
            if column.key == "due" and role == Qt.FontRole and state in (DueState.OVERDUE, DueState.DUE_SOON):
                font = QFont()
                font.setBold(True)
                return font
        return None


class _ReachTheEnd(QObject):
    """Ctrl+End on a view of a :class:`PetitionTableModel` goes to the real last row of the list (the view alone
    stops at the last row fetched so far): the order is read first, the rows in between are not."""

    def eventFilter(self, view, event) -> bool:  # noqa: N802 — Qt's name
        if event.type() == QEvent.KeyPress and event.key() == Qt.Key_End and event.modifiers() & Qt.ControlModifier:
            model = view.model()
            if isinstance(model, PetitionTableModel):
                model.fetch_all()
        return False  # the view moves there itself


def reach_the_end(view: QAbstractItemView) -> None:
    """Install the Ctrl+End behaviour on ``view`` (kept alive by the view)."""
    view._reach_the_end = _ReachTheEnd(view)
    view.installEventFilter(view._reach_the_end)


def lazy_table(view: QTableView, model: PetitionTableModel, samples: dict[str, str],
               on_sorted: Callable[[], None] | None = None) -> None:
    """Set ``view`` up over ``model``: rows picked, never edited; fixed row heights and column widths (``samples``:
    the text each column is sized for — nothing is measured over 100,000 rows); a click on a header sorts in SQL
    (a column that cannot be sorted keeps the previous order), then ``on_sorted()``; Ctrl+End to the last row."""
    from desk_app.gui.widgets import read_only_table

    read_only_table(view, model, alternate=True, wrap=False)
    reach_the_end(view)
    view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(*model.sort_state)
    metrics = view.fontMetrics()
    for index, column in enumerate(model.columns):
        view.setColumnWidth(index, metrics.horizontalAdvance(samples.get(column.key, column.header)) + 24)

    def sort_changed(column: int, order) -> None:
        if not model.is_sortable(column):
            previous, previous_order = model.sort_state
            header.blockSignals(True)
            header.setSortIndicator(previous, previous_order)
            header.blockSignals(False)
            return
        model.sort(column, order)
        if on_sorted is not None:
            on_sorted()

    header.sortIndicatorChanged.connect(sort_changed)

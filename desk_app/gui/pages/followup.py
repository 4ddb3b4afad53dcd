"""Theo dõi kiến nghị: every petition with filters and an accent-insensitive search, due dates coloured,
the full history of the selected one, and the follow-up actions (assign, extend, resolve, transfer upward,
not in competence, reopen) with the letters to the citizen.

The list is a lazy model (:mod:`desk_app.gui.petition_model`); every rule — filters, transitions,
deadlines, letters — is the follow-up service's and the export's, this page only asks them.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QGridLayout, QLabel, QMenu, QPushButton,
                               QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget)

from desk_app.domain import clock
from desk_app.domain.errors import DeskAppError
from desk_app.domain.states import PETITION_TRANSITIONS, Host, PetitionStatus
from desk_app.domain.validation import MAX_SEARCH, format_date
from desk_app.gui.export_actions import export_letter
from desk_app.gui.context import Page, ask, show_error, show_info
from desk_app.gui.forms import open_dialog
from desk_app.gui.pages.followup_dialogs import ACTIONS as ACTION_DIALOGS
from desk_app.gui.pages.petition_detail import petition_html
from desk_app.gui.petition_model import PetitionTableModel, lazy_table
from desk_app.gui.common import load_ui
from desk_app.gui.widgets import fill_combo, page_heading, select_data
from desk_app.services import followup, sessions

OPEN_ONLY = "__open__"  # the status combo's "not finished yet" choice (PetitionFilter.open_only)
SEARCH_DELAY_MS = 250

# action key, button text (with its Alt mnemonic), tooltip
ACTIONS = (
    ("assign", "&Giao giải quyết", "Giao cơ quan chủ trì và cơ quan phối hợp giải quyết (Alt+G)"),
    ("extend", "Gi&a hạn", "Gia hạn thời gian giải quyết, thông báo cho công dân bằng văn bản (Alt+A)"),
    ("resolve", "Kết quả, trả lời (&Y)", "Ghi kết quả giải quyết và văn bản trả lời công dân; chỉ khi có văn bản "
                                            "trả lời, kiến nghị mới là đã trả lời (Alt+Y)"),
    ("transfer", "Chuyển cấ&p trên", "Đề nghị cấp trên giải quyết (Alt+P)"),
    ("not_competent", "&Không thuộc thẩm quyền", "Không thuộc thẩm quyền của xã; hướng dẫn công dân (Alt+K)"),
    ("reopen", "Mở &lại", "Mở lại kiến nghị đã kết thúc, ghi rõ lý do (Alt+L)"),
)
LETTERS = (("reply", "Văn bản &trả lời kiến nghị…"), ("extension", "Văn bản thông báo &gia hạn…"))
# what each column of the list is sized for
COLUMN_SAMPLES = {"id": "00000", "session": "00/00/0000 · Liên tịch", "citizen": "Nguyễn Thị Phương Thảo",
                  "content": "Nội dung kiến nghị của công dân", "field": "Giao thông, hạ tầng",
                  "agency": "Phòng Kinh tế thuộc UBND", "due": "00/00/0000 – sắp đến hạn",
                  "status": "Không thuộc thẩm quyền", "times": "Số lần nêu"}


class ActionGrid(QWidget):
    """The action buttons in two columns, or in one when two do not fit (a narrow window, a large font): no
    button is cut or pushed out of the window."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._buttons: list[QPushButton] = []
        self._wide: QPushButton | None = None
        self._columns = 0

    def set_buttons(self, buttons: list[QPushButton], wide: QPushButton) -> None:
        self._buttons, self._wide = buttons, wide
        self._arrange(2)

    def _pair_width(self) -> int:
        widest = max(b.sizeHint().width() for b in self._buttons)
        return 2 * widest + self._grid.horizontalSpacing()

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in [*self._buttons, self._wide]:
            self._grid.removeWidget(button)
        for index, button in enumerate(self._buttons):
            self._grid.addWidget(button, index // columns, index % columns)
        self._grid.addWidget(self._wide, (len(self._buttons) + columns - 1) // columns, 0, 1, columns)
        self.updateGeometry()

    def minimumSizeHint(self):  # noqa: N802 — Qt's name
        hint = super().minimumSizeHint()
        hint.setWidth(max(b.sizeHint().width() for b in self._buttons) if self._buttons else hint.width())
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 — Qt's name
        if self._buttons:
            self._arrange(2 if event.size().width() >= self._pair_width() else 1)
        super().resizeEvent(event)


class FollowUpPage(Page):
    key = "followup"
    title = "Theo dõi kiến nghị"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.current_id: int | None = None
        self._current_status: PetitionStatus | None = None
        self._first_load = True
        self._this_year = True  # the first reload shows this year
        self.dialog: QDialog | None = None  # the open action dialog (tests drive it)

        self.filters = load_ui("followup_filters", self)
        grid = self.filters.layout()
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 2)
        self.search = self.filters.searchEdit
        self.search.setMaxLength(MAX_SEARCH)  # a pasted page of text is cut to what a search needs
        self.year_combo = self.filters.yearCombo
        self.session_combo = self.filters.sessionCombo
        self.field_combo = self.filters.fieldCombo
        self.agency_combo = self.filters.agencyCombo
        self.status_combo = self.filters.statusCombo
        self.count_label = self.filters.countLabel
        for combo in (self.year_combo, self.session_combo, self.field_combo, self.agency_combo, self.status_combo):
            # as wide as their names when there is room, a few letters when there is not: the page fits
            # 1366×768 at 125 % with the largest font (the open list still shows whole names)
            combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance("0000") + 40)

        self.model = PetitionTableModel(ctx, self)
        self.model.counted.connect(self._counted)
        self.model.loaded.connect(self._follow_list)
        self._pending_id: int | None = None  # in the list but not on its first page: selected once its row is known
        self.table = QTableView(self)
        self.table.setObjectName("petitionTable")
        self.table.setAccessibleName("Danh sách kiến nghị")
        lazy_table(self.table, self.model, COLUMN_SAMPLES, self._sorted)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("petitionDetail")
        self.detail.setAccessibleName("Chi tiết kiến nghị")
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText("Chọn một kiến nghị để xem chi tiết.")

        self.action_buttons: dict[str, QPushButton] = {}
        actions = ActionGrid(self)
        for key, text, tip in ACTIONS:
            widget = QPushButton(text, actions)
            widget.setObjectName(f"action_{key}")
            widget.setToolTip(tip)
            widget.clicked.connect(lambda _checked=False, k=key: self.open_action(k))
            self.action_buttons[key] = widget
        self.letter_button = QPushButton("Xuất văn &bản", actions)
        self.letter_button.setObjectName("letterButton")
        self.letter_button.setToolTip("Xuất văn bản trả lời hoặc văn bản thông báo gia hạn cho công dân (Alt+B)")
        menu = QMenu(self.letter_button)
        self.letter_actions = {}
        for kind, text in LETTERS:
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=kind: self.export_letter(k))
            self.letter_actions[kind] = action
        self.letter_button.setMenu(menu)
        actions.set_buttons([*self.action_buttons.values()], self.letter_button)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        detail_title = QLabel("Chi tiết và lịch sử xử lý", right)
        detail_title.setStyleSheet("font-weight: bold")
        right_layout.addWidget(detail_title)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(actions)

        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title, self))
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filters.clearButton, self.table)
        self.setTabOrder(self.table, self.detail)
        previous = self.detail
        for key, *_rest in ACTIONS:
            self.setTabOrder(previous, self.action_buttons[key])
            previous = self.action_buttons[key]
        self.setTabOrder(previous, self.letter_button)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        for combo in (self.session_combo, self.field_combo, self.agency_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filter())
        for check in (self.filters.overdueCheck, self.filters.dueSoonCheck, self.filters.repeatedCheck):
            check.toggled.connect(lambda _on: self.apply_filter())
        self.filters.clearButton.clicked.connect(self.clear_filters)
        find = QShortcut(QKeySequence.Find, self)
        find.setContext(Qt.WidgetWithChildrenShortcut)
        find.activated.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self._filling = False
        self._update_actions()

    # -- filters -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self._filling = True
        try:
            with self.ctx.session() as session:
                choices = followup.filter_choices(session)
            wanted_year = self.year_combo.currentData()
            if self._this_year:  # this year's petitions; early in a year, the last year that has some
                this_year = clock.today().year
                wanted_year = this_year if this_year in choices.petition_years else \
                    max(choices.petition_years, default=None)
            fill_combo(self.year_combo, [(str(y), y) for y in choices.years], "Tất cả các năm", select=wanted_year,
                       quiet=True)
            fill_combo(self.field_combo, [(name, i) for i, name in choices.fields], "Tất cả lĩnh vực",
                       select=self.field_combo.currentData(), quiet=True)
            fill_combo(self.agency_combo, [(name, i) for i, name in choices.agencies], "Tất cả cơ quan",
                       select=self.agency_combo.currentData(), quiet=True)
            statuses = [("Chưa giải quyết xong", OPEN_ONLY)] + [(s.label, s.value) for s in PetitionStatus]
            fill_combo(self.status_combo, statuses, "Tất cả trạng thái", select=self.status_combo.currentData(),
                       quiet=True)
            self._fill_sessions()
        finally:
            self._filling = False
        self._this_year = False
        self.apply_filter(relocate=True)

    def _fill_sessions(self) -> None:
        with self.ctx.session() as session:
            rows = [(ds.id, f"{format_date(ds.session_date)} · {Host(ds.host).label}", ds.title)
                    for ds in sessions.list_sessions(session, self.year_combo.currentData())]
        fill_combo(self.session_combo, [(text, i) for i, text, _t in rows], "Tất cả hội nghị",
                   select=self.session_combo.currentData(), tooltips={i: title for i, _text, title in rows},
                   quiet=True)

    def _year_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._fill_sessions()
        self.apply_filter()

    def current_filter(self) -> followup.PetitionFilter:
        status = self.status_combo.currentData()
        return followup.PetitionFilter(
            year=self.year_combo.currentData(), session_id=self.session_combo.currentData(),
            field_id=self.field_combo.currentData(), agency_id=self.agency_combo.currentData(),
            status=None if status in (None, OPEN_ONLY) else status, open_only=status == OPEN_ONLY,
            overdue=self.filters.overdueCheck.isChecked(), due_soon=self.filters.dueSoonCheck.isChecked(),
            repeated=self.filters.repeatedCheck.isChecked(), search=self.search.text())

    def _show_count(self) -> None:
        total = self.model.total
        if self.model.loading:
            self.count_label.setText("Đang tìm…")
        elif self.model.counting:
            self.count_label.setText(f"Hơn {total} kiến nghị (đang đếm…)")
        else:
            self.count_label.setText(f"{total:,} kiến nghị".replace(",", ".") if total else "Không có kiến nghị nào")

    def apply_filter(self, *, relocate: bool = False) -> None:
        """Read the list again with the filters shown; the selected petition stays selected only if the list
        still holds it (after a data change it is looked for in the whole list)."""
        if self._filling:
            return
        self._search_timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except DeskAppError as exc:
            show_error(self, exc)
            return
        self._show_count()
        if not self.model.loading:  # a search is on screen when it arrives (model.loaded)
            self._follow_list(relocate=relocate)

    def _follow_list(self, *, relocate: bool = False) -> None:
        """The detail pane and the actions follow the list: the selected petition is selected again where it
        is now, or, when the list does not hold it any more, nothing is selected and no action can reach it."""
        self._show_count()
        self._pending_id = None
        if self.current_id is None:
            return
        row = self.model.locate(self.current_id) if relocate else self.model.cached_row(self.current_id)
        if row is not None:
            self._select_row(row)
        elif not relocate and self.model.counting and self.model.contains(self.current_id):
            self._pending_id = self.current_id  # further down: selected when the list's order is known
            self.show_detail(self.current_id)
        else:
            self.table.clearSelection()
            self.show_detail(None)

    def _counted(self) -> None:
        self._show_count()
        pending, self._pending_id = self._pending_id, None
        if pending is not None and pending == self.current_id:
            row = self.model.locate(pending)
            if row is not None:
                self._select_row(row)
            else:
                self.show_detail(None)

    def clear_filters(self) -> None:
        self._filling = True
        try:
            self.search.clear()
            for combo in (self.year_combo, self.session_combo, self.field_combo, self.agency_combo,
                          self.status_combo):
                combo.setCurrentIndex(0)
            for check in (self.filters.overdueCheck, self.filters.dueSoonCheck, self.filters.repeatedCheck):
                check.setChecked(False)
            self._fill_sessions()
        finally:
            self._filling = False
        self.apply_filter()

    def _sorted(self) -> None:
        if self.model.loading:  # a search: selected again when it arrives
            return
        if self.model.counting:
            # the new order is read in the worker: the petition is found on the first page or once it arrives
            # (reading 100,000 numbers here stalled the window 0.2 s)
            self._follow_list()
        elif self.current_id is not None:
            self.select_petition(self.current_id)

    # -- selection and detail --------------------------------------------------------------------------------
    def activate(self, arg: object = None) -> None:
        if self._first_load:
            # the page is on screen at once; its lists are read in the next turn of the event loop (two short
            # steps of the window instead of one long one)
            self._stale = False
            self._first_load = False
            self.loading = True
            QTimer.singleShot(0, lambda: self._load_first(arg))
            return
        super().activate(arg)
        if isinstance(arg, int) and not isinstance(arg, bool):
            self.show_petition(arg)

    def _load_first(self, arg: object) -> None:
        self._this_year = True
        self.reload()
        self.loading = False
        self.loaded.emit()
        if isinstance(arg, int) and not isinstance(arg, bool):
            self.show_petition(arg)

    def show_petition(self, petition_id: int) -> bool:
        """Select a petition (the dashboard opens one); widen the filter to its year if it is hidden."""
        if self.select_petition(petition_id):
            return True
        with self.ctx.session() as session:
            year = followup.petition_year(session, petition_id)
        if year is None:
            show_info(self, f"Không tìm thấy kiến nghị số {petition_id}.")
            return False
        self.clear_filters()
        self._filling = True
        select_data(self.year_combo, year)
        self._fill_sessions()
        self._filling = False
        self.apply_filter()
        return self.select_petition(petition_id)

    def select_petition(self, petition_id: int) -> bool:
        row = self.model.locate(petition_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        petition_id = self.model.petition_id(row)
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.scrollTo(index, QAbstractItemView.PositionAtCenter)
        if self.current_id != petition_id or not self.detail.toPlainText():
            self.show_detail(petition_id)

    def _row_changed(self, current, _previous) -> None:
        petition_id = self.model.petition_id(current.row()) if current.isValid() else None
        if petition_id is not None:
            self.show_detail(petition_id)

    def show_detail(self, petition_id: int | None) -> None:
        self.current_id = petition_id
        self._current_status = None
        if petition_id is None:
            self.detail.clear()
        else:
            try:
                with self.ctx.session() as session:
                    detail = followup.petition_detail(session, petition_id, clock.today(), self.model.calendar)
            except DeskAppError:  # deleted meanwhile (another clerk)
                self.current_id = None
                self.detail.clear()
            else:
                self.detail.setHtml(petition_html(detail))
                self._current_status = PetitionStatus(detail.status_code)
        self._update_actions()

    def _update_actions(self) -> None:
        status = self._current_status
        allowed = PETITION_TRANSITIONS[status] if status is not None else frozenset()
        enabled = {
            "assign": status is not None and not status.closed,
            "extend": status is not None and not status.closed,
            "resolve": PetitionStatus.RESOLVED in allowed,
            "transfer": PetitionStatus.TRANSFERRED in allowed,
            "not_competent": PetitionStatus.NOT_COMPETENT in allowed,
            "reopen": status is not None and status.closed and PetitionStatus.IN_PROGRESS in allowed,
        }
        for key, widget in self.action_buttons.items():
            widget.setEnabled(enabled[key])
        self.letter_button.setEnabled(status is not None)

    # -- actions ----------------------------------------------------------------------------------------------
    def open_action(self, kind: str) -> QDialog | None:
        """Open the dialog of a follow-up action on the selected petition (window-modal, not blocking); once
        it is done the letter to the citizen it calls for is offered."""
        if self.current_id is None:
            return None
        try:
            dialog = ACTION_DIALOGS[kind](self.ctx, self.current_id, self)
        except DeskAppError as exc:  # deleted meanwhile (another clerk)
            show_error(self, exc)
            return None
        dialog.reloaded.connect(self.show_detail)
        dialog.refused.connect(self._refused)

        def done(_dialog) -> None:
            self.changed("petitions")
            self.apply_filter(relocate=True)  # the list shows the new status too
            self.show_detail(dialog.petition_id)
            if dialog.letter is not None and ask(self, dialog.letter[1], "Xuất văn bản"):
                self.export_letter(dialog.letter[0], dialog.petition_id)

        open_dialog(self, dialog, done)
        return dialog

    def _refused(self, petition_id: int) -> None:
        """Another clerk saved the petition first: the list and the detail show it as it is now."""
        self.apply_filter(relocate=True)
        if self.current_id == petition_id:
            self.show_detail(petition_id)

    # -- letters to the citizen -------------------------------------------------------------------------------
    def export_letter(self, kind: str, petition_id: int | None = None) -> None:
        """Export the reply or extension letter of a petition (in the worker), then offer to open it."""
        petition_id = petition_id or self.current_id
        if petition_id is None:
            return
        try:
            with self.ctx.session() as session:
                citizen = followup.petition_detail(session, petition_id).citizen
        except DeskAppError as exc:
            show_error(self, exc)
            return
        export_letter(self, self.ctx, kind, petition_id, citizen)

"""Theo dõi kiến nghị: every petition with filters and an accent-insensitive search, due dates coloured,
the full history of the selected one, and the follow-up actions (assign, extend, resolve, transfer upward,
not in competence, reopen) with the letters to the citizen.

The list is a lazy model (:mod:`desk_app.gui.petition_model`); every rule — filters, transitions,
deadlines, letters — is the follow-up service's and the export's, this page only asks them.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QItemSelectionModel, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog, QGridLayout, QHeaderView,
                               QLabel, QListWidgetItem, QMenu, QPushButton, QSplitter, QTableView, QTextBrowser,
                               QVBoxLayout, QWidget)
from sqlalchemy import select

from desk_app.documents.kinds import KIND_LABELS
from desk_app.domain import clock
from desk_app.domain.deadlines import DueState, due_state
from desk_app.domain.errors import ConflictError, DeskAppError, ValidationError
from desk_app.domain.states import PETITION_TRANSITIONS, Host, PetitionStatus
from desk_app.domain.official import reference
from desk_app.domain.validation import MAX_SEARCH, format_date
from desk_app.domain.validation import parse_document_number as register_number
from desk_app.gui.common import FieldErrors, after_export, collator, load_ui, pydate, qdate, save_file
from desk_app.gui.context import Page, ask, show_error, show_info
from desk_app.gui.petition_model import COLUMN_KEYS, PetitionTableModel
from desk_app.gui.stale import offer_reload
from desk_app.services import followup, register, workdays
from desk_app.services.common import commune, get, load_calendar
from desk_app.store import models as m

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


def _e(value) -> str:
    return html.escape(str(value or ""))


def _multiline(value: str) -> str:
    return "<br>".join(_e(line) for line in (value or "").splitlines())


def _address(p: m.Petition) -> str:
    hamlet = p.hamlet.name if p.hamlet else ""
    if hamlet and hamlet not in p.address:
        return ", ".join(x for x in (hamlet, p.address) if x)
    return p.address or hamlet


def petition_html(session, petition_id: int, today: dt.date, calendar=None) -> str:
    """The detail pane: the petition, its deadline, extensions, coordinators and full status history."""
    p = get(session, m.Petition, petition_id)
    ds = p.session
    status = PetitionStatus(p.status)
    state = due_state(calendar or load_calendar(session), p.due_date, today, status.closed)
    rows: list[tuple[str, str]] = [
        ("Người kiến nghị", _e(p.citizen_name)),
        ("Địa chỉ", _e(_address(p))),
        ("Lĩnh vực", _e(p.field.name if p.field else "")),
        ("Hội nghị", f"{_e(ds.title)} ({format_date(ds.session_date)})"),
        ("Nội dung", _multiline(p.content)),
        ("Ý kiến kết luận", _multiline(p.conclusion)),
        ("Cơ quan chủ trì", _e(p.lead_agency.name if p.lead_agency else "Chưa giao")),
        ("Cơ quan phối hợp", _e("; ".join(c.agency.name for c in p.coordinators)) or "Không có"),
    ]
    if p.complex_case:
        rows.append(("Vụ việc phức tạp", "Có"))
    detail = followup.petition_detail(session, petition_id)
    if p.due_date is not None:
        source = {followup.DUE_COMPUTED: f"theo {_e(ds.profile.name)}", followup.DUE_OVERRIDDEN: "đã điều chỉnh",
                  followup.DUE_EXTENDED: "đã gia hạn"}[detail.due_source]
        due = f"{format_date(p.due_date)} ({source})"
        if (calendar or load_calendar(session)).is_provisional(p.due_date):
            due += " – dự kiến: lịch nghỉ năm này chưa được công bố"
        if p.due_provisional:
            due += " – tạm tính, chưa có thông báo kết luận"
        if detail.due_source == followup.DUE_OVERRIDDEN:
            due += f"<br>Lý do điều chỉnh: {_e(p.due_override_reason)}"
        if state in (DueState.OVERDUE, DueState.DUE_SOON):
            color = "#b00020" if state is DueState.OVERDUE else "#9a5b00"
            due = f'<span style="color:{color}; font-weight:bold">{due} – {state.label}</span>'
        rows.append(("Hạn giải quyết", due))
    if p.times_raised > 1:
        earlier = [f"số {e.id} ({format_date(e.session.session_date)}, {_e(PetitionStatus(e.status).label)})"
                   for e in followup.chain(p)[:-1]]
        rows.append(("Số lần nêu", f"{p.times_raised} lần" + (f" – trước đó: {'; '.join(earlier)}" if earlier else "")))
    if p.resolution:
        rows.append(("Kết quả giải quyết", _multiline(p.resolution)))
    if p.resolved_date:
        rows.append(("Ngày có kết quả", format_date(p.resolved_date)))
    if detail.result_unanswered:
        rows.append(("Trả lời công dân", '<span style="color:#9a5b00; font-weight:bold">Đã có kết quả, chưa trả lời '
                                         "công dân bằng văn bản</span>"))
    if p.reply_date:
        rows.append(("Văn bản trả lời", _e(" ".join(x for x in (
            f"số {detail.reply_reference}" if detail.reply_reference else "",
            f"ngày {format_date(p.reply_date)}") if x))))
    if p.citizen_informed_date:
        rows.append(("Công dân nhận trả lời", format_date(p.citizen_informed_date)))
    if detail.on_time is not None:
        rows.append(("Kết quả", "Trả lời đúng hạn" if detail.on_time else
                     '<span style="color:#b00020; font-weight:bold">Trả lời quá hạn</span>'))
    if p.transferred_to:
        document = register.reference(p.transfer_document)
        rows.append(("Đã chuyển đến", _e(p.transferred_to) + (f" (văn bản số {_e(document)})" if document else "")))

    parts = [f"<h3>Kiến nghị số {p.id} – {_e(status.label)}</h3>", '<table cellspacing="0" cellpadding="3">']
    parts += [f'<tr><td valign="top"><b>{label}:</b></td><td valign="top">{value}</td></tr>'
              for label, value in rows]
    parts.append("</table>")
    if p.extensions:
        parts.append("<h4>Gia hạn</h4>")
        parts.append('<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr><th>Hạn cũ</th>'
                     "<th>Hạn mới</th><th>Lý do</th><th>Báo công dân</th><th>Số văn bản</th><th>Hiệu lực</th></tr>")
        for x in p.extensions:
            validity = "Có" if x.valid else '<span style="color:#b00020">Không (thông báo sau thời hạn)</span>'
            parts.append(f"<tr><td>{format_date(x.previous_due)}</td><td>{format_date(x.new_due)}</td>"
                         f"<td>{_multiline(x.reason)}</td><td>{format_date(x.citizen_notified_date)}</td>"
                         f"<td>{_e(register.reference(x.letter_document))}</td><td>{validity}</td></tr>")
        parts.append("</table>")
    parts.append("<h4>Lịch sử xử lý</h4>")
    parts.append('<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr><th>Thời điểm</th>'
                 "<th>Trạng thái</th><th>Người thực hiện</th><th>Ghi chú</th></tr>")
    for change in p.history:
        before = PetitionStatus(change.from_status).label if change.from_status else ""
        after = PetitionStatus(change.to_status).label
        moved = after if not before or before == after else f"{before} → {after}"
        parts.append(f"<tr><td>{change.changed_at:%d/%m/%Y %H:%M}</td><td>{_e(moved)}</td>"
                     f"<td>{_e(change.changed_by)}</td><td>{_multiline(change.note)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


class FollowUpPage(Page):
    key = "followup"
    title = "Theo dõi kiến nghị"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.current_id: int | None = None
        self._current_status: PetitionStatus | None = None
        self._first_load = True
        self.dialog: QDialog | None = None  # the open action dialog (tests drive it)

        self.filters = load_ui("followup_filters", self)
        grid = self.filters.layout()
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 1)
        self.search = self.filters.searchEdit
        self.search.setMaxLength(MAX_SEARCH)  # a pasted page of text is cut to what a search needs
        self.year_combo = self.filters.yearCombo
        self.session_combo = self.filters.sessionCombo
        self.field_combo = self.filters.fieldCombo
        self.agency_combo = self.filters.agencyCombo
        self.status_combo = self.filters.statusCombo
        self.count_label = self.filters.countLabel

        self.model = PetitionTableModel(ctx, self)
        self.model.counted.connect(self._show_count)
        self.table = QTableView(self)
        self.table.setObjectName("petitionTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Danh sách kiến nghị")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # fixed row heights and column widths: nothing is measured over 100,000 rows
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self._size_columns()
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("petitionDetail")
        self.detail.setAccessibleName("Chi tiết kiến nghị")
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText("Chọn một kiến nghị để xem chi tiết.")

        self.action_buttons: dict[str, QPushButton] = {}
        actions = QWidget(self)
        action_grid = QGridLayout(actions)
        action_grid.setContentsMargins(0, 0, 0, 0)
        for index, (key, text, tip) in enumerate(ACTIONS):
            widget = QPushButton(text, actions)
            widget.setObjectName(f"action_{key}")
            widget.setToolTip(tip)
            widget.clicked.connect(lambda _checked=False, k=key: self.open_action(k))
            action_grid.addWidget(widget, index // 2, index % 2)
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
        action_grid.addWidget(self.letter_button, len(ACTIONS) // 2, 0, 1, 2)

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
        heading = QLabel(self.title, self)
        heading.setStyleSheet("font-size: 14pt; font-weight: bold")
        layout.addWidget(heading)
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

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        samples = {"id": "00000", "session": "00/00/0000 · Liên tịch", "citizen": "Nguyễn Thị Phương Thảo",
                   "content": "Nội dung kiến nghị của công dân", "field": "Giao thông, hạ tầng",
                   "agency": "Phòng Kinh tế thuộc UBND", "due": "00/00/0000 – sắp đến hạn",
                   "status": "Không thuộc thẩm quyền", "times": "Số lần nêu"}
        for column, key in enumerate(COLUMN_KEYS):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(samples[key]) + 24)

    # -- filters -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self._filling = True
        try:
            with self.ctx.session() as session:
                petition_years = set(session.scalars(select(m.Petition.year).distinct()))
                years = sorted(petition_years | set(session.scalars(select(m.DialogueSession.year).distinct())),
                               reverse=True)
                fields = list(session.execute(select(m.Field.id, m.Field.name).order_by(m.Field.position)))
                agencies = list(session.execute(select(m.Agency.id, m.Agency.name)))
            wanted_year = self.year_combo.currentData()
            if self._first_load:  # this year's petitions; early in a year, the last year that has some
                this_year = clock.today().year
                wanted_year = this_year if this_year in petition_years else max(petition_years, default=None)
            self._fill(self.year_combo, "Tất cả các năm", [(y, str(y)) for y in years], wanted_year)
            self._fill(self.field_combo, "Tất cả lĩnh vực", fields, self.field_combo.currentData())
            order = collator()
            agencies.sort(key=lambda row: order.sortKey(row[1]))
            self._fill(self.agency_combo, "Tất cả cơ quan", agencies, self.agency_combo.currentData())
            statuses = [(OPEN_ONLY, "Chưa giải quyết xong")] + [(s.value, s.label) for s in PetitionStatus]
            self._fill(self.status_combo, "Tất cả trạng thái", statuses, self.status_combo.currentData())
            self._fill_sessions()
        finally:
            self._filling = False
        self._first_load = False
        self.apply_filter(relocate=True)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items, wanted, tooltips: dict | None = None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value, text in items:
            combo.addItem(text, value)
            if tooltips and value in tooltips:
                combo.setItemData(combo.count() - 1, tooltips[value], Qt.ToolTipRole)
        index = combo.findData(wanted) if wanted is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _fill_sessions(self) -> None:
        year = self.year_combo.currentData()
        with self.ctx.session() as session:
            query = select(m.DialogueSession).order_by(m.DialogueSession.planned_start)
            if year is not None:
                query = query.where(m.DialogueSession.year == year)
            rows = [(ds.id, f"{format_date(ds.session_date)} · {Host(ds.host).label}", ds.title)
                    for ds in session.scalars(query)]
        self._fill(self.session_combo, "Tất cả hội nghị", [(i, text) for i, text, _t in rows],
                   self.session_combo.currentData(), {i: title for i, _text, title in rows})

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
        if self.model.counting:
            self.count_label.setText(f"Hơn {total} kiến nghị (đang đếm…)")
        else:
            self.count_label.setText(f"{total:,} kiến nghị".replace(",", ".") if total else "Không có kiến nghị nào")

    def apply_filter(self, *, relocate: bool = False) -> None:
        if self._filling:
            return
        self._search_timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except DeskAppError as exc:
            show_error(self, exc)
            return
        self._show_count()
        row = None
        if self.current_id is not None:
            # after a data change the selected petition is looked for in the whole list; after a new filter
            # only on the first page, so that typing in the search box stays quick on a big database
            row = self.model.locate(self.current_id) if relocate else self.model.cached_row(self.current_id)
        if row is not None:
            self._select_row(row)
        else:
            self.show_detail(self.current_id)

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

    def _sort_changed(self, column: int, order) -> None:
        if not self.model.is_sortable(column):
            # names cannot be ordered the Vietnamese way in SQL: keep the previous order and say so
            previous, previous_order = self.model.sort_state
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(previous, previous_order)
            header.blockSignals(False)
            return
        self.model.sort(column, order)
        if self.current_id is not None:
            self.select_petition(self.current_id)

    # -- selection and detail --------------------------------------------------------------------------------
    def activate(self, arg: object = None) -> None:
        super().activate(arg)
        if isinstance(arg, int) and not isinstance(arg, bool):
            self.show_petition(arg)

    def show_petition(self, petition_id: int) -> bool:
        """Select a petition (the dashboard opens one); widen the filter to its year if it is hidden."""
        if self.select_petition(petition_id):
            return True
        with self.ctx.session() as session:
            row = session.get(m.Petition, petition_id)
            year = row.year if row is not None else None
        if year is None:
            show_info(self, f"Không tìm thấy kiến nghị số {petition_id}.")
            return False
        self.clear_filters()
        self._filling = True
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(year), 0))
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
                    self.detail.setHtml(petition_html(session, petition_id, clock.today(), self.model.calendar))
                    self._current_status = PetitionStatus(session.get(m.Petition, petition_id).status)
            except DeskAppError:  # deleted meanwhile (another clerk)
                self.current_id = None
                self.detail.clear()
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
        """Open the dialog of a follow-up action on the selected petition (window-modal, not blocking)."""
        if self.current_id is None:
            return None
        petition_id = self.current_id
        dialog = load_ui(f"followup_{kind}", self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        try:
            with self.ctx.session() as session:
                petition = get(session, m.Petition, petition_id)
                content = " ".join(petition.content.split())
                if len(content) > 300:
                    content = content[:300].rstrip() + "…"
                dialog.petitionLabel.setText(f"<b>Kiến nghị số {petition.id}</b> – {_e(petition.citizen_name)}: "
                                             f"{_e(content)}")
                dialog.base_version = petition.version  # the action is refused if another clerk saved meanwhile
                self._today_in_dates(dialog)
                getattr(self, f"_prepare_{kind}")(session, dialog, petition)
        except DeskAppError as exc:
            dialog.deleteLater()
            show_error(self, exc)
            return None
        labels = {label.objectName().removeprefix("error_"): label for label in dialog.findChildren(QLabel)
                  if label.objectName().startswith("error_")}
        errors = FieldErrors(labels)
        perform = getattr(self, f"_perform_{kind}")
        dialog.buttons.accepted.connect(lambda: self._submit(dialog, errors, perform, petition_id, kind))
        dialog.buttons.rejected.connect(dialog.reject)
        dialog.adjustSize()
        self.dialog = dialog
        dialog.open()
        return dialog

    @staticmethod
    def _today_in_dates(dialog: QDialog) -> None:
        """Dates start on today; an optional date is enabled by the check box before it."""
        for edit in dialog.findChildren(QDateEdit):
            edit.setDate(qdate(clock.today()))
        for check in dialog.findChildren(QCheckBox):
            partner = dialog.findChild(QDateEdit, check.objectName().removesuffix("Check") + "Edit")
            if partner is not None:
                check.toggled.connect(partner.setEnabled)
                partner.setEnabled(check.isChecked())

    def _submit(self, dialog: QDialog, errors: FieldErrors, perform: Callable, petition_id: int, kind: str) -> None:
        try:
            with self.ctx.session() as session:
                offer_letter = perform(session, dialog, petition_id) is not False
        except ValidationError as exc:
            rest = errors.show(exc.errors)
            if rest:
                show_error(dialog, DeskAppError("\n".join(rest)))
            return
        except ConflictError as exc:
            # another clerk saved the petition after this dialog opened: nothing is overwritten, the dialog
            # stays open with what was typed; on request the newest copy is shown behind it, and the action
            # can then be confirmed on it
            if offer_reload(dialog, exc):
                with self.ctx.session() as session:
                    dialog.base_version = get(session, m.Petition, petition_id).version
                self.ctx.changed("petitions")
                self.show_detail(petition_id)
            return
        except Exception as exc:  # noqa: BLE001 — a Vietnamese message, never a traceback
            show_error(dialog, exc)
            return
        dialog.accept()
        self.dialog = None
        self.ctx.changed("petitions")
        self.show_detail(petition_id)
        offers = {
            "extend": ("extension", "Đã gia hạn. Xuất ngay văn bản thông báo gia hạn gửi công dân?"),
            "resolve": ("reply", "Đã ghi kết quả giải quyết. Xuất ngay văn bản trả lời công dân?"),
            "not_competent": ("reply", "Đã ghi nhận. Xuất ngay văn bản trả lời, hướng dẫn công dân?"),
        }
        if offer_letter and kind in offers and ask(self, offers[kind][1], "Xuất văn bản"):
            self.export_letter(offers[kind][0], petition_id)

    # each action: _prepare_<kind>(session, dialog, petition) fills the form; _perform_<kind> calls the service
    def _agencies(self, session) -> list[m.Agency]:
        order = collator()
        return sorted(session.scalars(select(m.Agency)), key=lambda a: order.sortKey(a.name))

    def _prepare_assign(self, session, dialog, petition) -> None:
        coordinators = {c.agency_id for c in petition.coordinators}
        dialog.leadCombo.addItem("— Chọn cơ quan chủ trì —", None)
        for agency in self._agencies(session):
            if agency.active or agency.id == petition.lead_agency_id or agency.id in coordinators:
                dialog.leadCombo.addItem(agency.name, agency.id)
                item = QListWidgetItem(agency.name, dialog.coordinatorsList)
                item.setData(Qt.UserRole, agency.id)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if agency.id in coordinators else Qt.Unchecked)
        dialog.leadCombo.setCurrentIndex(max(dialog.leadCombo.findData(petition.lead_agency_id), 0))

    def _perform_assign(self, session, dialog, petition_id) -> None:
        items = [dialog.coordinatorsList.item(i) for i in range(dialog.coordinatorsList.count())]
        coordinators = [item.data(Qt.UserRole) for item in items if item.checkState() == Qt.Checked]
        followup.assign(session, petition_id, dialog.leadCombo.currentData(), coordinators, dialog.noteEdit.text(),
                        expected_version=dialog.base_version)

    def _prepare_extend(self, session, dialog, petition) -> None:
        due = petition.due_date
        dialog.currentDue.setText(f"{format_date(due)} (theo {petition.session.profile.name})" if due
                                  else "Chưa có")
        # a suggestion only: ten working days after the current deadline
        dialog.newDueEdit.setDate(qdate(workdays.deadline(session, due or clock.today(), 10)))

    def _perform_extend(self, session, dialog, petition_id) -> bool | None:
        notified = pydate(dialog.notifiedEdit.date()) if dialog.notifiedCheck.isChecked() else None
        args = (session, petition_id, pydate(dialog.newDueEdit.date()), dialog.reasonEdit.toPlainText(), notified,
                register_number(dialog.letterEdit.text()))
        try:
            followup.extend(*args, expected_version=dialog.base_version)
        except ValidationError as exc:
            late = notified is not None and "sau thời hạn" in exc.errors.get("citizen_notified_date", "")
            if not late or set(exc.errors) != {"citizen_notified_date"}:
                raise
            # the notice came after the deadline: it cannot extend it, but the letter may be kept as history
            question = (exc.errors["citizen_notified_date"] + "\n\nGhi văn bản này vào lịch sử kiến nghị (thời hạn "
                        "không đổi, kiến nghị vẫn quá hạn)?")
            if not ask(dialog, question, "Thông báo gia hạn sau thời hạn"):
                raise
            followup.extend(*args, late_as_history=True, expected_version=dialog.base_version)
            return False  # the letter was sent already (late): nothing to print

    def _prepare_resolve(self, session, dialog, petition) -> None:
        dialog.resolutionEdit.setPlainText(petition.resolution)

    def _perform_resolve(self, session, dialog, petition_id) -> None:
        reply_date = pydate(dialog.replyDateEdit.date()) if dialog.replyDateCheck.isChecked() else None
        informed = pydate(dialog.informedEdit.date()) if dialog.informedCheck.isChecked() else None
        followup.resolve(session, petition_id, dialog.resolutionEdit.toPlainText(), pydate(dialog.resolvedEdit.date()),
                         register_number(dialog.replyNumberEdit.text()), reply_date, informed,
                         expected_version=dialog.base_version)

    def _prepare_transfer(self, session, dialog, petition) -> None:
        unit = commune(session)
        names = list(unit.superior_recipients or []) if unit is not None else []
        names += [a.name for a in self._agencies(session) if a.kind == "cap_tren" and a.name not in names]
        dialog.bodyCombo.addItems(names)
        dialog.bodyCombo.setCurrentIndex(-1)
        dialog.bodyCombo.setEditText(petition.transferred_to)
        dialog.bodyCombo.lineEdit().setPlaceholderText("Chọn hoặc gõ tên cơ quan cấp trên")

    def _perform_transfer(self, session, dialog, petition_id) -> None:
        followup.transfer_upward(session, petition_id, dialog.bodyCombo.currentText(),
                                 pydate(dialog.dateEdit.date()), register_number(dialog.numberEdit.text()),
                                 expected_version=dialog.base_version)

    def _prepare_not_competent(self, session, dialog, petition) -> None:
        dialog.explanationEdit.setPlainText(petition.resolution)

    def _perform_not_competent(self, session, dialog, petition_id) -> None:
        followup.mark_not_competent(session, petition_id, dialog.explanationEdit.toPlainText(),
                                    pydate(dialog.dateEdit.date()), expected_version=dialog.base_version)

    def _prepare_reopen(self, session, dialog, petition) -> None:
        pass

    def _perform_reopen(self, session, dialog, petition_id) -> None:
        followup.reopen(session, petition_id, dialog.reasonEdit.toPlainText(), expected_version=dialog.base_version)

    # -- letters to the citizen -------------------------------------------------------------------------------
    def export_letter(self, kind: str, petition_id: int | None = None) -> None:
        """Export the reply or extension letter of a petition (in the worker), then offer to open it."""
        petition_id = petition_id or self.current_id
        if petition_id is None:
            return
        label = KIND_LABELS[kind]
        try:
            with self.ctx.session() as session:
                citizen = get(session, m.Petition, petition_id).citizen_name
        except DeskAppError as exc:
            show_error(self, exc)
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
        suggested = str(Path(folder) / f"{label} số {petition_id} - {citizen}.docx")
        path = save_file(self, f"Lưu {label.lower()}", suggested, "Văn bản Word (*.docx)")
        if path is None:
            return

        def work(_progress):
            from desk_app.documents.export import ExportRequest, export_document  # python-docx: on first use

            with self.ctx.database.session() as session:
                return export_document(session, ExportRequest(kind, path, petition_id=petition_id))

        def done(result) -> None:
            self.ctx.changed("documents")
            number = f" số {reference(result.number, result.symbol)}" if result.number else ""
            after_export(self, result.path, f"Đã xuất {label.lower()}{number}:\n{result.path}", result.warnings)

        self.ctx.run_task(self, f"Đang xuất {label.lower()}…", work, done)

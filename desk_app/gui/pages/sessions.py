"""Cuộc đối thoại: the year's sessions, the plan form, the deadlines, the status steps up to the meeting,
what the plan must look back at (the previous session's petitions, the repeated unresolved ones) and the
documents sent before the meeting (plan, notice, invitations, registration form).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView, QVBoxLayout, QWidget

from desk_app.domain import clock
from desk_app.domain.errors import DeskAppError
from desk_app.domain.states import SESSION_TRANSITIONS, Host, SessionStatus
from desk_app.domain.validation import format_date
from desk_app.gui import palette
from desk_app.gui.autosave import Autosave
from desk_app.gui.common import ROW_ROLE, RowsModel, load_ui, qdate
from desk_app.gui.context import Page, ask, show_error
from desk_app.gui.export_actions import export_session_document
from desk_app.gui.flow import FlowLayout, least_height
from desk_app.gui.forms import DateReasonDialog
from desk_app.gui.pages.session_rows import (PREVIOUS_COLUMNS, REPEATED_COLUMNS, SESSION_COLUMNS, PetitionRow,
                                               SessionRow, other_day)
from desk_app.gui.session_form import SessionForm, load_choices
from desk_app.gui.stale import offer_reload
from desk_app.gui.widgets import fill_combo, read_only_table, scroll_area
from desk_app.services import drafts, sessions

LATE_STYLE = palette.style(palette.ERROR, bold=True)
# what this page shows depends on these topics (registrations and exported documents do not change it)
WATCHED = frozenset({"sessions", "minutes", "petitions", "catalog", "settings", "calendar"})
ALL = "Tất cả"


DRAFT_KIND = "session_plan"


class SessionsPage(Page):
    key = "sessions"
    title = "Cuộc đối thoại"
    watches = WATCHED

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.ui = load_ui("sessions_page", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        ui = self.ui
        self.form = SessionForm(ui.formHost)
        host_layout = QVBoxLayout(ui.formHost)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.addWidget(self.form)
        self.current_id: int | None = None
        self._version: int | None = None
        self._status: SessionStatus | None = None
        self._all_rows: list[SessionRow] = []
        self._selecting = False
        self._creating = False  # the form shows a new, never saved plan
        # what is typed into the plan is kept as a draft within 2 s (a power cut loses nothing); Lưu saves it
        self._draft = Autosave(self._write_draft, self)

        self.model = RowsModel(SESSION_COLUMNS, self)
        self.proxy = read_only_table(ui.sessionTable, self.model, sortable=True, resize=QHeaderView.ResizeToContents,
                                     stretch=3, bold_header=False)
        ui.sessionTable.horizontalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        ui.sessionTable.sortByColumn(0, Qt.AscendingOrder)  # stable: same-day sessions keep their time order
        ui.sessionTable.selectionModel().currentRowChanged.connect(self._row_changed)
        self.previous_model = RowsModel(PREVIOUS_COLUMNS, self)
        self.repeated_model = RowsModel(REPEATED_COLUMNS, self)
        fui = self.form.ui
        for view, model, stretch in ((fui.previousTable, self.previous_model, 1),
                                     (fui.repeatedTable, self.repeated_model, 2)):
            read_only_table(view, model, sortable=True, resize=QHeaderView.ResizeToContents, stretch=stretch,
                            bold_header=False)
        for view in (fui.previousTable, fui.repeatedTable):
            view.activated.connect(lambda index, v=view: self._open_petition(v, index))

        ui.hostFilter.addItem(ALL, None)
        for host in Host:
            ui.hostFilter.addItem(host.label, host.value)
        ui.statusFilter.addItem(ALL, None)
        for status in SessionStatus:
            ui.statusFilter.addItem(status.label, status.value)
        for combo in (ui.yearCombo, ui.hostFilter, ui.statusFilter):
            combo.currentIndexChanged.connect(self._apply_filters)

        ui.newButton.setShortcut("Ctrl+N")
        ui.newButton.clicked.connect(self.new_session)
        ui.saveButton.setShortcut("Ctrl+S")
        ui.saveButton.clicked.connect(self.save)
        ui.revertButton.clicked.connect(self._revert)
        ui.issuePlanButton.clicked.connect(self._issue_plan)
        ui.backToDraftButton.clicked.connect(self._back_to_draft)
        ui.inviteButton.clicked.connect(self._send_invitations)
        ui.cancelButton.clicked.connect(self._cancel)
        ui.overrideButton.clicked.connect(self._override_deadline)
        ui.planButton.clicked.connect(lambda: self.export("plan"))
        ui.noticeButton.clicked.connect(lambda: self.export("notice"))
        ui.formButton.clicked.connect(lambda: self.export("registration-form"))
        self._build_invitation_menu()
        self.form.edited.connect(self._update_actions)
        self.form.edited.connect(self._form_edited)
        self.setTabOrder(ui.cancelButton, self.form.ui.tabs)
        self.setTabOrder(self.form.ui.repeatedTable, ui.saveButton)
        ui.splitter.setStretchFactor(0, 2)
        ui.splitter.setStretchFactor(1, 3)
        ui.splitter.setSizes([415, 745])
        FlowLayout.replace(ui.filterRow)  # the rows wrap on a narrow window instead of widening the page
        FlowLayout.replace(ui.actionRow)
        ui.layout().setStretchFactor(ui.splitter, 1)  # the room left goes to the list and the form, not the filters
        # the deadlines and the status scroll under the list on a low window, never squeezed over each other
        boxes = QWidget()
        column = QVBoxLayout(boxes)
        column.setContentsMargins(0, 0, 0, 0)
        for box in (ui.deadlinesBox, ui.statusBox):
            ui.leftLayout.removeWidget(box)
            column.addWidget(box)
        column.addStretch(1)
        ui.leftLayout.addWidget(scroll_area(ui.leftPane, boxes, up_down_only=True))  # as wide as the boxes need

    def heightForWidth(self, width: int) -> int:  # noqa: N802 — asked by the page holder (gui.page_holder)
        table = self.ui.sessionTable  # at least three sessions in the list, whatever the font size
        table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + 3 * table.verticalHeader()
                               .defaultSectionSize() + 2 * table.frameWidth()
                               + table.horizontalScrollBar().sizeHint().height())
        return least_height(self.layout(), width)

    def _build_invitation_menu(self) -> None:
        menu = QMenu(self.ui.invitationButton)
        self.invite_general_action = QAction("Một giấy mời &chung…", menu)
        self.invite_each_action = QAction("Giấy mời &riêng cho từng nơi được mời…", menu)
        self.with_form_action = QAction("&Kèm phiếu đăng ký nội dung phát biểu", menu)
        self.with_form_action.setCheckable(True)
        self.with_form_action.setChecked(True)
        self.invite_general_action.triggered.connect(lambda: self.export("invitation", per_invitee=False))
        self.invite_each_action.triggered.connect(lambda: self.export("invitation", per_invitee=True))
        menu.addAction(self.invite_general_action)
        menu.addAction(self.invite_each_action)
        menu.addSeparator()
        menu.addAction(self.with_form_action)
        self.ui.invitationButton.setMenu(menu)

    # -- loading -------------------------------------------------------------------------------------------
    def activate(self, arg: object = None) -> None:
        super().activate(arg)
        if isinstance(arg, int) and arg != self.current_id and self._confirm_leave():
            self.select_session(arg)

    def reload(self) -> None:
        with self.ctx.session() as session:
            choices = load_choices(session)
            self._all_rows = [SessionRow(ds.id, ds.actual_start or ds.planned_start, ds.year, ds.host, ds.status,
                                         ds.title, other_day(ds)) for ds in sessions.list_sessions(session)]
        self.form.set_choices(choices)
        self._fill_years()
        self._apply_filters()

    def _fill_years(self) -> None:
        combo = self.ui.yearCombo
        current = combo.currentData() if combo.count() else clock.today().year
        years = sorted({r.year for r in self._all_rows} | {clock.today().year}, reverse=True)
        fill_combo(combo, [(str(year), year) for year in years], "Tất cả các năm", select=current, quiet=True)

    def _refill(self) -> list[SessionRow]:
        ui = self.ui
        year, host, status = ui.yearCombo.currentData(), ui.hostFilter.currentData(), ui.statusFilter.currentData()
        rows = [r for r in self._all_rows if (year is None or r.year == year) and (host is None or r.host == host)
                and (status is None or r.status == status)]
        self._selecting = True
        try:
            self.model.set_rows(rows)
        finally:
            self._selecting = False
        return rows

    def _apply_filters(self, *_args) -> None:
        rows = self._refill()
        if self.current_id is None and (self.form.dirty or self._creating):
            self.ui.sessionTable.clearSelection()  # a new plan being typed stays on screen
            return
        if any(r.id == self.current_id for r in rows):
            self._mark_row(self.current_id)
            if not self.form.dirty:
                self._show(self.current_id)  # fresh status, deadlines and lists
            return
        if self.form.dirty:
            self.ui.sessionTable.clearSelection()  # unsaved edits stay on screen
            return
        wanted = self._first_choice(rows)
        if wanted is None:
            self.new_session(confirm=False)
        else:
            self._mark_row(wanted)
            self._show(wanted)

    @staticmethod
    def _first_choice(rows: list[SessionRow]) -> int | None:
        """The next session still to be held, else the latest one."""
        upcoming = [r for r in rows if SessionStatus(r.status).planned]
        chosen = min(upcoming, key=lambda r: r.start) if upcoming else max(rows, key=lambda r: r.start, default=None)
        return chosen.id if chosen else None

    def _mark_row(self, session_id: int | None) -> bool:
        """Select the session's row in the table without reloading the form; False when it is filtered out."""
        view = self.ui.sessionTable
        self._selecting = True
        try:
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(ROW_ROLE).id == session_id:
                    view.selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                    view.scrollTo(index)
                    return True
            view.clearSelection()
            return False
        finally:
            self._selecting = False

    def select_session(self, session_id: int) -> None:
        if not self._mark_row(session_id):
            # asked for by id (another page): widen the filters so it shows
            for combo in (self.ui.yearCombo, self.ui.hostFilter, self.ui.statusFilter):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self._refill()
            self._mark_row(session_id)
        self._show(session_id)

    def _row_changed(self, current, previous) -> None:
        if self._selecting or not current.isValid():
            return
        row = current.data(ROW_ROLE)
        if row.id == self.current_id:
            return
        if not self._confirm_leave():
            self._mark_row(self.current_id)
            return
        self.select_session(row.id)  # saving may have reloaded the list: mark the row again

    # -- showing one session -------------------------------------------------------------------------------
    def _show(self, session_id: int) -> None:
        try:
            with self.ctx.session() as session:
                ds = sessions.get_session(session, session_id)
                self.form.show_session(ds)
                self.current_id, self._version, self._status = ds.id, ds.version, SessionStatus(ds.status)
                self._creating = False
                self._show_state(ds, sessions.deadlines(session, ds.id))
                self._show_history(session, ds)
        except DeskAppError as exc:
            show_error(self, exc)
            return
        self._offer_draft()
        self._update_actions()

    def _show_state(self, ds, view: sessions.DeadlinesView) -> None:
        ui = self.ui
        ui.editingLabel.setText(f"<b>{ds.title}</b>")
        ui.profileLabel.setText(f"Theo quy định: {view.profile_name}")

        def day_text(day) -> str:  # a date in a year whose days off are not announced yet is "dự kiến"
            return format_date(day) + (" (dự kiến)" if day in view.provisional_days else "")

        notice = day_text(view.notice_latest)
        if view.notice_overridden:
            notice += f" (đã điều chỉnh: {ds.notice_override_reason})"
        if ds.invitations_sent_date:
            notice += f"; đã gửi ngày {format_date(ds.invitations_sent_date)}"
        if view.notice_late:
            notice += " — chậm so với thời hạn" if ds.invitations_sent_date else " — đã quá hạn"
        conclusion = day_text(view.conclusion_due)
        if view.conclusion_overridden:
            conclusion += f" (đã điều chỉnh: {ds.conclusion_override_reason})"
        if ds.conclusion_notice_date:
            conclusion += f"; đã ban hành ngày {format_date(ds.conclusion_notice_date)}"
        if view.conclusion_late:
            conclusion += " — chậm so với thời hạn" if ds.conclusion_notice_date else " — đã quá hạn"
        computed = view.computed
        answer = day_text(computed.answer_due)
        if computed.answer_due_complex != computed.answer_due:
            answer += f"; vụ việc phức tạp: {day_text(computed.answer_due_complex)}"
        if computed.answer_provisional:
            answer += " (tạm tính, chờ ngày thông báo kết luận)"
        # the profile's own steps after the meeting (e.g. the chair's internal review of KH 570, mục 4.3)
        ui.afterCaption.setVisible(bool(view.after_steps))
        ui.afterLabel.setVisible(bool(view.after_steps))
        ui.afterLabel.setText("; ".join(f"{step.name}: chậm nhất {day_text(day)}" for step, day in view.after_steps))
        for label, text, late in ((ui.noticeLabel, notice, view.notice_late),
                                  (ui.conclusionLabel, conclusion, view.conclusion_late),
                                  (ui.answerLabel, answer, False)):
            label.setText(text)
            label.setProperty("late", late)
            label.setStyleSheet(LATE_STYLE if late else "")
        status = SessionStatus(ds.status)
        details = [f"Trạng thái: <b>{status.label}</b>"]
        if ds.plan_issued_date:
            details.append(f"kế hoạch ban hành ngày {format_date(ds.plan_issued_date)}")
        if ds.actual_start:
            planned = ds.planned_start.date()
            other = f" (kế hoạch: {format_date(planned)})" if planned != ds.actual_start.date() else ""
            details.append(f"họp ngày {format_date(ds.actual_start.date())}{other}")
        if status is SessionStatus.CANCELLED and ds.cancel_reason:
            details.append(f"lý do hủy: {ds.cancel_reason}")
        ui.statusLabel.setText("; ".join(details))

    def _show_history(self, session, ds) -> None:
        fui = self.form.ui
        previous = sessions.previous_session(session, ds.id)
        rows = [PetitionRow.of(p) for p in sessions.previous_session_petitions(session, ds.id)]
        if previous is None:
            fui.previousLabel.setText("Chưa có kỳ đối thoại trước của cùng cơ quan chủ trì.")
        else:
            fui.previousLabel.setText(f"Kiến nghị của kỳ trước ({Host(previous.host).label}, ngày "
                                      f"{format_date(previous.session_date)}): {len(rows)} kiến nghị — báo cáo "
                                      "kết quả giải quyết tại hội nghị này.")
        self.previous_model.set_rows(rows)
        repeated = [PetitionRow.of(p) for p in sessions.repeated_unresolved(session, before=ds.session_date)]
        fui.repeatedLabel.setText(f"Kiến nghị nêu nhiều lần, chưa giải quyết xong: {len(repeated)} — cần đưa vào "
                                  "danh sách vấn đề bức xúc của kế hoạch." if repeated else
                                  "Không có kiến nghị nêu nhiều lần mà chưa giải quyết xong.")
        self.repeated_model.set_rows(repeated)
        tabs = fui.tabs
        tabs.setTabText(tabs.indexOf(fui.tabHistory), f"Kỳ trước ({len(rows) + len(repeated)})")

    def _clear_state(self) -> None:
        ui = self.ui
        ui.editingLabel.setText("<b>Cuộc đối thoại mới</b> (chưa lưu)")
        ui.profileLabel.setText("Theo quy định: lưu kế hoạch để tính thời hạn.")
        for label in (ui.noticeLabel, ui.conclusionLabel, ui.answerLabel):
            label.setText("—")
            label.setProperty("late", False)
            label.setStyleSheet("")
        ui.statusLabel.setText("Trạng thái: <b>chưa lưu</b>")
        fui = self.form.ui
        fui.previousLabel.setText("Lưu kế hoạch để xem kiến nghị của kỳ trước.")
        fui.repeatedLabel.setText("")
        self.previous_model.set_rows([])
        self.repeated_model.set_rows([])
        fui.tabs.setTabText(fui.tabs.indexOf(fui.tabHistory), "Kỳ trước")

    def _update_actions(self) -> None:
        ui = self.ui
        saved = self.current_id is not None
        allowed = SESSION_TRANSITIONS.get(self._status, frozenset()) if saved else frozenset()
        ui.issuePlanButton.setEnabled(SessionStatus.PLAN_ISSUED in allowed)
        back = sessions.STEP_BACK.get(self._status) if saved else None  # the last step taken back
        ui.backToDraftButton.setEnabled(back is not None)
        ui.backToDraftButton.setText(f"Trở lại “{back.label}”" if back else "Trở lại dự thảo")
        ui.inviteButton.setEnabled(SessionStatus.INVITED in allowed)
        ui.cancelButton.setEnabled(SessionStatus.CANCELLED in allowed)
        ui.overrideButton.setEnabled(saved)
        editable = self._status is not SessionStatus.CANCELLED or not saved
        self.form.set_editable(editable)
        ui.saveButton.setEnabled(editable)
        ui.revertButton.setEnabled(self.form.dirty)
        for button in (ui.planButton, ui.noticeButton, ui.invitationButton, ui.formButton):
            button.setEnabled(saved)

    # -- the draft of what is typed ------------------------------------------------------------------------
    def _form_edited(self) -> None:
        if self.form.dirty:
            self._draft.changed()

    def _write_draft(self) -> bool:
        if not self.form.dirty:
            return True
        record, texts = self.current_id, self.form.texts()
        try:
            self.ctx.write(lambda session: drafts.put(session, DRAFT_KIND, record, texts))
        except DeskAppError:
            return False  # tried again shortly; the text stays in the form
        return True

    def _drop_draft(self, record: int | None) -> None:
        self._draft.discard()
        try:
            self.ctx.write(lambda session: drafts.drop(session, DRAFT_KIND, record))
        except DeskAppError:
            pass  # an old draft is offered again later, nothing is lost

    def _offer_draft(self) -> None:
        """A draft left by a power cut (or a closed window) for the plan now shown: offered back."""
        try:
            with self.ctx.session() as session:
                draft = drafts.get(session, DRAFT_KIND, self.current_id)
        except DeskAppError:
            return
        if draft is None:
            return
        when = f"{draft.saved_at:%H:%M} ngày {draft.saved_at:%d/%m/%Y}"
        if draft.data != self.form.texts() and ask(
                self, f"Kế hoạch này có nội dung đang soạn mà chưa lưu (ghi lúc {when}). Đưa nội dung đó trở lại "
                      "biểu mẫu để xem và lưu?", "Nội dung chưa lưu"):
            self.form.apply_texts(draft.data)
            self._update_actions()
            return
        self._drop_draft(self.current_id)

    def hideEvent(self, event) -> None:  # noqa: N802 — another page, or the window closes
        self._draft.flush()
        super().hideEvent(event)

    # -- new, save, leave ----------------------------------------------------------------------------------
    def _confirm_leave(self) -> bool:
        """Before the form shows something else: save the clerk's edits if wanted. False: stay."""
        if not self.form.dirty:
            return True
        if ask(self, "Kế hoạch đang sửa có thay đổi chưa lưu. Lưu lại trước khi chuyển?", "Chưa lưu"):
            return self.save()
        self.form.dirty = False
        self._drop_draft(self.current_id)
        return True

    def new_session(self, *_args, confirm: bool = True) -> None:
        if confirm and not self._confirm_leave():
            return
        self.current_id, self._version, self._status = None, None, None
        self._creating = True
        self._mark_row(None)
        self.form.new(clock.today() + dt.timedelta(days=14))
        self._clear_state()
        self._offer_draft()
        self._update_actions()
        self.form.ui.titleEdit.setFocus()
        self.form.ui.titleEdit.selectAll()

    def save(self) -> bool:
        """Plan a new session or update the shown one (refused if someone saved it meanwhile)."""
        data, session_id, version = self.form.value(), self.current_id, self._version
        self.form.errors.clear()
        saved: dict[str, int] = {}

        def work(session) -> None:
            ds = sessions.plan_session(session, data) if session_id is None else \
                sessions.update_session(session, session_id, data, expected_version=version)
            saved["id"] = ds.id

        def refused(exc) -> None:  # another clerk saved this plan first: their copy on request, the text kept
            typed = "\n\n".join(t for t in (data.title, data.place, data.target_audience, data.purpose,
                                            data.requirements, data.content) if t.strip())
            if offer_reload(self, exc, typed, "kế hoạch"):
                self.form.dirty = False
                self._show(session_id)

        if not self.write(work, "sessions", errors=self.form, on_conflict=refused):
            return False
        self._drop_draft(self.current_id)
        self.current_id = saved["id"]
        self.form.dirty = False
        self._creating = False
        self.reload()
        return True

    def _announce(self) -> None:
        """A status step or an override was saved: the other pages hear of it, this one shows it."""
        self.changed("sessions")
        self.reload()

    def _revert(self) -> None:
        self.form.dirty = False
        self._drop_draft(self.current_id)
        if self.current_id is None:
            self.new_session(confirm=False)
        else:
            self._show(self.current_id)

    # -- status steps and deadlines ----------------------------------------------------------------------
    def _ready(self) -> bool:
        """A status step or an export works on the saved plan: save pending edits first."""
        if self.current_id is None:
            return False
        if self.form.dirty:
            if not ask(self, "Kế hoạch có thay đổi chưa lưu. Lưu lại trước khi tiếp tục?", "Chưa lưu"):
                return False
            return self.save()
        return True

    def _run_dialog(self, title: str, prompt: str, work, setup=None, **options) -> None:
        """Ask for a date / reason, then run ``work(session, session_id, values, version)`` on the plan shown;
        errors stay in the dialog."""
        if not self._ready():
            return
        session_id = self.current_id

        def reload() -> int | None:  # another clerk saved the plan meanwhile: theirs is shown
            self._show(session_id)
            return self._version

        dialog = DateReasonDialog(self.ctx, self, title, prompt,
                                  lambda session, values, version: work(session, session_id, values, version),
                                  version=self._version, reload=reload, **options)
        if setup is not None:
            setup(dialog.form)
        if dialog.exec():
            self._announce()
        dialog.deleteLater()

    def _issue_plan(self) -> None:
        self._run_dialog("Ban hành kế hoạch", "Ngày ký ban hành kế hoạch tổ chức hội nghị:",
                         lambda s, i, v, version: sessions.issue_plan(s, i, v.date, expected_version=version),
                         date=clock.today())

    def _send_invitations(self) -> None:
        self._run_dialog("Đã gửi giấy mời", "Ngày gửi thông báo, giấy mời (kèm phiếu đăng ký phát biểu):",
                         lambda s, i, v, version: sessions.send_invitations(s, i, v.date, expected_version=version),
                         date=clock.today())

    def _cancel(self) -> None:
        self._run_dialog("Hủy hội nghị (không tổ chức)",
                         "Hội nghị sẽ không được tổ chức: cuộc đối thoại được giữ lại với trạng thái “Hủy” và lý do "
                         "hủy, không ghi biên bản và không thể hoàn tác. Nếu chỉ đổi ngày họp (hoãn), hãy bấm "
                         "“Quay lại” và sửa Ngày tổ chức trong kế hoạch.",
                         lambda s, i, v, version: sessions.cancel(s, i, v.reason, expected_version=version),
                         ask_date=False, reason_label="&Lý do hủy:", accept_text="Hủy hội nghị",
                         reject_text="Quay lại")

    def _back_to_draft(self) -> None:
        if not self._ready():
            return
        back = sessions.STEP_BACK[self._status]
        if not ask(self, "Bỏ ngày gửi giấy mời đã ghi (ghi nhầm), đưa về trạng thái “Đã ban hành kế hoạch”?"
                   if back is SessionStatus.PLAN_ISSUED else "Đưa kế hoạch đã ban hành về trạng thái Dự thảo để sửa?"):
            return
        session_id, version = self.current_id, self._version
        if self.write(lambda s: sessions.step_back(s, session_id, expected_version=version), "sessions"):
            self.reload()

    def _override_deadline(self) -> None:
        with self.ctx.session() as session:
            view = sessions.deadlines(session, self.current_id)
        dates = {"notice": view.notice_latest, "conclusion": view.conclusion_due}

        def follow_kind(dialog) -> None:
            dialog.kindCombo.currentIndexChanged.connect(
                lambda: dialog.dateEdit.setDate(qdate(dates[dialog.kindCombo.currentData()])))

        prompt = (f"Thời hạn tính theo quy định ({view.profile_name}): gửi thông báo, giấy mời chậm nhất "
                  f"{format_date(view.computed.notice_latest)}; thông báo kết luận chậm nhất "
                  f"{format_date(view.computed.conclusion_due)}.")
        self._run_dialog("Điều chỉnh thời hạn", prompt,
                         lambda s, i, v, version: sessions.override_deadline(s, i, v.kind, v.date, v.reason,
                                                                             expected_version=version),
                         follow_kind, date=view.notice_latest, reason_label="&Lý do điều chỉnh:",
                         allow_computed=True,
                         kinds=[("notice", "Gửi thông báo, giấy mời"), ("conclusion", "Thông báo kết luận")])

    # -- documents and petitions -----------------------------------------------------------------------
    def export(self, kind: str, **options) -> None:
        if not self._ready():
            return
        if kind == "invitation":
            options.setdefault("with_form", self.with_form_action.isChecked())
        export_session_document(self, self.ctx, kind, self.current_id, **options)

    def _open_petition(self, view: QTableView, index) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.ctx.navigate("followup", row.id)

"""Kết luận: after the meeting, the chair's conclusion on each petition (text, lead and coordinating
agencies, complex case, the answer deadline computed from the profile and overridable with a reason), the
general conclusion, the conclusion notice (issued with its date, then exported) and the written proposal
to the superior level for the petitions beyond the commune's competence.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListWidgetItem, QVBoxLayout

from desk_app.domain import clock
from desk_app.domain.errors import DeskAppError
from desk_app.domain.states import Host, SessionStatus
from desk_app.domain.text import clean_text
from desk_app.domain.validation import format_date
from desk_app.gui import palette
from desk_app.gui.autosave import Autosave
from desk_app.gui.common import load_ui
from desk_app.gui.context import Page, ask
from desk_app.gui.export_actions import export_session_document
from desk_app.gui.forms import DateReasonDialog
from desk_app.gui.petition_model import Col, PetitionTableModel, lazy_table
from desk_app.gui.stale import offer_reload
from desk_app.gui.widgets import FieldErrors, connect_while, fill_combo, fill_session_picker, scroll_area, \
    select_data
from desk_app.services import catalog, followup, minutes, sessions
from desk_app.services.followup import PetitionDetail
from desk_app.services.sessions import SessionChoice

HELD = (SessionStatus.ENDED, SessionStatus.CONCLUDED, SessionStatus.COMPLETED)
# what this page shows depends on these topics (registrations and exported documents do not change it)
WATCHED = frozenset({"sessions", "minutes", "petitions", "catalog", "settings", "calendar"})
# the session's petitions: a lazy list (25,000 petitions open without a freeze), sorted in SQL by number or due date
COLUMNS = (
    Col("number", "STT", Qt.AlignCenter, "id"),
    Col("citizen", "Người kiến nghị"),
    Col("content", "Nội dung"),
    Col("lead", "Cơ quan chủ trì"),
    Col("due_date", "Hạn trả lời", None, "due"),
    Col("concluded", "Kết luận", Qt.AlignCenter),
)
COLUMN_SAMPLES = {"number": "00000", "citizen": "Nguyễn Thị Phương Thảo", "content": "Nội dung kiến nghị của công dân",
                  "lead": "Phòng Kinh tế thuộc UBND", "due_date": "00/00/0000", "concluded": "Kết luận"}


class ConclusionPage(Page):
    key = "conclusion"
    title = "Kết luận"
    watches = WATCHED

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.ui = load_ui("conclusion_page", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        ui = self.ui
        self.session_id: int | None = None
        self.petition_id: int | None = None
        self._petition_version: int | None = None  # the shown petition's version: a save based on it is checked
        self._status: SessionStatus | None = None
        self._dirty = False  # the shown petition's conclusion was edited
        self._general_dirty = False  # the general conclusion was edited and not yet autosaved
        self._general_autosave = Autosave(self._write_general, self)
        self._loading = False
        self._selecting = False
        self.errors = FieldErrors.of(ui, {"lead_agency_id": "lead", "coordinator_ids": "coordinators"})

        self.model = PetitionTableModel(ctx, self, COLUMNS)
        table = ui.petitionTable
        lazy_table(table, self.model, COLUMN_SAMPLES, lambda: self._select_row(self.petition_id))
        table.horizontalHeader().setStretchLastSection(True)
        table.selectionModel().currentRowChanged.connect(self._row_changed)

        ui.sessionCombo.currentIndexChanged.connect(self._session_chosen)
        ui.savePetitionButton.setShortcut("Ctrl+S")
        ui.savePetitionButton.clicked.connect(self.save_petition)
        ui.overrideDueButton.clicked.connect(self._override_due)
        ui.issueButton.clicked.connect(self._issue_notice)
        ui.exportButton.clicked.connect(lambda: self.export("conclusion"))
        ui.upwardButton.clicked.connect(lambda: self.export("upward-proposal"))
        ui.conclusionEdit.textChanged.connect(self._touched)
        ui.leadCombo.currentIndexChanged.connect(self._touched)
        ui.coordinatorsList.itemChanged.connect(self._touched)
        ui.complexCheck.toggled.connect(self._touched)
        ui.generalEdit.textChanged.connect(self._general_touched)
        connect_while(self, QApplication.instance().focusChanged, self._focus_changed)
        ui.generalHint.setWordWrap(True)
        # the petition's details scroll up and down by themselves on a low window (1366×768 at 125 %), so the page
        # keeps its list, the general conclusion and the issue buttons in view
        details = scroll_area(ui.splitter, ui.petitionBox, "petitionScroll", up_down_only=True)
        ui.splitter.insertWidget(1, details)
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([640, 500])
        ui.mainSplitter.setStretchFactor(0, 3)
        ui.mainSplitter.setStretchFactor(1, 1)

    def _touched(self, *_args) -> None:
        if not self._loading and self.petition_id is not None:
            self._dirty = True

    def _general_touched(self) -> None:
        if not self._loading:
            self._general_dirty = True
            self._general_autosave.changed()

    def _save_general(self) -> bool:
        """The general conclusion is autosaved (gui.autosave: 1.5 s after the last key, within 2 s while the
        clerk types on; before an export, when the session changes and when the page is left)."""
        return self._general_autosave.flush(force=True)

    def _write_general(self) -> bool:
        if not self._general_dirty or self.session_id is None or self._status is not SessionStatus.ENDED:
            return True
        text, session_id = self.ui.generalEdit.toPlainText(), self.session_id
        try:
            self.ctx.write(lambda session: minutes.save_progress(session, session_id, general_conclusion=text))
        except DeskAppError as exc:
            self.errors.show(getattr(exc, "errors", {}) or {"general_conclusion": exc.message})
            return False
        self._general_dirty = False
        self.changed("sessions")  # no reload here: the clerk's cursor stays where it is
        return True

    def _focus_changed(self, old, _new) -> None:
        if old is self.ui.generalEdit:
            self._save_general()

    def hideEvent(self, event) -> None:  # noqa: N802 — another page, or the window closes
        self._save_general()
        super().hideEvent(event)

    # -- loading -------------------------------------------------------------------------------------------
    def activate(self, arg: object = None) -> None:
        super().activate(arg)
        if isinstance(arg, int) and arg != self.session_id:
            index = self.ui.sessionCombo.findData(arg)
            if index >= 0:
                self.ui.sessionCombo.setCurrentIndex(index)

    def reload(self) -> None:
        with self.ctx.session() as session:
            held = [SessionChoice(ds.id, " — ".join((format_date(ds.session_date), Host(ds.host).label,
                                                     SessionStatus(ds.status).label, ds.title)), ds.status, ds.title)
                    for ds in sessions.list_sessions(session) if SessionStatus(ds.status) in HELD]
            agencies = catalog.agencies_for_choice(session, every=True)
        ui = self.ui
        self._loading = True
        try:
            fill_combo(ui.leadCombo, agencies, "(chưa giao)")
            ui.coordinatorsList.clear()
            for name, agency_id in agencies:
                item = QListWidgetItem(name)
                item.setToolTip(name)
                item.setData(Qt.UserRole, agency_id)
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Unchecked)
                ui.coordinatorsList.addItem(item)
        finally:
            self._loading = False
        wanted = self.session_id
        if wanted is None or all(c.id != wanted for c in held):
            # the latest meeting still waiting for its conclusion notice, else the latest one held
            waiting = [c.id for c in held if c.status == SessionStatus.ENDED.value]
            wanted = waiting[-1] if waiting else (held[-1].id if held else None)
        fill_session_picker(ui.sessionCombo, held, wanted)
        self._load_session(wanted)

    def _session_chosen(self, _index: int) -> None:
        wanted = self.ui.sessionCombo.currentData()
        if wanted == self.session_id:
            return
        leave = self._confirm_leave()
        self.ui.sessionCombo.blockSignals(True)  # saving may have reloaded the combo: show the right one
        select_data(self.ui.sessionCombo, wanted if leave else self.session_id)
        self.ui.sessionCombo.blockSignals(False)
        if leave:
            self._save_general()  # the general conclusion typed for the session being left
            self.petition_id = None
            self._general_dirty = False
            self._general_autosave.discard()
            self._load_session(wanted)

    def _load_session(self, session_id: int | None) -> None:
        ui = self.ui
        if session_id is None:
            self.session_id, self._status = None, None
            ui.sessionInfo.setText("Chưa có cuộc đối thoại nào đã họp xong. Kết thúc hội nghị ở trang "
                                   "Biên bản trực tiếp rồi quay lại đây để kết luận.")
            self.model.set_filter(followup.PetitionFilter(session_id=-1))
            ui.generalEdit.clear()
            ui.generalHint.clear()
            self._show_petition(None)
            self._update_actions(False)
            return
        today = clock.today()
        with self.ctx.session() as session:
            ds = sessions.get_session(session, session_id)
            count = followup.count_petitions(session, followup.PetitionFilter(session_id=ds.id), today=today)
            view = sessions.deadlines(session, ds.id, today)
            status = SessionStatus(ds.status)
            has_upward = followup.has_upward_petitions(session, ds.id)
            general, notice_date = ds.general_conclusion, ds.conclusion_notice_date
        same_session = session_id == self.session_id
        self.session_id, self._status = session_id, status
        info = [f"Trạng thái: <b>{status.label}</b>", f"{count:,} kiến nghị".replace(",", "."),
                f"theo quy định: {view.profile_name}"]
        deadline = f"thông báo kết luận chậm nhất {format_date(view.conclusion_due)}"
        if notice_date:
            deadline = f"đã ban hành thông báo kết luận ngày {format_date(notice_date)}"
        info.append(f"<span style='color:{palette.ERROR}'><b>{deadline} — chậm</b></span>"
                    if view.conclusion_late else deadline)
        ui.sessionInfo.setText("; ".join(info))
        if not (self._general_dirty and same_session):  # a reload keeps the clerk's text
            self._general_dirty = False
            # the text as saved (trimmed) is not put back under the cursor of the clerk who typed it
            if clean_text(ui.generalEdit.toPlainText(), multiline=True) != general:
                self._loading = True
                try:
                    ui.generalEdit.setPlainText(general)
                finally:
                    self._loading = False
        editable = status is SessionStatus.ENDED
        ui.generalEdit.setReadOnly(not editable)
        ui.generalHint.setText(
            "Kết luận chung được tự động lưu khi gõ; ban hành thông báo kết luận để gửi các cơ quan." if editable else
            f"Đã ban hành thông báo kết luận ngày {format_date(notice_date)}: kết luận chung giữ như đã ban hành.")
        self._selecting = True
        try:
            self.model.set_filter(followup.PetitionFilter(session_id=session_id))
        finally:
            self._selecting = False
        first = self.model.petition_id(0)
        wanted = self.petition_id if self.petition_id is not None and self.model.contains(self.petition_id) else first
        self._select_row(wanted)
        if self._dirty and wanted == self.petition_id:  # a reload keeps the conclusion being typed
            pass
        elif wanted is not None and wanted != self.petition_id and self.model.counting:
            # a large session: its first petition is shown in the next turn of the event loop (two short steps
            # of the window instead of one long one); nothing can be saved to it meanwhile
            self._show_petition(None)
            self._select_row(wanted)
            QTimer.singleShot(0, lambda: self._show_first(session_id, wanted))
        else:
            self._show_petition(wanted)
        self._update_actions(has_upward)

    def _show_first(self, session_id: int, petition_id: int) -> None:
        if self.session_id == session_id and self.petition_id is None:  # no other petition chosen meanwhile
            self._show_petition(petition_id)

    def _select_row(self, petition_id: int | None) -> None:
        table = self.ui.petitionTable
        self._selecting = True
        try:
            row = self.model.locate(petition_id) if petition_id is not None else None
            if row is None:
                table.clearSelection()
                return
            index = self.model.index(row, 0)
            table.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
            table.scrollTo(index, QAbstractItemView.EnsureVisible)
        finally:
            self._selecting = False

    def _update_actions(self, has_upward: bool) -> None:
        ui = self.ui
        ui.issueButton.setEnabled(self._status is SessionStatus.ENDED)
        ui.exportButton.setEnabled(self._status in HELD)
        ui.upwardButton.setEnabled(has_upward)
        ui.upwardButton.setToolTip(
            "Xuất văn bản đề nghị cấp trên giải quyết các kiến nghị vượt thẩm quyền (Alt+U)" if has_upward else
            "Cuộc đối thoại này không có kiến nghị nào đề nghị cấp trên giải quyết.")

    # -- one petition ----------------------------------------------------------------------------------
    def _row_changed(self, current, _previous) -> None:
        if self._selecting or not current.isValid():
            return
        petition_id = self.model.petition_id(current.row())
        if petition_id is None or petition_id == self.petition_id:
            return
        if not self._confirm_leave():
            self._select_row(self.petition_id)
            return
        self._select_row(petition_id)  # saving may have reloaded the table: mark the row again
        self._show_petition(petition_id)

    def _confirm_leave(self) -> bool:
        """Before another petition or session is shown: save the edited conclusion if wanted."""
        if not self._dirty:
            return True
        if ask(self, "Kết luận của kiến nghị đang sửa chưa được lưu. Lưu lại trước khi chuyển?", "Chưa lưu"):
            return self.save_petition()
        self._dirty = False
        return True

    def _show_petition(self, petition_id: int | None) -> None:
        ui = self.ui
        self.errors.clear()
        self._loading = True
        try:
            self.petition_id = petition_id
            self._petition_version = None
            for widget in (ui.conclusionEdit, ui.leadCombo, ui.coordinatorsList, ui.complexCheck,
                           ui.savePetitionButton, ui.overrideDueButton):
                widget.setEnabled(petition_id is not None)
            if petition_id is None:
                ui.citizenLabel.setText("—")
                ui.contentView.clear()
                ui.conclusionEdit.clear()
                ui.leadCombo.setCurrentIndex(0)
                ui.complexCheck.setChecked(False)
                ui.dueLabel.setText("—")
                for i in range(ui.coordinatorsList.count()):
                    ui.coordinatorsList.item(i).setCheckState(Qt.Unchecked)
                return
            with self.ctx.session() as session:
                d = followup.petition_detail(session, petition_id)
            who = d.citizen + (f" — {d.address}" if d.address else "")
            if d.field:
                who += f"<br>Lĩnh vực: {d.field}"
            who += f"<br>Trạng thái: {d.status}"
            if d.times_raised > 1:
                who += f" — <b>đã nêu {d.times_raised} lần</b>"
            ui.citizenLabel.setText(who)
            ui.contentView.setPlainText(d.content)
            ui.conclusionEdit.setPlainText(d.conclusion)
            select_data(ui.leadCombo, d.lead_agency_id)
            for i in range(ui.coordinatorsList.count()):
                item = ui.coordinatorsList.item(i)
                item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in d.coordinator_ids else Qt.Unchecked)
            ui.complexCheck.setChecked(d.complex_case)
            ui.dueLabel.setText(self._due_text(d))
            self._petition_version = d.version
        finally:
            self._loading = False
        self._dirty = False

    @staticmethod
    def _due_text(d: PetitionDetail) -> str:
        if d.closed:
            return f"Không còn hạn phải trả lời (kiến nghị ở trạng thái “{d.status}”)."
        lines = [f"<b>{format_date(d.due)}</b>"]
        computed = f"Tính theo quy định ({d.profile_name}): {format_date(d.computed_due)}"
        if d.due_provisional:
            computed += " — tạm tính, sẽ tính lại khi ban hành thông báo kết luận"
        lines.append(computed)
        if d.due_override is not None:
            lines.append(f"Đã điều chỉnh thành {format_date(d.due_override)}; lý do: {d.due_override_reason}")
        if d.extensions:
            last = d.extensions[-1]
            lines.append(f"Gia hạn đến {format_date(last.new_due)}; lý do: {last.reason}")
        if d.overdue:
            lines[0] = f"<span style='color:{palette.ERROR}'><b>{format_date(d.due)} — đã quá hạn</b></span>"
        return "<br>".join(lines)

    def save_petition(self) -> bool:
        """set_conclusion on the shown petition: text, lead and coordinating agencies, complex flag."""
        if self.petition_id is None:
            return True
        ui = self.ui
        coordinators = [ui.coordinatorsList.item(i).data(Qt.UserRole) for i in range(ui.coordinatorsList.count())
                        if ui.coordinatorsList.item(i).checkState() == Qt.Checked]
        self.errors.clear()
        petition_id, version = self.petition_id, self._petition_version
        text, lead, complex_case = ui.conclusionEdit.toPlainText(), ui.leadCombo.currentData(), \
            ui.complexCheck.isChecked()
        saved: dict[str, int] = {}

        def work(session) -> None:
            saved["version"] = followup.set_conclusion(session, petition_id, text, lead, coordinators, complex_case,
                                                       expected_version=version).version

        def refused(exc) -> None:
            # another clerk saved this petition after it was shown here: nothing is overwritten; the text typed
            # here stays on screen, or in a window of its own when the newest copy is shown
            if offer_reload(self, exc, text, "ý kiến kết luận"):
                self._show_petition(self.petition_id)
                self.reload()  # the table shows the other clerk's agencies and conclusion too

        if not self.write(work, "petitions", errors=self.errors, on_conflict=refused):
            return False
        self._petition_version = saved["version"]
        self._dirty = False
        self.reload()
        return True

    def _run_dialog(self, title: str, prompt: str, work, **options) -> bool:
        """Ask for a date / reason and run ``work(session, values, version)``; errors stay in the dialog."""
        dialog = DateReasonDialog(self.ctx, self, title, prompt, work, **options)
        done = bool(dialog.exec())
        dialog.deleteLater()
        return done

    def _reload_petition(self) -> int | None:
        """After another clerk's save: the newest copy of the petition on screen; its version."""
        self._show_petition(self.petition_id)
        self.reload()
        return self._petition_version

    def _override_due(self) -> None:
        if self.petition_id is None or not self._confirm_leave():
            return
        petition_id = self.petition_id
        with self.ctx.session() as session:
            d = followup.petition_detail(session, petition_id)
        prompt = (f"Hạn trả lời tính theo quy định ({d.profile_name}): {format_date(d.computed_due)}. Hạn mới "
                  "(dd/mm/yyyy) và lý do điều chỉnh sẽ được ghi vào lịch sử của kiến nghị.")
        if self._run_dialog("Điều chỉnh hạn trả lời", prompt,
                            lambda s, v, version: followup.override_due(s, petition_id, v.date, v.reason,
                                                                        expected_version=version),
                            version=d.version, reload=self._reload_petition, date=d.due or d.computed_due,
                            reason_label="&Lý do điều chỉnh:", allow_computed=True,
                            warn_date=self._day_off_warning):
            self.changed("petitions")
            self.reload()

    def _day_off_warning(self, day) -> str:
        with self.ctx.read_session() as session:
            return followup.day_off_warning(session, day)

    # -- the session's conclusion notice --------------------------------------------------------------------
    def _issue_notice(self) -> None:
        if self.session_id is None or not self._confirm_leave():
            return
        session_id, general = self.session_id, self.ui.generalEdit.toPlainText()
        prompt = ("Ngày ký ban hành thông báo kết luận. Kết luận chung ở trang này được lưu cùng; hạn trả lời "
                  "công dân của các kiến nghị được tính lại theo ngày này.")
        if self._run_dialog("Ban hành thông báo kết luận", prompt,
                            lambda s, v, _version: followup.issue_conclusion_notice(s, session_id, v.date, general),
                            date=clock.today()):
            self._general_dirty = False
            self.changed("sessions", "petitions")
            self.reload()

    def export(self, kind: str) -> None:
        if self.session_id is None or not self._confirm_leave():
            return
        if not self._save_general():
            return
        export_session_document(self, self.ctx, kind, self.session_id)

"""Kết luận: after the meeting, the chair's conclusion on each petition (text, lead and coordinating
agencies, complex case, the answer deadline computed from the profile and overridable with a reason), the
general conclusion, the conclusion notice (issued with its date, then exported) and the written proposal
to the superior level for the petitions beyond the commune's competence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QListWidgetItem,
    QVBoxLayout,
)
import shiboken6
from sqlalchemy import select

from desk_app.documents.contexts import upward_petitions
from desk_app.domain import clock
from desk_app.domain.errors import ConflictError, DeskAppError
from desk_app.domain.states import Host, PetitionStatus, SessionStatus
from desk_app.domain.text import clean_text
from desk_app.domain.validation import format_date
from desk_app.gui.autosave import Autosave
from desk_app.gui.common import (
    ROW_ROLE,
    Column,
    FieldErrors,
    RowsModel,
    SortProxy,
    load_ui,
)
from desk_app.gui.context import Page, ask
from desk_app.gui.export_actions import export_session_document
from desk_app.gui.session_form import date_reason_dialog, set_combo_data
from desk_app.gui.stale import offer_reload
from desk_app.services import followup, minutes, sessions
from desk_app.services.common import domain_profile, get
from desk_app.store import models as m

HELD = (SessionStatus.ENDED, SessionStatus.CONCLUDED, SessionStatus.COMPLETED)
# what this page shows depends on these topics (registrations and exported documents do not change it)
WATCHED = frozenset({"sessions", "minutes", "petitions", "catalog", "settings", "calendar"})
LATE = QColor("#b00020")


@dataclass(frozen=True)
class Row:
    id: int
    number: int
    citizen: str
    content: str
    lead: str
    due: dt.date | None
    provisional: bool
    status: str
    concluded: bool
    overdue: bool


def _short(text: str, size: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


COLUMNS = (
    Column("STT", lambda r: r.number, align=Qt.AlignCenter),
    Column("Người kiến nghị", lambda r: r.citizen),
    Column("Nội dung", lambda r: _short(r.content), tooltip=lambda r: r.content),
    Column("Cơ quan chủ trì", lambda r: r.lead),
    Column("Hạn trả lời", lambda r: r.due, foreground=lambda r: LATE if r.overdue else None,
           tooltip=lambda r: "Tạm tính: chưa ban hành thông báo kết luận" if r.provisional else ""),
    Column("Kết luận", lambda r: "Có" if r.concluded else "Chưa", align=Qt.AlignCenter,
           foreground=lambda r: None if r.concluded else LATE,
           tooltip=lambda r: f"Trạng thái: {r.status}" + ("" if r.concluded else "; chưa có ý kiến kết luận")),
)


class ConclusionPage(Page):
    key = "conclusion"
    title = "Kết luận"

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
        self._own_change = False  # this page announced its own autosave: no reload under the clerk's cursor
        self._loading = False
        self._selecting = False
        self.errors = FieldErrors({"conclusion": ui.conclusionError, "lead_agency_id": ui.leadError,
                                   "coordinator_ids": ui.coordinatorsError,
                                   "general_conclusion": ui.generalError})

        self.model = RowsModel(COLUMNS, self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        table = ui.petitionTable
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.AscendingOrder)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Interactive)  # agency names are long: elided, resizable
        header.resizeSection(3, 150)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header.setHighlightSections(False)
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
        QApplication.instance().focusChanged.connect(self._focus_changed)
        ui.generalHint.setWordWrap(True)
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
        self._own_change = True
        try:
            self.ctx.changed("sessions")
        finally:
            self._own_change = False
        return True

    def _focus_changed(self, old, _new) -> None:
        if shiboken6.isValid(self) and old is self.ui.generalEdit:
            self._save_general()

    def hideEvent(self, event) -> None:  # noqa: N802 — another page, or the window closes
        self._save_general()
        super().hideEvent(event)

    def _on_changed(self, topic: str) -> None:
        if topic in WATCHED and not self._own_change:
            super()._on_changed(topic)

    # -- loading -------------------------------------------------------------------------------------------
    def activate(self, arg: object = None) -> None:
        super().activate(arg)
        if isinstance(arg, int) and arg != self.session_id:
            index = self.ui.sessionCombo.findData(arg)
            if index >= 0:
                self.ui.sessionCombo.setCurrentIndex(index)

    def reload(self) -> None:
        with self.ctx.session() as session:
            held = [(ds.id, ds.status, " — ".join((format_date(ds.session_date), Host(ds.host).label,
                                                   SessionStatus(ds.status).label, ds.title)))
                    for ds in sessions.list_sessions(session) if SessionStatus(ds.status) in HELD]
            agencies = [(a.id, a.name) for a in session.scalars(
                select(m.Agency).order_by(m.Agency.active.desc(), m.Agency.position, m.Agency.id))]
        ui = self.ui
        self._loading = True
        try:
            ui.leadCombo.clear()
            ui.leadCombo.addItem("(chưa giao)", None)
            ui.coordinatorsList.clear()
            for agency_id, name in agencies:
                ui.leadCombo.addItem(name, agency_id)
                item = QListWidgetItem(name)
                item.setToolTip(name)
                item.setData(Qt.UserRole, agency_id)
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Unchecked)
                ui.coordinatorsList.addItem(item)
        finally:
            self._loading = False
        combo = ui.sessionCombo
        wanted = self.session_id
        if wanted is None or all(sid != wanted for sid, _s, _t in held):
            # the latest meeting still waiting for its conclusion notice, else the latest one held
            waiting = [sid for sid, status, _t in held if status == SessionStatus.ENDED.value]
            wanted = waiting[-1] if waiting else (held[-1][0] if held else None)
        combo.blockSignals(True)
        combo.clear()
        for sid, _status, text in held:
            combo.addItem(text, sid)
            combo.setItemData(combo.count() - 1, text, Qt.ToolTipRole)
        set_combo_data(combo, wanted)
        combo.blockSignals(False)
        self._load_session(wanted)

    def _session_chosen(self, _index: int) -> None:
        wanted = self.ui.sessionCombo.currentData()
        if wanted == self.session_id:
            return
        leave = self._confirm_leave()
        self.ui.sessionCombo.blockSignals(True)  # saving may have reloaded the combo: show the right one
        set_combo_data(self.ui.sessionCombo, wanted if leave else self.session_id)
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
            self.model.set_rows([])
            ui.generalEdit.clear()
            ui.generalHint.clear()
            self._show_petition(None)
            self._update_actions(False)
            return
        today = clock.today()
        with self.ctx.session() as session:
            ds = get(session, m.DialogueSession, session_id)
            petitions = followup.list_petitions(session, followup.PetitionFilter(session_id=ds.id))
            rows = [Row(p.id, number, p.citizen_name, p.content,
                        p.lead_agency.name if p.lead_agency else "", p.due_date, p.due_provisional,
                        PetitionStatus(p.status).label, bool(p.conclusion.strip()), followup.is_overdue(p, today))
                    for number, p in enumerate(petitions, 1)]
            view = sessions.deadlines(session, ds.id, today)
            status = SessionStatus(ds.status)
            has_upward = bool(upward_petitions(session, ds))
            general, notice_date = ds.general_conclusion, ds.conclusion_notice_date
        same_session = session_id == self.session_id
        self.session_id, self._status = session_id, status
        info = [f"Trạng thái: <b>{status.label}</b>", f"{len(rows)} kiến nghị",
                f"theo quy định: {view.profile_name}"]
        deadline = f"thông báo kết luận chậm nhất {format_date(view.conclusion_due)}"
        if notice_date:
            deadline = f"đã ban hành thông báo kết luận ngày {format_date(notice_date)}"
        info.append(f"<span style='color:#b00020'><b>{deadline} — chậm</b></span>"
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
            self.model.set_rows(rows)
        finally:
            self._selecting = False
        wanted = self.petition_id if any(r.id == self.petition_id for r in rows) else (rows[0].id if rows else None)
        self._select_row(wanted)
        if not (self._dirty and wanted == self.petition_id):  # a reload keeps the conclusion being typed
            self._show_petition(wanted)
        self._update_actions(has_upward)

    def _select_row(self, petition_id: int | None) -> None:
        table = self.ui.petitionTable
        self._selecting = True
        try:
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(ROW_ROLE).id == petition_id:
                    table.selectionModel().setCurrentIndex(
                        index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                    table.scrollTo(index)
                    return
            table.clearSelection()
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
        row = current.data(ROW_ROLE)
        if row.id == self.petition_id:
            return
        if not self._confirm_leave():
            self._select_row(self.petition_id)
            return
        self._select_row(row.id)  # saving may have reloaded the table: mark the row again
        self._show_petition(row.id)

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
                p = get(session, m.Petition, petition_id)
                who = p.citizen_name + (f" — {p.address}" if p.address else "")
                if p.field is not None:
                    who += f"<br>Lĩnh vực: {p.field.name}"
                who += f"<br>Trạng thái: {PetitionStatus(p.status).label}"
                if p.times_raised > 1:
                    who += f" — <b>đã nêu {p.times_raised} lần</b>"
                ui.citizenLabel.setText(who)
                ui.contentView.setPlainText(p.content)
                ui.conclusionEdit.setPlainText(p.conclusion)
                set_combo_data(ui.leadCombo, p.lead_agency_id)
                coordinators = {c.agency_id for c in p.coordinators}
                for i in range(ui.coordinatorsList.count()):
                    item = ui.coordinatorsList.item(i)
                    item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in coordinators else Qt.Unchecked)
                ui.complexCheck.setChecked(p.complex_case)
                ui.dueLabel.setText(self._due_text(p))
                self._petition_version = p.version
        finally:
            self._loading = False
        self._dirty = False

    @staticmethod
    def _due_text(p: m.Petition) -> str:
        status = PetitionStatus(p.status)
        if status.closed:
            return f"Không còn hạn phải trả lời (kiến nghị ở trạng thái “{status.label}”)."
        profile = domain_profile(p.session.profile)
        lines = [f"<b>{format_date(p.due_date)}</b>"]
        computed = f"Tính theo quy định ({profile.name}): {format_date(p.computed_due_date)}"
        if p.due_provisional:
            computed += " — tạm tính, sẽ tính lại khi ban hành thông báo kết luận"
        lines.append(computed)
        if p.due_override is not None:
            lines.append(f"Đã điều chỉnh thành {format_date(p.due_override)}; lý do: {p.due_override_reason}")
        if p.extensions:
            last = p.extensions[-1]
            lines.append(f"Gia hạn đến {format_date(last.new_due)}; lý do: {last.reason}")
        if followup.is_overdue(p, clock.today()):
            lines[0] = f"<span style='color:#b00020'><b>{format_date(p.due_date)} — đã quá hạn</b></span>"
        return "<br>".join(lines)

    def save_petition(self) -> bool:
        """set_conclusion on the shown petition: text, lead and coordinating agencies, complex flag."""
        if self.petition_id is None:
            return True
        ui = self.ui
        coordinators = [ui.coordinatorsList.item(i).data(Qt.UserRole) for i in range(ui.coordinatorsList.count())
                        if ui.coordinatorsList.item(i).checkState() == Qt.Checked]
        self.errors.clear()
        try:
            with self.ctx.session() as session:
                petition = followup.set_conclusion(
                    session, self.petition_id, ui.conclusionEdit.toPlainText(), ui.leadCombo.currentData(),
                    coordinators, ui.complexCheck.isChecked(), expected_version=self._petition_version)
                version = petition.version
        except ConflictError as exc:
            # another clerk saved this petition after it was shown here: nothing is overwritten; the text typed
            # here stays on screen, or in a window of its own when the newest copy is shown
            if offer_reload(self, exc, ui.conclusionEdit.toPlainText(), "ý kiến kết luận"):
                self._show_petition(self.petition_id)
                self.reload()  # the table shows the other clerk's agencies and conclusion too
            return False
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese, never a traceback
            self.errors.report(self, exc)
            return False
        self._petition_version = version
        self._dirty = False
        self._announce("petitions")
        return True

    def _announce(self, *topics: str) -> None:
        for topic in topics:
            self.ctx.changed(topic)
        if self._stale:
            self.reload()
            self._stale = False

    def _run_dialog(self, title: str, prompt: str, work, **options) -> bool:
        """Ask for a date / reason and run ``work(session, values)``; errors stay in the dialog."""
        def accept(values) -> None:
            with self.ctx.session() as session:
                work(session, values)

        dialog = date_reason_dialog(self, title, prompt, accept, **options)
        done = bool(dialog.exec())
        dialog.deleteLater()
        return done

    def _override_due(self) -> None:
        if self.petition_id is None or not self._confirm_leave():
            return
        petition_id, version = self.petition_id, self._petition_version
        with self.ctx.session() as session:
            p = get(session, m.Petition, petition_id)
            due, computed, profile = p.due_date, p.computed_due_date, p.session.profile.name
        prompt = (f"Hạn trả lời tính theo quy định ({profile}): {format_date(computed)}. Hạn mới (dd/mm/yyyy) "
                  "và lý do điều chỉnh sẽ được ghi vào lịch sử của kiến nghị.")
        if self._run_dialog("Điều chỉnh hạn trả lời", prompt,
                            lambda s, v: followup.override_due(s, petition_id, v.date, v.reason,
                                                               expected_version=version),
                            date=due or computed, reason_label="&Lý do điều chỉnh:", allow_computed=True):
            self._announce("petitions")

    # -- the session's conclusion notice --------------------------------------------------------------------
    def _issue_notice(self) -> None:
        if self.session_id is None or not self._confirm_leave():
            return
        session_id, general = self.session_id, self.ui.generalEdit.toPlainText()
        prompt = ("Ngày ký ban hành thông báo kết luận. Kết luận chung ở trang này được lưu cùng; hạn trả lời "
                  "công dân của các kiến nghị được tính lại theo ngày này.")
        if self._run_dialog("Ban hành thông báo kết luận", prompt,
                            lambda s, v: followup.issue_conclusion_notice(s, session_id, v.date, general),
                            date=clock.today()):
            self._general_dirty = False
            self._announce("sessions", "petitions")

    def export(self, kind: str) -> None:
        if self.session_id is None or not self._confirm_leave():
            return
        if not self._save_general():
            return
        export_session_document(self, self.ctx, kind, self.session_id)

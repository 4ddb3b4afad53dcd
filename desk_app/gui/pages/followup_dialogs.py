"""The follow-up actions on one petition — assign, extend, resolve, transfer upward, not in competence,
reopen — each a small :class:`ActionDialog` on its ``ui/followup_<kind>.ui`` form: ``fill`` puts the
petition's values in the form, ``apply`` calls the follow-up service with the version the form was filled
from (an action on a copy another clerk has changed since is refused, see :mod:`desk_app.gui.forms`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDateEdit, QListWidgetItem, QWidget

from desk_app.domain import clock
from desk_app.domain.errors import ConflictError, ValidationError
from desk_app.domain.validation import format_date
from desk_app.domain.validation import parse_document_number as register_number
from desk_app.gui.common import pydate, qdate
from desk_app.gui.context import AppContext, ask
from desk_app.gui.forms import FormDialog
from desk_app.gui.widgets import fill_combo, link_optional_dates, warning_label
from desk_app.services import catalog, followup
from desk_app.services.followup import PetitionDetail


class ActionDialog(FormDialog):
    """One follow-up action on the petition ``petition_id``. ``letter``: the letter to the citizen offered
    once the action is done (kind, question), None when there is none to send."""

    what = "kiến nghị"
    letter: tuple[str, str] | None = None
    reloaded = Signal(int)  # the newest copy was read after another clerk's save (the page shows it too)
    refused = Signal(int)  # another clerk saved the petition first: the page shows the list as it is now

    def __init__(self, ctx: AppContext, petition_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.petition_id = petition_id
        for edit in self.form.findChildren(QDateEdit):  # dates start on today
            edit.setDate(qdate(clock.today()))
        link_optional_dates(self.form)
        with ctx.session() as session:
            detail = followup.petition_detail(session, petition_id)
            self._show_petition(detail)
            self.fill(session, detail)
        self.adjustSize()

    def _show_petition(self, detail: PetitionDetail) -> None:
        content = " ".join(detail.content.split())
        if len(content) > 300:
            content = content[:300].rstrip() + "…"
        self.form.petitionLabel.setText(f"<b>Kiến nghị số {detail.id}</b> – {escape(detail.citizen)}: "
                                        f"{escape(content)}")
        self.base_version = detail.version  # the action is refused if another clerk saved meanwhile

    def fill(self, session, detail: PetitionDetail) -> None:
        """The form's choices and the petition's current values."""

    def write(self, work):
        """``ctx.write(work)``; a refusal because another clerk saved first is told to the page (its list and
        detail show the petition as it is now, whatever the clerk answers) before the dialog says it."""
        try:
            return self.ctx.write(work)
        except ConflictError:
            self.refused.emit(self.petition_id)
            raise

    def reload(self) -> int | None:
        """The newest copy's version (what was typed stays in the form); the pages show the other clerk's
        change."""
        with self.ctx.session() as session:
            detail = followup.petition_detail(session, self.petition_id)
        self._show_petition(detail)
        self.ctx.changed("petitions")
        self.reloaded.emit(self.petition_id)
        return detail.version


class AssignDialog(ActionDialog):
    form_name, title = "followup_assign", "Giao giải quyết kiến nghị"

    def fill(self, session, detail: PetitionDetail) -> None:
        f = self.form
        agencies = catalog.agencies_for_choice(session, {detail.lead_agency_id, *detail.coordinator_ids},
                                               by_name=True)
        fill_combo(f.leadCombo, agencies, "— Chọn cơ quan chủ trì —", select=detail.lead_agency_id)
        for name, agency_id in agencies:
            item = QListWidgetItem(name, f.coordinatorsList)
            item.setData(Qt.UserRole, agency_id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if agency_id in detail.coordinator_ids else Qt.Unchecked)

    def apply(self) -> None:
        f = self.form
        items = [f.coordinatorsList.item(i) for i in range(f.coordinatorsList.count())]
        coordinators = [item.data(Qt.UserRole) for item in items if item.checkState() == Qt.Checked]
        lead, note, version = f.leadCombo.currentData(), f.noteEdit.text(), self.base_version
        self.write(lambda session: followup.assign(session, self.petition_id, lead, coordinators, note,
                                                       expected_version=version))


class ExtendDialog(ActionDialog):
    form_name, title = "followup_extend", "Gia hạn giải quyết kiến nghị"
    letter = ("extension", "Đã gia hạn. Xuất ngay văn bản thông báo gia hạn gửi công dân?")

    def fill(self, session, detail: PetitionDetail) -> None:
        f = self.form
        due = detail.due
        f.currentDue.setText(f"{format_date(due)} (theo {detail.profile_name})" if due else "Chưa có")
        # a suggestion only: a working day after the current deadline and after today
        f.newDueEdit.setDate(qdate(followup.extension_suggestion(session, detail.id)))
        warning_label(f.new_due_warning)
        # the dates the law fixes are checked where they are typed (the service refuses the same on saving)
        f.newDueEdit.dateChanged.connect(self._check_dates)
        f.notifiedEdit.dateChanged.connect(self._check_dates)
        f.notifiedCheck.toggled.connect(self._check_dates)

    def _notified(self):
        f = self.form
        return pydate(f.notifiedEdit.date()) if f.notifiedCheck.isChecked() else None

    def _check_dates(self, *_args) -> None:
        f = self.form
        with self.ctx.read_session() as session:
            check = followup.check_new_due(session, self.petition_id, pydate(f.newDueEdit.date()), self._notified())
        self.errors.show({"new_due": check.refusal} if check.refusal else {})
        f.new_due_warning.setText(check.warning)
        f.new_due_warning.setVisible(bool(check.warning))

    def apply(self) -> None:
        f = self.form
        notified = self._notified()
        new_due, reason, number = pydate(f.newDueEdit.date()), f.reasonEdit.toPlainText(), \
            register_number(f.letterEdit.text())
        version = self.base_version

        def extend(late_as_history: bool):
            return lambda session: followup.extend(session, self.petition_id, new_due, reason, notified, number,
                                                   late_as_history=late_as_history, expected_version=version)

        try:
            self.write(extend(False))
            self.letter = type(self).letter
        except ValidationError as exc:
            late = notified is not None and "sau thời hạn" in exc.errors.get("citizen_notified_date", "")
            if not late or set(exc.errors) != {"citizen_notified_date"}:
                raise
            # the notice came after the deadline: it cannot extend it, but the letter may be kept as history
            question = (exc.errors["citizen_notified_date"] + "\n\nGhi văn bản này vào lịch sử kiến nghị (thời hạn "
                        "không đổi, kiến nghị vẫn quá hạn)?")
            if not ask(self, question, "Thông báo gia hạn sau thời hạn"):
                raise
            self.write(extend(True))
            self.letter = None  # the letter was sent already (late): nothing to print


class ResolveDialog(ActionDialog):
    form_name, title = "followup_resolve", "Ghi kết quả giải quyết, trả lời công dân"
    letter = ("reply", "Đã ghi kết quả giải quyết. Xuất ngay văn bản trả lời công dân?")

    def fill(self, session, detail: PetitionDetail) -> None:
        self.form.resolutionEdit.setPlainText(detail.resolution)

    def apply(self) -> None:
        f = self.form
        reply_date = pydate(f.replyDateEdit.date()) if f.replyDateCheck.isChecked() else None
        informed = pydate(f.informedEdit.date()) if f.informedCheck.isChecked() else None
        resolution, resolved, number = f.resolutionEdit.toPlainText(), pydate(f.resolvedEdit.date()), \
            register_number(f.replyNumberEdit.text())
        version = self.base_version
        self.write(lambda session: followup.resolve(session, self.petition_id, resolution, resolved, number,
                                                        reply_date, informed, expected_version=version))


class TransferDialog(ActionDialog):
    form_name, title = "followup_transfer", "Chuyển kiến nghị lên cấp trên"

    def fill(self, session, detail: PetitionDetail) -> None:
        combo = self.form.bodyCombo
        combo.addItems(followup.transfer_bodies(session))
        combo.setCurrentIndex(-1)
        combo.setEditText(detail.transferred_to)
        combo.lineEdit().setPlaceholderText("Chọn hoặc gõ tên cơ quan cấp trên")

    def apply(self) -> None:
        f = self.form
        body, day, number = f.bodyCombo.currentText(), pydate(f.dateEdit.date()), register_number(f.numberEdit.text())
        version = self.base_version
        self.write(lambda session: followup.transfer_upward(session, self.petition_id, body, day, number,
                                                                expected_version=version))


class NotCompetentDialog(ActionDialog):
    form_name, title = "followup_not_competent", "Kiến nghị không thuộc thẩm quyền"
    letter = ("reply", "Đã ghi nhận. Xuất ngay văn bản trả lời, hướng dẫn công dân?")

    def fill(self, session, detail: PetitionDetail) -> None:
        self.form.explanationEdit.setPlainText(detail.resolution)

    def apply(self) -> None:
        explanation, day, version = self.form.explanationEdit.toPlainText(), pydate(self.form.dateEdit.date()), \
            self.base_version
        self.write(lambda session: followup.mark_not_competent(session, self.petition_id, explanation, day,
                                                                   expected_version=version))


class ReopenDialog(ActionDialog):
    form_name, title = "followup_reopen", "Mở lại kiến nghị"

    def apply(self) -> None:
        reason, version = self.form.reasonEdit.toPlainText(), self.base_version
        self.write(lambda session: followup.reopen(session, self.petition_id, reason,
                                                       expected_version=version))


ACTIONS: dict[str, type[ActionDialog]] = {
    "assign": AssignDialog, "extend": ExtendDialog, "resolve": ResolveDialog, "transfer": TransferDialog,
    "not_competent": NotCompetentDialog, "reopen": ReopenDialog,
}

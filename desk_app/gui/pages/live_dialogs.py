"""The dialogs of the live-minutes page: start the meeting, end it, make a petition from an opinion, add a
speaker at the meeting. Each is a :class:`~desk_app.gui.forms.FormDialog` on its ``ui/live_*.ui`` form."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QWidget

from desk_app.domain import clock
from desk_app.gui.context import AppContext
from desk_app.gui.forms import FormDialog
from desk_app.gui.widgets import fill_combo, select_data
from desk_app.services import catalog, minutes, registrations
from desk_app.services.minutes import MeetingState, OpinionView
from desk_app.services.registrations import RegistrationInput


def at_meeting(time: dt.time | QTime | None = None) -> dt.datetime:
    """A moment of the meeting: today's date as the program sees it (``DESK_APP_TODAY`` pins it for training
    and tests, so the times agree with the deadlines counted from the session date) and the clock's time."""
    if isinstance(time, QTime):
        time = dt.time(time.hour(), time.minute())
    return dt.datetime.combine(clock.today(), time or dt.datetime.now().time()).replace(microsecond=0)


class StartDialog(FormDialog):
    form_name, title, accept_text = "live_start", "Bắt đầu hội nghị", "&Bắt đầu"
    aliases = {"secretary_name": "secretary"}

    def __init__(self, ctx: AppContext, state: MeetingState, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.state = state
        self.form.session_text.setText(f"<b>{escape(state.title)}</b>")
        self.form.time_edit.setTime(QTime.currentTime())
        self.form.secretary_edit.setText(state.secretary)
        self.resize(560, 200)
        self.form.time_edit.setFocus()

    def apply(self) -> None:
        started, secretary = at_meeting(self.form.time_edit.time()), self.form.secretary_edit.text()
        self.ctx.write(lambda session: minutes.start_meeting(session, self.state.id, started, secretary))


class EndDialog(FormDialog):
    form_name, title, accept_text = "live_end", "Kết thúc hội nghị", "&Kết thúc hội nghị"
    aliases = {"ended_at": "time", "citizens_attending": "citizens", "delegates_attending": "delegates",
               "general_conclusion": "conclusion"}

    def __init__(self, ctx: AppContext, state: MeetingState, citizens: int, delegates: int, conclusion: str,
                 parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.state = state
        f = self.form
        still_open = any(o.ended is None for o in state.opinions)
        note = "<br>Ý kiến đang ghi sẽ kết thúc vào giờ kết thúc hội nghị." if still_open else ""
        f.session_text.setText(f"<b>{escape(state.title)}</b>{note}")
        f.time_edit.setTime(QTime.currentTime())
        f.citizens_spin.setValue(citizens)
        f.delegates_spin.setValue(delegates)
        f.conclusion_edit.setPlainText(conclusion)
        self.resize(680, 420)
        f.time_edit.setFocus()

    def apply(self) -> None:
        f = self.form
        ended, citizens, delegates = at_meeting(f.time_edit.time()), f.citizens_spin.value(), f.delegates_spin.value()
        conclusion = f.conclusion_edit.toPlainText()
        self.ctx.write(lambda session: minutes.end_meeting(  # the opinion being recorded ends with the meeting
            session, self.state.id, ended, citizens_attending=citizens, delegates_attending=delegates,
            general_conclusion=conclusion))

    def typed(self) -> str:
        return self.form.conclusion_edit.toPlainText()


class PetitionDialog(FormDialog):
    form_name, title, accept_text = "live_petition", "Tạo kiến nghị từ ý kiến", "&Tạo kiến nghị"
    aliases = {"field_id": "field", "lead_agency_id": "agency"}

    def __init__(self, ctx: AppContext, opinion: OpinionView, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.opinion = opinion
        self.petition_id: int | None = None
        f = self.form
        with ctx.session() as session:
            fill_combo(f.field_combo, catalog.active_items(session, "fields"), "(Chưa phân loại)")
            fill_combo(f.agency_combo, catalog.active_items(session, "agencies"), "(Chưa giao)")
        details = f" – {escape(opinion.info)}" if opinion.info else ""
        f.citizen_text.setText(f"<b>{escape(opinion.name)}</b>{details}")
        f.content_edit.setPlainText(opinion.content)
        select_data(f.field_combo, opinion.field_id)
        select_data(f.agency_combo, opinion.answering_agency_id)
        self.resize(760, 500)
        f.content_edit.setFocus()

    def apply(self) -> None:
        f = self.form
        content, field_id, agency_id = f.content_edit.toPlainText(), f.field_combo.currentData(), \
            f.agency_combo.currentData()
        conclusion, complex_case = f.conclusion_edit.toPlainText(), f.complex_check.isChecked()
        self.petition_id = self.ctx.write(lambda session: minutes.petition_from_opinion(
            session, self.opinion.id, content=content, field_id=field_id, lead_agency_id=agency_id,
            conclusion=conclusion, complex_case=complex_case).id)

    def typed(self) -> str:
        return self.form.content_edit.toPlainText()


class WalkInDialog(FormDialog):
    form_name, title, accept_text = "live_walkin", "Người phát biểu thêm tại hội nghị", "&Thêm vào hàng chờ"
    aliases = {"citizen_name": "name", "hamlet_id": "hamlet", "field_id": "field"}

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        self.registration_id: int | None = None
        f = self.form
        with ctx.session() as session:
            fill_combo(f.hamlet_combo, catalog.active_items(session, "hamlets"), "(Không chọn)")
            fill_combo(f.field_combo, catalog.active_items(session, "fields"), "(Chưa phân loại)")
        f.content_edit.setPlaceholderText("Tóm tắt điều công dân muốn nêu (không bắt buộc)")
        self.resize(640, 360)
        f.name_edit.setFocus()

    def apply(self) -> None:
        f = self.form
        data = RegistrationInput(citizen_name=f.name_edit.text(), content=f.content_edit.toPlainText(),
                                 hamlet_id=f.hamlet_combo.currentData(), field_id=f.field_combo.currentData())
        priority = f.priority_check.isChecked()
        self.registration_id = self.ctx.write(lambda session: registrations.add_walk_in(
            session, self.meeting_id, data, priority=priority).id)

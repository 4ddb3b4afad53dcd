"""The dialogs of the live-minutes page: start the meeting (its actual day beside the plan's), end it, correct
the times of the minutes, make a petition from an opinion, add a speaker at the meeting. Each is a
:class:`~desk_app.gui.forms.FormDialog` on its ``ui/live_*.ui`` form."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QTimeEdit, QWidget

from desk_app.domain import clock
from desk_app.domain.validation import format_date, format_time
from desk_app.gui import palette
from desk_app.gui.common import VI_LOCALE, pydate, qdate
from desk_app.gui.context import AppContext, ask
from desk_app.gui.forms import FormDialog
from desk_app.gui.inputs import retype_after_select_all
from desk_app.gui.widgets import fill_combo, select_data
from desk_app.services import catalog, minutes, registrations
from desk_app.services.minutes import MeetingState, OpinionView
from desk_app.services.registrations import RegistrationInput


def pytime(time: QTime) -> dt.time:
    return dt.time(time.hour(), time.minute())


def qtime(time: dt.time | dt.datetime) -> QTime:
    return QTime(time.hour, time.minute)


def at_meeting(time: dt.time | QTime | None = None, day: dt.date | None = None) -> dt.datetime:
    """A moment of the meeting: ``day`` (else today's date as the program sees it — ``DESK_APP_TODAY`` pins it
    for training and tests, so the times agree with the deadlines counted from the session date) and ``time``
    (else the clock's)."""
    if isinstance(time, QTime):
        time = pytime(time)
    return dt.datetime.combine(day or clock.today(), time or dt.datetime.now().time()).replace(microsecond=0)


class StartDialog(FormDialog):
    """The day and time the meeting began: today and now, or the plan's when the meeting is recorded after
    its day; another day than the plan's is said in the dialog and asked once more before it is recorded."""

    form_name, title, accept_text = "live_start", "Bắt đầu hội nghị", "&Bắt đầu"
    aliases = {"secretary_name": "secretary", "started_at": "started"}

    def __init__(self, ctx: AppContext, state: MeetingState, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.state = state
        f = self.form
        f.session_text.setText(f"<b>{escape(state.title)}</b>")
        today, planned = clock.today(), state.planned_start
        later = planned.date() < today  # typed in after the meeting: as planned unless changed
        f.date_edit.setLocale(VI_LOCALE)
        f.date_edit.setMaximumDate(qdate(today))
        f.date_edit.setDate(qdate(planned.date() if later else today))
        f.time_edit.setTime(qtime(planned) if later else QTime.currentTime())
        f.date_edit.dateChanged.connect(self._show_plan)
        f.secretary_edit.setText(state.secretary)
        self._show_plan()
        self.resize(600, 260)
        f.time_edit.setFocus()

    def held_on(self) -> dt.date:
        return pydate(self.form.date_edit.date())

    def _show_plan(self) -> None:
        note = minutes.other_day_note(self.state.planned_start, self.held_on())
        planned = self.state.planned_start
        self.form.plan_label.setText(note or f"Ngày họp theo kế hoạch: {format_date(planned.date())} lúc "
                                             f"{format_time(planned)}.")
        self.form.plan_label.setStyleSheet(palette.style(palette.ERROR, bold=True) if note else "")

    def submit(self) -> bool:
        note = minutes.other_day_note(self.state.planned_start, self.held_on())
        if note and not ask(self, f"{note}\n\nGhi hội nghị họp ngày {format_date(self.held_on())}?",
                            "Ngày họp khác kế hoạch"):
            return False
        return super().submit()

    def apply(self) -> None:
        started = at_meeting(self.form.time_edit.time(), self.held_on())
        secretary = self.form.secretary_edit.text()
        self.ctx.write(lambda session: minutes.start_meeting(session, self.state.id, started, secretary))


class EndDialog(FormDialog):
    """The close: ``when`` proposes the end (now; the typed time of minutes recorded afterwards; the recorded
    end of reopened minutes), on the meeting's day."""

    form_name, title, accept_text = "live_end", "Kết thúc hội nghị", "&Kết thúc hội nghị"
    aliases = {"ended_at": "time", "citizens_attending": "citizens", "delegates_attending": "delegates",
               "general_conclusion": "conclusion"}
    ask_before_discard = True

    def __init__(self, ctx: AppContext, state: MeetingState, citizens: int, delegates: int, conclusion: str,
                 when: dt.datetime, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.state, self.day = state, when.date()
        f = self.form
        still_open = any(o.ended is None for o in state.opinions)
        note = "<br>Ý kiến đang ghi sẽ kết thúc vào giờ kết thúc hội nghị." if still_open else ""
        f.session_text.setText(f"<b>{escape(state.title)}</b><br>Ngày họp: {format_date(self.day)}{note}")
        f.time_edit.setTime(qtime(when))
        f.citizens_spin.setValue(citizens)
        f.delegates_spin.setValue(delegates)
        f.conclusion_edit.setPlainText(conclusion)
        self.resize(680, 420)
        f.time_edit.setFocus()

    def apply(self) -> None:
        f = self.form
        ended, citizens, delegates = (at_meeting(f.time_edit.time(), self.day), f.citizens_spin.value(),
                                      f.delegates_spin.value())
        conclusion = f.conclusion_edit.toPlainText()
        self.ctx.write(lambda session: minutes.end_meeting(  # the opinion being recorded ends with the meeting
            session, self.state.id, ended, citizens_attending=citizens, delegates_attending=delegates,
            general_conclusion=conclusion))

    def typed(self) -> str:
        return self.form.conclusion_edit.toPlainText()


class TimesDialog(FormDialog):
    """Sửa giờ: the meeting's actual day, start (and end, for reopened minutes), each agenda step and each
    opinion, as the secretary's notes say; the plan keeps its own day."""

    form_name, title, accept_text = "live_times", "Sửa ngày, giờ trong biên bản", "&Lưu giờ"
    aliases = {"started_at": "start", "ended_at": "end"}
    ask_before_discard = True

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        with ctx.session() as session:
            times = minutes.minutes_times(session, meeting_id)
        f = self.form
        f.plan_label.setText(f"Kế hoạch dự kiến họp ngày {format_date(times.planned_start.date())} lúc "
                             f"{format_time(times.planned_start)} (không thay đổi).")
        f.day_edit.setLocale(VI_LOCALE)
        f.day_edit.setMaximumDate(qdate(clock.today()))
        f.day_edit.setDate(qdate(times.day))
        f.start_edit.setTime(qtime(times.start))
        for widget in (f.end_label, f.end_edit):
            widget.setVisible(times.end is not None)
        if times.end is not None:
            f.end_edit.setTime(qtime(times.end))
        self.has_end = times.end is not None
        grid = f.rows_grid
        self.step_edits: dict[int, QTimeEdit] = {}
        self.opinion_edits: dict[int, tuple[QTimeEdit, QTimeEdit | None]] = {}
        for row, step in enumerate(times.steps):
            grid.addWidget(QLabel(step.text, f.rows_host), row, 0)
            self.step_edits[step.id] = self._time(step.start, row, 1)
        for row, said in enumerate(times.opinions, len(times.steps)):
            grid.addWidget(QLabel(said.text, f.rows_host), row, 0)
            start = self._time(said.start, row, 1)
            end = self._time(said.end, row, 2) if said.end is not None else None
            if end is None:
                grid.addWidget(QLabel("đang phát biểu", f.rows_host), row, 2)
            self.opinion_edits[said.id] = (start, end)
        retype_after_select_all(f.rows_host)
        self.resize(620, 520)
        f.day_edit.setFocus()

    def _time(self, value: dt.time | None, row: int, column: int) -> QTimeEdit:
        edit = QTimeEdit(self.form.rows_host)
        edit.setDisplayFormat("HH:mm")
        if value is not None:
            edit.setTime(qtime(value))
        self.form.rows_grid.addWidget(edit, row, column)
        return edit

    def apply(self) -> None:
        f = self.form
        data = minutes.TimesInput(
            day=pydate(f.day_edit.date()), start=pytime(f.start_edit.time()),
            end=pytime(f.end_edit.time()) if self.has_end else None,
            steps={log_id: pytime(edit.time()) for log_id, edit in self.step_edits.items()},
            opinions={opinion_id: (pytime(start.time()), pytime(end.time()) if end is not None else None)
                      for opinion_id, (start, end) in self.opinion_edits.items()})
        self.ctx.write(lambda session: minutes.correct_times(session, self.meeting_id, data))


class PetitionDialog(FormDialog):
    form_name, title, accept_text = "live_petition", "Tạo kiến nghị từ ý kiến", "&Tạo kiến nghị"
    aliases = {"field_id": "field", "lead_agency_id": "agency"}
    ask_before_discard = True

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
    ask_before_discard = True

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
                                 hamlet_id=f.hamlet_combo.currentData(), address=f.address_edit.text(),
                                 field_id=f.field_combo.currentData())
        priority = f.priority_check.isChecked()
        self.registration_id = self.ctx.write(lambda session: registrations.add_walk_in(
            session, self.meeting_id, data, priority=priority).id)

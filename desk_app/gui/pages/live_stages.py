"""The stages of a meeting on the live-minutes page: start it (its actual day asked beside the plan's), take
a start back while nothing is recorded, reopen closed minutes with a reason, correct the times, close it —
and the moment each action is recorded at: now, or for minutes typed in after the meeting, the meeting's day
at the time in the page's "Giờ ghi" box. A mixin of :class:`~desk_app.gui.pages.live_minutes.LiveMinutesPage`
(it uses the page's ``state``, ``ui``, ``write``, ``reload`` …)."""

from __future__ import annotations

import datetime as dt

from desk_app.gui.context import ask
from desk_app.gui.forms import DateReasonDialog
from desk_app.gui.pages.live_dialogs import EndDialog, StartDialog, TimesDialog, at_meeting
from desk_app.gui.pages.live_lists import QUEUE_TAB
from desk_app.services import minutes


class MeetingStages:
    def _moment(self) -> dt.datetime:
        """Now — or, for minutes typed in after the meeting, the meeting's day at the time in "Giờ ghi"."""
        if self.state is not None and self.state.recorded_later:
            return at_meeting(self.ui.clock_edit.time(), self.state.actual_start.date())
        return at_meeting()

    def start_or_reopen(self) -> None:
        """Ctrl+B: start the meeting, or reopen its closed minutes."""
        if self.state is not None and self.state.reopenable:
            self.reopen()
        else:
            self.start_meeting()

    def start_meeting(self) -> None:
        if self.state is None or not self.state.startable or self.dialog is not None:
            return
        self.flush()

        def started(_dialog) -> None:
            self.reload()  # the picker shows the new status too
            self.changed("sessions")
            self.ui.side_tabs.setCurrentIndex(QUEUE_TAB)
            self.ui.queue_list.setFocus()

        self._open(StartDialog(self.ctx, self.state, self), started)

    def undo_start(self) -> None:
        """A start by mistake, nothing recorded yet: back to "not started"."""
        if self.state is None or not self.state.undoable or self.dialog is not None:
            return
        if not ask(self, "Đưa hội nghị về trạng thái chưa bắt đầu? Giờ bắt đầu đã ghi sẽ được bỏ; kế hoạch giữ "
                         "nguyên.", "Hủy bắt đầu hội nghị"):
            return
        meeting_id = self.state.id
        if self.write(lambda s: minutes.undo_start(s, meeting_id), "sessions", "minutes"):
            self.opinion = None
            self.timer.reset()
            self.reload()

    def reopen(self) -> None:
        """Closed minutes reopened for corrections, with a reason (kept in the audit log)."""
        if self.state is None or not self.state.reopenable or self.dialog is not None:
            return
        meeting_id = self.state.id

        def reopened(_dialog) -> None:
            self.reload()
            self.changed("sessions", "minutes")

        self._open(DateReasonDialog(
            self.ctx, self, "Mở lại biên bản để sửa",
            "Biên bản sẽ mở lại để sửa (nội dung, giờ, số người dự, kết luận) cho đến khi kết thúc lại bằng "
            "Ctrl+E. Chỉ sửa được trước khi ban hành thông báo kết luận; lý do được ghi vào nhật ký thay đổi.",
            lambda s, values, _version: minutes.reopen_minutes(s, meeting_id, values.reason), ask_date=False,
            reason_label="&Lý do mở lại:", accept_text="&Mở lại biên bản", reject_text="Không mở lại"), reopened)

    def correct_times(self) -> None:
        """Ctrl+T: the minutes' day and times, as the secretary's notes say."""
        if not self._live():
            return
        self.flush()

        def corrected(_dialog) -> None:
            self.load_meeting()
            self.changed("sessions", "minutes")

        self._open(TimesDialog(self.ctx, self.state.id, self), corrected)

    def end_meeting(self) -> None:
        if not self._live():
            return
        self.flush()
        ui, state = self.ui, self.state
        when = state.actual_end or self._moment()  # reopened minutes: as recorded when they were closed

        def ended(_dialog) -> None:
            self.timer.reset()
            self.opinion = None
            self.reload()
            self.changed("sessions")

        self._open(EndDialog(self.ctx, state, ui.citizens_spin.value(), ui.delegates_spin.value(),
                             ui.conclusion_edit.toPlainText(), when, self), ended)

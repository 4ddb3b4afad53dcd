"""Page "Biên bản trực tiếp": the meeting as it happens, on a laptop beside the chair.

Agenda steps a–đ with the time each was reached, attendance, the speaking queue (walk-ins, priority
insert), the current speaker with a countdown, a large editor that saves itself (gui.autosave: 1.5 s after
the last key and at the latest 2 s after any change, also while the secretary types without a pause; at
once when the focus leaves it, the step or the speaker changes, the page is left or the window closes),
answers, the outcome, petitions made from the opinion, the
chair's conclusion and the close. Everything has a key (the bar at the bottom lists them). After an
unclean stop the page reopens the session in progress on its last unfinished opinion.

The meeting's day is asked when it starts (another day than the plan's is said and asked again; the plan
keeps its day); a start with nothing recorded can be taken back; minutes typed in after the meeting take
their times from the "Giờ ghi" box and every time can be corrected (Ctrl+T); closed minutes are reopened with
a reason (Ctrl+B) until the conclusion notice is issued. The page fits a 1366×768 screen at 125 % with the
largest font size without scrolling: its rows wrap, the queue, the opinions and the agenda share tabs, and so
do the answer, the answers given and the outcome.

What the page shows is read by desk_app.services.minutes (``meeting_state``, ``opinion_view``: plain
dataclasses); every change goes through the minutes and registrations services.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QSizePolicy, QVBoxLayout

from desk_app.domain.errors import DeskAppError
from desk_app.domain.states import AgendaStep, Outcome, RegistrationState, SessionStatus
from desk_app.gui import palette
from desk_app.gui.autosave import Autosave
from desk_app.gui.common import load_ui
from desk_app.gui.context import AppContext, Page
from desk_app.gui.flow import FlowLayout
from desk_app.gui.forms import open_dialog
from desk_app.gui.pages.live_dialogs import PetitionDialog, WalkInDialog, qtime
from desk_app.gui.pages.live_lists import (OPINIONS_TAB, QUEUE_TAB, fill_agenda, fill_opinions, fill_queue,
                                           idle_text, shortcut_keys, status_text)
from desk_app.gui.pages.live_stages import MeetingStages
from desk_app.gui.speaker_timer import SpeakerTimer
from desk_app.gui.widgets import (FieldErrors, connect_while, fill_combo, fill_session_picker, select_data,
                                  set_shortcut_bar)
from desk_app.services import minutes, registrations, sessions
from desk_app.services.minutes import MeetingState, OpinionView, Responder

SAVED_HINT = ("Nội dung được tự động lưu chậm nhất 2 giây sau khi gõ (kể cả khi gõ liên tục) và ngay khi "
              "rời ô soạn, chuyển bước, chuyển người phát biểu hoặc đóng cửa sổ")
ANSWER_TAB, ANSWERS_TAB, OUTCOME_TAB = range(3)


# -- the page ---------------------------------------------------------------------------------------------

class LiveMinutesPage(MeetingStages, Page):
    key = "live"
    title = "Biên bản trực tiếp"
    watches = frozenset({"sessions", "registrations", "minutes", "petitions", "catalog", "settings"})

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.ui = ui = load_ui("live_page", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(ui)
        self.state: MeetingState | None = None
        self.opinion: OpinionView | None = None
        self.dialog: QDialog | None = None  # the dialog now open (tests reach it here)
        self._saved_text = ""  # the current opinion's text as last written to the database
        self._loading = False  # widgets being filled by the program, not typed into
        self.last_saved: dt.datetime | None = None

        self.timer = SpeakerTimer(parent=ui.timer_host, shared=ctx.speaker_clock)  # the hall screen's too
        host = QVBoxLayout(ui.timer_host)
        host.setContentsMargins(0, 0, 0, 0)
        host.addWidget(self.timer)
        self.timer.state_changed.connect(self._timer_state)

        self.answer_errors = FieldErrors({}, general=ui.answer_error)  # under the answer being typed
        self._autosave = Autosave(self._write_text, self)  # the opinion being typed
        self._draft_autosave = Autosave(self._write_draft, self)  # attendance and the general conclusion

        self._build_look()
        self._connect()
        self._set_live(False)

    # -- construction -------------------------------------------------------------------------------------
    def _build_look(self) -> None:
        ui = self.ui  # fonts, texts and placeholders are the form's (ui/live_page.ui)
        # the rows wrap on a narrow window (1366 pixels at 125 %, the largest font) instead of widening the page
        FlowLayout.replace(ui.session_row)
        ui.editor_label.setMinimumWidth(1)  # never wider than the panel: the F9 button keeps its place
        ui.speaker_info_label.setStyleSheet(palette.style(palette.SECONDARY))
        ui.speaker_info_label.setMinimumWidth(1)  # one line, cut to the room there is (the tooltip has it all)
        ui.speaker_name_label.setMinimumWidth(80)  # a long name wraps instead of pushing the timer off the page
        ui.speaker_info_label.installEventFilter(self)
        ui.saved_label.setToolTip(SAVED_HINT)
        for button in (ui.timer_button, ui.timer_reset_button):
            button.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)
        fill_combo(ui.outcome_combo, [(o.label, o.value) for o in Outcome], "(Chưa xác định)")
        ui.responder_combo.lineEdit().setPlaceholderText("Người chủ trì, cơ quan hoặc gõ họ tên")
        ui.splitter.setStretchFactor(0, 0)
        ui.splitter.setStretchFactor(1, 1)
        ui.splitter.setSizes([330, 850])
        fill_agenda(ui.agenda_list, None)
        ui.agenda_list.setToolTip("Chọn bước rồi bấm Enter (hoặc Alt+1 … Alt+5) để ghi giờ chuyển sang bước đó")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — the speaker's details follow the label's width
        if watched is self.ui.speaker_info_label and event.type() == QEvent.Resize:
            self._elide_info()
        return super().eventFilter(watched, event)

    def _elide_info(self) -> None:
        label = self.ui.speaker_info_label
        full = label.toolTip() or label.property("full_text") or ""
        label.setText(label.fontMetrics().elidedText(full, Qt.ElideRight, max(label.width(), 40)) or " ")

    def _connect(self) -> None:
        ui = self.ui
        buttons = {  # button → (slot, keys: in the text where the button is in the panels, else in the tooltip)
            ui.start_button: (self.start_meeting, "Ctrl+B", False), ui.reopen_button: (self.reopen, "Ctrl+B", False),
            ui.undo_start_button: (self.undo_start, "", False), ui.times_button: (self.correct_times, "Ctrl+T", False),
            ui.end_button: (self.end_meeting, "Ctrl+E", False), ui.call_button: (self.call_next, "F2", True),
            ui.walkin_button: (self.walk_in, "Ctrl+N", False), ui.absent_button: (self.toggle_absent, "", False),
            ui.timer_button: (self.toggle_timer, "F5", False), ui.timer_reset_button: (self.reset_timer, "Shift+F5", False),
            ui.answer_button: (self.add_answer, "Ctrl+Enter", False), ui.petition_button: (self.make_petition, "F8", False),
        }
        for widget, (slot, keys, in_text) in buttons.items():
            widget.clicked.connect(slot)
            if keys and in_text:
                widget.setText(f"{widget.text()} ({keys})")
            widget.setToolTip(f"{widget.text()} ({keys})" if keys and not in_text else widget.text())
        ui.absent_button.setToolTip("Đánh dấu người đang chọn trong hàng chờ là vắng mặt (bấm lại khi họ đến)")
        ui.undo_start_button.setToolTip("Đưa hội nghị về “chưa bắt đầu” (bấm nhầm Ctrl+B): chỉ khi biên bản chưa "
                                        "ghi gì")
        shortcuts = {
            "F2": self.call_next, "F5": self.toggle_timer, "Shift+F5": self.reset_timer, "F6": self.focus_answer,
            "F7": self.focus_outcome, "F8": self.make_petition, "F9": self.focus_conclusion,
            "Ctrl+N": self.walk_in, "Ctrl+Return": self.save_now, "Ctrl+Enter": self.save_now,
            "Ctrl+S": self.save_now, "Ctrl+B": self.start_or_reopen, "Ctrl+E": self.end_meeting,
            "Ctrl+T": self.correct_times,
        }
        for number, step in enumerate(AgendaStep, 1):
            shortcuts[f"Alt+{number}"] = lambda code=step.value: self.reach_step(code)
        for keys, slot in shortcuts.items():
            # Window-wide while the page is on screen (a hidden page's shortcuts are inactive).
            QShortcut(QKeySequence(keys), self, slot, context=Qt.WindowShortcut)
        ui.session_combo.currentIndexChanged.connect(self._meeting_changed)
        ui.editor.textChanged.connect(self._text_edited)
        ui.conclusion_edit.textChanged.connect(self._draft_edited)
        ui.citizens_spin.valueChanged.connect(self._draft_edited)
        ui.delegates_spin.valueChanged.connect(self._draft_edited)
        ui.agenda_list.itemActivated.connect(lambda item: self.reach_step(item.data(Qt.UserRole)))
        ui.queue_list.itemActivated.connect(lambda _item: self.call_next())
        ui.opinions_list.itemActivated.connect(self._opinion_picked)
        ui.outcome_combo.activated.connect(self._outcome_chosen)
        ui.conclusion_button.toggled.connect(self.show_conclusion)
        connect_while(self, self.ctx.saved, self._mark_saved)
        connect_while(self, QApplication.instance().focusChanged, self._focus_changed)

    # -- loading -------------------------------------------------------------------------------------------
    def activate(self, arg: object = None) -> None:
        super().activate(arg)
        if isinstance(arg, int) and arg != self.meeting_id:
            index = self.ui.session_combo.findData(arg)
            if index >= 0:
                self.ui.session_combo.setCurrentIndex(index)
        if self.state is not None and self.state.live and self.opinion is not None:
            self.ui.editor.setFocus()
        else:
            self.ui.session_combo.setFocus()

    def reload(self) -> None:
        self.flush()
        current = self.meeting_id
        with self.ctx.session() as session:
            choices = sessions.choices(session, first=(SessionStatus.IN_PROGRESS,))
        fill_session_picker(self.ui.session_combo, choices, current)
        self.load_meeting()

    @property
    def meeting_id(self) -> int | None:
        """The dialogue session whose meeting the page shows (picked in its session combo)."""
        return self.ui.session_combo.currentData()

    def _meeting_changed(self, _index: int) -> None:
        self.flush()
        self.opinion = None
        self.timer.reset()
        self.load_meeting()

    def load_meeting(self) -> None:
        """Fill the page from the database; keeps the opinion on screen, else the last unfinished one."""
        ui = self.ui
        if self.meeting_id is None:
            self.state = None
            ui.status_label.setText("")
            ui.speaker_name_label.setText("Chưa có cuộc đối thoại nào")
            self._set_info("Hãy lập kế hoạch ở trang “Cuộc đối thoại”.")
            self._set_live(False)
            self._fill_opinion(None)
            return
        with self.ctx.session() as session:
            state = self.state = minutes.meeting_state(session, self.meeting_id)
        text, tip = status_text(state)
        ui.status_label.setText(text)
        ui.status_label.setToolTip(tip)
        ui.status_label.setStyleSheet(palette.style(palette.SUCCESS, bold=True) if state.live else "")
        self._loading = True
        try:
            fill_agenda(ui.agenda_list, state)
            waiting = fill_queue(ui.queue_list, state)
            ui.side_tabs.setTabText(QUEUE_TAB, f"&Hàng chờ ({waiting})")
            self._fill_opinions(state)
            fill_combo(ui.responder_combo, [(r.text, i) for i, r in enumerate(state.responders)])
            if state.recorded_later and not ui.clock_edit.hasFocus():
                ui.clock_edit.setTime(qtime(state.last_moment or state.actual_start))
            if not ui.conclusion_edit.hasFocus():
                ui.citizens_spin.setValue(state.citizens or 0)
                ui.delegates_spin.setValue(state.delegates or 0)
                if ui.conclusion_edit.toPlainText() != state.conclusion:
                    ui.conclusion_edit.setPlainText(state.conclusion)
        finally:
            self._loading = False
        if self.timer.state == "idle":
            self.timer.reset(state.speaking_seconds)
        set_shortcut_bar(ui.shortcut_bar, shortcut_keys(state))
        font = QApplication.font()  # a little smaller than the rest: two lines at the largest size on 125 %
        font.setPointSize(max(font.pointSize() - 2, 9))
        ui.shortcut_bar.setFont(font)
        self._set_live(state.live)
        if not state.live and state.opinions:
            ui.side_tabs.setCurrentIndex(OPINIONS_TAB)  # a meeting that is over is read back from its opinions
        ids = [o.id for o in state.opinions]
        keep = self.opinion.id if self.opinion is not None and self.opinion.id in ids else state.last_unfinished()
        self.show_opinion(keep)

    def _fill_opinions(self, state: MeetingState) -> None:
        fill_opinions(self.ui.opinions_list, state, self.opinion.id if self.opinion is not None else None)
        self.ui.side_tabs.setTabText(OPINIONS_TAB, f"Ý &kiến đã ghi ({len(state.opinions)})")

    def _set_live(self, live: bool) -> None:
        ui = self.ui
        state = self.state
        has_opinion = self.opinion is not None
        ui.start_button.setVisible(bool(state and state.startable))
        ui.reopen_button.setVisible(bool(state and state.reopenable))
        ui.undo_start_button.setVisible(bool(state and state.undoable))
        ui.end_button.setVisible(live)
        ui.times_button.setVisible(live)
        for widget in (ui.clock_label, ui.clock_edit):
            widget.setVisible(bool(live and state.recorded_later))
        for widget in (ui.call_button, ui.walkin_button, ui.absent_button, ui.citizens_spin, ui.delegates_spin,
                       ui.timer_button, ui.timer_reset_button, ui.agenda_list):
            widget.setEnabled(live)
        for widget in (ui.responder_combo, ui.answer_edit, ui.answer_button, ui.outcome_combo, ui.petition_button):
            widget.setEnabled(live and has_opinion)
        ui.editor.setReadOnly(not (live and has_opinion))
        ui.conclusion_edit.setReadOnly(not live)
        self._label_editor()

    def _label_editor(self) -> None:
        """The editor's caption says "tự động lưu" only while what it shows can be typed into."""
        ui = self.ui
        on = ui.editor_stack.currentWidget() is ui.conclusion_edit
        shown = ui.conclusion_edit if on else ui.editor
        what = "Kết luận chung" if on else "Nội d&ung"
        ui.editor_label.setText(f"{what} ({'chỉ xem' if shown.isReadOnly() else 'tự động lưu'}):")
        ui.editor_label.setBuddy(shown)

    # -- the opinion on screen ------------------------------------------------------------------------------
    def show_opinion(self, opinion_id: int | None) -> None:
        self.flush_text()  # what was typed is in the database before the editor is refilled from it
        view = None
        if opinion_id is not None:
            with self.ctx.session() as session:
                view = minutes.opinion_view(session, opinion_id)
        self._fill_opinion(view)

    def _fill_opinion(self, view: OpinionView | None) -> None:
        ui = self.ui
        self.opinion = view
        self._loading = True
        try:
            if view is None:
                waiting = self.state is not None and any(e.state == RegistrationState.WAITING.value
                                                         for e in self.state.queue)
                if self.state is not None:
                    ui.speaker_name_label.setText("Chưa có người phát biểu")
                    self._set_info(idle_text(self.state, waiting))
                ui.editor.setPlainText("")
                self._saved_text = ""
                ui.answers_list.clear()
                ui.petitions_list.clear()
                ui.outcome_combo.setCurrentIndex(0)
            else:
                ui.speaker_name_label.setText(view.name)
                self._set_info(view.info)  # one line: the full registered content is in the tooltip
                if ui.editor.toPlainText() != view.content:
                    ui.editor.setPlainText(view.content)
                    ui.editor.moveCursor(ui.editor.textCursor().MoveOperation.End)
                self._saved_text = view.content
                ui.answers_list.clear()
                ui.answers_list.addItems(view.answers or [])
                ui.lower_tabs.setTabText(ANSWERS_TAB, f"Đã trả lời ({len(view.answers)})")
                ui.petitions_list.clear()
                ui.petitions_list.addItems(view.petitions or [])
                select_data(ui.outcome_combo, view.outcome)
            for row in range(ui.opinions_list.count()):
                if view is not None and ui.opinions_list.item(row).data(Qt.UserRole) == view.id:
                    ui.opinions_list.setCurrentRow(row)
        finally:
            self._loading = False
        self.answer_errors.clear()
        self._set_live(bool(self.state and self.state.live))

    def _set_info(self, text: str) -> None:
        self.ui.speaker_info_label.setToolTip(text)
        self._elide_info()

    def _opinion_picked(self, item) -> None:
        self.show_opinion(item.data(Qt.UserRole))
        self.show_conclusion(False)

    # -- autosave ------------------------------------------------------------------------------------------
    def _text_edited(self) -> None:
        if not self._loading and self.opinion is not None:
            self._autosave.changed()  # saved after a pause, and within 2 s even while typing on

    def _draft_edited(self, *_args) -> None:
        if not self._loading and self.state is not None and self.state.live:
            self._draft_autosave.changed()

    def _focus_changed(self, old, _new) -> None:
        if old is self.ui.editor:
            self.flush_text()
        elif old in (self.ui.conclusion_edit, self.ui.citizens_spin, self.ui.delegates_spin) or (
                old is not None and old.parent() in (self.ui.citizens_spin, self.ui.delegates_spin)):
            self.save_draft()

    def flush(self) -> None:
        """Everything typed and not yet saved goes to the database now."""
        self.flush_text()
        self.save_draft()

    def flush_text(self) -> bool:
        """The opinion's text into the database now, if anything is unsaved."""
        return self._autosave.flush(force=True)  # _write_text compares with what is stored

    def _write_text(self) -> bool:
        if self.opinion is None or self.ui.editor.isReadOnly():
            return True
        text = self.ui.editor.toPlainText()
        if text == self._saved_text:
            return True
        opinion_id = self.opinion.id
        try:
            self.ctx.write(lambda session: minutes.save_opinion_text(session, opinion_id, text))
        except DeskAppError as exc:
            # Never a dialog while the secretary types: the label says it, the text stays in the editor.
            self._mark_unsaved(exc.message)
            return False
        self._saved_text = text
        self.opinion.content = text
        self.changed("minutes")
        return True

    def save_draft(self) -> bool:
        """Attendance and the conclusion typed before the close, autosaved on the session so they survive a
        crash (minutes.save_progress)."""
        return self._draft_autosave.flush(force=True)

    def _write_draft(self) -> bool:
        state = self.state
        if state is None or not state.live:
            return True
        ui = self.ui
        draft = {"citizens": ui.citizens_spin.value(), "delegates": ui.delegates_spin.value(),
                 "conclusion": ui.conclusion_edit.toPlainText()}
        if (draft["citizens"], draft["delegates"], draft["conclusion"]) == (state.citizens or 0, state.delegates or 0,
                                                                            state.conclusion):
            return True
        try:
            self.ctx.write(lambda session: minutes.save_progress(
                session, state.id, citizens_attending=draft["citizens"], delegates_attending=draft["delegates"],
                general_conclusion=draft["conclusion"]))
        except DeskAppError as exc:
            self._mark_unsaved(exc.message)
            return False
        state.citizens, state.delegates, state.conclusion = draft["citizens"], draft["delegates"], draft["conclusion"]
        self._mark_saved()
        return True

    def _mark_saved(self, when: dt.datetime | None = None) -> None:
        """Also called for every save anywhere in the program (ctx.saved), like the status bar."""
        self.last_saved = when or dt.datetime.now()
        self.ui.saved_label.setStyleSheet(palette.style(palette.SUCCESS))
        self.ui.saved_label.setText(f"Đã lưu lúc {self.last_saved:%H:%M:%S}")
        self.ui.saved_label.setToolTip(SAVED_HINT)

    def _mark_unsaved(self, message: str) -> None:
        self.ui.saved_label.setStyleSheet(palette.style(palette.ERROR))
        self.ui.saved_label.setText("Chưa lưu được!")
        self.ui.saved_label.setToolTip(message)

    def save_now(self) -> None:
        """Ctrl+Enter: save what the focus is in (an answer is recorded; anything else is written now)."""
        focus = QApplication.focusWidget()
        if focus is self.ui.answer_edit:
            self.add_answer()
            return
        self.flush()
        if self.last_saved is None:
            self._mark_saved()

    def hideEvent(self, event) -> None:  # noqa: N802 — leaving the page or closing the window
        self.flush()
        super().hideEvent(event)

    # -- the meeting --------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog, on_accepted) -> None:
        open_dialog(self, dialog, on_accepted)

    def _live(self) -> bool:
        return self.state is not None and self.state.live and self.isVisible() and self.dialog is None

    def reach_step(self, code: str) -> None:
        if not self._live():
            return
        self.flush()  # what was typed under the previous step is stored before the step changes
        at = self._moment()
        if self.write(lambda s: minutes.reach_step(s, self.state.id, code, at), "minutes"):
            self.load_meeting()
            row = [step.value for step in AgendaStep].index(code)
            self.ui.agenda_list.setCurrentRow(row)

    def call_next(self) -> None:
        """F2: the opinion on screen ends now; the chosen (or next) citizen in the queue takes the floor."""
        if not self._live():
            return
        self.flush_text()
        chosen = self.ui.queue_list.currentItem()
        chosen_id = chosen.data(Qt.UserRole) if chosen is not None else None
        current = self.opinion.id if self.opinion is not None and self.opinion.ended is None else None
        created: dict[str, int | None] = {}
        at = self._moment()

        def work(session) -> None:
            opinion = minutes.call_next(session, self.state.id, at, finishing=current, chosen=chosen_id)
            created["opinion"] = opinion.id if opinion is not None else None

        if not self.write(work, "minutes"):
            return
        self.opinion = None
        self.timer.reset(self.state.speaking_seconds)
        self.load_meeting()
        if created.get("opinion") is not None:
            self.show_opinion(created["opinion"])
            self.show_conclusion(False)
            self.ui.editor.setFocus()

    def walk_in(self) -> None:
        if not self._live():
            return

        def added(dialog: WalkInDialog) -> None:
            self.load_meeting()
            for row in range(self.ui.queue_list.count()):
                if self.ui.queue_list.item(row).data(Qt.UserRole) == dialog.registration_id:
                    self.ui.queue_list.setCurrentRow(row)
            self.ui.side_tabs.setCurrentIndex(QUEUE_TAB)
            self.changed("registrations")

        self._open(WalkInDialog(self.ctx, self.state.id, self), added)

    def toggle_absent(self) -> None:
        item = self.ui.queue_list.currentItem()
        if not self._live() or item is None or item.data(Qt.UserRole) is None:
            return
        entry = next((e for e in self.state.queue if e.id == item.data(Qt.UserRole)), None)
        if entry is None or entry.state == RegistrationState.SPEAKING.value:
            return
        target = (RegistrationState.WAITING if entry.state == RegistrationState.ABSENT.value
                  else RegistrationState.ABSENT)
        if self.write(lambda s: registrations.set_state(s, entry.id, target.value), "registrations"):
            self.load_meeting()

    # -- timer ----------------------------------------------------------------------------------------------
    def toggle_timer(self) -> None:
        if self.state is not None and self.state.live and self.dialog is None:
            self.timer.toggle()

    def reset_timer(self) -> None:
        if self.state is not None and self.dialog is None:
            self.timer.reset(self.state.speaking_seconds)

    def _timer_state(self, state: str) -> None:
        text = {"running": "Tạm dừng giờ", "paused": "Tiếp tục giờ", "idle": "Bắt đầu giờ"}[state]
        self.ui.timer_button.setText(text)  # F5 is in the tooltip and the shortcut bar: the timer keeps its room
        self.ui.timer_button.setToolTip(f"{text} (F5)")

    # -- answers, outcome, petitions, conclusion -------------------------------------------------------
    def focus_answer(self) -> None:
        """F6: the cursor in the answer, typed at once; who answers is one Shift+Tab back."""
        if self._live() and self.opinion is not None:
            self.ui.lower_tabs.setCurrentIndex(ANSWER_TAB)
            self.ui.answer_edit.setFocus()

    def responder(self) -> Responder:
        """Who answers: the one picked in the list, or the name typed over it."""
        combo = self.ui.responder_combo
        typed, picked = combo.currentText().strip(), combo.currentData()
        if picked is not None and typed == combo.itemText(combo.currentIndex()).strip():
            return self.state.responders[picked]
        return Responder.typed(typed) if typed else self.state.responders[0]

    def add_answer(self) -> None:
        if not self._live() or self.opinion is None:
            return
        ui = self.ui
        responder = self.responder()
        opinion_id, text = self.opinion.id, ui.answer_edit.toPlainText()
        if not self.write(lambda s: minutes.answer_by(s, opinion_id, responder, text), "minutes",
                          errors=self.answer_errors):
            ui.answer_edit.setFocus()
            return
        ui.answer_edit.clear()
        self.show_opinion(self.opinion.id)
        ui.answer_edit.setFocus()

    def focus_outcome(self) -> None:
        if self._live() and self.opinion is not None:
            self.ui.lower_tabs.setCurrentIndex(OUTCOME_TAB)
            self.ui.outcome_combo.setFocus()

    def _outcome_chosen(self, _index: int) -> None:
        code = self.ui.outcome_combo.currentData()
        if self.opinion is None or code is None or code == self.opinion.outcome:
            return
        opinion_id = self.opinion.id
        if self.write(lambda s: minutes.set_outcome(s, opinion_id, code), "minutes"):
            self.opinion.outcome = code
            with self.ctx.session() as session:
                self.state = minutes.meeting_state(session, self.state.id)
            self._fill_opinions(self.state)

    def make_petition(self) -> None:
        if not self._live() or self.opinion is None:
            return
        self.flush_text()

        def made(_dialog) -> None:
            self.show_opinion(self.opinion.id)
            self.changed("petitions")

        self._open(PetitionDialog(self.ctx, self.opinion, self), made)

    def focus_conclusion(self) -> None:
        """F9: the large editor switches to the chair's general conclusion, and back."""
        if self.state is None or self.dialog is not None:
            return
        on = self.ui.editor_stack.currentWidget() is not self.ui.conclusion_edit
        self.show_conclusion(on)
        (self.ui.conclusion_edit if on else self.ui.editor).setFocus()

    def show_conclusion(self, on: bool) -> None:
        ui = self.ui
        ui.editor_stack.setCurrentWidget(ui.conclusion_edit if on else ui.editor)
        self._label_editor()
        ui.conclusion_button.blockSignals(True)
        ui.conclusion_button.setChecked(on)
        ui.conclusion_button.blockSignals(False)

"""Page "Biên bản trực tiếp": a whole meeting from the keyboard, the autosave, the reopening after an
unclean stop, and the speaker's countdown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.domain.states import AgendaStep, Outcome, PetitionStatus, RegistrationState, SessionStatus
from desk_app.services import minutes, registrations
from desk_app.store import models as m
from tests.gui.keyboard import type_text


def key(qtbot, keys, modifier=Qt.NoModifier) -> None:
    """A key pressed wherever the focus is, as a person would (once a closed dialog gave it back)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), keys, modifier)


def focused():
    return QApplication.focusWidget()


def opened(page, qtbot):
    """The dialog the page just opened, once it has the keyboard."""
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog and dialog.isAncestorOf(focused()))
    return dialog


@pytest.fixture
def page(window, qtbot):
    page = window.show_page("live")
    qtbot.waitUntil(lambda: page.state is not None)
    return page


def _invited_session(ctx) -> int:
    with ctx.session() as session:
        return session.scalar(select(m.DialogueSession.id).where(
            m.DialogueSession.status == SessionStatus.INVITED.value))


def _start_and_call(page, qtbot) -> None:
    """Ctrl+B, Enter in the start dialog, F2."""
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    qtbot.keyClick(page.dialog.form.secretary_edit, Qt.Key_Return)
    assert page.dialog is None and page.state.live
    key(qtbot, Qt.Key_F2)
    assert page.opinion is not None and focused() is page.ui.editor


def test_a_whole_meeting_from_the_keyboard(page, ctx, qtbot, no_dialogs):
    session_id = _invited_session(ctx)
    assert page.meeting_id == session_id  # the one not yet held comes first
    with ctx.session() as session:
        first, second = [r.id for r in registrations.queue(session, session_id)[:2]]

    # Start: Ctrl+B, the start dialog answers to Ctrl+Enter.
    page.ui.session_combo.setFocus()
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    dialog = opened(page, qtbot)
    assert dialog.windowTitle() == "Bắt đầu hội nghị"
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None and page.state.live
    for keys in (Qt.Key_2, Qt.Key_3):  # steps b and c (a is logged by the start)
        key(qtbot, keys, Qt.AltModifier)

    # First speaker: F2, type, timer F5 start and pause.
    key(qtbot, Qt.Key_F2)
    assert page.ui.speaker_name_label.text() and focused() is page.ui.editor
    type_text(page.ui.editor, "Đường liên thôn Nà Pàn sạt lở, đề nghị sửa trước mùa mưa.")
    key(qtbot, Qt.Key_F5)
    assert page.timer.running
    key(qtbot, Qt.Key_F5)
    assert page.timer.state == "paused"

    # F6: the answer — the cursor in its text; Shift+Tab back to pick who answers with the arrows; Tab to the
    # text again, Ctrl+Enter records it.
    key(qtbot, Qt.Key_F6)
    assert focused() is page.ui.answer_edit
    key(qtbot, Qt.Key_Tab, Qt.ShiftModifier)
    assert focused() in (page.ui.responder_combo, page.ui.responder_combo.lineEdit())
    agency_row = next(i for i, r in enumerate(page.state.responders) if r.agency_id)
    for _ in range(agency_row):
        key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Tab)
    assert focused() is page.ui.answer_edit
    type_text(page.ui.answer_edit, "Phòng Kinh tế sẽ khảo sát và sửa trong quý I.")
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.ui.answers_list.count() == 1

    # F7: the outcome with the arrows (the second choice: Tiếp thu, giao giải quyết).
    key(qtbot, Qt.Key_F7)
    assert focused() is page.ui.outcome_combo
    key(qtbot, Qt.Key_Down)
    key(qtbot, Qt.Key_Down)
    assert page.opinion.outcome == Outcome.ASSIGNED.value

    # F8: a petition pre-filled from the opinion (the answering agency leads), Ctrl+Enter makes it.
    key(qtbot, Qt.Key_F8)
    petition_dialog = opened(page, qtbot)
    assert petition_dialog.form.content_edit.toPlainText().startswith("Đường liên thôn Nà Pàn")
    lead_agency = petition_dialog.form.agency_combo.currentData()
    assert lead_agency == page.state.responders[agency_row].agency_id
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None and page.ui.petitions_list.count() == 1
    first_opinion = page.opinion.id

    # A walk-in with priority (Ctrl+N), then F2: the first opinion ends, the walk-in speaks next.
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    walk_in = opened(page, qtbot)
    type_text(walk_in.form.name_edit, "vi văn phúc")
    qtbot.keyClick(walk_in.form.name_edit, Qt.Key_N, Qt.AltModifier)  # Ưu tiên … &ngay
    qtbot.waitUntil(walk_in.form.priority_check.isChecked)  # a mnemonic clicks after a short flash
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None
    page.ui.editor.setFocus()
    key(qtbot, Qt.Key_F2)
    assert page.opinion.name == "Vi Văn Phúc"
    type_text(page.ui.editor, "Xin hỏi về chế độ hỗ trợ người có công.")

    # Steps d and đ, the conclusion (F9), the attendance, Ctrl+E closes with the dialog pre-filled.
    key(qtbot, Qt.Key_4, Qt.AltModifier)
    key(qtbot, Qt.Key_5, Qt.AltModifier)
    key(qtbot, Qt.Key_F9)
    assert focused() is page.ui.conclusion_edit
    type_text(page.ui.conclusion_edit, "Giao các cơ quan giải quyết dứt điểm trong thời hạn quy định.")
    page.ui.citizens_spin.setFocus()
    page.ui.citizens_spin.selectAll()
    type_text(page.ui.citizens_spin, "120")
    key(qtbot, Qt.Key_Tab)
    key(qtbot, Qt.Key_E, Qt.ControlModifier)
    end_dialog = opened(page, qtbot)
    assert end_dialog.form.citizens_spin.value() == 120
    assert end_dialog.form.conclusion_edit.toPlainText().startswith("Giao các cơ quan")
    end_dialog.form.time_edit.setTime(end_dialog.form.time_edit.time().addSecs(120))  # after the start
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None, end_dialog.form.general_error.text()

    with ctx.session() as session:
        ds = session.get(m.DialogueSession, session_id)
        assert ds.status == SessionStatus.ENDED.value and ds.actual_end is not None
        assert ds.citizens_attending == 120 and ds.general_conclusion.startswith("Giao các cơ quan")
        assert {e.step for e in ds.agenda_log} == {s.value for s in AgendaStep}
        opinions = minutes.opinions(session, session_id)
        assert [o.registration_id for o in opinions][0] == first
        assert opinions[0].content == "Đường liên thôn Nà Pàn sạt lở, đề nghị sửa trước mùa mưa."
        assert opinions[0].outcome == Outcome.ASSIGNED.value and opinions[0].ended_at is not None
        assert [a.content for a in opinions[0].answers] == ["Phòng Kinh tế sẽ khảo sát và sửa trong quý I."]
        assert opinions[0].answers[0].agency_id == lead_agency
        assert opinions[1].speaker_name == "Vi Văn Phúc" and opinions[1].ended_at is not None
        assert opinions[1].content == "Xin hỏi về chế độ hỗ trợ người có công."
        petitions = list(session.scalars(select(m.Petition).where(m.Petition.opinion_id == first_opinion)))
        assert len(petitions) == 1 and petitions[0].lead_agency_id == lead_agency
        assert petitions[0].status == PetitionStatus.NEW.value
        assert session.get(m.Registration, first).state == RegistrationState.SPOKE.value
        assert session.get(m.Registration, second).state == RegistrationState.WAITING.value
    # Closed: read-only, F2 does nothing.
    assert page.ui.editor.isReadOnly() and not page.ui.call_button.isEnabled()
    key(qtbot, Qt.Key_F2)
    assert page.dialog is None


def test_autosave_within_the_debounce(page, ctx, qtbot, no_dialogs):
    _start_and_call(page, qtbot)
    opinion_id = page.opinion.id
    text = "Ông Nguyễn Duy Trí đề nghị cấp lại thẻ bảo hiểm y tế"
    type_text(page.ui.editor, text)

    def stored() -> str:
        with ctx.session() as session:
            return session.get(m.Opinion, opinion_id).content

    assert stored() == ""  # nothing pressed: not yet
    qtbot.waitUntil(lambda: stored() == text, timeout=3000)
    assert page.ui.saved_label.text().startswith("Đã lưu lúc ")

    # Leaving the editor saves at once, without waiting for the debounce.
    type_text(page.ui.editor, " cho hộ cận nghèo.")
    key(qtbot, Qt.Key_F9)
    assert stored() == text + " cho hộ cận nghèo."


def test_reopening_after_an_unclean_stop_shows_the_live_session_and_its_text(gui_app, qtbot, demo_path, no_dialogs):
    from desk_app.gui.app import _resume_page
    from desk_app.gui.context import AppContext
    from desk_app.gui.main_window import MainWindow
    from desk_app.store.database import open_database

    def open_window():
        database = open_database(str(demo_path))
        context = AppContext(database)
        main = MainWindow(context)
        qtbot.addWidget(main)
        main.resize(1366, 768)
        main.show()
        qtbot.waitExposed(main)
        return database, context, main

    database, ctx, first = open_window()
    page = first.show_page("live")
    _start_and_call(page, qtbot)
    speaker = page.opinion.name
    text = "Bà con thôn Bản Chành đề nghị"
    type_text(page.ui.editor, text)
    session_id, opinion_id = page.state.id, page.opinion.id
    qtbot.waitUntil(lambda: _content(ctx, opinion_id) == text, timeout=3000)
    # The power goes: nothing more is written (the first window is left as it is, unclosed).

    database2, ctx2, second = open_window()
    with ctx2.session() as session:
        resume = _resume_page(session)
    assert resume == "live"
    reopened = second.show_page(resume)
    assert reopened.meeting_id == session_id and reopened.state.live
    assert reopened.opinion is not None and reopened.opinion.id == opinion_id
    assert reopened.ui.speaker_name_label.text() == speaker
    assert reopened.ui.editor.toPlainText() == text and not reopened.ui.editor.isReadOnly()
    database2.dispose()
    database.dispose()


def _content(ctx, opinion_id: int) -> str:
    with ctx.session() as session:
        return session.get(m.Opinion, opinion_id).content


def test_a_held_session_is_shown_read_only(page, ctx, qtbot):
    with ctx.session() as session:
        held = session.scalar(select(m.DialogueSession.id).where(
            m.DialogueSession.status == SessionStatus.ENDED.value))
    page.ui.session_combo.setCurrentIndex(page.ui.session_combo.findData(held))
    assert page.state.id == held and not page.state.live
    assert page.ui.opinions_list.count() > 0 and page.ui.editor.isReadOnly()
    assert not page.ui.start_button.isVisibleTo(page) and not page.ui.call_button.isEnabled()
    page.show_opinion(page.state.opinions[0].id)
    assert page.ui.editor.toPlainText() == page.opinion.content != ""


def test_absent_and_late_arrival(page, ctx, qtbot, no_dialogs):
    _start_and_call(page, qtbot)
    page.ui.side_tabs.setCurrentIndex(0)
    page.ui.queue_list.setCurrentRow(0)
    absent_id = page.ui.queue_list.currentItem().data(Qt.UserRole)
    qtbot.mouseClick(page.ui.absent_button, Qt.LeftButton)
    with ctx.session() as session:
        assert session.get(m.Registration, absent_id).state == RegistrationState.ABSENT.value
    # Chosen again and called with Enter: they arrived late, they speak now.
    row = next(r for r in range(page.ui.queue_list.count())
               if page.ui.queue_list.item(r).data(Qt.UserRole) == absent_id)
    page.ui.queue_list.setCurrentRow(row)
    page.ui.queue_list.setFocus()
    key(qtbot, Qt.Key_Return)
    assert page.opinion.id is not None
    with ctx.session() as session:
        assert session.get(m.Registration, absent_id).state == RegistrationState.SPOKE.value
        assert session.get(m.Opinion, page.opinion.id).registration_id == absent_id


def test_the_countdown_turns_amber_then_red_and_counts_overtime(gui_app):
    from desk_app.gui.speaker_timer import SpeakerTimer

    now = [1000.0]
    timer = SpeakerTimer(60, clock=lambda: now[0])
    assert (timer.text(), timer.level()) == ("01:00", "idle")
    timer.start()
    now[0] += 20
    timer._refresh()
    assert (timer.text(), timer.level()) == ("00:40", "normal")
    timer.pause()
    now[0] += 100  # paused: the time does not run
    timer.resume()
    now[0] += 15
    timer._refresh()
    assert (timer.text(), timer.level()) == ("00:25", "amber")
    now[0] += 20
    timer._refresh()
    assert (timer.text(), timer.level()) == ("00:05", "red")
    now[0] += 17
    timer._refresh()
    assert (timer.text(), timer.level()) == ("−00:12", "red")
    timer.reset(300)
    assert (timer.text(), timer.state) == ("05:00", "idle")


# -- issue 14: no silent date change, undo, reopen, minutes afterwards, F6, the walk-in dialog -------------

def _mnemonics(dialog) -> list[str]:
    """The Alt+letter of every label, button and check box the dialog shows."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    found = []
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        if widget.isVisibleTo(dialog):
            match = re.search(r"&(\w)", widget.text().replace("&&", ""))
            if match:
                found.append(match[1].lower())
    return found


def _stored(ctx, session_id):
    with ctx.session() as session:
        ds = session.get(m.DialogueSession, session_id)
        return ds.status, ds.planned_start, ds.actual_start, ds.actual_end


def test_starting_on_another_day_than_planned_asks_and_keeps_the_plan(page, ctx, qtbot, no_dialogs):
    """Issue 14, item 1: Ctrl+B on 21/11 for a meeting planned on 10/12 started it and moved its date."""
    from PySide6.QtWidgets import QMessageBox

    session_id = _invited_session(ctx)
    planned = _stored(ctx, session_id)[1]
    assert planned.date().isoformat() == "2026-12-10"
    page.ui.session_combo.setFocus()
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    dialog = opened(page, qtbot)
    form = dialog.form
    assert "10/12/2026" in form.plan_label.text() and "21/11/2026" in form.plan_label.text()
    assert form.date_edit.date().toString("dd/MM/yyyy") == "21/11/2026"  # the plan's day is still ahead
    no_dialogs.answer = QMessageBox.No
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is dialog and "10/12/2026" in no_dialogs.texts[-1] and "21/11/2026" in no_dialogs.texts[-1]
    assert _stored(ctx, session_id)[0] == SessionStatus.INVITED.value
    no_dialogs.answer = QMessageBox.Yes
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None and page.state.live
    status, still_planned, actual, _end = _stored(ctx, session_id)
    assert still_planned == planned and actual.date().isoformat() == "2026-11-21"

    # nothing recorded yet: the start can be taken back
    assert page.ui.undo_start_button.isVisibleTo(page)
    qtbot.mouseClick(page.ui.undo_start_button, Qt.LeftButton)
    assert _stored(ctx, session_id)[:3] == (SessionStatus.INVITED.value, planned, None)
    assert page.ui.start_button.isVisibleTo(page) and not page.ui.undo_start_button.isVisibleTo(page)


def test_closed_minutes_are_read_only_until_reopened_with_a_reason(page, ctx, qtbot, no_dialogs):
    """Issue 14, item 4: a typo in the conclusion stayed after Ctrl+E, and the label said "tự động lưu"."""
    from desk_app.services import audit_log

    with ctx.session() as session:
        held = session.scalar(select(m.DialogueSession.id).where(
            m.DialogueSession.status == SessionStatus.ENDED.value))
    page.ui.session_combo.setCurrentIndex(page.ui.session_combo.findData(held))
    ended_at = _stored(ctx, held)[3]
    assert not page.state.live and page.ui.editor.isReadOnly()
    assert "tự động lưu" not in page.ui.editor_label.text()
    assert "không diễn ra" not in page.ui.speaker_info_label.text()
    page.show_conclusion(True)
    assert "tự động lưu" not in page.ui.editor_label.text() and page.ui.conclusion_edit.isReadOnly()
    page.show_conclusion(False)

    assert page.ui.reopen_button.isVisibleTo(page)
    page.ui.session_combo.setFocus()
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    dialog = opened(page, qtbot)
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)  # no reason: refused beside the field
    assert page.dialog is dialog and dialog.form.reason_error.isVisibleTo(dialog)
    type_text(dialog.form.reasonEdit, "Sửa lỗi chính tả trong kết luận")
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None and page.state.live

    key(qtbot, Qt.Key_F9)
    assert focused() is page.ui.conclusion_edit and not page.ui.conclusion_edit.isReadOnly()
    assert "tự động lưu" in page.ui.editor_label.text()
    page.ui.conclusion_edit.moveCursor(page.ui.conclusion_edit.textCursor().MoveOperation.End)
    type_text(page.ui.conclusion_edit, " (đã sửa)")
    key(qtbot, Qt.Key_E, Qt.ControlModifier)
    end_dialog = opened(page, qtbot)
    assert end_dialog.form.time_edit.time().toString("HH:mm") == f"{ended_at:%H:%M}"  # the recorded end
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None and not page.state.live
    with ctx.session() as session:
        ds = session.get(m.DialogueSession, held)
        assert ds.status == SessionStatus.ENDED.value and ds.general_conclusion.endswith("(đã sửa)")
        assert ds.actual_end == ended_at
        assert any("Sửa lỗi chính tả trong kết luận" in e.summary for e in audit_log.entries(session))


def test_minutes_entered_after_the_meeting_with_their_real_day_and_times(request, monkeypatch, qtbot, no_dialogs):
    """Issue 14, item 4: minutes typed from paper notes days later keep the meeting's day and times."""
    import datetime as dt

    from PySide6.QtCore import QTime

    monkeypatch.setenv("DESK_APP_TODAY", "2026-12-15")  # the meeting of 10/12 is typed in five days later
    ctx = request.getfixturevalue("ctx")
    window = request.getfixturevalue("window")
    page = window.show_page("live")
    qtbot.waitUntil(lambda: page.state is not None)
    session_id = _invited_session(ctx)
    assert page.meeting_id == session_id
    planned = _stored(ctx, session_id)[1]
    page.ui.session_combo.setFocus()
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    dialog = opened(page, qtbot)
    assert dialog.form.date_edit.date().toString("dd/MM/yyyy") == f"{planned:%d/%m/%Y}"  # held as planned
    assert dialog.form.time_edit.time().toString("HH:mm") == f"{planned:%H:%M}"
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None and page.state.live and page.state.recorded_later
    assert page.ui.clock_edit.isVisibleTo(page)

    def at(minutes_after: int) -> dt.datetime:
        moment = planned + dt.timedelta(minutes=minutes_after)
        page.ui.clock_edit.setTime(QTime(moment.hour, moment.minute))
        return moment

    step_b = at(20)
    key(qtbot, Qt.Key_2, Qt.AltModifier)
    first_start = at(30)
    key(qtbot, Qt.Key_F2)
    assert page.opinion is not None, no_dialogs.texts
    first = page.opinion.id
    type_text(page.ui.editor, "Đề nghị sửa đường.")
    second_start = at(50)
    key(qtbot, Qt.Key_F2)

    key(qtbot, Qt.Key_T, Qt.ControlModifier)  # the times, corrected
    times = opened(page, qtbot)
    start_edit, end_edit = times.opinion_edits[first]
    assert start_edit.time().toString("HH:mm") == f"{first_start:%H:%M}"
    assert end_edit.time().toString("HH:mm") == f"{second_start:%H:%M}"
    corrected = first_start + dt.timedelta(minutes=2)
    start_edit.setTime(QTime(corrected.hour, corrected.minute))
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None, times.form.general_error.text()

    end = at(90)
    key(qtbot, Qt.Key_E, Qt.ControlModifier)
    end_dialog = opened(page, qtbot)
    assert end_dialog.form.time_edit.time().toString("HH:mm") == f"{end:%H:%M}"
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None, end_dialog.form.general_error.text()

    with ctx.session() as session:
        ds = session.get(m.DialogueSession, session_id)
        assert (ds.planned_start, ds.actual_start, ds.actual_end) == (planned, planned, end)
        assert [e.reached_at for e in ds.agenda_log if e.step == "b"] == [step_b]
        said = minutes.opinions(session, session_id)
        assert (said[0].started_at, said[0].ended_at) == (corrected, second_start)
        assert (said[1].started_at, said[1].ended_at) == (second_start, end)


def test_f6_puts_the_cursor_in_the_answer_and_agencies_invitees_or_a_typed_name_can_answer(page, ctx, qtbot,
                                                                                          no_dialogs):
    """Issue 14, item 6: F6 focused the responder combo (an answer typed at once was lost) and only the chair
    could be chosen."""
    _start_and_call(page, qtbot)
    key(qtbot, Qt.Key_F6)
    assert focused() is page.ui.answer_edit
    type_text(focused(), "Sẽ trả lời bằng văn bản.")
    assert page.ui.answer_edit.toPlainText() == "Sẽ trả lời bằng văn bản."
    combo = page.ui.responder_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert any(t.startswith("Công an xã") for t in texts), texts
    police = next(i for i, t in enumerate(texts) if t.startswith("Công an xã"))
    combo.setCurrentIndex(police)
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.ui.answers_list.count() == 1

    key(qtbot, Qt.Key_F6)
    qtbot.keyClick(focused(), Qt.Key_Tab, Qt.ShiftModifier)  # back to who answers
    assert focused() in (combo, combo.lineEdit())
    combo.lineEdit().selectAll()
    type_text(combo.lineEdit(), "Ông Lò Văn Sáu, Trưởng thôn Nà Pàn")
    key(qtbot, Qt.Key_F6)
    type_text(focused(), "Thôn sẽ họp dân bàn việc này.")
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    with ctx.session() as session:
        answers = session.get(m.Opinion, page.opinion.id).answers
        assert answers[0].agency_id is not None and answers[0].content == "Sẽ trả lời bằng văn bản."
        assert answers[1].responder_name == "Ông Lò Văn Sáu, Trưởng thôn Nà Pàn"


def test_the_walk_in_dialog_has_one_key_per_field_and_takes_an_address(page, ctx, qtbot, no_dialogs):
    """Issue 14, item 13 (Alt+T for both "Thôn" and "Thêm vào hàng chờ") and item 8 (no address to type)."""
    _start_and_call(page, qtbot)
    key(qtbot, Qt.Key_N, Qt.ControlModifier)
    dialog = opened(page, qtbot)
    keys = _mnemonics(dialog)
    assert len(keys) == len(set(keys)), keys
    type_text(dialog.form.name_edit, "Vi Thị Mây")
    type_text(dialog.form.address_edit, "Xóm Chợ, thôn Nà Pàn")
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None
    with ctx.session() as session:
        added = [r for r in registrations.queue(session, page.state.id) if r.citizen_name == "Vi Thị Mây"]
        assert added and added[0].address == "Xóm Chợ, thôn Nà Pàn"


@pytest.fixture
def largest_font(gui_app):
    """The font-size setting at its largest, applied as the program does once the window is up."""
    from desk_app.gui.app import apply_font_size
    from desk_app.services import settings

    font = QApplication.font()
    apply_font_size(gui_app, settings.LIMITS[settings.FONT_SIZE][1])
    yield
    QApplication.setFont(font)


def test_the_live_page_fits_1366_by_768_at_125_percent_with_the_largest_font(window, qtbot, no_dialogs,
                                                                              largest_font):
    """Issue 14, item 5: at 125 % the timer buttons, F9, the outcome panel and the shortcut bar were off screen.
    The window is what a maximised window has of a 1366×768 screen at 125 % above a 40-pixel taskbar."""
    window.resize(round(1366 / 1.25), round((768 - 40) / 1.25))
    page = window.show_page("live")
    qtbot.waitUntil(lambda: page.state is not None)
    _start_and_call(page, qtbot)
    holder = page.parentWidget().parentWidget()  # the page's scroll area
    ui = page.ui

    def on_screen(*widgets) -> None:
        QApplication.processEvents()
        assert not holder.verticalScrollBar().isVisible() and not holder.horizontalScrollBar().isVisible()
        shown = holder.viewport().rect()
        for widget in widgets:
            assert widget.isVisible(), widget.objectName()
            inside = widget.rect().translated(widget.mapTo(holder.viewport(), widget.rect().topLeft()))
            assert shown.contains(inside), (widget.objectName(), inside, shown)
            assert window.rect().contains(widget.rect().translated(widget.mapTo(window, widget.rect().topLeft())))

    on_screen(ui.editor, ui.queue_list, ui.call_button, page.timer, ui.timer_button, ui.timer_reset_button,
              ui.conclusion_button, ui.end_button, ui.shortcut_bar, ui.speaker_name_label)
    key(qtbot, Qt.Key_F6)
    on_screen(ui.answer_edit, ui.responder_combo, ui.answer_button)
    key(qtbot, Qt.Key_F7)
    on_screen(ui.outcome_combo, ui.petition_button, ui.petitions_list, ui.shortcut_bar)
    key(qtbot, Qt.Key_F9)
    on_screen(ui.conclusion_edit, ui.conclusion_button)

"""Cuộc đối thoại: plan a session through the form and export its plan; the deadlines panel; the status
steps; an edit based on stale data is refused."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desk_app.domain import clock
from desk_app.domain.states import SessionStatus
from desk_app.gui import export_actions
from desk_app.gui.common import qdate
from desk_app.services import sessions
from desk_app.services.common import get
from desk_app.store import models as m
from tests.gui.keyboard import type_text
from tests.gui.screens import AT_100_1280, AT_125, assert_on_screen, whole_rows

TITLE = "Hội nghị đối thoại với Nhân dân thôn Nà Thang về đất đai năm 2026"


def answer_dialog(fill, closed: list | None = None):
    """When the next modal dialog opens: ``fill(dialog)`` (which presses Đồng ý); a dialog still open after
    that (an error shown inside it) is recorded in ``closed`` and closed so the test never hangs."""
    def handle():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, handle)
            return
        fill(dialog)
        if dialog.isVisible():
            if closed is not None:
                closed.append(dialog.form.general_error.text())
            dialog.reject()
    QTimer.singleShot(0, handle)


def ok(dialog):
    dialog.accept_button.click()


def export_to(monkeypatch, path):
    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: path)


def docx_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture
def page(window):
    return window.show_page("sessions")


def test_plan_a_session_through_the_form_and_export_its_plan(page, ctx, qtbot, no_dialogs, tmp_path,
                                                              monkeypatch):
    qtbot.mouseClick(page.ui.newButton, Qt.LeftButton)
    form = page.form.ui
    assert page.current_id is None
    assert form.titleEdit.text().startswith("Hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân")
    assert form.legalList.count() > 0 and form.recipientsList.count() > 0  # pre-filled from the profile

    form.titleEdit.selectAll()
    type_text(form.titleEdit, TITLE)
    form.regimeCombo.setCurrentIndex(form.regimeCombo.findData("dot_xuat"))
    form.dateEdit.setDate(qdate(clock.today() + dt.timedelta(days=20)))
    form.startTimeEdit.setTime(form.startTimeEdit.time().fromString("14:00", "HH:mm"))
    form.endTimeEdit.setTime(form.endTimeEdit.time().fromString("17:00", "HH:mm"))
    type_text(form.placeEdit, "Nhà văn hóa thôn Nà Thang")
    type_text(form.targetEdit, "Các hộ gia đình thôn Nà Thang")
    # a co-chair: the Chủ tịch HĐND row, ticked from the keyboard
    table = form.coChairsTable
    row = next(r for r in range(table.rowCount()) if "Chủ tịch HĐND" in table.item(r, 0).text())
    table.setCurrentCell(row, 0)
    qtbot.keyClick(table, Qt.Key_Space)
    assert table.item(row, 0).checkState() == Qt.Checked
    # participants: an agency from the picker and a free-text line
    form.tabs.setCurrentWidget(form.tabPeople)
    form.participantAgencyCombo.setCurrentIndex(form.participantAgencyCombo.findText("Công an xã"))
    qtbot.mouseClick(form.addParticipantAgencyButton, Qt.LeftButton)
    type_text(form.participantTextEdit, "Trưởng thôn Nà Thang")
    qtbot.keyClick(form.participantTextEdit, Qt.Key_Return)
    assert form.participantsList.count() == 2
    # a task for an agency
    form.tabs.setCurrentWidget(form.tabTasks)
    form.taskAgencyCombo.setCurrentIndex(form.taskAgencyCombo.findText("Công an xã"))
    qtbot.mouseClick(form.addTaskAgencyButton, Qt.LeftButton)
    type_text(form.taskTextEdit, "Bảo đảm an ninh, trật tự tại hội nghị")
    # one more legal basis typed into the list
    form.tabs.setCurrentWidget(form.tabLists)
    form.legalList.setCurrentRow(form.legalList.count() - 1)
    qtbot.mouseClick(form.legalAddButton, Qt.LeftButton)
    editor = QApplication.focusWidget()
    type_text(editor, "Căn cứ Kế hoạch số 12/KH-UBND của UBND xã")
    qtbot.keyClick(editor, Qt.Key_Return)
    assert page.form.dirty

    qtbot.mouseClick(page.ui.saveButton, Qt.LeftButton)
    assert no_dialogs.texts == []
    with ctx.session() as session:
        ds = get(session, m.DialogueSession, page.current_id)
        assert ds.title == TITLE and ds.status == SessionStatus.DRAFT.value
        assert ds.regime == "dot_xuat" and ds.planned_start.hour == 14 and ds.planned_end.hour == 17
        assert ds.place == "Nhà văn hóa thôn Nà Thang" and ds.chair is not None
        assert [c.official.title for c in ds.co_chairs] == ["Chủ tịch HĐND xã"]
        assert [(p.agency.name if p.agency else p.name) for p in ds.participants] == [
            "Công an xã", "Trưởng thôn Nà Thang"]
        assert [(t.assignee, t.tasks) for t in ds.tasks] == [("Công an xã", "Bảo đảm an ninh, trật tự tại hội nghị")]
        assert ds.legal_bases[-1].text == "Căn cứ Kế hoạch số 12/KH-UBND của UBND xã"
        assert len(ds.recipients) > 3
    assert not page.form.dirty
    assert page.model.rows and any(r.id == page.current_id for r in page.model.rows)

    target = tmp_path / "ke_hoach.docx"
    export_to(monkeypatch, target)
    qtbot.mouseClick(page.ui.planButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=30000)
    assert TITLE in docx_text(target)
    assert "Nhà văn hóa thôn Nà Thang" in docx_text(target)


def test_required_fields_are_shown_next_to_them_keyboard_only(page, ctx, qtbot, no_dialogs):
    page.ui.sessionTable.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.ui.sessionTable)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_N, Qt.ControlModifier)  # a button shortcut clicks a bit later
    qtbot.waitUntil(lambda: page.current_id is None and QApplication.focusWidget() is page.form.ui.titleEdit)
    form = page.form.ui
    qtbot.keyClick(form.titleEdit, Qt.Key_Delete)  # the suggested title is selected: delete it
    assert form.titleEdit.text() == ""
    form.endTimeEdit.setTime(form.startTimeEdit.time().addSecs(-3600))
    with ctx.session() as session:
        before = len(sessions.list_sessions(session))
    form.tabs.setCurrentWidget(form.tabLists)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not form.title_error.isHidden())
    assert "Tên hội nghị" in form.title_error.text()
    assert "Giờ kết thúc" in form.date_error.text()
    assert form.tabs.currentWidget() is form.tabGeneral  # the tab with the first error is shown
    with ctx.session() as session:
        assert len(sessions.list_sessions(session)) == before


def _draft(ctx, days_ahead: int) -> int:
    """A draft session ``days_ahead`` days from today, planned through the service."""
    with ctx.session() as session:
        start = dt.datetime.combine(clock.today() + dt.timedelta(days=days_ahead), dt.time(8, 0))
        ds = sessions.plan_session(session, sessions.SessionInput(
            title="Hội nghị đối thoại đột xuất về môi trường", host="ubnd", planned_start=start, regime="dot_xuat",
            chair_id=5, place="Hội trường UBND xã"))
        return ds.id


def test_deadlines_panel_names_the_profile_and_turns_red_when_the_notice_is_late(page, ctx, qtbot, no_dialogs):
    on_time = _draft(ctx, 30)
    late = _draft(ctx, 3)  # the 7-day notice should have gone out already
    ctx.changed("sessions")
    page.activate(on_time)
    ui = page.ui
    assert ui.profileLabel.text() == "Theo quy định: Luật Tổ chức chính quyền địa phương 2025"
    assert ui.noticeLabel.property("late") is False and ui.noticeLabel.styleSheet() == ""
    page.activate(late)
    assert page.current_id == late
    with ctx.session() as session:
        view = sessions.deadlines(session, late)
    assert ui.noticeLabel.text().startswith(view.notice_latest.strftime("%d/%m/%Y"))
    assert "đã quá hạn" in ui.noticeLabel.text()
    assert ui.noticeLabel.property("late") is True and "#b00020" in ui.noticeLabel.styleSheet()

    # the clerk moves the notice deadline with a reason: no longer late, reason shown, history kept
    def fill(dialog):
        assert dialog.form.kindCombo.isVisible() and dialog.form.reasonEdit.isVisible()
        dialog.form.dateEdit.setDate(qdate(clock.today() + dt.timedelta(days=1)))
        ok(dialog)  # no reason yet: refused inside the dialog
        assert "lý do" in dialog.form.reason_error.text()
        type_text(dialog.form.reasonEdit, "Hội nghị đột xuất theo đề nghị của cử tri")
        ok(dialog)

    errors = []
    answer_dialog(fill, errors)
    qtbot.mouseClick(ui.overrideButton, Qt.LeftButton)
    assert errors == []
    with ctx.session() as session:
        ds = get(session, m.DialogueSession, late)
        assert ds.notice_override == clock.today() + dt.timedelta(days=1)
        assert ds.notice_override_reason == "Hội nghị đột xuất theo đề nghị của cử tri"
    assert ui.noticeLabel.property("late") is False
    assert "đã điều chỉnh: Hội nghị đột xuất" in ui.noticeLabel.text()


def test_status_steps_issue_plan_invite_and_cancel(page, ctx, qtbot, no_dialogs):
    session_id = _draft(ctx, 25)
    ctx.changed("sessions")
    page.activate(session_id)
    ui = page.ui
    assert ui.issuePlanButton.isEnabled() and not ui.inviteButton.isEnabled()

    answer_dialog(ok)  # the date proposed is today
    qtbot.mouseClick(ui.issuePlanButton, Qt.LeftButton)
    assert page._status is SessionStatus.PLAN_ISSUED and ui.inviteButton.isEnabled()
    answer_dialog(ok)
    qtbot.mouseClick(ui.inviteButton, Qt.LeftButton)

    def cancel(dialog):  # issue 14: "không diễn ra" said neither cancelled nor put off
        assert dialog.windowTitle() == "Hủy hội nghị (không tổ chức)"
        assert "không được tổ chức" in dialog.form.promptLabel.text()
        assert "hoãn" in dialog.form.promptLabel.text() and "Ngày tổ chức" in dialog.form.promptLabel.text()
        assert not dialog.form.dateEdit.isVisible()
        type_text(dialog.form.reasonEdit, "Thiên tai, mưa lũ")
        ok(dialog)

    answer_dialog(cancel)
    assert ui.cancelButton.text() == "Hủy hội nghị (không tổ chức)…"
    qtbot.mouseClick(ui.cancelButton, Qt.LeftButton)
    with ctx.session() as session:
        ds = get(session, m.DialogueSession, session_id)
        assert ds.status == SessionStatus.CANCELLED.value and ds.cancel_reason == "Thiên tai, mưa lũ"
        assert ds.plan_issued_date == clock.today() and ds.invitations_sent_date == clock.today()
    assert "Hủy" in ui.statusLabel.text() and not ui.saveButton.isEnabled()
    assert not page.form.ui.tabGeneral.isEnabled()


def test_an_edit_based_on_stale_data_is_refused(page, ctx, qtbot, no_dialogs):
    session_id = next(r.id for r in page.model.rows if r.status == SessionStatus.INVITED.value)
    page.activate(session_id)
    form = page.form.ui
    # another clerk saves the same session meanwhile
    with ctx.session() as session:
        data = page.form.value()
        data.place = "Hội trường khác"
        sessions.update_session(session, session_id, data)
    form.placeEdit.selectAll()
    type_text(form.placeEdit, "Nhà văn hóa xã")
    no_dialogs.answer = QMessageBox.No  # keep the screen as it is
    qtbot.mouseClick(page.ui.saveButton, Qt.LeftButton)
    assert len(no_dialogs.texts) == 1 and "hãy tải lại" in no_dialogs.texts[0]
    with ctx.session() as session:
        assert get(session, m.DialogueSession, session_id).place == "Hội trường khác"
    assert page.form.dirty  # the clerk's typing is still there
    no_dialogs.answer = QMessageBox.Yes  # the newest copy, with what was typed kept aside to copy
    qtbot.mouseClick(page.ui.saveButton, Qt.LeftButton)
    assert form.placeEdit.text() == "Hội trường khác" and not page.form.dirty
    kept = page.typed_text_window
    assert "Nhà văn hóa xã" in kept.text.toPlainText()
    kept.close()


def test_invitations_for_each_invitee_from_the_menu(page, ctx, qtbot, no_dialogs, tmp_path, monkeypatch):
    session_id = next(r.id for r in page.model.rows if r.status == SessionStatus.INVITED.value)
    page.activate(session_id)
    target = tmp_path / "giay_moi.docx"
    export_to(monkeypatch, target)
    assert page.ui.invitationButton.menu() is not None
    page.with_form_action.setChecked(False)
    page.invite_each_action.trigger()
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=30000)
    lines = docx_text(target).splitlines()
    assert lines.count("GIẤY MỜI") > 1  # one letter per invited agency
    assert not any(line.upper().startswith("PHIẾU ĐĂNG KÝ") for line in lines)  # the form left out


def test_suggested_file_names_are_ascii():
    stems = export_actions.FILE_STEMS
    assert export_actions.file_name(stems["registration-form"], "10/12/2026", "Liên tịch") == \
        "Phieu_dang_ky_10-12-2026_Lien_tich.docx"
    assert export_actions.file_name(stems["reply"], "so 12", "Nguyễn Văn Đức") == \
        "Tra_loi_kien_nghi_so_12_Nguyen_Van_Duc.docx"
    assert export_actions.file_name("Bang tong hop", "2026", suffix=".xlsx") == "Bang_tong_hop_2026.xlsx"


def test_deadlines_panel_shows_the_profiles_after_meeting_steps_and_provisional_dates(page, ctx):
    from desk_app.services import profiles

    with ctx.session() as session:
        start = dt.datetime(2026, 12, 28, 8, 0)  # its answer deadline falls in 2027: days off not announced yet
        ds = sessions.plan_session(session, sessions.SessionInput(
            title="Hội nghị đối thoại cuối năm", host="ubnd", planned_start=start, chair_id=5,
            place="Hội trường UBND xã", profile_id=profiles.by_code(session, "tam-duong-570").id))
        session_id = ds.id
    ctx.changed("sessions")
    page.activate(session_id)
    ui = page.ui
    # KH 570, mục 4.3: the chair's internal review within 05 working days after the session
    assert ui.afterLabel.isVisibleTo(page) and ui.afterLabel.text().startswith(
        "Người chủ trì đánh giá, rút kinh nghiệm nội bộ: chậm nhất ")
    assert "(dự kiến)" in ui.answerLabel.text() and "(dự kiến)" not in ui.noticeLabel.text()


def test_invitations_cannot_be_dated_ahead_and_can_be_taken_back(page, ctx, qtbot, no_dialogs):
    """Issue 14, item 13: "Đã gửi giấy mời" took a future date and then could not be undone."""
    session_id = _draft(ctx, 25)
    with ctx.session() as session:
        sessions.issue_plan(session, session_id, clock.today())
    ctx.changed("sessions")
    page.activate(session_id)
    ui = page.ui
    refused: list[str] = []

    def ahead(dialog):
        dialog.form.dateEdit.setFocus()
        qtbot.keyClick(dialog.form.dateEdit, Qt.Key_A, Qt.ControlModifier)  # Ctrl+A, then the date typed
        for char in (clock.today() + dt.timedelta(days=3)).strftime("%d%m%Y"):
            qtbot.keyClick(dialog.form.dateEdit, char)
        ok(dialog)

    answer_dialog(ahead, refused)
    qtbot.mouseClick(ui.inviteButton, Qt.LeftButton)
    assert refused and "chưa đến" in refused[0]
    assert page._status is SessionStatus.PLAN_ISSUED

    answer_dialog(ok)
    qtbot.mouseClick(ui.inviteButton, Qt.LeftButton)
    assert page._status is SessionStatus.INVITED
    assert ui.backToDraftButton.isEnabled() and "Đã ban hành kế hoạch" in ui.backToDraftButton.text()
    qtbot.mouseClick(ui.backToDraftButton, Qt.LeftButton)  # asked, answered Có
    assert page._status is SessionStatus.PLAN_ISSUED
    with ctx.session() as session:
        assert get(session, m.DialogueSession, session_id).invitations_sent_date is None


def test_the_list_shows_the_day_a_meeting_was_held_beside_its_plan(page, ctx, qtbot, no_dialogs):
    """Issue 14, item 1: after a start on another day the list still showed the planned day."""
    from desk_app.services import minutes

    session_id = next(r.id for r in page.model.rows if r.status == SessionStatus.INVITED.value)
    with ctx.session() as session:
        planned = get(session, m.DialogueSession, session_id).planned_start
        minutes.start_meeting(session, session_id, dt.datetime.combine(clock.today(), dt.time(8, 0)))
    ctx.changed("minutes")
    page.activate(session_id)
    texts = {page.model.index(r, 0).data(): page.model.index(r, 0).data(Qt.ToolTipRole)
             for r in range(page.model.rowCount()) if page.model.rows[r].id == session_id}
    (shown, tip), = texts.items()
    assert shown == clock.today().strftime("%d/%m/%Y")
    assert f"{planned:%d/%m/%Y}" in tip and "kế hoạch" in tip.lower()
    assert f"{planned:%d/%m/%Y}" in page.ui.statusLabel.text()


@pytest.mark.parametrize("size", [AT_125, AT_100_1280], ids=["1366x768-125%", "1280-100%"])
def test_the_page_fits_a_small_screen_and_lists_several_sessions(window, qtbot, size):
    """Issue 14, item 5: at 125 % the list showed one session; at 100 % a 1280-pixel window cut the page."""
    window.resize(*size)
    page = window.show_page("sessions")
    qtbot.waitExposed(page)
    ui = page.ui
    assert_on_screen(page, ui.sessionTable, ui.yearCombo, ui.newButton, ui.saveButton, ui.planButton,
                     ui.formButton, page.form.ui.tabs)
    assert whole_rows(ui.sessionTable) >= 3

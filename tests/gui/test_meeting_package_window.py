"""The meeting away from the office, from the window (menu Hội nghị): "Mang đi hội nghị…" writes the package,
the laptop's program reopens on it ("Mở gói hội nghị…") and runs a short meeting from the keyboard, and the
office brings the result back ("Nhập kết quả hội nghị…"): the dry run's counts first, the one conflict side by
side and decided by the clerk, then everything in; a second import changes nothing."""

from __future__ import annotations

import shutil
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.gui import meeting_package_dialogs
from desk_app.services import registrations
from desk_app.store import models as m
from tests.gui.keyboard import type_text
from tests.meeting_helpers import _registration_input, fingerprint


def action(window, text: str):
    """The menu entry as the clerk clicks it."""
    found = [a for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
             for a in menu.actions() if a.text().replace("&", "") == text]
    assert found, text
    return found[0]


def key(qtbot, keys, modifier=Qt.NoModifier) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), keys, modifier)


def active(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog and dialog.isAncestorOf(QApplication.focusWidget()))


def invited(ctx) -> int:
    with ctx.session() as session:
        return session.scalar(select(m.DialogueSession.id).where(m.DialogueSession.status == "da_moi"))


def quiet_registration(ctx, meeting: int) -> tuple[int, str]:
    """The last one in the queue: not called in the short meeting, its phone changed on both sides."""
    with ctx.session() as session:
        reg = [r for r in registrations.queue(session, meeting) if r.state == "cho_phat_bieu"][-1]
        return reg.id, reg.citizen_name


def set_phone(ctx, registration_id: int, phone: str) -> None:
    def work(session) -> None:
        reg = session.get(m.Registration, registration_id)
        registrations.update_registration(session, reg.id, _registration_input(reg, phone=phone))

    ctx.write(work)


@pytest.fixture
def laptop_home(demo_template, tmp_path):
    """The laptop's own everyday database (another copy of a demo year: the program opens normally on it)."""
    path = tmp_path / "laptop.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


def test_take_out_run_the_meeting_on_the_laptop_bring_it_back(window, ctx, qtbot, tmp_path, monkeypatch, no_dialogs,
                                                             laptop_home):
    from desk_app.gui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # each start installs its hook: put it back after
    meeting = invited(ctx)
    package = tmp_path / "usb" / "Goi_hoi_nghi.sqlite3"
    package.parent.mkdir()

    # -- the office: the session on screen, "Mang đi hội nghị…" --------------------------------------------------
    sessions_page = window.show_page("sessions")
    sessions_page.select_session(meeting)
    monkeypatch.setattr(meeting_package_dialogs, "choose_target", lambda *_args: package)
    action(window, "Mang đi hội nghị…").trigger()
    take_out = window.dialog
    assert take_out.windowTitle() == "Mang đi hội nghị" and take_out.form.session_combo.currentData() == meeting
    qtbot.mouseClick(take_out.accept_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất: Đã ghi gói hội nghị") for t in no_dialogs.texts),
                    timeout=20000)
    assert package.is_file()
    quiet_id, quiet_name = quiet_registration(ctx, meeting)

    # -- the laptop: its program on its own data, "Mở gói hội nghị…", reopened on the package -----------------------
    codes: list[int] = []
    first = app_module.Startup(str(laptop_home), quit=codes.append)
    qtbot.waitUntil(lambda: first.ctx is not None, timeout=20000)
    monkeypatch.setattr(meeting_package_dialogs, "open_files", lambda *_args, **_kw: [package])
    action(first.window, "Mở gói hội nghị…").trigger()
    assert any(t.startswith("Mở gói hội nghị: Mở gói hội nghị của Xã Tân Đoàn") for t in no_dialogs.texts)
    assert first.reopen == str(package) and codes == [0] and not first.window.isVisible()
    first.finish(0)
    codes.clear()
    laptop = app_module.Startup(first.reopen, quit=codes.append)
    qtbot.waitUntil(lambda: laptop.ctx is not None and laptop.window.current_page() is not None, timeout=20000)
    page = laptop.window.current_page()
    assert page.key == "live" and page.meeting_id == meeting  # the package opens on its session
    laptop.window.resize(1366, 768)
    qtbot.waitExposed(laptop.window)
    laptop.window.activateWindow()
    qtbot.waitUntil(lambda: page.state is not None)
    page.ui.session_combo.setFocus()

    # a short meeting from the keyboard: start, step c, two speakers, the close
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    active(qtbot, page.dialog)
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None and page.state.live
    key(qtbot, Qt.Key_3, Qt.AltModifier)
    key(qtbot, Qt.Key_F2)
    first_speaker = page.opinion.name
    type_text(page.ui.editor, "Đề nghị làm lại cầu tràn qua suối trước mùa mưa.")
    key(qtbot, Qt.Key_F2)
    type_text(page.ui.editor, "Hỏi về tiến độ cấp giấy chứng nhận quyền sử dụng đất.")
    set_phone(laptop.ctx, quiet_id, "0912345678")  # corrected at the door, on the laptop
    page.ui.editor.setFocus()
    key(qtbot, Qt.Key_E, Qt.ControlModifier)
    end = page.dialog
    active(qtbot, end)
    end.form.time_edit.setTime(end.form.time_edit.time().addSecs(120))
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert page.dialog is None and not page.state.live
    laptop.window.close()
    assert laptop.finish(0) == 0

    # -- the office meanwhile: the same registration's phone changed otherwise ------------------------------------
    set_phone(ctx, quiet_id, "0988000111")

    # -- the office: "Nhập kết quả hội nghị…", the dry run, the conflict decided, the import ------------------------
    window.activateWindow()
    before = fingerprint(ctx.database)
    action(window, "Nhập kết quả hội nghị…").trigger()
    qtbot.waitUntil(lambda: getattr(window, "dialog", None) is not None, timeout=20000)
    dialog = window.dialog
    assert fingerprint(ctx.database) == before  # the dry run changed nothing
    counts = dict(dialog.preview.counts)
    assert counts["cuộc đối thoại"] == 1 and counts["ý kiến"] == 2 and counts["đăng ký phát biểu"] >= 2
    assert dialog.form.counts_table.model().rowCount() == len(counts)
    table = dialog.form.conflicts_table
    shown = [[table.model().index(r, c).data() for c in range(5)] for r in range(table.model().rowCount())]
    assert [row[1:4] for row in shown] == [["Điện thoại", "0988000111", "0912345678"]]
    assert shown[0][0].startswith("Đăng ký") and quiet_name in shown[0][0] and shown[0][4] == "(chưa chọn)"
    # "Nhập kết quả" before deciding: refused, the dialog stays
    active(qtbot, dialog)
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert window.dialog is dialog and "chưa chọn" in dialog.form.decisions_error.text()
    # the clerk takes the laptop's phone: the row, Tab to the choice, the arrow, Enter
    table.setFocus()
    table.selectRow(0)
    key(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is dialog.form.decision_combo
    assert [dialog.form.decision_combo.itemText(i) for i in range(3)] == ["(chưa chọn)", "Văn phòng", "Máy xách tay"]
    key(qtbot, Qt.Key_Down)
    assert table.model().index(0, 4).data() == "Văn phòng"
    key(qtbot, Qt.Key_Down)
    assert table.model().index(0, 4).data() == "Máy xách tay"
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: any(t.startswith("Nhập kết quả hội nghị: Đã nhập kết quả hội nghị")
                                for t in no_dialogs.texts), timeout=20000)
    assert window.dialog is None

    with ctx.session() as session:
        ds = session.get(m.DialogueSession, meeting)
        assert ds.status == "da_ket_thuc" and ds.actual_end is not None
        said = session.scalars(select(m.Opinion).where(m.Opinion.session_id == meeting)
                               .order_by(m.Opinion.position)).all()
        assert [(o.speaker_name, o.content) for o in said][0] == (
            first_speaker, "Đề nghị làm lại cầu tràn qua suối trước mùa mưa.")
        assert said[1].content == "Hỏi về tiến độ cấp giấy chứng nhận quyền sử dụng đất."
        assert session.get(m.Registration, quiet_id).phone == "0912345678"  # the clerk's decision
    live = window.show_page("live")  # the pages heard of it
    qtbot.waitUntil(lambda: live.state is not None and live.state.id == meeting and len(live.state.opinions) == 2)

    # -- the same package again: nothing new, nothing changes ---------------------------------------------------------
    after = fingerprint(ctx.database)
    no_dialogs.texts.clear()
    action(window, "Nhập kết quả hội nghị…").trigger()
    qtbot.waitUntil(lambda: getattr(window, "dialog", None) is not None, timeout=20000)
    again = window.dialog
    assert all(count == 0 for _, count in again.preview.counts) and again.preview.conflicts == []
    assert "không có gì mới" in again.form.notes_text.text() and not again.form.conflicts_table.isVisibleTo(again)
    qtbot.mouseClick(again.accept_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: any("Không có gì thay đổi." in t for t in no_dialogs.texts), timeout=20000)
    assert fingerprint(ctx.database) == after


def test_a_file_that_is_not_a_package_is_refused_in_vietnamese(window, qtbot, tmp_path, monkeypatch, no_dialogs,
                                                              demo_path):
    """The office's own database chosen by mistake, on both sides: told, nothing opened, nothing imported."""
    monkeypatch.setattr(meeting_package_dialogs, "open_files", lambda *_args, **_kw: [demo_path])
    reopened = []
    window.reopen_requested.connect(reopened.append)
    action(window, "Mở gói hội nghị…").trigger()
    assert reopened == [] and any("không phải gói hội nghị" in t for t in no_dialogs.texts)
    no_dialogs.texts.clear()
    action(window, "Nhập kết quả hội nghị…").trigger()
    qtbot.waitUntil(lambda: any("không phải gói hội nghị" in t for t in no_dialogs.texts), timeout=20000)
    assert getattr(window, "dialog", None) is None

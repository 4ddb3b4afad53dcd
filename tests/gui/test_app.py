"""The window's frame: Vietnamese Qt words, background tasks, the error hook, start-up and the smoke test."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QProgressDialog, QWidget

from desk_app.gui.context import error_text


def test_standard_buttons_are_vietnamese(gui_app):
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Save
                           | QDialogButtonBox.Close | QDialogButtonBox.Yes | QDialogButtonBox.No
                           | QDialogButtonBox.Apply | QDialogButtonBox.Discard)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Đồng ý", "Hủy", "Lưu", "Đóng", "Có", "Không", "Áp dụng", "Bỏ qua"}
    progress = QProgressDialog("Đang xuất…", "", 0, 0)
    assert "Cancel" not in [b.text() for b in progress.findChildren(type(box.buttons()[0]))]


def test_task_runs_in_the_worker_and_reports_back(ctx, qtbot):
    results, steps = [], []

    def work(progress):
        for i in range(3):
            progress.report(i + 1, 3, f"Bước {i + 1}")
            steps.append(i)
        with ctx.database.session() as session:
            from desk_app.services.common import commune

            return commune(session).name

    ctx.run_task(None, "Thử", work, results.append, show_dialog=False)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert results == ["Xã Tân Đoàn"] and steps == [0, 1, 2]


def test_task_error_and_cancel(ctx, qtbot, no_dialogs):
    from desk_app.domain.errors import ValidationError

    errors = []

    def bad(_progress):
        raise ValidationError({"x": "Năm phải từ 2000 đến 2100."})

    ctx.run_task(None, "Thử", bad, on_error=errors.append, show_dialog=False)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert error_text(errors[0]) == "Năm phải từ 2000 đến 2100."

    done = []
    parent = QWidget()
    qtbot.addWidget(parent)

    def long_work(progress):
        while not progress.cancelled:
            time.sleep(0.01)
        progress.check()

    task = ctx.run_task(parent, "Đang tổng hợp", long_work, done.append)
    task.cancel()  # what the dialog's Hủy does
    assert ctx.wait_for_tasks(10000)
    qtbot.wait(50)
    assert done == []  # a cancelled task reports nothing


def test_unexpected_error_is_vietnamese_and_logged(gui_app, tmp_path, monkeypatch):
    from desk_app import logs

    monkeypatch.setattr(logs, "log_path", lambda: tmp_path / "desk_app.log")
    monkeypatch.setattr(logs, "_handler", None)
    text = error_text(RuntimeError("internal detail"))
    assert text.startswith("Lỗi không mong muốn; dữ liệu không thay đổi.")
    assert "RuntimeError" not in text and "internal detail" not in text


def test_error_hook_shows_a_dialog_not_a_traceback(gui_app, no_dialogs, monkeypatch, capsys):
    from desk_app.gui.app import install_error_hook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_error_hook()
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    gui_app.processEvents()
    assert any(t.startswith("Lỗi: Lỗi không mong muốn") for t in no_dialogs.texts)
    assert "Traceback" not in capsys.readouterr().err


def test_message_box_buttons_vietnamese(gui_app):
    box = QMessageBox(QMessageBox.Question, "Xác nhận", "Xóa?", QMessageBox.Yes | QMessageBox.No)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == ["Có", "Không"]


def test_smoke_test_prints_ok_and_milliseconds(demo_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESK_APP_DATA_DIR=str(tmp_path / "data"))
    completed = subprocess.run([sys.executable, "-m", "desk_app", "--db", str(demo_path), "gui", "--smoke-test"],
                               capture_output=True, text=True, timeout=120, env=env)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ok ")
    assert int(lines[0].split()[1]) > 0
    assert completed.stderr == ""  # no Qt noise (propagateSizeHints of the offscreen plugin)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_every_page_opens(window, qtbot, size):
    from desk_app.gui.main_window import PAGES

    window.resize(*size)
    for key, title, _spec, _shortcut in PAGES:
        page = window.show_page(key)
        qtbot.waitExposed(page)
        assert window.current_page() is page
        assert window.nav.currentItem().text() == title


def test_qt_calls_keep_none_alive(gui_app):
    """PySide6 6.12.0 lost a reference to None on each void call (a long session then aborts): pinned out."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Đã lưu")
    assert abs(sys.getrefcount(None) - before) < 100


def test_backup_and_check_from_the_menu(window, ctx, qtbot, no_dialogs, tmp_path, monkeypatch):
    from desk_app.gui import common
    from desk_app.store.backup import check_backup_file

    target = tmp_path / "usb.sqlite3"
    monkeypatch.setattr(common, "save_file", lambda *args, **kwargs: target)
    monkeypatch.setattr(common, "after_export", lambda parent, path, text=None, warnings=(): no_dialogs.texts.append(
        f"after_export: {path}"))
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Tệp")
    next(a for a in menu.actions() if a.text().startswith("&Sao lưu")).trigger()
    qtbot.waitUntil(lambda: any(t.startswith("after_export") for t in no_dialogs.texts), timeout=30000)
    assert check_backup_file(target)
    next(a for a in menu.actions() if a.text().startswith("&Kiểm tra")).trigger()
    qtbot.waitUntil(lambda: any("Dữ liệu toàn vẹn" in t for t in no_dialogs.texts), timeout=30000)


def test_password_set_in_settings_then_asked_at_start(ctx, window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from desk_app.gui import password
    from desk_app.services import access
    from tests.gui.keyboard import type_text

    page = window.show_page("settings")
    box = page.display_tab.password
    type_text(box.new, "mật khẩu xã")
    type_text(box.again, "mật khẩu khác")
    assert not box.save() and box.new_error.text() == "Hai lần nhập mật khẩu mới không giống nhau."
    box.new.clear()
    box.again.clear()
    type_text(box.new, "mật khẩu xã")
    type_text(box.again, "mật khẩu xã")
    assert box.save()
    with ctx.session() as session:
        assert access.is_set(session) and access.check_password(session, "mật khẩu xã")

    dialog = password.PasswordDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.field, "sai rồi")
    dialog.try_open()
    assert dialog.result() != QDialog.Accepted and dialog.error.text() == "Mật khẩu không đúng."
    dialog.field.clear()
    type_text(dialog.field, "mật khẩu xã")
    dialog.try_open()
    assert dialog.result() == QDialog.Accepted

    monkeypatch.setattr(password.PasswordDialog, "exec", lambda self: QDialog.Rejected)
    from desk_app.gui.app import build_window

    assert build_window(ctx.database)[1] is None  # a wrong or cancelled password opens nothing


def test_audit_log_viewer_shows_who_changed_what(ctx, window, qtbot):
    from desk_app.services import catalog
    from tests.gui.keyboard import type_text

    with ctx.session() as session:
        catalog.save_hamlet(session, "Thôn Mới Lập")
    ctx.changed("catalog")
    page = window.show_page("settings")
    page.tabs.setCurrentWidget(page.audit_tab)
    page.audit_tab.reload()
    first = page.audit_tab.model.row_at(0)
    assert (first.action, first.table) == ("Thêm", "Thôn, tổ dân phố") and "Thôn Mới Lập" in first.summary
    type_text(page.audit_tab.search, "lịch nghỉ")
    qtbot.waitUntil(lambda: all(e.table == "Lịch nghỉ" for e in page.audit_tab.model.rows), timeout=3000)


def test_a_task_whose_widget_was_closed_reports_to_nobody(ctx, qtbot, no_dialogs):
    """A dialog closed while its file was read: neither its result nor its error reaches it."""
    import shiboken6

    from desk_app.domain.errors import DocumentError

    shown = []
    for work in (lambda _p: "đọc xong", lambda _p: (_ for _ in ()).throw(DocumentError("Tệp hỏng."))):
        parent = QWidget()
        ctx.run_task(parent, "", work, shown.append, on_error=shown.append, show_dialog=False)
        shiboken6.delete(parent)  # closed before the worker's answer is delivered
        assert ctx.wait_for_tasks(10000)
        qtbot.wait(50)
    assert shown == [] and no_dialogs.texts == []

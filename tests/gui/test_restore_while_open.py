"""Restore and an open window (issue 13): a restore is refused while a window has the file open (exit 1,
who has it, nothing replaced); a window whose file was replaced underneath anyway stops saving and says so
instead of "saving" into the replaced file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.cli import main
from desk_app.store.instance import InstanceLock

WINDOW = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from desk_app.gui.app import Startup, create_application

app = create_application()
startup = Startup(sys.argv[1])
said = []


def ready():
    if startup.ctx is not None and not said:
        said.append(True)
        print("ready", flush=True)


timer = QTimer()
timer.timeout.connect(ready)
timer.start(100)
sys.exit(startup.finish(app.exec()))
"""


def test_restore_is_refused_while_the_window_is_open(demo_path, tmp_path, capsys):
    saved = tmp_path / "usb.sqlite3"
    assert main(["--db", str(demo_path), "backup", str(saved)]) == 0
    capsys.readouterr()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    window = subprocess.Popen([sys.executable, "-c", WINDOW, str(demo_path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert window.stdout.readline().strip() == "ready", window.stderr.read()[-2000:]
        inode = os.stat(demo_path).st_ino
        restore = subprocess.run([sys.executable, "-m", "desk_app", "--db", str(demo_path), "restore", str(saved)],
                                 capture_output=True, text=True, env=env, timeout=120)
        assert restore.returncode == 1 and restore.stdout == ""
        holder = InstanceLock(demo_path).other_holder()
        assert holder.pid == window.pid
        assert "đang được mở" in restore.stderr and holder.user in restore.stderr and holder.host in restore.stderr
        assert "Traceback" not in restore.stderr
        assert os.stat(demo_path).st_ino == inode  # not replaced
    finally:
        window.terminate()
        window.wait(30)
        window.stdout.close()
        window.stderr.close()


def test_a_window_whose_file_is_replaced_stops_saving_and_says_so(window, ctx, qtbot, demo_path, tmp_path,
                                                                   no_dialogs):
    from sqlalchemy import select

    from desk_app.store import models as m

    page = window.show_page("live")
    qtbot.waitUntil(lambda: page.state is not None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.ui.session_combo.setFocus()
    qtbot.keyClick(page.ui.session_combo, Qt.Key_B, Qt.ControlModifier)
    qtbot.keyClick(page.dialog.form.secretary_edit, Qt.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F2)
    opinion_id = page.opinion.id

    # someone copies a backup over the file while the window is open
    copy = tmp_path / "copy.sqlite3"
    assert main(["--db", str(demo_path), "backup", str(copy)]) == 0
    os.replace(copy, demo_path)
    for extra in ("-wal", "-shm"):
        if os.path.exists(str(demo_path) + extra):
            os.remove(str(demo_path) + extra)

    page.ui.editor.setFocus()
    for char in "Ghi sau khi tệp bị thay":
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtCore import QEvent

        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(page.ui.editor, QKeyEvent(kind, 0, Qt.NoModifier, char))
    qtbot.waitUntil(lambda: any("thay thế" in text for text in no_dialogs.texts), timeout=6000)
    assert window.saved_label.text().startswith("Ngừng lưu")
    qtbot.waitUntil(lambda: page.ui.saved_label.text() == "Chưa lưu được!", timeout=4000)
    assert "thay thế" in page.ui.saved_label.toolTip()
    assert page.ui.editor.toPlainText() == "Ghi sau khi tệp bị thay"  # still on screen, to copy
    assert len([t for t in no_dialogs.texts if "thay thế" in t]) == 1  # said once
    # nothing reached the file that is now the database
    import sqlite3

    with sqlite3.connect(demo_path) as connection:
        content = connection.execute("SELECT content FROM opinion WHERE id = ?", (opinion_id,)).fetchone()
    assert content is None or "Ghi sau khi" not in content[0]

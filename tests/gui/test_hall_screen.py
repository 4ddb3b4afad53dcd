"""Màn hình hội trường: the hall screen follows a whole meeting driven from the live page's keyboard (the speaker,
the countdown's colours, the queue, the agenda steps), full screen on the second screen and back to a window
when it goes, nothing personal on it, nothing on it the audience can press; it goes on when the live page is
built again, and re-reads the database."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from sqlalchemy import func, select

from desk_app.gui import hall_screen, palette
from desk_app.services import registrations
from desk_app.store import models as m

ROOT = Path(__file__).resolve().parents[2]


class FakeScreen:
    """A screen as the hall screen asks about it (QScreen cannot be made in a test)."""

    def __init__(self, name: str, rect: QRect):
        self._name, self._rect = name, rect

    def name(self) -> str:
        return self._name

    def geometry(self) -> QRect:
        return self._rect

    def availableGeometry(self) -> QRect:  # noqa: N802
        return self._rect


LAPTOP = FakeScreen("laptop", QRect(0, 0, 1366, 768))
PROJECTOR = FakeScreen("projector", QRect(1366, 0, 1920, 1080))


def key(qtbot, keys, modifier=Qt.NoModifier) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), keys, modifier)


@pytest.fixture
def screens(monkeypatch):
    """The laptop's own screen and a projector; the test plugs the projector in and out."""
    plugged = [LAPTOP, PROJECTOR]
    monkeypatch.setattr(hall_screen, "_system_screens", lambda: (list(plugged), LAPTOP))
    return plugged


@pytest.fixture
def clock(ctx):
    now = [1000.0]
    ctx.speaker_clock.set_time_source(lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += seconds
        ctx.speaker_clock.refresh()

    return advance


@pytest.fixture
def live(window, qtbot):
    page = window.show_page("live")
    qtbot.waitUntil(lambda: page.state is not None)
    page.ui.session_combo.setFocus()
    return page


def private_texts(ctx, meeting_id: int) -> list[str]:
    """What the registrations hold that the room must never see."""
    with ctx.session() as session:
        return [t for r in registrations.queue(session, meeting_id)
                for t in (r.cccd, r.phone, r.address, r.content, str(r.birth_year or "")) if t]


def assert_nothing_personal(hall, private: list[str]) -> None:
    shown = "\n".join(hall.shown_texts())
    leaked = [t for t in private if t in shown]
    assert leaked == [], shown


def waiting_names(ctx, meeting_id: int) -> list[str]:
    with ctx.session() as session:
        return [r.citizen_name for r in registrations.queue(session, meeting_id) if r.state == "cho_phat_bieu"]


def countdown(hall) -> tuple[str, str, bool]:
    label = hall.countdown
    return label.text(), hall.ctx.speaker_clock.level(), label.isVisibleTo(hall)


def test_the_hall_screen_follows_a_meeting_from_the_keyboard(live, window, ctx, qtbot, screens, clock, no_dialogs):
    meeting = live.meeting_id
    private = private_texts(ctx, meeting)
    assert private  # the demo's registrations carry CCCD, phones, addresses, what they will say

    # F11 on the live page: full screen on the projector; the keyboard stays with the secretary.
    key(qtbot, Qt.Key_F11)
    hall = window.hall_screen
    assert hall is not None and hall.meeting_id == meeting
    qtbot.waitUntil(hall.isVisible)
    assert hall.target is PROJECTOR and hall.isFullScreen()
    assert window.isAncestorOf(QApplication.focusWidget())
    assert hall.findChildren(QAbstractButton) == [] and hall.focusPolicy() == Qt.NoFocus
    assert all(w.focusPolicy() == Qt.NoFocus for w in hall.findChildren(QWidget))
    assert hall.contextMenuPolicy() == Qt.PreventContextMenu and hall.cursor().shape() == Qt.BlankCursor

    # Before the start: the still slide (commune, title, time and place).
    shown = hall.shown_texts()
    assert "XÃ TÂN ĐOÀN" in shown and live.state.title in shown
    assert any(t.startswith("14:00 ngày 10/12/2026") for t in shown)
    assert not hall.header.isVisibleTo(hall) and not hall.countdown.isVisibleTo(hall)

    # Ctrl+B: the opening; the heading, the chair and the next three.
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    qtbot.keyClick(live.dialog.form.secretary_edit, Qt.Key_Return)
    assert live.state.live
    assert hall.title_label.text() == live.state.title and hall.host_label.text().startswith("Chủ trì: Đồng chí ")
    assert (hall.caption_label.text(), hall.main_label.text()) == ("CHƯƠNG TRÌNH HỘI NGHỊ", "Khai mạc hội nghị")
    first, second, third, fourth = waiting_names(ctx, meeting)[:4]
    assert [label.text().split("\n")[0] for label in hall.next_labels] == [first, second, third]
    assert hall.footer.isVisibleTo(hall) and not hall.countdown.isVisibleTo(hall)
    for keys, step in ((Qt.Key_2, "Người chủ trì thông tin đến Nhân dân"), (Qt.Key_3, "Nhân dân phát biểu ý kiến")):
        key(qtbot, keys, Qt.AltModifier)
        assert hall.main_label.text() == step

    # F2: the first speaker, name and hamlet; the queue moves on; the countdown waits for F5.
    key(qtbot, Qt.Key_F2)
    with ctx.session() as session:
        hamlet = session.get(m.Opinion, live.opinion.id).hamlet
    assert (hall.caption_label.text(), hall.main_label.text()) == ("ĐANG PHÁT BIỂU", first)
    assert hall.sub_label.text() == (hamlet.name if hamlet else "")
    assert [label.text().split("\n")[0] for label in hall.next_labels] == [second, third, fourth]
    length = live.state.speaking_seconds
    assert countdown(hall) == (f"{length // 60:02d}:{length % 60:02d}", "idle", True)
    assert_nothing_personal(hall, private)

    # F5: the time runs on both screens; amber in the last 30 s, red in the last 10 and over time.
    key(qtbot, Qt.Key_F5)
    assert live.timer.running and countdown(hall)[1] == "normal"
    clock(length - 25)
    assert countdown(hall) == ("00:25", "amber", True) and live.timer.text() == "00:25"
    assert palette.TIMER["amber"][1] in hall.countdown.styleSheet()
    assert palette.TIMER["amber"][1] in live.timer.styleSheet()
    clock(20)
    assert countdown(hall) == ("00:05", "red", True) and palette.TIMER["red"][1] in hall.countdown.styleSheet()
    clock(12)
    assert countdown(hall)[:2] == ("−00:07", "red")
    key(qtbot, Qt.Key_F5)  # paused: the time stands on both
    clock(30)
    assert countdown(hall)[0] == "−00:07" == live.timer.text()

    # F2: the next one; the countdown starts again from the full time.
    key(qtbot, Qt.Key_F2)
    assert hall.main_label.text() == second
    assert countdown(hall)[:2] == (f"{length // 60:02d}:{length % 60:02d}", "idle")
    assert_nothing_personal(hall, private)

    # The projector is unplugged: a normal window on the laptop; plugged in again: full screen on it.
    app = QGuiApplication.instance()
    screens.remove(PROJECTOR)
    app.screenRemoved.emit(app.primaryScreen())
    qtbot.waitUntil(lambda: hall.target is None and not hall.isFullScreen())
    assert hall.isVisible() and hall.cursor().shape() != Qt.BlankCursor
    assert LAPTOP.geometry().contains(hall.geometry())
    screens.append(PROJECTOR)
    app.screenAdded.emit(app.primaryScreen())
    qtbot.waitUntil(lambda: hall.target is PROJECTOR and hall.isFullScreen())

    # Steps d and đ: the answers and the conclusion, the speaker's name gone from the room.
    for keys, step in ((Qt.Key_4, "Phần trả lời của lãnh đạo xã"), (Qt.Key_5, "Kết luận của chủ tọa")):
        key(qtbot, keys, Qt.AltModifier)
        assert (hall.caption_label.text(), hall.main_label.text()) == ("CHƯƠNG TRÌNH HỘI NGHỊ", step)
        assert second not in hall.shown_texts() and not hall.countdown.isVisibleTo(hall)
    key(qtbot, Qt.Key_F5)  # the chair's time for the conclusion: the countdown shows with the step
    assert countdown(hall)[1:] == ("normal", True)
    key(qtbot, Qt.Key_F5)

    # What the audience presses on the hall screen does nothing.
    with ctx.session() as session:
        before = session.scalar(select(func.count(m.Opinion.id)))
    for keys in (Qt.Key_F2, Qt.Key_Escape, Qt.Key_Return, Qt.Key_Space, Qt.Key_F11):
        qtbot.keyClick(hall, keys)
    qtbot.keyClick(hall, Qt.Key_E, Qt.ControlModifier)
    qtbot.mouseClick(hall, Qt.LeftButton, pos=QPoint(40, 40))
    qtbot.mouseDClick(hall.main_label, Qt.LeftButton)
    with ctx.session() as session:
        assert session.scalar(select(func.count(m.Opinion.id))) == before
    assert window.hall_screen is hall and hall.isVisible() and live.dialog is None and live.state.live

    # Ctrl+E: the close; the room sees the thanks.
    key(qtbot, Qt.Key_E, Qt.ControlModifier)
    end = live.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is end and end.isAncestorOf(QApplication.focusWidget()))
    end.form.time_edit.setTime(end.form.time_edit.time().addSecs(120))
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert live.dialog is None, end.form.general_error.text()
    assert not live.state.live
    assert hall.note_label.text() == "Hội nghị đã kết thúc. Trân trọng cảm ơn bà con đã tham dự!"
    assert not hall.header.isVisibleTo(hall) and not hall.footer.isVisibleTo(hall)
    assert_nothing_personal(hall, private)

    # F11 again: it closes.
    live.ui.editor.setFocus()
    key(qtbot, Qt.Key_F11)
    qtbot.waitUntil(lambda: window.hall_screen is None)


def test_a_normal_window_without_a_second_screen(live, window, qtbot, monkeypatch):
    monkeypatch.setattr(hall_screen, "_system_screens", lambda: ([LAPTOP], LAPTOP))
    hall = hall_screen.toggle(window)
    qtbot.waitUntil(hall.isVisible)
    assert hall.target is None and not hall.isFullScreen()
    assert hall.width() >= LAPTOP.geometry().width() * 0.6 and hall.height() < LAPTOP.geometry().height()
    # the largest text that fits: the slide's title fills its place, and grows with the window
    size = hall.main_label.pixel_size()
    hall.resize(hall.width() * 3 // 2, hall.height() * 3 // 2)
    qtbot.waitUntil(lambda: hall.main_label.pixel_size() > size)
    window.close()  # the hall screen goes with the main window
    qtbot.waitUntil(lambda: window.hall_screen is None)


def test_the_hall_goes_on_when_the_live_page_is_built_again(live, window, ctx, qtbot, screens, clock, monkeypatch,
                                                           no_dialogs):
    monkeypatch.setattr(hall_screen, "REREAD_MS", 50)
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    qtbot.keyClick(live.dialog.form.secretary_edit, Qt.Key_Return)
    key(qtbot, Qt.Key_3, Qt.AltModifier)
    key(qtbot, Qt.Key_F2)
    hall = hall_screen.toggle(window)
    speaker = live.opinion.name
    key(qtbot, Qt.Key_F5)
    clock(100)
    assert hall.main_label.text() == speaker

    # The live page fails and is built again (as after an error): the hall screen keeps the speaker and the
    # running time, and follows the new page at once.
    holder = live.parentWidget().parentWidget()
    del window.pages["live"]
    window.stack.removeWidget(holder)
    holder.deleteLater()
    qtbot.waitUntil(lambda: not holder.isVisible())
    hall.reload()
    assert hall.main_label.text() == speaker and countdown(hall)[1] == "normal"
    page = window.show_page("live")
    qtbot.waitUntil(lambda: page.state is not None)
    assert page.opinion.name == speaker and page.timer.running and page.timer.text() == hall.countdown.text()
    page.ui.editor.setFocus()
    key(qtbot, Qt.Key_F2)
    assert hall.main_label.text() == page.opinion.name != speaker

    # A change without a notice (another computer on the shared server) is read within a few seconds.
    with ctx.session() as session:
        waiting = [r for r in registrations.queue(session, page.meeting_id) if r.state == "cho_phat_bieu"]
        registrations.set_state(session, waiting[0].id, "vang_mat")
        name = waiting[0].citizen_name
    qtbot.waitUntil(lambda: name not in [label.text().split("\n")[0] for label in hall.next_labels])
    hall.close()


SCRIPT = textwrap.dedent("""
    import sys
    from desk_app.gui.app import create_application
    from desk_app.gui.context import AppContext
    from desk_app.gui.hall_screen import toggle
    from desk_app.gui.main_window import MainWindow
    from desk_app.store.database import open_database

    app = create_application()
    laptop, projector = app.screens()
    ctx = AppContext(open_database(sys.argv[1]))
    window = MainWindow(ctx)
    window.setScreen(laptop)
    window.show()
    window.show_page("live")
    hall = toggle(window)
    for _ in range(20):
        app.processEvents()
    handle = hall.windowHandle()
    print(handle.screen().name(), hall.geometry().getRect(), hall.isFullScreen(), window.screen().name())
    ctx.wait_for_tasks()
    ctx.database.dispose()
""")


def test_full_screen_on_a_real_second_screen(demo_path, tmp_path):
    """Qt's own screens (the offscreen platform with a laptop panel and a projector): the window's screen
    object is the projector's, its geometry the projector's whole area."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96,
         "dpr": 1},
        {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}))
    import os

    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(demo_path)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "projector (1366, 0, 1920, 1080) True laptop"

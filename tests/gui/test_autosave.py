"""Autosave with a maximum wait (gui.autosave): a clerk who types without a pause still has everything
typed more than 2 s ago in the database — the live minutes (the opinion and the chair's conclusion), the
general conclusion of the Kết luận page, the yearly report's texts, and the plan (kept as a draft until
Lưu, offered back after a power cut)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.domain.states import SessionStatus
from desk_app.domain.text import clean_text
from desk_app.gui.autosave import MAX_WAIT_MS, Autosave
from desk_app.services import drafts, report_texts
from desk_app.services.common import get
from desk_app.store import models as m

PROMISE_S = 2.0
KEY_MS = 120
TEXT = "Đề nghị sửa cầu tràn thôn Nà Pàn trước mùa mưa, học sinh đi lại khó khăn. "


def press(widget, char: str) -> None:
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, char))


def type_steadily(qtbot, widget, stored, seconds: float = 4.0) -> None:
    """One key every 120 ms into ``widget`` for ``seconds`` without a pause; after every key the database
    (``stored()``) must hold every key typed more than 2 s before."""
    base = widget.toPlainText()
    keys: list[float] = []
    started = time.monotonic()
    checked = 0
    while time.monotonic() - started < seconds:
        press(widget, TEXT[len(keys) % len(TEXT)])
        keys.append(time.monotonic())
        qtbot.wait(KEY_MS)
        old_enough = sum(1 for t in keys if t < time.monotonic() - PROMISE_S)
        if old_enough:
            expected = clean_text(base + "".join(TEXT[i % len(TEXT)] for i in range(old_enough)), multiline=True)
            assert stored().startswith(expected), f"{old_enough} keys typed over 2 s ago are not saved"
            checked += 1
    assert checked >= 5 and widget.toPlainText().startswith(base)


def test_a_change_is_saved_within_the_maximum_wait_while_changes_go_on(qtbot):
    saves: list[float] = []
    owner = QApplication.instance()
    autosave = Autosave(lambda: saves.append(time.monotonic()) or True, owner)
    changes = []
    started = time.monotonic()
    while time.monotonic() - started < 4:
        autosave.changed()
        changes.append(time.monotonic())
        qtbot.wait(100)
    qtbot.waitUntil(lambda: not autosave.pending, timeout=3000)
    assert len(saves) >= 2  # not one save at the end: the ceiling saved while the changes went on
    for when in changes:
        first_save_after = min(s for s in saves if s >= when)
        assert first_save_after - when <= MAX_WAIT_MS / 1000 + 0.15


def test_a_failed_save_is_tried_again_and_flush_saves_at_once(qtbot):
    results = [False, True]
    calls = []

    def save() -> bool:
        calls.append(time.monotonic())
        return results.pop(0) if results else True

    autosave = Autosave(save, QApplication.instance(), retry_ms=200)
    autosave.changed()
    assert autosave.flush() is False and autosave.pending  # the database was busy
    qtbot.waitUntil(lambda: not autosave.pending, timeout=2000)  # tried again by itself
    assert len(calls) == 2
    assert autosave.flush() is True and len(calls) == 2  # nothing pending: nothing written


def key(qtbot, keys, modifier=Qt.NoModifier) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), keys, modifier)


@pytest.fixture
def live_page(window, ctx, qtbot, no_dialogs):
    """The meeting not yet held is started (Ctrl+B, Enter; asked once more when the plan is for another day) and
    the first speaker called (F2)."""
    page = window.show_page("live")
    qtbot.waitUntil(lambda: page.state is not None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.ui.session_combo.setFocus()
    key(qtbot, Qt.Key_B, Qt.ControlModifier)
    qtbot.keyClick(page.dialog.form.secretary_edit, Qt.Key_Return)
    key(qtbot, Qt.Key_F2)
    assert page.opinion is not None and page.state.live
    no_dialogs.texts.clear()  # the question about the plan's day is not the test's
    return page


def test_live_opinion_and_chairs_conclusion_typed_without_a_pause(live_page, ctx, qtbot, no_dialogs):
    page = live_page
    opinion_id, session_id = page.opinion.id, page.state.id

    def opinion() -> str:
        with ctx.session() as session:
            return get(session, m.Opinion, opinion_id).content

    page.ui.editor.setFocus()
    type_steadily(qtbot, page.ui.editor, opinion)

    def conclusion() -> str:
        with ctx.session() as session:
            return get(session, m.DialogueSession, session_id).general_conclusion

    key(qtbot, Qt.Key_F9)
    assert QApplication.focusWidget() is page.ui.conclusion_edit
    assert opinion() == clean_text(page.ui.editor.toPlainText(), multiline=True)  # the focus left: saved now
    type_steadily(qtbot, page.ui.conclusion_edit, conclusion)


def test_general_conclusion_typed_without_a_pause(window, ctx, qtbot, no_dialogs):
    page = window.show_page("conclusion")
    with ctx.session() as session:
        ended = session.scalar(select(m.DialogueSession.id).where(
            m.DialogueSession.status == SessionStatus.ENDED.value))
    page.ui.sessionCombo.setCurrentIndex(page.ui.sessionCombo.findData(ended))
    edit = page.ui.generalEdit
    assert page.session_id == ended and not edit.isReadOnly()
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)

    def stored() -> str:
        with ctx.session() as session:
            return get(session, m.DialogueSession, ended).general_conclusion

    type_steadily(qtbot, edit, stored)


def test_report_texts_typed_without_a_pause(window, ctx, qtbot, today, no_dialogs):
    page = window.show_page("reports")
    editor = page.editors["directions"]
    editor.setFocus()

    def stored() -> str:
        with ctx.session() as session:
            return report_texts.load(session, today.year)["directions"]

    type_steadily(qtbot, editor, stored)
    qtbot.waitUntil(lambda: page.annual.savedState.text().startswith("Đã lưu lúc"), timeout=2500)


def test_plan_texts_are_kept_as_a_draft_and_offered_back(window, ctx, qtbot, no_dialogs, gui_app, demo_path):
    from desk_app.gui.context import AppContext
    from desk_app.gui.main_window import MainWindow
    from desk_app.gui.pages.sessions import DRAFT_KIND
    from desk_app.store.database import open_database

    page = window.show_page("sessions")
    session_id = next(r.id for r in page.model.rows if r.status == SessionStatus.INVITED.value)
    page.activate(session_id)
    assert page.current_id == session_id
    edit = page.form.ui.purposeEdit
    page.form.ui.tabs.setCurrentWidget(page.form.ui.tabTexts)
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)

    def drafted() -> str:
        with ctx.session() as session:
            draft = drafts.get(session, DRAFT_KIND, session_id)
            return clean_text(draft.data["purpose"], multiline=True) if draft else ""

    type_steadily(qtbot, edit, drafted)
    typed = edit.toPlainText()
    with ctx.session() as session:
        assert get(session, m.DialogueSession, session_id).purpose != clean_text(typed, multiline=True)  # not saved

    # The power goes; the program starts again and the plan is opened: the draft is offered (Có) and put back.
    database = open_database(str(demo_path))
    second_ctx = AppContext(database)
    second = MainWindow(second_ctx)
    qtbot.addWidget(second)
    second.show()
    other = second.show_page("sessions")
    other.activate(session_id)
    qtbot.waitUntil(lambda: other.current_id == session_id)
    assert any("chưa lưu" in text for text in no_dialogs.texts)
    assert other.form.ui.purposeEdit.toPlainText().startswith(typed[: len(typed) - 20])
    assert other.form.dirty
    qtbot.mouseClick(other.ui.saveButton, Qt.LeftButton)
    with second_ctx.session() as session:
        assert get(session, m.DialogueSession, session_id).purpose.startswith(clean_text(typed[:-20], multiline=True))
        assert drafts.get(session, DRAFT_KIND, session_id) is None  # saved: the draft is gone
    second_ctx.wait_for_tasks()
    second.close()
    database.dispose()


@pytest.fixture
def short_busy_timeout(monkeypatch):
    """Writers give up after 0.3 s instead of 10 s (set before the window's database is opened)."""
    from desk_app.store import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)


def test_a_busy_database_keeps_the_typed_text_and_saves_it_when_free(short_busy_timeout, live_page, ctx, qtbot,
                                                                     demo_path, no_dialogs):
    import sqlite3

    page = live_page
    opinion_id = page.opinion.id
    holder = sqlite3.connect(demo_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program is writing and does not let go
        page.ui.editor.setFocus()
        for char in "Ý kiến gõ khi dữ liệu đang bận":
            press(page.ui.editor, char)
        qtbot.waitUntil(lambda: page.ui.saved_label.text() == "Chưa lưu được!", timeout=4000)
        assert page.ui.saved_label.toolTip().startswith("Dữ liệu đang được người khác ghi")
        assert page.ui.editor.toPlainText() == "Ý kiến gõ khi dữ liệu đang bận"  # nothing typed is lost
        assert no_dialogs.texts == []  # never a dialog while the secretary types
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    def stored() -> str:
        with ctx.session() as session:
            return get(session, m.Opinion, opinion_id).content

    qtbot.waitUntil(lambda: stored() == "Ý kiến gõ khi dữ liệu đang bận", timeout=5000)  # tried again by itself
    assert page.ui.saved_label.text().startswith("Đã lưu lúc")

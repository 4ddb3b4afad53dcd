"""Two clerks, two windows, one SQLite file (issue 13): a save based on what a page showed before the other
clerk saved is refused with who and when, overwrites nothing, keeps the clerk's text on screen and offers
to reload — on the Kết luận page and in the follow-up page's assign, extend and resolve dialogs."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from desk_app.services import followup
from desk_app.domain import clock
from desk_app.store import models as m
from desk_app.store.context import set_current_user
from tests.gui.keyboard import type_text


@pytest.fixture
def second(gui_app, demo_path, qtbot):
    """The other clerk's window on the same file (its own context, engine and connections)."""
    from desk_app.gui.context import AppContext
    from desk_app.gui.main_window import MainWindow
    from desk_app.store.database import open_database

    database = open_database(str(demo_path))
    context = AppContext(database)
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    yield main
    context.wait_for_tasks()
    database.dispose()


def _as(user: str, action) -> None:
    """``action`` done by another clerk (the name the refusal must show)."""
    set_current_user(user)
    try:
        action()
    finally:
        set_current_user(None)


def _stored(ctx, petition_id: int) -> m.Petition:
    with ctx.session() as session:
        petition = session.get(m.Petition, petition_id)
        petition.extensions, petition.history, petition.lead_agency  # noqa: B018 — loaded before the session ends
        return petition


def test_conclusion_page_refuses_a_stale_save_and_keeps_the_text(window, second, ctx, qtbot, no_dialogs):
    mine, theirs = window.show_page("conclusion"), second.show_page("conclusion")
    assert mine.session_id == theirs.session_id and mine.petition_id == theirs.petition_id
    petition_id = mine.petition_id

    # the other clerk writes the conclusion and saves
    theirs.ui.conclusionEdit.setPlainText("Giao Phòng Kinh tế kiểm tra, trả lời trong tháng.")
    _as("chuyenvien2", lambda: qtbot.mouseClick(theirs.ui.savePetitionButton, Qt.LeftButton))
    assert _stored(ctx, petition_id).conclusion == "Giao Phòng Kinh tế kiểm tra, trả lời trong tháng."

    # this clerk, on the copy shown before, types theirs and saves: refused, nothing overwritten
    mine.ui.conclusionEdit.clear()
    mine.ui.conclusionEdit.setFocus()
    type_text(mine.ui.conclusionEdit, "Giao Công an xã xác minh, báo cáo Chủ tịch.")
    no_dialogs.answer = QMessageBox.No  # keep the screen as it is
    qtbot.mouseClick(mine.ui.savePetitionButton, Qt.LeftButton)
    assert len(no_dialogs.texts) == 1
    refusal = no_dialogs.texts[0]
    assert "chuyenvien2" in refusal and "Tải lại" in refusal
    stamp = _stored(ctx, petition_id).updated_at
    assert f"{stamp:%H:%M %d/%m/%Y}" in refusal
    assert _stored(ctx, petition_id).conclusion == "Giao Phòng Kinh tế kiểm tra, trả lời trong tháng."
    assert mine.ui.conclusionEdit.toPlainText() == "Giao Công an xã xác minh, báo cáo Chủ tịch."
    assert mine._dirty

    # saved again, and this time the newest copy is asked for: it is shown, the typed text kept to copy
    no_dialogs.answer = QMessageBox.Yes
    qtbot.mouseClick(mine.ui.savePetitionButton, Qt.LeftButton)
    assert len(no_dialogs.texts) == 2
    assert mine.ui.conclusionEdit.toPlainText() == "Giao Phòng Kinh tế kiểm tra, trả lời trong tháng."
    kept = mine.typed_text_window
    assert kept.isVisible() and kept.text.toPlainText() == "Giao Công an xã xác minh, báo cáo Chủ tịch."
    assert not mine._dirty

    # on the newest copy the clerk's own conclusion goes through
    mine.ui.conclusionEdit.setPlainText(kept.text.toPlainText())
    qtbot.mouseClick(mine.ui.savePetitionButton, Qt.LeftButton)
    assert len(no_dialogs.texts) == 2
    assert _stored(ctx, petition_id).conclusion == "Giao Công an xã xác minh, báo cáo Chủ tịch."
    kept.close()


def _open_petition(ctx) -> int:
    """A new petition not yet due (an extension told to the citizen today is then valid)."""
    with ctx.session() as session:
        return session.scalar(select(m.Petition.id).where(
            m.Petition.status == "moi", m.Petition.due_date >= clock.today()).order_by(m.Petition.id))


def _fill_assign(dialog) -> None:
    dialog.form.leadCombo.setCurrentIndex(dialog.form.leadCombo.findText("Công an xã"))
    type_text(dialog.form.noteEdit, "Giao Công an xã xác minh")


def _fill_extend(dialog) -> None:
    # the suggested new due date (a working day after the current one), the citizen told in writing today
    type_text(dialog.form.reasonEdit, "Cần xác minh thực địa với các hộ liền kề")
    dialog.form.notifiedCheck.setChecked(True)


def _fill_resolve(dialog) -> None:
    type_text(dialog.form.resolutionEdit, "Đã sửa xong tuyến đường, công dân đồng ý.")
    type_text(dialog.form.replyNumberEdit, "45/UBND-VP")
    dialog.form.replyDateCheck.setChecked(True)  # the written answer sent today


FILL = {"assign": _fill_assign, "extend": _fill_extend, "resolve": _fill_resolve}
TYPED = {"assign": lambda d: d.form.noteEdit.text(), "extend": lambda d: d.form.reasonEdit.toPlainText(),
         "resolve": lambda d: d.form.resolutionEdit.toPlainText()}


def _applied(kind: str, petition: m.Petition) -> bool:
    if kind == "assign":
        return petition.history[-1].note == "Giao Công an xã xác minh" if petition.history else False
    if kind == "extend":
        return bool(petition.extensions) and petition.extensions[-1].reason.startswith("Cần xác minh")
    return petition.status == "da_giai_quyet" and petition.resolution.startswith("Đã sửa xong")


@pytest.mark.parametrize("kind", ["assign", "extend", "resolve"])
def test_followup_dialog_refuses_a_stale_action(window, second, ctx, qtbot, no_dialogs, kind):
    petition_id = _open_petition(ctx)
    mine, theirs = window.show_page("followup"), second.show_page("followup")
    assert mine.show_petition(petition_id) and theirs.show_petition(petition_id)
    dialog = mine.open_action(kind)  # this clerk starts the action on what the page shows
    FILL[kind](dialog)

    # meanwhile the other clerk reassigns the lead agency through their own dialog
    other = theirs.open_action("assign")
    other.form.leadCombo.setCurrentIndex(other.form.leadCombo.findText("Trạm Y tế xã"))
    _as("chuyenvien2", lambda: qtbot.mouseClick(other.buttons.button(QDialogButtonBox.Save), Qt.LeftButton))
    theirs_now = _stored(ctx, petition_id)
    assert theirs_now.status == "dang_giai_quyet" and theirs_now.lead_agency.name == "Trạm Y tế xã"
    typed = TYPED[kind](dialog)

    no_dialogs.answer = QMessageBox.No
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.isVisible() and TYPED[kind](dialog) == typed  # still open, with what was typed
    assert any("chuyenvien2" in text and "Tải lại" in text for text in no_dialogs.texts)
    after = _stored(ctx, petition_id)
    assert after.version == theirs_now.version and after.lead_agency.name == "Trạm Y tế xã"
    assert not _applied(kind, after)

    # "Tải lại": the newest copy is shown behind the dialog; confirmed again, the action applies to it
    no_dialogs.answer = QMessageBox.Yes
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.isVisible() and TYPED[kind](dialog) == typed
    assert "Trạm Y tế xã" in mine.detail.toPlainText()
    no_dialogs.answer = QMessageBox.No  # no letter exported now
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert _applied(kind, _stored(ctx, petition_id))
    assert not dialog.isVisible()

"""Kết luận: the conclusion on a petition, a due date overridden with a reason, the conclusion notice
issued with the general conclusion, then exported (and the proposal to the superior level)."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desk_app.domain import clock
from desk_app.domain.states import SessionStatus
from desk_app.gui import export_actions
from desk_app.gui.common import ROW_ROLE, qdate
from desk_app.services.common import get
from desk_app.store import models as m
from tests.gui.keyboard import type_text

CONCLUSION = "Giao Công an xã phối hợp Phòng Kinh tế kiểm tra, xử lý dứt điểm; trả lời công dân bằng văn bản."


def answer_dialog(fill, still_open: list):
    """Fill the next modal dialog and press Đồng ý; one still open afterwards is recorded and closed."""
    def handle():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, handle)
            return
        fill(dialog)
        dialog.accept_button.click()
        if dialog.isVisible():
            still_open.append(dialog.form.general_error.text())
            dialog.reject()
    QTimer.singleShot(0, handle)


@pytest.fixture
def page(window):
    return window.show_page("conclusion")


def test_conclude_override_issue_and_export(page, ctx, qtbot, no_dialogs, tmp_path, monkeypatch):
    ui = page.ui
    with ctx.session() as session:
        ds = get(session, m.DialogueSession, page.session_id)
        assert ds.status == SessionStatus.ENDED.value  # the meeting waiting for its conclusion is proposed
        session_date = ds.session_date
    assert page.model.rows and ui.issueButton.isEnabled()

    # the second petition: conclusion, lead agency, a coordinating agency, complex case
    index = page.proxy.index(1, 1)
    ui.petitionTable.scrollTo(index)
    qtbot.mouseClick(ui.petitionTable.viewport(), Qt.LeftButton, pos=ui.petitionTable.visualRect(index).center())
    petition_id = index.data(ROW_ROLE).id
    assert page.petition_id == petition_id
    ui.conclusionEdit.selectAll()
    type_text(ui.conclusionEdit, CONCLUSION)
    ui.leadCombo.setCurrentIndex(ui.leadCombo.findText("Công an xã"))
    coordinators = ui.coordinatorsList
    row = next(i for i in range(coordinators.count()) if coordinators.item(i).text().startswith("Phòng Kinh tế"))
    coordinators.setCurrentRow(row)
    coordinators.setFocus()
    qtbot.keyClick(coordinators, Qt.Key_Space)
    assert coordinators.item(row).checkState() == Qt.Checked
    was_complex = ui.complexCheck.isChecked()
    qtbot.mouseClick(ui.complexCheck, Qt.LeftButton)
    qtbot.mouseClick(ui.savePetitionButton, Qt.LeftButton)
    assert no_dialogs.texts == []
    with ctx.session() as session:
        p = get(session, m.Petition, petition_id)
        assert p.conclusion == CONCLUSION and p.lead_agency.name == "Công an xã"
        assert p.complex_case is not was_complex
        assert [c.agency_id for c in p.coordinators] == [coordinators.item(row).data(Qt.UserRole)]
        computed = p.computed_due_date
    assert page.petition_id == petition_id  # still on the same petition after the reload
    assert "Luật Tổ chức chính quyền địa phương 2025" in ui.dueLabel.text()

    # override its due date with a reason (refused without one)
    new_due = computed + dt.timedelta(days=10)
    still_open = []

    def override(dialog):
        dialog.form.dateEdit.setDate(qdate(new_due))
        dialog.accept_button.click()
        assert "lý do" in dialog.form.reason_error.text()
        type_text(dialog.form.reasonEdit, "Chờ kết quả đo đạc của Sở Nông nghiệp và Môi trường")

    answer_dialog(override, still_open)
    qtbot.mouseClick(ui.overrideDueButton, Qt.LeftButton)
    assert still_open == []
    with ctx.session() as session:
        p = get(session, m.Petition, petition_id)
        assert p.due_override == new_due and p.due_date == new_due
        assert p.due_override_reason == "Chờ kết quả đo đạc của Sở Nông nghiệp và Môi trường"
        assert session.query(m.DeadlineOverride).filter_by(petition_id=petition_id).count() == 1
    assert new_due.strftime("%d/%m/%Y") in ui.dueLabel.text() and "Chờ kết quả đo đạc" in ui.dueLabel.text()

    # the general conclusion, saved with the conclusion notice
    ui.generalEdit.moveCursor(ui.generalEdit.textCursor().MoveOperation.End)
    type_text(ui.generalEdit, "\nGiao Văn phòng theo dõi, đôn đốc.")
    notice_day = max(session_date, clock.today())
    answer_dialog(lambda dialog: dialog.form.dateEdit.setDate(qdate(notice_day)), still_open)
    qtbot.mouseClick(ui.issueButton, Qt.LeftButton)
    assert still_open == []
    with ctx.session() as session:
        ds = get(session, m.DialogueSession, page.session_id)
        assert ds.status == SessionStatus.CONCLUDED.value and ds.conclusion_notice_date == notice_day
        assert ds.general_conclusion.endswith("Giao Văn phòng theo dõi, đôn đốc.")
    assert not ui.issueButton.isEnabled() and ui.generalEdit.isReadOnly()

    # export the notice
    target = tmp_path / "thong_bao_ket_luan.docx"
    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: target)
    qtbot.mouseClick(ui.exportButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=30000)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    text += "\n".join(c.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells)
    assert "Giao Văn phòng theo dõi, đôn đốc." in text and CONCLUSION in text


def test_upward_proposal_export(page, ctx, qtbot, no_dialogs, tmp_path, monkeypatch):
    assert page.ui.upwardButton.isEnabled()
    target = tmp_path / "de_nghi_cap_tren.docx"
    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: target)
    qtbot.mouseClick(page.ui.upwardButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=30000)
    assert target.is_file()


def test_a_session_without_upward_petitions_cannot_export_a_proposal(page, ctx, qtbot):
    for index in range(page.ui.sessionCombo.count()):
        page.ui.sessionCombo.setCurrentIndex(index)
        with ctx.session() as session:
            from desk_app.documents.contexts import upward_petitions

            expected = bool(upward_petitions(session, get(session, m.DialogueSession, page.session_id)))
        assert page.ui.upwardButton.isEnabled() is expected


def test_general_conclusion_is_autosaved(page, ctx, qtbot):
    ui = page.ui
    with ctx.session() as session:
        from sqlalchemy import select

        ended = session.scalar(select(m.DialogueSession.id).where(
            m.DialogueSession.status == SessionStatus.ENDED.value))
    page.activate(ended)
    ui.sessionCombo.setCurrentIndex(ui.sessionCombo.findData(ended))
    assert not ui.generalEdit.isReadOnly()
    ui.generalEdit.setFocus()
    ui.generalEdit.moveCursor(ui.generalEdit.textCursor().MoveOperation.End)
    type_text(ui.generalEdit, " Đã thống nhất.")

    def saved() -> bool:
        with ctx.session() as session:
            return get(session, m.DialogueSession, ended).general_conclusion.endswith("Đã thống nhất.")

    qtbot.waitUntil(saved, timeout=3000)

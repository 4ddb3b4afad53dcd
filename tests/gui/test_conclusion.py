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
from desk_app.gui.common import qdate
from desk_app.services.common import get
from desk_app.store import models as m
from tests.gui.keyboard import type_text
from tests.gui.test_followup import big_ctx, big_template  # noqa: F401 — the 3,000-petition database

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
    assert page.model.total and ui.issueButton.isEnabled()

    # the second petition: conclusion, lead agency, a coordinating agency, complex case
    index = page.model.index(1, 1)
    ui.petitionTable.scrollTo(index)
    qtbot.mouseClick(ui.petitionTable.viewport(), Qt.LeftButton, pos=ui.petitionTable.visualRect(index).center())
    petition_id = page.model.petition_id(1)
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


def test_a_session_of_thousands_of_petitions_opens_lazily(big_ctx, qtbot):
    """Issue 14: Kết luận for a session of 25,000 petitions froze the window for 10 s and took 400 MB: the list
    is now the lazy one of the follow-up page — a page of rows at a time, Ctrl+End to the real last one, each
    row numbered (STT) in its session."""
    from desk_app.gui.pages.conclusion import ConclusionPage
    from desk_app.gui.petition_model import PAGE_SIZE
    from desk_app.services import followup

    page = ConclusionPage(big_ctx)
    qtbot.addWidget(page)
    read_here = []  # the order read in the window's thread (while the worker reads it)
    real = page.model.count_now
    page.model.count_now = lambda: read_here.append(page.model._ids is None) or real()
    page.resize(1366, 768)
    page.show()
    page.activate()
    assert page.model.counting  # the worker is reading the session's order
    assert [page.model.index(row, 0).data() for row in range(3)] == ["1", "2", "3"]  # STT as painted
    assert not any(read_here)
    # its first petition is shown in the next turn of the event loop; meanwhile nothing can be saved to it
    assert page.petition_id is None and not page.ui.savePetitionButton.isEnabled()
    assert page.ui.petitionTable.currentIndex().row() == 0
    qtbot.waitUntil(lambda: page.petition_id is not None, timeout=5000)
    qtbot.waitUntil(lambda: not page.model.counting, timeout=10000)
    with big_ctx.session() as session:
        ids = [p.id for p in followup.list_petitions(session, followup.PetitionFilter(session_id=page.session_id))]
    assert len(ids) >= 1000 and page.model.total == len(ids)
    assert page.model.rowCount() == PAGE_SIZE and len(page.model._pages) == 1  # nothing else was read
    table = page.ui.petitionTable
    assert page.petition_id == ids[0] and table.currentIndex().row() == 0
    table.setFocus()
    qtbot.keyClick(table, Qt.Key_End, Qt.ControlModifier)
    assert table.currentIndex().row() == len(ids) - 1 and page.petition_id == ids[-1]
    assert table.currentIndex().siblingAtColumn(0).data() == str(len(ids))  # STT
    assert len(page.model._pages) <= 2


def test_a_due_date_overridden_to_a_day_off_is_warned(page, ctx, qtbot, no_dialogs):
    """Issue 14: a due date could be overridden to a Saturday without a word."""
    from PySide6.QtWidgets import QLabel

    from desk_app.domain.calendar import WEEKDAY_NAMES

    seen = []

    def saturday(dialog):
        day = clock.today() + dt.timedelta(days=(5 - clock.today().weekday()) % 7 or 7)
        dialog.form.dateEdit.setDate(qdate(day))
        warning = dialog.findChild(QLabel, "date_warning")
        seen.append((warning.isVisibleTo(dialog), warning.text(), day))
        monday = day + dt.timedelta(days=2)
        dialog.form.dateEdit.setDate(qdate(monday))
        seen.append((warning.isVisibleTo(dialog), warning.text(), monday))
        type_text(dialog.form.reasonEdit, "Chờ kết quả đo đạc")

    answer_dialog(saturday, [])
    qtbot.mouseClick(page.ui.overrideDueButton, Qt.LeftButton)
    (shown, text, day), (shown_after, text_after, monday) = seen
    assert day.weekday() == 5 and shown and "ngày nghỉ" in text and WEEKDAY_NAMES[5] in text
    assert not shown_after and text_after == ""
    with ctx.session() as session:
        assert get(session, m.Petition, page.petition_id).due_override == monday

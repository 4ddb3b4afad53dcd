"""Theo dõi kiến nghị: filters and search, the lazy model on a big database, every follow-up action through
its dialog (checked in the database), the letters, and opening a petition from another page."""

from __future__ import annotations

import datetime as dt
import shutil
import time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desk_app.domain.text import fold
from desk_app.domain import official
from desk_app.services import followup
from desk_app.store import models as m
from tests.gui.keyboard import type_text


def _page(window):
    """The follow-up page once its list is on screen (it is read in the turn of the event loop after the page
    is shown; a search in the worker)."""
    page = window.show_page("followup")
    deadline = time.monotonic() + 10
    while (page.loading or page.model.loading) and time.monotonic() < deadline:
        QApplication.processEvents()
    return page


def _petitions(ctx, **filters) -> list[int]:
    with ctx.session() as session:
        return [p.id for p in followup.list_petitions(session, followup.PetitionFilter(**filters))]


def _petition(ctx, petition_id: int) -> m.Petition:
    with ctx.session() as session:
        petition = session.get(m.Petition, petition_id)
        petition.coordinators, petition.extensions, petition.history  # noqa: B018 — load before the session ends
        return petition


def _count(ctx, **filters) -> int:
    with ctx.session() as session:
        return followup.count_petitions(session, followup.PetitionFilter(**filters))



def _rows(model) -> list:
    return [model.row(i) for i in range(model.rowCount())]


def _save(dialog, qtbot) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)


# -- list, filters, search ---------------------------------------------------------------------------------

def test_list_filters_and_accent_insensitive_search(window, ctx, qtbot):
    page = _page(window)
    assert page.model.total == _count(ctx, year=2026) > 0
    assert page.model.rowCount() == page.model.total  # the demo year fits in the first page

    qtbot.keyClicks(page.search, "nguyen")
    qtbot.waitUntil(lambda: page.model.filter.search == "nguyen" and not page.model.loading, timeout=5000)
    expected = _count(ctx, year=2026, search="nguyen")
    assert page.model.total == expected > 0
    names = [r.citizen_name for r in _rows(page.model)]
    assert any("Nguyễn" in name for name in names)
    assert all("nguyen" in fold(r.citizen_name) or "nguyen" in fold(r.content) for r in _rows(page.model))
    assert page.count_label.text() == f"{expected} kiến nghị"

    page.status_combo.setCurrentIndex(page.status_combo.findText("Đã giải quyết"))
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)  # a search is read in the worker
    assert {r.status for r in _rows(page.model)} <= {"da_giai_quyet"}
    assert page.model.total == _count(ctx, year=2026, search="nguyen", status="da_giai_quyet")

    qtbot.mouseClick(page.filters.clearButton, Qt.LeftButton)
    assert page.search.text() == "" and page.model.total == _count(ctx)

    page.filters.overdueCheck.setChecked(True)
    assert page.model.total == _count(ctx, overdue=True)
    page.filters.overdueCheck.setChecked(False)
    page.filters.repeatedCheck.setChecked(True)
    assert page.model.total == _count(ctx, repeated=True) > 0
    assert all(r.times_raised > 1 for r in _rows(page.model))


def test_due_dates_are_coloured(window, ctx):
    from desk_app.gui.petition_model import COLUMN_KEYS, OVERDUE_COLOR

    page = _page(window)
    page.filters.overdueCheck.setChecked(True)
    assert page.model.total > 0
    index = page.model.index(0, COLUMN_KEYS.index("due"))
    assert page.model.data(index, Qt.ForegroundRole).color() == OVERDUE_COLOR
    assert "quá hạn" in page.model.data(index)
    assert "Luật Tổ chức chính quyền địa phương 2025" in page.model.data(index, Qt.ToolTipRole)


def test_sorting_in_sql_by_due_date(window, ctx):
    from desk_app.gui.petition_model import COLUMN_KEYS

    page = _page(window)
    header = page.table.horizontalHeader()
    header.setSortIndicator(COLUMN_KEYS.index("due"), Qt.DescendingOrder)
    dues = [r.due_date for r in _rows(page.model) if r.due_date is not None]
    assert dues == sorted(dues, reverse=True) and len(dues) > 1
    header.setSortIndicator(COLUMN_KEYS.index("citizen"), Qt.AscendingOrder)  # names: not in SQL
    assert header.sortIndicatorSection() == COLUMN_KEYS.index("due")
    assert page.model.sort_state == (COLUMN_KEYS.index("due"), Qt.DescendingOrder)


def test_activate_selects_the_petition_even_when_filtered_out(window, ctx):
    page = _page(window)
    page.status_combo.setCurrentIndex(page.status_combo.findText("Đã giải quyết"))
    target = _petitions(ctx, status="moi")[-1]
    window.show_page("followup", target)
    current = page.table.currentIndex()
    assert current.isValid() and page.model.petition_id(current.row()) == target
    assert page.current_id == target
    assert f"Kiến nghị số {target}" in page.detail.toPlainText()


# -- the lazy model on a big database ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_template(tmp_path_factory):
    from desk_app.services.demo import DemoOptions, generate
    from desk_app.store.database import open_database

    path = tmp_path_factory.mktemp("followup-big") / "big.sqlite3"
    database = open_database(str(path))
    with database.session() as session:
        generate(session, DemoOptions(year=2026, petitions=3000))
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture
def big_ctx(gui_app, big_template, tmp_path):
    from desk_app.gui.context import AppContext
    from desk_app.store.database import open_database

    target = tmp_path / "big.sqlite3"
    shutil.copyfile(big_template, target)
    database = open_database(str(target))
    context = AppContext(database)
    yield context
    context.wait_for_tasks()
    database.dispose()


def test_lazy_model_fetches_pages(big_ctx, qtbot):
    from desk_app.gui.petition_model import PAGE_SIZE, PetitionTableModel

    model = PetitionTableModel(big_ctx)
    counted = []
    model.counted.connect(lambda: counted.append(model.total))
    model.set_filter(followup.PetitionFilter())
    total = _count(big_ctx)
    # the first page is there at once; the total of a long list comes from the worker
    assert model.rowCount() == PAGE_SIZE and model.counting and model.total == PAGE_SIZE and not counted
    qtbot.waitUntil(lambda: counted == [total], timeout=10000)
    assert total >= 3000 and model.total == total and not model.counting
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    assert [r.id for r in _rows(model)] == _petitions(big_ctx)[:2 * PAGE_SIZE]

    last = _petitions(big_ctx)[-1]
    assert model.locate(last) == total - 1
    assert model.rowCount() == total and not model.canFetchMore()
    assert model.petition_id(total - 1) == last
    assert len(model._pages) <= 3  # the pages above were not read: memory stays small

    # a search is read in the worker as a whole: the rows shown stay the previous list's until it arrives
    model.set_filter(followup.PetitionFilter(search="nguyen", overdue=True))
    assert model.loading and model.total == total
    qtbot.waitUntil(lambda: not model.loading, timeout=10000)
    assert model.total == _count(big_ctx, search="nguyen", overdue=True) and not model.counting

    # jumping far down before the worker has counted: the model counts at once
    model.set_filter(followup.PetitionFilter())
    assert model.counting
    assert model.locate(last) == total - 1 and not model.counting and model.total == total


def test_scrolling_the_big_list_fetches_more_and_activate_finds_far_rows(big_ctx, qtbot):
    from desk_app.gui.pages.followup import FollowUpPage
    from desk_app.gui.petition_model import PAGE_SIZE

    page = FollowUpPage(big_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activate()
    assert page.loading  # on screen first; the list in the next turn of the event loop
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    assert page.model.rowCount() == PAGE_SIZE
    assert page.count_label.text() == f"Hơn {PAGE_SIZE} kiến nghị (đang đếm…)"  # the list is already there
    total = _count(big_ctx)
    qtbot.waitUntil(lambda: page.count_label.text() == f"{total:,} kiến nghị".replace(",", "."), timeout=10000)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key_End, Qt.ControlModifier)  # the view asks for more at the bottom
    qtbot.waitUntil(lambda: page.model.rowCount() > PAGE_SIZE, timeout=5000)

    target = _petitions(big_ctx, year=2026)[2500]
    page.activate(target)
    current = page.table.currentIndex()
    assert page.model.petition_id(current.row()) == target and current.row() == 2500


# -- the follow-up actions ---------------------------------------------------------------------------------

def test_assign_with_validation_next_to_the_field(window, ctx, qtbot, no_dialogs):
    page = _page(window)
    target = _petitions(ctx, status="moi")[0]
    assert page.show_petition(target)
    assert page.action_buttons["assign"].isEnabled() and not page.action_buttons["reopen"].isEnabled()

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    page.table.setFocus()
    QTest.keyClick(window.windowHandle(), Qt.Key_G, Qt.AltModifier)  # the button's mnemonic (Alt+G)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=3000)
    dialog = page.dialog
    dialog.form.leadCombo.setCurrentIndex(0)  # "— Chọn cơ quan chủ trì —"
    _save(dialog, qtbot)
    assert dialog.isVisible()
    assert dialog.form.lead_agency_id_error.isVisibleTo(dialog)
    assert dialog.form.lead_agency_id_error.text() == "Cần chọn cơ quan chủ trì giải quyết."
    assert _petition(ctx, target).status == "moi"

    lead = dialog.form.leadCombo.findText("Công an xã")
    dialog.form.leadCombo.setCurrentIndex(lead)
    coordinator = dialog.form.coordinatorsList.findItems("Trạm Y tế xã", Qt.MatchExactly)[0]
    coordinator.setCheckState(Qt.Checked)
    type_text(dialog.form.noteEdit, "Giao Công an xã xác minh")
    _save(dialog, qtbot)
    petition = _petition(ctx, target)
    assert petition.status == "dang_giai_quyet"
    assert petition.lead_agency_id == dialog.form.leadCombo.itemData(lead)
    assert [c.agency_id for c in petition.coordinators] == [coordinator.data(Qt.UserRole)]
    assert petition.history[-1].note == "Giao Công an xã xác minh"
    assert "Giao Công an xã xác minh" in page.detail.toPlainText()


def test_extend_then_export_the_letter(window, ctx, qtbot, no_dialogs, monkeypatch, tmp_path):
    from desk_app.gui import export_actions
    from desk_app.services.common import load_calendar

    target = tmp_path / "gia-han.docx"
    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: target)
    page = _page(window)
    today = dt.date(2026, 11, 21)
    petition_id = next(pid for pid in _petitions(ctx, open_only=True) if _petition(ctx, pid).due_date >= today)
    before = _petition(ctx, petition_id).due_date
    page.show_petition(petition_id)
    dialog = page.open_action("extend")
    with ctx.session() as session:
        new_due = load_calendar(session).next_working_day(before + dt.timedelta(days=30))
    dialog.form.newDueEdit.setDate(QDate(new_due.year, new_due.month, new_due.day))
    type_text(dialog.form.reasonEdit, "Cần xác minh thực địa với các hộ liền kề")
    dialog.form.notifiedCheck.setChecked(True)
    assert dialog.form.notifiedEdit.isEnabled()
    type_text(dialog.form.letterEdit, "125")
    no_dialogs.answer = QMessageBox.Yes
    _save(dialog, qtbot)

    petition = _petition(ctx, petition_id)
    assert petition.due_date == new_due and petition.status == "dang_giai_quyet"
    extension = petition.extensions[-1]
    assert extension.reason == "Cần xác minh thực địa với các hộ liền kề" and extension.valid
    assert extension.citizen_notified_date == today
    with ctx.session() as session:
        letter = session.get(m.PetitionExtension, extension.id).letter_document
        # issued by the body whose agency resolves the petition (documents.md §7)
        body, fmt = followup.answering_body(session.get(m.Petition, petition_id))
        symbol = official.symbol("extension", body, fmt)
        assert (letter.number, letter.symbol, letter.kind) == (125, symbol, "extension")
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=30000)
    assert target.is_file()
    # the reference as the letter prints it ("Số 125-CV/ĐU" or "Số: 125/UBND-VP"), not "số 125/CV/ĐU"
    printed = official.number_line(125, symbol, official.format_of_symbol(symbol))
    assert any(f"văn bản thông báo gia hạn — {printed}, ngày {today:%d/%m/%Y}" in t for t in no_dialogs.texts)


def test_a_notice_sent_after_the_deadline_extends_nothing(window, ctx, qtbot, no_dialogs):
    """The issue's petition 17: overdue, "gia hạn" on 21/11 to a later date — refused; the letter may be kept
    as history, and the petition stays overdue."""
    page = _page(window)
    petition_id = _petitions(ctx, overdue=True)[0]
    before = _petition(ctx, petition_id).due_date
    page.show_petition(petition_id)
    dialog = page.open_action("extend")
    dialog.form.newDueEdit.setDate(QDate(2026, 12, 21))
    type_text(dialog.form.reasonEdit, "Cần thêm thời gian")
    dialog.form.notifiedCheck.setChecked(True)
    no_dialogs.answer = QMessageBox.No  # do not keep it as history
    _save(dialog, qtbot)
    assert "sau thời hạn giải quyết" in dialog.form.citizen_notified_date_error.text()
    assert _petition(ctx, petition_id).extensions == []
    no_dialogs.answer = QMessageBox.Yes  # keep it as history: the due date stays, still overdue
    _save(dialog, qtbot)
    petition = _petition(ctx, petition_id)
    assert petition.due_date == before and [e.valid for e in petition.extensions] == [False]
    assert "vẫn quá hạn" in petition.history[-1].note
    assert petition_id in _petitions(ctx, overdue=True)


def test_extend_refuses_an_earlier_date(window, ctx, qtbot, no_dialogs):
    page = _page(window)
    petition_id = next(pid for pid in _petitions(ctx, open_only=True) if not _petition(ctx, pid).extensions)
    before = _petition(ctx, petition_id)
    page.show_petition(petition_id)
    dialog = page.open_action("extend")
    dialog.form.newDueEdit.setDate(QDate(before.due_date.year, before.due_date.month, before.due_date.day))
    _save(dialog, qtbot)
    assert dialog.form.new_due_error.text().startswith("Thời hạn mới phải sau thời hạn hiện tại")
    assert dialog.form.reason_error.text() == "Lý do gia hạn không được để trống."
    assert _petition(ctx, petition_id).extensions == []
    dialog.reject()


def test_resolve_and_export_the_reply(window, ctx, qtbot, no_dialogs, monkeypatch, tmp_path):
    from desk_app.gui import export_actions

    target = tmp_path / "tra-loi.docx"
    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: target)
    page = _page(window)
    petition_id = _petitions(ctx, status="moi")[0]
    page.show_petition(petition_id)
    dialog = page.open_action("resolve")
    type_text(dialog.form.resolutionEdit, "Đã sửa xong tuyến đường, công dân đồng ý.")
    type_text(dialog.form.replyNumberEdit, "45/UBND-VP")
    dialog.form.replyDateCheck.setChecked(True)
    no_dialogs.answer = QMessageBox.Yes
    _save(dialog, qtbot)
    petition = _petition(ctx, petition_id)
    assert petition.status == "da_giai_quyet"
    assert petition.resolution == "Đã sửa xong tuyến đường, công dân đồng ý."
    with ctx.session() as session:
        reply = session.get(m.Petition, petition_id).reply_document
        assert (reply.number, reply.symbol) == (45, "UBND-VP")
    assert petition.reply_date == dt.date(2026, 11, 21)
    assert petition.citizen_informed_date is None
    qtbot.waitUntil(target.is_file, timeout=30000)
    assert page.action_buttons["reopen"].isEnabled() and not page.action_buttons["resolve"].isEnabled()


def test_transfer_upward(window, ctx, qtbot, no_dialogs):
    page = _page(window)
    petition_id = _petitions(ctx, status="moi")[0]
    page.show_petition(petition_id)
    dialog = page.open_action("transfer")
    assert dialog.form.bodyCombo.findText("UBND tỉnh") >= 0  # the commune's superior recipients are offered
    dialog.form.bodyCombo.setCurrentIndex(dialog.form.bodyCombo.findText("UBND tỉnh"))
    type_text(dialog.form.numberEdit, "30")
    _save(dialog, qtbot)
    petition = _petition(ctx, petition_id)
    assert petition.status == "da_chuyen_cap_tren"
    assert petition.transferred_to == "UBND tỉnh"
    with ctx.session() as session:
        document = session.get(m.Petition, petition_id).transfer_document
        assert (document.kind, document.number) == ("upward-proposal", 30)


def test_not_competent(window, ctx, qtbot, no_dialogs):
    page = _page(window)
    petition_id = _petitions(ctx, status="moi")[0]
    page.show_petition(petition_id)
    dialog = page.open_action("not_competent")
    _save(dialog, qtbot)
    assert dialog.form.explanation_error.text() == "Giải thích, hướng dẫn công dân không được để trống."
    type_text(dialog.form.explanationEdit, "Thuộc thẩm quyền Tòa án; đã hướng dẫn công dân nộp đơn.")
    no_dialogs.answer = QMessageBox.No  # no reply letter now
    _save(dialog, qtbot)
    petition = _petition(ctx, petition_id)
    assert petition.status == "khong_thuoc_tham_quyen"
    assert petition.resolution == "Thuộc thẩm quyền Tòa án; đã hướng dẫn công dân nộp đơn."
    assert any("Xuất ngay văn bản trả lời" in t for t in no_dialogs.texts)


def test_reopen(window, ctx, qtbot, no_dialogs):
    page = _page(window)
    petition_id = _petitions(ctx, status="da_giai_quyet")[0]
    page.show_petition(petition_id)
    assert not page.action_buttons["assign"].isEnabled()
    dialog = page.open_action("reopen")
    _save(dialog, qtbot)
    assert dialog.form.reason_error.text() == "Cần ghi lý do mở lại kiến nghị."
    type_text(dialog.form.reasonEdit, "Công dân tiếp tục phản ánh")
    _save(dialog, qtbot)
    petition = _petition(ctx, petition_id)
    assert petition.status == "dang_giai_quyet"
    assert petition.history[-1].note == "Mở lại: Công dân tiếp tục phản ánh"
    QApplication.processEvents()
    assert page.action_buttons["resolve"].isEnabled()


def test_the_search_box_takes_no_more_than_a_search_needs(window):
    from desk_app.domain.validation import MAX_SEARCH

    page = _page(window)
    page.search.setText("nguyen van " * 10_000)  # a whole page pasted by mistake
    assert len(page.search.text()) == MAX_SEARCH
    page.apply_filter()  # a search of 200 characters: answered, no 1 GB query


# -- an extension's dates (issue 14, item 3) ---------------------------------------------------------------

def test_the_extension_suggested_is_a_working_day_after_the_due_date_and_today(window, ctx, qtbot, no_dialogs):
    """The issue's petition 17: overdue, the dialog suggested 19/06/2026 on 05/12/2026 and it was accepted, then
    printed in the letter."""
    from desk_app.services.common import load_calendar

    page = _page(window)
    today = dt.date(2026, 11, 21)
    overdue = _petitions(ctx, overdue=True)[0]
    page.show_petition(overdue)
    dialog = page.open_action("extend")
    suggested = dialog.form.newDueEdit.date().toPython()
    with ctx.session() as session:
        calendar = load_calendar(session)
    assert suggested > max(today, _petition(ctx, overdue).due_date) and calendar.is_working_day(suggested)
    assert not dialog.form.new_due_error.isVisibleTo(dialog)

    # a date typed in the past (the citizen told today): refused beside the field as soon as it is typed
    dialog.form.notifiedCheck.setChecked(True)
    past = calendar.next_working_day(_petition(ctx, overdue).due_date + dt.timedelta(days=7))
    assert past < today
    dialog.form.newDueEdit.setDate(QDate(past.year, past.month, past.day))
    assert dialog.form.new_due_error.isVisibleTo(dialog)
    assert "sau ngày thông báo cho công dân" in dialog.form.new_due_error.text()
    dialog.form.newDueEdit.setDate(QDate(2026, 6, 19))  # before the due date it extends
    assert "sau thời hạn hiện tại" in dialog.form.new_due_error.text()
    type_text(dialog.form.reasonEdit, "Cần thêm thời gian")
    no_dialogs.answer = QMessageBox.Yes  # even if the clerk would keep a late letter as history
    _save(dialog, qtbot)
    assert dialog.isVisible() and _petition(ctx, overdue).extensions == []
    dialog.reject()


def test_a_day_off_is_refused_where_it_is_typed_and_a_late_record_is_warned(window, ctx, qtbot, no_dialogs):
    from desk_app.services.common import load_calendar

    page = _page(window)
    today = dt.date(2026, 11, 21)
    petition_id = next(pid for pid in _petitions(ctx, open_only=True) if _petition(ctx, pid).due_date >= today)
    due = _petition(ctx, petition_id).due_date
    page.show_petition(petition_id)
    dialog = page.open_action("extend")
    with ctx.session() as session:
        calendar = load_calendar(session)
    saturday = next(due + dt.timedelta(days=i) for i in range(1, 15) if (due + dt.timedelta(days=i)).weekday() == 5)
    dialog.form.newDueEdit.setDate(QDate(saturday.year, saturday.month, saturday.day))
    assert "ngày nghỉ" in dialog.form.new_due_error.text() and dialog.form.new_due_error.isVisibleTo(dialog)
    monday = calendar.next_working_day(saturday)
    dialog.form.newDueEdit.setDate(QDate(monday.year, monday.month, monday.day))
    assert not dialog.form.new_due_error.isVisibleTo(dialog)
    dialog.reject()

    # a clerk recording an extension told to the citizen months ago, to a date now past: allowed, with a word
    with ctx.session() as session:
        p = session.get(m.Petition, petition_id)
        session_day = p.session.session_date
    old_petition = next(pid for pid in _petitions(ctx, open_only=True)
                        if (d := _petition(ctx, pid).due_date) is not None and d < today)
    old_due = _petition(ctx, old_petition).due_date
    page.show_petition(old_petition)
    dialog = page.open_action("extend")
    notified = max(session_day, old_due - dt.timedelta(days=7))
    new_due = calendar.next_working_day(old_due + dt.timedelta(days=10))
    assert new_due < today
    dialog.form.notifiedCheck.setChecked(True)
    dialog.form.notifiedEdit.setDate(QDate(notified.year, notified.month, notified.day))
    dialog.form.newDueEdit.setDate(QDate(new_due.year, new_due.month, new_due.day))
    assert "đã qua" in dialog.form.new_due_warning.text() and dialog.form.new_due_warning.isVisibleTo(dialog)
    type_text(dialog.form.reasonEdit, "Ghi lại văn bản gia hạn đã gửi")
    no_dialogs.answer = QMessageBox.No  # no letter now
    _save(dialog, qtbot)
    assert not dialog.isVisible()
    assert _petition(ctx, old_petition).due_date == new_due

"""Page "Đăng ký phát biểu" driven through its widgets: add (and a refused bad phone number), import from
Excel through the preview, reorder from the keyboard and by drag and drop, refuse, merge, print."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from desk_app.domain.states import RegistrationState
from desk_app.services import registrations
from tests.gui.keyboard import type_text


@pytest.fixture
def page(window, qtbot):
    page = window.show_page("registrations")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def queue_ids(ctx, session_id: int) -> list[int]:
    with ctx.session() as session:
        return [r.id for r in registrations.queue(session, session_id)]


def test_the_open_session_comes_first_with_its_queue(page, ctx):
    assert page.choice().planned
    assert page.model.rowCount() == len(queue_ids(ctx, page.session_id))
    headers = [page.model.headerData(c, Qt.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["TT", "Họ và tên", "Năm sinh", "Thôn / địa chỉ", "Lĩnh vực", "Nội dung", "Hình thức",
                       "Trạng thái"]


def test_add_through_the_dialog_shows_a_bad_phone_next_to_the_field(page, ctx, qtbot, no_dialogs):
    before = queue_ids(ctx, page.session_id)
    qtbot.keyClick(page.ui.table, Qt.Key_N, Qt.ControlModifier)
    dialog = page.dialog
    assert dialog is not None and dialog.windowTitle() == "Thêm đăng ký phát biểu"
    form = dialog.form
    type_text(form.name_edit, "nguyễn thị hoa")
    type_text(form.birth_year_edit, "1972")
    type_text(form.phone_edit, "12345")
    form.field_combo.setFocus()
    qtbot.keyClick(form.field_combo, Qt.Key_Down)  # the first field of the catalogue
    type_text(form.content_edit, "Đề nghị sửa cầu tràn Nà Pàn.")
    qtbot.mouseClick(dialog.accept_button, Qt.LeftButton)

    assert page.dialog is dialog and dialog.isVisible()
    assert form.phone_error.isVisibleTo(dialog) and "điện thoại" in form.phone_error.text().lower()
    assert queue_ids(ctx, page.session_id) == before  # nothing saved

    form.phone_edit.selectAll()
    type_text(form.phone_edit, "0912 345 678")
    qtbot.keyClick(form.phone_edit, Qt.Key_Return)  # Enter presses Lưu
    assert page.dialog is None
    after = queue_ids(ctx, page.session_id)
    assert len(after) == len(before) + 1
    with ctx.session() as session:
        added = session.get(registrations.m.Registration, after[-1])
        assert (added.citizen_name, added.birth_year, added.phone) == ("Nguyễn Thị Hoa", 1972, "0912345678")
        assert added.field_id is not None and added.content == "Đề nghị sửa cầu tràn Nà Pàn."
    assert page.current_row().id == after[-1]  # the new row is selected


def test_edit_with_enter(page, ctx, qtbot, no_dialogs):
    page.select_row(0)
    first = page.current_row()
    qtbot.keyClick(page.ui.table, Qt.Key_Return)
    dialog = page.dialog
    assert dialog.windowTitle() == "Sửa đăng ký phát biểu"
    assert dialog.form.name_edit.text() == first.name
    dialog.form.birth_year_edit.selectAll()
    type_text(dialog.form.birth_year_edit, "1950")
    qtbot.keyClick(dialog.form.birth_year_edit, Qt.Key_Return)
    with ctx.session() as session:
        assert session.get(registrations.m.Registration, first.id).birth_year == 1950


def _write_sheet(path, rows):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐĂNG KÝ PHÁT BIỂU"])
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Thôn", "Điện thoại", "Lĩnh vực", "Nội dung"])
    for number, row in enumerate(rows, 1):
        sheet.append([number, *row])
    book.save(path)


def test_import_from_excel_through_the_preview(page, ctx, qtbot, tmp_path, monkeypatch, no_dialogs):
    import desk_app.gui.pages.registrations as module

    good = tmp_path / "dang_ky.xlsx"
    _write_sheet(good, [("Lò Văn Sáng", 1968, "Nà Pàn", "0987654321", "Giao thông, hạ tầng", "Đường vào bản lầy lội"),
                        ("Hà Thị Mai", 1990, "Thôn Còn Quan", "", "Y tế", "Trạm y tế thiếu thuốc")])
    monkeypatch.setattr(module, "open_files", lambda *args, **kwargs: [good])
    before = queue_ids(ctx, page.session_id)

    qtbot.keyClick(page.ui.table, Qt.Key_I, Qt.ControlModifier)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.accept_button.isEnabled(), timeout=30000)
    assert [r.name for r in dialog.rows] == ["Lò Văn Sáng", "Hà Thị Mai"]
    assert dialog.model.rowCount() == 2 and dialog.rows[0].place == "Thôn Nà Pàn"
    qtbot.mouseClick(dialog.accept_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=30000)

    after = queue_ids(ctx, page.session_id)
    assert len(after) == len(before) + 2
    assert any("Đã nhập 2 đăng ký" in text for text in no_dialogs.texts)
    assert page.model.rowCount() == len(after)


def test_import_with_bad_rows_lists_them_and_cannot_import(page, ctx, qtbot, tmp_path, monkeypatch, no_dialogs):
    import desk_app.gui.pages.registrations as module

    bad = tmp_path / "sai.xlsx"
    _write_sheet(bad, [("Lò Văn Sáng", 1968, "Nà Pàn", "12345", "Giao thông, hạ tầng", "Đường lầy"),
                       ("", 1990, "Thôn Còn Quan", "", "Y tế", "Không có tên")])
    monkeypatch.setattr(module, "open_files", lambda *args, **kwargs: [bad])
    before = queue_ids(ctx, page.session_id)
    qtbot.mouseClick(page.ui.import_button, Qt.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(lambda: bool(dialog.problems), timeout=30000)
    assert [p.row for p in dialog.problems] == [3, 4]  # Excel row numbers
    assert "điện thoại" in dialog.problems[0].problem.lower()
    assert not dialog.accept_button.isEnabled()
    assert "chưa nhập dòng nào" in dialog.form.summary_label.text()
    dialog.reject()
    assert queue_ids(ctx, page.session_id) == before


def test_reorder_with_ctrl_arrows_and_drag_and_drop(page, ctx, qtbot):
    session_id = page.session_id
    first, second, third = queue_ids(ctx, session_id)[:3]
    page.select_row(0)
    qtbot.keyClick(page.ui.table, Qt.Key_Down, Qt.ControlModifier)
    assert queue_ids(ctx, session_id)[:3] == [second, first, third]
    assert page.current_row().id == first  # the moved row stays selected
    qtbot.keyClick(page.ui.table, Qt.Key_Down, Qt.ControlModifier)
    assert queue_ids(ctx, session_id)[:3] == [second, third, first]
    qtbot.keyClick(page.ui.table, Qt.Key_Up, Qt.ControlModifier)
    assert queue_ids(ctx, session_id)[:3] == [second, first, third]

    # Drag the third row (now ``third``) in front of the first one, as the view does on a drop.
    model = page.model
    data = model.mimeData([model.index(2, 0)])
    assert model.dropMimeData(data, Qt.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: queue_ids(ctx, session_id)[:3] == [third, second, first])
    assert [r.id for r in model.rows[:3]] == [third, second, first]


def test_refuse_with_a_regulated_reason(page, ctx, qtbot, no_dialogs):
    page.select_row(1)
    target = page.current_row()
    qtbot.keyClick(page.ui.table, Qt.Key_R, Qt.ControlModifier)
    dialog = page.dialog
    assert dialog.windowTitle() == "Từ chối tiếp xúc, đối thoại"
    qtbot.mouseClick(dialog.accept_button, Qt.LeftButton)  # no reason chosen: the service says which
    assert dialog.isVisible() and dialog.form.reason_error.isVisibleTo(dialog)
    codes = dialog.reason_codes()
    assert len(codes) >= 5
    dialog.form.reasons_list.setFocus()
    qtbot.keyClick(dialog.form.reasons_list, Qt.Key_End)
    type_text(dialog.form.note_edit, "Nội dung về tranh chấp dòng họ, không đúng chủ đề.")
    qtbot.mouseClick(dialog.accept_button, Qt.LeftButton)
    assert page.dialog is None
    with ctx.session() as session:
        reg = session.get(registrations.m.Registration, target.id)
        assert reg.state == RegistrationState.REFUSED.value
        assert reg.refusal_code == codes[-1] and reg.refusal_note.startswith("Nội dung về tranh chấp")
    row = next(r for r in page.model.rows if r.id == target.id)
    assert row.state_text.startswith("Từ chối: ")
    assert not page.ui.refuse_button.isEnabled()  # a refusal is never undone


def test_merge_a_suggested_duplicate(page, ctx, qtbot, no_dialogs):
    session_id = page.session_id
    with ctx.session() as session:
        original = registrations.queue(session, session_id)[0]
        twin = registrations.add_registration(session, session_id, registrations.RegistrationInput(
            citizen_name=original.citizen_name, hamlet_id=original.hamlet_id, content="Hỏi thêm về đường điện"))
        original_id, twin_id = original.id, twin.id
    page.reload()
    qtbot.keyClick(page.ui.table, Qt.Key_G, Qt.ControlModifier)
    dialog = page.dialog
    assert dialog.form.groups_list.count() == 1 and dialog.form.members_list.count() == 2
    dialog.form.keep_combo.setCurrentIndex(dialog.form.keep_combo.findData(original_id))
    qtbot.mouseClick(dialog.accept_button, Qt.LeftButton)
    assert not dialog.accept_button.isEnabled()  # no group left
    dialog.reject()
    with ctx.session() as session:
        twin = session.get(registrations.m.Registration, twin_id)
        assert twin.state == RegistrationState.MERGED.value and twin.merged_into_id == original_id
        assert "Hỏi thêm về đường điện" in session.get(registrations.m.Registration, original_id).content


def test_print_list_and_pdf(page, ctx, qtbot, tmp_path, monkeypatch, no_dialogs):
    import desk_app.gui.pages.registrations as module

    with ctx.session() as session:
        html = module.speakers_list_html(registrations.speakers_list(session, page.session_id))
        names = [r.citizen_name for r in registrations.queue(session, page.session_id)]
    assert "DANH SÁCH CÔNG DÂN ĐĂNG KÝ PHÁT BIỂU" in html and all(n in html for n in names)
    document = module.speakers_document(html)
    assert "Nguyễn" in document.toPlainText() or names[0] in document.toPlainText()

    target = tmp_path / "danh_sach.pdf"
    from desk_app.gui import export_actions

    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: target)
    qtbot.keyClick(page.ui.table, Qt.Key_P, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=30000)
    assert target.read_bytes().startswith(b"%PDF")

    qtbot.keyClick(page.ui.table, Qt.Key_P, Qt.ControlModifier)  # the print preview, not blocking
    preview = page.dialog
    assert preview is not None and preview.windowTitle().startswith("Xem trước khi in")
    preview.reject()


# -- issue 14: Esc, field errors, dates, the refusal's message, one numbering ----------------------------------

def test_esc_asks_before_a_filled_form_is_thrown_away(page, ctx, qtbot, no_dialogs):
    """Issue 14, item 7: Esc discarded a filled registration form without asking."""
    from PySide6.QtWidgets import QMessageBox

    before = queue_ids(ctx, page.session_id)
    qtbot.keyClick(page.ui.table, Qt.Key_N, Qt.ControlModifier)
    dialog = page.dialog
    qtbot.keyClick(dialog.form.name_edit, Qt.Key_Escape)  # nothing typed: closes at once
    assert page.dialog is None and no_dialogs.texts == []

    qtbot.keyClick(page.ui.table, Qt.Key_N, Qt.ControlModifier)
    dialog = page.dialog
    type_text(dialog.form.name_edit, "Lò Thị Hoa")
    type_text(dialog.form.content_edit, "Đề nghị làm đường.")
    no_dialogs.answer = QMessageBox.No
    qtbot.keyClick(dialog.form.content_edit, Qt.Key_Escape)
    assert page.dialog is dialog and dialog.isVisible() and len(no_dialogs.texts) == 1
    assert dialog.form.name_edit.text() == "Lò Thị Hoa"
    no_dialogs.answer = QMessageBox.Yes
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.LeftButton)
    assert page.dialog is None and len(no_dialogs.texts) == 2
    assert queue_ids(ctx, page.session_id) == before


def test_a_fixed_field_loses_its_error_and_a_date_can_be_retyped_after_ctrl_a(page, qtbot, no_dialogs):
    """Issue 14, item 13: the error stayed until the next save; Ctrl+A then a typed date was ignored."""
    qtbot.keyClick(page.ui.table, Qt.Key_N, Qt.ControlModifier)
    dialog = page.dialog
    form = dialog.form
    type_text(form.name_edit, "Lò Thị Hoa")
    type_text(form.phone_edit, "12345")
    qtbot.mouseClick(dialog.accept_button, Qt.LeftButton)
    assert form.phone_error.isVisibleTo(dialog)
    form.phone_edit.selectAll()
    type_text(form.phone_edit, "0912345678")
    assert not form.phone_error.isVisibleTo(dialog)

    form.received_edit.setFocus()
    qtbot.keyClick(form.received_edit, Qt.Key_A, Qt.ControlModifier)
    for char in "15112026":
        qtbot.keyClick(form.received_edit, char)
    assert form.received_edit.date().toString("dd/MM/yyyy") == "15/11/2026"


def test_the_refusal_error_is_short_and_leaves_the_reasons_in_sight(page, qtbot, no_dialogs):
    """Issue 14, item 13: the error repeated all six reasons and pushed the list out of view."""
    page.select_row(1)
    qtbot.keyClick(page.ui.table, Qt.Key_R, Qt.ControlModifier)
    dialog = page.dialog
    reasons = [dialog.form.reasons_list.item(r).text() for r in range(dialog.form.reasons_list.count())]
    height = dialog.form.reasons_list.height()
    qtbot.mouseClick(dialog.accept_button, Qt.LeftButton)
    message = dialog.form.reason_error.text()
    assert dialog.form.reason_error.isVisibleTo(dialog) and len(message) < 90 and "\n" not in message
    assert not any(reason in message for reason in reasons)
    qtbot.wait(50)
    assert dialog.form.reasons_list.height() >= height * 0.8


def test_the_page_the_printed_list_and_the_live_queue_number_speakers_alike(window, ctx, qtbot, no_dialogs):
    """Issue 14, item 9: after a merge, a refusal and a priority walk-in the screen said 1, 2, 3, 6, 7, 8 and the
    printed list 1–6."""
    import datetime as dt
    import re

    import desk_app.gui.pages.registrations as module
    from desk_app.services import minutes

    page = window.show_page("registrations")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    session_id = page.session_id
    with ctx.session() as session:
        rows = registrations.queue(session, session_id)
        registrations.refuse(session, rows[1].id, "gay_roi")
        registrations.merge(session, rows[3].id, rows[2].id)
        minutes.start_meeting(session, session_id, dt.datetime(2026, 11, 21, 8, 0))
        minutes.call_next(session, session_id, dt.datetime(2026, 11, 21, 8, 5))
        registrations.add_walk_in(session, session_id, registrations.RegistrationInput(citizen_name="Người Ưu Tiên"),
                                  priority=True)
        html = module.speakers_list_html(registrations.speakers_list(session, session_id))
    page.reload()
    shown = {r.name: r.order for r in page.model.rows if r.order is not None}
    assert sorted(shown.values()) == list(range(1, len(shown) + 1))
    printed = {name: int(number) for number, name in re.findall(r"<tr><td align='center'>(\d+)</td><td>([^<]+)", html)}
    assert printed == shown
    live = window.show_page("live", session_id)
    qtbot.waitUntil(lambda: live.state is not None and live.state.id == session_id)
    queue = [live.ui.queue_list.item(i).text().split("\n")[0] for i in range(live.ui.queue_list.count())]
    for line in queue:
        number, name = line.split(". ", 1)
        assert shown[name.replace(" · ưu tiên", "")] == int(number)


def test_the_toolbar_is_whole_at_125_percent_with_the_largest_font(window, qtbot, gui_app):
    """Issue 14, item 5: at 125 % the registrations toolbar was cut."""
    from PySide6.QtWidgets import QPushButton

    from tests.gui.screens import AT_125, assert_on_screen, largest_font, whole_rows

    font = largest_font(gui_app)
    try:
        window.resize(*AT_125)
        page = window.show_page("registrations")
        qtbot.waitExposed(page)
        buttons = [b for b in page.ui.findChildren(QPushButton) if b.isVisibleTo(page)]
        assert len(buttons) >= 9
        assert_on_screen(page, page.ui.session_combo, page.ui.table, page.ui.shortcut_bar, *buttons)
        assert whole_rows(page.ui.table) >= 2
    finally:
        QApplication.setFont(font)

"""Danh mục and Cài đặt: edits through the real forms (with the validation shown next to the fields), the
calendar moving a deadline, profiles copied and edited, the templates folder, font size and speaking time."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.services import catalog, followup, workdays
from desk_app.services import settings as app_settings
from desk_app.services.common import commune, domain_profile
from desk_app.store import models as m
from tests.gui.keyboard import type_text



def replace_text(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    widget.del_() if hasattr(widget, "del_") else widget.clear()
    type_text(widget, text)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.LeftButton)


# -- Danh mục ----------------------------------------------------------------------------------------------

def test_commune_form_validates_and_saves_every_field(window, ctx, qtbot, no_dialogs):
    page = window.show_page("catalog")
    tab = page.commune_tab
    form = tab.form
    assert form.nameEdit.text() == "Xã Tân Đoàn"
    replace_text(form.codeEdit, "12a")
    click(qtbot, form.saveButton)
    assert form.code_error.isVisibleTo(form) and form.code_error.text() == "Mã đơn vị hành chính chỉ gồm chữ số."
    with ctx.session() as session:
        assert commune(session).code == "06283"

    replace_text(form.codeEdit, "06284")
    replace_text(form.provinceEdit, "Tỉnh Cao Bằng")
    replace_text(form.stateSuperiorEdit, "UBND tỉnh Cao Bằng")
    form.recipientsEdit.setPlainText("Ban Tuyên giáo và Dân vận Tỉnh ủy\n\nUBND tỉnh\n")
    form.profileCombo.setCurrentIndex(form.profileCombo.findText("Quyết định 935-QĐ/TU của Thành ủy Thành phố Hồ Chí Minh"))
    click(qtbot, form.saveButton)
    assert not form.code_error.isVisibleTo(form)
    with ctx.session() as session:
        unit = commune(session)
        assert (unit.code, unit.province, unit.state_superior) == ("06284", "Tỉnh Cao Bằng", "UBND tỉnh Cao Bằng")
        assert unit.superior_recipients == ["Ban Tuyên giáo và Dân vận Tỉnh ủy", "UBND tỉnh"]
        assert unit.profile.code == "hcm-935"
    assert "935-QĐ/TU" in window.profile_label.text()  # the status bar follows the profile in force


def test_officials_new_with_validation_and_two_posts(window, ctx, qtbot, no_dialogs):
    page = window.show_page("catalog")
    page.tabs.setCurrentWidget(page.officials_tab)
    tab = page.officials_tab
    form = tab.form
    click(qtbot, tab.new_button)
    assert tab.current_id is None and form.nameEdit.text() == ""
    click(qtbot, tab.save_button)
    assert form.name_error.text() == "Họ và tên không được để trống."
    assert form.title_error.text() == "Chức vụ không được để trống."

    type_text(form.nameEdit, "trần thị hoa")
    type_text(form.titleEdit, "Bí thư Đảng ủy, Chủ tịch HĐND xã")
    form.bodyCombo.setCurrentIndex(form.bodyCombo.findData("dang_uy"))
    form.genderCombo.setCurrentIndex(form.genderCombo.findText("Nữ"))
    form.partyHeadCheck.setChecked(True)
    form.councilHeadCheck.setChecked(True)
    form.activeFromCheck.setChecked(True)
    click(qtbot, tab.save_button)
    with ctx.session() as session:
        row = session.scalar(select(m.Official).where(m.Official.name == "Trần Thị Hoa"))
        assert row is not None and row.is_party_head and row.is_council_head and row.gender == "nu"
        assert row.active_from is not None
    assert tab.current_id == row.id
    assert tab.heading.text() == "Sửa cán bộ: Trần Thị Hoa"
    selected = tab.table.currentIndex()
    assert selected.isValid() and tab.proxy.index(selected.row(), 3).data() == "Bí thư Đảng ủy, Chủ tịch HĐND"


def test_agencies_duplicate_name_is_refused_next_to_the_field(window, ctx, qtbot, no_dialogs):
    page = window.show_page("catalog")
    page.tabs.setCurrentWidget(page.agencies_tab)
    tab = page.agencies_tab
    form = tab.form
    click(qtbot, tab.new_button)
    type_text(form.nameEdit, "công an xã")
    click(qtbot, tab.save_button)
    assert form.name_error.text() == "Đã có cơ quan, đơn vị “công an xã”."

    with ctx.session() as session:
        police = session.scalar(select(m.Agency).where(m.Agency.name == "Công an xã"))
    assert tab.select(police.id)
    assert form.nameEdit.text() == "Công an xã" and not form.name_error.isVisibleTo(form)
    replace_text(form.headNameEdit, "Đinh Văn Lực")
    form.nameEdit.setFocus()
    qtbot.keyClick(form.nameEdit, Qt.Key_Return)  # Enter in a field saves
    with ctx.session() as session:
        assert session.get(m.Agency, police.id).head_name == "Đinh Văn Lực"


def test_hamlets_and_fields_sort_the_vietnamese_way(window, ctx, qtbot, no_dialogs):
    from desk_app.gui.common import collator

    page = window.show_page("catalog")
    page.tabs.setCurrentWidget(page.hamlets_tab)
    tab = page.hamlets_tab
    click(qtbot, tab.new_button)
    type_text(tab.form.nameEdit, "Thôn Ăng Tơ")
    click(qtbot, tab.save_button)
    with ctx.session() as session:
        assert catalog.find_by_name(session, m.Hamlet, "Thôn Ăng Tơ") is not None
    tab.table.horizontalHeader().sectionClicked.emit(0)
    tab.table.sortByColumn(0, Qt.AscendingOrder)
    names = [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]
    order = collator()
    assert names == sorted(names, key=order.sortKey)
    assert names.index("Thôn Ăng Tơ") < names.index("Thôn Bản Chành")  # ă before b, after a

    page.tabs.setCurrentWidget(page.fields_tab)
    fields = page.fields_tab
    click(qtbot, fields.new_button)
    type_text(fields.form.nameEdit, "đất đai")  # the same as "Đất đai", regardless of case
    click(qtbot, fields.save_button)
    assert fields.form.name_error.text() == "Đã có lĩnh vực “đất đai”."


# -- Cài đặt: the calendar -------------------------------------------------------------------------------------

def _open_petition(ctx) -> m.Petition:
    with ctx.session() as session:
        for petition in followup.list_petitions(session, followup.PetitionFilter(open_only=True)):
            if not petition.extensions and petition.due_override is None:
                return petition
    raise AssertionError("the demo year has an open petition")


def test_marking_a_day_off_moves_a_deadline(window, ctx, qtbot, no_dialogs):
    petition = _open_petition(ctx)
    due = petition.due_date
    with ctx.session() as session:
        deadline_before = workdays.deadline(session, due - dt.timedelta(days=14), 10)
    page = window.show_page("settings")
    tab = page.calendar_tab
    tab.year_spin.setValue(due.year)
    tab.view.setFocus()
    tab.view.select(due - dt.timedelta(days=1))
    qtbot.keyClick(tab.view, Qt.Key_Right)  # the keyboard moves the selection a day
    assert tab.view.selected == due
    assert tab.day.offButton.isEnabled() and not tab.day.unsetButton.isEnabled()
    type_text(tab.day.noteEdit, "Nghỉ bù theo quyết định của tỉnh")
    click(qtbot, tab.day.offButton)

    with ctx.session() as session:
        row = session.scalar(select(m.CalendarOverride).where(m.CalendarOverride.day == due))
        assert row.kind == "nghi" and row.note == "Nghỉ bù theo quyết định của tỉnh"
        moved = session.get(m.Petition, petition.id).due_date
        assert moved > due
        assert workdays.deadline(session, due - dt.timedelta(days=14), 10) > deadline_before
    assert "tính lại" in tab.day.resultLabel.text()
    listed = [tab.special_model.rows[i] for i in range(tab.special_model.rowCount())]
    assert any(s.day == due and s.is_local and not s.working for s in listed)
    assert tab.day.unsetButton.isEnabled() and not tab.day.offButton.isEnabled()

    click(qtbot, tab.day.unsetButton)
    with ctx.session() as session:
        assert session.get(m.Petition, petition.id).due_date == due


def test_marking_a_weekend_as_working_day(window, ctx, qtbot, no_dialogs):
    page = window.show_page("settings")
    tab = page.calendar_tab
    saturday = dt.date(2026, 12, 5)
    tab.view.select(saturday)
    assert tab.day.workingButton.isEnabled() and not tab.day.offButton.isEnabled()
    click(qtbot, tab.day.workingButton)
    with ctx.session() as session:
        assert session.scalar(select(m.CalendarOverride.kind).where(m.CalendarOverride.day == saturday)) == "lam_viec"


# -- Cài đặt: profiles, templates, display ----------------------------------------------------------------------

def test_profile_copy_edit_and_delete(window, ctx, qtbot, no_dialogs):
    page = window.show_page("settings")
    page.tabs.setCurrentWidget(page.profiles_tab)
    tab = page.profiles_tab
    form = tab.form
    assert tab.rows[tab.current_id].code == "luat-2025"
    assert not form.saveButton.isEnabled() and form.nameEdit.isReadOnly()

    click(qtbot, tab.copy_button)
    new_id = tab.current_id
    with ctx.session() as session:
        row = session.get(m.Profile, new_id)
        assert not row.built_in and row.name == "Bản sao của Luật Tổ chức chính quyền địa phương 2025"
    assert form.saveButton.isEnabled() and not form.nameEdit.isReadOnly()

    replace_text(form.nameEdit, "")
    click(qtbot, form.saveButton)
    assert form.name_error.text() == "Tên bộ quy định không được để trống."

    type_text(form.nameEdit, "Quy định riêng của xã")
    form.answerDaysSpin.setValue(25)
    form.complexDaysSpin.setValue(40)
    form.noticeUnitCombo.setCurrentIndex(form.noticeUnitCombo.findData("working"))
    click(qtbot, form.saveButton)
    with ctx.session() as session:
        profile = domain_profile(session.get(m.Profile, new_id))
    assert profile.name == "Quy định riêng của xã"
    assert profile.answer.days == 25 and profile.complex_answer_days == 40
    assert profile.notice.unit.value == "working"
    assert not form.name_error.isVisibleTo(form)

    click(qtbot, tab.delete_button)
    with ctx.session() as session:
        assert session.get(m.Profile, new_id) is None


@pytest.fixture
def user_templates(monkeypatch, tmp_path):
    from desk_app.documents import templates

    folder = tmp_path / "mau"
    monkeypatch.setattr(templates, "user_templates_dir", lambda: folder)
    return folder


def test_templates_copy_and_restore(window, qtbot, no_dialogs, monkeypatch, user_templates):
    import desk_app.gui.pages.settings as settings_page

    opened = []
    monkeypatch.setattr(settings_page, "open_path", opened.append)
    page = window.show_page("settings")
    page.tabs.setCurrentWidget(page.templates_tab)
    tab = page.templates_tab
    assert tab.select("reply", "state")
    click(qtbot, tab.form.openButton)
    copy = user_templates / "reply.state.docx"
    assert copy.is_file() and opened == [user_templates]
    assert tab.proxy.index(tab.table.currentIndex().row(), 1).data() == "đã sửa"

    click(qtbot, tab.form.restoreButton)
    assert not copy.exists() and (user_templates / "reply.state.bak.docx").is_file()
    assert tab.proxy.index(tab.table.currentIndex().row(), 1).data() == "mẫu gốc"
    assert any("Đã khôi phục mẫu gốc" in text for text in no_dialogs.texts)


@pytest.fixture
def keep_font(gui_app):
    font = QApplication.font()
    yield
    QApplication.setFont(font)


def test_font_size_and_speaking_time(window, ctx, qtbot, no_dialogs, keep_font):
    page = window.show_page("settings")
    page.tabs.setCurrentWidget(page.display_tab)
    form = page.display_tab.form
    assert form.fontSizeSpin.value() == 11 and form.speakingEdit.time() == QTime(0, 5, 0)
    form.fontSizeSpin.setValue(14)
    form.speakingEdit.setTime(QTime(0, 3, 30))
    click(qtbot, form.saveButton)
    with ctx.session() as session:
        assert app_settings.get(session, app_settings.FONT_SIZE) == 14
        assert app_settings.get(session, app_settings.SPEAKING_SECONDS) == 210
    assert QApplication.font().pointSize() == 14
    assert form.savedLabel.text().startswith("Đã lưu lúc")


@pytest.mark.parametrize("width", [1093, 1280])  # 1366×768 at 125 % (less the task bar), a 1280-pixel window
def test_the_profile_editor_fits_at_125_percent(window, qtbot, keep_font, width):
    from desk_app.gui.app import apply_font_size
    from PySide6.QtWidgets import QScrollArea

    apply_font_size(QApplication.instance(), 11)
    window.resize(width, 582)
    page = window.show_page("settings")
    page.tabs.setCurrentWidget(page.profiles_tab if hasattr(page, "profiles_tab") else page.tabs.widget(1))
    qtbot.wait(50)
    tab = page.tabs.currentWidget()
    scroll = next(s for s in tab.findChildren(QScrollArea) if s.widget() is tab.form)
    assert scroll.horizontalScrollBar().maximum() == 0  # nothing cut on the right: the fields, the save button
    save = tab.form.saveButton
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())  # the editor scrolls down to it
    corner = save.mapTo(scroll.viewport(), save.rect().bottomRight())
    assert scroll.viewport().rect().contains(corner)

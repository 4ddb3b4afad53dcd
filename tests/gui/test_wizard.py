"""The first-run wizard on an empty database: the sample year, or the commune's own data step by step."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from sqlalchemy import func, select

from desk_app.services import catalog
from desk_app.services.common import commune
from desk_app.store import models as m
from tests.gui.keyboard import type_text



def _wizard(ctx, qtbot):
    from desk_app.gui.wizard import build_wizard

    wizard = build_wizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _press(qtbot, wizard, which) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.LeftButton)


def test_sample_data(empty_ctx, qtbot, no_dialogs):
    from desk_app.gui.wizard import SAMPLE, START

    wizard = _wizard(empty_ctx, qtbot)
    assert wizard.currentId() == START
    assert wizard.button(QWizard.NextButton).text() == "&Tiếp >"
    wizard.currentPage().form.sampleRadio.setChecked(True)
    _press(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == SAMPLE
    sample = wizard.currentPage()
    assert wizard.button(QWizard.FinishButton).isVisible()  # nothing more to ask
    _press(qtbot, wizard, QWizard.FinishButton)
    assert wizard.isVisible() and sample.busy  # generating in the worker
    assert not wizard.button(QWizard.FinishButton).isEnabled()
    qtbot.waitUntil(lambda: wizard.result() == QDialog.Accepted, timeout=60000)
    with empty_ctx.session() as session:
        assert commune(session).name == "Xã Tân Đoàn"
        assert session.scalar(select(func.count(m.DialogueSession.id))) >= 4
        assert session.scalar(select(func.count(m.Petition.id))) > 0


def test_own_data_step_by_step(empty_ctx, qtbot, no_dialogs):
    from desk_app.gui.wizard import COMMUNE, HEADS, PROFILE

    wizard = _wizard(empty_ctx, qtbot)
    _press(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == COMMUNE
    page = wizard.currentPage()
    _press(qtbot, wizard, QWizard.NextButton)  # the name is missing: the page stays, the error shows
    assert wizard.currentId() == COMMUNE
    assert page.form.name_error.text() == "Tên đơn vị không được để trống."
    type_text(page.form.nameEdit, "Xã Hòa Bình")
    type_text(page.form.provinceEdit, "Tỉnh Cao Bằng")
    type_text(page.form.codeEdit, "12a")
    _press(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == COMMUNE
    assert page.form.code_error.text() == "Mã đơn vị hành chính chỉ gồm chữ số."
    page.form.codeEdit.clear()
    type_text(page.form.codeEdit, "04321")
    _press(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == HEADS
    with empty_ctx.session() as session:
        assert commune(session) is None  # nothing saved before the end

    heads = wizard.currentPage()
    type_text(heads.form.partyEdit, "lê văn an")
    type_text(heads.form.councilEdit, "Lê Văn An")  # one person, two posts
    type_text(heads.form.committeeEdit, "Phạm Thị Bích")
    _press(qtbot, wizard, QWizard.NextButton)
    _press(qtbot, wizard, QWizard.NextButton)  # no hamlet typed: they can be added later in Danh mục
    assert wizard.currentId() == PROFILE
    profile_page = wizard.currentPage()
    profile_page.select_code("hcm-935")
    assert "05 ngày làm việc" in profile_page.form.descriptionLabel.text()
    _press(qtbot, wizard, QWizard.FinishButton)
    assert wizard.result() == QDialog.Accepted

    with empty_ctx.session() as session:
        unit = commune(session)
        assert (unit.name, unit.province, unit.code, unit.place_name) == ("Xã Hòa Bình", "Tỉnh Cao Bằng", "04321",
                                                                          "Hòa Bình")
        assert unit.profile.code == "hcm-935"
        posts = catalog.heads(session)
        assert posts["dang_uy"].id == posts["hdnd"].id
        assert posts["dang_uy"].name == "Lê Văn An"
        assert posts["dang_uy"].title == "Bí thư Đảng ủy, Chủ tịch HĐND xã"
        assert posts["ubnd"].name == "Phạm Thị Bích" and posts["ubnd"].title == "Chủ tịch UBND xã"
        assert session.scalar(select(func.count(m.Official.id))) == 2


def test_cancel_returns_false(empty_ctx, qtbot):
    from desk_app.gui.wizard import run_first_run_wizard

    def cancel():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, cancel)
        else:
            dialog.reject()

    QTimer.singleShot(0, cancel)
    assert run_first_run_wizard(empty_ctx) is False
    with empty_ctx.session() as session:
        assert commune(session) is None


def test_escape_and_cancel_ask_once_something_was_typed(empty_ctx, qtbot, no_dialogs):
    """Issue 14, item 7: Hủy or Esc in the first-run wizard quit the program without asking."""
    from PySide6.QtWidgets import QMessageBox

    wizard = _wizard(empty_ctx, qtbot)
    _press(qtbot, wizard, QWizard.NextButton)
    page = wizard.currentPage()
    type_text(page.form.nameEdit, "Xã Hòa Bình")
    no_dialogs.answer = QMessageBox.No
    qtbot.keyClick(page.form.nameEdit, Qt.Key_Escape)
    assert wizard.isVisible() and len(no_dialogs.texts) == 1
    _press(qtbot, wizard, QWizard.CancelButton)
    assert wizard.isVisible() and len(no_dialogs.texts) == 2
    assert page.form.nameEdit.text() == "Xã Hòa Bình"
    no_dialogs.answer = QMessageBox.Yes
    _press(qtbot, wizard, QWizard.CancelButton)
    assert wizard.result() == QDialog.Rejected and not wizard.isVisible()


def test_a_new_commune_gets_the_usual_agencies_and_its_typed_hamlets(empty_ctx, qtbot, no_dialogs):
    """Issue 14, item 8: the wizard seeded no agencies, organisations or hamlets and said nothing."""
    from desk_app.gui.wizard import HAMLETS, PROFILE

    wizard = _wizard(empty_ctx, qtbot)
    _press(qtbot, wizard, QWizard.NextButton)
    type_text(wizard.currentPage().form.nameEdit, "Phường Đông Hải")
    wizard.currentPage().form.kindCombo.setCurrentIndex(1)  # phường
    _press(qtbot, wizard, QWizard.NextButton)
    type_text(wizard.currentPage().form.committeeEdit, "Phạm Thị Bích")
    _press(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == HAMLETS
    hamlets = wizard.currentPage()
    assert "Công an phường" in hamlets.form.agenciesLabel.text()
    assert "Danh mục" in hamlets.form.hintLabel.text()
    for line in ("Tổ dân phố 1", "Tổ dân phố 2", "tổ dân phố 1"):
        type_text(hamlets.form.hamletsEdit, line)
        qtbot.keyClick(hamlets.form.hamletsEdit, Qt.Key_Return)
    _press(qtbot, wizard, QWizard.NextButton)  # the same name twice: said beside the list
    assert wizard.currentId() == HAMLETS and "Dòng 3" in hamlets.form.hamlets_error.text()
    hamlets.form.hamletsEdit.setPlainText("Tổ dân phố 1\nTổ dân phố 2\nTổ dân phố 3")
    assert not hamlets.form.hamlets_error.isVisibleTo(hamlets)  # fixed: the error goes
    _press(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == PROFILE
    _press(qtbot, wizard, QWizard.FinishButton)
    assert wizard.result() == QDialog.Accepted
    with empty_ctx.session() as session:
        agencies = [name for name, _id in catalog.active_items(session, "agencies")]
        assert "Công an phường" in agencies and "Ủy ban Mặt trận Tổ quốc Việt Nam phường" in agencies
        assert [name for name, _id in catalog.active_items(session, "hamlets")] == [
            "Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3"]


def test_the_window_under_the_wizard_says_it_waits_for_the_setup(empty_ctx, qtbot, monkeypatch):
    """Issue 14, item 13: the status bar kept "Đang mở dữ liệu…" while the first-run wizard was open."""
    from desk_app.gui import wizard
    from desk_app.gui.app import attach_database
    from desk_app.gui.main_window import MainWindow

    window = MainWindow()  # as at start-up: the window first, then the data
    qtbot.addWidget(window)
    seen = {}

    def fake_wizard(_ctx) -> bool:
        seen["status"], seen["middle"] = window.database_label.text(), window.opening.text()
        return False

    monkeypatch.setattr(wizard, "run_first_run_wizard", fake_wizard)
    assert attach_database(window, empty_ctx.database, empty=True, font_size=11) is None
    assert "Đang mở" not in seen["status"] and "thiết lập lần đầu" in seen["status"]
    assert "Đang mở" not in seen["middle"] and "Thiết lập ban đầu" in seen["middle"]

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

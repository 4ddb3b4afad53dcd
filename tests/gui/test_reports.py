"""Báo cáo: the clerk's texts saved and exported in the yearly report, the Excel summary, the consolidation
of many communes with the per-file result."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desk_app.gui import export_actions
from desk_app.gui.pages import reports as reports_module
from desk_app.gui.pages.reports import SKIPPED, USED
from desk_app.services import report_texts, statistics
from tests.gui.keyboard import type_text

TEXTS = {
    "strengths": "Chuẩn bị chu đáo, đối thoại thẳng thắn, cởi mở.",
    "weaknesses": "Còn 2 kiến nghị quá hạn về đất đai.",
    "causes": "Hồ sơ đất đai phức tạp, thiếu cán bộ địa chính.",
    "directions": "Năm 2027 tổ chức ít nhất một cuộc đối thoại chuyên đề về môi trường.",
}


@pytest.fixture
def page(window, qtbot):
    shown = window.show_page("reports")
    qtbot.waitUntil(lambda: not shown.loading, timeout=15000)  # the preview's figures come from the worker
    return shown


def _type_texts(page, qtbot, texts=TEXTS):
    for key, text in texts.items():
        type_text(page.editors[key], text)


def _wait_for_dialog(qtbot, no_dialogs, start: str):
    qtbot.waitUntil(lambda: any(t.startswith(start) for t in no_dialogs.texts), timeout=30000)


def _column(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_clerk_texts_are_saved_and_reloaded(page, ctx, qtbot, today, no_dialogs):
    form = page.annual
    assert form.year.value() == today.year
    _type_texts(page, qtbot)
    assert form.savedState.text() == "Chưa lưu thay đổi"
    qtbot.mouseClick(form.saveButton, Qt.LeftButton)
    with ctx.session() as session:
        assert report_texts.load(session, today.year) == TEXTS
    assert form.savedState.text().startswith("Đã lưu lúc")

    # another year holds its own texts; back on this year they come back from the database
    form.year.setValue(today.year - 1)
    assert all(editor.toPlainText() == "" for editor in page.editors.values())
    form.year.setValue(today.year)
    assert {key: editor.toPlainText() for key, editor in page.editors.items()} == TEXTS

    # from the keyboard: Ctrl+End, type, Ctrl+S
    page.window().activateWindow()
    qtbot.waitActive(page.window())  # shortcuts act in the active window only
    editor = page.editors["directions"]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_End, Qt.ControlModifier)
    type_text(editor, " Xong.")
    assert form.savedState.text() == "Chưa lưu thay đổi"
    qtbot.keyClick(editor, Qt.Key_S, Qt.ControlModifier)  # the button's shortcut clicks it a moment later
    qtbot.waitUntil(lambda: form.savedState.text().startswith("Đã lưu lúc"), timeout=5000)
    with ctx.session() as session:
        assert report_texts.load(session, today.year)["directions"] == TEXTS["directions"] + " Xong."

    # typed and not yet autosaved when the year changes: saved to its own year first, nothing asked
    page.editors["causes"].setFocus()
    qtbot.keyClick(page.editors["causes"], Qt.Key_End, Qt.ControlModifier)
    type_text(page.editors["causes"], " Thêm ý.")
    form.year.setValue(today.year + 1)
    assert no_dialogs.texts == []
    with ctx.session() as session:
        assert report_texts.load(session, today.year)["causes"] == TEXTS["causes"] + " Thêm ý."
        assert report_texts.load(session, today.year + 1)["causes"] == ""


def test_too_long_text_is_refused_next_to_the_field(page, ctx, today, no_dialogs):
    page.editors["strengths"].setPlainText("Ưu điểm. " * 3000)  # beyond 20,000 characters
    page.annual.saveButton.click()
    error = page.annual.strengths_error
    assert not error.isHidden() and "Ưu điểm" in error.text()
    with ctx.session() as session:
        assert report_texts.load(session, today.year)["strengths"] == ""
    assert page.annual.savedState.text() == "Chưa lưu được"


def test_preview_shows_the_reports_figures(page, ctx, today, qtbot):
    assert page.annual.previewNote.text().startswith("Năm")
    page.annual.year.setValue(today.year - 1)  # another year: computed in the worker, then shown
    assert page.loading and page.annual.previewNote.text() == f"Đang tính số liệu năm {today.year - 1}…"
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    assert page.preview.value_text("petitions") == "0"
    page.annual.year.setValue(today.year)
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    with ctx.session() as session:  # the UBND's report first: its own sessions and the joint ones
        stats = statistics.compute(session, statistics.Period.year(today.year), today, body="ubnd")
    model = page.preview.model()
    labels = _column(model, 0)
    assert labels[:len(stats.total.items())] == [label for _key, label, _value in stats.total.items()]
    assert page.preview.value_text("petitions") == str(stats.total.petitions)
    assert any(label.startswith("Chính quyền xã") for label in labels)  # the body's yearly obligations too
    # the Đảng ủy's report: the sessions the Bí thư chaired or co-chaired, and the Bí thư's obligation
    page.annual.format.setCurrentIndex(page.annual.format.findData("dang_uy"))
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    with ctx.session() as session:
        party = statistics.compute(session, statistics.Period.year(today.year), today, body="dang_uy")
    assert page.preview.value_text("petitions") == str(party.total.petitions)
    assert any(label.startswith("Bí thư Đảng ủy") for label in _column(page.preview.model(), 0))


def test_export_yearly_report_with_the_typed_texts(page, ctx, qtbot, tmp_path, monkeypatch, today, no_dialogs):
    from docx import Document

    target = tmp_path / "bao-cao-2026.docx"
    asked = []
    monkeypatch.setattr(export_actions, "save_file", lambda parent, title, suggested, filters:
                        asked.append(suggested) or target)
    _type_texts(page, qtbot)
    page.annual.format.setCurrentIndex(page.annual.format.findData("dang_uy"))
    qtbot.mouseClick(page.annual.exportButton, Qt.LeftButton)  # saves the texts, then exports
    _wait_for_dialog(qtbot, no_dialogs, "Đã xuất")
    assert [Path(name).name for name in asked] == [f"Bao_cao_nam_{today.year}_DANG_UY.docx"]
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    for typed in TEXTS.values():
        assert typed in text
    assert "BÁO CÁO" in text
    with ctx.session() as session:
        assert report_texts.load(session, today.year) == TEXTS


def test_export_excel_summary(page, ctx, qtbot, tmp_path, monkeypatch, today, no_dialogs):
    from openpyxl import load_workbook

    target = tmp_path / "bang-tong-hop.xlsx"
    monkeypatch.setattr(export_actions, "save_file", lambda *args: target)
    page.window().activateWindow()
    qtbot.waitActive(page.window())
    qtbot.keyClick(page.annual.year, Qt.Key_E, Qt.AltModifier)  # the tab's mnemonic: Bảng tổng hợp &Excel
    assert page.tabs.currentWidget() is page.summary
    qtbot.keyClick(page.summary.year, Qt.Key_E, Qt.ControlModifier)  # Xuất bảng tổng hợp… (Ctrl+E)
    _wait_for_dialog(qtbot, no_dialogs, "Đã xuất")
    assert str(target) in page.summary.lastResult.text()
    with ctx.session() as session:
        stats = statistics.compute(session, statistics.Period.year(today.year), today)
    wb = load_workbook(target, read_only=True)
    try:
        rows = {row[0]: row[2] for row in wb["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
    finally:
        wb.close()
    assert rows["petitions"] == stats.total.petitions
    assert rows["sessions_held"] == stats.total.sessions_held


def _two_commune_summaries(ctx, tmp_path, year):
    """Two communes' summaries: the demo commune's, and the same figures under another commune's name."""
    from desk_app.documents.summary import write_summary
    from desk_app.services.common import commune

    first, second = tmp_path / "tan-doan.xlsx", tmp_path / "tan-thanh.xlsx"
    with ctx.database.session() as session:
        write_summary(session, statistics.Period.year(year), first)
        unit = commune(session)
        unit.name, unit.code = "Xã Tân Thành", "06290"
        session.flush()
        write_summary(session, statistics.Period.year(year), second)
    junk = tmp_path / "ghi-chu.xlsx"
    junk.write_text("không phải tệp Excel", encoding="utf-8")
    return first, second, junk


def test_consolidate_many_communes(page, ctx, qtbot, tmp_path, monkeypatch, today, no_dialogs):
    first, second, junk = _two_commune_summaries(ctx, tmp_path, today.year)
    target = tmp_path / "ket-qua" / "tong-hop-cac-xa.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(reports_module, "open_files", lambda *args, **kwargs: [first, second])
    monkeypatch.setattr(export_actions, "save_file", lambda *args: target)
    form = page.consolidation
    page.tabs.setCurrentWidget(form)
    qtbot.mouseClick(form.addFilesButton, Qt.LeftButton)
    page.add_inputs([junk, first])  # a repeated path is listed once
    assert page.input_paths() == [first, second, junk]
    form.yearCheck.setChecked(True)
    assert form.year.isEnabled() and form.year.value() == today.year

    qtbot.mouseClick(form.consolidateButton, Qt.LeftButton)
    _wait_for_dialog(qtbot, no_dialogs, "Đã xuất")
    assert target.exists()
    model = form.results.model()
    results = dict(zip(_column(model, 0), _column(model, 1)))
    assert results == {first.name: USED, second.name: USED, junk.name: SKIPPED}
    reasons = dict(zip(_column(model, 0), _column(model, 2)))
    assert "không phải tệp Excel" in reasons[junk.name] and reasons[first.name] == ""
    assert "2/3" in form.resultLabel.text() and "bỏ qua 1 tệp" in form.resultLabel.text()
    assert any("Bỏ qua 1 tệp" in text for text in no_dialogs.texts)


def test_nothing_to_consolidate_still_lists_every_file(page, qtbot, tmp_path, monkeypatch, no_dialogs):
    junk = tmp_path / "rac.xlsx"
    junk.write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.setattr(reports_module, "open_folder", lambda *args: tmp_path)
    monkeypatch.setattr(export_actions, "save_file", lambda *args: folder / "out.xlsx")
    form = page.consolidation
    page.tabs.setCurrentWidget(form)
    form.consolidateButton.click()  # nothing chosen yet: told so, nothing runs
    assert any("Chưa chọn tệp" in text for text in no_dialogs.texts)
    form.addFolderButton.click()
    form.consolidateButton.click()
    _wait_for_dialog(qtbot, no_dialogs, "Không thực hiện được")
    assert _column(form.results.model(), 1) == [SKIPPED]
    assert "mật khẩu" in form.results.model().index(0, 2).data()
    assert not (folder / "out.xlsx").exists()

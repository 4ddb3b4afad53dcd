"""Issue 14: exports where the default folder (~/Documents) does not exist — the save dialog proposes an absolute
folder that exists, and the extension letter offered after an extension is written there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import QMessageBox

from desk_app.gui import export_actions
from desk_app.services.common import load_calendar
from tests.gui.keyboard import type_text
from tests.gui.test_followup import _page, _petition, _petitions, _save


def _no_documents(monkeypatch, tmp_path) -> Path:
    missing = tmp_path / "home" / "Documents"  # never made
    real = QStandardPaths.writableLocation
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(
        lambda kind: str(missing) if kind == QStandardPaths.DocumentsLocation else real(kind)))
    monkeypatch.setattr(export_actions, "_last_folder", [])
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    return missing


def test_the_folder_proposed_exists_when_documents_does_not(monkeypatch, tmp_path):
    missing = _no_documents(monkeypatch, tmp_path)
    folder = export_actions.default_folder()
    assert folder.is_absolute() and folder.is_dir() and folder != missing
    assert folder == tmp_path / "data" / "exports"


def test_the_extension_letter_is_written_when_documents_is_missing(window, ctx, qtbot, no_dialogs, monkeypatch,
                                                                    tmp_path):
    _no_documents(monkeypatch, tmp_path)
    proposed = []

    def save_file(_parent, _title, suggested, _filters):
        proposed.append(Path(suggested))
        return Path(Path(suggested).name)  # the clerk keeps the name: the dialog answers it as typed

    monkeypatch.setattr(export_actions, "save_file", save_file)
    page = _page(window)
    today = dt.date(2026, 11, 21)
    petition_id = next(pid for pid in _petitions(ctx, open_only=True) if _petition(ctx, pid).due_date >= today)
    page.show_petition(petition_id)
    dialog = page.open_action("extend")
    due = _petition(ctx, petition_id).due_date
    with ctx.session() as session:
        new_due = load_calendar(session).next_working_day(due + dt.timedelta(5))
    dialog.form.newDueEdit.setDate(QDate(new_due.year, new_due.month, new_due.day))
    type_text(dialog.form.reasonEdit, "Cần xác minh thực địa")
    dialog.form.notifiedCheck.setChecked(True)  # told today
    no_dialogs.answer = QMessageBox.Yes  # "Xuất ngay văn bản thông báo gia hạn?" — Có
    _save(dialog, qtbot)
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=5000)
    assert len(proposed) == 1 and proposed[0].is_absolute() and proposed[0].parent.is_dir()
    written = proposed[0].parent / proposed[0].name
    assert written.is_file()
    assert str(written) in next(t for t in no_dialogs.texts if t.startswith("Đã xuất"))


def test_the_export_message_cites_the_number_as_the_document_prints_it():
    """Issue 14: the message said "số 1/CV/ĐU" while the document said "Số 01-CV/ĐU"."""
    from types import SimpleNamespace

    party = SimpleNamespace(number=1, symbol="CV/ĐU", issued_date=dt.date(2026, 12, 5))
    state = SimpleNamespace(number=5, symbol="KH-UBND", issued_date=dt.date(2026, 12, 5))
    assert export_actions.printed_reference(party) == " — Số 01-CV/ĐU, ngày 05/12/2026"
    assert export_actions.printed_reference(state) == " — Số: 05/KH-UBND, ngày 05/12/2026"
    assert export_actions.printed_reference(SimpleNamespace(number=None, symbol="", issued_date=None)) == ""


def test_a_plan_with_no_place_is_refused_before_the_file_is_asked_for(window, ctx, qtbot, no_dialogs, monkeypatch):
    """Issue 14: a plan with no place asked where to save, then said it could not be written."""
    from desk_app.services.common import get
    from desk_app.store import models as m

    asked = []
    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: asked.append(args))
    page = window.show_page("sessions")
    session_id = page.current_id
    assert session_id is not None
    with ctx.session() as session:
        get(session, m.DialogueSession, session_id).place = ""
    page.reload()
    page.export("plan")
    assert asked == []  # no file dialog
    assert "địa điểm tổ chức hội nghị" in page.form.ui.place_error.text()
    assert page.form.ui.place_error.isVisibleTo(page)
    assert any(t.startswith("Chưa xuất được") and "địa điểm tổ chức hội nghị" in t for t in no_dialogs.texts)


def test_the_number_and_date_are_asked_before_the_file(window, ctx, qtbot, no_dialogs, monkeypatch, tmp_path):
    """Issue 14: the window never asked the document's number or date (the spec lets the clerk type the number
    the register book gives): the register's next number and today are proposed, a number already taken is
    refused beside the field, the one typed is printed."""
    import docx

    from desk_app.domain import clock, official
    from desk_app.gui.common import qdate

    target = tmp_path / "ke-hoach.docx"
    order = []
    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: order.append("file") or target)
    seen = {}

    def drive(dialog):
        order.append("number")
        f = dialog.form
        seen["proposed"] = (f.numberSpin.value(), f.dateEdit.date().toPython(), dialog.symbol)
        f.numberSpin.setValue(37)
        f.dateEdit.setDate(qdate(clock.today()))
        seen["reference"] = f.referenceLabel.text()
        return dialog.submit()

    monkeypatch.setattr(export_actions, "_ask", drive)
    from tests.gui.test_sessions import _draft

    draft = _draft(ctx, 30)  # a plan not issued yet
    ctx.changed("sessions")
    page = window.show_page("sessions", draft)
    assert page.current_id == draft
    page.export("plan")
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=30000)
    number, day, symbol = seen["proposed"]
    assert order == ["number", "file"] and number >= 1 and day is not None
    printed = official.number_line(37, symbol, official.format_of_symbol(symbol))
    assert seen["reference"] == f"{printed}, ngày {clock.today():%d/%m/%Y}"
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    text += "\n".join(c.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells)
    assert printed in text
    assert any(printed in t for t in no_dialogs.texts if t.startswith("Đã xuất"))


def test_a_number_already_in_the_register_is_refused_in_the_dialog(window, ctx, qtbot, no_dialogs, monkeypatch,
                                                                    tmp_path):
    from desk_app.store import models as m
    from tests.gui.test_sessions import _draft

    asked = []
    monkeypatch.setattr(export_actions, "save_file", lambda *args, **kwargs: asked.append(1) or tmp_path / "a.docx")
    first, second = _draft(ctx, 30), _draft(ctx, 40)
    ctx.changed("sessions")
    page = window.show_page("sessions", first)
    page.export("plan")  # the proposed number
    qtbot.waitUntil(lambda: any(t.startswith("Đã xuất") for t in no_dialogs.texts), timeout=30000)
    with ctx.session() as session:
        taken = session.query(m.IssuedDocument).filter_by(session_id=first, kind="plan").one()
        taken_number, taken_symbol = taken.number, taken.symbol
    errors = []

    def drive(dialog):
        assert dialog.symbol == taken_symbol and dialog.form.numberSpin.value() == taken_number + 1
        dialog.form.numberSpin.setValue(taken_number)
        ok = dialog.submit()
        errors.append((ok, dialog.form.number_error.text()))
        return False  # the clerk gives up

    monkeypatch.setattr(export_actions, "_ask", drive)
    page = window.show_page("sessions", second)
    page.export("plan")
    [(ok, text)] = errors
    assert not ok and text and len(asked) == 1  # no file asked for the second

"""Every export from the window goes through here: ask where (an ASCII file name in the folder used last),
write in the worker, then "Đã xuất … — Số: 05/KH-UBND, ngày …" with Mở tệp / Mở thư mục.

- :func:`choose_target` asks for the file (any kind: Word, Excel, PDF, named by :func:`file_name`);
- :func:`export_word` writes one of the Word documents of ``documents.export`` (a dialogue session's, a
  petition's letter, the yearly report) and says its number and date exactly as the document prints them
  (``official.number_line``);
- :func:`export_session_document` is the session documents' shortcut (plan, notice, invitation, …).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QWidget

from desk_app.documents.kinds import KIND_LABELS, SESSION_KINDS
from desk_app.domain.official import format_of_symbol, number_line
from desk_app.domain.text import strip_accents_filename
from desk_app.domain.validation import format_date
from desk_app.gui.common import after_export, save_file
from desk_app.domain.errors import DeskAppError, MissingDataError
from desk_app.gui.common import VI_LOCALE, pydate, qdate
from desk_app.gui.context import AppContext, show_error
from desk_app.gui.forms import FormDialog

WORD_FILTER = "Tài liệu Word (*.docx)"
EXCEL_FILTER = "Bảng tính Excel (*.xlsx)"
PDF_FILTER = "Tệp PDF (*.pdf)"
# Short names for the suggested file names (the full labels make unwieldy file names).
FILE_STEMS = {"plan": "Ke hoach", "notice": "Thong bao", "invitation": "Giay moi",
              "registration-form": "Phieu dang ky", "minutes": "Bien ban", "conclusion": "Thong bao ket luan",
              "upward-proposal": "De nghi cap tren", "reply": "Tra loi kien nghi", "extension": "Thong bao gia han",
              "annual-report": "Bao cao nam"}

# The folder the clerk last exported to, offered again next time (for this run of the program).
_last_folder: list[Path] = []


def default_folder() -> Path:
    """An absolute folder that exists: the one used last, else Documents, else the data folder's ``exports``
    (made here), else home — a missing ~/Documents made the dialog propose a relative path that failed."""
    from desk_app.store.paths import user_data_dir

    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    for folder in (*_last_folder, Path(documents) if documents else None):
        if folder is not None and folder.is_absolute() and folder.is_dir():
            return folder
    exports = user_data_dir() / "exports"
    try:
        exports.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    if exports.is_absolute() and exports.is_dir():
        return exports
    return Path.home()


def file_name(*words: str, suffix: str = ".docx") -> str:
    """An ASCII file name (Word on any Windows opens it, e-mail keeps it): "Ke_hoach_10-12-2026_UBND.docx"."""
    stem = strip_accents_filename(" ".join(w for w in words if w).replace("/", "-"))
    return f"{stem or 'van_ban'}{suffix}"


def choose_target(page: QWidget, title: str, name: str, filters: str = WORD_FILTER) -> Path | None:
    """Ask where to write, suggesting ``name`` in the folder used last; None when the clerk cancelled."""
    folder = default_folder()
    path = save_file(page, title, str(folder / name), filters)
    if path is None:
        return None
    path = Path(path)
    if not path.is_absolute():  # a bare name typed: in the folder the dialog proposed, not the program's folder
        path = folder / path
    _last_folder[:] = [path.parent]
    return path


def printed_reference(result) -> str:
    """The number and date exactly as the document prints them: " — Số 01-CV/ĐU, ngày 05/12/2026"."""
    if result.number is None:
        return ""
    line = number_line(result.number, result.symbol, format_of_symbol(result.symbol))
    day = f", ngày {format_date(result.issued_date)}" if result.issued_date else ""
    return f" — {line}{day}"


def run_export(page: QWidget, ctx: AppContext, kind: str, target: Path, *, title: str = "",
               **request: Any) -> None:
    """Write the document ``kind`` to ``target`` in the worker (``request``: the fields of ExportRequest),
    then tell the clerk where it is and under which number the register holds it."""
    label = KIND_LABELS[kind].lower()

    def work(progress):
        from desk_app.documents.export import ExportRequest, export_document  # python-docx: on first use

        progress.report(0, 0, f"Đang xuất {label}…")
        with ctx.database.session() as session:  # the worker's own unit of work
            return export_document(session, ExportRequest(kind=kind, target=target, **request))

    def done(result) -> None:
        ctx.changed("documents", initiator=page)  # the register has the document's number now
        after_export(page, result.path, f"Đã xuất {label}{printed_reference(result)}:\n{result.path}", result.warnings)

    ctx.run_task(page, title or f"Xuất {label}", work, done, cancellable=kind != "annual-report")


def export_word(page: QWidget, ctx: AppContext, kind: str, name: str, **request: Any) -> None:
    """Ask the number and date (:func:`ask_numbering`), then for the file (``name`` suggested), then
    :func:`run_export`."""
    numbering = ask_numbering(page, ctx, kind, request)
    if numbering is None:
        return
    target = choose_target(page, f"Xuất {KIND_LABELS[kind].lower()}", name)
    if target is not None:
        run_export(page, ctx, kind, target, **request, **numbering)


def preview(ctx: AppContext, kind: str, request: dict) -> Any:
    """The number and date the document would get (an ExportResult with nothing written); raises what the export
    would refuse about them."""
    from desk_app.documents.export import ExportRequest, export_document

    with ctx.read_session() as session:
        return export_document(session, ExportRequest(kind=kind, target=Path(), preview=True, **request))


class NumberDialog(FormDialog):
    """Số và ngày văn bản: the register's next number and today proposed; the clerk may type the number the
    register book gives (the spec lets them) and the date it is signed. Checked as the export checks them."""

    form_name = "export_number"
    accept_text = "&Tiếp tục"

    def __init__(self, ctx: AppContext, parent: QWidget, kind: str, request: dict, proposed):
        super().__init__(ctx, parent, title=f"Số và ngày — {KIND_LABELS[kind].lower()}")
        self.kind, self.request, self.symbol = kind, request, proposed.symbol
        self.values: dict[str, Any] = {}
        f = self.form
        f.promptLabel.setText(f"Số theo sổ văn bản đi (ký hiệu {proposed.symbol}) và ngày ký ban hành. Số đề xuất "
                              "là số tiếp theo của sổ; có thể gõ số đã lấy trong sổ giấy.")
        f.dateEdit.setLocale(VI_LOCALE)
        f.numberSpin.setValue(proposed.number)
        f.dateEdit.setDate(qdate(proposed.issued_date))
        f.numberSpin.valueChanged.connect(self._show_reference)
        f.dateEdit.dateChanged.connect(self._show_reference)
        self._show_reference()
        f.numberSpin.setFocus()
        f.numberSpin.selectAll()

    def _show_reference(self, *_args) -> None:
        f = self.form
        line = number_line(f.numberSpin.value(), self.symbol, format_of_symbol(self.symbol))
        f.referenceLabel.setText(f"{line}, ngày {format_date(pydate(f.dateEdit.date()))}")

    def apply(self) -> None:
        f = self.form
        values = {"number": f.numberSpin.value(), "issued_date": pydate(f.dateEdit.date())}
        preview(self.ctx, self.kind, {**self.request, **values})  # a number taken in the register is refused here
        self.values = values


def _ask(dialog: QDialog) -> bool:
    return bool(dialog.exec())


def ask_numbering(page: QWidget, ctx: AppContext, kind: str, request: dict) -> dict | None:
    """The number and date to export with ({} when there is nothing to ask: a blank form, or a document already
    issued, reproduced as it was); None when the clerk cancelled. What the export would refuse (data missing) is
    said by the export itself."""
    if kind == "registration-form" or request.get("number") is not None:
        return {}
    try:
        proposed = preview(ctx, kind, request)
    except DeskAppError:
        return {}  # the export says what is wrong, in its own words
    if proposed.reproduced or proposed.number is None:
        return {}
    dialog = NumberDialog(ctx, page, kind, request, proposed)
    try:
        return dialog.values if _ask(dialog) else None
    finally:
        dialog.deleteLater()


def export_session_document(page: QWidget, ctx: AppContext, kind: str, session_id: int, **options: Any) -> None:
    """One of a dialogue session's documents (``options``: ``per_invitee``, ``with_form``, ``number``,
    ``issued_date``, ``fmt``)."""
    from desk_app.domain.states import Host
    from desk_app.services.sessions import get_session

    from desk_app.documents.export import session_export_problems

    if kind not in SESSION_KINDS:
        raise ValueError(f"not a session document: {kind}")
    with ctx.session() as session:
        ds = get_session(session, session_id)
        name = file_name(FILE_STEMS[kind], format_date(ds.session_date), Host(ds.host).label)
        missing, fields = session_export_problems(session, kind, session_id)
    if missing:  # said before the file is asked for, beside the plan's fields when the page shows them
        show_errors = getattr(getattr(page, "form", None), "show_errors", None)
        if show_errors is not None and fields:
            show_errors(fields)
        show_error(page, MissingDataError(KIND_LABELS[kind].lower(), missing), "Chưa xuất được")
        return
    export_word(page, ctx, kind, name, session_id=session_id, **options)


def export_letter(page: QWidget, ctx: AppContext, kind: str, petition_id: int, citizen: str) -> None:
    """The reply or the extension letter of a petition, to the citizen."""
    export_word(page, ctx, kind, file_name(FILE_STEMS[kind], f"so {petition_id}", citizen),
                petition_id=petition_id)

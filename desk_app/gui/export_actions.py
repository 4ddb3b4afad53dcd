"""Export one of a session's documents from any page: ask where, render in the worker, offer to open it.

Every page that prints a session document (plan, notice, invitation, registration form, minutes,
conclusion notice, upward proposal) calls :func:`export_session_document`, so the file name, the
progress dialog and the "Mở tệp / Mở thư mục" answer are the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from desk_app.documents.kinds import KIND_LABELS, SESSION_KINDS
from desk_app.domain.text import strip_accents_filename
from desk_app.domain.validation import format_date
from desk_app.gui.common import after_export, save_file
from desk_app.gui.context import AppContext
from desk_app.services.common import get
from desk_app.store import models as m

WORD_FILTER = "Tài liệu Word (*.docx)"
# Short names for the suggested file name (the full labels make unwieldy file names).
FILE_STEMS = {"plan": "Ke hoach", "notice": "Thong bao", "invitation": "Giay moi",
              "registration-form": "Phieu dang ky", "minutes": "Bien ban", "conclusion": "Thong bao ket luan",
              "upward-proposal": "De nghi cap tren"}

# The folder the clerk last exported to, offered again next time (for this run of the program).
_last_folder: list[Path] = []


def _default_folder() -> Path:
    if _last_folder:
        return _last_folder[0]
    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def suggested_name(kind: str, session_date, host_label: str) -> str:
    """An ASCII file name (Word on any Windows opens it, e-mail keeps it): "Ke_hoach_10-12-2026_UBND.docx"."""
    stem = strip_accents_filename(f"{FILE_STEMS[kind]} {format_date(session_date).replace('/', '-')} {host_label}")
    return f"{stem or 'van_ban'}.docx"


def export_session_document(page: QWidget, ctx: AppContext, kind: str, session_id: int, **options) -> None:
    """Ask for the file, export ``kind`` for the session in the worker, then "Đã xuất …".

    ``options`` are passed to :class:`ExportRequest` (``per_invitee``, ``with_form``, ``number``,
    ``issued_date``, ``fmt``).
    """
    from desk_app.domain.states import Host

    if kind not in SESSION_KINDS:
        raise ValueError(f"not a session document: {kind}")
    with ctx.session() as session:
        ds = get(session, m.DialogueSession, session_id)
        name = suggested_name(kind, ds.session_date, Host(ds.host).label)
    label = KIND_LABELS[kind]
    path = save_file(page, f"Xuất {label.lower()}", str(_default_folder() / name), WORD_FILTER)
    if path is None:
        return
    path = Path(path)
    _last_folder[:] = [path.parent]

    def work(progress):
        from desk_app.documents.export import ExportRequest, export_document  # python-docx: on first use

        progress.report(0, 0, f"Đang xuất {label.lower()}…")
        with ctx.database.session() as session:  # the worker's own unit of work
            return export_document(session, ExportRequest(kind=kind, target=path, session_id=session_id,
                                                          **options))

    def done(result) -> None:
        ctx.changed("documents")
        from desk_app.domain.official import reference  # "05/KH-UBND", party "05-KH/ĐU"

        number = f" số {reference(result.number, result.symbol)}" if result.number is not None else ""
        after_export(page, result.path, f"Đã xuất {label.lower()}{number}:\n{result.path}", result.warnings)

    ctx.run_task(page, f"Xuất {label.lower()}", work, done)

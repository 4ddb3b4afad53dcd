"""Page "Đăng ký phát biểu": the speaking queue of a session — add, edit, import from Excel, reorder (drag
and drop or Ctrl+↑/Ctrl+↓), merge duplicates, refuse on a regulated ground, print the speakers' list.

The queue is always shown in speaking order (the order is the data here, so the table is not sortable).
"""

from __future__ import annotations

from html import escape
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QMarginsF, QMimeData, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPageLayout, QShortcut, QTextDocument
from PySide6.QtWidgets import QHeaderView, QVBoxLayout

from desk_app.domain.errors import DeskAppError, DocumentError
from desk_app.domain.states import Channel, RegistrationState, SessionStatus, SpeaksFor
from desk_app.domain.text import strip_accents_filename
from desk_app.domain.validation import format_date, format_time
from desk_app.gui.common import Column, RowsModel, after_export, load_ui, open_files, save_file
from desk_app.gui.context import AppContext, Page, show_error, show_info
from desk_app.gui.registration_dialog import (ImportPreviewDialog, MergeDialog, RefuseDialog, RegistrationDialog,
                                              open_dialog)
from desk_app.services import registrations, sessions
from desk_app.services.common import commune, domain_profile
from desk_app.store import models as m

_GREY = QColor("#6b7280")
_RED = QColor("#b00020")
_MIME = "application/x-desk-app-registration"


# -- sessions to pick ------------------------------------------------------------------------------------

@dataclass
class SessionChoice:
    id: int
    text: str
    status: str
    title: str

    @property
    def planned(self) -> bool:
        return SessionStatus(self.status).planned


def session_choices(session, first: tuple[SessionStatus, ...] = ()) -> list[SessionChoice]:
    """Every session for a picker: those not yet held first (soonest first; statuses in ``first`` before
    them), then the held and cancelled ones, latest first."""
    rows = sessions.list_sessions(session)
    choices = [SessionChoice(ds.id, f"{format_date(ds.session_date)} – {ds.title} "
                                    f"({SessionStatus(ds.status).label})", ds.status, ds.title) for ds in rows]
    starts = {ds.id: ds.planned_start for ds in rows}

    def key(choice: SessionChoice):
        status = SessionStatus(choice.status)
        rank = 0 if status in first else 1 if status.planned else 2
        stamp = starts[choice.id].timestamp()
        return rank, stamp if rank < 2 else -stamp

    return sorted(choices, key=key)


def fill_session_combo(combo, choices: list[SessionChoice], keep_id: int | None) -> None:
    """The picker refilled without announcing a change; it stays on ``keep_id``, else takes the first."""
    combo.blockSignals(True)
    combo.clear()
    for choice in choices:
        combo.addItem(choice.text, choice.id)
        combo.setItemData(combo.count() - 1, choice.title, Qt.ToolTipRole)
    index = combo.findData(keep_id) if keep_id is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if choices else -1))
    combo.blockSignals(False)


# -- the queue -----------------------------------------------------------------------------------------------

@dataclass
class QueueRow:
    id: int
    order: int
    name: str
    birth_year: int | None
    place: str
    field: str
    content: str
    channel: str
    state: str
    state_text: str
    version: int

    @property
    def closed(self) -> bool:
        return self.state in (RegistrationState.REFUSED.value, RegistrationState.MERGED.value)


def queue_rows(session, session_id: int) -> list[QueueRow]:
    rows = registrations.queue(session, session_id)
    names = {r.id: r.citizen_name for r in rows}
    profile = None
    result = []
    for reg in rows:
        state = RegistrationState(reg.state)
        text = state.label
        if state is RegistrationState.REFUSED:
            profile = profile or domain_profile(reg.session.profile)
            text = f"{text}: {profile.refusal_text(reg.refusal_code)}" if reg.refusal_code else text
        elif state is RegistrationState.MERGED and reg.merged_into_id:
            text = f"{text} vào đăng ký của {names.get(reg.merged_into_id, '')}"
        if reg.priority and state is RegistrationState.WAITING:
            text = f"{text} (ưu tiên)"
        result.append(QueueRow(reg.id, reg.queue_order, reg.citizen_name, reg.birth_year,
                               reg.hamlet.name if reg.hamlet else reg.address, reg.field.name if reg.field else "",
                               reg.content, Channel(reg.channel).label, reg.state, text, reg.version))
    return result


def _foreground(row: QueueRow):
    if row.state == RegistrationState.REFUSED.value:
        return _RED
    if row.closed or row.state == RegistrationState.ABSENT.value:
        return _GREY
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


class QueueModel(RowsModel):
    """The queue; rows can be dragged to a new place (``move_requested(registration id, new order)``)."""

    move_requested = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__([
            Column("TT", lambda r: r.order, align=Qt.AlignRight),
            Column("Họ và tên", lambda r: r.name, foreground=_foreground),
            Column("Năm sinh", lambda r: r.birth_year, align=Qt.AlignCenter),
            Column("Thôn / địa chỉ", lambda r: r.place),
            Column("Lĩnh vực", lambda r: r.field),
            Column("Nội dung", lambda r: _one_line(r.content), tooltip=lambda r: r.content),
            Column("Hình thức", lambda r: r.channel),
            Column("Trạng thái", lambda r: r.state_text, foreground=_foreground),
        ], parent)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemIsDropEnabled  # drops land between rows, never on one
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled

    def supportedDropActions(self):  # noqa: N802
        return Qt.MoveAction

    def supportedDragActions(self):  # noqa: N802
        return Qt.MoveAction

    def mimeTypes(self):  # noqa: N802
        return [_MIME]

    def mimeData(self, indexes):  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        if rows:
            data.setData(_MIME, str(self.rows[rows[0]].id).encode())
        return data

    def dropMimeData(self, data, action, row, column, parent):  # noqa: N802
        if action != Qt.MoveAction or not data.hasFormat(_MIME):
            return False
        reg_id = int(bytes(data.data(_MIME)).decode())
        source = next((i for i, r in enumerate(self.rows) if r.id == reg_id), None)
        if source is None:
            return False
        target = row if row >= 0 else parent.row() if parent.isValid() else len(self.rows)
        # ``target`` is the row the dragged one goes in front of, counted before it is taken out.
        new_order = target if target > source else target + 1
        if new_order - 1 == source:
            return False
        # After the drop has finished: the page reloads the model, which must not happen inside it.
        QTimer.singleShot(0, lambda: self.move_requested.emit(reg_id, new_order))
        return True


# -- the printed list ---------------------------------------------------------------------------------------

def speakers_list_html(session, session_id: int) -> str:
    """The speakers' list as HTML (title, session, a table in speaking order; refused and merged left out).
    No CCCD or phone number: the list is read out and posted in the hall."""
    ds = session.get(m.DialogueSession, session_id)
    unit = commune(session)
    live = [r for r in registrations.queue(session, session_id)
            if r.state not in (RegistrationState.REFUSED.value, RegistrationState.MERGED.value)]
    when = ds.actual_start or ds.planned_start
    head = f"<p align='center' style='font-size:11pt'><b>{escape(unit.name.upper() if unit else '')}</b></p>"
    title = (f"<p align='center' style='font-size:14pt'><b>DANH SÁCH CÔNG DÂN ĐĂNG KÝ PHÁT BIỂU</b></p>"
             f"<p align='center'><i>{escape(ds.title)}</i><br>Thời gian: {format_time(when)}, ngày "
             f"{format_date(when.date())}" + (f" – Địa điểm: {escape(ds.place)}" if ds.place else "") + "</p>")
    cells = "".join(f"<th width='{w}%'>{h}</th>" for h, w in (
        ("TT", 6), ("Họ và tên", 18), ("Năm sinh", 9), ("Thôn, tổ dân phố", 14), ("Lĩnh vực", 13),
        ("Nội dung đăng ký phát biểu", 40)))
    body = []
    for number, reg in enumerate(live, 1):
        speaks_for = "" if reg.speaks_for == SpeaksFor.PERSON.value else \
            f"<br><i>(Đại diện {SpeaksFor(reg.speaks_for).label.lower()}" + \
            (f", {reg.speaks_for_count} hộ/thành viên" if reg.speaks_for_count else "") + ")</i>"
        body.append(
            f"<tr><td align='center'>{number}</td><td>{escape(reg.citizen_name)}{speaks_for}</td>"
            f"<td align='center'>{reg.birth_year or ''}</td>"
            f"<td>{escape(reg.hamlet.name if reg.hamlet else reg.address)}</td>"
            f"<td>{escape(reg.field.name if reg.field else '')}</td>"
            f"<td>{escape(reg.content).replace(chr(10), '<br>')}</td></tr>")
    if not body:
        body.append("<tr><td colspan='6' align='center'><i>Chưa có công dân đăng ký phát biểu.</i></td></tr>")
    table = (f"<table border='1' cellspacing='0' cellpadding='4' width='100%' style='border-collapse:collapse'>"
             f"<thead><tr>{cells}</tr></thead>{''.join(body)}</table>")
    total = f"<p>Tổng số: {len(live)} công dân đăng ký phát biểu.</p>"
    style = "font-family:'Times New Roman'; font-size:12pt"
    return f'<html><body style="{style}">{head}{title}{table}{total}</body></html>'


# QTextDocument adds its own 2 cm around the text when it prints: these come on top (left 3 cm in all).
PRINT_MARGINS = QMarginsF(10, 0, 0, 0)


def speakers_document(html: str) -> QTextDocument:
    document = QTextDocument()
    font = QFont("Times New Roman")
    font.setPointSize(12)
    document.setDefaultFont(font)
    document.setHtml(html)
    return document


def write_speakers_pdf(html: str, path: Path) -> Path:
    """Worker thread: the list printed to an A4 PDF (painting on a PDF writer is allowed off the UI thread)."""
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle("Danh sách công dân đăng ký phát biểu")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, PRINT_MARGINS,
                                     QPageLayout.Millimeter))
    speakers_document(html).print_(writer)
    del writer  # the file is complete once the writer is gone
    if not path.exists() or path.stat().st_size == 0:
        raise DocumentError(f"Không ghi được tệp “{path}” (thư mục không ghi được hoặc tệp đang mở).")
    return path


# -- the page -----------------------------------------------------------------------------------------------

class RegistrationsPage(Page):
    key = "registrations"
    title = "Đăng ký phát biểu"

    SHORTCUTS = {  # button → (shortcut, what it does)
        "add_button": ("Ctrl+N", "Thêm đăng ký phát biểu"),
        "edit_button": ("Enter", "Sửa đăng ký đang chọn"),
        "up_button": ("Ctrl+Up", "Đưa lên trước một bậc"),
        "down_button": ("Ctrl+Down", "Đưa xuống sau một bậc"),
        "refuse_button": ("Ctrl+R", "Từ chối tiếp xúc, đối thoại với người đang chọn, theo lý do quy định"),
        "merge_button": ("Ctrl+G", "Gộp các đăng ký trùng nhau (các dòng đang chọn, hoặc các nhóm nghi trùng)"),
        "import_button": ("Ctrl+I", "Nhập danh sách đăng ký từ tệp Excel"),
        "print_button": ("Ctrl+P", "Xem trước và in danh sách công dân đăng ký phát biểu"),
        "pdf_button": ("Ctrl+Shift+P", "Xuất danh sách công dân đăng ký phát biểu ra tệp PDF"),
    }

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.ui = load_ui("registrations_page", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        self.choices: list[SessionChoice] = []
        self.dialog = None  # the dialog now open (tests reach it here)
        self._own_change = False
        ui = self.ui
        self.model = QueueModel(self)
        self.model.move_requested.connect(self.move_to)
        table = ui.table
        table.setModel(self.model)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        table.activated.connect(lambda _index: self.edit())
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        ui.session_combo.currentIndexChanged.connect(self._session_changed)
        actions = {"add_button": self.add, "edit_button": self.edit, "up_button": lambda: self.move_by(-1),
                   "down_button": lambda: self.move_by(1), "refuse_button": self.refuse,
                   "merge_button": self.merge, "import_button": self.import_excel, "print_button": self.print_list,
                   "pdf_button": self.export_pdf}
        for name, slot in actions.items():
            widget = getattr(ui, name)
            shortcut, text = self.SHORTCUTS[name]
            # The keys are in the tooltip and the bar at the bottom: the buttons stay short enough for a
            # 1366-pixel screen at 125 %.
            widget.setToolTip(f"{text} ({shortcut.replace('Up', '↑').replace('Down', '↓')})")
            widget.clicked.connect(slot)
            if name != "edit_button":  # Enter is the table's own "activated"
                QShortcut(QKeySequence(shortcut), self, slot, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ins"), self, self.add, context=Qt.WidgetWithChildrenShortcut)
        ui.shortcut_bar.setText("  ·  ".join(f"<b>{keys}</b>&nbsp;{what.replace(' ', '&nbsp;')}" for keys, what in (
            ("Ctrl+N", "Thêm"), ("Enter", "Sửa"), ("Ctrl+↑ / Ctrl+↓", "Đổi thứ tự"), ("Ctrl+R", "Từ chối"),
            ("Ctrl+G", "Gộp trùng"), ("Ctrl+I", "Nhập từ Excel"), ("Ctrl+P", "In"), ("Ctrl+Shift+P", "Xuất PDF"))))
        ui.shortcut_bar.setStyleSheet("QLabel { background: #eef2ff; padding: 4px 8px; border-radius: 4px; }")
        ui.empty_label.setStyleSheet("color: #6b7280;")
        ui.detail_view.setPlaceholderText("Chọn một dòng để xem đầy đủ thông tin đăng ký.")
        self._update_actions()

    # -- data --------------------------------------------------------------------------------------------
    def _on_changed(self, topic: str) -> None:
        if not self._own_change and topic in ("registrations", "sessions", "minutes", "catalog"):
            super()._on_changed(topic)

    def announce(self) -> None:
        """Tell the other pages (the live minutes) the queue changed; this page has already reloaded."""
        self._own_change = True
        try:
            self.ctx.changed("registrations")
        finally:
            self._own_change = False

    def activate(self, arg: object = None) -> None:
        super().activate(arg)
        if isinstance(arg, int):
            self.select_session(arg)
        self.ui.table.setFocus()

    def reload(self) -> None:
        current = self.session_id
        with self.ctx.session() as session:
            self.choices = session_choices(session)
        fill_session_combo(self.ui.session_combo, self.choices, current)
        self.load_queue()

    @property
    def session_id(self) -> int | None:
        return self.ui.session_combo.currentData()

    def choice(self) -> SessionChoice | None:
        return next((c for c in self.choices if c.id == self.session_id), None)

    def select_session(self, session_id: int) -> None:
        index = self.ui.session_combo.findData(session_id)
        if index >= 0:
            self.ui.session_combo.setCurrentIndex(index)

    def _session_changed(self, _index: int) -> None:
        self.load_queue()

    def load_queue(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        rows: list[QueueRow] = []
        if self.session_id is not None:
            with self.ctx.session() as session:
                rows = queue_rows(session, self.session_id)
        self.model.set_rows(rows)
        self._fit_columns()
        choice = self.choice()
        if choice is None:
            self.ui.status_label.setText("")
            self.ui.empty_label.setText("Chưa có cuộc đối thoại nào. Hãy lập kế hoạch ở trang “Cuộc đối thoại”.")
        else:
            waiting = sum(r.state == RegistrationState.WAITING.value for r in rows)
            self.ui.status_label.setText(f"{SessionStatus(choice.status).label} · {len(rows)} đăng ký, "
                                         f"{waiting} chờ phát biểu")
            self.ui.empty_label.setText("" if rows else "Chưa có đăng ký phát biểu nào. Bấm “Thêm” (Ctrl+N) "
                                                        "hoặc “Nhập từ Excel” (Ctrl+I).")
        self.ui.empty_label.setVisible(bool(self.ui.empty_label.text()))
        row = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else None)
        if row is not None:
            self.select_row(row)
        else:
            self.ui.detail_view.clear()
        self._update_actions()

    def _fit_columns(self) -> None:
        table = self.ui.table
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        # The content column takes what is left; the others keep their natural width within reason.
        for column, limit in ((1, 220), (3, 170), (4, 170), (6, 150), (7, 230)):
            header.resizeSection(column, min(header.sectionSize(column), limit))
        header.setSectionResizeMode(5, QHeaderView.Stretch)

    def select_row(self, row: int) -> None:
        table = self.ui.table
        index = self.model.index(row, 0)
        table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        table.scrollTo(index)

    def selected_rows(self) -> list[QueueRow]:
        rows = sorted({i.row() for i in self.ui.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows]

    def current_row(self) -> QueueRow | None:
        index = self.ui.table.currentIndex()
        if index.isValid() and self.ui.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return self.model.rows[index.row()]
        selected = self.selected_rows()
        return selected[0] if selected else None

    def selected_id(self) -> int | None:
        row = self.current_row()
        return row.id if row else None

    def _selection_changed(self, *_args) -> None:
        self._show_detail(self.current_row())
        self._update_actions()

    def _update_actions(self) -> None:
        ui = self.ui
        choice = self.choice()
        row = self.current_row()
        has_session = choice is not None
        ui.add_button.setEnabled(has_session and choice.planned)
        ui.import_button.setEnabled(has_session and choice.planned)
        ui.edit_button.setEnabled(row is not None)
        position = self.model.rows.index(row) if row is not None else -1
        ui.up_button.setEnabled(position > 0)
        ui.down_button.setEnabled(0 <= position < len(self.model.rows) - 1)
        ui.refuse_button.setEnabled(row is not None and row.state in (RegistrationState.WAITING.value,
                                                                      RegistrationState.SPEAKING.value))
        ui.merge_button.setEnabled(bool(self.model.rows))
        ui.print_button.setEnabled(has_session)
        ui.pdf_button.setEnabled(has_session)

    def _show_detail(self, row: QueueRow | None) -> None:
        if row is None:
            self.ui.detail_view.clear()
            return
        with self.ctx.session() as session:
            reg = session.get(m.Registration, row.id)
            if reg is None:
                return
            facts = [("Năm sinh", reg.birth_year or ""), ("Giới tính", {"nam": "Nam", "nu": "Nữ"}.get(reg.gender, "")),
                     ("Thôn / địa chỉ", row.place), ("Điện thoại", reg.phone), ("CCCD", reg.cccd),
                     ("Đại diện cho", SpeaksFor(reg.speaks_for).label
                      + (f" ({reg.speaks_for_count})" if reg.speaks_for_count else "")),
                     ("Lĩnh vực", row.field),
                     ("Gửi đến", reg.addressed_agency.name if reg.addressed_agency else reg.addressed_to),
                     ("Hình thức", row.channel), ("Ngày nhận", format_date(reg.received_date)),
                     ("Trạng thái", row.state_text)]
            note = reg.refusal_note
        parts = " · ".join(f"{label}: <b>{escape(str(value))}</b>" for label, value in facts if value)
        text = f"<b>{row.order}. {escape(row.name)}</b> — {parts}"
        if note:
            text += f"<br>Ghi chú từ chối: {escape(note)}"
        text += f"<br>{escape(row.content).replace(chr(10), '<br>') or '<i>(không có nội dung)</i>'}"
        self.ui.detail_view.setHtml(text)

    # -- actions -----------------------------------------------------------------------------------------
    def _open(self, dialog, on_accepted) -> None:
        open_dialog(self, dialog, on_accepted, self.ui.table.setFocus)

    def _saved(self, select_id: int | None = None) -> None:
        self.load_queue(select_id)
        self.announce()

    def add(self) -> None:
        choice = self.choice()
        if choice is None or not self.ui.add_button.isEnabled():
            return
        self._open(RegistrationDialog(self.ctx, choice.id, parent=self), lambda d: self._saved(d.saved_id))

    def edit(self) -> None:
        row = self.current_row()
        if row is None or self.session_id is None:
            return
        self._open(RegistrationDialog(self.ctx, self.session_id, row.id, parent=self),
                   lambda d: self._saved(d.saved_id))

    def move_by(self, step: int) -> None:
        row = self.current_row()
        if row is None:
            return
        position = self.model.rows.index(row) + 1 + step  # 1-based place in the queue
        if 1 <= position <= len(self.model.rows):
            self.move_to(row.id, position)

    def move_to(self, registration_id: int, new_order: int) -> None:
        try:
            with self.ctx.session() as session:
                registrations.move(session, registration_id, new_order)
        except DeskAppError as exc:
            show_error(self, exc)
            return
        self._saved(registration_id)

    def refuse(self) -> None:
        row = self.current_row()
        if row is None or not self.ui.refuse_button.isEnabled():
            return
        self._open(RefuseDialog(self.ctx, row.id, parent=self), lambda _d: self._saved(row.id))

    def merge(self) -> None:
        if self.session_id is None:
            return
        selected = [r.id for r in self.selected_rows()]
        self._open(MergeDialog(self.ctx, self.session_id, selected if len(selected) > 1 else [], parent=self),
                   lambda _d: self._saved())

    def import_excel(self) -> None:
        choice = self.choice()
        if choice is None or not self.ui.import_button.isEnabled():
            return
        paths = open_files(self, "Chọn tệp Excel danh sách đăng ký phát biểu", "Tệp Excel (*.xlsx *.xlsm)")
        if not paths:
            return
        dialog = ImportPreviewDialog(self.ctx, choice.id, paths[0], parent=self)

        def imported(d) -> None:
            self._saved()
            show_info(self, f"Đã nhập {d.imported} đăng ký phát biểu từ tệp “{d.path.name}”.")

        self._open(dialog, imported)
        dialog.load()

    def _list_html(self) -> str | None:
        if self.session_id is None:
            return None
        with self.ctx.session() as session:
            return speakers_list_html(session, self.session_id)

    def print_list(self) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        html = self._list_html()
        if html is None:
            return
        document = speakers_document(html)
        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName("Danh sách công dân đăng ký phát biểu")
        printer.setPageMargins(PRINT_MARGINS, QPageLayout.Millimeter)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle("Xem trước khi in – Danh sách công dân đăng ký phát biểu")
        preview.resize(self.window().size() * 0.85)  # the whole toolbar (with Print) in sight
        preview.paintRequested.connect(document.print_)
        preview._keep = (document, printer)  # alive as long as the preview
        self._open(preview, lambda _d: None)

    def export_pdf(self) -> None:
        html = self._list_html()
        choice = self.choice()
        if html is None or choice is None:
            return
        suggested = strip_accents_filename(f"Danh sách đăng ký phát biểu {choice.title}") + ".pdf"
        path = save_file(self, "Xuất danh sách đăng ký phát biểu ra PDF", suggested, "Tệp PDF (*.pdf)")
        if path is None:
            return
        self.ctx.run_task(self, "Đang xuất danh sách ra PDF…", lambda _progress: write_speakers_pdf(html, path),
                          lambda written: after_export(self, written))

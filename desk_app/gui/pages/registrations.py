"""Page "Đăng ký phát biểu": the speaking queue of a session — add, edit, import from Excel, reorder (drag
and drop or Ctrl+↑/Ctrl+↓), merge duplicates, refuse on a regulated ground, print the speakers' list.

The queue is always shown in speaking order (the order is the data here, so the table is not sortable).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QMarginsF, QMimeData, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPageLayout, QShortcut, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QVBoxLayout

from desk_app.domain.errors import DocumentError
from desk_app.domain.states import RegistrationState, SessionStatus
from desk_app.domain.validation import format_date, format_time
from desk_app.gui.common import Column, RowsModel, after_export, load_ui, open_files
from desk_app.gui import palette
from desk_app.gui.context import AppContext, Page, show_info
from desk_app.gui.export_actions import PDF_FILTER, choose_target, file_name
from desk_app.gui.flow import FlowLayout
from desk_app.gui.forms import open_dialog
from desk_app.gui.registration_dialog import ImportPreviewDialog, MergeDialog, RefuseDialog, RegistrationDialog
from desk_app.gui.widgets import fill_session_picker, read_only_table, set_shortcut_bar
from desk_app.services import registrations, sessions
from desk_app.services.registrations import QueueRow

_GREY = QColor(palette.MUTED)
_RED = QColor(palette.ERROR)
_MIME = "application/x-desk-app-registration"


# -- the queue -----------------------------------------------------------------------------------------------

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
            Column("TT", lambda r: r.order or "", align=Qt.AlignRight),  # refused or merged: no number
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

def speakers_list_html(listed: registrations.SpeakersList) -> str:
    """The speakers' list as HTML (title, session, a table in speaking order). No CCCD or phone number: the
    list is read out and posted in the hall."""
    when = listed.when
    head = f"<p align='center' style='font-size:11pt'><b>{escape(listed.commune.upper())}</b></p>"
    title = (f"<p align='center' style='font-size:14pt'><b>DANH SÁCH CÔNG DÂN ĐĂNG KÝ PHÁT BIỂU</b></p>"
             f"<p align='center'><i>{escape(listed.title)}</i><br>Thời gian: {format_time(when)}, ngày "
             f"{format_date(when.date())}" + (f" – Địa điểm: {escape(listed.place)}" if listed.place else "") + "</p>")
    cells = "".join(f"<th width='{w}%'>{h}</th>" for h, w in (
        ("TT", 6), ("Họ và tên", 18), ("Năm sinh", 9), ("Thôn, tổ dân phố", 14), ("Lĩnh vực", 13),
        ("Nội dung đăng ký phát biểu", 40)))
    body = []
    for speaker in listed.speakers:
        speaks_for = f"<br><i>(Đại diện {escape(speaker.speaks_for)})</i>" if speaker.speaks_for else ""
        body.append(
            f"<tr><td align='center'>{speaker.number}</td><td>{escape(speaker.citizen_name)}{speaks_for}</td>"
            f"<td align='center'>{speaker.birth_year or ''}</td><td>{escape(speaker.place)}</td>"
            f"<td>{escape(speaker.field)}</td><td>{escape(speaker.content).replace(chr(10), '<br>')}</td></tr>")
    if not body:
        body.append("<tr><td colspan='6' align='center'><i>Chưa có công dân đăng ký phát biểu.</i></td></tr>")
    table = (f"<table border='1' cellspacing='0' cellpadding='4' width='100%' style='border-collapse:collapse'>"
             f"<thead><tr>{cells}</tr></thead>{''.join(body)}</table>")
    total = f"<p>Tổng số: {len(listed.speakers)} công dân đăng ký phát biểu.</p>"
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

FIT_ROWS = 60  # rows whose texts size the columns (names and hamlets of a long queue are alike)


class RegistrationsPage(Page):
    key = "registrations"
    title = "Đăng ký phát biểu"
    watches = frozenset({"registrations", "sessions", "minutes", "catalog"})

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
        self.choices: list[sessions.SessionChoice] = []
        self.dialog = None  # the dialog now open (tests reach it here)
        ui = self.ui
        # the rows wrap on a narrow window (1366 pixels at 125 %, the largest font) instead of widening the page
        FlowLayout.replace(ui.session_row)
        FlowLayout.replace(ui.actions_row)
        self.model = QueueModel(self)
        self.model.move_requested.connect(self.move_to)
        table = ui.table
        read_only_table(table, self.model, stretch=5)
        # columns sized on the first rows only: measuring 2,000 speakers' texts froze the window for a second
        table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        table.setSelectionMode(QAbstractItemView.ExtendedSelection)  # several rows to merge
        header = table.horizontalHeader()
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
        set_shortcut_bar(ui.shortcut_bar, (
            ("Ctrl+N", "Thêm"), ("Enter", "Sửa"), ("Ctrl+↑ / Ctrl+↓", "Đổi thứ tự"), ("Ctrl+R", "Từ chối"),
            ("Ctrl+G", "Gộp trùng"), ("Ctrl+I", "Nhập từ Excel"), ("Ctrl+P", "In"), ("Ctrl+Shift+P", "Xuất PDF")))
        ui.empty_label.setStyleSheet(palette.style(palette.MUTED))
        ui.detail_view.setPlaceholderText("Chọn một dòng để xem đầy đủ thông tin đăng ký.")
        self._update_actions()

    # -- data --------------------------------------------------------------------------------------------
    def activate(self, arg: object = None) -> None:
        super().activate(arg)
        if isinstance(arg, int):
            self.select_session(arg)
        self.ui.table.setFocus()

    def reload(self) -> None:
        current = self.session_id
        with self.ctx.session() as session:
            self.choices = sessions.choices(session)
        fill_session_picker(self.ui.session_combo, self.choices, current)
        self.load_queue()

    @property
    def session_id(self) -> int | None:
        return self.ui.session_combo.currentData()

    def choice(self) -> sessions.SessionChoice | None:
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
                rows = registrations.queue_rows(session, self.session_id)
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
        facts = [("Năm sinh", row.birth_year or ""), ("Giới tính", row.gender), ("Thôn / địa chỉ", row.place),
                 ("Điện thoại", row.phone), ("CCCD", row.cccd), ("Đại diện cho", row.speaks_for),
                 ("Lĩnh vực", row.field), ("Gửi đến", row.addressed_to), ("Hình thức", row.channel),
                 ("Ngày nhận", format_date(row.received_date)), ("Trạng thái", row.state_text)]
        parts = " · ".join(f"{label}: <b>{escape(str(value))}</b>" for label, value in facts if value)
        text = f"<b>{f'{row.order}. ' if row.order else ''}{escape(row.name)}</b> — {parts}"
        if row.refusal_note:
            text += f"<br>Ghi chú từ chối: {escape(row.refusal_note)}"
        text += f"<br>{escape(row.content).replace(chr(10), '<br>') or '<i>(không có nội dung)</i>'}"
        self.ui.detail_view.setHtml(text)

    # -- actions -----------------------------------------------------------------------------------------
    def _open(self, dialog, on_accepted) -> None:
        open_dialog(self, dialog, on_accepted, self.ui.table.setFocus)

    def _saved(self, select_id: int | None = None) -> None:
        """A dialog saved: this page shows it, the others (the live minutes) hear of it."""
        self.load_queue(select_id)
        self.changed("registrations")

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
        if self.write(lambda session: registrations.move(session, registration_id, new_order), "registrations"):
            self.load_queue(registration_id)

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
            return speakers_list_html(registrations.speakers_list(session, self.session_id))

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
        path = choose_target(self, "Xuất danh sách đăng ký phát biểu ra PDF",
                             file_name("Danh sach dang ky phat bieu", choice.title, suffix=".pdf"), PDF_FILTER)
        if path is None:
            return
        self.ctx.run_task(self, "Đang xuất danh sách ra PDF…", lambda _progress: write_speakers_pdf(html, path),
                          lambda written: after_export(self, written))

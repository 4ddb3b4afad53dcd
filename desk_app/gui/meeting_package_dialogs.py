"""The window's entries for the meeting away from the office (menu Hội nghị), over
:mod:`desk_app.services.meeting_package`:

- :func:`take_out` — "Mang đi hội nghị…": the session in view (or the one picked) written to one package file;
- :func:`open_package` — "Mở gói hội nghị…" on the laptop: the file is checked, then the program reopens on it
  (the main window's ``reopen_requested``; as ``desk-app --db FILE``);
- :func:`bring_back` — "Nhập kết quả hội nghị…" on the office computer: a dry run first (in the worker), its
  counts and the conflicts side by side in :class:`ImportDialog`, where the clerk decides each record; then
  the import, all or nothing, and every page hears of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from desk_app.domain.errors import DeskAppError, ValidationError
from desk_app.domain.states import Host, SessionStatus
from desk_app.domain.validation import format_date
from desk_app.gui import palette
from desk_app.gui.common import Column, RowsModel, after_export, open_files
from desk_app.gui.context import TOPICS, AppContext, ask, show_error, show_info
from desk_app.gui.export_actions import choose_target, file_name
from desk_app.gui.forms import FormDialog, open_dialog
from desk_app.gui.widgets import fill_combo, fill_session_picker, read_only_table, select_data
from desk_app.services import meeting_package, sessions
from desk_app.services.meeting_merge import Conflict
from desk_app.services.meeting_package import ImportResult

PACKAGE_FILTER = "Gói hội nghị (*.sqlite3);;Mọi tệp (*)"
SIDES = {"office": "Văn phòng", "laptop": "Máy xách tay"}
UNDECIDED = "(chưa chọn)"


# -- taking a session out ----------------------------------------------------------------------------------

class TakeOutDialog(FormDialog):
    form_name, title, accept_text = "meeting_take_out", "Mang đi hội nghị", "Chọn nơi &lưu gói…"

    def __init__(self, ctx: AppContext, session_id: int | None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.session_id: int | None = None
        with ctx.session() as session:
            choices = [c for c in sessions.choices(session, first=(SessionStatus.IN_PROGRESS,))
                       if c.status != SessionStatus.CANCELLED.value]
        fill_session_picker(self.form.session_combo, choices, session_id)
        self.resize(720, 300)
        self.form.session_combo.setFocus()

    def apply(self) -> None:
        chosen = self.form.session_combo.currentData()
        if chosen is None:
            raise ValidationError({"session_id": "Hãy chọn cuộc đối thoại mang đi hội nghị."})
        self.session_id = chosen


def take_out(window) -> None:
    """"Mang đi hội nghị…": which session (the one in view first), where to, then the package in the worker."""
    ctx = window.ctx
    open_dialog(window, TakeOutDialog(ctx, window.session_in_view(), window), lambda d: _write_package(window, d))


def _write_package(window, dialog: TakeOutDialog) -> None:
    ctx, session_id = window.ctx, dialog.session_id
    with ctx.session() as session:
        ds = sessions.get_session(session, session_id)
        name = file_name("Goi hoi nghi", format_date(ds.session_date), Host(ds.host).label, suffix=".sqlite3")
    target = choose_target(window, "Lưu gói hội nghị", name, PACKAGE_FILTER)
    if target is None:
        return

    def work(progress) -> Path:
        progress.report(0, 0, "Đang ghi gói hội nghị…")
        with ctx.database.session(read_only=True) as session:  # the worker's own unit of work
            return meeting_package.export_package(session, session_id, target)

    def done(path: Path) -> None:
        after_export(window, path, f"Đã ghi gói hội nghị:\n{path}\n\nChép tệp này sang máy xách tay; trên máy xách "
                                   "tay chọn Hội nghị → Mở gói hội nghị… Sau hội nghị mang tệp về và chọn Hội nghị → "
                                   "Nhập kết quả hội nghị… trên máy này.")

    ctx.run_task(window, "Mang đi hội nghị", work, done, cancellable=False)


# -- opening a package on the laptop -------------------------------------------------------------------------

def open_package(window) -> None:
    """"Mở gói hội nghị…": the file is checked and named, then the program reopens on it."""
    files = open_files(window, "Mở gói hội nghị", PACKAGE_FILTER)
    if not files:
        return
    try:
        info = meeting_package.read_package(files[0])
    except DeskAppError as exc:
        show_error(window, exc)
        return
    if ask(window, f"Mở gói hội nghị của {info.commune_name}:\n“{info.session_title}”\n(mang đi lúc "
                   f"{info.exported_at:%H:%M} ngày {format_date(info.exported_at.date())}, người mang đi: "
                   f"{info.exported_by}).\n\nChương trình sẽ mở lại và làm việc trên tệp này: đăng ký tại cửa, "
                   "biên bản trực tiếp, màn hình hội trường. Dữ liệu thường ngày của máy này không thay đổi. Sau "
                   "hội nghị, mang tệp về văn phòng để nhập kết quả.", "Mở gói hội nghị"):
        window.reopen_requested.emit(str(files[0]))


# -- bringing the result back ----------------------------------------------------------------------------------

@dataclass
class ConflictRow:
    """One field of a record changed on both sides, and the clerk's decision for the whole record."""

    conflict: Conflict
    first: bool  # the record's first field (its name is shown once)
    decision: str | None = None

    @property
    def key(self):
        return self.conflict.key


class ImportDialog(FormDialog):
    """What the package brings (the dry run's counts), the conflicts side by side, a decision for each record.
    Accepted: ``decisions`` for import_result."""

    form_name, title, accept_text = "meeting_import", "Nhập kết quả hội nghị", "&Nhập kết quả"

    def __init__(self, ctx: AppContext, preview: ImportResult, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.preview = preview
        self.decisions: dict = {}
        f = self.form
        info = preview.package
        f.package_text.setText(
            f"Gói hội nghị <b>{escape(info.path.name)}</b> của {escape(info.commune_name)}: "
            f"<b>{escape(info.session_title)}</b>, mang đi lúc {info.exported_at:%H:%M} ngày "
            f"{format_date(info.exported_at.date())} (người mang đi: {escape(info.exported_by)}). Chưa có gì thay đổi: "
            "dữ liệu văn phòng chỉ được cập nhật khi bấm “Nhập kết quả”, tất cả hoặc không gì cả.")
        counts = RowsModel([Column("Loại bản ghi", lambda r: r[0][:1].upper() + r[0][1:]),
                            Column("Số bản ghi", lambda r: r[1], align=Qt.AlignRight)], self)
        counts.set_rows(preview.counts)
        read_only_table(f.counts_table, counts, selectable=False, stretch=0, compact=True)
        f.counts_table.setMaximumWidth(420)
        every_row = f.counts_table.verticalHeader().length() + f.counts_table.horizontalHeader().height() + 4
        f.counts_table.setFixedHeight(every_row)  # all kinds at once, no scrolling
        notes = list(preview.not_brought_back)
        if not preview.conflicts and not any(count for _, count in preview.counts):
            notes.insert(0, "Gói này không có gì mới: kết quả của nó đã được nhập trước đây.")
        f.notes_text.setText("\n\n".join(f"• {n[:1].upper() + n[1:]}." if not n.endswith(".") else f"• {n}"
                                         for n in notes))
        self.rows = [ConflictRow(c, i == 0 or c.key != preview.conflicts[i - 1].key or
                                 c.record != preview.conflicts[i - 1].record)
                     for i, c in enumerate(preview.conflicts)]
        self.model = RowsModel([
            Column("Bản ghi", lambda r: r.conflict.record if r.first else ""),
            Column("Trường", lambda r: r.conflict.field),
            Column("Ở văn phòng", lambda r: r.conflict.office_value),
            Column("Trên máy xách tay", lambda r: r.conflict.laptop_value),
            Column("Giữ bản của", self._decision_text, foreground=self._decision_colour)], self)
        self.model.set_rows(self.rows)
        read_only_table(f.conflicts_table, self.model, stretch=3, wrap=True)
        for column, width in ((0, 300), (1, 160), (2, 220), (4, 140)):
            f.conflicts_table.setColumnWidth(column, width)
        f.conflicts_table.resizeRowsToContents()
        f.conflicts_table.selectionModel().currentRowChanged.connect(self._row_changed)
        f.decision_combo.activated.connect(self._decision_chosen)
        f.all_office_button.clicked.connect(lambda: self._decide_all("office"))
        f.all_laptop_button.clicked.connect(lambda: self._decide_all("laptop"))
        decidable = [r for r in self.rows if r.conflict.choices]
        records = len({(r.key, r.conflict.record) for r in self.rows})
        f.conflicts_label.setText(
            f"&Xung đột: {records} bản ghi đã được sửa cả ở văn phòng và trên máy xách tay. Chọn từng bản ghi rồi "
            "chọn giữ bản nào (văn phòng hay máy xách tay); không có gì bị ghi đè khi chưa chọn." if records else
            "Không có xung đột: không bản ghi nào được sửa cả ở văn phòng và trên máy xách tay.")
        for widget in (f.conflicts_table, f.decision_label, f.decision_combo, f.all_office_button,
                       f.all_laptop_button):
            widget.setVisible(bool(self.rows))
        f.all_laptop_button.setEnabled(any("laptop" in r.conflict.choices for r in decidable))
        self.resize(1100, 680 if self.rows else 420)
        if self.rows:
            f.conflicts_table.selectRow(0)
            f.conflicts_table.setFocus()
        else:
            self.accept_button.setFocus()

    # -- decisions ------------------------------------------------------------------------------------------
    def _record_rows(self, row: ConflictRow) -> list[ConflictRow]:
        return [r for r in self.rows if r.key == row.key and r.conflict.record == row.conflict.record]

    def _decision_text(self, row: ConflictRow) -> str:
        if not row.first:
            return ""
        if not row.conflict.choices:
            return "Văn phòng (đã xóa)"
        return SIDES.get(row.decision, UNDECIDED)

    def _decision_colour(self, row: ConflictRow):
        return QColor(palette.WARNING) if row.first and row.conflict.choices and row.decision is None else None

    def current_row(self) -> ConflictRow | None:
        index = self.form.conflicts_table.currentIndex()
        return self.rows[index.row()] if index.isValid() else None

    def _row_changed(self, *_args) -> None:
        row = self.current_row()
        combo = self.form.decision_combo
        if row is None:
            return
        options = [(SIDES[c], c) for c in row.conflict.choices]
        fill_combo(combo, options, None if not options else UNDECIDED, quiet=True)
        combo.setEnabled(bool(options))
        combo.setCurrentIndex(max(combo.findData(row.decision), 0))
        combo.setToolTip("" if options else "Văn phòng đã xóa bản ghi này: thay đổi trên máy xách tay không nhập được.")

    def _decision_chosen(self, _index: int) -> None:
        row = self.current_row()
        if row is not None:
            self.decide(row, self.form.decision_combo.currentData())

    def decide(self, row: ConflictRow, side: str | None) -> None:
        """The clerk keeps ``side``'s copy ("office", "laptop", None: not decided) of the row's record."""
        if side is not None and side not in row.conflict.choices:
            return
        for other in self._record_rows(row):
            other.decision = side
        self.model.layoutChanged.emit()
        self.form.decisions_error.clear()
        if self.current_row() is not None and self.current_row().key == row.key:
            select_data(self.form.decision_combo, side)  # the choice below the table says it too

    def _decide_all(self, side: str) -> None:
        for row in self.rows:
            if row.first:
                self.decide(row, side if side in row.conflict.choices else "office" if row.conflict.choices else None)
        self._row_changed()

    def undecided(self) -> int:
        return sum(1 for r in self.rows if r.first and r.conflict.choices and r.decision is None)

    def apply(self) -> None:
        left = self.undecided()
        if left:
            raise ValidationError({"decisions": f"Còn {left} bản ghi xung đột chưa chọn giữ bản của văn phòng hay "
                                                "của máy xách tay."})
        self.decisions = {r.key: r.decision for r in self.rows if r.first and r.decision is not None}


def bring_back(window) -> None:
    """"Nhập kết quả hội nghị…": the file, the dry run, the clerk's decisions, then the import."""
    files = open_files(window, "Nhập kết quả hội nghị", PACKAGE_FILTER)
    if files:
        preview_import(window, files[0])


def preview_import(window, path: Path) -> None:
    ctx = window.ctx

    def work(progress) -> ImportResult:
        progress.report(0, 0, "Đang đọc gói hội nghị…")
        return ctx.database.run(lambda session: meeting_package.import_result(session, path, dry_run=True))

    def show(preview: ImportResult) -> None:
        open_dialog(window, ImportDialog(ctx, preview, window), lambda d: _import(window, path, d.decisions))

    ctx.run_task(window, "Nhập kết quả hội nghị", work, show, cancellable=False)


def _import(window, path: Path, decisions: dict) -> None:
    ctx = window.ctx

    def work(progress) -> ImportResult:
        progress.report(0, 0, "Đang nhập kết quả hội nghị…")
        # one unit of work: all or nothing (again if it raced another writer on the shared server)
        return ctx.database.run(lambda session: meeting_package.import_result(session, path, decisions=decisions))

    def done(result: ImportResult) -> None:
        for topic in TOPICS:
            ctx.changed(topic)
        written = [f"{name}: {count}" for name, count in result.counts if count]
        text = ("Đã nhập kết quả hội nghị “" + result.package.session_title + "”.\n\n" +
                ("\n".join(written) if written else "Không có gì thay đổi."))
        if result.conflicts:
            records = len({(c.key, c.record) for c in result.conflicts})
            text += (f"\n\nCòn {records} bản ghi xung đột (văn phòng giữ bản của mình; nhập lại gói này để chọn "
                     "lại).")
        show_info(window, text, "Nhập kết quả hội nghị")

    ctx.run_task(window, "Nhập kết quả hội nghị", work, done, cancellable=False)

"""Báo cáo: the yearly report (the clerk's four texts, autosaved by gui.autosave; a preview of its figures, export to Word), the Excel
summary sent upward, and — for the superior level — the consolidation of many communes' summaries.

The three forms are Designer files (``ui/reports_annual.ui``, ``reports_summary.ui``,
``reports_consolidate.ui``) shown as tabs; the work is done by the documents layer on the worker thread
(``ctx.run_task``), each task with its own database session. The report's charts are drawn here on the
main thread first (Qt draws only there) and handed to the export as PNGs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QListWidgetItem, QTabWidget, QVBoxLayout, QWidget

from desk_app.domain import clock
from desk_app.domain.errors import DeskAppError, ValidationError
from desk_app.domain.text import clean_text
from desk_app.domain.validation import format_date
from desk_app.gui import palette
from desk_app.gui.autosave import Autosave
from desk_app.gui.common import Column, RowsModel, after_export, load_ui, open_files, open_folder
from desk_app.gui.context import Page, ask, show_error, show_info
from desk_app.gui.export_actions import EXCEL_FILTER, FILE_STEMS, choose_target, file_name, run_export
from desk_app.gui.widgets import FieldErrors, FiguresTable, connect_while, read_only_table
from desk_app.services import report_texts, statistics

USED, SKIPPED = "Đã tổng hợp", "Bỏ qua"
SKIPPED_COLOUR = QColor(palette.ERROR)


class ReportsPage(Page):
    key = "reports"
    title = "Báo cáo"

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        heading = QLabel("Báo cáo", self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("report_tabs")
        self.tabs.setToolTip("Ctrl+Tab: sang thẻ kế tiếp")
        layout.addWidget(self.tabs, 1)
        self.annual = load_ui("reports_annual", self.tabs)
        self.summary = load_ui("reports_summary", self.tabs)
        self.consolidation = load_ui("reports_consolidate", self.tabs)
        self.tabs.addTab(self.annual, "&Báo cáo năm")
        self.tabs.addTab(self.summary, "Bảng tổng hợp &Excel")
        self.tabs.addTab(self.consolidation, "Tổng hợp nhiều &xã")
        self.tabs.setTabToolTip(0, "Báo cáo kết quả tiếp xúc, đối thoại trong năm (Alt+B)")
        self.tabs.setTabToolTip(1, "Bảng tổng hợp Excel gửi cấp trên (Alt+E)")
        self.tabs.setTabToolTip(2, "Gộp bảng tổng hợp của nhiều xã — dành cho cấp trên (Alt+X)")
        self._build_annual()
        self._build_summary()
        self._build_consolidation()

    def activate(self, arg: object = None) -> None:
        if isinstance(arg, int) and 2000 <= arg <= 2100:  # another page may ask for a year's report
            self.tabs.setCurrentWidget(self.annual)
            self.annual.year.setValue(arg)
        super().activate(arg)

    def reload(self) -> None:
        self._load_texts()
        self._show_preview()

    # -- (a) the yearly report -------------------------------------------------------------------------------
    def _build_annual(self) -> None:
        form = self.annual
        form.year.setValue(clock.today().year)
        # one yearly report per reporting body (001 Điều 9.3c, 13.3c): its own and its joint sessions
        for body, label in (("ubnd", "UBND xã (thể thức hành chính)"), ("hdnd", "HĐND xã (thể thức hành chính)"),
                            ("dang_uy", "Đảng ủy xã (thể thức của Đảng)")):
            form.format.addItem(label, body)
        form.format.currentIndexChanged.connect(lambda _index: self._show_preview())
        self.editors = {key: getattr(form, key) for key in report_texts.KEYS}
        self.text_errors = FieldErrors({key: getattr(form, f"{key}_error") for key in report_texts.KEYS})
        for editor in self.editors.values():
            editor.textChanged.connect(self._texts_edited)
        self.preview = FiguresTable(form.previewBox)
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName("Số liệu đưa vào báo cáo")
        form.previewLayout.addWidget(self.preview, 1)
        QWidget.setTabOrder(form.exportButton, self.preview)
        form.saveButton.clicked.connect(lambda: self.save_texts())
        form.exportButton.clicked.connect(self.export_report)
        form.year.valueChanged.connect(self._year_changed)
        self._texts_year = form.year.value()  # the year the editors hold
        self._dirty = False
        self._autosave = Autosave(lambda: self.save_texts(quiet=True), self)
        connect_while(self, QApplication.instance().focusChanged, self._focus_changed)

    def _texts_edited(self) -> None:
        self._dirty = True
        self.annual.savedState.setText("Chưa lưu thay đổi")
        self.annual.savedState.setStyleSheet(palette.style(palette.WARNING))
        self._autosave.changed()  # saved within 2 s, also while the clerk types on

    def flush_texts(self) -> bool:
        """The texts into the database now, if any is unsaved (the focus left them, the page is left)."""
        return self._autosave.flush() if self._dirty else True

    def _focus_changed(self, old, _new) -> None:
        if old in self.editors.values():
            self.flush_texts()

    def hideEvent(self, event) -> None:  # noqa: N802 — another page, or the window closes
        self.flush_texts()
        super().hideEvent(event)

    def _set_clean(self, text: str) -> None:
        self._dirty = False
        self.annual.savedState.setToolTip("")
        self.annual.savedState.setText(text)
        self.annual.savedState.setStyleSheet(palette.style(palette.SUCCESS))

    def _year_changed(self, year: int) -> None:
        if self._dirty and self._texts_year != year and not self.save_texts(self._texts_year, quiet=True):
            # the texts cannot be saved as they are (the problem is shown under the box)
            question = (f"Nội dung báo cáo năm {self._texts_year} chưa lưu được (xem thông báo dưới ô nhập). "
                        f"Bỏ các thay đổi đó và chuyển sang năm {year}?")
            if not ask(self, question):
                self.annual.year.blockSignals(True)
                self.annual.year.setValue(self._texts_year)  # stay where the problem is shown
                self.annual.year.blockSignals(False)
                return
            self._dirty = False
            self._autosave.discard()
        self._load_texts()
        self._show_preview()

    def _load_texts(self) -> None:
        if self._dirty:  # another page's change must never wipe what the clerk is typing
            return
        year = self.annual.year.value()
        try:
            with self.ctx.session() as session:
                texts = report_texts.load(session, year)
        except DeskAppError as exc:
            show_error(self, exc)
            return
        for key, editor in self.editors.items():
            # unchanged text (also the same but for the spaces a save trims) keeps the clerk's cursor
            if clean_text(editor.toPlainText(), multiline=True) != texts[key]:
                editor.blockSignals(True)
                editor.setPlainText(texts[key])
                editor.blockSignals(False)
        if year != self._texts_year:
            self._texts_year = year
            self.text_errors.clear()
            self._set_clean("")

    def save_texts(self, year: int | None = None, *, quiet: bool = False) -> bool:
        """Save the four texts (of the year the editors hold); problems are shown under their box. ``quiet``
        (the autosave): no dialog while the clerk types, the problem is said beside the save button."""
        year = self._texts_year if year is None else year
        texts = {key: editor.toPlainText() for key, editor in self.editors.items()}
        try:
            self.ctx.write(lambda session: report_texts.save(session, year, texts))
        except ValidationError as exc:
            rest = self.text_errors.show(exc.errors)
            if rest and not quiet:
                show_error(self, ValidationError(" ".join(rest)))
            self._unsaved(" ".join(rest) or exc.message)
            return False
        except DeskAppError as exc:
            if not quiet:
                show_error(self, exc)
            self._unsaved(exc.message)
            return False
        self.text_errors.clear()
        self._autosave.discard()
        self._set_clean(f"Đã lưu lúc {dt.datetime.now():%H:%M:%S}")
        self.changed("documents")  # no reload here: the clerk's cursor stays where it is
        return True

    def _unsaved(self, message: str) -> None:
        """Keep the text on screen and say it is not saved, with the reason in the tooltip."""
        self.annual.savedState.setText("Chưa lưu được")
        self.annual.savedState.setToolTip(message)
        self.annual.savedState.setStyleSheet(palette.style(palette.ERROR))

    def _show_preview(self) -> None:
        """The report's figures, computed in the worker (a large year takes seconds); the newest request
        wins when the year is changed again meanwhile."""
        year = self.annual.year.value()
        today = clock.today()
        self.annual.previewNote.setText(f"Đang tính số liệu năm {year}…")

        def show(stats) -> None:
            self.preview.set_statistics(stats, with_compliance=True)
            self.annual.previewNote.setText(
                f"{stats.period.label}, tính đến ngày {format_date(today)}; quy định áp dụng: "
                f"{stats.profile_name}. Báo cáo có thêm bảng các cuộc đối thoại, bảng theo lĩnh vực, hai biểu "
                "đồ và phụ lục danh sách kiến nghị.")

        self.load_in_worker(lambda _progress: self._statistics(year, today), show)

    def _statistics(self, year: int, today) -> statistics.Statistics:
        body = self.annual.format.currentData()
        with self.ctx.read_session() as session:  # the worker's own unit of work, reading only
            return statistics.compute(session, statistics.Period.year(year), today, body=body)

    def export_report(self) -> None:
        if self._dirty and not self.save_texts():
            return
        year, body = self.annual.year.value(), self.annual.format.currentData()
        path = choose_target(self, "Xuất báo cáo năm", file_name(FILE_STEMS["annual-report"], str(year), body.upper()))
        if path is None:
            return
        from desk_app.documents.export import report_chart_pngs

        def draw(stats) -> None:  # QtCharts draws on the main thread only; the rest is the worker's
            try:
                pngs = report_chart_pngs(stats)
            except DeskAppError as exc:
                show_error(self, exc)
                return
            run_export(self, self.ctx, "annual-report", path, title="Xuất báo cáo năm", year=year, body=body,
                       chart_images=pngs)

        today = clock.today()
        self.ctx.run_task(self, "Xuất báo cáo năm", lambda _p: self._statistics(year, today), draw,
                          cancellable=False)

    # -- (b) the Excel summary -------------------------------------------------------------------------------
    def _build_summary(self) -> None:
        self.summary.year.setValue(clock.today().year)
        self.summary.exportButton.clicked.connect(self.export_summary)

    def export_summary(self) -> None:
        year = self.summary.year.value()
        path = choose_target(self, "Xuất bảng tổng hợp", file_name("Bang tong hop", str(year), suffix=".xlsx"),
                             EXCEL_FILTER)
        if path is None:
            return
        database = self.ctx.database

        def work(progress):
            from desk_app.documents.summary import write_summary  # openpyxl: on first use, in the worker

            def report(done: int, total: int) -> None:
                progress.check()  # Hủy: stop; the file is written atomically, so nothing is left behind
                progress.report(done, total, f"Đang ghi danh sách kiến nghị ({done}/{total})…")

            progress.report(0, 0, f"Đang tính số liệu năm {year}…")
            with database.session() as session:
                return write_summary(session, statistics.Period.year(year), path, progress=report)

        def done(written) -> None:
            self.summary.lastResult.setText(f"Đã xuất bảng tổng hợp năm {year}: {written}")
            after_export(self, Path(written), f"Đã xuất bảng tổng hợp năm {year}:\n{written}")

        self.ctx.run_task(self, "Xuất bảng tổng hợp", work, done)

    # -- (c) consolidation of many communes --------------------------------------------------------------
    def _build_consolidation(self) -> None:
        form = self.consolidation
        form.year.setValue(clock.today().year)
        form.yearCheck.toggled.connect(form.year.setEnabled)
        form.addFilesButton.clicked.connect(self.add_input_files)
        form.addFolderButton.clicked.connect(self.add_input_folder)
        form.removeButton.clicked.connect(self.remove_inputs)
        form.clearButton.clicked.connect(form.inputs.clear)
        form.consolidateButton.clicked.connect(self.run_consolidation)
        remove = QShortcut(QKeySequence.Delete, form.inputs)
        remove.setContext(Qt.WidgetShortcut)  # only in the list: Delete still edits the year box
        remove.activated.connect(self.remove_inputs)
        self.results_model = RowsModel([
            Column("Tệp", lambda r: r.path.name, tooltip=lambda r: str(r.path)),
            Column("Kết quả", lambda r: USED if r.ok else SKIPPED,
                   foreground=lambda r: None if r.ok else QBrush(SKIPPED_COLOUR)),
            Column("Lý do bỏ qua", lambda r: r.reason, tooltip=lambda r: r.reason),
            Column("Thư mục", lambda r: str(r.path.parent), tooltip=lambda r: str(r.path.parent)),
        ], self)
        read_only_table(form.results, self.results_model, sortable=True, stretch=2, compact=True)

    def input_paths(self) -> list[Path]:
        inputs = self.consolidation.inputs
        return [Path(inputs.item(row).data(Qt.UserRole)) for row in range(inputs.count())]

    def add_inputs(self, paths: list[Path]) -> None:
        known = set(self.input_paths())
        for path in paths:
            if path in known:
                continue
            known.add(path)
            item = QListWidgetItem(f"{path}  (thư mục: mọi tệp .xlsx)" if path.is_dir() else str(path))
            item.setData(Qt.UserRole, str(path))
            item.setToolTip(str(path))
            self.consolidation.inputs.addItem(item)

    def add_input_files(self) -> None:
        self.add_inputs(open_files(self, "Chọn bảng tổng hợp của các xã", f"{EXCEL_FILTER};;Mọi tệp (*)",
                                   many=True))

    def add_input_folder(self) -> None:
        folder = open_folder(self, "Chọn thư mục chứa bảng tổng hợp của các xã")
        if folder is not None:
            self.add_inputs([folder])

    def remove_inputs(self) -> None:
        inputs = self.consolidation.inputs
        for item in inputs.selectedItems():
            inputs.takeItem(inputs.row(item))

    def run_consolidation(self) -> None:
        form = self.consolidation
        inputs = self.input_paths()
        if not inputs:
            show_info(self, "Hãy thêm ít nhất một tệp hoặc một thư mục cần tổng hợp.", "Chưa chọn tệp")
            form.addFilesButton.setFocus()
            return
        year = form.year.value() if form.yearCheck.isChecked() else None
        target = choose_target(self, "Lưu bảng tổng hợp các xã",
                               file_name("Tong hop cac xa", str(year or ""), suffix=".xlsx"), EXCEL_FILTER)
        if target is None:
            return
        task = []
        from desk_app.documents import consolidate as consolidation

        def work(progress):
            return consolidation.consolidate(
                inputs, target, year=year, cancelled=lambda: progress.cancelled,
                progress=lambda done, total: progress.report(done, total, f"Đã đọc {done}/{total} tệp…"))

        def done(result) -> None:
            self._show_results(result)
            skipped = len(result.skipped)
            after_export(self, target, f"Đã tổng hợp {result.used}/{len(result.inputs)} tệp vào:\n{target}",
                         [f"Bỏ qua {skipped} tệp; lý do ghi trong bảng kết quả."] if skipped else [])

        def failed(exc: BaseException) -> None:
            if isinstance(exc, consolidation.NothingToConsolidate):
                self._show_results(exc.result)
            elif task and task[0].progress.cancelled:
                form.resultLabel.setText("Kết quả: đã hủy tổng hợp, chưa ghi tệp nào.")
                return
            show_error(self, exc)

        task.append(self.ctx.run_task(self, "Tổng hợp nhiều xã", work, done, on_error=failed))

    def _show_results(self, result) -> None:
        self.results_model.set_rows(result.inputs)
        table = self.consolidation.results
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(1)
        skipped = len(result.skipped)
        where = f" vào {result.target}" if result.target else ""
        self.consolidation.resultLabel.setText(
            f"Kết quả: đã tổng hợp {result.used}/{len(result.inputs)} tệp{where}"
            + (f"; bỏ qua {skipped} tệp (lý do ở cột “Lý do bỏ qua”)." if skipped else "."))

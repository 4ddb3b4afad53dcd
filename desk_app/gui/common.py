"""Small building blocks every page uses: Designer forms, Vietnamese sorting, table models, file dialogs.
(The widget kit — tables, error labels, combo boxes — is :mod:`desk_app.gui.widgets`.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import (QAbstractTableModel, QCollator, QDate, QLocale, QModelIndex, QSortFilterProxyModel, Qt,
                            QUrl)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from desk_app.domain.validation import format_date
from desk_app.store.paths import shipped_dir

VI_LOCALE = QLocale(QLocale.Vietnamese, QLocale.Vietnam)
SORT_ROLE = Qt.UserRole + 1
ROW_ROLE = Qt.UserRole + 2


UI_DIR = shipped_dir("ui")
# Every form of ui/ the program loads (a test compares it with the folder and with the names in the code);
# ``gui --smoke-test`` loads each one.
FORMS = (
    "catalog_agency", "catalog_commune", "catalog_named", "catalog_official", "conclusion_page", "export_number",
    "followup_assign",
    "followup_extend", "followup_filters", "followup_not_competent", "followup_reopen", "followup_resolve",
    "followup_transfer", "live_end", "live_page", "live_petition", "live_start", "live_times", "live_walkin",
    "meeting_import", "meeting_take_out",
    "registrations_form", "registrations_import", "registrations_merge", "registrations_page",
    "registrations_refuse", "reports_annual", "reports_consolidate", "reports_summary", "sessions_date_dialog",
    "sessions_form", "sessions_page", "settings_day", "settings_display", "settings_profile", "settings_templates",
    "wizard_commune", "wizard_hamlets", "wizard_heads", "wizard_profile", "wizard_start",
)


def _load_form(name: str, parent: QWidget | None) -> tuple[QWidget | None, str]:
    """(the form, "") or (None, what is wrong with it, in Vietnamese)."""
    from PySide6.QtCore import QFile, QIODevice
    from PySide6.QtUiTools import QUiLoader

    path = UI_DIR / f"{name}.ui"
    file = QFile(str(path))
    if not file.open(QIODevice.ReadOnly):
        return None, f"thiếu biểu mẫu {path}"
    try:
        widget = QUiLoader().load(file, parent)
    except RuntimeError:  # PySide's answer to a file that is not a form ("Unable to open/read ui device")
        widget = None
    finally:
        file.close()
    return (widget, "") if widget is not None else (None, f"biểu mẫu {path} bị hỏng")


def load_ui(name: str, parent: QWidget | None = None) -> QWidget:
    """A form drawn in Qt Designer (``ui/<name>.ui``); its named widgets are attributes of the result."""
    widget, problem = _load_form(name, parent)
    if widget is None:
        from desk_app.domain.errors import InstallationError

        raise InstallationError(f"Chương trình bị cài đặt thiếu: {problem}. Hãy cài đặt lại chương trình.")
    return widget


def form_problems() -> list[str]:
    """Load every form once (the smoke test): what is missing or damaged, in Vietnamese (empty: all good)."""
    problems = []
    for name in FORMS:
        widget, problem = _load_form(name, None)
        if widget is None:
            problems.append(problem)
        else:
            widget.deleteLater()
    return problems


def collator() -> QCollator:
    """Vietnamese order for names and texts (a, ă, â, b, c, d, đ …)."""
    result = QCollator(VI_LOCALE)
    result.setCaseSensitivity(Qt.CaseInsensitive)
    result.setNumericMode(True)
    return result


def qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate()


def pydate(value: QDate) -> dt.date | None:
    return dt.date(value.year(), value.month(), value.day()) if value.isValid() else None


def display(value: Any) -> str:
    """How a value reads in a table: dates dd/mm/yyyy, times HH:MM, booleans Có/Không."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


class Column:
    """A table column: its header, how to get the value from a row, optional colour and alignment."""

    def __init__(self, header: str, get: Callable[[Any], Any], *, align: Qt.AlignmentFlag | None = None,
                 foreground: Callable[[Any], Any] | None = None, tooltip: Callable[[Any], str] | None = None,
                 width: int | None = None):
        self.header, self.get, self.align = header, get, align
        self.foreground, self.tooltip, self.width = foreground, tooltip, width


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows (plain objects); sorting goes through :class:`SortProxy`."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, index: int) -> Any:
        return self.rows[index]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.DisplayRole:
            return display(column.get(row))
        if role == SORT_ROLE:
            value = column.get(row)
            return value if isinstance(value, (int, float)) and not isinstance(value, bool) else display(value) \
                if not isinstance(value, dt.date) else value.isoformat()
        if role == ROW_ROLE:
            return row
        if role == Qt.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and column.foreground is not None:
            return column.foreground(row)
        if role == Qt.ToolTipRole:
            return column.tooltip(row) if column.tooltip else display(column.get(row))
        return None


class SortProxy(QSortFilterProxyModel):
    """Sorts text the Vietnamese way (QCollator), numbers and dates by value."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._collator = collator()
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left, right) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


# -- files ------------------------------------------------------------------------------------------------

def _dialog(parent, title: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title)
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)  # Qt's own dialog: Vietnamese on every Windows
    # its labels said outright: Qt's own words for them change between versions ("&Look in:", "&Choose")
    dialog.setLabelText(QFileDialog.LookIn, "&Tìm trong:")
    dialog.setLabelText(QFileDialog.FileType, "&Loại tệp:")
    dialog.setLabelText(QFileDialog.Reject, "Hủy")
    dialog.setNameFilters([f for f in filters.split(";;") if f])
    return dialog


def save_file(parent, title: str, suggested: str, filters: str) -> Path | None:
    dialog = _dialog(parent, title, filters)
    dialog.setAcceptMode(QFileDialog.AcceptSave)
    dialog.setLabelText(QFileDialog.Accept, "&Lưu")
    dialog.setLabelText(QFileDialog.FileName, "Tên &tệp:")
    dialog.selectFile(suggested)
    suffix = Path(suggested).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    return Path(dialog.selectedFiles()[0]) if dialog.exec() else None


def open_files(parent, title: str, filters: str, *, many: bool = False) -> list[Path]:
    dialog = _dialog(parent, title, filters)
    dialog.setFileMode(QFileDialog.ExistingFiles if many else QFileDialog.ExistingFile)
    dialog.setLabelText(QFileDialog.Accept, "&Mở")
    dialog.setLabelText(QFileDialog.FileName, "Tên &tệp:")
    return [Path(p) for p in dialog.selectedFiles()] if dialog.exec() else []


def open_folder(parent, title: str) -> Path | None:
    dialog = _dialog(parent, title, "")
    dialog.setFileMode(QFileDialog.Directory)
    dialog.setOption(QFileDialog.ShowDirsOnly, True)
    dialog.setLabelText(QFileDialog.Accept, "&Chọn")
    dialog.setLabelText(QFileDialog.FileName, "Thư &mục:")
    return Path(dialog.selectedFiles()[0]) if dialog.exec() else None


def open_path(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def after_export(parent, path: Path, text: str | None = None, warnings: Sequence[str] = ()) -> None:
    """"Đã xuất …" with Mở tệp / Mở thư mục / Đóng."""
    message = text or f"Đã xuất tệp:\n{path}"
    if warnings:
        message += "\n\n" + "\n".join(warnings)
    box = QMessageBox(QMessageBox.Information, "Đã xuất", message, QMessageBox.NoButton, parent)
    open_file = box.addButton("Mở tệp", QMessageBox.AcceptRole)
    open_dir = box.addButton("Mở thư mục", QMessageBox.ActionRole)
    box.addButton("Đóng", QMessageBox.RejectRole)
    box.exec()
    if box.clickedButton() is open_file:
        open_path(path)
    elif box.clickedButton() is open_dir:
        open_path(path.parent)


def button(text: str, slot: Callable | None = None, *, shortcut: str | None = None,
           parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    if slot is not None:
        widget.clicked.connect(slot)
    if shortcut:
        widget.setShortcut(shortcut)
        widget.setToolTip(f"{text} ({shortcut})")
    return widget

"""No English reaches a clerk: every page, menu and the standard dialogs are walked for English words."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDialog, QGroupBox, QLabel, QLineEdit, QPlainTextEdit,
                               QTableView, QTabWidget, QTextEdit, QTreeView, QWidget)

# Words of Qt's defaults and of a careless programmer; a Vietnamese text never contains them.
ENGLISH = {
    "ok", "cancel", "close", "save", "open", "apply", "reset", "help", "yes", "no", "delete", "remove", "add", "edit",
    "new", "file", "search", "name", "date", "status", "type", "size", "settings", "export", "import", "print",
    "back", "next", "finish", "previous", "browse", "select", "filter", "clear", "refresh", "loading", "error",
    "warning", "title", "total", "year", "start", "stop", "pause", "resume", "submit", "details", "show", "hide",
    "untitled", "none", "true", "false", "item", "column", "row", "label", "button", "textlabel", "pushbutton",
    "checkbox", "groupbox", "tab", "page", "form", "dialog", "window", "the", "and", "of", "to", "is", "not",
}
ALLOWED = {"Excel", "Word", "PDF", "CCCD", "MTTQ", "HĐND", "UBND", "Ctrl", "Shift", "Alt", "Enter", "Esc", "Tab",
           "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "Del", "Home", "End", "Up",
           "Down", "Left", "Right", "PgUp", "PgDown", "Space", "Backspace", "Ins", "xlsx", "docx", "pdf"}
WORD = re.compile(r"[^\W\d_]+")  # whole words: "Toàn" is one Vietnamese word, not "To" + "n"


PATH = re.compile(r"\S*[/\\]\S*")  # file paths are the clerk's own names, not program text


def english_words(text: str) -> list[str]:
    clean = PATH.sub(" ", (text or "").replace("&", ""))
    return [w for w in WORD.findall(clean) if w.isascii() and w not in ALLOWED and w.lower() in ENGLISH]


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a person may read under ``root``."""
    found: list[tuple[str, str]] = []

    def add(widget, text):
        if text:
            found.append((f"{type(widget).__name__} {widget.objectName()}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        add(widget, widget.windowTitle() if widget.isWindow() else "")
        add(widget, widget.toolTip())
        if isinstance(widget, QAbstractButton):
            add(widget, widget.text())
        elif isinstance(widget, QLabel):
            add(widget, widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            add(widget, widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, widget.itemText(i))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, widget.tabText(i))
        header = (widget.horizontalHeader() if isinstance(widget, QTableView)
                  else widget.header() if isinstance(widget, QTreeView) else None)
        if header is not None and widget.model() is not None:
            for column in range(header.count()):
                add(widget, str(widget.model().headerData(column, Qt.Horizontal, Qt.DisplayRole) or ""))
        for action in widget.actions():
            add(widget, action.text())
            add(widget, action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")
    return found


def offenders(root: QWidget) -> list[str]:
    return [f"{where}: {text!r}" for where, text in visible_texts(root) if english_words(text)]


def test_the_check_finds_english(gui_app, qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    layout = QVBoxLayout(widget)
    layout.addWidget(QPushButton("Cancel"))
    layout.addWidget(QLabel("Tên người kiến nghị"))
    assert offenders(widget) == ["QPushButton : 'Cancel'"]


def test_every_page_and_menu_is_vietnamese(window, qtbot):
    from desk_app.gui.main_window import PAGES

    for key, *_rest in PAGES:
        window.show_page(key)
        qtbot.wait(10)
    problems = offenders(window)
    for menu_action in window.menuBar().actions():
        problems += [f"menu: {a.text()}" for a in menu_action.menu().actions() if english_words(a.text())]
    assert problems == []


def test_standard_dialogs_are_vietnamese(gui_app, qtbot):
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog, QWizard

    file_dialog = QFileDialog(None, "Chọn tệp")
    file_dialog.setOption(QFileDialog.DontUseNativeDialog, True)
    message = QMessageBox(QMessageBox.Question, "Xác nhận", "Tiếp tục?",
                          QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel)
    message.setDetailedText("Chi tiết")
    progress = QProgressDialog("Đang xuất…", "Hủy", 0, 10)
    wizard = QWizard()
    wizard.setWindowTitle("Thiết lập")
    input_dialog = QInputDialog()
    input_dialog.setWindowTitle("Nhập")
    input_dialog.setLabelText("Lý do")
    for dialog in (file_dialog, message, progress, wizard, input_dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert offenders(dialog) == [], type(dialog).__name__
        dialog.hide()


def test_dialogs_of_the_pages_are_vietnamese(window, qtbot):
    """Every QDialog a page builds up front (or keeps) is walked too."""
    from desk_app.gui.main_window import PAGES

    for key, *_rest in PAGES:
        window.show_page(key)
    for dialog in window.findChildren(QDialog):
        assert offenders(dialog) == [], dialog.objectName()

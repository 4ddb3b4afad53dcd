"""Trợ giúp: the user guide, offline, in a window of its own; F1 opens the part of the page being used.

The guide is one Markdown file, ``docs/huong-dan-su-dung.md`` (the same text in the repository and in the
program: the folder travels with it like ``ui/`` and ``resources/``), with its pictures beside it. Qt reads
Markdown itself; each page of the window has a section headed by the page's title.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desk_app.store.paths import shipped_dir

GUIDE = "huong-dan-su-dung.md"
WINDOW_TITLE = "Hướng dẫn sử dụng"


def guide_path():
    return shipped_dir("docs") / GUIDE


class HelpWindow(QDialog):
    """The guide in a browser that follows its links; not modal: the clerk reads it beside the work."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(False)
        path = guide_path()
        self.browser.setSearchPaths([str(path.parent)])
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.MarkdownResource)
        else:  # an incomplete installation: say so instead of an empty window
            self.browser.setPlainText("Không tìm thấy tệp hướng dẫn sử dụng của chương trình "
                                      f"({path}). Hãy cài đặt lại chương trình.")
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(900, screen.width() - 80) if screen else 900, min(700, screen.height() - 80) if screen else 700)

    def show_section(self, heading: str | None) -> bool:
        """Scroll to the section headed ``heading`` (a page's title); False when the guide has none."""
        if not heading:
            self.browser.moveCursor(QTextCursor.Start)
            return True
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and block.text().strip() == heading:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                # the heading at the top of the view, not just somewhere visible
                bar = self.browser.verticalScrollBar()
                bar.setValue(bar.maximum())
                self.browser.ensureCursorVisible()
                return True
            block = block.next()
        return False

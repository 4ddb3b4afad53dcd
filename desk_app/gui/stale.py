"""When a save is refused because another clerk saved the same record first (services.common.check_version):
say who and when, offer to reload, and never lose what this clerk typed — it stays on screen (in the page,
or in a small window of its own when the page reloads) to be copied."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desk_app.domain.errors import ConflictError
from desk_app.gui.context import ask

TITLE = "Đã có người khác sửa"


class TypedTextWindow(QDialog):
    """What the clerk had typed, read-only, beside the reloaded page: select and copy what is still wanted."""

    def __init__(self, parent: QWidget | None, text: str, what: str):
        super().__init__(parent)
        self.setWindowTitle(f"Nội dung bạn đã gõ – {what} (chưa lưu)")
        self.setAttribute(Qt.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        note = QLabel("Bản mới nhất đã được tải lại. Đây là nội dung bạn đã gõ nhưng chưa lưu: chép phần cần "
                      "giữ vào ô soạn rồi lưu lại.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(self)
        copy = buttons.addButton("&Sao chép tất cả", QDialogButtonBox.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.addButton("Đóng", QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(560, 360)


def offer_reload(parent: QWidget, exc: ConflictError, typed: str = "", what: str = "") -> bool:
    """The refusal (who saved, when) and the question; True when the clerk wants the newest copy shown.
    ``typed`` (the text the page is about to replace) then stays open in a :class:`TypedTextWindow`."""
    keep = (" Nội dung bạn đã gõ được giữ lại trong một cửa sổ riêng để sao chép." if typed.strip() else "")
    question = (f"{exc.message}\n\nTải lại bản mới nhất?{keep}\nChọn “Không” để giữ nguyên màn hình như bạn "
                "đang sửa.")
    if not ask(parent, question, TITLE):
        return False
    if typed.strip():
        window = TypedTextWindow(parent, typed, what or "bản ghi")
        parent.typed_text_window = window  # reachable (tests, and kept alive while open)
        window.show()
    return True

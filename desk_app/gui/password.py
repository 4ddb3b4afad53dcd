"""The password that opens the program: the prompt at start and the controls in Cài đặt."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from desk_app.domain.errors import DeskAppError
from desk_app.gui.widgets import FieldErrors
from desk_app.services import access


def _password_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.Password)
    return field


class PasswordDialog(QDialog):
    """"Nhập mật khẩu": accepted only with the right password (wrong attempts slowed down)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Mở chương trình")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Chương trình có đặt mật khẩu. Hãy nhập mật khẩu để mở."))
        self.field = _password_field(self)
        self.field.setPlaceholderText("Mật khẩu")
        self.error = QLabel(self)
        self.errors = FieldErrors({"password": self.error})
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("&Mở")
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_open(self) -> None:
        try:
            typed = self.field.text()
            ok = self.ctx.write(lambda session: access.check_password(session, typed))
        except DeskAppError as exc:
            self.errors.show(getattr(exc, "errors", None) or {"password": exc.message})
            return
        if ok:
            self.accept()
        else:
            self.errors.show({"password": "Mật khẩu không đúng."})
            self.field.selectAll()


def ask_password(ctx) -> bool:
    """True when no password is set or the right one was typed."""
    with ctx.session() as session:
        if not access.is_set(session):
            return True
    return PasswordDialog(ctx).exec() == QDialog.Accepted


class PasswordSettings(QGroupBox):
    """Set, change or remove the password (Cài đặt)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__("Mật khẩu mở chương trình", parent)
        self.ctx = ctx
        self.setMaximumWidth(720)  # a password form, not a page-wide one
        form = QFormLayout(self)
        self.state = QLabel(self)
        self.old = _password_field(self)
        self.new = _password_field(self)
        self.again = _password_field(self)
        self.old_error, self.new_error = QLabel(self), QLabel(self)
        self.errors = FieldErrors({"old": self.old_error, "new": self.new_error})
        form.addRow(self.state)
        form.addRow("Mật khẩu &hiện tại:", self.old)
        form.addRow("", self.old_error)
        form.addRow("Mật khẩu &mới:", self.new)
        form.addRow("&Nhập lại mật khẩu mới:", self.again)
        form.addRow("", self.new_error)
        self.save_button = QPushButton("Đặt / đổi mật khẩu", self)
        self.remove_button = QPushButton("Bỏ mật khẩu", self)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        form.addRow(self.save_button, self.remove_button)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.session() as session:
            on = access.is_set(session)
        self.state.setText("Đang dùng mật khẩu khi mở chương trình." if on else
                           "Chưa đặt mật khẩu: ai dùng máy này cũng mở được chương trình.")
        self.old.setEnabled(on)
        self.remove_button.setEnabled(on)
        for field in (self.old, self.new, self.again):
            field.clear()

    def save(self) -> bool:
        self.errors.clear()
        if self.new.text() != self.again.text():
            self.errors.show({"new": "Hai lần nhập mật khẩu mới không giống nhau."})
            return False
        try:
            new, old = self.new.text(), self.old.text()
            self.ctx.write(lambda session: access.set_password(session, new, old))
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese, never a traceback
            self.errors.report(self, exc)
            return False
        self.ctx.changed("settings")
        self.refresh()
        self.state.setText("Đã đặt mật khẩu; lần mở sau chương trình sẽ hỏi mật khẩu.")
        return True

    def remove(self) -> bool:
        self.errors.clear()
        try:
            old = self.old.text()
            self.ctx.write(lambda session: access.remove_password(session, old))
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese, never a traceback
            self.errors.report(self, exc)
            return False
        self.ctx.changed("settings")
        self.refresh()
        return True

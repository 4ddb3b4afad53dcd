"""Dialogs built on one base: a Designer form, a title, an accept button, and :meth:`FormDialog.apply`, which
does the work through the services.

What goes wrong is said in one place (:meth:`FormDialog.submit`): a ValidationError beside its fields (the
form's ``<field>_error`` labels, the rest in ``general_error``); an edit based on a copy another clerk has
saved since (ConflictError) is refused with who and when, what was typed stays, and on request the newest
copy is loaded (:meth:`FormDialog.reload`) so the action can be confirmed on it; anything else in Vietnamese.

A new dialog: a ``.ui`` form (a QWidget) in ``ui/``, then a subclass naming it, with ``__init__`` filling
the form and ``apply`` calling the service with ``self.base_version``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.domain import clock
from desk_app.domain.errors import ConflictError, ValidationError
from desk_app.gui.common import VI_LOCALE, load_ui, pydate, qdate
from desk_app.gui.context import AppContext, ask, error_text
from desk_app.gui.inputs import clear_when_changed, retype_after_select_all, typed_values
from desk_app.gui.stale import offer_reload
from desk_app.gui.widgets import FieldErrors, warning_label


def open_dialog(owner: QWidget, dialog: QDialog, on_accepted: Callable[[QDialog], None],
                after: Callable[[], None] | None = None) -> None:
    """Window-modal without blocking (the meeting's timer keeps running, tests can drive it): the dialog is
    ``owner.dialog`` while open; ``on_accepted(dialog)`` runs after a success, ``after()`` in any case."""
    owner.dialog = dialog

    def finished(result: int) -> None:
        owner.dialog = None
        owner.window().activateWindow()  # the keyboard goes back to the page at once
        if result:
            on_accepted(dialog)
        dialog.deleteLater()
        if after is not None:
            after()

    dialog.finished.connect(finished)
    dialog.open()


class FormDialog(QDialog):
    """``form_name``: the Designer form (``ui/<form_name>.ui``); ``title``; ``accept_text`` ("" for the
    standard Lưu button); ``reject_text`` ("" for Hủy); ``aliases``: service field → the form's field where
    their names differ; ``what``: what is edited, named when another clerk's save refuses this one;
    ``ask_before_discard``: Hủy, Esc or closing the window asks first when something was typed."""

    form_name = ""
    title = ""
    accept_text = ""
    reject_text = ""
    aliases: dict[str, str] = {}
    what = "bản ghi"
    ask_before_discard = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, title: str = "", accept_text: str = "",
                 reject_text: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.base_version: int | None = None  # the version of the record the form was filled from
        self.form = load_ui(self.form_name, self)
        self.setWindowTitle(title or self.title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(self)
        accept_text = accept_text or self.accept_text
        if accept_text:
            self.accept_button: QPushButton = self.buttons.addButton(accept_text, QDialogButtonBox.AcceptRole)
        else:
            self.accept_button = self.buttons.addButton(QDialogButtonBox.Save)
        self.accept_button.setDefault(True)
        self.accept_button.setToolTip(f"{self.accept_button.text().replace('&', '')} (Ctrl+Enter)")
        cancel = self.buttons.addButton(QDialogButtonBox.Cancel)
        if reject_text or self.reject_text:  # "Hủy" alone is ambiguous in a dialog that cancels something
            cancel.setText(reject_text or self.reject_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)
        self.errors = FieldErrors.of(self.form, self.aliases)
        clear_when_changed(self.errors, self.form)  # a fixed field's error goes at once
        retype_after_select_all(self.form)
        self._filled: tuple | None = None  # the inputs as the dialog was first shown

    def showEvent(self, event) -> None:  # noqa: N802 — Qt's name
        if self._filled is None:
            self._filled = typed_values(self.form)
        super().showEvent(event)

    def reject(self) -> None:
        """Hủy, Esc, the window's close: what was typed is thrown away only once the clerk says so."""
        if (self.ask_before_discard and self._filled is not None and typed_values(self.form) != self._filled
                and not ask(self, "Những gì đã nhập trong cửa sổ này chưa được lưu. Bỏ đi và đóng cửa sổ?",
                            self.windowTitle())):
            return
        super().reject()

    # -- what a subclass says ----------------------------------------------------------------------------
    def apply(self) -> None:
        """Do the work through the services (raising their errors); the dialog closes when it returns."""

    def typed(self) -> str:
        """The long text the clerk typed, kept in a window of its own if the newest copy replaces it."""
        return ""

    def reload(self) -> int | None:
        """Another clerk saved first and the newest copy was asked for: show it; returns its version."""
        return self.base_version

    # -- one path for every outcome ------------------------------------------------------------------------
    def submit(self) -> bool:
        self.errors.clear()
        try:
            self.apply()
        except ValidationError as exc:
            rest = self.errors.show(exc.errors)
            if rest:
                self.errors.message("\n".join(rest)) or _show_error(self, exc)
            self.errors.focus_first(exc.errors, self.form)
            return False
        except ConflictError as exc:
            # nothing is overwritten; the dialog stays open with what was typed; on request the newest copy is
            # shown (behind it) and the action can be confirmed on that
            if offer_reload(self, exc, self.typed(), self.what):
                self.base_version = self.reload()
            return False
        except Exception as exc:  # noqa: BLE001 — a Vietnamese message, never a traceback (unexpected: logged)
            if not self.errors.message(error_text(exc)):
                _show_error(self, exc)
            return False
        self.accept()
        return True


def _show_error(parent: QWidget, exc: BaseException) -> None:
    from desk_app.gui.context import show_error

    show_error(parent, exc)


# -- a date and/or a reason, asked before a status change or a deadline override --------------------------

@dataclass
class DialogValues:
    kind: str | None
    date: dt.date | None  # None when "Dùng lại thời hạn tính theo quy định" is ticked
    reason: str


class DateReasonDialog(FormDialog):
    """A date (and the deadline it is for) and/or a reason; ``work(session, values, version)`` does the
    work in one unit of work. ``reload()`` of the caller shows the newest record and returns its version."""

    form_name = "sessions_date_dialog"
    accept_text = "Đồng ý"

    def __init__(self, ctx: AppContext, parent: QWidget, title: str, prompt: str,
                 work: Callable[..., None], *, version: int | None = None,
                 reload: Callable[[], int | None] | None = None, date: dt.date | None = None,
                 ask_date: bool = True, reason_label: str | None = None, kinds: list[tuple[str, str]] | None = None,
                 allow_computed: bool = False, accept_text: str | None = None, reject_text: str | None = None,
                 warn_date: Callable[[dt.date], str] | None = None):
        super().__init__(ctx, parent, title=title, accept_text=accept_text or "", reject_text=reject_text or "")
        self.work, self.base_version, self._reload = work, version, reload
        self.ask_date, self.allow_computed, self.kinds = ask_date, allow_computed, kinds
        f = self.form
        f.promptLabel.setText(prompt)
        f.dateEdit.setLocale(VI_LOCALE)
        f.dateEdit.setDate(qdate(date or clock.today()))
        for widget in (f.kindLabel, f.kindCombo):
            widget.setVisible(bool(kinds))
        for code, label in kinds or []:
            f.kindCombo.addItem(label, code)
        for widget in (f.dateLabel, f.dateEdit):
            widget.setVisible(ask_date)
        f.computedCheck.setVisible(allow_computed)
        f.computedCheck.toggled.connect(lambda on: f.dateEdit.setEnabled(not on))
        for widget in (f.reasonLabel, f.reasonEdit):
            widget.setVisible(reason_label is not None)
        if reason_label:
            f.reasonLabel.setText(reason_label)
        if warn_date is not None:
            # a date allowed but worth a second look (a day off): said under the field as it is typed
            self.date_warning = warning_label(QLabel(self))
            self.date_warning.setObjectName("date_warning")
            f.findChild(QFormLayout, "fields").insertRow(2, "", self.date_warning)

            def check(date) -> None:
                text = "" if f.computedCheck.isChecked() else warn_date(pydate(date))
                self.date_warning.setText(text)
                self.date_warning.setVisible(bool(text))
            f.dateEdit.dateChanged.connect(check)
            f.computedCheck.toggled.connect(lambda _on: check(f.dateEdit.date()))
            check(f.dateEdit.date())
        (f.kindCombo if kinds else f.dateEdit if ask_date else f.reasonEdit).setFocus()
        self.adjustSize()

    def values(self) -> DialogValues:
        f = self.form
        computed = self.allow_computed and f.computedCheck.isChecked()
        return DialogValues(kind=f.kindCombo.currentData() if self.kinds else None,
                            date=None if computed or not self.ask_date else pydate(f.dateEdit.date()),
                            reason=f.reasonEdit.toPlainText())

    def apply(self) -> None:
        values, version = self.values(), self.base_version
        self.ctx.write(lambda session: self.work(session, values, version))

    def typed(self) -> str:
        return self.form.reasonEdit.toPlainText()

    def reload(self) -> int | None:
        return self._reload() if self._reload is not None else self.base_version

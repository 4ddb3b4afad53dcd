"""What the clerk types into a form, as the kit handles it everywhere: an error beside a field goes as soon as
the field is changed (not at the next save); a date or time retyped after Ctrl+A is taken (Qt ignores it);
and whether anything was typed since the form was filled (a dialog asks before throwing it away).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDateTimeEdit, QLabel, QLineEdit,
                               QListWidget, QPlainTextEdit, QTextEdit, QWidget)

if TYPE_CHECKING:
    from desk_app.gui.widgets import FieldErrors


# -- an error goes when its field is changed -----------------------------------------------------------

def _changed_signal(widget: QWidget):
    """The signal a person's change of ``widget`` emits (None for what cannot be typed into)."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, QAbstractSpinBox) and hasattr(widget, "valueChanged"):
        return widget.valueChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    if isinstance(widget, QListWidget):
        return widget.itemSelectionChanged
    return None


def _input_of(form: QWidget, name: str) -> QWidget | None:
    """The input of a form's field ``name``: the buddy of its ``<name>_label``, else a widget named after it."""
    caption = form.findChild(QLabel, f"{name}_label")
    if caption is not None and caption.buddy() is not None:
        return caption.buddy()
    camel = name.split("_")[0] + "".join(part.capitalize() for part in name.split("_")[1:])
    for candidate in (f"{name}_edit", f"{name}_combo", f"{name}_spin", f"{name}_check", f"{name}_list",
                      f"{camel}Edit", f"{camel}Combo", f"{camel}Spin", f"{camel}Check", f"{camel}List"):
        found = form.findChild(QWidget, candidate)
        if found is not None:
            return found
    return None


def clear_when_changed(errors: FieldErrors, form: QWidget) -> None:
    """Each error label of ``errors`` hides as soon as the clerk changes its field's input (the problem is
    being fixed); the other fields' errors stay until the next save."""
    done: set[int] = set()
    for label in errors.labels.values():
        if id(label) in done:
            continue
        done.add(id(label))
        widget = _input_of(form, label.objectName().removesuffix("_error"))
        signal = _changed_signal(widget) if widget is not None else None
        if signal is not None:
            signal.connect(lambda *_args, label=label: label.hide())


# -- dates and times retyped after Ctrl+A -------------------------------------------------------------------

class _RetypeWholeDate(QObject):
    """With the whole text selected, Qt's date edits drop the digits typed: start again at the first part."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() == QEvent.KeyPress and event.text()[:1].isdigit() and isinstance(watched, QDateTimeEdit):
            line = watched.lineEdit()
            if line.hasSelectedText() and line.selectedText() == line.text():
                watched.setSelectedSection(watched.sectionAt(0))
        return False


def retype_after_select_all(root: QWidget) -> None:
    """Every date and time edit under ``root`` takes a date typed over its whole selected text."""
    keeper = root.findChild(_RetypeWholeDate) or _RetypeWholeDate(root)
    for edit in ([root] if isinstance(root, QDateTimeEdit) else []) + root.findChildren(QDateTimeEdit):
        edit.installEventFilter(keeper)


# -- has anything been typed? -------------------------------------------------------------------------------

def typed_values(root: QWidget) -> tuple:
    """What the inputs under ``root`` hold now (compare two of these to know whether the clerk typed)."""
    values = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            values.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)

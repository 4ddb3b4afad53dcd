"""The widget kit every page and dialog uses: read-only tables, the red error text beside a field, combo
boxes filled from (text, data) pairs, the session picker, the shortcut bar, the table of a year's figures.

Colours come from :mod:`desk_app.gui.palette`; a form's error labels follow one naming rule:
``<field>_error`` beside the field's input, ``general_error`` for what belongs to no field.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QFrame, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QScrollArea, QTableView, QWidget)

from desk_app.gui import palette
from desk_app.gui.common import Column, RowsModel, SortProxy, pydate, qdate

if TYPE_CHECKING:
    from desk_app.services.sessions import SessionChoice
    from desk_app.services.statistics import Statistics

ERROR_STYLE = palette.style(palette.ERROR)
GENERAL = "general"  # the error label of a form for the problems of no one field


# -- tables ------------------------------------------------------------------------------------------------

def read_only_table(view: QTableView, model, *, sortable: bool = False, catalogue_order: bool = False,
                    selectable: bool = True, resize: QHeaderView.ResizeMode = QHeaderView.Interactive,
                    stretch: int | None = None, alternate: bool | None = None, compact: bool = False,
                    wrap: bool | None = None,
                    bold_header: bool = True) -> QSortFilterProxyModel | None:
    """A table that shows rows and lets the clerk pick one (never edit in place): one row at a time, no row
    numbers. ``sortable``: a click on a header sorts the Vietnamese way (the proxy is returned);
    ``catalogue_order``: unsorted until a header is clicked. ``stretch``: the column that takes the rest of
    the width (else the last one does); ``compact``: rows one line high; ``alternate`` (rows in two shades)
    and ``wrap`` (long texts on several lines) as the form says when not given; ``bold_header``: the headers
    of the selected row's columns in bold (Qt's way)."""
    proxy = None
    if sortable:
        proxy = SortProxy(view)
        proxy.setSourceModel(model)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        if catalogue_order:
            view.sortByColumn(-1, Qt.AscendingOrder)
    else:
        view.setModel(model)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    if selectable:
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
    else:
        view.setSelectionMode(QAbstractItemView.NoSelection)
        view.setFocusPolicy(Qt.NoFocus)  # nothing to operate
    if alternate is not None:
        view.setAlternatingRowColors(alternate)
    if wrap is not None:
        view.setWordWrap(wrap)
    view.verticalHeader().hide()
    if compact:
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(bold_header)
    header.setSectionResizeMode(resize)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    return proxy


# -- errors beside the fields ------------------------------------------------------------------------------

def error_label(label: QLabel) -> QLabel:
    """Red, wrapped, hidden until it has something to say."""
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def warning_label(label: QLabel) -> QLabel:
    """Amber, wrapped, hidden until it has something to say: allowed, but worth a second look."""
    label.setStyleSheet(palette.style(palette.WARNING))
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, messages: Sequence[str] | str) -> None:
    """``messages`` in ``label`` (one per line), shown only when there is one."""
    text = messages if isinstance(messages, str) else "\n".join(messages)
    label.setText(text)
    label.setVisible(bool(text))


class FieldErrors:
    """A service's ValidationError shown beside the inputs it names: ``labels`` maps the service's field to
    its error label; ``general`` (optional) takes what has no label of its own."""

    def __init__(self, labels: dict[str, QLabel], general: QLabel | None = None):
        self.labels = labels
        self.general = general
        for label in (*labels.values(), *([general] if general is not None else [])):
            error_label(label)

    @classmethod
    def of(cls, form: QWidget, aliases: dict[str, str] | None = None) -> FieldErrors:
        """The form's ``<field>_error`` labels; ``aliases`` name the form's field of a service field whose
        name differs (``{"citizens_attending": "citizens"}``: ``citizens_error`` shows it)."""
        found = {label.objectName().removesuffix("_error"): label for label in form.findChildren(QLabel)
                 if label.objectName().endswith("_error")}
        general = found.pop(GENERAL, None)
        labels = dict(found)
        for service_field, form_field in (aliases or {}).items():
            if form_field in found:
                labels[service_field] = found[form_field]
        return cls(labels, general)

    def clear(self) -> None:
        for label in (*self.labels.values(), *([self.general] if self.general is not None else [])):
            label.clear()
            label.hide()

    def show(self, errors: dict[str, str]) -> list[str]:
        """Each problem beside its field; the others in the general label when there is one, else returned."""
        self.clear()
        rest, used = [], set()
        for field, message in errors.items():
            label = self.labels.get(field)
            if label is None:
                rest.append(message)
                continue
            # two fields may share a label (the start and the end of a meeting): both problems are said
            label.setText(f"{label.text()}\n{message}" if id(label) in used else message)
            label.show()
            used.add(id(label))
        if rest and self.general is not None:
            show_message(self.general, rest)
            return []
        return rest

    def message(self, text: str) -> bool:
        """A problem of no field, in the general label; False when the form has none."""
        if self.general is None:
            return False
        show_message(self.general, text)
        return True

    def report(self, parent: QWidget | None, exc: BaseException) -> None:
        """A failed save: a ValidationError beside its fields, anything else in the general label or, where
        the form has none, in a Vietnamese message box (unexpected errors are logged)."""
        from desk_app.domain.errors import DeskAppError, ValidationError
        from desk_app.gui.context import error_text, show_error

        if isinstance(exc, ValidationError):
            rest = self.show(exc.errors)
            if rest:
                show_error(parent, DeskAppError("\n".join(rest)))
        elif not (isinstance(exc, DeskAppError) and self.message(error_text(exc))):
            show_error(parent, exc)

    def focus_first(self, errors: dict[str, str], form: QWidget) -> None:
        """The keyboard to the input of the first field in error (the buddy of its ``<field>_label``)."""
        for field in errors:
            label = self.labels.get(field)
            if label is None:
                continue
            caption = form.findChild(QLabel, label.objectName().removesuffix("_error") + "_label")
            if caption is not None and caption.buddy() is not None:
                caption.buddy().setFocus()
            return


# -- combo boxes ---------------------------------------------------------------------------------------

_UNCHANGED = object()


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], none_text: str | None = None, *,
               select: Any = _UNCHANGED, tooltips: dict[Any, str] | None = None, quiet: bool = False) -> None:
    """(text, data) items, ``none_text`` first with data None when the choice is optional; ``select``: the
    data to show afterwards (the first item when absent); ``quiet``: no change signal while refilling."""
    blocked = combo.blockSignals(True) if quiet else combo.signalsBlocked()
    try:
        combo.clear()
        if none_text is not None:
            combo.addItem(none_text, None)
        for text, data in items:
            combo.addItem(text, data)
            if tooltips and data in tooltips:
                combo.setItemData(combo.count() - 1, tooltips[data], Qt.ToolTipRole)
        if select is not _UNCHANGED:
            select_data(combo, select)
    finally:
        combo.blockSignals(blocked)


def select_data(combo: QComboBox, data: Any) -> None:
    """Show the item carrying ``data`` (the first item when none does)."""
    combo.setCurrentIndex(max(combo.findData(data), 0))


def fill_session_picker(combo: QComboBox, choices: Sequence[SessionChoice], keep_id: int | None) -> None:
    """The dialogue sessions to pick from (:func:`desk_app.services.sessions.choices`), refilled without a
    change signal; it stays on ``keep_id``, else shows the first. Each item's tooltip is the full title."""
    fill_combo(combo, [(c.text, c.id) for c in choices], tooltips={c.id: c.title for c in choices}, quiet=True)
    combo.blockSignals(True)
    index = combo.findData(keep_id) if keep_id is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if choices else -1))
    combo.blockSignals(False)


AGENCY_ROLE = Qt.UserRole  # an item of a list that stands for an agency of the catalogue: its id


# -- lists the clerk edits: add, remove, reorder from the keyboard ------------------------------------------

class ListEditor(QObject):
    """Insert / Delete / Ctrl+↑ / Ctrl+↓ on a list, plus the matching buttons; ``changed`` after each edit."""

    changed = Signal()

    def __init__(self, view: QListWidget, *, add=None, remove=None, up=None, down=None,
                 new_item: Callable[[], QListWidgetItem | None] | None = None):
        super().__init__(view)
        self.view = view
        self.new_item = new_item
        for key, slot, button in (("Ins", self.add, add), ("Del", self.remove, remove),
                                  ("Ctrl+Up", lambda: self.move(-1), up), ("Ctrl+Down", lambda: self.move(1), down)):
            if key == "Ins" and new_item is None:
                continue
            shortcut = QShortcut(QKeySequence(key), view)
            shortcut.setContext(Qt.WidgetShortcut)
            shortcut.activated.connect(slot)
            if button is not None:
                button.clicked.connect(slot)
        view.itemChanged.connect(lambda _item: self.changed.emit())

    def add(self) -> None:
        item = self.new_item() if self.new_item else None
        if item is None:
            return
        row = self.view.currentRow() + 1 if self.view.currentRow() >= 0 else self.view.count()
        self.view.insertItem(row, item)
        self.view.setCurrentItem(item)
        self.changed.emit()
        if item.flags() & Qt.ItemIsEditable:
            self.view.editItem(item)

    def append(self, item: QListWidgetItem) -> None:
        self.view.addItem(item)
        self.view.setCurrentItem(item)
        self.changed.emit()

    def remove(self) -> None:
        row = self.view.currentRow()
        if row < 0:
            return
        self.view.takeItem(row)
        self.changed.emit()

    def move(self, step: int) -> None:
        row = self.view.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.view.count():
            return
        item = self.view.takeItem(row)
        self.view.insertItem(target, item)
        self.view.setCurrentRow(target)
        self.changed.emit()


def text_item(text: str, *, editable: bool = True, agency_id: int | None = None) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(AGENCY_ROLE, agency_id)
    flags = item.flags() | Qt.ItemIsEditable if editable else item.flags() & ~Qt.ItemIsEditable
    item.setFlags(flags)
    return item


def list_texts(view: QListWidget) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


def set_list_texts(view: QListWidget, texts) -> None:
    view.clear()
    for text in texts:
        view.addItem(text_item(text))


# -- optional dates -----------------------------------------------------------------------------------------

def link_optional_dates(form: QWidget) -> None:
    """An optional date is enabled by the check box named like it (``notifiedCheck`` → ``notifiedEdit``)."""
    for check in form.findChildren(QCheckBox):
        partner = form.findChild(QDateEdit, check.objectName().removesuffix("Check") + "Edit")
        if partner is not None:
            check.toggled.connect(partner.setEnabled)
            partner.setEnabled(check.isChecked())


def set_optional_date(check: QCheckBox, edit: QDateEdit, value: dt.date | None) -> None:
    check.setChecked(value is not None)
    edit.setEnabled(value is not None)
    if value is not None:
        edit.setDate(qdate(value))


def optional_date(check: QCheckBox, edit: QDateEdit) -> dt.date | None:
    return pydate(edit.date()) if check.isChecked() else None


# -- small pieces of a page --------------------------------------------------------------------------------

def page_heading(text: str, parent: QWidget) -> QLabel:
    heading = QLabel(text, parent)
    heading.setStyleSheet("font-size: 14pt; font-weight: bold")
    return heading


def set_shortcut_bar(label: QLabel, keys: Iterable[tuple[str, str]]) -> None:
    """The keys of a page in a band at its bottom: "F2 Mời phát biểu · F5 …" (an item never wraps inside)."""
    label.setText("  ·  ".join(f"<b>{key}</b>&nbsp;{what.replace(' ', '&nbsp;')}" for key, what in keys))
    label.setStyleSheet(f"QLabel {{ background: {palette.SHORTCUT_BAR}; padding: 4px 8px; border-radius: 4px; }}")


# -- a year's figures ---------------------------------------------------------------------------------------

def format_figure(value: float | str | None) -> str:
    """A figure as a person reads it: a decimal comma, a dash when there is nothing to count yet."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")  # thousands separated the Vietnamese way


class FiguresTable(QTableView):
    """Every figure of a year (label, value) in report order: the dashboard's last tab, the report's preview."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model_ = RowsModel([
            Column("Chỉ tiêu", lambda row: row[1]),
            Column("Số liệu", lambda row: format_figure(row[2]), align=Qt.AlignRight),
        ], self)
        read_only_table(self, self.model_, alternate=True, compact=True, stretch=0, wrap=False)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.setAccessibleName("Tất cả số liệu")

    def set_statistics(self, stats: Statistics, with_compliance: bool = False) -> None:
        rows = list(stats.total.items())
        if with_compliance:  # as the report words it: each head, held / required, assessment
            for head in stats.compliance:
                who = f"{head.post_label} {head.official_name}".strip()
                rows.append((f"compliance_{head.post}", f"{who} chủ trì",
                             f"{head.held}/{head.required} cuộc — {head.state_label}"))
        self.model_.set_rows(rows)

    def value_text(self, key: str) -> str:
        return next(format_figure(value) for k, _label, value in self.model_.rows if k == key)


def connect_while(owner: QWidget, signal, slot) -> None:
    """``slot`` connected to a signal of something that outlives ``owner`` (the application's focus changes,
    the context's saves) for as long as ``owner`` exists: a page being closed is never called."""
    from shiboken6 import isValid

    def call(*args) -> None:
        if isValid(owner):  # the focus also moves while the window takes its pages down
            slot(*args)

    def disconnect() -> None:
        try:
            signal.disconnect(call)
        except (RuntimeError, TypeError):  # already gone with the sender
            pass

    signal.connect(call)
    owner.destroyed.connect(disconnect)


class _UpDownScrollArea(QScrollArea):
    """Scrolls up and down only: as wide as its content needs, whatever the font."""

    def minimumSizeHint(self):  # noqa: N802 — Qt's name
        hint = super().minimumSizeHint()
        if self.widget() is not None:
            bar = self.verticalScrollBar().sizeHint().width()
            hint.setWidth(max(hint.width(), self.widget().minimumSizeHint().width() + bar + 2 * self.frameWidth()))
        return hint

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt's name
        if watched is self.widget() and event.type() == QEvent.LayoutRequest:
            self.updateGeometry()  # content added later (a checkbox, a longer text): the width follows
        return super().eventFilter(watched, event)


def scroll_area(parent: QWidget, content: QWidget, name: str = "", *, up_down_only: bool = False) -> QScrollArea:
    """A frameless scroll area around ``content``, which takes the area's width and height when they suffice;
    ``up_down_only``: never sideways (the area is as wide as the content's minimum)."""
    area = _UpDownScrollArea(parent) if up_down_only else QScrollArea(parent)
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    if up_down_only:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area

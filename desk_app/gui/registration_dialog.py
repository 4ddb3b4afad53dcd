"""Dialogs of the "Đăng ký phát biểu" page: add/edit a registration, refuse one, preview an Excel import,
merge duplicates. Layouts are Designer forms in ui/registrations_*.ui; the rules are the services'.

Every dialog is opened with ``open()`` (window-modal, not blocking) so tests can fill and press it; its
``save()``/``apply()`` returns whether the work was done.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)
import shiboken6
from sqlalchemy import select

from desk_app.domain import clock
from desk_app.domain.errors import DeskAppError, ValidationError
from desk_app.domain.states import Channel, RegistrationState, SpeaksFor
from desk_app.gui.common import Column, FieldErrors, RowsModel, load_ui, pydate, qdate
from desk_app.gui.context import AppContext, error_text
from desk_app.services import registrations
from desk_app.services.common import domain_profile, get
from desk_app.services.registrations import RegistrationInput
from desk_app.store import models as m

ERROR_STYLE = "color: #b00020;"


# -- small shared helpers -----------------------------------------------------------------------------------

def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], none_text: str | None = None) -> None:
    """(text, data) items; ``none_text`` first with data None when the choice is optional."""
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for text, data in items:
        combo.addItem(text, data)


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))


def catalogue_items(session, model) -> list[tuple[str, int]]:
    """Active hamlets, fields or agencies in the catalogue's own order (the order the commune chose)."""
    rows = session.scalars(select(model).where(model.active.is_(True)).order_by(model.position, model.id))
    return [(row.name, row.id) for row in rows]


def error_label(label: QLabel) -> QLabel:
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_general(label: QLabel, messages: list[str] | str) -> None:
    text = messages if isinstance(messages, str) else "\n".join(messages)
    label.setText(text)
    label.setVisible(bool(text))


@dataclass
class RegistrationSummary:
    """What the dialogs show of a registration (read inside a database session, used after it closed)."""

    id: int
    order: int
    name: str
    place: str
    content: str
    state: str

    @classmethod
    def of(cls, reg: m.Registration) -> "RegistrationSummary":
        place = reg.hamlet.name if reg.hamlet else reg.address
        return cls(reg.id, reg.queue_order, reg.citizen_name, place, reg.content, reg.state)

    def line(self) -> str:
        parts = [f"{self.order}. {self.name}"]
        if self.place:
            parts.append(self.place)
        return " – ".join(parts)


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


def _dialog_shell(dialog: QDialog, form: QWidget, title: str) -> QDialogButtonBox:
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(form)
    buttons = QDialogButtonBox(dialog)
    layout.addWidget(buttons)
    return buttons


# -- add / edit ---------------------------------------------------------------------------------------------

class RegistrationDialog(QDialog):
    """Thêm / sửa đăng ký phát biểu. ``saved_id`` holds the registration after a successful save."""

    FIELDS = {  # service field key → error label of the form
        "citizen_name": "name_error", "birth_year": "birth_year_error", "gender": "gender_error",
        "cccd": "cccd_error", "phone": "phone_error", "hamlet_id": "hamlet_error", "address": "address_error",
        "speaks_for": "speaks_for_error", "speaks_for_count": "count_error", "field_id": "field_error",
        "channel": "channel_error", "addressed_agency_id": "agency_error", "addressed_to": "addressed_error",
        "received_date": "received_error", "content": "content_error",
    }

    def __init__(self, ctx: AppContext, session_id: int, registration_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.session_id, self.registration_id = ctx, session_id, registration_id
        self.saved_id: int | None = None
        self._version: int | None = None
        self.form = load_ui("registrations_form", self)
        title = "Sửa đăng ký phát biểu" if registration_id else "Thêm đăng ký phát biểu"
        buttons = _dialog_shell(self, self.form, title)
        buttons.setStandardButtons(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.save_button.setToolTip("Lưu đăng ký (Enter)")
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        f = self.form
        self.errors = FieldErrors({key: getattr(f, name) for key, name in self.FIELDS.items()})
        error_label(f.general_error)
        f.received_edit.setMaximumDate(qdate(clock.today()))
        f.speaks_for_combo.currentIndexChanged.connect(self._update_count)
        self._fill_choices()
        if registration_id:
            self._load(registration_id)
        else:
            f.received_edit.setDate(qdate(clock.today()))
        self._update_count()
        self.resize(820, 640)
        f.name_edit.setFocus()

    def _fill_choices(self) -> None:
        f = self.form
        with self.ctx.session() as session:
            hamlets = catalogue_items(session, m.Hamlet)
            fields = catalogue_items(session, m.Field)
            agencies = catalogue_items(session, m.Agency)
        fill_combo(f.gender_combo, [("Nam", "nam"), ("Nữ", "nu")], "Không ghi")
        fill_combo(f.hamlet_combo, hamlets, "(Không chọn — ghi địa chỉ khác)")
        fill_combo(f.field_combo, fields, "(Chưa phân loại)")
        fill_combo(f.agency_combo, agencies, "(Không chọn)")
        fill_combo(f.speaks_for_combo, [(s.label, s.value) for s in SpeaksFor])
        fill_combo(f.channel_combo, [(c.label, c.value) for c in Channel])

    def _load(self, registration_id: int) -> None:
        f = self.form
        with self.ctx.session() as session:
            reg = get(session, m.Registration, registration_id)
            self._version = reg.version
            f.name_edit.setText(reg.citizen_name)
            f.birth_year_edit.setText(str(reg.birth_year) if reg.birth_year else "")
            select_data(f.gender_combo, reg.gender)
            f.cccd_edit.setText(reg.cccd)
            f.phone_edit.setText(reg.phone)
            select_data(f.hamlet_combo, reg.hamlet_id)
            f.address_edit.setText(reg.address)
            select_data(f.speaks_for_combo, reg.speaks_for)
            f.count_spin.setValue(reg.speaks_for_count or 0)
            select_data(f.field_combo, reg.field_id)
            select_data(f.channel_combo, reg.channel)
            select_data(f.agency_combo, reg.addressed_agency_id)
            f.addressed_edit.setText(reg.addressed_to)
            f.received_edit.setDate(qdate(reg.received_date or clock.today()))
            f.content_edit.setPlainText(reg.content)

    def _update_count(self) -> None:
        # The count only means something for a group of households or an organisation.
        counted = self.form.speaks_for_combo.currentData() in (SpeaksFor.HOUSEHOLDS.value,
                                                                SpeaksFor.ORGANISATION.value)
        self.form.count_spin.setEnabled(counted)

    def data(self) -> RegistrationInput:
        f = self.form
        count = f.count_spin.value() if f.count_spin.isEnabled() and f.count_spin.value() > 0 else None
        return RegistrationInput(
            citizen_name=f.name_edit.text(), content=f.content_edit.toPlainText(),
            birth_year=f.birth_year_edit.text(), gender=f.gender_combo.currentData(), cccd=f.cccd_edit.text(),
            phone=f.phone_edit.text(), hamlet_id=f.hamlet_combo.currentData(), address=f.address_edit.text(),
            speaks_for=f.speaks_for_combo.currentData(), speaks_for_count=count,
            field_id=f.field_combo.currentData(), addressed_to=f.addressed_edit.text(),
            addressed_agency_id=f.agency_combo.currentData(), channel=f.channel_combo.currentData(),
            received_date=pydate(f.received_edit.date()))

    def save(self) -> bool:
        self.errors.clear()
        show_general(self.form.general_error, "")
        try:
            with self.ctx.session() as session:
                if self.registration_id:
                    reg = registrations.update_registration(session, self.registration_id, self.data(),
                                                            self._version)
                else:
                    reg = registrations.add_registration(session, self.session_id, self.data())
                self.saved_id = reg.id
        except ValidationError as exc:
            show_general(self.form.general_error, self.errors.show(exc.errors))
            self._focus_first_error(exc.errors)
            return False
        except DeskAppError as exc:
            show_general(self.form.general_error, exc.message)
            return False
        return True

    def _focus_first_error(self, errors: dict) -> None:
        for key, name in self.FIELDS.items():
            if key in errors:
                buddy = getattr(self.form, name.replace("_error", "_label")).buddy()
                if buddy is not None:
                    buddy.setFocus()
                return

    def _on_save(self) -> None:
        if self.save():
            self.accept()


# -- refuse -------------------------------------------------------------------------------------------------

class RefuseDialog(QDialog):
    """Từ chối tiếp xúc, đối thoại on one of the session profile's regulated grounds (never deleted)."""

    def __init__(self, ctx: AppContext, registration_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.registration_id = ctx, registration_id
        self.form = load_ui("registrations_refuse", self)
        buttons = _dialog_shell(self, self.form, "Từ chối tiếp xúc, đối thoại")
        self.refuse_button = buttons.addButton("&Từ chối", QDialogButtonBox.AcceptRole)
        buttons.addButton(QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._on_refuse)
        buttons.rejected.connect(self.reject)
        f = self.form
        self.errors = FieldErrors({"reason_code": f.reason_error, "note": f.note_error})
        error_label(f.general_error)
        with ctx.session() as session:
            reg = get(session, m.Registration, registration_id)
            summary = RegistrationSummary.of(reg)
            profile = domain_profile(reg.session.profile)
            reasons = [(r.text, r.code) for r in profile.refusal_reasons]
            profile_name = reg.session.profile.name
        f.who_label.setText(f"Công dân: <b>{escape(summary.line())}</b><br>Nội dung: {escape(summary.content) or '—'}"
                            f"<br><i>Các trường hợp được từ chối theo {escape(profile_name)}.</i>")
        for text, code in reasons:
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, code)
            f.reasons_list.addItem(item)
        self.resize(680, 460)
        f.reasons_list.setFocus()

    def reason_codes(self) -> list[str]:
        return [self.form.reasons_list.item(r).data(Qt.UserRole) for r in range(self.form.reasons_list.count())]

    def apply(self) -> bool:
        self.errors.clear()
        show_general(self.form.general_error, "")
        # Only a reason the clerk picked (the list's focus marks the first one current, not chosen).
        picked = self.form.reasons_list.selectedItems()
        code = picked[0].data(Qt.UserRole) if picked else ""  # none chosen: the service says which
        try:
            with self.ctx.session() as session:
                registrations.refuse(session, self.registration_id, code, self.form.note_edit.toPlainText())
        except ValidationError as exc:
            show_general(self.form.general_error, self.errors.show(exc.errors))
            return False
        except DeskAppError as exc:
            show_general(self.form.general_error, exc.message)
            return False
        return True

    def _on_refuse(self) -> None:
        if self.apply():
            self.accept()


# -- import from Excel --------------------------------------------------------------------------------------

@dataclass
class PreviewRow:
    row: int | None
    name: str = ""
    birth_year: str = ""
    place: str = ""
    field: str = ""
    phone: str = ""
    content: str = ""
    problem: str = ""


def read_preview(ctx: AppContext, path: Path) -> list[PreviewRow]:
    """Worker thread: the sheet's rows as the preview shows them (its own database session).
    Raises the reader's DocumentError (bad file) or ValidationError (bad rows)."""
    from desk_app.documents.registration_import import read_registrations

    with ctx.database.session() as session:
        rows = read_registrations(session, path)
        names = {model: dict(session.execute(select(model.id, model.name)).all())
                 for model in (m.Hamlet, m.Field)}
        return [PreviewRow(r.row, r.data.citizen_name, str(r.data.birth_year or ""),
                           names[m.Hamlet].get(r.data.hamlet_id, r.data.address),
                           names[m.Field].get(r.data.field_id, ""), r.data.phone, r.data.content)
                for r in rows]


def problem_rows(errors: dict[str, str]) -> list[PreviewRow]:
    """A ValidationError of the reader ({"row7": "Dòng 7: …"}) as table rows, in sheet order."""
    import re

    result = []
    for key, message in errors.items():
        found = re.fullmatch(r"row(\d+)", key)
        number = int(found[1]) if found else None
        text = re.sub(r"^Dòng \d+:\s*", "", message) if found else message
        result.append(PreviewRow(number, problem=text))
    return sorted(result, key=lambda r: (r.row is None, r.row or 0))


class ImportPreviewDialog(QDialog):
    """Nhập đăng ký từ Excel: the rows read (or each row's problem); "Nhập" only when nothing is wrong."""

    ROW_COLUMNS = [
        Column("Dòng", lambda r: r.row, align=Qt.AlignRight), Column("Họ và tên", lambda r: r.name),
        Column("Năm sinh", lambda r: r.birth_year, align=Qt.AlignRight),
        Column("Thôn / địa chỉ", lambda r: r.place), Column("Lĩnh vực", lambda r: r.field),
        Column("Điện thoại", lambda r: r.phone), Column("Nội dung", lambda r: r.content),
    ]
    PROBLEM_COLUMNS = [Column("Dòng", lambda r: r.row, align=Qt.AlignRight),
                       Column("Vấn đề cần sửa trong tệp", lambda r: r.problem)]

    def __init__(self, ctx: AppContext, session_id: int, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.session_id, self.path = ctx, session_id, Path(path)
        self.imported: int | None = None
        self.rows: list[PreviewRow] = []
        self.problems: list[PreviewRow] = []
        self.form = load_ui("registrations_import", self)
        buttons = _dialog_shell(self, self.form, "Nhập đăng ký phát biểu từ Excel")
        self.import_button: QPushButton = buttons.addButton("&Nhập", QDialogButtonBox.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.setToolTip("Nhập tất cả các dòng vào danh sách đăng ký (Alt+N)")
        buttons.addButton(QDialogButtonBox.Close)
        buttons.accepted.connect(self.start_import)
        buttons.rejected.connect(self.reject)
        self.form.file_label.setText(f"Tệp: {self.path}")
        self.form.summary_label.setText("Đang đọc tệp…")
        self.model = RowsModel(self.ROW_COLUMNS, self)
        view = self.form.rows_view
        view.setModel(self.model)
        view.verticalHeader().hide()
        self.resize(980, 540)

    def load(self) -> None:
        """Read the file on the worker thread; the preview fills in when it is done."""
        self.ctx.run_task(self, "Đang đọc tệp Excel…", lambda _progress: read_preview(self.ctx, self.path),
                          self._show_rows, on_error=self._show_problem)

    def _show_rows(self, rows: list[PreviewRow]) -> None:
        if not shiboken6.isValid(self):  # closed while the file was being read
            return
        self.rows, self.problems = rows, []
        self.model.columns = self.ROW_COLUMNS
        self.model.set_rows(rows)
        self.form.summary_label.setStyleSheet("")
        self.form.summary_label.setText(f"Đọc được {len(rows)} dòng hợp lệ. Bấm “Nhập” để thêm tất cả vào cuối "
                                        "danh sách đăng ký của cuộc đối thoại.")
        self.import_button.setEnabled(bool(rows))
        self._fit_columns()
        self.import_button.setFocus()

    def _show_problem(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.rows = []
        if isinstance(exc, ValidationError) and exc.errors:
            self.problems = problem_rows(exc.errors)
            summary = (f"Tệp có {len(self.problems)} dòng không hợp lệ; chưa nhập dòng nào. Hãy sửa các dòng "
                       "dưới đây trong Excel rồi nhập lại.")
        else:
            self.problems = [PreviewRow(None, problem=error_text(exc))]
            summary = "Không đọc được tệp; chưa nhập dòng nào."
        self.model.columns = self.PROBLEM_COLUMNS
        self.model.set_rows(self.problems)
        self.form.summary_label.setStyleSheet(ERROR_STYLE)
        self.form.summary_label.setText(summary)
        self.import_button.setEnabled(False)
        self._fit_columns()
        self.form.rows_view.setFocus()

    def _fit_columns(self) -> None:
        view = self.form.rows_view
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.Stretch)
        view.setWordWrap(bool(self.problems))
        view.resizeRowsToContents()

    def start_import(self) -> None:
        if not self.rows:
            return
        from desk_app.documents.registration_import import import_registrations

        def work(_progress):
            with self.ctx.database.session() as session:
                return import_registrations(session, self.session_id, self.path)

        self.import_button.setEnabled(False)
        self.ctx.run_task(self, "Đang nhập đăng ký phát biểu…", work, self._imported,
                          on_error=self._show_problem)

    def _imported(self, count: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.imported = count
        self.accept()


# -- merge duplicates ---------------------------------------------------------------------------------------

class MergeDialog(QDialog):
    """Gộp đăng ký trùng: the service's suggestions (and the rows the clerk selected), one kept per group."""

    def __init__(self, ctx: AppContext, session_id: int, selected_ids: list[int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        self.selected_ids = list(selected_ids or [])
        self.merged = 0
        self.groups: list[list[RegistrationSummary]] = []
        self.form = load_ui("registrations_merge", self)
        buttons = _dialog_shell(self, self.form, "Gộp đăng ký trùng")
        self.merge_button = buttons.addButton("&Gộp nhóm này", QDialogButtonBox.ActionRole)
        self.merge_button.setToolTip("Gộp các đăng ký khác trong nhóm vào đăng ký được giữ lại (Alt+G)")
        self.merge_button.clicked.connect(self.merge_current)
        buttons.addButton(QDialogButtonBox.Close)
        buttons.rejected.connect(self._close)
        error_label(self.form.general_error)
        self.form.groups_list.currentRowChanged.connect(self._show_group)
        self.resize(820, 500)
        self.reload()
        self.form.groups_list.setFocus()

    def reload(self) -> None:
        with self.ctx.session() as session:
            groups = [[RegistrationSummary.of(r) for r in group]
                      for group in registrations.find_duplicates(session, self.session_id)]
            chosen = []
            for reg_id in self.selected_ids:
                reg = session.get(m.Registration, reg_id)
                if reg is not None and reg.state not in (RegistrationState.MERGED.value,
                                                         RegistrationState.REFUSED.value):
                    chosen.append(RegistrationSummary.of(reg))
        self.groups = []
        lists = self.form.groups_list
        lists.clear()
        if len(chosen) >= 2:
            self.groups.append(chosen)
            lists.addItem(f"Các dòng đang chọn ({len(chosen)})")
        for group in groups:
            self.groups.append(group)
            lists.addItem(f"{group[0].name} ({len(group)} đăng ký)")
        if not self.groups:
            lists.addItem("Không có đăng ký nào nghi trùng")
            lists.item(0).setFlags(Qt.NoItemFlags)
        self.merge_button.setEnabled(bool(self.groups))
        lists.setCurrentRow(0 if self.groups else -1)
        if not self.groups:
            self._show_group(-1)

    def _show_group(self, row: int) -> None:
        members, keep = self.form.members_list, self.form.keep_combo
        members.clear()
        keep.clear()
        if not 0 <= row < len(self.groups):
            return
        for reg in self.groups[row]:
            members.addItem(f"{reg.line()}\n{reg.content or '(không có nội dung)'}")
            keep.addItem(reg.line(), reg.id)

    def merge_current(self) -> bool:
        row = self.form.groups_list.currentRow()
        if not 0 <= row < len(self.groups):
            return False
        keep_id = self.form.keep_combo.currentData()
        show_general(self.form.general_error, "")
        try:
            with self.ctx.session() as session:  # the whole group or nothing
                for reg in self.groups[row]:
                    if reg.id != keep_id:
                        registrations.merge(session, reg.id, keep_id)
        except DeskAppError as exc:
            show_general(self.form.general_error, exc.message)
            return False
        self.merged += len(self.groups[row]) - 1
        self.selected_ids = []
        self.reload()
        return True

    def _close(self) -> None:
        if self.merged:
            self.accept()
        else:
            self.reject()

"""Dialogs of the "Đăng ký phát biểu" page: add/edit a registration, refuse one, preview an Excel import,
merge duplicates. Layouts are Designer forms in ui/registrations_*.ui; the rules are the services'.

Each is a :class:`~desk_app.gui.forms.FormDialog`, opened with ``open_dialog`` (window-modal, not blocking)
so tests can fill and press it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QListWidgetItem, QWidget

from desk_app.domain import clock
from desk_app.domain.errors import ValidationError
from desk_app.domain.states import Channel, SpeaksFor
from desk_app.gui.common import Column, RowsModel, pydate, qdate
from desk_app.gui.context import AppContext, error_text
from desk_app.gui.forms import FormDialog
from desk_app.gui.widgets import ERROR_STYLE, fill_combo, read_only_table, select_data
from desk_app.services import catalog, registrations
from desk_app.services.registrations import RegistrationInput, RegistrationSummary


# -- add / edit ---------------------------------------------------------------------------------------------

class RegistrationDialog(FormDialog):
    """Thêm / sửa đăng ký phát biểu. ``saved_id`` holds the registration after a successful save."""

    form_name = "registrations_form"
    what = "đăng ký phát biểu"
    ask_before_discard = True
    aliases = {"citizen_name": "name", "hamlet_id": "hamlet", "speaks_for_count": "count", "field_id": "field",
               "addressed_agency_id": "agency", "addressed_to": "addressed", "received_date": "received"}

    def __init__(self, ctx: AppContext, session_id: int, registration_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(ctx, parent, title="Sửa đăng ký phát biểu" if registration_id else
                         "Thêm đăng ký phát biểu")
        self.session_id, self.registration_id = session_id, registration_id
        self.saved_id: int | None = None
        self.accept_button.setToolTip("Lưu đăng ký (Enter)")
        f = self.form
        f.received_edit.setMaximumDate(qdate(clock.today()))
        f.speaks_for_combo.currentIndexChanged.connect(self._update_count)
        self._fill_choices()
        if registration_id:
            self.reload()
        else:
            f.received_edit.setDate(qdate(clock.today()))
        self._update_count()
        self.resize(820, 640)
        f.name_edit.setFocus()

    def _fill_choices(self) -> None:
        f = self.form
        with self.ctx.session() as session:
            hamlets = catalog.active_items(session, "hamlets")
            fields = catalog.active_items(session, "fields")
            agencies = catalog.active_items(session, "agencies")
        fill_combo(f.gender_combo, [("Nam", "nam"), ("Nữ", "nu")], "Không ghi")
        fill_combo(f.hamlet_combo, hamlets, "(Không chọn — ghi địa chỉ khác)")
        fill_combo(f.field_combo, fields, "(Chưa phân loại)")
        fill_combo(f.agency_combo, agencies, "(Không chọn)")
        fill_combo(f.speaks_for_combo, [(s.label, s.value) for s in SpeaksFor])
        fill_combo(f.channel_combo, [(c.label, c.value) for c in Channel])

    def reload(self) -> int | None:
        """The stored registration in the form (at first, and after another clerk saved it)."""
        f = self.form
        with self.ctx.session() as session:
            data, version = registrations.registration_input(session, self.registration_id)
        f.name_edit.setText(data.citizen_name)
        f.birth_year_edit.setText(str(data.birth_year) if data.birth_year else "")
        select_data(f.gender_combo, data.gender)
        f.cccd_edit.setText(data.cccd)
        f.phone_edit.setText(data.phone)
        select_data(f.hamlet_combo, data.hamlet_id)
        f.address_edit.setText(data.address)
        select_data(f.speaks_for_combo, data.speaks_for)
        f.count_spin.setValue(data.speaks_for_count or 0)
        select_data(f.field_combo, data.field_id)
        select_data(f.channel_combo, data.channel)
        select_data(f.agency_combo, data.addressed_agency_id)
        f.addressed_edit.setText(data.addressed_to)
        f.received_edit.setDate(qdate(data.received_date or clock.today()))
        f.content_edit.setPlainText(data.content)
        self.base_version = version
        return version

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

    def apply(self) -> None:
        data, version = self.data(), self.base_version
        if self.registration_id:
            self.saved_id = self.ctx.write(lambda session: registrations.update_registration(
                session, self.registration_id, data, version).id)
        else:
            self.saved_id = self.ctx.write(lambda session: registrations.add_registration(
                session, self.session_id, data).id)

    def typed(self) -> str:
        return self.form.content_edit.toPlainText()


# -- refuse -------------------------------------------------------------------------------------------------

class RefuseDialog(FormDialog):
    """Từ chối tiếp xúc, đối thoại on one of the session profile's regulated grounds (never deleted)."""

    form_name, title, accept_text = "registrations_refuse", "Từ chối tiếp xúc, đối thoại", "&Từ chối"
    aliases = {"reason_code": "reason"}

    def __init__(self, ctx: AppContext, registration_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.registration_id = registration_id
        f = self.form
        with ctx.session() as session:
            choice = registrations.refusal_choice(session, registration_id)
        who = choice.registration
        f.who_label.setText(f"Công dân: <b>{escape(who.line())}</b><br>Nội dung: {escape(who.content) or '—'}"
                            f"<br><i>Các trường hợp được từ chối theo {escape(choice.profile_name)}.</i>")
        for text, code in choice.reasons:
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, code)
            f.reasons_list.addItem(item)
        self.resize(680, 460)
        f.reasons_list.setFocus()

    def reason_codes(self) -> list[str]:
        return [self.form.reasons_list.item(r).data(Qt.UserRole) for r in range(self.form.reasons_list.count())]

    def apply(self) -> None:
        # Only a reason the clerk picked (the list's focus marks the first one current, not chosen).
        picked = self.form.reasons_list.selectedItems()
        code = picked[0].data(Qt.UserRole) if picked else ""  # none chosen: the service says which
        note = self.form.note_edit.toPlainText()
        self.ctx.write(lambda session: registrations.refuse(session, self.registration_id, code, note))

    def typed(self) -> str:
        return self.form.note_edit.toPlainText()


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
        hamlets, fields = catalog.names(session, "hamlets"), catalog.names(session, "fields")
        return [PreviewRow(r.row, r.data.citizen_name, str(r.data.birth_year or ""),
                           hamlets.get(r.data.hamlet_id, r.data.address), fields.get(r.data.field_id, ""),
                           r.data.phone, r.data.content)
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


class ImportPreviewDialog(FormDialog):
    """Nhập đăng ký từ Excel: the rows read (or each row's problem); "Nhập" only when nothing is wrong. The
    file is read, and then imported, in the worker."""

    form_name, title, accept_text, reject_text = ("registrations_import", "Nhập đăng ký phát biểu từ Excel",
                                                  "&Nhập", "Đóng")
    ROW_COLUMNS = [
        Column("Dòng", lambda r: r.row, align=Qt.AlignRight), Column("Họ và tên", lambda r: r.name),
        Column("Năm sinh", lambda r: r.birth_year, align=Qt.AlignRight),
        Column("Thôn / địa chỉ", lambda r: r.place), Column("Lĩnh vực", lambda r: r.field),
        Column("Điện thoại", lambda r: r.phone), Column("Nội dung", lambda r: r.content),
    ]
    PROBLEM_COLUMNS = [Column("Dòng", lambda r: r.row, align=Qt.AlignRight),
                       Column("Vấn đề cần sửa trong tệp", lambda r: r.problem)]

    def __init__(self, ctx: AppContext, session_id: int, path: Path, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.session_id, self.path = session_id, Path(path)
        self.imported: int | None = None
        self.rows: list[PreviewRow] = []
        self.problems: list[PreviewRow] = []
        self.accept_button.setEnabled(False)
        self.accept_button.setToolTip("Nhập tất cả các dòng vào danh sách đăng ký (Alt+N)")
        self.form.file_label.setText(f"Tệp: {self.path}")
        self.form.summary_label.setText("Đang đọc tệp…")
        self.model = RowsModel(self.ROW_COLUMNS, self)
        read_only_table(self.form.rows_view, self.model)
        self.resize(980, 540)

    def load(self) -> None:
        """Read the file on the worker thread; the preview fills in when it is done."""
        self.ctx.run_task(self, "Đang đọc tệp Excel…", lambda _progress: read_preview(self.ctx, self.path),
                          self._show_rows, on_error=self._show_problem)

    def _show_rows(self, rows: list[PreviewRow]) -> None:
        self.rows, self.problems = rows, []
        self.model.columns = self.ROW_COLUMNS
        self.model.set_rows(rows)
        self.form.summary_label.setStyleSheet("")
        self.form.summary_label.setText(f"Đọc được {len(rows)} dòng hợp lệ. Bấm “Nhập” để thêm tất cả vào cuối "
                                        "danh sách đăng ký của cuộc đối thoại.")
        self.accept_button.setEnabled(bool(rows))
        self._fit_columns()
        self.accept_button.setFocus()

    def _show_problem(self, exc: BaseException) -> None:
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
        self.accept_button.setEnabled(False)
        self._fit_columns()
        self.form.rows_view.setFocus()

    def _fit_columns(self) -> None:
        view = self.form.rows_view
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.Stretch)
        view.setWordWrap(bool(self.problems))
        view.resizeRowsToContents()

    def submit(self) -> bool:
        """"Nhập": every row in the worker, all or none; the dialog closes once they are in."""
        if not self.rows:
            return False
        from desk_app.documents.registration_import import import_registrations

        def work(_progress):
            with self.ctx.database.session() as session:
                return import_registrations(session, self.session_id, self.path)

        self.accept_button.setEnabled(False)
        self.ctx.run_task(self, "Đang nhập đăng ký phát biểu…", work, self._imported, on_error=self._show_problem)
        return True

    def _imported(self, count: int) -> None:
        self.imported = count
        self.accept()


# -- merge duplicates ---------------------------------------------------------------------------------------

class MergeDialog(FormDialog):
    """Gộp đăng ký trùng: the service's suggestions (and the rows the clerk selected), one kept per group.
    "Gộp nhóm này" merges the group shown and stays open for the next one."""

    form_name, title, accept_text, reject_text = ("registrations_merge", "Gộp đăng ký trùng", "&Gộp nhóm này",
                                                  "Đóng")

    def __init__(self, ctx: AppContext, session_id: int, selected_ids: list[int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.session_id = session_id
        self.selected_ids = list(selected_ids or [])
        self.merged = 0
        self.groups: list[list[RegistrationSummary]] = []
        self.accept_button.setDefault(False)
        self.accept_button.setToolTip("Gộp các đăng ký khác trong nhóm vào đăng ký được giữ lại (Alt+G)")
        self.form.groups_list.currentRowChanged.connect(self._show_group)
        self.resize(820, 500)
        self.reload()
        self.form.groups_list.setFocus()

    def reload(self) -> None:
        with self.ctx.session() as session:
            chosen, groups = registrations.merge_candidates(session, self.session_id, self.selected_ids)
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
        self.accept_button.setEnabled(bool(self.groups))
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

    def submit(self) -> bool:
        row = self.form.groups_list.currentRow()
        if not 0 <= row < len(self.groups):
            return False
        keep_id, group = self.form.keep_combo.currentData(), [reg.id for reg in self.groups[row]]
        self.errors.clear()
        try:
            self.ctx.write(lambda session: registrations.merge_group(session, keep_id, group))  # all or nothing
        except Exception as exc:  # noqa: BLE001 — a Vietnamese message, never a traceback
            self.errors.report(self, exc)
            return False
        self.merged += len(group) - 1
        self.selected_ids = []
        self.reload()
        return True

    def reject(self) -> None:
        """Đóng: accepted (the page reloads) when something was merged."""
        if self.merged:
            self.accept()
        else:
            super().reject()

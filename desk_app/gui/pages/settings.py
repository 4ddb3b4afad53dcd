"""Cài đặt: the working-day calendar (a year view, local overrides), the regulation profiles, the Word
templates folder, the font size and the default speaking time.

Every rule stays in the services: the calendar's special days and the recomputation of due dates
(``workdays``), profile copies and checks (``profiles``), the templates folder (``documents.templates``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt, QTime
from PySide6.QtWidgets import (QApplication, QCheckBox, QGridLayout, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSpinBox, QSplitter, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from desk_app.documents import templates
from desk_app.domain import clock
from desk_app.domain.calendar import DayKind, DayUnit
from desk_app.domain.errors import ConfirmationNeeded, DeskAppError
from desk_app.domain.profiles import OBLIGATION_WHO, Anchor, DeadlineRule, Obligation
from desk_app.gui import palette
from desk_app.gui.calendar_view import LEGEND, WEEKDAY_NAMES, YearCalendar
from desk_app.gui.common import ROW_ROLE, Column, RowsModel, load_ui, open_path
from desk_app.gui.context import Page, ask, show_error, show_info
from desk_app.gui.widgets import FieldErrors, fill_combo, page_heading, read_only_table, scroll_area, select_data
from desk_app.services import profiles, workdays
from desk_app.services import settings as app_settings
from desk_app.services.common import commune, domain_profile, load_calendar

UNIT_TEXTS = {DayUnit.WORKING: "ngày làm việc", DayUnit.CALENDAR: "ngày (tính cả ngày nghỉ)"}


# -- the calendar --------------------------------------------------------------------------------------------

class CalendarTab(QWidget):
    def __init__(self, page: Page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.calendar = None  # the WorkCalendar in force (answers "is this a working day?")

        year_label = QLabel("Nă&m:", self)
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(clock.today().year)
        self.year_spin.setToolTip("Năm xem lịch (Alt+M)")
        year_label.setBuddy(self.year_spin)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_spin)
        top.addSpacing(16)
        legend = QGridLayout()  # two rows: the page must fit 1366 px at 125 % scaling
        legend.setHorizontalSpacing(6)
        for index, (_key, background, text) in enumerate(LEGEND):
            chip = QLabel(self)
            chip.setFixedSize(14, 14)
            chip.setStyleSheet(f"background: {background}; border: 1px solid {palette.LEGEND_BORDER};")
            row, column = divmod(index, 3)
            legend.addWidget(chip, row, 2 * column)
            label = QLabel(text, self)
            label.setWordWrap(True)  # the largest font on a small screen: two lines rather than a wider page
            legend.addWidget(label, row, 2 * column + 1)
        top.addLayout(legend)
        top.addStretch(1)

        self.view = YearCalendar(self)
        self.view.setObjectName("yearCalendar")
        self.view.setToolTip("Mũi tên: chuyển ngày; PgUp/PgDown: chuyển tháng; Home/End: đầu/cuối năm")
        scroll = scroll_area(self, self.view)
        scroll.setFocusPolicy(Qt.NoFocus)

        self.day = load_ui("settings_day", self)
        self.errors = FieldErrors.of(self.day)
        self.day.offButton.clicked.connect(lambda: self.mark(DayKind.OFF))
        self.day.workingButton.clicked.connect(lambda: self.mark(DayKind.WORKING))
        self.day.unsetButton.clicked.connect(self.unset)
        self.special_model = RowsModel([
            Column("Ngày", lambda s: s.day, tooltip=lambda s: WEEKDAY_NAMES[s.day.weekday()]),
            Column("Loại", lambda s: s.label + (" (dự kiến)" if s.provisional else "")),
            Column("Nguồn", lambda s: s.source.label, tooltip=lambda s: s.note or None),
            Column("Lý do", lambda s: s.name, tooltip=lambda s: s.note or None),
        ], self)
        # holidays whose legal basis is pending (24/11): the one place the clerk switches them
        self.pending_checks: dict[str, QCheckBox] = {}
        self.pending_box = QVBoxLayout()
        self.provisional_label = QLabel("", self)
        self.provisional_label.setObjectName("provisionalLabel")
        self.provisional_label.setWordWrap(True)
        self.provisional_label.setStyleSheet(palette.style(palette.WARNING))
        self.recompute_button = QPushButton("Tính &lại thời hạn theo lịch", self)
        self.recompute_button.setObjectName("recomputeButton")
        self.recompute_button.setToolTip("Tính lại thời hạn giải quyết của mọi kiến nghị theo lịch làm việc hiện hành "
                                         "(giữ nguyên thời hạn điều chỉnh và gia hạn) (Alt+L)")
        self.recompute_button.clicked.connect(self.recompute)
        self.special_table = QTableView(self)
        self.special_table.setObjectName("specialDaysTable")
        read_only_table(self.special_table, self.special_model, wrap=False)
        # selection, not the current index: focusing the table must not jump to its first day
        self.special_table.selectionModel().selectionChanged.connect(self._listed_day_chosen)
        list_label = QLabel("Các ngày nghỉ, ngày làm bù trong năm", self)
        list_label.setStyleSheet("font-weight: bold")
        list_label.setWordWrap(True)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.day)
        right_layout.addLayout(self.pending_box)
        right_layout.addWidget(self.provisional_label)
        right_layout.addWidget(list_label)
        right_layout.addWidget(self.special_table, 1)
        right_layout.addWidget(self.recompute_button)
        # on a low screen (1366×768 at 125 %) the day's panel scrolls by itself instead of the whole page
        right_scroll = scroll_area(self, right, "dayPanelScroll", up_down_only=True)
        right.setMinimumWidth(320)
        right_scroll.setMaximumWidth(460)

        middle = QHBoxLayout()
        middle.addWidget(scroll, 1)
        middle.addWidget(right_scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        self.setTabOrder(self.year_spin, self.view)
        self.setTabOrder(self.view, self.day.noteEdit)

        self.view.day_selected.connect(self.show_day)
        self.view.year_requested.connect(self._year_requested)
        self.view.day_activated.connect(lambda _day: self.day.noteEdit.setFocus())
        self.year_spin.valueChanged.connect(lambda _year: self.reload())

    def _listed_day_chosen(self, _selected, _deselected) -> None:
        rows = self.special_table.selectionModel().selectedRows()
        if rows:
            self.view.select(rows[0].data(ROW_ROLE).day)

    def _year_requested(self, year: int) -> None:
        if 2000 <= year <= 2100:
            selected = self.view.selected
            self.year_spin.setValue(year)
            self.view.select(selected.replace(year=year) if selected.month != 2 or selected.day != 29
                             else selected.replace(year=year, day=28))

    def reload(self) -> None:
        year = self.year_spin.value()
        try:
            with self.ctx.session() as session:
                special = workdays.special_days(session, year)
                self.calendar = load_calendar(session)
                pending = workdays.pending_holidays(session)
        except DeskAppError as exc:
            show_error(self, exc)
            return
        self.special_model.set_rows(special)
        self.special_table.resizeColumnsToContents()
        self.view.set_year(year, special, clock.today())
        for key, name, note, observed in pending:
            check = self.pending_checks.get(key)
            if check is None:
                check = QCheckBox(f"Nghỉ {name}", self)
                check.setObjectName(f"pending_{key}")
                check.toggled.connect(lambda on, key=key: self.observe(key, on))
                self.pending_checks[key] = check
                self.pending_box.addWidget(check)
            check.setToolTip(f"Căn cứ pháp lý chưa có hiệu lực: {note}")
            check.blockSignals(True)
            check.setChecked(observed)
            check.blockSignals(False)
        self.provisional_label.setText(
            f"Năm {year}: Chính phủ chưa công bố lịch nghỉ lễ, hoán đổi ngày làm việc; các ngày nghỉ và thời hạn "
            "rơi vào năm này là dự kiến." if self.calendar.is_provisional(dt.date(year, 1, 1)) else "")

    def _confirmed(self, work, done_text: str) -> bool:
        """Run a calendar change; when it would turn answered petitions from on time to late (or back), show
        them and apply it only if the clerk agrees."""
        try:
            self.ctx.write(lambda session: work(session, False))
        except ConfirmationNeeded as question:
            if not ask(self, question.message + "\n\nVẫn áp dụng thay đổi này?", "Thay đổi lịch làm việc"):
                self.reload()
                return False
            if not self.page.write(lambda session: work(session, True), "calendar", errors=self.errors):
                return False
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese, never a traceback
            self.errors.report(self, exc)
            return False
        else:
            self.page.changed("calendar")
        self._saved(done_text)
        return True

    def observe(self, key: str, observed: bool) -> bool:
        return self._confirmed(lambda session, confirm: workdays.observe_pending_holiday(
            session, key, observed, confirm=confirm), "Đã đổi ngày lễ chưa có căn cứ pháp lý.")

    def recompute(self) -> bool:
        return self._confirmed(lambda session, confirm: workdays.recompute(session, confirm=confirm),
                               "Đã tính lại thời hạn.")

    def show_day(self, day) -> None:
        if self.calendar is None:
            return
        working = self.calendar.is_working_day(day)
        override = self.calendar.overrides.get(day)
        reason, source, note = self.calendar.describe_day(day)
        reason = reason or ("cuối tuần" if day.weekday() >= 5 else "")
        self.day.dayLabel.setText(f"<b>{WEEKDAY_NAMES[day.weekday()]}, {day:%d/%m/%Y}</b>")
        state = "Ngày làm việc" if working else "Ngày nghỉ"
        if reason:
            state += f": {reason}"
        if override or reason and day.weekday() < 5 or note:
            state += f" ({source.phrase}{': ' + note if note else ''})"
        if self.calendar.is_provisional(day):
            state += " — dự kiến: lịch nghỉ của năm chưa được công bố"
        self.day.stateLabel.setText(state)
        self.day.noteEdit.setText(override.note if override else "")
        self.day.offButton.setEnabled(working)
        self.day.workingButton.setEnabled(not working)
        self.day.unsetButton.setEnabled(override is not None)
        self.errors.clear()

    def mark(self, kind: DayKind) -> bool:
        """Mark the selected day as a day off or a working day (with the note); deadlines are recomputed."""
        day, note = self.view.selected, self.day.noteEdit.text()
        return self._confirmed(lambda session, confirm: workdays.set_override(session, day, kind, note, confirm=confirm),
                               f"Đã đánh dấu {day:%d/%m/%Y} là ngày {kind.label}.")

    def unset(self) -> bool:
        day = self.view.selected
        return self._confirmed(lambda session, confirm: workdays.unset_override(session, day, confirm=confirm),
                               f"Ngày {day:%d/%m/%Y} trở lại theo quy định của Nhà nước.")

    def _saved(self, text: str) -> None:
        self.view.setFocus()  # the pressed button may now be disabled: keep the keyboard on the calendar
        self.reload()
        self.day.resultLabel.setText(f"{text} Thời hạn của các kiến nghị đã được tính lại theo lịch mới.")


# -- regulation profiles ------------------------------------------------------------------------------------------

class ProfilesTab(QWidget):
    def __init__(self, page: Page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.rows: dict = {}  # id → the stored profile (profiles.list_profiles)
        self.current_id: int | None = None

        self.list = QListWidget(self)
        self.list.setObjectName("profilesList")
        self.list.setAccessibleName("Các bộ quy định")
        self.list.setWordWrap(True)  # the names are long
        self.list.setSpacing(2)
        self.list.currentItemChanged.connect(self._selected)
        self.copy_button = QPushButton("Tạo bản &sao", self)
        self.copy_button.setToolTip("Tạo một bộ quy định tự tạo, chép từ bộ đang chọn, để sửa (Alt+S)")
        self.copy_button.clicked.connect(self.copy)
        self.delete_button = QPushButton("&Xóa bản tự tạo", self)
        self.delete_button.setToolTip("Xóa bộ quy định tự tạo chưa được dùng (Alt+X)")
        self.delete_button.clicked.connect(self.delete)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)

        self.form = load_ui("settings_profile", self)
        self.errors = FieldErrors.of(self.form)
        for combo in (self.form.noticeUnitCombo, self.form.conclusionUnitCombo, self.form.answerUnitCombo):
            fill_combo(combo, [(UNIT_TEXTS[unit], unit.value) for unit in DayUnit])
        fill_combo(self.form.answerAnchorCombo, [(anchor.label, anchor.value) for anchor in Anchor])
        self.form.saveButton.setShortcut("Ctrl+S")
        self.form.saveButton.clicked.connect(self.save)
        scroll = scroll_area(self, self.form)

        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        # the names wrap: the list needs about 24 letters; the editor (long unit names) takes the rest
        splitter.setSizes([self.fontMetrics().averageCharWidth() * 26, 10_000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._inputs = [w for w in self.form.findChildren(QWidget)
                        if w.objectName().endswith(("Edit", "Spin", "Combo", "Check"))
                        or w.objectName().startswith("obligation_")]

    def reload(self) -> None:
        with self.ctx.session() as session:
            rows = profiles.list_profiles(session)
            unit = commune(session)
            in_use = unit.profile_id if unit else None
        self.rows = {row.id: row for row in rows}
        wanted = self.current_id if self.current_id in self.rows else in_use
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            text = row.name + (" — có sẵn" if row.built_in else " — tự tạo")
            if row.id == in_use:
                text += " (đơn vị đang áp dụng)"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.UserRole, row.id)
            item.setToolTip(row.name)
        self.list.blockSignals(False)
        self.select(wanted if wanted is not None else (rows[0].id if rows else None))

    def select(self, profile_id: int | None) -> None:
        for index in range(self.list.count()):
            if self.list.item(index).data(Qt.UserRole) == profile_id:
                self.list.setCurrentRow(index)
                self._selected(self.list.item(index), None)
                return

    def _selected(self, item, _previous) -> None:
        if item is None:
            return
        self.current_id = item.data(Qt.UserRole)
        row = self.rows[self.current_id]
        profile = domain_profile(row)
        f = self.form
        f.nameEdit.setText(profile.name)
        f.nameEdit.setCursorPosition(0)  # a long name shows its beginning
        f.legalBasisEdit.setPlainText(profile.legal_basis)
        for spin, combo, rule in ((f.noticeDaysSpin, f.noticeUnitCombo, profile.notice),
                                  (f.conclusionDaysSpin, f.conclusionUnitCombo, profile.conclusion),
                                  (f.answerDaysSpin, f.answerUnitCombo, profile.answer)):
            spin.setValue(rule.days)
            select_data(combo, rule.unit.value)
        select_data(f.answerAnchorCombo, profile.answer.anchor.value)
        f.complexDaysSpin.setValue(profile.complex_answer_days or 0)
        obligations = {o.who: o for o in profile.obligations}
        for who in OBLIGATION_WHO:
            obligation = obligations.get(who)
            getattr(f, f"obligation_{who}_check").setChecked(obligation is not None)
            getattr(f, f"obligation_{who}_count").setValue(obligation.count if obligation else 1)
            getattr(f, f"obligation_{who}_periodic").setChecked(obligation.periodic_only if obligation else True)
            getattr(f, f"obligation_{who}_delegation").setChecked(
                obligation.delegation_allowed if obligation else who == "chinh_quyen")
        f.maxExtensionsSpin.setValue(profile.max_extensions or 0)
        f.maxExtensionDaysSpin.setValue(profile.max_extension_days or 0)
        f.legalBasesEdit.setPlainText("\n".join(profile.default_legal_bases))
        f.noteEdit.setText(profile.note)
        for widget in self._inputs:  # built-in: readable but not editable
            if hasattr(widget, "setReadOnly"):
                widget.setReadOnly(row.built_in)
            else:
                widget.setEnabled(not row.built_in)
        f.readOnlyLabel.setVisible(row.built_in)
        f.saveButton.setEnabled(not row.built_in)
        self.delete_button.setEnabled(not row.built_in)
        self.errors.clear()

    def edited_profile(self):
        """The selected profile with the form's values (refusal reasons are kept as they are)."""
        f = self.form
        profile = domain_profile(self.rows[self.current_id])

        def rule(old: DeadlineRule, spin, combo, anchor=None) -> DeadlineRule:
            return DeadlineRule(spin.value(), DayUnit(combo.currentData()), Anchor(anchor) if anchor else old.anchor)

        return dataclasses.replace(
            profile, name=f.nameEdit.text(), legal_basis=f.legalBasisEdit.toPlainText().strip(),
            notice=rule(profile.notice, f.noticeDaysSpin, f.noticeUnitCombo),
            conclusion=rule(profile.conclusion, f.conclusionDaysSpin, f.conclusionUnitCombo),
            answer=rule(profile.answer, f.answerDaysSpin, f.answerUnitCombo, f.answerAnchorCombo.currentData()),
            complex_answer_days=f.complexDaysSpin.value() or None,
            obligations=self._obligations(profile),
            max_extensions=f.maxExtensionsSpin.value() or None,
            max_extension_days=f.maxExtensionDaysSpin.value() or None,
            default_legal_bases=tuple(line.strip() for line in f.legalBasesEdit.toPlainText().splitlines()
                                      if line.strip()),
            note=f.noteEdit.text().strip())

    def _obligations(self, profile) -> tuple[Obligation, ...]:
        """The yearly obligations ticked in the form (each keeps the basis it came with)."""
        f = self.form
        known = {o.who: o for o in profile.obligations}
        chosen = []
        for who in OBLIGATION_WHO:
            if not getattr(f, f"obligation_{who}_check").isChecked():
                continue
            chosen.append(Obligation(
                who, getattr(f, f"obligation_{who}_count").value(), getattr(f, f"obligation_{who}_periodic").isChecked(),
                getattr(f, f"obligation_{who}_delegation").isChecked(), "hdnd" if who == "chinh_quyen" else "",
                known[who].basis if who in known else ""))
        return tuple(chosen)

    def save(self) -> bool:
        """Save the edited custom profile (Ctrl+S); the due dates of its sessions are recomputed."""
        if self.current_id is None:
            return False
        profile_id, edited = self.current_id, self.edited_profile()
        if not self.page.write(lambda session: profiles.update_profile(session, profile_id, edited), "settings",
                               errors=self.errors):
            return False
        self.reload()
        return True

    def copy(self) -> int | None:
        """A custom copy of the selected profile, named "Bản sao của …" (renamed in the form)."""
        if self.current_id is None:
            return None
        source = self.rows[self.current_id]
        names = {row.name for row in self.rows.values()}
        name, number = f"Bản sao của {source.name}", 1
        while name in names:
            number += 1
            name = f"Bản sao {number} của {source.name}"
        made: dict[str, int] = {}

        def work(session) -> None:
            made["id"] = profiles.copy_profile(session, source.id, name).id

        if not self.page.write(work, "settings"):
            return None
        self.current_id = new_id = made["id"]
        self.reload()
        self.form.nameEdit.setFocus()
        self.form.nameEdit.selectAll()
        return new_id

    def delete(self) -> bool:
        if self.current_id is None:
            return False
        row = self.rows[self.current_id]
        if not ask(self, f"Xóa bộ quy định “{row.name}”?"):
            return False
        if not self.page.write(lambda session: profiles.delete_profile(session, row.id), "settings"):
            return False
        self.current_id = None
        self.reload()
        return True


# -- Word templates -------------------------------------------------------------------------------------------------

class TemplatesTab(QWidget):
    def __init__(self, page: Page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.form = load_ui("settings_templates", self)
        self.model = RowsModel([
            Column("Mẫu văn bản", lambda t: t.label),
            Column("Tình trạng", lambda t: "đã sửa" if t.overridden else "mẫu gốc"),
            Column("Tệp đang dùng", lambda t: str(t.user if t.overridden else t.builtin)),
        ], self)
        self.table = self.form.templatesTable
        self.proxy = read_only_table(self.table, self.model, sortable=True, catalogue_order=True, wrap=False)
        self.form.openButton.clicked.connect(self.open_folder)
        self.form.restoreButton.clicked.connect(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)

    def reload(self) -> None:
        current = self.selected()
        self.model.set_rows(templates.list_templates())
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.form.folderLabel.setText(f"Thư mục mẫu của bạn: {templates.user_templates_dir()}")
        if current is not None:
            self.select(current.kind, current.fmt)

    def selected(self):
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select(self, kind: str, fmt: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            info = index.data(ROW_ROLE)
            if (info.kind, info.fmt) == (kind, fmt):
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                return True
        return False

    def open_folder(self) -> None:
        """Copy the selected template into the clerk's folder (once) and open the folder to edit it in Word."""
        info = self.selected()
        try:
            if info is not None:
                templates.copy_to_user(info.kind, info.fmt)
            folder = templates.user_templates_dir()
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            show_error(self, DeskAppError(f"Không tạo được thư mục mẫu: {exc.strerror or exc}."))
            return
        except DeskAppError as exc:
            show_error(self, exc)
            return
        self.reload()
        open_path(folder)

    def restore(self) -> None:
        info = self.selected()
        if info is None:
            show_info(self, "Hãy chọn một mẫu văn bản trong danh sách.")
            return
        if not info.overridden:
            show_info(self, f"“{info.label}” đang dùng mẫu gốc.")
            return
        if not ask(self, f"Thôi dùng bản đã sửa của “{info.label}” và trở lại mẫu gốc?"):
            return
        try:
            aside = templates.restore_original(info.kind, info.fmt)
        except DeskAppError as exc:
            show_error(self, exc)
            return
        self.reload()
        show_info(self, f"Đã khôi phục mẫu gốc. Bản đã sửa được giữ lại tại:\n{aside}")


# -- font size and speaking time ------------------------------------------------------------------------------------

class DisplayTab(QWidget):
    def __init__(self, page: Page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.form = load_ui("settings_display", self)
        self.errors = FieldErrors.of(self.form, {app_settings.FONT_SIZE: "font_size",
                                                 app_settings.SPEAKING_SECONDS: "speaking"})
        self.form.speakingEdit.setMinimumTime(QTime(0, 0, 30))
        self.form.speakingEdit.setMaximumTime(QTime(0, 30, 0))
        self.form.saveButton.setShortcut("Ctrl+S")
        self.form.saveButton.clicked.connect(self.save)
        from desk_app.gui.password import PasswordSettings

        self.password = PasswordSettings(self.ctx, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.password)
        layout.addStretch(1)

    def reload(self) -> None:
        self.password.refresh()
        with self.ctx.session() as session:
            size = int(app_settings.get(session, app_settings.FONT_SIZE))
            seconds = int(app_settings.get(session, app_settings.SPEAKING_SECONDS))
        self.form.fontSizeSpin.setValue(size)
        self.form.speakingEdit.setTime(QTime(0, 0).addSecs(seconds))
        self.errors.clear()

    def save(self) -> bool:
        """Save both settings (Ctrl+S) and apply the font size at once."""
        from desk_app.gui.app import apply_font_size

        size = self.form.fontSizeSpin.value()
        seconds = QTime(0, 0).secsTo(self.form.speakingEdit.time())
        def work(session) -> None:
            app_settings.put(session, app_settings.FONT_SIZE, size)
            app_settings.put(session, app_settings.SPEAKING_SECONDS, seconds)

        if not self.page.write(work, "settings", errors=self.errors):
            return False
        self.errors.clear()
        apply_font_size(QApplication.instance(), size)
        self.form.savedLabel.setText(f"Đã lưu lúc {self.ctx.last_saved:%H:%M:%S}")
        return True


class SettingsPage(Page):
    key = "settings"
    title = "Cài đặt"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        heading = page_heading(self.title, self)
        self.calendar_tab = CalendarTab(self)
        self.profiles_tab = ProfilesTab(self)
        self.templates_tab = TemplatesTab(self)
        self.display_tab = DisplayTab(self)
        from desk_app.gui.audit_view import AuditTab

        self.audit_tab = AuditTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        # Alt+letter on each tab; T, N and R belong to the window's menus
        for tab, text in ((self.calendar_tab, "&Lịch làm việc"), (self.profiles_tab, "&Bộ quy định"),
                          (self.templates_tab, "Mẫ&u văn bản"), (self.display_tab, "&Giao diện, phát biểu"),
                          (self.audit_tab, "Nhật &ký thay đổi")):
            self.tabs.addTab(tab, text)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def reload(self) -> None:
        for tab in (self.calendar_tab, self.profiles_tab, self.templates_tab, self.display_tab, self.audit_tab):
            tab.reload()

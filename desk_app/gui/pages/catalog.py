"""Danh mục: the commune, its officials, agencies, hamlets and fields — tables with an edit form beside them.

Each tab saves through the catalog service; a ValidationError is shown next to its field. Tables keep the
catalogue order until a header is clicked, then sort the Vietnamese way (SortProxy).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QScrollArea, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)
from sqlalchemy import select

from desk_app.domain.states import AgencyKind, Body
from desk_app.gui.common import (ROW_ROLE, Column, FieldErrors, RowsModel, SortProxy, button, load_ui, pydate, qdate)
from desk_app.gui.context import Page
from desk_app.services import catalog, profiles
from desk_app.services.common import commune
from desk_app.store import models as m

MAX_COLUMN_WIDTH = 320
GENDERS = (("Không ghi", None), ("Nam", "nam"), ("Nữ", "nu"))


def error_labels(form: QWidget) -> FieldErrors:
    """The form's ``error_<field>`` labels, keyed by the service's field names."""
    return FieldErrors({label.objectName().removeprefix("error_"): label for label in form.findChildren(QLabel)
                        if label.objectName().startswith("error_")})


def link_optional_dates(form: QWidget) -> None:
    """An optional date is enabled by the check box named like it (``activeFromCheck`` → ``activeFromEdit``)."""
    for check in form.findChildren(QCheckBox):
        partner = form.findChild(QDateEdit, check.objectName().removesuffix("Check") + "Edit")
        if partner is not None:
            check.toggled.connect(partner.setEnabled)


def _set_optional_date(check: QCheckBox, edit: QDateEdit, value) -> None:
    check.setChecked(value is not None)
    edit.setEnabled(value is not None)
    if value is not None:
        edit.setDate(qdate(value))


def _optional_date(check: QCheckBox, edit: QDateEdit):
    return pydate(edit.date()) if check.isChecked() else None


class RecordTab(QWidget):
    """A catalogue tab: the rows on the left, the edit form on the right, "Thêm mới" and "Lưu"."""

    form_name = ""
    what = ""  # "cán bộ", shown in the form's heading

    def __init__(self, page: Page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.current_id: int | None = None
        self.model = RowsModel(self.columns(), self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName(f"{type(self).__name__}Table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.AscendingOrder)  # the catalogue's own order until a header is clicked
        self.table.selectionModel().currentRowChanged.connect(self._selected)

        self.form = load_ui(self.form_name, self)
        self.errors = error_labels(self.form)
        link_optional_dates(self.form)
        for edit in self.form.findChildren(QLineEdit):
            edit.returnPressed.connect(self.save)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold")
        self.heading.setWordWrap(True)
        self.new_button = button("Thêm mới", self.new, shortcut="Ctrl+N")
        self.save_button = button("Lưu", self.save, shortcut="Ctrl+S")
        self.new_button.setObjectName("newButton")
        self.save_button.setObjectName("saveButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.form)
        right_layout.addLayout(buttons)
        right_layout.addStretch(1)
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)  # the form keeps its own width, the table takes the rest
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        right.setMaximumWidth(max(right.sizeHint().width(), 460))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.setTabOrder(self.table, self.form)
        self.setup_form()
        self.new()

    # overridden by each tab
    def setup_form(self) -> None:
        """Fill the form's fixed choices."""

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def load(self, session) -> list:
        raise NotImplementedError

    def fill(self, row) -> None:
        raise NotImplementedError

    def store(self, session, row_id: int | None):
        raise NotImplementedError

    def title_of(self, row) -> str:
        return row.name

    # shared behaviour
    def reload(self) -> None:
        with self.ctx.session() as session:
            rows = self.load(session)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()  # catalogues are small: measuring them is cheap
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_WIDTH))
        if self.current_id is not None:
            self.select(self.current_id)

    def select(self, row_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).id == row_id:
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                self.table.scrollTo(index)
                return True
        return False

    def _selected(self, current, _previous) -> None:
        if not current.isValid():
            return
        row = current.data(ROW_ROLE)
        self.current_id = row.id
        self.errors.clear()
        self.heading.setText(f"Sửa {self.what}: {self.title_of(row)}")
        self.fill(row)

    def new(self) -> None:
        """An empty form for a new row (Ctrl+N)."""
        self.current_id = None
        self.table.selectionModel().clearSelection()
        self.table.selectionModel().setCurrentIndex(self.proxy.index(-1, -1), QItemSelectionModel.NoUpdate)
        self.errors.clear()
        self.heading.setText(f"Thêm {self.what} mới")
        self.fill(None)
        self.form.nameEdit.setFocus()

    def save(self) -> bool:
        """Save the form (Ctrl+S); problems are shown next to their fields."""
        try:
            with self.ctx.session() as session:
                row_id = self.store(session, self.current_id).id
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese, never a traceback
            self.errors.report(self, exc)
            return False
        self.errors.clear()
        self.current_id = row_id
        self.reload()
        self.ctx.changed("catalog")
        return True


def _heads_text(official: m.Official) -> str:
    return ", ".join(label for _post, flag, label in catalog.HEAD_POSTS if getattr(official, flag))


class OfficialsTab(RecordTab):
    form_name = "catalog_official"
    what = "cán bộ"

    def columns(self):
        return [Column("Họ và tên", lambda o: o.name),
                Column("Chức vụ", lambda o: o.title),
                Column("Cơ quan", lambda o: Body(o.body).label),
                Column("Người đứng đầu", _heads_text),
                Column("Từ ngày", lambda o: o.active_from),
                Column("Thôi giữ chức vụ", lambda o: o.active_to)]

    def load(self, session):
        return list(session.scalars(select(m.Official).order_by(m.Official.id)))

    def setup_form(self) -> None:
        for body in Body:
            self.form.bodyCombo.addItem(body.label, body.value)
        for text, value in GENDERS:
            self.form.genderCombo.addItem(text, value)

    def fill(self, o) -> None:
        f = self.form
        f.nameEdit.setText(o.name if o else "")
        f.titleEdit.setText(o.title if o else "")
        f.bodyCombo.setCurrentIndex(max(f.bodyCombo.findData(o.body if o else Body.COMMITTEE.value), 0))
        f.genderCombo.setCurrentIndex(max(f.genderCombo.findData(o.gender if o else None), 0))
        f.partyHeadCheck.setChecked(bool(o and o.is_party_head))
        f.councilHeadCheck.setChecked(bool(o and o.is_council_head))
        f.committeeHeadCheck.setChecked(bool(o and o.is_committee_head))
        _set_optional_date(f.activeFromCheck, f.activeFromEdit, o.active_from if o else None)
        _set_optional_date(f.activeToCheck, f.activeToEdit, o.active_to if o else None)

    def store(self, session, row_id):
        f = self.form
        return catalog.save_official(session, catalog.OfficialInput(
            name=f.nameEdit.text(), title=f.titleEdit.text(), body=f.bodyCombo.currentData(),
            gender=f.genderCombo.currentData(), is_party_head=f.partyHeadCheck.isChecked(),
            is_council_head=f.councilHeadCheck.isChecked(), is_committee_head=f.committeeHeadCheck.isChecked(),
            active_from=_optional_date(f.activeFromCheck, f.activeFromEdit),
            active_to=_optional_date(f.activeToCheck, f.activeToEdit)), row_id)


class AgenciesTab(RecordTab):
    form_name = "catalog_agency"
    what = "cơ quan, đơn vị"

    def columns(self):
        return [Column("Tên cơ quan, đơn vị", lambda a: a.name),
                Column("Viết tắt", lambda a: a.short_name),
                Column("Loại", lambda a: AgencyKind(a.kind).label),
                Column("Người đứng đầu", lambda a: a.head_name),
                Column("Đang hoạt động", lambda a: a.active)]

    def load(self, session):
        return list(session.scalars(select(m.Agency).order_by(m.Agency.position, m.Agency.id)))

    def setup_form(self) -> None:
        for kind in AgencyKind:
            self.form.kindCombo.addItem(kind.label, kind.value)

    def fill(self, a) -> None:
        f = self.form
        f.nameEdit.setText(a.name if a else "")
        f.shortNameEdit.setText(a.short_name if a else "")
        f.kindCombo.setCurrentIndex(max(f.kindCombo.findData(a.kind if a else AgencyKind.SPECIALIST.value), 0))
        f.headNameEdit.setText(a.head_name if a else "")
        f.headTitleEdit.setText(a.head_title if a else "")
        f.activeCheck.setChecked(a.active if a else True)

    def store(self, session, row_id):
        f = self.form
        return catalog.save_agency(session, catalog.AgencyInput(
            name=f.nameEdit.text(), kind=f.kindCombo.currentData(), short_name=f.shortNameEdit.text(),
            head_name=f.headNameEdit.text(), head_title=f.headTitleEdit.text(), active=f.activeCheck.isChecked()),
            row_id)


class NamedTab(RecordTab):
    """Hamlets and fields: a name and an "in use" flag."""

    form_name = "catalog_named"
    model_class = m.Hamlet
    name_label = ""
    saver = staticmethod(catalog.save_hamlet)

    def columns(self):
        return [Column(self.name_label, lambda r: r.name), Column("Đang dùng", lambda r: r.active)]

    def load(self, session):
        return list(session.scalars(select(self.model_class).order_by(self.model_class.position,
                                                                      self.model_class.id)))

    def setup_form(self) -> None:
        self.form.nameLabel.setText(f"{self.name_label}:")

    def fill(self, row) -> None:
        self.form.nameEdit.setText(row.name if row else "")
        self.form.activeCheck.setChecked(row.active if row else True)

    def store(self, session, row_id):
        return self.saver(session, self.form.nameEdit.text(), row_id, self.form.activeCheck.isChecked())


class HamletsTab(NamedTab):
    what = "thôn, tổ dân phố"
    model_class = m.Hamlet
    name_label = "Tên thôn, tổ dân phố"
    saver = staticmethod(catalog.save_hamlet)


class FieldsTab(NamedTab):
    what = "lĩnh vực"
    model_class = m.Field
    name_label = "Tên lĩnh vực"
    saver = staticmethod(catalog.save_field)


class CommuneTab(QWidget):
    """The commune itself (one per database): names used on every document, recipients, the profile."""

    TEXTS = (("name", "nameEdit"), ("code", "codeEdit"), ("province", "provinceEdit"),
             ("place_name", "placeNameEdit"), ("party_committee", "partyCommitteeEdit"),
             ("party_superior", "partySuperiorEdit"), ("council", "councilEdit"), ("committee", "committeeEdit"),
             ("front", "frontEdit"), ("state_superior", "stateSuperiorEdit"), ("office_unit", "officeUnitEdit"))

    def __init__(self, page: Page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.form = load_ui("catalog_commune", self)
        self.errors = error_labels(self.form)
        for kind in catalog.COMMUNE_KINDS:
            self.form.kindCombo.addItem(kind.capitalize(), kind)
        self.form.saveButton.clicked.connect(self.save)
        self.form.saveButton.setShortcut("Ctrl+S")
        for edit in self.form.findChildren(QLineEdit):
            edit.returnPressed.connect(self.save)
        self.saved_label = QLabel(self)
        self.form.buttonRow.insertWidget(1, self.saved_label)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def reload(self) -> None:
        with self.ctx.session() as session:
            unit = commune(session)
            choices = [(p.name + ("" if p.built_in else " (tự tạo)"), p.id) for p in profiles.list_profiles(session)]
        f = self.form
        f.profileCombo.clear()
        for text, profile_id in choices:
            f.profileCombo.addItem(text, profile_id)
        for key, name in self.TEXTS:
            getattr(f, name).setText(getattr(unit, key) if unit else "")
            getattr(f, name).setCursorPosition(0)  # long names read from their start
        f.kindCombo.setCurrentIndex(max(f.kindCombo.findData(unit.kind if unit else "xã"), 0))
        f.profileCombo.setCurrentIndex(max(f.profileCombo.findData(unit.profile_id if unit else None), 0))
        f.recipientsEdit.setPlainText("\n".join(unit.superior_recipients or []) if unit else "")
        self.errors.clear()

    def save(self) -> bool:
        f = self.form
        values = {key: getattr(f, name).text() for key, name in self.TEXTS}
        data = catalog.CommuneInput(**values, kind=f.kindCombo.currentData(),
                                    superior_recipients=f.recipientsEdit.toPlainText().splitlines(),
                                    profile_id=f.profileCombo.currentData())
        try:
            with self.ctx.session() as session:
                before = commune(session)
                old_profile = before.profile_id if before else None
                catalog.save_commune(session, data)
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese, never a traceback
            self.errors.report(self, exc)
            return False
        self.reload()  # the names the service derived from the commune's name
        self.ctx.changed("catalog")
        if old_profile != data.profile_id:
            self.ctx.changed("settings")  # the status bar names the profile in force
        if self.ctx.last_saved is not None:
            self.saved_label.setText(f"Đã lưu lúc {self.ctx.last_saved:%H:%M:%S}")
        return True


class CatalogPage(Page):
    key = "catalog"
    title = "Danh mục"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        heading = QLabel(self.title, self)
        heading.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.commune_tab = CommuneTab(self)
        self.officials_tab = OfficialsTab(self)
        self.agencies_tab = AgenciesTab(self)
        self.hamlets_tab = HamletsTab(self)
        self.fields_tab = FieldsTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("catalogTabs")
        # Alt+letter on each tab; T, N and R belong to the window's menus
        for tab, text in ((self.commune_tab, "Đơn &vị"), (self.officials_tab, "&Cán bộ"),
                          (self.agencies_tab, "Cơ &quan, đơn vị"), (self.hamlets_tab, "T&hôn, tổ dân phố"),
                          (self.fields_tab, "&Lĩnh vực")):
            self.tabs.addTab(tab, text)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    @property
    def all_tabs(self):
        return (self.commune_tab, self.officials_tab, self.agencies_tab, self.hamlets_tab, self.fields_tab)

    def reload(self) -> None:
        for tab in self.all_tabs:
            tab.reload()

"""Danh mục: the commune, its officials, agencies, hamlets and fields — tables with an edit form beside them.

Each tab saves through the catalog service; a ValidationError is shown next to its field. Tables keep the
catalogue order until a header is clicked, then sort the Vietnamese way (SortProxy).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QTableView, QTabWidget, \
    QVBoxLayout, QWidget

from desk_app.domain.states import AgencyKind, Body
from desk_app.gui.common import ROW_ROLE, Column, RowsModel, button, load_ui
from desk_app.gui.context import Page
from desk_app.gui.widgets import (FieldErrors, fill_combo, link_optional_dates, optional_date, page_heading,
                                  read_only_table, scroll_area, select_data, set_optional_date)
from desk_app.services import catalog, profiles
from desk_app.services.common import commune

MAX_COLUMN_WIDTH = 320
GENDERS = (("Không ghi", None), ("Nam", "nam"), ("Nữ", "nu"))


class RecordTab(QWidget):
    """A catalogue tab: the rows on the left, the edit form on the right, "Thêm mới" and "Lưu"."""

    form_name = ""
    what = ""  # "cán bộ", shown in the form's heading

    def __init__(self, page: Page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.current_id: int | None = None
        self.model = RowsModel(self.columns(), self)
        self.table = QTableView(self)
        self.table.setObjectName(f"{type(self).__name__}Table")
        # the catalogue's own order until a header is clicked
        self.proxy = read_only_table(self.table, self.model, sortable=True, catalogue_order=True, alternate=True,
                                     wrap=False)
        self.table.selectionModel().currentRowChanged.connect(self._selected)

        self.form = load_ui(self.form_name, self)
        self.errors = FieldErrors.of(self.form)
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
        # the form no wider than it needs (its fields stretch to that): on a small screen the names keep the room
        right.setMaximumWidth(max(right.minimumSizeHint().width() + 40, 470))
        splitter.setSizes([10_000, right.maximumWidth()])
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
        current, saved = self.current_id, {}

        def work(session) -> None:
            saved["id"] = self.store(session, current).id

        if not self.page.write(work, "catalog", errors=self.errors):
            return False
        self.errors.clear()
        self.current_id = saved["id"]
        self.reload()
        return True


def _heads_text(official) -> str:
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
        return catalog.officials(session)

    def setup_form(self) -> None:
        fill_combo(self.form.bodyCombo, [(body.label, body.value) for body in Body])
        fill_combo(self.form.genderCombo, GENDERS)

    def fill(self, o) -> None:
        f = self.form
        f.nameEdit.setText(o.name if o else "")
        f.titleEdit.setText(o.title if o else "")
        select_data(f.bodyCombo, o.body if o else Body.COMMITTEE.value)
        select_data(f.genderCombo, o.gender if o else None)
        f.partyHeadCheck.setChecked(bool(o and o.is_party_head))
        f.councilHeadCheck.setChecked(bool(o and o.is_council_head))
        f.committeeHeadCheck.setChecked(bool(o and o.is_committee_head))
        set_optional_date(f.activeFromCheck, f.activeFromEdit, o.active_from if o else None)
        set_optional_date(f.activeToCheck, f.activeToEdit, o.active_to if o else None)

    def store(self, session, row_id):
        f = self.form
        return catalog.save_official(session, catalog.OfficialInput(
            name=f.nameEdit.text(), title=f.titleEdit.text(), body=f.bodyCombo.currentData(),
            gender=f.genderCombo.currentData(), is_party_head=f.partyHeadCheck.isChecked(),
            is_council_head=f.councilHeadCheck.isChecked(), is_committee_head=f.committeeHeadCheck.isChecked(),
            active_from=optional_date(f.activeFromCheck, f.activeFromEdit),
            active_to=optional_date(f.activeToCheck, f.activeToEdit)), row_id)


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
        return catalog.rows(session, "agencies")

    def setup_form(self) -> None:
        fill_combo(self.form.kindCombo, [(kind.label, kind.value) for kind in AgencyKind])

    def fill(self, a) -> None:
        f = self.form
        f.nameEdit.setText(a.name if a else "")
        f.shortNameEdit.setText(a.short_name if a else "")
        select_data(f.kindCombo, a.kind if a else AgencyKind.SPECIALIST.value)
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
    catalogue = "hamlets"  # a key of catalog.CATALOGUES
    name_label = ""
    saver = staticmethod(catalog.save_hamlet)

    def columns(self):
        return [Column(self.name_label, lambda r: r.name), Column("Đang dùng", lambda r: r.active)]

    def load(self, session):
        return catalog.rows(session, self.catalogue)

    def setup_form(self) -> None:
        self.form.nameLabel.setText(f"{self.name_label}:")

    def fill(self, row) -> None:
        self.form.nameEdit.setText(row.name if row else "")
        self.form.activeCheck.setChecked(row.active if row else True)

    def store(self, session, row_id):
        return self.saver(session, self.form.nameEdit.text(), row_id, self.form.activeCheck.isChecked())


class HamletsTab(NamedTab):
    what = "thôn, tổ dân phố"
    catalogue = "hamlets"
    name_label = "Tên thôn, tổ dân phố"
    saver = staticmethod(catalog.save_hamlet)


class FieldsTab(NamedTab):
    what = "lĩnh vực"
    catalogue = "fields"
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
        self.errors = FieldErrors.of(self.form)
        fill_combo(self.form.kindCombo, [(kind.capitalize(), kind) for kind in catalog.COMMUNE_KINDS])
        self.form.saveButton.clicked.connect(self.save)
        self.form.saveButton.setShortcut("Ctrl+S")
        for edit in self.form.findChildren(QLineEdit):
            edit.returnPressed.connect(self.save)
        self.saved_label = QLabel(self)
        self.form.buttonRow.insertWidget(1, self.saved_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll_area(self, self.form))

    def reload(self) -> None:
        with self.ctx.session() as session:
            unit = commune(session)
            choices = [(p.name + ("" if p.built_in else " (tự tạo)"), p.id) for p in profiles.list_profiles(session)]
        f = self.form
        fill_combo(f.profileCombo, choices)
        for key, name in self.TEXTS:
            getattr(f, name).setText(getattr(unit, key) if unit else "")
            getattr(f, name).setCursorPosition(0)  # long names read from their start
        select_data(f.kindCombo, unit.kind if unit else "xã")
        select_data(f.profileCombo, unit.profile_id if unit else None)
        f.recipientsEdit.setPlainText("\n".join(unit.superior_recipients or []) if unit else "")
        self.errors.clear()

    def save(self) -> bool:
        f = self.form
        values = {key: getattr(f, name).text() for key, name in self.TEXTS}
        data = catalog.CommuneInput(**values, kind=f.kindCombo.currentData(),
                                    superior_recipients=f.recipientsEdit.toPlainText().splitlines(),
                                    profile_id=f.profileCombo.currentData())
        with self.ctx.session() as session:
            before = commune(session)
            old_profile = before.profile_id if before else None
        # the status bar names the profile in force: the pages that show it hear of a new one
        topics = ("catalog", "settings") if old_profile != data.profile_id else ("catalog",)
        if not self.page.write(lambda session: catalog.save_commune(session, data), *topics, errors=self.errors):
            return False
        self.reload()  # the names the service derived from the commune's name
        if self.ctx.last_saved is not None:
            self.saved_label.setText(f"Đã lưu lúc {self.ctx.last_saved:%H:%M:%S}")
        return True


class CatalogPage(Page):
    key = "catalog"
    title = "Danh mục"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        heading = page_heading(self.title, self)
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

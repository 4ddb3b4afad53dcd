"""The plan of a dialogue session as a form: every field of :class:`SessionInput`.

The layout lives in ``ui/sessions_form.ui``; this module fills the choices, reads the widgets back into a
``SessionInput`` and keeps the pre-filled parts (title, legal bases, recipients, chair) in step with the host
and profile until the clerk edits them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListWidget, QListWidgetItem, QTableWidgetItem, \
    QVBoxLayout, QWidget

from desk_app.domain.states import DocumentFormat, Host, Regime
from desk_app.domain.states import SessionForm as SessionFormKind
from desk_app.gui.common import VI_LOCALE, load_ui, pydate, qdate
from desk_app.gui.widgets import (AGENCY_ROLE, FieldErrors, ListEditor, list_texts, select_data, set_list_texts,
                                  text_item)
from desk_app.services import catalog, profiles
from desk_app.services.common import commune, default_profile_row, domain_profile
from desk_app.services.sessions import SessionInput, default_recipients, default_title

TASKS_ROLE = Qt.UserRole + 1
JOINT_BODIES = (("jointParty", "dang_uy"), ("jointCouncil", "hdnd"), ("jointCommittee", "ubnd"))


def official_text(official) -> str:
    return f"{official.name} — {official.title}"



@dataclass
class Choices:
    """What the form's pickers offer, read once per reload (plain values: no ORM session is kept)."""

    officials: list[tuple[int, str]]
    agencies: list[tuple[int, str]]
    profiles: list[tuple[int, str, tuple[str, ...]]]  # id, name, default legal bases
    default_profile_id: int | None
    heads: dict[str, int | None]  # host body → official id
    unit: object | None  # the commune: its names fill the default title and recipients


def load_choices(session) -> Choices:
    officials = [(o.id, official_text(o)) for o in catalog.active_officials(session)]
    agencies = [(agency_id, name) for name, agency_id in catalog.active_items(session, "agencies")]
    rows = [(p.id, p.name, domain_profile(p).default_legal_bases) for p in profiles.list_profiles(session)]
    heads = {post: (o.id if o else None) for post, o in catalog.heads(session).items()}
    unit = commune(session)
    return Choices(officials, agencies, rows, default_profile_row(session).id if rows else None, heads, unit)


class SessionForm(QWidget):
    """Every field of a session's plan; ``edited`` whenever the clerk changes something."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = load_ui("sessions_form", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        self.dirty = False
        self._loading = False
        self._choices: Choices | None = None
        self._auto = {"title": "", "legal": [], "recipients": [], "chair": None}
        ui = self.ui
        self.errors = FieldErrors.of(ui, {
            "document_format": "host", "joint_bodies": "joint", "chair_id": "chair", "regime": "form",
            "planned_start": "date", "planned_end": "date", "profile_id": "profile", "secretary_id": "secretary",
            "secretary_name": "secretary", "target_audience": "target"})
        for combo, enum in ((ui.hostCombo, Host), (ui.formCombo, SessionFormKind), (ui.regimeCombo, Regime)):
            for member in enum:
                combo.addItem(member.label, member.value)
        ui.documentFormatCombo.addItem("Theo cơ quan chủ trì", None)
        for member in DocumentFormat:
            ui.documentFormatCombo.addItem(member.label, member.value)
        for edit in (ui.dateEdit,):
            edit.setLocale(VI_LOCALE)
        self._setup_tables()
        self._setup_lists()
        self._connect_edits()
        ui.hostCombo.currentIndexChanged.connect(self._host_changed)
        ui.profileCombo.currentIndexChanged.connect(self._profile_changed)
        ui.dateEdit.dateChanged.connect(lambda _d: self._refresh_title())
        ui.endCheck.toggled.connect(ui.endTimeEdit.setEnabled)
        ui.defaultTitleButton.clicked.connect(lambda: ui.titleEdit.setText(self._default_title()))
        self._loading = True
        try:
            self._host_changed()
        finally:
            self._loading = False

    # -- building ------------------------------------------------------------------------------------------
    def _setup_tables(self) -> None:
        for table in (self.ui.coChairsTable, self.ui.bridgeTable):
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.ui.bridgeTable.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.ui.bridgeTable.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                           | QAbstractItemView.AnyKeyPressed)
        delete = QShortcut(QKeySequence("Del"), self.ui.bridgeTable)
        delete.setContext(Qt.WidgetShortcut)
        delete.activated.connect(self._remove_bridge)
        self.ui.addBridgeButton.clicked.connect(self._add_bridge)
        self.ui.removeBridgeButton.clicked.connect(self._remove_bridge)

    def _setup_lists(self) -> None:
        ui = self.ui
        self.legal = ListEditor(ui.legalList, add=ui.legalAddButton, remove=ui.legalRemoveButton,
                                up=ui.legalUpButton, down=ui.legalDownButton, new_item=lambda: text_item(""))
        self.recipients = ListEditor(ui.recipientsList, add=ui.recipientsAddButton,
                                     remove=ui.recipientsRemoveButton, up=ui.recipientsUpButton,
                                     down=ui.recipientsDownButton, new_item=lambda: text_item(""))
        ui.legalDefaultButton.clicked.connect(lambda: self._restore(ui.legalList, self._default_legal()))
        ui.recipientsDefaultButton.clicked.connect(lambda: self._restore(ui.recipientsList, self._default_recipients()))
        self.participants = ListEditor(ui.participantsList, remove=ui.removeParticipantButton,
                                       up=ui.upParticipantButton, down=ui.downParticipantButton)
        ui.addParticipantAgencyButton.clicked.connect(self._add_participant_agency)
        ui.addParticipantTextButton.clicked.connect(self._add_participant_text)
        ui.participantTextEdit.returnPressed.connect(self._add_participant_text)
        self.tasks = ListEditor(ui.taskList, remove=ui.removeTaskButton, up=ui.upTaskButton,
                                down=ui.downTaskButton)
        ui.addTaskAgencyButton.clicked.connect(self._add_task_agency)
        ui.addTaskHeadingButton.clicked.connect(self._add_task_heading)
        ui.taskList.currentItemChanged.connect(self._show_task)
        ui.taskHeadingEdit.textEdited.connect(self._task_heading_edited)
        ui.taskTextEdit.textChanged.connect(self._task_text_edited)
        self._show_task(None)

    def _restore(self, view: QListWidget, texts: list[str]) -> None:
        set_list_texts(view, texts)
        self._touched()

    def _connect_edits(self) -> None:
        ui = self.ui
        for edit in (ui.titleEdit, ui.placeEdit):
            edit.textChanged.connect(self._touched)
        for edit in (ui.targetEdit, ui.purposeEdit, ui.requirementsEdit, ui.contentEdit):
            edit.textChanged.connect(self._touched)
        for combo in (ui.hostCombo, ui.documentFormatCombo, ui.chairCombo, ui.formCombo, ui.regimeCombo,
                      ui.profileCombo, ui.secretaryCombo):
            combo.currentIndexChanged.connect(self._touched)
        ui.secretaryCombo.editTextChanged.connect(self._touched)
        for check in (ui.chairDelegatedCheck, ui.endCheck, ui.jointParty, ui.jointCouncil, ui.jointCommittee):
            check.toggled.connect(self._touched)
        ui.dateEdit.dateChanged.connect(self._touched)
        ui.startTimeEdit.timeChanged.connect(self._touched)
        ui.endTimeEdit.timeChanged.connect(self._touched)
        ui.coChairsTable.itemChanged.connect(self._touched)
        ui.bridgeTable.itemChanged.connect(self._touched)
        for editor in (self.legal, self.recipients, self.participants, self.tasks):
            editor.changed.connect(self._touched)

    def _touched(self, *_args) -> None:
        if not self._loading:
            self.dirty = True
            self.edited.emit()

    # -- choices and defaults ----------------------------------------------------------------------------
    def set_choices(self, choices: Choices) -> None:
        """Refill the pickers (officials, agencies, profiles) keeping what is selected."""
        self._choices = choices
        ui = self.ui
        self._loading = True
        try:
            for combo, empty in ((ui.chairCombo, "(chưa chọn)"), (ui.secretaryCombo, "")):
                current, text = combo.currentData(), combo.currentText()
                kept = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())
                        if combo.itemData(i) == current and current is not None]
                combo.clear()
                combo.addItem(empty, None)
                for official_id, name in choices.officials:
                    combo.addItem(name, official_id)
                for official_id, name in kept:  # a former official chosen earlier stays chosen
                    if combo.findData(official_id) < 0:
                        combo.addItem(name, official_id)
                select_data(combo, current)
                if combo.isEditable() and current is None:
                    combo.setEditText(text)
            for combo in (ui.participantAgencyCombo, ui.taskAgencyCombo):
                combo.clear()
                for agency_id, name in choices.agencies:
                    combo.addItem(name, agency_id)
                    combo.setItemData(combo.count() - 1, name, Qt.ToolTipRole)
            current = ui.profileCombo.currentData()
            ui.profileCombo.clear()
            for profile_id, name, _bases in choices.profiles:
                ui.profileCombo.addItem(name, profile_id)
            select_data(ui.profileCombo, current or choices.default_profile_id)
            self._fill_co_chairs(self._co_chairs())  # a reload keeps what the clerk ticked
        finally:
            self._loading = False

    def _fill_co_chairs(self, chosen: list[tuple[int, bool]], names: dict[int, str] | None = None) -> None:
        """One row per active official, plus any chosen one who has since left (``names``: their texts)."""
        table = self.ui.coChairsTable
        picked = dict(chosen)
        names = {**self._co_chair_names(), **(names or {})}
        officials = list(self._choices.officials if self._choices else [])
        listed = {official_id for official_id, _text in officials}
        officials += [(o, names.get(o, str(o))) for o in picked if o not in listed]
        table.setRowCount(0)
        for official_id, text in officials:
            row = table.rowCount()
            table.insertRow(row)
            name = QTableWidgetItem(text)
            name.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
            name.setCheckState(Qt.Checked if official_id in picked else Qt.Unchecked)
            name.setData(Qt.UserRole, official_id)
            delegated = QTableWidgetItem("Ủy quyền")
            delegated.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
            delegated.setCheckState(Qt.Checked if picked.get(official_id) else Qt.Unchecked)
            table.setItem(row, 0, name)
            table.setItem(row, 1, delegated)
        table.resizeRowsToContents()

    def _co_chair_names(self) -> dict[int, str]:
        table = self.ui.coChairsTable
        return {table.item(r, 0).data(Qt.UserRole): table.item(r, 0).text() for r in range(table.rowCount())}

    def _co_chairs(self) -> list[tuple[int, bool]]:
        """(official id, delegated) of the ticked rows."""
        table = self.ui.coChairsTable
        return [(table.item(r, 0).data(Qt.UserRole), table.item(r, 1).checkState() == Qt.Checked)
                for r in range(table.rowCount()) if table.item(r, 0).checkState() == Qt.Checked]

    def _host(self) -> str:
        return self.ui.hostCombo.currentData()

    def _default_title(self) -> str:
        unit = self._choices.unit if self._choices else None
        return default_title(self._host(), self.ui.dateEdit.date().year(), unit)

    def _default_legal(self) -> list[str]:
        wanted = self.ui.profileCombo.currentData()
        for profile_id, _name, bases in self._choices.profiles if self._choices else []:
            if profile_id == wanted:
                return list(bases)
        return []

    def _default_recipients(self) -> list[str]:
        return default_recipients(self._host(), self._choices.unit if self._choices else None)

    def _refresh_title(self) -> None:
        """Follow the host and year while the title is still the suggested one."""
        text = self.ui.titleEdit.text()
        if not text or text == self._auto["title"]:
            self._auto["title"] = self._default_title()
            self.ui.titleEdit.setText(self._auto["title"])

    def _host_changed(self, *_args) -> None:
        ui = self.ui
        joint = self._host() == Host.JOINT.value
        for name, _body in JOINT_BODIES:
            getattr(ui, name).setEnabled(joint)
        ui.documentFormatCombo.setEnabled(joint)
        if not joint:
            ui.documentFormatCombo.setCurrentIndex(0)
        self._refresh_title()
        if self._choices is None:
            return
        if list_texts(ui.recipientsList) == self._auto["recipients"]:
            self._auto["recipients"] = self._default_recipients()
            set_list_texts(ui.recipientsList, self._auto["recipients"])
        chair = ui.chairCombo.currentData()
        if chair is None or chair == self._auto["chair"]:
            bodies = [b for _n, b in JOINT_BODIES] if joint else [self._host()]
            head = next((self._choices.heads.get(b) for b in bodies if self._choices.heads.get(b)), None)
            self._auto["chair"] = head
            select_data(ui.chairCombo, head)

    def _profile_changed(self, *_args) -> None:
        if self._choices is not None and list_texts(self.ui.legalList) == self._auto["legal"]:
            self._auto["legal"] = self._default_legal()
            set_list_texts(self.ui.legalList, self._auto["legal"])

    # -- participants, tasks, bridge points ------------------------------------------------------------
    def _add_participant_agency(self) -> None:
        combo = self.ui.participantAgencyCombo
        if combo.currentIndex() < 0:
            return
        agency_id = combo.currentData()
        view = self.ui.participantsList
        if any(view.item(i).data(AGENCY_ROLE) == agency_id for i in range(view.count())):
            return  # invited once is enough
        self.participants.append(text_item(combo.currentText(), editable=False, agency_id=agency_id))

    def _add_participant_text(self) -> None:
        text = self.ui.participantTextEdit.text().strip()
        if text:
            self.participants.append(text_item(text))
            self.ui.participantTextEdit.clear()

    def _task_item(self, heading: str, agency_id: int | None, tasks: str) -> QListWidgetItem:
        item = text_item(heading, editable=False, agency_id=agency_id)
        item.setData(TASKS_ROLE, tasks)
        return item

    def _add_task_agency(self) -> None:
        combo = self.ui.taskAgencyCombo
        if combo.currentIndex() >= 0:
            self.tasks.append(self._task_item(combo.currentText(), combo.currentData(), ""))
            self.ui.taskTextEdit.setFocus()

    def _add_task_heading(self) -> None:
        self.tasks.append(self._task_item("Mục mới", None, ""))
        self.ui.taskHeadingEdit.setFocus()
        self.ui.taskHeadingEdit.selectAll()

    def _show_task(self, item: QListWidgetItem | None, _previous=None) -> None:
        ui = self.ui
        loading, self._loading = self._loading, True
        try:
            ui.taskHeadingEdit.setEnabled(item is not None)
            ui.taskTextEdit.setEnabled(item is not None)
            ui.taskHeadingEdit.setText(item.text() if item else "")
            ui.taskTextEdit.setPlainText((item.data(TASKS_ROLE) or "") if item else "")
        finally:
            self._loading = loading

    def _task_heading_edited(self, text: str) -> None:
        item = self.ui.taskList.currentItem()
        if item is not None:
            item.setText(text)

    def _task_text_edited(self) -> None:
        item = self.ui.taskList.currentItem()
        if item is not None and not self._loading:
            item.setData(TASKS_ROLE, self.ui.taskTextEdit.toPlainText())
            self._touched()

    def _add_bridge(self) -> None:
        table = self.ui.bridgeTable
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(""))
        table.setItem(row, 1, QTableWidgetItem(""))
        table.setCurrentCell(row, 0)
        table.setFocus()
        table.editItem(table.item(row, 0))
        self._touched()

    def _remove_bridge(self) -> None:
        table = self.ui.bridgeTable
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())
            self._touched()

    # -- showing and reading a session -------------------------------------------------------------------
    def new(self, day: dt.date) -> None:
        """An empty plan for ``day`` at 08:00 with the suggested title, chair, legal bases and recipients."""
        ui = self.ui
        self._loading = True
        try:
            self.errors.clear()
            self._auto = {"title": "", "legal": [], "recipients": [], "chair": None}
            for edit in (ui.titleEdit, ui.placeEdit, ui.participantTextEdit):
                edit.clear()
            for edit in (ui.targetEdit, ui.purposeEdit, ui.requirementsEdit, ui.contentEdit):
                edit.clear()
            ui.secretaryCombo.setCurrentIndex(0)
            ui.secretaryCombo.setEditText("")
            ui.chairCombo.setCurrentIndex(0)
            ui.chairDelegatedCheck.setChecked(False)
            for name, _body in JOINT_BODIES:
                getattr(ui, name).setChecked(False)
            ui.formCombo.setCurrentIndex(0)
            ui.regimeCombo.setCurrentIndex(0)
            ui.dateEdit.setDate(qdate(day))
            ui.startTimeEdit.setTime(QTime(8, 0))
            ui.endCheck.setChecked(True)
            ui.endTimeEdit.setTime(QTime(11, 30))
            ui.endTimeEdit.setEnabled(True)
            if self._choices is not None:
                select_data(ui.profileCombo, self._choices.default_profile_id)
            self._fill_co_chairs([])
            ui.participantsList.clear()
            ui.taskList.clear()
            ui.bridgeTable.setRowCount(0)
            ui.legalList.clear()
            ui.recipientsList.clear()
            select_data(ui.hostCombo, Host.COMMITTEE.value)
            self._host_changed()
            self._profile_changed()
            ui.tabs.setCurrentIndex(0)
        finally:
            self._loading = False
        self.dirty = False

    def show_session(self, ds) -> None:
        """Fill every field from a stored session (called inside the ORM session that loaded it)."""
        ui = self.ui
        self._loading = True
        try:
            self.errors.clear()
            # a stored session keeps its own lists: nothing is re-suggested while editing it
            self._auto = {"title": None, "legal": None, "recipients": None, "chair": None}
            ui.titleEdit.setText(ds.title)
            ui.titleEdit.setCursorPosition(0)
            select_data(ui.hostCombo, ds.host)
            self._host_changed()
            for name, body in JOINT_BODIES:
                getattr(ui, name).setChecked(body in ds.joint_bodies.split(","))
            if ds.host == Host.JOINT.value:
                select_data(ui.documentFormatCombo, ds.document_format)
            for combo, official in ((ui.chairCombo, ds.chair), (ui.secretaryCombo, ds.secretary)):
                if official is not None and combo.findData(official.id) < 0:  # no longer in office
                    combo.addItem(official_text(official), official.id)
            select_data(ui.chairCombo, ds.chair_id)
            ui.chairDelegatedCheck.setChecked(ds.chair_delegated)
            self._fill_co_chairs([(c.official_id, c.delegated) for c in ds.co_chairs],
                                 {c.official_id: official_text(c.official) for c in ds.co_chairs})
            select_data(ui.formCombo, ds.form)
            select_data(ui.regimeCombo, ds.regime)
            ui.dateEdit.setDate(qdate(ds.planned_start.date()))
            ui.startTimeEdit.setTime(QTime(ds.planned_start.hour, ds.planned_start.minute))
            ui.endCheck.setChecked(ds.planned_end is not None)
            ui.endTimeEdit.setEnabled(ds.planned_end is not None)
            end = ds.planned_end or ds.planned_start + dt.timedelta(hours=3)
            ui.endTimeEdit.setTime(QTime(end.hour, end.minute))
            ui.placeEdit.setText(ds.place)
            select_data(ui.profileCombo, ds.profile_id)
            if ds.secretary_id is not None:
                select_data(ui.secretaryCombo, ds.secretary_id)
            else:
                ui.secretaryCombo.setCurrentIndex(0)
                ui.secretaryCombo.setEditText(ds.secretary_name)
            ui.targetEdit.setPlainText(ds.target_audience)
            ui.purposeEdit.setPlainText(ds.purpose)
            ui.requirementsEdit.setPlainText(ds.requirements)
            ui.contentEdit.setPlainText(ds.content)
            ui.participantsList.clear()
            for p in ds.participants:
                name = p.agency.name if p.agency is not None and not p.name else p.name
                ui.participantsList.addItem(text_item(name, editable=p.agency_id is None, agency_id=p.agency_id))
            ui.taskList.clear()
            for t in ds.tasks:
                ui.taskList.addItem(self._task_item(t.assignee, t.agency_id, t.tasks))
            self._show_task(None)
            ui.bridgeTable.setRowCount(0)
            for b in ds.bridge_points:
                row = ui.bridgeTable.rowCount()
                ui.bridgeTable.insertRow(row)
                ui.bridgeTable.setItem(row, 0, QTableWidgetItem(b.name))
                ui.bridgeTable.setItem(row, 1, QTableWidgetItem(b.address))
            set_list_texts(ui.legalList, [b.text for b in ds.legal_bases])
            set_list_texts(ui.recipientsList, [r.text for r in ds.recipients])
        finally:
            self._loading = False
        self.dirty = False

    # the texts a clerk types at length: kept as a draft while the plan is not saved (services.drafts)
    _DRAFT_EDITS = {"title": "titleEdit", "place": "placeEdit"}
    _DRAFT_TEXTS = {"target_audience": "targetEdit", "purpose": "purposeEdit", "requirements": "requirementsEdit",
                    "content": "contentEdit"}

    def texts(self) -> dict:
        """The plan's typed texts (title, place, the four long texts, each task's text), plain values."""
        ui = self.ui
        data = {key: getattr(ui, name).text() for key, name in self._DRAFT_EDITS.items()}
        data.update({key: getattr(ui, name).toPlainText() for key, name in self._DRAFT_TEXTS.items()})
        data["tasks"] = [[ui.taskList.item(i).data(AGENCY_ROLE), ui.taskList.item(i).text(),
                          ui.taskList.item(i).data(TASKS_ROLE) or ""] for i in range(ui.taskList.count())]
        return data

    def apply_texts(self, data: dict) -> None:
        """Put a draft's texts back (``texts()``); the form is then edited (dirty), not saved."""
        ui = self.ui
        self._loading = True
        try:
            for key, name in self._DRAFT_EDITS.items():
                if isinstance(data.get(key), str):
                    getattr(ui, name).setText(data[key])
            for key, name in self._DRAFT_TEXTS.items():
                if isinstance(data.get(key), str):
                    getattr(ui, name).setPlainText(data[key])
            if isinstance(data.get("tasks"), list):
                ui.taskList.clear()
                for agency_id, heading, tasks in (t for t in data["tasks"] if isinstance(t, list) and len(t) == 3):
                    ui.taskList.addItem(self._task_item(str(heading), agency_id, str(tasks)))
                self._show_task(None)
        finally:
            self._loading = False
        self._touched()

    def value(self) -> SessionInput:
        ui = self.ui
        day = pydate(ui.dateEdit.date())
        start = dt.datetime.combine(day, ui.startTimeEdit.time().toPython().replace(second=0, microsecond=0))
        end = None
        if ui.endCheck.isChecked():
            end = dt.datetime.combine(day, ui.endTimeEdit.time().toPython().replace(second=0, microsecond=0))
        secretary_text = ui.secretaryCombo.currentText().strip()
        secretary_index = ui.secretaryCombo.findText(secretary_text, Qt.MatchExactly)
        secretary_id = ui.secretaryCombo.itemData(secretary_index) if secretary_index > 0 else None
        co_chairs = self._co_chairs()
        bridge = ui.bridgeTable
        bridge_points = [((bridge.item(r, 0).text() if bridge.item(r, 0) else ""),
                          (bridge.item(r, 1).text() if bridge.item(r, 1) else "")) for r in range(bridge.rowCount())]
        participants = []
        for i in range(ui.participantsList.count()):
            item = ui.participantsList.item(i)
            agency_id = item.data(AGENCY_ROLE)
            participants.append((agency_id, "" if agency_id is not None else item.text()))
        tasks = []
        for i in range(ui.taskList.count()):
            item = ui.taskList.item(i)
            tasks.append((item.data(AGENCY_ROLE), item.text(), item.data(TASKS_ROLE) or ""))
        joint = [body for name, body in JOINT_BODIES if getattr(ui, name).isChecked()]
        return SessionInput(
            title=ui.titleEdit.text(), host=self._host(), planned_start=start, planned_end=end,
            form=ui.formCombo.currentData(), regime=ui.regimeCombo.currentData(),
            chair_id=ui.chairCombo.currentData(), chair_delegated=ui.chairDelegatedCheck.isChecked(),
            joint_bodies=joint if self._host() == Host.JOINT.value else [], co_chairs=co_chairs,
            place=ui.placeEdit.text(), bridge_points=bridge_points, target_audience=ui.targetEdit.toPlainText(),
            participants=participants, purpose=ui.purposeEdit.toPlainText(),
            requirements=ui.requirementsEdit.toPlainText(), content=ui.contentEdit.toPlainText(), tasks=tasks,
            legal_bases=list_texts(ui.legalList), recipients=list_texts(ui.recipientsList),
            profile_id=ui.profileCombo.currentData(), secretary_id=secretary_id,
            secretary_name="" if secretary_id else secretary_text,
            document_format=ui.documentFormatCombo.currentData())

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Errors next to their fields, on the first tab that has one; returns those with no field."""
        rest = self.errors.show(errors)
        for field in errors:
            label = self.errors.labels.get(field)
            if label is None:
                continue
            tabs = self.ui.tabs
            for index in range(tabs.count()):
                if tabs.widget(index).isAncestorOf(label):
                    tabs.setCurrentIndex(index)
                    break
            break
        return rest

    def report(self, parent: QWidget, exc: BaseException) -> None:
        """A refused save: a ValidationError beside its fields (see :meth:`show_errors`), the problems of no
        field and any other error in a Vietnamese message box."""
        from desk_app.domain.errors import ValidationError
        from desk_app.gui.context import show_error

        if not isinstance(exc, ValidationError):
            show_error(parent, exc)
        elif self.show_errors(exc.errors):
            show_error(parent, ValidationError({k: v for k, v in exc.errors.items() if k not in self.errors.labels}))

    def set_editable(self, editable: bool) -> None:
        """A cancelled session is kept as it was: its form is read-only (the history tab stays usable)."""
        for index in range(self.ui.tabs.count() - 1):
            self.ui.tabs.widget(index).setEnabled(editable)

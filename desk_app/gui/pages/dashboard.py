"""Tổng quan: the year's figures, each head's compliance with the yearly minimum, the petitions that are
overdue or due soon, and the two charts of the yearly report.

Every figure comes from the one statistics function (``statistics.compute``), so the dashboard, the
yearly report and the Excel summary always agree. This is the first page shown at start, so ``reload``
does one ``compute`` call and two short, limited petition queries.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QScrollArea,
                               QSizePolicy, QSpinBox, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from desk_app.domain import clock
from desk_app.domain.deadlines import DUE_SOON_WORKING_DAYS
from desk_app.domain.validation import format_date
from desk_app.gui import palette
from desk_app.gui.chart_view import ChartView
from desk_app.gui.common import ROW_ROLE, Column, RowsModel, button
from desk_app.gui.context import Page
from desk_app.gui.widgets import FiguresTable, format_figure, read_only_table
from desk_app.gui.pages.dashboard_data import Figures, PetitionRow, load_figures
from desk_app.services import statistics

# The figures shown as tiles (keys of Figures.items()); the full list is on the "Tất cả số liệu" tab.
TILE_KEYS = ("sessions_total", "sessions_held", "citizens_attending", "petitions", "answered_at_meeting",
             "resolved", "in_progress", "open_overdue")

OVERDUE_COLOUR = QColor(palette.ERROR)


class _Tile(QFrame):
    """One figure in large type with its label underneath."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"tile_{key}")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet(f"QFrame#tile_{key} {{ background: {palette.TILE_BACKGROUND}; "
                           f"border: 1px solid {palette.TILE_BORDER}; border-radius: 6px; }}")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.value = QLabel("—", self)
        self.value.setObjectName("value")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel("", self)
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        # at least two lines of caption: tiles keep one height whatever their text
        self.caption.setMinimumHeight(self.caption.fontMetrics().lineSpacing() * 2 + 2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_figure(self, label: str, value, alarm: bool = False) -> None:
        self.value.setText(format_figure(value))
        self.caption.setText(label)
        self.value.setStyleSheet(palette.style(palette.ERROR if alarm else palette.FIGURE))
        self.setToolTip(f"{label}: {format_figure(value)}")
        self.setAccessibleName(f"{label}: {format_figure(value)}")


class _ComplianceModel(RowsModel):
    """Heads' compliance rows, each coloured by its state (green met, amber planned, red not yet)."""

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and role in (Qt.BackgroundRole, Qt.ForegroundRole):
            background, text = palette.OBLIGATION[self.rows[index.row()].state]
            return QBrush(QColor(background if role == Qt.BackgroundRole else text))
        return super().data(index, role)


class _Content(QWidget):
    """The scrolled content: as tall as the view, or its minimum — never its word-wrapped preferred height
    (that would add a scroll bar where everything fits)."""

    def hasHeightForWidth(self) -> bool:
        return False

    def heightForWidth(self, width: int) -> int:
        return -1


class DashboardPage(Page):
    key = "dashboard"
    title = "Tổng quan"

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.stats: statistics.Statistics | None = None  # what is on screen
        self._ready: Figures | None = None  # figures read at start, shown by the first reload
        # Everything scrolls when the screen is small (1366×768 at 125 %): charts keep a readable size
        # instead of being squeezed until Qt drops their labels.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setFocusPolicy(Qt.NoFocus)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scroll)
        content = _Content(scroll)
        scroll.setWidget(content)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(12, 10, 12, 8)
        outer.setSpacing(8)

        # -- year and refresh ---------------------------------------------------------------------------
        bar = QHBoxLayout()
        heading = QLabel("Tổng quan", self)
        heading_font = QFont(heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.35)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        year_label = QLabel("Nă&m:", self)
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.setKeyboardTracking(False)  # reload once the year is typed, not at every digit
        self.year.setToolTip("Năm của số liệu, biểu đồ và việc tổ chức đối thoại (Alt+M)")
        year_label.setBuddy(self.year)
        self.year.valueChanged.connect(lambda _value: self.reload())
        self.refresh_button = button("Làm mới", self.reload, shortcut="F5", parent=self)
        self.refresh_button.setObjectName("refresh")
        self.as_of = QLabel("", self)
        self.as_of.setObjectName("as_of")
        self.as_of.setStyleSheet(palette.style(palette.CAPTION))
        self.as_of.setWordWrap(True)  # a long profile name must not widen the page
        bar.addWidget(heading)
        bar.addSpacing(16)
        bar.addWidget(year_label)
        bar.addWidget(self.year)
        bar.addWidget(self.refresh_button)
        bar.addSpacing(12)
        bar.addWidget(self.as_of, 1)
        outer.addLayout(bar)

        # -- key figures as tiles ------------------------------------------------------------------------
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(8)
        self.tiles: dict[str, _Tile] = {key: _Tile(key, self) for key in TILE_KEYS}
        outer.addLayout(self.tile_grid)

        self.splitter = splitter = QSplitter(Qt.Horizontal, content)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)

        # -- each head's compliance with the yearly minimum ------------------------------------------------
        self.compliance_box = QGroupBox("Nghĩa vụ tổ chức đối thoại trong năm", left)
        box_layout = QVBoxLayout(self.compliance_box)
        box_layout.setContentsMargins(8, 6, 8, 8)
        explain = lambda h: h.explanation() or None  # noqa: E731 — the sessions counted and why others were not
        self.compliance_model = _ComplianceModel([
            Column("Chức vụ", lambda h: h.post_label, tooltip=explain),
            Column("Người đứng đầu", lambda h: h.official_name or "Chưa có (nhập ở Danh mục)", tooltip=explain),
            Column("Đã tổ chức", lambda h: f"{h.held}/{h.required}", align=Qt.AlignCenter, tooltip=explain),
            Column("Đã có kế hoạch", lambda h: h.upcoming, align=Qt.AlignCenter, tooltip=explain),
            Column("Đánh giá", lambda h: h.state_label + (f" ({len(h.not_counted)} cuộc không tính)"
                                                          if h.not_counted and not h.met else ""), tooltip=explain),
        ], self)
        self.compliance = QTableView(self.compliance_box)
        self.compliance.setObjectName("compliance")
        # read-only, a few rows: nothing to operate
        read_only_table(self.compliance, self.compliance_model, selectable=False, resize=QHeaderView.ResizeToContents,
                        stretch=None)  # too narrow (a large font): the table scrolls, no name is squeezed
        self.compliance.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.compliance.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.compliance_rule = QLabel("", self.compliance_box)
        self.compliance_rule.setObjectName("compliance_rule")
        self.compliance_rule.setWordWrap(True)
        self.compliance_rule.setStyleSheet(palette.style(palette.CAPTION))
        box_layout.addWidget(self.compliance_rule)
        box_layout.addWidget(self.compliance)
        left_layout.addWidget(self.compliance_box)

        # -- petitions that need attention, and every figure ---------------------------------------------
        self.tabs = QTabWidget(left)
        self.tabs.setObjectName("lists")
        self.overdue_model = RowsModel(self._petition_columns(late=True), self)
        self.soon_model = RowsModel(self._petition_columns(late=False), self)
        self.overdue_table, self.overdue_note = self._petition_tab(self.overdue_model, "overdue_table")
        self.soon_table, self.soon_note = self._petition_tab(self.soon_model, "soon_table")
        figures_page = QWidget(self.tabs)
        figures_layout = QVBoxLayout(figures_page)
        figures_layout.setContentsMargins(6, 6, 6, 6)
        self.figures = FiguresTable(figures_page)
        self.figures.setObjectName("figures")
        figures_layout.addWidget(self.figures)
        self.tabs.addTab(self.overdue_table.parentWidget(), "&Quá hạn")
        self.tabs.addTab(self.soon_table.parentWidget(), "Sắp đến &hạn")
        self.tabs.addTab(figures_page, "Tất cả &số liệu")
        left_layout.addWidget(self.tabs, 1)

        # -- the report's two charts -----------------------------------------------------------------------
        right = QWidget(splitter)
        self.chart_layout = right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.field_chart = ChartView(right)
        self.field_chart.setObjectName("field_chart")
        self.outcome_chart = ChartView(right)
        self.outcome_chart.setObjectName("outcome_chart")
        # a bar per field needs more height than the donut (Qt hides category labels that do not fit)
        right_layout.addWidget(self.field_chart, 3)
        right_layout.addWidget(self.outcome_chart, 2)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self._narrow: tuple[bool, int, bool] | None = None  # (lists above the charts, tiles per row, charts side by side)
        self._arrange(narrow=False)

        QWidget.setTabOrder(self.year, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.tabs)
        QWidget.setTabOrder(self.tabs, self.overdue_table)
        QWidget.setTabOrder(self.overdue_table, self.soon_table)
        QWidget.setTabOrder(self.soon_table, self.figures)

    # -- layout for the screen's width --------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_width(event.size().width())

    def _fit_width(self, width: int) -> None:
        self._fit_compliance_height()
        # Narrow (1366×768 at 125 %, large fonts): lists above the charts, the page scrolls down.
        narrow = width < 160 * self.fontMetrics().averageCharWidth()
        # tiles per row: all in one row when wide, else as many of four as fit (a large font: three, two)
        tile = max(t.minimumSizeHint().width() for t in self.tiles.values()) + self.tile_grid.spacing()
        per_row = max(2, min(4, (width - 24) // max(tile, 1))) if narrow else len(TILE_KEYS)
        # below the lists the two charts side by side while their legends fit, else one above the other
        charts = sum(c.minimumSizeHint().expandedTo(c.minimumSize()).width()
                     for c in (self.field_chart, self.outcome_chart)) + 36
        self._arrange(narrow, per_row, charts_in_a_row=narrow and width >= charts)

    def _arrange(self, narrow: bool, per_row: int | None = None, charts_in_a_row: bool | None = None) -> None:
        per_row = per_row or len(TILE_KEYS)
        charts_in_a_row = narrow if charts_in_a_row is None else charts_in_a_row
        if (narrow, per_row, charts_in_a_row) == self._narrow:
            return
        self._narrow = (narrow, per_row, charts_in_a_row)
        for tile in self.tiles.values():
            self.tile_grid.removeWidget(tile)
        for index, key in enumerate(TILE_KEYS):
            self.tile_grid.addWidget(self.tiles[key], index // per_row, index % per_row)
        for column in range(len(TILE_KEYS)):
            self.tile_grid.setColumnStretch(column, 1 if column < per_row else 0)
        self.splitter.setOrientation(Qt.Vertical if narrow else Qt.Horizontal)
        self.chart_layout.setDirection(QVBoxLayout.LeftToRight if charts_in_a_row else QVBoxLayout.TopToBottom)
        margins = (0, 6, 0, 0) if narrow else (6, 0, 0, 0)
        self.chart_layout.setContentsMargins(*margins)
        # side by side the donut needs as much width as the bars; stacked, the bars need more height
        self.chart_layout.setStretch(0, 1 if charts_in_a_row else 3)
        self.chart_layout.setStretch(1, 1 if charts_in_a_row else 2)
        # a list of a dozen rows stays readable when the lists are stacked above the charts
        self.tabs.setMinimumHeight(self.fontMetrics().lineSpacing() * 18 if narrow else 0)

    # -- building blocks ----------------------------------------------------------------------------------
    @staticmethod
    def _petition_columns(late: bool) -> list[Column]:
        days = (Column("Quá hạn (ngày)", lambda r: r.days, align=Qt.AlignRight,
                       foreground=lambda r: QBrush(OVERDUE_COLOUR))
                if late else Column("Còn lại (ngày làm việc)", lambda r: r.days, align=Qt.AlignRight))
        return [
            Column("Người kiến nghị", lambda r: r.citizen),
            Column("Nội dung kiến nghị", lambda r: r.content, tooltip=lambda r: r.content),
            Column("Cơ quan chủ trì", lambda r: r.agency or "Chưa giao", tooltip=lambda r: r.agency or "Chưa giao"),
            Column("Hạn giải quyết", lambda r: r.due, align=Qt.AlignCenter),
            days,
        ]

    def _petition_tab(self, model: RowsModel, name: str) -> tuple[QTableView, QLabel]:
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        note = QLabel("", page)
        note.setObjectName(f"{name}_note")
        note.setWordWrap(True)
        table = QTableView(page)
        table.setObjectName(name)
        read_only_table(table, model, sortable=True, alternate=True, compact=True, wrap=False,
                        resize=QHeaderView.ResizeToContents, stretch=1, bold_header=False)
        table.setToolTip("Enter hoặc nhấp đúp: mở kiến nghị ở trang Theo dõi kiến nghị")
        header = table.horizontalHeader()  # the content (1) takes what is left, elided
        header.setSectionResizeMode(2, QHeaderView.Interactive)  # agency names can be very long
        header.resizeSection(2, table.fontMetrics().horizontalAdvance("Phòng Kinh tế thuộc"))
        # Enter and double-click both emit activated (connecting doubleClicked too would open twice)
        table.activated.connect(self._open_petition)
        layout.addWidget(note)
        layout.addWidget(table, 1)
        return table, note

    # -- data -----------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """The figures are computed in the worker (a large year takes seconds): the window stays
        responsive, and a newer request (another year picked meanwhile) wins over an older one. At start
        they may have been read already, with the database's opening (:meth:`use_figures`)."""
        year, today = self.year.value(), clock.today()
        ready, self._ready = self._ready, None
        if ready is not None and ready.fresh(year, today):
            self._load_request = getattr(self, "_load_request", 0) + 1  # an older load still running is dropped
            self.loading = False
            self._show(ready)
            self.loaded.emit()
            return

        def load(_progress) -> Figures:
            with self.ctx.read_session() as session:
                return load_figures(session, year, today)

        self.load_in_worker(load, self._show)

    def use_figures(self, figures: Figures) -> None:
        """Figures read on the thread that opened the database: the next reload shows them at once (when
        they are of the year shown, of today, and read a moment ago)."""
        self._ready = figures

    def _show(self, figures: Figures) -> None:
        self.stats = figures.stats
        self._show_figures(figures.stats, figures.today)
        self._show_compliance(figures.stats)
        self._show_petitions(figures.overdue, figures.soon)
        self.field_chart.show_fields(figures.stats)
        self.outcome_chart.show_outcomes(figures.stats)
        self._fit_width(self.width())  # the charts' legends now have their width

    def _show_figures(self, stats: statistics.Statistics, today: dt.date) -> None:
        items = {key: (label, value) for key, label, value in stats.total.items()}
        for key, tile in self.tiles.items():
            label, value = items[key]
            tile.set_figure(label, value, alarm=key == "open_overdue" and bool(value))
        self.figures.set_statistics(stats)
        self.as_of.setText(f"{stats.period.label}, tính đến ngày {format_date(today)} — "
                           f"quy định áp dụng: {stats.profile_name}")

    def _show_compliance(self, stats: statistics.Statistics) -> None:
        self.compliance_model.set_rows(stats.compliance)
        self.compliance_rule.setText(
            f"Theo {stats.profile_name}, năm {stats.period.start.year}. Màu xanh: đạt; vàng: đã có kế hoạch; đỏ: "
            "chưa tổ chức. Di chuột lên một dòng để xem cuộc nào được tính và vì sao cuộc khác không được tính.")
        self.compliance.resizeRowsToContents()
        self._fit_compliance_height()

    def _fit_compliance_height(self) -> None:
        """Exactly as tall as its rows (and its scroll bar when the columns are wider than the page): the lists
        below get the rest."""
        table = self.compliance
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(self.compliance_model.rowCount()))
        if table.horizontalHeader().length() > table.width() - 2 * table.frameWidth():
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(height)

    def _show_petitions(self, overdue: tuple[list[PetitionRow], int], soon: tuple[list[PetitionRow], int]) -> None:
        for (rows, total), model, table, note, tab, empty, what in (
                (overdue, self.overdue_model, self.overdue_table, self.overdue_note, 0,
                 "Không có kiến nghị nào quá hạn.", "quá hạn"),
                (soon, self.soon_model, self.soon_table, self.soon_note, 1,
                 f"Không có kiến nghị nào đến hạn trong {DUE_SOON_WORKING_DAYS} ngày làm việc tới.",
                 "sắp đến hạn")):
            model.set_rows(rows)
            table.sortByColumn(3, Qt.AscendingOrder)
            self.tabs.setTabText(tab, f"{'&Quá hạn' if tab == 0 else 'Sắp đến &hạn'} ({total})")
            if not rows:
                note.setText(empty)
            elif total > len(rows):
                note.setText(f"{len(rows)} kiến nghị {what} cần xử lý trước nhất, trong tổng số {total} "
                             "(mọi năm). Xem đủ ở trang Theo dõi kiến nghị. Enter hoặc nhấp đúp để mở.")
            else:
                note.setText(f"{total} kiến nghị {what} (mọi năm). Enter hoặc nhấp đúp để mở ở trang "
                             "Theo dõi kiến nghị.")

    def _open_petition(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.ctx.navigate("followup", row.id)

"""A widget that shows one of the statistics charts on screen.

The chart itself comes from :mod:`desk_app.documents.charts` — the same builders the yearly report
renders to PNG — so the dashboard and the printed report always look alike. Only the font differs: on
screen the charts use the application's font (and so follow the font-size setting).
"""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QFrame, QSizePolicy, QWidget

from desk_app.documents import charts


class ChartView(QChartView):
    """Shows a chart; ``show_fields`` / ``show_outcomes`` draw the statistics' two charts."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.Antialiasing)
        self.setFrameShape(QFrame.StyledPanel)
        self.setFocusPolicy(Qt.NoFocus)  # nothing to operate: the figures are also in the tables
        self.setMinimumSize(260, 180)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.series: list[tuple[str, int]] = []

    def show_chart(self, chart: QChart, series: list[tuple[str, int]]) -> None:
        old = self.chart()
        self.setChart(chart)  # the view owns the new chart; the previous one is only released
        if old is not None and old is not chart:
            old.deleteLater()
        self.series = list(series)
        # The numbers as text too: for the tooltip and for screen readers.
        text = "\n".join(f"{label}: {count}" for label, count in series) or charts.EMPTY_TEXT
        self.setToolTip(f"{chart.title()}\n{text}")
        self.setAccessibleName(chart.title())
        self.setAccessibleDescription(text)

    def show_fields(self, stats) -> None:
        series = charts.field_series(stats)
        self.show_chart(charts.field_chart(series, font=QApplication.font()), series)
        # Qt drops the field names that do not fit their bar: keep a row of text per field, plus the
        # title and the value axis
        line = QFontMetrics(QApplication.font()).lineSpacing()
        self.setMinimumHeight(round(line * (1.15 * len(series) + 7.5)))

    def show_outcomes(self, stats) -> None:
        series = charts.outcome_series(stats)
        self.show_chart(charts.outcome_chart(series, font=QApplication.font()), series)
        # the legend table sits right of the donut: never narrower than the legend and a small donut
        metrics = QFontMetrics(QApplication.font())
        legend = max((metrics.horizontalAdvance(label) for label, _count in series), default=0)
        legend += metrics.horizontalAdvance("  000    100,0%    ") + metrics.height()
        self.setMinimumWidth(legend + 12 * metrics.lineSpacing())
        self.setMinimumHeight(round(metrics.lineSpacing() * (1.5 * max(len(series), 4) + 3)))

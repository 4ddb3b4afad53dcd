"""The charts of the statistics (quality.md §4, documents.md row 10): petitions by field and their outcome.

One drawing code for the yearly report (PNG pictures in the .docx) and the dashboard (a ``QChartView``
showing the same ``QChart``), so the two always look alike.

- ``field_series`` / ``outcome_series`` turn :class:`~desk_app.services.statistics.Statistics` into
  (Vietnamese label, count) pairs — pure functions, no Qt needed;
- ``field_chart`` / ``outcome_chart`` build a ``QChart`` from such pairs (an empty list gives a chart
  that says "Chưa có kiến nghị");
- ``render_png`` draws a chart offscreen into PNG bytes laid out for a page 16 cm wide, so the text is
  printed at its real point size whatever the number of pixels asked for.

Threading: charts are QObjects and text layout uses the GUI font database, so building and rendering
must happen on the Qt main thread. A GUI worker that writes the report asks the main thread to draw
(e.g. a blocking queued call) and receives the PNG bytes; ``render_png`` refuses any other thread.

Qt is imported here only: the domain and services layers stay free of it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QHorizontalBarSeries, QPieSeries, QValueAxis
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QPointF, QRectF, Qt, QThread
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem

from desk_app.domain.states import PetitionStatus

if TYPE_CHECKING:
    from desk_app.services.statistics import Figures, Statistics

Series = list[tuple[str, int]]

FIELD_TITLE = "Kiến nghị theo lĩnh vực"
OUTCOME_TITLE = "Kết quả giải quyết kiến nghị"
EMPTY_TEXT = "Chưa có kiến nghị"

# Administrative documents are set in Times New Roman (Nghị định 30/2020); Liberation Serif has the same
# metrics and the Vietnamese glyphs where Times is missing; DejaVu as the last resort.
FONT_FAMILIES = ["Times New Roman", "Liberation Serif", "DejaVu Serif", "DejaVu Sans"]
BASE_POINT_SIZE = 11
PRINT_WIDTH_CM = 16.0
_LAYOUT_DPI = 96  # charts are laid out in 1/96 inch units, then scaled to the pixels asked for

TEXT_COLOR = QColor("#1a1a1a")  # the light theme's grey labels print too pale
BAR_COLOR = QColor("#2f6fb0")
OUTCOME_COLORS = {  # by meaning, distinct also when printed in grey
    "answered": QColor("#4e79a7"),
    "on_time": QColor("#2e8b57"),
    "late": QColor("#e0a030"),
    "open_not_due": QColor("#8fbbd9"),
    "open_overdue": QColor("#c0392b"),
    "transferred": QColor("#7b5ea7"),
    "not_competent": QColor("#8c8c8c"),
}
_OUTCOME_LABELS = {
    "answered": PetitionStatus.ANSWERED_AT_MEETING.label,
    "on_time": "Trả lời đúng hạn",
    "late": "Trả lời quá hạn",
    "open_not_due": "Đang giải quyết trong hạn",
    "open_overdue": "Đang giải quyết quá hạn",
    "transferred": PetitionStatus.TRANSFERRED.label,
    "not_competent": PetitionStatus.NOT_COMPETENT.label,
}
_SMALL_SLICE = 0.05  # no label on slices this thin: it would spill over (the legend still names them)


# --- data ---------------------------------------------------------------------------------------

def field_series(stats: Statistics, figures: Figures | None = None) -> Series:
    """Petitions by field in catalogue order, fields without petitions left out.

    ``figures`` defaults to ``stats.total`` (pass ``stats.by_host[...]`` for one host).
    """
    table = (stats.total if figures is None else figures).by_field_status
    counts = ((name, sum(table.get(name, {}).values())) for name in stats.fields)
    return [(name, count) for name, count in counts if count]


def outcome_series(stats: Statistics, figures: Figures | None = None) -> Series:
    """Petitions by outcome (Vietnamese labels, report order), outcomes without petitions left out."""
    counts = _outcome_counts(stats.total if figures is None else figures)
    return [(_OUTCOME_LABELS[key], count) for key, count in counts if count]


def _outcome_counts(f: Figures) -> list[tuple[str, int]]:
    return [("answered", f.answered_at_meeting), ("on_time", f.resolved_on_time), ("late", f.resolved_late),
            ("open_not_due", f.open_not_due), ("open_overdue", f.open_overdue),
            ("transferred", f.transferred), ("not_competent", f.not_competent)]


# --- charts -------------------------------------------------------------------------------------

def chart_font(point_size: float = BASE_POINT_SIZE) -> QFont:
    """The report's font (the dashboard passes the application font instead)."""
    ensure_qt_app()  # fonts need the application's font database
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    return font


def field_chart(series: Sequence[tuple[str, int]], title: str = FIELD_TITLE,
                font: QFont | None = None) -> QChart:
    """A horizontal bar per field (first field on top), its count written at the end of the bar."""
    font = font or chart_font()
    chart = _new_chart(title, font)
    if not series:
        return _say_empty(chart, font)
    chart.legend().hide()
    bars = QBarSet("Số kiến nghị")
    # Bar categories run bottom-up and QBarCategoryAxis cannot be reversed: feed them backwards so the
    # catalogue reads top-down.
    series = list(reversed(series))
    bars.append([count for _name, count in series])
    bars.setColor(BAR_COLOR)
    bars.setBorderColor(BAR_COLOR)
    bars.setLabelColor(TEXT_COLOR)
    bars.setLabelFont(font)
    data = QHorizontalBarSeries()
    data.append(bars)
    data.setBarWidth(0.7)
    data.setLabelsVisible(True)
    data.setLabelsFormat("@value")
    data.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(data)

    fields = QBarCategoryAxis()
    fields.append([name for name, _count in series])
    fields.setLabelsFont(font)
    fields.setLabelsBrush(QBrush(TEXT_COLOR))
    # Qt elides category labels taller than a row minus padding, even when they fit: never elide.
    fields.setTruncateLabels(False)
    fields.setGridLineVisible(False)
    chart.addAxis(fields, Qt.AlignmentFlag.AlignLeft)
    data.attachAxis(fields)

    top = max(count for _name, count in series)
    step = _nice_step(top)
    counts = QValueAxis()
    # Room past the longest bar for its label.
    counts.setRange(0, (top * 1.1 // step + 1) * step)
    counts.setTickType(QValueAxis.TickType.TicksDynamic)
    counts.setTickAnchor(0)
    counts.setTickInterval(step)
    counts.setLabelFormat("%d")
    counts.setLabelsFont(font)
    counts.setLabelsBrush(QBrush(TEXT_COLOR))
    counts.setTitleText("Số kiến nghị")
    counts.setTitleFont(font)
    counts.setTitleBrush(QBrush(TEXT_COLOR))
    chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
    data.attachAxis(counts)
    return chart


def outcome_chart(series: Sequence[tuple[str, int]], title: str = OUTCOME_TITLE,
                  font: QFont | None = None) -> QChart:
    """A donut of outcomes with the total in its hole and percentages on the slices; on its right a
    legend table: colour, outcome, count, percentage."""
    font = font or chart_font()
    chart = _new_chart(title, font)
    if not series:
        return _say_empty(chart, font)
    chart.legend().hide()  # Qt's legend elides labels longer than 40 % of the width: draw our own
    total = sum(count for _label, count in series)
    colors = {label: OUTCOME_COLORS[key] for key, label in _OUTCOME_LABELS.items()}
    pie = QPieSeries()
    pie.setHoleSize(0.45)
    rows = []
    for index, (label, count) in enumerate(series):
        share = count / total
        part = pie.append(_percent(share), count)
        color = colors.get(label, QColor.fromHsv(index * 47 % 360, 140, 190))
        part.setColor(color)
        part.setBorderColor(Qt.GlobalColor.white)
        part.setLabelFont(font)
        part.setLabelColor(TEXT_COLOR if color.lightnessF() > 0.6 else Qt.GlobalColor.white)
        part.setLabelPosition(part.LabelPosition.LabelInsideHorizontal)
        rows.append((color, label, str(count), _percent(share)))
    chart.addSeries(pie)
    legend_width = _legend_table(chart, rows, font)
    hole = _text_item(chart, f"{total} kiến nghị", font)

    def place_pie(area: QRectF) -> None:
        # The pie takes the plot area left of the legend; the title stays centred on the whole chart.
        if area.isEmpty():
            return
        room = max(area.width() - legend_width, area.width() * 0.4)
        pie.setHorizontalPosition(room / 2 / area.width())
        pie.setPieSize(0.92 * min(1.0, room / min(area.width(), area.height())))
        pie.setHoleSize(pie.pieSize() * 0.45 / 0.92)  # the hole shrinks with the pie: the ring keeps its width
        _centre_on(hole, QPointF(area.left() + room / 2, area.center().y()))
        outer = pie.pieSize() * min(area.width(), area.height()) / 2
        for part, visible in zip(pie.slices(), slice_labels_fit(pie.slices(), outer, pie.holeSize() / pie.pieSize(),
                                                                 font)):
            part.setLabelVisible(visible)

    chart.plotAreaChanged.connect(place_pie)
    place_pie(chart.plotArea())
    return chart


def label_boxes(shares: Sequence[float], labels: Sequence[str], outer: float, hole: float,
                font: QFont) -> list[QRectF]:
    """Where Qt draws each slice's label inside the ring (centred at mid-ring, mid-angle; clockwise from 12
    o'clock), relative to the pie's centre."""
    import math

    metrics = QFontMetricsF(font)
    radius = outer * (1 + hole) / 2
    boxes, start = [], 0.0
    for share, label in zip(shares, labels):
        angle = math.radians((start + share / 2) * 360)
        start += share
        width, height = metrics.horizontalAdvance(label), metrics.height()
        centre = QPointF(radius * math.sin(angle), -radius * math.cos(angle))
        boxes.append(QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height))
    return boxes


def slice_labels_fit(slices, outer: float, hole: float, font: QFont) -> list[bool]:
    """Which slices show their percentage: one wide enough for it, never overlapping a neighbour's (the legend
    names them all) — at a large font or in a small window the thin slices' labels are left out."""
    total = sum(part.value() for part in slices) or 1
    shares = [part.value() / total for part in slices]
    boxes = label_boxes(shares, [part.label() for part in slices], outer, hole, font)
    ring = outer * (1 - hole)
    shown: list[bool] = []
    kept: list[QRectF] = []
    for share, box in zip(shares, boxes):
        fits = share >= _SMALL_SLICE and box.height() <= ring and \
            not any(box.intersects(other) for other in kept)
        shown.append(fits)
        if fits:
            kept.append(box)
    return shown


def _legend_table(chart: QChart, rows: list[tuple[QColor, str, str, str]], font: QFont) -> float:
    """Draw rows of swatch, label, count and percentage at the right of the plot area, numbers
    right-aligned in their columns; return the width taken."""
    metrics = QFontMetricsF(font)
    line = metrics.height() * 1.5
    gap = metrics.horizontalAdvance("  ")
    swatch = metrics.height() * 0.8
    columns = [max(metrics.horizontalAdvance(row[c]) for row in rows) for c in (1, 2, 3)]
    gaps = [gap, gap * 2, gap]  # a wider gap keeps the longest label off its count
    width = swatch + sum(gaps) + sum(columns)

    items = []
    for color, *texts in rows:
        box = QGraphicsRectItem(0, 0, swatch, swatch, chart)
        box.setBrush(QBrush(color))
        box.setPen(QPen(Qt.PenStyle.NoPen))
        items.append((box, [_text_item(chart, text, font) for text in texts]))

    def place(area: QRectF) -> None:
        top = area.center().y() - line * len(items) / 2
        for row, (box, cells) in enumerate(items):
            middle = top + line * (row + 0.5)
            left = area.right() - width
            box.setPos(left, middle - swatch / 2)
            left += swatch
            for column, (cell, column_width) in enumerate(zip(cells, columns)):
                left += gaps[column]
                # The label reads left to right; numbers line up on their right edge.
                shift = 0 if column == 0 else column_width - cell.boundingRect().width()
                cell.setPos(left + shift, middle - cell.boundingRect().height() / 2)
                left += column_width

    chart.plotAreaChanged.connect(place)
    place(chart.plotArea())
    return width + 2 * gap


def _new_chart(title: str, font: QFont) -> QChart:
    ensure_qt_app()
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundBrush(QBrush(Qt.GlobalColor.white))
    chart.setBackgroundRoundness(0)
    chart.setDropShadowEnabled(False)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setTitle(title)
    title_font = QFont(font)
    title_font.setBold(True)
    title_font.setPointSizeF(font.pointSizeF() * 1.15)
    chart.setTitleFont(title_font)
    chart.setTitleBrush(QBrush(TEXT_COLOR))
    return chart


def _say_empty(chart: QChart, font: QFont) -> QChart:
    chart.legend().hide()
    message = _text_item(chart, EMPTY_TEXT, font, QColor("#555555"))
    chart.plotAreaChanged.connect(lambda area: _centre_on(message, area.center()))
    _centre_on(message, chart.plotArea().center())
    return chart


def _text_item(chart: QChart, text: str, font: QFont, color: QColor = TEXT_COLOR) -> QGraphicsSimpleTextItem:
    item = QGraphicsSimpleTextItem(text, chart)  # a child item: the chart owns it and draws it
    item.setFont(font)
    item.setBrush(QBrush(color))
    return item


def _centre_on(item: QGraphicsSimpleTextItem, point: QPointF) -> None:
    box = item.boundingRect()
    item.setPos(point.x() - box.width() / 2, point.y() - box.height() / 2)


def _nice_step(top: int) -> int:
    """An integer tick step giving about five ticks: 1, 2, 5, 10, 20, 50…"""
    rough = max(1, top / 5)
    magnitude = 1
    while magnitude * 10 <= rough:
        magnitude *= 10
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%".replace(".", ",")  # Vietnamese decimal comma


# --- rendering ----------------------------------------------------------------------------------

_app: QApplication | None = None


def ensure_qt_app() -> QApplication:
    """The running QApplication, or a new offscreen one (the CLI draws charts with no screen)."""
    global _app
    app = QApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if (sys.platform == "win32" and os.environ["QT_QPA_PLATFORM"].startswith("offscreen")
                and not os.environ.get("QT_QPA_FONTDIR")):
            # Offscreen Qt on Windows reads fonts from Qt's own folder, which the wheels leave empty:
            # without this every text of the chart would be missing.
            os.environ["QT_QPA_FONTDIR"] = os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts")
        app = _app = QApplication([sys.argv[0] if sys.argv else "desk-app"])  # kept alive by the module
    elif not isinstance(app, QApplication):
        raise RuntimeError("Vẽ biểu đồ cần QApplication (đang chạy một ứng dụng Qt không có giao diện).")
    return app


def field_chart_height(count: int, width_px: int, print_width_cm: float = PRINT_WIDTH_CM) -> int:
    """A height for ``field_chart`` with ``count`` fields that gives every field name a readable row."""
    height_cm = max(6.0, 3.0 + 0.6 * count)  # title and value axis, then one row per field
    return round(width_px * height_cm / print_width_cm)


def render_png(chart: QChart, width_px: int, height_px: int, print_width_cm: float = PRINT_WIDTH_CM) -> bytes:
    """Draw ``chart`` into a PNG of exactly ``width_px`` × ``height_px`` on white, anti-aliased.

    The chart is laid out as if printed ``print_width_cm`` wide, then scaled to the pixels, so an 11 pt
    font is 11 pt on paper whatever the resolution. The PNG records that resolution, so Word inserts it
    at that width. Main thread only (see the module docstring). A chart shown in a view is lent to a
    scene of its own for the drawing and given back.
    """
    app = ensure_qt_app()
    if QThread.currentThread() != app.thread():
        raise RuntimeError("Biểu đồ chỉ vẽ được trên luồng chính của Qt.")
    scale = width_px / (print_width_cm / 2.54 * _LAYOUT_DPI)
    page = QRectF(0, 0, width_px / scale, height_px / scale)
    home, geometry = chart.scene(), chart.geometry()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    scene = QGraphicsScene(page)
    scene.addItem(chart)
    chart.setGeometry(page)  # lays out title, axes, labels and our items (plotAreaChanged) at once

    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)  # opaque: no alpha channel in the PNG
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    scene.render(painter, QRectF(image.rect()), page)
    painter.end()
    scene.removeItem(chart)  # the scene must not delete the caller's chart
    if home is not None:
        home.addItem(chart)
        chart.setGeometry(geometry)

    # Only now: while painting, the image had the screen's resolution the layout was measured with.
    image.setDotsPerMeterX(round(width_px / (print_width_cm / 100)))
    image.setDotsPerMeterY(round(width_px / (print_width_cm / 100)))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", 80)  # light zlib compression: half the time of the default, still a small file
    buffer.close()
    return data.data()

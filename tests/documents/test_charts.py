"""The charts of the dashboard and the yearly report: their data, their labels and the PNG they make."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsSimpleTextItem
from sqlalchemy import select

from desk_app.documents import charts
from desk_app.domain.states import PetitionStatus
from desk_app.services import followup, statistics
from desk_app.store import models as m
from desk_app.store.seed import DEFAULT_FIELDS

ALL_OUTCOMES = ["Đã trả lời tại hội nghị", "Trả lời đúng hạn", "Trả lời quá hạn", "Đang giải quyết trong hạn",
                "Đang giải quyết quá hạn", "Đã chuyển cấp trên", "Không thuộc thẩm quyền"]


def _stats(by_field: dict[str, int], **figures) -> statistics.Statistics:
    total = statistics.Figures(**figures)
    total.by_field_status = {name: {PetitionStatus.NEW.value: count} for name, count in by_field.items()}
    return statistics.Statistics(period=statistics.Period.year(2026), today=dt.date(2026, 11, 21), profile_name="",
                                 fields=list(DEFAULT_FIELDS), by_host={}, total=total, compliance=[])


@pytest.fixture
def year(session, commune, make_session, today):
    """March: resolved on time, resolved late, one still open (overdue); June: answered at the meeting,
    transferred upward, one open repeat (overdue) — the year of tests/services/test_statistics.py, smaller."""
    march = make_session("concluded", start=dt.datetime(2026, 3, 10, 8), petitions=3, notice_date=dt.date(2026, 3, 13))
    on_time, late, _open = session.scalars(select(m.Petition).where(m.Petition.session_id == march.id)
                                           .order_by(m.Petition.id)).all()
    followup.resolve(session, on_time.id, "Đã giải quyết xong.", on_time.due_date, reply_date=on_time.due_date)
    followup.resolve(session, late.id, "Đã giải quyết.", on_time.due_date + dt.timedelta(days=10),
                     reply_date=on_time.due_date + dt.timedelta(days=10))
    june = make_session("ended", host="dang_uy", start=dt.datetime(2026, 6, 10, 8), petitions=0)
    followup.create_petition(session, june.id, followup.PetitionInput(
        citizen_name="Hà Văn Tư", content="Hỏi về chính sách hỗ trợ", status="da_tra_loi_tai_hoi_nghi",
        field_id=commune.fields["Chính sách, an sinh xã hội"].id))
    upward = followup.create_petition(session, june.id, followup.PetitionInput(
        citizen_name="Vi Thị Năm", content="Đề nghị nâng cấp quốc lộ",
        field_id=commune.fields["Giao thông, hạ tầng"].id))
    followup.create_petition(session, june.id, followup.PetitionInput(
        citizen_name="Lò Văn Sáu", content="Nhắc lại kiến nghị về đất", field_id=commune.fields["Đất đai"].id))
    followup.issue_conclusion_notice(session, june.id, dt.date(2026, 6, 15))
    followup.transfer_upward(session, upward.id, "Ủy ban nhân dân tỉnh", dt.date(2026, 6, 20))
    return statistics.compute(session, statistics.Period.year(2026), today=today)


def _decode(png: bytes) -> QImage:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    return image


def _colours(image: QImage, step: int = 7) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}


def _texts(chart) -> list[str]:
    return [item.text() for item in chart.childItems() if isinstance(item, QGraphicsSimpleTextItem)]


def test_series_of_a_real_year(year):
    assert charts.field_series(year) == [("Đất đai", 4), ("Giao thông, hạ tầng", 1), ("Chính sách, an sinh xã hội", 1)]
    assert charts.outcome_series(year) == [("Đã trả lời tại hội nghị", 1), ("Trả lời đúng hạn", 1),
                                           ("Trả lời quá hạn", 1), ("Đang giải quyết quá hạn", 2),
                                           ("Đã chuyển cấp trên", 1)]
    assert sum(count for _label, count in charts.outcome_series(year)) == year.total.petitions
    ubnd = charts.field_series(year, year.by_host["ubnd"])
    assert ubnd == [("Đất đai", 3)]


def test_every_outcome_in_report_order_and_zeros_left_out():
    by_status = {s.value: 0 for s in PetitionStatus}
    by_status.update(da_tra_loi_tai_hoi_nghi=1, da_giai_quyet=5, dang_giai_quyet=7, da_chuyen_cap_tren=6,
                     khong_thuoc_tham_quyen=7)
    stats = _stats({}, by_status=by_status, resolved_on_time=2, resolved_late=3, open_not_due=4, open_overdue=3)
    assert charts.outcome_series(stats) == list(zip(ALL_OUTCOMES, [1, 2, 3, 4, 3, 6, 7]))
    by_status.update(da_tra_loi_tai_hoi_nghi=0, da_chuyen_cap_tren=0)
    stats = _stats({}, by_status=by_status, resolved_on_time=2, resolved_late=3, open_not_due=0, open_overdue=7)
    assert [label for label, _n in charts.outcome_series(stats)] == [
        "Trả lời đúng hạn", "Trả lời quá hạn", "Đang giải quyết quá hạn", "Không thuộc thẩm quyền"]


def test_field_series_follows_the_catalogue_not_the_table():
    stats = _stats({"Khác": 2, "Y tế": 0, "Đất đai": 5, "Chính sách, an sinh xã hội": 1})
    assert charts.field_series(stats) == [("Đất đai", 5), ("Chính sách, an sinh xã hội", 1), ("Khác", 2)]


def test_field_chart_axis_has_the_field_names_with_diacritics(qapp):
    series = [(name, i + 1) for i, name in enumerate(DEFAULT_FIELDS)]
    chart = charts.field_chart(series)
    [axis] = chart.axes(Qt.Orientation.Vertical)
    # Bottom-up on the axis, so the catalogue reads top-down on the picture.
    assert axis.categories() == list(reversed(DEFAULT_FIELDS))
    assert not axis.truncateLabels()
    [bars] = chart.series()
    assert [bars.barSets()[0].at(i) for i in range(len(series))] == [n for _name, n in reversed(series)]
    [values] = chart.axes(Qt.Orientation.Horizontal)
    assert values.max() > 14  # room past the longest bar for its label


def test_render_png_has_the_size_and_real_content(qapp):
    series = [(name, (i * 7) % 11 + 1) for i, name in enumerate(DEFAULT_FIELDS)]
    height = charts.field_chart_height(len(series), 1600)
    image = _decode(charts.render_png(charts.field_chart(series), 1600, height))
    assert (image.width(), image.height()) == (1600, height)
    assert image.pixel(0, 0) == 0xFFFFFFFF  # white, not transparent
    colours = _colours(image)
    assert len(colours) > 20  # anti-aliased text and bars, not a blank or flat picture
    assert charts.BAR_COLOR.rgb() in colours
    assert round(image.dotsPerMeterX() * 0.16) == 1600  # Word inserts it 16 cm wide


def test_outcome_chart_shows_counts_and_percentages(qapp):
    series = list(zip(ALL_OUTCOMES, [18, 16, 1, 14, 2, 5, 5]))
    chart = charts.outcome_chart(series)
    texts = _texts(chart)
    assert set(ALL_OUTCOMES) <= set(texts)
    assert {"18", "29,5%", "1", "1,6%"} <= set(texts) and "61 kiến nghị" in texts
    [pie] = chart.series()
    assert [s.value() for s in pie.slices()] == [18, 16, 1, 14, 2, 5, 5]
    assert not pie.slices()[2].isLabelVisible()  # too thin for its label; the legend names it
    image = _decode(charts.render_png(chart, 1200, 700))
    colours = _colours(image, 5)
    assert {charts.OUTCOME_COLORS[k].rgb() for k in ("answered", "on_time", "open_not_due")} <= colours


@pytest.mark.parametrize("build", [charts.field_chart, charts.outcome_chart])
def test_empty_chart_says_so(qapp, build):
    chart = build([])
    assert chart.series() == [] and _texts(chart) == ["Chưa có kiến nghị"]
    image = _decode(charts.render_png(chart, 800, 400))
    assert (image.width(), image.height()) == (800, 400)
    assert len(_colours(image, 3)) > 5  # the title and the message are drawn


def test_chart_shown_in_a_view_is_given_back(qtbot):
    from PySide6.QtCharts import QChartView

    chart = charts.outcome_chart([("Trả lời đúng hạn", 3)])
    view = QChartView(chart)
    qtbot.addWidget(view)
    _decode(charts.render_png(chart, 400, 300))
    assert chart.scene() is view.scene()


def test_uses_the_running_application_and_refuses_other_threads(qapp):
    assert charts.ensure_qt_app() is qapp
    chart = charts.field_chart([("Đất đai", 1)])
    errors = []

    def draw():
        try:
            charts.render_png(chart, 200, 100)
        except RuntimeError as exc:
            errors.append(str(exc))

    worker = threading.Thread(target=draw)
    worker.start()
    worker.join()
    assert errors == ["Biểu đồ chỉ vẽ được trên luồng chính của Qt."]


def test_services_do_not_import_qt():
    code = ("import sys, desk_app.services.statistics, desk_app.services.demo; "
            "sys.exit(any(name.startswith('PySide6') for name in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_outcome_labels_never_overlap_at_a_large_font_in_a_small_chart(qapp):
    """Issue 14: the dashboard's donut labels overlapped (a large font, a small window): a slice shows its
    percentage only where it fits beside its neighbours; the legend names every slice."""
    from PySide6.QtGui import QFont

    series = list(zip(ALL_OUTCOMES, [18, 16, 3, 14, 4, 5, 5]))
    font = QFont(charts.chart_font())
    font.setPointSize(20)
    chart = charts.outcome_chart(series, font=font)
    chart.resize(420, 300)
    qapp.processEvents()
    [pie] = chart.series()
    area = chart.plotArea()
    assert not area.isEmpty()
    outer = pie.pieSize() * min(area.width(), area.height()) / 2
    shares = [s.percentage() for s in pie.slices()]
    boxes = charts.label_boxes(shares, [s.label() for s in pie.slices()], outer, pie.holeSize() / pie.pieSize(),
                               font)
    shown = [box for part, box in zip(pie.slices(), boxes) if part.isLabelVisible()]
    assert shown  # the big slices keep their percentage
    assert all(not a.intersects(b) for i, a in enumerate(shown) for b in shown[i + 1:])
    # the old rule (every slice of 5 % or more) would have drawn labels over each other here
    wide = [box for share, box in zip(shares, boxes) if share >= 0.05]
    assert any(a.intersects(b) for i, a in enumerate(wide) for b in wide[i + 1:])
    assert set(ALL_OUTCOMES) <= set(_texts(chart))  # the legend still names them all

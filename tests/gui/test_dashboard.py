"""Tổng quan: the figures are compute()'s, the heads' compliance, the overdue list opens the follow-up page,
and the charts are the report's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.documents import charts
from desk_app.gui.common import ROW_ROLE
from desk_app.gui.pages.dashboard import DashboardPage
from desk_app.gui.widgets import format_figure
from desk_app.services import followup, statistics


def _stats(ctx, year, today):
    with ctx.session() as session:
        return statistics.compute(session, statistics.Period.year(year), today)


def _loaded(qtbot, page):
    """The dashboard computes in the worker: wait until its figures are on screen."""
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    return page


def _cells(model, row):
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_dashboard_shows_the_years_figures(window, ctx, today, qtbot):
    page = window.show_page("dashboard")
    _loaded(qtbot, page)
    assert window.current_page() is page and page.year.value() == today.year
    stats = _stats(ctx, today.year, today)
    figures = {key: value for key, _label, value in stats.total.items()}

    for key, tile in page.tiles.items():  # the tiles read compute()'s values and labels
        assert tile.value.text() == format_figure(figures[key])
        assert tile.caption.text() == next(label for k, label, _v in stats.total.items() if k == key)
    assert page.tiles["petitions"].value.text() == str(stats.total.petitions) != "0"
    assert page.tiles["sessions_held"].value.text() == str(stats.total.sessions_held)

    # the full list: every figure in report order, the average with a decimal comma
    model = page.figures.model()
    assert [_cells(model, row) for row in range(model.rowCount())] == [
        [label, format_figure(value)] for _key, label, value in stats.total.items()]
    assert "," in page.figures.value_text("avg_days_to_resolve")

    # each head's compliance: post, name, held/required, assessment
    rows = [_cells(page.compliance_model, row) for row in range(page.compliance_model.rowCount())]
    assert rows == [[h.post_label, h.official_name, f"{h.held}/{h.required}", str(h.upcoming), h.state_label]
                    for h in stats.compliance]
    # luat-2025 (the demo's profile): the commune government and the Bí thư; the tooltip says which sessions count
    assert [r[0] for r in rows] == ["Chính quyền xã (UBND xã chủ trì)", "Bí thư Đảng ủy"]
    assert "Tính: cuộc ngày" in page.compliance_model.index(0, 0).data(Qt.ToolTipRole)
    assert page.compliance_model.index(0, 0).data(Qt.BackgroundRole) is not None  # coloured by state

    # the charts are the report's, drawn from the same figures
    assert page.field_chart.series == charts.field_series(stats)
    assert page.outcome_chart.series == charts.outcome_series(stats)
    assert page.field_chart.chart().title() == charts.FIELD_TITLE
    assert "Đã trả lời tại hội nghị" in page.outcome_chart.toolTip()


def test_overdue_and_due_soon_lists(window, ctx, today, qtbot):
    page = _loaded(qtbot, window.show_page("dashboard"))
    with ctx.session() as session:
        overdue = followup.list_petitions(session, followup.PetitionFilter(overdue=True), today=today)
        soon = followup.count_petitions(session, followup.PetitionFilter(due_soon=True), today=today)
        expected = {p.id: (p.citizen_name, p.due_date) for p in overdue}
    assert expected, "the demo year has overdue petitions on 21/11/2026"
    model = page.overdue_model
    shown = {row.id: (row.citizen, row.due) for row in model.rows}
    assert shown == expected
    assert all(row.days == (today - row.due).days > 0 for row in model.rows)
    assert page.tabs.tabText(0) == f"&Quá hạn ({len(expected)})"
    assert page.tabs.tabText(1) == f"Sắp đến &hạn ({soon})"
    first = _cells(model, 0)
    assert first[3].count("/") == 2 and len(first[3]) == 10  # dd/mm/yyyy
    if not soon:
        assert page.soon_note.text().startswith("Không có kiến nghị nào")


@pytest.fixture
def page(ctx, qtbot):
    widget = DashboardPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activate()
    return _loaded(qtbot, widget)


def test_enter_and_double_click_open_the_petition(page, ctx, qtbot):
    asked = []
    ctx.navigate_requested.connect(lambda key, arg: asked.append((key, arg)))
    table = page.overdue_table
    first = table.model().index(0, 0)
    petition_id = first.data(ROW_ROLE).id

    table.setFocus()
    table.setCurrentIndex(first)
    qtbot.keyClick(table, Qt.Key_Return)
    assert asked == [("followup", petition_id)]

    second = table.model().index(1, 0)
    rect = table.visualRect(second)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert asked[1:] == [("followup", second.data(ROW_ROLE).id)]


def test_year_picker_and_refresh(page, ctx, qtbot, today):
    page.year.setValue(today.year - 1)  # a year without sessions
    _loaded(qtbot, page)
    assert page.tiles["petitions"].value.text() == "0"
    assert page.field_chart.series == [] and page.outcome_chart.series == []
    assert [h.state for h in page.compliance_model.rows] == ["not_yet"] * 2
    assert "Năm 2025" in page.as_of.text()

    page.year.setFocus()
    qtbot.keyClick(page.year, Qt.Key_Up)  # back to this year from the keyboard
    _loaded(qtbot, page)
    assert page.tiles["petitions"].value.text() == str(_stats(ctx, today.year, today).total.petitions)

    # another page resolves an overdue petition: the dashboard follows
    with ctx.session() as session:
        petition_id = followup.list_petitions(session, followup.PetitionFilter(overdue=True), today=today)[0].id
        followup.resolve(session, petition_id, "Đã cấp giấy chứng nhận.", today, reply_date=today)
    before = len(page.overdue_model.rows)
    ctx.changed("petitions")
    _loaded(qtbot, page)
    assert len(page.overdue_model.rows) == before - 1
    assert page.tiles["open_overdue"].value.text() == str(_stats(ctx, today.year, today).total.open_overdue)


def test_empty_database_shows_zeros_and_empty_states(empty_ctx, qtbot):
    page = DashboardPage(empty_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    _loaded(qtbot, page)
    assert page.tiles["petitions"].value.text() == "0"
    assert page.overdue_note.text() == "Không có kiến nghị nào quá hạn."
    assert page.field_chart.series == [] and "Chưa có kiến nghị" in page.field_chart.toolTip()
    assert all(row[1] == "Chưa có (nhập ở Danh mục)"
               for row in (_cells(page.compliance_model, r) for r in range(page.compliance_model.rowCount())))

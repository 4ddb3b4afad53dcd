"""The follow-up list a clerk trusts (issue 14): the detail pane and the actions follow the list, a full name is
found first, the field, hamlet and agency names are searched, Ctrl+End reaches the real last row of a long list,
every order reads the same petitions as the service, and a refused stale action refreshes the list."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desk_app.services import followup
from desk_app.services.common import load_calendar
from desk_app.store import models as m
from desk_app.store.context import set_current_user
from tests.gui.keyboard import type_text
from tests.gui.test_followup import big_ctx, big_template  # noqa: F401 — the 3,000-petition database

TODAY = dt.date(2026, 11, 21)


def _page(window, qtbot):
    page = window.show_page("followup")
    qtbot.waitUntil(lambda: not page.loading and not page.model.loading, timeout=10000)
    return page


def _search(page, qtbot, text: str) -> None:
    page.search.clear()
    type_text(page.search, text)
    qtbot.waitUntil(lambda: page.model.filter.search == text and not page.model.loading, timeout=10000)


def _ids(ctx, **filters) -> list[int]:
    with ctx.session() as session:
        return [p.id for p in followup.list_petitions(session, followup.PetitionFilter(**filters))]


def _shown(page) -> list[int]:
    return [page.model.petition_id(row) for row in range(page.model.rowCount())]


def _actions_enabled(page) -> bool:
    return any(button.isEnabled() for button in page.action_buttons.values()) or page.letter_button.isEnabled()


def test_the_detail_and_the_actions_follow_the_list(window, ctx, qtbot, no_dialogs):
    """The issue's steps: select 43, search another person: 43 is not in the list any more — nothing is
    selected, the pane is empty, no action can reach 43."""
    page = _page(window, qtbot)
    target = _ids(ctx, status="moi")[0]
    assert page.show_petition(target) and page.current_id == target and _actions_enabled(page)
    with ctx.session() as session:
        other = session.get(m.Petition, next(i for i in _ids(ctx) if i != target)).citizen_name
    _search(page, qtbot, other)
    assert target not in _shown(page) and page.model.total > 0
    assert page.current_id is None and not page.table.currentIndex().isValid()
    assert page.detail.toPlainText() == "" and not _actions_enabled(page)
    assert page.open_action("assign") is None and page.dialog is None  # Alt+G reaches nothing

    # a filter that keeps it: it stays selected, with its detail
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.filter.search == "", timeout=5000)
    assert page.show_petition(target)
    page.status_combo.setCurrentIndex(page.status_combo.findText("Mới"))
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    assert page.current_id == target and page.model.petition_id(page.table.currentIndex().row()) == target
    assert f"Kiến nghị số {target}" in page.detail.toPlainText() and page.action_buttons["assign"].isEnabled()
    # a filter that leaves it out
    page.status_combo.setCurrentIndex(page.status_combo.findText("Đã giải quyết"))
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    assert page.current_id is None and page.detail.toPlainText() == "" and not _actions_enabled(page)


def test_a_full_name_is_found_first_and_the_field_is_searched(window, ctx, qtbot):
    petition_id = _ids(ctx)[-1]
    with ctx.session() as session:
        p = session.get(m.Petition, petition_id)
        followup.update_petition(session, p.id, followup.PetitionInput(
            citizen_name="Dương Văn Thọ", content=p.content, field_id=p.field_id, hamlet_id=p.hamlet_id,
            address=p.address, conclusion=p.conclusion, lead_agency_id=p.lead_agency_id,
            coordinator_ids=[c.agency_id for c in p.coordinators], complex_case=p.complex_case))
    page = _page(window, qtbot)
    _search(page, qtbot, "Dương Văn Thọ")
    shown = _shown(page)
    assert shown[0] == petition_id and len(shown) > 1  # "đường", "thôn" elsewhere: after the person
    _search(page, qtbot, "dat dai")
    with ctx.session() as session:
        field_ids = {p.id for p in session.query(m.Petition).join(m.Field).filter(m.Field.name == "Đất đai")}
    assert field_ids and field_ids <= set(_shown(page))
    assert page.count_label.text() == f"{page.model.total} kiến nghị"


def test_ctrl_end_reaches_the_real_last_row(big_ctx, qtbot):
    from desk_app.gui.pages.followup import FollowUpPage
    from desk_app.gui.petition_model import PAGE_SIZE

    page = FollowUpPage(big_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activate()
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    everything = _ids(big_ctx, year=2026)
    assert page.model.rowCount() == PAGE_SIZE < len(everything)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key_End, Qt.ControlModifier)
    current = page.table.currentIndex()
    assert current.row() == len(everything) - 1 and page.model.petition_id(current.row()) == everything[-1]
    assert page.current_id == everything[-1] and f"Kiến nghị số {everything[-1]}" in page.detail.toPlainText()
    assert len(page.model._pages) <= 3  # the rows above were never read
    qtbot.keyClick(page.table, Qt.Key_Home, Qt.ControlModifier)
    assert page.table.currentIndex().row() == 0 and page.current_id == everything[0]


@pytest.mark.parametrize("column", ["due", "times", "status", "session", "field"])
def test_every_order_reads_the_services_order_deep_in_the_list(big_ctx, qtbot, column):
    from desk_app.gui.pages.followup import FollowUpPage
    from desk_app.gui.petition_model import COLUMN_KEYS

    page = FollowUpPage(big_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    page.table.horizontalHeader().setSortIndicator(COLUMN_KEYS.index(column), Qt.DescendingOrder)
    qtbot.waitUntil(lambda: not page.model.counting and not page.model.loading, timeout=10000)
    with big_ctx.session() as session:
        expected = list(followup.petition_list(session, followup.PetitionFilter(year=2026), TODAY,
                                               load_calendar(session), sort=column, descending=True).ids(session))
    model = page.model
    model.fetch_until(model.total - 1)
    assert model.rowCount() == len(expected)
    for row in (0, 199, 200, 1500, len(expected) - 1):
        assert model.petition_id(row) == expected[row]


def test_a_refused_stale_action_refreshes_the_list(window, ctx, qtbot, no_dialogs):
    page = _page(window, qtbot)
    target = _ids(ctx, status="moi")[0]
    assert page.show_petition(target)
    dialog = page.open_action("resolve")
    type_text(dialog.form.resolutionEdit, "Đã sửa xong")
    # meanwhile another clerk assigns it (its status changes to "Đang giải quyết")
    set_current_user("chuyenvien2")
    try:
        with ctx.session() as session:
            agency = session.query(m.Agency).filter(m.Agency.name == "Công an xã").one().id
            followup.assign(session, target, agency)
    finally:
        set_current_user(None)
    no_dialogs.answer = QMessageBox.No  # keep the dialog as typed
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.isVisible()
    row = page.model.cached_row(target)
    assert row is not None and page.model.row(row).status == "dang_giai_quyet"  # the list shows the change
    dialog.reject()


def test_sorting_a_long_list_reads_its_order_in_the_worker(big_ctx, qtbot):
    """Issue 14: sorting 100,000 petitions by "Số lần nêu" stalled the window 0.3 s — the selected petition was
    looked for in the new order read there and then. Now it is selected again once the worker has read it."""
    from desk_app.gui.pages.followup import FollowUpPage
    from desk_app.gui.petition_model import COLUMN_KEYS

    page = FollowUpPage(big_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: not page.loading and not page.model.counting, timeout=10000)
    with big_ctx.session() as session:
        order = list(followup.petition_list(session, followup.PetitionFilter(year=2026), TODAY,
                                            load_calendar(session), sort="times", descending=True).ids(session))
    chosen = order[len(order) // 2]  # far from the first page of the new order
    assert page.select_petition(chosen)
    read_here = []
    real = page.model.count_now
    page.model.count_now = lambda: read_here.append(page.model._ids is None) or real()
    page.table.horizontalHeader().setSortIndicator(COLUMN_KEYS.index("times"), Qt.DescendingOrder)
    assert read_here == [] and page.model.counting  # nothing read in the window's thread
    assert page.current_id == chosen and f"Kiến nghị số {chosen}" in page.detail.toPlainText()
    qtbot.waitUntil(lambda: not page.model.counting, timeout=10000)
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == order.index(chosen), timeout=5000)
    assert not any(read_here)


def test_a_new_order_is_not_read_in_the_window_when_the_view_was_at_the_bottom(big_ctx, qtbot):
    """Issue 14: deep in a sorted list, sorting by another column stalled the window 0.2 s: the view, left at
    the bottom, asked for more rows at once and the new order was read there and then."""
    from desk_app.gui.pages.followup import FollowUpPage
    from desk_app.gui.petition_model import COLUMN_KEYS, PAGE_SIZE

    page = FollowUpPage(big_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: not page.loading and not page.model.counting, timeout=10000)
    page.model.fetch_all()
    page.table.scrollToBottom()
    qtbot.wait(20)
    read_here = []
    real = page.model.count_now
    page.model.count_now = lambda: read_here.append(page.model._ids is None) or real()
    page.table.horizontalHeader().setSortIndicator(COLUMN_KEYS.index("times"), Qt.AscendingOrder)
    qtbot.wait(20)  # the view lays itself out and asks for more rows
    assert not any(read_here)
    qtbot.waitUntil(lambda: not page.model.counting, timeout=10000)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > PAGE_SIZE, timeout=5000)  # more rows once the order is known
    assert not any(read_here)

"""What the window reads from the services (it never queries the database itself): one petition in full,
the follow-up list a page at a time, the urgent petitions, the filters' choices, the bodies a petition can
be sent up to, the catalogue's pickers, the dialogue sessions to pick from — and the versions every status
step of a plan carries.

Dates as in test_followup: held Wed 10/06/2026, notice issued 15/06 (answer due 13/07/2026), today pinned
to Sat 21/11/2026.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desk_app.domain.deadlines import DueState
from desk_app.domain.errors import ConflictError
from desk_app.domain.states import SessionStatus
from desk_app.services import catalog, followup, sessions
from desk_app.services.common import load_calendar
from desk_app.services.followup import PetitionFilter
from desk_app.store import models as m

TODAY = dt.date(2026, 11, 21)
FINAL_DUE = dt.date(2026, 7, 13)


def _petitions(db_session, ds_id):
    return list(db_session.scalars(select(m.Petition).where(m.Petition.session_id == ds_id).order_by(m.Petition.id)))


@pytest.fixture
def concluded(make_session):
    return make_session(stage="concluded", petitions=3, notice_date=dt.date(2026, 6, 15))


# -- one petition ------------------------------------------------------------------------------------------

def test_petition_detail_holds_what_the_pane_and_the_dialogs_show(session, concluded, commune):
    p, sibling, _third = _petitions(session, concluded.id)
    followup.assign(session, p.id, commune.police.id, [commune.culture.id], "Giao Công an xã")
    followup.extend(session, p.id, dt.date(2026, 8, 14), "Cần đo đạc lại", citizen_notified_date=dt.date(2026, 7, 10),
                    letter_number=20)
    d = followup.petition_detail(session, p.id, TODAY)
    assert (d.citizen, d.status_code, d.version) == (p.citizen_name, "dang_giai_quyet", p.version)
    assert (d.session_title, d.session_date, d.address) == (concluded.title, dt.date(2026, 6, 10), "Thôn Bản Lải")
    assert (d.lead_agency_id, d.lead_agency, d.coordinator_ids, d.coordinators) == (
        commune.police.id, "Công an xã", (commune.culture.id,), ("Phòng Văn hóa - Xã hội",))
    assert (d.due, d.due_source, d.computed_due) == (dt.date(2026, 8, 14), followup.DUE_EXTENDED, FINAL_DUE)
    assert d.due_state is DueState.OVERDUE and d.overdue and not d.closed
    assert [(x.previous_due, x.new_due, x.letter, x.valid) for x in d.extensions] == [
        (FINAL_DUE, dt.date(2026, 8, 14), "20/UBND-VP", True)]
    assert d.events[0].moved == "Mới"
    assigned = next(e for e in d.events if e.moved == "Mới → Đang giải quyết")
    assert assigned.note == "Giao Công an xã" and assigned.at <= d.events[-1].at
    assert d.profile_name == concluded.profile.name
    # the command line's view of the same petition is unchanged
    assert ("status", "Đang giải quyết") in followup.petition_record(session, p.id, TODAY)
    assert followup.petition_detail(session, sibling.id, TODAY).coordinators == ()


def test_petition_detail_of_a_closed_petition(session, concluded):
    p = _petitions(session, concluded.id)[0]
    followup.resolve(session, p.id, "Đã sửa xong.", dt.date(2026, 7, 1), reply_number=15,
                     reply_date=dt.date(2026, 7, 1))
    d = followup.petition_detail(session, p.id, TODAY)
    assert d.closed and d.due_state is DueState.CLOSED and d.on_time
    assert (d.resolution, d.reply_date, d.reply_reference) == ("Đã sửa xong.", dt.date(2026, 7, 1), "15/UBND-VP")


def test_petition_year_and_transfer_bodies(session, concluded, commune):
    p = _petitions(session, concluded.id)[0]
    assert followup.petition_year(session, p.id) == 2026 and followup.petition_year(session, 10 ** 9) is None
    # the commune's own recipients first, then the upper-level agencies of the catalogue
    assert followup.transfer_bodies(session) == ["Ban Tuyên giáo và Dân vận Tỉnh ủy", "UBND tỉnh",
                                                 "Ủy ban nhân dân tỉnh"]


# -- the follow-up list -------------------------------------------------------------------------------------

def test_the_list_reads_pages_and_finds_a_petition_in_any_order(session, concluded, commune):
    ids = [p.id for p in _petitions(session, concluded.id)]
    followup.assign(session, ids[2], commune.police.id)
    calendar = load_calendar(session)
    by_id = followup.petition_list(session, PetitionFilter(session_id=concluded.id), TODAY, calendar)
    assert [r.id for r in by_id.page(session, 0, 10)] == ids
    assert [r.id for r in by_id.page(session, 1, 1)] == [ids[1]]
    assert [by_id.position(session, i) for i in ids] == [0, 1, 2]
    newest = followup.petition_list(session, PetitionFilter(session_id=concluded.id), TODAY, calendar,
                                    descending=True)
    assert [r.id for r in newest.page(session, 0, 10)] == ids[::-1] and newest.position(session, ids[0]) == 2
    by_status = followup.petition_list(session, PetitionFilter(session_id=concluded.id), TODAY, calendar,
                                       sort="status", descending=True)
    # "moi" after "dang_giai_quyet": descending, the new ones first (then by number, descending too)
    assert [r.id for r in by_status.page(session, 0, 10)] == [ids[1], ids[0], ids[2]]
    assert by_status.position(session, ids[2]) == 2
    open_only = followup.petition_list(session, PetitionFilter(status="moi"), TODAY, calendar)
    assert open_only.position(session, ids[2]) is None
    row = by_id.page(session, 0, 1)[0]
    assert (row.citizen_name, row.due_date, row.status) == ("Người kiến nghị 1", FINAL_DUE, "moi")
    with pytest.raises(ValueError):
        followup.petition_list(session, PetitionFilter(), TODAY, calendar, sort="citizen")


def test_list_names_name_what_rows_point_to(session, concluded, commune):
    names = followup.list_names(session)
    assert names.agencies[commune.economy.id] == "Phòng Kinh tế"
    assert names.hamlets[commune.hamlets[0].id] == "Thôn Bản Lải"
    info = names.sessions[concluded.id]
    assert (info.date, info.title, info.host) == (dt.date(2026, 6, 10), concluded.title, "ubnd")


def test_urgent_petitions_most_urgent_first_with_the_total(session, concluded, commune):
    rows, total = followup.urgent_petitions(session, PetitionFilter(overdue=True), TODAY, 2)
    assert total == 3 and len(rows) == 2
    assert rows[0].due == FINAL_DUE and rows[0].agency == "Phòng Kinh tế"
    rows, total = followup.urgent_petitions(session, PetitionFilter(overdue=True), TODAY, 50)
    assert total == len(rows) == 3


def test_filter_choices(session, concluded, commune):
    choices = followup.filter_choices(session)
    assert choices.years[0] == 2026 and choices.petition_years == {2026}
    assert [name for _i, name in choices.fields][:1] and all(isinstance(i, int) for i, _n in choices.fields)
    names = [name for _i, name in choices.agencies]
    assert names == sorted(names, key=lambda n: catalog.sort_key(n))
    assert names[0] == "Công an xã"


# -- the catalogue's pickers ---------------------------------------------------------------------------------

def test_active_items_in_the_catalogue_order(session, commune):
    catalog.save_hamlet(session, "Thôn Pò Mạ", commune.hamlets[2].id, active=False)
    assert catalog.active_items(session, "hamlets") == [("Thôn Bản Lải", commune.hamlets[0].id),
                                                        ("Thôn Nà Pàn", commune.hamlets[1].id)]
    assert [row.name for row in catalog.rows(session, "hamlets")][-1] == "Thôn Pò Mạ"  # listed, not offered
    assert catalog.names(session, "agencies")[commune.police.id] == "Công an xã"
    with pytest.raises(ValueError):
        catalog.active_items(session, "officials")


def test_agencies_for_a_petition(session, commune):
    catalog.save_agency(session, catalog.AgencyInput(name="Phòng Kinh tế", head_title="Trưởng phòng", active=False),
                        commune.economy.id)
    offered = [name for name, _id in catalog.agencies_for_choice(session)]
    assert "Phòng Kinh tế" not in offered and offered[0] == "Phòng Văn hóa - Xã hội"  # the catalogue's order
    kept = [name for name, _id in catalog.agencies_for_choice(session, {commune.economy.id}, by_name=True)]
    assert kept == sorted(kept, key=catalog.sort_key) and "Phòng Kinh tế" in kept
    every = [name for name, _id in catalog.agencies_for_choice(session, every=True)]
    assert every[-1] == "Phòng Kinh tế"  # the inactive ones last
    assert [o.name for o in catalog.officials(session)][0] == "Lý Văn Hùng"


# -- dialogue sessions to pick, and the versions of a plan's status steps ----------------------------------

def test_choices_put_the_sessions_not_yet_held_first(session, make_session):
    held = make_session(stage="ended", start=dt.datetime(2026, 5, 4, 8, 0))
    later = make_session(stage="invited", start=dt.datetime(2026, 12, 10, 8, 0))
    sooner = make_session(stage="draft", start=dt.datetime(2026, 12, 1, 8, 0))
    live = make_session(stage="in_progress", start=dt.datetime(2026, 11, 20, 8, 0))
    found = sessions.choices(session, first=(SessionStatus.IN_PROGRESS,))
    assert [c.id for c in found] == [live.id, sooner.id, later.id, held.id]
    assert found[1].text == f"01/12/2026 – {sooner.title} (Dự thảo)" and found[1].planned
    assert not found[3].planned and found[3].title == held.title
    assert sessions.get_session(session, held.id) is held


@pytest.mark.parametrize("step", ["issue_plan", "back_to_draft", "send_invitations", "cancel", "override"])
def test_a_status_step_on_a_stale_copy_is_refused(session, make_session, step):
    ds = make_session(stage="plan_issued" if step in ("back_to_draft", "send_invitations") else "draft")
    stale = ds.version
    sessions.override_deadline(session, ds.id, "notice", dt.date(2026, 6, 1), "Lịch họp của tỉnh")  # someone else
    work = {
        "issue_plan": lambda v: sessions.issue_plan(session, ds.id, dt.date(2026, 5, 20), expected_version=v),
        "back_to_draft": lambda v: sessions.back_to_draft(session, ds.id, expected_version=v),
        "send_invitations": lambda v: sessions.send_invitations(session, ds.id, dt.date(2026, 6, 1),
                                                                expected_version=v),
        "cancel": lambda v: sessions.cancel(session, ds.id, "Mưa lũ", expected_version=v),
        "override": lambda v: sessions.override_deadline(session, ds.id, "conclusion", None, "Trở lại",
                                                         expected_version=v),
    }[step]
    status = ds.status
    with pytest.raises(ConflictError):
        work(stale)
    assert ds.status == status
    work(ds.version)  # on the newest copy it goes through

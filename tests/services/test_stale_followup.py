"""Every follow-up action on a petition carries the version the clerk's screen was based on (issue 13): an
action based on a copy loaded before another clerk saved is refused, names who saved it and when, and
changes nothing. Without a version (the command line, older callers) the action works as before."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import ConflictError
from desk_app.services import followup
from desk_app.store import models as m
from desk_app.store.context import set_current_user


def _snapshot(session, petition_id):
    p = session.get(m.Petition, petition_id)
    counts = tuple(session.scalar(select(func.count(model.id)).where(model.petition_id == petition_id))
                   for model in (m.PetitionStatusChange, m.PetitionExtension, m.DeadlineOverride,
                                 m.PetitionCoordinator))
    return (p.version, p.status, p.conclusion, p.lead_agency_id, p.resolution, p.resolved_date, p.due_date,
            p.due_override, p.transferred_to, p.complex_case, counts)


CALLS = {
    "set_conclusion": lambda s, p, c, v: followup.set_conclusion(s, p.id, "Kết luận của tôi", c.culture.id, [],
                                                                 expected_version=v),
    "assign": lambda s, p, c, v: followup.assign(s, p.id, c.culture.id, [], expected_version=v),
    # (10/07 and 20/07: working days; the session of 10/06 has its answers due 20/07, told on 01/07)
    "extend": lambda s, p, c, v: followup.extend(s, p.id, p.due_date + dt.timedelta(days=28), "Cần khảo sát thêm",
                                                 dt.date(2026, 7, 1), expected_version=v),
    "resolve": lambda s, p, c, v: followup.resolve(s, p.id, "Đã sửa xong.", dt.date(2026, 7, 1),
                                                   reply_date=dt.date(2026, 7, 1), expected_version=v),
    "transfer_upward": lambda s, p, c, v: followup.transfer_upward(s, p.id, "UBND tỉnh", dt.date(2026, 7, 1),
                                                                   expected_version=v),
    "mark_not_competent": lambda s, p, c, v: followup.mark_not_competent(s, p.id, "Hướng dẫn công dân.",
                                                                         dt.date(2026, 7, 1), expected_version=v),
    "override_due": lambda s, p, c, v: followup.override_due(s, p.id, p.due_date + dt.timedelta(days=20),
                                                             "Theo chỉ đạo", expected_version=v),
}


@pytest.fixture
def petition(session, make_session):
    ds = make_session(stage="ended", petitions=1)
    return session.scalar(select(m.Petition).where(m.Petition.session_id == ds.id))


@pytest.mark.parametrize("action", [*CALLS, "reopen"])
def test_an_action_on_a_stale_copy_is_refused_with_who_and_when(session, commune, petition, action):
    if action == "reopen":
        followup.resolve(session, petition.id, "Đã sửa xong.", dt.date(2026, 7, 1), reply_date=dt.date(2026, 7, 1))
    loaded = petition.version  # what the clerk's screen shows
    set_current_user("chuyenvien2")
    try:
        followup.set_conclusion(session, petition.id, "Kết luận của người khác", commune.economy.id)
    finally:
        set_current_user(None)
    before = _snapshot(session, petition.id)
    with pytest.raises(ConflictError) as info:
        if action == "reopen":
            followup.reopen(session, petition.id, "Công dân khiếu nại lại", expected_version=loaded)
        else:
            CALLS[action](session, petition, commune, loaded)
    assert "chuyenvien2" in info.value.message and "tải lại" in info.value.message
    assert f"{petition.updated_at:%H:%M %d/%m/%Y}" in info.value.message
    session.expire_all()
    assert _snapshot(session, petition.id) == before
    assert session.get(m.Petition, petition.id).conclusion == "Kết luận của người khác"


@pytest.mark.parametrize("action", list(CALLS))
def test_an_action_on_the_current_version_goes_through(session, commune, petition, action):
    before = _snapshot(session, petition.id)
    CALLS[action](session, petition, commune, petition.version)
    session.expire_all()
    assert _snapshot(session, petition.id) != before

"""The follow-up list's search and order (issue 14, items 11 and 12): a full name ranks its own petitions first,
the field, hamlet and agency names are searched too, the index and the plain search give the same answers, and
the list is read in any order as one ordered list of numbers (no OFFSET deep in a sorted list), the petitions
without a due date last in either direction on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desk_app.documents import contexts
from desk_app.services import followup
from desk_app.services.common import load_calendar
from desk_app.services.followup import PetitionFilter, PetitionInput
from desk_app.store import models as m

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def people(session, make_session, commune):
    """Petitions whose words collide with a name: "Dương Văn Thọ" is the citizen of the last one only."""
    ds = make_session(stage="ended", petitions=0)
    fields = commune.fields
    rows = [
        ("Lê Văn Tâm", "Đường giao thông thôn Bản Lải xuống cấp, đề nghị sửa chữa", "Giao thông, hạ tầng", 0, None),
        ("Hoàng Thị Thơ", "Xin hỗ trợ đường điện về thôn", "Điện, nước sinh hoạt", 1, commune.economy.id),
        ("Dương Thị Hoa", "Cấp giấy chứng nhận quyền sử dụng đất", "Đất đai", 2, commune.economy.id),
        ("Nguyễn Văn Thọ Dương", "Trồng cây ven đường", "Môi trường", 0, None),
        ("Trần Văn Hùng", "Nước sạch cho thôn Nà Pàn", "Điện, nước sinh hoạt", 1, commune.police.id),
        ("Dương Văn Thọ", "Hỗ trợ sửa nhà", "Chính sách, an sinh xã hội", 2, commune.culture.id),
    ]
    made = []
    for name, content, field_name, hamlet, agency in rows:
        made.append(followup.create_petition(session, ds.id, PetitionInput(
            citizen_name=name, content=content, field_id=fields[field_name].id, hamlet_id=commune.hamlets[hamlet].id,
            lead_agency_id=agency)))
    session.flush()
    return {p.citizen_name: p.id for p in made}


def _ids(session, search: str, *, indexed: bool = True) -> list[int]:
    calendar = load_calendar(session)
    listing = followup.petition_list(session, PetitionFilter(search=search), TODAY, calendar, indexed=indexed)
    return list(listing.ids(session))


def test_a_full_name_ranks_its_own_petition_first(session, people):
    found = _ids(session, "duong van tho")
    # the exact name first; then a name holding all the words; then the rows where the words are elsewhere
    assert found[:2] == [people["Dương Văn Thọ"], people["Nguyễn Văn Thọ Dương"]]
    assert set(found) >= {people["Dương Văn Thọ"], people["Nguyễn Văn Thọ Dương"]}
    assert _ids(session, "Dương Văn Thọ") == found
    # a single word: the names holding it as a word (by number), then the rest ("thôn": every hamlet's name)
    tho = _ids(session, "tho")
    assert tho == [people["Hoàng Thị Thơ"], people["Nguyễn Văn Thọ Dương"], people["Dương Văn Thọ"],
                   people["Lê Văn Tâm"], people["Dương Thị Hoa"], people["Trần Văn Hùng"]]


def test_field_hamlet_and_agency_names_are_searched(session, people):
    assert _ids(session, "dat dai") == [people["Dương Thị Hoa"]]  # the field "Đất đai"
    assert people["Trần Văn Hùng"] in _ids(session, "cong an")  # the lead agency "Công an xã"
    assert set(_ids(session, "po ma")) == {people["Dương Thị Hoa"], people["Dương Văn Thọ"]}  # Thôn Pò Mạ
    assert set(_ids(session, "na pan")) == {people["Hoàng Thị Thơ"], people["Trần Văn Hùng"]}  # the hamlet
    assert _ids(session, "an sinh sua nha") == [people["Dương Văn Thọ"]]  # field words and content words


@pytest.mark.parametrize("search", ["duong van tho", "tho", "dat dai", "cong an", "na pan", "an sinh sua nha",
                                    "van", "ng", "thon duong", "khong co gi", "Đường", "50%", "_"])
def test_the_index_and_the_plain_search_agree_in_order_too(session, people, search):
    assert _ids(session, search, indexed=True) == _ids(session, search, indexed=False)


def test_count_and_list_agree_with_the_ranked_ids(session, people):
    for search in ("duong van tho", "dat dai", "thon"):
        flt = PetitionFilter(search=search)
        ids = _ids(session, search)
        assert followup.count_petitions(session, flt) == len(ids)
        assert sorted(p.id for p in followup.list_petitions(session, flt)) == sorted(ids)


def test_the_list_is_one_ordered_list_of_numbers_in_every_order(session, people, make_session):
    calendar = load_calendar(session)
    ids = sorted(people.values())
    # one petition without a due date: last in either direction (SQLite and PostgreSQL put NULL differently)
    session.execute(m.Petition.__table__.update().where(m.Petition.id == ids[2]).values(due_date=None))
    for sort in followup.LIST_ORDERS:
        for descending in (False, True):
            listing = followup.petition_list(session, PetitionFilter(), TODAY, calendar, sort=sort,
                                             descending=descending)
            ordered = list(listing.ids(session))
            assert sorted(ordered) == ids
            assert [r.id for r in listing.page(session, 0, 100)] == ordered
            assert [r.id for r in listing.page(session, 2, 3)] == ordered[2:5]
            assert [r.id for r in listing.rows(session, ordered[1:4])] == ordered[1:4]
            assert [listing.position(session, i) for i in ordered] == list(range(len(ordered)))
            if sort == "due":
                assert ordered[-1] == ids[2]
    by_due = followup.petition_list(session, PetitionFilter(), TODAY, calendar, sort="due")
    dues = [r.due_date for r in by_due.page(session, 0, 100)]
    assert dues[:-1] == sorted(dues[:-1]) and dues[-1] is None
    assert by_due.contains(session, ids[0]) and not by_due.contains(session, 10 ** 9)


def test_the_conclusion_page_knows_cheaply_whether_a_proposal_upward_is_due(session, make_session, commune):
    ds = make_session(stage="ended", petitions=2)
    assert followup.has_upward_petitions(session, ds.id) == bool(contexts.upward_petitions(session, ds)) is False
    petition = session.scalars(select(m.Petition).where(m.Petition.session_id == ds.id)).first()
    followup.transfer_upward(session, petition.id, "UBND tỉnh", dt.date(2026, 6, 12))
    session.expire_all()
    assert followup.has_upward_petitions(session, ds.id) == bool(contexts.upward_petitions(session, ds)) is True

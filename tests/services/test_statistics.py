"""The one statistics function (domain.md §6), checked against a year whose figures are counted by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from desk_app.services import followup, registrations, sessions, statistics
from desk_app.store import models as m


@pytest.fixture
def year(session, commune, make_session):
    """2026 of a small commune:
    - UBND, 10/03 (Tue): concluded 13/03; 3 petitions: resolved on time, resolved late, open (overdue);
    - Đảng ủy, 10/06 (Wed): concluded 15/06; 2 petitions: answered at the meeting, transferred upward;
      plus one petition that repeats the March open one;
    - HĐND, 10/12: invited (upcoming);
    - UBND, 05/05: cancelled;
    - a 2025 session that must not be counted.
    """
    march = make_session("concluded", host="ubnd", start=dt.datetime(2026, 3, 10, 8), petitions=3,
                         notice_date=dt.date(2026, 3, 13))
    on_time, late, still_open = session.scalars(select(m.Petition).where(m.Petition.session_id == march.id)
                                                .order_by(m.Petition.id)).all()
    # Answer due 20 working days after 13/03: 16–20, 23–27/03, 30/03–03/04, 06–10/04 → 10/04.
    assert on_time.due_date == dt.date(2026, 4, 10)
    followup.resolve(session, on_time.id, "Đã giải quyết xong.", dt.date(2026, 4, 8), reply_date=dt.date(2026, 4, 10))
    followup.resolve(session, late.id, "Đã giải quyết.", dt.date(2026, 4, 9), reply_date=dt.date(2026, 4, 20))
    followup.assign(session, still_open.id, commune.economy.id)

    june = make_session("ended", host="dang_uy", start=dt.datetime(2026, 6, 10, 8), petitions=0)
    answered = followup.create_petition(session, june.id, followup.PetitionInput(
        citizen_name="Hà Văn Tư", content="Hỏi về chính sách hỗ trợ", status="da_tra_loi_tai_hoi_nghi",
        field_id=commune.fields["Chính sách, an sinh xã hội"].id))
    upward = followup.create_petition(session, june.id, followup.PetitionInput(
        citizen_name="Vi Thị Năm", content="Đề nghị nâng cấp quốc lộ", field_id=commune.fields["Giao thông, hạ tầng"].id))
    repeat = followup.create_petition(session, june.id, followup.PetitionInput(
        citizen_name="Người kiến nghị 3", content="Nhắc lại kiến nghị tháng 3", field_id=commune.fields["Đất đai"].id,
        earlier_petition_id=still_open.id))
    followup.issue_conclusion_notice(session, june.id, dt.date(2026, 6, 15))
    followup.transfer_upward(session, upward.id, "Ủy ban nhân dân tỉnh", dt.date(2026, 6, 20))
    reg = session.scalar(select(m.Registration).where(m.Registration.session_id == june.id))
    registrations.refuse(session, reg.id, "gay_roi", "Gây mất trật tự")

    make_session("invited", host="hdnd", start=dt.datetime(2026, 12, 10, 8))
    cancelled = make_session("plan_issued", host="ubnd", start=dt.datetime(2026, 5, 5, 8))
    sessions.cancel(session, cancelled.id, "Hoãn")
    make_session("ended", host="ubnd", start=dt.datetime(2025, 6, 10, 8), petitions=4)
    return dict(march=march, june=june, on_time=on_time, late=late, still_open=still_open, answered=answered,
                upward=upward, repeat=repeat)


def test_figures_of_the_year(session, year, today):
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    total = stats.total
    assert (total.sessions_total, total.sessions_held, total.sessions_upcoming, total.sessions_cancelled) == (4, 2, 1, 1)
    assert (total.periodic, total.ad_hoc) == (2, 0)
    assert total.by_form == {"truc_tiep": 2, "chuyen_de": 0, "truc_tuyen": 0}
    assert (total.citizens_attending, total.delegates_attending) == (200, 40)
    # registrations: 2 per session from "invited" on (march, june, december) = 6; one refused
    assert (total.registrations, total.refused, total.walk_ins, total.opinions) == (6, 1, 0, 0)
    assert total.petitions == 6
    assert (total.answered_at_meeting, total.resolved, total.resolved_on_time, total.resolved_late) == (1, 2, 1, 1)
    assert (total.in_progress, total.transferred, total.not_competent) == (2, 1, 0)
    # still_open (due 10/04) is overdue; the repeat (due 20 working days after 15/06 = 13/07) too
    assert (total.open_overdue, total.open_not_due) == (2, 0)
    assert total.raised_more_than_once == 1
    # working days from 10/03 to the written answers: 10/04 = 23, 20/04 = 29 (27/04, 30/04 are later) → 26.0
    assert total.avg_days_to_resolve == 26.0


def test_per_host_figures_add_up_to_the_total(session, year, today):
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    for item in dataclasses.fields(statistics.Figures):
        if item.name.startswith("_") or item.name in ("by_form", "by_status", "by_field_status"):
            continue
        assert getattr(stats.total, item.name) == sum(getattr(f, item.name) for f in stats.by_host.values()), item.name
    assert stats.by_host["ubnd"].petitions == 3 and stats.by_host["dang_uy"].petitions == 3
    assert stats.by_host["hdnd"].sessions_upcoming == 1


def test_field_by_status_table(session, year, today):
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    table = stats.total.by_field_status
    assert table["Đất đai"]["da_giai_quyet"] == 2 and table["Đất đai"]["dang_giai_quyet"] == 1
    assert table["Đất đai"]["moi"] == 1
    assert table["Giao thông, hạ tầng"]["da_chuyen_cap_tren"] == 1
    assert sum(sum(row.values()) for row in table.values()) == stats.total.petitions
    assert stats.fields[0] == "Đất đai" and len(stats.fields) == 14


def _use_profile(session, code):
    from desk_app.services import profiles
    from desk_app.services.common import commune

    commune(session).profile_id = profiles.by_code(session, code).id
    session.flush()


def test_compliance_of_each_head(session, year, today):
    _use_profile(session, "hcm-935")  # each head ≥ 1 periodic session, chaired in person
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    by_post = {c.post: c for c in stats.compliance}
    assert (by_post["ubnd"].held, by_post["ubnd"].state_label) == (1, "Đạt")
    assert by_post["ubnd"].counted == (year["march"].id,)
    assert (by_post["dang_uy"].held, by_post["dang_uy"].state_label) == (1, "Đạt")
    assert (by_post["hdnd"].held, by_post["hdnd"].upcoming, by_post["hdnd"].state_label) == (0, 1, "Đã có kế hoạch")
    assert by_post["ubnd"].official_name == "Nguyễn Văn Đức"
    # why the others were not counted for the Chủ tịch UBND
    reasons = dict(by_post["ubnd"].not_counted)
    assert "Chủ tịch UBND không chủ trì" in reasons[year["june"].id]
    before_december = statistics.compute(session, statistics.Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30)),
                                          today=today)
    assert {c.post: c.state for c in before_december.compliance}["hdnd"] == "not_yet"


def test_joint_session_counts_for_each_head_who_chairs_or_co_chairs(session, commune, make_session, today):
    _use_profile(session, "hcm-935")
    make_session("ended", host="lien_tich", start=dt.datetime(2026, 4, 8, 8),
                 co_chairs=[(commune.committee.id, False)])
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    assert {c.post: c.held for c in stats.compliance} == {"dang_uy": 1, "hdnd": 0, "ubnd": 1}


def test_an_ad_hoc_session_does_not_meet_the_periodic_minimum(session, commune, make_session, today):
    _use_profile(session, "hcm-935")
    ds = make_session("ended", host="ubnd", start=dt.datetime(2026, 4, 8, 8), regime="dot_xuat")
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    ubnd = next(c for c in stats.compliance if c.post == "ubnd")
    assert ubnd.held == 0 and ubnd.state == "not_yet"
    assert dict(ubnd.not_counted)[ds.id] == "cuộc đột xuất, chỉ tính cuộc định kỳ"
    assert stats.total.ad_hoc == 1  # still a session held


def test_a_session_chaired_by_a_deputy_is_not_credited_to_the_head(session, commune, make_session, today):
    _use_profile(session, "hcm-935")  # 001 Điều 11.3: at commune level the Chủ tịch chairs in person
    ds = make_session("ended", host="ubnd", start=dt.datetime(2026, 4, 8, 8), chair_id=commune.deputy.id,
                      chair_delegated=True)
    ubnd = next(c for c in statistics.compute(session, statistics.Period.year(2026), today=today).compliance
                if c.post == "ubnd")
    assert ubnd.held == 0
    assert "ủy quyền" in dict(ubnd.not_counted)[ds.id]


def test_a_person_holding_two_posts_is_credited_under_both(session, commune, make_session, today):
    _use_profile(session, "hcm-935")  # 001 Điều 18.5: the Bí thư who is also Chủ tịch HĐND
    commune.party.is_council_head = True
    commune.council.is_council_head = False
    session.flush()
    make_session("ended", host="dang_uy", start=dt.datetime(2026, 4, 8, 8))
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    assert {c.post: c.state for c in stats.compliance} == {"dang_uy": "met", "hdnd": "met", "ubnd": "not_yet"}


def test_the_2025_law_asks_the_commune_government_with_a_council_co_chair(session, commune, make_session, today):
    # luat-2025 (the default): UBND xã holds ≥ 1 a year, a representative of Thường trực HĐND co-chairs
    alone = make_session("ended", host="ubnd", start=dt.datetime(2026, 4, 8, 8))
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    government = next(c for c in stats.compliance if c.who == "chinh_quyen")
    assert government.held == 0
    assert "đồng chủ trì" in dict(government.not_counted)[alone.id]
    together = make_session("ended", host="ubnd", start=dt.datetime(2026, 5, 6, 8),
                            co_chairs=[(commune.council.id, False)])
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    government = next(c for c in stats.compliance if c.who == "chinh_quyen")
    assert government.counted == (together.id,) and government.met


def test_the_profile_decides_whose_obligations_count(session, year, today):
    _use_profile(session, "tam-duong-570")  # 002 II.3: only the Chủ tịch UBND
    assert [c.post for c in statistics.compute(session, statistics.Period.year(2026), today=today).compliance] == [
        "ubnd"]


def test_date_range_and_overdue_as_of_a_day(session, year):
    spring = statistics.compute(session, statistics.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
                                today=dt.date(2026, 4, 1))
    assert spring.total.sessions_total == 1 and spring.total.petitions == 3
    # On 01/04 the March petitions were not yet due: nothing overdue then.
    assert spring.total.open_overdue == 0 and spring.total.open_not_due == 1
    assert spring.period.label == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
    assert statistics.Period.year(2026).label == "Năm 2026"


def test_rows_are_labelled_in_vietnamese_and_match_the_properties(session, year, today):
    stats = statistics.compute(session, statistics.Period.year(2026), today=today)
    rows = dict(stats.total.rows())
    assert rows["Tổng số ý kiến, kiến nghị"] == 6
    assert rows["Trả lời quá hạn"] == 1
    assert rows["Đang giải quyết, quá hạn"] == 2
    assert rows["Kiến nghị nêu từ lần thứ hai trở lên"] == 1


def test_empty_year(session, commune, today):
    stats = statistics.compute(session, statistics.Period.year(2030), today=today)
    assert stats.total.sessions_total == 0 and stats.total.avg_days_to_resolve is None
    assert [c.state for c in stats.compliance] == ["not_yet"] * 2  # luat-2025: the government and the Bí thư

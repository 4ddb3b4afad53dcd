"""The examples of issue 11, each giving the regulation's answer (domain.md §7): written answers, valid
extensions, answers at the meeting, yearly obligations, the one year rule, recomputation, `check`."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desk_app.domain.errors import ConfirmationNeeded, ValidationError
from desk_app.domain.calendar import DayKind
from desk_app.services import followup, integrity, minutes, sessions, statistics, workdays
from desk_app.store import models as m

YEAR = statistics.Period.year(2026)


def _petitions(session, ds):
    return list(session.scalars(select(m.Petition).where(m.Petition.session_id == ds.id).order_by(m.Petition.id)))


@pytest.fixture
def concluded(make_session):
    """Held Wed 10/06/2026 (luat-2025), conclusion notice Mon 15/06: answers due Mon 13/07/2026."""
    return make_session("concluded", petitions=3, notice_date=dt.date(2026, 6, 15))


def test_an_extension_recorded_after_the_deadline_does_not_make_a_late_petition_on_time(session, concluded):
    p = _petitions(session, concluded)[0]
    assert p.due_date == dt.date(2026, 7, 13)
    with pytest.raises(ValidationError) as refused:
        followup.extend(session, p.id, dt.date(2026, 8, 14), "Cần thêm thời gian", dt.date(2026, 7, 20))
    assert "sau thời hạn giải quyết 13/07/2026" in refused.value.errors["citizen_notified_date"]
    followup.extend(session, p.id, dt.date(2026, 8, 14), "Cần thêm thời gian", dt.date(2026, 7, 20),
                    late_as_history=True)
    followup.reply(session, p.id, dt.date(2026, 8, 10), "Đã giải quyết.")
    assert p.due_date == dt.date(2026, 7, 13) and followup.on_time(p) is False
    figures = statistics.compute(session, YEAR).total
    assert (figures.resolved_on_time, figures.resolved_late) == (0, 1)


def test_an_extension_without_a_written_notice_is_refused(session, concluded):
    p = _petitions(session, concluded)[0]
    with pytest.raises(ValidationError) as refused:
        followup.extend(session, p.id, dt.date(2026, 8, 14), "Cần thêm thời gian")
    assert "citizen_notified_date" in refused.value.errors
    assert p.due_date == dt.date(2026, 7, 13) and not p.extensions


def test_a_valid_extension_moves_the_due_date(session, concluded):
    p = _petitions(session, concluded)[0]
    followup.extend(session, p.id, dt.date(2026, 8, 14), "Cần đo đạc lại", dt.date(2026, 7, 13))  # told on the day
    followup.reply(session, p.id, dt.date(2026, 8, 10), "Đã giải quyết.")
    assert followup.on_time(p) is True and followup.due_source(p) == "gia hạn"


def test_a_profile_may_cap_extensions(session, concluded):
    from desk_app.services import profiles
    from desk_app.services.common import domain_profile

    copy = profiles.copy_profile(session, session.scalar(select(m.Profile.id).where(m.Profile.code == "luat-2025")),
                                 "Quy định riêng")
    import dataclasses

    profiles.update_profile(session, copy.id, dataclasses.replace(domain_profile(copy), max_extensions=1,
                                                                  max_extension_days=10))
    concluded.profile_id = copy.id
    session.flush()
    p = _petitions(session, concluded)[0]
    with pytest.raises(ValidationError, match="không quá 10 ngày làm việc"):
        followup.extend(session, p.id, dt.date(2026, 8, 14), "Lý do", dt.date(2026, 7, 10))
    followup.extend(session, p.id, dt.date(2026, 7, 24), "Lý do", dt.date(2026, 7, 10))
    with pytest.raises(ValidationError, match="gia hạn 1 lần"):
        followup.extend(session, p.id, dt.date(2026, 7, 31), "Lý do", dt.date(2026, 7, 20))


def test_on_time_follows_the_written_answer_not_the_agency_result(session, concluded):
    # resolved 01/06-like: the agency's result early, the written answer long after the due date
    p = _petitions(session, concluded)[0]
    followup.resolve(session, p.id, "Đã xử lý.", dt.date(2026, 6, 30), reply_date=dt.date(2026, 11, 20))
    assert followup.on_time(p) is False
    figures = statistics.compute(session, YEAR).total
    assert (figures.resolved_on_time, figures.resolved_late) == (0, 1)


def test_the_date_the_citizen_was_informed_is_the_answer_date(session, concluded):
    p = _petitions(session, concluded)[0]
    followup.reply(session, p.id, dt.date(2026, 7, 10), "Đã giải quyết.", informed_date=dt.date(2026, 7, 15))
    assert followup.on_time(p) is False  # sent before 13/07, received after it


def test_a_result_without_a_reply_stays_open_and_visible(session, concluded):
    p = _petitions(session, concluded)[0]
    followup.record_result(session, p.id, "Đã xử lý xong.", dt.date(2026, 7, 1))
    figures = statistics.compute(session, YEAR).total
    assert figures.resolved == 0 and figures.result_unanswered == 1 and figures.open_overdue == 3


def test_opinions_answered_at_the_meeting_count_without_a_petition(session, make_session, commune):
    ds = make_session("in_progress", petitions=0)
    opinion = minutes.record_opinion(session, ds.id, minutes.OpinionInput(
        speaker_name="Hoàng Văn Nam", content="Hỏi về lịch thu gom rác", field_id=commune.fields["Môi trường"].id,
        started_at=dt.datetime(2026, 6, 10, 8, 40)))
    minutes.add_answer(session, opinion.id, "Rác được thu gom vào thứ Hai và thứ Năm hằng tuần.")
    minutes.finish_opinion(session, opinion.id, dt.datetime(2026, 6, 10, 9), "tra_loi_tai_hoi_nghi")
    figures = statistics.compute(session, YEAR).total
    assert (figures.petitions, figures.answered_at_meeting) == (1, 1)
    assert figures.by_field_status["Môi trường"]["da_tra_loi_tai_hoi_nghi"] == 1
    # a petition made from it as well does not count twice
    minutes.petition_from_opinion(session, opinion.id)
    assert statistics.compute(session, YEAR).total.answered_at_meeting == 1


def test_a_session_held_in_the_next_year_belongs_to_that_year(session, make_session, capsys, monkeypatch):
    ds = make_session("invited", start=dt.datetime(2026, 12, 30, 8))
    monkeypatch.setenv("DESK_APP_TODAY", "2027-01-05")  # a meeting is recorded on or after its day
    minutes.start_meeting(session, ds.id, dt.datetime(2027, 1, 5, 8))
    followup.create_petition(session, ds.id, followup.PetitionInput(citizen_name="Lò Văn Sáu", content="Kiến nghị"))
    assert ds.year == 2027
    assert [s.id for s in sessions.list_sessions(session, 2026)] == []
    assert [s.id for s in sessions.list_sessions(session, 2027)] == [ds.id]
    assert followup.count_petitions(session, followup.PetitionFilter(year=2026)) == 0
    assert followup.count_petitions(session, followup.PetitionFilter(year=2027)) == 1
    assert statistics.compute(session, YEAR).total.sessions_total == 0
    assert statistics.compute(session, statistics.Period.year(2027)).total.petitions == 1


def test_recomputation_keeps_overrides_and_extensions_and_writes_history(session, concluded):
    extended, overridden, computed = _petitions(session, concluded)
    followup.extend(session, extended.id, dt.date(2026, 8, 14), "Lý do", dt.date(2026, 7, 10))
    followup.override_due(session, overridden.id, dt.date(2026, 7, 31), "Chủ tịch cho thêm thời gian")
    # a local day off inside the answer period moves only the computed date
    moved = workdays.set_override(session, dt.date(2026, 7, 1), DayKind.OFF, "Nghỉ lễ hội")
    assert moved == 3
    session.expire_all()
    extended, overridden, computed = _petitions(session, concluded)
    assert extended.due_date == dt.date(2026, 8, 14) and overridden.due_date == dt.date(2026, 7, 31)
    assert computed.due_date == dt.date(2026, 7, 14)
    assert "13/07/2026 → 14/07/2026" in computed.history[-1].note
    assert all(p.computed_due_date == dt.date(2026, 7, 14) for p in (extended, overridden, computed))


def test_a_calendar_change_that_flips_answered_petitions_asks_first(session, concluded):
    p = _petitions(session, concluded)[0]
    followup.reply(session, p.id, dt.date(2026, 7, 13), "Đã giải quyết.")  # on the due date: on time
    # a Saturday worked inside the answer period: the due date comes a day earlier, the answer is then late
    with pytest.raises(ConfirmationNeeded) as question:
        workdays.set_override(session, dt.date(2026, 6, 27), DayKind.WORKING, "Làm bù")
    assert f"Kiến nghị số {p.id}" in question.value.message and "đúng hạn → quá hạn" in question.value.message
    assert session.scalar(select(m.CalendarOverride)) is None  # nothing changed
    workdays.set_override(session, dt.date(2026, 6, 27), DayKind.WORKING, "Làm bù", confirm=True)
    session.expire_all()
    p = session.get(m.Petition, p.id)
    assert p.due_date == dt.date(2026, 7, 10) and followup.on_time(p) is False
    assert "kết quả trả lời: đúng hạn → quá hạn" in p.history[-1].note


def test_check_finds_what_nothing_explains(db, session, concluded):
    p, q, r = _petitions(session, concluded)
    session.execute(m.Petition.__table__.update().where(m.Petition.__table__.c.id == p.id)
                    .values(due_date=dt.date(2026, 12, 31)))  # moved without any extension
    session.execute(m.Petition.__table__.update().where(m.Petition.__table__.c.id == q.id)
                    .values(status="da_giai_quyet", reply_date=None, resolved_date=dt.date(2026, 7, 1)))
    session.add(m.IssuedDocument(kind="plan", number=1, symbol="KH-UBND", year=2026, issued_date=dt.date(2026, 1, 5)))
    session.add(m.IssuedDocument(kind="notice", number=1, symbol="KH-UBND", year=2026, issued_date=dt.date(2026, 1, 6)))
    session.commit()
    problems = integrity.check(db)
    assert any("không khớp với thời hạn tính theo quy định" in x and f"số {p.id}" in x for x in problems)
    assert any("không có ngày văn bản trả lời" in x for x in problems)
    assert any("số văn bản cấp hai lần" in x for x in problems)

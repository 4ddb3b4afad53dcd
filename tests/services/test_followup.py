"""Petition follow-up (kiến nghị): due dates from the profile, assign / extend / resolve / transfer / not
competent / reopen, the status history, deadline overrides, links to earlier petitions, the session's
completion, the filtered register and stale edits.

The session of the fixtures is held on Wed 10/06/2026 under the default profile luat-2025:
- conclusion notice due 10 calendar days after: Sat 20/06 → Mon 22/06/2026;
- answer due 20 working days after the conclusion notice (no holiday in June–July 2026):
  before the notice, counted from Mon 22/06 → Mon 20/07/2026 (provisional);
  notice issued Mon 15/06 → Mon 13/07/2026 (final).
"Today" is pinned to Sat 21/11/2026; Tue 24/11/2026 (Ngày Văn hóa Việt Nam) is a day off.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import ConflictError, TransitionError, ValidationError
from desk_app.services import followup, statistics
from desk_app.services.followup import PetitionFilter, PetitionInput
from desk_app.store import models as m
from desk_app.services.common import load_calendar

TODAY = dt.date(2026, 11, 21)

SESSION_DAY = dt.date(2026, 6, 10)
PROVISIONAL_DUE = dt.date(2026, 7, 20)
NOTICE_DAY = dt.date(2026, 6, 15)
FINAL_DUE = dt.date(2026, 7, 13)


def _petitions(db_session, ds_id):
    return list(db_session.scalars(select(m.Petition).where(m.Petition.session_id == ds_id)
                                   .order_by(m.Petition.id)))


def _snapshot(db_session, petition):
    """The petition's own values and its dependent rows, re-read after a refused request."""
    changes = db_session.scalar(select(func.count(m.PetitionStatusChange.id))
                                .where(m.PetitionStatusChange.petition_id == petition.id))
    extensions = db_session.scalar(select(func.count(m.PetitionExtension.id))
                                   .where(m.PetitionExtension.petition_id == petition.id))
    overrides = db_session.scalar(select(func.count(m.DeadlineOverride.id))
                                  .where(m.DeadlineOverride.petition_id == petition.id))
    p = db_session.get(m.Petition, petition.id)
    return (p.status, p.resolution, p.resolved_date, p.reply_document_id, p.reply_date, p.citizen_informed_date,
            p.transferred_to, p.lead_agency_id, p.due_date, p.computed_due_date, p.due_override,
            p.due_override_reason, p.due_provisional, p.times_raised, p.earlier_petition_id, p.content,
            p.citizen_name, changes, extensions, overrides, p.session.status)


def _history(petition):
    return [(h.from_status, h.to_status) for h in petition.history]


@pytest.fixture
def ended(make_session):
    """Held on 10/06/2026, conclusion notice not issued yet, two new petitions."""
    return make_session(stage="ended", petitions=2)


@pytest.fixture
def concluded(make_session):
    """Held on 10/06/2026, conclusion notice issued on 15/06/2026, two new petitions."""
    return make_session(stage="concluded", petitions=2, notice_date=NOTICE_DAY)


@pytest.fixture
def petition(session, ended):
    return _petitions(session, ended.id)[0]


@pytest.fixture
def resolved(session, concluded):
    """A petition resolved on 01/07/2026 (its sibling is still open)."""
    p = _petitions(session, concluded.id)[0]
    followup.resolve(session, p.id, "Đã sửa xong đường.", dt.date(2026, 7, 1), reply_number=15,
                     reply_date=dt.date(2026, 7, 1), citizen_informed_date=dt.date(2026, 7, 2))
    return p


# -- due dates -------------------------------------------------------------------------------------------

def test_default_profile_is_luat_2025(ended):
    assert ended.profile.code == "luat-2025"
    assert ended.session_date == SESSION_DAY


def test_due_date_before_the_conclusion_notice_is_provisional(session, ended):
    for p in _petitions(session, ended.id):
        assert p.computed_due_date == PROVISIONAL_DUE
        assert p.due_date == PROVISIONAL_DUE
        assert p.due_provisional is True


@pytest.mark.parametrize("notice, due", [
    (NOTICE_DAY, FINAL_DUE),  # Mon 15/06 + 20 working days
    (dt.date(2026, 6, 10), dt.date(2026, 7, 8)),  # the session day itself
    (dt.date(2026, 6, 26), dt.date(2026, 7, 24)),  # a late notice (after Mon 22/06)
])
def test_due_date_becomes_final_with_the_conclusion_notice(session, ended, notice, due):
    followup.issue_conclusion_notice(session, ended.id, notice)
    session.expire_all()
    for p in _petitions(session, ended.id):
        assert p.computed_due_date == due
        assert p.due_date == due
        assert p.due_provisional is False
    assert session.get(m.DialogueSession, ended.id).status == "da_thong_bao_ket_luan"


def test_petition_added_after_the_notice_has_a_final_due_date(session, concluded, commune):
    p = followup.create_petition(session, concluded.id, PetitionInput(citizen_name="Lò Văn Sáu",
                                                                      content="Kiến nghị bổ sung"))
    assert (p.due_date, p.due_provisional) == (FINAL_DUE, False)


@pytest.mark.parametrize("notice, field", [
    (dt.date(2026, 6, 9), "notice_date"),  # before the session
    (dt.date(2026, 11, 22), "notice_date"),  # after today
])
def test_conclusion_notice_date_is_checked(session, ended, notice, field):
    before = [_snapshot(session, p) for p in _petitions(session, ended.id)]
    with pytest.raises(ValidationError) as info:
        followup.issue_conclusion_notice(session, ended.id, notice)
    assert field in info.value.errors
    assert ended.status == "da_ket_thuc" and ended.conclusion_notice_date is None
    assert [_snapshot(session, p) for p in _petitions(session, ended.id)] == before


# -- creating --------------------------------------------------------------------------------------------

def test_create_petition_tidies_and_records_history(session, ended, commune):
    p = followup.create_petition(session, ended.id, PetitionInput(
        citizen_name="  nguyễn văn đức ", content="Đề nghị  cấp giấy chứng nhận", lead_agency_id=commune.economy.id,
        coordinator_ids=[commune.culture.id, commune.culture.id]))
    assert p.citizen_name == "Nguyễn Văn Đức"
    assert p.citizen_fold == "nguyen van duc"
    assert p.year == 2026 and p.times_raised == 1 and p.status == "moi"
    assert [c.agency_id for c in p.coordinators] == [commune.culture.id]
    assert _history(p) == [(None, "moi")]


@pytest.mark.parametrize("kw, field", [
    ({"citizen_name": " "}, "citizen_name"),
    ({"content": ""}, "content"),
    ({"content": "x" * 20001}, "content"),
    ({"status": "da_giai_quyet"}, "status"),
    ({"status": "vo_nghia"}, "status"),
    ({"field_id": 999}, "field_id"),
])
def test_create_petition_refuses_bad_input(session, ended, kw, field):
    data = {"citizen_name": "Lò Văn Sáu", "content": "Nội dung", **kw}
    count = session.scalar(select(func.count(m.Petition.id)))
    with pytest.raises(ValidationError) as info:
        followup.create_petition(session, ended.id, PetitionInput(**data))
    assert field in info.value.errors
    assert session.scalar(select(func.count(m.Petition.id))) == count


def test_create_petition_refuses_lead_agency_as_coordinator(session, ended, commune):
    with pytest.raises(ValidationError) as info:
        followup.create_petition(session, ended.id, PetitionInput(
            citizen_name="Lò Văn Sáu", content="x", lead_agency_id=commune.economy.id,
            coordinator_ids=[commune.economy.id]))
    assert "coordinator_ids" in info.value.errors
    assert len(_petitions(session, ended.id)) == 2


@pytest.mark.parametrize("stage", ["draft", "plan_issued"])
def test_no_petition_before_the_session_takes_place(session, make_session, stage):
    ds = make_session(stage=stage)
    with pytest.raises(ValidationError) as info:
        followup.create_petition(session, ds.id, PetitionInput(citizen_name="Lò Văn Sáu", content="x"))
    assert "session_id" in info.value.errors
    assert _petitions(session, ds.id) == []


# -- assign ----------------------------------------------------------------------------------------------

def test_assign_puts_the_petition_in_progress(session, petition, commune):
    followup.assign(session, petition.id, commune.culture.id, [commune.police.id, commune.culture.id])
    assert petition.status == "dang_giai_quyet"
    assert petition.lead_agency_id == commune.culture.id
    assert [c.agency_id for c in petition.coordinators] == [commune.police.id]
    assert _history(petition) == [(None, "moi"), ("moi", "dang_giai_quyet")]
    assert "Phòng Văn hóa - Xã hội" in petition.history[-1].note


def test_reassign_keeps_the_status_and_adds_history(session, petition, commune):
    followup.assign(session, petition.id, commune.culture.id)
    followup.assign(session, petition.id, commune.police.id, note="Chuyển Công an xã")
    assert petition.status == "dang_giai_quyet"
    assert petition.lead_agency_id == commune.police.id
    assert _history(petition)[-1] == ("dang_giai_quyet", "dang_giai_quyet")
    assert petition.history[-1].note == "Chuyển Công an xã"


@pytest.mark.parametrize("lead", [None, 999])
def test_assign_needs_an_existing_lead_agency(session, petition, lead):
    before = _snapshot(session, petition)
    with pytest.raises(ValidationError) as info:
        followup.assign(session, petition.id, lead)
    assert "lead_agency_id" in info.value.errors
    assert _snapshot(session, petition) == before


def test_assign_does_not_reopen_a_closed_petition_without_a_reason(session, resolved, commune):
    before = _snapshot(session, resolved)
    with pytest.raises((TransitionError, ValidationError)):
        followup.assign(session, resolved.id, commune.police.id)
    assert _snapshot(session, resolved) == before


# -- extend ----------------------------------------------------------------------------------------------

def test_extend_sets_the_new_due_date_and_keeps_history(session, concluded, commune):
    p = _petitions(session, concluded.id)[0]
    followup.assign(session, p.id, commune.economy.id)
    ext = followup.extend(session, p.id, dt.date(2026, 8, 14), "Cần đo đạc lại thực địa",
                          citizen_notified_date=dt.date(2026, 7, 10), letter_number=20)
    assert (ext.previous_due, ext.new_due) == (FINAL_DUE, dt.date(2026, 8, 14))
    assert ext.reason == "Cần đo đạc lại thực địa"
    assert ext.citizen_notified_date == dt.date(2026, 7, 10)
    assert ext.valid
    # the letter is an entry of the register: công văn of UBND xã (Phòng Kinh tế is a UBND office)
    assert (ext.letter_document.kind, ext.letter_document.number, ext.letter_document.symbol) == (
        "extension", 20, "UBND-VP")
    assert ext.letter_document.petition_id == p.id
    assert p.due_date == dt.date(2026, 8, 14)
    assert p.computed_due_date == FINAL_DUE
    assert p.status == "dang_giai_quyet"
    assert _history(p)[-1] == ("dang_giai_quyet", "dang_giai_quyet")
    assert "14/08/2026" in p.history[-1].note
    followup.extend(session, p.id, dt.date(2026, 9, 15), "Chờ ý kiến của tỉnh",
                    citizen_notified_date=dt.date(2026, 8, 12))
    assert p.extensions[-1].letter_document.number == 21  # the register's next number
    assert [(e.previous_due, e.new_due) for e in p.extensions] == [
        (FINAL_DUE, dt.date(2026, 8, 14)), (dt.date(2026, 8, 14), dt.date(2026, 9, 15))]
    assert p.due_date == dt.date(2026, 9, 15)


def test_extending_a_new_petition_puts_it_in_progress(session, petition):
    followup.extend(session, petition.id, dt.date(2026, 8, 28), "Vụ việc phức tạp",
                    citizen_notified_date=dt.date(2026, 7, 15))
    assert petition.status == "dang_giai_quyet"
    assert petition.due_provisional is False
    assert _history(petition) == [(None, "moi"), ("moi", "dang_giai_quyet")]


def test_extension_survives_the_conclusion_notice(session, ended):
    p = _petitions(session, ended.id)[0]
    followup.extend(session, p.id, dt.date(2026, 8, 28), "Vụ việc phức tạp",
                    citizen_notified_date=dt.date(2026, 6, 12))
    followup.issue_conclusion_notice(session, ended.id, NOTICE_DAY)
    p = session.get(m.Petition, p.id)
    assert p.computed_due_date == FINAL_DUE
    assert p.due_date == dt.date(2026, 8, 28)
    assert p.due_provisional is False


@pytest.mark.parametrize("new_due, reason, notified, field", [
    (dt.date(2026, 8, 28), "   ", dt.date(2026, 7, 1), "reason"),
    (PROVISIONAL_DUE, "Lý do", dt.date(2026, 7, 1), "new_due"),  # same as the current due date
    (dt.date(2026, 7, 1), "Lý do", dt.date(2026, 7, 1), "new_due"),  # earlier
    (None, "Lý do", dt.date(2026, 7, 1), "new_due"),
    (dt.date(2026, 8, 29), "Lý do", dt.date(2026, 7, 1), "new_due"),  # a Saturday
    (dt.date(2026, 8, 31), "Lý do", dt.date(2026, 7, 1), "new_due"),  # swapped day off before Quốc khánh
    (dt.date(2026, 8, 28), "Lý do", None, "citizen_notified_date"),  # the citizen must be told in writing
    (dt.date(2026, 8, 28), "Lý do", dt.date(2026, 11, 23), "citizen_notified_date"),  # after today
    (dt.date(2026, 8, 28), "Lý do", dt.date(2026, 6, 1), "citizen_notified_date"),  # before the session
    (dt.date(2026, 8, 28), "Lý do", dt.date(2026, 7, 21), "citizen_notified_date"),  # after the due date 20/07
])
def test_extend_refuses_bad_input(session, petition, new_due, reason, notified, field):
    before = _snapshot(session, petition)
    with pytest.raises(ValidationError) as info:
        followup.extend(session, petition.id, new_due, reason, citizen_notified_date=notified)
    assert field in info.value.errors
    assert _snapshot(session, petition) == before


def test_an_extension_cannot_give_a_deadline_past_on_its_letters_date(session, concluded):
    """Issue 14: on 05/12 an overdue petition was "extended" to 19/06. Told today, a new due date must come after
    today; an extension told back then may be recorded late with the date it gave (a warning, not a refusal)."""
    p = _petitions(session, concluded.id)[0]  # due 13/07/2026
    with pytest.raises(ValidationError) as info:
        followup.extend(session, p.id, dt.date(2026, 7, 20), "Lý do", dt.date(2026, 7, 20))
    assert "sau ngày thông báo cho công dân" in info.value.errors["new_due"]
    check = followup.check_new_due(session, p.id, dt.date(2026, 7, 20), dt.date(2026, 7, 20), TODAY)
    assert check.refusal == info.value.errors["new_due"] and not check.warning
    late_record = followup.check_new_due(session, p.id, dt.date(2026, 7, 24), dt.date(2026, 7, 10), TODAY)
    assert late_record.refusal == "" and "đã qua" in late_record.warning
    saturday = followup.check_new_due(session, p.id, dt.date(2026, 8, 29), dt.date(2026, 7, 10), TODAY)
    assert "ngày nghỉ (thứ Bảy)" in saturday.refusal
    followup.extend(session, p.id, dt.date(2026, 7, 24), "Đo đạc lại", dt.date(2026, 7, 10))
    assert p.due_date == dt.date(2026, 7, 24)


def test_the_suggested_extension_is_a_working_day_after_the_due_date_and_today(session, concluded):
    calendar = load_calendar(session)
    p = _petitions(session, concluded.id)[0]  # due 13/07/2026, overdue on 21/11/2026
    suggested = followup.extension_suggestion(session, p.id, TODAY)
    assert suggested > TODAY and calendar.is_working_day(suggested)
    early = followup.extension_suggestion(session, p.id, dt.date(2026, 7, 1))
    assert early > p.due_date and calendar.is_working_day(early)
    assert calendar.working_days_between(p.due_date, early) <= 10


def test_extend_a_closed_petition_is_refused(session, resolved):
    before = _snapshot(session, resolved)
    with pytest.raises(ValidationError) as info:
        followup.extend(session, resolved.id, dt.date(2026, 12, 31), "Lý do", dt.date(2026, 7, 10))
    assert "status" in info.value.errors
    assert _snapshot(session, resolved) == before


# -- resolve, on time / late -------------------------------------------------------------------------

def test_resolve_records_the_written_answer(session, concluded):
    p = _petitions(session, concluded.id)[0]
    followup.resolve(session, p.id, " Đã sửa xong đường. ", dt.date(2026, 6, 30), reply_number=15,
                     reply_date=dt.date(2026, 7, 1), citizen_informed_date=dt.date(2026, 7, 2))
    session.expire_all()
    p = session.get(m.Petition, p.id)
    assert p.status == "da_giai_quyet"
    assert p.resolution == "Đã sửa xong đường."
    assert p.resolved_date == dt.date(2026, 6, 30)
    assert (p.reply_document.number, p.reply_document.symbol, p.reply_date, p.citizen_informed_date) == (
        15, "UBND-VP", dt.date(2026, 7, 1), dt.date(2026, 7, 2))
    assert (p.reply_document.kind, p.reply_document.petition_id, p.reply_document.issued_date) == (
        "reply", p.id, dt.date(2026, 7, 1))
    assert _history(p)[-1] == ("moi", "da_giai_quyet")
    assert "15/UBND-VP" in p.history[-1].note and "đúng hạn" in p.history[-1].note


def test_a_result_without_a_written_answer_leaves_the_petition_open(session, concluded):
    p = _petitions(session, concluded.id)[0]
    followup.resolve(session, p.id, "Đã sửa xong đường.", dt.date(2026, 7, 1))
    assert p.status == "dang_giai_quyet" and p.resolved_date == dt.date(2026, 7, 1)
    assert followup.has_result_unanswered(p) and followup.on_time(p) is None
    assert "chưa trả lời công dân" in p.history[-1].note
    assert followup.is_overdue(p, dt.date(2026, 11, 21))  # the deadline keeps running


@pytest.mark.parametrize("resolution, day, kw, field", [
    ("  ", dt.date(2026, 7, 1), {}, "resolution"),
    ("Đã giải quyết", None, {}, "resolved_date"),
    ("Đã giải quyết", dt.date(2026, 11, 22), {}, "resolved_date"),  # after today
    ("Đã giải quyết", dt.date(2026, 6, 9), {}, "resolved_date"),  # before the session
    ("Đã giải quyết", dt.date(2026, 7, 1), {"reply_date": dt.date(2026, 12, 1)}, "reply_date"),
    ("Đã giải quyết", dt.date(2026, 7, 1), {"reply_date": dt.date(2026, 7, 1),
                                             "citizen_informed_date": dt.date(2026, 5, 1)}, "citizen_informed_date"),
    ("Đã giải quyết", dt.date(2026, 7, 1), {"citizen_informed_date": dt.date(2026, 7, 2)}, "reply_date"),
    ("Đã giải quyết", dt.date(2026, 7, 1), {"reply_date": dt.date(2026, 7, 1), "reply_number": 0}, "number"),
])
def test_resolve_refuses_bad_input(session, petition, resolution, day, kw, field):
    before = _snapshot(session, petition)
    with pytest.raises(ValidationError) as info:
        followup.resolve(session, petition.id, resolution, day, **kw)
    assert field in info.value.errors
    assert any(ord(ch) > 127 for ch in info.value.errors[field])
    assert _snapshot(session, petition) == before


def test_resolve_today_is_allowed(session, petition, today):
    followup.resolve(session, petition.id, "Xong", today)
    assert petition.resolved_date == today


def _answer(db_session, p, day, informed=None):
    followup.resolve(db_session, p.id, "Xong", day, reply_date=day, citizen_informed_date=informed)


def test_on_time_and_late_are_judged_against_the_due_date(session, make_session):
    ds = make_session(stage="concluded", petitions=4, notice_date=NOTICE_DAY)
    on_due, late, extended, open_ = _petitions(session, ds.id)
    _answer(session, on_due, FINAL_DUE)
    _answer(session, late, FINAL_DUE + dt.timedelta(days=1))
    followup.extend(session, extended.id, dt.date(2026, 7, 31), "Cần thêm thời gian", dt.date(2026, 7, 10))
    _answer(session, extended, dt.date(2026, 7, 30))
    figures = statistics.compute(session, statistics.Period.year(2026)).total
    assert (figures.resolved_on_time, figures.resolved_late) == (2, 1)
    assert figures.open_overdue == 1  # today is long after 13/07/2026
    assert followup.is_overdue(open_, dt.date(2026, 11, 21))
    assert not followup.is_overdue(open_, FINAL_DUE)
    assert not followup.is_overdue(late, dt.date(2026, 11, 21))


# -- transfer, not competent, answered at the meeting, reopen -----------------------------------------

def test_transfer_upward(session, petition):
    followup.transfer_upward(session, petition.id, " Ủy ban nhân dân tỉnh ", dt.date(2026, 6, 22),
                             document_number=30)
    assert petition.status == "da_chuyen_cap_tren"
    assert petition.transferred_to == "Ủy ban nhân dân tỉnh"
    assert petition.resolved_date == dt.date(2026, 6, 22)
    # the session's upward proposal, in the register
    doc = petition.transfer_document
    assert (doc.kind, doc.number, doc.symbol, doc.session_id) == ("upward-proposal", 30, "UBND-VP",
                                                                   petition.session_id)
    assert _history(petition)[-1] == ("moi", "da_chuyen_cap_tren")
    assert "Ủy ban nhân dân tỉnh" in petition.history[-1].note


@pytest.mark.parametrize("body, day, field", [
    ("", dt.date(2026, 6, 20), "to_body"),
    ("UBND tỉnh", dt.date(2026, 12, 1), "transferred_date"),
    ("UBND tỉnh", dt.date(2026, 6, 1), "transferred_date"),
])
def test_transfer_upward_refuses_bad_input(session, petition, body, day, field):
    before = _snapshot(session, petition)
    with pytest.raises(ValidationError) as info:
        followup.transfer_upward(session, petition.id, body, day)
    assert field in info.value.errors
    assert _snapshot(session, petition) == before


def test_mark_not_competent(session, petition, today):
    followup.mark_not_competent(session, petition.id, "Hướng dẫn công dân gửi Tòa án nhân dân khu vực")
    assert petition.status == "khong_thuoc_tham_quyen"
    assert petition.resolution == "Hướng dẫn công dân gửi Tòa án nhân dân khu vực"
    assert petition.resolved_date == today
    assert _history(petition)[-1] == ("moi", "khong_thuoc_tham_quyen")


def test_mark_not_competent_needs_an_explanation(session, petition):
    before = _snapshot(session, petition)
    with pytest.raises(ValidationError) as info:
        followup.mark_not_competent(session, petition.id, " ")
    assert "explanation" in info.value.errors
    assert _snapshot(session, petition) == before


def test_mark_answered_at_meeting(session, petition):
    followup.mark_answered_at_meeting(session, petition.id, "Chủ tịch đã trả lời tại hội nghị")
    assert petition.status == "da_tra_loi_tai_hoi_nghi"
    assert petition.resolved_date == SESSION_DAY
    assert petition.resolution == "Chủ tịch đã trả lời tại hội nghị"


def test_reopen_needs_a_reason(session, resolved):
    before = _snapshot(session, resolved)
    with pytest.raises(ValidationError) as info:
        followup.reopen(session, resolved.id, "  ")
    assert "reason" in info.value.errors
    assert "lý do" in info.value.message
    assert _snapshot(session, resolved) == before


def test_reopen(session, resolved):
    followup.reopen(session, resolved.id, "Nhập nhầm kết quả của kiến nghị khác")
    assert resolved.status == "dang_giai_quyet"
    assert resolved.resolved_date is None
    assert (resolved.reply_date, resolved.reply_document) == (None, None)  # it waits for a new answer
    assert session.scalar(select(func.count(m.IssuedDocument.id)).where(
        m.IssuedDocument.petition_id == resolved.id)) == 1  # the earlier reply stays in the register
    assert _history(resolved)[-1] == ("da_giai_quyet", "dang_giai_quyet")
    assert resolved.history[-1].note == "Mở lại: Nhập nhầm kết quả của kiến nghị khác"


def _to_in_progress(db_session, p, commune):
    followup.assign(db_session, p.id, commune.economy.id)


def _to_resolved(db_session, p, commune):
    followup.resolve(db_session, p.id, "Kết quả lần đầu", dt.date(2026, 7, 1), reply_number=1,
                     reply_date=dt.date(2026, 7, 1))


def _to_answered(db_session, p, commune):
    followup.mark_answered_at_meeting(db_session, p.id, "Đã trả lời tại hội nghị")


def _to_transferred(db_session, p, commune):
    followup.transfer_upward(db_session, p.id, "UBND tỉnh", dt.date(2026, 6, 22), 5)


FORBIDDEN = [
    ("resolve again", _to_resolved,
     lambda s, p: followup.reply(s, p.id, dt.date(2026, 8, 3), "Kết quả lần hai", number=2)),
    ("answer a petition answered at the meeting", _to_answered,
     lambda s, p: followup.reply(s, p.id, dt.date(2026, 8, 3), "Kết quả")),
    ("transfer resolved", _to_resolved,
     lambda s, p: followup.transfer_upward(s, p.id, "Sở Tài nguyên", dt.date(2026, 8, 3), 9)),
    ("not competent after transfer", _to_transferred,
     lambda s, p: followup.mark_not_competent(s, p.id, "Giải thích", dt.date(2026, 8, 1))),
    ("answered at meeting while in progress", _to_in_progress,
     lambda s, p: followup.mark_answered_at_meeting(s, p.id, "Trả lời khác")),
    ("reopen an open petition", _to_in_progress,
     lambda s, p: followup.reopen(s, p.id, "Lý do")),
]


@pytest.mark.parametrize("setup, action", [f[1:] for f in FORBIDDEN], ids=[f[0] for f in FORBIDDEN])
def test_forbidden_transition_changes_nothing(session, concluded, commune, setup, action):
    p = _petitions(session, concluded.id)[0]
    setup(session, p, commune)
    before = _snapshot(session, p)
    with pytest.raises(TransitionError) as info:
        action(session, p)
    assert "Không thể chuyển kiến nghị" in info.value.message
    assert _snapshot(session, p) == before


# -- status history and audit --------------------------------------------------------------------------

def test_every_status_change_writes_a_history_row(session, petition, commune):
    followup.assign(session, petition.id, commune.economy.id)
    followup.extend(session, petition.id, dt.date(2026, 8, 28), "Cần thêm thời gian", dt.date(2026, 7, 10))
    followup.resolve(session, petition.id, "Xong", dt.date(2026, 8, 20), reply_date=dt.date(2026, 8, 20))
    followup.reopen(session, petition.id, "Công dân khiếu nại kết quả")
    followup.transfer_upward(session, petition.id, "UBND tỉnh", dt.date(2026, 9, 10))
    rows = session.execute(select(m.PetitionStatusChange.from_status, m.PetitionStatusChange.to_status)
                           .where(m.PetitionStatusChange.petition_id == petition.id)
                           .order_by(m.PetitionStatusChange.id)).all()
    assert [tuple(r) for r in rows] == [
        (None, "moi"), ("moi", "dang_giai_quyet"), ("dang_giai_quyet", "dang_giai_quyet"),
        ("dang_giai_quyet", "da_giai_quyet"), ("da_giai_quyet", "dang_giai_quyet"),
        ("dang_giai_quyet", "da_chuyen_cap_tren")]


def test_update_petition_is_audited(session, petition, commune):
    followup.update_petition(session, petition.id, PetitionInput(
        citizen_name=petition.citizen_name, content="Nội dung đã sửa", field_id=petition.field_id,
        hamlet_id=petition.hamlet_id, lead_agency_id=commune.culture.id), expected_version=petition.version)
    assert petition.content == "Nội dung đã sửa"
    assert petition.content_fold == "noi dung da sua"
    rows = list(session.scalars(select(m.AuditLog).where(m.AuditLog.table_name == "petition",
                                                         m.AuditLog.row_id == petition.id,
                                                         m.AuditLog.action == "update")))
    changed = [r.changes for r in rows if "content" in r.changes]
    assert changed and changed[-1]["content"] == ["Nội dung kiến nghị 1", "Nội dung đã sửa"]
    assert changed[-1]["lead_agency_id"] == [commune.economy.id, commune.culture.id]
    assert "content_fold" not in changed[-1]


def test_update_petition_with_stale_version_is_a_conflict(session, petition):
    stale = petition.version
    followup.update_petition(session, petition.id, PetitionInput(citizen_name=petition.citizen_name,
                                                                 content="Bản của người khác"))
    assert petition.version > stale
    before = _snapshot(session, petition)
    with pytest.raises(ConflictError) as info:
        followup.update_petition(session, petition.id, PetitionInput(citizen_name="Người Khác",
                                                                     content="Bản của tôi"),
                                 expected_version=stale)
    assert "tải lại" in info.value.message
    assert _snapshot(session, petition) == before
    assert petition.content == "Bản của người khác"


# -- deadline override -----------------------------------------------------------------------------------

def test_override_due_and_back_to_computed(session, petition):
    followup.override_due(session, petition.id, dt.date(2026, 8, 5), "Theo chỉ đạo của Chủ tịch UBND xã")
    assert petition.due_date == dt.date(2026, 8, 5)
    assert petition.due_override == dt.date(2026, 8, 5)
    assert petition.due_override_reason == "Theo chỉ đạo của Chủ tịch UBND xã"
    assert petition.computed_due_date == PROVISIONAL_DUE
    assert petition.due_provisional is False
    followup.override_due(session, petition.id, None, "Nhập nhầm")
    assert petition.due_date == PROVISIONAL_DUE
    assert petition.due_override is None
    assert petition.due_provisional is True
    rows = list(session.scalars(select(m.DeadlineOverride).where(m.DeadlineOverride.petition_id == petition.id)
                                .order_by(m.DeadlineOverride.id)))
    assert [(r.kind, r.previous_date, r.new_date, r.reason) for r in rows] == [
        ("answer", PROVISIONAL_DUE, dt.date(2026, 8, 5), "Theo chỉ đạo của Chủ tịch UBND xã"),
        ("answer", dt.date(2026, 8, 5), None, "Nhập nhầm")]


def test_override_survives_the_conclusion_notice(session, ended):
    p = _petitions(session, ended.id)[0]
    followup.override_due(session, p.id, dt.date(2026, 8, 5), "Lý do")
    followup.issue_conclusion_notice(session, ended.id, NOTICE_DAY)
    assert (p.computed_due_date, p.due_date) == (FINAL_DUE, dt.date(2026, 8, 5))


@pytest.mark.parametrize("new_date, reason, field", [
    (dt.date(2026, 8, 5), " ", "reason"),
    (dt.date(2026, 6, 9), "Lý do", "new_date"),
])
def test_override_due_refuses_bad_input(session, petition, new_date, reason, field):
    before = _snapshot(session, petition)
    with pytest.raises(ValidationError) as info:
        followup.override_due(session, petition.id, new_date, reason)
    assert field in info.value.errors
    assert _snapshot(session, petition) == before


# -- earlier petitions on the same matter ----------------------------------------------------------------

@pytest.fixture
def three_years(session, make_session):
    """One petition from each of the sessions of 2024, 2025 and 2026 on the same matter."""
    result = []
    for year in (2024, 2025, 2026):
        ds = make_session(stage="ended", petitions=1, start=dt.datetime(year, 6, 10, 8, 0))
        result.append(_petitions(session, ds.id)[0])
    return result


def test_link_earlier_counts_times_raised(session, three_years):
    p24, p25, p26 = three_years
    followup.link_earlier(session, p26.id, p25.id)
    assert (p25.times_raised, p26.times_raised) == (1, 2)
    assert p26.earlier_petition_id == p25.id
    followup.link_earlier(session, p25.id, p24.id)  # the later one follows
    assert [p.times_raised for p in three_years] == [1, 2, 3]
    assert [p.earlier_petition_id for p in three_years] == [None, p24.id, p25.id]


def test_chain_lists_the_earlier_petitions_oldest_first(session, three_years):
    p24, p25, p26 = three_years
    followup.link_earlier(session, p25.id, p24.id)
    followup.link_earlier(session, p26.id, p25.id)
    assert followup.chain(p26) == [p24, p25, p26]
    assert followup.chain(p25) == [p24, p25]
    assert followup.chain(p24) == [p24]


def test_chain_right_after_linking_in_the_same_unit_of_work(session, three_years):
    p24, p25, p26 = three_years
    followup.link_earlier(session, p26.id, p25.id)
    followup.link_earlier(session, p25.id, p24.id)  # links the middle one after the last one was linked
    assert followup.chain(p26) == [p24, p25, p26]


def test_create_petition_with_earlier_link(session, three_years, make_session, commune):
    p24, p25, _ = three_years
    followup.link_earlier(session, p25.id, p24.id)
    ds = make_session(stage="ended", petitions=0, start=dt.datetime(2026, 9, 9, 8, 0))
    p = followup.create_petition(session, ds.id, PetitionInput(citizen_name="Lò Văn Sáu", content="Lại nêu",
                                                               earlier_petition_id=p25.id))
    assert p.times_raised == 3
    assert followup.chain(p) == [p24, p25, p]


def test_unlinking_recounts_the_later_petitions(session, three_years):
    p24, p25, p26 = three_years
    followup.link_earlier(session, p26.id, p25.id)
    followup.link_earlier(session, p25.id, p24.id)
    followup.link_earlier(session, p25.id, None)
    assert p25.earlier_petition_id is None
    assert p25.times_raised == 1
    assert p26.times_raised == 2  # p26 follows p25 only now


def test_link_to_itself_is_refused(session, three_years):
    p = three_years[1]
    before = _snapshot(session, p)
    with pytest.raises(ValidationError) as info:
        followup.link_earlier(session, p.id, p.id)
    assert "chính nó" in info.value.message
    assert _snapshot(session, p) == before


def test_link_making_a_cycle_is_refused(session, ended):
    a, b = _petitions(session, ended.id)  # same session day: only the cycle is wrong
    followup.link_earlier(session, b.id, a.id)
    before = (_snapshot(session, a), _snapshot(session, b))
    with pytest.raises(ValidationError) as info:
        followup.link_earlier(session, a.id, b.id)
    assert "vòng lặp" in info.value.message
    assert (_snapshot(session, a), _snapshot(session, b)) == before


def test_cycle_through_three_petitions_linked_in_one_unit_of_work_is_refused(session, make_session):
    ds = make_session(stage="ended", petitions=3)
    x, y, z = _petitions(session, ds.id)
    followup.link_earlier(session, z.id, y.id)
    followup.link_earlier(session, y.id, x.id)  # z → y → x
    before = [_snapshot(session, p) for p in (x, y, z)]
    with pytest.raises(ValidationError) as info:
        followup.link_earlier(session, x.id, z.id)  # x → z would close the loop
    assert "vòng lặp" in info.value.message
    assert [_snapshot(session, p) for p in (x, y, z)] == before


def test_link_to_a_later_petition_is_refused(session, three_years):
    p24, _, p26 = three_years
    before = (_snapshot(session, p24), _snapshot(session, p26))
    with pytest.raises(ValidationError) as info:
        followup.link_earlier(session, p24.id, p26.id)
    assert "earlier_petition_id" in info.value.errors
    assert "kỳ đối thoại trước" in info.value.message
    assert (_snapshot(session, p24), _snapshot(session, p26)) == before


# -- the session completes when every petition is closed -------------------------------------------------

def test_session_completes_with_its_last_petition_and_reopens(session, concluded, commune):
    first, second = _petitions(session, concluded.id)
    followup.resolve(session, first.id, "Xong", dt.date(2026, 7, 1), reply_date=dt.date(2026, 7, 1))
    assert concluded.status == "da_thong_bao_ket_luan"
    followup.transfer_upward(session, second.id, "UBND tỉnh", dt.date(2026, 7, 2))
    assert concluded.status == "hoan_thanh"
    followup.reopen(session, second.id, "Tỉnh trả lại, giao xã giải quyết")
    assert concluded.status == "da_thong_bao_ket_luan"


def test_ended_session_completes_only_with_the_notice(session, ended):
    for p in _petitions(session, ended.id):
        followup.resolve(session, p.id, "Xong", dt.date(2026, 6, 12), reply_date=dt.date(2026, 6, 12))
    assert ended.status == "da_ket_thuc"
    followup.issue_conclusion_notice(session, ended.id, NOTICE_DAY)
    assert ended.status == "hoan_thanh"


def test_new_petition_reopens_a_completed_session(session, concluded):
    for p in _petitions(session, concluded.id):
        followup.resolve(session, p.id, "Xong", dt.date(2026, 7, 1), reply_date=dt.date(2026, 7, 1))
    assert concluded.status == "hoan_thanh"
    followup.create_petition(session, concluded.id, PetitionInput(citizen_name="Lò Văn Sáu", content="Bổ sung"))
    assert concluded.status == "da_thong_bao_ket_luan"


# -- the register: filters, counts and search ------------------------------------------------------------

@pytest.fixture
def register(session, make_session, commune):
    """Petitions of 2025 and 2026 covering every filter; keyed by a letter."""
    s25 = make_session(stage="ended", petitions=0, start=dt.datetime(2025, 6, 11, 8, 0))
    s26 = make_session(stage="ended", petitions=0)
    f = commune.fields

    def add(ds, name, content, field, lead=None, coordinators=()):
        return followup.create_petition(session, ds.id, PetitionInput(
            citizen_name=name, content=content, field_id=f[field].id, lead_agency_id=lead,
            coordinator_ids=list(coordinators)))

    p = {
        "a": add(s25, "Nguyễn Văn Đức", "Đường giao thông thôn Bản Lải xuống cấp", "Giao thông, hạ tầng",
                 commune.economy.id),
        "b": add(s26, "Trần Thị Hoa", "Đường giao thông liên thôn chưa được sửa", "Giao thông, hạ tầng",
                 commune.culture.id, [commune.economy.id]),
        "c": add(s26, "nguyễn văn đức", "Giảm 50% phí vệ sinh", "Môi trường", commune.police.id),
        "d": add(s26, "Lê Văn Nam", "Hỗ trợ hộ nghèo theo mục a_b", "Chính sách, an sinh xã hội",
                 commune.economy.id),
        "e": add(s26, "Hoàng Văn Páo", "Giảm 500 đồng, mục axb", "Đất đai"),
        "f": add(s26, "Đinh Văn Tú", "Đề nghị xem xét", "Y tế"),
        "g": add(s26, "Vi Thị Lả", "Đề nghị kiểm tra", "Y tế"),
    }
    followup.resolve(session, p["a"].id, "Đã sửa", dt.date(2025, 7, 1), reply_date=dt.date(2025, 7, 1))
    followup.link_earlier(session, p["b"].id, p["a"].id)
    followup.assign(session, p["b"].id, commune.culture.id, [commune.economy.id])  # due 20/07/2026: overdue
    followup.override_due(session, p["c"].id, dt.date(2026, 11, 26), "Lý do")  # 3rd working day: due soon
    followup.override_due(session, p["d"].id, dt.date(2026, 11, 27), "Lý do")  # 4th working day
    followup.resolve(session, p["e"].id, "Đã giải quyết", dt.date(2026, 8, 1), reply_date=dt.date(2026, 8, 1))  # closed, due in the past
    followup.override_due(session, p["f"].id, dt.date(2026, 11, 21), "Lý do")  # due today
    followup.override_due(session, p["g"].id, dt.date(2026, 11, 20), "Lý do")  # due yesterday: overdue
    return SimpleRegister(p, s25, s26)


class SimpleRegister:
    def __init__(self, petitions, s25, s26):
        self.p, self.s25, self.s26 = petitions, s25, s26

    def keys(self, rows):
        by_id = {p.id: k for k, p in self.p.items()}
        return "".join(sorted(by_id[r.id] for r in rows))


FILTERS = [
    ("all", {}, "abcdefg"),
    ("year 2025", {"year": 2025}, "a"),
    ("year 2026", {"year": 2026}, "bcdefg"),
    ("field", {"field": "Giao thông, hạ tầng"}, "ab"),
    ("agency lead or coordinator", {"agency": "economy"}, "abd"),
    ("agency lead", {"agency": "culture"}, "b"),
    ("status code", {"status": "dang_giai_quyet"}, "b"),
    ("status label", {"status": "Đang giải quyết"}, "b"),
    ("status folded label", {"status": "da giai quyet"}, "ae"),
    ("status new", {"status": "Mới"}, "cdfg"),
    ("overdue", {"overdue": True}, "bg"),
    ("due soon", {"due_soon": True}, "cf"),
    ("repeated", {"repeated": True}, "b"),
    ("open only", {"open_only": True}, "bcdfg"),
    ("search name without accents", {"search": "nguyen van duc"}, "ac"),
    ("search name with accents and case", {"search": "NGUYỄN văn ĐỨC"}, "ac"),
    ("search words in content", {"search": "duong giao thong"}, "ab"),
    ("search all words must match", {"search": "giao thong ban lai"}, "a"),
    ("search name and content words", {"search": "duc giam"}, "c"),
    ("search percent literal", {"search": "50%"}, "c"),
    ("search percent alone", {"search": "%"}, "c"),
    ("search underscore literal", {"search": "a_b"}, "d"),
    ("search underscore alone", {"search": "_"}, "d"),
    ("search nothing found", {"search": "khong co"}, ""),
    ("combined", {"year": 2026, "search": "nguyen van duc"}, "c"),
    ("combined overdue and agency", {"overdue": True, "agency": "culture"}, "b"),
]


@pytest.mark.parametrize("kw, expected", [f[1:] for f in FILTERS], ids=[f[0] for f in FILTERS])
def test_list_and_count_petitions(session, register, commune, kw, expected):
    kw = dict(kw)
    if "field" in kw:
        kw["field_id"] = commune.fields[kw.pop("field")].id
    if "agency" in kw:
        kw["agency_id"] = getattr(commune, kw.pop("agency")).id
    flt = PetitionFilter(**kw)
    rows = followup.list_petitions(session, flt)
    assert register.keys(rows) == expected
    assert followup.count_petitions(session, flt) == len(expected)


def test_filter_by_session(session, register):
    flt = PetitionFilter(session_id=register.s25.id)
    assert register.keys(followup.list_petitions(session, flt)) == "a"
    assert followup.count_petitions(session, flt) == 1


def test_overdue_is_judged_against_the_given_day(session, register):
    flt = PetitionFilter(overdue=True)
    assert register.keys(followup.list_petitions(session, flt, today=dt.date(2026, 7, 21))) == "b"
    assert register.keys(followup.list_petitions(session, flt, today=dt.date(2026, 11, 28))) == "bcdfg"


def test_list_pages(session, register):
    everything = followup.list_petitions(session, PetitionFilter())
    page = followup.list_petitions(session, PetitionFilter(), limit=3, offset=2)
    assert [p.id for p in page] == [p.id for p in everything[2:5]]


def test_unknown_status_filter_is_refused(session, register):
    with pytest.raises(ValidationError) as info:
        followup.list_petitions(session, PetitionFilter(status="xong roi"))
    assert "Không có trạng thái" in info.value.message

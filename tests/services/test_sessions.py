"""Planning a session: data, defaults from the profile, deadlines and overrides, status, looking back."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import NotFoundError, TransitionError, ValidationError
from desk_app.domain.states import SessionStatus
from desk_app.services import catalog, followup, minutes, profiles, sessions, workdays
from desk_app.domain.calendar import DayKind
from desk_app.store import models as m

JUNE_10 = dt.datetime(2026, 6, 10, 8, 0)  # a Wednesday


def _input(commune, **changes):
    values = dict(title="Hội nghị tiếp xúc, đối thoại năm 2026", host="ubnd", planned_start=JUNE_10,
                  chair_id=commune.committee.id)
    values.update(changes)
    return sessions.SessionInput(**values)


def test_plan_takes_legal_bases_and_recipients_from_profile_and_commune(session, commune):
    ds = sessions.plan_session(session, _input(commune, tasks=[(commune.economy.id, "Phòng Kinh tế",
                                                                "Chuẩn bị nội dung trả lời.")]))
    assert ds.status == "du_thao" and ds.year == 2026
    assert [b.text for b in ds.legal_bases][0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
    recipients = [r.text for r in ds.recipients]
    assert recipients[:2] == ["Ban Tuyên giáo và Dân vận Tỉnh ủy", "UBND tỉnh"]
    assert "Thường trực Đảng ủy xã" in recipients
    assert ds.tasks[0].assignee == "Phòng Kinh tế" and ds.tasks[0].agency_id == commune.economy.id
    assert ds.document_format == "state"
    party = sessions.plan_session(session, _input(commune, host="Đảng ủy", chair_id=commune.party.id))
    assert party.host == "dang_uy" and party.document_format == "party"


def test_default_title_names_the_head_and_the_year(commune):
    assert sessions.default_title("ubnd", 2026, commune.unit) == (
        "Hội nghị tiếp xúc, đối thoại trực tiếp giữa Chủ tịch Ủy ban nhân dân xã Tân Đoàn với Nhân dân năm 2026")
    assert "Bí thư Đảng ủy xã Tân Đoàn" in sessions.default_title("dang_uy", 2026, commune.unit)


@pytest.mark.parametrize("changes, field", [
    ({"title": "   "}, "title"),
    ({"host": "tòa án"}, "host"),
    ({"form": "qua thư"}, "form"),
    ({"planned_end": JUNE_10 - dt.timedelta(hours=1)}, "planned_end"),
    ({"planned_start": dt.datetime(1999, 1, 1, 8)}, "planned_start"),
    ({"chair_id": 999}, "chair_id"),
    ({"host": "lien_tich", "joint_bodies": ["dang_uy"]}, "joint_bodies"),
    ({"place": "x" * 300}, "place"),
])
def test_bad_plan_is_refused_with_the_field_named_and_nothing_saved(session, commune, changes, field):
    with pytest.raises(ValidationError) as info:
        sessions.plan_session(session, _input(commune, **changes))
    assert field in info.value.errors
    assert session.scalar(select(func.count(m.DialogueSession.id))) == 0


def test_deadlines_follow_the_profile_and_name_it(session, commune):
    ds = sessions.plan_session(session, _input(commune))
    view = sessions.deadlines(session, ds.id, today=dt.date(2026, 5, 1))
    assert view.profile_name == "Luật Tổ chức chính quyền địa phương 2025"
    assert view.notice_latest == dt.date(2026, 6, 3)  # 7 calendar days before, a Wednesday
    assert view.conclusion_due == dt.date(2026, 6, 22)  # 20/06 is a Saturday → Monday
    hcm = profiles.by_code(session, "hcm-935")
    sessions.update_session(session, ds.id, _input(commune, profile_id=hcm.id))
    view = sessions.deadlines(session, ds.id, today=dt.date(2026, 5, 1))
    assert view.profile_name.startswith("Quyết định 935")
    assert view.notice_latest == dt.date(2026, 6, 3)  # 5 working days before: 9, 8, 5, 4, 3 June
    assert view.conclusion_due == dt.date(2026, 6, 24)  # 10 working days after: 11,12,15..19,22,23,24


def test_notice_turns_late_when_the_day_has_passed(session, commune):
    ds = sessions.plan_session(session, _input(commune))
    assert not sessions.deadlines(session, ds.id, today=dt.date(2026, 6, 3)).notice_late
    assert sessions.deadlines(session, ds.id, today=dt.date(2026, 6, 4)).notice_late
    sessions.issue_plan(session, ds.id, dt.date(2026, 5, 20))
    sessions.send_invitations(session, ds.id, dt.date(2026, 6, 2))
    assert not sessions.deadlines(session, ds.id, today=dt.date(2026, 6, 9)).notice_late


def test_override_is_kept_with_reason_and_history(session, commune):
    ds = sessions.plan_session(session, _input(commune))
    with pytest.raises(ValidationError):
        sessions.override_deadline(session, ds.id, "notice", dt.date(2026, 6, 5), "  ")
    sessions.override_deadline(session, ds.id, "notice", dt.date(2026, 6, 5), "Tỉnh cho phép gửi muộn")
    view = sessions.deadlines(session, ds.id, today=dt.date(2026, 5, 1))
    assert view.notice_latest == dt.date(2026, 6, 5) and view.notice_overridden
    assert view.computed.notice_latest == dt.date(2026, 6, 3)
    sessions.override_deadline(session, ds.id, "notice", None, "Trở lại thời hạn tính theo quy định")
    assert sessions.deadlines(session, ds.id).notice_latest == dt.date(2026, 6, 3)
    history = list(session.scalars(select(m.DeadlineOverride).where(m.DeadlineOverride.session_id == ds.id)
                                   .order_by(m.DeadlineOverride.id)))
    assert [(h.new_date, h.reason) for h in history] == [
        (dt.date(2026, 6, 5), "Tỉnh cho phép gửi muộn"), (None, "Trở lại thời hạn tính theo quy định")]


def test_calendar_override_moves_the_deadlines(session, commune):
    ds = sessions.plan_session(session, _input(commune))
    workdays.set_override(session, dt.date(2026, 6, 22), DayKind.OFF, "Nghỉ bù theo quyết định của tỉnh")
    assert sessions.deadlines(session, ds.id).conclusion_due == dt.date(2026, 6, 23)
    workdays.unset_override(session, dt.date(2026, 6, 22))
    assert sessions.deadlines(session, ds.id).conclusion_due == dt.date(2026, 6, 22)


def test_status_steps_and_forbidden_ones(session, commune):
    ds = sessions.plan_session(session, _input(commune, chair_id=None))
    with pytest.raises(ValidationError):
        sessions.issue_plan(session, ds.id, dt.date(2026, 5, 20))  # no chair yet
    sessions.update_session(session, ds.id, _input(commune))
    with pytest.raises(TransitionError) as info:
        sessions.send_invitations(session, ds.id, dt.date(2026, 6, 1))
    assert "Dự thảo" in info.value.message and "Đã mời" in info.value.message
    sessions.issue_plan(session, ds.id, dt.date(2026, 5, 20))
    sessions.back_to_draft(session, ds.id)
    sessions.issue_plan(session, ds.id, dt.date(2026, 5, 21))
    with pytest.raises(ValidationError):
        sessions.send_invitations(session, ds.id, dt.date(2026, 6, 11))  # after the session
    sessions.send_invitations(session, ds.id, dt.date(2026, 6, 1))
    assert ds.status == "da_moi" and ds.invitations_sent_date == dt.date(2026, 6, 1)


def test_cancel_needs_a_reason_and_is_final(session, commune):
    ds = sessions.plan_session(session, _input(commune))
    with pytest.raises(ValidationError):
        sessions.cancel(session, ds.id, "")
    sessions.cancel(session, ds.id, "Mưa bão, hoãn sang tháng sau")
    assert ds.status == "huy" and ds.cancel_reason == "Mưa bão, hoãn sang tháng sau"
    with pytest.raises(TransitionError):
        sessions.issue_plan(session, ds.id, dt.date(2026, 5, 20))
    with pytest.raises(ValidationError):
        sessions.update_session(session, ds.id, _input(commune))


def test_held_session_keeps_its_date(session, commune, make_session):
    ds = make_session("ended")
    with pytest.raises(ValidationError):
        sessions.update_session(session, ds.id, _input(commune, planned_start=JUNE_10 + dt.timedelta(days=7)))
    sessions.update_session(session, ds.id, _input(commune, planned_start=ds.planned_start,
                                                   title="Tên đã sửa lỗi chính tả"))
    assert ds.title == "Tên đã sửa lỗi chính tả"


def test_stale_update_is_refused(session, commune):
    ds = sessions.plan_session(session, _input(commune))
    seen = ds.version
    sessions.update_session(session, ds.id, _input(commune, place="Nhà văn hóa thôn"), expected_version=seen)
    with pytest.raises(Exception) as info:
        sessions.update_session(session, ds.id, _input(commune, place="Hội trường"), expected_version=seen)
    assert "sửa" in str(info.value)
    assert ds.place == "Nhà văn hóa thôn"


def test_previous_session_petitions_and_repeated_unresolved(session, commune, make_session):
    first = make_session("concluded", start=dt.datetime(2026, 3, 10, 8), petitions=2)
    other_host = make_session("concluded", host="dang_uy", start=dt.datetime(2026, 4, 10, 8), petitions=1)
    current = sessions.plan_session(session, _input(commune, planned_start=dt.datetime(2026, 9, 10, 8)))
    assert sessions.previous_session(session, current.id).id == first.id
    assert {p.session_id for p in sessions.previous_session_petitions(session, current.id)} == {first.id}
    later = make_session("ended", start=dt.datetime(2026, 7, 1, 8), petitions=1)
    repeat = session.scalar(select(m.Petition).where(m.Petition.session_id == later.id))
    earlier = session.scalar(select(m.Petition).where(m.Petition.session_id == first.id))
    followup.link_earlier(session, repeat.id, earlier.id)
    assert [p.id for p in sessions.repeated_unresolved(session, before=dt.date(2026, 9, 10))] == [repeat.id]
    assert sessions.repeated_unresolved(session, before=dt.date(2026, 6, 1)) == []
    assert other_host.id not in {p.session_id for p in sessions.previous_session_petitions(session, current.id)}


def test_unknown_session_is_reported_in_vietnamese(session):
    with pytest.raises(NotFoundError) as info:
        sessions.deadlines(session, 4242)
    assert info.value.message == "Không tìm thấy cuộc đối thoại có mã số 4242."


# -- catalogue and profiles ----------------------------------------------------------------------------

def test_commune_body_names_are_derived(session):
    unit = catalog.save_commune(session, catalog.CommuneInput(name="Phường Đông Kinh", kind="phường"))
    assert unit.place_name == "Đông Kinh"
    assert unit.committee == "Ủy ban nhân dân phường Đông Kinh"
    assert unit.party_committee == "Đảng ủy phường Đông Kinh"
    assert unit.profile.code == "luat-2025"
    with pytest.raises(ValidationError) as info:
        catalog.save_commune(session, catalog.CommuneInput(name="", kind="huyện", code="12a"))
    assert set(info.value.errors) == {"name", "kind", "code"}


def test_heads_and_one_person_holding_two_posts(session, commune):
    heads = catalog.heads(session)
    assert heads["dang_uy"].name == "Lý Văn Hùng" and heads["ubnd"].name == "Nguyễn Văn Đức"
    catalog.save_official(session, catalog.OfficialInput(
        name="Lý Văn Hùng", title="Bí thư Đảng ủy, Chủ tịch HĐND xã", body="dang_uy", is_party_head=True,
        is_council_head=True), official_id=commune.party.id)
    catalog.save_official(session, catalog.OfficialInput(
        name="Hoàng Thị Mai", title="Phó Chủ tịch HĐND xã", body="hdnd"), official_id=commune.council.id)
    heads = catalog.heads(session)
    assert heads["dang_uy"].id == heads["hdnd"].id == commune.party.id


def test_catalogue_refuses_duplicates_and_finds_by_name_without_accents(session, commune):
    with pytest.raises(ValidationError):
        catalog.save_hamlet(session, "thôn bản lải")
    with pytest.raises(ValidationError):
        catalog.save_agency(session, catalog.AgencyInput(name="PHÒNG KINH TẾ"))
    assert catalog.find_by_name(session, m.Hamlet, "ban lai").id == commune.hamlets[0].id
    assert catalog.find_by_name(session, m.Hamlet, "Thon Na Pan").id == commune.hamlets[1].id
    assert catalog.field_by_name(session, "giao thong, ha tang").name == "Giao thông, hạ tầng"
    with pytest.raises(NotFoundError):
        catalog.field_by_name(session, "Thiên văn")


def test_builtin_profiles_are_read_only_and_copies_are_editable(session, commune, make_session):
    import dataclasses

    builtin = profiles.by_code(session, "tam-duong-570")
    with pytest.raises(ValidationError):
        profiles.update_profile(session, builtin.id, followup.domain_profile(builtin))
    with pytest.raises(ValidationError):
        profiles.delete_profile(session, builtin.id)
    copy = profiles.copy_profile(session, builtin.id, "Quy định của tỉnh Lai Châu 2026")
    assert not copy.built_in and copy.code.startswith("tuy-chinh-")
    ds = make_session("ended", profile_id=copy.id)
    petition = session.scalar(select(m.Petition).where(m.Petition.session_id == ds.id))
    # tam-duong-570: 15 working days after the session (10/06): 11,12,15-19,22-26,29,30, 1/7
    assert petition.due_date == dt.date(2026, 7, 1)
    edited = dataclasses.replace(followup.domain_profile(copy),
                                 answer=dataclasses.replace(followup.domain_profile(copy).answer, days=10))
    profiles.update_profile(session, copy.id, edited)
    session.refresh(petition)
    assert petition.due_date == dt.date(2026, 6, 24)  # the petitions follow the edited profile
    with pytest.raises(ValidationError):
        profiles.delete_profile(session, copy.id)  # in use
    with pytest.raises(ValidationError):
        profiles.copy_profile(session, builtin.id, "Quy định của tỉnh Lai Châu 2026")  # same name


def test_invitations_sent_on_a_day_still_to_come_are_refused_and_can_be_taken_back(session, make_session):
    """Issue 14, item 13: "Đã gửi giấy mời" took a future date and could not be undone."""
    ds = make_session("plan_issued", start=dt.datetime(2026, 12, 21, 8, 0))  # today is 21/11/2026
    with pytest.raises(ValidationError) as info:
        sessions.send_invitations(session, ds.id, dt.date(2026, 12, 16))
    assert "chưa đến" in info.value.errors["sent_date"] and ds.status == "da_ban_hanh_ke_hoach"
    sessions.send_invitations(session, ds.id, dt.date(2026, 11, 21))
    assert sessions.STEP_BACK[SessionStatus.INVITED] is SessionStatus.PLAN_ISSUED
    sessions.step_back(session, ds.id, expected_version=ds.version)
    assert (ds.status, ds.invitations_sent_date) == ("da_ban_hanh_ke_hoach", None)
    sessions.step_back(session, ds.id)
    assert ds.status == "du_thao"


def test_invitations_cannot_be_taken_back_once_the_meeting_started(session, make_session):
    ds = make_session("in_progress")
    with pytest.raises(TransitionError):
        sessions.undo_invitations(session, ds.id)
    assert ds.invitations_sent_date is not None


def test_the_previous_session_is_the_one_held_before_even_when_held_earlier_than_planned(session, make_session):
    """Issue 14, item 1: a session held 05/12 though planned 21/12 was skipped as "the previous one"."""
    early = make_session("invited", start=dt.datetime(2026, 12, 21, 8, 0))
    minutes.start_meeting(session, early.id, dt.datetime(2026, 11, 21, 8, 0))
    followup.create_petition(session, early.id, followup.PetitionInput(citizen_name="Lò Văn Sáu",
                                                                      content="Đường nội đồng"))
    minutes.end_meeting(session, early.id, dt.datetime(2026, 11, 21, 11, 0), citizens_attending=50,
                        delegates_attending=10)
    later = make_session("draft", start=dt.datetime(2026, 12, 10, 8, 0))
    assert sessions.previous_session(session, later.id).id == early.id
    assert [p.citizen_name for p in sessions.previous_session_petitions(session, later.id)] == ["Lò Văn Sáu"]

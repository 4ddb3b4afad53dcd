"""The meeting and its minutes (biên bản): start, agenda steps, speakers, opinions, answers, outcomes,
petitions made from opinions, attendance and the close.

Every refused request must raise the right error with a Vietnamese message and leave the data as it was.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import NotFoundError, TransitionError, ValidationError
from desk_app.services import catalog, minutes, registrations
from desk_app.services.minutes import OpinionInput
from desk_app.store import models as m

START = dt.datetime(2026, 6, 10, 8, 0)


def _session_row(db_session, ds_id):
    ds = db_session.get(m.DialogueSession, ds_id)
    return (ds.status, ds.actual_start, ds.actual_end, ds.citizens_attending, ds.delegates_attending,
            ds.general_conclusion, ds.secretary_name, len(ds.agenda_log))


def _reg_states(db_session, ds_id):
    return [(r.id, r.state) for r in registrations.queue(db_session, ds_id)]


def _opinion_row(op):
    return (op.speaker_name, op.content, op.content_fold, op.outcome, op.started_at, op.ended_at,
            len(op.answers))


def _count(db_session, model):
    return db_session.scalar(select(func.count(model.id)))


def _vietnamese(text: str) -> bool:
    return any(ord(ch) > 127 for ch in text)


@pytest.fixture
def meeting(make_session):
    """A meeting in progress with its two registrations waiting."""
    return make_session(stage="in_progress")


def _walk_in_opinion(db_session, ds, **kw):
    data = {"speaker_name": "Hoàng Văn Páo", "content": "Đề nghị làm đường", **kw}
    return minutes.record_opinion(db_session, ds.id, OpinionInput(**data))


# -- starting and the agenda -----------------------------------------------------------------------------

@pytest.mark.parametrize("stage", ["plan_issued", "invited"])
def test_start_meeting_logs_opening_step(session, make_session, stage):
    ds = make_session(stage=stage)
    minutes.start_meeting(session, ds.id, dt.datetime(2026, 6, 10, 8, 5, 37), secretary_name=" Đỗ  Thị Lan ")
    session.expire_all()
    ds = session.get(m.DialogueSession, ds.id)
    assert ds.status == "dang_dien_ra"
    assert ds.actual_start == dt.datetime(2026, 6, 10, 8, 5)
    assert ds.secretary_name == "Đỗ Thị Lan"
    assert [(e.step, e.reached_at) for e in ds.agenda_log] == [("a", dt.datetime(2026, 6, 10, 8, 5))]


@pytest.mark.parametrize("stage", ["draft", "in_progress", "ended", "concluded"])
def test_start_meeting_needs_the_right_status(session, make_session, stage):
    ds = make_session(stage=stage)
    before = _session_row(session, ds.id)
    with pytest.raises(TransitionError) as info:
        minutes.start_meeting(session, ds.id, START)
    assert "Đang diễn ra" in info.value.message
    assert _session_row(session, ds.id) == before


def test_start_meeting_with_too_long_secretary_name_changes_nothing(session, make_session):
    ds = make_session(stage="invited")
    before = _session_row(session, ds.id)
    with pytest.raises(ValidationError) as info:
        minutes.start_meeting(session, ds.id, START, secretary_name="Đỗ Thị Lan " * 20)
    assert "secretary_name" in info.value.errors
    assert _session_row(session, ds.id) == before


def test_start_meeting_unknown_session(session, commune):
    with pytest.raises(NotFoundError) as info:
        minutes.start_meeting(session, 999, START)
    assert "Không tìm thấy cuộc đối thoại" in info.value.message


def test_reach_step_is_logged(session, meeting):
    minutes.reach_step(session, meeting.id, "b", START + dt.timedelta(minutes=20), note="Chủ tịch thông tin")
    minutes.reach_step(session, meeting.id, "c. Nhân dân phát biểu ý kiến", START + dt.timedelta(minutes=50))
    session.expire_all()
    log = session.get(m.DialogueSession, meeting.id).agenda_log
    assert [e.step for e in log] == ["a", "b", "c"]
    assert log[1].note == "Chủ tịch thông tin"


@pytest.mark.parametrize("stage", ["invited", "ended"])
def test_reach_step_requires_the_meeting_in_progress(session, make_session, stage):
    ds = make_session(stage=stage)
    before = _session_row(session, ds.id)
    with pytest.raises(ValidationError) as info:
        minutes.reach_step(session, ds.id, "b", START)
    assert "status" in info.value.errors
    assert "Hội nghị chưa bắt đầu hoặc đã kết thúc" in info.value.message
    assert _session_row(session, ds.id) == before


def test_reach_unknown_step_is_refused(session, meeting):
    before = _session_row(session, meeting.id)
    with pytest.raises(ValidationError):
        minutes.reach_step(session, meeting.id, "z", START)
    assert _session_row(session, meeting.id) == before


# -- speakers and opinions ---------------------------------------------------------------------------------

def test_call_speaker_sends_the_previous_speaker_back_to_waiting(session, meeting):
    first, second = registrations.queue(session, meeting.id)
    minutes.call_speaker(session, first.id)
    assert first.state == "dang_phat_bieu"
    minutes.call_speaker(session, second.id)
    assert (first.state, second.state) == ("cho_phat_bieu", "dang_phat_bieu")


def test_call_speaker_refused_before_the_meeting(session, make_session):
    ds = make_session(stage="invited")
    first, _ = registrations.queue(session, ds.id)
    before = _reg_states(session, ds.id)
    with pytest.raises(ValidationError):
        minutes.call_speaker(session, first.id)
    assert _reg_states(session, ds.id) == before


def test_call_refused_registration_is_a_transition_error(session, meeting):
    first, second = registrations.queue(session, meeting.id)
    minutes.call_speaker(session, second.id)
    registrations.refuse(session, first.id, "chat_kich_thich")
    before = _reg_states(session, meeting.id)
    with pytest.raises(TransitionError):
        minutes.call_speaker(session, first.id)
    assert _reg_states(session, meeting.id) == before


def test_record_opinion_from_a_registration(session, meeting, commune):
    first, _ = registrations.queue(session, meeting.id)
    minutes.call_speaker(session, first.id)
    opinion = minutes.record_opinion(session, meeting.id, OpinionInput(
        registration_id=first.id, content="Đường liên thôn hư hỏng nặng", started_at=START + dt.timedelta(hours=1)))
    session.expire_all()
    opinion = session.get(m.Opinion, opinion.id)
    assert opinion.speaker_name == "Công dân số 1"
    assert opinion.speaker_fold == "cong dan so 1"
    assert opinion.hamlet_id == commune.hamlets[0].id
    assert opinion.field_id == commune.fields["Giao thông, hạ tầng"].id
    assert opinion.registration_id == first.id
    assert opinion.content_fold == "duong lien thon hu hong nang"
    assert opinion.position == 1
    assert session.get(m.Registration, first.id).state == "da_phat_bieu"


def test_record_opinion_from_a_waiting_registration_marks_it_spoke(session, meeting):
    _, second = registrations.queue(session, meeting.id)
    minutes.record_opinion(session, meeting.id, OpinionInput(registration_id=second.id, content="Ý kiến"))
    assert second.state == "da_phat_bieu"


def test_opinion_positions_follow_the_minutes(session, meeting):
    ops = [_walk_in_opinion(session, meeting, speaker_name=f"Người {i}") for i in range(3)]
    assert [o.position for o in ops] == [1, 2, 3]
    assert [o.id for o in minutes.opinions(session, meeting.id)] == [o.id for o in ops]


def test_walk_in_opinion_needs_a_speaker_name(session, meeting):
    with pytest.raises(ValidationError) as info:
        minutes.record_opinion(session, meeting.id, OpinionInput(content="Ý kiến không tên"))
    assert set(info.value.errors) == {"speaker_name"}
    assert "Người phát biểu" in info.value.message
    assert _count(session, m.Opinion) == 0


def test_walk_in_opinion_name_is_tidied(session, meeting):
    opinion = _walk_in_opinion(session, meeting, speaker_name="  hoàng văn  páo ")
    assert opinion.speaker_name == "Hoàng Văn Páo"
    assert opinion.registration_id is None


def test_opinion_from_a_registration_that_already_spoke_is_refused(session, meeting):
    first, _ = registrations.queue(session, meeting.id)
    minutes.record_opinion(session, meeting.id, OpinionInput(registration_id=first.id, content="lần 1"))
    before = _reg_states(session, meeting.id)
    with pytest.raises(ValidationError) as info:
        minutes.record_opinion(session, meeting.id, OpinionInput(registration_id=first.id, content="lần 2"))
    assert "registration_id" in info.value.errors
    assert "Đã phát biểu" in info.value.message
    assert _count(session, m.Opinion) == 1
    assert _reg_states(session, meeting.id) == before


def test_opinion_from_another_sessions_registration_is_refused(session, make_session, meeting):
    other = make_session(stage="invited", start=dt.datetime(2026, 9, 1, 8, 0))
    foreign = registrations.queue(session, other.id)[0]
    with pytest.raises(ValidationError) as info:
        minutes.record_opinion(session, meeting.id, OpinionInput(registration_id=foreign.id, content="x"))
    assert "cuộc đối thoại khác" in info.value.message
    assert foreign.state == "cho_phat_bieu"
    assert _count(session, m.Opinion) == 0


@pytest.mark.parametrize("kw, field", [
    ({"content": "x" * 20001}, "content"),
    ({"ended_at": START, "started_at": START + dt.timedelta(minutes=5)}, "ended_at"),
    ({"outcome": "khong_biet"}, "outcome"),
    ({"hamlet_id": 999}, "hamlet_id"),
])
def test_bad_opinion_is_refused(session, meeting, kw, field):
    with pytest.raises(ValidationError) as info:
        _walk_in_opinion(session, meeting, **kw)
    assert field in info.value.errors
    assert _vietnamese(info.value.errors[field])
    assert _count(session, m.Opinion) == 0


def test_record_opinion_refused_after_the_meeting(session, make_session):
    ds = make_session(stage="ended")
    with pytest.raises(ValidationError):
        _walk_in_opinion(session, ds)
    assert _count(session, m.Opinion) == 0


# -- answers, outcome --------------------------------------------------------------------------------------

def test_chair_answer_names_the_chair(session, meeting):
    opinion = _walk_in_opinion(session, meeting)
    answer = minutes.add_answer(session, opinion.id, "Xã sẽ bố trí vốn năm 2027.")
    assert answer.responder_kind == "chu_tri"
    assert answer.responder_name == "Đồng chí Nguyễn Văn Đức, Chủ tịch UBND xã"
    assert answer.position == 1


def test_answer_by_an_official_names_the_official(session, meeting, commune):
    opinion = _walk_in_opinion(session, meeting)
    answer = minutes.add_answer(session, opinion.id, "Trả lời", official_id=commune.deputy.id)
    assert answer.responder_name == "Đồng chí Trần Văn Bình, Phó Chủ tịch UBND xã"


def test_agency_answer_names_its_head(session, meeting, commune):
    opinion = _walk_in_opinion(session, meeting)
    minutes.add_answer(session, opinion.id, "Chủ tịch trả lời trước")
    answer = minutes.add_answer(session, opinion.id, "Phòng sẽ khảo sát.", responder_kind="co_quan",
                                agency_id=commune.economy.id)
    assert answer.responder_kind == "co_quan"
    assert answer.responder_name == "Trưởng phòng Kinh tế"
    assert answer.position == 2
    assert [a.position for a in opinion.answers] == [1, 2]


def test_agency_answer_names_the_head_person_when_known(session, meeting, commune):
    catalog.save_agency(session, catalog.AgencyInput(name="Công an xã", kind="cong_an", head_name="Lò Văn Minh",
                                                     head_title="Trưởng Công an xã"), agency_id=commune.police.id)
    opinion = _walk_in_opinion(session, meeting)
    answer = minutes.add_answer(session, opinion.id, "Công an xã sẽ tăng cường tuần tra.", responder_kind="co_quan",
                                agency_id=commune.police.id)
    assert answer.responder_name == "Đồng chí Lò Văn Minh, Trưởng Công an xã"


def test_agency_without_head_title(session, meeting, commune):
    opinion = _walk_in_opinion(session, meeting)
    answer = minutes.add_answer(session, opinion.id, "Trả lời", responder_kind="co_quan",
                                agency_id=commune.province.id)
    assert answer.responder_name == "Lãnh đạo Ủy ban nhân dân tỉnh"


def test_typed_responder_name_wins(session, meeting, commune):
    opinion = _walk_in_opinion(session, meeting)
    answer = minutes.add_answer(session, opinion.id, "Trả lời", responder_kind="co_quan",
                                agency_id=commune.police.id, responder_name="Đồng chí Lường Văn Tư")
    assert answer.responder_name == "Đồng chí Lường Văn Tư"


@pytest.mark.parametrize("kw, field", [
    ({"content": "  "}, "content"),
    ({"content": "x" * 20001}, "content"),
    ({"content": "Trả lời", "responder_kind": "ai_do"}, "responder_kind"),
    ({"content": "Trả lời", "agency_id": 999}, "agency_id"),
])
def test_bad_answer_is_refused(session, meeting, kw, field):
    opinion = _walk_in_opinion(session, meeting)
    content = kw.pop("content")
    with pytest.raises(ValidationError) as info:
        minutes.add_answer(session, opinion.id, content, **kw)
    assert field in info.value.errors
    assert opinion.answers == []
    assert _count(session, m.OpinionAnswer) == 0


@pytest.mark.parametrize("text, code", [
    ("giao_giai_quyet", "giao_giai_quyet"),
    ("Trả lời, đã rõ tại hội nghị", "tra_loi_tai_hoi_nghi"),
    ("khong thuoc tham quyen", "khong_thuoc_tham_quyen"),
])
def test_set_outcome_accepts_code_or_label(session, meeting, text, code):
    opinion = _walk_in_opinion(session, meeting)
    minutes.set_outcome(session, opinion.id, text)
    assert opinion.outcome == code


def test_set_outcome_refuses_unknown(session, meeting):
    opinion = _walk_in_opinion(session, meeting, outcome="giao_giai_quyet")
    with pytest.raises(ValidationError) as info:
        minutes.set_outcome(session, opinion.id, "bo qua")
    assert "kết quả" in info.value.message
    assert opinion.outcome == "giao_giai_quyet"


def test_finish_opinion_sets_end_and_outcome(session, meeting):
    opinion = _walk_in_opinion(session, meeting, started_at=START + dt.timedelta(hours=1))
    minutes.finish_opinion(session, opinion.id, START + dt.timedelta(hours=1, minutes=7, microseconds=5),
                           "de_nghi_cap_tren")
    assert opinion.ended_at == START + dt.timedelta(hours=1, minutes=7)
    assert opinion.outcome == "de_nghi_cap_tren"


def test_finish_opinion_before_it_started_is_refused(session, meeting):
    opinion = _walk_in_opinion(session, meeting, started_at=START + dt.timedelta(hours=1))
    before = _opinion_row(opinion)
    with pytest.raises(ValidationError) as info:
        minutes.finish_opinion(session, opinion.id, START, "giao_giai_quyet")
    assert "ended_at" in info.value.errors
    assert _opinion_row(opinion) == before


def test_finish_opinion_with_unknown_outcome_changes_nothing(session, meeting):
    opinion = _walk_in_opinion(session, meeting, started_at=START + dt.timedelta(hours=1))
    before = _opinion_row(opinion)
    with pytest.raises(ValidationError):
        minutes.finish_opinion(session, opinion.id, START + dt.timedelta(hours=2), "bo qua")
    assert _opinion_row(opinion) == before


# -- petitions from opinions ------------------------------------------------------------------------------

def _answered_opinion(db_session, ds, commune, outcome):
    first, _ = registrations.queue(db_session, ds.id)
    opinion = minutes.record_opinion(db_session, ds.id, OpinionInput(
        registration_id=first.id, content="Đề nghị nâng cấp đường vào thôn Bản Lải", outcome=outcome))
    minutes.add_answer(db_session, opinion.id, "Chủ tịch ghi nhận.")
    minutes.add_answer(db_session, opinion.id, "Phòng Văn hóa trả lời.", responder_kind="co_quan",
                       agency_id=commune.culture.id)
    minutes.add_answer(db_session, opinion.id, "Phòng Kinh tế trả lời.", responder_kind="co_quan",
                       agency_id=commune.economy.id)
    return opinion


def test_petition_from_opinion_is_prefilled(session, meeting, commune):
    opinion = _answered_opinion(session, meeting, commune, "giao_giai_quyet")
    petition = minutes.petition_from_opinion(session, opinion.id, conclusion="Giao Phòng Văn hóa khảo sát")
    assert petition.citizen_name == "Công dân số 1"
    assert petition.hamlet_id == commune.hamlets[0].id
    assert petition.field_id == commune.fields["Giao thông, hạ tầng"].id
    assert petition.content == "Đề nghị nâng cấp đường vào thôn Bản Lải"
    assert petition.lead_agency_id == commune.culture.id  # the first agency that answered
    assert petition.opinion_id == opinion.id
    assert petition.registration_id == opinion.registration_id
    assert petition.session_id == meeting.id
    assert petition.status == "moi"
    assert petition.resolved_date is None
    assert petition.conclusion == "Giao Phòng Văn hóa khảo sát"


def test_petition_from_opinion_overrides(session, meeting, commune):
    opinion = _answered_opinion(session, meeting, commune, "giao_giai_quyet")
    petition = minutes.petition_from_opinion(session, opinion.id, content="Nội dung tách riêng",
                                             field_id=commune.fields["Đất đai"].id,
                                             lead_agency_id=commune.police.id)
    assert petition.content == "Nội dung tách riêng"
    assert petition.field_id == commune.fields["Đất đai"].id
    assert petition.lead_agency_id == commune.police.id


def test_petition_from_answered_opinion_is_closed_on_the_session_day(session, meeting, commune):
    opinion = _answered_opinion(session, meeting, commune, "tra_loi_tai_hoi_nghi")
    petition = minutes.petition_from_opinion(session, opinion.id)
    assert petition.status == "da_tra_loi_tai_hoi_nghi"
    assert petition.resolved_date == dt.date(2026, 6, 10)
    assert petition.conclusion == "Phòng Kinh tế trả lời."  # the last answer
    assert "Chủ tịch ghi nhận." in petition.resolution and "Phòng Văn hóa trả lời." in petition.resolution
    assert [h.to_status for h in petition.history] == ["da_tra_loi_tai_hoi_nghi"]


@pytest.mark.parametrize("outcome, status", [
    ("giao_giai_quyet", "moi"),
    ("de_nghi_cap_tren", "moi"),
    ("khong_thuoc_tham_quyen", "khong_thuoc_tham_quyen"),
    (None, "moi"),
])
def test_petition_status_follows_the_outcome(session, meeting, commune, outcome, status):
    opinion = _walk_in_opinion(session, meeting, outcome=outcome)
    petition = minutes.petition_from_opinion(session, opinion.id)
    assert petition.status == status
    assert petition.lead_agency_id is None


def test_petition_from_opinion_without_content_is_refused(session, meeting):
    opinion = _walk_in_opinion(session, meeting, content="")
    with pytest.raises(ValidationError) as info:
        minutes.petition_from_opinion(session, opinion.id)
    assert "content" in info.value.errors
    assert _count(session, m.Petition) == 0


# -- ending ------------------------------------------------------------------------------------------------

def test_end_meeting(session, meeting):
    first, second = registrations.queue(session, meeting.id)
    minutes.call_speaker(session, first.id)
    minutes.end_meeting(session, meeting.id, START + dt.timedelta(hours=3, seconds=12), citizens_attending=0,
                        delegates_attending=100000, general_conclusion="  Kết luận chung.\n\n\n\nGiao các cơ quan thực hiện.  ")
    session.expire_all()
    ds = session.get(m.DialogueSession, meeting.id)
    assert ds.status == "da_ket_thuc"
    assert ds.actual_end == START + dt.timedelta(hours=3)
    assert (ds.citizens_attending, ds.delegates_attending) == (0, 100000)
    assert ds.general_conclusion == "Kết luận chung.\n\nGiao các cơ quan thực hiện."
    assert session.get(m.Registration, first.id).state == "da_phat_bieu"
    assert session.get(m.Registration, second.id).state == "cho_phat_bieu"


def test_end_meeting_attendance_may_be_unknown(session, meeting):
    minutes.end_meeting(session, meeting.id, START + dt.timedelta(hours=1), citizens_attending=None,
                        delegates_attending=None)
    assert meeting.status == "da_ket_thuc"
    assert meeting.citizens_attending is None


@pytest.mark.parametrize("ended_at, citizens, delegates, bad", [
    (START, 10, 10, {"ended_at"}),
    (START - dt.timedelta(hours=1), 10, 10, {"ended_at"}),
    (START + dt.timedelta(hours=2), -1, 10, {"citizens_attending"}),
    (START + dt.timedelta(hours=2), True, 10, {"citizens_attending"}),
    (START + dt.timedelta(hours=2), 100001, 10, {"citizens_attending"}),
    (START + dt.timedelta(hours=2), "50", 10, {"citizens_attending"}),
    (START + dt.timedelta(hours=2), 10, 2.5, {"delegates_attending"}),
    (START + dt.timedelta(hours=2), 10, False, {"delegates_attending"}),
    (START, -5, -5, {"ended_at", "citizens_attending", "delegates_attending"}),
])
def test_end_meeting_validates(session, meeting, ended_at, citizens, delegates, bad):
    first, _ = registrations.queue(session, meeting.id)
    minutes.call_speaker(session, first.id)
    before = (_session_row(session, meeting.id), _reg_states(session, meeting.id))
    with pytest.raises(ValidationError) as info:
        minutes.end_meeting(session, meeting.id, ended_at, citizens_attending=citizens,
                            delegates_attending=delegates, general_conclusion="Kết luận")
    assert set(info.value.errors) == bad
    for message in info.value.errors.values():
        assert _vietnamese(message)
    assert (_session_row(session, meeting.id), _reg_states(session, meeting.id)) == before


@pytest.mark.parametrize("stage", ["invited", "ended"])
def test_end_meeting_needs_the_meeting_in_progress(session, make_session, stage):
    ds = make_session(stage=stage)
    before = _session_row(session, ds.id)
    with pytest.raises(ValidationError) as info:
        minutes.end_meeting(session, ds.id, START + dt.timedelta(hours=5), citizens_attending=1,
                            delegates_attending=1)
    assert "status" in info.value.errors
    assert _session_row(session, ds.id) == before


# -- autosave ----------------------------------------------------------------------------------------------

def test_save_opinion_text_stores_nfc_and_fold(session, meeting):
    opinion = _walk_in_opinion(session, meeting)
    typed = unicodedata.normalize("NFD", "Đề nghị  xã hỗ trợ\r\nkinh phí làm đường  ")
    minutes.save_opinion_text(session, opinion.id, typed)
    session.expire_all()
    stored = session.get(m.Opinion, opinion.id)
    assert stored.content == "Đề nghị  xã hỗ trợ\nkinh phí làm đường"
    assert unicodedata.is_normalized("NFC", stored.content)
    assert stored.content_fold == "de nghi xa ho tro kinh phi lam duong"


def test_save_opinion_text_too_long_changes_nothing(session, meeting):
    opinion = _walk_in_opinion(session, meeting)
    before = _opinion_row(opinion)
    with pytest.raises(ValidationError) as info:
        minutes.save_opinion_text(session, opinion.id, "x" * 20001)
    assert "content" in info.value.errors
    assert "quá dài" in info.value.message
    assert _opinion_row(opinion) == before


def test_save_text_of_unknown_opinion(session, meeting):
    with pytest.raises(NotFoundError) as info:
        minutes.save_opinion_text(session, 12345, "x")
    assert "Không tìm thấy ý kiến" in info.value.message


def test_save_progress_during_and_after_the_meeting(session, make_session):
    from desk_app.domain.errors import TransitionError, ValidationError
    from desk_app.services import minutes

    ds = make_session(stage="in_progress")
    minutes.save_progress(session, ds.id, citizens_attending=120, general_conclusion="  Kết luận tạm  ")
    assert (ds.citizens_attending, ds.delegates_attending, ds.general_conclusion) == (120, None, "Kết luận tạm")
    with pytest.raises(ValidationError, match="Số đại biểu dự"):
        minutes.save_progress(session, ds.id, delegates_attending=-1)
    assert ds.delegates_attending is None
    ended = make_session(stage="ended", start=dt.datetime(2026, 6, 11, 8, 0))
    minutes.save_progress(session, ended.id, general_conclusion="Kết luận đã sửa sau hội nghị.")
    assert ended.general_conclusion == "Kết luận đã sửa sau hội nghị."
    draft = make_session(stage="draft", start=dt.datetime(2026, 6, 12, 8, 0))
    with pytest.raises(TransitionError):
        minutes.save_progress(session, draft.id, citizens_attending=1)


# -- what the live-minutes page reads, and the steps it asks for -------------------------------------------

def test_meeting_state_shows_the_queue_the_opinions_and_the_attendance(session, meeting):
    first, second = registrations.queue(session, meeting.id)
    registrations.set_state(session, second.id, "vang_mat")
    opinion = minutes.call_next(session, meeting.id, START + dt.timedelta(minutes=5))
    minutes.save_progress(session, meeting.id, citizens_attending=40, general_conclusion="Đang ghi")
    state = minutes.meeting_state(session, meeting.id)
    assert state.live and not state.startable and state.title == meeting.title
    assert [(q.id, q.state) for q in state.queue] == [(second.id, "vang_mat")]  # the one who spoke left the queue
    assert [(o.id, o.name, o.ended) for o in state.opinions] == [(opinion.id, first.citizen_name, None)]
    assert state.last_unfinished() == opinion.id
    assert state.agenda == {"a": [START]}
    assert (state.citizens, state.conclusion, state.secretary) == (40, "Đang ghi", "Đỗ Thị Lan")
    assert state.opinions[0].line().startswith(f"1. {first.citizen_name} (08:05) · đang phát biểu")


def test_a_meeting_not_yet_held_can_be_started(session, make_session):
    state = minutes.meeting_state(session, make_session(stage="invited").id)
    assert state.startable and not state.live and state.opinions == []


def test_who_may_answer_chair_co_chairs_invitees_and_agency_heads(session, make_session, commune):
    ds = make_session(stage="in_progress", co_chairs=[(commune.council.id, False)],
                      participants=[(commune.police.id, ""), (None, "Trưởng các thôn")])
    found = minutes.responders(session, ds.id)
    texts = [r.text for r in found]
    assert texts[0] == "Người chủ trì: Nguyễn Văn Đức, Chủ tịch UBND xã"
    assert texts[1] == "Đồng chủ trì: Hoàng Thị Mai, Chủ tịch HĐND xã"
    assert found[1].official_id == commune.council.id
    assert found[2].agency_id == commune.police.id  # the invited agency before the others
    assert {r.agency_id for r in found[3:] if r.agency_id} == {commune.economy.id, commune.culture.id,
                                                              commune.province.id}
    invitee = found[-1]
    assert (invitee.text, invitee.name, invitee.agency_id) == ("Khách mời: Trưởng các thôn", "Trưởng các thôn", None)
    opinion = _walk_in_opinion(session, ds)
    answer = minutes.answer_by(session, opinion.id, invitee, "Thôn sẽ họp dân bàn cách làm.")
    assert (answer.responder_name, answer.responder_kind) == ("Trưởng các thôn", "co_quan")
    answer = minutes.answer_by(session, opinion.id, found[2], "Công an xã sẽ kiểm tra.")
    assert answer.agency_id == commune.police.id


def test_an_inactive_agency_is_offered_only_when_invited(session, make_session, commune):
    catalog.save_agency(session, catalog.AgencyInput(name="Phòng Kinh tế", head_title="Trưởng phòng",
                                                     active=False), commune.economy.id)
    ds = make_session(stage="in_progress")
    assert commune.economy.id not in {r.agency_id for r in minutes.responders(session, ds.id)}


def test_opinion_view_lists_the_answers_and_the_petitions(session, meeting, commune):
    first, _ = registrations.queue(session, meeting.id)
    opinion = minutes.call_next(session, meeting.id, START + dt.timedelta(minutes=1))
    minutes.add_answer(session, opinion.id, "Sẽ sửa trong quý I.", responder_kind="co_quan",
                       agency_id=commune.economy.id)
    minutes.petition_from_opinion(session, opinion.id, content="Sửa đường")
    view = minutes.opinion_view(session, opinion.id)
    assert view.name == first.citizen_name and view.answering_agency_id == commune.economy.id
    assert view.answers == ["Trưởng phòng Kinh tế: Sẽ sửa trong quý I."]
    assert view.petitions == ["Sửa đường — Mới"]
    assert view.info == "Thôn Bản Lải · Giao thông, hạ tầng · Đăng ký: Kiến nghị số 1 về đường giao thông"


def test_call_next_ends_the_current_opinion_and_calls_the_next_waiting(session, meeting):
    first, second = registrations.queue(session, meeting.id)
    opening = minutes.call_next(session, meeting.id, START + dt.timedelta(minutes=1))
    assert opening.registration_id == first.id and opening.started_at == START + dt.timedelta(minutes=1)
    following = minutes.call_next(session, meeting.id, START + dt.timedelta(minutes=6), finishing=opening.id)
    assert opening.ended_at == START + dt.timedelta(minutes=6)
    assert following.registration_id == second.id
    assert (first.state, second.state) == ("da_phat_bieu", "da_phat_bieu")
    assert minutes.call_next(session, meeting.id, START + dt.timedelta(minutes=9), finishing=following.id) is None
    assert following.ended_at == START + dt.timedelta(minutes=9)


def test_call_next_takes_the_chosen_citizen_even_one_marked_absent(session, meeting):
    first, second = registrations.queue(session, meeting.id)
    registrations.set_state(session, second.id, "vang_mat")
    opinion = minutes.call_next(session, meeting.id, START + dt.timedelta(minutes=2), chosen=second.id)
    assert opinion.registration_id == second.id and second.state == "da_phat_bieu"
    assert first.state == "cho_phat_bieu"


def test_call_next_is_refused_outside_the_meeting(session, make_session):
    ds = make_session(stage="invited")
    with pytest.raises(ValidationError):
        minutes.call_next(session, ds.id, START)


def test_end_meeting_ends_the_opinion_being_recorded(session, meeting):
    opinion = minutes.call_next(session, meeting.id, START + dt.timedelta(minutes=30))
    minutes.end_meeting(session, meeting.id, START + dt.timedelta(hours=2, seconds=40), citizens_attending=10,
                        delegates_attending=5)
    assert opinion.ended_at == START + dt.timedelta(hours=2, seconds=40)
    assert meeting.actual_end == START + dt.timedelta(hours=2)


def test_end_meeting_before_the_last_opinion_started_changes_nothing(session, meeting):
    opinion = minutes.call_next(session, meeting.id, START + dt.timedelta(hours=2))
    before = _session_row(session, meeting.id)
    with pytest.raises(ValidationError) as info:
        minutes.end_meeting(session, meeting.id, START + dt.timedelta(hours=1), citizens_attending=10,
                            delegates_attending=5)
    assert set(info.value.errors) == {"ended_at"}
    assert opinion.ended_at is None and _session_row(session, meeting.id) == before


def test_the_meeting_in_progress_is_found(session, make_session):
    assert minutes.meeting_in_progress(session) is None
    ds = make_session(stage="in_progress")
    assert minutes.meeting_in_progress(session) == ds.id


# -- a meeting on another day than planned, undone, reopened, recorded afterwards (issue 14, items 1 and 4) --

def _held_row(db_session, ds_id):
    ds = db_session.get(m.DialogueSession, ds_id)
    return (ds.status, ds.planned_start, ds.actual_start, ds.actual_end, ds.year, ds.session_date)


def test_a_meeting_held_on_another_day_keeps_the_plan_and_records_the_actual_day(session, make_session):
    ds = make_session(stage="invited", start=dt.datetime(2026, 12, 21, 8, 0))  # planned after today (21/11)
    held = dt.datetime(2026, 11, 21, 14, 30)
    note = minutes.other_day_note(ds.planned_start, held.date())
    assert "21/12/2026" in note and "21/11/2026" in note and "giữ ngày dự kiến" in note
    assert minutes.other_day_note(ds.planned_start, ds.planned_start.date()) == ""
    minutes.start_meeting(session, ds.id, held)
    session.expire_all()
    row = _held_row(session, ds.id)
    assert row[1] == dt.datetime(2026, 12, 21, 8, 0)  # the plan is not rewritten
    assert row[2] == held and row[5] == held.date()  # deadlines count from the day it was held
    state = minutes.meeting_state(session, ds.id)
    assert (state.planned_start, state.actual_start) == (dt.datetime(2026, 12, 21, 8, 0), held)


def test_a_meeting_cannot_start_on_a_day_still_to_come(session, make_session):
    ds = make_session(stage="invited", start=dt.datetime(2026, 12, 21, 8, 0))
    before = _held_row(session, ds.id)
    with pytest.raises(ValidationError) as info:
        minutes.start_meeting(session, ds.id, dt.datetime(2026, 11, 22, 8, 0))  # today is 21/11/2026
    assert "chưa đến" in info.value.errors["started_at"]
    assert _held_row(session, ds.id) == before


def test_a_meeting_cannot_be_held_before_its_invitations_were_sent(session, make_session):
    ds = make_session(stage="invited", start=dt.datetime(2026, 6, 10, 8, 0))  # invitations sent 31/05
    before = _held_row(session, ds.id)
    with pytest.raises(ValidationError) as info:
        minutes.start_meeting(session, ds.id, dt.datetime(2026, 5, 25, 8, 0))
    assert "31/05/2026" in info.value.errors["started_at"]
    assert _held_row(session, ds.id) == before


def test_the_year_follows_the_day_the_meeting_was_held_and_goes_back_when_undone(session, make_session, monkeypatch):
    monkeypatch.setenv("DESK_APP_TODAY", "2027-01-06")
    ds = make_session(stage="invited", start=dt.datetime(2026, 12, 30, 8, 0))
    minutes.start_meeting(session, ds.id, dt.datetime(2027, 1, 5, 8, 0))
    assert ds.year == 2027
    minutes.undo_start(session, ds.id)
    assert (ds.year, ds.actual_start, ds.status) == (2026, None, "da_moi")


def test_a_start_with_nothing_recorded_can_be_undone(session, make_session):
    ds = make_session(stage="invited")
    planned = _held_row(session, ds.id)
    minutes.start_meeting(session, ds.id, START)
    assert minutes.meeting_state(session, ds.id).undoable
    minutes.undo_start(session, ds.id, expected_version=ds.version)
    session.expire_all()
    assert _held_row(session, ds.id) == planned
    assert session.get(m.DialogueSession, ds.id).agenda_log == []
    plan_only = make_session(stage="plan_issued")
    minutes.start_meeting(session, plan_only.id, START)
    minutes.undo_start(session, plan_only.id)
    assert plan_only.status == "da_ban_hanh_ke_hoach"


@pytest.mark.parametrize("what, record", [
    ("ý kiến", lambda s, ds: minutes.call_next(s, ds.id, START + dt.timedelta(minutes=5))),
    ("bước", lambda s, ds: minutes.reach_step(s, ds.id, "b", START + dt.timedelta(minutes=5))),
    ("số người dự", lambda s, ds: minutes.save_progress(s, ds.id, citizens_attending=40)),
    ("kết luận", lambda s, ds: minutes.save_progress(s, ds.id, general_conclusion="Giao các cơ quan")),
])
def test_a_start_with_something_recorded_cannot_be_undone(session, meeting, what, record):
    record(session, meeting)
    assert not minutes.meeting_state(session, meeting.id).undoable
    before = _session_row(session, meeting.id)
    with pytest.raises(TransitionError) as info:
        minutes.undo_start(session, meeting.id)
    assert what in info.value.message
    assert _session_row(session, meeting.id) == before


def test_closed_minutes_are_reopened_with_a_reason_in_the_audit_log(session, make_session):
    ds = make_session(stage="ended")
    state = minutes.meeting_state(session, ds.id)
    assert state.reopenable and not state.live
    with pytest.raises(ValidationError) as info:
        minutes.reopen_minutes(session, ds.id, "  ")
    assert "reason" in info.value.errors and ds.status == "da_ket_thuc"
    minutes.reopen_minutes(session, ds.id, "Sửa lỗi chính tả trong kết luận", expected_version=ds.version)
    assert ds.status == "dang_dien_ra" and ds.actual_end is not None  # the recorded end stays until closed again
    minutes.save_progress(session, ds.id, general_conclusion="Kết luận chung đã sửa.")
    logged = session.scalars(select(m.AuditLog).where(m.AuditLog.table_name == "dialogue_session",
                                                      m.AuditLog.row_id == ds.id)).all()
    assert any("Sửa lỗi chính tả trong kết luận" in str(row.changes.get("reason", "")) for row in logged)
    minutes.end_meeting(session, ds.id, ds.actual_end, citizens_attending=100, delegates_attending=20,
                        general_conclusion="Kết luận chung đã sửa.")
    assert ds.status == "da_ket_thuc" and ds.general_conclusion == "Kết luận chung đã sửa."


@pytest.mark.parametrize("stage", ["in_progress", "concluded"])
def test_only_closed_minutes_before_the_conclusion_notice_can_be_reopened(session, make_session, stage):
    ds = make_session(stage=stage)
    before = _session_row(session, ds.id)
    with pytest.raises(TransitionError) as info:
        minutes.reopen_minutes(session, ds.id, "Sửa lỗi")
    assert "thông báo kết luận" in info.value.message
    assert _session_row(session, ds.id) == before


def test_times_before_the_meeting_started_are_refused(session, meeting):
    with pytest.raises(ValidationError) as info:
        minutes.reach_step(session, meeting.id, "b", START - dt.timedelta(minutes=5))
    assert "trước giờ bắt đầu" in info.value.errors["reached_at"]
    with pytest.raises(ValidationError):
        minutes.call_next(session, meeting.id, START - dt.timedelta(minutes=1))
    assert minutes.opinions(session, meeting.id) == []


def test_minutes_recorded_afterwards_with_their_real_day_and_times(session, make_session):
    """Paper notes typed in a week later: the day and every time as they were, corrected where mistyped."""
    ds = make_session(stage="invited", start=dt.datetime(2026, 11, 12, 8, 0))
    day = dt.date(2026, 11, 13)  # held a day later than planned
    minutes.start_meeting(session, ds.id, dt.datetime.combine(day, dt.time(8, 10)))
    assert minutes.meeting_state(session, ds.id).recorded_later  # today is 21/11: the times are typed
    minutes.reach_step(session, ds.id, "c", dt.datetime.combine(day, dt.time(8, 40)))
    first = minutes.call_next(session, ds.id, dt.datetime.combine(day, dt.time(8, 45)))
    second = minutes.call_next(session, ds.id, dt.datetime.combine(day, dt.time(9, 5)), finishing=first.id)
    times = minutes.minutes_times(session, ds.id)
    assert (times.day, times.start, times.end) == (day, dt.time(8, 10), None)
    assert [(r.text, r.start) for r in times.steps][1][1] == dt.time(8, 40)
    assert [(r.start, r.end) for r in times.opinions] == [(dt.time(8, 45), dt.time(9, 5)), (dt.time(9, 5), None)]
    step_c = times.steps[1].id
    minutes.correct_times(session, ds.id, minutes.TimesInput(
        day=day, start=dt.time(8, 0), steps={step_c: dt.time(8, 30)},
        opinions={first.id: (dt.time(8, 35), dt.time(8, 55)), second.id: (dt.time(8, 56), dt.time(9, 20))}))
    session.expire_all()
    ds = session.get(m.DialogueSession, ds.id)
    assert ds.actual_start == dt.datetime(2026, 11, 13, 8, 0) and ds.planned_start == dt.datetime(2026, 11, 12, 8)
    assert [o.started_at.time() for o in minutes.opinions(session, ds.id)] == [dt.time(8, 35), dt.time(8, 56)]
    assert minutes.opinions(session, ds.id)[1].ended_at == dt.datetime(2026, 11, 13, 9, 20)


@pytest.mark.parametrize("change, key", [
    (dict(day=dt.date(2026, 11, 22)), "started_at"),  # a day still to come
    (dict(start=dt.time(9, 0)), "opinion"),  # the opinion would start before the meeting
    (dict(opinion=(dt.time(8, 50), dt.time(8, 45))), "opinion"),  # ends before it starts
    (dict(step=dt.time(7, 0)), "step"),
])
def test_bad_corrected_times_change_nothing(session, meeting, change, key):
    opinion = minutes.call_next(session, meeting.id, START + dt.timedelta(minutes=40))
    step = minutes.reach_step(session, meeting.id, "c", START + dt.timedelta(minutes=30))
    before = (_session_row(session, meeting.id), _opinion_row(opinion), step.reached_at)
    data = minutes.TimesInput(day=change.get("day", START.date()), start=change.get("start", START.time()),
                              steps={step.id: change.get("step", dt.time(8, 30))},
                              opinions={opinion.id: change.get("opinion", (dt.time(8, 40), None))})
    with pytest.raises(ValidationError) as info:
        minutes.correct_times(session, meeting.id, data)
    assert any(k.startswith(key) for k in info.value.errors), info.value.errors
    assert (_session_row(session, meeting.id), _opinion_row(opinion), step.reached_at) == before

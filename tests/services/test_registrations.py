"""Speaker registrations (đăng ký phát biểu): entering, validating, the speaking queue, refusals, merging
duplicates, the Excel import and stale edits.

Every refused request must raise the right error with a Vietnamese message and leave the data as it was.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import ConflictError, TransitionError, ValidationError
from desk_app.services import minutes, registrations, sessions
from desk_app.services.registrations import RegistrationInput
from desk_app.store import models as m

VALID_CCCD = "001085012345"


def _snapshot(db_session, session_id):
    """Every registration of the session as plain values (re-read after a refused request)."""
    rows = db_session.scalars(select(m.Registration).where(m.Registration.session_id == session_id)
                              .order_by(m.Registration.id))
    return [(r.id, r.citizen_name, r.content, r.state, r.queue_order, r.refusal_code, r.refusal_note,
             r.merged_into_id, r.cccd, r.phone, r.birth_year) for r in rows]


def _count(db_session, session_id=None):
    query = select(func.count(m.Registration.id))
    if session_id is not None:
        query = query.where(m.Registration.session_id == session_id)
    return db_session.scalar(query)


def _order(db_session, session_id):
    return [(r.citizen_name, r.queue_order) for r in registrations.queue(db_session, session_id)]


@pytest.fixture
def planned(make_session):
    """A session with its plan issued and no registration yet."""
    return make_session(stage="plan_issued")


def _add(db_session, ds, name, **kw):
    return registrations.add_registration(db_session, ds.id, RegistrationInput(citizen_name=name, **kw))


def _vietnamese(text: str) -> bool:
    return any(ord(ch) > 127 for ch in text)


# -- adding ------------------------------------------------------------------------------------------

def test_add_tidies_name_phone_and_keeps_a_folded_name(session, planned, commune):
    reg = _add(session, planned, "  nguyễn   văn đức ", phone="+84 912 345 678", cccd="001 085 012 345",
               birth_year="1975", hamlet_id=commune.hamlets[1].id, content="Đề nghị sửa đường",
               field_id=commune.fields["Giao thông, hạ tầng"].id)
    session.expire_all()
    stored = session.get(m.Registration, reg.id)
    assert stored.citizen_name == "Nguyễn Văn Đức"
    assert stored.citizen_fold == "nguyen van duc"
    assert stored.phone == "0912345678"
    assert stored.cccd == VALID_CCCD
    assert stored.birth_year == 1975
    assert stored.content_fold == "de nghi sua duong"
    assert stored.state == "cho_phat_bieu"
    assert stored.queue_order == 1
    assert stored.received_date is not None


def test_decomposed_input_is_stored_composed(session, planned):
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    content = unicodedata.normalize("NFD", "Đề nghị xem xét hỗ trợ hộ nghèo")
    assert name != unicodedata.normalize("NFC", name)
    reg = _add(session, planned, name, content=content)
    session.expire_all()
    stored = session.get(m.Registration, reg.id)
    assert stored.citizen_name == "Nguyễn Thị Hằng"
    assert unicodedata.is_normalized("NFC", stored.citizen_name)
    assert stored.content == "Đề nghị xem xét hỗ trợ hộ nghèo"
    assert unicodedata.is_normalized("NFC", stored.content)
    assert stored.citizen_fold == "nguyen thi hang"


def test_name_already_capitalised_is_kept_as_typed(session, planned):
    reg = _add(session, planned, "H'Hen Niê")
    assert reg.citizen_name == "H'Hen Niê"


@pytest.mark.parametrize("field_name, kwargs", [
    ("citizen_name", {"citizen_name": "   "}),
    ("cccd", {"cccd": "00108501234"}),  # 11 digits
    ("cccd", {"cccd": "0010850123456"}),  # 13 digits
    ("phone", {"phone": "12345"}),
    ("phone", {"phone": "0912abc678"}),
    ("birth_year", {"birth_year": 1899}),
    ("birth_year", {"birth_year": 2027}),  # after this year (today is pinned to 2026)
    ("birth_year", {"birth_year": "năm"}),
    ("content", {"content": "x" * 20001}),
])
def test_one_bad_field_is_refused_and_nothing_is_added(session, planned, field_name, kwargs):
    data = {"citizen_name": "Nguyễn Văn An", **kwargs}
    with pytest.raises(ValidationError) as info:
        registrations.add_registration(session, planned.id, RegistrationInput(**data))
    assert set(info.value.errors) == {field_name}
    assert _vietnamese(info.value.errors[field_name])
    assert info.value.message
    assert _count(session, planned.id) == 0


def test_every_bad_field_is_reported_at_once(session, planned):
    data = RegistrationInput(citizen_name="", cccd="00108501234", phone="12345", birth_year=1850,
                             content="a" * 20001)
    with pytest.raises(ValidationError) as info:
        registrations.add_registration(session, planned.id, data)
    errors = info.value.errors
    assert set(errors) == {"citizen_name", "cccd", "phone", "birth_year", "content"}
    assert "Họ và tên" in errors["citizen_name"]
    assert "12 chữ số" in errors["cccd"]
    assert "Số điện thoại" in errors["phone"]
    assert "Năm sinh" in errors["birth_year"]
    assert "Nội dung" in errors["content"] and "quá dài" in errors["content"]
    for message in errors.values():
        assert message in info.value.message
    assert _count(session) == 0


@pytest.mark.parametrize("content_length", [20000])
def test_content_at_the_limit_is_accepted(session, planned, content_length):
    reg = _add(session, planned, "Lê Văn Tám", content="x" * content_length)
    assert len(reg.content) == content_length


def test_received_date_in_the_future_is_refused(session, planned, today):
    with pytest.raises(ValidationError) as info:
        _add(session, planned, "Lê Văn Tám", received_date=today + dt.timedelta(days=1))
    assert "received_date" in info.value.errors
    assert _count(session) == 0


def test_queue_order_follows_the_order_received(session, planned):
    for name in ("Người Một", "Người Hai", "Người Ba"):
        _add(session, planned, name)
    assert _order(session, planned.id) == [("Người Một", 1), ("Người Hai", 2), ("Người Ba", 3)]
    assert registrations.next_waiting(session, planned.id).citizen_name == "Người Một"


@pytest.mark.parametrize("stage", ["ended", "concluded"])
def test_no_registration_for_an_ended_session(session, make_session, stage):
    ds = make_session(stage=stage)
    before = _snapshot(session, ds.id)
    with pytest.raises(ValidationError) as info:
        _add(session, ds, "Nguyễn Văn An")
    assert "session_id" in info.value.errors
    assert "không nhận thêm đăng ký" in info.value.message
    assert _snapshot(session, ds.id) == before


def test_no_registration_for_a_cancelled_session(session, make_session):
    ds = make_session(stage="plan_issued")
    sessions.cancel(session, ds.id, "Trùng lịch họp của tỉnh")
    with pytest.raises(ValidationError) as info:
        _add(session, ds, "Nguyễn Văn An")
    assert "Hủy" in info.value.message
    assert _count(session, ds.id) == 0


# -- the queue -----------------------------------------------------------------------------------------

@pytest.fixture
def five(session, planned):
    regs = [_add(session, planned, f"Người {i}") for i in range(1, 6)]
    return planned, regs


@pytest.mark.parametrize("who, to, expected", [
    (4, 1, [4, 0, 1, 2, 3]),  # to the front
    (0, 5, [1, 2, 3, 4, 0]),  # to the back
    (0, 99, [1, 2, 3, 4, 0]),  # beyond the back: the back
    (4, 0, [4, 0, 1, 2, 3]),  # before the front: the front
    (0, 3, [1, 2, 0, 3, 4]),  # to the middle, moving down
    (4, 2, [0, 4, 1, 2, 3]),  # to the middle, moving up
])
def test_move_renumbers_the_queue(session, five, who, to, expected):
    ds, regs = five
    registrations.move(session, regs[who].id, to)
    order = registrations.queue(session, ds.id)
    assert [r.id for r in order] == [regs[i].id for i in expected]
    assert [r.queue_order for r in order] == [1, 2, 3, 4, 5]


def test_walk_in_without_priority_joins_the_end(session, make_session):
    ds = make_session(stage="in_progress")
    reg = registrations.add_walk_in(session, ds.id, RegistrationInput(citizen_name="Vàng Thị Mỷ"))
    order = registrations.queue(session, ds.id)
    assert order[-1].id == reg.id
    assert [r.queue_order for r in order] == [1, 2, 3]
    assert reg.channel == "tai_hoi_nghi"
    assert not reg.priority


def test_walk_in_with_priority_speaks_right_after_the_current_speaker(session, make_session):
    ds = make_session(stage="in_progress")
    first, second = registrations.queue(session, ds.id)
    minutes.call_speaker(session, first.id)
    late = registrations.add_walk_in(session, ds.id, RegistrationInput(citizen_name="Người Đến Sau"))
    urgent = registrations.add_walk_in(session, ds.id, RegistrationInput(citizen_name="Người Ưu Tiên"),
                                       priority=True)
    order = registrations.queue(session, ds.id)
    assert [r.id for r in order] == [first.id, urgent.id, second.id, late.id]
    assert [r.queue_order for r in order] == [1, 2, 3, 4]
    assert urgent.priority
    assert registrations.next_waiting(session, ds.id).id == urgent.id


def test_walk_in_with_priority_goes_before_the_waiting_ones_after_those_who_spoke(session, make_session):
    ds = make_session(stage="in_progress")
    first, second = registrations.queue(session, ds.id)
    minutes.call_speaker(session, first.id)
    registrations.set_state(session, first.id, "da_phat_bieu")
    urgent = registrations.add_walk_in(session, ds.id, RegistrationInput(citizen_name="Người Ưu Tiên"),
                                       priority=True)
    assert [r.id for r in registrations.queue(session, ds.id)] == [first.id, urgent.id, second.id]


# -- refusal -------------------------------------------------------------------------------------------

def test_refuse_with_a_regulated_reason_records_code_and_note(session, make_session):
    ds = make_session(stage="invited")
    reg = registrations.queue(session, ds.id)[0]
    registrations.refuse(session, reg.id, "gay_roi", note="  Lớn tiếng, xúc phạm cán bộ  ")
    session.expire_all()
    stored = session.get(m.Registration, reg.id)
    assert stored.state == "tu_choi"
    assert stored.refusal_code == "gay_roi"
    assert stored.refusal_note == "Lớn tiếng, xúc phạm cán bộ"
    assert _count(session, ds.id) == 2  # never deleted


def test_refuse_with_an_unknown_reason_is_refused(session, make_session):
    ds = make_session(stage="invited")
    reg = registrations.queue(session, ds.id)[0]
    before = _snapshot(session, ds.id)
    with pytest.raises(ValidationError) as info:
        registrations.refuse(session, reg.id, "khong_thich", note="ghi chú")
    assert "reason_code" in info.value.errors
    assert "Lý do từ chối" in info.value.message
    assert _snapshot(session, ds.id) == before


def test_refused_registration_cannot_go_back_to_the_queue(session, make_session):
    ds = make_session(stage="invited")
    reg = registrations.queue(session, ds.id)[0]
    registrations.refuse(session, reg.id, "gay_roi")
    before = _snapshot(session, ds.id)
    with pytest.raises(TransitionError) as info:
        registrations.set_state(session, reg.id, "cho_phat_bieu")
    assert "Từ chối" in info.value.message and "Chờ phát biểu" in info.value.message
    assert _snapshot(session, ds.id) == before


def test_refused_registration_cannot_be_refused_twice(session, make_session):
    ds = make_session(stage="invited")
    reg = registrations.queue(session, ds.id)[0]
    registrations.refuse(session, reg.id, "gay_roi", note="lần đầu")
    before = _snapshot(session, ds.id)
    with pytest.raises(TransitionError):
        registrations.refuse(session, reg.id, "chat_kich_thich", note="lần hai")
    assert _snapshot(session, ds.id) == before


def test_refused_registration_cannot_be_merged_into_another(session, make_session):
    ds = make_session(stage="invited")
    first, second = registrations.queue(session, ds.id)
    registrations.refuse(session, first.id, "noi_dung_khong_phu_hop")
    before = _snapshot(session, ds.id)
    with pytest.raises(TransitionError) as info:
        registrations.merge(session, first.id, second.id)
    assert "Từ chối" in info.value.message
    assert _snapshot(session, ds.id) == before


def test_nothing_can_be_merged_into_a_refused_registration(session, make_session):
    ds = make_session(stage="invited")
    first, second = registrations.queue(session, ds.id)
    registrations.refuse(session, first.id, "noi_dung_khong_phu_hop")
    before = _snapshot(session, ds.id)
    with pytest.raises((TransitionError, ValidationError)) as info:
        registrations.merge(session, second.id, first.id)
    assert "từ chối" in info.value.message
    assert _snapshot(session, ds.id) == before


@pytest.mark.parametrize("state", ["tu_choi", "gop"])
def test_refusal_and_merge_have_their_own_functions(session, make_session, state):
    ds = make_session(stage="invited")
    reg = registrations.queue(session, ds.id)[0]
    before = _snapshot(session, ds.id)
    with pytest.raises(ValidationError):
        registrations.set_state(session, reg.id, state)
    assert _snapshot(session, ds.id) == before


# -- merging duplicates --------------------------------------------------------------------------------

def test_merge_keeps_the_duplicate_and_appends_its_content(session, planned):
    kept = _add(session, planned, "Nguyễn Văn An", content="Đường thôn Bản Lải xuống cấp")
    dup = _add(session, planned, "Nguyễn Văn An", content="Đề nghị làm mương thoát nước")
    registrations.merge(session, dup.id, kept.id)
    session.expire_all()
    kept, dup = session.get(m.Registration, kept.id), session.get(m.Registration, dup.id)
    assert dup.state == "gop"
    assert dup.merged_into_id == kept.id
    assert dup.content == "Đề nghị làm mương thoát nước"
    assert kept.content.startswith("Đường thôn Bản Lải xuống cấp\n")
    assert "Đề nghị làm mương thoát nước" in kept.content
    assert "mương thoát nước" not in kept.content.split("\n")[0]
    assert "de nghi lam muong thoat nuoc" in kept.content_fold
    assert _count(session, planned.id) == 2


def test_merge_does_not_repeat_content_already_there(session, planned):
    kept = _add(session, planned, "Nguyễn Văn An", content="Đường thôn Bản Lải xuống cấp")
    dup = _add(session, planned, "Nguyễn Văn An", content="đường thôn bản lải xuống cấp")
    registrations.merge(session, dup.id, kept.id)
    assert kept.content == "Đường thôn Bản Lải xuống cấp"


def test_merge_with_itself_is_refused(session, planned):
    reg = _add(session, planned, "Nguyễn Văn An", content="Nội dung")
    before = _snapshot(session, planned.id)
    with pytest.raises(ValidationError) as info:
        registrations.merge(session, reg.id, reg.id)
    assert "chính nó" in info.value.message
    assert _snapshot(session, planned.id) == before


def test_merge_across_sessions_is_refused(session, make_session):
    one = make_session(stage="invited")
    other = make_session(stage="invited", start=dt.datetime(2026, 9, 15, 8, 0))
    a = registrations.queue(session, one.id)[0]
    b = registrations.queue(session, other.id)[0]
    before = (_snapshot(session, one.id), _snapshot(session, other.id))
    with pytest.raises(ValidationError) as info:
        registrations.merge(session, a.id, b.id)
    assert "cùng một cuộc đối thoại" in info.value.message
    assert (_snapshot(session, one.id), _snapshot(session, other.id)) == before


def test_merged_registration_cannot_be_merged_again(session, planned):
    a = _add(session, planned, "A Một", content="x")
    b = _add(session, planned, "B Hai", content="y")
    c = _add(session, planned, "C Ba", content="z")
    registrations.merge(session, b.id, a.id)
    before = _snapshot(session, planned.id)
    with pytest.raises(TransitionError):
        registrations.merge(session, b.id, c.id)
    with pytest.raises(ValidationError):
        registrations.merge(session, c.id, b.id)
    assert _snapshot(session, planned.id) == before


def test_find_duplicates_groups_same_cccd_phone_or_name_and_hamlet(session, planned, commune):
    h0, h1, h2 = (h.id for h in commune.hamlets)
    by_cccd = [_add(session, planned, "Lò Văn Sáu", cccd=VALID_CCCD, hamlet_id=h0),
               _add(session, planned, "Lò Văn Sau", cccd=VALID_CCCD, hamlet_id=h1)]
    by_phone = [_add(session, planned, "Hà Thị Nụ", phone="0912 345 678", hamlet_id=h0),
                _add(session, planned, "Hà Thị Nu", phone="+84912345678", hamlet_id=h2)]
    by_name = [_add(session, planned, "Nguyễn Văn Đức", hamlet_id=h1),
               _add(session, planned, "nguyen van duc", hamlet_id=h1)]
    alone = [_add(session, planned, "Nguyễn Văn Đức", hamlet_id=h2),  # same name, other hamlet
             _add(session, planned, "Triệu Văn Bảy", phone="0987654321", hamlet_id=h0)]
    groups = registrations.find_duplicates(session, planned.id)
    found = sorted(sorted(r.id for r in g) for g in groups)
    expected = sorted(sorted(r.id for r in g) for g in (by_cccd, by_phone, by_name))
    assert found == expected
    grouped = {r.id for g in groups for r in g}
    assert not grouped & {r.id for r in alone}


def test_find_duplicates_ignores_refused_and_merged(session, planned, commune):
    a = _add(session, planned, "Lò Văn Sáu", cccd=VALID_CCCD)
    b = _add(session, planned, "Lò Văn Sáu", cccd=VALID_CCCD)
    c = _add(session, planned, "Lò Văn Sáu", cccd=VALID_CCCD)
    assert [len(g) for g in registrations.find_duplicates(session, planned.id)] == [3]
    registrations.merge(session, b.id, a.id)
    registrations.refuse(session, c.id, "khong_hop_tac")
    assert registrations.find_duplicates(session, planned.id) == []


# -- the Excel import ----------------------------------------------------------------------------------

def test_add_many_adds_every_row_in_order(session, make_session):
    ds = make_session(stage="invited")  # already 2 registrations
    rows = [RegistrationInput(citizen_name=f"người thứ {i}", content=f"Nội dung {i}") for i in range(1, 4)]
    created = registrations.add_many(session, ds.id, rows)
    assert [r.queue_order for r in created] == [3, 4, 5]
    assert [r.citizen_name for r in created] == ["Người Thứ 1", "Người Thứ 2", "Người Thứ 3"]
    assert [r.queue_order for r in registrations.queue(session, ds.id)] == [1, 2, 3, 4, 5]


def test_add_many_is_all_or_nothing(session, make_session):
    ds = make_session(stage="invited")
    before = _snapshot(session, ds.id)
    rows = [RegistrationInput(citizen_name="Người Tốt", content="Nội dung"),
            RegistrationInput(citizen_name="Người Sai", cccd="123"),
            RegistrationInput(citizen_name="Người Tốt Nữa"),
            RegistrationInput(citizen_name="", phone="12")]
    with pytest.raises(ValidationError) as info:
        registrations.add_many(session, ds.id, rows)
    errors = info.value.errors
    assert set(errors) == {"row2", "row4"}
    assert errors["row2"].startswith("Dòng 2: ")
    assert "CCCD" in errors["row2"]
    assert errors["row4"].startswith("Dòng 4: ")
    assert "Họ và tên" in errors["row4"] and "Số điện thoại" in errors["row4"]
    assert "Dòng 2" in info.value.message and "Dòng 4" in info.value.message
    assert _snapshot(session, ds.id) == before
    assert _count(session) == 2


def test_add_many_refused_for_an_ended_session(session, make_session):
    ds = make_session(stage="ended")
    with pytest.raises(ValidationError):
        registrations.add_many(session, ds.id, [RegistrationInput(citizen_name="Người Tốt")])
    assert _count(session, ds.id) == 2


# -- stale edits ---------------------------------------------------------------------------------------

def test_update_registration_with_current_version(session, planned):
    reg = _add(session, planned, "Nguyễn Văn An", content="cũ")
    version = reg.version
    registrations.update_registration(session, reg.id, RegistrationInput(citizen_name="nguyễn văn an",
                                                                          content="mới"),
                                      expected_version=version)
    assert reg.content == "mới" and reg.citizen_name == "Nguyễn Văn An"
    assert reg.version == version + 1


def test_update_registration_with_stale_version_is_a_conflict(session, planned):
    reg = _add(session, planned, "Nguyễn Văn An", content="cũ")
    stale = reg.version
    registrations.update_registration(session, reg.id, RegistrationInput(citizen_name="Nguyễn Văn An",
                                                                          content="người khác sửa"))
    before = _snapshot(session, planned.id)
    with pytest.raises(ConflictError) as info:
        registrations.update_registration(session, reg.id, RegistrationInput(citizen_name="Nguyễn Văn An",
                                                                              content="bản của tôi"),
                                          expected_version=stale)
    assert "tải lại" in info.value.message
    assert _snapshot(session, planned.id) == before
    assert reg.content == "người khác sửa"


def test_update_registration_with_bad_data_changes_nothing(session, planned):
    reg = _add(session, planned, "Nguyễn Văn An", phone="0912345678")
    before = _snapshot(session, planned.id)
    with pytest.raises(ValidationError) as info:
        registrations.update_registration(session, reg.id, RegistrationInput(citizen_name="Nguyễn Văn An",
                                                                              phone="999"))
    assert set(info.value.errors) == {"phone"}
    assert _snapshot(session, planned.id) == before


# -- what the page and its dialogs read ---------------------------------------------------------------------

def test_queue_rows_say_the_state_with_its_ground_and_the_details(session, make_session, commune):
    ds = make_session(stage="invited")
    first, second = registrations.queue(session, ds.id)
    extra = _add(session, ds, "Lò Văn Sáng", phone="0912345678", cccd=VALID_CCCD, gender="nam",
                 speaks_for="nhom_ho", speaks_for_count=12, addressed_agency_id=commune.police.id)
    code = "gay_roi"
    registrations.refuse(session, second.id, code, "Không đúng chủ đề")
    registrations.merge(session, extra.id, first.id)
    rows = {r.id: r for r in registrations.queue_rows(session, ds.id)}
    assert [r.id for r in rows.values()] == [first.id, second.id, extra.id]
    assert rows[second.id].state_text.startswith("Từ chối: Người có hành vi gây rối") and rows[second.id].closed
    assert rows[second.id].refusal_note == "Không đúng chủ đề"
    assert rows[extra.id].state_text == f"Đã gộp vào đăng ký của {first.citizen_name}"
    sang = rows[extra.id]
    assert (sang.gender, sang.phone, sang.cccd, sang.addressed_to) == ("Nam", "0912345678", VALID_CCCD, "Công an xã")
    assert sang.speaks_for == "Nhóm hộ (12)" and sang.place == ""
    assert rows[first.id].place == "Thôn Bản Lải" and rows[first.id].field == "Giao thông, hạ tầng"


def test_registration_input_reads_back_what_the_form_saved(session, planned, commune):
    data = RegistrationInput(citizen_name="Hà Thị Mai", content="Đề nghị làm cầu", birth_year=1980,
                             hamlet_id=commune.hamlets[2].id, phone="0987654321", received_date=dt.date(2026, 5, 2))
    reg = registrations.add_registration(session, planned.id, data)
    read, version = registrations.registration_input(session, reg.id)
    assert version == reg.version
    assert (read.citizen_name, read.content, read.birth_year, read.hamlet_id, read.phone, read.received_date) == (
        "Hà Thị Mai", "Đề nghị làm cầu", 1980, commune.hamlets[2].id, "0987654321", dt.date(2026, 5, 2))
    registrations.update_registration(session, reg.id, read, version)  # the same input saves as it is


def test_refusal_choice_offers_the_profiles_grounds(session, planned):
    reg = _add(session, planned, "Lò Văn Sáng", content="Hỏi về đất")
    choice = registrations.refusal_choice(session, reg.id)
    assert choice.registration.line() == f"{reg.queue_order}. Lò Văn Sáng"
    assert choice.registration.content == "Hỏi về đất"
    assert choice.reasons and all(_vietnamese(text) for text, _code in choice.reasons)
    assert choice.profile_name == planned.profile.name


def test_merge_candidates_and_merging_a_group(session, planned, commune):
    one = _add(session, planned, "Lò Văn Sáng", hamlet_id=commune.hamlets[0].id, content="Đường")
    two = _add(session, planned, "Lò văn Sáng", hamlet_id=commune.hamlets[0].id, content="Điện")
    other = _add(session, planned, "Hà Thị Mai")
    chosen, groups = registrations.merge_candidates(session, planned.id, [one.id, other.id, 999999])
    assert [r.id for r in chosen] == [one.id, other.id]
    assert [[r.id for r in g] for g in groups] == [[one.id, two.id]]
    registrations.merge_group(session, one.id, [one.id, two.id])
    assert two.state == "gop" and "Điện" in one.content
    assert registrations.merge_candidates(session, planned.id, [two.id]) == ([], [])


def test_speakers_list_leaves_out_refused_and_merged_and_personal_numbers(session, make_session, commune):
    ds = make_session(stage="invited")
    first, second = registrations.queue(session, ds.id)
    code = "gay_roi"
    registrations.refuse(session, second.id, code)
    group = _add(session, ds, "Hà Thị Mai", speaks_for="nhom_ho", speaks_for_count=5, phone="0912345678")
    listed = registrations.speakers_list(session, ds.id)
    assert listed.commune == "Xã Tân Đoàn" and listed.title == ds.title and listed.when == ds.planned_start
    assert [s.citizen_name for s in listed.speakers] == [first.citizen_name, "Hà Thị Mai"]
    assert listed.speakers[1].speaks_for == "nhóm hộ, 5 hộ/thành viên"
    assert "0912345678" not in repr(listed) and group.phone == "0912345678"


def test_one_speaking_numbering_for_the_page_the_printed_list_and_the_live_queue(session, make_session, commune):
    """Issue 14, item 9: after merges, a refusal and a priority walk-in the page said 1, 2, 3, 6, 7, 8, the
    printed list 1–6 and the live queue something else. One numbering now, without gaps."""
    ds = make_session(stage="invited")
    for name in ("Lò Văn Ba", "Hà Thị Bốn", "Lò Văn Năm", "Vi Văn Sáu", "Đinh Thị Bảy", "Mã Văn Tám"):
        _add(session, ds, name, hamlet_id=commune.hamlets[0].id)
    regs = registrations.queue(session, ds.id)  # 8 registrations
    registrations.merge(session, regs[4].id, regs[2].id)  # a duplicate merged into another
    registrations.refuse(session, regs[3].id, "gay_roi")
    minutes.start_meeting(session, ds.id, dt.datetime(2026, 6, 10, 8, 0))
    minutes.call_next(session, ds.id, dt.datetime(2026, 6, 10, 8, 10))  # the first speaks
    urgent = registrations.add_walk_in(session, ds.id, RegistrationInput(citizen_name="Người Ưu Tiên"),
                                       priority=True)
    page = {r.name: r.order for r in registrations.queue_rows(session, ds.id)}
    printed = {s.citizen_name: s.number for s in registrations.speakers_list(session, ds.id).speakers}
    live = {q.name: q.order for q in minutes.meeting_state(session, ds.id).queue}
    numbered = [r for r in registrations.queue_rows(session, ds.id) if r.order is not None]
    assert [r.order for r in numbered] == list(range(1, 8))  # 9 registrations, 2 closed: 1–7, no gap
    assert page[urgent.citizen_name] == 2  # right after the one speaking
    assert printed == {name: number for name, number in page.items() if number is not None}
    assert all(page[name] == number for name, number in live.items())
    assert page[regs[3].citizen_name] is None and page[regs[4].citizen_name] is None
    assert registrations.refusal_choice(session, regs[5].id).registration.line().startswith(f"{page['Vi Văn Sáu']}. ")

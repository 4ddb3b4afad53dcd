"""Regulation profiles (domain.md §3): the built-in four, copying, storing and validating them."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desk_app.domain.calendar import DayUnit
from desk_app.domain.errors import ValidationError
from desk_app.domain.profiles import (
    BUILTIN_PROFILES,
    DEFAULT_PROFILE_CODE,
    STANDARD_REFUSAL_REASONS,
    Anchor,
    DeadlineRule,
    Obligation,
    Profile,
    RefusalReason,
    builtin_profile,
    validate_profile,
)

W, C = DayUnit.WORKING, DayUnit.CALENDAR
S, N = Anchor.SESSION, Anchor.CONCLUSION_NOTICE
CODES = ["luat-2025", "hcm-935", "tam-duong-570", "gia-lai-553"]


def has_vietnamese_letter(text: str) -> bool:
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


# --- the built-in profiles ---------------------------------------------------------------------


def test_exactly_four_builtin_profiles():
    assert [p.code for p in BUILTIN_PROFILES] == CODES


def test_default_profile_is_the_2025_law():
    assert DEFAULT_PROFILE_CODE == "luat-2025"


@pytest.mark.parametrize("code", CODES)
def test_builtin_profile_looks_up_by_code(code):
    profile = builtin_profile(code)
    assert profile.code == code
    assert profile.built_in is True


def test_builtin_profile_unknown_code_is_refused():
    with pytest.raises(ValidationError) as err:
        builtin_profile("khong-co")
    assert "profile" in err.value.errors
    assert "khong-co" in err.value.message


# domain.md §3 table: (notice, conclusion, answer) as (days, unit); notice and conclusion count from the
# session date.
@pytest.mark.parametrize("code, notice, conclusion, answer, complex_days", [
    ("luat-2025", (7, C), (10, C), (20, W), None),
    ("hcm-935", (5, W), (10, W), (20, W), None),
    ("tam-duong-570", (7, W), (5, W), (15, W), 30),
    ("gia-lai-553", (5, W), (10, W), (20, W), None),
])
def test_builtin_counts_and_units(code, notice, conclusion, answer, complex_days):
    p = builtin_profile(code)
    assert (p.notice.days, p.notice.unit) == notice
    assert (p.conclusion.days, p.conclusion.unit) == conclusion
    assert (p.answer.days, p.answer.unit) == answer
    assert p.complex_answer_days == complex_days
    assert p.notice.anchor is S
    assert p.conclusion.anchor is S


@pytest.mark.parametrize("code, anchor", [
    ("luat-2025", N),  # "after the conclusion notice"
    ("hcm-935", N),  # "after the conclusion notice"
    ("tam-duong-570", S),  # "after the session"
    # gia-lai-553: the table does not name the anchor ("not fixed"), so it is not asserted here.
])
def test_builtin_answer_anchor(code, anchor):
    assert builtin_profile(code).answer.anchor is anchor


# Yearly obligations (domain.md §7): (who, count, periodic only, delegation counts, co-chair)
@pytest.mark.parametrize("code, expected", [
    ("luat-2025", {("chinh_quyen", 1, True, True, "hdnd"), ("dang_uy", 1, True, False, "")}),
    ("hcm-935", {("dang_uy", 1, True, False, ""), ("hdnd", 1, True, False, ""), ("ubnd", 1, True, False, "")}),
    ("tam-duong-570", {("ubnd", 1, True, False, "")}),
    ("gia-lai-553", {("dang_uy", 1, True, False, ""), ("hdnd", 1, True, False, ""), ("ubnd", 1, True, False, "")}),
])
def test_builtin_yearly_obligations(code, expected):
    obligations = builtin_profile(code).obligations
    assert {(o.who, o.count, o.periodic_only, o.delegation_allowed, o.co_chair) for o in obligations} == expected
    assert all(has_vietnamese_letter(o.basis) for o in obligations)


def test_older_custom_profile_gets_obligations_from_its_minimum():
    data = builtin_profile("hcm-935").to_dict()
    del data["obligations"]
    data.update(min_sessions_per_year=2, per_head=True)
    assert [(o.who, o.count) for o in Profile.from_dict(data).obligations] == [
        ("dang_uy", 2), ("hdnd", 2), ("ubnd", 2)]
    data["per_head"] = False
    assert [(o.who, o.count) for o in Profile.from_dict(data).obligations] == [("ubnd", 2)]


def test_tam_duong_has_the_internal_review_after_the_meeting():
    steps = builtin_profile("tam-duong-570").after_steps
    assert [(s.name, s.rule) for s in steps] == [
        ("Người chủ trì đánh giá, rút kinh nghiệm nội bộ", DeadlineRule(5, W, S))]
    assert all(not builtin_profile(code).after_steps for code in CODES if code != "tam-duong-570")


@pytest.mark.parametrize("code, fixed", [
    ("luat-2025", (True, True, False)),  # the law has no answer count: HCM's figure, not printed as the law's
    ("hcm-935", (True, True, True)),
    ("tam-duong-570", (True, True, True)),
    ("gia-lai-553", (False, False, False)),  # 000 fixes no day count at all
])
def test_rules_say_whether_their_text_fixes_the_count(code, fixed):
    p = builtin_profile(code)
    assert (p.notice.fixed_by_text, p.conclusion.fixed_by_text, p.answer.fixed_by_text) == fixed


@pytest.mark.parametrize("code", CODES)
def test_builtin_profile_is_complete_and_valid(code):
    p = builtin_profile(code)
    assert has_vietnamese_letter(p.name)
    assert has_vietnamese_letter(p.legal_basis)
    assert p.refusal_reasons
    assert p.default_legal_bases
    validate_profile(p)  # does not raise


def test_only_tam_duong_has_a_complex_case_count():
    assert [p.code for p in BUILTIN_PROFILES if p.complex_answer_days] == ["tam-duong-570"]


def test_answer_rule_for_complex_case():
    tam_duong, law = builtin_profile("tam-duong-570"), builtin_profile("luat-2025")
    assert tam_duong.answer_rule(True) == DeadlineRule(30, W, S)
    assert tam_duong.answer_rule(False) == DeadlineRule(15, W, S)
    assert law.answer_rule(True) == law.answer


# --- frozen -------------------------------------------------------------------------------------


@pytest.mark.parametrize("attribute, value", [("name", "Tên khác"), ("built_in", False),
                                              ("complex_answer_days", 99)])
def test_profile_is_frozen(attribute, value):
    profile = builtin_profile("luat-2025")
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(profile, attribute, value)


def test_deadline_rule_is_frozen():
    rule = builtin_profile("luat-2025").notice
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.days = 1


# --- storing and copying -------------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_to_dict_from_dict_round_trip(code):
    profile = builtin_profile(code)
    assert Profile.from_dict(profile.to_dict()) == profile


@pytest.mark.parametrize("code", CODES)
def test_to_dict_survives_json(code):
    profile = builtin_profile(code)
    assert Profile.from_dict(json.loads(json.dumps(profile.to_dict(), ensure_ascii=False))) == profile


def test_copy_as_gives_an_editable_copy():
    original = builtin_profile("tam-duong-570")
    copy = original.copy_as("xa-tan-doan", "Quy định riêng của xã Tân Đoàn")
    assert (copy.code, copy.name, copy.built_in) == ("xa-tan-doan", "Quy định riêng của xã Tân Đoàn", False)
    assert (copy.notice, copy.conclusion, copy.answer, copy.complex_answer_days) == (
        original.notice, original.conclusion, original.answer, original.complex_answer_days)
    assert copy.refusal_reasons == original.refusal_reasons
    assert original.built_in is True and original.code == "tam-duong-570"


# --- validate_profile -----------------------------------------------------------------------------


def custom(**changes) -> Profile:
    return dataclasses.replace(builtin_profile("tam-duong-570").copy_as("rieng", "Quy định riêng"), **changes)


def test_valid_custom_profile_passes():
    validate_profile(custom())


@pytest.mark.parametrize("changes, key", [
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"code": ""}, "code"),
    ({"notice": DeadlineRule(-1, W, S)}, "notice"),
    ({"notice": DeadlineRule(366, W, S)}, "notice"),
    ({"conclusion": DeadlineRule(-5, C, S)}, "conclusion"),
    ({"conclusion": DeadlineRule(400, C, S)}, "conclusion"),
    ({"answer": DeadlineRule(-1, W, S), "complex_answer_days": None}, "answer"),
    ({"answer": DeadlineRule(366, W, S), "complex_answer_days": None}, "answer"),
    ({"complex_answer_days": 10}, "complex_answer_days"),  # shorter than the normal 15
    ({"complex_answer_days": 366}, "complex_answer_days"),
    ({"obligations": ()}, "obligations"),
    ({"obligations": (Obligation("ubnd", 0),)}, "obligations"),
    ({"obligations": (Obligation("ubnd", 1), Obligation("ubnd", 2))}, "obligations"),
    ({"obligations": (Obligation("pho_chu_tich", 1),)}, "obligations"),
    ({"max_extensions": 0}, "max_extensions"),
    ({"max_extension_days": 400}, "max_extension_days"),
    ({"refusal_reasons": ()}, "refusal_reasons"),
])
def test_validate_profile_refuses(changes, key):
    with pytest.raises(ValidationError) as err:
        validate_profile(custom(**changes))
    assert key in err.value.errors
    assert has_vietnamese_letter(err.value.errors[key])
    assert err.value.errors[key] in err.value.message


@pytest.mark.parametrize("changes", [
    {"notice": DeadlineRule(0, W, S)},
    {"notice": DeadlineRule(365, W, S)},
    {"complex_answer_days": 15},  # equal to the normal count
    {"complex_answer_days": None},
])
def test_validate_profile_accepts_boundaries(changes):
    validate_profile(custom(**changes))


def test_validate_profile_reports_every_problem_at_once():
    with pytest.raises(ValidationError) as err:
        validate_profile(custom(name="", obligations=(), refusal_reasons=()))
    assert {"name", "obligations", "refusal_reasons"} <= set(err.value.errors)


# --- refusal reasons ----------------------------------------------------------------------------


def test_refusal_text_known_code():
    text = builtin_profile("luat-2025").refusal_text("gay_roi")
    assert text == "Người có hành vi gây rối trật tự công cộng tại nơi tổ chức tiếp xúc, đối thoại"


def test_refusal_text_uses_the_profile_own_wording():
    assert builtin_profile("gia-lai-553").refusal_text("chat_kich_thich") == (
        "Người say rượu, sử dụng chất kích thích")


def test_refusal_text_falls_back_to_the_standard_list():
    # Gia Lai's list has no "bi_khoi_to"; a stored code still reads as the standard wording.
    standard = {r.code: r.text for r in STANDARD_REFUSAL_REASONS}
    assert builtin_profile("gia-lai-553").refusal_text("bi_khoi_to") == standard["bi_khoi_to"]


def test_refusal_text_unknown_code():
    with pytest.raises(ValidationError) as err:
        builtin_profile("luat-2025").refusal_text("khong_ro")
    assert "refusal_reason" in err.value.errors
    assert "khong_ro" in err.value.message
    assert has_vietnamese_letter(err.value.message)


def test_standard_refusal_reasons_are_the_grounds_of_001_dieu_5():
    # 001 Điều 5: no civil capacity; prosecuted; disorder; drugs/alcohol; not cooperative; "Nội dung không phù hợp"
    assert len(STANDARD_REFUSAL_REASONS) == 6
    assert len({r.code for r in STANDARD_REFUSAL_REASONS}) == 6
    assert all(isinstance(r, RefusalReason) and has_vietnamese_letter(r.text) for r in STANDARD_REFUSAL_REASONS)
    assert STANDARD_REFUSAL_REASONS[-1].text == "Nội dung không phù hợp"


@pytest.mark.parametrize("code", CODES)
def test_no_profile_refuses_an_off_topic_question(code):
    # 001 Điều 18.4: an off-topic question is handled tactfully, never a ground to refuse; 000 VI.3 has none.
    for reason in builtin_profile(code).refusal_reasons:
        assert "chủ đề" not in reason.text


def test_gia_lai_refuses_only_on_the_grounds_of_000_vi_3():
    assert [r.code for r in builtin_profile("gia-lai-553").refusal_reasons] == [
        "chat_kich_thich", "khong_nang_luc", "gay_roi"]


def test_a_stored_refusal_under_a_retired_wording_still_reads():
    assert builtin_profile("gia-lai-553").refusal_text("noi_dung_khong_phu_hop") == "Nội dung không phù hợp"


# --- DeadlineRule.describe ------------------------------------------------------------------------


@pytest.mark.parametrize("rule, before, text", [
    (DeadlineRule(5, W, S), True, "ít nhất 05 ngày làm việc trước ngày tổ chức hội nghị"),
    (DeadlineRule(7, C, S), True, "ít nhất 07 ngày trước ngày tổ chức hội nghị"),
    (DeadlineRule(10, C, S), False, "chậm nhất 10 ngày kể từ ngày tổ chức hội nghị"),
    (DeadlineRule(20, W, N), False, "chậm nhất 20 ngày làm việc kể từ ngày thông báo kết luận"),
    (DeadlineRule(15, W, S), False, "chậm nhất 15 ngày làm việc kể từ ngày tổ chức hội nghị"),
])
def test_deadline_rule_describe(rule, before, text):
    assert rule.describe(before=before) == text


def test_profile_saved_without_refusal_reasons_gets_the_standard_ones():
    data = builtin_profile("hcm-935").to_dict()
    del data["refusal_reasons"]
    assert Profile.from_dict(data).refusal_reasons == STANDARD_REFUSAL_REASONS
    data["refusal_reasons"] = []
    assert Profile.from_dict(data).refusal_reasons == STANDARD_REFUSAL_REASONS

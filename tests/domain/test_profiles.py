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


@pytest.mark.parametrize("code", CODES)
def test_builtin_minimum_one_session_a_year(code):
    assert builtin_profile(code).min_sessions_per_year == 1


def test_hcm_minimum_applies_per_head():
    assert builtin_profile("hcm-935").per_head is True


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
    ({"min_sessions_per_year": 0}, "min_sessions_per_year"),
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
        validate_profile(custom(name="", min_sessions_per_year=0, refusal_reasons=()))
    assert {"name", "min_sessions_per_year", "refusal_reasons"} <= set(err.value.errors)


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


def test_standard_refusal_reasons_cover_the_six_grounds():
    # 001 Điều 5: no civil capacity, prosecuted, disorder, drunk/drugs, not cooperative, off-topic.
    assert len(STANDARD_REFUSAL_REASONS) == 6
    assert len({r.code for r in STANDARD_REFUSAL_REASONS}) == 6
    assert all(isinstance(r, RefusalReason) and has_vietnamese_letter(r.text) for r in STANDARD_REFUSAL_REASONS)


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

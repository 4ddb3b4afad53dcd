"""The demo petition catalogue: clean Vietnamese text, placeholders, fields, agencies and outcome codes."""

from __future__ import annotations

import string
import unicodedata

import pytest

from desk_app.domain.states import Outcome
from desk_app.services import demo_petitions as dp

KEYS = {"content", "answer", "conclusion", "lead", "outcome", "resolution", "complex"}
ALLOWED_OUTCOMES = {"tra_loi_tai_hoi_nghi", "giao_giai_quyet", "de_nghi_cap_tren", "khong_thuoc_tham_quyen"}
REFUSAL_CODES = {"khong_nang_luc", "bi_khoi_to", "gay_roi", "chat_kich_thich", "khong_hop_tac",
                 "noi_dung_khong_phu_hop"}
PLACEHOLDERS = {"hamlet", "hamlet2"}
EXPECTED_FIELDS = [
    "Đất đai", "Môi trường", "Giao thông, hạ tầng", "Thủy lợi", "Điện, nước sinh hoạt", "An ninh, trật tự",
    "Chính sách, an sinh xã hội", "Y tế", "Giáo dục", "Văn hóa, xã hội", "Nông nghiệp", "Cải cách hành chính",
    "Cán bộ, đảng viên", "Khác",
]


def _strings(value):
    """Every string in a nested structure of dicts, tuples and lists (dict keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _strings(item)


def _all_templates():
    return [t for templates in dp.PETITION_TEMPLATES.values() for t in templates]


DATA = {
    "LEAD_AGENCIES": dp.LEAD_AGENCIES,
    "FIELDS": dp.FIELDS,
    "PETITION_TEMPLATES": dp.PETITION_TEMPLATES,
    "EXTENSION_REASONS": dp.EXTENSION_REASONS,
    "REFUSAL_NOTES": dp.REFUSAL_NOTES,
    "WALK_IN_OPINIONS": dp.WALK_IN_OPINIONS,
}


@pytest.mark.parametrize("name", sorted(DATA))
def test_every_string_is_nfc_trimmed_and_single_spaced(name):
    texts = list(_strings(DATA[name]))
    assert texts
    for text in texts:
        assert text, f"{name}: empty string"
        assert unicodedata.normalize("NFC", text) == text, f"{name}: not NFC: {text!r}"
        assert text == text.strip(), f"{name}: not trimmed: {text!r}"
        assert "  " not in text and "\n" not in text and "\t" not in text, f"{name}: stray whitespace: {text!r}"


def _format_fields(text):
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_templates_format_with_hamlets_only():
    texts = [v for t in _all_templates() for v in t.values() if isinstance(v, str)]
    texts += list(dp.WALK_IN_OPINIONS)
    for text in texts:
        assert _format_fields(text) <= PLACEHOLDERS, text
        formatted = text.format(hamlet="Thôn A", hamlet2="Thôn B")
        assert "{" not in formatted and "}" not in formatted, text


@pytest.mark.parametrize("name", ["LEAD_AGENCIES", "FIELDS", "EXTENSION_REASONS"])
def test_plain_lists_have_no_placeholders(name):
    for text in DATA[name]:
        assert not _format_fields(text), text


def test_refusal_notes_have_no_placeholders():
    for text in dp.REFUSAL_NOTES.values():
        assert not _format_fields(text), text


def test_lead_agencies():
    assert dp.LEAD_AGENCIES == (
        "Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công",
        "Công an xã", "Ban Chỉ huy quân sự xã", "Trạm Y tế xã", "Ủy ban MTTQ xã", "Hội Nông dân xã",
        "Hội Liên hiệp Phụ nữ xã", "UBND tỉnh", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng",
        "Công ty Điện lực tỉnh",
    )


def test_fields_in_order():
    assert list(dp.FIELDS) == EXPECTED_FIELDS
    assert list(dp.PETITION_TEMPLATES) == list(dp.FIELDS)


def test_fields_match_the_default_catalogue():
    from desk_app.store.seed import DEFAULT_FIELDS

    assert tuple(dp.FIELDS) == tuple(DEFAULT_FIELDS)


@pytest.mark.parametrize("field", EXPECTED_FIELDS)
def test_each_field_has_enough_templates(field):
    templates = dp.PETITION_TEMPLATES[field]
    assert isinstance(templates, tuple)
    assert len(templates) >= 3
    if field in ("Cán bộ, đảng viên", "Khác"):
        assert len(templates) == 3
    else:
        assert 5 <= len(templates) <= 8


def test_template_keys_and_types():
    for template in _all_templates():
        assert set(template) == KEYS, template
        assert isinstance(template["complex"], bool)
        for key in KEYS - {"complex"}:
            assert isinstance(template[key], str) and template[key], (key, template)


def test_leads_are_known_agencies():
    for template in _all_templates():
        assert template["lead"] in dp.LEAD_AGENCIES, template["lead"]


def test_outcomes_are_allowed_and_all_appear():
    outcomes = [t["outcome"] for t in _all_templates()]
    assert set(outcomes) <= ALLOWED_OUTCOMES
    assert set(outcomes) == ALLOWED_OUTCOMES
    assert {o.value for o in Outcome} == ALLOWED_OUTCOMES  # kept equal to the domain's codes


def test_outcomes_are_mixed_and_about_half_assigned():
    templates = _all_templates()
    assigned = sum(t["outcome"] == "giao_giai_quyet" for t in templates)
    assert 0.4 <= assigned / len(templates) <= 0.65
    for field, items in dp.PETITION_TEMPLATES.items():
        assert len({t["outcome"] for t in items}) >= 2, field


def test_conclusions_have_no_literal_dates():
    import re

    date = re.compile(r"\d{1,2}/\d{1,2}(/\d{2,4})?|\bngày \d|\bnăm \d{4}")
    for template in _all_templates():
        assert not date.search(template["conclusion"]), template["conclusion"]


def test_refusal_notes_codes():
    assert set(dp.REFUSAL_NOTES) == REFUSAL_CODES
    from desk_app.domain.profiles import STANDARD_REFUSAL_REASONS

    assert {r.code for r in STANDARD_REFUSAL_REASONS} == REFUSAL_CODES


def test_extension_reasons_and_walk_ins():
    assert len(dp.EXTENSION_REASONS) == 6
    assert len(set(dp.EXTENSION_REASONS)) == 6
    assert len(dp.WALK_IN_OPINIONS) == 6
    assert len(set(dp.WALK_IN_OPINIONS)) == 6


def test_contents_are_distinct():
    contents = [t["content"] for t in _all_templates()]
    assert len(contents) == len(set(contents))

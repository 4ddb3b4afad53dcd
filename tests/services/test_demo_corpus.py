"""The demo corpus: clean Vietnamese text, well-formed templates, consistent catalogues, names."""

from __future__ import annotations

import random
import re
import string
import unicodedata

import pytest

from desk_app.services import demo_corpus as dc

CONSTANTS = [name for name in dc.__all__ if name.isupper()]
ALLOWED_FIELDS = {"hamlet", "year", "place"}
DUMMIES = {"hamlet": "Thôn Bản Lải", "year": 2026, "place": "Tân Đoàn"}
REQUIRED_SHORT_NAMES = {
    "Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công",
    "Công an xã", "Ban Chỉ huy quân sự xã", "Trạm Y tế xã", "Ủy ban MTTQ xã", "Hội Nông dân xã",
    "Hội Liên hiệp Phụ nữ xã", "Đoàn Thanh niên xã", "Hội Cựu chiến binh xã", "UBND tỉnh",
    "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Công ty Điện lực tỉnh",
}


def _strings(value, where):
    """Yield (location, string) for every string inside ``value``, keys included."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, f"{where}[key]")
            yield from _strings(item, f"{where}[{key!r}]")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


ALL_STRINGS = [pair for name in CONSTANTS for pair in _strings(getattr(dc, name), name)]


def _fields(text):
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_all_constants_exist_and_are_not_empty():
    assert len(CONSTANTS) == 23
    for name in CONSTANTS:
        assert getattr(dc, name), name
    assert len(ALL_STRINGS) > 300


@pytest.mark.parametrize("where,text", ALL_STRINGS, ids=[w for w, _ in ALL_STRINGS])
def test_every_string_is_nfc_trimmed_and_clean(where, text):
    assert text, where
    assert unicodedata.normalize("NFC", text) == text, where
    assert text == text.strip(), where
    assert "  " not in text, where
    assert "\t" not in text and "\r" not in text, where
    for paragraph in text.split("\n"):
        assert paragraph and paragraph == paragraph.strip(), where


@pytest.mark.parametrize("where,text", ALL_STRINGS, ids=[w for w, _ in ALL_STRINGS])
def test_templates_use_only_known_placeholders(where, text):
    assert _fields(text) <= ALLOWED_FIELDS, where
    formatted = text.format(**DUMMIES)
    assert "{" not in formatted and "}" not in formatted, where


def test_placeholders_where_expected():
    assert set(dc.SESSION_TITLES) == {"dang_uy", "hdnd", "ubnd", "lien_tich"}
    for titles in dc.SESSION_TITLES.values():
        assert len(titles) == 2
        for title in titles:
            assert _fields(title) == {"year", "place"}
            assert "xã Tân Đoàn" in title.format(**DUMMIES)
    assert len(dc.BRIDGE_POINTS) == 3
    assert all(_fields(point) == {"hamlet"} for point in dc.BRIDGE_POINTS)
    assert any(_fields(place) == {"hamlet"} for place in dc.PLACES)
    assert any(not _fields(place) for place in dc.PLACES)
    assert len(dc.TARGET_AUDIENCES) == 3
    assert all(_fields(text) <= {"hamlet"} for text in dc.TARGET_AUDIENCES)
    plain = ["PURPOSES", "REQUIREMENTS", "CONTENT_TOPICS", "GENERAL_CONCLUSIONS", "HEAD_INFORMS",
             "THEMATIC_TOPICS", "TASK_TEMPLATES", "PARTICIPANTS_TEXT", "COMMUNES", "OFFICIALS", "AGENCIES"]
    for name in plain:
        for where, text in _strings(getattr(dc, name), name):
            assert not _fields(text), where


def test_plan_text_counts_and_paragraphs():
    assert len(dc.PURPOSES) == 2
    assert len(dc.REQUIREMENTS) == 2
    assert len(dc.CONTENT_TOPICS) == 3
    assert len(dc.GENERAL_CONCLUSIONS) == 3
    assert len(dc.HEAD_INFORMS) == 2
    assert len(dc.THEMATIC_TOPICS) == 4
    for text in dc.PURPOSES + dc.REQUIREMENTS + dc.CONTENT_TOPICS + dc.GENERAL_CONCLUSIONS + dc.HEAD_INFORMS:
        assert text.count("\n") >= 1
        # no district level any more
        assert "huyện" not in text.lower()


def test_communes():
    assert len(dc.COMMUNES) == 3
    assert dc.COMMUNES[0]["name"] == "Xã Tân Đoàn"
    assert dc.COMMUNES[0]["province"] == "Tỉnh Lạng Sơn"
    keys = {"name", "kind", "code", "province", "place_name", "party_superior", "hamlets",
            "superior_recipients"}
    provinces = set()
    for commune in dc.COMMUNES:
        assert set(commune) == keys
        assert commune["kind"] == "xã"
        assert re.fullmatch(r"\d{5}", commune["code"])
        assert commune["name"] == f"Xã {commune['place_name']}"
        assert commune["province"].startswith("Tỉnh ")
        assert commune["party_superior"] == "Đảng bộ " + commune["province"][0].lower() + commune["province"][1:]
        assert 8 <= len(commune["hamlets"]) <= 12
        assert len(set(commune["hamlets"])) == len(commune["hamlets"])
        prefix = "Ấp " if commune["hamlets"][0].startswith("Ấp ") else "Thôn "
        assert all(h.startswith(prefix) for h in commune["hamlets"])
        assert {"Thường trực Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "UBND tỉnh"} <= set(
            commune["superior_recipients"])
        provinces.add(commune["province"])
    assert len(provinces) == 3
    assert len({c["code"] for c in dc.COMMUNES}) == 3
    assert [dc.hamlet_word(c) for c in dc.COMMUNES] == ["thôn", "ấp", "thôn"]


def test_localize_turns_thon_into_ap_for_the_delta_commune():
    delta = dc.COMMUNES[1]
    assert dc.localize("Trưởng các thôn", delta) == "Trưởng các ấp"
    assert dc.localize("Thôn Bản Lải; nông thôn mới", delta) == "Ấp Bản Lải; nông thôn mới"
    assert dc.localize("Trưởng các thôn", dc.COMMUNES[0]) == "Trưởng các thôn"
    for where, text in ALL_STRINGS:
        localized = dc.localize(text, delta)
        assert not re.search(r"\bthôn\b", localized.lower().replace("nông thôn", "")), where
        assert unicodedata.normalize("NFC", localized) == localized


def test_officials_heads():
    assert len(dc.OFFICIALS) >= 10
    keys = {"title", "body", "gender", "is_party_head", "is_council_head", "is_committee_head"}
    for official in dc.OFFICIALS:
        assert set(official) == keys
        assert official["body"] in {"dang_uy", "hdnd", "ubnd", "mttq", "van_phong", "khac"}
        assert official["gender"] in {"nam", "nu"}
    heads = {}
    for flag, body in (("is_party_head", "dang_uy"), ("is_council_head", "hdnd"),
                       ("is_committee_head", "ubnd")):
        holders = [i for i, o in enumerate(dc.OFFICIALS) if o[flag]]
        assert len(holders) == 1, flag
        assert dc.OFFICIALS[holders[0]]["body"] == body
        heads[flag] = holders[0]
    assert len(set(heads.values())) == 3
    titles = [o["title"] for o in dc.OFFICIALS]
    assert titles.count("Phó Chủ tịch UBND xã") == 2
    assert "Chuyên viên Văn phòng HĐND và UBND xã" in titles
    assert "Chủ tịch Ủy ban MTTQ Việt Nam xã" in titles


def test_agencies():
    short_names = [a["short_name"] for a in dc.AGENCIES]
    assert REQUIRED_SHORT_NAMES <= set(short_names)
    assert len(short_names) == len(set(short_names))
    assert len({a["name"] for a in dc.AGENCIES}) == len(dc.AGENCIES)
    for agency in dc.AGENCIES:
        assert set(agency) == {"name", "short_name", "kind", "head_title"}
        assert agency["kind"] in {"chuyen_mon", "cong_an", "co_quan_dang", "mttq_doan_the", "cap_tren", "khac"}
    by_short = {a["short_name"]: a for a in dc.AGENCIES}
    for name in ("UBND tỉnh", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Công ty Điện lực tỉnh"):
        assert by_short[name]["kind"] == "cap_tren"
    assert by_short["Công an xã"]["kind"] == "cong_an"
    assert by_short["Ủy ban MTTQ xã"]["name"] == "Ủy ban Mặt trận Tổ quốc Việt Nam xã"


def test_task_templates_name_known_agencies():
    known = {a["short_name"] for a in dc.AGENCIES} | {"Trưởng các thôn"}
    names = [name for name, _ in dc.TASK_TEMPLATES]
    assert all(len(item) == 2 for item in dc.TASK_TEMPLATES)
    assert set(names) <= known
    for required in ("Văn phòng HĐND và UBND", "Công an xã", "Ủy ban MTTQ xã", "Phòng Kinh tế",
                     "Phòng Văn hóa - Xã hội", "Trưởng các thôn"):
        assert required in names
    tasks = dict(dc.TASK_TEMPLATES)
    assert tasks["Ủy ban MTTQ xã"].startswith("Đề nghị")
    assert "truyền thanh" in tasks["Phòng Văn hóa - Xã hội"]


def test_name_lists():
    assert dc.FAMILY_NAMES.count("Nguyễn") > max(
        dc.FAMILY_NAMES.count(n) for n in set(dc.FAMILY_NAMES) - {"Nguyễn"})
    for family in ("Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
                   "Ngô", "Dương", "Lý", "Nông", "Lương", "Hà", "Lò", "Triệu"):
        assert family in dc.FAMILY_NAMES
    assert dc.FAMILY_NAMES.count("Trần") > dc.FAMILY_NAMES.count("Lê") > dc.FAMILY_NAMES.count("Phạm")
    assert "Văn" in dc.MIDDLE_NAMES_MALE and "Thị" in dc.MIDDLE_NAMES_FEMALE
    tone_marks = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # huyền, sắc, hỏi, ngã, nặng
    for givens in (dc.GIVEN_NAMES_MALE, dc.GIVEN_NAMES_FEMALE):
        assert len(givens) >= 40
        assert len(set(givens)) == len(givens)
        joined = "".join(givens)
        assert "Đ" in joined or "đ" in joined
        assert "ư" in joined and "ơ" in joined
        decomposed = unicodedata.normalize("NFD", joined)
        assert tone_marks <= set(decomposed)
        assert any(not (set(unicodedata.normalize("NFD", g)) & tone_marks) for g in givens)  # ngang
    for name in dc.FAMILY_NAMES + dc.MIDDLE_NAMES_MALE + dc.MIDDLE_NAMES_FEMALE + dc.GIVEN_NAMES_MALE \
            + dc.GIVEN_NAMES_FEMALE:
        assert re.fullmatch(r"[^\W\d_]+", name), name
        assert name[0].isupper() and name[1:].islower(), name


def test_full_name_is_deterministic_and_varied():
    for seed in (0, 1, 42):
        a, b = random.Random(seed), random.Random(seed)
        assert [dc.full_name(a, g) for g in ("nam", "nu") * 50] == [dc.full_name(b, g) for g in ("nam", "nu") * 50]
    assert dc.full_name(random.Random(1), "nam") != dc.full_name(random.Random(2), "nam") or \
        dc.full_name(random.Random(3), "nam") != dc.full_name(random.Random(4), "nam")
    rng = random.Random(7)
    names = [dc.full_name(rng, "nam" if i % 2 else "nu") for i in range(5000)]
    assert len(set(names)) > 2000
    for name in names[:200]:
        assert len(name.split(" ")) == 3
        assert unicodedata.normalize("NFC", name) == name
    female = dc.full_name(random.Random(5), "nu")
    assert female.split(" ")[1] in dc.MIDDLE_NAMES_FEMALE
    assert dc.full_name(random.Random(5), "nữ") == female
    with pytest.raises(ValueError):
        dc.full_name(random.Random(5), "other")

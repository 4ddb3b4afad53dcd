"""Vietnamese text helpers: cleaning, folding, collation, names, file names."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain.text import (
    clean_text,
    fold,
    sort_key,
    sort_key_for_name,
    strip_accents_filename,
    title_name,
    vi_upper,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# --- clean_text --------------------------------------------------------------------------------


class TestCleanText:
    def test_none_is_empty(self):
        assert clean_text(None) == ""
        assert clean_text(None, multiline=True) == ""

    def test_nfd_input_becomes_nfc(self):
        name = "Nguyễn Văn Đức Trường Hoà Thuỵ"
        assert nfd(name) != name
        assert clean_text(nfd(name)) == nfc(name)
        assert unicodedata.is_normalized("NFC", clean_text(nfd(name)))

    def test_mixed_composed_and_decomposed(self):
        mixed = "Nguy" + nfd("ễ") + "n V" + "ă" + "n"
        assert clean_text(mixed) == "Nguyễn Văn"

    def test_control_characters_removed(self):
        assert clean_text("a\x00b\x07c\x1bd\x7fe") == "abcde"

    def test_format_characters_removed(self):
        # zero-width space, BOM, soft hyphen, left-to-right mark, word joiner
        assert clean_text("\ufeffNguy\u200bễn\u00ad V\u200ean\u2060") == "Nguyễn Van"

    def test_invisible_between_letter_and_mark_does_not_block_composition(self):
        assert clean_text("e\u200b\u0302") == "ê"

    def test_unicode_spaces_become_plain(self):
        assert clean_text("Lê\u00a0Văn\u2003Tám\u202fx\u3000y") == "Lê Văn Tám x y"

    def test_single_line_collapses_whitespace(self):
        assert clean_text("  Trần \t\t Thị\r\n  Lan \n") == "Trần Thị Lan"

    def test_emoji_kept(self):
        assert clean_text("Xin chào 👋 🇻🇳") == "Xin chào 👋 🇻🇳"

    def test_multiline_keeps_newlines_and_tabs(self):
        assert clean_text("Dòng 1\n\tDòng 2", multiline=True) == "Dòng 1\n\tDòng 2"

    def test_multiline_converts_cr(self):
        assert clean_text("a\r\nb\rc", multiline=True) == "a\nb\nc"

    def test_multiline_strips_trailing_spaces_and_collapses_blank_lines(self):
        raw = "  \n Ý kiến 1:   \r\n\r\n\r\n\r\nÝ kiến 2:\u00a0\n \n \n\nKết luận  \n\n"
        assert clean_text(raw, multiline=True) == "Ý kiến 1:\n\nÝ kiến 2:\n\nKết luận"

    def test_multiline_keeps_one_blank_line(self):
        assert clean_text("a\n\nb", multiline=True) == "a\n\nb"

    def test_multiline_removes_controls_except_newline_and_tab(self):
        assert clean_text("a\x00\tb\x0b\nc", multiline=True) == "a\tb\n\nc"

    def test_unicode_line_separators(self):
        assert clean_text("a\u2028b\u2029c") == "a b c"
        assert clean_text("a\u2028b", multiline=True) == "a\nb"

    def test_lone_surrogate_removed(self):
        assert clean_text("a\ud800b") == "ab"

    def test_already_clean_unchanged(self):
        assert clean_text("Ủy ban nhân dân xã") == "Ủy ban nhân dân xã"


# --- fold --------------------------------------------------------------------------------------


class TestFold:
    def test_examples(self):
        assert fold("Nguyễn Văn Đức") == "nguyen van duc"
        assert fold("NGUYỄN  văn  đức") == "nguyen van duc"

    def test_decomposed_input(self):
        assert fold(nfd("Nguyễn Văn Đức")) == "nguyen van duc"
        assert fold(nfd("Thuỷ")) == fold("Thủy") == "thuy"

    def test_all_vowels(self):
        assert fold("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ") == "a" * 17
        assert fold("èéẻẽẹêềếểễệ ìíỉĩị") == "e" * 11 + " " + "i" * 5
        assert fold("òóỏõọôồốổỗộơờớởỡợ") == "o" * 17
        assert fold("ùúủũụưừứửữự ỳýỷỹỵ") == "u" * 11 + " " + "y" * 5
        assert fold("đĐ") == "dd"

    def test_none_and_blank(self):
        assert fold(None) == ""
        assert fold("  \t ") == ""

    def test_search_use(self):
        assert fold("huỷ") in fold("Quyết định HUỶ bỏ")
        assert fold("dat dai") in fold("Tranh chấp đất đai ở thôn 3")

    def test_legacy_eth_as_d(self):
        assert fold("\u00d0ức") == "duc"


# --- sort_key ----------------------------------------------------------------------------------

# Worked out by hand from the rules (base letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
# v x y, then tones, then case; digits before letters).
EXPECTED_ORDER = [
    "2024",
    "an",
    "An",  # same letters and tone as "an": lower case first
    "Anh",  # "an" is a prefix of "anh"
    "Ánh",  # same letters as "Anh", sắc after ngang
    "Ăn",  # a < ă at the first letter
    "Ân",  # ă < â
    "ba",
    "Bảo",  # "ba" is a prefix of "bao"
    "Bình",
    "Chi",
    "Cường",  # h < ư
    "Dung",
    "Dũng",  # same letters as "Dung", ngã after ngang
    "Duy",  # n < y at the third letter
    "Dương",  # u < ư at the second letter
    "Đào",  # d < đ
    "Đức",
    "Em",
    "Ê",  # e < ê
    "Gia",
    "Giang",
    "Ha",
    "Hà",
    "Nga",
    "Ngọc",
    "Nguyên",
    "Nguyễn",
    "Oanh",
    "Ô",
    "Ơ",
    "P",
    "U",
    "Ư",
    "V",
    "Xuân",
    "Y",
]


class TestSortKey:
    def test_expected_order_from_shuffled(self):
        for seed in range(5):
            words = EXPECTED_ORDER[:]
            random.Random(seed).shuffle(words)
            assert sorted(words, key=sort_key) == EXPECTED_ORDER

    def test_expected_order_from_reversed(self):
        assert sorted(reversed(EXPECTED_ORDER), key=sort_key) == EXPECTED_ORDER

    def test_decomposed_input_sorts_the_same(self):
        words = [nfd(w) for w in reversed(EXPECTED_ORDER)]
        assert [nfc(w) for w in sorted(words, key=sort_key)] == EXPECTED_ORDER

    def test_nfc_and_nfd_keys_equal(self):
        for w in EXPECTED_ORDER:
            assert sort_key(nfd(w)) == sort_key(w)

    def test_tone_order(self):
        tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
        assert sorted(reversed(tones), key=sort_key) == tones
        tones_e = ["mê", "mề", "mể", "mễ", "mế", "mệ"]
        assert sorted(reversed(tones_e), key=sort_key) == tones_e

    def test_letter_before_tone(self):
        # all tones of "ma" come before any "mă"/"mâ", which come before "mb"
        words = ["mạ", "má", "ma", "mặ", "mă", "mấ", "mâ", "mb"]
        assert sorted(words, key=sort_key) == ["ma", "má", "mạ", "mă", "mặ", "mâ", "mấ", "mb"]

    def test_specific_pairs(self):
        assert sort_key("Dung") < sort_key("Dũng") < sort_key("Đức")
        assert sort_key("Dzung") < sort_key("Đa")  # anything starting with d before đ
        assert sort_key("Ô") < sort_key("Ơ") < sort_key("P")
        assert sort_key("U") < sort_key("Ư") < sort_key("V")
        assert sort_key("An") < sort_key("Anh") < sort_key("Ăn") < sort_key("Ân")

    def test_tone_sequence_compared_after_all_letters(self):
        # letters differ later ("ma ma" vs "mà mb"): letters decide, not the first tone
        assert sort_key("mà ma") < sort_key("ma mb")
        # letters equal: tones compared syllable by syllable
        words = ["mà ma", "ma mà", "ma ma", "mà mà"]
        assert sorted(words, key=sort_key) == ["ma ma", "ma mà", "mà ma", "mà mà"]

    def test_case_only_after_tones(self):
        assert sort_key("an") < sort_key("An")
        assert sort_key("Ma") < sort_key("mà")  # tone decides before case
        assert sort_key("ăn") < sort_key("Ăn")
        assert sort_key("An") < sort_key("ăn")  # letter decides before case
        assert sorted(["Đ", "đ", "D", "d"], key=sort_key) == ["d", "D", "đ", "Đ"]

    def test_latin_letters_in_place(self):
        words = ["z", "y", "x", "w", "v", "f", "j", "e", "g", "i", "k"]
        assert sorted(words, key=sort_key) == ["e", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z"]

    def test_space_and_punctuation_first_digits_before_letters(self):
        assert sort_key("An") < sort_key("An Bình") < sort_key("Anh")
        assert sort_key("") < sort_key("-") < sort_key("0") < sort_key("a")
        assert sort_key("a b") < sort_key("a-b") < sort_key("a0") < sort_key("aa")
        assert sort_key("9") < sort_key("A")

    def test_numbers_in_natural_order(self):
        names = ["Thôn 10", "Thôn 2", "Thôn 1", "Thôn 12", "Thôn Đông", "Thôn 3A"]
        assert sorted(names, key=sort_key) == [
            "Thôn 1",
            "Thôn 2",
            "Thôn 3A",
            "Thôn 10",
            "Thôn 12",
            "Thôn Đông",
        ]

    def test_old_and_new_tone_placement_tie_before_final_tiebreak(self):
        # "hoà" / "hòa": same letters and same tone; only the last-resort level differs
        assert sort_key("hoà")[:4] == sort_key("hòa")[:4]
        assert sort_key("Hòa") < sort_key("Hoàng")

    def test_none(self):
        assert sort_key(None) == sort_key("")

    def test_whitespace_variants_equal(self):
        assert sort_key("  Trần\u00a0 Văn  ") == sort_key("Trần Văn")


# --- names -------------------------------------------------------------------------------------


class TestNames:
    def test_name_sort_by_given_name_first(self):
        people = [
            "Nguyễn Thị Bình",
            "Trần Văn An",
            "Hoàng Thị Ân",
            "Lê Văn An",
            "Phạm Minh Ánh",
            "Đặng Văn Đức",
            "Nguyễn Dũng",
            "Hùng",
            "Võ Thị Út",
        ]
        assert sorted(people, key=sort_key_for_name) == [
            "Lê Văn An",  # An, then by family + middle name: "Lê Văn" < "Trần Văn"
            "Trần Văn An",
            "Phạm Minh Ánh",  # same letters as An, sắc tone
            "Hoàng Thị Ân",  # â after a
            "Nguyễn Thị Bình",
            "Nguyễn Dũng",
            "Đặng Văn Đức",
            "Hùng",
            "Võ Thị Út",
        ]

    def test_name_key_handles_blank_and_untidy(self):
        assert sort_key_for_name(None) == sort_key_for_name("")
        assert sort_key_for_name("  Trần   Văn  An ") == sort_key_for_name("Trần Văn An")
        assert sort_key_for_name(nfd("Trần Văn An")) == sort_key_for_name("Trần Văn An")

    def test_vi_upper(self):
        assert vi_upper("nguyễn văn đức") == "NGUYỄN VĂN ĐỨC"
        assert vi_upper(nfd("ủy ban nhân dân xã ơ ư")) == "ỦY BAN NHÂN DÂN XÃ Ơ Ư"
        assert vi_upper(None) == ""

    def test_title_name(self):
        assert title_name("nguyễn văn đức") == "Nguyễn Văn Đức"
        assert title_name(nfd("nguyễn văn đức")) == "Nguyễn Văn Đức"
        assert title_name("  ông   ích  khiêm ") == "Ông Ích Khiêm"
        assert title_name("đặng thị ửng") == "Đặng Thị Ửng"

    def test_title_name_leaves_names_with_capitals_alone(self):
        assert title_name("Nguyễn văn đức") == "Nguyễn văn đức"
        assert title_name("H'Hen Niê") == "H'Hen Niê"
        assert title_name("nguyễn Văn  Đức") == "nguyễn Văn Đức"  # only cleaned

    def test_title_name_blank(self):
        assert title_name(None) == ""
        assert title_name("   ") == ""


# --- file names --------------------------------------------------------------------------------


class TestFilename:
    def test_example(self):
        assert strip_accents_filename("Kế hoạch số 05") == "Ke_hoach_so_05"
        assert strip_accents_filename(nfd("Kế hoạch số 05")) == "Ke_hoach_so_05"

    def test_keeps_case_and_d(self):
        assert strip_accents_filename("Biên bản ĐỐI THOẠI đợt 2") == "Bien_ban_DOI_THOAI_dot_2"

    def test_removes_other_characters(self):
        assert strip_accents_filename("Báo cáo: quý I/2026 (bản 2)?") == "Bao_cao_quy_I2026_ban_2"
        assert strip_accents_filename("a - b") == "a_-_b"

    def test_only_safe_characters_and_max_length(self):
        stem = strip_accents_filename("Tổng hợp ý kiến, kiến nghị của cử tri " * 10)
        assert len(stem) <= 80
        assert all(c.isascii() and (c.isalnum() or c in "_-") for c in stem)
        assert not stem.endswith("_")

    def test_windows_reserved_names(self):
        assert strip_accents_filename("Con") == "Con_"
        assert strip_accents_filename("nul") == "nul_"
        assert strip_accents_filename("Con đường") == "Con_duong"

    def test_nothing_usable(self):
        assert strip_accents_filename("") == ""
        assert strip_accents_filename(None) == ""
        assert strip_accents_filename("???  ///") == ""


# --- properties --------------------------------------------------------------------------------


@settings(max_examples=400)
@given(st.text())
def test_fold_idempotent_and_sort_key_total(text):
    once = fold(text)
    assert fold(once) == once
    key = sort_key(text)
    assert key == sort_key(key[-1])  # the key depends on the cleaned text only
    sort_key_for_name(text)


@settings(max_examples=200)
@given(st.lists(st.text(), max_size=8))
def test_sort_key_compares_any_texts(texts):
    ordered = sorted(texts, key=sort_key)
    keys = [sort_key(t) for t in ordered]
    assert all(a <= b for a, b in zip(keys, keys[1:]))
    again = sorted(reversed(ordered), key=sort_key)
    assert [clean_text(t) for t in again] == [clean_text(t) for t in ordered]
    sorted(texts, key=sort_key_for_name)


@settings(max_examples=300)
@given(st.text(), st.booleans())
def test_clean_text_idempotent(text, multiline):
    once = clean_text(text, multiline=multiline)
    assert clean_text(once, multiline=multiline) == once
    assert unicodedata.is_normalized("NFC", once)


VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmn"
    "oòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)


@given(st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " ", max_size=30))
def test_nfd_and_nfc_equivalent_everywhere(text):
    assert clean_text(nfd(text)) == clean_text(text)
    assert fold(nfd(text)) == fold(text)
    assert sort_key(nfd(text)) == sort_key(text)
    assert fold(text).isascii()


@pytest.mark.parametrize("word", ["Nguyễn", "Đức", "Thuỷ", "Hoà"])
def test_upper_then_fold_same(word):
    assert fold(vi_upper(word)) == fold(word)

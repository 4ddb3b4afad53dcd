"""Vietnamese text: cleaning what people type, accent-insensitive search, collation, names, file names.

Input may arrive from Unikey/EVKey in decomposed (NFD) form, composed (NFC) form or a mix, with pasted
non-breaking spaces and invisible characters. Everything stored goes through :func:`clean_text`
(always NFC). Pure standard library, no Qt.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "clean_text",
    "fold",
    "sort_key",
    "sort_key_for_name",
    "vi_upper",
    "title_name",
    "strip_accents_filename",
]

# Every line boundary ``str.splitlines`` knows (CRLF first so it becomes a single newline).
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(" +")
_MANY_NEWLINES = re.compile("\n{3,}")


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """Return ``value`` tidied for storage: NFC, no control characters, plain spaces.

    Single-line: every whitespace run (newlines and tabs included) becomes one space; ends stripped.
    Multiline: keeps "\\n" and "\\t", strips trailing spaces of each line, at most one empty line in a
    row, ends stripped. Control/format characters (categories Cc, Cf) and lone surrogates (Cs) are
    removed; Unicode spaces become a plain space; emoji and other printable characters are kept.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    text = _LINE_BREAKS.sub("\n", value)
    out: list[str] = []
    for ch in text:
        if ch == "\n" or ch == "\t":
            out.append(ch if multiline else " ")
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs"):
            continue
        out.append(" " if cat == "Zs" else ch)
    # Normalise after removing invisible characters: one between a letter and its mark would
    # otherwise block composition.
    text = unicodedata.normalize("NFC", "".join(out))
    if not multiline:
        return _SPACES.sub(" ", text).strip()
    lines = [line.rstrip(" \t") for line in text.split("\n")]
    text = _MANY_NEWLINES.sub("\n\n", "\n".join(lines))
    return text.strip()


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M" or unicodedata.combining(ch) != 0


# "Ð" (U+00D0, Icelandic eth) looks exactly like "Đ" and turns up in legacy data typed with it.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def _strip_marks(text: str) -> str:
    """NFD ``text`` and drop every combining mark; đ/Đ become d/D."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not _is_mark(ch)).translate(_D_MAP)


def fold(value: str | None) -> str:
    """Return a key for accent- and case-insensitive search: "Nguyễn  Văn Đức" -> "nguyen van duc"."""
    text = _strip_marks(clean_text(value).lower()).lower()
    return _SPACES.sub(" ", text).strip()


# --- collation ---------------------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_WEIGHT = {ch: i for i, ch in enumerate(_ALPHABET)}
# Marks that make a distinct letter of the alphabet (in NFD): breve, circumflex, horn.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tone marks in NFD: huyền (grave), hỏi (hook above), ngã (tilde), sắc (acute), nặng (dot below).
_TONE_WEIGHT = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Classes of primary elements (the first item of each element decides between classes).
_C_OTHER = 1  # spaces, punctuation, symbols
_C_DIGITS = 2  # a run of digits, compared by numeric value
_C_LETTER = 3  # a letter of the Vietnamese/Latin alphabet
_C_FOREIGN = 4  # any other letter (Greek, Cyrillic, CJK, ø, ß …), by code point


def sort_key(value: str | None) -> tuple:
    """Return a Vietnamese collation key for ``sorted(..., key=sort_key)``.

    Levels, each consulted only when all earlier ones are equal:
    1. base letters, case-insensitive, alphabet a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t
       u ư v (w) x y (z); spaces and punctuation before digits, digits before letters; a run of digits
       compares by its numeric value ("Thôn 2" < "Thôn 10");
    2. the tone of each syllable: ngang, huyền, hỏi, ngã, sắc, nặng (so "hoà" and "hòa" tie here);
    3. other diacritics (not Vietnamese ones);
    4. case, lower before upper;
    5. the cleaned text itself, so that the order is total and deterministic.
    """
    text = clean_text(value)
    nfd = unicodedata.normalize("NFD", text)
    primary: list[tuple] = []
    tones: list[int] = []
    others: list[tuple[int, int]] = []
    case: list[int] = []
    in_syllable = False
    syllable_toned = False
    i, n = 0, len(nfd)
    while i < n:
        ch = nfd[i]
        i += 1
        marks: list[str] = []
        while i < n and _is_mark(nfd[i]):
            marks.append(nfd[i])
            i += 1
        if _is_mark(ch):  # a mark with nothing to sit on (start of text)
            others.extend((len(primary), ord(m)) for m in [ch, *marks])
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "L":
            upper = 1 if ch.lower() != ch else 0
            lower = ch.lower()
            if len(lower) != 1:
                lower = ch
            if lower == "ð":
                lower = "đ"
            if not in_syllable:
                tones.append(0)
                in_syllable, syllable_toned = True, False
            letter = lower
            for m in marks:
                if letter == lower and (lower, m) in _LETTER_MARKS:
                    letter = _LETTER_MARKS[(lower, m)]
                elif m in _TONE_WEIGHT and not syllable_toned:
                    tones[-1] = _TONE_WEIGHT[m]
                    syllable_toned = True
                else:
                    others.append((len(primary), ord(m)))
            weight = _LETTER_WEIGHT.get(letter)
            if weight is None:
                primary.append((_C_FOREIGN, ord(letter)))
            else:
                primary.append((_C_LETTER, weight))
            case.append(upper)
            continue
        in_syllable = False
        if cat == "Nd":
            digits = [str(unicodedata.decimal(ch))]
            others.extend((len(primary), ord(m)) for m in marks)
            while i < n and unicodedata.category(nfd[i]) == "Nd":
                digits.append(str(unicodedata.decimal(nfd[i])))
                i += 1
                while i < n and _is_mark(nfd[i]):
                    others.append((len(primary), ord(nfd[i])))
                    i += 1
            number = "".join(digits).lstrip("0")
            primary.append((_C_DIGITS, len(number), number))
            continue
        others.extend((len(primary), ord(m)) for m in marks)
        primary.append((_C_OTHER, ord(ch)))
    return (tuple(primary), tuple(tones), tuple(others), tuple(case), text)


def sort_key_for_name(full_name: str | None) -> tuple:
    """Return a key ordering Vietnamese person names: given name (last word) first, then the rest.

    "Trần Văn An" sorts before "Nguyễn Thị Bình"; two people named An are ordered by family and middle
    names ("Lê Văn An" before "Trần Văn An").
    """
    words = clean_text(full_name).split(" ")
    given = words[-1]
    rest = " ".join(words[:-1])
    return (sort_key(given), sort_key(rest))


# --- case --------------------------------------------------------------------------------------


def vi_upper(value: str | None) -> str:
    """Return ``value`` in upper case (NFC), e.g. "nguyễn văn đức" -> "NGUYỄN VĂN ĐỨC"."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", value).upper())


def title_name(value: str | None) -> str:
    """Return a person's name cleaned, with each word capitalised if it was typed all in lower case.

    "nguyễn văn  đức" -> "Nguyễn Văn Đức". A name that already has any capital letter is only cleaned
    ("Nguyễn văn Đức" stays as typed), so deliberate spellings (ethnic-minority names, "H'Hen Niê") are
    not damaged.
    """
    text = clean_text(value)
    if any(ch.isupper() for ch in text):
        return text
    words = []
    for word in text.split(" "):
        for j, ch in enumerate(word):
            if ch.isalpha():
                word = word[:j] + ch.upper() + word[j + 1 :]
                break
        words.append(word)
    return unicodedata.normalize("NFC", " ".join(words))


# --- file names --------------------------------------------------------------------------------

_NOT_FILENAME = re.compile(r"[^A-Za-z0-9_-]")
_UNDERSCORES = re.compile(r"_{2,}")
# Names Windows refuses as a file stem whatever the extension ("con" is also a Vietnamese word).
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{d}" for p in ("COM", "LPT") for d in range(10)}
MAX_FILENAME_STEM = 80


def strip_accents_filename(value: str | None) -> str:
    """Return a safe ASCII file-name stem: "Kế hoạch số 05" -> "Ke_hoach_so_05".

    Accents removed (case kept), spaces become "_", anything outside [A-Za-z0-9_-] is dropped, runs of
    "_" collapse, at most 80 characters. Windows device names get a trailing "_" ("Con" -> "Con_").
    May return "" (nothing usable in ``value``): the caller picks a fallback.
    """
    text = _strip_marks(clean_text(value))
    text = text.replace(" ", "_")
    text = _NOT_FILENAME.sub("", text)
    text = _UNDERSCORES.sub("_", text).strip("_")
    text = text[:MAX_FILENAME_STEM].rstrip("_")
    if text.upper() in _WINDOWS_RESERVED:
        text += "_"
    return text

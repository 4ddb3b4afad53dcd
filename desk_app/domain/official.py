"""Rules of official Vietnamese documents (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW): pure text.

The number line, the place-and-date line, symbols, signature blocks and the length of the short lines
drawn under the issuing body and the motto. The .docx layout itself lives in ``desk_app.documents``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from desk_app.domain.issuers import BODIES
from desk_app.domain.states import DocumentFormat
from desk_app.domain.text import vi_upper

STATE = DocumentFormat.STATE.value
PARTY = DocumentFormat.PARTY.value

# Document-type abbreviations (NĐ 30 Phụ lục III) of the documents this program issues.
TYPE_CODES = {
    "plan": "KH", "notice": "TB", "invitation": "GM", "minutes": "BB", "conclusion": "TB",
    "annual-report": "BC", "reply": "", "extension": "", "upward-proposal": "",
}
# A công văn has no type name; its symbol is the body then the drafting unit ("UBND-VP"); party
# công văn use "CV" (Hướng dẫn 36: "Số 125-CV/ĐU").
LETTER_KINDS = frozenset({"reply", "extension", "upward-proposal"})

BODY_SHORT = {code: body.short for code, body in BODIES.items()}


def symbol(kind: str, body: str, fmt: str, office_unit: str = "VP") -> str:
    """"KH-UBND" (state) / "KH/ĐU" (party); a state công văn "UBND-VP", a party one "CV/ĐU"."""
    short = BODY_SHORT[body]
    if fmt == PARTY:
        code = "CV" if kind in LETTER_KINDS else TYPE_CODES[kind]
        return f"{code}/{short}"
    if kind in LETTER_KINDS:
        return f"{short}-{office_unit or 'VP'}"
    return f"{TYPE_CODES[kind]}-{short}"


def reference(number: int | None, symbol_text: str) -> str:
    """How a register entry is cited: "05/KH-UBND" (state), "14-KH/ĐU" (party: a hyphen before the symbol,
    Hướng dẫn 36) — the same in the document, the register, every cross-reference and every message."""
    if "/" in symbol_text:  # party symbols are "KH/ĐU", "CV/ĐU"; state ones only use hyphens
        return f"{number_text(number)}-{symbol_text}"
    return f"{number_text(number)}/{symbol_text}"


def format_of_symbol(symbol_text: str) -> str:
    return PARTY if "/" in symbol_text else STATE


# Who issues and signs: desk_app.domain.issuers (one table, host × kind).


def number_text(number: int | None) -> str:
    """Numbers below 10 get a leading zero ("05"); no number yet leaves dots for the register's."""
    if number is None:
        return "……"
    return f"{number:02d}"


def number_line(number: int | None, symbol_text: str, fmt: str) -> str:
    """"Số: 05/KH-UBND" (state: colon, slash, no spaces) or "Số 14-KH/ĐU" (party: no colon, hyphen)."""
    if fmt == PARTY:
        return f"Số {number_text(number)}-{symbol_text}"
    return f"Số: {number_text(number)}/{symbol_text}"


def date_words(day: dt.date) -> str:
    """"ngày 05 tháng 02 năm 2026": day < 10 and months 1, 2 padded; months 3–12 not ("tháng 6")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(place: str, day: dt.date | None) -> str:
    """"Tân Đoàn, ngày 05 tháng 02 năm 2026"; without a date, dots for the clerk's pen."""
    if day is None:
        return f"{place}, ngày …… tháng …… năm ……"
    return f"{place}, {date_words(day)}"


def upper(text: str) -> str:
    return vi_upper(text)


# -- how long the short lines are --------------------------------------------------------------------
# Advance widths of Times New Roman Bold (metric-compatible Liberation Serif Bold), per 2048 em units.
_BOLD_WIDTHS = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", (1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569,
                                             1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024,
                                             1024, 909))),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593,
                                             1366, 1933, 1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479,
                                             2048, 1479, 1479, 1366))),
    " ": 512, "-": 682, ".": 512, ",": 512, ":": 682, ";": 682, "/": 569, "(": 682, ")": 682, "*": 1024,
}
_DEFAULT_WIDTH = 1024
_PT_TO_MM = 25.4 / 72


def bold_text_width_mm(text: str, size_pt: float) -> float:
    """The printed width of ``text`` set in Times New Roman Bold (diacritics do not change a width)."""
    units = 0
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].translate(str.maketrans("đĐ", "dD"))
        if unicodedata.combining(base):
            continue
        units += _BOLD_WIDTHS.get(base, _DEFAULT_WIDTH)
    return units / 2048 * size_pt * _PT_TO_MM

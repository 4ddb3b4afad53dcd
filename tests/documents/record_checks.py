"""Reading an exported document back and checking it against the record (documents.md §7).

Every check here looks only at the Word file and the database: the numbers are the register's, every cited
document exists with that number and date, names, counts, dates and deadlines are the record's as of the
document's date, the issuer and signer follow the table, the Vietnamese has no placeholder, no doubled
word, no "Ông (Bà)", no nested brackets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from sqlalchemy import select

from desk_app.domain import official
from desk_app.store import models as m

# The issuer and signer table, written out cell by cell (documents.md §7): the body that issues, its header
# line, how it signs on behalf of itself and its head's title.
SIGNATURES = {
    "dang_uy": ("T/M ĐẢNG ỦY", "BÍ THƯ"),
    "hdnd": ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"),
    "ubnd": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
}
HEADERS = {"dang_uy": "ĐẢNG ỦY XÃ", "hdnd": "HỘI ĐỒNG NHÂN DÂN", "ubnd": "ỦY BAN NHÂN DÂN"}
FORMATS = {"dang_uy": "party", "hdnd": "state", "ubnd": "state"}
HEAD_POSTS = {"dang_uy": "Bí thư Đảng ủy", "hdnd": "Chủ tịch HĐND", "ubnd": "Chủ tịch UBND"}
STATE_AGENCIES = ("chuyen_mon", "cong_an")  # a matter of these is answered by UBND xã
PARTY_AGENCIES = ("co_quan_dang",)  # a matter of these is answered by the Đảng ủy
DATE = re.compile(r"ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})")
CITATION = re.compile(r"(Kế hoạch|Thông báo|Văn bản|Công văn|Biên bản|Báo cáo) số ((?:\d+|…+)[-/][^\s,;:)]+) "
                      r"ngày (\d{2}/\d{2}/\d{4}|…+)")
STATE_REF = re.compile(r"^\d{2,}/[A-ZĐ]+-[A-ZĐ]+$")
PARTY_REF = re.compile(r"^\d{2,}-[A-ZĐ]+/[A-ZĐ]+$")
# two words or more written twice ("Điểm cầu Điểm cầu", "phòng Kinh tế Phòng Kinh tế"); one syllable twice is often
# Vietnamese ("hành vi vi phạm", "trật tự tự quản"), so only the ones that never are
WORDS_TWICE = re.compile(r"(?<!\w)((?:\w+\s+){1,3}\w+)\s+\1(?!\w)", re.IGNORECASE)
WORD_TWICE = re.compile(r"(?<!\w)(thôn|ấp|xã|các|của|và|là|được|có|đã|tại|về|với)\s+\1(?!\w)", re.IGNORECASE)
CITED_KINDS = {"Kế hoạch": ("plan",), "Thông báo": ("notice", "conclusion"), "Biên bản": ("minutes",),
               "Báo cáo": ("annual-report",), "Văn bản": ("reply", "extension", "upward-proposal"),
               "Công văn": ("reply", "extension", "upward-proposal")}


def _paragraph_text(element) -> str:
    return "".join((t.text or "") if t.tag == qn("w:t") else "\t" for t in element.iter(qn("w:t"), qn("w:tab"))
                   if t.tag == qn("w:t") or t.getparent().tag == qn("w:r"))


@dataclass
class ReadBack:
    """What a văn thư reads on the printed page."""

    path: Path
    lines: list[str]
    number_line: str = ""
    date: dt.date | None = None
    issuer: str = ""
    authority: list[str] = field(default_factory=list)
    signer: str = ""
    recipients: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def body(self) -> str:
        """The text without the header table and the signature block."""
        return "\n".join(self.lines[self._body_start:self._body_end])

    _body_start: int = 0
    _body_end: int = 0


def read(path: Path) -> ReadBack:
    document = Document(str(path))
    body = document.element.body
    lines = [t for t in (_paragraph_text(p) for p in body.iter(qn("w:p"))) if t.strip()]
    result = ReadBack(Path(path), lines)
    result.tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    header = document.tables[0]
    left = [p.text for p in header.rows[0].cells[0].paragraphs if p.text.strip()]
    bold = [p.text for p in header.rows[0].cells[0].paragraphs if p.text.strip() and any(r.bold for r in p.runs)]
    result.issuer = (bold or left or [""])[0]
    bottom_left = [p.text for p in header.rows[1].cells[0].paragraphs if p.text.strip()]
    result.number_line = bottom_left[0] if bottom_left and bottom_left[0].startswith("Số") else ""
    date_text = " ".join(p.text for p in header.rows[1].cells[1].paragraphs)
    found = DATE.search(date_text)
    if found:
        result.date = dt.date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
    header_lines = sum(1 for row in header.rows for cell in row.cells for p in cell.paragraphs if p.text.strip())
    result._body_start = header_lines
    result._body_end = len(lines)
    for table in document.tables:
        cells = table.rows[0].cells
        if len(cells) == 2 and any(p.text == "Nơi nhận:" for p in cells[0].paragraphs):
            result.recipients = [p.text for p in cells[0].paragraphs if p.text.startswith("- ")]
            signed = [p.text for p in cells[1].paragraphs if p.text.strip()]
            result.authority, result.signer = signed[:-1], signed[-1] if signed else ""
            first = next((i for i, line in enumerate(lines) if line == "Nơi nhận:"), len(lines))
            result._body_end = min(result._body_end, first)
    if not result.authority:  # the minutes: THƯ KÝ / CHỦ TỌA
        for table in document.tables:
            cells = table.rows[0].cells
            if len(cells) == 2 and "THƯ KÝ" in cells[0].text and "CHỦ TỌA" in cells[1].text:
                result.authority = ["THƯ KÝ", "CHỦ TỌA"]
                result.signer = [p.text for p in cells[1].paragraphs if p.text.strip()][-1]
                after = [p for p in body.iter(qn("w:p")) if _paragraph_text(p) == "Nơi nhận:"]
                if after:
                    result.recipients = [line for line in lines[lines.index("Nơi nhận:") + 1:] if line.startswith("- ")]
    return result


# -- the generic checks ------------------------------------------------------------------------------------

def nested_brackets(text: str) -> list[str]:
    """Every bracket opened inside another one, with its context."""
    found, depth = [], 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
            if depth > 1:
                found.append(text[max(0, i - 40): i + 40])
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "\n":
            depth = 0
    return found


def doubled_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    found = []
    for line in text.splitlines():
        for match in [*WORDS_TWICE.finditer(line), *WORD_TWICE.finditer(line)]:
            words = match.group(1)
            if words.isdigit() or any(a in line for a in allowed):
                continue
            found.append(f"“{words} {words}” in: {line[:120]}")
    return found


def check_language(doc: ReadBack, names: tuple[str, ...] = ()) -> list[str]:
    """Placeholders, doubled words, "Ông (Bà)", nested brackets."""
    problems = []
    text = doc.text
    for bad in ("{{", "}}", "{%", "%}", "None", "Ông (Bà)", "ông (bà)", "Điểm cầu Điểm cầu", "Thôn Thôn",
                "Ấp Ấp", "..", ";;", " ,", " .", "  "):
        for line in doc.lines:
            if bad in line and not (bad == ".." and "…" in line):
                problems.append(f"{bad!r} in {doc.path.name}: {line[:160]}")
                break
    problems += [f"nested brackets in {doc.path.name}: {n}" for n in nested_brackets(text)]
    masked = text
    for name in names:  # a person's name may legitimately repeat a syllable ("Hồng Hồng" is never generated)
        masked = masked.replace(name, "X")
    problems += [f"{doc.path.name}: {d}" for d in doubled_words(masked)]
    return problems


def register_entry(session, reference: str, day: dt.date) -> m.IssuedDocument | None:
    for row in session.scalars(select(m.IssuedDocument).where(m.IssuedDocument.issued_date == day)):
        if row.number is not None and official.reference(row.number, row.symbol) == reference:
            return row
    return None


def check_number(session, doc: ReadBack, kind: str, row: m.IssuedDocument | None) -> list[str]:
    """The document's own number and date are its register entry's."""
    if kind == "registration-form":
        return [] if not doc.number_line else [f"{doc.path.name}: a form has no number ({doc.number_line})"]
    if row is None:
        return [f"{doc.path.name}: not in the register"]
    problems = []
    fmt = official.format_of_symbol(row.symbol)
    expected = official.number_line(row.number, row.symbol, fmt)
    if doc.number_line != expected:
        problems.append(f"{doc.path.name}: number line {doc.number_line!r}, register {expected!r}")
    if doc.date != row.issued_date:
        problems.append(f"{doc.path.name}: dated {doc.date}, register {row.issued_date}")
    reference = official.reference(row.number, row.symbol)
    if not (PARTY_REF if fmt == "party" else STATE_REF).match(reference):
        problems.append(f"{doc.path.name}: reference {reference!r} not in the official form")
    return problems


def check_citations(session, doc: ReadBack, warnings: list[str], session_ids: set[int]) -> list[str]:
    """Every "… số X ngày D" is a register entry of that kind, number and date, issued on or before the document
    and about the same session; a dotted blank only with a warning that says what is missing."""
    problems = []
    for word, reference, day in CITATION.findall(doc.text):
        if reference.startswith("…") or day.startswith("…"):
            symbol = reference.split("/", 1)[-1] if "/" in reference and not reference.startswith("…-") else \
                reference.split("-", 1)[-1]
            if not any(symbol in w for w in warnings):
                problems.append(f"{doc.path.name}: dotted citation {word} số {reference} without a warning")
            continue
        if not (STATE_REF.match(reference) or PARTY_REF.match(reference)):
            problems.append(f"{doc.path.name}: citation {reference!r} not in the official form")
            continue
        when = dt.datetime.strptime(day, "%d/%m/%Y").date()
        row = register_entry(session, reference, when)
        if row is None:
            problems.append(f"{doc.path.name}: cites {word} số {reference} ngày {day}, which the register has not")
            continue
        if row.kind not in CITED_KINDS[word]:
            problems.append(f"{doc.path.name}: “{word} số {reference}” is a {row.kind} in the register")
        if doc.date is not None and when > doc.date:
            problems.append(f"{doc.path.name}: cites {reference} of {day}, after its own date {doc.date}")
        sid = row.session_id if row.session_id is not None else (
            session.get(m.Petition, row.petition_id).session_id if row.petition_id else None)
        if sid is not None and sid not in session_ids:
            problems.append(f"{doc.path.name}: cites {reference}, a document of another session ({sid})")
    return problems


def session_issuer(ds: m.DialogueSession, fmt: str | None = None) -> str:
    """The body that issues a session's documents (the table's rows for the hosts)."""
    if ds.host != "lien_tich":
        return ds.host
    fmt = fmt or ds.document_format
    bodies = ds.joint_bodies.split(",")
    if fmt == "party" and "dang_uy" in bodies:
        return "dang_uy"
    return "ubnd" if "ubnd" in bodies else "hdnd"


def letter_issuer(p: m.Petition) -> str:
    """The body that answers a petition in writing: the one whose agency resolves it."""
    kind = p.lead_agency.kind if p.lead_agency else None
    if kind in STATE_AGENCIES:
        return "ubnd"
    if kind in PARTY_AGENCIES:
        return "dang_uy"
    return session_issuer(p.session)


def heads(session, day: dt.date) -> dict[str, m.Official]:
    from desk_app.services import catalog

    return catalog.heads(session, day)


def check_signer(session, doc: ReadBack, kind: str, body: str | None, ds: m.DialogueSession | None) -> list[str]:
    problems = []
    if kind == "registration-form":
        return problems
    if kind == "minutes":
        secretary = ds.secretary.name if ds.secretary else ds.secretary_name
        if doc.signer != ds.chair.name:
            problems.append(f"{doc.path.name}: minutes signed by {doc.signer!r}, chair {ds.chair.name!r}")
        if secretary not in doc.text:
            problems.append(f"{doc.path.name}: the secretary {secretary!r} does not sign")
        return problems
    authority, title = SIGNATURES[body]
    if not doc.authority or doc.authority[0] != authority or title not in doc.authority:
        problems.append(f"{doc.path.name}: signed {doc.authority!r}, the table says {authority!r} / {title!r}")
    head = heads(session, doc.date or dt.date.today()).get(body)
    if head is not None and doc.signer != head.name:
        problems.append(f"{doc.path.name}: signed by {doc.signer!r}, the head of {body} is {head.name!r}")
    if HEADERS[body] not in doc.issuer.replace("\n", " "):
        problems.append(f"{doc.path.name}: issued by {doc.issuer!r}, the table says {HEADERS[body]}")
    for line in doc.recipients:
        if "để b/c" in line or "để báo cáo" in line:
            if "chủ trì" in line.lower() and ds is not None and ds.chair is not None and doc.signer == ds.chair.name:
                problems.append(f"{doc.path.name}: reports to its own signer: {line}")
            if HEAD_POSTS[body].lower() in line.lower() or doc.signer in line:
                problems.append(f"{doc.path.name}: reports to its own signer: {line}")
    return problems


ASSIGNING = re.compile(r"\b[Gg]iao (Phòng|Văn phòng HĐND|Công an|Trung tâm|Trạm|Ban Chỉ huy)")


def check_who_directs(doc: ReadBack, body: str | None) -> list[str]:
    """Only UBND xã "giao" its own offices; the HĐND and the Đảng ủy "đề nghị UBND xã chỉ đạo"."""
    if body in ("hdnd", "dang_uy"):
        return [f"{doc.path.name}: {body} gives a UBND office a task: {line[:140]}"
                for line in doc.lines if ASSIGNING.search(line)]
    return []

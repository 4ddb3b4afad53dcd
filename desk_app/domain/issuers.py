"""Who issues and who signs each document (documents.md §7): one table, host × document kind.

Two parts, both written out here and tested cell by cell (tests/domain/test_issuers.py):

- :data:`BODIES`, one row per issuing body: its format (the Đảng ủy writes in the party format of Hướng dẫn
  36-HD/VPTW, the HĐND and UBND in the state format of NĐ 30/2020), its symbol, how it signs on behalf of
  itself and its head's title — "T/M ĐẢNG ỦY / BÍ THƯ", "TM. THƯỜNG TRỰC HĐND / CHỦ TỊCH",
  "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH";
- :data:`KINDS`, one row per kind of document: who issues it — the session's issuing body (its host; for a
  joint session the body the plan names: the Đảng ủy in the party format, else UBND, else HĐND), the body
  whose agency resolves the petition (a UBND office's matter is answered by UBND xã even when raised at a
  Đảng ủy or HĐND session; a party office's by the Đảng ủy), or the reporting body — and how it is signed:
  on behalf of the body by its head, the minutes by the secretary and the chair, the form by the citizen.

:func:`issuer` combines them for a document; :func:`cell` is the table as a văn thư reads it. Who may "giao"
a task to whom is here too (:func:`directive`): only UBND xã gives its own offices tasks; the HĐND and the
Đảng ủy "đề nghị UBND xã chỉ đạo" them.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.states import DocumentFormat

STATE = DocumentFormat.STATE.value
PARTY = DocumentFormat.PARTY.value


@dataclass(frozen=True)
class IssuingBody:
    code: str  # dang_uy / hdnd / ubnd
    fmt: str  # party / state
    short: str  # in the symbol: "ĐU", "HĐND", "UBND"
    on_behalf: str  # the collective authority line
    for_head: str  # a deputy signing for the head
    head_title: str
    deputy_title: str
    head_post: str  # the head in running text ("Chủ tịch UBND xã")
    running: str  # the body in running text ("UBND xã")


BODIES: dict[str, IssuingBody] = {
    "dang_uy": IssuingBody("dang_uy", PARTY, "ĐU", "T/M ĐẢNG ỦY", "K/T BÍ THƯ", "BÍ THƯ", "PHÓ BÍ THƯ",
                           "Bí thư Đảng ủy", "Đảng ủy"),
    "hdnd": IssuingBody("hdnd", STATE, "HĐND", "TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                        "Chủ tịch HĐND", "Thường trực HĐND"),
    "ubnd": IssuingBody("ubnd", STATE, "UBND", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                        "Chủ tịch UBND", "UBND"),
}

# Who issues a kind of document.
SESSION = "session"  # the session's issuing body
RESOLVER = "resolver"  # the body whose agency resolves the petition
REPORTING = "reporting"  # the reporting body of the yearly report
# How it is signed.
COLLECTIVE = "collective"  # on behalf of the body, by its head (a deputy: K/T, KT.)
MINUTES = "minutes"  # THƯ KÝ (left) and CHỦ TỌA (right)
CITIZEN = "citizen"  # the citizen who registers (the form)

KINDS: dict[str, tuple[str, str]] = {
    "plan": (SESSION, COLLECTIVE),
    "notice": (SESSION, COLLECTIVE),
    "invitation": (SESSION, COLLECTIVE),
    "registration-form": (SESSION, CITIZEN),
    "minutes": (SESSION, MINUTES),
    "conclusion": (SESSION, COLLECTIVE),
    "upward-proposal": (SESSION, COLLECTIVE),
    "reply": (RESOLVER, COLLECTIVE),
    "extension": (RESOLVER, COLLECTIVE),
    "annual-report": (REPORTING, COLLECTIVE),
}

# Agencies whose matters the People's Committee answers (its own offices and the commune police), and those the
# party committee answers (its office and boards).
STATE_AGENCY_KINDS = frozenset({"chuyen_mon", "cong_an"})
PARTY_AGENCY_KINDS = frozenset({"co_quan_dang"})


def format_of(body: str) -> str:
    return BODIES[body].fmt


def session_body(host: str, joint_bodies: tuple[str, ...] | list[str], fmt: str | None) -> tuple[str, str]:
    """(body, format) that issues a session's documents. A joint session's plan names its issuing body through
    the format set on the session (or asked for at export): the party format → the Đảng ủy; the state format →
    UBND when it takes part, else the HĐND."""
    if host == "lien_tich":
        bodies = tuple(joint_bodies)
        if fmt == PARTY and "dang_uy" in bodies:
            return "dang_uy", PARTY
        body = "ubnd" if "ubnd" in bodies else "hdnd"
        return body, STATE
    return host, BODIES[host].fmt


def letter_body(session_issuing_body: str, agency_kind: str | None) -> str:
    """The body that answers a petition in writing (reply, extension letter): the one whose agency resolves it."""
    if agency_kind in STATE_AGENCY_KINDS:
        return "ubnd"
    if agency_kind in PARTY_AGENCY_KINDS:
        return "dang_uy"
    return session_issuing_body


def issuer(kind: str, *, host: str | None = None, joint_bodies: tuple[str, ...] = (), fmt: str | None = None,
           agency_kind: str | None = None, reporting_body: str | None = None) -> tuple[str, str]:
    """(body, format) that issues a document of ``kind``."""
    who, _signing = KINDS[kind]
    if who == REPORTING:
        return reporting_body, BODIES[reporting_body].fmt
    body, body_fmt = session_body(host, joint_bodies, fmt)
    if who == RESOLVER:
        body = letter_body(body, agency_kind)
        body_fmt = BODIES[body].fmt
    return body, body_fmt


@dataclass(frozen=True)
class Signature:
    """The signature block: authority lines (TM./KT.), the title, the signer."""

    authority: tuple[str, ...]  # e.g. ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
    title: str  # "PHÓ CHỦ TỊCH"
    name: str

    @property
    def lines(self) -> list[str]:
        return [*self.authority, self.title]


def signature(body: str, signer_name: str, *, deputy: bool) -> Signature:
    """TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH; a deputy signs TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH; the party
    writes T/M and K/T (Hướng dẫn 36)."""
    row = BODIES[body]
    if deputy:
        return Signature((row.on_behalf, row.for_head), row.deputy_title, signer_name)
    return Signature((row.on_behalf,), row.head_title, signer_name)


def cell(host: str, kind: str, *, joint_bodies: tuple[str, ...] = (), fmt: str | None = None,
         agency_kind: str | None = None) -> tuple[str, tuple[str, ...]]:
    """One cell of the table as a văn thư reads it: the issuing body and the signature lines of its head
    (("THƯ KÝ", "CHỦ TỌA") for the minutes, () for the form)."""
    body, _fmt = issuer(kind, host=host, joint_bodies=joint_bodies, fmt=fmt, agency_kind=agency_kind,
                        reporting_body=host if host in BODIES else None)
    signing = KINDS[kind][1]
    if signing == MINUTES:
        return body, ("THƯ KÝ", "CHỦ TỌA")
    if signing == CITIZEN:
        return body, ()
    return body, tuple(signature(body, "", deputy=False).lines)


def directive(issuing_body: str, agency_kind: str | None, place: str = "xã") -> str:
    """How the issuing body puts a task to an agency: UBND xã "Giao" its offices; the HĐND and the Đảng ủy
    "Đề nghị UBND xã chỉ đạo" them; the front, the mass organisations and superior bodies are asked ("Đề nghị")."""
    if agency_kind in STATE_AGENCY_KINDS or agency_kind == "khac":
        return "Giao" if issuing_body == "ubnd" else f"Đề nghị UBND {place} chỉ đạo"
    if agency_kind in PARTY_AGENCY_KINDS:
        return "Giao" if issuing_body == "dang_uy" else "Đề nghị"
    return "Đề nghị"


_PARTY_MARKERS = ("/TW", "/TU", "-QĐ/", "-QC/", "-HD/", "-KH/", "Điều lệ Đảng", "QĐi")
PARTY_CHARTER = "Căn cứ Điều lệ Đảng Cộng sản Việt Nam"


def is_party_document(text: str) -> bool:
    """A basis issued by the Party ("Quy định số 11-QĐi/TW", "Quyết định số 935-QĐ/TU", the Charter)."""
    return any(marker in text for marker in _PARTY_MARKERS)


def legal_bases_for(body: str, bases: tuple[str, ...] | list[str]) -> list[str]:
    """The profile's legal bases as the issuing body cites them: the Đảng ủy cites the Party's documents (the
    Charter first), not the laws on local government; HĐND and UBND cite the laws first, then the Party's."""
    bases = list(bases)
    party = [b for b in bases if is_party_document(b)]
    state = [b for b in bases if not is_party_document(b)]
    if body == "dang_uy":
        return party if any("Điều lệ Đảng" in b for b in party) else [PARTY_CHARTER, *party]
    return [*state, *party]

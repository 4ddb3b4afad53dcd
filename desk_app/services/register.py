"""Sổ văn bản đi: the register of issued documents.

Choices (documents.md §7):
- the register is the one source of numbers: every number printed — the document's own and every one it
  cites — is an entry here; numbers run per symbol and year ("KH-UBND" 2026: 01, 02, …), as a paper register
  does; the public notice and the conclusion notice share the "TB-UBND" sequence; party entries are cited
  "05-KH/ĐU" (a hyphen before the symbol) everywhere, state ones "05/KH-UBND";
- an entry keeps what its document said (``content``): exporting the same document again (same kind, issuer,
  session or petition) reproduces it with its number and date; a changed record gives a new version only when
  the clerk asks for one — a new entry with its own number that names the one it replaces, both kept;
- the clerk may type the number the office register gave; a number already given to another document of
  the same symbol and year is refused;
- the speaker-registration form has no number; its exports are recorded without one.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain import official
from desk_app.domain.errors import ValidationError
from desk_app.store import models as m


@dataclass(frozen=True)
class Entry:
    kind: str
    symbol: str
    year: int
    session_id: int | None = None
    petition_id: int | None = None


def previous(session: Session, entry: Entry) -> m.IssuedDocument | None:
    """The earlier export of the same document, if any."""
    if entry.session_id is None and entry.petition_id is None:
        query = select(m.IssuedDocument).where(m.IssuedDocument.session_id.is_(None),
                                               m.IssuedDocument.petition_id.is_(None))
    else:
        query = select(m.IssuedDocument).where(m.IssuedDocument.session_id == entry.session_id,
                                               m.IssuedDocument.petition_id == entry.petition_id)
    return session.scalar(query.where(m.IssuedDocument.kind == entry.kind, m.IssuedDocument.year == entry.year,
                                      m.IssuedDocument.symbol == entry.symbol)
                          .order_by(m.IssuedDocument.id.desc()).limit(1))


def issued(session: Session, kind: str, symbol: str, session_id: int | None = None,
           petition_id: int | None = None, year: int | None = None) -> m.IssuedDocument | None:
    """The newest entry of a document — the same kind and issuer (symbol) about the same session or petition —
    in any year (a document exported in December and again in January is the same document); documents about
    neither (the yearly report) are told apart by their ``year``."""
    query = select(m.IssuedDocument).where(m.IssuedDocument.kind == kind, m.IssuedDocument.symbol == symbol,
                                           m.IssuedDocument.number.is_not(None))
    if session_id is None and petition_id is None:
        query = query.where(m.IssuedDocument.session_id.is_(None), m.IssuedDocument.petition_id.is_(None),
                            m.IssuedDocument.year == year)
    elif petition_id is not None:
        query = query.where(m.IssuedDocument.petition_id == petition_id)
    else:
        query = query.where(m.IssuedDocument.session_id == session_id, m.IssuedDocument.petition_id.is_(None))
    return session.scalar(query.order_by(m.IssuedDocument.id.desc()).limit(1))


def cited(session: Session, kind: str, symbol: str, session_id: int) -> m.IssuedDocument | None:
    """The entry a document cites (the plan of the same issuer, the session's conclusion notice), or None."""
    return issued(session, kind, symbol, session_id=session_id)


# -- what an issued document said ------------------------------------------------------------------------

def _plain(value):
    if hasattr(value, "__dict__"):
        return {k: v for k, v in vars(value).items() if not k.startswith("_")}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not kept in the register: {type(value).__name__}")


def plain(context: dict) -> dict:
    """The context as JSON values (what is kept and compared)."""
    return json.loads(json.dumps(context, ensure_ascii=False, default=_plain))


def keep_content(row: m.IssuedDocument, context: dict) -> None:
    row.content = zlib.compress(json.dumps(context, ensure_ascii=False, default=_plain).encode("utf-8"), 1)


def content(row: m.IssuedDocument | None) -> dict | None:
    if row is None or not row.content:
        return None
    return json.loads(zlib.decompress(row.content).decode("utf-8"))


def next_number(session: Session, symbol: str, year: int) -> int:
    """The number the register would give next for this symbol and year."""
    last = session.scalar(select(func.max(m.IssuedDocument.number)).where(
        m.IssuedDocument.symbol == symbol, m.IssuedDocument.year == year))
    return (last or 0) + 1


def suggest(session: Session, entry: Entry) -> int:
    earlier = previous(session, entry)
    if earlier is not None and earlier.number is not None:
        return earlier.number
    return next_number(session, entry.symbol, entry.year)


def reference(row: m.IssuedDocument | None) -> str:
    """"05/UBND-VP" or "05-CV/ĐU" for a register entry ('' for none)."""
    if row is None:
        return ""
    return official.reference(row.number, row.symbol)


def check_number(session: Session, entry: Entry, number: int) -> None:
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 99999:
        raise ValidationError({"number": "Số văn bản phải từ 1 đến 99999."})
    taken = session.scalar(select(m.IssuedDocument).where(
        m.IssuedDocument.symbol == entry.symbol, m.IssuedDocument.year == entry.year,
        m.IssuedDocument.number == number).limit(1))
    if taken is None:
        return
    same = (taken.kind == entry.kind and taken.session_id == entry.session_id
            and taken.petition_id == entry.petition_id)
    if not same:
        raise ValidationError({"number": f"Số {official.reference(number, entry.symbol)} năm {entry.year} đã cấp cho "
                                         f"văn bản khác (ngày {taken.issued_date:%d/%m/%Y})."})


def record(session: Session, entry: Entry, *, number: int | None, issued_date: dt.date, signer: str,
           file_path: str, note: str = "", row: m.IssuedDocument | None = None,
           supersedes: m.IssuedDocument | None = None, context: dict | None = None) -> m.IssuedDocument:
    """Write an export into the register: into ``row`` (the document's own entry, exported again), else a new
    entry (a new document, or a new version of ``supersedes``). ``context`` given: the document is issued and
    its content is kept (an entry whose content is kept no longer changes its number or date)."""
    if row is None:
        if number is not None:
            check_number(session, entry, number)
        row = m.IssuedDocument(kind=entry.kind, symbol=entry.symbol, year=entry.year, session_id=entry.session_id,
                               petition_id=entry.petition_id, number=number, issued_date=issued_date, signer=signer,
                               note=note, supersedes_id=supersedes.id if supersedes is not None else None)
        session.add(row)
    elif not row.content:  # a draft (or an entry recorded without its text): its number and date may still move
        if number is not None and number != row.number:
            check_number(session, entry, number)
            row.number = number
        row.issued_date, row.year = issued_date, entry.year
        row.signer = signer or row.signer
    elif not row.signer:
        row.signer = signer
    row.file_path = file_path
    if context is not None and not row.content:
        keep_content(row, context)
    session.flush()
    return row


def issue(session: Session, entry: Entry, *, number: int | None, issued_date: dt.date, signer: str = "",
          note: str = "") -> m.IssuedDocument:
    """A new entry for a document issued outside an export (a reply or an extension letter recorded on a
    petition): the clerk's number if given and free, else the next one of its symbol and year."""
    if number is None:
        number = next_number(session, entry.symbol, entry.year)
    else:
        check_number(session, entry, number)
        taken = session.scalar(select(m.IssuedDocument).where(
            m.IssuedDocument.symbol == entry.symbol, m.IssuedDocument.year == entry.year,
            m.IssuedDocument.number == number).limit(1))
        if taken is not None:
            return taken  # the same document again (check_number refused any other)
    row = m.IssuedDocument(kind=entry.kind, symbol=entry.symbol, year=entry.year, session_id=entry.session_id,
                           petition_id=entry.petition_id, number=number, issued_date=issued_date, signer=signer,
                           file_path="", note=note)
    session.add(row)
    session.flush()
    return row


def entries(session: Session, year: int | None = None) -> list[m.IssuedDocument]:
    query = select(m.IssuedDocument).order_by(m.IssuedDocument.year, m.IssuedDocument.symbol,
                                              m.IssuedDocument.number, m.IssuedDocument.id)
    if year is not None:
        query = query.where(m.IssuedDocument.year == year)
    return list(session.scalars(query))

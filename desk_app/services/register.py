"""Sổ văn bản đi: the register of issued documents.

Choices:
- numbers run per symbol and year ("KH-UBND" 2026: 01, 02, …), as a paper register does; the public
  notice and the conclusion notice share the "TB-UBND" sequence;
- exporting the same document again (same kind and session or petition, same year) keeps its number and
  updates the entry (date, signer, file) — re-printing after a correction does not use up a number;
- the clerk may type the number the office register gave; a number already given to another document of
  the same symbol and year is refused;
- the speaker-registration form has no number; its exports are recorded without one.
"""

from __future__ import annotations

import datetime as dt
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
           file_path: str, note: str = "") -> m.IssuedDocument:
    """Write the export into the register (updating the earlier entry of the same document)."""
    if number is not None:
        check_number(session, entry, number)
    row = previous(session, entry)
    if row is None or (number is not None and row.number != number):
        row = m.IssuedDocument(kind=entry.kind, symbol=entry.symbol, year=entry.year,
                               session_id=entry.session_id, petition_id=entry.petition_id)
        session.add(row)
    row.number = number
    row.issued_date = issued_date
    row.signer = signer
    row.file_path = file_path
    row.note = note
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

"""the legal meaning of the record: register links, valid extensions, the year of a session

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

- the reply's number and the extension letter's number become links to the register (sổ văn bản đi):
  a number typed on a petition before this version is entered into the register when no other document
  holds it; otherwise the petition's history says the number must be entered again;
- an extension counts (moves the due date) only when the citizen was told in writing on or before the due
  date it extends and the new date is later: ``valid``; the due date in force is recomputed from it;
- the year of a session is the year of its actual date when held, else of its planned date; its
  petitions follow;
- a petition marked resolved without the date of a written answer to the citizen was resolved by the agency
  only: it goes back to "đang giải quyết" (its result is kept, the history says why) and its session is no
  longer complete.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from desk_app.store import search_index

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_NUMBER = re.compile(r"^\s*(\d{1,5})\s*[/-]\s*(\S.*?)\s*$")


def upgrade() -> None:
    with op.batch_alter_table("petition") as batch:
        batch.add_column(sa.Column("reply_document_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("transfer_document_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_petition_reply_document_id_issued_document", "issued_document",
                                 ["reply_document_id"], ["id"], ondelete="SET NULL")
        batch.create_foreign_key("fk_petition_transfer_document_id_issued_document", "issued_document",
                                 ["transfer_document_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_petition_reply_document_id", ["reply_document_id"])
        batch.create_index("ix_petition_transfer_document_id", ["transfer_document_id"])
    with op.batch_alter_table("petition_extension") as batch:
        batch.add_column(sa.Column("valid", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("letter_document_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_petition_extension_letter_document_id_issued_document", "issued_document",
                                 ["letter_document_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_petition_extension_letter_document_id", ["letter_document_id"])

    bind = op.get_bind()
    _register_numbers(bind)
    _judge_extensions(bind)
    _sync_years(bind)
    _unanswered_back_in_progress(bind)

    with op.batch_alter_table("petition") as batch:
        batch.drop_column("reply_number")
    with op.batch_alter_table("petition_extension") as batch:
        batch.drop_column("letter_number")
        batch.alter_column("valid", server_default=None)
    # batch mode rebuilt ``petition`` on SQLite: its search triggers went with the old table
    search_index.create(bind)


def downgrade() -> None:
    with op.batch_alter_table("petition_extension") as batch:
        batch.add_column(sa.Column("letter_number", sa.String(length=100), nullable=False, server_default=""))
        batch.drop_index("ix_petition_extension_letter_document_id")
        batch.drop_constraint("fk_petition_extension_letter_document_id_issued_document", type_="foreignkey")
        batch.drop_column("letter_document_id")
        batch.drop_column("valid")
    with op.batch_alter_table("petition") as batch:
        batch.add_column(sa.Column("reply_number", sa.String(length=100), nullable=False, server_default=""))
        batch.drop_index("ix_petition_transfer_document_id")
        batch.drop_index("ix_petition_reply_document_id")
        batch.drop_constraint("fk_petition_transfer_document_id_issued_document", type_="foreignkey")
        batch.drop_constraint("fk_petition_reply_document_id_issued_document", type_="foreignkey")
        batch.drop_column("transfer_document_id")
        batch.drop_column("reply_document_id")
    search_index.create(op.get_bind())


# -- data --------------------------------------------------------------------------------------------------

def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _history(bind, petition_id: int, status: str, note: str) -> None:
    stamp = _now()
    bind.execute(sa.text(
        "INSERT INTO petition_status_change (petition_id, from_status, to_status, changed_at, changed_by, note, "
        "created_at, updated_at, updated_by, version) VALUES (:p, :s, :s, :at, 'nâng cấp', :note, :at, :at, "
        "'nâng cấp', 1)"), {"p": petition_id, "s": status, "at": stamp, "note": note})


def _enter(bind, kind: str, text: str, day: dt.date | None, petition_id: int, session_id: int | None,
           status: str) -> int | None:
    """The register entry for a number typed on a petition: an existing one of the same document, a new one,
    or None (history says why) when the text is no number or another document holds it."""
    match = _NUMBER.match(text or "")
    if not match or day is None:
        _history(bind, petition_id, status, f"Số văn bản “{text}” nhập trước phiên bản này không đọc được thành số "
                                            "theo sổ văn bản đi; cần nhập lại số văn bản.")
        return None
    number, symbol = int(match.group(1)), match.group(2)
    taken = bind.execute(sa.text(
        "SELECT id, kind, petition_id, session_id FROM issued_document WHERE symbol = :s AND year = :y AND number = :n"),
        {"s": symbol, "y": day.year, "n": number}).first()
    if taken is not None:
        same = taken.kind == kind and (taken.petition_id == petition_id if session_id is None
                                       else taken.session_id == session_id)
        if same:
            return taken.id
        _history(bind, petition_id, status, f"Số văn bản {text} nhập trước phiên bản này đã được cấp cho văn bản khác "
                                            f"trong sổ văn bản đi năm {day.year}; cần nhập lại số đúng.")
        return None
    stamp = _now()
    result = bind.execute(sa.text(
        "INSERT INTO issued_document (kind, number, symbol, year, issued_date, signer, session_id, petition_id, "
        "file_path, note, created_at, updated_at, updated_by, version) VALUES (:kind, :n, :s, :y, :d, '', :sid, "
        ":pid, '', 'Số đã ghi trên kiến nghị trước khi nâng cấp', :at, :at, 'nâng cấp', 1)"),
        {"kind": kind, "n": number, "s": symbol, "y": day.year, "d": day, "sid": session_id,
         "pid": None if session_id is not None else petition_id, "at": stamp})
    if result.lastrowid is not None and bind.dialect.name == "sqlite":
        return result.lastrowid
    return bind.execute(sa.text("SELECT id FROM issued_document WHERE symbol = :s AND year = :y AND number = :n"),
                        {"s": symbol, "y": day.year, "n": number}).scalar()


def _register_numbers(bind) -> None:
    rows = bind.execute(sa.text(
        "SELECT p.id, p.status, p.reply_number, p.reply_date, p.resolved_date, p.session_id FROM petition p "
        "WHERE p.reply_number <> '' ORDER BY p.id")).all()
    for pid, status, text, reply_date, resolved_date, session_id in rows:
        if status == "da_chuyen_cap_tren":
            doc = _enter(bind, "upward-proposal", text, _as_date(resolved_date), pid, session_id, status)
            column = "transfer_document_id"
        else:
            doc = _enter(bind, "reply", text, _as_date(reply_date or resolved_date), pid, None, status)
            column = "reply_document_id"
        if doc is not None:
            bind.execute(sa.text(f"UPDATE petition SET {column} = :d WHERE id = :p"), {"d": doc, "p": pid})
    rows = bind.execute(sa.text(
        "SELECT e.id, e.petition_id, e.letter_number, e.citizen_notified_date, e.created_at, p.status "
        "FROM petition_extension e JOIN petition p ON p.id = e.petition_id WHERE e.letter_number <> '' "
        "ORDER BY e.id")).all()
    for eid, pid, text, notified, created, status in rows:
        doc = _enter(bind, "extension", text, _as_date(notified or created), pid, None, status)
        if doc is not None:
            bind.execute(sa.text("UPDATE petition_extension SET letter_document_id = :d WHERE id = :e"),
                         {"d": doc, "e": eid})


def _judge_extensions(bind) -> None:
    """Valid only when told in writing on or before the due date it extends, to a later date; then the due
    date in force is the last valid extension, else the override, else the computed date."""
    rows = bind.execute(sa.text(
        "SELECT id, petition_id, previous_due, new_due, citizen_notified_date FROM petition_extension")).all()
    invalid = {}
    for eid, pid, previous, new, notified in rows:
        previous, new, notified = _as_date(previous), _as_date(new), _as_date(notified)
        if notified is None or (previous is not None and (notified > previous or new <= previous)):
            invalid[eid] = pid
    for eid, pid in invalid.items():
        bind.execute(sa.text("UPDATE petition_extension SET valid = :f WHERE id = :e"), {"f": False, "e": eid})
        status = bind.execute(sa.text("SELECT status FROM petition WHERE id = :p"), {"p": pid}).scalar()
        _history(bind, pid, status, "Gia hạn ghi trước phiên bản này không hợp lệ (không có ngày thông báo bằng văn "
                                    "bản cho công dân, hoặc thông báo sau thời hạn): không làm thay đổi thời hạn.")
    bind.execute(sa.text(
        "UPDATE petition SET due_date = COALESCE((SELECT e.new_due FROM petition_extension e WHERE e.petition_id = "
        "petition.id AND e.valid = :t ORDER BY e.id DESC LIMIT 1), due_override, computed_due_date)"), {"t": True})


def _sync_years(bind) -> None:
    year_of = ("CAST(strftime('%Y', COALESCE(actual_start, planned_start)) AS INTEGER)"
               if bind.dialect.name == "sqlite" else "CAST(EXTRACT(YEAR FROM COALESCE(actual_start, planned_start)) AS INTEGER)")
    bind.execute(sa.text(f"UPDATE dialogue_session SET year = {year_of} WHERE year <> {year_of}"))
    bind.execute(sa.text("UPDATE petition SET year = (SELECT s.year FROM dialogue_session s WHERE s.id = petition.session_id) "
                         "WHERE year <> (SELECT s.year FROM dialogue_session s WHERE s.id = petition.session_id)"))


def _unanswered_back_in_progress(bind) -> None:
    rows = bind.execute(sa.text("SELECT id FROM petition WHERE status = 'da_giai_quyet' AND reply_date IS NULL")).all()
    for (pid,) in rows:
        bind.execute(sa.text("UPDATE petition SET status = 'dang_giai_quyet' WHERE id = :p"), {"p": pid})
        stamp = _now()
        bind.execute(sa.text(
            "INSERT INTO petition_status_change (petition_id, from_status, to_status, changed_at, changed_by, note, "
            "created_at, updated_at, updated_by, version) VALUES (:p, 'da_giai_quyet', 'dang_giai_quyet', :at, "
            "'nâng cấp', :note, :at, :at, 'nâng cấp', 1)"),
            {"p": pid, "at": stamp, "note": "Đã có kết quả giải quyết nhưng chưa ghi văn bản trả lời công dân: kiến nghị "
                                            "chỉ được tính là đã trả lời khi có ngày văn bản trả lời (cần ghi bổ sung)."})
    if rows:
        bind.execute(sa.text(
            "UPDATE dialogue_session SET status = 'da_thong_bao_ket_luan' WHERE status = 'hoan_thanh' AND EXISTS "
            "(SELECT 1 FROM petition p WHERE p.session_id = dialogue_session.id AND p.status IN ('moi', "
            "'dang_giai_quyet'))"))

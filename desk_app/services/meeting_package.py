"""Mang đi hội nghị / Nhập kết quả hội nghị: a session taken to the hall on a laptop, its result brought back.

Taking out (:func:`export_package`): one SQLite file of the current schema, made like a backup, that the laptop
opens as its database (``desk-app --db FILE``) and works in normally. It holds what the meeting needs, with the
office's ids: the commune, the profiles, the catalogues (officials, agencies, hamlets, fields), the calendar
overrides and the settings deadlines and the live minutes use (and the password, when there is one); the
session with its plan, registrations and minutes so far; the open petitions of earlier sessions (which may be
raised again) and the previous session's petitions (whose results the meeting hears), with their sessions;
the register of issued documents (numbers go on from it). Links to records left in the office (an earlier
petition's opinion) are left empty and never brought back. The package names itself (its identity, which is
also its own database identity), its origin (the office database's identity), the commune, the session, when
and by whom it was taken out, the schema, and for every row its version and for every record its signature
(:mod:`desk_app.services.meeting_merge`).

Bringing back (:func:`import_result`): the file is checked read-only (a package of ours, sound, not from a newer
program), then read from a copy; it must come from this database, this commune and this session, and no other
package of the session may have been brought back since it was taken out. Then, in the caller's one unit of
work: the records the laptop changed or added are merged (conflicts listed, nothing overwritten), the
session's year, the petitions' due dates (the office's calendar) and the session's completion are brought up
to date, and the import log remembers what came back, so the same result never comes back twice.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import shutil
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.errors import DatabaseError, ValidationError
from desk_app.domain.states import SessionStatus, session_year
from desk_app.domain.text import fold
from desk_app.store import models as m
from desk_app.store import seed
from desk_app.store.backup import check as check_store
from desk_app.store.backup import check_database_file, fill_new_file
from desk_app.store.context import current_user, now
from desk_app.store.database import SCHEMA_HEAD, open_database
from desk_app.store.files import atomic_output
from desk_app.services import access, followup, settings
from desk_app.services.common import PENDING_OFF_SETTING, commune, get
from desk_app.services.meeting_merge import (KIND_NAMES, KINDS, MERGED_TABLES, Conflict, Merge, Side, Snapshot,
                                             content_columns, links, plain, read_rows, record_signature)
from desk_app.services.sessions import previous_session

PACKAGE_SETTING = "package.meeting"  # in the package: what it is (its meta)
PACKAGE_KIND = "meeting-package"
PACKAGE_FORMAT = 1
# Settings the laptop needs: the calendar's pending holidays (deadlines), the window's, the password.
COPIED_SETTINGS = (PENDING_OFF_SETTING, settings.FONT_SIZE, settings.SPEAKING_SECONDS, access.KEY)
# Kept by the office alone: what the laptop changes in them is named, not brought back.
STAYING = {"commune": "thông tin đơn vị", "profile": "bộ quy định", "calendar_override": "ngày nghỉ, ngày làm bù"}
# Tables taken out whole.
WHOLE_TABLES = ("commune", "profile", "official", "agency", "hamlet", "field", "calendar_override",
                "issued_document")
_SESSION_PARTS = ("session_co_chair", "session_participant", "session_task", "session_legal_basis",
                  "session_recipient", "bridge_point", "agenda_step_log")
_PETITION_PARTS = ("petition_coordinator", "petition_extension", "petition_status_change")


@dataclass(frozen=True)
class PackageInfo:
    """What a package says about itself."""

    path: Path
    package_id: str
    origin: str
    commune_code: str
    commune_name: str
    session_id: int
    session_title: str
    exported_at: dt.datetime
    exported_by: str
    schema: str
    meta: dict


@dataclass(frozen=True)
class ImportResult:
    package: PackageInfo
    counts: list[tuple[str, int]]  # (kind, records added or changed), in the report's order
    conflicts: list[Conflict]
    dry_run: bool
    not_brought_back: list[str]  # what the laptop changed that only the office keeps (the commune, settings …)


def database_identity(session: Session) -> str:
    found = seed.identity(session)
    if not found:
        raise DatabaseError("Cơ sở dữ liệu chưa có mã nhận diện; hãy đóng rồi mở lại chương trình.")
    return found


# -- taking out -----------------------------------------------------------------------------------------------

def export_package(session: Session, session_id: int, target: str | Path) -> Path:
    """Write the package of session ``session_id`` to ``target`` (atomically); returns the path."""
    _consistent_reads(session)
    target = Path(target)
    bind = session.get_bind()
    if bind.dialect.name == "sqlite" and bind.url.database and \
            Path(bind.url.database).resolve() == target.resolve():
        raise ValidationError({"output": "Tệp gói hội nghị không được trùng với tệp cơ sở dữ liệu đang mở."})
    ds = get(session, m.DialogueSession, session_id)
    if ds.status == SessionStatus.CANCELLED.value:
        raise ValidationError({"session_id": "Cuộc đối thoại đã hủy: không có hội nghị để mang đi."})
    unit = commune(session)
    if unit is None:
        raise ValidationError({"commune": "Chưa khai báo đơn vị (xã): hãy hoàn tất phần cài đặt ban đầu trước."})
    origin = database_identity(session)
    rows = _collect(session, ds)
    cuts = _cut(rows)
    taken = {table: {str(i): [plain(r["created_at"]), r["version"]] for i, r in found.items()}
             for table, found in rows.items()}
    columns = {table: content_columns(table) for table in MERGED_TABLES}
    snapshot = Snapshot({"rows": taken, "cuts": cuts, "columns": columns})
    side = Side(rows)
    signatures = {kind.table: {str(i): record_signature(kind, root, side.children(kind, i), snapshot)
                               for i, root in rows.get(kind.table, {}).items()} for kind in KINDS}
    package_id = str(uuid.uuid4())
    stamp = dt.datetime.now()
    meta = {
        "kind": PACKAGE_KIND, "format": PACKAGE_FORMAT, "package": package_id, "origin": origin,
        "commune": {"code": unit.code, "name": unit.name, "province": unit.province},
        "session": {"id": ds.id, "created_at": plain(ds.created_at), "title": ds.title},
        "exported_at": stamp.isoformat(), "exported_by": current_user(), "schema": SCHEMA_HEAD,
        # imports of this session's other packages the office had when this one left (see _refuse_foreign)
        "imports_seen": {r.package_id: r.version for r in session.scalars(
            select(m.MeetingImport).where(m.MeetingImport.session_id == ds.id))},
        "rows": taken, "cuts": cuts, "columns": columns, "signatures": signatures,
    }
    rows["setting"] = _settings(session, package_id, meta)
    with atomic_output(target, error=DatabaseError, what="gói hội nghị") as temp:
        fill_new_file(temp, ((table, list(rows.get(table.name, {}).values()))
                             for table in m.Base.metadata.sorted_tables))
    return target


def _consistent_reads(session: Session) -> None:
    """On a server every read of the export sees the same moment (SQLite's read transaction already does)."""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _collect(session: Session, ds: m.DialogueSession) -> dict[str, dict[int, dict]]:
    rows: dict[str, dict[int, dict]] = {}

    def put(table: str, found: list[dict]) -> None:
        rows.setdefault(table, {}).update({r["id"]: r for r in found})

    for table in WHOLE_TABLES:
        put(table, read_rows(session, table))
    earlier = select(m.Petition.id).join(m.DialogueSession).where(
        m.Petition.session_id != ds.id, m.Petition.status.in_(followup.OPEN_STATUSES),
        m.DialogueSession.planned_start < ds.planned_start)
    petition_ids = set(session.scalars(earlier))
    previous = previous_session(session, ds.id)
    session_ids = {ds.id} | ({previous.id} if previous is not None else set())
    put("petition", read_rows(session, "petition", "session_id", sorted(session_ids)))
    put("petition", read_rows(session, "petition", "id", sorted(petition_ids)))
    session_ids |= {r["session_id"] for r in rows["petition"].values()}
    put("dialogue_session", read_rows(session, "dialogue_session", "id", sorted(session_ids)))
    for table in _SESSION_PARTS:
        put(table, read_rows(session, table, "session_id", sorted(session_ids)))
    put("deadline_override", read_rows(session, "deadline_override", "session_id", sorted(session_ids)))
    put("registration", read_rows(session, "registration", "session_id", [ds.id]))
    put("opinion", read_rows(session, "opinion", "session_id", [ds.id]))
    put("opinion_answer", read_rows(session, "opinion_answer", "opinion_id", sorted(rows["opinion"])))
    petitions = sorted(rows["petition"])
    for table in _PETITION_PARTS:
        put(table, read_rows(session, table, "petition_id", petitions))
    put("deadline_override", read_rows(session, "deadline_override", "petition_id", petitions))
    return rows


def _cut(rows: dict[str, dict[int, dict]]) -> dict[str, dict[str, list[str]]]:
    """Empty the links to records the package does not hold; returns the columns emptied, by row."""
    cuts: dict[str, dict[str, list[str]]] = {}
    for table, found in rows.items():
        targets = links(table)
        columns = m.Base.metadata.tables[table].columns
        for row in found.values():
            for column, target in targets.items():
                if row[column] is None or row[column] in rows.get(target, {}):
                    continue
                if not columns[column].nullable:
                    raise DatabaseError(f"Không mang đi được: {table} số {row['id']} cần {target} số {row[column]} "
                                        "không có trong gói.")
                row[column] = None
                cuts.setdefault(table, {}).setdefault(str(row["id"]), []).append(column)
    return cuts


def _settings(session: Session, package_id: str, meta: dict) -> dict[int, dict]:
    copied = {r["id"]: r for r in read_rows(session, "setting", "key", COPIED_SETTINGS)}
    stamp, user = now(), current_user()
    top = session.scalar(select(func.max(m.Setting.id))) or 0
    for offset, (key, value) in enumerate(((seed.IDENTITY_SETTING, package_id), (PACKAGE_SETTING, meta)), 1):
        copied[top + offset] = dict(id=top + offset, key=key, value=value, created_at=stamp, updated_at=stamp,
                                    updated_by=user, version=1)
    return copied


# -- reading a package -----------------------------------------------------------------------------------------

def package_session_id(session: Session) -> int | None:
    """When the open database is a meeting package (the laptop in the hall): the session it was taken out for."""
    meta = settings.get(session, PACKAGE_SETTING)
    try:
        return int(meta["session"]["id"]) if isinstance(meta, dict) and meta.get("kind") == PACKAGE_KIND else None
    except (KeyError, TypeError, ValueError):
        return None


def read_package(path: str | Path) -> PackageInfo:
    """What the package at ``path`` says about itself (checked read-only first; nothing is written)."""
    path = Path(path)
    check_database_file(path, "package")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            found = connection.execute("SELECT value FROM setting WHERE key = ?", (PACKAGE_SETTING,)).fetchone()
    except sqlite3.Error as exc:
        raise DatabaseError(f"Tệp {path} bị hỏng, không nhập được.") from exc
    return _info(path, _meta(path, found[0] if found else None))


def _meta(path: Path, raw) -> dict:
    try:
        meta = json.loads(raw) if isinstance(raw, (str, bytes)) else raw
    except ValueError:
        meta = None
    if not isinstance(meta, dict) or meta.get("kind") != PACKAGE_KIND:
        raise DatabaseError(f"Tệp {path} là cơ sở dữ liệu của chương trình nhưng không phải gói hội nghị (tệp do "
                            "“Mang đi hội nghị” tạo ra); không nhập.")
    if meta.get("format") != PACKAGE_FORMAT:
        raise DatabaseError(f"Gói hội nghị {path} được tạo bởi một phiên bản mới hơn của chương trình; hãy cập nhật "
                            "chương trình trước khi nhập.")
    return meta


def _info(path: Path, meta: dict) -> PackageInfo:
    try:
        info = PackageInfo(path=path, package_id=str(meta["package"]), origin=str(meta["origin"]),
                           commune_code=str(meta["commune"]["code"]), commune_name=str(meta["commune"]["name"]),
                           session_id=int(meta["session"]["id"]), session_title=str(meta["session"]["title"]),
                           exported_at=dt.datetime.fromisoformat(meta["exported_at"]),
                           exported_by=str(meta["exported_by"]), schema=str(meta["schema"]), meta=meta)
        if not all(isinstance(meta[key], dict) for key in ("rows", "cuts", "columns", "signatures", "imports_seen")):
            raise TypeError("meta")
    except (KeyError, TypeError, ValueError) as exc:
        raise DatabaseError(f"Gói hội nghị {path} bị hỏng (không đọc được thông tin của gói), không nhập "
                            "được.") from exc
    return info


def _read(path: Path) -> tuple[PackageInfo, Side]:
    """The package's rows, read from a copy (an older schema is upgraded there; the file is never written)."""
    info = read_package(path)
    folder = Path(tempfile.mkdtemp(prefix="desk_app_goi_"))
    try:
        copy_path = folder / "goi.sqlite3"
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source, \
                contextlib.closing(sqlite3.connect(str(copy_path))) as target:
            source.backup(target)
        package = open_database(str(copy_path))
        try:
            problems = check_store(package)
            if problems:
                raise DatabaseError(f"Gói hội nghị {path} có dữ liệu sai liên kết hoặc trạng thái vô lý nên không "
                                    f"nhập: {problems[0]}")
            with package.engine.connect() as connection:
                rows = {table: {r["id"]: r for r in read_rows(connection, table)}
                        for table in MERGED_TABLES | set(STAYING)}
        finally:
            package.dispose()
    except sqlite3.Error as exc:
        raise DatabaseError(f"Tệp {path} bị hỏng, không nhập được.") from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return info, Side(rows)


# -- bringing back ---------------------------------------------------------------------------------------------

def import_result(session: Session, package_path: str | Path, dry_run: bool = False,
                  decisions: dict[tuple[str, int | None], str] | None = None) -> ImportResult:
    """Bring the meeting's result back from the package, in the caller's unit of work (all or nothing).

    ``dry_run``: the same work and the same result, then undone. ``decisions`` settles conflicts the clerk
    has decided, by :attr:`Conflict.key`: ``"laptop"`` writes the laptop's record, ``"office"`` keeps the
    office's (and the conflict is not listed again)."""
    path = Path(package_path)
    info, laptop = _read(path)
    _refuse_foreign(session, info)
    savepoint = session.begin_nested() if dry_run else None
    try:
        record = session.scalar(select(m.MeetingImport).where(m.MeetingImport.package_id == info.package_id))
        state = copy.deepcopy(record.state) if record is not None else {}
        merge = Merge(session, laptop, Snapshot(info.meta), state, decisions)
        result = merge.run()
        if result.written:
            _bring_up_to_date(session, result)
        _remember(session, info, record, state, merge)
        outcome = ImportResult(info, [(name, result.counts[name]) for name in KIND_NAMES], result.conflicts,
                               dry_run, _not_brought_back(laptop, Snapshot(info.meta)))
    finally:
        if savepoint is not None:
            savepoint.rollback()
    return outcome


def _not_brought_back(laptop: Side, snapshot: Snapshot) -> list[str]:
    """What the laptop added, changed or removed in what the office alone keeps (a built-in profile follows
    the program, not the clerk: it is not named)."""
    found = []
    for table, what in STAYING.items():
        rows = laptop.rows.get(table, {})
        taken = snapshot.rows.get(table, {})
        changed = sum(1 for row in rows.values() if not row.get("built_in") and (
            not snapshot.same(table, row) or taken[str(row["id"])][1] != row["version"]))
        changed += sum(1 for key in taken if int(key) not in rows)
        if changed:
            found.append(f"{what}: {changed} thay đổi trên máy xách tay không được mang về (văn phòng giữ bản của "
                         "mình)")
    return found


def _refuse_foreign(session: Session, info: PackageInfo) -> None:
    """A package of another commune, another database, another session, or one a later import overtook."""
    unit = commune(session)
    name = info.path.name
    if unit is None:
        raise DatabaseError(f"Cơ sở dữ liệu đang mở chưa khai báo đơn vị nên không nhập được gói {name} của "
                            f"{info.commune_name}: hãy mở cơ sở dữ liệu đã mang gói đi. Dữ liệu không thay đổi.")
    other_code = unit.code and info.commune_code and unit.code != info.commune_code
    if fold(unit.name) != fold(info.commune_name) or other_code:
        raise DatabaseError(f"Gói {name} là của {info.commune_name}, không phải của {unit.name}: không nhập. Dữ liệu "
                            "không thay đổi.")
    if seed.identity(session) != info.origin:
        raise DatabaseError(f"Gói {name} được mang đi từ một cơ sở dữ liệu khác của {info.commune_name}, không phải "
                            "cơ sở dữ liệu đang mở: chỉ nhập được vào cơ sở dữ liệu đã mang gói đi. Dữ liệu không "
                            "thay đổi.")
    ds = session.get(m.DialogueSession, info.session_id)
    if ds is None or plain(ds.created_at) != info.meta["session"]["created_at"]:
        raise DatabaseError(f"Cuộc đối thoại số {info.session_id} của gói {name} (“{info.session_title}”) không có "
                            "trong cơ sở dữ liệu này (hoặc là một cuộc đối thoại khác): không nhập. Dữ liệu không "
                            "thay đổi.")
    seen = info.meta.get("imports_seen", {})
    for other in session.scalars(select(m.MeetingImport).where(m.MeetingImport.session_id == ds.id,
                                                               m.MeetingImport.package_id != info.package_id)):
        if other.version > seen.get(other.package_id, 0):
            raise DatabaseError(
                f"Kết quả cuộc đối thoại số {ds.id} đã được nhập từ một gói khác (mang đi lúc "
                f"{other.exported_at:%H:%M %d/%m/%Y}, nhập lúc {other.imported_at:%H:%M %d/%m/%Y}) sau khi gói "
                f"{name} được mang đi; nhập thêm gói này sẽ ghi trùng biên bản nên không nhập. Dữ liệu không thay "
                "đổi. Nếu cần, hãy mang đi lại từ văn phòng.")


def _bring_up_to_date(session: Session, result) -> None:
    """What follows from the records brought back: the one year rule, how many times a matter was raised, the
    due dates by the office's calendar, whether the session is complete."""
    petitions = [session.get(m.Petition, oid) for kind, _lid, oid in result.written if kind.table == "petition"]
    sessions = {oid for kind, _lid, oid in result.written if kind.table == "dialogue_session"}
    sessions |= {p.session_id for p in petitions}
    for sid in sorted(sessions):
        ds = session.get(m.DialogueSession, sid)
        year = session_year(ds.planned_start, ds.actual_start)
        if ds.year != year:
            ds.year = year
        for petition in session.scalars(select(m.Petition).where(m.Petition.session_id == sid,
                                                                 m.Petition.year != year)):
            petition.year = year
    for petition in petitions:
        earlier = petition.earlier_petition
        times = earlier.times_raised + 1 if earlier is not None else petition.times_raised
        if petition.times_raised != times:
            petition.times_raised = times
    session.flush()
    followup.recompute_due_dates(session, sorted(sessions), why="tính lại khi nhập kết quả hội nghị")
    for sid in sorted(sessions):
        followup.refresh_session_completion(session, session.get(m.DialogueSession, sid))
    session.flush()


def _remember(session: Session, info: PackageInfo, record: m.MeetingImport | None, state: dict, merge: Merge) -> None:
    """The signatures both sides have now, for every record brought back or settled; the import log row is
    written only when something changed (a second import of the same result writes nothing)."""
    result = merge.result
    for kind, lid, oid in result.written + result.settled:
        office = merge.office_signature(kind, oid) if oid is not None else None
        state["base"].setdefault(kind.table, {})[str(lid)] = [merge.laptop_signature(kind, lid), office]
    before = record.state if record is not None else {}
    unchanged = all(state.get(part, {}) == before.get(part, {}) for part in ("ids", "base"))
    if unchanged and not result.written:
        return
    stamp = dt.datetime.now()
    summary = {"counts": dict(result.counts), "conflicts": len(result.conflicts), "at": stamp.isoformat()}
    if record is None:
        record = m.MeetingImport(package_id=info.package_id, session_id=info.session_id,
                                 exported_at=info.exported_at, imported_at=stamp, imports=0)
        session.add(record)
    record.state = copy.deepcopy(state)
    record.summary = summary
    if result.written:
        record.imported_at = stamp
        record.imports = (record.imports or 0) + 1
    session.flush()

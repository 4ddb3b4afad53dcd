"""Backups, restore and the database check (quality.md §2, cli.md backup / restore / check).

Choices:
- a backup is one self-contained SQLite file (the same schema as the program's), whatever the database:
  from SQLite it is SQLite's online backup (consistent while clerks work), from PostgreSQL every row is
  copied into a new SQLite file; either way it is integrity-checked and moved into place atomically;
- automatic backups go to ``<data folder>/backups``: at start when the newest is older than a day, and
  before every migration and restore; rotation keeps the newest of each of the last 7 days, 4 weeks and
  12 months (grandfather–father–son), plus every backup of the last day;
- restore refuses while another program has the database open (its lock file, store.instance, says who);
  it checks the file first (SQLite, integrity, our tables and schema version, not newer than the program),
  then a copy of it as a whole — migrated to the current schema, foreign keys and the consistency rules of
  ``check`` — and only then backs up the current database and moves the checked copy into place.
  Restoring is for SQLite databases (a PostgreSQL server restores with its own tools: pg_restore);
- ``check`` runs SQLite's integrity check, the foreign-key check and consistency rules of the records
  (impossible states) on either database, and lists every problem in Vietnamese.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sqlalchemy import Table, select, text
from sqlalchemy.engine import make_url

from desk_app.domain.errors import DatabaseError
from desk_app.store.database import (SQLITE_HEADER, Database, known_revision, open_database, os_reason,
                                     ours_by_tables, read_schema, user_data_dir)
from desk_app.store.files import atomic_output
from desk_app.store.models import Base

log = logging.getLogger(__name__)
BACKUP_PREFIX = "desk_app-"
BACKUP_SUFFIX = ".sqlite3"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


def backups_dir() -> Path:
    return user_data_dir() / "backups"


def sqlite_path(database: Database) -> Path | None:
    url = make_url(database.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


# -- writing a backup ---------------------------------------------------------------------------------------

def _integrity_ok(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        rows = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def fill_new_file(target: Path, rows: Iterable[tuple[Table, list[dict]]]) -> None:
    """A new SQLite file at ``target`` with the current schema (stamped) and ``rows`` (each table's, with their
    ids, in the order of ``Base.metadata.sorted_tables``), checked (foreign keys, integrity) and self-contained
    (no journal beside it). Used for backups from PostgreSQL and for meeting packages."""
    from sqlalchemy import create_engine

    from desk_app.store.database import create_schema

    engine = create_engine(f"sqlite:///{target}")
    try:
        with engine.begin() as sink:
            create_schema(sink)  # the search index is filled by its triggers as the petitions arrive
            for table, table_rows in rows:
                if table_rows:
                    sink.execute(table.insert(), table_rows)
            broken = sink.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DatabaseError(f"Dữ liệu chép ra tệp {target.name} sai liên kết ({broken[0][0]}); không ghi tệp.")
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
    finally:
        engine.dispose()


def _copy_rows(database: Database, target: Path) -> None:
    """Every row of every table into a new SQLite file with our schema (PostgreSQL → one file)."""
    with database.engine.connect() as source:
        fill_new_file(target, ((table, [dict(r._mapping) for r in source.execute(select(table))])
                               for table in Base.metadata.sorted_tables))


def write_backup(database: Database, target: str | os.PathLike) -> Path:
    """A consistent single-file copy of the whole database at ``target``, checked, written atomically."""
    target = Path(target)
    try:
        with atomic_output(target, error=DatabaseError, what="bản sao lưu") as temp:
            source = sqlite_path(database)
            if source is not None:
                with contextlib.closing(sqlite3.connect(str(source))) as live, \
                        contextlib.closing(sqlite3.connect(str(temp))) as copy:
                    live.backup(copy)  # SQLite's online backup: a consistent snapshot while others write
                    copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file: no -wal/-shm beside it
            else:
                _copy_rows(database, temp)
            problems = _integrity_ok(temp)
            if problems:
                raise DatabaseError(f"Bản sao lưu không đạt kiểm tra toàn vẹn: {problems[0]}")
    except sqlite3.Error as exc:
        log.warning("backup failed: %s", exc)
        raise DatabaseError(f"Không sao lưu được cơ sở dữ liệu vào {target}; chi tiết đã ghi vào tệp nhật "
                            "ký.") from exc
    return target


# -- automatic backups and their rotation ------------------------------------------------------------------

def _stamp(path: Path) -> dt.datetime | None:
    name = path.name
    if not (name.startswith(BACKUP_PREFIX) and name.endswith(BACKUP_SUFFIX)):
        return None
    try:
        return dt.datetime.strptime(name[len(BACKUP_PREFIX):-len(BACKUP_SUFFIX)].split("_")[0], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def automatic_backups() -> list[tuple[dt.datetime, Path]]:
    folder = backups_dir()
    if not folder.is_dir():
        return []
    found = [(_stamp(p), p) for p in folder.iterdir() if p.is_file()]
    return sorted((when, p) for when, p in found if when is not None)


def keep_set(stamps: list[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """Which backups rotation keeps: the newest of each of the last 7 days, 4 ISO weeks and 12 months, and
    everything younger than a day."""
    keep = {s for s in stamps if now - s < dt.timedelta(days=1)}
    for period, count in ((lambda s: s.date(), KEEP_DAILY), (lambda s: s.isocalendar()[:2], KEEP_WEEKLY),
                          (lambda s: (s.year, s.month), KEEP_MONTHLY)):
        newest: dict = {}
        for stamp in stamps:
            key = period(stamp)
            if key not in newest or stamp > newest[key]:
                newest[key] = stamp
        keep.update(sorted(newest.values(), reverse=True)[:count])
    return keep


def rotate(now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups rotation does not keep; returns the deleted files."""
    now = now or dt.datetime.now()
    backups = automatic_backups()
    keep = keep_set([when for when, _p in backups], now)
    removed = []
    for when, path in backups:
        if when not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def automatic_backup(database: Database, reason: str = "", now: dt.datetime | None = None) -> Path | None:
    """An automatic backup into the backups folder (SQLite databases only), then rotation."""
    if sqlite_path(database) is None:
        return None
    now = now or dt.datetime.now()
    folder = backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = f"_{reason}" if reason else ""
    path = write_backup(database, folder / f"{BACKUP_PREFIX}{now:%Y%m%d-%H%M%S}{suffix}{BACKUP_SUFFIX}")
    rotate(now)
    return path


def backup_if_due(database: Database, now: dt.datetime | None = None) -> Path | None:
    """At start: a backup when the newest automatic one is older than a day (or there is none)."""
    now = now or dt.datetime.now()
    backups = automatic_backups()
    if backups and now - backups[-1][0] < dt.timedelta(days=1):
        return None
    return automatic_backup(database, "", now)


def backup_before_migrate(engine, from_revision, to_revision) -> None:
    """open_database's hook: copy the file before its schema is upgraded."""
    path = Path(engine.url.database or "") if engine.dialect.name == "sqlite" else None
    if path is None or not path.is_file():
        return
    folder = backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{BACKUP_PREFIX}{dt.datetime.now():%Y%m%d-%H%M%S}_truoc-nang-cap-{from_revision}{BACKUP_SUFFIX}"
    with contextlib.closing(sqlite3.connect(str(path))) as live, \
            contextlib.closing(sqlite3.connect(str(target))) as copy:
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")


# -- checking a file and restoring it ---------------------------------------------------------------------

# What a checked file is called in the messages, and what it is for.
_FILE_WORDS = {
    "backup": {"missing": "Không tìm thấy tệp sao lưu {path}.", "noun": "bản sao lưu", "use": "dùng để khôi phục",
               "action": "khôi phục"},
    "package": {"missing": "Không tìm thấy gói hội nghị {path}.", "noun": "gói hội nghị", "use": "nhập",
                "action": "nhập"},
}


def check_backup_file(path: str | os.PathLike) -> str:
    """Raise a Vietnamese DatabaseError unless ``path`` is a sound backup of ours; returns its schema revision."""
    return check_database_file(path, "backup")


def check_database_file(path: str | os.PathLike, kind: str = "backup") -> str:
    """Read-only checks of a database file of ours brought from elsewhere (a backup, a meeting package): SQLite,
    integrity, our tables, a schema this program knows. Raises a Vietnamese DatabaseError naming the file as
    ``kind`` says; returns its schema revision."""
    words = _FILE_WORDS[kind]
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(words["missing"].format(path=path))
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"Không đọc được tệp {path}: {os_reason(exc)}.") from exc
    if header != SQLITE_HEADER:
        raise DatabaseError(f"Tệp {path} không phải {words['noun']} của chương trình (hoặc đã bị hỏng).")
    try:
        problems = _integrity_ok(path)
        tables, revision = read_schema(path)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Tệp {path} bị hỏng, không {words['use']} được.") from exc
    if problems:
        raise DatabaseError(f"Tệp {path} bị hỏng (không đạt kiểm tra toàn vẹn), không {words['use']} được.")
    if not ours_by_tables(tables) or revision is None:
        raise DatabaseError(f"Tệp {path} không phải {words['noun']} của chương trình.")
    if not known_revision(revision):
        raise DatabaseError(f"Tệp {path} được tạo bởi một phiên bản mới hơn của chương trình; hãy cập nhật "
                            f"chương trình trước khi {words['action']}.")
    return revision


def refuse_if_open_elsewhere(live: Path) -> None:
    """A window (or another program) that has the database open would go on working on the replaced file."""
    from desk_app.store.instance import InstanceLock

    holder = InstanceLock(live).other_holder()
    if holder is not None:
        raise DatabaseError(f"Cơ sở dữ liệu {live} đang được mở ở một cửa sổ khác (người dùng {holder.user}, máy "
                            f"{holder.host}); hãy đóng cửa sổ đó rồi khôi phục lại. Dữ liệu không thay đổi.")


def check_candidate(path: Path) -> None:
    """The copy about to become the database, as a whole: opened (an older schema migrated), then the
    foreign keys and the consistency rules of :func:`check`. Raises a Vietnamese DatabaseError listing them."""
    candidate = open_database(str(path))
    try:
        problems = check(candidate)
        with candidate.engine.connect() as connection:  # one self-contained file before it is moved
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        candidate.dispose()
    if problems:
        shown = "\n".join(f"- {p}" for p in problems[:10])
        more = f"\n(và {len(problems) - 10} vấn đề khác)" if len(problems) > 10 else ""
        raise DatabaseError("Bản sao lưu có dữ liệu sai liên kết hoặc trạng thái vô lý nên không dùng để khôi phục; "
                            f"dữ liệu hiện tại giữ nguyên:\n{shown}{more}")


def restore(target: str | None, backup_file: str | os.PathLike) -> Path:
    """Replace the SQLite database named by ``target`` with ``backup_file`` (checked first, as a whole; the
    current database is backed up before). Returns the automatic backup of the replaced database, if any.
    Refused while another program has the database open."""
    from desk_app.store.database import resolve_target

    url = make_url(resolve_target(target))
    if url.get_backend_name() != "sqlite":
        raise DatabaseError("Khôi phục vào máy chủ PostgreSQL làm bằng công cụ của máy chủ (pg_restore); "
                            "lệnh này khôi phục tệp SQLite của một máy.")
    live = Path(url.database)
    refuse_if_open_elsewhere(live)
    check_backup_file(backup_file)
    saved = None
    with atomic_output(live, error=DatabaseError, what="cơ sở dữ liệu") as temp:
        with contextlib.closing(sqlite3.connect(str(backup_file))) as source, \
                contextlib.closing(sqlite3.connect(str(temp))) as copy:
            source.backup(copy)
        try:
            check_candidate(temp)  # an older schema is migrated here, not when a clerk next starts the program
        finally:
            for extra in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(str(temp) + extra).unlink()
        refuse_if_open_elsewhere(live)  # a window opened meanwhile
        if live.exists():
            current = open_database(str(live))
            try:
                saved = automatic_backup(current, "truoc-khoi-phuc")
            finally:
                current.dispose()
        for extra in ("-wal", "-shm"):  # the old database's journal must not be replayed onto the new one
            with contextlib.suppress(FileNotFoundError):
                Path(str(live) + extra).unlink()
    return saved


# -- check -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    text: str


# Records in a state the program never writes: (what, SQL counting the rows).
_CONSISTENCY = (
    ("kiến nghị đã giải quyết nhưng không có ngày giải quyết",
     "SELECT COUNT(*) FROM petition WHERE status = 'da_giai_quyet' AND resolved_date IS NULL"),
    ("kiến nghị đang theo dõi nhưng không có hạn giải quyết",
     "SELECT COUNT(*) FROM petition WHERE status IN ('moi', 'dang_giai_quyet') AND due_date IS NULL"),
    ("cuộc đối thoại đã kết thúc nhưng không có giờ bắt đầu hoặc kết thúc",
     "SELECT COUNT(*) FROM dialogue_session WHERE status IN ('da_ket_thuc', 'da_thong_bao_ket_luan', 'hoan_thanh')"
     " AND (actual_start IS NULL OR actual_end IS NULL)"),
    ("cuộc đối thoại kết thúc trước khi bắt đầu",
     "SELECT COUNT(*) FROM dialogue_session WHERE actual_end IS NOT NULL AND actual_start IS NOT NULL"
     " AND actual_end < actual_start"),
    ("đăng ký bị gộp nhưng không rõ gộp vào đăng ký nào",
     "SELECT COUNT(*) FROM registration WHERE state = 'gop' AND merged_into_id IS NULL"),
    ("đăng ký bị từ chối nhưng không có lý do",
     "SELECT COUNT(*) FROM registration WHERE state = 'tu_choi' AND refusal_code = ''"),
    ("kiến nghị thuộc năm khác với năm của cuộc đối thoại",
     "SELECT COUNT(*) FROM petition p JOIN dialogue_session s ON s.id = p.session_id WHERE p.year <> s.year"),
    # domain.md §7: statuses agree with dates; the register has no number twice; numbers on petitions are
    # entries of the register for that petition
    ("kiến nghị đã trả lời công dân nhưng không có ngày văn bản trả lời",
     "SELECT COUNT(*) FROM petition WHERE status = 'da_giai_quyet' AND reply_date IS NULL"),
    ("kiến nghị chưa trả lời nhưng đã ghi ngày văn bản trả lời",
     "SELECT COUNT(*) FROM petition WHERE status IN ('moi', 'dang_giai_quyet') AND reply_date IS NOT NULL"),
    ("kiến nghị có ngày công dân nhận trả lời trước ngày văn bản trả lời",
     "SELECT COUNT(*) FROM petition WHERE citizen_informed_date IS NOT NULL AND reply_date IS NOT NULL"
     " AND citizen_informed_date < reply_date"),
    ("kiến nghị đã chuyển cấp trên hoặc không thuộc thẩm quyền nhưng không có ngày",
     "SELECT COUNT(*) FROM petition WHERE status IN ('da_chuyen_cap_tren', 'khong_thuoc_tham_quyen')"
     " AND resolved_date IS NULL"),
    ("lần gia hạn ghi là hợp lệ nhưng không có ngày thông báo cho công dân, thông báo sau thời hạn hoặc không"
     " lùi thời hạn",
     "SELECT COUNT(*) FROM petition_extension WHERE valid = TRUE AND (citizen_notified_date IS NULL"
     " OR (previous_due IS NOT NULL AND (citizen_notified_date > previous_due OR new_due <= previous_due)))"),
    ("số văn bản cấp hai lần trong sổ văn bản đi (cùng ký hiệu, cùng năm)",
     "SELECT COUNT(*) FROM (SELECT symbol, year, number FROM issued_document WHERE number IS NOT NULL"
     " GROUP BY symbol, year, number HAVING COUNT(*) > 1) twice"),
    ("văn bản trả lời ghi trên kiến nghị không phải văn bản trả lời kiến nghị đó trong sổ văn bản đi",
     "SELECT COUNT(*) FROM petition p JOIN issued_document d ON d.id = p.reply_document_id"
     " WHERE d.kind <> 'reply' OR d.petition_id IS NULL OR d.petition_id <> p.id"),
    ("văn bản gia hạn ghi trên kiến nghị không phải văn bản gia hạn kiến nghị đó trong sổ văn bản đi",
     "SELECT COUNT(*) FROM petition_extension e JOIN issued_document d ON d.id = e.letter_document_id"
     " WHERE d.kind <> 'extension' OR d.petition_id IS NULL OR d.petition_id <> e.petition_id"),
    ("cuộc đối thoại đã diễn ra nhưng không có biên bản (các bước của chương trình hội nghị)",
     "SELECT COUNT(*) FROM dialogue_session s WHERE s.status IN ('da_ket_thuc', 'da_thong_bao_ket_luan',"
     " 'hoan_thanh') AND NOT EXISTS (SELECT 1 FROM agenda_step_log a WHERE a.session_id = s.id)"),
    ("cuộc đối thoại chưa diễn ra nhưng đã ghi giờ bắt đầu",
     "SELECT COUNT(*) FROM dialogue_session WHERE status IN ('du_thao', 'da_ban_hanh_ke_hoach', 'da_moi', 'huy')"
     " AND actual_start IS NOT NULL"),
)


def check(database: Database) -> list[str]:
    """Every problem found, in Vietnamese; an empty list means the database is sound."""
    problems: list[str] = []
    with database.engine.connect() as connection:
        if database.is_sqlite:
            rows = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                problems += [f"Tệp cơ sở dữ liệu hỏng: {row}" for row in rows[:20]]
                return problems
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            for table, rowid, parent, _fk in broken[:50]:
                problems.append(f"Bảng {table}, dòng {rowid}: tham chiếu tới {parent} không còn tồn tại.")
        else:
            for table in Base.metadata.sorted_tables:
                for fk in table.foreign_keys:
                    column, parent = fk.parent, fk.column
                    count = connection.execute(text(
                        f"SELECT COUNT(*) FROM {table.name} c WHERE c.{column.name} IS NOT NULL AND NOT EXISTS "
                        f"(SELECT 1 FROM {parent.table.name} p WHERE p.{parent.name} = c.{column.name})")).scalar()
                    if count:
                        problems.append(f"Bảng {table.name}: {count} dòng tham chiếu tới {parent.table.name} không "
                                        "còn tồn tại.")
        for what, sql in _CONSISTENCY:
            count = connection.exec_driver_sql(sql).scalar()
            if count:
                problems.append(f"{count} {what}.")
    return problems

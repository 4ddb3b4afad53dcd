"""Backups, restore, rotation and the database check (quality.md §2, cli.md backup / restore / check)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desk_app.cli import main
from desk_app.domain.errors import DatabaseError
from desk_app.services.demo import DemoOptions, generate
from desk_app.store import backup
from desk_app.store.database import open_database
from desk_app.store.models import Base


def all_rows(database) -> dict[str, list]:
    with database.engine.connect() as connection:
        return {table.name: sorted(tuple(str(v) for v in row) for row in connection.execute(select(table)))
                for table in Base.metadata.sorted_tables}


@pytest.fixture
def demo(db):
    with db.session() as session:
        generate(session, DemoOptions(year=2026, sessions=2))
    return db


def test_backup_is_a_complete_checked_copy(demo, tmp_path):
    (tmp_path / "usb").mkdir()
    target = backup.write_backup(demo, tmp_path / "usb" / "sao-luu.sqlite3")
    assert backup.check_backup_file(target)
    copy = open_database(str(target))
    try:
        assert all_rows(copy) == all_rows(demo)  # every row of every table, on SQLite and PostgreSQL alike
        assert backup.check(copy) == []
    finally:
        copy.dispose()
    assert [p.name for p in (tmp_path / "usb").iterdir()] == ["sao-luu.sqlite3"]  # no temporary file left


def test_backup_refuses_a_missing_folder_and_leaves_nothing(demo, tmp_path):
    with pytest.raises(DatabaseError, match="không tồn tại"):
        backup.write_backup(demo, tmp_path / "khong-co" / "x.sqlite3")
    good = tmp_path / "good.sqlite3"
    good.write_bytes(b"the previous backup")
    with pytest.raises(DatabaseError):
        backup.write_backup(demo, tmp_path)  # a folder, not a file
    assert good.read_bytes() == b"the previous backup"


def test_restore_gives_back_an_identical_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    live = tmp_path / "live.sqlite3"
    database = open_database(str(live))
    with database.session() as session:
        generate(session, DemoOptions(year=2026, sessions=2))
    saved = backup.write_backup(database, tmp_path / "saved.sqlite3")
    before = all_rows(database)
    with database.engine.begin() as connection:  # a wrong click after the backup
        connection.execute(text("DELETE FROM petition"))
    database.dispose()
    pre_restore = backup.restore(str(live), saved)
    assert pre_restore is not None and pre_restore.is_file() and "truoc-khoi-phuc" in pre_restore.name
    restored = open_database(str(live))
    try:
        assert all_rows(restored) == before
    finally:
        restored.dispose()
    damaged = open_database(str(pre_restore))  # the state before the restore is kept too
    try:
        assert all_rows(damaged)["petition"] == []
    finally:
        damaged.dispose()


@pytest.mark.parametrize("kind, message", [
    ("garbage", "không phải bản sao lưu"),
    ("foreign", "không phải bản sao lưu của chương trình"),
    ("newer", "phiên bản mới hơn"),
    ("missing", "Không tìm thấy tệp sao lưu"),
])
def test_restore_refuses_a_bad_file_and_changes_nothing(tmp_path, monkeypatch, kind, message):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    live = tmp_path / "live.sqlite3"
    database = open_database(str(live))
    with database.session() as session:
        generate(session, DemoOptions(year=2026, sessions=1))
    before = all_rows(database)
    bad = tmp_path / "bad.sqlite3"
    if kind == "garbage":
        bad.write_bytes(b"PK\x03\x04 not a database")
    elif kind == "foreign":
        with sqlite3.connect(bad) as connection:
            connection.execute("CREATE TABLE people (name TEXT)")
    elif kind == "newer":
        backup.write_backup(database, bad)
        with sqlite3.connect(bad) as connection:
            connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    database.dispose()
    with pytest.raises(DatabaseError, match=message):
        backup.restore(str(live), bad)
    again = open_database(str(live))
    try:
        assert all_rows(again) == before
    finally:
        again.dispose()


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    now = dt.datetime(2026, 11, 21, 9, 0)
    stamps = [now - dt.timedelta(hours=6 * i) for i in range(4 * 450)]  # four backups a day for 450 days
    keep = backup.keep_set(stamps, now)
    recent = {s for s in stamps if now - s < dt.timedelta(days=1)}
    days = {s.date() for s in keep - recent}
    months = {(s.year, s.month) for s in keep}
    assert len(keep) <= len(recent) + 7 + 4 + 12
    assert {now.date() - dt.timedelta(days=i) for i in range(7)} <= {s.date() for s in keep}
    assert len(months) >= 12 and max(stamps) in keep
    assert len(days) >= 7


def test_backup_at_start_only_once_a_day(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    if backup.sqlite_path(demo) is None:
        assert backup.backup_if_due(demo) is None  # a server keeps its own backups
        return
    now = dt.datetime(2026, 11, 21, 8, 0)
    first = backup.backup_if_due(demo, now)
    assert first is not None and first.is_file()
    assert backup.backup_if_due(demo, now + dt.timedelta(hours=5)) is None
    assert backup.backup_if_due(demo, now + dt.timedelta(days=1, minutes=1)) is not None


def test_migration_is_preceded_by_a_backup(tmp_path, monkeypatch):
    """open_database calls this hook before upgrading an older schema (see test_database's upgrade test)."""
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    database = open_database(str(tmp_path / "old.sqlite3"))
    database.dispose()
    backup.backup_before_migrate(database.engine, "0000", "0001")
    copies = list((tmp_path / "data" / "backups").glob("*truoc-nang-cap-0000*"))
    assert len(copies) == 1 and copies[0].read_bytes()[:16] == b"SQLite format 3\x00"


def test_check_finds_impossible_states_and_broken_links(demo, tmp_path):
    assert backup.check(demo) == []
    with demo.engine.begin() as connection:
        connection.execute(text("UPDATE petition SET resolved_date = NULL WHERE status = 'da_giai_quyet'"))
    problems = backup.check(demo)
    assert any("đã giải quyết nhưng không có ngày giải quyết" in p for p in problems)


def test_cli_backup_restore_check(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    live = str(tmp_path / "live.sqlite3")
    assert main(["--db", live, "demo", "--sessions", "1"]) == 0
    capsys.readouterr()
    target = tmp_path / "usb.sqlite3"
    assert main(["--db", live, "backup", str(target)]) == 0
    assert capsys.readouterr().out == f"{target}\n"
    assert main(["--db", live, "check"]) == 0
    assert capsys.readouterr().out == "ok\n"
    assert main(["--db", live, "restore", str(target)]) == 0
    assert main(["--db", live, "restore", str(tmp_path / "none.sqlite3")]) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp sao lưu" in err and "Traceback" not in err
    with sqlite3.connect(live) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("UPDATE petition SET session_id = 99999 WHERE id = (SELECT MIN(id) FROM petition)")
    assert main(["--db", live, "check"]) == 1
    out = capsys.readouterr().out
    assert "tham chiếu tới dialogue_session không còn tồn tại" in out
    assert Path(live).is_file()

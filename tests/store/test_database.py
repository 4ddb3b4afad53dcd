"""Opening the database: target resolution, creation and stamping, migrations, refusals, safety settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select

from desk_app.domain.errors import ConflictError, DatabaseError
from desk_app.store import database as dbmod
from desk_app.store import models as m
from desk_app.store.database import head_revision, open_database, resolve_target


def test_target_comes_from_argument_then_environment_then_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_target(str(tmp_path / "arg.sqlite3")).endswith("arg.sqlite3")
    assert resolve_target(None).endswith("env.sqlite3")
    monkeypatch.delenv("DESK_APP_DB")
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    assert resolve_target(None) == "sqlite:///" + str((tmp_path / "data" / "desk_app.sqlite3").resolve())
    assert resolve_target("postgresql+psycopg://u:p@localhost/x") == "postgresql+psycopg://u:p@localhost/x"


def test_new_database_is_created_stamped_and_seeded(tmp_path):
    path = tmp_path / "sub" / "new.sqlite3"
    database = open_database(str(path))
    try:
        assert path.exists()
        with database.engine.connect() as connection:
            assert dbmod.current_revision(connection) == head_revision()
            tables = set(inspect(connection).get_table_names())
        assert set(m.Base.metadata.tables) <= tables
        with database.session() as s:
            codes = set(s.scalars(select(m.Profile.code)))
            assert codes == {"luat-2025", "hcm-935", "tam-duong-570", "gia-lai-553"}
            assert s.scalar(select(func.count(m.Field.id))) == 14
    finally:
        database.dispose()


def test_sqlite_safety_settings(tmp_path):
    db = open_database(str(tmp_path / "safety.sqlite3"))  # SQLite's own settings, whatever DESK_APP_TEST_PG says
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.dispose()


def test_migrations_build_exactly_the_models_schema(tmp_path):
    """Guard: a database built by the migrations alone matches the models (fails when a model changes
    without a migration)."""
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    with engine.begin() as connection:
        command.upgrade(dbmod.alembic_config(connection), "head")
    with engine.connect() as connection:
        # the search index (an FTS5 table and its shadow tables) is not a model: store.search_index owns it
        opts = {"compare_type": True,
                "include_name": lambda name, kind, _parent: not (kind == "table" and name.startswith("petition_search"))}
        diff = compare_metadata(MigrationContext.configure(connection, opts=opts), m.Base.metadata)
    engine.dispose()
    assert diff == []


def test_reopening_keeps_data_and_builtin_profiles_are_refreshed(tmp_path):
    path = str(tmp_path / "db.sqlite3")
    first = open_database(path)
    with first.session() as s:
        s.add(m.Hamlet(name="Thôn Bản Lải", name_fold="thon ban lai"))
        row = s.scalar(select(m.Profile).where(m.Profile.code == "hcm-935"))
        row.data = dict(row.data, name="sửa tay")  # a hand-edited built-in is put back at open
    first.dispose()
    second = open_database(path)
    with second.session() as s:
        assert s.scalar(select(m.Hamlet.name)) == "Thôn Bản Lải"
        row = s.scalar(select(m.Profile).where(m.Profile.code == "hcm-935"))
        assert row.data["name"] != "sửa tay"
    second.dispose()


def test_every_database_has_an_identity_of_its_own_that_copies_share(tmp_path):
    """A meeting package names the database it was taken from: the identity is made at the first open and kept."""
    import uuid

    from desk_app.store import backup, seed

    first, second = open_database(str(tmp_path / "a.sqlite3")), open_database(str(tmp_path / "b.sqlite3"))
    try:
        with first.session() as s:
            identity = seed.identity(s)
        with second.session() as s:
            assert seed.identity(s) != identity
        uuid.UUID(identity)
        backup.write_backup(first, tmp_path / "copy.sqlite3")
    finally:
        first.dispose()
        second.dispose()
    for path in ("a.sqlite3", "copy.sqlite3"):
        reopened = open_database(str(tmp_path / path))
        try:
            with reopened.session() as s:
                assert seed.identity(s) == identity
        finally:
            reopened.dispose()


def test_foreign_file_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "not_ours.sqlite3"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database")
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as info:
        open_database(str(path))
    assert "không phải cơ sở dữ liệu" in info.value.message
    assert path.read_bytes() == before


def test_sqlite_database_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(DatabaseError) as info:
        open_database(str(path))
    assert "không phải của chương trình" in info.value.message
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall() == [("customers",)]


def test_database_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    open_database(str(path)).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(DatabaseError) as info:
        open_database(str(path))
    assert "phiên bản mới hơn" in info.value.message


def test_older_database_is_upgraded_with_its_data(tmp_path, monkeypatch):
    """An existing database below head is upgraded at open (before_migrate hook called first)."""
    path = tmp_path / "old.sqlite3"
    open_database(str(path)).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO hamlet (name, name_fold, position, active, created_at, updated_at, "
                           "updated_by, version) VALUES ('Thôn A', 'thon a', 1, 1, '2026-01-01', "
                           "'2026-01-01', 'x', 1)")
        connection.execute("UPDATE alembic_version SET version_num = 'base_for_test'")
    calls = []
    # Pretend the head is a new revision on top of the current one: the upgrade path then runs.
    from alembic.script import ScriptDirectory

    real_get_revision = ScriptDirectory.get_revision

    def get_revision(self, rev):
        return real_get_revision(self, head_revision() if rev == "base_for_test" else rev)

    monkeypatch.setattr(ScriptDirectory, "get_revision", get_revision)
    monkeypatch.setattr(command, "upgrade", lambda config, rev: config.attributes["connection"].exec_driver_sql(
        f"UPDATE alembic_version SET version_num = '{head_revision()}'"))
    database = open_database(str(path), before_migrate=lambda engine, old, new: calls.append((old, new)))
    try:
        assert calls == [("base_for_test", head_revision())]
        with database.session() as s:
            assert s.scalar(select(m.Hamlet.name)) == "Thôn A"
        with database.engine.connect() as connection:
            assert dbmod.current_revision(connection) == head_revision()
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        database.dispose()


def test_directory_as_database_is_refused(tmp_path):
    with pytest.raises(DatabaseError) as info:
        open_database(str(tmp_path))
    assert "thư mục" in info.value.message


def test_bad_url_is_refused():
    with pytest.raises(DatabaseError):
        open_database("nonsense://")


def test_stale_edit_is_refused_not_overwritten(db):
    """Two clerks edit the same row at the same moment. PostgreSQL: the one whose read came before the other's
    save trips the version counter and is refused (nothing overwritten). SQLite: writers take turns (BEGIN
    IMMEDIATE), so the other clerk's save waits until the first is done and then writes on top of it."""
    import contextlib
    import threading
    import time

    with db.session() as s:
        s.add(m.Hamlet(name="Thôn A", name_fold="thon a"))
    other = open_database(db.url)
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with other.session() as s:
                s.scalar(select(m.Hamlet)).name = "Thôn Một"
        except BaseException as exc:  # noqa: BLE001 — asserted below
            errors.append(exc)

    sqlite = db.engine.dialect.name == "sqlite"
    thread = threading.Thread(target=first)
    try:
        with contextlib.nullcontext() if sqlite else pytest.raises(ConflictError) as info:
            with db.session() as second:
                stale = second.scalar(select(m.Hamlet))
                thread.start()
                time.sleep(0.3)  # the other clerk saves meanwhile (on SQLite: waits for this one)
                stale.name = "Thôn Hai"
        thread.join(30)
    finally:
        other.dispose()
    assert not errors
    if not sqlite:
        assert info.value.message
    # The version counter itself: an update whose row changed underneath is refused with ConflictError.
    with pytest.raises(ConflictError):
        with db.session() as s:
            row = s.scalar(select(m.Hamlet))
            s.execute(m.Hamlet.__table__.update().values(version=m.Hamlet.version + 1))
            row.name = "Thôn Ba"
    with db.session() as s:
        assert s.scalar(select(m.Hamlet.name)) == "Thôn Một"


def test_every_change_is_audited_with_before_and_after(db):
    with db.session() as s:
        hamlet = m.Hamlet(name="Thôn A", name_fold="thon a")
        s.add(hamlet)
    with db.session() as s:
        s.scalar(select(m.Hamlet)).name = "Thôn B"
    with db.session() as s:
        s.delete(s.scalar(select(m.Hamlet)))
    with db.session() as s:
        rows = [(r.action, r.table_name, r.changes) for r in s.scalars(
            select(m.AuditLog).where(m.AuditLog.table_name == "hamlet").order_by(m.AuditLog.id))]
    assert [r[0] for r in rows] == ["insert", "update", "delete"]
    assert rows[1][2] == {"name": ["Thôn A", "Thôn B"]}
    assert rows[0][2]["name"] == "Thôn A" and "name_fold" not in rows[0][2]


def test_failed_unit_of_work_changes_nothing(db):
    with pytest.raises(RuntimeError):
        with db.session() as s:
            s.add(m.Hamlet(name="Thôn A", name_fold="thon a"))
            s.flush()
            raise RuntimeError("stop")
    with db.session() as s:
        assert s.scalar(select(func.count(m.Hamlet.id))) == 0
        assert s.scalar(select(func.count(m.AuditLog.id)).where(m.AuditLog.table_name == "hamlet")) == 0


def test_foreign_keys_are_enforced(db):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(DatabaseError) as info:  # the database refuses it; the clerk reads why, in Vietnamese
        with db.session() as s:
            s.add(m.Registration(session_id=12345, citizen_name="A", citizen_fold="a"))
    assert isinstance(info.value.__cause__, IntegrityError)
    assert "không lưu" in info.value.message


def test_nothing_written_to_the_real_data_folder():
    from desk_app.store.database import user_data_dir

    assert "desk_app_test_data_" in str(user_data_dir())
    assert Path(user_data_dir()).name.startswith("desk_app_test_data_")


def test_schema_head_constant_is_alembics_head():
    from desk_app.store.database import SCHEMA_HEAD, head_revision

    assert SCHEMA_HEAD == head_revision(), "bump SCHEMA_HEAD with every new migration"

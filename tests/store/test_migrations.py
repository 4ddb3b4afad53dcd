"""Every released schema, kept as a database with data, upgrades to the current one with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk_app.services import statistics
from desk_app.store import backup
from desk_app.store import models as m
from desk_app.store.database import SCHEMA_HEAD, open_database

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures").glob("schema-*.sqlite"))


def test_there_is_a_fixture_for_the_current_schema():
    assert Path(__file__).parents[1] / "fixtures" / f"schema-{SCHEMA_HEAD}.sqlite" in FIXTURES


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_released_schema_upgrades_with_its_data(fixture, tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(fixture, path)
    with sqlite3.connect(path) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> 'alembic_version'")]
        before = {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        columns = {row[1] for row in connection.execute("PRAGMA table_info(petition)")}
        # 0003: the numbers typed on petitions enter the register (sổ văn bản đi)
        typed = connection.execute(
            "SELECT (SELECT COUNT(*) FROM petition WHERE reply_number <> '') + (SELECT COUNT(*) FROM "
            "petition_extension WHERE letter_number <> '')").fetchone()[0] if "reply_number" in columns else 0
        # the database's identity is made at its first open by a program that has one (0004)
        identity = connection.execute("SELECT COUNT(*) FROM setting WHERE key = 'database.identity'").fetchone()[0]
    database = open_database(str(path), before_migrate=backup.backup_before_migrate)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD
            after = {t: connection.exec_driver_sql(f'SELECT COUNT(*) FROM "{t}"').scalar() for t in tables}
        # rows the migrations add on purpose: register entries for typed numbers; history notes of what the
        # legal meaning changed (0003); the audit of the refreshed built-in profiles; the database's identity
        assert after["issued_document"] == before["issued_document"] + typed
        assert after["audit_log"] >= before["audit_log"]
        assert after["petition_status_change"] >= before["petition_status_change"]
        assert after["setting"] == before["setting"] + 1 - identity
        same = set(tables) - {"issued_document", "audit_log", "petition_status_change", "setting"}
        assert {t: after[t] for t in same} == {t: before[t] for t in same} and before["petition"] > 0
        assert backup.check(database) == []
        with database.session() as session:
            figures = statistics.compute(session, statistics.Period.year(2026)).total
            # opinions answered at the meeting without a petition count as petitions answered there (0003's meaning)
            answered_only = session.scalar(select(func.count(m.Opinion.id)).where(
                m.Opinion.outcome == "tra_loi_tai_hoi_nghi",
                ~m.Opinion.id.in_(select(m.Petition.opinion_id).where(m.Petition.opinion_id.is_not(None)))))
        assert figures.petitions == before["petition"] + answered_only
    finally:
        database.dispose()

"""Every released schema, kept as a database with data, upgrades to the current one with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desk_app.services import statistics
from desk_app.store import backup
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
    database = open_database(str(path), before_migrate=backup.backup_before_migrate)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD
            after = {t: connection.exec_driver_sql(f'SELECT COUNT(*) FROM "{t}"').scalar() for t in tables}
        assert after == before and before["petition"] > 0
        assert backup.check(database) == []
        with database.session() as session:
            figures = statistics.compute(session, statistics.Period.year(2026)).total
        assert figures.petitions == before["petition"]
    finally:
        database.dispose()

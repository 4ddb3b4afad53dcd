"""The petition search index (SQLite): an FTS5 table with the trigram tokenizer over the folded name and
content, kept in step with ``petition`` by triggers.

The search itself does not change: every word must appear, as a substring, in the folded name or the
folded content (``followup.filter_clause``). The index only answers that question without reading all
100,000 petitions: a word that matches nothing is known at once, instead of after a full scan.

- Words of one or two letters cannot use trigrams: they stay plain LIKE conditions (on the rows the
  other words already found, or on all rows when they are alone).
- PostgreSQL has no such table (its sequential scan is the fallback), and a SQLite built without FTS5's
  trigram tokenizer neither: ``available()`` says whether to use it.
- The triggers belong to ``petition``: a future migration that rebuilds that table (batch mode copies
  it) must call :func:`create` again afterwards.
"""

from __future__ import annotations

import weakref

TABLE = "petition_search"

_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_after_insert AFTER INSERT ON petition BEGIN
        INSERT INTO {TABLE}(rowid, citizen_fold, content_fold) VALUES (new.id, new.citizen_fold, new.content_fold);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_after_delete AFTER DELETE ON petition BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, citizen_fold, content_fold)
            VALUES ('delete', old.id, old.citizen_fold, old.content_fold);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_after_update AFTER UPDATE OF id, citizen_fold, content_fold ON petition
    BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, citizen_fold, content_fold)
            VALUES ('delete', old.id, old.citizen_fold, old.content_fold);
        INSERT INTO {TABLE}(rowid, citizen_fold, content_fold) VALUES (new.id, new.citizen_fold, new.content_fold);
    END""",
)

_available: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine → has the index


def supported(connection) -> bool:
    """SQLite with FTS5 and its trigram tokenizer (3.34 and newer)."""
    if connection.dialect.name != "sqlite":
        return False
    try:
        connection.exec_driver_sql("CREATE VIRTUAL TABLE temp._trigram_probe USING fts5(x, tokenize='trigram')")
        connection.exec_driver_sql("DROP TABLE temp._trigram_probe")
    except Exception:  # noqa: BLE001 — any failure means: no index, the LIKE search still works
        return False
    return True


def create(connection) -> bool:
    """Create the index and its triggers if they are missing (filling it from the existing petitions);
    True when the database has the index afterwards."""
    if not supported(connection):
        return False
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (TABLE,)).first() is not None
    if not exists:
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(citizen_fold, content_fold, content='petition', "
            "content_rowid='id', tokenize='trigram')")
        connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    for trigger in _TRIGGERS:
        connection.exec_driver_sql(trigger)
    return True


def drop(connection) -> None:
    for name in ("after_insert", "after_delete", "after_update"):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def available(session) -> bool:
    """Whether this session's database has the index (looked up once per engine)."""
    engine = session.get_bind()
    engine = getattr(engine, "engine", engine)
    known = _available.get(engine)
    if known is None:
        if engine.dialect.name != "sqlite":
            known = False
        else:
            known = session.connection().exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name IN (?, ?, ?, ?)",
                (TABLE, f"{TABLE}_after_insert", f"{TABLE}_after_delete", f"{TABLE}_after_update")).scalar() == 4
        _available[engine] = known
    return known


def match_query(words: list[str], column: str | None = None) -> str | None:
    """The FTS5 query for the words that trigrams can find (three letters or more): each one a quoted
    phrase — a literal substring, whatever its punctuation — and all of them required; in one ``column``
    (``citizen_fold``) when given, else in any."""
    phrases = ['"' + word.replace('"', '""') + '"' for word in words if len(word) >= 3]
    if not phrases:
        return None
    query = " AND ".join(phrases)
    return f"{column} : ({query})" if column else query

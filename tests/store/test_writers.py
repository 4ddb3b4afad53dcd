"""Writers wait their turn (issue 13).

- On SQLite a unit of work that reads and then writes starts as a writer (BEGIN IMMEDIATE): a second writer
  waits for it (the busy timeout) instead of failing at once, and one that still cannot write after the
  timeout gets a Vietnamese message and changes nothing.
- On PostgreSQL (the ``db`` fixture in the PostgreSQL run) two writers racing for one unique key or one row
  end in a retry (``Database.run``) or a clear message, never an unexpected error.
- The load test: four writer processes, one write a second each (calendar days, petition edits with the
  version they loaded, live-minutes text), on the ``db`` fixture's database: no save refused, none lost.
  Short in the ordinary run; 60 s under the ``long`` marker (.ci/run, on SQLite and on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select

from desk_app.domain.calendar import DayKind
from desk_app.domain.errors import DatabaseError, DeskAppError
from desk_app.services import followup, minutes, settings, workdays
from desk_app.store import database as dbmod
from desk_app.store import models as m
from desk_app.store.database import open_database


def _on_sqlite(db) -> bool:
    return db.engine.dialect.name == "sqlite"


def _second(db):
    """Another clerk's connection pool on the same database (another window or process)."""
    return open_database(db.url)


def test_a_writer_that_read_first_is_not_overtaken(db, make_session, session):
    """The first unit of work reads a petition, another clerk saves meanwhile, then the first writes: both
    saves go through (on SQLite the second waits for the first)."""
    ds = make_session(stage="ended", petitions=1)
    petition_id = session.scalar(select(m.Petition.id).where(m.Petition.session_id == ds.id))
    session.commit()
    other = _second(db)
    outcome: dict[str, object] = {}

    def meanwhile() -> None:
        started = time.monotonic()
        try:
            with other.session() as s:
                settings.put(s, settings.FONT_SIZE, 13)
            outcome["other"] = time.monotonic() - started
        except DeskAppError as exc:
            outcome["other"] = exc

    try:
        with db.session() as s:
            petition = s.get(m.Petition, petition_id)  # the read
            thread = threading.Thread(target=meanwhile)
            thread.start()
            time.sleep(0.4)  # the other clerk's save is under way
            followup.set_conclusion(s, petition.id, "Kết luận sau khi đọc", petition.lead_agency_id)
        thread.join(30)
    finally:
        other.dispose()
    assert not isinstance(outcome["other"], Exception), outcome["other"]
    with db.session() as s:
        assert s.get(m.Petition, petition_id).conclusion == "Kết luận sau khi đọc"
        assert settings.get(s, settings.FONT_SIZE) == 13
    if _on_sqlite(db):
        assert outcome["other"] >= 0.3  # it waited for the first writer instead of overtaking it


def test_a_writer_blocked_beyond_the_timeout_is_told_in_vietnamese(tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "busy.sqlite3"
    database = open_database(str(path))
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program writes and does not finish
        holder.execute("INSERT INTO setting (key, value, created_at, updated_at, updated_by, version) "
                       "VALUES ('x', '1', '2026-01-01', '2026-01-01', 'a', 1)")
        started = time.monotonic()
        with pytest.raises(DatabaseError) as info:
            with database.session() as s:
                settings.put(s, settings.FONT_SIZE, 14)
        assert time.monotonic() - started >= 0.25  # it waited its turn first
        assert info.value.message.startswith("Dữ liệu đang được người khác ghi")
        holder.execute("ROLLBACK")
        with database.session() as s:
            assert settings.get(s, settings.FONT_SIZE) == 11  # nothing was written
            settings.put(s, settings.FONT_SIZE, 14)  # and once the other one is done, it goes through
    finally:
        holder.close()
        database.dispose()


def test_two_writers_racing_for_one_calendar_day(db):
    """Both set the same day at the same moment: on PostgreSQL one insert collides with the other's unique
    key and is run again; on SQLite the second waits. Both end well; the day holds one of the two notes."""
    day = dt.date(2030, 12, 2)
    other = _second(db)
    results: list[object] = []
    gate = threading.Barrier(2)

    def clerk(database, note: str) -> None:
        def work(s):
            workdays.set_override(s, day, DayKind.OFF, note)
            gate_wait()
            time.sleep(0.3)  # the first one's transaction is still open when the second one writes

        def gate_wait():
            try:
                gate.wait(timeout=0.5)
            except threading.BrokenBarrierError:
                pass  # on SQLite the other one is waiting for this transaction: no meeting point

        try:
            database.run(work)
            results.append(note)
        except Exception as exc:  # noqa: BLE001 — the assertion shows it
            results.append(exc)

    try:
        threads = [threading.Thread(target=clerk, args=(database, note))
                   for database, note in ((db, "Nghỉ bù của xã"), (other, "Nghỉ lễ hội thôn"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        other.dispose()
    assert sorted(map(str, results)) == ["Nghỉ bù của xã", "Nghỉ lễ hội thôn"], results
    with db.session() as s:
        rows = list(s.scalars(select(m.CalendarOverride).where(m.CalendarOverride.day == day)))
        assert len(rows) == 1 and rows[0].note in ("Nghỉ bù của xã", "Nghỉ lễ hội thôn")


# -- the load test ---------------------------------------------------------------------------------------

WRITER = r"""
import json, random, sys, time
import datetime as dt
from desk_app.domain.calendar import DayKind
from desk_app.domain.errors import DeskAppError
from desk_app.services import followup, minutes, workdays
from desk_app.store import models as m
from desk_app.store.database import open_database

url, number, seconds, pace, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
petitions, opinion = json.loads(sys.argv[6]), int(sys.argv[7])
database = open_database(url)
rng = random.Random(number)
print(json.dumps({"ready": number}), flush=True)
while time.time() < start:
    time.sleep(0.01)
count, moment = 0, start + rng.uniform(0, pace)
while time.time() < start + seconds:
    time.sleep(max(0.0, moment - time.time()))
    moment += pace
    count += 1
    kind = ("calendar", "petition", "opinion")[count % 3]
    try:
        if kind == "calendar":
            # the writer's own day, or one every writer sets (a unique-key race)
            shared = count % 2 == 0
            day = dt.date(2031, 1 + count % 12, 3) if shared else dt.date(2030 + number, 1 + count % 12, 1 + count % 28)
            key, value = day.isoformat(), f"Ngày nghỉ số {count} của người ghi {number}"
            database.run(lambda s: workdays.set_override(s, day, DayKind.OFF, value))
        elif kind == "petition":
            petition_id = petitions[count % len(petitions)]
            with database.session(read_only=True) as s:  # what the page shows, then the save with its version
                p = s.get(m.Petition, petition_id)
                data = followup.PetitionInput(citizen_name=p.citizen_name, content=p.content,
                                              field_id=p.field_id, hamlet_id=p.hamlet_id, address=p.address,
                                              lead_agency_id=p.lead_agency_id,
                                              coordinator_ids=[c.agency_id for c in p.coordinators],
                                              complex_case=p.complex_case)
                version = p.version
            key = str(petition_id)
            value = data.conclusion = f"Kết luận lần {count} của người ghi {number}"
            database.run(lambda s: followup.update_petition(s, petition_id, data, expected_version=version))
        else:
            key, value = str(opinion), f"Biên bản: người ghi {number}, lần lưu {count}. " * 3
            value = value.strip()
            database.run(lambda s: minutes.save_opinion_text(s, opinion, value))
        print(json.dumps({"ok": kind, "key": key, "value": value, "at": time.time()}), flush=True)
    except DeskAppError as exc:
        print(json.dumps({"refused": kind, "message": exc.message}), flush=True)
    except Exception as exc:
        print(json.dumps({"error": kind, "message": repr(exc)}), flush=True)
print(json.dumps({"races": database.races}), flush=True)
database.dispose()
"""

WRITERS = 4


def run_writers(db, seconds: float, pace: float = 1.0) -> dict:
    """Four writer processes on ``db`` for ``seconds``; returns the figures, asserts nothing refused or lost."""
    from desk_app.services.demo import DemoOptions, generate

    with db.session() as s:
        generate(s, DemoOptions(year=2026, sessions=8, petitions=600))
    with db.session() as s:
        ds = s.scalar(select(m.DialogueSession).where(m.DialogueSession.status == "dang_dien_ra"))
        # the live meeting's opinions first (the secretary's autosave), then earlier ones: one per writer
        opinions = [o.id for o in minutes.opinions(s, ds.id)]
        opinions += [i for i in s.scalars(select(m.Opinion.id).order_by(m.Opinion.id)) if i not in opinions]
        petitions = list(s.scalars(select(m.Petition.id).order_by(m.Petition.id).limit(4 * WRITERS)))
    assert len(opinions) >= WRITERS and len(petitions) == 4 * WRITERS
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    start = time.time() + 4  # every writer has opened the database by then
    children = [subprocess.Popen(
        [sys.executable, "-c", WRITER, db.url, str(n), str(seconds), str(pace), str(start),
         json.dumps(petitions[n::WRITERS]), str(opinions[n])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for n in range(WRITERS)]
    lines: list[dict] = []
    for child in children:
        out, err = child.communicate(timeout=seconds + 120)
        assert child.returncode == 0, err[-3000:]
        lines += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    done = [line for line in lines if "ok" in line]
    refused = [line for line in lines if "refused" in line]
    errors = [line for line in lines if "error" in line]
    figures = {"writes": len(done), "refused": len(refused), "errors": len(errors),
               "run again after a race": sum(line["races"] for line in lines if "races" in line)}
    print(f"\n{WRITERS} writers for {seconds:.0f} s on {db.engine.dialect.name}: {figures}")
    assert not errors, errors[:5]
    assert not refused, refused[:5]
    # nothing lost: every key's last confirmed value is what the database holds (a day shared by every
    # writer holds one of the values confirmed for it)
    last: dict[tuple[str, str], list[str]] = {}
    for line in sorted(done, key=lambda line: line["at"]):
        last.setdefault((line["ok"], line["key"]), []).append(line["value"])
    with db.session() as s:
        for (kind, key), values in last.items():
            if kind == "calendar":
                row = s.scalar(select(m.CalendarOverride).where(m.CalendarOverride.day == dt.date.fromisoformat(key)))
                stored = row.note if row else None
                assert stored in values if key.startswith("2031-") else stored == values[-1], (key, stored)
            elif kind == "petition":
                assert s.get(m.Petition, int(key)).conclusion == values[-1], key
            else:
                assert s.get(m.Opinion, int(key)).content == values[-1], key
    assert figures["writes"] >= WRITERS * seconds / pace * 0.8
    return figures


def test_four_writers_one_write_a_second_each(db):
    run_writers(db, seconds=12)


@pytest.mark.long
def test_four_writers_for_60_seconds(db):
    run_writers(db, seconds=60)


def test_two_calendar_set_commands_started_together(db):
    """The command line as a script runs it: two `calendar set` of the same day at once both succeed."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    for attempt in range(3):
        day = f"2030-0{attempt + 3}-02"
        commands = [subprocess.Popen([sys.executable, "-m", "desk_app", "--db", db.url, "calendar", "set", day,
                                      "nghỉ", note], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=env)
                    for note in ("Nghỉ bù", "Lễ hội thôn")]
        results = [(c.wait(120), c.stderr.read()) for c in commands]
        for command in commands:
            command.stdout.close()
            command.stderr.close()
        assert [code for code, _err in results] == [0, 0], results
        with db.session() as s:
            row = s.scalar(select(m.CalendarOverride).where(m.CalendarOverride.day == dt.date.fromisoformat(day)))
            assert row.note in ("Nghỉ bù", "Lễ hội thôn")

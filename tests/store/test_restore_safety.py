"""Restore and the file under an open program (issue 13).

- ``restore`` refuses while another program has the file open (its lock file says by whom): exit 1, a
  Vietnamese message naming the user and the machine, the database untouched; once that program is gone
  (a lock left by a crash does not count) the restore goes through.
- The candidate file is checked as a whole before anything is replaced: foreign keys (a backup made with
  them off) and the program's own consistency rules (the ``check`` command's).
- A program whose file was replaced underneath (a restore by hand, a copy over it) stops saving and says
  so, instead of writing into the replaced file where nothing is kept.
- Several windows on one file are all listed in the lock file; one closing leaves the others listed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import func, select, text

from desk_app.cli import main
from desk_app.domain.errors import DatabaseError
from desk_app.services import settings
from desk_app.store import backup
from desk_app.store import models as m
from desk_app.store.database import open_database
from desk_app.store.instance import InstanceLock

HOLDER = r"""
import sys, time
from desk_app.store.instance import InstanceLock
lock = InstanceLock(sys.argv[1])
lock.acquire()
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def live(tmp_path, monkeypatch, capsys):
    """A demo database, a backup of it, then a change made after the backup (the petitions deleted)."""
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "live.sqlite3"
    assert main(["--db", str(path), "demo", "--sessions", "2"]) == 0
    saved = tmp_path / "usb.sqlite3"
    assert main(["--db", str(path), "backup", str(saved)]) == 0
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM petition_status_change")
        connection.execute("DELETE FROM petition_coordinator")
        connection.execute("DELETE FROM petition_extension")
        connection.execute("DELETE FROM deadline_override")
        connection.execute("UPDATE petition SET earlier_petition_id = NULL")
        connection.execute("DELETE FROM issued_document WHERE petition_id IS NOT NULL")
        connection.execute("DELETE FROM petition")
    capsys.readouterr()
    return path, saved


def _petitions(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT COUNT(*) FROM petition").fetchone()[0]


def _identity(path):
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


def test_restore_is_refused_while_another_program_has_the_file_open(live, capsys):
    path, saved = live
    before = _identity(path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert main(["--db", str(path), "restore", str(saved)]) == 1
        out, err = capsys.readouterr()
        assert out == "" and "đang được mở" in err and "Traceback" not in err
        holder_info = InstanceLock(path).other_holder()
        assert holder_info.user in err and holder_info.host in err
        assert _identity(path) == before and _petitions(path) == 0  # untouched: nothing was restored
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    # that program is gone (its lock file stays, as after a power cut): now the restore goes through
    assert InstanceLock(path).path.exists()
    assert main(["--db", str(path), "restore", str(saved)]) == 0
    assert _petitions(path) > 0


def _broken_backup(saved, statements: list[str]):
    with sqlite3.connect(saved) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            connection.execute(statement)


def test_restore_refuses_a_backup_with_a_dangling_foreign_key(live, capsys):
    path, saved = live
    before = _identity(path)
    # a session deleted with the foreign keys off: its registrations, opinions and petitions point at nothing
    _broken_backup(saved, ["DELETE FROM dialogue_session WHERE id = (SELECT MIN(session_id) FROM petition)"])
    assert main(["--db", str(path), "restore", str(saved)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "liên kết" in err and "dialogue_session" in err and "Traceback" not in err
    assert _identity(path) == before and _petitions(path) == 0
    assert main(["--db", str(path), "check"]) == 0


def test_restore_refuses_a_backup_that_breaks_the_consistency_rules(live, capsys):
    path, saved = live
    _broken_backup(saved, ["UPDATE petition SET resolved_date = NULL WHERE status = 'da_giai_quyet'"])
    assert main(["--db", str(path), "restore", str(saved)]) == 1
    err = capsys.readouterr().err
    assert "đã giải quyết nhưng không có ngày giải quyết" in err
    assert _petitions(path) == 0


def test_a_program_whose_file_was_replaced_stops_saving(live):
    path, saved = live
    database = open_database(str(path))
    try:
        with database.session() as session:
            settings.put(session, settings.FONT_SIZE, 12)
        replacement = path.with_name("copy.sqlite3")
        shutil.copyfile(saved, replacement)
        os.replace(replacement, path)  # restored by hand while this program has the file open
        for extra in ("-wal", "-shm"):
            if os.path.exists(str(path) + extra):
                os.remove(str(path) + extra)
        assert database.file_replaced()
        with pytest.raises(DatabaseError) as info:
            with database.session() as session:
                settings.put(session, settings.FONT_SIZE, 14)
        assert "thay thế" in info.value.message and "đóng" in info.value.message
    finally:
        database.dispose()
    again = open_database(str(path))
    try:
        with again.session() as session:
            assert settings.get(session, settings.FONT_SIZE) != 14  # nothing went into the replaced file
            assert session.scalar(select(func.count(m.Petition.id))) > 0
        assert not again.file_replaced()
    finally:
        again.dispose()


def test_every_window_on_the_file_is_listed_until_it_closes(tmp_path):
    path = tmp_path / "x.sqlite3"
    others = [subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
              for _ in range(2)]
    try:
        for other in others:
            assert other.stdout.readline().strip() == "ready"
        mine = InstanceLock(path)
        mine.acquire()
        assert {h.pid for h in mine.holders()} == {others[0].pid, others[1].pid, os.getpid()}
        others[0].kill()
        others[0].wait()
        mine.release()  # this window closes: the one still open stays listed, the dead one is dropped
        assert [h.pid for h in InstanceLock(path).holders()] == [others[1].pid]
        assert InstanceLock(path).other_holder().pid == others[1].pid
    finally:
        for other in others:
            other.kill()
            other.wait()
            other.stdout.close()

"""A second window on the same SQLite file is told; a lock left by a crash does not count."""

from __future__ import annotations

import json
import os
import socket

from desk_app.store.instance import InstanceLock, on_network_share


def test_lock_names_the_other_window_and_ignores_a_dead_one(tmp_path):
    database = tmp_path / "x.sqlite3"
    first = InstanceLock(database)
    assert first.other_holder() is None
    first.path.write_text(json.dumps({"pid": os.getppid(), "host": socket.gethostname(), "user": "vanthu"}),
                          encoding="utf-8")
    holder = InstanceLock(database).other_holder()
    assert holder is not None and holder.user == "vanthu"
    first.path.write_text(json.dumps({"pid": 999999999, "host": socket.gethostname(), "user": "vanthu"}),
                          encoding="utf-8")
    assert InstanceLock(database).other_holder() is None  # that window crashed long ago
    mine = InstanceLock(database)
    mine.acquire()
    assert mine.path.is_file() and InstanceLock(database).other_holder() is None  # this process itself
    mine.release()
    assert not mine.path.exists()


def test_network_share_paths(tmp_path):
    assert on_network_share(tmp_path / "x.sqlite3") is False
    assert on_network_share(__import__("pathlib").Path("//server/chia-se/desk_app.sqlite3")) is True

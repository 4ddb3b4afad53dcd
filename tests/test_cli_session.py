"""`desk-app session export-package` and `session import-result` (cli.md): output, exit codes, nothing half-done."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from desk_app.store import models as m
from desk_app.store.database import open_database
from tests.cli_helpers import demo_database, run
from tests.meeting_helpers import KIND_NAMES, fingerprint, office_meanwhile, run_meeting


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    return demo_database(tmp_path_factory.mktemp("cli-session"))


@pytest.fixture
def office(demo_file, tmp_path):
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(demo_file, path)
    database = open_database(str(path))
    with database.session() as s:
        sid = s.scalar(select(m.DialogueSession.id).where(m.DialogueSession.status == "da_moi"))
    database.dispose()
    return str(path), sid


def _lines(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.splitlines()]


def _check_report(out: str) -> tuple[dict[str, int], list[list[str]]]:
    rows = _lines(out)
    assert [r[0] for r in rows[:len(KIND_NAMES)]] == KIND_NAMES
    assert all(len(r) == 2 and r[1].isdigit() for r in rows[:len(KIND_NAMES)])
    marker = rows[len(KIND_NAMES)]
    assert marker[0] == "xung đột" and len(marker) == 2 and marker[1].isdigit()
    conflicts = rows[len(KIND_NAMES) + 1:]
    assert len(conflicts) == int(marker[1])
    assert all(len(r) == 5 for r in conflicts)
    return {r[0]: int(r[1]) for r in rows[:len(KIND_NAMES)]}, conflicts


def test_take_out_work_on_the_laptop_bring_back(office, tmp_path, capsys, monkeypatch):
    db, sid = office
    package = tmp_path / "hoi-nghi.sqlite3"
    code, out, err = run(capsys, "--db", db, "session", "export-package", sid, "-o", package)
    assert (code, out, err) == (0, f"{package}\n", "")
    # the laptop opens it like any database
    code, out, _ = run(capsys, "--db", package, "sessions")
    assert code == 0 and str(sid) in [line.split("\t")[0] for line in out.splitlines()]
    assert run(capsys, "--db", package, "check")[:2] == (0, "ok\n")

    laptop = open_database(str(package))
    with laptop.session() as s:
        monkeypatch.setenv("DESK_APP_TODAY", s.get(m.DialogueSession, sid).planned_start.date().isoformat())
    try:
        did = run_meeting(laptop, sid)
    finally:
        laptop.dispose()
    office_db = open_database(db)
    try:
        office_meanwhile(office_db, sid, did)
        before = fingerprint(office_db)
    finally:
        office_db.dispose()

    code, dry, err = run(capsys, "--db", db, "session", "import-result", package, "--dry-run")
    assert code == 0 and err == ""
    counts, conflicts = _check_report(dry)
    assert counts["cuộc đối thoại"] == 1 and counts["ý kiến"] > 0 and counts["kiến nghị"] > 0
    assert {c[0] for c in conflicts} == {"đăng ký phát biểu", "danh mục"}
    assert ["Điện thoại", "0988000111", "0912345678"] in [c[2:] for c in conflicts]
    office_db = open_database(db)
    try:
        assert fingerprint(office_db) == before  # the dry run changed nothing
    finally:
        office_db.dispose()

    code, out, err = run(capsys, "--db", db, "session", "import-result", package)
    assert (code, out, err) == (0, dry, "")
    code, again, _ = run(capsys, "--db", db, "session", "import-result", package)
    counts, conflicts_again = _check_report(again)
    assert code == 0 and set(counts.values()) == {0} and conflicts_again == conflicts
    assert run(capsys, "--db", db, "check")[:2] == (0, "ok\n")


def test_refusals_are_one_vietnamese_line(office, tmp_path, capsys):
    db, sid = office
    bad = tmp_path / "rac.sqlite3"
    bad.write_bytes(b"not a database" * 50)
    code, out, err = run(capsys, "--db", db, "session", "import-result", bad)
    assert code == 1 and out == "" and err.count("\n") == 1 and "không phải gói hội nghị" in err
    assert "Traceback" not in err
    code, out, err = run(capsys, "--db", db, "session", "export-package", "9999", "-o", tmp_path / "x.sqlite3")
    assert code == 1 and out == "" and "Không tìm thấy cuộc đối thoại" in err
    code, _out, err = run(capsys, "--db", db, "session", "export-package", sid, "-o",
                          tmp_path / "khong-co" / "x.sqlite3")
    assert code == 1 and "không tồn tại" in err
    assert not (tmp_path / "x.sqlite3").exists() and not (tmp_path / "khong-co").exists()


@pytest.mark.parametrize("args", [("session",), ("session", "export-package", "1"), ("session", "import-result"),
                                  ("session", "export-package", "x", "-o", "f.sqlite3")])
def test_wrong_usage_is_exit_2(office, capsys, args):
    db, _sid = office
    with pytest.raises(SystemExit) as stop:
        run(capsys, "--db", db, *args)
    assert stop.value.code == 2
    assert "cách dùng" in capsys.readouterr().err

"""The command-line contract of cli.md: outputs, exit codes, Vietnamese messages, nothing half-done."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest

from desk_app.cli import main
from tests.cli_helpers import demo_database, run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_database(tmp_path_factory.mktemp("cli"))


def test_demo_prints_the_session_ids(tmp_path, capsys):
    code, out, err = run(capsys, "--db", str(tmp_path / "d.sqlite3"), "demo", "--sessions", "5", "--seed", "3")
    assert code == 0 and err == ""
    assert out.split() == ["1", "2", "3", "4", "5"]


def test_demo_refuses_a_database_with_data(demo_db, capsys):
    code, out, err = run(capsys, "--db", demo_db, "demo")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "đã có dữ liệu" in err


def test_sessions_lines(demo_db, capsys):
    code, out, err = run(capsys, "--db", demo_db, "sessions", "--year", "2026")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == 5
        assert fields[0].isdigit()
        dt.date.fromisoformat(fields[1])
        assert fields[2] in {"Đảng ủy", "HĐND", "UBND", "Liên tịch"}
        assert fields[3] in {"Hoàn thành", "Đã thông báo kết luận", "Đã kết thúc", "Đã mời"}
        assert fields[4].startswith("Hội nghị")
    assert run(capsys, "--db", demo_db, "sessions", "--year", "2025")[1] == ""


def test_petitions_lines_and_filters(demo_db, capsys, today):
    code, out, _ = run(capsys, "--db", demo_db, "petitions")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and len(rows) >= 55
    assert all(len(r) == 7 for r in rows)
    labels = {"Mới", "Đang giải quyết", "Đã giải quyết", "Đã trả lời tại hội nghị", "Đã chuyển cấp trên",
              "Không thuộc thẩm quyền"}
    assert {r[4] for r in rows} == labels
    for r in rows:
        due = dt.date.fromisoformat(r[5])
        assert r[6] == ("quá hạn" if r[4] in ("Mới", "Đang giải quyết") and due < today else "")
    _, overdue_out, _ = run(capsys, "--db", demo_db, "petitions", "--overdue")
    overdue = [line.split("\t") for line in overdue_out.splitlines()]
    assert overdue and all(r[6] == "quá hạn" for r in overdue)
    assert len(overdue) == sum(1 for r in rows if r[6] == "quá hạn")
    _, by_label, _ = run(capsys, "--db", demo_db, "petitions", "--status", "Đã giải quyết")
    _, by_folded, _ = run(capsys, "--db", demo_db, "petitions", "--status", "da giai quyet")
    _, by_code, _ = run(capsys, "--db", demo_db, "petitions", "--status", "da_giai_quyet")
    assert by_label == by_folded == by_code and by_label
    assert all(line.split("\t")[4] == "Đã giải quyết" for line in by_label.splitlines())


def test_search_is_accent_and_case_insensitive(demo_db, capsys):
    _, out, _ = run(capsys, "--db", demo_db, "petitions")
    citizen = out.splitlines()[0].split("\t")[2]  # e.g. "Nguyễn Văn Đức"
    from desk_app.domain.text import fold

    plain = fold(citizen).upper()
    _, found, _ = run(capsys, "--db", demo_db, "petitions", "--search", plain)
    assert citizen in [line.split("\t")[2] for line in found.splitlines()]
    _, nothing, _ = run(capsys, "--db", demo_db, "petitions", "--search", "%")
    assert nothing == ""


def test_deadline(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    assert run(capsys, "--db", db, "deadline", "2026-08-21", "1")[1] == "2026-08-22\n"  # swapped working Saturday
    assert run(capsys, "--db", db, "deadline", "28/08/2026", "1")[1] == "2026-09-03\n"
    assert run(capsys, "--db", db, "deadline", "2026-08-28", "5", "--before")[1] == "2026-08-22\n"
    assert run(capsys, "--db", db, "deadline", "2026-11-20", "2", "--calendar-days")[1] == "2026-11-23\n"
    assert run(capsys, "--db", db, "deadline", "2026-11-27", "3", "--calendar-days", "--before")[1] == "2026-11-23\n"


def test_calendar_listing_and_local_overrides(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    code, out, _ = run(capsys, "--db", db, "calendar", "2026")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0
    assert ["2026-08-22", "làm việc"] == rows[[r[0] for r in rows].index("2026-08-22")][:2]
    assert ["2026-08-31", "nghỉ"] == rows[[r[0] for r in rows].index("2026-08-31")][:2]
    assert "2026-04-26" not in [r[0] for r in rows]  # a holiday on a Sunday is not a weekday off
    assert rows[[r[0] for r in rows].index("2026-11-24")][2] == "Ngày Văn hóa Việt Nam"
    assert run(capsys, "--db", db, "calendar", "set", "2026-12-31", "nghỉ", "Nghỉ theo quyết định của tỉnh")[0] == 0
    assert run(capsys, "--db", db, "calendar", "set", "2026-12-26", "làm-việc", "Làm bù")[0] == 0
    out = run(capsys, "--db", db, "calendar", "2026")[1]
    assert "2026-12-31\tnghỉ\tNghỉ theo quyết định của tỉnh\n" in out
    assert "2026-12-26\tlàm việc\tLàm bù\n" in out
    assert run(capsys, "--db", db, "deadline", "2026-12-30", "1")[1] == "2027-01-04\n"
    assert run(capsys, "--db", db, "calendar", "unset", "2026-12-31")[0] == 0
    assert run(capsys, "--db", db, "deadline", "2026-12-30", "1")[1] == "2026-12-31\n"


@pytest.mark.parametrize("args, fragment", [
    (("deadline", "abc", "3"), "Ngày không hợp lệ"),
    (("deadline", "2026-02-30", "3"), "Ngày không hợp lệ"),
    (("deadline", "2026-01-01", "-3"), "Số ngày"),
    (("calendar", "set", "2026-12-30", "họp", "x"), "nghỉ"),
    (("calendar", "unset", "2026-12-30"), "không có điều chỉnh"),
    (("petitions", "--status", "xong rồi"), "Không có trạng thái"),
])
def test_understood_but_impossible_requests_exit_1_with_one_vietnamese_line(tmp_path, capsys, args, fragment):
    code, out, err = run(capsys, "--db", str(tmp_path / "c.sqlite3"), *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and fragment in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [("frob",), ("deadline", "2026-01-01"), ("deadline", "2026-01-01", "x"),
                                  ("sessions", "--year", "12"), ("calendar",), ("calendar", "set", "2026-01-01"),
                                  ("calendar", "2026", "2027")])
def test_wrong_usage_exits_2_in_vietnamese(tmp_path, capsys, args):
    with pytest.raises(SystemExit) as info:
        main(["--db", str(tmp_path / "c.sqlite3"), *args])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "cách dùng:" in err and "lỗi:" in err
    assert not re.search(r"\b(usage|error|invalid|required|argument)\b", err)


def test_help_is_vietnamese(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "cách dùng:" in out and "tùy chọn:" in out and "hiện hướng dẫn này rồi thoát" in out
    assert not re.search(r"\b(usage|options|show|help message|version number)\b", out)
    for command in ("demo", "sessions", "petitions", "deadline", "calendar"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        assert "cách dùng:" in text and not re.search(r"\b(usage|options|show this)\b", text)


def test_corrupt_database_file_is_reported_and_untouched(tmp_path, capsys):
    path = tmp_path / "bad.sqlite3"
    path.write_text("đây không phải cơ sở dữ liệu", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(path), "sessions")
    assert code == 1 and "không phải cơ sở dữ liệu" in err
    assert path.read_text(encoding="utf-8") == "đây không phải cơ sở dữ liệu"


def test_database_from_environment_variable(tmp_path, capsys, monkeypatch):
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("DESK_APP_DB", str(path))
    assert run(capsys, "calendar", "set", "2026-12-31", "nghi", "Tết")[0] == 0
    assert path.exists()


def test_no_command_opens_the_window(capsys, tmp_path, monkeypatch):
    from desk_app.gui import app

    calls = []
    monkeypatch.setattr(app, "run", lambda target, smoke_test=False: calls.append((target, smoke_test)) or 0)
    target = str(tmp_path / "x.sqlite3")
    assert run(capsys, "--db", target)[0] == 0
    assert run(capsys, "--db", target, "gui", "--smoke-test")[0] == 0
    assert calls == [(target, False), (target, True)]


def test_real_process_has_no_traceback_and_utf8_output(tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="latin-1")  # the CLI must still write UTF-8
    bad = subprocess.run([sys.executable, "-m", "desk_app", "--db", str(tmp_path / "p.sqlite3"), "deadline",
                          "31/02/2026", "1"], capture_output=True, env=env, timeout=120)
    assert bad.returncode == 1
    assert b"Traceback" not in bad.stderr
    assert "Ngày không hợp lệ" in bad.stderr.decode("utf-8")
    good = subprocess.run([sys.executable, "-m", "desk_app", "--db", str(tmp_path / "p.sqlite3"), "calendar",
                           "2026"], capture_output=True, env=env, timeout=120)
    assert good.returncode == 0 and "Tết Nguyên Đán" in good.stdout.decode("utf-8")


def test_data_folder_blocked_by_a_file_gives_a_vietnamese_reason(tmp_path, capsys):
    blocker = tmp_path / "khong_phai_thu_muc"
    blocker.write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(blocker / "sub" / "db.sqlite3"), "sessions")
    assert code == 1 and "Không tạo được thư mục dữ liệu" in err
    assert not re.search(r"[Ee]rrno|Not a directory|File exists", err)


def test_unexpected_error_is_logged_and_told_in_vietnamese_only(tmp_path, capsys, monkeypatch):
    from desk_app import cli, logs

    def broken(args):
        raise RuntimeError("internal detail in English")

    monkeypatch.setattr(cli, "cmd_sessions", broken)
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "sessions")
    assert code == 1 and err.startswith("Lỗi không mong muốn; dữ liệu không thay đổi.")
    assert "RuntimeError" not in err and "internal detail" not in err
    assert "internal detail in English" in logs.log_path().read_text(encoding="utf-8")


def test_window_without_a_screen_is_said_in_vietnamese(tmp_path, monkeypatch):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux machines run without a screen")  # pragma: no cover
    completed = subprocess.run([sys.executable, "-m", "desk_app", "--db", str(tmp_path / "x.sqlite3")],
                               capture_output=True, env=env, timeout=120)
    assert completed.returncode == 1
    assert "không có màn hình đồ họa" in completed.stderr.decode("utf-8")

"""The command line of the legal meaning (cli.md: stats, petition show/extend/reply, calendar --yes and
holiday; consolidate across years): the demo at every size passes `check`, and `stats --json` gives exactly
the figures of the Excel summary and of each body's yearly report."""

from __future__ import annotations

import json
import os

import openpyxl
import pytest
from docx import Document

from desk_app.documents import summary
from tests.cli_helpers import run
from tests.documents.docx_checks import document_text

TODAY = "2026-11-21"
KEYS = {"total": "petitions", "answered_at_meeting": "answered_at_meeting", "answered_on_time": "resolved_on_time",
        "answered_late": "resolved_late", "open_not_due": "open_not_due", "open_overdue": "open_overdue",
        "transferred": "transferred", "not_competent": "not_competent",
        "raised_more_than_once": "raised_more_than_once"}


def _demo(tmp_path, capsys, *options) -> str:
    db = str(tmp_path / "demo.sqlite3")
    code, _out, err = run(capsys, "--db", db, "demo", *options)
    assert code == 0, err
    return db


def _stats(capsys, db, *options) -> dict:
    code, out, err = run(capsys, "--db", db, "stats", "--year", "2026", "--json", *options)
    assert code == 0, err
    return json.loads(out)


def _summary_figures(path) -> dict:
    ws = openpyxl.load_workbook(path, read_only=True)[summary.SUMMARY_SHEET]
    return {row[0]: row[2] for row in ws.iter_rows(values_only=True) if row and isinstance(row[0], str)}


def _agree_with_summary(figures: dict, stats: dict) -> None:
    assert stats["sessions"]["planned"] == figures["sessions_total"]
    assert stats["sessions"]["held"] == figures["sessions_held"]
    assert stats["sessions"]["cancelled"] == figures["sessions_cancelled"]
    assert (stats["sessions"]["periodic"], stats["sessions"]["ad_hoc"]) == (figures["periodic"], figures["ad_hoc"])
    assert stats["attendance"] == {"citizens": figures["citizens_attending"], "delegates": figures["delegates_attending"]}
    assert (stats["registrations"], stats["refused"], stats["opinions"]) == (
        figures["registrations"], figures["refused"], figures["opinions"])
    for key, figure in KEYS.items():
        assert stats["petitions"][key] == figures[figure], key
    assert sum(stats["petitions"]["by_field"].values()) == figures["petitions"]
    assert stats["average_working_days_to_answer"] == figures["avg_days_to_resolve"]
    for item in stats["obligations"]:
        assert figures[f"compliance_{item['who']}"] is not None


def _agree_with_report(text: str, stats: dict) -> None:
    p = stats["petitions"]
    assert f"Tổng số ý kiến, kiến nghị của Nhân dân: {p['total']} kiến nghị" in text
    assert f"Đã trả lời, giải thích rõ tại hội nghị: {p['answered_at_meeting']} kiến nghị" in text
    assert f"trong đó đúng hạn {p['answered_on_time']}, quá hạn {p['answered_late']}" in text
    assert f"trong hạn {p['open_not_due']}, quá hạn {p['open_overdue']}" in text
    for item in stats["obligations"]:
        assert f"đã tổ chức {item['held']} cuộc được tính" in text


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("DESK_APP_TODAY", TODAY)


@pytest.mark.parametrize("options", [(), ("--sessions", "9"), ("--petitions", "2000")],
                         ids=["default", "9-sessions", "2000-petitions"])
def test_demo_passes_check_and_stats_equals_the_summary_and_the_reports(tmp_path, capsys, options):
    db = _demo(tmp_path, capsys, *options)
    assert run(capsys, "--db", db, "check")[1] == "ok\n"
    stats = _stats(capsys, db)
    target = tmp_path / "tong-hop.xlsx"
    assert run(capsys, "--db", db, "export", "summary", "--year", "2026", "-o", target)[0] == 0
    _agree_with_summary(_summary_figures(target), stats)
    for body in ("ubnd", "dang_uy"):
        report = tmp_path / f"bao-cao-{body}.docx"
        code, _out, err = run(capsys, "--db", db, "export", "annual-report", "--year", "2026", "--body", body,
                              "--no-charts", "-o", report)
        assert code == 0, err
        _agree_with_report(document_text(Document(str(report))), _stats(capsys, db, "--body", body))


@pytest.mark.slow
def test_demo_of_100000_petitions_passes_check_and_stats_equals_the_summary(tmp_path, capsys):
    db = _demo(tmp_path, capsys, "--petitions", "100000")
    assert run(capsys, "--db", db, "check")[1] == "ok\n"
    target = tmp_path / "tong-hop.xlsx"
    assert run(capsys, "--db", db, "export", "summary", "--year", "2026", "-o", target)[0] == 0
    _agree_with_summary(_summary_figures(target), _stats(capsys, db))


def test_an_unrelated_calendar_change_leaves_the_figures_alone(tmp_path, capsys):
    # the issue: 67 petitions of `demo --petitions 2000` moved without an extension record, then `calendar set
    # 2030-01-02 nghỉ` changed the 2026 figures
    db = _demo(tmp_path, capsys, "--petitions", "2000")
    before = _stats(capsys, db)
    assert run(capsys, "--db", db, "calendar", "set", "2030-01-02", "nghỉ", "Nghỉ")[0] == 0
    assert _stats(capsys, db) == before
    assert run(capsys, "--db", db, "check")[1] == "ok\n"


def test_stats_text_and_json(tmp_path, capsys):
    db = _demo(tmp_path, capsys)
    code, out, _err = run(capsys, "--db", db, "stats", "--year", "2026")
    assert code == 0 and "Tổng số ý kiến, kiến nghị\t" in out and "Nghĩa vụ: Bí thư Đảng ủy\t" in out
    stats = _stats(capsys, db)
    assert set(stats) == {"year", "sessions", "attendance", "registrations", "refused", "opinions", "petitions",
                          "average_working_days_to_answer", "obligations"}
    assert set(stats["petitions"]) == set(KEYS) | {"by_field"}
    assert all({"who", "required", "held", "sessions", "met"} <= set(o) for o in stats["obligations"])
    with pytest.raises(SystemExit) as usage:  # the year is required
        run(capsys, "--db", db, "stats", "--json")
    assert usage.value.code == 2


def test_petition_show_extend_and_reply(tmp_path, capsys):
    db = _demo(tmp_path, capsys)
    rows = [line.split("\t") for line in run(capsys, "--db", db, "petitions", "--status", "mới")[1].splitlines()]
    open_ = [r for r in rows if r[5] >= TODAY]  # not yet due
    pid, due = open_[0][0], open_[0][5]
    code, out, _ = run(capsys, "--db", db, "petition", "show", pid)
    shown = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and [r[0] for r in shown[:9]] == ["id", "session", "citizen", "field", "status", "due",
                                                        "due_source", "answered", "on_time"]
    assert dict(r[:2] for r in shown[:9])["due"] == due and any(r[0] == "history" for r in shown)

    # an extension notified after the due date is refused; a valid one prints the new due date
    code, _out, err = run(capsys, "--db", db, "petition", "extend", pid, "--until", "2027-03-01",
                          "--notified", "2026-11-21", "--reason", "Cần thêm thời gian")
    assert code == 0 and err == ""
    assert run(capsys, "--db", db, "petition", "show", pid)[1].count("due_source\tgia hạn") == 1
    code, out, _ = run(capsys, "--db", db, "petition", "reply", pid, "--date", "2026-11-20", "--text", "Đã trả lời.",
                       "--number", "90")
    assert (code, out) == (0, "đúng hạn\n")
    assert "90/UBND-VP" in run(capsys, "--db", db, "register", "--year", "2026")[1] or \
        "90/HĐND-VP" in run(capsys, "--db", db, "register", "--year", "2026")[1]
    # the same number twice is refused, with the reference as the register writes it
    other = [r for r in open_[1:]][0][0]
    code, _out, err = run(capsys, "--db", db, "petition", "reply", other, "--date", "2026-11-20", "--text", "X",
                          "--number", "90")
    assert code == 1 and "đã cấp cho văn bản khác" in err
    assert run(capsys, "--db", db, "check")[1] == "ok\n"


def test_petition_extend_after_the_deadline(tmp_path, capsys):
    db = _demo(tmp_path, capsys)
    pid = run(capsys, "--db", db, "petitions", "--overdue")[1].splitlines()[0].split("\t")[0]
    code, _out, err = run(capsys, "--db", db, "petition", "extend", pid, "--until", "2027-03-01", "--notified",
                          TODAY, "--reason", "Cần thêm thời gian")
    assert code == 1 and "sau thời hạn giải quyết" in err and "Traceback" not in err
    code, out, err = run(capsys, "--db", db, "petition", "extend", pid, "--until", "2027-03-01", "--notified",
                         TODAY, "--reason", "Cần thêm thời gian", "--late-as-history")
    assert code == 0 and "không đổi" in err
    assert pid in run(capsys, "--db", db, "petitions", "--overdue")[1].split()


@pytest.mark.parametrize("args, fragment", [
    (("petition", "show", "9999"), "Không tìm thấy kiến nghị"),
    (("petition", "reply", "1", "--date", "2026-13-01", "--text", "x"), "Ngày không hợp lệ"),
    (("petition", "extend", "1", "--until", "2027-01-05", "--notified", "2026-11-20", "--reason", " "), "Lý do"),
])
def test_petition_bad_input(tmp_path, capsys, args, fragment):
    db = _demo(tmp_path, capsys)
    code, _out, err = run(capsys, "--db", db, *args)
    assert code == 1 and fragment in err and "Traceback" not in err


def _show(capsys, db, pid) -> dict:
    return dict(line.split("\t", 1) for line in run(capsys, "--db", db, "petition", "show", pid)[1].splitlines()
                if not line.startswith("history"))


def test_calendar_change_that_flips_answered_petitions_needs_yes(tmp_path, capsys):
    import datetime as dt

    db = _demo(tmp_path, capsys)
    # an overdue petition on its computed due date: answered on that day, it is on time
    overdue = [line.split("\t")[0] for line in run(capsys, "--db", db, "petitions", "--overdue")[1].splitlines()]
    pid = next(p for p in overdue if _show(capsys, db, p)["due_source"] == "tính")
    due = dt.date.fromisoformat(_show(capsys, db, pid)["due"])
    assert run(capsys, "--db", db, "petition", "reply", pid, "--date", due.isoformat(), "--text", "Đã trả lời")[1] == \
        "đúng hạn\n"
    before = _stats(capsys, db)
    saturday = due - dt.timedelta(days=(due.weekday() - 5) % 7)  # the Saturday before the due date: worked
    code, _out, err = run(capsys, "--db", db, "calendar", "set", saturday.isoformat(), "làm-việc", "Làm bù")
    assert code == 1 and f"Kiến nghị số {pid}" in err and "đúng hạn → quá hạn" in err
    assert _stats(capsys, db) == before  # nothing changed
    assert run(capsys, "--db", db, "calendar", "set", saturday.isoformat(), "làm-việc", "Làm bù", "--yes")[0] == 0
    assert _show(capsys, db, pid)["on_time"] == "không"
    flipped = err.count("đúng hạn → quá hạn")
    assert _stats(capsys, db)["petitions"]["answered_late"] == before["petitions"]["answered_late"] + flipped
    assert run(capsys, "--db", db, "check")[1] == "ok\n"


def test_calendar_lists_sources_and_switches_the_pending_holiday(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    rows = {r.split("\t")[0]: r.split("\t") for r in run(capsys, "--db", db, "calendar", "2026")[1].splitlines()}
    assert rows["2026-01-02"][1] == "nghỉ" and "12729/VPCP-KGVX" in rows["2026-01-02"][3]
    assert rows["2026-01-10"][1] == "làm việc"
    assert "Điều 112" in rows["2026-11-24"][3]
    assert run(capsys, "--db", db, "deadline", "2025-12-26", "5")[1] == "2026-01-06\n"
    rows_2027 = {r.split("\t")[0]: r.split("\t") for r in run(capsys, "--db", db, "calendar", "2027")[1].splitlines()}
    assert rows_2027["2027-02-04"][2] == "Nghỉ Tết Nguyên Đán (28 tháng Chạp)" and "dự kiến" in rows_2027["2027-02-04"][3]
    code, out, _ = run(capsys, "--db", db, "calendar", "holiday")
    assert code == 0 and out.startswith("van-hoa\tNgày Văn hóa Việt Nam (24/11)\tnghỉ\t")
    assert run(capsys, "--db", db, "calendar", "holiday", "van-hoa", "làm-việc")[0] == 0
    assert run(capsys, "--db", db, "deadline", "2026-11-23", "1")[1] == "2026-11-24\n"
    assert run(capsys, "--db", db, "calendar", "holiday", "khong-co", "nghỉ")[0] == 1


def test_consolidating_several_years_asks_for_the_year(tmp_path, capsys):
    first = _demo(tmp_path, capsys)
    older = str(tmp_path / "2025.sqlite3")
    assert run(capsys, "--db", older, "demo", "--year", "2025", "--commune", "Hồng Phong")[0] == 0
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run(capsys, "--db", first, "export", "summary", "--year", "2026", "-o", a)[0] == 0
    assert run(capsys, "--db", older, "export", "summary", "--year", "2025", "-o", b)[0] == 0
    code, _out, err = run(capsys, "consolidate", "-o", tmp_path / "out.xlsx", b, a)
    assert code == 1 and "--year" in err and not (tmp_path / "out.xlsx").exists()
    code, out, _err = run(capsys, "consolidate", "-o", tmp_path / "out.xlsx", b, a, "--year", "2026")
    assert code == 0 and out.splitlines()[0].startswith("bỏ qua") and out.splitlines()[1].startswith("ok")

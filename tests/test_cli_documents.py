"""cli.md's export, import, consolidate commands and the template/register helpers: outputs and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from desk_app.cli import main
from tests.cli_helpers import demo_database, run

SESSION_KINDS = ("plan", "notice", "invitation", "registration-form", "minutes", "conclusion", "upward-proposal")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_database(tmp_path_factory.mktemp("cli-docs"))


def _petition(demo_db, status_sql: str) -> int:
    import sqlite3

    with sqlite3.connect(demo_db) as connection:
        return connection.execute(f"SELECT petition.id FROM petition {status_sql} LIMIT 1").fetchone()[0]


@pytest.mark.parametrize("kind", SESSION_KINDS)
def test_export_session_documents(demo_db, tmp_path, capsys, kind):
    target = tmp_path / f"{kind}.docx"
    code, out, err = run(capsys, "--db", demo_db, "export", kind, "--session", 1, "-o", target)
    assert (code, err) == (0, "")
    assert out == f"{target}\n"
    assert Document(str(target)).paragraphs


def test_export_letters_report_and_summary(demo_db, tmp_path, capsys):
    resolved = _petition(demo_db, "WHERE status = 'da_giai_quyet'")
    extended = _petition(demo_db, "JOIN petition_extension ON petition_extension.petition_id = petition.id")
    for kind, option, value in (("reply", "--petition", resolved), ("extension", "--petition", extended),
                                ("annual-report", "--year", 2026)):
        target = tmp_path / f"{kind}.docx"
        code, out, err = run(capsys, "--db", demo_db, "export", kind, option, value, "-o", target)
        assert (code, out, err) == (0, f"{target}\n", "")
    target = tmp_path / "tong-hop.xlsx"
    code, out, err = run(capsys, "--db", demo_db, "export", "summary", "--year", 2026, "-o", target)
    assert (code, out, err) == (0, f"{target}\n", "")
    assert "_meta" in load_workbook(target, read_only=True).sheetnames


def test_export_number_and_date_from_the_clerk(demo_db, tmp_path, capsys):
    """The demo's plan of session 2 is issued (in the register): exporting it again keeps its number and date; another
    number or date is a new version, which the clerk asks for."""
    target = tmp_path / "kh.docx"
    code, _out, err = run(capsys, "--db", demo_db, "export", "plan", "--session", 2, "-o", target,
                          "--number", 14, "--date", "05/02/2026")
    assert code == 1 and "đã ban hành: số 01-KH/ĐU" in err and "--new-version" in err and not target.exists()
    code, _out, err = run(capsys, "--db", demo_db, "export", "plan", "--session", 2, "-o", target,
                          "--number", 14, "--date", "05/02/2026", "--new-version")
    assert code == 0, err
    text = "\n".join(c.text for row in Document(str(target)).tables[0].rows for c in row.cells)
    assert "Số 14-KH/ĐU" in text and "Tân Đoàn, ngày 05 tháng 02 năm 2026" in text
    code, out, _ = run(capsys, "--db", demo_db, "register", "--year", 2026)
    assert any(line.startswith("2026\t14-KH/ĐU\tplan\t2026-02-05\t") for line in out.splitlines())
    assert any(line.startswith("2026\t01-KH/ĐU\tplan\t") for line in out.splitlines()), "the first one is kept"


def test_export_names_a_missing_cited_document_and_goes_on(demo_db, tmp_path, capsys):
    """The joint session issued in the party format: the Đảng ủy has no plan of it in the register, so its notice
    leaves the number blank, says so on stderr, and the export succeeds."""
    target = tmp_path / "tb.docx"
    code, out, err = run(capsys, "--db", demo_db, "export", "notice", "--session", 4, "--format", "party", "-o",
                         target)
    assert code == 0 and out == f"{target}\n"
    assert "Kế hoạch tổ chức hội nghị của Đảng ủy xã Tân Đoàn" in err and "……-KH/ĐU" in err
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Thực hiện Kế hoạch số ……-KH/ĐU ngày ……" in text


def test_export_missing_data_lists_it(demo_db, tmp_path, capsys):
    # the joint session of the demo has not been held yet: no minutes, no conclusion
    target = tmp_path / "bb.docx"
    code, out, err = run(capsys, "--db", demo_db, "export", "minutes", "--session", 4, "-o", target)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == "Chưa xuất được biên bản hội nghị vì còn thiếu:"
    assert lines[1].startswith("- giờ bắt đầu hội nghị")
    assert not target.exists()


@pytest.mark.parametrize("args, message", [
    (("export", "plan", "-o", "x.docx"), "cần --session"),
    (("export", "reply", "--session", "1", "-o", "x.docx"), "cần --petition"),
    (("export", "plan", "--session", "999", "-o", "x.docx"), "Không tìm thấy cuộc đối thoại có mã số 999"),
    (("export", "plan", "--session", "1", "-o", "x.pdf"), "đuôi .docx"),
    (("export", "summary", "--year", "2026", "-o", "x.docx"), "đuôi .xlsx"),
    (("export", "plan", "--session", "1", "-o", "khong-co-thu-muc/x.docx"), "không tồn tại"),
])
def test_export_bad_requests(demo_db, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", demo_db, *args)
    assert code == 1 and out == "" and message in err
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.xlsx"))


def test_export_unknown_kind_is_usage(demo_db, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--db", demo_db, "export", "letter", "--session", "1", "-o", "x.docx"])
    assert info.value.code == 2
    assert "lựa chọn không hợp lệ" in capsys.readouterr().err


def test_import_registrations(demo_db, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐĂNG KÝ PHÁT BIỂU"])
    sheet.append(["Họ và tên", "Năm sinh", "Địa chỉ/Thôn", "Điện thoại", "Lĩnh vực", "Nội dung"])
    sheet.append(["Lò Văn Sáng", 1968, "Thôn Lùng Vài", "0912345678", "Đất đai", "Đề nghị cấp giấy chứng nhận"])
    sheet.append(["Tòng Thị Pấng", 1975, "Thôn Nà Thang", None, "Giao thông, hạ tầng", "=1+1 đường hỏng"])
    path = tmp_path / "dang-ky.xlsx"
    book.save(path)
    code, out, err = run(capsys, "--db", demo_db, "import", "registrations", path, "--session", 4)
    assert (code, out, err) == (0, "2\n", "")
    sheet.append(["", "abc", "", "", "Lĩnh vực lạ", "Nội dung"])
    book.save(path)
    code, out, err = run(capsys, "--db", demo_db, "import", "registrations", path, "--session", 4)
    assert code == 1 and out == "" and "Dòng 5" in err


def test_consolidate(demo_db, tmp_path, capsys):
    first = tmp_path / "in" / "a.xlsx"
    first.parent.mkdir()
    assert run(capsys, "--db", demo_db, "export", "summary", "--year", 2026, "-o", first)[0] == 0
    other_db = str(tmp_path / "other.sqlite3")
    assert main(["--db", other_db, "demo", "--commune", "Xã Nà Tăm", "--seed", "2"]) == 0
    second = tmp_path / "in" / "b.xlsx"
    assert run(capsys, "--db", other_db, "export", "summary", "--year", 2026, "-o", second)[0] == 0
    junk = tmp_path / "in" / "c.xlsx"
    junk.write_text("không phải bảng tính", encoding="utf-8")
    out_file = tmp_path / "tinh.xlsx"
    code, out, err = run(capsys, "consolidate", "-o", out_file, tmp_path / "in")
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(status, Path(path).name) for status, path, _reason in lines] == [
        ("ok", "a.xlsx"), ("ok", "b.xlsx"), ("bỏ qua", "c.xlsx")]
    assert lines[2][2] and "c.xlsx" in err
    assert out_file.is_file()
    code, out, err = run(capsys, "consolidate", "-o", tmp_path / "none.xlsx", junk)
    assert code == 1 and not (tmp_path / "none.xlsx").exists()
    assert out.startswith(f"bỏ qua\t{junk}\t") and err


def test_templates_commands(capsys, tmp_path, monkeypatch):
    code, out, _ = run(capsys, "templates")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and len(rows) == 20 and all(r[3] == "mẫu gốc" for r in rows)
    code, out, _ = run(capsys, "templates", "copy", "plan", "party")
    copy = Path(out.strip())
    assert code == 0 and copy.is_file() and copy.name == "plan.party.docx"
    assert any(r.endswith(f"bản đã sửa: {copy}") for r in run(capsys, "templates")[1].splitlines())
    code, out, _ = run(capsys, "templates", "restore", "plan", "party")
    assert code == 0 and "mẫu gốc" in out and not copy.exists()
    code, _out, err = run(capsys, "templates", "copy", "thu", "state")
    assert code == 1 and "Không có mẫu văn bản" in err


def test_cli_on_the_test_database_server(db, tmp_path, capsys):
    """The command line on the `db` fixture: SQLite normally, the PostgreSQL server in the PostgreSQL run."""
    url = db.url
    code, out, _err = run(capsys, "--db", url, "demo", "--sessions", "2")
    assert code == 0 and out.split() == ["1", "2"]
    assert len(run(capsys, "--db", url, "sessions")[1].splitlines()) == 2
    code, out, err = run(capsys, "--db", url, "petitions", "--search", "nguyen")
    assert code == 0 and out
    target = tmp_path / "kh.docx"
    assert run(capsys, "--db", url, "export", "plan", "--session", 1, "-o", target) == (0, f"{target}\n", "")
    assert run(capsys, "--db", url, "export", "summary", "--year", 2026, "-o", tmp_path / "th.xlsx")[0] == 0
    assert run(capsys, "--db", url, "check") == (0, "ok\n", "")
    code, out, _err = run(capsys, "--db", url, "backup", tmp_path / "sao-luu.sqlite3")
    assert code == 0 and (tmp_path / "sao-luu.sqlite3").is_file()

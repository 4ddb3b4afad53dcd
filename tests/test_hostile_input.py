"""Hostile input, everywhere (issue 5): each case gets one clear Vietnamese message and changes nothing.

Services are called the way the window calls them; the CLI the way scripts do; files are handed over as a
clerk would find them on a USB stick. Every case checks the message (Vietnamese, no traceback, no Python
or driver English) and that the data and files are as before.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desk_app.cli import main
from desk_app.domain.errors import DeskAppError
from desk_app.services import followup, registrations, sessions
from desk_app.store import models as m

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
ENGLISH_LEAKS = re.compile(r"Traceback|Error\b|Exception|errno|sqlite3\.|psycopg|NoneType|invalid literal")


PATHS = re.compile(r"\S*[/\\]\S*")  # the clerk's own file names are not program text


def assert_clear(message: str) -> None:
    assert message.strip(), "a message is given"
    assert VIETNAMESE.search(message), f"not Vietnamese: {message!r}"
    assert not ENGLISH_LEAKS.search(PATHS.sub(" ", message)), f"English leaks: {message!r}"


def counts(session) -> tuple:
    return tuple(session.scalar(select(func.count()).select_from(t)) for t in
                 (m.Registration, m.DialogueSession, m.Petition, m.Official, m.Hamlet))


# -- through the services ----------------------------------------------------------------------------------

LONG = "Nội dung rất dài. " * 6000  # about 100,000 characters
REGISTRATION_CASES = {
    "empty name": dict(citizen_name=""),
    "whitespace name": dict(citizen_name="   \t  "),
    "control characters only": dict(citizen_name="\x00\x07\x1b"),
    "100,000-character content": dict(citizen_name="Lò Văn Sáng", content=LONG),
    "CCCD of 11 digits": dict(citizen_name="Lò Văn Sáng", cccd="01234567890"),
    "CCCD of 13 digits": dict(citizen_name="Lò Văn Sáng", cccd="0123456789012"),
    "CCCD with letters": dict(citizen_name="Lò Văn Sáng", cccd="01234567890A"),
    "phone too short": dict(citizen_name="Lò Văn Sáng", phone="09123"),
    "foreign phone": dict(citizen_name="Lò Văn Sáng", phone="+1 202 555 0100"),
    "birth year 1800": dict(citizen_name="Lò Văn Sáng", birth_year=1800),
    "birth year in the future": dict(citizen_name="Lò Văn Sáng", birth_year=2090),
    "birth year as words": dict(citizen_name="Lò Văn Sáng", birth_year="năm bảy lăm"),
    "name of 300 characters": dict(citizen_name="Nguyễn " * 45),
    "unknown hamlet id": dict(citizen_name="Lò Văn Sáng", hamlet_id=999999),
    "unknown field id": dict(citizen_name="Lò Văn Sáng", field_id=999999),
}


@pytest.mark.parametrize("case", REGISTRATION_CASES, ids=list(REGISTRATION_CASES))
def test_bad_registration(session, commune, make_session, case):
    ds = make_session(stage="invited")
    before = counts(session)
    with pytest.raises(DeskAppError) as info:
        registrations.add_registration(session, ds.id, registrations.RegistrationInput(**REGISTRATION_CASES[case]))
    assert_clear(info.value.message)
    assert counts(session) == before


SESSION_CASES = {
    "empty title": dict(title="  "),
    "end before start": dict(planned_end=dt.datetime(2026, 6, 10, 7, 0)),
    "year 1999": dict(planned_start=dt.datetime(1999, 6, 10, 8, 0)),
    "unknown host": dict(host="quoc_hoi"),
    "unknown form": dict(form="qua_thu"),
    "title of 600 characters": dict(title="Hội nghị " * 70),
}


@pytest.mark.parametrize("case", SESSION_CASES, ids=list(SESSION_CASES))
def test_bad_session_plan(session, commune, case):
    data = dict(title="Hội nghị đối thoại", host="ubnd", planned_start=dt.datetime(2026, 6, 10, 8, 0),
                chair_id=commune.committee.id, place="Hội trường")
    data.update(SESSION_CASES[case])
    before = counts(session)
    with pytest.raises(DeskAppError) as info:
        sessions.plan_session(session, sessions.SessionInput(**data))
    assert_clear(info.value.message)
    assert counts(session) == before


def test_petition_cases(session, commune, make_session):
    ds = make_session(stage="ended")
    petition = session.scalar(select(m.Petition).where(m.Petition.session_id == ds.id))
    due = petition.due_date
    for call in (
        lambda: followup.create_petition(session, ds.id, followup.PetitionInput(citizen_name="A", content=LONG * 2)),
        lambda: followup.create_petition(session, ds.id, followup.PetitionInput(citizen_name="", content="x")),
        lambda: followup.override_due(session, petition.id, dt.date(2026, 12, 1), "   "),
        lambda: followup.extend(session, petition.id, due - dt.timedelta(days=30), "Cần thêm thời gian"),
        lambda: followup.resolve(session, petition.id, "", dt.date(2026, 7, 1)),
    ):
        with pytest.raises(DeskAppError) as info:
            call()
        assert_clear(info.value.message)
    session.refresh(petition)
    assert petition.due_date == due and petition.status in followup.OPEN_STATUSES


def test_nfd_emoji_and_formula_text_are_kept_as_text(session, commune, make_session):
    ds = make_session(stage="invited")
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    reg = registrations.add_registration(session, ds.id, registrations.RegistrationInput(
        citizen_name=nfd, content="=1+1 @SUM(A1) đường hỏng 🙏 \u200b"))
    assert reg.citizen_name == "Nguyễn Thị Hường" and unicodedata.is_normalized("NFC", reg.citizen_name)
    assert reg.content.startswith("=1+1 @SUM(A1) đường hỏng 🙏")


# -- through the command line ------------------------------------------------------------------------------

def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "demo.sqlite3"
    assert main(["--db", str(path), "demo", "--sessions", "4"]) == 0
    return path


def _xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADER = ["Họ và tên", "Năm sinh", "Địa chỉ/Thôn", "Điện thoại", "Lĩnh vực", "Nội dung"]


def _files(folder: Path) -> dict[str, Path]:
    files = {}
    files["garbage"] = folder / "rac.xlsx"
    files["garbage"].write_bytes(bytes(range(256)) * 40)
    files["empty file"] = folder / "rong.xlsx"
    files["empty file"].write_bytes(b"")
    files["old .xls"] = folder / "cu.xls"
    files["old .xls"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    files["CSV renamed"] = folder / "csv.xlsx"
    files["CSV renamed"].write_text("Họ và tên,Năm sinh\nLò Văn Sáng,1968\n", encoding="utf-8")
    files["password-protected"] = folder / "matkhau.xlsx"
    files["password-protected"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
                                            + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500)
    files["wrong headers"] = _xlsx(folder / "sai-tieu-de.xlsx", [["Tên hàng", "Số lượng"], ["Gạo", 10]])
    files["empty sheet"] = _xlsx(folder / "trong.xlsx", [])
    files["100,000 rows"] = _xlsx(folder / "nhieu.xlsx", [HEADER] + [
        [f"Người số {i}", 1970, "Thôn Nà Cài", "", "Khác", "Nội dung"] for i in range(100_000)])
    files["bad rows"] = _xlsx(folder / "dong-loi.xlsx", [HEADER, ["", "abc", "", "123", "Lĩnh vực lạ", "x"]])
    return files


def test_cli_import_of_hostile_files(demo_file, tmp_path, capsys):
    with sqlite3.connect(demo_file) as connection:
        before = connection.execute("SELECT COUNT(*) FROM registration").fetchone()[0]
    for case, path in _files(tmp_path).items():
        code, out, err = run(capsys, "--db", demo_file, "import", "registrations", path, "--session", 4)
        assert code == 1 and out == "", case
        assert_clear(err)
        assert path.name in err or "Dòng" in err, case
    with sqlite3.connect(demo_file) as connection:
        assert connection.execute("SELECT COUNT(*) FROM registration").fetchone()[0] == before


@pytest.mark.parametrize("args", [
    ("deadline", "31/02/2026", "5"),
    ("deadline", "2026-13-01", "5"),
    ("calendar", "set", "30/02/2026", "nghỉ", "Sai ngày"),
    ("calendar", "set", "2026-12-01", "nghỉ-phép", "Không có loại này"),
    ("export", "plan", "--session", "999", "-o", "{tmp}/x.docx"),
    ("export", "minutes", "--session", "4", "-o", "{tmp}/x.docx"),
    ("export", "summary", "--year", "2026", "-o", "{tmp}/khong-co/x.xlsx"),
    ("export", "plan", "--session", "1", "-o", "{tmp}/x.docx", "--number", "0"),
    ("restore", "{tmp}/khong-co.sqlite3"),
    ("consolidate", "-o", "{tmp}/tinh.xlsx", "{tmp}/khong-co.xlsx"),
], ids=lambda a: " ".join(a[:3]))
def test_cli_bad_requests(demo_file, tmp_path, capsys, args):
    snapshot = demo_file.read_bytes()
    code, out, err = run(capsys, "--db", demo_file, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert code == 1
    assert_clear(err)
    assert demo_file.read_bytes() == snapshot or args[0] in ("export",)  # exports only touch the register
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.xlsx"))


@pytest.mark.parametrize("kind", ["corrupt", "foreign", "newer", "a folder"])
def test_cli_bad_database_files(tmp_path, capsys, kind):
    path = tmp_path / "du-lieu.sqlite3"
    if kind == "corrupt":
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    elif kind == "foreign":
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE ke_toan (so_tien INTEGER)")
    elif kind == "newer":
        assert main(["--db", str(path), "sessions"]) == 0
        with sqlite3.connect(path) as connection:
            connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    else:
        path.mkdir()
    snapshot = path.read_bytes() if path.is_file() else None
    code, out, err = run(capsys, "--db", path, "sessions")
    assert code == 1 and out == ""
    assert_clear(err)
    if snapshot is not None:
        assert path.read_bytes() == snapshot


def test_cli_full_disk_when_exporting(demo_file, tmp_path, capsys, monkeypatch):
    target = tmp_path / "kh.docx"
    target.write_bytes(b"the good file")

    def full(self, path):
        Path(path).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("docx.document.Document.save", full)
    code, out, err = run(capsys, "--db", demo_file, "export", "plan", "--session", "1", "-o", target)
    assert code == 1 and "ổ đĩa đã đầy" in err
    assert_clear(err)
    assert target.read_bytes() == b"the good file" and [p.name for p in tmp_path.iterdir()] == ["kh.docx"]

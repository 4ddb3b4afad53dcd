"""Hostile input, everywhere (issue 5): each case gets one clear Vietnamese message and changes nothing.

Services are called the way the window calls them; the CLI the way scripts do; files are handed over as a
clerk would find them on a USB stick. Every case checks the message (Vietnamese, no traceback, no Python
or driver English) and that the data and files are as before.
"""

from __future__ import annotations

import datetime as dt
import os
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


# -- bounded work on hostile input (issue 13): each case in a child process, its peak memory measured ------

PEAK_LIMIT_MB = 300
MEASURED = r"""
import json, os, sys
from desk_app.cli import main

code = main(sys.argv[2:])
if os.name == "nt":
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                    ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                    ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                    ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]

    counters = Counters()
    counters.cb = ctypes.sizeof(counters)
    ctypes.windll.psapi.GetProcessMemoryInfo(ctypes.windll.kernel32.GetCurrentProcess(), ctypes.byref(counters),
                                             counters.cb)
    peak = counters.PeakWorkingSetSize / 2**20
elif os.path.exists("/proc/self/status"):  # Linux: this program's own high-water mark (ru_maxrss would
    with open("/proc/self/status", encoding="ascii") as status:  # count the test process it was forked from)
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 2**10
else:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump({"code": code, "peak_mb": peak}, handle)
sys.exit(code)
"""
PEAKS: dict[str, float] = {}  # case → peak MB (printed at the end of the module for the README)


def run_measured(tmp_path, case: str, *args, env: dict | None = None):
    """``desk-app ARGS`` in a child process: (exit code, stdout, stderr, peak memory in MB)."""
    import json
    import os
    import subprocess
    import sys

    report = tmp_path / f"peak-{len(PEAKS)}.json"
    done = subprocess.run([sys.executable, "-c", MEASURED, str(report), *[str(a) for a in args]],
                          capture_output=True, text=True, encoding="utf-8", timeout=600,
                          env=dict(os.environ, **(env or {})))
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["code"] == done.returncode
    PEAKS[case] = result["peak_mb"]
    print(f"\n{case}: exit {done.returncode}, peak {result['peak_mb']:.0f} MB")
    assert result["peak_mb"] <= PEAK_LIMIT_MB, f"{case}: {result['peak_mb']:.0f} MB"
    return done.returncode, done.stdout, done.stderr, result["peak_mb"]


_WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '</Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    "xl/worksheets/sheet1.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
        '</sheetData></worksheet>'),
}


def hostile_xlsx(path: Path, strings) -> Path:
    """A tiny, well-formed workbook whose shared strings are ``strings`` (an iterable of XML chunks written
    one after the other, so a huge part is never held in memory here either)."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in _WORKBOOK_PARTS.items():
            archive.writestr(name, data)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                       b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                       b'<si><t>H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan</t></si><si><t>N\xe1\xbb\x99i dung</t></si>')
            for chunk in strings:
                part.write(chunk)
            part.write(b"</sst>")
    return path


def _many_strings(count: int):
    block = b"<si><t>a</t></si>" * 100_000
    for _ in range(count // 100_000):
        yield block


def _one_long_cell(characters: int):
    yield b"<si><t>"
    block = b"A" * 2**20
    for _ in range(characters // 2**20):
        yield block
    yield b"</t></si>"


HOSTILE_XLSX = {
    # (the file, what the message must name)
    "9 million shared strings": (lambda p: hostile_xlsx(p, _many_strings(9_000_000)), "giải nén"),
    "one 150 MB cell": (lambda p: hostile_xlsx(p, _one_long_cell(150 * 2**20)), "giải nén"),
    "300,000 shared strings (small when unpacked)": (lambda p: hostile_xlsx(p, _many_strings(300_000)),
                                                     "quá nhiều ô"),
    "one 40,000-character cell": (lambda p: hostile_xlsx(p, [b"<si><t>" + b"A" * 40_000 + b"</t></si>"]),
                                  "32.767 ký tự"),
}


@pytest.mark.parametrize("case", HOSTILE_XLSX, ids=list(HOSTILE_XLSX))
def test_small_hostile_excel_files_are_refused_with_bounded_memory(demo_file, tmp_path, case):
    make, expected = HOSTILE_XLSX[case]
    path = make(tmp_path / "dang-ky.xlsx")
    with sqlite3.connect(demo_file) as connection:
        before = connection.execute("SELECT COUNT(*) FROM registration").fetchone()[0]
    code, out, err, _peak = run_measured(tmp_path, f"import: {case} ({path.stat().st_size // 1024} KB)",
                                         "--db", demo_file, "import", "registrations", path, "--session", 4)
    assert code == 1 and out == ""
    assert_clear(err)
    assert path.name in err and expected in err, err
    with sqlite3.connect(demo_file) as connection:
        assert connection.execute("SELECT COUNT(*) FROM registration").fetchone()[0] == before


def test_search_text_is_limited(demo_file, tmp_path):
    code, out, err, _peak = run_measured(tmp_path, "petitions --search of 100,000 characters",
                                         "--db", demo_file, "petitions", "--search", "nguyen van " * 9091)
    assert code == 1 and out == ""
    assert_clear(err)
    assert "tối đa 200 ký tự" in err


@pytest.mark.parametrize("args, expected", [
    (("deadline", "9999-12-30", "10"), "30/12/9999"),
    (("deadline", "0001-01-02", "5", "--before"), "02/01/0001"),
    (("deadline", "1900-01-01", "5"), "01/01/1900"),
    (("calendar", "set", "1999-12-31", "nghỉ", "Trước năm 2000"), "31/12/1999"),
    (("calendar", "unset", "2101-01-01"), "01/01/2101"),
    (("export", "plan", "--session", "1", "-o", "{tmp}/kh.docx", "--date", "1900-05-01"), "01/05/1900"),
], ids=lambda a: " ".join(a) if isinstance(a, tuple) else a)
def test_every_date_argument_is_within_2000_to_2100(demo_file, tmp_path, args, expected):
    snapshot = demo_file.read_bytes()
    code, out, err, _peak = run_measured(tmp_path, " ".join(args[:2]) + " " + expected,
                                         "--db", demo_file, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert code == 1 and out == ""
    assert_clear(err)
    assert expected in err and "2000" in err and "2100" in err, err
    assert demo_file.read_bytes() == snapshot or args[0] == "export"
    assert not list(tmp_path.glob("*.docx"))


def test_an_output_name_of_150_letters(demo_file, tmp_path):
    name = "Đường" + "ữ" * 145  # 150 letters, 449 bytes: more than a file name holds on disk (255)
    assert len(name) == 150 and len(name.encode("utf-8")) > 255
    target = tmp_path / (name + ".docx")
    code, out, err, _peak = run_measured(tmp_path, "export to a 150-letter file name",
                                         "--db", demo_file, "export", "plan", "--session", "1", "-o", target)
    assert code == 1 and out == ""
    assert_clear(err)
    assert "tên tệp quá dài" in err
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".docx"] == []


@pytest.mark.parametrize("args", [
    ("demo", "--petitions", "-5"),
    ("demo", "--sessions", "0"),
    ("petitions", "--search", "x" * 300),
    ("deadline", "9999-12-30", "10"),
    ("export", "plan", "--session", "1", "-o", "{tmp}/kh.docx"),
    ("import", "registrations", "{tmp}/khong-co.xlsx", "--session", "1"),
    ("calendar", "unset", "2026-05-05"),
    ("backup", "{tmp}/khong-co/x.sqlite3"),
], ids=lambda a: " ".join(a[:3]))
def test_a_refused_command_creates_nothing(tmp_path, capsys, args):
    target = tmp_path / "moi" / "du-lieu.sqlite3"
    target.parent.mkdir()
    code, out, err = run(capsys, "--db", target, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert code == 1
    assert_clear(err)
    assert list(target.parent.iterdir()) == []  # no database file, no journal beside it


@pytest.mark.skipif(os.name == "nt", reason="a read-only folder is made with POSIX permissions here")
def test_a_database_in_a_read_only_folder_is_called_that(tmp_path):
    import shutil
    import stat
    import subprocess
    import sys

    folder = tmp_path / "chi-doc"
    folder.mkdir()
    path = folder / "du-lieu.sqlite3"
    assert main(["--db", str(path), "demo", "--sessions", "1"]) == 0
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    try:
        command = [sys.executable, "-m", "desk_app", "--db", str(path), "sessions"]
        if os.geteuid() == 0:  # root writes anywhere: drop that right (a user namespace) as a clerk has none
            assert shutil.which("unshare"), "unshare is needed to test a read-only folder as root"
            command = ["unshare", "--user", *command]
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert done.returncode == 1 and done.stdout == ""
    assert_clear(done.stderr)
    assert "chỉ đọc" in done.stderr and "không có quyền ghi" in done.stderr
    assert "không phải cơ sở dữ liệu" not in done.stderr


def test_zz_peak_memory_of_the_hostile_cases_is_reported():
    """The figures the README quotes (printed with -s); every case above stayed under 300 MB."""
    for case, peak in PEAKS.items():
        print(f"{peak:6.0f} MB  {case}")
    assert all(peak <= PEAK_LIMIT_MB for peak in PEAKS.values())

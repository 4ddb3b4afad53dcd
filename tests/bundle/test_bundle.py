"""The PyInstaller bundle works (quality.md §5): built once per run with build/build.py, then its own
executable opens the window on a fresh and on a filled database, writes every document, reads an old
database, and consolidates enough communes to start its worker processes (frozen copies of itself).

Slow: deselected in the ordinary run; `python -m pytest -m bundle tests/bundle` runs it. With
DESK_APP_BUNDLE=<folder> an existing bundle (dist/desk-app, or the Windows runner's) is checked instead
of building one. Every command runs in a subprocess with this run's environment (conftest.py: today pinned
to 21/11/2026, a throwaway data folder, Qt offscreen).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from docx import Document
from openpyxl import load_workbook

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = os.name == "nt"
EXE = ".exe" if WINDOWS else ""
SESSION_KINDS = ("plan", "notice", "invitation", "registration-form", "minutes", "conclusion", "upward-proposal")
MOTTOS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")
COMMUNE = "Tân Đoàn"  # the demo's commune
COPIES = 64  # consolidate.PARALLEL_FROM: from this many inputs on, the reading is done by worker processes
SMOKE = re.compile(r"^ok \d+$")


# -- the bundle and how its executable is run ------------------------------------------------------------

@pytest.fixture(scope="session")
def bundle() -> Path:
    given = os.environ.get("DESK_APP_BUNDLE")
    if given:
        folder = Path(given).resolve()
        if not (folder / f"desk-app{EXE}").is_file():
            pytest.fail(f"DESK_APP_BUNDLE={given}: no desk-app{EXE} in that folder")
        return folder
    result = subprocess.run([sys.executable, str(ROOT / "build" / "build.py")], cwd=ROOT, capture_output=True,
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"), encoding="utf-8", errors="replace",
                            timeout=3600, check=False)
    assert result.returncode == 0, f"build/build.py failed:\n{result.stdout[-5000:]}\n{result.stderr[-5000:]}"
    return ROOT / "dist" / "desk-app"


@pytest.fixture(scope="session")
def bundle_env(tmp_path_factory) -> dict[str, str]:
    """This run's environment (today pinned, Qt offscreen) with a throwaway data folder of its own."""
    assert os.environ.get("DESK_APP_TODAY"), "tests/conftest.py pins DESK_APP_TODAY"
    env = dict(os.environ)
    env["DESK_APP_DATA_DIR"] = str(tmp_path_factory.mktemp("bundle-data"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("DESK_APP_DB", "PYTHONPATH", "PYTHONHOME"):  # the bundle must stand on its own
        env.pop(name, None)
    return env


class Bundled:
    def __init__(self, folder: Path, env: dict[str, str], cwd: Path):
        self.folder, self.env, self.cwd = folder, env, cwd

    def run(self, *args, executable: str = "desk-app", timeout: float = 600) -> subprocess.CompletedProcess:
        command = [str(self.folder / f"{executable}{EXE}"), *map(str, args)]
        return subprocess.run(command, cwd=self.cwd, env=self.env, capture_output=True, encoding="utf-8",
                              errors="replace", timeout=timeout, check=False)

    def ok(self, *args, **kwargs) -> str:
        """Run; it must succeed. Returns stdout."""
        result = self.run(*args, **kwargs)
        assert result.returncode == 0, f"desk-app {' '.join(map(str, args))} → {result.returncode}\n" \
                                       f"stdout: {result.stdout[-3000:]}\nstderr: {result.stderr[-3000:]}"
        return result.stdout


@pytest.fixture(scope="module")
def app(bundle, bundle_env, tmp_path_factory) -> Bundled:
    return Bundled(bundle, bundle_env, tmp_path_factory.mktemp("bundle-work"))


@pytest.fixture(scope="module")
def demo(app) -> Path:
    """A database filled by the bundled `desk-app demo`."""
    path = app.cwd / "demo.sqlite3"
    ids = app.ok("--db", path, "demo").split()
    assert ids and all(i.isdigit() for i in ids)
    return path


@pytest.fixture(scope="module")
def summary(app, demo) -> Path:
    target = app.cwd / "tong-hop-2026.xlsx"
    assert app.ok("--db", demo, "export", "summary", "--year", 2026, "-o", target).strip() == str(target)
    return target


def _smoke(app: Bundled, database: Path, executable: str = "desk-app") -> None:
    result = app.run("--db", database, "gui", "--smoke-test", executable=executable, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    if executable == "desk-app":  # the windowed one has no stdout
        assert SMOKE.match(result.stdout.strip()), result.stdout


def _query(database: Path, sql: str):
    """One value read in the test process (closed at once: Windows keeps open files locked)."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql).fetchone()[0]


def _schema_revision(database: Path) -> str:
    return _query(database, "SELECT version_num FROM alembic_version")


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


# -- what is in the bundle ------------------------------------------------------------------------------

def test_the_bundle_is_lean_and_has_its_data(bundle):
    files = [p for p in bundle.rglob("*") if p.is_file() or p.is_symlink()]
    names = [p.relative_to(bundle).as_posix() for p in files]
    unwanted = ("webengine", "quick", "qml", "qtpdf", "qt6pdf", "qpdf", "virtualkeyboard")
    assert not [n for n in names if any(word in n.rsplit("/", 1)[-1].lower() for word in unwanted)]
    folders = {part.lower() for n in names for part in n.split("/")[:-1]}
    assert not folders & {"translations", "qml"}, "Qt translations and QML are not bundled"
    assert not [n for n in names if n.endswith(".qm")]
    internal = next(bundle.glob("_internal"), bundle)  # PyInstaller 6 keeps everything but the executables there
    for needed in ("ui/sessions_page.ui", "resources/templates/plan.state.docx", "resources/icons/desk_app.png",
                   "desk_app/store/migrations/env.py", "desk_app/store/migrations/script.py.mako",
                   "desk_app/store/migrations/versions/0001_initial.py",
                   "holidays/locale/vi/LC_MESSAGES/VN.mo", "docx/templates/default.docx"):
        assert (internal / needed).is_file(), needed
    versions = {p.name for p in (ROOT / "desk_app" / "store" / "migrations" / "versions").glob("*.py")}
    assert versions <= {p.name for p in (internal / "desk_app/store/migrations/versions").glob("*.py")}
    plugins = {n.rsplit("/", 2)[-2] + "/" + n.rsplit("/", 1)[-1] for n in names if "/plugins/" in n}
    platform = "qwindows.dll" if WINDOWS else "libqxcb.so"
    assert {f"platforms/{platform}", f"platforms/{'qoffscreen.dll' if WINDOWS else 'libqoffscreen.so'}"} <= plugins
    assert not [p for p in plugins if p.split("/")[0] in ("tls", "networkinformation", "sqldrivers", "multimedia",
                                                         "position", "geoservices", "qmltooling", "sensors")]
    if WINDOWS:
        assert (bundle / "desk-app-gui.exe").is_file()
    # nothing of the test extra (pytest, hypothesis, the PostgreSQL driver of the PostgreSQL test run)
    assert not [n for n in names if any(word in n.lower() for word in ("psycopg", "pytest", "hypothesis"))]


# -- the window ------------------------------------------------------------------------------------------

def test_the_window_opens_on_a_fresh_database(app):
    database = app.cwd / "new.sqlite3"
    _smoke(app, database)
    # created from the models and stamped with the newest migration (Alembic read the migrations as files)
    from desk_app.store.database import SCHEMA_HEAD

    assert _schema_revision(database) == SCHEMA_HEAD


if WINDOWS:  # the windowed executable (no console window for clerks) is built on Windows only
    def test_the_windowed_executable_opens_the_window(app):
        database = app.cwd / "new-gui.sqlite3"
        _smoke(app, database, executable="desk-app-gui")
        assert database.is_file()


def test_the_window_opens_on_the_demo_database(app, demo):
    _smoke(app, demo)


def test_a_database_of_an_older_release_opens(app):
    from desk_app.store.database import SCHEMA_HEAD

    database = app.cwd / "schema-0001.sqlite"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema-0001.sqlite", database)
    before = _schema_revision(database)
    assert app.ok("--db", database, "sessions").strip()
    assert app.ok("--db", database, "check").strip() == "ok"
    assert _schema_revision(database) == SCHEMA_HEAD  # upgraded by the migrations read from the bundle
    if before != SCHEMA_HEAD:  # …after a copy was put aside
        backups = Path(app.env["DESK_APP_DATA_DIR"]) / "backups"
        assert [p.name for p in backups.iterdir() if f"-{before}" in p.name], list(backups.iterdir())


# -- the command line: calendar, documents, consolidation -------------------------------------------------------

def test_the_holidays_of_viet_nam_in_vietnamese(app, demo):
    out = app.ok("--db", demo, "calendar", 2026)
    assert "2026-09-02\tnghỉ\t" in out and "Quốc khánh" in out
    assert "Tết Nguyên Đán" in out


def _first_session(app: Bundled, demo: Path) -> str:
    rows = [line.split("\t") for line in app.ok("--db", demo, "sessions").splitlines()]
    completed = [row[0] for row in rows if row[3] == "Hoàn thành"]  # every document of the cycle exists
    return completed[0] if completed else rows[0][0]


@pytest.mark.parametrize("kind", SESSION_KINDS)
def test_session_documents(app, demo, kind):
    target = app.cwd / f"{kind}.docx"
    assert app.ok("--db", demo, "export", kind, "--session", _first_session(app, demo), "-o", target).strip() \
        == str(target)
    text = _docx_text(target)
    assert any(motto in text for motto in MOTTOS), text[:500]
    assert COMMUNE in text


def test_petition_letters(app, demo):
    resolved = app.ok("--db", demo, "petitions", "--status", "đã giải quyết").splitlines()[0].split("\t")[0]
    extended = _query(demo, "SELECT petition.id FROM petition JOIN petition_extension "  # not a filter of the CLI
                            "ON petition_extension.petition_id = petition.id LIMIT 1")
    for kind, petition in (("reply", resolved), ("extension", extended)):
        target = app.cwd / f"{kind}.docx"
        assert app.ok("--db", demo, "export", kind, "--petition", petition, "-o", target).strip() == str(target)
        text = _docx_text(target)
        assert any(motto in text for motto in MOTTOS), text[:500]
        assert COMMUNE in text


def test_annual_report_with_charts(app, demo):
    target = app.cwd / "bao-cao-2026.docx"
    assert app.ok("--db", demo, "export", "annual-report", "--year", 2026, "-o", target).strip() == str(target)
    text = _docx_text(target)
    assert any(motto in text for motto in MOTTOS) and COMMUNE in text and "năm 2026" in text
    assert len(Document(str(target)).inline_shapes) >= 1, "QtCharts drew the report's charts"


def test_summary_workbook(summary):
    wb = load_workbook(summary, read_only=True)
    assert {"Tổng hợp", "Kiến nghị", "_meta"} <= set(wb.sheetnames)
    meta = {row[0]: row[1] for row in wb["_meta"].iter_rows(values_only=True) if row and row[0]}
    assert COMMUNE in meta["commune_name"] and meta["period_start"] == "2026-01-01"
    wb.close()


def _clone(source: Path, target: Path, **meta: str) -> None:
    """A copy of a summary with other "_meta" values (another commune): only the hidden sheet's XML changes."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/") and b"<t>commune_code</t>" in data:
                text = data.decode("utf-8")
                for key, value in meta.items():
                    cell = re.compile(rf'(<c r="A(\d+)" t="inlineStr"><is><t>{key}</t></is></c>)'
                                      rf'<c r="B\2"[^>]*>.*?</c>')
                    text, found = cell.subn(lambda hit, value=value: hit.group(1) + f'<c r="B{hit.group(2)}" '
                                            f't="inlineStr"><is><t>{escape(value)}</t></is></c>', text)
                    assert found == 1, key
                data = text.encode("utf-8")
            dst.writestr(info, data)


def test_consolidation_of_many_communes_uses_frozen_workers(app, summary):
    # From 64 inputs on the program reads them in a pool of "spawn" processes: copies of the bundled
    # executable that must run the task and not the program (multiprocessing.freeze_support); a worker
    # that failed would break the pool and the command would fail.
    folder = app.cwd / "xa"
    folder.mkdir()
    shutil.copyfile(summary, folder / "000.xlsx")
    for index in range(1, COPIES + 1):
        _clone(summary, folder / f"{index:03d}.xlsx", commune_code=f"{90000 + index}",
               commune_name=f"Xã Thử Nghiệm {index}")
    target = app.cwd / "tong-hop-cac-xa.xlsx"
    lines = app.ok("consolidate", "-o", target, folder, "--year", 2026).splitlines()
    assert len(lines) == COPIES + 1 and all(line.startswith("ok\t") for line in lines), lines[:5]
    wb = load_workbook(target, read_only=True)
    meta = {row[0]: row[1] for row in wb["_meta"].iter_rows(values_only=True) if row and row[0]}
    assert meta["kind"] == "consolidation" and int(meta["communes"]) == COPIES + 1
    wb.close()

#!/usr/bin/env python
"""Speed benchmark of desk_app (quality.md §1): each case against a floor measured in the same run.

    python tests/benchmarks/bench.py [--quick] [--json FILE] [--workdir DIR] [--only CASE...] [--repeat N]

The data comes from the program's own ``demo`` generator (the CLI, in a subprocess). Every case runs once
as a warm-up, then ``N`` times; the median counts. The floor (the least any program must do for the same
output) is measured the same way, on the same data, in the same run, so machine noise hits both.
Missed targets do not fail the run (this is a measuring tool): the exit code is 1 only if a case crashed.

``--workdir DIR`` keeps the generated data (databases, consolidation inputs) between runs, keyed by the
package version, the schema (migration files) and the demo generator's source; without it everything
goes to a temporary folder removed at the end. The user's data folder is never touched
(``DESK_APP_DATA_DIR`` points inside the work folder).

Only the standard library is imported at module level: the consolidation's worker processes ("spawn")
import this file again as ``__mp_main__``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import html
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
YEAR = 2026
TODAY = "2026-11-21"
CASES = ("startup", "annual_report", "summary", "consolidation", "search", "petition_list", "followup", "conclusion",
         "registrations", "live")


@dataclass(frozen=True)
class Sizes:
    report: int  # petitions of the annual-report database
    big: int  # petitions of the summary / search / list database
    communes: int  # consolidation inputs
    bases: int  # distinct demo communes the inputs are copied from
    base_petitions: int
    warm_subset: int  # consolidation warm-up inputs (0: all)
    list_warmup: int  # petition-list warm-up processes (the quick run skips it to stay short)
    startup_default_db: bool  # start-up on the default demo year (the quick run reuses the report's database)
    conclusion: int  # petitions of the one session the Kết luận page is opened on
    speakers: int  # speakers registered for the meeting of the registrations and live pages
    runs: dict  # case → timed repeats (one warm-up comes first)


FULL = Sizes(report=2_000, big=100_000, communes=3_321, bases=8, base_petitions=50, warm_subset=200, list_warmup=1,
             startup_default_db=True, conclusion=25_000, speakers=2_000,
             runs={"startup": 5, "annual_report": 5, "summary": 3, "consolidation": 1, "search": 5,
                   "petition_list": 2, "followup": 2, "conclusion": 2, "registrations": 3, "live": 3})
QUICK = Sizes(report=100, big=2_000, communes=70, bases=1, base_petitions=50, warm_subset=8, list_warmup=0,
              startup_default_db=False, conclusion=50, speakers=60,
              runs={"startup": 2, "annual_report": 2, "summary": 2, "consolidation": 1, "search": 3,
                    "petition_list": 1, "followup": 1, "conclusion": 1, "registrations": 1, "live": 1})
# Communes the consolidation inputs are generated for (each copied many times under new codes).
COMMUNE_NAMES = ("Tân Lập", "Hòa Bình", "Minh Khai", "Quang Trung", "Đồng Tâm", "Thanh Xuân", "Phú Thịnh",
                 "Yên Bình", "Bình Minh", "Hưng Đạo")


@dataclass
class Row:
    case: str
    seconds: float | None
    floor_seconds: float | None
    ratio: float | None
    target: float | None
    size: int | None = None
    detail: str = ""
    extra: dict = field(default_factory=dict)
    error: str = ""
    failed_check: str = ""  # what the case saw go wrong besides the time (Ctrl+End short of the end …): missed

    @property
    def met(self) -> bool | None:
        if self.error or self.ratio is None:
            return None
        return self.ratio <= self.target and not self.failed_check

    def as_json(self) -> dict:
        data = {"case": self.case, "seconds": _round(self.seconds), "floor_seconds": _round(self.floor_seconds),
                "ratio": _round(self.ratio, 3), "target": self.target, "met": self.met, "size": self.size,
                "detail": self.detail}
        data.update(self.extra)
        if self.error:
            data["error"] = self.error
        if self.failed_check:
            data["failed_check"] = self.failed_check
        return data


def _round(value, digits: int = 4):
    return None if value is None else round(value, digits)


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def median(values) -> float:
    return statistics.median(values)


def timed(fn, collect: bool = True) -> float:
    if collect:  # a collection left over from the previous run must not land inside this one
        gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeat(fn, runs: int, warmup: int = 1, collect: bool = True) -> list[float]:
    for _ in range(warmup):
        fn()
    return [timed(fn, collect) for _ in range(runs)]


def fmt_times(values, unit: str = "s", scale: float = 1.0, digits: int = 3) -> str:
    return "[" + ", ".join(f"{v * scale:.{digits}f}" for v in values) + f"] {unit}"


# -- environment and data ------------------------------------------------------------------------------

class Bench:
    """The work folder, the cached data and the per-run working copies."""

    def __init__(self, workdir: Path, sizes: Sizes, quick: bool):
        self.workdir = workdir
        self.sizes = sizes
        self.quick = quick
        self.cache = workdir / "cache" / cache_key()
        self.run_dir = workdir / "run"
        self.cache.mkdir(parents=True, exist_ok=True)
        for old in self.cache.parent.iterdir():  # data of older code is never used again
            if old.is_dir() and old != self.cache:
                log(f"removing stale cache {old}")
                shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(self.run_dir, ignore_errors=True)
        self.run_dir.mkdir(parents=True)
        self._copies: dict[str, Path] = {}
        self._app = None

    # databases ------------------------------------------------------------------------------------------
    def demo_db(self, name: str, *args: str) -> Path:
        """A demo database made by ``desk-app demo --year YEAR ARGS`` (cached, pristine)."""
        path = self.cache / f"{name}.sqlite3"
        if path.exists():
            return path
        temp = self.cache / f"{name}.partial.sqlite3"
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
        log(f"generating {name}: desk-app demo --year {YEAR} {' '.join(args)}")
        started = time.perf_counter()
        cli(["--db", str(temp), "demo", "--year", str(YEAR), *args])
        with contextlib.closing(sqlite3.connect(temp)) as connection:  # one self-contained file
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for leftover in (Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
        temp.replace(path)
        log(f"  done in {time.perf_counter() - started:.1f} s")
        return path

    def working_copy(self, name: str, *args: str) -> Path:
        """A copy of a cached demo database for this run (exports write to their register)."""
        if name not in self._copies:
            source = self.demo_db(name, *args)
            target = self.run_dir / source.name
            shutil.copyfile(source, target)
            self._copies[name] = target
        return self._copies[name]

    # the demo databases of the cases: (cache name, demo arguments)
    def startup_spec(self) -> tuple[str, tuple[str, ...]]:
        return ("demo_default", ()) if self.sizes.startup_default_db else self.report_spec()

    def report_spec(self) -> tuple[str, tuple[str, ...]]:
        return f"demo_p{self.sizes.report}", ("--petitions", str(self.sizes.report))

    def big_spec(self) -> tuple[str, tuple[str, ...]]:
        return f"demo_p{self.sizes.big}", ("--petitions", str(self.sizes.big))

    def conclusion_spec(self) -> tuple[str, tuple[str, ...]]:
        # the demo year's 4 sessions: 3 held ones share the petitions; the one that ended and waits for its
        # conclusion (the Kết luận page opens on it) gets a third of them
        n = 3 * self.sizes.conclusion
        return f"demo_p{n}", ("--petitions", str(n))

    def speakers_spec(self) -> tuple[str, tuple[str, ...]]:
        # 7 sessions: one of them is a meeting in progress (the live page opens on it)
        return "demo_s7", ("--sessions", "7")

    def commune_spec(self, k: int) -> tuple[str, tuple[str, ...]]:
        return f"commune_{k}", ("--commune", COMMUNE_NAMES[k], "--sessions", "2",
                                "--petitions", str(self.sizes.base_petitions), "--seed", str(k + 1))

    # the consolidation inputs also depend on the summary's writer: their own key
    def commune_xlsx(self, k: int) -> Path:
        return self.cache / f"commune_{k}_{summary_key()}.xlsx"

    def inputs_folder(self) -> Path:
        return self.cache / f"consolidation_{self.sizes.communes}_{summary_key()}"

    def big_db(self) -> Path:
        name, args = self.big_spec()
        return self.working_copy(name, *args)

    def prepare(self, cases) -> None:
        """Generate the missing demo databases up front, as many at a time as there are cores (the
        generator uses one), the biggest first."""
        specs = []
        if "startup" in cases:
            specs.append(self.startup_spec())
        if "annual_report" in cases:
            specs.append(self.report_spec())
        if {"summary", "search", "petition_list", "followup"} & set(cases):
            specs.append(self.big_spec())
        if "conclusion" in cases:
            specs.append(self.conclusion_spec())
        if {"registrations", "live"} & set(cases):
            specs.append(self.speakers_spec())
        if "consolidation" in cases and not (self.inputs_folder() / "DONE").exists():
            specs += [self.commune_spec(k) for k in range(self.sizes.bases) if not self.commune_xlsx(k).exists()]
        missing = [(name, args) for name, args in dict(specs).items() if not (self.cache / f"{name}.sqlite3").exists()]
        if not missing:
            return

        def petitions(spec) -> int:
            args = spec[1]
            return int(args[args.index("--petitions") + 1]) if "--petitions" in args else 60

        missing.sort(key=petitions, reverse=True)
        if self.sizes.big >= 50_000 and any(name == self.big_spec()[0] for name, _ in missing):
            log(f"(the {self.sizes.big:,}-petition database takes about a minute to generate, once per work folder)")
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=max(1, min(len(missing), os.cpu_count() or 1))) as pool:
            futures = [pool.submit(self.demo_db, name, *args) for name, args in missing]
        for future in futures:
            if future.exception():  # the case that needs it fails again, with the reason, and is reported
                log(f"generation failed: {future.exception()}")

    def fresh_copy(self, source: Path) -> Path:
        """A new copy of a cached database for one child process (the pages save what the clerk does)."""
        target = self.run_dir / source.name
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(source, target)
        return target

    def speakers_db(self) -> Path:
        """The demo year of 7 sessions whose meeting in progress has ``sizes.speakers`` speakers registered
        (cached): the demo registers about 80 per meeting, the rest are copies of those written with bulk
        inserts (names taken from the year's citizens), all waiting to speak."""
        n = self.sizes.speakers
        path = self.cache / f"speakers_{n}.sqlite3"
        if path.exists():
            return path
        source = self.demo_db(*self.speakers_spec())
        temp = self.cache / f"speakers_{n}.partial.sqlite3"
        shutil.copyfile(source, temp)
        log(f"registering {n:,} speakers for the meeting in progress")
        with contextlib.closing(sqlite3.connect(temp)) as connection:
            add_speakers(connection, meeting_in_progress(temp), n)
            connection.commit()
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for leftover in (Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
        temp.replace(path)
        return path

    def qt_app(self):
        """One offscreen QApplication for the in-process cases (the report's charts need it)."""
        if self._app is None:
            from desk_app.gui.app import create_application

            self._app = create_application()
        return self._app


def cache_key() -> str:
    """Package version + schema (migration files) + the demo generator's source: new code, new data."""
    digest = hashlib.sha256()
    init = (ROOT / "desk_app" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'__version__\s*=\s*"([^"]+)"', init)
    digest.update((version.group(1) if version else "?").encode())
    for folder, pattern in ((ROOT / "desk_app" / "store" / "migrations" / "versions", "*.py"),
                            (ROOT / "desk_app" / "services", "demo*.py")):
        for path in sorted(folder.glob(pattern)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"v{version.group(1) if version else 'x'}-{digest.hexdigest()[:12]}"


def summary_key() -> str:
    """The Excel summary's writer (what the consolidation inputs are made with)."""
    digest = hashlib.sha256()
    for name in ("summary.py", "xlsx.py"):
        digest.update((ROOT / "desk_app" / "documents" / name).read_bytes())
    return digest.hexdigest()[:8]


def meeting_in_progress(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        found = connection.execute("SELECT id FROM dialogue_session WHERE status = 'dang_dien_ra' ORDER BY id").fetchone()
    if found is None:
        raise RuntimeError(f"{db.name}: the demo made no meeting in progress")
    return found[0]


def ended_session(db: Path) -> tuple[int, int]:
    """(id, petitions) of the session that ended and waits for its conclusion, the one with most petitions."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        found = connection.execute(
            "SELECT s.id, count(p.id) FROM dialogue_session s LEFT JOIN petition p ON p.session_id = s.id "
            "WHERE s.status = 'da_ket_thuc' GROUP BY s.id ORDER BY 2 DESC, 1").fetchone()
    if found is None:
        raise RuntimeError(f"{db.name}: the demo made no session waiting for its conclusion")
    return found


def add_speakers(connection, session_id: int, wanted: int) -> None:
    """Registrations of ``session_id`` up to ``wanted``, copied from its own (all waiting, in order)."""
    from desk_app.domain.text import fold

    columns = [row[1] for row in connection.execute("PRAGMA table_info(registration)")]
    templates = connection.execute(f"SELECT {', '.join(columns)} FROM registration WHERE session_id = ? "
                                   "ORDER BY queue_order, id", (session_id,)).fetchall()
    if not templates:
        raise RuntimeError("the meeting in progress has no registration to copy")
    names = [row[0] for row in connection.execute("SELECT DISTINCT citizen_name FROM petition ORDER BY id")]
    names = names or [dict(zip(columns, t))["citizen_name"] for t in templates]
    top = max(dict(zip(columns, t))["queue_order"] or 0 for t in templates)
    rows = []
    for k in range(max(0, wanted - len(templates))):
        row = dict(zip(columns, templates[k % len(templates)]))
        name = names[(k * 7) % len(names)]
        row.update(id=None, citizen_name=name, citizen_fold=fold(name), queue_order=top + 1 + k,
                   state="cho_phat_bieu", priority=0, merged_into_id=None, refusal_code="", refusal_note="",
                   version=1)
        rows.append(tuple(row[c] for c in columns))
    connection.executemany(f"INSERT INTO registration ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           rows)


def cli(args: list[str], *, capture: bool = True) -> str:
    """``desk-app ARGS`` in a subprocess; raises with its stderr when it fails."""
    done = subprocess.run([sys.executable, "-m", "desk_app", *args], check=False, capture_output=capture,
                          text=True, encoding="utf-8", cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"desk-app {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout or ""


def open_db(path: Path):
    from desk_app.store.database import open_database

    return open_database(str(path))


def ratio_row(case: str, times: list[float], floor_times: list[float], target: float, **kw) -> Row:
    seconds, floor = median(times), median(floor_times)
    return Row(case, seconds, floor, seconds / floor if floor > 0 else None, target, **kw)


# -- 1. start-up -----------------------------------------------------------------------------------------

# Both floors end the same way: the window shown, the time reported from the event loop once it is on screen.
_SHOW_AND_REPORT = '''

def shown():
    sys.stdout.write(f"ok {(time.perf_counter() - STARTED) * 1000:.1f}\\n")
    sys.stdout.flush()
    QTimer.singleShot(0, app.quit)


window.show()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
'''

# The floor: what any PySide6 program pays before its first window is on screen. It mirrors the app's
# smoke test (desk_app/gui/app.py): the clock starts on the program's first line (the app: desk_app's import,
# desk_app.STARTED), the window is shown, and the time is reported from the event loop once shown.
STARTUP_FLOOR = '''\
import time
STARTED = time.perf_counter()
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 760)
''' + _SHOW_AND_REPORT


# The floor of `startup_loaded`: the least any program on this stack does to show one figure of the database —
# import PySide6 and SQLAlchemy, open the same database through SQLAlchemy, run one count(*) of petitions
# and show it in a QLabel of a QMainWindow (quality.md §1). The `ok` line is written from the event loop
# once the window with the number is shown; the case times it from outside (spawn until the line arrives).
STARTUP_STACK_FLOOR = '''\
import time
STARTED = time.perf_counter()
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from sqlalchemy import create_engine, text

app = QApplication(sys.argv[:1])
engine = create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as connection:
    count = connection.execute(text("SELECT count(*) FROM petition")).scalar_one()
window = QMainWindow()
window.resize(1280, 760)
window.setCentralWidget(QLabel(f"{count} kiến nghị", window))
''' + _SHOW_AND_REPORT


def _ok_ms(cmd: list[str]) -> tuple[float, float, float]:
    """Run a fresh process that prints ``ok <ms>``: (the ms it reports, seconds from spawn until that line
    arrived, seconds until the process ended)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8",
                                   cwd=ROOT)
        reported = line_at = None
        lines = []
        for line in process.stdout:  # the line arrives when it is written: both programs flush it
            lines.append(line)
            found = re.match(r"ok (\d+(?:\.\d+)?)\s*$", line)
            if found and reported is None:
                reported, line_at = float(found.group(1)), time.perf_counter() - start
        code = process.wait(timeout=300)
        wall = time.perf_counter() - start
        if code != 0 or reported is None:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(cmd[-3:])}: exit {code}, stdout {''.join(lines).strip()!r}, "
                               f"stderr {errors.read().decode('utf-8', 'replace').strip()[-2000:]!r}")
    return reported, line_at, wall


def case_startup(bench: Bench, runs: int) -> list[Row]:
    name, args = bench.startup_spec()
    db = bench.working_copy(name, *args)
    floor_script = bench.run_dir / "startup_floor.py"
    floor_script.write_text(STARTUP_FLOOR, encoding="utf-8")
    stack_script = bench.run_dir / "startup_stack_floor.py"
    stack_script.write_text(STARTUP_STACK_FLOOR, encoding="utf-8")
    app_cmd = [sys.executable, "-m", "desk_app", "--db", str(db), "gui", "--smoke-test"]
    floor_cmd = [sys.executable, str(floor_script)]
    stack_cmd = [sys.executable, str(stack_script), str(db)]
    _ok_ms(app_cmd), _ok_ms(floor_cmd), _ok_ms(stack_cmd)  # warm-up: disk caches, Python's bytecode caches
    app, floor, stack = [], [], []
    for _ in range(runs):  # interleaved, so that a noisy moment hits all three
        app.append(_ok_ms(app_cmd))
        floor.append(_ok_ms(floor_cmd))
        stack.append(_ok_ms(stack_cmd))

    def column(rows, i):
        return [r[i] for r in rows]

    detail = (f"fresh process each run; app `gui --smoke-test` reports ok {fmt_times(column(app, 0), 'ms', 1, 0)}; "
              f"floor (bare QApplication + empty QMainWindow shown, timed the same way) reports ok "
              f"{fmt_times(column(floor, 0), 'ms', 1, 0)}; process wall: app {fmt_times(column(app, 2))}, floor "
              f"{fmt_times(column(floor, 2))}")
    loaded_detail = (f"seconds from spawning the process until its `ok` line arrives (the app writes it once the "
                     f"dashboard's figures are on screen; includes interpreter start): app {fmt_times(column(app, 1))}; "
                     f"floor = the stack's floor (import PySide6 and SQLAlchemy, open the same database, one "
                     f"count(*) of petitions shown in a QLabel of a QMainWindow) {fmt_times(column(stack, 1))}; "
                     f"for comparison a bare window {fmt_times(column(floor, 1))}")
    extra = {"app_wall_seconds": _round(median(column(app, 2))), "floor_wall_seconds": _round(median(column(floor, 2)))}
    return [ratio_row("startup", [ms / 1000 for ms in column(app, 0)], [ms / 1000 for ms in column(floor, 0)], 1.5,
                      detail=detail, extra=extra),
            ratio_row("startup_loaded", column(app, 1), column(stack, 1), 1.5, detail=loaded_detail,
                      extra={"bare_window_seconds": _round(median(column(floor, 1)))})]


# -- 2. annual report .docx ----------------------------------------------------------------------------------

def _floor_template(path: Path, headers: list[str], keys: list[str]) -> None:
    """A bare .docx whose 6-column table repeats its body row with docxtpl's ``{%tr %}`` tags."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=4, cols=len(keys))
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    for cell, key in zip(table.rows[2].cells, keys):
        cell.text = "{{ r." + key + " }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.save(path)


def _report_floor_rows(db: Path, limit: int) -> list[dict]:
    """6 values of each petition of the year, from the same database."""
    from sqlalchemy import select

    from desk_app.domain.states import PetitionStatus
    from desk_app.store import models as m

    labels = {s.value: s.label for s in PetitionStatus}
    database = open_db(db)
    try:
        with database.session() as session:
            rows = session.execute(
                select(m.Petition.id, m.Petition.citizen_name, m.Field.name, m.Petition.content, m.Petition.status,
                       m.Petition.due_date)
                .outerjoin(m.Field, m.Field.id == m.Petition.field_id)
                .where(m.Petition.year == YEAR).order_by(m.Petition.id).limit(limit)).all()
    finally:
        database.dispose()
    return [{"id": pid, "citizen": citizen, "field": fld or "", "content": content, "status": labels[status],
             "due": due.strftime("%d/%m/%Y") if due else ""}
            for pid, citizen, fld, content, status, due in rows]


def case_annual_report(bench: Bench, runs: int) -> list[Row]:
    from desk_app.documents.export import ExportRequest, export_document

    n = bench.sizes.report
    name, args = bench.report_spec()
    db = bench.working_copy(name, *args)
    bench.qt_app()  # the charts are drawn with QtCharts
    out = bench.run_dir / "annual_report.docx"
    database = open_db(db)

    def app_run():
        # as `desk-app export annual-report --year Y -o FILE` (cli.cmd_export), charts included
        request = ExportRequest(kind="annual-report", target=out, year=YEAR, charts=True)
        with database.session() as session:
            export_document(session, request)

    try:
        app = repeat(app_run, runs)
    finally:
        database.dispose()

    from docxtpl import DocxTemplate

    rows = _report_floor_rows(db, n)
    template = bench.run_dir / "floor_table.docx"
    _floor_template(template, ["Số", "Người kiến nghị", "Lĩnh vực", "Nội dung", "Trạng thái", "Hạn"],
                    ["id", "citizen", "field", "content", "status", "due"])
    floor_out = bench.run_dir / "floor_table_out.docx"

    def floor_run():
        document = DocxTemplate(str(template))
        document.render({"rows": rows})
        document.save(str(floor_out))

    floor = repeat(floor_run, runs)
    detail = (f"export_document(annual-report, charts) {fmt_times(app)}, {out.stat().st_size // 1024} KB; floor: "
              f"docxtpl load+render+save of a bare {len(rows)}-row x 6-column table {fmt_times(floor)}")
    return [ratio_row(f"annual_report_{FULL.report}", app, floor, 2.0, size=n, detail=detail)]


# -- 3. Excel summary --------------------------------------------------------------------------------------

def read_sheets(path: Path) -> list[tuple[str, list[tuple]]]:
    """Every sheet's rows as plain values (read-only)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        for ws in wb.worksheets:
            ws.reset_dimensions()  # write-only files store no size: read every row as it is
            sheets.append((ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]))
        return sheets
    finally:
        wb.close()


def case_summary(bench: Bench, runs: int) -> list[Row]:
    from desk_app.documents.summary import write_summary
    from desk_app.services.statistics import Period

    n = bench.sizes.big
    db = bench.big_db()
    out = bench.run_dir / "summary.xlsx"
    database = open_db(db)

    def app_run():
        # as `desk-app export summary --year Y -o FILE` (cli.cmd_export)
        with database.session() as session:
            write_summary(session, Period.year(YEAR), out)

    try:
        app = repeat(app_run, runs)
    finally:
        database.dispose()

    from openpyxl import Workbook

    sheets = read_sheets(out)
    cells = sum(len(row) for _name, rows in sheets for row in rows)
    floor_out = bench.run_dir / "summary_floor.xlsx"

    def floor_run():
        wb = Workbook(write_only=True)
        for name, rows in sheets:
            ws = wb.create_sheet(name)
            for row in rows:
                ws.append(row)
        wb.save(floor_out)

    floor = repeat(floor_run, runs)
    shape = ", ".join(f"{name}: {len(rows)} rows" for name, rows in sheets)
    detail = (f"write_summary {fmt_times(app)}, {out.stat().st_size // 1024} KB; floor: openpyxl write-only of the "
              f"same {cells:,} cell values ({shape}) {fmt_times(floor)}")
    return [ratio_row(f"summary_{FULL.big}", app, floor, 1.5, size=n, detail=detail)]


# -- 4. consolidation --------------------------------------------------------------------------------------

_WORKBOOK_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _meta_member(zf: zipfile.ZipFile) -> str:
    """The zip member of the hidden "_meta" sheet (workbook.xml → its relationship → the part)."""
    import xml.etree.ElementTree as ET

    workbook = ET.fromstring(zf.read("xl/workbook.xml"))
    rid = next(sheet.get(f"{{{_REL_NS}}}id") for sheet in workbook.iter(f"{{{_WORKBOOK_NS}}}sheet")
               if sheet.get("name") == "_meta")
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = next(rel.get("Target") for rel in rels if rel.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _with_identity(sheet_xml: str, name: str, code: str) -> str:
    """The "_meta" sheet with another commune name and code (inline strings, as openpyxl reads them)."""
    wanted = {"commune_name": name, "commune_code": code}
    done = set()

    def replace(match: re.Match) -> str:
        number, body = match.group(1), match.group(2)
        for key, value in wanted.items():
            if f"<t>{key}</t>" in body:
                done.add(key)
                return (f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{key}</t></is></c>'
                        f'<c r="B{number}" t="inlineStr"><is><t>{html.escape(value, quote=False)}</t></is></c></row>')
        return match.group(0)

    result = re.sub(r'<row r="(\d+)"[^>]*>(.*?)</row>', replace, sheet_xml, flags=re.DOTALL)
    if done != set(wanted):
        raise RuntimeError("the summary's _meta sheet no longer holds commune_name / commune_code as inline "
                           "strings: update _with_identity in tests/benchmarks/bench.py")
    return result


def export_summary(db: Path, target: Path) -> None:
    """As `desk-app export summary --year YEAR -o TARGET` (in-process: one import for every commune)."""
    from desk_app.documents.summary import write_summary
    from desk_app.services.statistics import Period

    database = open_db(db)
    try:
        with database.session() as session:
            write_summary(session, Period.year(YEAR), target)
    finally:
        database.dispose()


def consolidation_inputs(bench: Bench) -> Path:
    """A folder of ``communes`` summaries: a few real demo communes, copied under new names and codes."""
    sizes = bench.sizes
    folder = bench.inputs_folder()
    if (folder / "DONE").exists():
        return folder
    bases = []
    for k in range(sizes.bases):
        xlsx = bench.commune_xlsx(k)
        if not xlsx.exists():
            name, args = bench.commune_spec(k)
            db = bench.demo_db(name, *args)
            partial = xlsx.with_name(xlsx.stem + ".partial.xlsx")
            export_summary(db, partial)
            partial.replace(xlsx)
        with zipfile.ZipFile(xlsx) as zf:
            member = _meta_member(zf)
            infos = zf.infolist()
            parts = {info.filename: zf.read(info.filename) for info in infos}
        meta = parts[member].decode("utf-8")
        name = html.unescape(re.search(r"<t>commune_name</t></is></c><c [^>]*><is><t>([^<]*)</t>", meta).group(1))
        bases.append((infos, parts, member, meta, name))
    log(f"writing {sizes.communes} consolidation inputs (copies of {sizes.bases} demo communes, new name and code)")
    started = time.perf_counter()
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for i in range(sizes.communes):
        infos, parts, member, meta, name = bases[i % len(bases)]
        code = f"{10001 + i:05d}"
        with zipfile.ZipFile(partial / f"xa_{code}.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
            for info in infos:
                data = parts[info.filename]
                if info.filename == member:
                    data = _with_identity(meta, f"{name} {i + 1:04d}", code).encode("utf-8")
                out.writestr(info, data)
    (partial / "DONE").write_text("ok\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    log(f"  done in {time.perf_counter() - started:.1f} s")
    return folder


def read_every_cell(paths: list[Path]) -> int:
    """The floor: openpyxl read-only reading every cell of every file, one after another."""
    from openpyxl import load_workbook

    cells = 0
    for path in paths:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
        try:
            for ws in wb.worksheets:
                ws.reset_dimensions()
                for row in ws.iter_rows(values_only=True):
                    cells += len(row)
        finally:
            wb.close()
    return cells


def case_consolidation(bench: Bench, runs: int) -> list[Row]:
    from desk_app.documents.consolidate import PARALLEL_FROM, consolidate

    n = bench.sizes.communes
    folder = consolidation_inputs(bench)
    paths = sorted(folder.glob("*.xlsx"))
    if len(paths) != n:
        raise RuntimeError(f"{folder} holds {len(paths)} inputs, expected {n}")
    out = bench.run_dir / "consolidated.xlsx"
    warm = paths[:bench.sizes.warm_subset] if bench.sizes.warm_subset else paths
    # warm-up: the disk cache, and the pool's first start (a subset of the inputs on the full run)
    consolidate([str(p) for p in warm], bench.run_dir / "consolidated_warm.xlsx")
    app, used = [], []

    def app_run():
        # as `desk-app consolidate -o OUT FOLDER` (cli.cmd_consolidate): the process pool is inside
        result = consolidate([str(folder)], out)
        used.append((result.used, len(result.skipped)))

    for _ in range(runs):
        app.append(timed(app_run))
    bad = [u for u in used if u != (n, 0)]
    if bad:
        raise RuntimeError(f"consolidation used/skipped {bad[0]}, expected {n} used and 0 skipped")
    read_every_cell(warm)  # the floor's warm-up
    cells = []
    floor = [timed(lambda: cells.append(read_every_cell(paths))) for _ in range(runs)]
    size_mb = sum(p.stat().st_size for p in paths) / 1e6
    pool = f"process pool of {min(os.cpu_count() or 1, 4)}" if n >= PARALLEL_FROM else "no pool"
    detail = (f"{n} inputs ({size_mb:.0f} MB, {bench.sizes.bases} demo communes of {bench.sizes.base_petitions} "
              f"petitions copied under new names/codes), result {used[-1][0]} used / {used[-1][1]} skipped; "
              f"consolidate ({pool}, {os.cpu_count()} cores) {fmt_times(app)}; floor: openpyxl read-only reading "
              f"all {cells[-1]:,} cells in ONE process, sequentially {fmt_times(floor)}; "
              f"{runs} timed run(s) each after a warm-up on {len(warm)} inputs"
              + (" (1 run by default on the full size: each takes about 2 minutes; --repeat N for more)"
                 if runs == 1 and not bench.quick else ""))
    row = ratio_row(f"consolidation_{FULL.communes}", app, floor, 1.5, size=n, detail=detail)
    absolute = Row(f"consolidation_{FULL.communes}_60s", row.seconds, None, row.seconds / 60.0, 1.0, size=n,
                   detail=f"absolute bound 60 s on this machine ({os.cpu_count()} cores); runs {fmt_times(app)}",
                   extra={"bound_seconds": 60.0})
    return [row, absolute]


# -- 5. accent-insensitive search ------------------------------------------------------------------------------

def _search_queries(database) -> dict[str, str]:
    """Queries typed the way a clerk types them (no accents), chosen from the data so that they match."""
    from sqlalchemy import func, select

    from desk_app.domain.text import fold
    from desk_app.store import models as m

    with database.session() as session:
        total = session.scalar(select(func.count(m.Petition.id)))
        middle = session.execute(select(m.Petition.citizen_name, m.Petition.content)
                                 .order_by(m.Petition.id).offset(total // 2).limit(1)).one()
        late = session.execute(select(m.Petition.content).order_by(m.Petition.id)
                               .offset(total * 3 // 4).limit(1)).one()
    def longest_word(text: str) -> str:
        words = re.findall(r"[a-z]+", fold(text))
        return max(words, key=len) if words else "duong"

    name = fold(middle.citizen_name)
    return {
        "name": name,  # "nguyen van duc" finds "Nguyễn Văn Đức"
        "content word": longest_word(late.content),
        "two words": f"{name.split()[-1]} {longest_word(middle.content)}",  # both words of one petition
        "no match": "zqxjkv",  # matches nothing: without an index every row is looked at
        # two letters (typing pauses after "ng"): too short for a trigram index, so a scan of every row
        "short word": name[:2],
        "short, no match": "qz",
    }


def case_search(bench: Bench, runs: int) -> list[Row]:
    from sqlalchemy import select

    from desk_app.gui.context import AppContext
    from desk_app.gui.petition_model import PAGE_SIZE, PetitionTableModel
    from desk_app.services import followup
    from desk_app.store import models as m

    n = bench.sizes.big
    db = bench.big_db()
    app = bench.qt_app()
    database = open_db(db)
    try:
        queries = _search_queries(database)
        found: dict[str, int] = {}
        services: dict[str, float] = {}
        for label, text in queries.items():
            # the follow-up page's filter when typing stops: this year's petitions (its first filter) and the
            # text; the work behind its first screen: the first page of rows and the count, in a fresh session
            flt = followup.PetitionFilter(year=YEAR, search=text)

            def first_page(flt=flt, label=label):
                with database.session() as session:
                    followup.list_petitions(session, flt, limit=PAGE_SIZE)
                    found[label] = followup.count_petitions(session, flt)

            gc.collect()  # once per query: a full collection costs more than the query itself
            services[label] = median(repeat(first_page, runs, collect=False))
        if found["no match"] or found["short, no match"] or not all(
                found[k] for k in ("name", "content word", "two words", "short word")):
            raise RuntimeError(f"unexpected search results: {found}")

        # the same through the page's model: what the UI thread waits for (set_filter), and until the
        # count is known too (the model may count in a worker: it then says so with `counting`)
        ctx = AppContext(database)
        model = PetitionTableModel(ctx)
        ui: dict[str, list[float]] = {}
        until_counted: dict[str, list[float]] = {}
        for label, text in queries.items():
            flt = followup.PetitionFilter(year=YEAR, search=text)
            gc.collect()
            for index in range(runs + 1):
                begun = time.perf_counter()
                model.set_filter(flt)
                blocked = time.perf_counter() - begun
                deadline = begun + 60
                while getattr(model, "counting", False) and time.perf_counter() < deadline:
                    app.processEvents()
                    time.sleep(0.0005)
                if index:  # the first one is the warm-up
                    ui.setdefault(label, []).append(blocked)
                    until_counted.setdefault(label, []).append(time.perf_counter() - begun)
        if hasattr(ctx, "wait_for_tasks"):
            ctx.wait_for_tasks()

        with database.session() as session:
            ids = list(session.scalars(select(m.Petition.id).order_by(m.Petition.id)))[:: max(1, n // 25)]

        def lookup(pid):
            with database.session() as session:  # a fresh session: nothing cached
                session.get(m.Petition, pid)

        gc.collect()
        floor = [median(repeat(lambda pid=pid: lookup(pid), 3, collect=False)) for pid in ids]
    finally:
        database.dispose()
    # the case: the first page of results on the follow-up page's screen (the model's first page, read on the
    # UI thread; the total is counted in the worker afterwards) — the worst query
    worst = max(median(v) for v in ui.values())
    detail = (f"first page ({PAGE_SIZE} rows, followup.list_petitions) + count_petitions in a fresh session, "
              "median per query: "
              + "; ".join(f"{label} {queries[label]!r}: {services[label] * 1000:.1f} ms ({found[label]} found)"
                          for label in queries)
              + ". The follow-up page's PetitionTableModel.set_filter, UI thread blocked / until the count is "
                "known: "
              + "; ".join(f"{label} {median(ui[label]) * 1000:.1f} / {median(until_counted[label]) * 1000:.1f} ms"
                          for label in queries)
              + f". Floor: session.get(Petition, id) in a fresh session, median over {len(ids)} ids")
    return [Row(f"search_{FULL.big}", worst, median(floor), worst / 0.1, 1.0, size=n, detail=detail,
                extra={"bound_seconds": 0.1, "queries": {label: _round(v) for label, v in services.items()},
                       "model_ui_seconds": {label: _round(median(v)) for label, v in ui.items()},
                       "model_until_counted_seconds": {label: _round(median(v))
                                                       for label, v in until_counted.items()}})]


# -- 6. petition list of the follow-up page (fresh process) --------------------------------------------------

def peak_rss_mb() -> float | None:
    """Peak resident memory of this process in MB, or None where it cannot be read."""
    try:
        # Linux: the high-water mark of this program's own memory. Not ru_maxrss: across fork/exec it keeps
        # the parent's peak (the bench process, hundreds of MB after the summary case).
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        try:
            import psutil
        except ImportError:
            return None
        return psutil.Process().memory_info().peak_wset / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KB elsewhere


def child_petition_list(db: str) -> dict:
    """Open the follow-up page on ``db``, scroll it to the bottom and back down, timing every event-loop turn."""
    start = time.perf_counter()
    from desk_app.gui.app import create_application

    app = create_application()
    from desk_app.gui.context import AppContext
    from desk_app.gui.pages.followup import FollowUpPage
    from desk_app.store.database import open_database

    database = open_database(db)
    ctx = AppContext(database)
    page = FollowUpPage(ctx)
    model, table = page.model, page.table
    reads = [0]
    if hasattr(model, "_query"):  # count the page reads (instrumentation only)
        query = model._query

        def counted(*args, **kwargs):
            reads[0] += 1
            return query(*args, **kwargs)

        model._query = counted
    steps: list[tuple[float, str]] = []

    def step(label: str, action=None) -> None:
        begun = time.perf_counter()
        if action is not None:
            action()
        app.processEvents()
        steps.append((time.perf_counter() - begun, label))

    page.resize(1366, 768)
    step("show", page.show)
    step("open", page.activate)
    loaded = [not hasattr(page, "when_loaded")]
    if not loaded[0]:  # a page may load in a worker: wait until its rows are on screen
        page.when_loaded(lambda: loaded.__setitem__(0, True))
    deadline = time.perf_counter() + 120
    while not loaded[0] and time.perf_counter() < deadline:
        step("open (waiting)")
        time.sleep(0.001)
    while getattr(model, "counting", False) and time.perf_counter() < deadline:  # the count may come from a worker
        step("open (counting)")
        time.sleep(0.001)
    opened = time.perf_counter() - start
    total = model.total
    bar = table.verticalScrollBar()
    # 1. drag the scroll bar to the bottom again and again: each time the lazy model grows (fetchMore)
    limit = total // 50 + 100
    while (model.canFetchMore() or bar.value() < bar.maximum()) and limit > 0:
        step(f"to bottom, {model.rowCount()} rows", lambda: bar.setValue(bar.maximum()))
        limit -= 1
    grown = model.rowCount()
    # 2. the whole list is there: from the top to the bottom in 50 jumps (pages read as they scroll in)
    for k in range(51):
        step(f"sweep {k}/50", lambda k=k: bar.setValue(round(bar.maximum() * k / 50)))
    elapsed = time.perf_counter() - start
    peak = peak_rss_mb()
    database.dispose()
    longest, where = max(steps)
    durations = sorted(d for d, _ in steps)
    if os.environ.get("DESK_BENCH_VERBOSE"):
        sys.stderr.write("".join(f"{d * 1000:8.1f} ms  {label}\n" for d, label in steps))
    return {"total_seconds": elapsed, "open_seconds": opened, "rows": total, "rows_grown": grown,
            "steps": len(steps), "longest": longest, "longest_at": where,
            "p95": durations[int(len(durations) * 0.95) - 1] if durations else 0.0,
            "page_reads": reads[0], "peak_mb": peak,
            "slowest": [[round(d * 1000, 1), label] for d, label in sorted(steps, reverse=True)[:3]]}


def case_petition_list(bench: Bench, runs: int) -> list[Row]:
    n = bench.sizes.big
    db = bench.big_db()
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child-petition-list", str(db)]

    def run_child() -> dict:
        done = subprocess.run(cmd, check=False, capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                              timeout=1800)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"petition list child: exit {done.returncode}, stderr {done.stderr.strip()[-3000:]!r}")
        return json.loads(lines[-1])

    for _ in range(bench.sizes.list_warmup):
        run_child()  # warm-up (disk cache)
    results = [run_child() for _ in range(runs)]
    total = median([r["total_seconds"] for r in results])
    longest = median([r["longest"] for r in results])
    peaks = [r["peak_mb"] for r in results if r["peak_mb"] is not None]
    last = results[-1]
    common = (f"fresh process: offscreen QApplication, FollowUpPage (lazy PetitionTableModel + QTableView) on "
              f"{last['rows']:,} petitions; scroll bar dragged to the bottom until the model has grown to "
              f"{last['rows_grown']:,} rows, then swept top to bottom in 50 jumps; {last['steps']} event-loop turns "
              f"timed, {last['page_reads']} page reads")
    if peaks:
        peak = median(peaks)
        memory = Row(f"petition_list_{FULL.big}_memory", total, None, peak / 300.0, 1.0, size=n,
                     detail=f"{common}; peak RSS {fmt_times(peaks, 'MB', 1, 0)} (bound 300 MB); open "
                            f"{fmt_times([r['open_seconds'] for r in results])}, open+scroll "
                            f"{fmt_times([r['total_seconds'] for r in results])}",
                     extra={"peak_mb": _round(peak, 1), "bound_mb": 300})
    else:
        memory = Row(f"petition_list_{FULL.big}_memory", total, None, None, 1.0, size=n,
                     detail=f"{common}; peak memory not measured here (no resource module, no psutil)",
                     extra={"peak_mb": None, "bound_mb": 300})
    freeze = Row(f"petition_list_{FULL.big}_freeze", longest, None, longest / 0.1, 1.0, size=n,
                 detail=f"longest single UI step per run {fmt_times([r['longest'] for r in results], 'ms', 1000, 1)}; "
                        f"slowest steps of the last run: "
                        f"{'; '.join(f'{ms} ms at {label}' for ms, label in last.get('slowest', []))}; 95th percentile "
                        f"{fmt_times([r['p95'] for r in results], 'ms', 1000, 1)}; bound 100 ms",
                 extra={"bound_seconds": 0.1})
    return [memory, freeze]


# -- 7. big pages in a fresh process: follow-up on 100,000, Kết luận on 25,000, 2,000 speakers -------------------
#
# Each runs in its own process (its peak memory is its own) with an offscreen QApplication and the real page,
# driven as a clerk drives it: the page's own widgets, found by the objectName their .ui form (or the page)
# gives them, and Qt-level actions (a combo's index, a header's sort, key presses, a click). Every action is
# one step: the action plus one processEvents(); waiting for a worker is more steps of processEvents(). The
# row is the longest single step (the longest the window stays frozen), bound 0.1 s; and the peak memory.

class Steps:
    """Times every event-loop turn of a page driven in a child process."""

    def __init__(self, app):
        self.app = app
        self.items: list[tuple[float, str]] = []
        self.notes: list[str] = []

    def step(self, label: str, action=None) -> None:
        begun = time.perf_counter()
        if action is not None:
            action()
        self.app.processEvents()
        self.items.append((time.perf_counter() - begun, label))

    def wait(self, label: str, done, timeout: float = 120.0, at_least: float = 0.0) -> bool:
        """Turn the event loop (each turn a step) until ``done()`` — a worker's result, a search delay —
        and at least ``at_least`` seconds."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            ready = done()
            if ready and time.perf_counter() - started >= at_least:
                return True
            self.step(f"{label} (waiting)")
            time.sleep(0.002)
        self.notes.append(f"{label}: gave up waiting after {timeout:.0f} s")
        return False

    def result(self, started: float, **extra) -> dict:
        longest, where = max(self.items)
        durations = sorted(d for d, _ in self.items)
        if os.environ.get("DESK_BENCH_VERBOSE"):
            sys.stderr.write("".join(f"{d * 1000:8.1f} ms  {label}\n" for d, label in self.items))
        data = {"total_seconds": time.perf_counter() - started, "steps": len(self.items), "longest": longest,
                "longest_at": where, "p95": durations[int(len(durations) * 0.95) - 1] if durations else 0.0,
                "peak_mb": peak_rss_mb(), "notes": self.notes,
                "slowest": [[round(d * 1000, 1), label] for d, label in sorted(self.items, reverse=True)[:3]]}
        data.update(extra)
        return data


def _page_child(page_class: str, db: str):
    """(app, database, ctx, page) in a child process: an offscreen QApplication and the real page on ``db``,
    1366×768, not shown yet."""
    import importlib

    from desk_app.gui.app import create_application

    app = create_application()
    from desk_app.gui.context import AppContext
    from desk_app.store.database import open_database

    module, name = page_class.rsplit(".", 1)
    cls = getattr(importlib.import_module(module), name)
    database = open_database(db)
    ctx = AppContext(database)
    page = cls(ctx)
    page.resize(1366, 768)
    return app, database, ctx, page


def _idle(page, model=None):
    """The page has its data on screen and no count is pending in the worker (when the page tells)."""
    return lambda: not getattr(page, "loading", False) and not getattr(model, "counting", False)


def _key(widget, key, modifiers=None):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    return lambda: QTest.keyClick(widget, key, modifiers if modifiers is not None else Qt.NoModifier)


def _shown_count(label, fallback: int) -> int:
    """The number the page's count label shows ("100.000 kiến nghị"), else ``fallback``."""
    found = re.search(r"(\d[\d.]*)\s*kiến nghị", label.text() if label is not None else "")
    return int(found.group(1).replace(".", "")) if found else fallback


def _scroll_through(steps: Steps, view, label: str, jumps: int = 20) -> None:
    bar = view.verticalScrollBar()
    for k in range(jumps + 1):
        steps.step(f"{label}: scroll {k}/{jumps}", lambda k=k: bar.setValue(round(bar.maximum() * k / jumps)))


def child_followup(db: str) -> dict:
    """The follow-up page on every petition: open, each status, each column sorted both ways, a name typed
    into the search box, Ctrl+End (it must reach the real last row) and Ctrl+Home."""
    start = time.perf_counter()
    app, database, ctx, page = _page_child("desk_app.gui.pages.followup.FollowUpPage", db)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView

    from desk_app.domain.text import fold

    with contextlib.closing(sqlite3.connect(db)) as connection:  # a citizen's name, typed as a clerk types it
        total_rows = connection.execute("SELECT count(*) FROM petition WHERE year = ?", (YEAR,)).fetchone()[0]
        name = connection.execute("SELECT citizen_name FROM petition WHERE year = ? ORDER BY id LIMIT 1 OFFSET ?",
                                  (YEAR, total_rows // 2)).fetchone()[0]
    typed = fold(name)
    table = page.findChild(QTableView, "petitionTable")
    model = table.model()
    status = page.findChild(QComboBox, "statusCombo")
    search = page.findChild(QLineEdit, "searchEdit")
    label = page.findChild(QLabel, "countLabel")
    idle = _idle(page, model)
    steps = Steps(app)
    steps.step("show", page.show)
    page.activateWindow()
    steps.step("open", page.activate)
    steps.wait("open", idle)
    opened = time.perf_counter() - start
    shown_total = _shown_count(label, model.rowCount())
    # every status of the page's status filter, then back to all
    for index in list(range(1, status.count())) + [0]:
        steps.step(f"status {status.itemText(index)!r}", lambda index=index: status.setCurrentIndex(index))
        steps.wait(f"status {status.itemText(index)!r}", idle)
    # every column, ascending then descending (a column the page cannot sort keeps the previous order)
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Horizontal)).replace("\n", " ")
        for order, word in ((Qt.AscendingOrder, "ascending"), (Qt.DescendingOrder, "descending")):
            steps.step(f"sort {title!r} {word}", lambda c=column, o=order: table.sortByColumn(c, o))
            steps.wait(f"sort {title!r} {word}", idle)
    sorted_by = header.sortIndicatorSection()
    # a name typed into the search box, key by key; the page searches once typing stops
    search.setFocus()
    before = label.text()
    for char in typed:
        steps.step(f"type {char!r}", lambda char=char: QTest.keyClick(search, char))
    steps.wait("search", lambda: idle() and label.text() != before, timeout=30, at_least=0.05)
    steps.wait("search settles", idle, at_least=0.3)
    found = _shown_count(label, model.rowCount())
    before = label.text()
    steps.step("clear the search (Ctrl+A, Backspace)",
               lambda: (QTest.keyClick(search, Qt.Key_A, Qt.ControlModifier), QTest.keyClick(search, Qt.Key_Backspace)))
    steps.wait("search cleared", lambda: idle() and label.text() != before, timeout=30, at_least=0.05)
    steps.wait("search cleared settles", idle, at_least=0.3)
    # Ctrl+End in the list as sorted last, and in the page's first order
    ends = []
    for name_of_order in ("sorted", "first order"):
        if name_of_order == "first order":
            steps.step("sort back to the first column", lambda: table.sortByColumn(0, Qt.AscendingOrder))
            steps.wait("sort back", idle)
        table.setFocus()
        count = _shown_count(label, model.rowCount())
        steps.step(f"Ctrl+End ({name_of_order})", _key(table, Qt.Key_End, Qt.ControlModifier))
        steps.wait(f"Ctrl+End ({name_of_order})", idle, at_least=0.2)
        row = table.currentIndex().row()
        ends.append({"order": name_of_order, "current_row": row + 1, "count": count,
                     "reached": row + 1 == count and count > 0})
        steps.step(f"Ctrl+Home ({name_of_order})", _key(table, Qt.Key_Home, Qt.ControlModifier))
        steps.wait(f"Ctrl+Home ({name_of_order})", idle, at_least=0.05)
    ctx.wait_for_tasks()
    database.dispose()
    return steps.result(start, open_seconds=opened, rows=shown_total, year_rows=total_rows, searched=typed,
                        found=found, sorted_last_by=sorted_by, ctrl_end=ends, statuses=status.count())


def child_conclusion(db: str, session_id: int) -> dict:
    """Kết luận on one session: opened on it, the list scrolled through and to its end, a petition selected
    from the keyboard and one with the mouse."""
    start = time.perf_counter()
    app, database, ctx, page = _page_child("desk_app.gui.pages.conclusion.ConclusionPage", db)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QTableView

    table = page.findChild(QTableView, "petitionTable")
    combo = page.findChild(QComboBox, "sessionCombo")
    idle = _idle(page)
    steps = Steps(app)
    steps.step("show", page.show)
    page.activateWindow()
    steps.step("open on the session", lambda: page.activate(session_id))
    steps.wait("open", idle)
    if combo.currentData() != session_id:  # the page opened on another one: pick it as a clerk does
        steps.step("choose the session", lambda: combo.setCurrentIndex(combo.findData(session_id)))
        steps.wait("choose the session", idle)
    opened = time.perf_counter() - start
    rows = table.model().rowCount()
    _scroll_through(steps, table, "list")
    table.setFocus()
    steps.step("Ctrl+End", _key(table, Qt.Key_End, Qt.ControlModifier))
    steps.wait("Ctrl+End", idle, at_least=0.05)
    last = table.currentIndex().row() + 1
    steps.step("Ctrl+Home", _key(table, Qt.Key_Home, Qt.ControlModifier))
    steps.wait("Ctrl+Home", idle, at_least=0.05)
    steps.step("select a petition (↓)", _key(table, Qt.Key_Down))
    steps.wait("select a petition (↓)", idle, at_least=0.05)
    bar = table.verticalScrollBar()
    steps.step("scroll to the middle", lambda: bar.setValue(bar.maximum() // 2))
    middle = table.rowAt(table.viewport().height() // 2)
    rect = table.visualRect(table.model().index(max(middle, 0), 1))
    steps.step("click a petition", lambda: QTest.mouseClick(table.viewport(), Qt.LeftButton, Qt.NoModifier,
                                                            rect.center()))
    steps.wait("click a petition", idle, at_least=0.05)
    selected = table.currentIndex().row()
    ctx.wait_for_tasks()
    database.dispose()
    return steps.result(start, open_seconds=opened, rows=rows, last_row=last, selected_row=selected + 1)


def child_registrations(db: str, session_id: int) -> dict:
    """Đăng ký phát biểu on one session: opened on it, the queue scrolled, a speaker moved down (Ctrl+↓)."""
    start = time.perf_counter()
    app, database, ctx, page = _page_child("desk_app.gui.pages.registrations.RegistrationsPage", db)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton, QTableView

    table = page.findChild(QTableView, "table")
    model = table.model()
    idle = _idle(page)
    steps = Steps(app)
    steps.step("show", page.show)
    page.activateWindow()
    steps.step("open on the session", lambda: page.activate(session_id))
    steps.wait("open", idle)
    opened = time.perf_counter() - start
    rows = model.rowCount()
    _scroll_through(steps, table, "queue")
    table.setFocus()
    steps.step("Ctrl+End", _key(table, Qt.Key_End, Qt.ControlModifier))
    steps.step("Ctrl+Home", _key(table, Qt.Key_Home, Qt.ControlModifier))
    target = min(5, max(rows - 2, 0))
    for _ in range(target):
        steps.step("↓", _key(table, Qt.Key_Down))

    def queue_order() -> list[int]:  # what the database says (the page's internals may change)
        with contextlib.closing(sqlite3.connect(db)) as connection:
            return [row[0] for row in connection.execute(
                "SELECT id FROM registration WHERE session_id = ? ORDER BY queue_order, id", (session_id,))]

    before = queue_order()
    steps.step("move the speaker down (Ctrl+↓)", _key(table, Qt.Key_Down, Qt.ControlModifier))
    steps.wait("move the speaker down", idle, at_least=0.05)
    how = "Ctrl+↓"
    if queue_order() == before:  # the key did not reach the page's shortcut here: its button
        button = page.findChild(QPushButton, "down_button")
        if button is not None:
            steps.step("move the speaker down (button)", lambda: QTest.mouseClick(button, Qt.LeftButton))
            steps.wait("move the speaker down (button)", idle, at_least=0.05)
            how = "the ↓ button"
    moved = queue_order() != before
    if not moved:
        steps.notes.append("the speaker did not move")
    ctx.wait_for_tasks()
    database.dispose()
    return steps.result(start, open_seconds=opened, rows=rows, moved=moved, moved_with=how)


def child_live(db: str, session_id: int) -> dict:
    """Biên bản trực tiếp on the meeting in progress: opened on it, the queue scrolled, a speaker chosen and
    called (F2)."""
    start = time.perf_counter()
    app, database, ctx, page = _page_child("desk_app.gui.pages.live_minutes.LiveMinutesPage", db)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton

    idle = _idle(page)
    steps = Steps(app)
    steps.step("show", page.show)
    page.activateWindow()
    steps.step("open on the session", lambda: page.activate(session_id))
    steps.wait("open", idle)
    opened = time.perf_counter() - start
    queue = page.findChild(QAbstractItemView, "queue_list")
    speaker = page.findChild(QLabel, "speaker_name_label")
    rows = queue.model().rowCount() if queue is not None else 0
    if queue is not None:
        _scroll_through(steps, queue, "queue")
        queue.setFocus()
        steps.step("End (the last in the queue)", _key(queue, Qt.Key_End))
        steps.step("Home", _key(queue, Qt.Key_Home))
        steps.step("↓ (the second in the queue)", _key(queue, Qt.Key_Down))

    def opinions() -> int:  # what the database says (the page is being re-laid-out)
        with contextlib.closing(sqlite3.connect(db)) as connection:
            return connection.execute("SELECT count(*) FROM opinion WHERE session_id = ?", (session_id,)).fetchone()[0]

    before = opinions()
    steps.step("call the speaker (F2)", _key(queue if queue is not None else page, Qt.Key_F2))
    steps.wait("call the speaker", idle, at_least=0.05)
    how = "F2"
    if opinions() == before:  # the key did not reach the page's shortcut: its button
        button = page.findChild(QPushButton, "call_button")
        if button is not None:
            steps.step("call the speaker (button)", lambda: QTest.mouseClick(button, Qt.LeftButton))
            steps.wait("call the speaker (button)", idle, at_least=0.05)
            how = "the button"
    called = opinions() > before
    if not called:
        steps.notes.append("no speaker was called")
    ctx.wait_for_tasks()
    database.dispose()
    return steps.result(start, open_seconds=opened, rows=rows, called=called, called_with=how,
                        speaker=speaker.text() if speaker is not None else "")


def _run_child(kind: str, *args: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *args]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          timeout=1800)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{kind} child: exit {done.returncode}, stderr {done.stderr.strip()[-3000:]!r}")
    return json.loads(lines[-1])


def _page_rows(case: str, n: int, results: list[dict], what: str, failed_check: str = "") -> list[Row]:
    """The freeze row (longest single step, bound 0.1 s) and the memory row (peak RSS, bound 300 MB)."""
    last = results[-1]
    longest = median([r["longest"] for r in results])
    total = median([r["total_seconds"] for r in results])
    notes = "; ".join(sorted({note for r in results for note in r.get("notes", [])}))
    slowest = "; ".join(f"{ms} ms at {label}" for ms, label in last["slowest"])
    freeze = Row(case, longest, None, longest / 0.1, 1.0, size=n, failed_check=failed_check,
                 detail=f"{what}; {last['steps']} event-loop turns timed; longest single UI step per run "
                        f"{fmt_times([r['longest'] for r in results], 'ms', 1000, 1)}; the 3 slowest steps of the "
                        f"last run: {slowest}; 95th percentile {fmt_times([r['p95'] for r in results], 'ms', 1000, 1)}; "
                        f"open {fmt_times([r['open_seconds'] for r in results])}; bound 100 ms"
                        + (f"; notes: {notes}" if notes else "") + (f"; CHECK FAILED: {failed_check}" if failed_check else ""),
                 extra={"bound_seconds": 0.1, "slowest_ms": last["slowest"],
                        "open_seconds": _round(median([r["open_seconds"] for r in results]))})
    peaks = [r["peak_mb"] for r in results if r.get("peak_mb") is not None]
    if peaks:
        peak = median(peaks)
        memory = Row(f"{case}_memory", total, None, peak / 300.0, 1.0, size=n,
                     detail=f"the same process: peak RSS {fmt_times(peaks, 'MB', 1, 0)} (bound 300 MB); whole run "
                            f"{fmt_times([r['total_seconds'] for r in results])}",
                     extra={"peak_mb": _round(peak, 1), "bound_mb": 300})
    else:
        memory = Row(f"{case}_memory", total, None, None, 1.0, size=n,
                     detail="peak memory not measured here (no resource module, no psutil)",
                     extra={"peak_mb": None, "bound_mb": 300})
    return [freeze, memory]


def case_followup(bench: Bench, runs: int) -> list[Row]:
    n = bench.sizes.big
    source = bench.demo_db(*bench.big_spec())
    for _ in range(bench.sizes.list_warmup):
        _run_child("followup", str(bench.fresh_copy(source)))  # warm-up (disk cache)
    results = [_run_child("followup", str(bench.fresh_copy(source))) for _ in range(runs)]
    last = results[-1]
    ends = "; ".join(f"{e['order']}: row {e['current_row']:,} of {e['count']:,}" for e in last["ctrl_end"])
    short = [e for r in results for e in r["ctrl_end"] if not e["reached"]]
    what = (f"fresh process: offscreen QApplication, the follow-up page on {last['rows']:,} petitions of {YEAR}; "
            f"open, each of the {last['statuses'] - 1} choices of its status filter and back, each column sorted "
            f"ascending and descending, {last['searched']!r} typed into the search box ({last['found']:,} found) "
            f"and cleared, Ctrl+End and Ctrl+Home in the sorted list and in the first order (Ctrl+End reached {ends})")
    failed = "; ".join(f"Ctrl+End stopped at row {e['current_row']:,} of {e['count']:,} ({e['order']})"
                       for e in short[:2])
    return _page_rows(f"followup_{FULL.big}", n, results, what, failed)


def case_conclusion(bench: Bench, runs: int) -> list[Row]:
    source = bench.demo_db(*bench.conclusion_spec())
    session_id, n = ended_session(source)
    runs_all = [_run_child("conclusion", str(bench.fresh_copy(source)), str(session_id))
                for _ in range(bench.sizes.list_warmup + runs)]
    results = runs_all[bench.sizes.list_warmup:]
    last = results[-1]
    what = (f"fresh process: offscreen QApplication, the Kết luận page opened on the session that waits for its "
            f"conclusion, {n:,} petitions ({last['rows']:,} rows in its table once open); its list scrolled through in "
            f"20 jumps, "
            f"Ctrl+End (row {last['last_row']:,}) and Ctrl+Home, a petition selected with ↓ and one clicked "
            f"(row {last['selected_row']:,})")
    failed = "; ".join(sorted({f"Ctrl+End stopped at row {r['last_row']:,} of the session's {n:,} petitions"
                               for r in results if r["last_row"] != n}))
    return _page_rows(f"conclusion_{FULL.conclusion}", n, results, what, failed)


def _speaker_runs(bench: Bench, kind: str, runs: int) -> tuple[list[dict], int]:
    source = bench.speakers_db()
    session_id = meeting_in_progress(source)
    done = [_run_child(kind, str(bench.fresh_copy(source)), str(session_id))
            for _ in range(bench.sizes.list_warmup + runs)]
    return done[bench.sizes.list_warmup:], session_id


def case_registrations(bench: Bench, runs: int) -> list[Row]:
    n = bench.sizes.speakers
    results, _session = _speaker_runs(bench, "registrations", runs)
    last = results[-1]
    what = (f"fresh process: offscreen QApplication, the registrations page opened on the meeting with {n:,} "
            f"speakers registered ({last['rows']:,} rows); the queue scrolled through in 20 jumps, Ctrl+End, "
            f"Ctrl+Home, ↓ ×5, the speaker moved down with {last['moved_with']}")
    failed = "" if all(r["moved"] for r in results) else "the speaker did not move"
    return _page_rows(f"registrations_{FULL.speakers}", n, results, what, failed)


def case_live(bench: Bench, runs: int) -> list[Row]:
    n = bench.sizes.speakers
    results, _session = _speaker_runs(bench, "live", runs)
    last = results[-1]
    what = (f"fresh process: offscreen QApplication, the live minutes page opened on the meeting in progress with "
            f"{n:,} speakers registered ({last['rows']:,} in its queue); the queue scrolled through in 20 jumps, "
            f"End, Home, ↓, the speaker called with {last['called_with']} ({last['speaker']!r})")
    failed = "" if all(r["called"] for r in results) else "no speaker was called"
    return _page_rows(f"live_{FULL.speakers}", n, results, what, failed)


CHILDREN = {"followup": lambda db: child_followup(db),
            "conclusion": lambda db, sid: child_conclusion(db, int(sid)),
            "registrations": lambda db, sid: child_registrations(db, int(sid)),
            "live": lambda db, sid: child_live(db, int(sid))}


# -- running -------------------------------------------------------------------------------------------------

RUNNERS = {"startup": case_startup, "annual_report": case_annual_report, "summary": case_summary,
           "consolidation": case_consolidation, "search": case_search, "petition_list": case_petition_list,
           "followup": case_followup, "conclusion": case_conclusion, "registrations": case_registrations,
           "live": case_live}


def print_table(rows: list[Row], quick: bool, elapsed: float) -> None:
    headers = ("case", "median s", "floor s", "ratio", "target", "verdict")
    lines = []
    for row in rows:
        if row.error:
            verdict = "CRASHED"
        elif row.met is None:
            verdict = "n/a"
        elif row.failed_check:
            verdict = "CHECK FAILED"
        else:
            verdict = "met" if row.met else "MISSED"
        target = "-" if row.target is None else (
            f"<= {row.target:g}" + ("" if row.floor_seconds is not None or row.target != 1.0 else " (abs)"))
        lines.append((row.case, _num(row.seconds), _num(row.floor_seconds), _num(row.ratio, 2), target, verdict))
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *lines)]
    out = sys.stdout
    out.write("\n" + ("QUICK run: tiny sizes, proves the harness works; the numbers mean little\n" if quick else ""))
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths)) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for line in lines:
        out.write("  ".join(str(x).ljust(w) for x, w in zip(line, widths)) + "\n")
    out.write("\nabsolute bounds: ratio = seconds / bound (search 0.1 s, consolidation 60 s, freeze 0.1 s), "
              "memory: ratio = peak MB / 300\n")
    for row in rows:
        out.write(f"- {row.case}: {row.error or row.detail}\n")
    out.write(f"\ntotal bench time {elapsed:.1f} s\n")
    out.flush()


def _num(value, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def parse_args(argv):
    parser = argparse.ArgumentParser(description="desk_app speed benchmark (quality.md §1)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (CI: proves the script works)")
    parser.add_argument("--json", metavar="FILE", help="write the rows as a JSON list")
    parser.add_argument("--workdir", metavar="DIR", help="keep generated data here between runs")
    parser.add_argument("--only", nargs="+", metavar="CASE", choices=CASES, help="run only these: " + ", ".join(CASES))
    parser.add_argument("--repeat", type=int, metavar="N", help="timed runs per case (after one warm-up)")
    parser.add_argument("--child-petition-list", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def setup_environment(workdir: Path) -> None:
    data = workdir / "data"
    data.mkdir(parents=True, exist_ok=True)
    os.environ["DESK_APP_DATA_DIR"] = str(data)  # never the user's data folder (also for every subprocess)
    os.environ.pop("DESK_APP_DB", None)  # every command gets --db explicitly
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("DESK_APP_TODAY", TODAY)
    # Every process reads its modules' bytecode from a cache, as an installed program does (pip and the bundle
    # compile it): a shell that forbids writing bytecode would make each start compile desk_app from source.
    # The cache lives in the work folder, never in the source tree.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(workdir / "pycache"))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.child_petition_list:  # the fresh process of the petition-list case (its environment is inherited)
        print(json.dumps(child_petition_list(args.child_petition_list)))
        return 0
    if args.child:  # the fresh process of a page case: KIND DB [SESSION]
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:])))
        return 0
    began = time.perf_counter()
    sizes = QUICK if args.quick else FULL
    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="desk-bench-")) if temporary else Path(args.workdir).resolve()
    rows: list[Row] = []
    crashed = False
    try:
        setup_environment(workdir)
        bench = Bench(workdir, sizes, args.quick)
        log(f"work folder {workdir} ({'temporary' if temporary else 'kept'}), cache {bench.cache.name}, "
            f"{'QUICK' if args.quick else 'full'} sizes")
        bench.prepare(args.only or CASES)
        for name in args.only or CASES:
            runs = args.repeat or sizes.runs[name]
            log(f"case {name}: warm-up, then {runs} timed run(s)")
            started = time.perf_counter()
            try:
                produced = RUNNERS[name](bench, runs)
            except Exception as exc:  # noqa: BLE001 — report, go on with the other cases, exit 1 at the end
                crashed = True
                traceback.print_exc()
                produced = [Row(name, None, None, None, None, error=f"{type(exc).__name__}: {exc}")]
            for row in produced:
                rows.append(row)
                result = row.error or f"{_num(row.seconds)} s, ratio {_num(row.ratio, 2)} (target {row.target})"
                log(f"  {row.case}: {result}")
            log(f"  case {name} took {time.perf_counter() - started:.1f} s")
    finally:
        elapsed = time.perf_counter() - began
        print_table(rows, args.quick, elapsed)
        if args.json:
            Path(args.json).write_text(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
        if temporary:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())

"""An installed wheel works like the checkout (quality.md §5, issue 16): the forms, the Word templates, the icon
and the migrations travel inside the package.

The wheel is built from a copy of the repository's files (nothing generated lands in the checkout) with this
environment's setuptools (no download), installed without its dependencies into a fresh virtual environment
that sees this environment's packages only as a plain path entry (so the checkout's editable desk_app is not
visible there), and its own `desk-app` then runs the smoke test, fills a demo database and exports a plan.
A form and a template removed from the installation make the smoke test fail with a Vietnamese message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = os.name == "nt"
SCRIPTS = "Scripts" if WINDOWS else "bin"
EXE = ".exe" if WINDOWS else ""


def _run(command: list, *, cwd: Path, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, encoding="utf-8",
                          errors="replace", timeout=timeout, check=False)


def _ok(command: list, **kwargs) -> str:
    result = _run(command, **kwargs)
    assert result.returncode == 0, f"{command} → {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def _source_files() -> list[Path]:
    """The files of the work tree, new ones included (git's list without what it ignores; without git, the
    folders a wheel is built from)."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                                capture_output=True, check=False)
        if listed.returncode == 0 and listed.stdout:
            return [ROOT / name for name in listed.stdout.decode("utf-8").split("\0") if name]
    files = [ROOT / "pyproject.toml", ROOT / "README.md"]
    for folder in ("desk_app", "ui", "resources"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return files


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the fresh environment's folder, its desk-app executable, the environment to run it with, timings)."""
    base = tmp_path_factory.mktemp("wheel")
    timings = {}
    started = time.monotonic()
    source = base / "source"
    for path in _source_files():
        if path.is_file():  # a file deleted in the work tree but still in git's list is skipped
            target = source / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    wheels = base / "wheels"
    _ok([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", wheels,
         source], cwd=base, timeout=600)
    (wheel,) = wheels.glob("desk_app-*.whl")
    timings["build"] = time.monotonic() - started

    started = time.monotonic()
    venv = base / "venv"
    _ok([sys.executable, "-m", "venv", "--without-pip", venv], cwd=base)
    python = venv / SCRIPTS / f"python{EXE}"
    _ok([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], cwd=base)
    # The dependencies: this environment's site-packages as a plain path entry, after the fresh one's (a .pth
    # line is only appended to sys.path: the editable install's own .pth files there are not processed).
    purelib = Path(_ok([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=base).strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "zz_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    timings["install"] = time.monotonic() - started

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESK_APP_DATA_DIR=str(base / "data"))
    for name in ("PYTHONPATH", "PYTHONHOME", "DESK_APP_DB"):
        env.pop(name, None)
    return SimpleRun(base, venv / SCRIPTS / f"desk-app{EXE}", python, env, wheel, timings)


class SimpleRun:
    def __init__(self, base, executable, python, env, wheel, timings):
        self.base, self.executable, self.python, self.env = base, executable, python, env
        self.wheel, self.timings = wheel, timings

    def run(self, *args, timeout: float = 300) -> subprocess.CompletedProcess:
        return _run([self.executable, *args], cwd=self.base, env=self.env, timeout=timeout)

    def ok(self, *args, timeout: float = 300) -> str:
        return _ok([self.executable, *args], cwd=self.base, env=self.env, timeout=timeout)


def test_the_wheel_holds_the_forms_templates_icon_and_migrations(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    forms = {f"desk_app/ui/{p.name}" for p in (ROOT / "ui").glob("*.ui")}
    templates = {f"desk_app/resources/templates/{p.name}" for p in (ROOT / "resources" / "templates").glob("*.docx")}
    migrations = {f"desk_app/store/migrations/versions/{p.name}"
                  for p in (ROOT / "desk_app" / "store" / "migrations" / "versions").glob("*.py")}
    assert forms and templates and migrations
    assert forms <= names and templates <= names and migrations <= names
    assert {"desk_app/resources/icons/desk_app.png", "desk_app/resources/icons/desk_app.ico",
            "desk_app/store/migrations/env.py", "desk_app/store/migrations/script.py.mako"} <= names


def test_the_installed_program_runs_from_its_own_package(installed):
    where = _ok([installed.python, "-c", "import desk_app; print(desk_app.__file__)"], cwd=installed.base,
                env=installed.env).strip()
    assert Path(where).resolve().is_relative_to(installed.base.resolve() / "venv"), where


def test_the_installed_program_opens_the_window_and_exports_a_plan(installed):
    started = time.monotonic()
    database = installed.base / "demo.sqlite3"
    ids = installed.ok("--db", database, "demo").split()
    assert ids and all(i.isdigit() for i in ids)
    result = installed.run("--db", database, "gui", "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ") and len(result.stdout.splitlines()) == 1, result.stdout
    assert result.stderr == "", result.stderr  # no Qt noise either
    target = installed.base / "ke-hoach.docx"
    assert installed.ok("--db", database, "export", "plan", "--session", ids[0], "-o", target).strip() == str(target)
    from docx import Document

    document = Document(str(target))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    assert "KẾ HOẠCH" in text and "Tân Đoàn" in text, text[:500]
    installed.timings["run"] = time.monotonic() - started
    print(f"wheel: built in {installed.timings['build']:.1f} s, installed in {installed.timings['install']:.1f} s, "
          f"demo + smoke test + export in {installed.timings['run']:.1f} s")


def test_a_missing_form_or_template_fails_the_smoke_test_loudly(installed):
    database = installed.base / "fresh.sqlite3"
    site = Path(_ok([installed.python, "-c", "import desk_app, os; print(os.path.dirname(desk_app.__file__))"],
                    cwd=installed.base, env=installed.env).strip())
    form, template = site / "ui" / "sessions_page.ui", site / "resources" / "templates" / "plan.state.docx"
    form_aside, template_aside = form.with_name("aside.ui.bak"), template.with_name("aside.docx.bak")
    form.replace(form_aside)
    template.replace(template_aside)
    try:
        result = installed.run("--db", database, "gui", "--smoke-test")
    finally:
        form_aside.replace(form)
        template_aside.replace(template)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert not result.stdout.startswith("ok"), result.stdout
    assert "sessions_page.ui" in result.stderr and "plan.state.docx" in result.stderr, result.stderr
    assert "cài đặt lại chương trình" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr

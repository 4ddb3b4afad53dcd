"""Start-up: the window is on screen before the database is open and before the first figures are in;
nothing heavy (SQLAlchemy, python-docx, docxtpl, openpyxl, holidays, QtCharts) is imported before it is
needed (quality.md §1, issue 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest
from PySide6.QtWidgets import QLabel

HEAVY = ("sqlalchemy", "docx", "docxtpl", "openpyxl", "holidays", "PySide6.QtCharts", "jinja2", "alembic")


def _imported_after(code: str) -> set[str]:
    """The heavy modules present in a fresh interpreter after running ``code``."""
    probe = code + f"\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env)
    assert completed.returncode == 0, completed.stderr
    return set(json.loads(completed.stdout.splitlines()[-1]))


def test_the_command_line_imports_nothing_heavy_to_start():
    assert _imported_after("from desk_app import cli\ncli.build_parser().parse_args(['sessions'])") == set()


def test_the_shown_window_needs_neither_the_database_nor_the_documents():
    code = ("from desk_app.gui.app import create_application\n"
            "app = create_application()\n"
            "from desk_app.gui.main_window import MainWindow\n"
            "window = MainWindow()\nwindow.show()\napp.processEvents()\n")
    assert _imported_after(code) == set()


@pytest.mark.parametrize("page", ["sessions", "registrations", "live_minutes", "conclusion", "followup", "reports",
                                  "catalog", "settings"])
def test_pages_load_word_and_excel_libraries_only_when_used(page):
    """Opening a page must not stall on python-docx, docxtpl or openpyxl: they load on the first export,
    in the worker. (SQLAlchemy is in use by then; QtCharts belongs to the dashboard.)"""
    loaded = _imported_after(f"import desk_app.gui.pages.{page}")
    heavy = {"docx", "docxtpl", "openpyxl", "jinja2", "alembic"}
    if page != "reports":  # the reports page previews the report's charts
        heavy.add("PySide6.QtCharts")
    assert loaded & heavy == set()


def test_window_is_shown_before_the_database_opens(gui_app, demo_path, monkeypatch, capsys, qtbot):
    """The shell window is on screen while the database is still opening; then the data arrive and the
    smoke test reports the time to the first shown window."""
    from desk_app.gui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its hook: put it back after
    release = threading.Event()
    real_open = app_module._open_in_background

    def slow_open(target, smoke_test):
        release.wait(30)  # the database "takes long" until the test has looked at the screen
        return real_open(target, smoke_test)

    monkeypatch.setattr(app_module, "_open_in_background", slow_open)
    codes = []
    startup = app_module.Startup(str(demo_path), smoke_test=True, quit=codes.append)
    window = startup.window
    qtbot.waitUntil(lambda: startup.shown_ms is not None, timeout=5000)
    qtbot.wait(200)
    opening = window.findChild(QLabel, "opening")
    assert window.isVisible() and window.ctx is None  # shown; the database still opening
    assert opening.text() == "Đang mở dữ liệu…" and not window.nav.isEnabled() and window.nav.count() == 9
    release.set()
    qtbot.waitUntil(lambda: codes == [0], timeout=20000)
    assert window.ctx is not None and window.nav.isEnabled()
    assert not window.current_page().loading  # the first figures were on screen before it closed
    assert startup.finish() == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"ok {startup.shown_ms:.0f}"] and startup.shown_ms > 0


def test_a_database_that_cannot_open_is_told_and_the_window_closes(gui_app, tmp_path, monkeypatch, qtbot,
                                                                    no_dialogs):
    from desk_app.gui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    codes = []
    startup = app_module.Startup(str(bad), quit=codes.append)
    qtbot.waitUntil(lambda: codes == [1], timeout=20000)
    assert startup.finish() == 1 and bad.read_bytes() == b"not a database at all" * 100
    assert any("Không mở được dữ liệu" in text for text in no_dialogs.texts)


def test_dashboard_figures_arrive_from_the_worker(window, qtbot):
    """The first page computes in the worker; until then the window answers (it is not blocked)."""
    page = window.show_page("dashboard")
    arrived = []
    page.loaded.connect(lambda: arrived.append(page.tiles["petitions"].value.text()))
    assert page.loading and not arrived  # the figures are being computed off the main thread
    qtbot.waitUntil(lambda: bool(arrived), timeout=15000)
    assert not page.loading and arrived[0] not in ("", "0") and page.tiles["petitions"].value.text() not in ("", "0")


def test_the_dashboards_first_figures_are_read_with_the_database(gui_app, demo_path, qtbot):
    """At start the thread that opens the database also reads the dashboard's figures: the first page shows
    them at once, without another trip through the worker; figures of another day, another year or read too
    long ago are not used (the worker computes them again)."""
    import dataclasses

    from desk_app.gui import app as app_module
    from desk_app.gui.context import AppContext
    from desk_app.gui.main_window import MainWindow
    from desk_app.gui.pages import dashboard_data

    opened = app_module._open_in_background(str(demo_path), True)
    ctx = AppContext(opened.database)
    try:
        figures = opened.figures
        assert opened.resume_page == "dashboard" and figures is not None and figures.stats.total.petitions > 0
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        page = window.page("dashboard")
        assert figures.fresh(page.year.value(), figures.today)
        page.use_figures(figures)
        window.show_page("dashboard")
        assert not page.loading and page.stats is figures.stats  # on screen at once
        assert page.tiles["petitions"].value.text() == str(figures.stats.total.petitions)

        for stale in (dataclasses.replace(figures, year=figures.year - 1),
                      dataclasses.replace(figures, read_at=figures.read_at - dashboard_data.FRESH_SECONDS - 1)):
            page.use_figures(stale)
            page.reload()
            assert page.loading  # asked of the worker instead
            qtbot.waitUntil(lambda: not page.loading, timeout=15000)
            assert page.stats is not stale.stats
    finally:
        ctx.wait_for_tasks()
        opened.database.dispose()

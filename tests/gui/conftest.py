"""Fixtures for the window's tests: a demo database copied per test, the context, the main window.

The demo year is generated once per test run (3 s) and copied for every test that needs it, so each
test starts from the same data and may change it freely.
"""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(autouse=True)
def number_dialog_accepts(monkeypatch):
    """An export asks the document's number and date first: tests take what it proposes (checked as the clerk's
    Tiếp tục would check it) unless they drive the dialog themselves."""
    from desk_app.gui import export_actions

    monkeypatch.setattr(export_actions, "_ask", lambda dialog: dialog.submit())


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from desk_app.services.demo import DemoOptions, generate
    from desk_app.store.database import open_database

    path = tmp_path_factory.mktemp("gui-demo") / "demo.sqlite3"
    database = open_database(str(path))
    with database.session() as session:
        generate(session, DemoOptions(year=2026))
    with database.engine.connect() as connection:  # one file: fold the WAL in before copying
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path):
    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def gui_app(qapp):
    """The application as the program sets it up, with the program's default font size (11 points, not Qt's
    9): the layout tests see what a clerk sees, and a test that changed the size leaves nothing behind."""
    from desk_app.gui.app import apply_font_size, create_application
    from desk_app.services.settings import DEFAULTS, FONT_SIZE

    app = create_application()
    apply_font_size(app, DEFAULTS[FONT_SIZE])
    return app


@pytest.fixture
def ctx(gui_app, demo_path):
    """An AppContext on a fresh copy of the demo year."""
    from desk_app.gui.context import AppContext
    from desk_app.store.database import open_database

    database = open_database(str(demo_path))
    context = AppContext(database)
    yield context
    context.wait_for_tasks()
    database.dispose()


@pytest.fixture
def empty_ctx(gui_app, tmp_path):
    """An AppContext on a new, empty database (first run)."""
    from desk_app.gui.context import AppContext
    from desk_app.store.database import open_database

    database = open_database(str(tmp_path / "empty.sqlite3"))
    context = AppContext(database)
    yield context
    context.wait_for_tasks()
    database.dispose()


@pytest.fixture
def window(ctx, qtbot):
    from desk_app.gui.main_window import MainWindow

    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def no_dialogs(monkeypatch):
    """Modal message boxes answer at once (the test says how) instead of waiting for a click.

    ``no_dialogs.answer`` is the button returned by question(); every shown text is kept in
    ``no_dialogs.texts`` so tests can assert on the Vietnamese messages.
    """
    from PySide6.QtWidgets import QMessageBox

    class Recorder:
        answer = QMessageBox.Yes
        texts: list[str] = []

    recorder = Recorder()
    recorder.texts = []

    def record(kind):
        def fake(parent, title, text, *args, **kwargs):
            recorder.texts.append(f"{title}: {text}")
            return recorder.answer if kind == "question" else QMessageBox.Ok
        return fake

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: recorder.texts.append(
        f"{self.windowTitle()}: {self.text()}") or 0)
    return recorder

"""Starting the window: Qt in Vietnamese, the error hook, the database, the first-run wizard, the smoke test."""

from __future__ import annotations

import os
import sys
import time

from desk_app.domain.errors import DeskAppError



def create_application(argv: list[str] | None = None):
    """The QApplication in Vietnamese (locale, Qt's own words); reuses a running one (tests)."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from desk_app.gui.translations import VietnameseTranslator

    app = QApplication.instance()
    if app is None:
        if os.name == "nt" and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            os.environ.setdefault("QT_QPA_FONTDIR", os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"))
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("desk_app")
        app.setApplicationDisplayName("Tiếp xúc, đối thoại")
    if not getattr(app, "_desk_translator", None):
        translator = VietnameseTranslator(app)
        app.installTranslator(translator)
        app._desk_translator = translator  # keep it alive
    QLocale.setDefault(QLocale(QLocale.Vietnamese, QLocale.Vietnam))
    return app


def apply_font_size(app, points: int) -> None:
    font = app.font()
    font.setPointSize(points)
    app.setFont(font)


def install_error_hook(parent_getter=lambda: None) -> None:
    """Any unexpected error: logged, and a Vietnamese dialog — never a traceback on screen."""
    def hook(kind, exc, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        from desk_app.gui.context import show_error

        exc.__traceback__ = tb
        try:
            show_error(parent_getter(), exc, "Lỗi")
        except Exception:  # noqa: BLE001 — the hook itself must not fail loudly
            pass

    sys.excepthook = hook


def build_window(database, *, wizard: bool = True):
    """The context and main window for an open database (the wizard runs first on an empty one)."""
    from desk_app.gui.context import AppContext
    from desk_app.gui.main_window import MainWindow
    from desk_app.services import settings
    from desk_app.services.common import commune

    ctx = AppContext(database)
    with ctx.session() as session:
        empty = commune(session) is None
        font_size = settings.get(session, settings.FONT_SIZE)
    from PySide6.QtWidgets import QApplication

    apply_font_size(QApplication.instance(), int(font_size))
    if empty and wizard:
        from desk_app.gui.wizard import run_first_run_wizard

        if not run_first_run_wizard(ctx):
            return ctx, None
    from desk_app.gui.password import ask_password

    if wizard and not ask_password(ctx):  # the optional password (the smoke test builds without prompts)
        return ctx, None
    window = MainWindow(ctx)
    return ctx, window


def _check_display() -> None:
    """Without a screen Qt aborts with English messages: say it in Vietnamese instead."""
    if sys.platform.startswith("linux") and not any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise DeskAppError("Máy này không có màn hình đồ họa nên không mở được cửa sổ; hãy dùng các lệnh "
                           "của chương trình (desk-app --help).")


def run(db_target: str | None, *, smoke_test: bool = False) -> int:
    _check_display()
    app = create_application()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from desk_app.store.database import open_database

    window_ref: list = [None]
    install_error_hook(lambda: window_ref[0])
    from desk_app.store.backup import backup_before_migrate, backup_if_due

    try:
        database = open_database(db_target, before_migrate=backup_before_migrate)
    except DeskAppError as exc:
        if smoke_test:
            raise
        QMessageBox.critical(None, "Không mở được dữ liệu", exc.message)
        return 1
    if not smoke_test:
        try:  # the daily automatic backup; a failure is told, never blocks the work
            backup_if_due(database)
        except DeskAppError as exc:
            QMessageBox.warning(None, "Chưa sao lưu được", exc.message)
    lock = _warn_about_sharing(database, smoke_test)
    ctx, window = build_window(database, wizard=not smoke_test)
    if window is None:
        if lock is not None:
            lock.release()
        return 0
    window_ref[0] = window
    if smoke_test:
        def loaded(_key: str) -> None:
            # shown and its first data loaded: report the time from process start and close
            from desk_app import STARTED

            elapsed = (time.perf_counter() - STARTED) * 1000
            sys.stdout.write(f"ok {elapsed:.0f}\n")
            sys.stdout.flush()
            QTimer.singleShot(0, app.quit)

        window.page_shown.connect(loaded)
    window.show()
    window.show_page(_resume_page(ctx))
    code = app.exec()
    ctx.wait_for_tasks()
    database.dispose()
    if lock is not None:
        lock.release()
    return code


def _warn_about_sharing(database, smoke_test: bool):
    """Another window on the same file, or a file on a network share: the clerk is told (not blocked)."""
    from PySide6.QtWidgets import QMessageBox

    from desk_app.store.backup import sqlite_path
    from desk_app.store.instance import InstanceLock, on_network_share

    path = sqlite_path(database)
    if path is None:
        return None
    lock = InstanceLock(path)
    holder = lock.other_holder()
    if not smoke_test:
        if on_network_share(path):
            QMessageBox.warning(None, "Dữ liệu trên ổ mạng",
                                f"Tệp dữ liệu {path} nằm trên ổ đĩa mạng. SQLite không bảo đảm an toàn khi nhiều "
                                "máy cùng ghi qua mạng: hãy để tệp trên máy này, hoặc dùng máy chủ PostgreSQL của "
                                "cơ quan (xem hướng dẫn).")
        if holder is not None:
            QMessageBox.information(None, "Dữ liệu đang được mở",
                                    f"Cơ sở dữ liệu này đang được mở ở một cửa sổ khác (người dùng {holder.user}, "
                                    f"máy {holder.host}). Vẫn làm việc được an toàn: thay đổi của người này không "
                                    "ghi đè lên thay đổi của người kia; nhưng đừng cùng ghi một biên bản.")
    lock.acquire()
    return lock


def _resume_page(ctx) -> str:
    """After an unclean stop during a meeting, the live-minutes page reopens on that session."""
    from sqlalchemy import select

    from desk_app.domain.states import SessionStatus
    from desk_app.store import models as m

    with ctx.session() as session:
        live = session.scalar(select(m.DialogueSession.id).where(
            m.DialogueSession.status == SessionStatus.IN_PROGRESS.value).limit(1))
    return "live" if live is not None else "dashboard"

"""Starting the window: Qt in Vietnamese, the error hook, the database, the first-run wizard, the smoke test."""

from __future__ import annotations

import os
import sys
import time

from desk_app.domain.errors import DeskAppError, InstallationError

# Qt messages that tell nobody anything: the offscreen and minimal platform plugins (the tests, the smoke test)
# cannot hand a window's size limits to a window system and say so each time the limits change.
QT_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})


def _qt_message_handler(kind, context, message: str) -> None:
    """Qt's messages go to stderr as Qt writes them, warnings and errors also to the log file; the known
    noise (QT_NOISE) nowhere."""
    if message in QT_NOISE:
        return
    from PySide6.QtCore import QtMsgType, qFormatLogMessage

    try:
        text = qFormatLogMessage(kind, context, message)
    except Exception:  # noqa: BLE001 — a message must never break the program
        text = message
    stream = sys.stderr
    if stream is not None:
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError):
            pass
    if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        import logging

        logger = logging.getLogger("desk_app.qt")
        if logger.hasHandlers():  # once the log file is set up (not Python's last-resort stderr handler)
            logger.warning("Qt: %s", message)


def install_qt_message_handler() -> None:
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_qt_message_handler)


def create_application(argv: list[str] | None = None):
    """The QApplication in Vietnamese (locale, Qt's own words); reuses a running one (tests)."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from desk_app.gui.translations import VietnameseTranslator

    app = QApplication.instance()
    if app is None:
        install_qt_message_handler()
        if os.name == "nt" and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            os.environ.setdefault("QT_QPA_FONTDIR", os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"))
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("desk_app")
        app.setApplicationDisplayName("Tiếp xúc, đối thoại")
        from PySide6.QtGui import QIcon

        from desk_app.store.paths import shipped_dir

        app.setWindowIcon(QIcon(str(shipped_dir("resources") / "icons" / "desk_app.png")))
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
    """The context and main window for an open database (the wizard runs first on an empty one); the
    window is None when the clerk cancelled."""
    from desk_app.gui.main_window import MainWindow
    from desk_app.services import settings
    from desk_app.services.common import commune

    with database.session() as session:
        empty = commune(session) is None
        font_size = int(settings.get(session, settings.FONT_SIZE))
    window = MainWindow()
    ctx = attach_database(window, database, empty=empty, font_size=font_size, wizard=wizard)
    if ctx is None:
        window.deleteLater()
        from desk_app.gui.context import AppContext

        return AppContext(database), None
    return ctx, window


def _check_display() -> None:
    """Without a screen Qt aborts with English messages: say it in Vietnamese instead."""
    if sys.platform.startswith("linux") and not any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise DeskAppError("Máy này không có màn hình đồ họa nên không mở được cửa sổ; hãy dùng các lệnh "
                           "của chương trình (desk-app --help).")


class _Opened:
    """What the main thread needs once the database is open (read in the background)."""

    def __init__(self, database, empty: bool, font_size: int, resume_page: str, backup_warning: str | None,
                 template_problems: list[str] | None = None, figures=None):
        self.database, self.empty, self.font_size = database, empty, font_size
        self.resume_page, self.backup_warning = resume_page, backup_warning
        self.template_problems = template_problems or []
        self.figures = figures  # the dashboard's, when it is the first page (gui.pages.dashboard_data.Figures)


def _open_in_background(db_target: str | None, smoke_test: bool) -> _Opened:
    """Runs on a plain thread while the window is already on screen: SQLAlchemy's import, migrations
    (backed up first), the daily backup, and the few values the start needs."""
    from desk_app.logs import setup_logging
    from desk_app.services import settings
    from desk_app.services.common import commune
    from desk_app.store.backup import backup_before_migrate, backup_if_due
    from desk_app.store.database import open_database

    setup_logging()
    template_problems = []  # the smoke test checks the templates on the main thread, meanwhile (_check_forms)
    database = open_database(db_target, before_migrate=backup_before_migrate)
    try:
        warning = None
        if not smoke_test:
            try:  # the daily automatic backup; a failure is told, never blocks the work
                backup_if_due(database)
            except DeskAppError as exc:
                warning = exc.message
        with database.session() as session:
            empty = commune(session) is None
            font_size = int(settings.get(session, settings.FONT_SIZE))
            page = _resume_page(session)
        figures = None
        if page == "dashboard" and not empty:
            # the first page's figures, read here: the window shows them as soon as it has the page
            from desk_app.domain import clock
            from desk_app.gui.pages.dashboard_data import load_figures

            today = clock.today()
            with database.session(read_only=True) as session:
                figures = load_figures(session, today.year, today)
    except BaseException:
        database.dispose()
        raise
    return _Opened(database, empty, font_size, page, warning, template_problems, figures)


def run(db_target: str | None, *, smoke_test: bool = False) -> int:
    """The window first (an empty shell, at once), then the database opened on a background thread, then
    the data. ``--smoke-test`` prints the time to the first shown window once the first page's data is
    on screen, and closes. A window that asks to reopen on another file (a meeting package) is closed and the
    same start runs again on that file."""
    _check_display()
    from desk_app.gui.system_libraries import check_window_libraries

    check_window_libraries()  # Linux: a missing system library is named, instead of Qt's abort
    app = create_application()
    while True:
        startup = Startup(db_target, smoke_test=smoke_test, quit=app.exit)
        code = startup.finish(app.exec())
        if startup.reopen is None:
            return code
        db_target = startup.reopen  # "Mở gói hội nghị…": the same program, on the package's file


class Startup:
    """One start of the window: shows the shell, opens the database on a plain thread, attaches it.

    ``quit(code)`` ends the program (``QApplication.exit``; tests pass their own)."""

    def __init__(self, db_target: str | None, *, smoke_test: bool = False, quit=None):
        from PySide6.QtCore import QObject, QTimer, Signal
        from PySide6.QtWidgets import QApplication

        from desk_app.gui.main_window import MainWindow

        self.smoke_test = smoke_test
        self.quit = quit or QApplication.instance().exit
        self.code = 0
        self.error: BaseException | None = None
        self.ctx = self.database = self.lock = None
        self.shown_ms: float | None = None
        self._form_problems: list[str] | None = None
        self.reopen: str | None = None  # the database to open next (Mở gói hội nghị…), once this one is closed
        self.window = MainWindow()
        self.window.reopen_requested.connect(self._reopen)
        install_error_hook(lambda: self.window)

        class Bridge(QObject):  # carries the opener's result from its thread to the main thread
            done = Signal(object)

        self._bridge = Bridge()
        self._bridge.done.connect(self._opened)

        def open_in_background() -> None:
            try:
                result = _open_in_background(db_target, smoke_test)
            except BaseException as exc:  # noqa: BLE001 — reported on the main thread
                result = exc
            self._bridge.done.emit(result)

        import threading

        self.window.show()
        QTimer.singleShot(0, self._note_shown)  # after the show events: the window is on screen
        self._opener = threading.Thread(target=open_in_background, name="open-database", daemon=True)
        QTimer.singleShot(0, self._opener.start)
        if smoke_test:  # every form loads (while the database opens in the background, not before)
            QTimer.singleShot(0, self._check_forms)

    def _note_shown(self) -> None:
        from desk_app import STARTED

        self.shown_ms = (time.perf_counter() - STARTED) * 1000

    def _check_forms(self) -> list[str]:
        """The smoke test: the forms, the icon and the Word templates of the installation."""
        if self._form_problems is None:
            from desk_app.gui.common import form_problems
            from desk_app.store.paths import shipped_dir

            problems = form_problems()
            icon = shipped_dir("resources") / "icons" / "desk_app.png"
            if not icon.is_file():
                problems.append(f"thiếu biểu tượng {icon}")
            # every shipped Word template opens (a wheel or a bundle that lost one fails here); on this thread,
            # idle while the database opens, rather than on the opener's
            from desk_app.documents.templates import builtin_problems

            problems += builtin_problems()
            self._form_problems = problems
        return self._form_problems

    def _installation_error(self, result: _Opened) -> InstallationError | None:
        """The smoke test: a form, a template or the icon that is missing or damaged."""
        problems = self._check_forms() + result.template_problems
        if not problems:
            return None
        lines = "\n".join(f"- {problem}" for problem in problems)
        return InstallationError(f"Chương trình bị cài đặt thiếu hoặc hỏng:\n{lines}\nHãy cài đặt lại chương trình.")

    def _opened(self, result) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QMessageBox

        window = self.window
        if isinstance(result, BaseException):
            if self.smoke_test or not isinstance(result, DeskAppError):
                self.error = result
            else:
                QMessageBox.critical(window, "Không mở được dữ liệu", result.message)
                self.code = 1
            self.quit(self.code)
            return
        self.database = result.database
        if self.smoke_test:
            self.error = self._installation_error(result)
            if self.error is not None:
                self.quit(1)
                return
        if result.backup_warning:
            QMessageBox.warning(window, "Chưa sao lưu được", result.backup_warning)
        self.lock = _warn_about_sharing(result.database, self.smoke_test, window)
        self.ctx = attach_database(window, result.database, empty=result.empty, font_size=result.font_size,
                                   wizard=not self.smoke_test)
        if self.ctx is None:
            self.quit(0)
            return
        if result.figures is not None and result.resume_page == "dashboard":
            window.page("dashboard").use_figures(result.figures)
        page = window.show_page(result.resume_page)
        if self.smoke_test:
            def loaded() -> None:
                sys.stdout.write(f"ok {self.shown_ms or 0:.0f}\n")
                sys.stdout.flush()
                QTimer.singleShot(0, lambda: self.quit(0))

            page.when_loaded(loaded)

    def _reopen(self, target: str) -> None:
        """Close this window (everything typed is saved on the way) and start again on ``target``."""
        self.reopen = target
        self.window.close()
        self.quit(0)

    def finish(self, code: int = 0) -> int:
        """After the event loop: wait for the worker, close the database, release the lock."""
        if self._opener.is_alive() or self._opener.ident is not None:
            self._opener.join()
        if self.ctx is not None:
            self.ctx.wait_for_tasks()
        if self.database is not None:
            self.database.dispose()
        if self.lock is not None:
            self.lock.release()
        self.window.close()
        if self.error is not None:
            raise self.error
        return self.code or code


def attach_database(window, database, *, empty: bool, font_size: int, wizard: bool = True):
    """The first-run wizard (empty database) and the optional password, then the window gets its data.
    None when the clerk cancelled."""
    from PySide6.QtWidgets import QApplication

    from desk_app.gui.context import AppContext

    ctx = AppContext(database)
    apply_font_size(QApplication.instance(), font_size)
    if empty and wizard:
        from desk_app.gui.wizard import run_first_run_wizard

        window.waiting_for("Thiết lập lần đầu: hãy điền các bước trong cửa sổ “Thiết lập ban đầu”.",
                           f"Cơ sở dữ liệu mới: {database.description} (đang thiết lập lần đầu)")

        if not run_first_run_wizard(ctx):
            return None
    if wizard:
        from desk_app.gui.password import ask_password

        if not ask_password(ctx):  # the optional password (the smoke test builds without prompts)
            return None
    window.attach(ctx)
    return ctx


def _warn_about_sharing(database, smoke_test: bool, parent=None):
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
            QMessageBox.warning(parent, "Dữ liệu trên ổ mạng",
                                f"Tệp dữ liệu {path} nằm trên ổ đĩa mạng. SQLite không bảo đảm an toàn khi nhiều "
                                "máy cùng ghi qua mạng: hãy để tệp trên máy này, hoặc dùng máy chủ PostgreSQL của "
                                "cơ quan (xem hướng dẫn).")
        if holder is not None:
            QMessageBox.information(parent, "Dữ liệu đang được mở",
                                    f"Cơ sở dữ liệu này đang được mở ở một cửa sổ khác (người dùng {holder.user}, "
                                    f"máy {holder.host}). Vẫn làm việc được an toàn: thay đổi của người này không "
                                    "ghi đè lên thay đổi của người kia; nhưng đừng cùng ghi một biên bản.")
    lock.acquire()
    return lock


def _resume_page(session) -> str:
    """After an unclean stop during a meeting, the live-minutes page reopens on that session; a meeting package
    opens on it too (the laptop in the hall)."""
    from desk_app.services.meeting_package import package_session_id
    from desk_app.services.minutes import meeting_in_progress

    return "live" if meeting_in_progress(session) is not None or package_session_id(session) is not None \
        else "dashboard"

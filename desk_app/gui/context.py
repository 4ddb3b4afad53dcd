"""What every page shares: the open database, change notifications, navigation, background tasks.

Pages never talk to each other directly: they call services through ``ctx.session()``, announce what
they changed with ``ctx.changed(topic)``, and ask for another page with ``ctx.navigate(key, arg)``.
Long work (exports, imports, consolidation) goes through :meth:`AppContext.run_task`: one worker thread
from a pool, a cancellable progress dialog, and the result posted back to the main thread (the model is
Anki's collection operations and Picard's thread helper).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desk_app.domain.errors import DeskAppError

if TYPE_CHECKING:  # SQLAlchemy is imported after the window is shown (start-up time)
    from desk_app.store.database import Database

# topics announced through AppContext.data_changed
TOPICS = ("sessions", "registrations", "minutes", "petitions", "catalog", "settings", "calendar", "documents")


class Cancelled(Exception):
    """Raised inside a task when the clerk pressed Hủy."""


@dataclass
class Progress:
    """Handed to a task function: report progress, check for cancellation."""

    _signal: Any
    _flag: list = field(default_factory=lambda: [False])

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signal.emit(int(done), int(total), text)

    @property
    def cancelled(self) -> bool:
        return self._flag[0]

    def check(self) -> None:
        if self._flag[0]:
            raise Cancelled()


class _TaskSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _TaskSignals()
        self.progress = Progress(self.signals.progress)
        self.setAutoDelete(False)

    def run(self) -> None:  # worker thread
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 — reported on the main thread
            exc.__traceback_text__ = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class AppContext(QObject):
    data_changed = Signal(str)  # a topic of TOPICS
    saved = Signal(object)  # datetime of the last save (status bar: "Đã lưu lúc HH:MM:SS")
    navigate_requested = Signal(str, object)  # page key, argument (a session id, a petition id …)

    def __init__(self, database: Database, parent: QObject | None = None):
        super().__init__(parent)
        self.database = database
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one executor: database work never races itself
        self._tasks: set[_Task] = set()
        self.last_saved: dt.datetime | None = None
        # the first deadline shown would otherwise load the holiday tables on the main thread (~0.15 s)
        from desk_app.domain import clock
        from desk_app.domain.calendar import WorkCalendar

        today = clock.today()
        self.run_task(None, "", lambda _progress: WorkCalendar.warm_up(today), show_dialog=False)

    # -- data -------------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self):
        """A unit of work on the main thread (short reads and saves); committed when the block ends."""
        with self.database.session() as session:
            yield session

    @contextlib.contextmanager
    def read_session(self):
        """A unit of work that only reads (lists, figures): on SQLite it never holds a writer up."""
        with self.database.session(read_only=True) as session:
            yield session

    def write(self, work):
        """``work(session)`` in its own unit of work, run again when it lost a race with another writer
        (PostgreSQL); returns its result. Errors reach the caller as Vietnamese DeskAppErrors."""
        return self.database.run(work)

    def changed(self, topic: str) -> None:
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)
        self.data_changed.emit(topic)

    def navigate(self, key: str, arg: object = None) -> None:
        self.navigate_requested.emit(key, arg)

    # -- background tasks ---------------------------------------------------------------------------------
    def run_task(self, parent: QWidget | None, title: str, fn: Callable[[Progress], Any],
                 on_done: Callable[[Any], None] | None = None, *, cancellable: bool = True,
                 on_error: Callable[[BaseException], None] | None = None, show_dialog: bool = True) -> _Task:
        """Run ``fn(progress)`` on the worker thread with a progress dialog; ``on_done(result)`` runs on the
        main thread. Errors are shown in Vietnamese (or passed to ``on_error``)."""
        from PySide6.QtCore import Qt  # not at import: the first window is shown before Qt's enums load

        task = _Task(fn)
        dialog = None
        if show_dialog:
            dialog = QProgressDialog(title, "Hủy" if cancellable else "", 0, 0, parent)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModal)
            dialog.setMinimumDuration(400)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if not cancellable:
                dialog.setCancelButton(None)
            dialog.canceled.connect(lambda: task.progress._flag.__setitem__(0, True))

            @Slot(int, int, str)
            def on_progress(done: int, total: int, text: str) -> None:
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total else 0)
                if text:
                    dialog.setLabelText(text)

            task.signals.progress.connect(on_progress)

        def finish() -> None:
            self._tasks.discard(task)
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            finish()
            if isinstance(exc, Cancelled):
                return
            if on_error is not None:
                on_error(exc)
            else:
                show_error(parent, exc)

        task.signals.finished.connect(done, Qt.QueuedConnection)
        task.signals.failed.connect(failed, Qt.QueuedConnection)
        self._tasks.add(task)
        self.pool.start(task)
        return task

    def wait_for_tasks(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


def error_text(exc: BaseException) -> str:
    """A Vietnamese message for any error; unexpected ones are logged and named by the log file."""
    if isinstance(exc, DeskAppError):
        return exc.message
    from desk_app.logs import log_unexpected

    where = log_unexpected(exc)
    return f"Lỗi không mong muốn; dữ liệu không thay đổi. Chi tiết đã ghi vào {where}."


def show_error(parent: QWidget | None, exc: BaseException, title: str = "Không thực hiện được") -> None:
    from PySide6.QtCore import Qt

    box = QMessageBox(QMessageBox.Warning, title, error_text(exc), QMessageBox.Close, parent)
    box.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if parent is None or not parent.isVisible():
        QTimer.singleShot(0, box.exec)
    else:
        box.exec()


def show_info(parent: QWidget | None, text: str, title: str = "Thông báo") -> None:
    QMessageBox.information(parent, title, text)


def ask(parent: QWidget | None, text: str, title: str = "Xác nhận") -> bool:
    return QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No,
                                QMessageBox.No) == QMessageBox.Yes


class Page(QWidget):
    """A page of the main window. ``activate(arg)`` is called each time it is shown (load lazily there);
    ``refresh(topic)`` when another page changed data of that topic while this page is alive."""

    key = ""
    title = ""
    loaded = Signal()  # a page that loads in the worker: its data is now on screen
    loading = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.data_changed.connect(self._on_changed)
        self._stale = True

    def load_in_worker(self, work: Callable[[Progress], Any], show: Callable[[Any], None]) -> None:
        """Compute ``work(progress)`` on the worker and ``show(result)`` here: the page stays responsive
        while a large year is counted. The newest request wins (another year picked meanwhile); while it
        runs ``loading`` is true, and ``loaded`` is emitted once its data are on screen (or failed)."""
        from shiboken6 import isValid

        self._load_request = request = getattr(self, "_load_request", 0) + 1
        self.loading = True

        def current() -> bool:  # the page still exists and no newer load was asked for
            return isValid(self) and request == self._load_request

        def done(result: Any) -> None:
            if current():
                show(result)
                self.loading = False
                self.loaded.emit()

        def failed(exc: BaseException) -> None:
            if current():
                self.loading = False
                self.loaded.emit()
                show_error(self, exc)

        self.ctx.run_task(self, "", work, done, show_dialog=False, on_error=failed)

    def when_loaded(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` on the main thread once the page's data is on screen (at once when it is)."""
        if not self.loading:
            QTimer.singleShot(0, fn)
            return

        def once() -> None:
            self.loaded.disconnect(once)
            fn()

        self.loaded.connect(once)

    def activate(self, arg: object = None) -> None:
        if self._stale:
            self.reload()
            self._stale = False

    def reload(self) -> None:  # overridden
        pass

    def _on_changed(self, topic: str) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()
            self._stale = False

"""What every page shares: the open database, change notifications, navigation, background tasks.

Pages never talk to each other directly: they read through ``ctx.session()`` (or ``ctx.read_session()``),
save through ``ctx.write(work)``, announce what they changed with ``ctx.changed(topic, initiator=self)``
(every page watching that topic reloads, except the one that made the change: it is up to date already),
and ask for another page with ``ctx.navigate(key, arg)``. Long work (exports, imports, consolidation,
figures of a large year) goes through :meth:`AppContext.run_task`: one worker thread from a pool, a
cancellable progress dialog, and the result posted back to the main thread — dropped when the widget that
asked for it is gone (the model is Anki's collection operations and Picard's thread helper).

Saves made on the main thread (a clerk's click, an autosave) and the worker's tasks are separate units of
work; SQLite takes one writer at a time and waits for the other (a busy timeout), PostgreSQL runs them side
by side and ``write`` runs a save again when it lost a race.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desk_app.domain.errors import ConflictError, DeskAppError

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
    _cancelled: bool = field(default=False)

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signal.emit(int(done), int(total), text)

    def cancel(self) -> None:
        """Ask the task to stop (Hủy): it stops at its next :meth:`check`."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled()


class _TaskSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """A function run on the worker thread; :meth:`cancel` asks it to stop."""

    def __init__(self, fn: Callable[[Progress], Any]):
        super().__init__()
        self.fn = fn
        self.signals = _TaskSignals()
        self.progress = Progress(self.signals.progress)
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled

    def run(self) -> None:  # worker thread
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 — reported on the main thread
            exc.__traceback_text__ = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class AppContext(QObject):
    data_changed = Signal(str, object)  # a topic of TOPICS, the page or dialog that made the change (or None)
    saved = Signal(object)  # datetime of the last save (status bar: "Đã lưu lúc HH:MM:SS")
    navigate_requested = Signal(str, object)  # page key, argument (a session id, a petition id …)

    def __init__(self, database: Database, parent: QObject | None = None):
        super().__init__(parent)
        self.database = database
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one worker: tasks never race each other (saves: see the docstring)
        self._tasks: set[Task] = set()
        self.last_saved: dt.datetime | None = None
        self._speaker_clock = None
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

    def write(self, work: Callable[[Any], Any]) -> Any:
        """The one way the window saves: ``work(session)`` in its own unit of work (committed when it returns,
        nothing kept when it raises), run again when it lost a race with another writer (PostgreSQL) — so
        ``work`` only reads and writes the database; returns its result. Errors reach the caller as
        Vietnamese DeskAppErrors."""
        return self.database.run(work)

    def changed(self, topic: str, initiator: QObject | None = None) -> None:
        """Data of ``topic`` was saved: the status bar says when, every page watching the topic reloads except
        ``initiator`` (the page or dialog that saved, up to date already)."""
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)
        self.data_changed.emit(topic, initiator)

    def navigate(self, key: str, arg: object = None) -> None:
        self.navigate_requested.emit(key, arg)

    @property
    def speaker_clock(self):
        """The current speaker's countdown, one for every window that shows it (the live page, the hall screen):
        :class:`desk_app.gui.speaker_timer.SpeakerClock`."""
        if self._speaker_clock is None:
            from desk_app.gui.speaker_timer import SpeakerClock

            self._speaker_clock = SpeakerClock(parent=self)
        return self._speaker_clock

    # -- background tasks ---------------------------------------------------------------------------------
    def run_task(self, parent: QObject | None, title: str, fn: Callable[[Progress], Any],
                 on_done: Callable[[Any], None] | None = None, *, cancellable: bool = True,
                 on_error: Callable[[BaseException], None] | None = None, show_dialog: bool = True) -> Task:
        """Run ``fn(progress)`` on the worker thread with a progress dialog; ``on_done(result)`` runs on the
        main thread. Errors are shown in Vietnamese (or passed to ``on_error``). When ``parent`` (the widget
        or model that asked) has been deleted meanwhile, neither callback runs: nothing is left to show it."""
        from PySide6.QtCore import Qt  # not at import: the first window is shown before Qt's enums load
        from shiboken6 import isValid

        task = Task(fn)
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
            dialog.canceled.connect(task.cancel)

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

        def gone() -> bool:  # the widget that asked was closed (a dialog, a page) while the task ran
            return parent is not None and not isValid(parent)

        def done(result: Any) -> None:
            finish()
            if on_done is not None and not gone():
                on_done(result)

        def failed(exc: BaseException) -> None:
            finish()
            if isinstance(exc, Cancelled):
                return
            if gone():
                if not isinstance(exc, DeskAppError):
                    error_text(exc)  # an unexpected error is still logged
                return
            if on_error is not None:
                on_error(exc)
            else:
                show_error(parent if isinstance(parent, QWidget) else None, exc)

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
    ``reload()`` when data of a topic in ``watches`` was changed by someone else (another page, a dialog of
    another page) — at once when the page is on screen, else the next time it is shown."""

    key = ""
    title = ""
    watches: frozenset[str] = frozenset(TOPICS)  # the topics whose changes this page shows
    loaded = Signal()  # a page that loads in the worker: its data is now on screen
    loading = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.data_changed.connect(self._on_changed)
        self._stale = True

    def changed(self, *topics: str) -> None:
        """This page saved data of ``topics``: the other pages watching them reload; this one does not."""
        for topic in topics:
            self.ctx.changed(topic, initiator=self)

    def write(self, work: Callable[[Any], Any], *topics: str, errors=None,
              on_conflict: Callable[[ConflictError], None] | None = None) -> bool:
        """A change asked for on this page: ``work(session)`` through :meth:`AppContext.write`, then the other
        pages hear of ``topics``. A refusal is shown — beside the fields with ``errors`` (a FieldErrors),
        through ``on_conflict`` when another clerk saved the record first, else in a Vietnamese message box
        — and nothing changes. True when saved."""
        try:
            self.ctx.write(work)
        except ConflictError as exc:
            if on_conflict is None:
                show_error(self, exc)
            else:
                on_conflict(exc)
            return False
        except Exception as exc:  # noqa: BLE001 — a Vietnamese message, never a traceback (unexpected: logged)
            if errors is not None:
                errors.report(self, exc)
            else:
                show_error(self, exc)
            return False
        self.changed(*topics)
        return True

    def load_in_worker(self, work: Callable[[Progress], Any], show: Callable[[Any], None]) -> None:
        """Compute ``work(progress)`` on the worker and ``show(result)`` here: the page stays responsive
        while a large year is counted. The newest request wins (another year picked meanwhile); while it
        runs ``loading`` is true, and ``loaded`` is emitted once its data are on screen (or failed)."""
        self._load_request = request = getattr(self, "_load_request", 0) + 1
        self.loading = True

        def current() -> bool:  # no newer load was asked for (run_task drops a deleted page's results)
            return request == self._load_request

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

    def _on_changed(self, topic: str, initiator: object = None) -> None:
        if topic not in self.watches or initiator is self:
            return
        self._stale = True
        if self.isVisible():
            self.reload()
            self._stale = False

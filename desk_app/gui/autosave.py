"""Autosave with a maximum wait, for every long text the clerk types (quality.md §2).

A plain debounce (save 1.5 s after the last key) never saves while someone types without a pause: the
minutes of a fast secretary stayed unsaved for minutes. :class:`Autosave` saves 1.5 s after the last change
*or* at the latest :data:`MAX_WAIT_MS` after the first change not yet saved, whichever comes first; the page
also calls :meth:`flush` whenever the text must be in the database now (the focus leaves the editor, the
agenda step or the speaker changes, the page is left, the window closes). A save that fails keeps the
change pending and is tried again :data:`RETRY_MS` later; the text stays in the editor meanwhile.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer

QUIET_MS = 1500  # after the last change
MAX_WAIT_MS = 1700  # after the first unsaved change: the save is done well within the promised 2 s
RETRY_MS = 2000  # after a failed save (the database busy or unreachable)


class Autosave(QObject):
    """``changed()`` on every edit; ``save()`` (the page's own) is called when it is time and returns whether
    the text is now stored. ``flush()`` saves at once if anything is pending."""

    def __init__(self, save: Callable[[], bool], parent: QObject | None = None, *, quiet_ms: int = QUIET_MS,
                 max_wait_ms: int = MAX_WAIT_MS, retry_ms: int = RETRY_MS):
        super().__init__(parent)
        self._save = save
        self.pending = False
        self._saving = False
        self._quiet = self._timer(quiet_ms)
        self._ceiling = self._timer(max_wait_ms)
        self._retry = self._timer(retry_ms)

    def _timer(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.PreciseTimer)  # a coarse timer may fire 5 % late: the ceiling is a promise
        timer.setInterval(interval)
        timer.timeout.connect(self.flush)
        return timer

    def changed(self) -> None:
        """Something was typed: save after a pause, and in any case within the maximum wait."""
        self._quiet.start()  # restarts on every change
        if not self.pending:
            self.pending = True
            self._ceiling.start()  # does not restart: counts from the first unsaved change
        self._retry.stop()

    def flush(self, *, force: bool = False) -> bool:
        """Save now if anything is pending (with ``force`` in any case: a page whose ``save()`` finds out
        itself whether anything differs); True when nothing is left unsaved."""
        self._quiet.stop()
        self._ceiling.stop()
        self._retry.stop()
        if not (self.pending or force):
            return True
        if self._saving:  # a save that shows a message may run the event loop: no second save inside it
            return False
        self._saving = True
        try:
            self.pending = False  # a change typed during the save marks it pending again
            done = bool(self._save())
        finally:
            self._saving = False
        if not done:
            self.pending = True
            self._retry.start()
        return done

    def discard(self) -> None:
        """Forget the pending change (the text was reloaded or saved another way)."""
        self.pending = False
        for timer in (self._quiet, self._ceiling, self._retry):
            timer.stop()

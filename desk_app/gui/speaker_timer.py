"""The current speaker's countdown: one clock for the meeting room, shown on the live-minutes page and on the
hall screen.

:class:`SpeakerClock` holds the countdown (:class:`desk_app.domain.speaking_clock.SpeakingClock`: start,
pause, resume, reset, the colour bands) and tells every view when it changed and, while it runs, five times a
second. The window has one (``AppContext.speaker_clock``): the secretary's F5 starts the time on the live page
and on the hall screen at once, and a live page built again (after an error, a restore) finds the clock as it
was. It is not saved in the database: it is pressed dozens of times a meeting (each press would be a save and
a line of the audit log on the office's server), and after the program itself restarts the speaker's time is
started again with F5 while everything recorded comes back from the database.

:class:`SpeakerTimer` is the live page's view: big digits, amber in the last 30 seconds, red in the last 10 and
once the time is over (the clock then counts the overtime: "−00:12"). :func:`timer_style` is the one colour
rule both views use.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy

from desk_app.domain.speaking_clock import AMBER_SECONDS, RED_SECONDS, SpeakingClock, format_clock
from desk_app.gui import palette

__all__ = ["AMBER_SECONDS", "RED_SECONDS", "SpeakerClock", "SpeakerTimer", "timer_style"]


def timer_style(level: str, *, radius: int = 6, padding: str = "2px 12px") -> str:
    """The countdown's colours for its level ("idle", "normal", "amber", "red"): palette.TIMER."""
    foreground, background = palette.TIMER[level]
    return (f"QLabel {{ color: {foreground}; background: {background}; border-radius: {radius}px;"
            f" padding: {padding}; }}")


class SpeakerClock(QObject):
    """The countdown every view shows. ``toggle()`` starts, pauses and resumes; ``reset(seconds)`` stops at a
    new length."""

    changed = Signal()  # started, paused, reset, or a tick while running: views redraw
    state_changed = Signal(str)  # "idle", "running", "paused"
    expired = Signal()  # the speaking time has just run out

    def __init__(self, seconds: int = 300, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self._source = clock
        self._clock = SpeakingClock(int(seconds))
        self._expired_sent = False
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self.refresh)

    def set_time_source(self, clock: Callable[[], float]) -> None:
        """Tests drive the time themselves."""
        self._source = clock

    # -- state ------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._clock.running

    @property
    def state(self) -> str:
        return self._clock.state

    def remaining(self) -> float:
        """Seconds left (negative once the time is over)."""
        return self._clock.remaining(self._source())

    def length(self) -> int:
        return self._clock.length

    def level(self) -> str:
        """The colour band: idle (not started), normal, amber (≤ 30 s), red (≤ 10 s or over time)."""
        return self._clock.level(self._source())

    def text(self) -> str:
        return format_clock(self.remaining())

    # -- actions ----------------------------------------------------------------------------------------
    def start(self) -> None:
        if self._clock.start(self._source()):
            self._tick.start()
            self._changed()

    def pause(self) -> None:
        if self._clock.pause(self._source()):
            self._tick.stop()
            self._changed()

    resume = start

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self, seconds: int | None = None) -> None:
        self._clock.reset(seconds)
        self._expired_sent = False
        self._tick.stop()
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.state_changed.emit(self.state)

    def refresh(self) -> None:
        """Tell the views (the tick, and tests that moved their time source on)."""
        self.changed.emit()
        if self.running and self.remaining() <= 0 and not self._expired_sent:
            self._expired_sent = True
            self.expired.emit()


class SpeakerTimer(QLabel):
    """The live page's countdown label, a view of a :class:`SpeakerClock` (``shared``, else its own)."""

    state_changed = Signal(str)  # "idle", "running", "paused"
    expired = Signal()  # the speaking time has just run out

    def __init__(self, seconds: int = 300, parent=None, *, clock: Callable[[], float] = time.monotonic,
                 shared: SpeakerClock | None = None):
        super().__init__(parent)
        self.clock = shared if shared is not None else SpeakerClock(seconds, self, clock=clock)
        self.clock.changed.connect(self._refresh)
        self.clock.state_changed.connect(self.state_changed)
        self.clock.expired.connect(self.expired)
        self.setObjectName("speaker_timer")
        self.setAlignment(Qt.AlignCenter)
        font = QFont(self.font())
        font.setPointSize(34)
        font.setBold(True)
        font.setStyleHint(QFont.Monospace)
        self.setFont(font)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("−00:00") + 32)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.setAccessibleName("Thời gian phát biểu còn lại")
        self._refresh()

    # -- the clock's state and actions, as the page uses them ------------------------------------------------
    @property
    def running(self) -> bool:
        return self.clock.running

    @property
    def state(self) -> str:
        return self.clock.state

    def remaining(self) -> float:
        return self.clock.remaining()

    def length(self) -> int:
        return self.clock.length()

    def level(self) -> str:
        return self.clock.level()

    def start(self) -> None:
        self.clock.start()

    def pause(self) -> None:
        self.clock.pause()

    resume = start

    def toggle(self) -> None:
        self.clock.toggle()

    def reset(self, seconds: int | None = None) -> None:
        self.clock.reset(seconds)

    format = staticmethod(format_clock)

    def _refresh(self) -> None:
        self.setText(self.clock.text())
        level = self.clock.level()
        if level != getattr(self, "_level", None):
            self._level = level
            self.setStyleSheet(timer_style(level))

"""The current speaker's countdown on the live-minutes screen: start, pause, resume, reset.

Big digits readable from across the room; amber in the last 30 seconds, red in the last 10 and once the
time is over (the clock then counts the overtime: "−00:12"). The clock reads a monotonic time source so
a busy UI thread never makes it drift; tests hand in their own source.
"""

from __future__ import annotations

import math
import time
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy

from desk_app.gui import palette

AMBER_SECONDS = 30
RED_SECONDS = 10



class SpeakerTimer(QLabel):
    """A countdown label. ``toggle()`` starts, pauses and resumes; ``reset(seconds)`` stops at a new length."""

    state_changed = Signal(str)  # "idle", "running", "paused"
    expired = Signal()  # the speaking time has just run out

    def __init__(self, seconds: int = 300, parent=None, *, clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self._clock = clock
        self._length = int(seconds)
        self._used = 0.0  # seconds spoken before the current run
        self._started: float | None = None  # clock value when the current run began
        self._expired_sent = False
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._refresh)
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

    # -- state ------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._started is not None

    @property
    def state(self) -> str:
        if self.running:
            return "running"
        return "paused" if self._used > 0 else "idle"

    def remaining(self) -> float:
        """Seconds left (negative once the time is over)."""
        used = self._used + (self._clock() - self._started if self._started is not None else 0.0)
        return self._length - used

    def length(self) -> int:
        return self._length

    # -- actions ----------------------------------------------------------------------------------------
    def start(self) -> None:
        if not self.running:
            self._started = self._clock()
            self._tick.start()
            self._refresh()
            self.state_changed.emit(self.state)

    def pause(self) -> None:
        if self.running:
            self._used += self._clock() - self._started
            self._started = None
            self._tick.stop()
            self._refresh()
            self.state_changed.emit(self.state)

    resume = start

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self, seconds: int | None = None) -> None:
        if seconds is not None:
            self._length = int(seconds)
        self._used, self._started, self._expired_sent = 0.0, None, False
        self._tick.stop()
        self._refresh()
        self.state_changed.emit(self.state)

    # -- drawing ----------------------------------------------------------------------------------------
    def level(self) -> str:
        """The colour band: idle (not started), normal, amber (≤ 30 s), red (≤ 10 s or over time)."""
        if self.state == "idle":
            return "idle"
        left = self.remaining()
        if left <= RED_SECONDS:
            return "red"
        if left <= AMBER_SECONDS:
            return "amber"
        return "normal"

    @staticmethod
    def format(seconds: float) -> str:
        """mm:ss, rounded up while time is left (a fresh 5-minute clock reads 05:00), overtime as −mm:ss."""
        whole = math.ceil(seconds) if seconds > 0 else -math.floor(-seconds)
        sign = "−" if whole < 0 else ""
        whole = abs(whole)
        return f"{sign}{whole // 60:02d}:{whole % 60:02d}"

    def _refresh(self) -> None:
        left = self.remaining()
        self.setText(self.format(left))
        foreground, background = palette.TIMER[self.level()]
        self.setStyleSheet(f"QLabel {{ color: {foreground}; background: {background}; border-radius: 6px;"
                           " padding: 2px 12px; }")
        if left <= 0 and self.running and not self._expired_sent:
            self._expired_sent = True
            self.expired.emit()

"""The current speaker's countdown, as a rule without a screen: how long a speech may last, how much of it is
used, the colour band it is in, and how it reads ("04:59", overtime "−00:12").

One clock per meeting room: the secretary's live page and the hall screen show the same one
(:class:`desk_app.gui.speaker_timer.SpeakerClock` holds it for the window); both read the bands here, so the
amber and the red start at the same second on both. Times are seconds of a monotonic source handed in by the
caller (a busy window never makes the clock drift; tests hand in their own).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

AMBER_SECONDS = 30  # the last half minute: amber
RED_SECONDS = 10  # the last ten seconds, and the overtime: red
LEVELS = ("idle", "normal", "amber", "red")


@dataclass
class SpeakingClock:
    """``start``, ``pause`` (the time spoken so far is kept), ``reset`` (a new speech, maybe of another length)."""

    length: int = 300  # seconds a speech may last
    used: float = 0.0  # seconds spoken before the current run
    started: float | None = None  # the source's value when the current run began (None: not running)

    @property
    def running(self) -> bool:
        return self.started is not None

    @property
    def state(self) -> str:
        """"idle" (not started since the last reset), "running" or "paused"."""
        if self.running:
            return "running"
        return "paused" if self.used > 0 else "idle"

    def remaining(self, now: float) -> float:
        """Seconds left at ``now`` (negative once the time is over)."""
        return self.length - self.used - (now - self.started if self.started is not None else 0.0)

    def start(self, now: float) -> bool:
        """Start or resume; False when it was running already."""
        if self.running:
            return False
        self.started = now
        return True

    def pause(self, now: float) -> bool:
        if not self.running:
            return False
        self.used += now - self.started
        self.started = None
        return True

    def reset(self, length: int | None = None) -> None:
        if length is not None:
            self.length = int(length)
        self.used, self.started = 0.0, None

    def level(self, now: float) -> str:
        """The colour band: idle (not started), normal, amber (≤ 30 s left), red (≤ 10 s left or over time)."""
        if self.state == "idle":
            return "idle"
        left = self.remaining(now)
        if left <= RED_SECONDS:
            return "red"
        if left <= AMBER_SECONDS:
            return "amber"
        return "normal"


def format_clock(seconds: float) -> str:
    """mm:ss, rounded up while time is left (a fresh 5-minute clock reads 05:00), overtime as −mm:ss."""
    whole = math.ceil(seconds) if seconds > 0 else -math.floor(-seconds)
    sign = "−" if whole < 0 else ""
    whole = abs(whole)
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"

"""The speaker's countdown as a rule: start, pause, reset, the colour bands and how it reads."""

from __future__ import annotations

from desk_app.domain.speaking_clock import SpeakingClock, format_clock


def test_bands_pause_and_overtime():
    clock = SpeakingClock(60)
    assert (clock.state, clock.level(0), format_clock(clock.remaining(0))) == ("idle", "idle", "01:00")
    assert clock.start(100) and not clock.start(101)  # started once
    assert (clock.level(120), format_clock(clock.remaining(120))) == ("normal", "00:40")
    assert clock.pause(120) and clock.state == "paused"
    assert format_clock(clock.remaining(500)) == "00:40"  # paused: the time stands
    clock.start(500)
    assert (clock.level(509), clock.level(510), clock.level(530)) == ("normal", "amber", "red")
    assert (format_clock(clock.remaining(552)), clock.level(552)) == ("−00:12", "red")
    clock.reset(300)
    assert (clock.state, clock.level(600), format_clock(clock.remaining(600))) == ("idle", "idle", "05:00")


def test_reads_rounded_up_while_time_is_left():
    assert [format_clock(s) for s in (300, 299.2, 0.4, 0, -0.6, -61)] == \
        ["05:00", "05:00", "00:01", "00:00", "00:00", "−01:01"]

"""Every colour the window uses, named once (the charts' colours belong to documents/charts.py, which draws
the same pictures for the report).

Plain strings, no Qt: the main window's shell imports this before Qt's classes have loaded. Widgets take
``QColor(palette.ERROR)``; style sheets take the string.
"""

from __future__ import annotations

# -- text that says something ------------------------------------------------------------------------------
ERROR = "#b00020"  # a problem, overdue, refused, not saved
ERROR_BACKGROUND = "#fde7ea"
WARNING = "#9a5b00"  # due soon, a result not yet answered in writing, not yet saved, provisional
WARNING_BACKGROUND = "#fff3d6"
SUCCESS = "#166534"  # saved, the meeting under way, a yearly obligation met
SUCCESS_BACKGROUND = "#e3f4e6"
MUTED = "#6b7280"  # absent speakers, steps not reached, empty lists
SECONDARY = "#374151"  # the details under a name
CAPTION = "#444444"  # explanations under a heading

# -- surfaces ---------------------------------------------------------------------------------------------
SHORTCUT_BAR = "#eef2ff"
TILE_BACKGROUND = "#f4f7fb"
TILE_BORDER = "#c9d5e3"
FIGURE = "#1f3b5a"  # a dashboard tile's number
NAVIGATION_BACKGROUND = "#eef2f7"
NAVIGATION_BORDER = "#c8d0da"
NAVIGATION_TEXT = "#1d2b3a"
NAVIGATION_SELECTED = "#1f5f99"
LEGEND_BORDER = "#888888"  # around the calendar's coloured legend chips

# a head's yearly obligation: state → (background, text)
OBLIGATION = {"met": (SUCCESS_BACKGROUND, SUCCESS), "planned": (WARNING_BACKGROUND, WARNING),
              "not_yet": ("#fde2e1", ERROR)}

# the speaker's countdown: level → (text, background)
TIMER = {"idle": ("#1f2937", "#e5e7eb"), "normal": ("#ffffff", SUCCESS), "amber": ("#1f2937", "#f59e0b"),
         "red": ("#ffffff", "#b91c1c")}

# the hall screen (projected for the room): light text on a dark ground, read from the back of the hall
HALL_BACKGROUND = "#0b1526"
HALL_TEXT = "#ffffff"
HALL_SECONDARY = "#dbe4ee"  # the hamlet, the chair, the time and place
HALL_CAPTION = "#7dd3fc"  # "ĐANG PHÁT BIỂU", "TIẾP THEO"
HALL_RULE = "#36506e"  # the line under the heading

# the calendar's kinds of day → (background, text)
CALENDAR_DAYS = {
    "weekend": ("#e6e6e6", "#555555"),
    "holiday": ("#f8d0d4", "#8a0010"),
    "local_off": ("#ffd59a", "#6b3a00"),
    "swapped": ("#cfe3ff", "#0b3d91"),
    "local_working": ("#c8ecc8", "#114d11"),
}


def style(colour: str, *, bold: bool = False) -> str:
    """A label's style sheet: its text in ``colour``."""
    return f"color: {colour};" + (" font-weight: bold;" if bold else "")

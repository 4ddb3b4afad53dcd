"""Today's date, as every deadline and overdue check sees it.

``DESK_APP_TODAY`` (ISO date) pins "today" for acceptance checks, training ("how did things stand on
…") and tests; unset, it is the computer's date.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    pinned = os.environ.get("DESK_APP_TODAY", "").strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            pass  # a bad value is ignored rather than stopping the program
    return dt.date.today()

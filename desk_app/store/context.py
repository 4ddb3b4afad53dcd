"""Who is working and what time it is, as the store records them.

The user name defaults to the operating-system login (Windows user); the window sets the logged-in
name when the optional password is used. Times are local and naive: the office works in one zone.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import getpass

_user: contextvars.ContextVar[str | None] = contextvars.ContextVar("desk_app_user", default=None)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service account, container): still record something
        return "không rõ"


def current_user() -> str:
    return _user.get() or _os_user()


def set_current_user(name: str | None) -> None:
    _user.set(name)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)

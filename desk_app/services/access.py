"""The optional password that opens the program (quality.md §3: stdlib hashlib.scrypt).

Choices: the password protects the window on a shared office PC; it is kept as an scrypt hash with a
random salt in the settings (never the password itself). Wrong attempts are rate-limited: after 3 wrong
ones each further attempt waits longer (2, 4, 8 … seconds, at most 5 minutes), counted in the database so
restarting the program does not reset it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os

from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.services import settings

KEY = "access.password"
FAILURES = "access.failures"
MIN_LENGTH = 6
FREE_ATTEMPTS = 3
MAX_WAIT = 300
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def _hash(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT).hex()


def is_set(session: Session) -> bool:
    return bool(settings.get(session, KEY, {}))


def set_password(session: Session, new: str, old: str | None = None) -> None:
    """Set or change the password (changing needs the current one)."""
    if is_set(session) and not _matches(session, old or ""):
        raise ValidationError({"old": "Mật khẩu hiện tại không đúng."})
    if len(new or "") < MIN_LENGTH:
        raise ValidationError({"new": f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự."})
    salt = os.urandom(16)
    settings.put(session, KEY, {"salt": salt.hex(), "hash": _hash(new, salt)})
    settings.put(session, FAILURES, {"count": 0, "last": None})


def remove_password(session: Session, current: str) -> None:
    if not _matches(session, current):
        raise ValidationError({"old": "Mật khẩu hiện tại không đúng."})
    settings.put(session, KEY, {})


def _matches(session: Session, attempt: str) -> bool:
    stored = settings.get(session, KEY, {})
    if not stored:
        return True
    return hmac.compare_digest(_hash(attempt, bytes.fromhex(stored["salt"])), stored["hash"])


def wait_seconds(session: Session, now: dt.datetime | None = None) -> int:
    """How long before the next attempt is accepted (0: now)."""
    now = now or dt.datetime.now()
    failures = settings.get(session, FAILURES, {}) or {}
    count, last = int(failures.get("count", 0)), failures.get("last")
    if count < FREE_ATTEMPTS or not last:
        return 0
    wait = min(2 ** (count - FREE_ATTEMPTS + 1), MAX_WAIT)
    remaining = wait - (now - dt.datetime.fromisoformat(last)).total_seconds()
    return max(0, int(remaining + 0.999))


def check_password(session: Session, attempt: str, now: dt.datetime | None = None) -> bool:
    """True if the password opens the program; wrong attempts are counted and slowed down."""
    now = now or dt.datetime.now()
    waiting = wait_seconds(session, now)
    if waiting:
        raise ValidationError({"password": f"Đã nhập sai nhiều lần; hãy chờ {waiting} giây rồi thử lại."})
    if _matches(session, attempt):
        settings.put(session, FAILURES, {"count": 0, "last": None})
        return True
    failures = settings.get(session, FAILURES, {}) or {}
    settings.put(session, FAILURES, {"count": int(failures.get("count", 0)) + 1, "last": now.isoformat()})
    return False

"""Several windows on one SQLite file, and SQLite files on network shares.

SQLite (WAL, busy timeout, a version counter on every row) keeps two windows on one file safe: a stale
edit is refused, never silently overwritten. The clerk is still told when another window has the file
open, so two people do not type the same minutes. A file on a network share is warned against: SQLite's
locking is not reliable there (the README says to use the PostgreSQL server instead).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    user: str


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class InstanceLock:
    """``<database>.mo-boi`` lists the windows that have the file open (pid, machine, user); each adds itself
    when it opens the file and removes itself when it closes. A window left by a crash (its process gone)
    does not count and is dropped by the next writer of the list. ``restore`` refuses while it names
    another live program."""

    def __init__(self, database_file: Path | str):
        self.path = Path(str(database_file) + ".mo-boi")
        self.owned = False

    @staticmethod
    def _me() -> Holder:
        try:
            user = getpass.getuser()
        except Exception:  # noqa: BLE001 — no login name (service account): still say something
            user = "không rõ"
        return Holder(os.getpid(), socket.gethostname(), user)

    def _read(self) -> list[Holder]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        entries = data.get("holders", []) if isinstance(data, dict) and "holders" in data else [data]
        holders = []
        for entry in entries:
            try:
                holders.append(Holder(int(entry["pid"]), str(entry["host"]), str(entry["user"])))
            except (KeyError, TypeError, ValueError):
                continue
        return holders

    @staticmethod
    def _live(holder: Holder) -> bool:
        """On this machine a dead process does not hold the file; on another machine it is taken at its word."""
        return holder.host != socket.gethostname() or _alive(holder.pid)

    def holders(self) -> list[Holder]:
        """Every program that has the file open now (this one included, if it does)."""
        return [h for h in self._read() if self._live(h)]

    def other_holder(self) -> Holder | None:
        """Another running window on this file (a lock left by a crash does not count)."""
        me = self._me()
        return next((h for h in self.holders() if (h.pid, h.host) != (me.pid, me.host)), None)

    def _write(self, change) -> None:
        """Rewrite the list under an exclusive lock of the file (two windows opening at once both stay listed)."""
        with open(self.path, "a+", encoding="utf-8") as handle:
            with _locked(handle):
                handle.seek(0)
                try:
                    data = json.loads(handle.read() or "{}")
                except ValueError:
                    data = {}
                entries = data.get("holders", []) if isinstance(data, dict) and "holders" in data else \
                    ([data] if isinstance(data, dict) and data else [])
                current = []
                for entry in entries:
                    try:
                        current.append(Holder(int(entry["pid"]), str(entry["host"]), str(entry["user"])))
                    except (KeyError, TypeError, ValueError):
                        continue
                holders = change([h for h in current if self._live(h)])
                handle.seek(0)
                handle.truncate()
                handle.write(json.dumps({"holders": [h.__dict__ for h in holders]}))
                handle.flush()
                os.fsync(handle.fileno())
        if not holders:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def acquire(self) -> None:
        me = self._me()
        with contextlib.suppress(OSError):
            self._write(lambda holders: [h for h in holders if (h.pid, h.host) != (me.pid, me.host)] + [me])
            self.owned = True

    def release(self) -> None:
        if self.owned:
            me = self._me()
            with contextlib.suppress(OSError):
                self._write(lambda holders: [h for h in holders if (h.pid, h.host) != (me.pid, me.host)])
            self.owned = False


@contextlib.contextmanager
def _locked(handle):
    """An exclusive lock of an open file for a moment (POSIX flock, Windows msvcrt); none where neither works."""
    try:
        import fcntl
    except ImportError:
        fcntl = None
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return
    try:
        import msvcrt
    except ImportError:
        yield
        return
    handle.seek(0)
    for _ in range(50):
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            break
        except OSError:
            import time

            time.sleep(0.02)
    else:
        yield  # still locked by another window after 1 s: write anyway rather than fail to open
        return
    try:
        yield
    finally:
        handle.seek(0)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def on_network_share(path: Path) -> bool:
    """True when the database file lies on a network share (UNC path or mapped drive; NFS/SMB mounts)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
    if sys.platform.startswith("linux"):
        try:
            mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
        except OSError:
            return False
        resolved = str(path.resolve())
        covering = [m for m in mounts
                    if len(m) > 2 and (resolved == m[1] or resolved.startswith(m[1].rstrip("/") + "/"))]
        best = max(covering, key=lambda m: len(m[1]), default=None)
        return best is not None and best[2] in {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs"}
    return False

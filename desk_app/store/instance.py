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
    """``<database>.mo-boi`` names the window that has the file open; removed when that window closes."""

    def __init__(self, database_file: Path):
        self.path = Path(str(database_file) + ".mo-boi")
        self.owned = False

    def other_holder(self) -> Holder | None:
        """Another running window on this file (a lock left by a crash does not count)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            holder = Holder(int(data["pid"]), str(data["host"]), str(data["user"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if holder.pid == os.getpid() and holder.host == socket.gethostname():
            return None
        if holder.host == socket.gethostname() and not _alive(holder.pid):
            return None
        return holder

    def acquire(self) -> None:
        with contextlib.suppress(OSError):
            self.path.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                             "user": getpass.getuser()}), encoding="utf-8")
            self.owned = True

    def release(self) -> None:
        if self.owned:
            with contextlib.suppress(OSError):
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if int(data.get("pid", 0)) == os.getpid():
                    self.path.unlink()
            self.owned = False


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

"""Writing a file atomically: a temporary file in the same folder, then a rename (cli.md).

A failed write never leaves a partial file behind and never overwrites a good one. Used for exports
(documents) and backups (store); ``error`` is the DeskAppError subclass each layer reports with. The file
gets the user's normal permissions (0666 less the umask, like any file the user creates), not the private
0600 of ``tempfile.mkstemp``: an exported plan is read by colleagues, a backup copied by IT staff.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Iterator

from desk_app.domain.errors import DeskAppError
from desk_app.store.database import os_reason

MAX_NAME_BYTES = 255  # a file name on the disks offices use (ext4, NTFS: 255 UTF-16 units)


def check_name(target: Path, *, error: type[DeskAppError] = DeskAppError, what: str = "tệp") -> None:
    """A file name longer than a disk holds is refused with a message, before anything is written."""
    name = target.name
    if len(name.encode("utf-8")) > MAX_NAME_BYTES or len(name) > MAX_NAME_BYTES:
        raise error(f"Không ghi được {what}: tên tệp quá dài ({len(name)} ký tự, ổ đĩa chỉ nhận khoảng "
                    f"{MAX_NAME_BYTES // 3}–{MAX_NAME_BYTES} ký tự tùy chữ có dấu); hãy đặt tên ngắn hơn, ví dụ dưới "
                    "80 ký tự.")


def _new_file(folder: Path, prefix: str, suffix: str) -> Path:
    """Create a new, empty file with a random name in ``folder`` (never an existing one), mode 0666 less the
    umask: the kernel applies the umask, as for any file the user creates."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        path = folder / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            os.close(os.open(path, flags, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary name in {folder}")


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike, *, error: type[DeskAppError] = DeskAppError,
                  what: str = "tệp") -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``, else it is removed."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    check_name(target, error=error, what=what)
    try:
        if target.is_dir():
            raise error(f"Không ghi được {what} {target}: đây là một thư mục.")
        if not folder.is_dir():
            raise error(f"Không ghi được {what} {target}: thư mục {folder} không tồn tại.")
    except OSError as exc:
        raise error(f"Không ghi được {what} {target}: {os_reason(exc)}.") from exc
    try:
        temp = _new_file(folder, f".{target.stem[:40]}-", target.suffix + ".tmp")
    except OSError as exc:
        raise error(f"Không ghi được {what} {target}: {os_reason(exc)}.") from exc
    try:
        yield temp
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())  # office power cuts: the bytes are on disk before the rename
        os.replace(temp, target)
    except OSError as exc:
        raise error(f"Không ghi được {what} {target}: {os_reason(exc)}.") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()

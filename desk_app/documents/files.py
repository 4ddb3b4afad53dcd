"""Writing output files atomically (cli.md): a temporary file in the same folder, then a rename.

A failed export never leaves a partial file behind and never overwrites a good one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from desk_app.domain.errors import DocumentError
from desk_app.store.database import os_reason


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``, else it is removed."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise DocumentError(f"Không ghi được tệp {target}: đây là một thư mục.")
    if not folder.is_dir():
        raise DocumentError(f"Không ghi được tệp {target}: thư mục {folder} không tồn tại.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem[:40]}-", suffix=target.suffix + ".tmp",
                                             dir=folder)
        os.close(handle)
    except OSError as exc:
        raise DocumentError(f"Không ghi được tệp {target}: {os_reason(exc)}.") from exc
    temp = Path(temp_name)
    try:
        yield temp
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())  # office power cuts: the bytes are on disk before the rename
        os.replace(temp, target)
    except OSError as exc:
        raise DocumentError(f"Không ghi được tệp {target}: {os_reason(exc)}.") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def write_atomically(target: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp_path)`` and move the result into place; returns the final path."""
    with atomic_output(target) as temp:
        write(temp)
    return Path(target)

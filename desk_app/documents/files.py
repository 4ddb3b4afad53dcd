"""Output files of the documents layer, written atomically (see :mod:`desk_app.store.files`)."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Callable

from desk_app.domain.errors import DocumentError
from desk_app.store import files

atomic_output = functools.partial(files.atomic_output, error=DocumentError)


def write_atomically(target: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp_path)`` and move the result into place; returns the final path."""
    with atomic_output(target) as temp:
        write(temp)
    return Path(target)

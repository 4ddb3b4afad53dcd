"""Output files of the documents layer, written atomically (see :mod:`desk_app.store.files`)."""

from __future__ import annotations

import functools

from desk_app.domain.errors import DocumentError
from desk_app.store import files

atomic_output = functools.partial(files.atomic_output, error=DocumentError)

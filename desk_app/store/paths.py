"""Where the program keeps its files. Kept apart from ``database`` so that the log file and the window's
first paint do not wait for SQLAlchemy's import."""

from __future__ import annotations

import os
from pathlib import Path


def user_data_dir() -> Path:
    """The per-user data folder (database, backups, logs, user templates)."""
    override = os.environ.get("DESK_APP_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("desk_app", appauthor=False)


def shipped_dir(name: str) -> Path:
    """A folder shipped beside the package (``resources``, ``ui``): in the PyInstaller bundle it is under
    ``sys._MEIPASS``, in a checkout or editable install at the project's top level."""
    import sys

    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) / name if frozen else Path(__file__).resolve().parents[2] / name

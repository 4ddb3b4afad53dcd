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
    """A folder shipped with the program (``resources``, ``ui``): in the PyInstaller bundle it is under
    ``sys._MEIPASS``; installed from a wheel (``pip install .``) it is inside the package (``desk_app/ui``: the
    package mapping of pyproject.toml); in a checkout or an editable install at the project's top level."""
    import sys

    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / name
    package = Path(__file__).resolve().parents[1]
    installed = package / name
    return installed if installed.is_dir() else package.parent / name

"""The log file in the user data folder: unexpected errors are written there, never shown as tracebacks."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_handler: logging.Handler | None = None
_handler_path: Path | None = None


def log_path() -> Path:
    from desk_app.store.paths import user_data_dir

    return user_data_dir() / "logs" / "desk_app.log"


def setup_logging(level: int = logging.INFO) -> None:
    """Log to a rotating file; if the folder cannot be written, log nowhere rather than fail."""
    global _handler, _handler_path
    path = log_path()
    if _handler is not None and _handler_path == path:
        return
    root = logging.getLogger("desk_app")
    if _handler is not None:  # the data folder moved (DESK_APP_DATA_DIR changed): log where it is now
        root.removeHandler(_handler)
        _handler.close()
    _handler_path = path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8",
                                                        delay=True)
    except OSError:
        _handler = logging.NullHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_handler)
    root.setLevel(level)


def log_unexpected(exc: BaseException) -> Path:
    """Write the traceback of an unexpected error; returns the log file's path for the message."""
    setup_logging()
    logging.getLogger("desk_app").error("lỗi không mong muốn", exc_info=(type(exc), exc, exc.__traceback__))
    return log_path()

"""Errors that carry a message a clerk can read (Vietnamese).

Every layer raises these; the CLI prints ``message`` on stderr and exits 1, the window shows it in a
dialog. Anything else reaching the top is a bug: it is logged and a generic Vietnamese message shown.
"""

from __future__ import annotations


class DeskAppError(Exception):
    """A request that was understood but cannot be done; ``message`` is Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFoundError(DeskAppError):
    """A record the request names does not exist."""


class ValidationError(DeskAppError):
    """Bad input. ``errors`` maps a field name to its Vietnamese problem (shown next to the field)."""

    def __init__(self, errors: dict[str, str] | str, message: str | None = None):
        if isinstance(errors, str):
            errors = {"": errors}
        self.errors = dict(errors)
        if message is None:
            # Each message is a sentence of its own ("… không được để trống.").
            message = " ".join(m if m.endswith((".", "!", "?")) else m + "." for m in self.errors.values())
        super().__init__(message)


class TransitionError(DeskAppError):
    """A status change the state machine forbids."""


class ConflictError(DeskAppError):
    """An edit based on stale data (someone else changed the record since it was loaded)."""


class DatabaseError(DeskAppError):
    """The database cannot be opened, read or written (corrupt, foreign, newer version, disk full)."""


class InstallationError(DeskAppError):
    """The program's own files (forms, templates) or the system libraries its window needs are missing or
    damaged: reinstall the program or the named packages."""


class DocumentError(DeskAppError):
    """A document or spreadsheet cannot be written, read or rendered (template, file, missing data)."""


class MissingDataError(DocumentError):
    """The record lacks what a document needs; ``missing`` lists each item in Vietnamese."""

    def __init__(self, what: str, missing: list[str]):
        self.missing = list(missing)
        lines = "\n".join(f"- {item}" for item in self.missing)
        super().__init__(f"Chưa xuất được {what} vì còn thiếu:\n{lines}")


class ConfirmationNeeded(DeskAppError):
    """A change the law lets the clerk make, but only knowingly: it rewrites recorded figures (a calendar change
    that turns answered petitions from on time to late). ``items`` lists what would change; call again with
    the confirmation to apply it."""

    def __init__(self, message: str, items: list[str]):
        self.items = list(items)
        super().__init__(message)

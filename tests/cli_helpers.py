"""Running the command line inside the test process (cli.md's contract: exit code, stdout, stderr)."""

from __future__ import annotations

from desk_app.cli import main


def run(capsys, *args):
    """Run ``desk-app ARGS…``; returns (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def demo_database(folder) -> str:
    """A database file filled by ``desk-app demo``."""
    path = str(folder / "demo.sqlite3")
    assert main(["--db", path, "demo"]) == 0
    return path

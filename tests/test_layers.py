"""The layers the README describes hold: the window asks the services and never queries the database itself;
nothing below the window imports Qt except the charts (QtCharts draws the report's pictures); the window's
modules stay small enough to read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desk_app"
GUI = PACKAGE / "gui"

# what reading or writing the database directly looks like
ORM = {
    "imports SQLAlchemy": re.compile(r"^\s*(from|import) sqlalchemy\b"),
    "imports the ORM models": re.compile(r"desk_app\.store\.models|from desk_app\.store import models"),
    "builds a query": re.compile(r"(?<![\w.])select\((?!self\b)"),
    "runs a query": re.compile(r"\.(scalars?|execute|query)\("),
    "loads a row by id": re.compile(r"session\.get\("),
}


def _code_lines(path: Path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code = line.split("#", 1)[0]
        if code.strip():
            yield number, code


def test_the_window_never_queries_the_database():
    found = [f"{path.relative_to(PACKAGE)}:{number}: {what}: {code.strip()}"
             for path in sorted(GUI.rglob("*.py")) for number, code in _code_lines(path)
             for what, pattern in ORM.items() if pattern.search(code)]
    assert found == [], "reads and rules belong in desk_app/services:\n" + "\n".join(found)


def test_the_check_finds_a_query():
    code = "        rows = session.scalars(select(m.Agency).order_by(m.Agency.position))"
    assert ORM["builds a query"].search(code) and ORM["runs a query"].search(code)
    assert not ORM["builds a query"].search("    def select(self, day) -> None:")
    assert not ORM["builds a query"].search("        self.view.select(day)")


@pytest.mark.parametrize("layer", ["domain", "store", "services", "documents"])
def test_below_the_window_only_the_charts_use_qt(layer):
    users = {str(path.relative_to(PACKAGE)) for path in (PACKAGE / layer).rglob("*.py")
             if re.search(r"^\s*(from|import) (PySide6|shiboken6)", path.read_text(encoding="utf-8"), re.M)}
    assert users <= {"documents/charts.py"}


def test_no_module_of_the_window_is_too_long_to_read():
    long = {str(path.relative_to(PACKAGE)): n for path in GUI.rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}

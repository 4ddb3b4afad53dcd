"""pyproject.toml says what the program is made of (quality.md §5, issue 16): every package by name, every
library the code imports directly, nothing it does not; where an installed program finds its own files."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    """"docxtpl[subdoc]>=0.18" → "docxtpl" (PEP 503 normalised)."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)).lower()


def _imported_top_level() -> set[str]:
    """The top-level modules desk_app imports (at module level or inside functions), ours and the standard
    library's left out."""
    found = set()
    for path in (ROOT / "desk_app").rglob("*.py"):
        if "migrations" in path.parts:
            continue  # Alembic runs them; they import alembic and sqlalchemy only (checked below)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name != "desk_app" and name not in sys.stdlib_module_names}


def test_every_package_is_listed():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    on_disk = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "desk_app").rglob("*.py")
               if "__pycache__" not in path.parts}
    shipped = {"desk_app." + ".".join(path.relative_to(ROOT).parts) for top in ("ui", "resources")
               for path in [ROOT / top, *(ROOT / top).rglob("*")] if path.is_dir()}
    shipped.add("desk_app.docs")  # the user guide (its pictures are package data of it)
    assert listed == on_disk | shipped
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"desk_app.ui": "ui", "desk_app.resources": "resources",
                                                              "desk_app.docs": "docs"}


def test_every_direct_import_is_declared_and_nothing_else():
    declared = {_name(requirement) for requirement in PYPROJECT["project"]["dependencies"]}
    distributions = packages_distributions()
    needed = set()
    for module in _imported_top_level():
        names = {_name(dist) for dist in distributions.get(module, [])}
        assert names, f"{module} is imported but not installed"
        assert names & declared, f"{module} ({', '.join(sorted(names))}) is imported but not declared"
        needed |= names & declared
    # QtCharts is in PySide6-Addons (the same import name, PySide6, as the Essentials)
    assert declared - needed == set(), "declared but never imported directly"
    for path in (ROOT / "desk_app" / "store" / "migrations").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        modules = set(re.findall(r"^\s*(?:from|import) (\w+)", text, re.MULTILINE)) - set(sys.stdlib_module_names)
        assert modules <= {"alembic", "sqlalchemy", "desk_app"}, (path.name, modules)


def test_docxcompose_comes_with_docxtpl_subdocuments():
    """Our code never imports docxcompose; docxtpl's sub-documents do (since 0.20 only with its extra)."""
    assert "docxcompose" not in _imported_top_level()
    assert any(_name(r) == "docxtpl" and "[subdoc]" in r for r in PYPROJECT["project"]["dependencies"])


def test_license_and_build_backend():
    assert PYPROJECT["project"]["license"] == "LicenseRef-Proprietary"  # SPDX (PEP 639)
    (backend,) = PYPROJECT["build-system"]["requires"]
    assert re.fullmatch(r"setuptools>=\d+,<\d+", backend.replace(" ", "")), backend
    assert not set(PYPROJECT["project"]["optional-dependencies"]["build"]) & {"pytest", "psycopg[binary]>=3.1"}


def test_shipped_folders_of_a_checkout_a_wheel_and_the_bundle(tmp_path, monkeypatch):
    import desk_app.store.paths as paths

    assert paths.shipped_dir("ui") == ROOT / "ui"  # the checkout (and the editable install)
    # installed from a wheel: desk_app/ui beside desk_app/store
    package = tmp_path / "site-packages" / "desk_app"
    (package / "store").mkdir(parents=True)
    (package / "ui").mkdir()
    (package / "resources").mkdir()
    monkeypatch.setattr(paths, "__file__", str(package / "store" / "paths.py"))
    assert paths.shipped_dir("ui") == package / "ui"
    assert paths.shipped_dir("resources") == package / "resources"
    # the PyInstaller bundle
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert paths.shipped_dir("ui") == tmp_path / "bundle" / "ui"

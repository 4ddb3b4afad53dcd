"""The documentation in the repository (issue 16): docs/cli.md covers every command and option of
`desk-app --help`; the README and docs/ link only files of the repository; command lines meant for Windows work
in Windows PowerShell 5.1 (no `&&`)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_and_option_is_in_the_reference():
    from desk_app.cli import build_parser

    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    for action in parser._actions:
        for option in action.option_strings:
            assert f"`{option}" in reference or f"{option}`" in reference or f" {option} " in reference, option
    for name, sub in _commands(parser).items():
        assert re.search(rf"^### `desk-app (.*`desk-app )?{re.escape(name)}\b", reference, re.MULTILINE) or \
            f"desk-app` / `desk-app {name}" in reference, f"command {name}"
        for action in sub._actions:
            for option in action.option_strings:
                if option in ("-h", "--help"):
                    continue
                assert option in reference, f"{name} {option}"
        for action in sub._actions:
            if action.choices and not isinstance(action, argparse._SubParsersAction):
                for choice in action.choices:
                    assert f"`{choice}`" in reference or f"{choice} " in reference, f"{name}: {choice}"


def test_the_contract_commands_being_added_are_described():
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for heading in ("desk-app stats --year Y [--json]", "desk-app petition show ID",
                    "desk-app petition extend ID --until DATE --notified DATE --reason TEXT",
                    "desk-app petition reply ID --date DATE --text TEXT [--number N]"):
        assert f"### `{heading}`" in reference, heading


def test_links_stay_inside_the_repository():
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        assert "shared/spec" not in text, path
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if re.match(r"[a-z]+://", target):
                continue
            resolved = (path.parent / target).resolve()
            assert resolved.is_relative_to(ROOT), f"{path.name} links outside the repository: {target}"
            assert resolved.exists(), f"{path.name}: broken link {target}"


def test_the_readme_keeps_its_two_set_up_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## Set-up"):readme.index("\n## ", readme.index("## Set-up") + 1)]
    commands = [line.strip() for line in setup.splitlines() if line.startswith("    python3 -m venv")]
    assert commands == ['python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/desk-app',
                        'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest']
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()  # CI runs the README's test command verbatim


def test_windows_command_lines_work_in_powershell_5():
    """`&&` is PowerShell 7 only: Windows lines (backslash paths, .exe) use one command per line."""
    for path in DOCS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            windows = re.search(r"\\Scripts\\|\.exe\b|build\\|dist\\", line)
            if windows and line.startswith("    "):
                assert "&&" not in line, f"{path.name}:{number}: {line.strip()}"
        text = path.read_text(encoding="utf-8")
        for code in re.findall(r"`([^`\n]+)`", text):
            if re.search(r"\\Scripts\\|\.exe\b", code):
                assert "&&" not in code, f"{path.name}: {code}"

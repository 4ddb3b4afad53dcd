"""The bundle's build files (quality.md §5, issue 16), checked where they can be on any machine: the pinned
versions, build.py's pin check and zip, the Inno Setup script and the Windows workflow. The bundle itself is
proven by tests/bundle; the installer and the real window on the Windows runner, by the workflow."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = (ROOT / ".github" / "workflows" / "windows-bundle.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("desk_app_build_script", ROOT / "build" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _requirement_names(requirements) -> set[str]:
    return {re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", r).group(0)).lower() for r in requirements}


# -- the pins -------------------------------------------------------------------------------------------------

def test_every_dependency_is_pinned(build):
    pins = build.read_constraints()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = _requirement_names(project["dependencies"])
    for extra in ("build", "test", "postgres"):
        direct |= _requirement_names(project["optional-dependencies"][extra])
    assert direct <= set(pins), sorted(direct - set(pins))
    # the Windows-only dependencies of PyInstaller, pytest and psycopg
    assert {"pefile", "pywin32-ctypes", "colorama", "tzdata"} <= set(pins)
    assert pins["pyside6-essentials"] == pins["pyside6-addons"] == pins["shiboken6"]
    assert pins["pyside6-essentials"].startswith("6.11.")  # 6.12.0 is excluded by pyproject (none_dealloc)


def test_the_pin_check(build):
    pins = {"pyside6-essentials": "6.11.3", "lxml": "6.2.0", "psycopg": "3.3.9"}
    assert build.pin_problems(pins, {"pyside6-essentials": "6.11.3", "lxml": "6.2.0", "pip": "24.0",
                                     "desk-app": "0.1.0"}, postgres=False) == []
    problems = build.pin_problems(pins, {"pyside6-essentials": "6.12.0", "lxml": "6.2.0", "pytest": "9.2.0",
                                         "psycopg": "3.3.9", "numpy": "2.0"}, postgres=False)
    assert len(problems) == 4
    assert any(p.startswith("pyside6-essentials 6.12.0") and "pins 6.11.3" in p for p in problems)
    assert any(p.startswith("pytest") and "without the test extra" in p for p in problems)
    assert any(p.startswith("psycopg") and "without the test extra" in p for p in problems)
    assert any(p.startswith("numpy") and "not pinned" in p for p in problems)
    assert build.pin_problems(pins, {"psycopg": "3.3.9"}, postgres=True) == []


def test_the_zip_holds_one_desk_app_folder(build, tmp_path):
    folder = tmp_path / "dist" / "desk-app"
    (folder / "_internal" / "ui").mkdir(parents=True)
    (folder / "desk-app.exe").write_bytes(b"MZ")
    (folder / "_internal" / "ui" / "sessions_page.ui").write_text("<ui/>", encoding="utf-8")
    target = build.write_zip(folder, tmp_path / "release" / "desk-app-0.1.0-windows-x64.zip")
    names = zipfile.ZipFile(target).namelist()
    assert sorted(names) == ["desk-app/_internal/ui/sessions_page.ui", "desk-app/desk-app.exe"]
    assert [p.name for p in target.parent.iterdir()] == [target.name]


# -- the Inno Setup installer ---------------------------------------------------------------------------------

def _iss() -> tuple[bytes, str]:
    raw = (ROOT / "build" / "desk-app.iss").read_bytes()
    return raw, raw.decode("utf-8-sig")


def _section(text: str, name: str) -> str:
    match = re.search(rf"^\[{name}\]\s*$(.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, name
    return "\n".join(line for line in match.group(1).splitlines() if line.strip() and not line.startswith(";"))


def test_the_installer_is_per_user_with_shortcuts_and_keeps_the_data():
    raw, text = _iss()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark: how Inno Setup reads Vietnamese"
    setup = _section(text, "Setup")
    settings = dict(line.split("=", 1) for line in setup.splitlines() if "=" in line)
    assert settings["PrivilegesRequired"] == "lowest"  # no administrator rights
    assert "PrivilegesRequiredOverridesAllowed" not in settings
    assert settings["DefaultDirName"] == r"{localappdata}\Programs\desk-app"
    assert settings["OutputBaseFilename"] == "desk-app-{#AppVersion}-setup"  # the version in the name
    assert settings["SetupIconFile"].endswith(r"resources\icons\desk_app.ico")
    assert settings["MinVersion"] == "10.0.17763"  # Windows 10 1809, what Qt 6 needs
    assert settings["ArchitecturesAllowed"] == "x64compatible"
    icons = _section(text, "Icons")
    assert "{autoprograms}" in icons and "{autodesktop}" in icons
    assert len(re.findall(r'(?<!Icon)Filename: "\{app\}\\desk-app-gui.exe"', icons)) == 2
    assert icons.count(r'IconFilename: "{app}\desk-app-gui.exe"') == 2
    files = _section(text, "Files")
    assert r"dist\desk-app\*" in files.replace("{#SourceDir}", r"..\dist\desk-app") and "recursesubdirs" in files
    # the data folder (%LOCALAPPDATA%\desk_app) is never named: uninstalling removes the program only
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(";")]
    assert not [line for line in lines if "desk_app" in line.replace("desk_app.ico", "")]
    assert "[UninstallDelete]" not in text
    # Vietnamese for what the wizard and the uninstaller show
    messages = _section(text, "Messages")
    for key in ("SetupWindowTitle", "ButtonNext", "ButtonCancel", "ButtonFinish", "FinishedHeadingLabel",
                "ConfirmUninstall", "UninstalledAll", "ExitSetupMessage", "WindowsVersionNotSupported"):
        assert re.search(rf"^{key}=\S", messages, re.MULTILINE), key
    assert "Gỡ" in messages and "Hủy" in messages


# -- the Windows workflow -----------------------------------------------------------------------------------

def _steps(job: str) -> str:
    match = re.search(rf"^  {job}:\n(.*?)(?=^  \S|\Z)", WORKFLOW, re.MULTILINE | re.DOTALL)
    assert match, job
    return match.group(1)


def test_the_workflow_builds_each_change_once():
    triggers = re.search(r"^on:\n(.*?)(?=^\S)", WORKFLOW, re.MULTILINE | re.DOTALL).group(1)
    assert re.search(r"push:\n\s+branches: \[main\]", triggers)
    assert "pull_request:" in triggers


def test_the_real_window_and_the_suite_gate_the_windows_build():
    assert "continue-on-error" not in WORKFLOW
    tests = _steps("tests")
    assert "runs-on: windows-latest" in tests
    assert '-c build\\constraints.txt -e ".[test]"' in tests and "-m pytest" in tests
    bundle = _steps("bundle")
    # the bundle's environment: no test extra; the PostgreSQL driver for offices that share a server
    assert '-c build\\constraints.txt -e ".[build,postgres]"' in bundle
    assert "build\\build.py --pinned --with-postgres --zip" in bundle
    assert "QT_QPA_PLATFORM: windows" in bundle  # the real window, not offscreen
    assert "desk-app-gui.exe" in bundle and "gui --smoke-test" in bundle
    assert "ISCC" in bundle and "build\\desk-app.iss" in bundle
    assert "/VERYSILENT" in bundle and "unins000.exe" in bundle  # the installer installed and removed
    assert 'Programs\\desk-app"' in bundle and "uninstalling removed the data" in bundle
    assert "-m bundle tests/bundle" in bundle
    assert "dist/release" in bundle and "upload-artifact" in bundle

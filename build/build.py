r"""Build the one-folder bundle dist/desk-app/ with PyInstaller (spec: build/desk_app.spec).

From the repository root, in an environment with the program and PyInstaller but not the test extra, every
version pinned by build/constraints.txt:

    python -m venv .venv-bundle
    .venv-bundle/bin/pip install -c build/constraints.txt -e ".[build]"      (Windows: .venv-bundle\Scripts\pip)
    .venv-bundle/bin/python build/build.py --pinned --zip

--pinned: refuse to build when an installed version differs from build/constraints.txt, a package is not
pinned there, or a test-only package is installed (without it the differences are only printed).
--with-postgres: put the PostgreSQL driver in (needs the postgres extra; without it the bundle has none).
--zip: also write dist/release/desk-app-<version>-<platform>.zip, whose inside is the one folder desk-app/.
--clean: forget PyInstaller's cache first.

The work folder is .pyinstaller/ and the result dist/desk-app/ (nothing generated goes into build/). On
Windows the Windows version information of both executables is written from desk_app.__version__ first.
At the end the bundle's size and number of files are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build" / "desk_app.spec"
CONSTRAINTS = ROOT / "build" / "constraints.txt"
RELEASE = ROOT / "dist" / "release"
# Never in the bundle: the test extra (psycopg too, unless --with-postgres asks for the driver).
TEST_ONLY = ("pytest", "pytest-qt", "hypothesis", "pluggy", "iniconfig")
POSTGRES = ("psycopg", "psycopg-binary")
# The environment's own tools, not the program's dependencies.
NOT_PINNED = ("pip", "desk-app", "wheel")
WORK = ROOT / ".pyinstaller"
DIST = ROOT / "dist"
BUNDLE = DIST / "desk-app"
VERSION_DIR = WORK / "version"

PRODUCT = "Tiếp xúc, đối thoại trực tiếp với Nhân dân"
COMPANY = "Tiếp xúc, đối thoại trực tiếp với Nhân dân"
DESCRIPTIONS = {
    "desk-app": f"{PRODUCT} (dòng lệnh)",
    "desk-app-gui": PRODUCT,
}
COMMENTS = "Chương trình của Văn phòng Đảng ủy, Văn phòng HĐND và UBND xã; không cần Internet."
_VIETNAMESE = 0x042A  # LANGID vi-VN
_UNICODE = 1200  # code page of the string table


def app_version() -> str:
    """desk_app.__version__, read from the source (the build does not depend on what is installed)."""
    text = (ROOT / "desk_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise SystemExit("desk_app/__init__.py has no __version__")
    return match.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """"1.2.3rc1" → (1, 2, 3, 0): Windows wants four numbers."""
    release = re.match(r"[0-9.]*", version).group(0)  # the release part, before rc1/.dev2/+local
    numbers = [int(part) for part in release.split(".") if part][:4]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def version_info_text(name: str, version: str) -> str:
    """A VSVersionInfo in PyInstaller's text form (it is read back with eval; UTF-8, hence the cookie)."""
    numbers = version_tuple(version)
    table = f"{_VIETNAMESE:04X}{_UNICODE:04X}"
    strings = [
        ("CompanyName", COMPANY),
        ("FileDescription", DESCRIPTIONS[name]),
        ("FileVersion", version),
        ("InternalName", name),
        ("OriginalFilename", f"{name}.exe"),
        ("ProductName", PRODUCT),
        ("ProductVersion", version),
        ("Comments", COMMENTS),
    ]
    lines = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings)
    return f"""# -*- coding: utf-8 -*-
# Written by build/build.py from desk_app.__version__; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        {table!r},
        [
{lines}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [{_VIETNAMESE:#06x}, {_UNICODE}])])
  ]
)
"""


def write_version_files(version: str) -> None:
    VERSION_DIR.mkdir(parents=True, exist_ok=True)
    for name in DESCRIPTIONS:
        (VERSION_DIR / f"{name}.txt").write_text(version_info_text(name, version), encoding="utf-8")


def strip_python_debug_info(folder: Path) -> int:
    """Linux: the interpreter's own libraries (libpython, lib-dynload) may carry debug information (pyenv and
    self-built Pythons do: 20+ MB); ``strip --strip-debug`` drops only that. Other libraries are left as
    they come (wheels' libraries are stripped already, and stripping patched ones can break them); the
    executables are never touched (PyInstaller appends the program to them). Returns the bytes saved."""
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return 0
    internal = folder / "_internal"
    files = [p for p in internal.glob("libpython*.so*") if p.is_file() and not p.is_symlink()]
    files += [p for p in internal.glob("python3*/lib-dynload/*.so") if p.is_file() and not p.is_symlink()]
    before = sum(p.stat().st_size for p in files)
    for path in files:
        subprocess.run([strip, "--strip-debug", str(path)], check=True)
    return before - sum(p.stat().st_size for p in files)


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_constraints(path: Path = CONSTRAINTS) -> dict[str, str]:
    """{normalised name: version} of a constraints file's ``name==version`` lines."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;]+)", line)
        if not match:
            raise ValueError(f"{path.name}: not a name==version line: {line}")
        pins[_normalise(match.group(1))] = match.group(2)
    return pins


def installed_distributions() -> dict[str, str]:
    """{normalised name: version} of what is installed where this interpreter looks."""
    from importlib.metadata import distributions

    found = {}
    for dist in distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(_normalise(name), dist.version)
    return found


def pin_problems(pins: dict[str, str], installed: dict[str, str], *, postgres: bool) -> list[str]:
    """What keeps the environment from being the pinned one of constraints.txt (empty: it is)."""
    problems = []
    for name, version in sorted(installed.items()):
        if name in NOT_PINNED:
            continue
        if name in TEST_ONLY or (name in POSTGRES and not postgres):
            problems.append(f"{name} {version} is installed: build from an environment without the test extra")
        elif name not in pins:
            problems.append(f"{name} {version} is installed but not pinned in {CONSTRAINTS.name}")
        elif pins[name] != version:
            problems.append(f"{name} {version} is installed, {CONSTRAINTS.name} pins {pins[name]}")
    return problems


def platform_tag() -> str:
    if os.name == "nt":
        return "windows-x64" if sys.maxsize > 2**32 else "windows-x86"
    return f"{sys.platform.rstrip('0123456789')}-{os.uname().machine}"


def write_zip(folder: Path, target: Path) -> Path:
    """``target``: a zip whose inside is the one folder ``folder.name``/ (what IT staff copy), written to a
    temporary name first."""
    import zipfile

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            name = (Path(folder.name) / path.relative_to(folder)).as_posix()
            if path.is_symlink() or path.is_file():
                archive.write(path, name)
            elif path.is_dir() and not any(path.iterdir()):
                archive.writestr(name + "/", "")
    partial.replace(target)
    return target


def bundle_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of the bundle."""
    total = count = 0
    for dirpath, _dirs, files in os.walk(folder):
        for file in files:
            path = os.path.join(dirpath, file)
            if not os.path.islink(path):
                total += os.path.getsize(path)
                count += 1
    return total, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the PyInstaller bundle dist/desk-app/.")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache and work folder first")
    parser.add_argument("--pinned", action="store_true",
                        help="refuse to build unless the installed versions are those of build/constraints.txt")
    parser.add_argument("--with-postgres", action="store_true", help="bundle the PostgreSQL driver (postgres extra)")
    parser.add_argument("--zip", action="store_true", help="also write dist/release/desk-app-<version>-<platform>.zip")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('PyInstaller is not installed: pip install -e ".[build]"', file=sys.stderr)
        return 2
    if sys.platform.startswith("linux") and not (shutil.which("objdump") and shutil.which("objcopy")):
        print("PyInstaller needs binutils (objdump, objcopy) on Linux: apt-get install binutils", file=sys.stderr)
        return 2
    problems = pin_problems(read_constraints(), installed_distributions(), postgres=args.with_postgres)
    if problems:
        print("The environment is not the pinned one of build/constraints.txt:", *problems, sep="\n  ",
              file=sys.stderr)
        print('  (pip install -c build/constraints.txt -e ".[build]" in a fresh environment)', file=sys.stderr)
        if args.pinned:
            return 2
    version = app_version()
    write_version_files(version)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if args.clean:
        command.insert(3, "--clean")
    env = dict(os.environ, DESK_APP_VERSION_DIR=str(VERSION_DIR),
               DESK_APP_BUNDLE_POSTGRES="1" if args.with_postgres else "0")
    env.pop("PYTHONPATH", None)  # the bundle holds the checkout's desk_app (pathex), not another one
    print(f"Building desk-app {version} with {sys.executable}", flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        print(f"PyInstaller failed (exit code {result.returncode}).", file=sys.stderr)
        return result.returncode
    saved = strip_python_debug_info(BUNDLE)
    if saved:
        print(f"Debug information removed from the Python libraries: {saved / 2**20:.1f} MB")
    size, files = bundle_size(BUNDLE)
    executable = BUNDLE / ("desk-app.exe" if os.name == "nt" else "desk-app")
    if not executable.is_file():
        print(f"The build finished but {executable} is missing.", file=sys.stderr)
        return 1
    print(f"Bundle: {BUNDLE} - {size / 2**20:.1f} MB in {files} files (built in {elapsed:.0f} s)")
    if args.zip:
        archive = write_zip(BUNDLE, RELEASE / f"desk-app-{version}-{platform_tag()}.zip")
        print(f"Zip: {archive} - {archive.stat().st_size / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the one-folder bundle dist/desk-app/ with PyInstaller (spec: build/desk_app.spec).

From the repository root, with the interpreter that has the program and PyInstaller installed:

    pip install -e ".[build]"
    python build/build.py            # --clean: forget PyInstaller's cache first

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
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('PyInstaller is not installed: pip install -e ".[build]"', file=sys.stderr)
        return 2
    if sys.platform.startswith("linux") and not (shutil.which("objdump") and shutil.which("objcopy")):
        print("PyInstaller needs binutils (objdump, objcopy) on Linux: apt-get install binutils", file=sys.stderr)
        return 2
    version = app_version()
    write_version_files(version)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if args.clean:
        command.insert(3, "--clean")
    env = dict(os.environ, DESK_APP_VERSION_DIR=str(VERSION_DIR))
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
    return 0


if __name__ == "__main__":
    sys.exit(main())

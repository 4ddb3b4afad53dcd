"""Linux: the system libraries Qt's window needs, checked before Qt loads them.

Without one of them Qt aborts (exit 134) with an English message that may even name the wrong library
("xcb-cursor0 or libxcb-cursor0 is needed" when libxcb-icccm4 is what is missing). The lists are what Qt 6.11's
libraries link (``ldd`` on ``libQt6Gui.so.6``, ``libQt6XcbQpa.so.6`` and ``plugins/platforms/libqxcb.so``), with
the Debian/Ubuntu package of each; the README and docs/it-guide.md name the same packages.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Iterable

# QtGui itself: needed whatever the platform plugin (xcb, wayland, offscreen).
GUI_LIBRARIES = (
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libfreetype.so.6", "libfreetype6"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libX11.so.6", "libx11-6"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libgthread-2.0.so.0", "libglib2.0-0"),
)
# The X11 window (the xcb platform plugin, the one used on an X11 desktop and by the bundle).
XCB_LIBRARIES = (
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
)
# Recommended, not checked (Qt starts without them, with less): OpenGL through GLX (libxcb-glx0), the desktop's
# file dialogs and the input methods through D-Bus (libdbus-1-3). Named in the README's list.


def platform_plugin(env: dict[str, str] | None = None, frozen: bool | None = None) -> str:
    """The platform plugin Qt will start with: QT_QPA_PLATFORM's first choice, else Wayland in a Wayland
    session (not in the bundle, which carries no Wayland plugin), else xcb."""
    env = os.environ if env is None else env
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    chosen = (env.get("QT_QPA_PLATFORM") or "").split(";")[0].split(":")[0].strip().lower()
    if chosen:
        return chosen
    if not frozen and (env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland"):
        return "wayland"
    return "xcb"


def _loadable(name: str) -> bool:
    """The dynamic loader finds the library (the system's folders, LD_LIBRARY_PATH), or the program carries it
    (the bundle's folder, PySide6's own Qt/lib)."""
    import ctypes

    try:
        ctypes.CDLL(name)
        return True
    except OSError:
        pass
    carried = [getattr(sys, "_MEIPASS", None)]
    try:
        import PySide6

        carried.append(str(Path(PySide6.__file__).parent / "Qt" / "lib"))
    except ImportError:
        pass
    return any(folder and (Path(folder) / name).exists() for folder in carried)


def missing_libraries(platform: str, loadable: Callable[[str], bool] | None = None) -> list[tuple[str, str]]:
    """(library, package) of each library the platform needs that cannot be loaded, in the lists' order."""
    loadable = loadable or _loadable
    wanted: Iterable[tuple[str, str]] = GUI_LIBRARIES + (XCB_LIBRARIES if platform == "xcb" else ())
    return [(library, package) for library, package in wanted if not loadable(library)]


def check_window_libraries(env: dict[str, str] | None = None, loadable: Callable[[str], bool] | None = None) -> None:
    """Linux: raise InstallationError naming the packages to install when a library the window needs is
    missing. Called before anything imports QtGui."""
    if not sys.platform.startswith("linux"):
        return
    missing = missing_libraries(platform_plugin(env), loadable)
    if not missing:
        return
    from desk_app.domain.errors import InstallationError

    libraries = ", ".join(library for library, _package in missing)
    packages = " ".join(dict.fromkeys(package for _library, package in missing))
    raise InstallationError(
        f"Không mở được cửa sổ: máy còn thiếu thư viện hệ thống {libraries}.\n"
        f"Trên Debian/Ubuntu, hãy cài các gói sau rồi mở lại chương trình: sudo apt-get install {packages}\n"
        "(Danh sách đầy đủ các gói cần cho cửa sổ có trong tài liệu hướng dẫn cài đặt, docs/it-guide.md.)")

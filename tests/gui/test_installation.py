"""What the window needs from its installation (issue 16): every Designer form and Word template (the smoke
test loads them all and fails loudly when one is missing), Linux's system libraries (named in Vietnamese
instead of Qt's abort), and Qt's messages (real warnings kept, the offscreen plugin's noise dropped)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# -- the forms and the templates -----------------------------------------------------------------------------

def _form_names_in_code() -> set[str]:
    """Every form name the code spells out: load_ui("…"), form_name = "…", the wizard pages' and the
    follow-up dialogs' names."""
    names = set()
    for path in (ROOT / "desk_app" / "gui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'load_ui\(\s*"(\w+)"', text))
        names |= set(re.findall(r'form_name(?:, \w+)*\s*=\s*"(\w+)"', text))
        names |= set(re.findall(r'super\(\).__init__\(ctx, "(\w+)"', text))
        for prefix in re.findall(r'load_ui\(f"(\w+)\{', text):
            names |= {p.stem for p in (ROOT / "ui").glob(f"{prefix}*.ui")}
    return names


def test_the_list_of_forms_is_the_ui_folder_and_what_the_code_loads():
    from desk_app.gui.common import FORMS

    assert len(set(FORMS)) == len(FORMS)
    assert set(FORMS) == {p.stem for p in (ROOT / "ui").glob("*.ui")}
    assert _form_names_in_code() <= set(FORMS)
    assert {"sessions_page", "wizard_start", "live_start", "followup_extend"} <= _form_names_in_code()


def test_every_form_and_template_loads(gui_app):
    from desk_app.documents.templates import builtin_problems
    from desk_app.gui.common import form_problems

    assert form_problems() == []
    assert builtin_problems() == []


def test_missing_and_damaged_forms_and_templates_are_named(gui_app, tmp_path, monkeypatch):
    import shutil

    from desk_app.documents import templates
    from desk_app.domain.errors import InstallationError
    from desk_app.gui import common

    ui = tmp_path / "ui"
    shutil.copytree(ROOT / "ui", ui)
    (ui / "live_page.ui").unlink()
    (ui / "sessions_form.ui").write_text("<ui version=", encoding="utf-8")
    monkeypatch.setattr(common, "UI_DIR", ui)
    problems = common.form_problems()
    assert problems == [f"thiếu biểu mẫu {ui / 'live_page.ui'}", f"biểu mẫu {ui / 'sessions_form.ui'} bị hỏng"]
    with pytest.raises(InstallationError, match="cài đặt lại chương trình"):
        common.load_ui("live_page")

    shipped = tmp_path / "templates"
    shutil.copytree(ROOT / "resources" / "templates", shipped)
    (shipped / "minutes.party.docx").unlink()
    (shipped / "reply.state.docx").write_bytes(b"not a zip")
    monkeypatch.setattr(templates, "BUILTIN_DIR", shipped)
    assert templates.builtin_problems() == [f"thiếu mẫu văn bản {shipped / 'minutes.party.docx'}",
                                            f"mẫu văn bản {shipped / 'reply.state.docx'} bị hỏng"]


def test_the_smoke_test_fails_on_a_missing_form(gui_app, demo_path, monkeypatch, tmp_path, qtbot):
    """In process: the start finds the missing form and ends with an InstallationError (the command line
    prints it and exits 1; tests/test_wheel.py does it with an installed wheel)."""
    import shutil

    from desk_app.domain.errors import InstallationError
    from desk_app.gui import app as app_module
    from desk_app.gui import common

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    ui = tmp_path / "ui"
    shutil.copytree(ROOT / "ui", ui)
    (ui / "reports_summary.ui").unlink()
    monkeypatch.setattr(common, "UI_DIR", ui)
    codes = []
    startup = app_module.Startup(str(demo_path), smoke_test=True, quit=codes.append)
    qtbot.waitUntil(lambda: bool(codes), timeout=30000)
    assert codes == [1]
    with pytest.raises(InstallationError) as raised:
        startup.finish(codes[0])
    assert "reports_summary.ui" in raised.value.message and "cài đặt lại" in raised.value.message


# -- Linux's system libraries --------------------------------------------------------------------------------

def test_the_platform_qt_will_use():
    from desk_app.gui.system_libraries import platform_plugin

    assert platform_plugin({"QT_QPA_PLATFORM": "offscreen"}, frozen=False) == "offscreen"
    assert platform_plugin({"QT_QPA_PLATFORM": "xcb:display=:1;wayland"}, frozen=False) == "xcb"
    assert platform_plugin({"DISPLAY": ":0"}, frozen=False) == "xcb"
    assert platform_plugin({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, frozen=False) == "wayland"
    assert platform_plugin({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, frozen=True) == "xcb"  # no Wayland plugin


def _needed(binary: Path) -> set[str]:
    """The DT_NEEDED names of a 64-bit little-endian ELF file (what ``readelf -d`` lists as NEEDED)."""
    import struct

    data = binary.read_bytes()
    assert data[:6] == b"\x7fELF\x02\x01", binary
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    dynamic = next(s for s in sections if s[1] == 6)  # SHT_DYNAMIC
    strings = sections[dynamic[6]]  # its sh_link: the string table
    names = set()
    for offset in range(dynamic[4], dynamic[4] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, offset)
        if tag == 0:
            break
        if tag == 1:  # DT_NEEDED
            start = strings[4] + value
            names.add(data[start:data.index(b"\0", start)].decode())
    return names


if sys.platform.startswith("linux"):  # Qt's xcb plugin and the check exist on Linux only
    def test_the_libraries_of_the_xcb_window_match_qts_own():
        """The lists are what Qt's xcb plugin and QtGui link (read from the installed PySide6)."""
        import PySide6

        from desk_app.gui.system_libraries import GUI_LIBRARIES, XCB_LIBRARIES

        qt = Path(PySide6.__file__).parent / "Qt"
        needed = set()
        for binary in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6",
                       qt / "lib" / "libQt6Gui.so.6"):
            needed |= _needed(binary)
        assert "libxcb-icccm.so.4" in needed and "libQt6Core.so.6" in needed
        ours = {library for library, _package in GUI_LIBRARIES + XCB_LIBRARIES}
        system = {name for name in needed if not name.startswith(("libQt6", "libicu", "ld-linux"))
                  and not re.match(r"lib(c|m|stdc\+\+|gcc_s|dl|pthread|rt|z|zstd)\.so", name)}
        assert system <= ours, f"Qt links libraries the check does not know: {sorted(system - ours)}"

    def test_a_missing_library_is_named_with_its_package():
        from desk_app.domain.errors import InstallationError
        from desk_app.gui.system_libraries import check_window_libraries

        absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
        with pytest.raises(InstallationError) as raised:
            check_window_libraries({"DISPLAY": ":0"}, loadable=lambda name: name not in absent)
        message = raised.value.message
        assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
        assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in message
        # offscreen needs QtGui's libraries only
        check_window_libraries({"QT_QPA_PLATFORM": "offscreen"}, loadable=lambda name: name not in absent)
        with pytest.raises(InstallationError, match="libegl1"):
            check_window_libraries({"QT_QPA_PLATFORM": "offscreen"}, loadable=lambda name: name != "libEGL.so.1")
        check_window_libraries({"DISPLAY": ":0"}, loadable=lambda name: True)

    def test_desk_app_says_which_packages_to_install_instead_of_qts_abort(tmp_path):
        """A fresh process with the X11 window chosen and two xcb libraries "missing" (the loader check answers
        so): `desk-app` exits 1 with the Vietnamese message and never reaches Qt (which would abort with 134)."""
        code = (
            "import sys\n"
            "import desk_app.gui.system_libraries as libraries\n"
            "real = libraries._loadable\n"
            "libraries._loadable = lambda name: name not in {'libxcb-icccm.so.4', 'libxcb-keysyms.so.1'} and real(name)\n"
            "from desk_app.cli import main\n"
            "code = main(sys.argv[1:])\n"
            "assert 'PySide6.QtGui' not in sys.modules, 'Qt was loaded before the check'\n"
            "sys.exit(code)\n")
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=":99", DESK_APP_DATA_DIR=str(tmp_path / "data"))
        completed = subprocess.run([sys.executable, "-c", code, "--db", str(tmp_path / "x.sqlite3")],
                                   capture_output=True, text=True, timeout=120, env=env)
        assert completed.returncode == 1, (completed.returncode, completed.stderr)
        assert "thiếu thư viện hệ thống libxcb-icccm.so.4, libxcb-keysyms.so.1" in completed.stderr
        assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in completed.stderr
        assert "Traceback" not in completed.stderr and "qt.qpa" not in completed.stderr
        assert not (tmp_path / "x.sqlite3").exists()


# -- Qt's messages ------------------------------------------------------------------------------------------

def test_qt_warnings_reach_stderr_and_the_log_but_not_the_offscreen_noise(tmp_path):
    code = (
        "from desk_app.gui.app import create_application\n"
        "from desk_app.logs import setup_logging\n"
        "app = create_application()\n"
        "setup_logging()\n"
        "from PySide6.QtCore import qWarning\n"
        "qWarning('This plugin does not support propagateSizeHints()')\n"
        "qWarning('a real warning')\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESK_APP_DATA_DIR=str(tmp_path / "data"))
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr.strip() == "a real warning"
    log = (tmp_path / "data" / "logs" / "desk_app.log").read_text(encoding="utf-8")
    assert "Qt: a real warning" in log and "propagateSizeHints" not in log

"""No two widgets of one dialog or page answer to the same Alt+letter (issue 14: Alt+T was both "Thôn" and
"Thêm vào hàng chờ" in the walk-in dialog, so the key did one or the other by turns)."""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
GUI_MODULES = ("desk_app.gui.registration_dialog", "desk_app.gui.pages.live_dialogs", "desk_app.gui.pages.catalog",
               "desk_app.gui.pages.followup_dialogs", "desk_app.gui.forms", "desk_app.gui.pages.sessions",
               "desk_app.gui.pages.settings", "desk_app.gui.pages.reports", "desk_app.gui.pages.conclusion")
# forms kept by another maintainer with a known clash (Alt+N twice in followup_resolve.ui): reported as expected
# failures until fixed there; take the name out of this set then
OWNED_ELSEWHERE: set[str] = set()


def mnemonic(text: str | None) -> str | None:
    match = re.search(r"&(\w)", (text or "").replace("&&", ""))
    return match[1].lower() if match else None


def form_keys(path: Path) -> dict[str, list[str]]:
    """Alt+letter → the widgets of a Designer form that take it (labels, buttons, check boxes, tabs, groups)."""
    found: dict[str, list[str]] = defaultdict(list)
    for widget in ET.parse(path).getroot().iter("widget"):
        for prop in [*widget.findall("property"), *widget.findall("attribute")]:
            text = prop.find("string")
            if prop.get("name") in ("text", "title") and text is not None and mnemonic(text.text):
                found[mnemonic(text.text)].append(f"{widget.get('name')}: {text.text}")
    return found


def dialog_buttons() -> dict[str, list[str]]:
    """Form name → the texts of the buttons a FormDialog adds under its form."""
    from desk_app.gui.forms import FormDialog

    for module in GUI_MODULES:
        importlib.import_module(module)
    texts: dict[str, list[str]] = defaultdict(list)
    pending = list(FormDialog.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.form_name:
            texts[cls.form_name] += [t for t in (cls.accept_text, cls.reject_text) if t]
    return texts


@pytest.mark.parametrize("path", sorted(UI_DIR.glob("*.ui")), ids=lambda p: p.name)
def test_every_form_has_one_widget_per_alt_key(path):
    if path.name in OWNED_ELSEWHERE:
        pytest.xfail("kept by the follow-up pages' maintainer")
    keys = form_keys(path)
    for text in dialog_buttons().get(path.stem, []):
        if mnemonic(text):
            keys[mnemonic(text)].append(f"button: {text}")
    clashes = {key: names for key, names in keys.items() if len(names) > 1}
    assert not clashes, clashes


def window_keys(window) -> dict[str, list[str]]:
    """Alt+letter → what takes it in the window as shown: the menu bar and the current page's visible labels,
    buttons, group boxes and tabs (texts set by the program included)."""
    found: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if mnemonic(action.text()):
            found[mnemonic(action.text())].append(f"menu {action.text()}")
    page = window.current_page()
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton) + page.findChildren(QGroupBox):
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue  # a label without a buddy takes no key
        if widget.isVisibleTo(window) and mnemonic(text):
            found[mnemonic(text)].append(f"{widget.objectName()}: {text}")
    for bar in page.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            for index in range(bar.count()):
                if mnemonic(bar.tabText(index)):
                    found[mnemonic(bar.tabText(index))].append(f"tab {bar.tabText(index)}")
    return found


@pytest.mark.parametrize("key", ["sessions", "registrations", "live"])
def test_a_page_and_the_menu_bar_share_no_alt_key(window, qtbot, key):
    page = window.show_page(key)
    qtbot.waitExposed(page)
    clashes = {letter: names for letter, names in window_keys(window).items() if len(names) > 1}
    assert not clashes, clashes

"""Typing Vietnamese in tests as a Vietnamese keyboard (Unikey, EVKey) does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Key events carrying the composed characters (QTest.keyClicks accepts ASCII only)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, char))

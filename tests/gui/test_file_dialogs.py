"""Issue 14: Qt's own file dialogs showed "Look in:", "Folder", "Choose". Every word of the save, open and
folder dialogs is Vietnamese (their labels, buttons, tooltips, column headers and the type of a folder)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QTreeView

from desk_app.gui import common

ENGLISH = re.compile(r"\b(Look|Folder|Choose|Save|Open|Cancel|File|Files|Name|Size|Type|Date|Back|Forward|"
                     r"Parent|Directory|Create|List|Detail|Drive|Computer)\b")


def _words(dialog: QFileDialog) -> list[str]:
    deadline = 0
    while deadline < 50:  # the folder's rows are read in Qt's own thread
        QApplication.processEvents()
        deadline += 1
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    texts += [t for b in dialog.findChildren(QAbstractButton) for t in (b.text(), b.toolTip())]
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        texts += [str(model.headerData(c, Qt.Horizontal)) for c in range(model.columnCount())]
        root = view.rootIndex()
        texts += [str(model.index(r, 2, root).data()) for r in range(model.rowCount(root))]  # the type column
    texts += [str(dialog.labelText(label)) for label in QFileDialog.DialogLabel]
    return [t for t in texts if t and t != "None"]


@pytest.mark.parametrize("which", ["save", "open", "folder"])
def test_file_dialogs_speak_vietnamese(gui_app, monkeypatch, tmp_path, which):
    (tmp_path / "thu muc").mkdir()
    (tmp_path / "a.docx").write_bytes(b"")
    seen: list[list[str]] = []

    def exec_(dialog):
        dialog.setDirectory(str(tmp_path))
        dialog.setViewMode(QFileDialog.Detail)
        dialog.show()
        seen.append(_words(dialog))
        dialog.close()
        return 0

    monkeypatch.setattr(QFileDialog, "exec", exec_)
    if which == "save":
        common.save_file(None, "Lưu", str(tmp_path / "a.docx"), "Tài liệu Word (*.docx)")
    elif which == "open":
        common.open_files(None, "Mở", "Tài liệu Word (*.docx)")
    else:
        common.open_folder(None, "Chọn thư mục")
    (words,) = seen
    english = [w for w in words if ENGLISH.search(w)]
    assert english == [], english

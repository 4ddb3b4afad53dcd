"""Nhật ký thay đổi: who changed what and when (the audit log), newest first, searchable."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from desk_app.gui.common import Column, RowsModel
from desk_app.gui.widgets import read_only_table
from desk_app.services import audit_log


class AuditTab(QWidget):
    LIMIT = 500

    def __init__(self, page):
        super().__init__(page)
        self.ctx = page.ctx
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Tìm theo người sửa hoặc loại dữ liệu (ví dụ: kiến nghị)")
        self.count = QLabel(self)
        label = QLabel("&Tìm:", self)
        label.setBuddy(self.search)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        self.model = RowsModel([
            Column("Thời điểm", lambda e: e.at),
            Column("Người sửa", lambda e: e.user),
            Column("Thao tác", lambda e: e.action),
            Column("Dữ liệu", lambda e: e.table),
            Column("Mã", lambda e: e.row_id, align=Qt.AlignRight),
            Column("Thay đổi (trước → sau)", lambda e: e.summary),
        ], self)
        self.table = QTableView(self)
        read_only_table(self.table, self.model, resize=QHeaderView.ResizeToContents, wrap=False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)

    def reload(self) -> None:
        with self.ctx.session() as session:
            rows = audit_log.entries(session, search=self.search.text(), limit=self.LIMIT)
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} thay đổi gần nhất" if len(rows) == self.LIMIT else f"{len(rows)} thay đổi")

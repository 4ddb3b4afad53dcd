"""The main window: a navigation column, the pages (created when first shown), menus, a status bar."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Only what the first shown window needs: PySide6 builds each class on first use, and the Qt namespace
# (Qt.AlignCenter …) alone costs about 35 ms — the window is on screen before it is touched.
from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, \
    QStackedWidget, QWidget

from desk_app import __version__
from desk_app.gui import palette
if TYPE_CHECKING:  # the context (and its imports) load after the window is shown
    from desk_app.gui.context import AppContext, Page

# (key, title shown in the navigation column, "module:Class", shortcut)
PAGES = (
    ("dashboard", "Tổng quan", "desk_app.gui.pages.dashboard:DashboardPage", "Ctrl+1"),
    ("sessions", "Cuộc đối thoại", "desk_app.gui.pages.sessions:SessionsPage", "Ctrl+2"),
    ("registrations", "Đăng ký phát biểu", "desk_app.gui.pages.registrations:RegistrationsPage", "Ctrl+3"),
    ("live", "Biên bản trực tiếp", "desk_app.gui.pages.live_minutes:LiveMinutesPage", "Ctrl+4"),
    ("conclusion", "Kết luận", "desk_app.gui.pages.conclusion:ConclusionPage", "Ctrl+5"),
    ("followup", "Theo dõi kiến nghị", "desk_app.gui.pages.followup:FollowUpPage", "Ctrl+6"),
    ("reports", "Báo cáo", "desk_app.gui.pages.reports:ReportsPage", "Ctrl+7"),
    ("catalog", "Danh mục", "desk_app.gui.pages.catalog:CatalogPage", "Ctrl+8"),
    ("settings", "Cài đặt", "desk_app.gui.pages.settings:SettingsPage", "Ctrl+9"),
)


def page_class(spec: str) -> type[Page]:
    module_name, class_name = spec.split(":")
    return getattr(importlib.import_module(module_name), class_name)


class MainWindow(QMainWindow):
    page_shown = Signal(str)  # key of the page now on screen (tests, smoke test)
    reopen_requested = Signal(str)  # "Mở gói hội nghị…": the program reopens on this database file

    def __init__(self, ctx: AppContext | None = None):
        """Without ``ctx`` the window is the shell shown at start while the database opens; ``attach``
        then brings the data in (the clerk sees the window at once, not after SQLAlchemy and the first
        figures have loaded)."""
        super().__init__()
        self.ctx: AppContext | None = None
        self.hall_screen = None  # the hall screen while it is open (gui.hall_screen)
        self._data_actions: list[QAction] = []
        # set in attach(): the first QKeySequence loads Qt's enums (~30 ms) — after the window is shown
        self._shortcuts: list[tuple[QAction, str]] = []
        self.setWindowTitle("Tiếp xúc, đối thoại trực tiếp với Nhân dân")
        self.resize(QSize(1280, 760))
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:  # never larger than the screen the window opens on
            self.resize(min(1280, screen.width()), min(760, screen.height()))
        self.pages: dict[str, Page] = {}
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget(central)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Các trang")
        for key, title, _spec, shortcut in PAGES:
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} ({shortcut})")
            self.nav.addItem(item)
        # a calm column with room around each entry: the clerk finds the step of the cycle at a glance
        self.nav.setStyleSheet(
            f"QListWidget#navigation {{ background: {palette.NAVIGATION_BACKGROUND}; border: none;"
            f" border-right: 1px solid {palette.NAVIGATION_BORDER}; padding-top: 6px; }}"
            f"QListWidget#navigation::item {{ padding: 9px 14px; color: {palette.NAVIGATION_TEXT}; }}"
            f"QListWidget#navigation::item:selected {{ background: {palette.NAVIGATION_SELECTED}; color: white; }}")
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 48)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)
        self._build_menus()
        self._build_status_bar()
        if ctx is not None:
            self.attach(ctx)
        else:
            holder = QWidget(self.stack)  # "Đang mở dữ liệu…" in the middle (stretches: no Qt enums needed)
            grid = QGridLayout(holder)
            for i in (0, 2):
                grid.setRowStretch(i, 1)
                grid.setColumnStretch(i, 1)
            self.opening = QLabel("Đang mở dữ liệu…", holder)
            self.opening.setObjectName("opening")
            grid.addWidget(self.opening, 1, 1)
            self.stack.addWidget(holder)
            self.nav.setEnabled(False)
            for action in self._data_actions:
                action.setEnabled(False)

    def waiting_for(self, what: str, database_text: str) -> None:
        """The data is open but the window waits for a dialog (the first-run wizard, the password): the middle
        and the status bar say so instead of "Đang mở dữ liệu…"."""
        self.database_label.setText(database_text)
        if getattr(self, "opening", None) is not None:
            self.opening.setText(what)

    def attach(self, ctx: AppContext) -> None:
        """The database is open: the pages, menus and status bar now work on it."""
        self.ctx = ctx
        ctx.navigate_requested.connect(self.show_page)
        self.database_label.setText(f"Cơ sở dữ liệu: {ctx.database.description}")
        ctx.saved.connect(lambda when: None if getattr(self, "file_replaced", False) else
                          self.saved_label.setText(f"Đã lưu lúc {when:%H:%M:%S}"))
        self.refresh_profile()
        ctx.data_changed.connect(lambda topic, _initiator: self.refresh_profile() if topic == "settings" else None)
        self.nav.setEnabled(True)
        for action in self._data_actions:
            action.setEnabled(True)
        from PySide6.QtGui import QKeySequence

        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._watch_file()

    # -- the database file under the window ------------------------------------------------------------
    FILE_CHECK_MS = 3000

    def _watch_file(self) -> None:
        """A SQLite file replaced underneath (restored or copied over by hand while this window is open) is
        noticed within a few seconds, also when nothing is being saved: the window says so once and stops
        saving (every save is refused by Database.session, the typed text stays on screen)."""
        from PySide6.QtCore import QTimer

        self.file_replaced = False
        if getattr(self.ctx.database, "path", None) is None:
            return
        self._file_timer = QTimer(self)
        self._file_timer.setInterval(self.FILE_CHECK_MS)
        self._file_timer.timeout.connect(self.check_file)
        self._file_timer.start()

    def check_file(self) -> bool:
        """True (and said once) when the database file is no longer the one this window opened."""
        if self.file_replaced or self.ctx is None or not self.ctx.database.file_replaced():
            return self.file_replaced
        from PySide6.QtWidgets import QMessageBox

        from desk_app.store.database import REPLACED_MESSAGE

        self.file_replaced = True
        self._file_timer.stop()
        self.saved_label.setText("Ngừng lưu: tệp dữ liệu đã bị thay thế")
        self.saved_label.setStyleSheet(palette.style(palette.ERROR, bold=True))
        QMessageBox.warning(self, "Tệp dữ liệu đã bị thay thế",
                            REPLACED_MESSAGE.format(path=self.ctx.database.path))
        return True

    # -- pages ----------------------------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page with this key, created on first use."""
        if key not in self.pages:
            spec = next(spec for k, _t, spec, _s in PAGES if k == key)
            # Each page scrolls when the window is smaller than the page needs (1366×768 at 125 %: about
            # 1090×610 usable), instead of pushing the window past the screen's edge.
            from desk_app.gui.page_holder import PageHolder

            holder = PageHolder(self.stack)
            page = page_class(spec)(self.ctx, holder)
            page.setObjectName(f"page_{key}")
            holder.setWidget(page)
            self.pages[key] = page
            self.stack.addWidget(holder)
        return self.pages[key]

    def current_page(self) -> Page | None:
        from PySide6.QtWidgets import QScrollArea

        holder = self.stack.currentWidget()
        return holder.widget() if isinstance(holder, QScrollArea) else None

    def show_page(self, key: str, arg: object = None) -> Page:
        row = next(i for i, (k, *_rest) in enumerate(PAGES) if k == key)
        page = self.page(key)
        self.stack.setCurrentWidget(page.parentWidget().parentWidget())  # the page's scroll area
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        page.activate(arg)
        self.page_shown.emit(key)
        return page

    def _show_row(self, row: int) -> None:
        if self.ctx is not None and 0 <= row < len(PAGES):
            self.show_page(PAGES[row][0])

    def session_in_view(self) -> int | None:
        """The dialogue session the clerk is looking at: the live page's meeting, the session picked on the
        page on screen."""
        page = self.current_page()
        for owner in (page, self.pages.get("live")):
            found = getattr(owner, "meeting_id", None) or getattr(owner, "current_id", None)
            if isinstance(found, int):
                return found
        return None

    # -- the meeting away from the desk ---------------------------------------------------------------------
    def toggle_hall_screen(self) -> None:
        """F11: the hall screen opens (on the session of the live page) or closes."""
        from desk_app.gui.hall_screen import toggle

        toggle(self)

    def _package_action(self, name: str) -> None:
        from desk_app.gui import meeting_package_dialogs

        getattr(meeting_package_dialogs, name)(self)

    def closeEvent(self, event) -> None:  # noqa: N802 — the hall screen goes with the window
        if self.hall_screen is not None:
            self.hall_screen.close()
        super().closeEvent(event)

    # -- menus and status bar ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Tệp")
        self._add_data_actions(file_menu, (("&Sao lưu ra USB…", self.backup_to_file, "Ctrl+Shift+S"),
                                           ("&Khôi phục từ bản sao lưu…", self.restore_from_file, None),
                                           ("&Kiểm tra dữ liệu", self.check_database, None)))
        file_menu.addSeparator()
        quit_action = QAction("Th&oát", self)
        self._shortcuts.append((quit_action, "Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self._add_data_actions(bar.addMenu("Đi đế&n"), [
            (title, lambda _checked=False, k=key: self.show_page(k), shortcut) for key, title, _spec, shortcut in PAGES])
        self._add_data_actions(bar.addMenu("Hộ&i nghị"), (
            ("Màn hình &hội trường (mở / đóng)", self.toggle_hall_screen, "F11"), None,
            ("&Mang đi hội nghị…", lambda: self._package_action("take_out"), None),
            ("&Nhập kết quả hội nghị…", lambda: self._package_action("bring_back"), None),
            ("Mở &gói hội nghị…", lambda: self._package_action("open_package"), None)))
        help_menu = bar.addMenu("T&rợ giúp")
        guide = QAction("&Hướng dẫn sử dụng", self)
        self._shortcuts.append((guide, "F1"))  # the part of the page being used
        guide.triggered.connect(self.show_help)
        help_menu.addAction(guide)
        about = QAction("&Giới thiệu", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _add_data_actions(self, menu, entries) -> None:
        """(title, slot, shortcut or None) entries, None a separator: actions that need the data open."""
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            title, slot, shortcut = entry
            action = QAction(title, self)
            if shortcut:
                self._shortcuts.append((action, shortcut))
            action.triggered.connect(slot)
            menu.addAction(action)
            self._data_actions.append(action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.database_label = QLabel("Đang mở dữ liệu…")
        self.profile_label = QLabel("")
        self.saved_label = QLabel("Chưa có thay đổi")
        self.saved_label.setObjectName("saved_label")
        for label in (self.database_label, self.profile_label, self.saved_label):
            label.setContentsMargins(8, 0, 8, 0)
            status.addPermanentWidget(label)

    def refresh_profile(self) -> None:
        from desk_app.services.common import default_profile_row

        try:
            with self.ctx.session() as session:
                name = default_profile_row(session).name
        except Exception:  # noqa: BLE001 — the status bar must never stop the window opening
            name = ""
        self.profile_label.setText(f"Quy định: {name}" if name else "")

    # -- data safety --------------------------------------------------------------------------------------
    def backup_to_file(self) -> None:
        """"Sao lưu ra USB": one checked file, written in the worker."""
        import datetime as dt

        from desk_app.gui.common import after_export, save_file
        from desk_app.store.backup import write_backup

        target = save_file(self, "Sao lưu dữ liệu", f"sao-luu-{dt.date.today():%Y-%m-%d}.sqlite3",
                           "Bản sao lưu (*.sqlite3)")
        if target is None:
            return
        self.ctx.run_task(self, "Đang sao lưu…", lambda _progress: write_backup(self.ctx.database, target),
                          lambda path: after_export(self, path, f"Đã sao lưu toàn bộ dữ liệu vào:\n{path}"),
                          cancellable=False)

    def restore_from_file(self) -> None:
        """Restore replaces every record: checked, confirmed, the current data backed up, then the program
        closes so that it reopens on the restored data."""
        from PySide6.QtWidgets import QApplication

        from desk_app.gui.common import open_files
        from desk_app.gui.context import ask, show_error, show_info
        from desk_app.store.backup import check_backup_file, restore, sqlite_path

        if sqlite_path(self.ctx.database) is None:
            show_info(self, "Dữ liệu đang ở máy chủ PostgreSQL: khôi phục bằng công cụ của máy chủ (pg_restore).")
            return
        files = open_files(self, "Chọn bản sao lưu", "Bản sao lưu (*.sqlite3);;Mọi tệp (*)")
        if not files:
            return
        try:
            check_backup_file(files[0])
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese
            show_error(self, exc)
            return
        if not ask(self, f"Thay toàn bộ dữ liệu hiện tại bằng dữ liệu trong\n{files[0]}?\n\nDữ liệu hiện tại sẽ "
                         "được sao lưu trước; sau khi khôi phục chương trình sẽ đóng để mở lại."):
            return
        target = str(sqlite_path(self.ctx.database))
        self.ctx.wait_for_tasks()
        timer = getattr(self, "_file_timer", None)
        if timer is not None:
            timer.stop()  # this window replaces the file itself, then closes: no warning about it
        self.ctx.database.dispose()
        try:
            restore(target, files[0])
        except Exception as exc:  # noqa: BLE001 — shown in Vietnamese; the current file is untouched
            show_error(self, exc)
            return
        show_info(self, "Đã khôi phục dữ liệu. Chương trình sẽ đóng; hãy mở lại để làm việc tiếp.")
        QApplication.instance().quit()

    def check_database(self) -> None:
        from desk_app.gui.context import show_info
        from desk_app.services.integrity import check

        def done(problems: list[str]) -> None:
            if problems:
                show_info(self, "Phát hiện vấn đề:\n" + "\n".join(f"- {p}" for p in problems[:30]),
                          "Kiểm tra dữ liệu")
            else:
                show_info(self, "Dữ liệu toàn vẹn, không phát hiện vấn đề.", "Kiểm tra dữ liệu")

        self.ctx.run_task(self, "Đang kiểm tra dữ liệu…", lambda _progress: check(self.ctx.database), done,
                          cancellable=False)

    def show_help(self):
        """The user guide, open at the section of the page on screen (F1)."""
        from desk_app.gui.help_window import HelpWindow

        if getattr(self, "_help", None) is None:
            self._help = HelpWindow(self)
        page = self.current_page()
        self._help.show()
        self._help.raise_()
        self._help.show_section(page.title if page is not None else None)
        return self._help

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "Giới thiệu", f"Tiếp xúc, đối thoại trực tiếp với Nhân dân\nPhiên bản {__version__}")

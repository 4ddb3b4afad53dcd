"""Vietnamese for Qt's own words (standard buttons, file dialogs, text menus, wizards).

Qt ships no Vietnamese translation of qtbase, so this translator answers Qt's lookups from a table. The
program uses Qt's own (non-native) file dialogs so that they too are in Vietnamese on every Windows.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

_BUTTONS = {
    "OK": "Đồng ý", "&OK": "&Đồng ý", "Cancel": "Hủy", "&Cancel": "&Hủy", "Close": "Đóng", "&Close": "Đó&ng",
    "Save": "Lưu", "&Save": "&Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "&Open": "&Mở", "Apply": "Áp dụng",
    "Reset": "Đặt lại", "Help": "Trợ giúp", "&Help": "&Trợ giúp", "Discard": "Bỏ qua", "Don't Save": "Không lưu",
    "Close without Saving": "Đóng không lưu", "Yes": "Có", "&Yes": "&Có", "Yes to All": "Có với tất cả",
    "Yes to &All": "Có với &tất cả", "No": "Không", "&No": "&Không", "No to All": "Không với tất cả",
    "N&o to All": "Không với tất &cả", "Abort": "Hủy bỏ", "Retry": "Thử lại", "Ignore": "Bỏ qua",
    "Restore Defaults": "Khôi phục mặc định", "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…", "&Choose": "&Chọn", "Choose": "Chọn",
}
_TEXT_MENU = {
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "Cắ&t", "&Copy": "&Sao chép", "&Paste": "&Dán",
    "Delete": "Xóa", "Select All": "Chọn tất cả", "Copy &Link Location": "Sao chép địa chỉ liên kết",
    "Insert Unicode control character": "Chèn ký tự điều khiển Unicode",
}
_FILE_DIALOG = {
    "Look in:": "Tìm trong:", "&Look in:": "&Tìm trong:", "&Choose": "&Chọn", "Choose": "Chọn",
    "&File name:": "Tên &tệp:", "Folder &name:": "Tên thư &mục:", "File &name:": "Tên &tệp:", "Files of type:": "Loại tệp:",
    "Files of &type:": "&Loại tệp:", "Show ": "Hiện ", "Back": "Quay lại",
    "Forward": "Tiến tới", "Parent Directory": "Thư mục cha", "Create New Folder": "Tạo thư mục mới",
    "List View": "Dạng danh sách", "Detail View": "Dạng chi tiết", "New Folder": "Thư mục mới",
    "All Files (*)": "Mọi tệp (*)", "Directories": "Thư mục", "Directory:": "Thư mục:", "Save As": "Lưu thành",
    "Find Directory": "Chọn thư mục", "Show hidden files": "Hiện tệp ẩn", "&Rename": "Đổi &tên",
    "&Delete": "&Xóa", "Show &hidden files": "Hiện tệp &ẩn", "&New Folder": "Thư mục &mới",
    "Recent Places": "Nơi đã mở gần đây", "My Computer": "Máy tính", "Computer": "Máy tính",
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nCó ghi đè không?",
    "Are you sure you want to delete '%1'?": "Có chắc muốn xóa “%1” không?",
    "Name": "Tên", "Size": "Kích thước", "Type": "Loại", "Kind": "Loại", "Date Modified": "Ngày sửa",
    "File": "Tệp", "Folder": "Thư mục", "Drive": "Ổ đĩa", "Unknown": "Không rõ",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    "Sidebar": "Thanh bên", "Open": "Mở", "&Open": "&Mở", "&Save": "&Lưu", "Cancel": "Hủy",
}
_WIZARD = {"< &Back": "< &Quay lại", "&Next": "&Tiếp", "&Next >": "&Tiếp >", "&Finish": "&Hoàn tất",
           "Cancel": "Hủy", "&Help": "&Trợ giúp", "Go Back": "Quay lại", "Continue": "Tiếp tục",
           "Commit": "Xác nhận", "Done": "Xong", "Help": "Trợ giúp"}

_PRINT_PREVIEW = {
    "Print Preview": "Xem trước khi in", "First page": "Trang đầu", "Previous page": "Trang trước",
    "Next page": "Trang sau", "Last page": "Trang cuối", "Fit width": "Vừa chiều rộng", "Fit page": "Vừa trang",
    "Zoom in": "Phóng to", "Zoom out": "Thu nhỏ", "Portrait": "Trang dọc", "Landscape": "Trang ngang",
    "Show single page": "Xem từng trang", "Show facing pages": "Xem hai trang",
    "Show overview of all pages": "Xem tất cả các trang", "Page setup": "Thiết lập trang", "Print": "In",
    "Export to PDF": "Xuất ra PDF", "Export": "Xuất",
}

# the type column of the file dialogs ("Folder", "txt File")
_FILE_TYPES = {"Folder": "Thư mục", "File Folder": "Thư mục", "Drive": "Ổ đĩa", "File": "Tệp", "%1 File": "Tệp %1",
               "Alias": "Lối tắt", "Shortcut": "Lối tắt", "Unknown": "Không rõ"}

CONTEXTS = {
    "QAbstractFileIconProvider": _FILE_TYPES, "QFileIconProvider": _FILE_TYPES,
    "QPrintPreviewDialog": _PRINT_PREVIEW,
    "QPlatformTheme": _BUTTONS, "QDialogButtonBox": _BUTTONS, "QMessageBox": _BUTTONS,
    "QProgressDialog": {"Cancel": "Hủy"}, "QInputDialog": _BUTTONS,
    "QLineEdit": _TEXT_MENU, "QWidgetTextControl": _TEXT_MENU, "QTextControl": _TEXT_MENU,
    "QFileDialog": _FILE_DIALOG, "QFileSystemModel": _FILE_DIALOG, "QFileInfoGatherer": _FILE_DIALOG,
    "QWizard": _WIZARD, "QShortcut": {"Ctrl": "Ctrl", "Shift": "Shift", "Alt": "Alt", "Del": "Del"},
    "QAbstractSpinBox": {"&Step up": "&Tăng", "Step &down": "&Giảm", "&Select All": "Chọn &tất cả"},
    "QScrollBar": {"Scroll here": "Cuộn đến đây", "Left edge": "Cạnh trái", "Top": "Trên cùng",
                   "Right edge": "Cạnh phải", "Bottom": "Dưới cùng", "Page left": "Sang trái một trang",
                   "Page up": "Lên một trang", "Page right": "Sang phải một trang", "Page down": "Xuống một trang",
                   "Scroll left": "Cuộn trái", "Scroll up": "Cuộn lên", "Scroll right": "Cuộn phải",
                   "Scroll down": "Cuộn xuống"},
    "QCalendarWidget": {"Previous Month": "Tháng trước", "Next Month": "Tháng sau", "Today": "Hôm nay"},
}

# The standard-button words a page may show: the "no English" test walks the windows looking for these.
ENGLISH_STANDARD_WORDS = frozenset({
    "OK", "Cancel", "Close", "Save", "Open", "Apply", "Reset", "Help", "Discard", "Yes", "No", "Abort", "Retry",
    "Ignore", "&OK", "&Cancel", "&Yes", "&No", "&Close", "&Save", "&Open", "Restore Defaults", "Show Details...",
    "< &Back", "&Next >", "&Finish", "Look in:", "File &name:", "Files of type:", "&Look in:", "&Choose", "Choose",
    "Folder", "File Folder",
})


class VietnameseTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 — Qt's name
        table = CONTEXTS.get(context)
        if table is not None and source_text in table:
            return table[source_text]
        return None  # Qt falls back to the source text (or another translator)

    def isEmpty(self) -> bool:  # noqa: N802 — Qt's name
        return False

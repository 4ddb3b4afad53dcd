"""The kinds of document and their names, without python-docx: the window's menus and the CLI's choices
need them before any document is written (python-docx, docxtpl and openpyxl load on the first export)."""

from __future__ import annotations

from desk_app.domain.official import PARTY, STATE

KINDS = ("plan", "notice", "invitation", "registration-form", "minutes", "conclusion", "reply", "extension",
         "upward-proposal", "annual-report")
FORMATS = (STATE, PARTY)
SESSION_KINDS = ("plan", "notice", "invitation", "registration-form", "minutes", "conclusion", "upward-proposal")
PETITION_KINDS = ("reply", "extension")
YEAR_KINDS = ("annual-report",)

KIND_LABELS = {
    "plan": "Kế hoạch tổ chức hội nghị",
    "notice": "Thông báo tổ chức hội nghị",
    "invitation": "Giấy mời",
    "registration-form": "Phiếu đăng ký nội dung phát biểu",
    "minutes": "Biên bản hội nghị",
    "conclusion": "Thông báo kết luận",
    "reply": "Văn bản trả lời kiến nghị",
    "extension": "Văn bản thông báo gia hạn",
    "upward-proposal": "Văn bản đề nghị cấp trên giải quyết",
    "annual-report": "Báo cáo kết quả năm",
}
FORMAT_LABELS = {"state": "thể thức hành chính", "party": "thể thức của Đảng"}


def template_name(kind: str, fmt: str) -> str:
    return f"{kind}.{fmt}.docx"

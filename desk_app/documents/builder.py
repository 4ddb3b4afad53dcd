"""Writes the shipped Word templates (``resources/templates/<kind>.<format>.docx``) with python-docx.

The templates are docxtpl (Jinja2 inside Word) files a clerk may copy and edit in Word; this module is
how the originals are made, so their layout follows the rules exactly and both formats share one
description. Regenerate with ``python -m desk_app.documents.builder`` after changing it (a test checks
the shipped files are up to date). The variables are documented in ``resources/templates/README.md``.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm, Mm, Pt

from desk_app.documents.docx_format import (
    LINE_FULL, LINE_SHORT, SPECS, FormatSpec, add_page_field, cant_split, fixed_widths, grid_table_borders,
    no_table_borders, paragraph_border, repeat_header_row, set_run_font, zero_cell_margins)
from desk_app.documents.kinds import FORMATS, KINDS, template_name  # noqa: F401 — re-exported
from desk_app.domain.official import PARTY, STATE

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT



class Builder:
    """One template being written: the page set-up, then blocks of paragraphs and tables."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.spec: FormatSpec = SPECS[fmt]
        self.doc = Document()
        self._setup()

    # -- page, styles, header -------------------------------------------------------------------------
    def _setup(self) -> None:
        spec = self.spec
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.orientation = WD_ORIENT.PORTRAIT
        section.top_margin, section.bottom_margin = Mm(spec.top), Mm(spec.bottom)
        section.left_margin, section.right_margin = Mm(spec.left), Mm(spec.right)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(spec.body)
        r_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            r_fonts.set(_qn(slot), "Times New Roman")
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        for name in (LINE_SHORT, LINE_FULL):
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(2)
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.line_spacing = Pt(2)
        # page numbers: centred in the header, not on page 1 (NĐ 30)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = CENTER
        add_page_field(header, spec.page_number)
        section.first_page_header.paragraphs[0].text = ""

    # -- paragraphs ----------------------------------------------------------------------------------
    def para(self, text: str = "", *, size: float | None = None, bold: bool = False, italic: bool = False,
             align=JUSTIFY, indent: bool = True, before: float = 0, after: float | None = None,
             keep_next: bool = False, container=None, runs: list[tuple[str, dict]] | None = None):
        spec = self.spec
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph()
        fmt = paragraph.paragraph_format
        paragraph.alignment = align
        fmt.first_line_indent = Cm(spec.first_indent_cm) if indent and align == JUSTIFY else Cm(0)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(spec.after_pt if after is None else after)
        fmt.line_spacing = spec.line_spacing
        fmt.keep_with_next = keep_next
        parts = runs if runs is not None else [(text, {})]
        for part_text, style in parts:
            run = paragraph.add_run(part_text)
            set_run_font(run, style.get("size", size or spec.body), bold=style.get("bold", bold),
                         italic=style.get("italic", italic))
        return paragraph

    def tag(self, text: str, container=None) -> None:
        """A paragraph holding only a docxtpl control tag ({%p …%}); docxtpl removes the paragraph."""
        self.para(text, align=LEFT, indent=False, after=0, container=container)

    def body(self, text: str, **kw):
        return self.para(text, **kw)

    def heading(self, text: str, **kw):
        """"I. MỤC ĐÍCH, YÊU CẦU" / "1. Mục đích": bold, kept with what follows."""
        return self.para(text, bold=True, keep_next=True, **kw)

    def loop(self, head: str, item_text: str, *, tail: str = "{%p endfor %}", container=None, **kw) -> None:
        """One paragraph repeated for each item of a list."""
        self.tag(head, container)
        self.para(item_text, container=container, **kw)
        self.tag(tail, container)

    def paragraphs(self, variable: str, **kw) -> None:
        """A text the clerk wrote, one paragraph per line of it."""
        self.loop(f"{{%p for line in {variable} %}}", "{{ line }}", **kw)

    def line(self, style: str, container=None) -> None:
        target = container if container is not None else self.doc
        paragraph = target.add_paragraph(style=style)
        paragraph.alignment = CENTER
        paragraph_border(paragraph, "top")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def number_each_section_from_one(self) -> None:
        """Every section of this template starts its page numbers at 1 (a separate letter each)."""
        _number_from_one(self.doc.sections[0]._sectPr)

    def section_break(self) -> None:
        """End the section here: what follows starts on a new page as a document of its own (page numbers from
        1, none on its first page)."""
        import copy

        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        properties = copy.deepcopy(self.doc.sections[0]._sectPr)
        _number_from_one(properties)
        paragraph._p.get_or_add_pPr().append(properties)

    # -- blocks --------------------------------------------------------------------------------------
    def header(self, *, letter: bool = False, numbered: bool = True) -> None:
        """The two-column header: issuing body and number (left), national title or party name and
        the place and date (right)."""
        spec = self.spec
        party = self.fmt == PARTY
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        no_table_borders(table)
        zero_cell_margins(table)
        left_w = 64 if not party else 84  # the national title at 13 pt bold needs ~97 mm
        fixed_widths(table, [left_w, spec.text_width_mm - left_w])
        top_left, top_right = table.rows[0].cells
        bottom_left, bottom_right = table.rows[1].cells
        for cell in (top_left, top_right, bottom_left, bottom_right):
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        self.tag("{%p if superior %}", top_left)
        self.para("{{ superior }}", size=spec.superior, align=CENTER, after=0, container=top_left)
        self.tag("{%p endif %}", top_left)
        self.para("{{ issuer }}", size=spec.issuer, bold=True, align=CENTER, after=0, container=top_left)
        if party:
            self.para("*", size=spec.issuer, align=CENTER, after=0, container=top_left)
        else:
            self.line(LINE_SHORT, top_left)
        if party:
            self.para("ĐẢNG CỘNG SẢN VIỆT NAM", size=spec.nation, bold=True, align=CENTER, after=0,
                      container=top_right)
        else:
            self.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=spec.nation, bold=True, align=CENTER, after=0,
                      container=top_right)
            self.para("Độc lập - Tự do - Hạnh phúc", size=spec.motto, bold=True, align=CENTER, after=0,
                      container=top_right)
        self.line(LINE_FULL, top_right)
        if numbered:
            self.para("{{ number_line }}", size=spec.number, align=CENTER, after=0, before=4, container=bottom_left)
        else:
            self.para("", size=spec.number, align=CENTER, after=0, container=bottom_left)
        if letter:
            self.para("{{ subject }}", size=spec.subject, italic=party, align=CENTER, after=0, container=bottom_left)
        self.para("{{ place_date }}", size=spec.date, italic=True, align=CENTER, after=0, before=4,
                  container=bottom_right)

    def title(self, doc_type: str | None, summary: str | None = "{{ summary }}") -> None:
        spec = self.spec
        if doc_type is not None:
            self.para(doc_type, size=spec.doc_type, bold=True, align=CENTER, before=18, after=0, keep_next=True)
        if summary is not None:
            self.para(summary, size=spec.summary, bold=True, align=CENTER, after=0, keep_next=True)
            self.line(LINE_SHORT)
        self.para("", after=0)

    def legal_bases(self) -> None:
        self.loop("{%p for basis in legal_bases %}", "{{ basis }}", italic=True)

    def addressees(self) -> None:
        """"Kính gửi: X." on one line, or "Kính gửi:" and one recipient per line."""
        self.tag("{%p if addressees|length == 1 %}")
        self.para("", align=CENTER, indent=False, runs=[("Kính gửi: ", {}), ("{{ addressees[0] }}", {})])
        self.tag("{%p else %}")
        table = self.doc.add_table(rows=1, cols=2)
        no_table_borders(table)
        zero_cell_margins(table)
        fixed_widths(table, [45, self.spec.text_width_mm - 45])
        left, right = table.rows[0].cells
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
        self.para("Kính gửi:", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, after=0, container=left)
        self.loop("{%p for line in addressees %}", "- {{ line }}", align=LEFT, indent=False, after=0,
                  container=right)
        self.tag("{%p endif %}")
        self.para("", after=0)

    def signature(self, *, recipients: bool = True) -> None:
        """Nơi nhận (left: bold italic 12, recipients 11) beside the signature block (right)."""
        spec = self.spec
        table = self.doc.add_table(rows=1, cols=2)
        no_table_borders(table)
        zero_cell_margins(table)
        fixed_widths(table, [80, spec.text_width_mm - 80])
        cant_split(table.rows[0])
        left, right = table.rows[0].cells
        left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
        right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
        if recipients:
            self.para("Nơi nhận:", size=spec.recipients_label, bold=True, italic=True, align=LEFT, indent=False,
                      after=0, before=6, container=left)
            self.loop("{%p for line in recipients %}", "- {{ line }}", size=spec.recipients, align=LEFT,
                      indent=False, after=0, container=left)
        else:
            self.para("", container=left)
        self.loop("{%p for line in signature.lines %}", "{{ line }}", size=spec.signature, bold=True,
                  align=CENTER, indent=False, after=0, container=right)
        for i in range(4):
            self.para("", align=CENTER, after=0, before=6 if i == 0 else 0, container=right)
        self.para("{{ signature.name }}", size=spec.signature, bold=True, align=CENTER, after=0, container=right)

    def table(self, columns: list[tuple[str, float, str]], rows_variable: str, *, size: float | None = None) -> None:
        """A bordered table: a bold header row repeated on every page, then one row per item."""
        size = size or self.spec.table
        table = self.doc.add_table(rows=4, cols=len(columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid_table_borders(table)
        zero_cell_margins(table, 1.5)
        fixed_widths(table, [width for _title, width, _expr in columns])
        head = table.rows[0]
        repeat_header_row(head)
        cant_split(head)
        for cell, (title, _w, _e) in zip(head.cells, columns):
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            self.para(title, size=size, bold=True, align=CENTER, after=2, before=2, indent=False, container=cell)
        start, data, end = table.rows[1], table.rows[2], table.rows[3]
        start.cells[0].paragraphs[0].add_run(f"{{%tr for row in {rows_variable} %}}")
        end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
        cant_split(data)
        for i, (cell, (_t, _w, expr)) in enumerate(zip(data.cells, columns)):
            # The repeated row carries a paragraph style, not direct formatting: a 2,000-row annex is then
            # a third of the XML to render and save (the look is the same: Times New Roman, the size, 2 pt).
            paragraph = cell.paragraphs[0]
            paragraph.style = self._cell_style(size, CENTER if expr.startswith("!") else LEFT)
            paragraph.add_run("{{ %s }}" % expr.lstrip("!"))

    def _cell_style(self, size: float, align):
        name = f"Ô bảng {size:g}" + (" giữa" if align == CENTER else "")
        try:
            return self.doc.styles[name]
        except KeyError:
            pass
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.font.size = Pt(size)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Cm(0)
        fmt.space_before = fmt.space_after = Pt(2)
        fmt.line_spacing = self.spec.line_spacing
        fmt.keep_with_next = False
        return style

    def save(self, path: Path) -> None:
        buffer = io.BytesIO()
        props = self.doc.core_properties
        props.author = props.last_modified_by = "desk_app"
        props.title = path.stem
        props.revision = 1
        # fixed dates: rebuilding an unchanged template gives the same file (no churn in the repository)
        props.created = props.modified = dt.datetime(2026, 1, 1)
        self.doc.save(buffer)
        path.write_bytes(_stable_zip(buffer.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """The same package with fixed member dates, so an unchanged template is the same file."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


# CT_SectPr's children in schema order (ECMA-376, wml.xsd).
_SECTPR_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
                 "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
                 "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def _number_from_one(sect_pr) -> None:
    from docx.oxml import OxmlElement

    existing = sect_pr.find(_qn("w:pgNumType"))
    if existing is None:
        existing = OxmlElement("w:pgNumType")
        rank = {_qn(f"w:{name}"): i for i, name in enumerate(_SECTPR_ORDER)}
        mine = rank[_qn("w:pgNumType")]
        after = next((child for child in sect_pr if rank.get(child.tag, len(rank)) > mine), None)
        if after is not None:
            after.addprevious(existing)
        else:
            sect_pr.append(existing)
    existing.set(_qn("w:start"), "1")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn
    return qn(tag)


# -- the ten documents ------------------------------------------------------------------------------------
# The fixed wording of each document is written here, into its template: the code supplies only what varies
# (names, dates, counts, the numbers of the documents cited). A clerk changes a sentence in Word; the next
# export uses it.

def _chair_sentence(b: Builder) -> None:
    b.body("{{ session.chair }} chủ trì hội nghị.{% if session.co_chairs %} Đồng chủ trì: "
           "{{ session.co_chairs_head }}.{% endif %}")


def _theme(b: Builder) -> None:
    b.tag("{%p if session.thematic and session.theme %}")
    b.body("Hội nghị tiếp xúc, đối thoại chuyên đề về {{ session.theme }}.")
    b.tag("{%p endif %}")


def _content(b: Builder) -> None:
    """The session's content as the clerk wrote it, else the standard wording (seed 002, II.2)."""
    _theme(b)
    b.tag("{%p if content %}")
    b.paragraphs("content")
    b.tag("{%p else %}")
    b.body("Lắng nghe ý kiến, kiến nghị, tâm tư, nguyện vọng của Nhân dân; trực tiếp giải đáp và chỉ đạo các cơ "
           "quan, đơn vị căn cứ chức năng, nhiệm vụ giải quyết những kiến nghị cụ thể của Nhân dân ngay tại hội "
           "nghị.")
    b.tag("{%p endif %}")


def _plan(b: Builder) -> None:
    b.header()
    b.title("KẾ HOẠCH")
    b.legal_bases()
    b.body("{{ issuer_name }} xây dựng Kế hoạch tổ chức {{ session.title_lower }} như sau:")
    b.heading("I. MỤC ĐÍCH, YÊU CẦU")
    b.heading("1. Mục đích")
    b.tag("{%p if purpose %}")
    b.paragraphs("purpose")
    b.tag("{%p else %}")
    b.body("Trực tiếp nắm bắt tâm tư, nguyện vọng, phản ánh, kiến nghị của Nhân dân để kịp thời giải quyết những "
           "vấn đề bức xúc ngay từ cơ sở, đáp ứng nguyện vọng hợp pháp, chính đáng của Nhân dân.")
    b.body("Nâng cao chất lượng, hiệu quả công tác tuyên truyền, phổ biến chủ trương, nghị quyết của Đảng, chính "
           "sách, pháp luật của Nhà nước; bảo đảm an ninh, trật tự, an toàn xã hội trên địa bàn.")
    b.body("Củng cố, tăng cường niềm tin của Nhân dân đối với sự lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính "
           "quyền; phát huy quyền làm chủ của Nhân dân, nâng cao trách nhiệm phục vụ Nhân dân của đội ngũ cán bộ, "
           "công chức.")
    b.tag("{%p endif %}")
    b.heading("2. Yêu cầu")
    b.tag("{%p if requirements %}")
    b.paragraphs("requirements")
    b.tag("{%p else %}")
    b.body("Việc tiếp xúc, đối thoại trực tiếp với Nhân dân phải đúng quy định của pháp luật; bảo đảm dân chủ, công "
           "khai, minh bạch, khách quan, an toàn và hiệu quả.")
    b.body("Việc trả lời ý kiến, kiến nghị của Nhân dân phải đúng trọng tâm, ngắn gọn, dễ hiểu, đúng quy định; "
           "những nội dung chưa trả lời được tại hội nghị phải được giao cơ quan, đơn vị giải quyết và trả lời bằng "
           "văn bản đúng thời hạn.")
    b.tag("{%p endif %}")
    b.heading("II. NỘI DUNG")
    b.heading("1. Người chủ trì và thành phần tham dự")
    _chair_sentence(b)
    b.body("Thành phần tham dự:")
    b.loop("{%p for line in participants %}", "- {{ line }}")
    b.body("Đối tượng tiếp xúc, đối thoại: {{ session.audience_lower }}.")
    b.heading("2. Nội dung tiếp xúc, đối thoại")
    _content(b)
    b.heading("3. Hình thức, chế độ, thời gian, địa điểm")
    b.body("- Hình thức: {{ session.form }}.")
    b.body("- Chế độ: {{ session.regime }}.")
    b.body("- Thời gian: {{ session.when }}.")
    b.body("- Địa điểm: {{ session.place }}.")
    b.tag("{%p if session.bridge_points %}")
    b.body("- Các điểm cầu:")
    b.loop("{%p for point in session.bridge_points %}", "+ Điểm cầu {{ point }}{% if loop.last %}.{% else %};"
                                                        "{% endif %}")
    b.tag("{%p endif %}")
    b.heading("4. Trình tự tiếp xúc, đối thoại")
    b.heading("4.1. Công tác chuẩn bị")
    b.body("Chuẩn bị cơ sở vật chất và các điều kiện cần thiết; xây dựng chương trình hội nghị.")
    b.body("Rà soát, thống kê, tổng hợp, phân loại nội dung, mức độ cấp thiết của các vấn đề Nhân dân kiến nghị, "
           "phản ánh, nhất là các kiến nghị đã nêu nhiều lần nhưng chưa được giải quyết{% if repeated %} (hiện có "
           "{{ repeated }} kiến nghị){% endif %}; chuyển các cơ quan, đơn vị liên quan chuẩn bị nội dung trả lời.")
    b.tag("{%p if previous %}")
    b.body("Báo cáo kết quả giải quyết {{ previous.petitions }} kiến nghị của hội nghị ngày {{ previous.date }}.")
    b.tag("{%p endif %}")
    b.body("Thông báo công khai kế hoạch trên hệ thống truyền thanh, niêm yết tại trụ sở và gửi giấy mời kèm phiếu "
           "đăng ký nội dung phát biểu {{ deadlines.notice_sentence }}.")
    b.body("Công dân gửi phiếu đăng ký nội dung phát biểu về {{ office }} hoặc qua Trưởng thôn, tổ dân phố trước "
           "ngày {{ deadlines.registration_deadline }}.")
    b.heading("4.2. Chương trình hội nghị")
    b.body("a) Lãnh đạo {{ office }} tuyên bố lý do, giới thiệu người chủ trì, thành phần tham dự, nội dung, chương "
           "trình, nội quy hội nghị; cử thư ký ghi biên bản, tổng hợp ý kiến và đăng ký phát biểu của Nhân dân.")
    b.body("b) Người chủ trì thông tin đến Nhân dân về kết quả lãnh đạo, chỉ đạo, điều hành và những nội dung trọng "
           "tâm của hội nghị.")
    b.body("c) Công dân phát biểu ý kiến theo thứ tự, nội dung đã đăng ký; sau đó những người khác phát biểu theo sự "
           "điều hành của người chủ trì.")
    b.body("d) Lãnh đạo các cơ quan, đơn vị báo cáo, trả lời những ý kiến, kiến nghị thuộc chức năng, nhiệm vụ được "
           "người chủ trì phân công.")
    b.body("đ) Người chủ trì giải thích, tiếp thu ý kiến và kết luận; những nội dung chưa giải quyết được tại hội "
           "nghị được phân công cơ quan, đơn vị có trách nhiệm giải quyết, trả lời bằng văn bản; thư ký đọc biên "
           "bản, hội nghị thông qua biên bản.")
    b.heading("4.3. Sau hội nghị")
    b.loop("{%p for step in deadlines.after_steps %}", "{{ step }}.")
    b.body("Người chủ trì thông báo ý kiến kết luận bằng văn bản đến các cơ quan, đơn vị "
           "{{ deadlines.conclusion_sentence }}; chỉ đạo phân công các cơ quan, đơn vị giải quyết.")
    b.body("Các cơ quan, đơn vị được phân công xem xét, giải quyết và trả lời bằng văn bản cho công dân "
           "{{ deadlines.answer_sentence }}; trường hợp cần thêm thời gian phải thông báo bằng văn bản cho công dân "
           "về thời hạn trả lời mới.")
    b.body("Những nội dung vượt quá thẩm quyền, tham mưu văn bản đề nghị cấp trên xem xét, giải quyết.")
    b.body("{{ office }} theo dõi, đôn đốc việc giải quyết; công khai kết quả tại trụ sở, trên hệ thống truyền "
           "thanh và gửi Trưởng các thôn, tổ dân phố.")
    b.heading("III. TỔ CHỨC THỰC HIỆN")
    b.tag("{%p if tasks %}")
    b.tag("{%p for task in tasks %}")
    b.heading("{{ loop.index }}. {{ task.assignee }}")
    b.paragraphs("task.lines")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.heading("1. {{ office }}")
    b.body("Tham mưu xây dựng kế hoạch, chương trình hội nghị; tổng hợp ý kiến, kiến nghị và đăng ký phát biểu; "
           "chuẩn bị cơ sở vật chất và các điều kiện cần thiết; cử thư ký ghi biên bản; theo dõi, đôn đốc việc giải "
           "quyết kiến nghị sau hội nghị.")
    b.tag("{%p if directs_offices %}")
    b.heading("2. Các cơ quan chuyên môn, Công an {{ place_kind }}")
    b.body("Cử lãnh đạo tham dự hội nghị; chuẩn bị nội dung trả lời các kiến nghị thuộc chức năng, nhiệm vụ; giải "
           "quyết và trả lời bằng văn bản các kiến nghị được giao theo ý kiến kết luận của người chủ trì, báo cáo "
           "kết quả về {{ issuer_short }}. Công an {{ place_kind }} bố trí lực lượng bảo đảm an ninh, trật tự cho "
           "hội nghị.")
    b.tag("{%p else %}")
    b.heading("2. Đề nghị Ủy ban nhân dân {{ place_kind }}")
    b.body("Chỉ đạo các cơ quan chuyên môn, Công an {{ place_kind }} cử lãnh đạo tham dự hội nghị, chuẩn bị nội "
           "dung trả lời các kiến nghị thuộc chức năng, nhiệm vụ; giải quyết, trả lời bằng văn bản các kiến nghị "
           "theo ý kiến kết luận của người chủ trì và báo cáo kết quả về {{ issuer_short }}.")
    b.tag("{%p endif %}")
    b.heading("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {{ place_kind }} và các tổ chức chính trị - xã hội")
    b.body("Nắm bắt tâm tư, nguyện vọng, ý kiến, kiến nghị của đoàn viên, hội viên và Nhân dân; tuyên truyền, vận "
           "động Nhân dân tham dự hội nghị; cử lãnh đạo tham gia hội nghị và giám sát việc giải quyết kiến nghị.")
    b.heading("4. Trưởng các thôn, tổ dân phố")
    b.body("Thông báo rộng rãi kế hoạch đến Nhân dân; phát, thu phiếu đăng ký nội dung phát biểu và gửi về "
           "{{ office }} đúng thời hạn.")
    b.tag("{%p endif %}")
    b.body("Căn cứ nội dung Kế hoạch, {{ issuer_short }} {% if directs_offices %}yêu cầu{% else %}đề nghị{% endif %} "
           "các cơ quan, đơn vị, cá nhân liên quan triển khai thực hiện./.", keep_next=True)
    b.signature()


def _notice(b: Builder) -> None:
    b.header()
    b.title("THÔNG BÁO")
    b.body("Thực hiện Kế hoạch số {{ plan.reference }} ngày {{ plan.date }} về tổ chức {{ session.title_lower }}, "
           "{{ issuer_name }} thông báo như sau:")
    b.heading("1. Thời gian")
    b.body("{{ session.when_sentence }}")
    b.heading("2. Địa điểm")
    b.body("{{ session.place }}{% if session.bridge_points %}; các điểm cầu: {{ session.bridge_points_text }}"
           "{% endif %}.")
    b.heading("3. Người chủ trì")
    _chair_sentence(b)
    b.heading("4. Nội dung")
    _content(b)
    b.heading("5. Thành phần tham dự")
    b.body("Mời {{ session.audience_lower }} quan tâm đến dự; các cơ quan, đơn vị được mời theo giấy mời.")
    b.heading("6. Đăng ký phát biểu")
    b.body("Công dân có ý kiến, kiến nghị ghi vào phiếu đăng ký nội dung phát biểu (nhận tại {{ office }} hoặc "
           "Trưởng thôn, tổ dân phố) và gửi về {{ office }} hoặc Trưởng thôn, tổ dân phố trước ngày "
           "{{ deadlines.registration_deadline }}.")
    b.body("Công dân chưa đăng ký trước vẫn được đăng ký phát biểu tại hội nghị theo sự điều hành của người chủ trì.")
    b.body("Đề nghị Trưởng các thôn, tổ dân phố, Đài truyền thanh thông báo rộng rãi để Nhân dân biết, tham dự./.",
           keep_next=True)
    b.signature()


def _invitation(b: Builder) -> None:
    """One letter, or one per invitee: each its own section, numbered from its own first page (no "page 2 … 16"
    on separate letters); the registration form follows in a section of its own."""
    b.number_each_section_from_one()
    b.tag("{%p for copy in copies %}")
    b.header()
    b.title("GIẤY MỜI")
    b.body("{{ issuer_name }} trân trọng kính mời:")
    b.loop("{%p for invitee in copy.invitees %}", "{{ invitee }}", bold=True, after=0)
    b.body("", runs=[("Tới dự: ", {"bold": True}), ("{{ session.title }}.", {})])
    b.body("", runs=[("Chủ trì: ", {"bold": True}), ("{{ session.chair }}{% if session.co_chairs %}; đồng chủ trì: "
                                                     "{{ session.co_chairs_text }}{% endif %}.", {})])
    b.body("", runs=[("Thời gian: ", {"bold": True}), ("{{ session.when }}.", {})])
    b.body("", runs=[("Địa điểm: ", {"bold": True}), ("{{ session.place }}{% if session.bridge_points %}; các điểm "
                                                      "cầu: {{ session.bridge_points_text }}{% endif %}.", {})])
    b.body("Đề nghị các cơ quan, đơn vị chuẩn bị nội dung trả lời các ý kiến, kiến nghị thuộc lĩnh vực phụ trách; "
           "phiếu đăng ký nội dung phát biểu gửi kèm, nhận lại trước ngày {{ deadlines.registration_deadline }}.")
    b.body("Rất mong {% if copy.invitees|length == 1 %}đồng chí{% else %}các đồng chí{% endif %} đến dự đúng thời "
           "gian, địa điểm./.", keep_next=True)
    b.signature()
    b.tag("{%p if not loop.last %}")
    b.section_break()
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p if registration_form %}")
    b.section_break()
    b.para("{{p registration_form }}", align=LEFT, indent=False)
    b.tag("{%p endif %}")


def _registration_form(b: Builder) -> None:
    """One A4 page in both formats: the blanks a citizen fills in and the fields to tick."""
    spec = b.spec
    b.header(numbered=False)
    b.para("PHIẾU ĐĂNG KÝ NỘI DUNG PHÁT BIỂU", size=spec.doc_type, bold=True, align=CENTER, before=10, after=0,
           keep_next=True)
    b.para("{{ summary }}", size=spec.summary, bold=True, align=CENTER, after=0, keep_next=True)
    b.line(LINE_SHORT)
    b.para("Thời gian: {{ session.when }}; địa điểm: {{ session.place }}.", italic=True, align=CENTER, indent=False,
           after=4, size=13)
    width = spec.text_width_mm

    def dotted(label_runs: list[tuple[str, dict]], stops: list[float]) -> None:
        paragraph = b.para("", align=LEFT, indent=False, after=2, runs=label_runs, size=13)
        for stop in stops:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(stop), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    dotted([("Họ và tên: ", {}), ("\t", {}), (" Năm sinh: ", {}), ("\t", {})], [width - 40, width])
    dotted([("Địa chỉ (thôn, tổ dân phố): ", {}), ("\t", {})], [width])
    dotted([("Điện thoại liên hệ: ", {}), ("\t", {})], [width])
    b.para("", align=LEFT, indent=False, after=2, size=13,
           runs=[("Đại diện cho: ", {}), ("☐ Cá nhân\u2003☐ Hộ gia đình\u2003☐ Nhóm hộ (…… hộ)\u2003☐ Tổ chức", {})])
    b.para("Lĩnh vực (đánh dấu vào ô phù hợp):", align=LEFT, indent=False, after=0, size=13)
    table = b.doc.add_table(rows=3, cols=2)
    no_table_borders(table)
    zero_cell_margins(table)
    fixed_widths(table, [width / 2, width / 2])
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for row in field_rows %}")
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for cell, key in zip(table.rows[1].cells, ("left", "right")):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        b.para("{%% if row.%s %%}☐ {{ row.%s }}{%% endif %%}" % (key, key), align=LEFT, indent=False, after=0,
               container=cell, size=12)
    b.para("Nội dung đăng ký phát biểu (ý kiến, kiến nghị):", align=LEFT, indent=False, before=4, after=2, size=13)
    for _ in range(5):
        dotted([("\t", {})], [width])
    b.para("Phiếu gửi về {{ office }} hoặc Trưởng thôn, tổ dân phố trước ngày {{ return_deadline }}. Công dân chưa "
           "đăng ký trước được đăng ký thêm tại hội nghị.", italic=True, align=LEFT, indent=False, before=2, after=2,
           size=12)
    table = b.doc.add_table(rows=1, cols=2)
    no_table_borders(table)
    zero_cell_margins(table)
    fixed_widths(table, [width / 2 - 10, width / 2 + 10])
    cant_split(table.rows[0])
    left, right = table.rows[0].cells
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    b.para("{{ form_place_date }}", italic=True, size=13, align=CENTER, after=0, container=right)
    b.para("NGƯỜI ĐĂNG KÝ", bold=True, size=13, align=CENTER, after=0, container=right)
    b.para("(Ký và ghi rõ họ tên)", italic=True, align=CENTER, after=0, container=right, size=13)


def _minutes(b: Builder) -> None:
    spec = b.spec
    b.header()
    b.title("BIÊN BẢN")
    b.body("Vào hồi {{ start_time }}, {{ start_day }}, tại {{ session.place }}{% if session.online %} (hình thức "
           "trực tuyến, kết nối với các điểm cầu: {{ session.bridge_points_text }}){% endif %}, {{ issuer_name }} "
           "tổ chức {{ session.title_lower }}.")
    b.heading("I. THÀNH PHẦN THAM DỰ")
    b.body("1. Chủ trì: {{ session.chair }}.")
    b.tag("{%p if session.co_chairs %}")
    b.body("Đồng chủ trì: {{ session.co_chairs_head }}.")
    b.tag("{%p endif %}")
    b.tag("{%p if delegates %}")
    b.body("2. Đại biểu:")
    b.loop("{%p for line in delegates %}", "- {{ line }}")
    b.tag("{%p else %}")
    b.body("2. Đại biểu: đại diện các cơ quan, đơn vị theo giấy mời.")
    b.tag("{%p endif %}")
    b.body("3. Số người tham dự: {{ citizens }} công dân; {{ delegates_count }} đại biểu.")
    b.body("4. Thư ký hội nghị: {{ secretary_text }}.")
    b.heading("II. NỘI DUNG HỘI NGHỊ")
    b.heading("a) Tuyên bố lý do, giới thiệu đại biểu, chương trình, nội quy; cử thư ký")
    b.tag("{%p if steps.a %}")
    b.paragraphs("steps.a")
    b.tag("{%p else %}")
    b.body("Đại diện lãnh đạo {{ office }} tuyên bố lý do, giới thiệu đại biểu, người chủ trì, chương trình và nội "
           "quy hội nghị; hội nghị thống nhất cử {{ secretary_mid }} làm thư ký ghi biên bản.")
    b.tag("{%p endif %}")
    b.heading("b) Người chủ trì thông tin đến Nhân dân")
    b.tag("{%p if steps.b %}")
    b.body("{{ session.chair }} thông tin đến Nhân dân:")
    b.paragraphs("steps.b")
    b.tag("{%p else %}")
    b.body("{{ session.chair }} thông tin đến Nhân dân kết quả lãnh đạo, chỉ đạo, điều hành và những nội dung trọng "
           "tâm của hội nghị.")
    b.tag("{%p endif %}")
    b.heading("c) Nhân dân phát biểu ý kiến")
    b.paragraphs("steps.c")
    b.tag("{%p if opinions %}")
    b.body("Có {{ opinions|length }} ý kiến phát biểu của Nhân dân:")
    b.tag("{%p for op in opinions %}")
    b.para("", runs=[("{{ op.number }}. {{ op.speaker }}{% if op.place %} ({{ op.place }}){% endif %}:",
                      {"bold": True})], keep_next=True)
    b.paragraphs("op.lines")
    b.tag("{%p for answer in op.answers %}")
    b.para("", runs=[("{{ answer.who }} trả lời: ", {"italic": True}), ("{{ answer.text }}", {})])
    b.tag("{%p endfor %}")
    b.tag("{%p if op.outcome %}")
    b.para("", runs=[("Kết quả: {{ op.outcome }}.", {"italic": True})])
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.body("Không có ý kiến phát biểu.")
    b.tag("{%p endif %}")
    b.heading("d) Lãnh đạo cơ quan, đơn vị báo cáo, trả lời")
    b.tag("{%p if answerers %}")
    b.body("Lãnh đạo các cơ quan, đơn vị và đại biểu đã báo cáo, trả lời trực tiếp các ý kiến thuộc chức năng, "
           "nhiệm vụ được người chủ trì phân công (nội dung trả lời ghi tại từng ý kiến ở mục c):")
    b.loop("{%p for a in answerers %}", "- {{ a.who }}: ý kiến số {{ a.numbers }}.")
    b.tag("{%p else %}")
    b.body("Các ý kiến đã được người chủ trì trả lời trực tiếp tại mục c; không có báo cáo riêng của lãnh đạo cơ quan, "
           "đơn vị.")
    b.tag("{%p endif %}")
    b.paragraphs("steps.d")
    b.heading("đ) Người chủ trì giải thích, tiếp thu và kết luận")
    b.body("{{ session.chair }} giải thích, tiếp thu ý kiến của Nhân dân và kết luận hội nghị (nội dung kết luận ghi "
           "tại phần III).")
    b.paragraphs("steps.dd")
    b.heading("III. KẾT LUẬN CỦA NGƯỜI CHỦ TRÌ")
    b.paragraphs("conclusion")
    b.tag("{%p if end_time %}")
    b.body("Hội nghị kết thúc vào hồi {{ end_time }}{% if ends_same_day %} cùng ngày{% else %} ngày {{ end_day }}"
           "{% endif %}.")
    b.tag("{%p else %}")
    b.body("Hội nghị kết thúc vào hồi …… giờ …… phút cùng ngày.")
    b.tag("{%p endif %}")
    b.body("Biên bản đã được đọc lại và thông qua tại hội nghị; các thành viên tham dự thống nhất với nội dung "
           "biên bản./.", keep_next=True)
    table = b.doc.add_table(rows=1, cols=2)
    no_table_borders(table)
    zero_cell_margins(table)
    half = spec.text_width_mm / 2
    fixed_widths(table, [half, half])
    cant_split(table.rows[0])
    for cell, role, name in zip(table.rows[0].cells, ("THƯ KÝ", "CHỦ TỌA"), ("secretary_name", "chair_name")):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        b.para(role, size=spec.signature, bold=True, align=CENTER, before=12, after=0, container=cell)
        for _ in range(4):
            b.para("", align=CENTER, after=0, container=cell)
        b.para("{{ %s }}" % name, size=spec.signature, bold=True, align=CENTER, after=0, container=cell)
    b.para("Nơi nhận:", size=spec.recipients_label, bold=True, italic=True, align=LEFT, indent=False, before=12,
           after=0)
    b.loop("{%p for line in recipients %}", "- {{ line }}", size=spec.recipients, align=LEFT, indent=False, after=0)


def _conclusion(b: Builder) -> None:
    b.header()
    b.title("THÔNG BÁO")
    b.body("Ngày {{ held_on }}, tại {{ session.place }}, {{ session.chair_mid }} chủ trì{% if session.co_chairs %}, "
           "{{ session.co_chairs_text }} đồng chủ trì{% endif %} {{ session.title_lower }}{% if attendance %}, với "
           "sự tham dự của {{ attendance }}{% endif %}.")
    b.body("Tại hội nghị có {{ counts.opinions }} ý kiến phát biểu của Nhân dân, ghi nhận {{ counts.petitions }} kiến "
           "nghị{% if counts.answered %}, trong đó {{ counts.answered }} kiến nghị đã được trả lời, giải thích rõ tại "
           "hội nghị{% endif %}. Sau khi nghe ý kiến của Nhân dân và báo cáo, giải trình của các cơ quan, đơn vị, "
           "{{ session.chair_mid }}{% if session.co_chairs %} cùng các đồng chí đồng chủ trì{% endif %} đã kết luận "
           "hội nghị. {{ issuer_name }} thông báo ý kiến kết luận như sau:")
    b.heading("1. Kết luận chung")
    b.paragraphs("conclusion")
    b.heading("2. Ý kiến kết luận đối với các kiến nghị cụ thể")
    b.tag("{%p if rows %}")
    b.table([("STT", 12, "!row.number"), ("Người kiến nghị (địa chỉ)", 29, "row.citizen"),
             ("Nội dung kiến nghị", 41, "row.content"), ("Ý kiến kết luận", 39, "row.conclusion"),
             ("Cơ quan chủ trì giải quyết", 21, "row.agency"), ("Thời hạn", 23, "!row.due")],
            "rows")
    b.para("", after=0)
    b.tag("{%p else %}")
    b.body("Các ý kiến của công dân đã được trả lời, giải thích rõ tại hội nghị.")
    b.tag("{%p endif %}")
    b.heading("3. Tổ chức thực hiện")
    b.tag("{%p if directs_offices %}")
    b.body("Các cơ quan, đơn vị được giao chủ trì giải quyết xem xét, giải quyết và trả lời bằng văn bản cho công dân "
           "{{ deadlines.answer_sentence }}, đồng thời báo cáo kết quả về {{ issuer_short }} (qua {{ office }}).")
    b.tag("{%p else %}")
    b.body("Đề nghị Ủy ban nhân dân {{ place_kind }} chỉ đạo các cơ quan, đơn vị được phân công chủ trì xem xét, giải "
           "quyết và trả lời bằng văn bản cho công dân {{ deadlines.answer_sentence }}, đồng thời báo cáo kết quả về "
           "{{ issuer_short }}.")
    b.tag("{%p endif %}")
    b.body("Trường hợp cần thêm thời gian, cơ quan, đơn vị phải thông báo bằng văn bản cho công dân về lý do và thời "
           "hạn trả lời mới.")
    b.body("{{ office }} theo dõi, đôn đốc, tổng hợp kết quả giải quyết, báo cáo người chủ trì.")
    b.body("{{ issuer_name }} thông báo để các cơ quan, đơn vị và Nhân dân biết, thực hiện./.", keep_next=True)
    b.signature()


def _letter_opening(b: Builder) -> None:
    b.header(letter=True)
    b.para("", after=6)
    b.addressees()
    b.body("Ngày {{ session.date }}, tại {{ session.title_lower }}, {{ citizen.title }} có kiến nghị: "
           "“{{ petition.content }}”.")


def _reply(b: Builder) -> None:
    """The written answer to the citizen (a công văn)."""
    _letter_opening(b)
    b.tag("{%p if notice %}")
    b.body("Thực hiện Thông báo số {{ notice.reference }} ngày {{ notice.date }}{% if notice.issuer != issuer_name %} "
           "của {{ notice.issuer }}{% endif %} về kết luận của người chủ trì hội nghị, {{ issuer_name }} trả lời như "
           "sau:")
    b.tag("{%p else %}")
    b.body("Về nội dung này, {{ issuer_name }} trả lời như sau:")
    b.tag("{%p endif %}")
    b.paragraphs("answer")
    b.body("{{ issuer_name }} trả lời để {{ citizen.title_mid }} được biết./.", keep_next=True)
    b.signature()


def _extension(b: Builder) -> None:
    """More time to answer, told to the citizen in writing with the new deadline (001 Điều 9.3b)."""
    _letter_opening(b)
    b.body("{% if notice %}Thực hiện Thông báo số {{ notice.reference }} ngày {{ notice.date }}"
           "{% if notice.issuer != issuer_name %} của {{ notice.issuer }}{% endif %}, kiến nghị{% else %}Kiến nghị"
           "{% endif %} được giao {{ extension.agency or 'cơ quan chuyên môn' }} xem xét, giải quyết"
           "{% if extension.previous_due %}, thời hạn trả lời là ngày {{ extension.previous_due }}{% endif %}.")
    b.body("Tuy nhiên, {{ extension.reason }}, nên cần thêm thời gian để xem xét, giải quyết.")
    b.body("{{ issuer_name }} thông báo để {{ citizen.title_mid }} được biết: thời hạn trả lời kiến nghị được gia hạn "
           "đến ngày {{ extension.new_due }}. Kết quả giải quyết sẽ được trả lời bằng văn bản.")
    b.body("Rất mong {{ citizen.title_mid }} thông cảm./.", keep_next=True)
    b.signature()


def _upward(b: Builder) -> None:
    b.header(letter=True)
    b.para("", after=6)
    b.addressees()
    b.body("Ngày {{ session.date }}, {{ issuer_name }} tổ chức {{ session.title_lower }}{% if notice %}; ý kiến kết "
           "luận của người chủ trì đã được thông báo tại Thông báo số {{ notice.reference }} ngày {{ notice.date }}"
           "{% endif %}. Tại hội nghị, công dân có {{ items|length }} kiến nghị vượt quá thẩm quyền giải quyết của "
           "cấp {{ place_kind }}.")
    b.body("{{ issuer_name }} kính đề nghị {{ bodies_text }} xem xét, giải quyết các nội dung sau:")
    b.tag("{%p for item in items %}")
    b.para("", runs=[("{{ loop.index }}. Kiến nghị của {{ item.citizen }}{% if item.place %} ({{ item.place }})"
                      "{% endif %}{% if item.field %}, lĩnh vực {{ item.field }}{% endif %}", {"bold": True})],
           keep_next=True)
    b.body("Nội dung: {{ item.content }}.")
    b.tag("{%p if item.conclusion %}")
    b.body("Ý kiến của người chủ trì hội nghị: {{ item.conclusion }}.")
    b.tag("{%p endif %}")
    b.body("Cơ quan đề nghị xem xét, giải quyết: {{ item.body }}.")
    b.tag("{%p endfor %}")
    b.body("Kính đề nghị {{ bodies_text }} xem xét, giải quyết và có văn bản trả lời để {{ issuer_name }} thông tin "
           "đến công dân./.", keep_next=True)
    b.signature()


def _annual_report(b: Builder) -> None:
    spec = b.spec
    b.header()
    b.title("BÁO CÁO")
    b.addressees()
    b.body("Thực hiện quy định về tiếp xúc, đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với Nhân dân "
           "({{ profile_name }}), {{ issuer_name }} báo cáo kết quả năm {{ year }} như sau:")
    b.heading("I. CÔNG TÁC TỔ CHỨC")
    b.body("Trong năm {{ year }}, đã xây dựng kế hoạch {{ figures.sessions_total }} cuộc tiếp xúc, đối thoại trực "
           "tiếp với Nhân dân; đã tổ chức {{ figures.sessions_held }} cuộc{% if hosts_text %} ({{ hosts_text }})"
           "{% endif %}{% if figures.sessions_cancelled %}, {{ figures.sessions_cancelled }} cuộc hủy{% endif %}"
           "{% if figures.sessions_upcoming %}, {{ figures.sessions_upcoming }} cuộc chưa tổ chức{% endif %}.")
    b.body("Chế độ: {{ figures.periodic }} cuộc định kỳ, {{ figures.ad_hoc }} cuộc đột xuất{% if forms_text %}. Hình "
           "thức: {{ forms_text }}{% endif %}.")
    b.body("Có {{ figures.citizens_attending }} lượt công dân và {{ figures.delegates_attending }} lượt đại biểu tham "
           "dự; {{ figures.registrations }} lượt đăng ký phát biểu ({{ figures.walk_ins }} đăng ký tại hội nghị, "
           "{{ figures.refused }} trường hợp từ chối đối thoại theo quy định); {{ figures.opinions }} ý kiến phát "
           "biểu.")
    b.tag("{%p if session_rows %}")
    b.table([("STT", 12, "!row.number"), ("Ngày", 24, "!row.date"), ("Người chủ trì", 42, "row.chair"),
             ("Hình thức, chế độ", 33, "row.form"), ("Công dân dự", 18, "!row.citizens"),
             ("Ý kiến", 18, "!row.opinions"), ("Kiến nghị", 18, "!row.petitions")], "session_rows")
    b.para("", after=0)
    b.tag("{%p endif %}")
    b.body("Việc thực hiện nghĩa vụ tổ chức tiếp xúc, đối thoại hằng năm ({{ profile_name }}):")
    b.paragraphs("compliance")
    b.heading("II. KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI VÀ GIẢI QUYẾT KIẾN NGHỊ")
    b.body("Tổng số ý kiến, kiến nghị của Nhân dân: {{ figures.petitions }} kiến nghị. Trong đó:")
    b.body("- Đã trả lời, giải thích rõ tại hội nghị: {{ figures.answered_at_meeting }} kiến nghị ({{ pct.answered }}).")
    b.body("- Đã giải quyết, trả lời bằng văn bản: {{ figures.resolved }} kiến nghị ({{ pct.resolved }}), trong đó "
           "đúng hạn {{ figures.resolved_on_time }}, quá hạn {{ figures.resolved_late }}{% if avg_days %}; thời gian "
           "giải quyết bình quân {{ avg_days }} ngày làm việc{% endif %}.")
    b.body("- Đang giải quyết: {{ figures.in_progress }} kiến nghị (trong hạn {{ figures.open_not_due }}, quá hạn "
           "{{ figures.open_overdue }}).")
    b.body("- Đã đề nghị cấp trên giải quyết: {{ figures.transferred }} kiến nghị; không thuộc thẩm quyền: "
           "{{ figures.not_competent }} kiến nghị.")
    b.body("- Kiến nghị đã nêu từ lần thứ hai trở lên: {{ figures.raised_more_than_once }} kiến nghị.")
    b.body("Tỷ lệ kiến nghị đã được trả lời, giải quyết: {{ pct.closed }}.")
    b.tag("{%p if field_rows %}")
    b.body("Kết quả theo lĩnh vực:")
    b.table([("STT", 12, "!row.number"), ("Lĩnh vực", 53, "row.field"), ("Tổng số", 20, "!row.total"),
             ("Trả lời tại hội nghị", 22, "!row.answered"), ("Đã giải quyết", 20, "!row.resolved"),
             ("Đang giải quyết", 20, "!row.open"), ("Chuyển cấp trên, không thuộc thẩm quyền", 23, "!row.other")],
            "field_rows")
    b.para("", after=0)
    b.tag("{%p else %}")
    b.body("Trong kỳ báo cáo chưa có kiến nghị.")
    b.tag("{%p endif %}")
    b.tag("{%p if chart_fields %}")
    b.para("{{ chart_fields }}", align=CENTER, indent=False, after=0)
    b.para("Biểu đồ 1. Kiến nghị theo lĩnh vực", italic=True, size=spec.table, align=CENTER, indent=False)
    b.tag("{%p endif %}")
    b.tag("{%p if chart_outcomes %}")
    b.para("{{ chart_outcomes }}", align=CENTER, indent=False, after=0)
    b.para("Biểu đồ 2. Kết quả giải quyết kiến nghị", italic=True, size=spec.table, align=CENTER, indent=False)
    b.tag("{%p endif %}")
    b.heading("III. ĐÁNH GIÁ")
    b.heading("1. Ưu điểm")
    b.paragraphs("strengths")
    b.heading("2. Hạn chế")
    b.paragraphs("weaknesses")
    b.heading("3. Nguyên nhân")
    b.paragraphs("causes")
    b.heading("IV. PHƯƠNG HƯỚNG, KIẾN NGHỊ")
    b.paragraphs("directions")
    b.body("Trên đây là báo cáo kết quả tiếp xúc, đối thoại trực tiếp với Nhân dân năm {{ year }} của "
           "{{ issuer_name }}./.", keep_next=True)
    b.signature()
    # Phụ lục: every petition, on landscape pages (NĐ 30 allows landscape for a wide annex table); its first page
    # is not the document's first, so it carries its number
    section = b.doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(spec.top), Mm(spec.bottom)
    section.left_margin, section.right_margin = Mm(spec.left), Mm(spec.right)
    section.different_first_page_header_footer = False
    b.para("PHỤ LỤC", size=spec.doc_type, bold=True, align=CENTER, after=0)
    b.para("DANH SÁCH KIẾN NGHỊ CỦA NHÂN DÂN NĂM {{ year }}", size=spec.summary, bold=True, align=CENTER, after=0)
    b.para("(Kèm theo Báo cáo số {{ reference }} ngày {{ date }} của {{ issuer_name }}; số liệu tính đến ngày "
           "{{ as_of }})", italic=True, align=CENTER, after=6)
    b.table([("STT", 12, "!row.number"), ("Ngày hội nghị", 22, "!row.date"),
             ("Người kiến nghị (địa chỉ)", 38, "row.citizen"), ("Lĩnh vực", 26, "row.field"),
             ("Nội dung kiến nghị", 63, "row.content"), ("Cơ quan giải quyết", 30, "row.agency"),
             ("Hạn giải quyết", 22, "!row.due"), ("Tình trạng", 26, "row.status"), ("Ngày giải quyết", 23, "!row.resolved")],
            "annex_rows", size=11)


BUILDERS = {
    "plan": _plan, "notice": _notice, "invitation": _invitation, "registration-form": _registration_form,
    "minutes": _minutes, "conclusion": _conclusion, "reply": _reply, "extension": _extension,
    "upward-proposal": _upward, "annual-report": _annual_report,
}


def build(kind: str, fmt: str) -> Builder:
    builder = Builder(fmt)
    BUILDERS[kind](builder)
    return builder


def build_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        for fmt in FORMATS:
            path = folder / template_name(kind, fmt)
            build(kind, fmt).save(path)
            written.append(path)
    return written


if __name__ == "__main__":  # python -m desk_app.documents.builder [FOLDER]
    from desk_app.documents.templates import BUILTIN_DIR

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else BUILTIN_DIR
    for written_path in build_all(target):
        print(written_path)

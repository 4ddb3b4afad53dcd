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


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn
    return qn(tag)


# -- the ten documents ------------------------------------------------------------------------------------

def _plan(b: Builder) -> None:
    b.header()
    b.title("KẾ HOẠCH")
    b.legal_bases()
    b.body("{{ intro }}")
    b.heading("I. MỤC ĐÍCH, YÊU CẦU")
    b.heading("1. Mục đích")
    b.paragraphs("purpose")
    b.heading("2. Yêu cầu")
    b.paragraphs("requirements")
    b.heading("II. NỘI DUNG")
    b.heading("1. Người chủ trì và thành phần tham dự")
    b.paragraphs("chair_lines")
    b.body("Thành phần tham dự:")
    b.loop("{%p for line in participants %}", "- {{ line }}")
    b.body("Đối tượng tiếp xúc, đối thoại: {{ session.target_audience }}")
    b.heading("2. Nội dung tiếp xúc, đối thoại")
    b.paragraphs("content")
    b.heading("3. Hình thức, chế độ, thời gian, địa điểm")
    b.body("- Hình thức: {{ session.form }}.")
    b.body("- Chế độ: {{ session.regime }}.")
    b.body("- Thời gian: {{ session.when }}.")
    b.body("- Địa điểm: {{ session.place }}.")
    b.loop("{%p for point in session.bridge_points %}", "+ Điểm cầu {{ point }}.")
    b.heading("4. Trình tự tiếp xúc, đối thoại")
    b.heading("4.1. Công tác chuẩn bị")
    b.paragraphs("preparation")
    b.heading("4.2. Chương trình hội nghị")
    b.paragraphs("agenda")
    b.heading("4.3. Sau hội nghị")
    b.paragraphs("after_session")
    b.heading("III. TỔ CHỨC THỰC HIỆN")
    b.tag("{%p for task in tasks %}")
    b.heading("{{ loop.index }}. {{ task.assignee }}")
    b.paragraphs("task.lines")
    b.tag("{%p endfor %}")
    b.body("{{ closing }}", keep_next=True)
    b.signature()


def _notice(b: Builder) -> None:
    b.header()
    b.title("THÔNG BÁO")
    b.body("{{ intro }}")
    b.heading("1. Thời gian")
    b.body("{{ session.when_sentence }}")
    b.heading("2. Địa điểm")
    b.body("{{ session.place }}.")
    b.loop("{%p for point in session.bridge_points %}", "- Điểm cầu {{ point }}.")
    b.heading("3. Người chủ trì")
    b.paragraphs("chair_lines")
    b.heading("4. Nội dung")
    b.paragraphs("content")
    b.heading("5. Thành phần tham dự")
    b.body("{{ attendance }}")
    b.heading("6. Đăng ký phát biểu")
    b.paragraphs("registration_lines")
    b.body("{{ closing }}", keep_next=True)
    b.signature()


def _invitation(b: Builder) -> None:
    b.tag("{%p for copy in copies %}")
    b.header()
    b.title("GIẤY MỜI")
    b.body("", runs=[("{{ issuer_name }} trân trọng kính mời:", {})])
    b.loop("{%p for invitee in copy.invitees %}", "{{ invitee }}", bold=True, after=0)
    b.body("", runs=[("Tới dự: ", {"bold": True}), ("{{ event }}.", {})])
    b.body("", runs=[("Chủ trì: ", {"bold": True}), ("{{ chair_text }}.", {})])
    b.body("", runs=[("Thời gian: ", {"bold": True}), ("{{ session.when }}.", {})])
    b.body("", runs=[("Địa điểm: ", {"bold": True}), ("{{ session.place }}.", {})])
    b.paragraphs("notes")
    b.body("{{ closing }}", keep_next=True)
    b.signature()
    b.tag("{%p if not loop.last %}")
    b.page_break()
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p if registration_form %}")
    b.page_break()
    b.para("{{p registration_form }}", align=LEFT, indent=False)
    b.tag("{%p endif %}")


def _registration_form(b: Builder) -> None:
    spec = b.spec
    b.header(numbered=False)
    b.title("PHIẾU ĐĂNG KÝ NỘI DUNG PHÁT BIỂU", summary="{{ summary }}")
    width = spec.text_width_mm

    def dotted(label_runs: list[tuple[str, dict]], stops: list[float]) -> None:
        paragraph = b.para("", align=LEFT, indent=False, after=4, runs=label_runs)
        for stop in stops:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(stop), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    dotted([("Họ và tên: ", {}), ("\t", {}), (" Năm sinh: ", {}), ("\t", {})], [width - 40, width])
    dotted([("Địa chỉ (thôn, tổ dân phố): ", {}), ("\t", {})], [width])
    dotted([("Điện thoại liên hệ: ", {}), ("\t", {})], [width])
    b.para("", align=LEFT, indent=False, after=4,
           runs=[("Đại diện cho: ", {}), ("☐ Cá nhân   ☐ Hộ gia đình   ☐ Nhóm hộ (…… hộ)   ☐ Tổ chức", {})])
    b.para("Lĩnh vực (đánh dấu vào ô phù hợp):", align=LEFT, indent=False, after=2)
    table = b.doc.add_table(rows=3, cols=2)
    no_table_borders(table)
    zero_cell_margins(table)
    fixed_widths(table, [width / 2, width / 2])
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for row in field_rows %}")
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for cell, key in zip(table.rows[1].cells, ("left", "right")):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        b.para("{%% if row.%s %%}☐ {{ row.%s }}{%% endif %%}" % (key, key), align=LEFT, indent=False, after=0,
               container=cell)
    b.para("Nội dung đăng ký phát biểu (ý kiến, kiến nghị):", align=LEFT, indent=False, before=6, after=4)
    for _ in range(6):
        dotted([("\t", {})], [width])
    b.para("{{ return_note }}", italic=True, align=JUSTIFY, before=6)
    table = b.doc.add_table(rows=1, cols=2)
    no_table_borders(table)
    zero_cell_margins(table)
    fixed_widths(table, [width / 2 - 10, width / 2 + 10])
    left, right = table.rows[0].cells
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    b.para("{{ form_place_date }}", italic=True, size=spec.date, align=CENTER, after=0, container=right)
    b.para("NGƯỜI ĐĂNG KÝ", bold=True, size=spec.signature, align=CENTER, after=0, container=right)
    b.para("(Ký và ghi rõ họ tên)", italic=True, align=CENTER, after=0, container=right)


def _minutes(b: Builder) -> None:
    spec = b.spec
    b.header()
    b.title("BIÊN BẢN")
    b.body("{{ opening }}")
    b.heading("I. THÀNH PHẦN THAM DỰ")
    b.paragraphs("chair_lines")
    b.body("- Đại biểu tham dự:")
    b.loop("{%p for line in participants %}", "+ {{ line }}")
    b.body("- {{ attendance }}")
    b.body("- Thư ký hội nghị: {{ secretary_text }}.")
    b.heading("II. NỘI DUNG HỘI NGHỊ")
    b.tag("{%p for step in steps %}")
    b.heading("{{ step.title }}")
    b.paragraphs("step.lines")
    b.tag("{%p if step.opinions %}")
    b.tag("{%p for op in step.opinions %}")
    b.para("", runs=[("{{ op.number }}. {{ op.speaker }}", {"bold": True}), ("{{ op.speaker_tail }}", {})])
    b.paragraphs("op.lines")
    b.tag("{%p for answer in op.answers %}")
    b.para("", runs=[("{{ answer.who }}", {"italic": True}), ("{{ answer.text }}", {})])
    b.tag("{%p endfor %}")
    b.tag("{%p if op.outcome %}")
    b.para("", runs=[("Kết quả: ", {"italic": True}), ("{{ op.outcome }}.", {"italic": True})])
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.heading("III. KẾT LUẬN CỦA NGƯỜI CHỦ TRÌ")
    b.paragraphs("conclusion")
    b.body("{{ ending }}")
    b.body("Biên bản đã được đọc lại và thông qua tại hội nghị; các thành viên tham dự thống nhất với nội dung "
           "biên bản./.")
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
    b.paragraphs("intro")
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
    b.paragraphs("implementation")
    b.body("{{ closing }}", keep_next=True)
    b.signature()


def _letter_body(b: Builder, body: str) -> None:
    b.header(letter=True)
    b.para("", after=6)
    b.addressees()
    b.paragraphs(body)


def _letter(b: Builder) -> None:
    """The reply and the extension letter: a công văn to the citizen."""
    _letter_body(b, "lines")
    b.signature()


def _upward(b: Builder) -> None:
    _letter_body(b, "intro")
    b.tag("{%p for item in items %}")
    b.para("", runs=[("{{ loop.index }}. {{ item.title }}", {"bold": True})], keep_next=True)
    b.paragraphs("item.lines")
    b.tag("{%p endfor %}")
    b.paragraphs("closing")
    b.signature()


def _annual_report(b: Builder) -> None:
    spec = b.spec
    b.header()
    b.title("BÁO CÁO")
    b.addressees()
    b.paragraphs("intro")
    b.heading("I. CÔNG TÁC TỔ CHỨC")
    b.paragraphs("organisation")
    b.tag("{%p if session_rows %}")
    b.table([("STT", 12, "!row.number"), ("Ngày", 24, "!row.date"), ("Người chủ trì", 42, "row.chair"),
             ("Hình thức, chế độ", 33, "row.form"), ("Công dân dự", 18, "!row.citizens"),
             ("Ý kiến", 18, "!row.opinions"), ("Kiến nghị", 18, "!row.petitions")], "session_rows")
    b.para("", after=0)
    b.tag("{%p endif %}")
    b.paragraphs("compliance")
    b.heading("II. KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI VÀ GIẢI QUYẾT KIẾN NGHỊ")
    b.paragraphs("results")
    b.tag("{%p if field_rows %}")
    b.table([("STT", 12, "!row.number"), ("Lĩnh vực", 53, "row.field"), ("Tổng số", 20, "!row.total"),
             ("Trả lời tại hội nghị", 22, "!row.answered"), ("Đã giải quyết", 20, "!row.resolved"),
             ("Đang giải quyết", 20, "!row.open"), ("Chuyển cấp trên, không thuộc thẩm quyền", 23, "!row.other")],
            "field_rows")
    b.para("", after=0)
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
    b.body("{{ closing }}", keep_next=True)
    b.signature()
    # Phụ lục: every petition, on landscape pages (NĐ 30 allows landscape for a wide annex table)
    section = b.doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(spec.top), Mm(spec.bottom)
    section.left_margin, section.right_margin = Mm(spec.left), Mm(spec.right)
    b.para("PHỤ LỤC", size=spec.doc_type, bold=True, align=CENTER, after=0)
    b.para("{{ annex_title }}", size=spec.summary, bold=True, align=CENTER, after=0)
    b.para("{{ annex_subtitle }}", italic=True, align=CENTER, after=6)
    b.table([("STT", 12, "!row.number"), ("Ngày hội nghị", 22, "!row.date"),
             ("Người kiến nghị (địa chỉ)", 38, "row.citizen"), ("Lĩnh vực", 26, "row.field"),
             ("Nội dung kiến nghị", 63, "row.content"), ("Cơ quan giải quyết", 30, "row.agency"),
             ("Hạn giải quyết", 22, "!row.due"), ("Tình trạng", 26, "row.status"), ("Ngày giải quyết", 23, "!row.resolved")],
            "annex_rows", size=11)


BUILDERS = {
    "plan": _plan, "notice": _notice, "invitation": _invitation, "registration-form": _registration_form,
    "minutes": _minutes, "conclusion": _conclusion, "reply": _letter, "extension": _letter,
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

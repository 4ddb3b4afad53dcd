"""The official .docx layout (NĐ 30/2020 Phụ lục I; Hướng dẫn 36-HD/VPTW) in python-docx terms.

Used twice: by the template builder (which writes the shipped templates in ``resources/templates``) and
after rendering (the short lines under the issuing body, the motto and the summary are sized to the
text that was actually rendered). Sizes are points, lengths millimetres.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desk_app.domain.official import PARTY, STATE, bold_text_width_mm

FONT = "Times New Roman"
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297

# Paragraph styles that mark the short lines; the renderer sizes them (fraction of the text above).
LINE_SHORT = "Kẻ ngắn"  # 1/3–1/2 of the text above: under the issuing body and the summary
LINE_FULL = "Kẻ bằng dòng"  # as long as the text above: under the motto / "ĐẢNG CỘNG SẢN VIỆT NAM"
LINE_FRACTIONS = {LINE_SHORT: 0.45, LINE_FULL: 1.0}
MIN_LINE_MM = 12


@dataclass(frozen=True)
class FormatSpec:
    fmt: str
    top: float
    bottom: float
    left: float
    right: float
    superior: float  # superior body (upper, not bold)
    issuer: float  # issuing body (upper, bold)
    number: float  # "Số: 05/KH-UBND"
    nation: float  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "ĐẢNG CỘNG SẢN VIỆT NAM"
    motto: float  # "Độc lập - Tự do - Hạnh phúc"
    date: float  # place and date, italic
    doc_type: float  # KẾ HOẠCH, THÔNG BÁO …
    summary: float  # trích yếu
    subject: float  # "V/v …" of a công văn
    body: float
    page_number: float
    signature: float  # authority, title and name
    recipients_label: float = 12  # "Nơi nhận:" bold italic
    recipients: float = 11
    table: float = 12  # text in tables
    first_indent_cm: float = 1.27
    after_pt: float = 6
    line_spacing: float = 1.15

    @property
    def text_width_mm(self) -> float:
        return PAGE_WIDTH_MM - self.left - self.right


SPECS = {
    STATE: FormatSpec(STATE, top=20, bottom=20, left=30, right=15, superior=13, issuer=13, number=13, nation=13,
                      motto=14, date=14, doc_type=14, summary=14, subject=12, body=14, page_number=13,
                      signature=14),
    PARTY: FormatSpec(PARTY, top=20, bottom=20, left=30, right=15, superior=14, issuer=14, number=14, nation=15,
                      motto=15, date=14, doc_type=16, summary=14, subject=12, body=14, page_number=14,
                      signature=14),
}


def set_run_font(run, size: float | None = None, *, bold: bool | None = None, italic: bool | None = None) -> None:
    """Times New Roman on every script slot (Word picks the East Asian slot for some Vietnamese text)."""
    run.font.name = FONT
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic


def paragraph_border(paragraph, edge: str = "top", size_eighths: int = 6) -> None:
    """A solid border on one edge of a paragraph: the official "short line" drawn under a text."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr comes before spacing/indentation/alignment in the schema order.
        anchor = next((p_pr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")
                       if p_pr.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            p_pr.append(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    borders.append(line)


# CT_TblPr's child order (ECMA-376 Part 1, wml.xsd: a sequence in which each element occurs at most once):
# Word reports "unreadable content" when an element is out of place or written twice.
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
               "tblCaption", "tblDescription", "tblPrChange")
# CT_TrPr's children are an unbounded choice (any order is valid); this is the Open XML SDK's order, which
# Word follows when it writes them.
TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "trHeight", "hidden", "cantSplit",
              "tblHeader", "tblCellSpacing", "jc", "ins", "del", "trPrChange")


def _set_property(properties, element, order: tuple[str, ...]) -> None:
    """Put ``element`` into ``properties`` (a tblPr or trPr) once, at its place in ``order``: an element
    of the same name already there is replaced, never repeated."""
    for old in properties.findall(element.tag):
        properties.remove(old)
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    mine = rank[element.tag]
    after = next((child for child in properties if rank.get(child.tag, len(rank)) > mine), None)
    if after is not None:
        after.addprevious(element)
    else:
        properties.append(element)


def _set_table_property(table, element) -> None:
    _set_property(table._tbl.tblPr, element, TBLPR_ORDER)


def _set_row_property(row, element) -> None:
    _set_property(row._tr.get_or_add_trPr(), element, TRPR_ORDER)


def _borders(val: str, **attributes: str):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), val)
        for name, value in attributes.items():
            element.set(qn(f"w:{name}"), value)
        borders.append(element)
    return borders


def no_table_borders(table) -> None:
    _set_table_property(table, _borders("nil"))


def grid_table_borders(table) -> None:
    _set_table_property(table, _borders("single", sz="4", space="0", color="000000"))


def fixed_widths(table, widths_mm: list[float]) -> None:
    """Fixed layout with the given column widths (Word and LibreOffice then agree on the header)."""
    table.autofit = False  # python-docx writes the one <w:tblLayout w:type="fixed"/>, in its place
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(widths_mm) / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    _set_table_property(table, width)
    grid = table._tbl.tblGrid
    for col, mm in zip(grid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(int(mm / 25.4 * 1440)))
    for row in table.rows:
        for cell, mm in zip(row.cells, widths_mm):
            cell.width = Mm(mm)


def zero_cell_margins(table, side_mm: float = 1.0) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", 0), ("left", side_mm), ("bottom", 0), ("right", side_mm)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(value / 25.4 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _set_table_property(table, margins)


def repeat_header_row(row) -> None:
    """The row repeats at the top of every page (conclusion table, report annex). An on/off property is
    written bare, as Word writes it: <w:tblHeader/> means on."""
    _set_row_property(row, OxmlElement("w:tblHeader"))


def cant_split(row) -> None:
    _set_row_property(row, OxmlElement("w:cantSplit"))


def add_page_field(paragraph, size: float) -> None:
    """A PAGE field (complex field form: both Word and LibreOffice update it)."""
    def run_with(element):
        run = paragraph.add_run()
        set_run_font(run, size)
        run._r.append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = paragraph.add_run("2")
    set_run_font(shown, size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# -- after rendering: size the short lines to the text above them -----------------------------------------

def _runs_lines(paragraph) -> list[tuple[str, float]]:
    """The paragraph's text split at line breaks, with the largest font size used in it."""
    lines = [""]
    for child in paragraph._p.iter(qn("w:t"), qn("w:br")):
        if child.tag == qn("w:br"):
            lines.append("")
        else:
            lines[-1] += child.text or ""
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
    size = max(sizes) if sizes else 14.0
    return [(text, size) for text in lines]


def _available_width(paragraph, default_mm: float) -> float:
    cell = paragraph._p.getparent()
    if cell is not None and cell.tag == qn("w:tc"):
        width = cell.find(qn("w:tcPr") + "/" + qn("w:tcW"))
        if width is not None and width.get(qn("w:type")) == "dxa":
            return int(width.get(qn("w:w"))) / 1440 * 25.4
    return default_mm


def fit_short_lines(document, text_width_mm: float) -> None:
    """Size every short-line paragraph to the text above it (NĐ 30: 1/3–1/2 of it under the issuing body
    and the summary, the full length under the motto)."""
    from docx.text.paragraph import Paragraph

    # style ids, looked up once: resolving paragraph.style per paragraph is slow on a 2,000-row annex
    fractions = {}
    for name, fraction in LINE_FRACTIONS.items():
        try:
            fractions[document.styles[name].style_id] = fraction
        except KeyError:  # a clerk's copy without the line styles: nothing to size
            continue
    if not fractions:
        return
    style_tag, val = qn("w:pStyle"), qn("w:val")
    # only the body and the cells that hold a short line (the header's; never the 2,000 rows of an annex)
    body = document.element.body
    wanted = " or ".join(f"@w:val='{style_id}'" for style_id in fractions)
    containers = []
    for line in body.xpath(f".//w:p[w:pPr/w:pStyle[{wanted}]]"):
        parent = line.getparent()
        if parent is not None and parent not in containers:
            containers.append(parent)
    for container in containers:
        above: list[Paragraph] = []
        for child in container.iterchildren(qn("w:p")):
            p_pr = child.pPr
            style = p_pr.find(style_tag) if p_pr is not None else None
            style_id = style.get(val) if style is not None else None
            if style_id in fractions:
                paragraph = Paragraph(child, document)
                # the text right above: the issuing body, the motto, the summary (not the superior body above it)
                lines = [line for line in _runs_lines(above[-1]) if line[0].strip()] if above else []
                available = _available_width(paragraph, text_width_mm)
                # a text that wraps is at most as wide as its column
                text_mm = min(max((bold_text_width_mm(text.strip(), size) for text, size in lines), default=0.0),
                              available)
                length = min(max(text_mm * fractions[style_id], MIN_LINE_MM), available)
                side = max((available - length) / 2, 0)
                paragraph.paragraph_format.left_indent = Mm(side)
                paragraph.paragraph_format.right_indent = Mm(side)
                paragraph.paragraph_format.first_line_indent = Mm(0)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                above = []
            elif any((t.text or "").strip() for t in child.iter(qn("w:t"))):
                above = [Paragraph(child, document)]  # only the last one is ever used

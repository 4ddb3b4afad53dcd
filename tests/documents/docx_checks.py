"""Reading a .docx back with python-docx and checking the official format (NĐ 30 / Hướng dẫn 36)."""

from __future__ import annotations

import re

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from desk_app.documents.docx_format import SPECS

TOLERANCE = Mm(0.5)
STATE_NUMBER = re.compile(r"^Số: \d{2,}/[A-ZĐ]+-[A-ZĐ]+$")
PARTY_NUMBER = re.compile(r"^Số \d{2,}-[A-ZĐ]+/[A-ZĐ]+$")
DATE_LINE = re.compile(r"^\S.*, ngày (\d{2}) tháng (0[12]|[3-9]|1[0-2]) năm (\d{4})$")
DOTTED_DATE = re.compile(r"^\S.*, ngày …… tháng …… năm \S+$")


def close(a, b) -> bool:
    return abs(int(a) - int(b)) <= int(TOLERANCE)


def text_runs(paragraph):
    return [run for run in paragraph.runs if run.text.strip()]


def all_paragraphs(document):
    """Body paragraphs and those inside every table cell (nested too), in document order."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def size(run) -> float | None:
    return run.font.size.pt if run.font.size is not None else None


def check_page(document, fmt: str) -> None:
    spec = SPECS[fmt]
    section = document.sections[0]
    assert close(section.page_width, Mm(210)) and close(section.page_height, Mm(297)), "A4 portrait"
    assert close(section.top_margin, Mm(spec.top)) and close(section.bottom_margin, Mm(spec.bottom))
    assert close(section.left_margin, Mm(spec.left)) and close(section.right_margin, Mm(spec.right))
    assert 20 <= spec.top <= 25 and 20 <= spec.bottom <= 25 and 30 <= spec.left <= 35 and 15 <= spec.right <= 20
    for extra in document.sections[1:]:  # the annex may be landscape, with the same margins
        long_side, short_side = max(extra.page_width, extra.page_height), min(extra.page_width, extra.page_height)
        assert close(long_side, Mm(297)) and close(short_side, Mm(210))


def _style_fonts(style):
    """The w:rFonts that a paragraph style gives its runs (its own, else its base style's)."""
    while style is not None:
        r_pr = style.element.rPr
        fonts = r_pr.find(qn("w:rFonts")) if r_pr is not None else None
        if fonts is not None:
            return fonts
        style = style.base_style
    return None


def check_fonts(document) -> None:
    """Times New Roman on every script slot of every run with text: set on the run, or (the rows of long
    tables) inherited from the paragraph's style."""
    for paragraph in all_paragraphs(document):
        for run in text_runs(paragraph):
            r_pr = run._element.rPr
            fonts = r_pr.find(qn("w:rFonts")) if r_pr is not None else None
            if fonts is None:
                fonts = _style_fonts(paragraph.style)
            assert fonts is not None, paragraph.text
            for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                assert fonts.get(qn(slot)) == "Times New Roman", (paragraph.text, slot, fonts.get(qn(slot)))
            assert run.font.color.rgb in (None,) or str(run.font.color.rgb) == "000000"


def check_page_numbers(document, fmt: str) -> None:
    section = document.sections[0]
    assert section.different_first_page_header_footer, "no page number on page 1"
    first = section.first_page_header
    assert "PAGE" not in "".join(t.text or "" for t in first._element.iter(qn("w:instrText")))
    header = section.header
    instr = "".join(t.text or "" for t in header._element.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    paragraph = next(p for p in header.paragraphs if p._p.find(".//" + qn("w:fldChar")) is not None)
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    sizes = {size(r) for r in paragraph.runs if size(r)}
    assert sizes and all(13 <= s <= 14 for s in sizes)


def has_top_border(paragraph) -> bool:
    p_pr = paragraph._p.pPr
    return p_pr is not None and p_pr.find(qn("w:pBdr") + "/" + qn("w:top")) is not None


def line_length_mm(paragraph, available_mm: float) -> float:
    left = paragraph.paragraph_format.left_indent or 0
    right = paragraph.paragraph_format.right_indent or 0
    return available_mm - (int(left) + int(right)) / 36000


def check_header(document, fmt: str, *, numbered: bool = True, dated: bool = True) -> dict:
    """The two-column header; returns the texts found (issuer, number, date)."""
    spec = SPECS[fmt]
    table = document.tables[0]
    assert table._tbl.tblPr.find(qn("w:tblBorders") + "/" + qn("w:top")).get(qn("w:val")) == "nil"
    left, right = table.rows[0].cells
    bottom_left, bottom_right = table.rows[1].cells
    left_paragraphs = [p for p in left.paragraphs if p.text.strip()]
    issuer = next(p for p in left_paragraphs if any(r.bold for r in text_runs(p)))
    assert issuer.text == issuer.text.upper()
    assert all(r.bold and size(r) == spec.issuer for r in text_runs(issuer))
    assert 12 <= spec.issuer <= 14
    for p in left_paragraphs:
        if p is not issuer and p.text.strip() != "*":  # the superior body: upper, not bold
            assert p.text == p.text.upper() and not any(r.bold for r in text_runs(p))
    left_width = int(left._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 1440 * 25.4
    right_width = int(right._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 1440 * 25.4
    texts = [p.text for p in right.paragraphs if p.text.strip()]
    if fmt == "party":
        assert any(p.text.strip() == "*" for p in left.paragraphs), "asterisk under the party committee"
        assert not any(has_top_border(p) for p in left.paragraphs)
        assert texts == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        title = next(p for p in right.paragraphs if p.text.strip())
        assert all(r.bold and size(r) == 15 for r in text_runs(title))
    else:
        lines = [p for p in left.paragraphs if has_top_border(p)]
        assert len(lines) == 1, "one short line under the issuing body"
        from desk_app.domain.official import bold_text_width_mm

        widest = max(bold_text_width_mm(part, spec.issuer) for part in issuer.text.split("\n"))
        length = line_length_mm(lines[0], left_width)
        assert widest / 3 - 1 <= length <= widest / 2 + 1, (length, widest)
        assert texts == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        nation, motto = [p for p in right.paragraphs if p.text.strip()]
        assert all(r.bold and size(r) == 13 for r in text_runs(nation))
        assert all(r.bold and size(r) == 14 for r in text_runs(motto))
    full = [p for p in right.paragraphs if has_top_border(p)]
    assert len(full) == 1
    if fmt != "party":
        from desk_app.domain.official import bold_text_width_mm

        motto_mm = bold_text_width_mm("Độc lập - Tự do - Hạnh phúc", 14)
        assert abs(line_length_mm(full[0], right_width) - motto_mm) < 1.5, "line as long as the motto"
    found = {"issuer": issuer.text}
    number_paragraphs = [p for p in bottom_left.paragraphs if p.text.strip()]
    if numbered:
        number = number_paragraphs[0]
        assert (PARTY_NUMBER if fmt == "party" else STATE_NUMBER).match(number.text), number.text
        assert all(size(r) == spec.number for r in text_runs(number))
        found["number"] = number.text
        if len(number_paragraphs) > 1:  # công văn: "V/v …" under the number
            subject = number_paragraphs[1]
            assert subject.text.startswith("V/v ")
            assert all(12 <= size(r) <= 13 for r in text_runs(subject))
            found["subject"] = subject.text
    date = next(p for p in bottom_right.paragraphs if p.text.strip())
    assert (DATE_LINE if dated else DOTTED_DATE).match(date.text), date.text
    assert all(r.italic and 13 <= size(r) <= 14 for r in text_runs(date))
    found["date"] = date.text
    return found


def check_title(document, fmt: str, doc_type: str) -> None:
    spec = SPECS[fmt]
    paragraphs = list(document.paragraphs)
    index = next(i for i, p in enumerate(paragraphs) if p.text == doc_type)
    title = paragraphs[index]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold and size(r) == spec.doc_type for r in text_runs(title))
    summary = paragraphs[index + 1]
    assert summary.text.strip() and all(r.bold and size(r) == spec.summary for r in text_runs(summary))
    assert has_top_border(paragraphs[index + 2]), "short line under the summary"


def check_body(document, fmt: str) -> None:
    """Justified body text with a first-line indent and spacing of at least 6 pt."""
    SPECS[fmt]
    body = [p for p in document.paragraphs
            if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and len(p.text) > 60]
    assert body, "the document has body text"
    for p in body:
        assert abs(int(p.paragraph_format.first_line_indent) - int(Cm(1.27))) < int(Mm(0.3))
        assert p.paragraph_format.space_after >= Pt(6)
        assert 1.0 <= p.paragraph_format.line_spacing <= 1.5
        assert all(13 <= size(r) <= 15 for r in text_runs(p))


def signature_table(document):
    for table in document.tables:
        if any(p.text == "Nơi nhận:" for p in table.rows[0].cells[0].paragraphs):
            return table
    raise AssertionError("no signature block beside Nơi nhận")


def check_signature(document, fmt: str, *, authority: str | None, title: str, name: str) -> None:
    table = signature_table(document)
    left, right = table.rows[0].cells
    label = next(p for p in left.paragraphs if p.text == "Nơi nhận:")
    assert all(r.bold and r.italic and size(r) == 12 for r in text_runs(label))
    recipients = [p for p in left.paragraphs if p.text.startswith("- ")]
    assert recipients and all(size(r) == 11 for p in recipients for r in text_runs(p))
    assert all(p.text.endswith(";") for p in recipients[:-1])
    assert recipients[-1].text.startswith("- Lưu: VT") and recipients[-1].text.endswith(".")
    lines = [p for p in right.paragraphs if p.text.strip()]
    authority = authority or lines[0].text
    assert lines[0].text == authority
    assert title in [p.text for p in lines]
    assert lines[-1].text == name
    for p in lines:
        assert p.text == name or p.text == p.text.upper()
        assert all(r.bold for r in text_runs(p))
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    if fmt == "party":
        assert authority.startswith(("T/M ", "K/T "))
    else:
        assert authority.startswith(("TM. ", "KT. ")) or authority in ("CHỦ TỊCH",)


def check_repeating_header_rows(document, titles: list[str]) -> None:
    for table in document.tables:
        first = [c.text for c in table.rows[0].cells]
        if first[: len(titles)] == titles:
            tr_pr = table.rows[0]._tr.trPr
            assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
            return
    raise AssertionError(f"no table headed {titles}")


def document_text(document) -> str:
    return "\n".join(p.text for p in all_paragraphs(document))


# ECMA-376 child order of the property elements we write by hand (Word refuses files that break it).
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
             "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
             "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def check_schema_order(document) -> None:
    from desk_app.documents.docx_format import TBLPR_ORDER

    for tag, order in (("w:tblPr", TBLPR_ORDER), ("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER)):
        rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
        for element in document.element.body.iter(qn(tag)):
            ranks = [rank[child.tag] for child in element if child.tag in rank]
            assert ranks == sorted(ranks), f"{tag} children out of order: {[c.tag.split('}')[1] for c in element]}"
            assert len(set(ranks)) == len(ranks), f"{tag} child written twice: {[c.tag.split('}')[1] for c in element]}"

"""The program's docxtpl template class skips two of docxtpl's passes where they change nothing (the
yearly report's speed): its output must be exactly docxtpl's."""

from __future__ import annotations

import pytest
from docx import Document
from docxtpl import DocxTemplate

from desk_app.documents import templates
from desk_app.documents.contexts import Item


def _template(path, *, column_loop: bool) -> None:
    document = Document()
    document.add_paragraph("{{ title }}")
    document.add_paragraph("Ghi chú: {{ note }}")
    table = document.add_table(rows=3, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for row in rows %}")
    table.rows[1].cells[0].paragraphs[0].add_run("{{ row.name }}")
    table.rows[1].cells[1].paragraphs[0].add_run("{{ row['content'] }}")
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    if column_loop:
        wide = document.add_table(rows=1, cols=3)
        for cell, text in zip(wide.rows[0].cells, ("{%tc for c in columns %}", "{{ c }}", "{%tc endfor %}")):
            cell.paragraphs[0].add_run(text)
    document.save(str(path))


CONTEXTS = {
    "plain": {"title": "BÁO CÁO", "note": "không có gì đặc biệt"},
    "line breaks and tabs": {"title": "ỦY BAN NHÂN DÂN\nXÃ TÂN ĐOÀN", "note": "cột 1\tcột 2\fsang trang\ađoạn mới"},
}


@pytest.mark.parametrize("column_loop", [False, True], ids=["rows only", "with a column loop"])
@pytest.mark.parametrize("name", list(CONTEXTS))
def test_same_output_as_docxtpl(tmp_path, name, column_loop):
    path = tmp_path / "mau.docx"
    _template(path, column_loop=column_loop)
    rows = [Item({"name": f"Người {i}", "content": "Nội dung\nhai dòng" if i % 7 == 0 else f"Nội dung {i}"})
            for i in range(60)]
    context = {**CONTEXTS[name], "rows": rows, "columns": ["A", "B", "C"]}
    outputs = []
    for cls in (DocxTemplate, templates._template_class()):
        template = cls(str(path))
        template.render(context, jinja_env=templates._environment(), autoescape=True)
        outputs.append(template.docx.element.xml)
    assert outputs[0] == outputs[1]
    assert "<w:br/>" in outputs[1]  # a petition typed on two lines keeps its line break

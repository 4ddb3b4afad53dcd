"""Reading whole sheets of a workbook quickly, value for value as openpyxl's read-only mode gives them.

Consolidating 3,321 commune summaries spent half of its time in ``load_workbook`` itself (the stylesheet,
the theme, the package parts: about 13 ms a file) and the rest in openpyxl's per-cell parsing. This reader
opens the zip, reads the sheet list, the shared strings and which cell styles are dates, and parses only
the sheets asked for with lxml. Rows have openpyxl's shape (``iter_rows(values_only=True)`` after
``reset_dimensions()``): one tuple per row from column A to the row's last cell, ``[]`` for a missing
row; values are cast the same way (numbers, dates by their cell style, shared and inline strings, booleans).

Anything it does not expect raises :class:`Unsupported`, and the caller falls back to openpyxl; a test
compares both readers on the program's own files and on files saved again by LibreOffice.
"""

from __future__ import annotations

import functools
import posixpath
import zipfile

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _V, _IS, _T, _R, _ROW = MAIN + "c", MAIN + "v", MAIN + "is", MAIN + "t", MAIN + "r", MAIN + "row"


# "B7" → (7, 2); the same few hundred references come back in every commune's file
_coordinate = functools.lru_cache(maxsize=1 << 16)(coordinate_to_tuple)


class Unsupported(Exception):
    """Something this reader does not handle: read the file with openpyxl instead."""


def read_sheets(path, names) -> tuple[list[str], dict[str, list[tuple]]]:
    """The workbook's sheet names and the rows of the sheets ``names`` that it has."""
    with zipfile.ZipFile(path) as package:
        members = set(package.namelist())
        workbook = etree.fromstring(package.read("xl/workbook.xml"))
        properties = workbook.find(MAIN + "workbookPr")
        epoch = CALENDAR_WINDOWS_1900
        if properties is not None and properties.get("date1904") in ("1", "true"):
            epoch = CALENDAR_MAC_1904
        rels = {rel.get("Id"): rel.get("Target")
                for rel in etree.fromstring(package.read("xl/_rels/workbook.xml.rels")).iter(PKG_REL + "Relationship")}
        sheets = {}
        for sheet in workbook.iter(MAIN + "sheet"):
            target = rels.get(sheet.get(DOC_REL + "id"))
            if target is None:
                raise Unsupported("sheet without a part")
            sheets[sheet.get("name")] = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        shared = _shared_strings(package.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in members else []
        dates, durations = _date_styles(package.read("xl/styles.xml")) if "xl/styles.xml" in members else (set(), set())
        rows = {}
        for name in names:
            if name in sheets:
                rows[name] = _rows(etree.fromstring(package.read(sheets[name])), shared, dates, durations, epoch)
    return list(sheets), rows


def _text(node) -> str:
    """openpyxl's ``Text.content``: the plain text, then each rich-text run's (phonetic hints left out)."""
    plain = node.find(_T)
    if plain is not None and len(node) == 1:  # the usual case: one plain text
        return plain.text or ""
    parts = []
    if plain is not None:
        parts.append(plain.text or "")
    for run in node.iterchildren(_R):
        text = run.find(_T)
        if text is not None:
            parts.append(text.text or "")
    return "".join(parts)


def _shared_strings(xml: bytes) -> list[str]:
    return [_text(si).replace("x005F_", "") for si in etree.fromstring(xml).iterchildren(MAIN + "si")]


def _date_styles(xml: bytes) -> tuple[set[int], set[int]]:
    """The cell styles (cellXfs indexes) whose number format is a date, and those that are durations."""
    styles = etree.fromstring(xml)
    custom = {int(fmt.get("numFmtId")): fmt.get("formatCode")
              for fmt in styles.iterfind(f"{MAIN}numFmts/{MAIN}numFmt")}
    dates, durations = set(), set()
    xfs = styles.find(MAIN + "cellXfs")
    for index, xf in enumerate(xfs.iterchildren(MAIN + "xf") if xfs is not None else ()):
        number = int(xf.get("numFmtId", 0))
        code = BUILTIN_FORMATS.get(number, "General") if number < 164 else custom.get(number, "General")
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return dates, durations


def _number(text: str):
    return float(text) if "." in text or "E" in text or "e" in text else int(text)


def _rows(sheet, shared, dates, durations, epoch) -> list:
    data = sheet.find(MAIN + "sheetData")
    rows: list[tuple] = []
    row_number = 0
    for row in data.iterchildren(_ROW) if data is not None else ():
        given = row.get("r")
        row_number = int(given) if given else row_number + 1
        while len(rows) < row_number - 1:  # rows left out of the file: empty (openpyxl gives a list here)
            rows.append([])
        cells: dict[int, object] = {}
        column = 0
        for cell in row.iterchildren(_C):
            reference = cell.get("r")
            column = _coordinate(reference)[1] if reference else column + 1
            cells[column] = _value(cell, shared, dates, durations, epoch)
        if len(rows) >= row_number:
            raise Unsupported("rows out of order")
        rows.append(tuple(cells.get(i) for i in range(1, max(cells) + 1)) if cells else ())
    return rows


def _value(cell, shared, dates, durations, epoch):
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_IS)
        return _text(inline) if inline is not None else None
    value = cell.findtext(_V) or None
    if value is None:
        return None
    if kind == "n":
        number = _number(value)
        style = int(cell.get("s") or 0)
        if style in dates:
            try:
                return from_excel(number, epoch, timedelta=style in durations)
            except (OverflowError, ValueError):
                return "#VALUE!"
        return number
    if kind == "s":
        return shared[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind in ("str", "e"):
        return value
    if kind == "d":
        return from_ISO8601(value)
    raise Unsupported(f"cell type {kind}")

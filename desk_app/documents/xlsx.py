"""Small openpyxl helpers shared by the Excel summary and the consolidation (write-only workbooks).

- Text a person typed goes through :meth:`Cells.text`: a value starting with ``=``, ``+``, ``-`` or ``@``
  (or looking like an Excel error such as ``#N/A``) becomes a string cell with ``quotePrefix`` set, so
  neither openpyxl, Excel nor LibreOffice ever takes it for a formula (formula injection); characters
  XML cannot hold are dropped and text longer than an Excel cell holds is cut, so the file always opens
  without a repair prompt.
- Dates are real dates shown dd/mm/yyyy; headers are bold; widths and frozen panes are set before the
  first row because a write-only sheet writes them at the top of its stream.
- :class:`FastRows` writes the rows of a very large sheet (the consolidation's petitions) straight as
  SpreadsheetML, several times faster than openpyxl's per-cell writer, with the same safety rules and
  the styles openpyxl registered; :func:`splice_rows` puts them into the saved workbook.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import zipfile
from copy import copy
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DECIMAL_FORMAT = "0.0"
MAX_CELL_TEXT = 32_767  # Excel's limit; a longer cell makes Excel "repair" the file


def clean(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold, cut to what one cell holds."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > MAX_CELL_TEXT:
        value = value[:MAX_CELL_TEXT - 1] + "…"
    return value


_ERROR_CODES = frozenset(ERROR_CODES)


def needs_quote(value: str) -> bool:
    return value.startswith(FORMULA_START) or value in _ERROR_CODES


class Cells:
    """Cell factory for one write-only sheet; each style is built once and copied onto each cell."""

    def __init__(self, ws):
        self.ws = ws
        self._text = self._style(quotePrefix=True)
        self._date = self._style(number_format=DATE_FORMAT)
        self._datetime = self._style(number_format=DATETIME_FORMAT)
        self._decimal = self._style(number_format=DECIMAL_FORMAT)
        self._bold = self._style(font=Font(bold=True))
        self._header = self._style(font=Font(bold=True),
                                   alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"))
        self._title = self._style(font=Font(bold=True, size=13))
        self._bold_decimal = self._style(font=Font(bold=True), number_format=DECIMAL_FORMAT)

    def _style(self, **attributes):
        probe = WriteOnlyCell(self.ws)
        for name, value in attributes.items():
            setattr(probe, name, value)
        return probe._style

    def _styled(self, value, style) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws)
        cell._style = copy(style)  # first: a date keeps this number format when the value is bound
        if isinstance(value, str):
            # Set directly: openpyxl would take a text starting with "=" for a formula.
            cell._value, cell.data_type = clean(value), "s"
        else:
            cell.value = value
        return cell

    def text(self, value: str | None):
        """A plain str when it is safe, else a string cell that can never become a formula."""
        if not value:
            return None
        value = clean(value)
        return self._styled(value, self._text) if needs_quote(value) else value

    def date(self, value: dt.date | None):
        return None if value is None else self._styled(value, self._date)

    def datetime(self, value: dt.datetime | None):
        return None if value is None else self._styled(value, self._datetime)

    def decimal(self, value: float | None, *, bold: bool = False):
        if value is None:
            return None
        return self._styled(value, self._bold_decimal if bold else self._decimal)

    def bold(self, value):
        return self._styled(value, self._bold)

    def title(self, value: str):
        return self._styled(value, self._title)

    def value(self, value):
        """Any value read from the database or a workbook, each type as Excel expects it."""
        if value is None or isinstance(value, bool):
            return None if value is None else ("Có" if value else "Không")
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dt.datetime):
            if value.time() == dt.time():
                return self.date(value.date())
            return self.datetime(value)
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, float):
            return self.decimal(value)
        return value

    def header(self, labels) -> list[WriteOnlyCell]:
        return [self._styled(label, self._header) for label in labels]


def setup(ws, widths: list[float], *, freeze: str | None = None, hidden: tuple[int, ...] = (),
          print_titles: str | None = None) -> None:
    """Column widths (characters), frozen panes, hidden columns (1-based) and printing (A4 landscape,
    as wide as the page, ``print_titles`` rows such as "1:1" repeated on each page); before the first row."""
    for index, width in enumerate(widths, 1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = width
        if index in hidden:
            dimension.hidden = True
    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    if print_titles:
        ws.print_title_rows = print_titles


def discard(wb) -> None:
    """Close the streams of a write-only workbook that will not be saved and delete its temporary files
    (openpyxl keeps them until the program ends)."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


class FastRows:
    """Rows appended after the rows openpyxl wrote on ``cells.ws``, kept as XML in a temporary file."""

    def __init__(self, cells: Cells, next_row: int, columns: int):
        self.file = tempfile.TemporaryFile()
        self.row = next_row
        self.letters = [get_column_letter(i) for i in range(1, columns + 1)]
        ids = {name: cells._styled(None, style).style_id
               for name, style in (("text", cells._text), ("date", cells._date), ("datetime", cells._datetime),
                                   ("decimal", cells._decimal))}
        self._quoted = f' s="{ids["text"]}" t="inlineStr"'
        self._date = f' s="{ids["date"]}"'
        self._datetime = f' s="{ids["datetime"]}"'
        self._decimal = f' s="{ids["decimal"]}"'
        self._dates: dict = {}

    def append(self, values) -> None:
        r = self.row
        parts = [f'<row r="{r}">']
        add = parts.append
        for letter, value in zip(self.letters, values):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str:
                value = clean(value)
                if "&" in value or "<" in value or ">" in value:
                    value = escape(value)
                style = self._quoted if needs_quote(value) else ' t="inlineStr"'
                add(f'<c r="{letter}{r}"{style}><is><t xml:space="preserve">{value}</t></is></c>')
            elif kind is int:
                add(f'<c r="{letter}{r}"><v>{value}</v></c>')
            elif kind is float:
                add(f'<c r="{letter}{r}"{self._decimal}><v>{value!r}</v></c>')
            elif kind is bool:
                add(f'<c r="{letter}{r}" t="inlineStr"><is><t>{"Có" if value else "Không"}</t></is></c>')
            elif isinstance(value, (dt.date, dt.datetime)):
                add(f'<c r="{letter}{r}"{self._date_cell(value)}</v></c>')
            else:
                raise TypeError(f"Không ghi được giá trị kiểu {kind.__name__} vào ô Excel.")
        add("</row>")
        self.file.write("".join(parts).encode("utf-8"))
        self.row = r + 1

    def _date_cell(self, value) -> str:
        """' s="…"><v>serial' for a date; petitions share few dates, so each is converted once."""
        cached = self._dates.get(value)
        if cached is None:
            timed = isinstance(value, dt.datetime) and value.time() != dt.time()
            cached = f'{self._datetime if timed else self._date}><v>{to_excel(value)}'
            self._dates[value] = cached
        return cached

    def close(self) -> None:
        self.file.close()


def splice_rows(path: Path, ws, rows: FastRows) -> None:
    """Insert ``rows`` at the end of the sheet data of ``ws`` in the workbook saved at ``path``."""
    part = ws.path.lstrip("/")
    spliced = Path(f"{path}.rows")
    try:
        # Level 1: a country's petitions are some 250 MB of XML; the default level takes three times as
        # long for a file only a quarter smaller.
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(spliced, "w", zipfile.ZIP_DEFLATED,
                                                           compresslevel=1) as dst:
            for info in src.infolist():
                if info.filename != part:
                    dst.writestr(info, src.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
                    continue
                sheet = src.read(part).decode("utf-8")
                if "</sheetData>" in sheet:
                    head, tail = sheet.split("</sheetData>", 1)
                else:  # openpyxl writes an empty <sheetData/> when no row was appended
                    head, tail = sheet.split("<sheetData/>", 1)
                    head += "<sheetData>"
                with dst.open(part, "w", force_zip64=True) as out:
                    out.write(head.encode("utf-8"))
                    rows.file.flush()
                    rows.file.seek(0)
                    shutil.copyfileobj(rows.file, out, 1 << 20)
                    out.write(("</sheetData>" + tail).encode("utf-8"))
        os.replace(spliced, path)
    finally:
        spliced.unlink(missing_ok=True)

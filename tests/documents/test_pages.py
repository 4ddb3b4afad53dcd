"""The printed pages (documents.md §7): every document of the demo year, in both formats, converted to PDF by
LibreOffice and read page by page — page numbers only from page 2 of each document (per-invitee invitations are
separate one-page letters, the attached form a page of its own), the registration form on one A4 page, and no
page that holds only the signature block."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desk_app.documents.export import ExportRequest, export_document
from desk_app.services.demo import DemoOptions, generate
from desk_app.store.database import open_database
from tests.documents.test_record_truth import export_all

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice and poppler are not installed")

SIGNATURE_LINE = re.compile(r"^(TM\.|T/M|KT\.|K/T|CHỦ TỊCH|BÍ THƯ|PHÓ |THƯ KÝ|CHỦ TỌA|Nơi nhận:|- )")


def _pages(pdf: Path) -> list[list[str]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    pages = []
    for number in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        pages.append([line.strip() for line in text.splitlines() if line.strip()])
    return pages


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    database = open_database(str(folder / "demo.sqlite3"))
    with database.session() as s:
        generate(s, DemoOptions(year=2026))
    with database.session() as s:
        items = export_all(s, folder, both_formats_for_joint=True, charts=True)
        per_invitee = []
        for session_id in (1, 2):  # a UBND (state) and a Đảng ủy (party) session
            target = folder / f"s{session_id}-invitation-per-invitee.docx"
            export_document(s, ExportRequest("invitation", target, session_id=session_id, per_invitee=True))
            from desk_app.store import models as m

            invitees = len(s.get(m.DialogueSession, session_id).participants)
            per_invitee.append((target, invitees))
    database.dispose()
    paths = [item.path for item in items] + [path for path, _n in per_invitee]
    outdir = folder / "pdf"
    completed = subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless", "--convert-to",
                                "pdf", "--outdir", str(outdir), *map(str, paths)],
                               capture_output=True, text=True, timeout=900)
    assert completed.returncode == 0, completed.stderr
    pages = {path.stem: _pages(outdir / f"{path.stem}.pdf") for path in paths}
    return items, per_invitee, pages


def test_every_kind_in_both_formats_was_printed(printed):
    items, _per_invitee, pages = printed
    kinds = {(item.kind, item.path.stem.rsplit("-", 1)[-1] if item.fmt else None) for item in items}
    assert {kind for kind, _f in kinds} >= {"plan", "notice", "invitation", "registration-form", "minutes",
                                             "conclusion", "reply", "extension", "upward-proposal", "annual-report"}
    assert all(pages[item.path.stem] for item in items)


def test_page_numbers_only_from_page_two(printed):
    items, _per_invitee, pages = printed
    for item in items:
        sheets = pages[item.path.stem]
        assert not sheets[0][0].isdigit(), f"{item.path.name}: a number on page 1"
        form_from = None
        if item.kind == "invitation":  # the attached form is a document of its own: no number on its page
            form_from = next(i for i, sheet in enumerate(sheets) if "PHIẾU ĐĂNG KÝ NỘI DUNG PHÁT BIỂU" in sheet)
            assert not sheets[form_from][0].isdigit(), item.path.name
        for number, sheet in enumerate(sheets[1:form_from], 2):
            assert sheet[0] == str(number), f"{item.path.name}: page {number} starts {sheet[0]!r}"


def test_per_invitee_invitations_are_separate_one_page_letters(printed):
    _items, per_invitee, pages = printed
    for path, invitees in per_invitee:
        sheets = pages[path.stem]
        assert len(sheets) == invitees + 1, f"{path.name}: {len(sheets)} pages for {invitees} invitees and the form"
        assert sum("GIẤY MỜI" in sheet for sheet in sheets) == invitees
        assert not [i for i, sheet in enumerate(sheets, 1) if sheet[0].isdigit()], f"{path.name}: page numbers"


def test_the_registration_form_is_one_page_in_both_formats(printed):
    items, _per_invitee, pages = printed
    forms = [item for item in items if item.kind == "registration-form"]
    assert {item.path.stem for item in forms} >= {"s1-registration-form", "s2-registration-form"}
    for item in forms:
        assert len(pages[item.path.stem]) == 1, item.path.name
        assert "(Ký và ghi rõ họ tên)" in pages[item.path.stem][0]


def test_no_page_holds_only_the_signature_block(printed):
    items, _per_invitee, pages = printed
    for item in items:
        if item.kind == "registration-form":
            continue
        for number, sheet in enumerate(pages[item.path.stem], 1):
            if number == 1 or not any(line == "Nơi nhận:" or line in ("THƯ KÝ", "CHỦ TỌA") for line in sheet):
                continue
            text = [line for line in sheet if not line.isdigit()]
            start = next(i for i, line in enumerate(text) if SIGNATURE_LINE.match(line) and not line.startswith("- ")
                         or line in ("THƯ KÝ", "CHỦ TỌA"))
            assert start > 0, f"{item.path.name}: page {number} holds only the signature block: {text[:4]}"

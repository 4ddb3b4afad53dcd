"""The issuer and signer table (documents.md §7), cell by cell."""

from __future__ import annotations

import pytest

from desk_app.domain import issuers

ĐU = ("dang_uy", ("T/M ĐẢNG ỦY", "BÍ THƯ"))
HĐND = ("hdnd", ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"))
UBND = ("ubnd", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"))

# The hosts a session can have; a joint session is issued by the body its plan names (through the format).
HOSTS = {
    "Đảng ủy": ("dang_uy", (), None),
    "HĐND": ("hdnd", (), None),
    "UBND": ("ubnd", (), None),
    "liên tịch, do Đảng ủy ban hành": ("lien_tich", ("dang_uy", "ubnd"), "party"),
    "liên tịch ba cơ quan, do UBND ban hành": ("lien_tich", ("dang_uy", "hdnd", "ubnd"), "state"),
    "liên tịch Đảng ủy - HĐND, do HĐND ban hành": ("lien_tich", ("dang_uy", "hdnd"), "state"),
}

# host → the session documents' issuer and signature (plan, notice, invitation, conclusion, upward proposal)
SESSION_DOCUMENTS = {
    "Đảng ủy": ĐU, "HĐND": HĐND, "UBND": UBND, "liên tịch, do Đảng ủy ban hành": ĐU,
    "liên tịch ba cơ quan, do UBND ban hành": UBND, "liên tịch Đảng ủy - HĐND, do HĐND ban hành": HĐND,
}

# (host, the kind of the agency that resolves the petition) → the reply's and the extension letter's issuer
LETTERS = {
    ("Đảng ủy", "chuyen_mon"): UBND, ("Đảng ủy", "cong_an"): UBND, ("Đảng ủy", "co_quan_dang"): ĐU,
    ("Đảng ủy", "mttq_doan_the"): ĐU, ("Đảng ủy", None): ĐU,
    ("HĐND", "chuyen_mon"): UBND, ("HĐND", "cong_an"): UBND, ("HĐND", "co_quan_dang"): ĐU,
    ("HĐND", "mttq_doan_the"): HĐND, ("HĐND", None): HĐND,
    ("UBND", "chuyen_mon"): UBND, ("UBND", "cong_an"): UBND, ("UBND", "co_quan_dang"): ĐU,
    ("UBND", "mttq_doan_the"): UBND, ("UBND", None): UBND,
    ("liên tịch, do Đảng ủy ban hành", "chuyen_mon"): UBND, ("liên tịch, do Đảng ủy ban hành", "co_quan_dang"): ĐU,
    ("liên tịch, do Đảng ủy ban hành", "mttq_doan_the"): ĐU,
    ("liên tịch ba cơ quan, do UBND ban hành", "chuyen_mon"): UBND,
    ("liên tịch ba cơ quan, do UBND ban hành", "co_quan_dang"): ĐU,
    ("liên tịch ba cơ quan, do UBND ban hành", "mttq_doan_the"): UBND,
    ("liên tịch Đảng ủy - HĐND, do HĐND ban hành", "chuyen_mon"): UBND,
    ("liên tịch Đảng ủy - HĐND, do HĐND ban hành", "co_quan_dang"): ĐU,
    ("liên tịch Đảng ủy - HĐND, do HĐND ban hành", "mttq_doan_the"): HĐND,
}


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("kind", ["plan", "notice", "invitation", "conclusion", "upward-proposal"])
def test_session_documents(host, kind):
    code, joint, fmt = HOSTS[host]
    assert issuers.cell(code, kind, joint_bodies=joint, fmt=fmt) == SESSION_DOCUMENTS[host]
    body = SESSION_DOCUMENTS[host][0]
    assert issuers.issuer(kind, host=code, joint_bodies=joint, fmt=fmt)[1] == ("party" if body == "dang_uy" else "state")


@pytest.mark.parametrize("host", HOSTS)
def test_minutes_and_form(host):
    code, joint, fmt = HOSTS[host]
    assert issuers.cell(code, "minutes", joint_bodies=joint, fmt=fmt) == (SESSION_DOCUMENTS[host][0],
                                                                          ("THƯ KÝ", "CHỦ TỌA"))
    assert issuers.cell(code, "registration-form", joint_bodies=joint, fmt=fmt) == (SESSION_DOCUMENTS[host][0], ())


@pytest.mark.parametrize("host, agency_kind", LETTERS)
@pytest.mark.parametrize("kind", ["reply", "extension"])
def test_letters_to_the_citizen(host, agency_kind, kind):
    code, joint, fmt = HOSTS[host]
    assert issuers.cell(code, kind, joint_bodies=joint, fmt=fmt, agency_kind=agency_kind) == LETTERS[(host, agency_kind)]


@pytest.mark.parametrize("body, expected", [("dang_uy", ĐU), ("hdnd", HĐND), ("ubnd", UBND)])
def test_yearly_report_of_each_body(body, expected):
    assert issuers.cell(body, "annual-report") == expected
    assert issuers.issuer("annual-report", reporting_body=body) == (body, "party" if body == "dang_uy" else "state")


def test_every_kind_has_a_row():
    from desk_app.documents.kinds import KINDS

    assert set(issuers.KINDS) == set(KINDS)


@pytest.mark.parametrize("body, deputy, lines", [
    ("ubnd", False, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("ubnd", True, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("hdnd", False, ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"]),
    ("hdnd", True, ["TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("dang_uy", False, ["T/M ĐẢNG ỦY", "BÍ THƯ"]),
    ("dang_uy", True, ["T/M ĐẢNG ỦY", "K/T BÍ THƯ", "PHÓ BÍ THƯ"]),
])
def test_signature_lines(body, deputy, lines):
    assert issuers.signature(body, "Nguyễn Văn A", deputy=deputy).lines == lines


@pytest.mark.parametrize("body, agency_kind, words", [
    ("ubnd", "chuyen_mon", "Giao"), ("ubnd", "cong_an", "Giao"), ("ubnd", "mttq_doan_the", "Đề nghị"),
    ("hdnd", "chuyen_mon", "Đề nghị UBND xã chỉ đạo"), ("hdnd", "cong_an", "Đề nghị UBND xã chỉ đạo"),
    ("hdnd", "mttq_doan_the", "Đề nghị"), ("dang_uy", "chuyen_mon", "Đề nghị UBND xã chỉ đạo"),
    ("dang_uy", "co_quan_dang", "Giao"), ("ubnd", "co_quan_dang", "Đề nghị"), ("ubnd", "cap_tren", "Đề nghị"),
])
def test_who_gives_tasks_to_whom(body, agency_kind, words):
    assert issuers.directive(body, agency_kind) == words

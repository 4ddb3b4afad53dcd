"""The commune's settings and catalogues: the commune itself, officials, agencies, hamlets, fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.errors import NotFoundError, ValidationError
from desk_app.domain.states import AgencyKind, Body
from desk_app.domain.text import clean_text, fold, sort_key, title_name
from desk_app.domain.validation import MAX_NAME, MAX_SHORT, Checker
from desk_app.store import models as m
from desk_app.services.common import check_optional_id, get

COMMUNE_KINDS = ("xã", "phường", "đặc khu")


@dataclass
class CommuneInput:
    name: str
    kind: str = "xã"
    code: str = ""
    province: str = ""
    place_name: str = ""
    party_committee: str = ""
    party_superior: str = ""
    council: str = ""
    committee: str = ""
    front: str = ""
    state_superior: str = ""
    office_unit: str = "VP"
    superior_recipients: list[str] = field(default_factory=list)
    profile_id: int | None = None


def save_commune(session: Session, data: CommuneInput) -> m.Commune:
    """Create or update the commune (one per database). Missing body names are derived from its name."""
    name = clean_text(data.name)
    kind = clean_text(data.kind).lower() or "xã"
    checker = Checker()
    checker.require("name", name, "Tên đơn vị")
    checker.length("name", name, "Tên đơn vị", MAX_NAME)
    if kind not in COMMUNE_KINDS:
        checker.add("kind", "Loại đơn vị phải là xã, phường hoặc đặc khu.")
    code = clean_text(data.code)
    if code and not code.isdigit():
        checker.add("code", "Mã đơn vị hành chính chỉ gồm chữ số.")
    check_optional_id(checker, session, m.Profile, data.profile_id, "profile_id")
    texts = {}
    for key, label in (("province", "Tỉnh, thành phố"), ("place_name", "Địa danh"),
                       ("party_committee", "Tên Đảng ủy"), ("party_superior", "Đảng bộ cấp trên"),
                       ("council", "Tên HĐND"), ("committee", "Tên UBND"), ("front", "Tên Ủy ban MTTQ"),
                       ("state_superior", "Cơ quan cấp trên"), ("office_unit", "Ký hiệu đơn vị lưu")):
        texts[key] = clean_text(getattr(data, key))
        checker.length(key, texts[key], label, MAX_SHORT)
    recipients = [clean_text(r) for r in data.superior_recipients if clean_text(r)]
    checker.raise_if_any()

    # "Xã Tân Đoàn" → "Tân Đoàn" and the usual body names, unless the clerk typed them.
    bare = name
    for prefix in COMMUNE_KINDS:
        if fold(bare).startswith(fold(prefix) + " "):
            bare = bare[len(prefix):].strip()
            break
    texts["place_name"] = texts["place_name"] or bare
    texts["party_committee"] = texts["party_committee"] or f"Đảng ủy {kind} {bare}"
    texts["council"] = texts["council"] or f"Hội đồng nhân dân {kind} {bare}"
    texts["committee"] = texts["committee"] or f"Ủy ban nhân dân {kind} {bare}"
    texts["front"] = texts["front"] or f"Ủy ban Mặt trận Tổ quốc Việt Nam {kind} {bare}"
    texts["office_unit"] = texts["office_unit"] or "VP"

    row = session.scalar(select(m.Commune).order_by(m.Commune.id).limit(1))
    if row is None:
        row = m.Commune(name=name)
        session.add(row)
    row.name, row.kind, row.code = name, kind, code
    for key, value in texts.items():
        setattr(row, key, value)
    row.superior_recipients = recipients
    if data.profile_id is not None:
        row.profile_id = data.profile_id
    elif row.profile_id is None:
        row.profile_id = session.scalar(select(m.Profile.id).where(m.Profile.code == "luat-2025"))
    session.flush()
    return row


# -- officials ---------------------------------------------------------------------------------------

@dataclass
class OfficialInput:
    name: str
    title: str
    body: str = Body.COMMITTEE.value
    gender: str | None = None
    is_party_head: bool = False
    is_council_head: bool = False
    is_committee_head: bool = False
    active_from: dt.date | None = None
    active_to: dt.date | None = None


def save_official(session: Session, data: OfficialInput, official_id: int | None = None) -> m.Official:
    name = title_name(clean_text(data.name))
    title = clean_text(data.title)
    checker = Checker()
    checker.require("name", name, "Họ và tên")
    checker.length("name", name, "Họ và tên", MAX_NAME)
    checker.require("title", title, "Chức vụ")
    checker.length("title", title, "Chức vụ", MAX_SHORT)
    try:
        body = Body.parse(data.body, "cơ quan").value
    except ValidationError as exc:
        checker.add("body", exc.message)
        body = ""
    if data.gender not in (None, "", "nam", "nu"):
        checker.add("gender", "Giới tính phải là nam hoặc nữ.")
    if data.active_from and data.active_to and data.active_to < data.active_from:
        checker.add("active_to", "Ngày thôi giữ chức vụ không được trước ngày bắt đầu.")
    checker.raise_if_any()
    row = get(session, m.Official, official_id) if official_id else m.Official()
    row.name, row.name_fold, row.title, row.body = name, fold(name), title, body
    row.gender = data.gender or None
    row.is_party_head, row.is_council_head = data.is_party_head, data.is_council_head
    row.is_committee_head = data.is_committee_head
    row.active_from, row.active_to = data.active_from, data.active_to
    session.add(row)
    session.flush()
    return row


def active_officials(session: Session, on: dt.date | None = None) -> list[m.Official]:
    query = select(m.Official).order_by(m.Official.id)
    rows = list(session.scalars(query))
    if on is None:
        return [r for r in rows if r.active_to is None]
    return [r for r in rows if (r.active_from is None or r.active_from <= on)
            and (r.active_to is None or r.active_to >= on)]


HEAD_POSTS = (
    # (post code = the host body it answers for, flag column, Vietnamese post name)
    ("dang_uy", "is_party_head", "Bí thư Đảng ủy"),
    ("hdnd", "is_council_head", "Chủ tịch HĐND"),
    ("ubnd", "is_committee_head", "Chủ tịch UBND"),
)


def heads(session: Session, on: dt.date | None = None) -> dict[str, m.Official | None]:
    """Who holds each head post (one person may hold two)."""
    officials = active_officials(session, on)
    result: dict[str, m.Official | None] = {}
    for post, flag, _label in HEAD_POSTS:
        result[post] = next((o for o in officials if getattr(o, flag)), None)
    return result


# -- agencies, hamlets, fields ---------------------------------------------------------------------------

@dataclass
class AgencyInput:
    name: str
    kind: str = AgencyKind.SPECIALIST.value
    short_name: str = ""
    head_name: str = ""
    head_title: str = ""
    active: bool = True


def save_agency(session: Session, data: AgencyInput, agency_id: int | None = None) -> m.Agency:
    name = clean_text(data.name)
    checker = Checker()
    checker.require("name", name, "Tên cơ quan, đơn vị")
    checker.length("name", name, "Tên cơ quan, đơn vị", MAX_SHORT)
    try:
        kind = AgencyKind.parse(data.kind, "loại cơ quan").value
    except ValidationError as exc:
        checker.add("kind", exc.message)
        kind = ""
    short_name, head_name, head_title = (clean_text(data.short_name), clean_text(data.head_name),
                                         clean_text(data.head_title))
    for key, value, label in (("short_name", short_name, "Tên viết tắt"), ("head_name", head_name, "Người đứng đầu"),
                              ("head_title", head_title, "Chức vụ người đứng đầu")):
        checker.length(key, value, label, MAX_NAME)
    duplicate = session.scalar(select(m.Agency.id).where(m.Agency.name_fold == fold(name),
                                                         m.Agency.id != (agency_id or 0)))
    if duplicate:
        checker.add("name", f"Đã có cơ quan, đơn vị “{name}”.")
    checker.raise_if_any()
    row = get(session, m.Agency, agency_id) if agency_id else m.Agency(
        position=(session.scalar(select(func.max(m.Agency.position))) or 0) + 1)
    row.name, row.name_fold, row.kind = name, fold(name), kind
    row.short_name, row.head_name, row.head_title, row.active = short_name, head_name, head_title, data.active
    session.add(row)
    session.flush()
    return row


def agency_head_post(agency: m.Agency) -> str:
    """The head's post as written in Vietnamese, the agency named once: "Trưởng phòng Kinh tế xã" (not
    "Trưởng phòng Kinh tế Phòng Kinh tế thuộc Ủy ban nhân dân xã"), "Trưởng Công an xã", "Chánh Văn phòng HĐND và
    UBND xã"; "Lãnh đạo Trạm Y tế xã" when no title is known."""
    title, name = agency.head_title.strip(), agency.name.strip()
    if not title:
        return f"Lãnh đạo {name}"
    if fold(title).endswith(fold(name)):
        return title
    words = name.split()
    place = words[-1] if len(words) > 1 and fold(words[-1]) in _PLACE_WORDS else ""
    core = name.split(" thuộc ")[0].strip()
    names = [n for n in (agency.short_name.strip(), core) if n]
    for candidate in names:
        if place and fold(candidate).endswith(f" {fold(place)}"):
            candidate = candidate[: -len(place)].strip()
        if fold(candidate) and fold(candidate) in fold(title):  # the title already names the agency
            return title if not place or fold(title).endswith(f" {fold(place)}") else f"{title} {place}"
    if len(words) >= 2 and fold(words[0]) == fold(title.split()[-1]):
        return f"{title} {' '.join(words[1:])}"  # "Trưởng phòng" + "Phòng Kinh tế"
    return f"{title} {name}"


_PLACE_WORDS = frozenset({"xa", "phuong", "tinh", "huyen", "thi tran"})

# The agencies and organisations of every commune under the 2025 two-level government: the People's
# Committee's specialised offices, the police, the Front and the socio-political organisations (name, short
# name, kind, head's post; "{kind}" is "xã", "phường" or "đặc khu"). The first-run set-up adds them so the
# plan's invitees, the lead agency of a petition and the answers at the meeting can be chosen at once; the
# clerk renames, adds or retires them in Danh mục.
USUAL_AGENCIES = (
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {kind}", "Văn phòng HĐND và UBND", AgencyKind.SPECIALIST,
     "Chánh Văn phòng HĐND và UBND {kind}"),
    ("Văn phòng Đảng ủy {kind}", "Văn phòng Đảng ủy", AgencyKind.PARTY, "Chánh Văn phòng Đảng ủy {kind}"),
    ("{economy} thuộc Ủy ban nhân dân {kind}", "{economy}", AgencyKind.SPECIALIST, "Trưởng {economy_lower}"),
    ("Phòng Văn hóa - Xã hội thuộc Ủy ban nhân dân {kind}", "Phòng Văn hóa - Xã hội", AgencyKind.SPECIALIST,
     "Trưởng phòng Văn hóa - Xã hội"),
    ("Trung tâm Phục vụ hành chính công {kind}", "Trung tâm Phục vụ hành chính công", AgencyKind.SPECIALIST,
     "Giám đốc Trung tâm Phục vụ hành chính công"),
    ("Công an {kind}", "Công an {kind}", AgencyKind.POLICE, "Trưởng Công an {kind}"),
    ("Ban Chỉ huy quân sự {kind}", "Ban Chỉ huy quân sự {kind}", AgencyKind.OTHER,
     "Chỉ huy trưởng Ban Chỉ huy quân sự {kind}"),
    ("Trạm Y tế {kind}", "Trạm Y tế {kind}", AgencyKind.OTHER, "Trưởng Trạm Y tế {kind}"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam {kind}", "Ủy ban MTTQ {kind}", AgencyKind.FRONT,
     "Chủ tịch Ủy ban MTTQ Việt Nam {kind}"),
    ("Hội Nông dân Việt Nam {kind}", "Hội Nông dân {kind}", AgencyKind.FRONT, "Chủ tịch Hội Nông dân {kind}"),
    ("Hội Liên hiệp Phụ nữ Việt Nam {kind}", "Hội Liên hiệp Phụ nữ {kind}", AgencyKind.FRONT,
     "Chủ tịch Hội Liên hiệp Phụ nữ {kind}"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh {kind}", "Đoàn Thanh niên {kind}", AgencyKind.FRONT,
     "Bí thư Đoàn Thanh niên {kind}"),
    ("Hội Cựu chiến binh Việt Nam {kind}", "Hội Cựu chiến binh {kind}", AgencyKind.FRONT,
     "Chủ tịch Hội Cựu chiến binh {kind}"),
)


def usual_agencies(kind: str = "xã") -> list[AgencyInput]:
    """The usual agencies and organisations of a commune of this kind (a ward's economic office is "Phòng
    Kinh tế, Hạ tầng và Đô thị")."""
    kind = clean_text(kind).lower() or "xã"
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if kind == "phường" else "Phòng Kinh tế"
    words = {"kind": kind, "economy": economy, "economy_lower": economy[0].lower() + economy[1:]}
    return [AgencyInput(name=name.format(**words), short_name=short.format(**words), kind=agency_kind.value,
                        head_title=head.format(**words))
            for name, short, agency_kind, head in USUAL_AGENCIES]


def add_usual_agencies(session: Session, kind: str = "xã") -> list[m.Agency]:
    """Add the usual agencies and organisations that the catalogue lacks (by name); returns those added."""
    have = {fold(name) for name in session.scalars(select(m.Agency.name))}
    return [save_agency(session, data) for data in usual_agencies(kind) if fold(data.name) not in have]


def hamlet_lines(text: str) -> list[str]:
    """Hamlet names typed one a line (or separated by semicolons), blank lines skipped."""
    return [name for line in text.replace(";", "\n").splitlines() if (name := clean_text(line))]


def add_hamlets(session: Session, names: list[str]) -> list[m.Hamlet]:
    """Several hamlets at once (the first-run set-up): all or none; a bad name is named with its line."""
    added, problems = [], []
    for number, name in enumerate(names, 1):
        try:
            added.append(save_hamlet(session, name))
        except ValidationError as exc:
            problems.append(f"Dòng {number}: " + " ".join(exc.errors.values()))
    if problems:
        raise ValidationError({"hamlets": "\n".join(problems)})
    return added


def _save_named(session: Session, model, name: str, row_id: int | None, active: bool, label: str, what: str):
    """Hamlets and fields: a name unique regardless of case and diacritics, kept in catalogue order."""
    name = clean_text(name)
    checker = Checker()
    checker.require("name", name, label)
    checker.length("name", name, label, MAX_NAME)
    if any(fold(r.name) == fold(name) and r.id != row_id for r in session.scalars(select(model))):
        checker.add("name", f"Đã có {what} “{name}”.")
    checker.raise_if_any()
    row = get(session, model, row_id) if row_id else model(
        position=(session.scalar(select(func.max(model.position))) or 0) + 1)
    row.name, row.active = name, active
    if hasattr(model, "name_fold"):
        row.name_fold = fold(name)
    session.add(row)
    session.flush()
    return row


def save_hamlet(session: Session, name: str, hamlet_id: int | None = None, active: bool = True) -> m.Hamlet:
    return _save_named(session, m.Hamlet, name, hamlet_id, active, "Tên thôn, tổ dân phố", "thôn, tổ dân phố")


def save_field(session: Session, name: str, field_id: int | None = None, active: bool = True) -> m.Field:
    return _save_named(session, m.Field, name, field_id, active, "Tên lĩnh vực", "lĩnh vực")


def find_by_name(session: Session, model, name: str):
    """The catalogue row whose name matches ``name`` ignoring case and diacritics, or None.

    Hamlets also match without their "Thôn"/"Tổ dân phố" prefix ("Bản Lải" finds "Thôn Bản Lải").
    """
    wanted = fold(name)
    if not wanted:
        return None
    rows = list(session.scalars(select(model)))
    for row in rows:
        if fold(row.name) == wanted:
            return row
    if model is m.Hamlet:
        for row in rows:
            bare = fold(row.name)
            for prefix in ("thon ", "to dan pho ", "ap ", "khu pho ", "to "):
                if bare.startswith(prefix) and bare[len(prefix):] == wanted:
                    return row
    return None


def field_by_name(session: Session, name: str) -> m.Field:
    row = find_by_name(session, m.Field, name)
    if row is None:
        raise NotFoundError(f"Không có lĩnh vực “{name}”.")
    return row


# -- reads for pickers and tables ------------------------------------------------------------------------

CATALOGUES = {"hamlets": m.Hamlet, "fields": m.Field, "agencies": m.Agency}


def _catalogue(what: str):
    try:
        return CATALOGUES[what]
    except KeyError:
        raise ValueError(f"not a catalogue: {what}") from None


def rows(session: Session, what: str) -> list:
    """Every hamlet, field or agency (``what``: a key of :data:`CATALOGUES`) in the catalogue's own order
    (the order the commune chose), active or not."""
    model = _catalogue(what)
    return list(session.scalars(select(model).order_by(model.position, model.id)))


def active_items(session: Session, what: str) -> list[tuple[str, int]]:
    """(name, id) of the active hamlets, fields or agencies in the catalogue's own order: what a picker
    offers."""
    model = _catalogue(what)
    query = select(model.name, model.id).where(model.active.is_(True)).order_by(model.position, model.id)
    return [(name, row_id) for name, row_id in session.execute(query)]


def names(session: Session, what: str) -> dict[int, str]:
    """id → name of every hamlet, field or agency (a table naming what its rows point to)."""
    model = _catalogue(what)
    return dict(session.execute(select(model.id, model.name)).all())


def agencies_for_choice(session: Session, keep: set[int] | frozenset[int] = frozenset(), *, every: bool = False,
                        by_name: bool = False) -> list[tuple[str, int]]:
    """(name, id) of the agencies a petition may be given to: the active ones and those in ``keep`` (already
    chosen, even if no longer active) — with ``every`` all of them — in the catalogue's order with the
    active ones first, or with ``by_name`` in Vietnamese alphabetical order."""
    chosen = [a for a in rows(session, "agencies") if every or a.active or a.id in keep]
    if by_name:
        chosen.sort(key=lambda a: sort_key(a.name))
    else:
        chosen.sort(key=lambda a: not a.active)  # stable: the catalogue's order within each group
    return [(a.name, a.id) for a in chosen]


def officials(session: Session) -> list[m.Official]:
    """Every official, former ones included (the catalogue's table)."""
    return list(session.scalars(select(m.Official).order_by(m.Official.id)))

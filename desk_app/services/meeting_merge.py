"""Bringing a meeting's result back: the records of a package compared with the office's and merged
(:mod:`desk_app.services.meeting_package` says what a package holds, checks it and runs this).

A *record* is a row of a root table with the rows it owns: a session with its co-chairs, participants, tasks,
legal bases, recipients, bridge points and deadline changes; a petition with its coordinating agencies,
extensions, status history and deadline changes; every other kind is one row. A record's *signature* is a hash
of its rows (ids, creation times, versions, contents). The package keeps the signature of every record it took
out; the office's import log (``meeting_import.state``) the signatures an import left on both sides. Then:

- changed on the laptop only (the laptop's signature moved, the office's did not): the laptop's record is
  written into the office's — its lists replaced, its history added to;
- changed in the office only: kept as it is;
- changed on both sides: a conflict — one :class:`Conflict` per field whose values differ, side by side —
  and nothing written, unless the clerk decided: ``laptop`` writes the laptop's record, ``office`` keeps the
  office's and settles the conflict for the next imports;
- new on the laptop: added with new ids, every link to it remapped; a catalogue entry the office already has
  under the same name is that entry; a new register entry whose number the office gave to another document is a
  conflict (``office`` drops it).

Columns a package had to leave empty (links to records it did not take out) are never brought back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterable

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desk_app.domain import official
from desk_app.domain import states as st
from desk_app.store import models as m

Row = dict[str, Any]

BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "updated_by", "version"})
TABLES = m.Base.metadata.tables
MODELS = {mapper.local_table.name: mapper.class_ for mapper in m.Base.registry.mappers}


@dataclass(frozen=True)
class Part:
    """Rows a record owns: ``listed`` parts are the record's lists (replaced as a whole), the others its
    history (only ever added to)."""

    table: str
    parent: str  # the column naming the record
    label: str
    listed: bool


@dataclass(frozen=True)
class Kind:
    table: str
    name: str  # as the import reports it
    parts: tuple[Part, ...] = ()
    same_as: tuple[str, ...] = ()  # a new catalogue entry is the office's entry with these values


_SESSION_PARTS = (
    Part("session_co_chair", "session_id", "Đồng chủ trì", True),
    Part("session_participant", "session_id", "Thành phần mời", True),
    Part("session_task", "session_id", "Tổ chức thực hiện", True),
    Part("session_legal_basis", "session_id", "Căn cứ", True),
    Part("session_recipient", "session_id", "Nơi nhận", True),
    Part("bridge_point", "session_id", "Điểm cầu", True),
    Part("deadline_override", "session_id", "Điều chỉnh thời hạn", False),
)
_PETITION_PARTS = (
    Part("petition_coordinator", "petition_id", "Cơ quan phối hợp", True),
    Part("petition_extension", "petition_id", "Gia hạn", False),
    Part("petition_status_change", "petition_id", "Lịch sử xử lý", False),
    Part("deadline_override", "petition_id", "Điều chỉnh thời hạn", False),
)
CATALOGUE = "danh mục"

# In the order records are brought back (what a record links to comes first; the remaining links — a
# registration merged into a later one, a petition's reply in the register — are set once everything is in).
KINDS = (
    Kind("field", CATALOGUE, same_as=("name",)),
    Kind("hamlet", CATALOGUE, same_as=("name_fold",)),
    Kind("agency", CATALOGUE, same_as=("name_fold",)),
    Kind("official", CATALOGUE, same_as=("name_fold", "title")),
    Kind("dialogue_session", "cuộc đối thoại", _SESSION_PARTS),
    Kind("agenda_step_log", "bước chương trình"),
    Kind("registration", "đăng ký phát biểu"),
    Kind("opinion", "ý kiến"),
    Kind("opinion_answer", "trả lời tại hội nghị"),
    Kind("petition", "kiến nghị", _PETITION_PARTS),
    Kind("issued_document", "văn bản"),
)
# The lines of the report, in this order.
KIND_NAMES = ("cuộc đối thoại", "bước chương trình", "đăng ký phát biểu", "ý kiến", "trả lời tại hội nghị",
              "kiến nghị", "văn bản", CATALOGUE)
MERGED_TABLES = frozenset([k.table for k in KINDS] + [p.table for k in KINDS for p in k.parts])

# What a clerk reads for each column in a conflict (the *_fold search columns follow their text: never shown).
LABELS = {
    "name": "Tên", "title": "Chức vụ", "body": "Cơ quan", "gender": "Giới tính", "is_party_head": "Bí thư Đảng ủy",
    "is_council_head": "Chủ tịch HĐND", "is_committee_head": "Chủ tịch UBND", "active_from": "Giữ chức từ ngày",
    "active_to": "Giữ chức đến ngày", "short_name": "Tên viết tắt", "kind": "Loại", "head_name": "Người đứng đầu",
    "head_title": "Chức vụ người đứng đầu", "position": "Thứ tự", "active": "Đang dùng",
    "year": "Năm", "host": "Cơ quan chủ trì", "joint_bodies": "Các cơ quan cùng chủ trì", "chair_id": "Người chủ trì",
    "chair_delegated": "Chủ trì theo ủy quyền", "form": "Hình thức", "regime": "Chế độ",
    "planned_start": "Thời gian dự kiến bắt đầu", "planned_end": "Thời gian dự kiến kết thúc", "place": "Địa điểm",
    "target_audience": "Đối tượng", "purpose": "Mục đích", "requirements": "Yêu cầu", "content": "Nội dung",
    "profile_id": "Bộ quy định", "secretary_id": "Thư ký (cán bộ)", "secretary_name": "Thư ký",
    "document_format": "Thể thức văn bản", "status": "Trạng thái", "cancel_reason": "Lý do hủy",
    "plan_issued_date": "Ngày ban hành kế hoạch", "invitations_sent_date": "Ngày gửi giấy mời",
    "actual_start": "Giờ bắt đầu thực tế", "actual_end": "Giờ kết thúc thực tế",
    "citizens_attending": "Số công dân dự", "delegates_attending": "Số đại biểu dự",
    "general_conclusion": "Kết luận chung", "conclusion_notice_date": "Ngày thông báo kết luận",
    "notice_override": "Thời hạn gửi giấy mời (điều chỉnh)",
    "notice_override_reason": "Lý do điều chỉnh thời hạn gửi giấy mời",
    "conclusion_override": "Thời hạn thông báo kết luận (điều chỉnh)",
    "conclusion_override_reason": "Lý do điều chỉnh thời hạn thông báo kết luận",
    "session_id": "Cuộc đối thoại", "step": "Bước", "reached_at": "Thời điểm", "note": "Ghi chú",
    "citizen_name": "Họ và tên", "birth_year": "Năm sinh", "cccd": "Số CCCD", "phone": "Điện thoại",
    "hamlet_id": "Thôn, tổ dân phố", "address": "Địa chỉ", "speaks_for": "Đại diện cho",
    "speaks_for_count": "Số hộ, thành viên đại diện", "field_id": "Lĩnh vực", "addressed_to": "Gửi đến",
    "addressed_agency_id": "Cơ quan được hỏi", "channel": "Hình thức đăng ký", "received_date": "Ngày nhận",
    "queue_order": "Thứ tự phát biểu", "priority": "Được ưu tiên", "state": "Trạng thái",
    "refusal_code": "Lý do từ chối", "refusal_note": "Ghi chú từ chối", "merged_into_id": "Gộp vào đăng ký",
    "registration_id": "Đăng ký phát biểu", "speaker_name": "Người phát biểu", "started_at": "Giờ bắt đầu",
    "ended_at": "Giờ kết thúc", "outcome": "Kết quả", "opinion_id": "Ý kiến", "responder_kind": "Người trả lời",
    "responder_name": "Người trả lời (họ tên, chức vụ)", "official_id": "Cán bộ", "agency_id": "Cơ quan, đơn vị",
    "conclusion": "Ý kiến kết luận", "lead_agency_id": "Cơ quan chủ trì giải quyết", "complex_case": "Vụ việc phức tạp",
    "computed_due_date": "Thời hạn tính theo quy định", "due_provisional": "Thời hạn dự kiến",
    "due_override": "Thời hạn điều chỉnh", "due_override_reason": "Lý do điều chỉnh thời hạn",
    "due_date": "Thời hạn giải quyết", "status_changed_at": "Ngày đổi trạng thái", "resolution": "Kết quả giải quyết",
    "resolved_date": "Ngày có kết quả", "reply_date": "Ngày văn bản trả lời",
    "citizen_informed_date": "Ngày công dân nhận trả lời", "reply_document_id": "Văn bản trả lời",
    "transferred_to": "Chuyển đến", "transfer_document_id": "Văn bản đề nghị cấp trên",
    "earlier_petition_id": "Kiến nghị trước cùng nội dung", "times_raised": "Số lần nêu",
    "number": "Số văn bản", "symbol": "Ký hiệu", "issued_date": "Ngày ban hành", "signer": "Người ký",
    "supersedes_id": "Thay cho văn bản",
    "petition_id": "Kiến nghị", "file_path": "Tệp", "delegated": "Ủy quyền", "assignee": "Người, cơ quan thực hiện",
    "tasks": "Nhiệm vụ", "text": "Nội dung", "previous_due": "Thời hạn trước", "new_due": "Thời hạn mới",
    "reason": "Lý do", "citizen_notified_date": "Ngày thông báo cho công dân", "valid": "Hợp lệ",
    "letter_document_id": "Văn bản gia hạn", "from_status": "Từ trạng thái", "to_status": "Sang trạng thái",
    "changed_at": "Thời điểm", "changed_by": "Người thực hiện", "previous_date": "Ngày trước",
    "new_date": "Ngày mới",
}
_CODES: dict[tuple[str, str], type[Enum]] = {
    ("dialogue_session", "status"): st.SessionStatus, ("dialogue_session", "host"): st.Host,
    ("dialogue_session", "form"): st.SessionForm, ("dialogue_session", "regime"): st.Regime,
    ("dialogue_session", "document_format"): st.DocumentFormat, ("registration", "state"): st.RegistrationState,
    ("registration", "speaks_for"): st.SpeaksFor, ("registration", "channel"): st.Channel,
    ("opinion", "outcome"): st.Outcome, ("opinion_answer", "responder_kind"): st.ResponderKind,
    ("agenda_step_log", "step"): st.AgendaStep, ("petition", "status"): st.PetitionStatus,
    ("agency", "kind"): st.AgencyKind, ("official", "body"): st.Body,
}
_WHAT = {"field": "Lĩnh vực", "hamlet": "Thôn, tổ dân phố", "agency": "Cơ quan, đơn vị", "official": "Cán bộ",
         "dialogue_session": "Cuộc đối thoại", "agenda_step_log": "Bước chương trình", "registration": "Đăng ký",
         "opinion": "Ý kiến", "opinion_answer": "Trả lời", "petition": "Kiến nghị", "issued_document": "Văn bản"}
EMPTY, DELETED = "(trống)", "(không còn)"


@dataclass(frozen=True)
class Conflict:
    """One field of one record changed both in the office and on the laptop: the two values side by side."""

    kind: str  # the report's name of the kind ("đăng ký phát biểu")
    table: str
    office_id: int | None
    record: str  # "Đăng ký số 12 (Nguyễn Văn An)"
    field: str  # the column's Vietnamese label
    office_value: str
    laptop_value: str
    # what the clerk may decide (``decisions`` of import_result): both copies; the office's only (a new register
    # entry whose number the office gave meanwhile); nothing (the office deleted the record)
    choices: tuple[str, ...] = ("office", "laptop")

    @property
    def key(self) -> tuple[str, int | None]:
        """What a decision names: ``decisions={conflict.key: "laptop" | "office"}``."""
        return self.table, self.office_id


# -- rows and their signatures --------------------------------------------------------------------------------

def content_columns(table: str) -> list[str]:
    return [c.name for c in TABLES[table].columns if c.name not in BOOKKEEPING]


def links(table: str) -> dict[str, str]:
    """The table's link columns and the table each points at."""
    return {fk.parent.name: fk.column.table.name for fk in TABLES[table].foreign_keys}


def plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def stamp(row: Row) -> str:
    """What identifies a row besides its id: when it was made (a reused id is another row)."""
    return plain(row["created_at"])


def signature(rows: Iterable[tuple[str, Row]], cut: Callable[[str, Row], Iterable[str]],
              columns: dict[str, list[str]] | None = None) -> str:
    """A record's signature: its rows' ids, creation times, versions and contents (without ``cut`` columns;
    only ``columns``, the ones the package's schema had, when given: a newer schema's columns do not count)."""
    items = []
    for table, row in rows:
        skipped = set(cut(table, row))
        names = columns.get(table, ()) if columns is not None else content_columns(table)
        items.append(json.dumps([table, row["id"], stamp(row), row["version"],
                                 {c: plain(row.get(c)) for c in names if c not in skipped}],
                                sort_keys=True, ensure_ascii=False, default=str))
    return hashlib.sha256("\n".join(sorted(items)).encode("utf-8")).hexdigest()[:24]


def read_rows(session_or_connection, table: str, column: str | None = None,
              values: Iterable | None = None) -> list[Row]:
    """Plain rows of ``table`` (all, or those whose ``column`` is one of ``values``)."""
    t: Table = TABLES[table]
    if column is None:
        return [dict(r._mapping) for r in session_or_connection.execute(select(t))]
    values = list(dict.fromkeys(v for v in values if v is not None))
    found = []
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        found += [dict(r._mapping) for r in session_or_connection.execute(select(t).where(t.c[column].in_(chunk)))]
    return found


class Snapshot:
    """What a package took out: every row's identity and version, the columns it had to leave empty, the
    signature of every record (the package's ``meta``)."""

    def __init__(self, meta: dict):
        self.rows: dict[str, dict[str, list]] = meta.get("rows", {})
        self.cuts: dict[str, dict[str, list[str]]] = meta.get("cuts", {})
        self.signatures: dict[str, dict[str, str]] = meta.get("signatures", {})
        self.columns: dict[str, list[str]] | None = meta.get("columns")

    def same(self, table: str, row: Row | None) -> bool:
        """The row is the one the package took out (same id, made at the same moment)."""
        if row is None:
            return False
        taken = self.rows.get(table, {}).get(str(row["id"]))
        return taken is not None and taken[0] == stamp(row)

    def cut(self, table: str, row: Row) -> list[str]:
        return self.cuts.get(table, {}).get(str(row["id"]), []) if self.same(table, row) else []

    def signature(self, table: str, row_id: int) -> str | None:
        return self.signatures.get(table, {}).get(str(row_id))


def record_signature(kind: Kind, root: Row, children: dict[Part, list[Row]], snapshot: Snapshot) -> str:
    rows = [(kind.table, root)] + [(part.table, row) for part in kind.parts for row in children.get(part, ())]
    return signature(rows, snapshot.cut, snapshot.columns)


class Side:
    """The rows of one side (the package, or the office's rows it concerns), with their parts by record."""

    def __init__(self, rows: dict[str, dict[int, Row]]):
        self.rows = rows
        self._children: dict[tuple[str, str], dict[int, list[Row]]] = {}

    def row(self, table: str, row_id: int | None) -> Row | None:
        return self.rows.get(table, {}).get(row_id) if row_id is not None else None

    def children(self, kind: Kind, root_id: int) -> dict[Part, list[Row]]:
        found = {}
        for part in kind.parts:
            index = self._children.get((part.table, part.parent))
            if index is None:
                index = {}
                for row in self.rows.get(part.table, {}).values():
                    if row[part.parent] is not None:
                        index.setdefault(row[part.parent], []).append(row)
                self._children[(part.table, part.parent)] = index
            found[part] = sorted(index.get(root_id, ()), key=lambda r: r["id"])
        return found


# -- the merge --------------------------------------------------------------------------------------------------

_PENDING = object()  # a link to a laptop record not brought in yet: set once it is
_UNKNOWN = object()  # a link to something the office cannot have (dropped, or never taken out)


@dataclass
class MergeResult:
    counts: dict[str, int] = field(default_factory=lambda: {name: 0 for name in KIND_NAMES})
    conflicts: list[Conflict] = field(default_factory=list)
    written: list[tuple[Kind, int, int]] = field(default_factory=list)  # (kind, laptop id, office id)
    # records compared and left as they are (the same on both sides, the office's kept by decision, a catalogue
    # entry the office has, a document dropped by decision): (kind, laptop id, office id or None)
    settled: list[tuple[Kind, int, int | None]] = field(default_factory=list)


class Merge:
    """One import's comparison and writing (``run``); ``state`` is the import log's, updated in place."""

    def __init__(self, session: Session, laptop: Side, snapshot: Snapshot, state: dict,
                 decisions: dict[tuple[str, int | None], str] | None = None):
        self.s = session
        self.laptop = laptop
        self.snapshot = snapshot
        self.ids: dict[str, dict[str, int | None]] = state.setdefault("ids", {})
        self.base: dict[str, dict[str, list]] = state.setdefault("base", {})
        self.decisions = decisions or {}
        self.result = MergeResult()
        self._pending: list[tuple[object, str, str, int]] = []
        self._held: list = []

    # -- links -----------------------------------------------------------------------------------------
    def office_id(self, table: str, laptop_id: int | None):
        """The office's id of a laptop row: the same row taken out, a row brought in before, else
        _PENDING (a laptop row still to come) or _UNKNOWN."""
        if laptop_id is None:
            return None
        mapped = self.ids.get(table, {})
        if str(laptop_id) in mapped:
            found = mapped[str(laptop_id)]
            return _UNKNOWN if found is None else found
        row = self.laptop.row(table, laptop_id)
        if self.snapshot.same(table, row) or (row is None and str(laptop_id) in self.snapshot.rows.get(table, {})):
            return laptop_id
        if row is not None and table in MERGED_TABLES:
            return _PENDING
        return _UNKNOWN

    def _values(self, table: str, row: Row, skip: Iterable[str] = ()) -> tuple[dict, dict]:
        """The laptop row's contents in the office's ids; links still to come are returned apart."""
        targets = links(table)
        values, later = {}, {}
        for column in content_columns(table):
            if column in skip:
                continue
            value = row[column]
            if column in targets:
                mapped = self.office_id(targets[column], value)
                if mapped is _PENDING:
                    later[column] = (targets[column], value)
                    continue
                if mapped is _UNKNOWN:
                    continue  # the office keeps its own value
                value = mapped
            values[column] = value
        return values, later

    # -- reading the office's side ---------------------------------------------------------------------
    def _office(self, kind: Kind, office_ids: Iterable[int]) -> Side:
        rows = {kind.table: {r["id"]: r for r in read_rows(self.s, kind.table, "id", office_ids)}}
        for part in kind.parts:
            rows.setdefault(part.table, {}).update(
                {r["id"]: r for r in read_rows(self.s, part.table, part.parent, list(rows[kind.table]))})
        return Side(rows)

    def office_signature(self, kind: Kind, office_id: int) -> str | None:
        side = self._office(kind, [office_id])
        root = side.row(kind.table, office_id)
        if root is None:
            return None
        return record_signature(kind, root, side.children(kind, office_id), self.snapshot)

    def laptop_signature(self, kind: Kind, laptop_id: int) -> str:
        root = self.laptop.row(kind.table, laptop_id)
        return record_signature(kind, root, self.laptop.children(kind, laptop_id), self.snapshot)

    # -- the run ---------------------------------------------------------------------------------------
    def run(self) -> MergeResult:
        self.s.flush()
        for kind in KINDS:
            self._kind(kind)
        self._set_pending()
        self.result.conflicts.sort(key=lambda c: KIND_NAMES.index(c.kind))  # stable: each record's fields together
        return self.result

    def _kind(self, kind: Kind) -> None:
        new, changed = [], []
        for lid in sorted(self.laptop.rows.get(kind.table, {})):
            oid = self.office_id(kind.table, lid)
            base = self.base.get(kind.table, {}).get(str(lid))
            if oid is _PENDING or (oid is _UNKNOWN and base is not None):
                if oid is _UNKNOWN and self.laptop_signature(kind, lid) == base[0]:
                    continue  # dropped by the clerk's decision, unchanged since
                new.append(lid)
            elif oid is not _UNKNOWN:
                if self.laptop_signature(kind, lid) != (base[0] if base else self.snapshot.signature(kind.table, lid)):
                    changed.append((lid, oid, base))
                # else: the laptop did not change it
        if changed:  # only the office's rows the laptop changed are read
            office = self._office(kind, [oid for _lid, oid, _base in changed])
            for lid, oid, base in changed:
                self._existing(kind, lid, oid, base, office)
        if new:
            self._new(kind, new)

    def _existing(self, kind: Kind, lid: int, oid: int, base: list | None, office: Side) -> None:
        """A record the laptop changed: written, kept, or a conflict, as the office's side says."""
        root = office.row(kind.table, oid)
        taken = base is not None or self.snapshot.same(kind.table, root)
        if root is None or not taken:
            self._conflict(kind, oid if root is not None else None, self._describe(kind, lid),
                           [("(bản ghi)", DELETED, "(đã sửa)")], choices=())
            return
        office_sig = record_signature(kind, root, office.children(kind, oid), self.snapshot)
        decision = self.decisions.get((kind.table, oid))
        if decision == "laptop" or office_sig == (base[1] if base else self.snapshot.signature(kind.table, lid)):
            self._write(kind, lid, oid, office)
            return
        differences = self._differences(kind, lid, oid, office)
        if not differences or decision == "office":
            self.result.settled.append((kind, lid, oid))
            return
        self._conflict(kind, oid, self._describe(kind, lid), differences)

    def _conflict(self, kind: Kind, oid: int | None, record: str, differences: list[tuple[str, str, str]],
                  choices: tuple[str, ...] = ("office", "laptop")) -> None:
        for label, office_value, laptop_value in differences:
            self.result.conflicts.append(Conflict(kind.name, kind.table, oid, record, label, office_value,
                                                  laptop_value, choices))

    # -- writing ---------------------------------------------------------------------------------------
    def _write(self, kind: Kind, lid: int, oid: int, office: Side) -> None:
        laptop_root = self.laptop.row(kind.table, lid)
        obj = self.s.get(MODELS[kind.table], oid)
        changed = self._assign(obj, kind.table, laptop_root, self.snapshot.cut(kind.table, laptop_root))
        laptop_children = self.laptop.children(kind, lid)
        office_children = office.children(kind, oid)
        for part in kind.parts:
            changed |= self._sync_part(part, obj, laptop_children[part], office_children[part])
        self.s.flush()
        self.result.written.append((kind, lid, oid))
        if changed:
            self.result.counts[kind.name] += 1

    def _assign(self, obj, table: str, row: Row, skip: Iterable[str] = ()) -> bool:
        values, later = self._values(table, row, skip)
        changed = bool(later)  # a link to a record new on the laptop is a change
        for column, value in values.items():
            if getattr(obj, column) != value:
                setattr(obj, column, value)
                changed = True
        for column, (target, laptop_id) in later.items():
            self._pending.append((obj, column, target, laptop_id))
        return changed

    def _sync_part(self, part: Part, parent, laptop_rows: list[Row], office_rows: list[Row]) -> bool:
        model = MODELS[part.table]
        collection = _owner_collection(part, parent)
        office_by_id = {r["id"]: r for r in office_rows}
        kept, added, changed = set(), [], False
        for row in laptop_rows:
            oid = self.office_id(part.table, row["id"])
            if isinstance(oid, int) and oid in office_by_id:
                kept.add(oid)
                changed |= self._assign(self.s.get(model, oid), part.table, row,
                                        [part.parent, *self.snapshot.cut(part.table, row)])
            else:
                added.append(row)
        if part.listed:
            for oid in set(office_by_id) - kept:
                child = self.s.get(model, oid)
                if collection is not None:
                    collection.remove(child)
                else:
                    self.s.delete(child)
                changed = True
            self.s.flush()  # a list replaced: the old rows go before the new ones come (unique pairs)
        for row in added:
            child = self._create(part.table, row, skip=[part.parent])
            if collection is not None:
                collection.append(child)
            else:
                setattr(child, part.parent, parent.id)
                self.s.add(child)
            self.s.flush()
            self.ids.setdefault(part.table, {})[str(row["id"])] = child.id
            changed = True
        return changed

    def _create(self, table: str, row: Row, skip: Iterable[str] = ()):
        obj = MODELS[table]()
        self._assign(obj, table, row, skip)
        obj.created_at = row["created_at"]
        return obj

    def _new(self, kind: Kind, laptop_ids: list[int]) -> None:
        for lid in laptop_ids:
            row = self.laptop.row(kind.table, lid)
            if kind.same_as:
                values, _later = self._values(kind.table, row)
                model = MODELS[kind.table]
                found = self.s.scalar(select(model.id).where(*[getattr(model, c) == values.get(c)
                                                               for c in kind.same_as]).limit(1))
                if found is not None:  # the office has it under the same name: that entry
                    self.ids.setdefault(kind.table, {})[str(lid)] = found
                    self.result.settled.append((kind, lid, found))
                    continue
            if kind.table == "issued_document" and self._number_taken(kind, lid, row):
                continue
            obj = self._create(kind.table, row)
            owner = _owner(kind.table)
            if owner is not None:  # a row its parent's list owns joins that list
                parent_model, key, column = owner
                parent = self.s.get(parent_model, getattr(obj, column))
                self._held.append(parent)  # the session holds its rows weakly: kept until written
                getattr(parent, key).append(obj)
            else:
                self.s.add(obj)
            self.s.flush()
            self.ids.setdefault(kind.table, {})[str(lid)] = obj.id
            children = self.laptop.children(kind, lid)
            for part in kind.parts:
                self._sync_part(part, obj, children[part], [])
            self.result.written.append((kind, lid, obj.id))
            self.result.counts[kind.name] += 1

    def _number_taken(self, kind: Kind, lid: int, row: Row) -> bool:
        """A new register entry whose number the office gave to another document meanwhile: a conflict (the
        clerk keeps the office's, dropping the laptop's, or gives the document a new number on the laptop)."""
        if row["number"] is None:
            return False
        taken = self.s.scalar(select(m.IssuedDocument).where(
            m.IssuedDocument.symbol == row["symbol"], m.IssuedDocument.year == row["year"],
            m.IssuedDocument.number == row["number"]).limit(1))
        if taken is None:
            return False
        if self.decisions.get((kind.table, taken.id)) == "office":
            self.ids.setdefault(kind.table, {})[str(lid)] = None
            self.result.settled.append((kind, lid, None))
            return True
        reference = official.reference(row["number"], row["symbol"])
        self._conflict(kind, taken.id, f"Văn bản mới số {reference}",
                       [(LABELS["number"], f"{reference} ngày {taken.issued_date.isoformat()} (văn bản khác)",
                         f"{reference} ngày {plain(row['issued_date'])}")], choices=("office",))
        return True

    def _set_pending(self) -> None:
        for obj, column, target, laptop_id in self._pending:
            mapped = self.office_id(target, laptop_id)
            setattr(obj, column, mapped if isinstance(mapped, int) else None)
        self.s.flush()

    # -- conflicts side by side ------------------------------------------------------------------------
    def _differences(self, kind: Kind, lid: int, oid: int, office: Side) -> list[tuple[str, str, str]]:
        laptop_root, office_root = self.laptop.row(kind.table, lid), office.row(kind.table, oid)
        values, later = self._values(kind.table, laptop_root, self.snapshot.cut(kind.table, laptop_root))
        found = []
        for column in content_columns(kind.table):
            if column.endswith("_fold") or (column not in values and column not in later):
                continue
            if column in values and values[column] == office_root[column]:
                continue
            found.append((LABELS.get(column, column),
                          self.show(kind.table, column, office_root[column], office=True),
                          self.show(kind.table, column, laptop_root[column], office=False)))
        laptop_children, office_children = self.laptop.children(kind, lid), office.children(kind, oid)
        for part in kind.parts:
            if not part.listed:
                continue
            ours = [self._show_child(part, r, office=True) for r in office_children[part]]
            theirs = [self._show_child(part, r, office=False) for r in laptop_children[part]]
            if ours != theirs:
                found.append((part.label, "; ".join(ours) or EMPTY, "; ".join(theirs) or EMPTY))
        return found

    def show(self, table: str, column: str, value, *, office: bool) -> str:
        """A value as a clerk reads it: labels for codes, names for links, ISO dates."""
        if value is None or value == "":
            return EMPTY
        code = _CODES.get((table, column))
        if code is not None:
            try:
                return code(value).label
            except ValueError:
                return str(value)
        target = links(table).get(column)
        if target is not None:
            return self._name_of(target, value, office=office)
        if isinstance(value, bool):
            return "có" if value else "không"
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, (list, dict)):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, (bytes, bytearray, memoryview)):  # an issued document's stored text (compressed)
            return "(nội dung văn bản đã ban hành)"
        return str(value)

    def _name_of(self, table: str, row_id: int, *, office: bool) -> str:
        if office:
            obj = self.s.get(MODELS[table], row_id)
            row = {c.name: getattr(obj, c.name) for c in TABLES[table].columns} if obj is not None else None
        else:
            row = self.laptop.row(table, row_id)
        if row is None:
            return f"số {row_id}"
        for column in ("name", "citizen_name", "speaker_name", "title"):
            if row.get(column):
                return str(row[column])
        if table == "issued_document":
            return official.reference(row["number"], row["symbol"]) if row["number"] else f"số {row_id}"
        return f"số {row_id}"

    def _show_child(self, part: Part, row: Row, *, office: bool) -> str:
        shown = []
        for column in content_columns(part.table):
            value = row[column]
            if column in (part.parent, "position") or column.endswith("_fold") or value in (None, "", False):
                continue
            shown.append(LABELS[column].lower() if value is True else self.show(part.table, column, value,
                                                                                  office=office))
        return " – ".join(shown)

    def _describe(self, kind: Kind, lid: int) -> str:
        """"Đăng ký số 12 (Nguyễn Văn An)": the record as the office numbers and names it."""
        oid = self.office_id(kind.table, lid)
        number = oid if isinstance(oid, int) else lid
        office = isinstance(oid, int) and self.s.get(MODELS[kind.table], oid) is not None
        name = self._name_of(kind.table, number if office else lid, office=office)
        text = f"{_WHAT[kind.table]} số {number}"
        return text if name.startswith("số ") else f"{text} ({name})"


def _owner(table: str) -> tuple[type, str, str] | None:
    """(parent model, its list, the link column) when the parent's list owns the rows of ``table``."""
    model = MODELS[table]
    for mapper in m.Base.registry.mappers:
        for relationship in mapper.relationships:
            if relationship.cascade.delete_orphan and relationship.mapper.class_ is model:
                (column,) = [c.name for c in relationship.remote_side]
                return mapper.class_, relationship.key, column
    return None


def _owner_collection(part: Part, parent):
    owner = _owner(part.table)
    if owner is None or not isinstance(parent, owner[0]) or owner[2] != part.parent:
        return None
    return getattr(parent, owner[1])

"""Taking a session out to the hall and bringing its result back (issue 17, part 2).

The office's database is the ``db`` fixture (PostgreSQL under DESK_APP_TEST_PG); the package the laptop works
in is always a SQLite file. Data is made through the services, as the window and the CLI make it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3

import pytest
from sqlalchemy import select

from desk_app.domain.errors import DeskAppError, NotFoundError, ValidationError
from desk_app.services import followup, integrity, meeting_package, minutes, register, sessions
from desk_app.store import models as m
from desk_app.store.database import open_database
from tests.meeting_helpers import (KIND_NAMES, make_demo, export, file_hash, bring_back, meeting_day, fingerprint,
                                   office_meanwhile, opinion_view, petition_view, registration_view, run_meeting,
                                   session_view)


# -- taking the session out ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A demo office on SQLite, made once: tests copy it (a copy is the same database: same identity)."""
    path = tmp_path_factory.mktemp("office") / "office.sqlite3"
    database = open_database(str(path))
    sid = make_demo(database)
    database.dispose()
    return path, sid


@pytest.fixture
def office_db(db):
    """A demo office on the ``db`` fixture's database (PostgreSQL too, under DESK_APP_TEST_PG)."""
    return db, make_demo(db)


@pytest.fixture
def office(demo_file, tmp_path):
    path, sid = demo_file
    copy = tmp_path / "office.sqlite3"
    shutil.copyfile(path, copy)
    database = open_database(str(copy))
    yield database, sid
    database.dispose()


def test_the_package_holds_what_the_meeting_needs_and_opens_as_a_database(office, tmp_path):
    database, sid = office
    target = tmp_path / "hoi-nghi.sqlite3"
    assert export(database, sid, target) == target
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not target.with_name(target.name + "-wal").exists()
    with database.session() as s:
        office_rows = {
            "session": s.get(m.DialogueSession, sid).title,
            "registrations": sorted(s.scalars(select(m.Registration.id).where(m.Registration.session_id == sid))),
            "officials": sorted(s.scalars(select(m.Official.id))), "agencies": sorted(s.scalars(select(m.Agency.id))),
            "hamlets": sorted(s.scalars(select(m.Hamlet.id))), "fields": sorted(s.scalars(select(m.Field.id))),
            "profiles": sorted(s.scalars(select(m.Profile.id))),
            "open_earlier": sorted(s.scalars(select(m.Petition.id).join(m.DialogueSession).where(
                m.Petition.status.in_(followup.OPEN_STATUSES), m.Petition.session_id != sid))),
            "previous": [p.id for p in sessions.previous_session_petitions(s, sid)],
            "commune": s.scalar(select(m.Commune.name)),
            "identity": meeting_package.database_identity(s),
        }
    laptop = open_database(str(target))  # what `desk-app --db FILE` does on the laptop
    try:
        with laptop.session() as s:
            assert s.get(m.DialogueSession, sid).title == office_rows["session"]
            assert sorted(s.scalars(select(m.Registration.id))) == office_rows["registrations"]
            assert sorted(s.scalars(select(m.Official.id))) == office_rows["officials"]
            assert sorted(s.scalars(select(m.Agency.id))) == office_rows["agencies"]
            assert sorted(s.scalars(select(m.Hamlet.id))) == office_rows["hamlets"]
            assert sorted(s.scalars(select(m.Field.id))) == office_rows["fields"]
            assert sorted(s.scalars(select(m.Profile.id))) == office_rows["profiles"]
            petitions = set(s.scalars(select(m.Petition.id)))
            assert office_rows["open_earlier"] and set(office_rows["open_earlier"]) <= petitions
            assert set(office_rows["previous"]) <= petitions
            assert s.scalar(select(m.Commune.name)) == office_rows["commune"]
            # registrations of other sessions and the audit log stay in the office
            assert s.scalar(select(m.Registration.id).where(m.Registration.session_id != sid)) is None
            assert s.scalar(select(m.AuditLog.id).where(m.AuditLog.table_name != "setting")) is None
            # the laptop's own identity is not the office's
            assert meeting_package.database_identity(s) != office_rows["identity"]
        assert integrity.check(laptop) == []
    finally:
        laptop.dispose()
    meta = meeting_package.read_package(target)
    assert meta.session_id == sid and meta.origin == office_rows["identity"]
    assert meta.commune_name == office_rows["commune"]


def test_export_refuses_what_cannot_be_taken_out(office, tmp_path):
    database, sid = office
    with pytest.raises(NotFoundError, match="Không tìm thấy cuộc đối thoại"):
        export(database, 9999, tmp_path / "x.sqlite3")
    with database.session() as s:
        sessions.cancel(s, sid, "Hoãn vì mưa bão")
    with pytest.raises(ValidationError, match="trùng với tệp cơ sở dữ liệu"):  # never over the database itself
        export(database, sid, database.path)
    with pytest.raises(ValidationError, match="đã hủy"):
        export(database, sid, tmp_path / "x.sqlite3")
    assert not any(p.name.startswith((".x", "x")) for p in tmp_path.iterdir())  # no file, no leftover


# -- the round trip ----------------------------------------------------------------------------------------

def _office_hamlet(view):
    return [tuple("Thôn Nà Cạn (văn phòng)" if value == "Thôn Nà Cạn (máy xách tay)" else value for value in row)
            for row in view]


def test_round_trip_brings_the_meeting_back_and_lists_conflicts(office_db, tmp_path, monkeypatch):
    """Take a session out, run its meeting on the copy, change other and the same records in the office
    meanwhile, bring it back (on PostgreSQL too, under DESK_APP_TEST_PG)."""
    db, sid = office_db
    package = tmp_path / "hoi-nghi.sqlite3"
    export(db, sid, package)
    monkeypatch.setenv("DESK_APP_TODAY", meeting_day(db, sid).isoformat())  # the day of the meeting

    laptop = open_database(str(package))
    try:
        did = run_meeting(laptop, sid)
        with laptop.session() as s:
            # the hamlet renamed on both sides keeps the office's name: so do the views of what lives there
            laptop_regs = _office_hamlet(registration_view(s, sid))
            laptop_opinions = _office_hamlet(opinion_view(s, sid))
            laptop_petitions = petition_view(s, sid)
            laptop_session = session_view(s, sid)
            fixed = s.get(m.Registration, did["door_fixed"]).citizen_name
            laptop_conflicted = [v for v in laptop_regs if v[0] == fixed]
    finally:
        laptop.dispose()
    office_did = office_meanwhile(db, sid, did)
    with db.session() as s:
        office_conflicted = [v for v in registration_view(s, sid)
                             if v[0] == s.get(m.Registration, did["door_fixed"]).citizen_name]
        late = [v for v in registration_view(s, sid) if v[0] == "Vi Văn Sáng"]

    # a dry run says what would happen and changes nothing
    before = fingerprint(db)
    package_hash = file_hash(package)
    trial = bring_back(db, package, dry_run=True)
    assert fingerprint(db) == before and file_hash(package) == package_hash

    result = bring_back(db, package)
    assert [k for k, _ in result.counts] == KIND_NAMES
    assert result.counts == trial.counts and result.conflicts == trial.conflicts
    counts = dict(result.counts)
    assert counts["cuộc đối thoại"] == 1
    assert counts["bước chương trình"] == 5
    assert counts["ý kiến"] == len(laptop_opinions)
    assert counts["trả lời tại hội nghị"] == sum(len(v[-1]) for v in laptop_opinions)
    assert counts["kiến nghị"] == len(laptop_petitions)
    assert counts["danh mục"] == 2  # the new hamlet and the renamed one
    # every registration the laptop changed or added, except the one the office changed too
    assert counts["đăng ký phát biểu"] == len(laptop_regs) - 1
    assert counts["văn bản"] == 0

    # only the laptop changed them: the office now holds the laptop's records
    with db.session() as s:
        assert session_view(s, sid) == laptop_session
        assert opinion_view(s, sid) == laptop_opinions
        assert petition_view(s, sid) == laptop_petitions
        office_regs = registration_view(s, sid)
        expected = sorted([v for v in laptop_regs if v not in laptop_conflicted] + office_conflicted + late)
        assert office_regs == expected
        assert s.get(m.Hamlet, did["hamlet_renamed"]).name == "Thôn Bản Lải Trên"
        walk_in = s.scalar(select(m.Registration).where(m.Registration.citizen_fold == "ha van toi"))
        assert walk_in.hamlet.name == "Thôn Khuổi Hẩu" and walk_in.session_id == sid
        # only the office changed them: kept
        earlier = s.get(m.Petition, did["earlier"])
        assert (earlier.status, earlier.lead_agency_id) == (office_did["earlier_status"], office_did["earlier_lead"])
        assert s.get(m.Agency, office_did["police"]).head_name == "Nông Văn Thành"
        assert s.get(m.Registration, office_did["late"]).session_id == sid
        # both changed them: the office's record stays, the conflict is listed side by side
        assert s.get(m.Registration, did["door_fixed"]).phone == "0988000111"
        assert s.get(m.Hamlet, did["hamlet_conflict"]).name == "Thôn Nà Cạn (văn phòng)"
        new_petition = s.scalar(select(m.Petition).where(m.Petition.session_id == sid,
                                                         m.Petition.earlier_petition_id == did["earlier"]))
        assert new_petition.times_raised == earlier.times_raised + 1
    sides = {(c.kind, c.field): (c.office_value, c.laptop_value) for c in result.conflicts}
    assert sides[("đăng ký phát biểu", "Điện thoại")] == ("0988000111", "0912345678")
    assert sides[("danh mục", "Tên")] == ("Thôn Nà Cạn (văn phòng)", "Thôn Nà Cạn (máy xách tay)")
    assert ("đăng ký phát biểu", "Trạng thái") in sides
    assert {c.kind for c in result.conflicts} == {"đăng ký phát biểu", "danh mục"}
    assert all(c.record and c.office_value != c.laptop_value for c in result.conflicts)
    assert all(c.choices == ("office", "laptop") for c in result.conflicts)  # the clerk may keep either
    assert integrity.check(db) == []

    # the same result again: nothing changes, the conflicts are still there to decide
    after = fingerprint(db)
    again = bring_back(db, package)
    assert all(count == 0 for _, count in again.counts)
    assert again.conflicts == result.conflicts
    assert fingerprint(db) == after


def test_the_clerk_decides_a_conflict_on_the_session(office_db, tmp_path, monkeypatch):
    database, sid = office_db
    package = tmp_path / "hoi-nghi.sqlite3"
    export(database, sid, package)
    monkeypatch.setenv("DESK_APP_TODAY", meeting_day(database, sid).isoformat())
    laptop = open_database(str(package))
    try:
        did = run_meeting(laptop, sid)
        with laptop.session() as s:
            laptop_session = session_view(s, sid)
    finally:
        laptop.dispose()
    office_meanwhile(database, sid, did)
    with database.session() as s:  # the office moves the meeting to another hall meanwhile
        ds = s.get(m.DialogueSession, sid)
        ds.place = "Nhà văn hóa thôn Bản Lải"
    first = bring_back(database, package)
    on_session = [c for c in first.conflicts if c.kind == "cuộc đối thoại"]
    fields = {c.field for c in on_session}
    assert {"Địa điểm", "Trạng thái", "Giờ bắt đầu thực tế"} <= fields
    assert dict(first.counts)["cuộc đối thoại"] == 0
    with database.session() as s:
        assert s.get(m.DialogueSession, sid).status == "da_moi"  # not overwritten
    # the clerk takes the laptop's session record: applied, the conflict is gone
    decided = bring_back(database, package, decisions={on_session[0].key: "laptop"})
    assert dict(decided.counts)["cuộc đối thoại"] == 1
    assert not [c for c in decided.conflicts if c.kind == "cuộc đối thoại"]
    with database.session() as s:
        assert session_view(s, sid) == laptop_session
    # keeping the office's hamlet name: the conflict is settled and no longer listed
    hamlet = next(c for c in decided.conflicts if c.kind == "danh mục")
    kept = bring_back(database, package, decisions={hamlet.key: "office"})
    assert not [c for c in kept.conflicts if c.kind == "danh mục"]
    assert all(count == 0 for _, count in kept.counts)
    with database.session() as s:
        assert s.get(m.Hamlet, hamlet.office_id).name == "Thôn Nà Cạn (văn phòng)"
    assert bring_back(database, package).conflicts == kept.conflicts  # settled for good
    assert integrity.check(database) == []


def test_a_result_brought_back_in_two_steps(office_db, tmp_path, monkeypatch):
    """The laptop goes on working after a first import (the minutes corrected): the next import brings only
    what is new."""
    database, sid = office_db
    package = tmp_path / "hoi-nghi.sqlite3"
    export(database, sid, package)
    monkeypatch.setenv("DESK_APP_TODAY", meeting_day(database, sid).isoformat())
    laptop = open_database(str(package))
    try:
        run_meeting(laptop, sid)
        bring_back(database, package)
        with laptop.session() as s:
            opinion = s.scalar(select(m.Opinion).where(m.Opinion.session_id == sid).order_by(m.Opinion.id))
            minutes.save_opinion_text(s, opinion.id, opinion.content + " (bổ sung sau hội nghị)")
            minutes.save_progress(s, sid, citizens_attending=190)
            text = opinion.content
    finally:
        laptop.dispose()
    second = bring_back(database, package)
    assert dict(second.counts) == {**{k: 0 for k in KIND_NAMES}, "cuộc đối thoại": 1, "ý kiến": 1}
    with database.session() as s:
        assert s.get(m.DialogueSession, sid).citizens_attending == 190
        assert s.scalar(select(m.Opinion.id).where(m.Opinion.content == text)) is not None
    assert all(count == 0 for _, count in bring_back(database, package).counts)


def test_lists_replaced_history_added_and_register_numbers_on_the_laptop(office_db, tmp_path, monkeypatch):
    """The session's lists changed on the laptop replace the office's; an earlier petition followed up at the
    hall brings its history; a register number the office gave meanwhile to another document is a conflict."""
    database, sid = office_db
    package = tmp_path / "hoi-nghi.sqlite3"
    export(database, sid, package)
    monkeypatch.setenv("DESK_APP_TODAY", meeting_day(database, sid).isoformat())
    laptop = open_database(str(package))
    try:
        with laptop.session() as s:
            ds = s.get(m.DialogueSession, sid)
            deputy = s.scalar(select(m.Official).where(m.Official.title.like("Phó Chủ tịch UBND%")))
            ds.co_chairs = [m.SessionCoChair(official_id=deputy.id, delegated=True)]
            ds.recipients = ds.recipients[:2] + [m.SessionRecipient(text="Trưởng thôn Khuổi Hẩu", position=3)]
            earlier = s.scalar(select(m.Petition).where(m.Petition.session_id != sid, m.Petition.status == "moi")
                               .order_by(m.Petition.id))
            agencies = list(s.scalars(select(m.Agency).where(m.Agency.kind == "chuyen_mon").order_by(m.Agency.id)))
            followup.assign(s, earlier.id, agencies[0].id, [agencies[1].id], note="Giao tại hội nghị")
            minutes_entry = register.issue(s, register.Entry("minutes", "BB-UBND", 2026, sid), number=None,
                                           issued_date=ds.planned_start.date())
            register.issue(s, register.Entry("registration-form", "", 2026, sid), number=None,
                           issued_date=ds.planned_start.date())
            laptop_lists = ([(c.official_id, c.delegated) for c in ds.co_chairs], [r.text for r in ds.recipients])
            laptop_earlier = (earlier.status, earlier.lead_agency_id, [c.agency_id for c in earlier.coordinators],
                              [(h.from_status, h.to_status, h.note) for h in earlier.history])
            number = minutes_entry.number
            earlier_id = earlier.id
    finally:
        laptop.dispose()
    with database.session() as s:  # the office gives the same number to another document meanwhile
        other = s.scalar(select(m.DialogueSession.id).where(m.DialogueSession.id != sid))
        taken = register.issue(s, register.Entry("minutes", "BB-UBND", 2026, other), number=None,
                               issued_date=dt.date(2026, 11, 20))
        assert taken.number == number
        taken_id = taken.id
    result = bring_back(database, package)
    counts = dict(result.counts)
    assert (counts["cuộc đối thoại"], counts["kiến nghị"], counts["văn bản"]) == (1, 1, 1)
    with database.session() as s:
        ds = s.get(m.DialogueSession, sid)
        assert ([(c.official_id, c.delegated) for c in ds.co_chairs], [r.text for r in ds.recipients]) == laptop_lists
        earlier = s.get(m.Petition, earlier_id)
        assert (earlier.status, earlier.lead_agency_id, [c.agency_id for c in earlier.coordinators],
                [(h.from_status, h.to_status, h.note) for h in earlier.history]) == laptop_earlier
        forms = s.scalars(select(m.IssuedDocument).where(m.IssuedDocument.kind == "registration-form",
                                                         m.IssuedDocument.session_id == sid)).all()
        assert len(forms) == 1  # the laptop's new register entry, under a new id
        assert s.scalar(select(m.IssuedDocument).where(m.IssuedDocument.kind == "minutes",
                                                       m.IssuedDocument.session_id == sid)) is None
    (conflict,) = result.conflicts
    assert (conflict.kind, conflict.field, conflict.key) == ("văn bản", "Số văn bản", ("issued_document", taken_id))
    assert conflict.choices == ("office",)  # the number is the office's: the laptop's entry can only be dropped
    assert integrity.check(database) == []
    # the clerk keeps the office's number: the laptop's entry is dropped, the conflict settled
    settled = bring_back(database, package, decisions={conflict.key: "office"})
    assert settled.conflicts == [] and all(count == 0 for _, count in settled.counts)
    assert bring_back(database, package).conflicts == []


def test_what_only_the_office_keeps_is_named_not_brought_back(office_db, tmp_path):
    """A day off marked on the laptop moves the laptop's due dates; the office keeps its calendar, says so, and
    its due dates stay those of its own calendar."""
    from desk_app.domain.calendar import DayKind
    from desk_app.services import workdays

    database, sid = office_db
    package = tmp_path / "hoi-nghi.sqlite3"
    export(database, sid, package)
    laptop = open_database(str(package))
    try:
        with laptop.session() as s:
            moved = workdays.set_override(s, dt.date(2026, 12, 7), DayKind.OFF, "Nghỉ bù (máy xách tay)",
                                          confirm=True)
    finally:
        laptop.dispose()
    assert moved > 0
    result = bring_back(database, package)
    assert result.not_brought_back == ["ngày nghỉ, ngày làm bù: 1 thay đổi trên máy xách tay không được mang về "
                                       "(văn phòng giữ bản của mình)"]
    assert result.conflicts == []
    with database.session() as s:
        assert s.scalar(select(m.CalendarOverride.id).where(m.CalendarOverride.day == dt.date(2026, 12, 7))) is None
    assert integrity.check(database) == []  # every due date is the office calendar's


# -- refusals: checked before anything, nothing changes --------------------------------------------------------

def _refused(database, package, match):
    before, package_hash = fingerprint(database), file_hash(package)
    with pytest.raises(DeskAppError, match=match):
        bring_back(database, package)
    assert fingerprint(database) == before
    assert file_hash(package) == package_hash


def test_a_package_of_another_commune_or_database_is_refused(office, tmp_path):
    database, sid = office
    package = tmp_path / "hoi-nghi.sqlite3"
    export(database, sid, package)
    other_commune = open_database(str(tmp_path / "other-commune.sqlite3"))
    same_commune = open_database(str(tmp_path / "same-commune.sqlite3"))
    try:
        make_demo(other_commune, commune="Xã Hữu Kiên")
        _refused(other_commune, package, "Xã Hữu Kiên|xã khác|của Xã Tân Đoàn")
        make_demo(same_commune)  # the same commune, but another database (another office PC, a new install)
        _refused(same_commune, package, "cơ sở dữ liệu khác")
    finally:
        other_commune.dispose()
        same_commune.dispose()
    # the package itself is not an office that took the session out
    laptop = open_database(str(package))
    try:
        _refused(laptop, package, "cơ sở dữ liệu khác")
    finally:
        laptop.dispose()


def test_a_second_package_of_a_session_already_brought_back_is_refused(office_db, tmp_path, monkeypatch):
    database, sid = office_db
    first, second = tmp_path / "may-1.sqlite3", tmp_path / "may-2.sqlite3"
    export(database, sid, first)
    export(database, sid, second)
    monkeypatch.setenv("DESK_APP_TODAY", meeting_day(database, sid).isoformat())
    for path in (first, second):
        laptop = open_database(str(path))
        try:
            run_meeting(laptop, sid)
        finally:
            laptop.dispose()
    bring_back(database, first)
    _refused(database, second, "đã được nhập từ một gói khác")
    # a package taken out after that import carries it: it comes back normally
    third = tmp_path / "may-3.sqlite3"
    export(database, sid, third)
    assert all(count == 0 for _, count in bring_back(database, third).counts)


def test_a_package_of_a_session_this_database_does_not_have_is_refused(office, tmp_path):
    database, sid = office
    package = tmp_path / "hoi-nghi.sqlite3"
    export(database, sid, package)
    with sqlite3.connect(package) as connection:  # a package whose session is another one than the office's
        value = json.loads(connection.execute("SELECT value FROM setting WHERE key = ?",
                                              (meeting_package.PACKAGE_SETTING,)).fetchone()[0])
        value["session"]["created_at"] = "2001-01-01T00:00:00"
        connection.execute("UPDATE setting SET value = ? WHERE key = ?",
                           (json.dumps(value), meeting_package.PACKAGE_SETTING))
    _refused(database, package, "cuộc đối thoại")


@pytest.mark.parametrize("damage", ["newer", "garbage", "truncated", "not-a-package", "foreign", "meta"])
def test_a_newer_damaged_or_foreign_file_is_refused(office, tmp_path, damage):
    database, sid = office
    package = tmp_path / "hoi-nghi.sqlite3"
    export(database, sid, package)
    if damage == "newer":
        with sqlite3.connect(package) as connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
        match = "phiên bản mới hơn"
    elif damage == "garbage":
        package.write_bytes(b"PK\x03\x04 not a database at all" * 100)
        match = "không phải gói hội nghị"
    elif damage == "truncated":
        data = package.read_bytes()
        package.write_bytes(data[: len(data) // 3])
        match = "bị hỏng"
    elif damage == "not-a-package":  # an office database (a backup), not a package
        package.unlink()
        from desk_app.store.backup import write_backup

        write_backup(database, package)
        match = "không phải gói hội nghị"
    elif damage == "meta":  # what the package says about itself does not read
        with sqlite3.connect(package) as connection:
            connection.execute("UPDATE setting SET value = ? WHERE key = ?", (json.dumps({"kind": "meeting-package",
                                                                                        "format": 1}),
                                                                            meeting_package.PACKAGE_SETTING))
        match = "bị hỏng"
    else:
        package.unlink()
        with sqlite3.connect(package) as connection:
            connection.execute("CREATE TABLE notes (text TEXT)")
        match = "không phải gói hội nghị"
    _refused(database, package, match)


def test_a_missing_file_is_refused(office, tmp_path):
    database, _sid = office
    before = fingerprint(database)
    with pytest.raises(DeskAppError, match="Không tìm thấy"):
        bring_back(database, tmp_path / "khong-co.sqlite3")
    assert fingerprint(database) == before
    assert not (tmp_path / "khong-co.sqlite3").exists()


def test_every_field_a_conflict_can_show_has_a_vietnamese_label():
    from desk_app.services.meeting_merge import LABELS, MERGED_TABLES, content_columns

    assert {(t, c) for t in MERGED_TABLES for c in content_columns(t)
            if not c.endswith("_fold") and c not in LABELS} == set()


def test_a_record_the_office_deleted_cannot_be_decided(office, tmp_path):
    """The laptop changed a registration the office deleted meanwhile: listed, with nothing to decide."""
    database, sid = office
    package = tmp_path / "hoi-nghi.sqlite3"
    export(database, sid, package)
    laptop = open_database(str(package))
    try:
        with laptop.session() as s:
            reg = s.scalar(select(m.Registration).where(m.Registration.session_id == sid)
                           .order_by(m.Registration.id.desc()))
            reg.phone, reg_id = "0912000999", reg.id
    finally:
        laptop.dispose()
    with database.session() as s:
        s.delete(s.get(m.Registration, reg_id))
    (conflict,) = bring_back(database, package).conflicts
    assert (conflict.office_id, conflict.office_value, conflict.choices) == (None, "(không còn)", ())

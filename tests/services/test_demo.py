"""`desk-app demo`: a realistic, deterministic year with every host, form and status."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import DeskAppError, ValidationError
from desk_app.services import demo, statistics
from desk_app.store import models as m
from desk_app.store.database import open_database


def _generate(tmp_path, name="demo.sqlite3", **options):
    database = open_database(str(tmp_path / name))
    with database.session() as s:
        ids = demo.generate(s, demo.DemoOptions(year=options.pop("year", 2026), **options))
    return database, ids


@pytest.fixture(scope="module")
def default_demo(tmp_path_factory):
    database, ids = _generate(tmp_path_factory.mktemp("demo"))
    yield database, ids
    database.dispose()


def test_default_year_covers_every_host_form_and_status(default_demo, today):
    database, ids = default_demo
    assert len(ids) == 4
    with database.session() as s:
        rows = s.scalars(select(m.DialogueSession).order_by(m.DialogueSession.planned_start)).all()
        assert [r.status for r in rows] == ["hoan_thanh", "da_thong_bao_ket_luan", "da_ket_thuc", "da_moi"]
        assert {r.host for r in rows} == {"dang_uy", "hdnd", "ubnd", "lien_tich"}
        assert {r.form for r in rows} == {"truc_tiep", "chuyen_de", "truc_tuyen"}
        assert {r.regime for r in rows} == {"dinh_ky", "dot_xuat"}
        assert all(r.planned_start.date() > today for r in rows if r.status == "da_moi")
        assert all(r.planned_start.date() < today for r in rows if r.status != "da_moi")
        statuses = set(s.scalars(select(m.Petition.status)))
        assert statuses == {"moi", "dang_giai_quyet", "da_giai_quyet", "da_tra_loi_tai_hoi_nghi",
                            "da_chuyen_cap_tren", "khong_thuoc_tham_quyen"}
        petitions = s.scalar(select(func.count(m.Petition.id)))
        assert 55 <= petitions <= 60
        states = set(s.scalars(select(m.Registration.state)))
        assert {"tu_choi", "gop", "vang_mat", "da_phat_bieu"} <= states
        # a walk-in at each held session but the thematic one (which hears its theme only)
        assert s.scalar(select(func.count(m.Registration.id)).where(m.Registration.channel == "tai_hoi_nghi")) >= 2
        assert s.scalar(select(func.count(m.PetitionExtension.id))) >= 1
        overdue = s.scalar(select(func.count(m.Petition.id)).where(
            m.Petition.status.in_(["moi", "dang_giai_quyet"]), m.Petition.due_date < today))
        assert overdue >= 1
        assert s.scalar(select(func.count(m.Petition.id)).where(m.Petition.times_raised > 1)) >= 1
        assert s.scalar(select(func.count(m.Opinion.id))) > 40
        assert s.scalar(select(func.count(m.OpinionAnswer.id))) >= s.scalar(select(func.count(m.Opinion.id)))


def test_completed_session_has_every_petition_closed(default_demo):
    database, _ = default_demo
    with database.session() as s:
        done = s.scalar(select(m.DialogueSession).where(m.DialogueSession.status == "hoan_thanh"))
        assert set(s.scalars(select(m.Petition.status).where(m.Petition.session_id == done.id))) <= {
            "da_giai_quyet", "da_tra_loi_tai_hoi_nghi", "da_chuyen_cap_tren", "khong_thuoc_tham_quyen"}


def test_every_text_is_vietnamese_nfc(default_demo):
    database, _ = default_demo
    with database.session() as s:
        texts = list(s.scalars(select(m.Petition.content))) + list(s.scalars(select(m.Petition.conclusion)))
        texts += list(s.scalars(select(m.Registration.citizen_name))) + list(s.scalars(select(m.DialogueSession.title)))
        # every text that reaches a document: answers at the meeting, resolutions, places, audiences
        texts += list(s.scalars(select(m.OpinionAnswer.content))) + list(s.scalars(select(m.Petition.resolution)))
        texts += list(s.scalars(select(m.Opinion.content))) + list(s.scalars(select(m.DialogueSession.place)))
        texts += list(s.scalars(select(m.DialogueSession.target_audience)))
        texts += list(s.scalars(select(m.DialogueSession.general_conclusion)))
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert all("{" not in t for t in texts)
    assert any("đ" in t.lower() for t in texts)


def test_statistics_of_the_demo_are_consistent(default_demo, today):
    database, _ = default_demo
    with database.session() as s:
        stats = statistics.compute(s, statistics.Period.year(2026), today=today)
    total = stats.total
    assert total.sessions_total == 4 and total.sessions_held == 3
    assert sum(total.by_status.values()) == total.petitions
    assert total.resolved == total.resolved_on_time + total.resolved_late
    assert total.in_progress == total.open_overdue + total.open_not_due
    # luat-2025: the commune government (UBND with a Thường trực HĐND co-chair) and the Bí thư
    assert [(c.who, c.state) for c in stats.compliance] == [("chinh_quyen", "met"), ("dang_uy", "met")]


def _dump(database):
    with database.session() as s:
        return ([(p.citizen_name, p.content, p.status, p.due_date, p.resolved_date, p.times_raised)
                 for p in s.scalars(select(m.Petition).order_by(m.Petition.id))],
                [(r.citizen_name, r.state, r.queue_order) for r in s.scalars(select(m.Registration).order_by(m.Registration.id))])


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    first, ids1 = _generate(tmp_path, "a.sqlite3", seed=7)
    second, ids2 = _generate(tmp_path, "b.sqlite3", seed=7)
    third, _ = _generate(tmp_path, "c.sqlite3", seed=8)
    try:
        assert ids1 == ids2
        assert _dump(first) == _dump(second)
        assert _dump(first) != _dump(third)
    finally:
        for database in (first, second, third):
            database.dispose()


def test_more_sessions_bring_every_session_status(tmp_path):
    database, ids = _generate(tmp_path, sessions=8)
    try:
        with database.session() as s:
            statuses = set(s.scalars(select(m.DialogueSession.status)))
        assert len(ids) == 8
        assert statuses == {"hoan_thanh", "da_thong_bao_ket_luan", "da_ket_thuc", "dang_dien_ra", "huy",
                            "da_moi", "da_ban_hanh_ke_hoach", "du_thao"}
    finally:
        database.dispose()


def test_petitions_option_spreads_that_many(tmp_path):
    database, _ = _generate(tmp_path, petitions=500, sessions=3)
    try:
        with database.session() as s:
            assert s.scalar(select(func.count(m.Petition.id))) == 500
            assert s.scalar(select(func.count(m.PetitionStatusChange.id))) >= 500
            # bulk rows carry computed due dates like the ones made through the services
            assert s.scalar(select(func.count(m.Petition.id)).where(m.Petition.due_date.is_(None))) == 0
            stats = statistics.compute(s, statistics.Period.year(2026))
            # the walk-ins' comments answered at the meeting count too, without a petition of their own
            answered_only = s.scalar(select(func.count(m.Opinion.id)).where(
                m.Opinion.outcome == "tra_loi_tai_hoi_nghi", ~m.Opinion.id.in_(
                    select(m.Petition.opinion_id).where(m.Petition.opinion_id.is_not(None)))))
            assert answered_only > 0
            assert stats.total.petitions == 500 + answered_only
    finally:
        database.dispose()


def test_past_year_is_all_held_and_commune_name_is_used(tmp_path):
    database, _ = _generate(tmp_path, year=2024, commune="Mỹ Hòa Tây")
    try:
        with database.session() as s:
            assert s.scalar(select(m.Commune.name)) == "Xã Mỹ Hòa Tây"
            statuses = set(s.scalars(select(m.DialogueSession.status)))
            assert statuses <= {"hoan_thanh", "da_thong_bao_ket_luan"}
            assert all(d.year == 2024 for d in s.scalars(select(m.DialogueSession.planned_start)))
    finally:
        database.dispose()


def test_refuses_a_database_that_has_data(default_demo):
    database, _ = default_demo
    with pytest.raises(DeskAppError) as info:
        with database.session() as s:
            demo.generate(s, demo.DemoOptions(year=2026))
    assert "đã có dữ liệu" in info.value.message


@pytest.mark.parametrize("options", [dict(sessions=0), dict(sessions=61), dict(petitions=-1), dict(year=1999),
                                     dict(commune="   ")])
def test_bad_options_are_refused(tmp_path, options):
    database = open_database(str(tmp_path / "x.sqlite3"))
    try:
        with pytest.raises(ValidationError):
            with database.session() as s:
                demo.generate(s, demo.DemoOptions(**{"year": 2026, **options}))
        with database.session() as s:
            assert s.scalar(select(func.count(m.Commune.id))) == 0
    finally:
        database.dispose()


def test_thematic_session_title_names_one_whole_topic(default_demo):
    from desk_app.services import demo_corpus

    database, _ = default_demo
    with database.session() as s:
        title = s.scalar(select(m.DialogueSession.title).where(m.DialogueSession.form == "chuyen_de"))
    topic = title.split(" về ")[1].rsplit(" năm ", 1)[0]
    assert topic in [t[:1].lower() + t[1:] for t in demo_corpus.THEMATIC_TOPICS]


@pytest.mark.parametrize("today", ["2026-11-21", "2026-12-28", "2026-12-31"])
def test_a_session_is_still_ahead_of_today_and_nothing_is_dated_on_a_day_off(tmp_path, monkeypatch, today):
    """A new user can register speakers and run the live minutes at once, also at the end of the year; every
    document of the sample year (and every held meeting) is on a working day, and is in the register."""
    import datetime as dt

    from desk_app.services.common import load_calendar

    monkeypatch.setenv("DESK_APP_TODAY", today)
    day = dt.date.fromisoformat(today)
    database, _ids = _generate(tmp_path)
    try:
        with database.session() as s:
            calendar = load_calendar(s)
            ahead = [ds for ds in s.scalars(select(m.DialogueSession)) if ds.status == "da_moi"]
            assert ahead and all(ds.planned_start.date() > day for ds in ahead)
            held = [ds for ds in s.scalars(select(m.DialogueSession)) if ds.actual_start is not None]
            assert all(calendar.is_working_day(ds.session_date) for ds in held)
            rows = list(s.scalars(select(m.IssuedDocument)))
            assert rows and all(calendar.is_working_day(r.issued_date) for r in rows)
            for ds in held:
                assert {r.kind for r in rows if r.session_id == ds.id} >= {"plan", "notice", "invitation", "minutes"}
    finally:
        database.dispose()

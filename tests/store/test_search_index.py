"""The petition search index (store.search_index): same answers as the plain search, kept in step with
every change, built for older files by migration 0002, and actually used by the query."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, select

from desk_app.domain import clock
from desk_app.services import followup
from desk_app.services.common import load_calendar
from desk_app.services.followup import PetitionFilter, PetitionInput
from desk_app.store import models as m
from desk_app.store import search_index
from desk_app.store.database import open_database

TEXTS = [
    ("Nguyễn Văn Đức", "Đường giao thông thôn Bản Lải xuống cấp, đề nghị sửa chữa"),
    ("Trần Thị Hoa", "Giảm 50% phí vệ sinh môi trường"),
    ("Lê Văn Nam", "Hỗ trợ hộ nghèo theo mục a_b, \"khẩn\""),
    ("Hoàng Văn Páo", "Cấp giấy chứng nhận quyền sử dụng đất cho hộ ông Páo"),
    ("Vi Thị Lả", "Nước sạch về thôn Nà Pàn; đường ống hỏng từ tháng 3"),
    ("Nguyễn Thị Út", "Xin làm lại cầu treo qua suối"),
]
QUERIES = ["nguyen", "NGUYỄN văn", "duong thon", "thon na pan", "50%", "%", "a_b", "_", "\"khan\"", "khan",
           "u", "ut", "Út", "ao", "pao dat", "duong ong thang 3", "3", "cau treo suoi", "khong co", "nguyen duc ban",
           "giao   thong", "ng", "đ", "hỏng từ", "van"]


@pytest.fixture
def petitions(session, make_session):
    ds = make_session(stage="ended", petitions=0)
    created = [followup.create_petition(session, ds.id, PetitionInput(citizen_name=name, content=content))
               for name, content in TEXTS]
    session.flush()
    return ds, created


def _ids(session, search: str, *, indexed: bool) -> list[int]:
    clause = followup.filter_clause(PetitionFilter(search=search), clock.today(), load_calendar(session), session,
                                    indexed=indexed)  # not indexed: the plain LIKE search
    return list(session.scalars(select(m.Petition.id).where(clause).order_by(m.Petition.id)))


def test_a_new_sqlite_database_has_the_index(db, session):
    assert search_index.available(session) == (db.engine.dialect.name == "sqlite")


@pytest.mark.parametrize("search", QUERIES)
def test_the_index_answers_exactly_like_the_plain_search(session, petitions, search):
    assert _ids(session, search, indexed=True) == _ids(session, search, indexed=False)


def test_the_plain_search_finds_what_it_should(session, petitions):
    _ds, created = petitions
    by_name = {p.citizen_name: p.id for p in created}
    assert _ids(session, "nguyen", indexed=True) == [by_name["Nguyễn Văn Đức"], by_name["Nguyễn Thị Út"]]
    assert _ids(session, "thon na pan", indexed=True) == [by_name["Vi Thị Lả"]]
    assert _ids(session, "khong co", indexed=True) == []


def test_the_index_follows_every_change(session, petitions):
    ds, created = petitions
    hoa = created[1]
    followup.update_petition(session, hoa.id, PetitionInput(citizen_name="Trần Thị Hoa",
                                                            content="Sửa nhà văn hóa thôn Khòn Pổ"))
    session.flush()
    assert _ids(session, "khon po", indexed=True) == [hoa.id]
    assert _ids(session, "phi ve sinh", indexed=True) == []  # the old words are gone from the index
    # rows written in bulk (the demo's path for large years) are indexed by the triggers too
    session.execute(insert(m.Petition), [dict(
        session_id=ds.id, year=2026, citizen_name="Bế Văn Sáng", citizen_fold="be van sang",
        content="Đèn đường thôn Pò Mạ", content_fold="den duong thon po ma", status="moi")])
    bulk = session.scalar(select(m.Petition.id).where(m.Petition.citizen_fold == "be van sang"))
    assert _ids(session, "den duong po ma", indexed=True) == [bulk]
    session.execute(delete(m.Petition).where(m.Petition.id == bulk))
    assert _ids(session, "den duong po ma", indexed=True) == []
    assert _ids(session, "thon", indexed=True) == _ids(session, "thon", indexed=False)


def test_the_query_uses_the_index(tmp_path):
    """On SQLite (the index is SQLite's; PostgreSQL keeps the plain search) the count of a search reads the
    index, not every petition."""
    database = open_database(str(tmp_path / "plan.sqlite3"))
    try:
        with database.session() as session:
            clause = followup.filter_clause(PetitionFilter(search="giao thong"), clock.today(),
                                            load_calendar(session), session)
            statement = select(func.count(m.Petition.id)).where(clause)
            compiled = statement.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
            plan = " ".join(str(row[-1]) for row in
                            session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    finally:
        database.dispose()
    assert "VIRTUAL TABLE INDEX" in plan and "SCAN petition " not in plan + " "


def test_an_older_file_gets_the_index_of_its_petitions_when_upgraded(tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(Path(__file__).parents[1] / "fixtures" / "schema-0001.sqlite", path)
    database = open_database(str(path))
    try:
        with database.session() as session:
            assert search_index.available(session)
            for search in ("thon", "duong giao thong", "nguyen van", "khong co gi"):
                assert _ids(session, search, indexed=True) == _ids(session, search, indexed=False)
            assert _ids(session, "thon", indexed=True)
    finally:
        database.dispose()


def test_without_trigram_support_the_plain_search_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "supported", lambda connection: False)
    database = open_database(str(tmp_path / "plain.sqlite3"))
    try:
        with database.session() as session:
            assert not search_index.available(session)
            clause = followup.filter_clause(PetitionFilter(search="thon"), dt.date(2026, 11, 21),
                                            load_calendar(session), session)
            assert "petition_search" not in str(clause.compile())
            assert session.scalar(select(func.count()).select_from(m.Petition).where(clause)) == 0
    finally:
        database.dispose()

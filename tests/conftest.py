"""Shared test set-up.

- Qt runs offscreen (one QApplication for the suite comes with pytest-qt's ``qapp``).
- The user data folder is a throwaway folder: tests never touch the real one.
- "Today" is pinned to 2026-11-21 so deadlines and overdue checks are the same on every run.
- Fixtures build data through the services, the way the window and the CLI do.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from types import SimpleNamespace

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.name == "nt":  # offscreen Qt on Windows looks for fonts in its own (empty) folder: charts need text
    os.environ.setdefault("QT_QPA_FONTDIR", os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"))
_DATA_DIR = tempfile.mkdtemp(prefix="desk_app_test_data_")
os.environ["DESK_APP_DATA_DIR"] = _DATA_DIR
os.environ.pop("DESK_APP_DB", None)
TODAY = dt.date(2026, 11, 21)
os.environ["DESK_APP_TODAY"] = TODAY.isoformat()


_PG_CLUSTER = None  # the throwaway PostgreSQL cluster of DESK_APP_TEST_PG=cluster


def pytest_configure(config):
    """DESK_APP_TEST_PG=cluster: start one throwaway PostgreSQL cluster (tests/pg_cluster.py) for the run
    and point DESK_APP_TEST_PG at it, so the ``db`` fixture uses it. Any other value is a server URL."""
    global _PG_CLUSTER
    if os.environ.get("DESK_APP_TEST_PG") != "cluster" or _PG_CLUSTER is not None:
        return
    from tests.pg_cluster import start_cluster

    try:
        _PG_CLUSTER = start_cluster()
    except Exception as error:  # noqa: BLE001 - said to the user as it is
        raise pytest.UsageError(f"DESK_APP_TEST_PG=cluster: the PostgreSQL cluster did not start: {error}")
    if _PG_CLUSTER is None:
        raise pytest.UsageError("DESK_APP_TEST_PG=cluster: PostgreSQL's server binaries (initdb, pg_ctl) are "
                                "not installed (Debian: apt-get install postgresql); the PostgreSQL run "
                                "is not possible here.")
    os.environ["DESK_APP_TEST_PG"] = _PG_CLUSTER.url


def pytest_unconfigure(config):
    global _PG_CLUSTER
    if _PG_CLUSTER is not None:
        _PG_CLUSTER.stop()
        _PG_CLUSTER = None
        os.environ["DESK_APP_TEST_PG"] = "cluster"


def pytest_collection_modifyitems(config, items):
    """On the throwaway cluster only the tests that use the ``db`` fixture run (the others make their own
    SQLite files: the ordinary run has them); DESK_APP_TEST_SHARD=K/N keeps every N-th of those, from the
    K-th, so that N runs side by side share the work."""
    if _PG_CLUSTER is None:
        return
    keep = [item for item in items if "db" in getattr(item, "fixturenames", ())]
    shard = os.environ.get("DESK_APP_TEST_SHARD")
    if shard:
        k, n = (int(part) for part in shard.split("/"))
        keep = keep[k - 1::n]
    kept = set(map(id, keep))
    dropped = [item for item in items if id(item) not in kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_report_header(config):
    if _PG_CLUSTER is not None:
        return f"PostgreSQL: throwaway cluster {_PG_CLUSTER.url} ({_PG_CLUSTER.folder})"
    if os.environ.get("DESK_APP_TEST_PG"):
        return f"PostgreSQL: {os.environ['DESK_APP_TEST_PG']}"
    return None


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_DATA_DIR, ignore_errors=True)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def db(tmp_path):
    """A fresh database: a SQLite file, or — when DESK_APP_TEST_PG names a PostgreSQL server URL
    (postgresql+psycopg://user@host:port/postgres) — a throwaway database on that server."""
    from desk_app.store.database import open_database

    server = os.environ.get("DESK_APP_TEST_PG")
    if not server:
        database = open_database(str(tmp_path / "test.sqlite3"))
        yield database
        database.dispose()
        return
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = open_database(make_url(server).set(database=name).render_as_string(hide_password=False))
    yield database
    database.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def session(db):
    """One unit of work for the test (committed at the end, like a service call from the window)."""
    with db.session() as s:
        yield s


@pytest.fixture
def commune(session):
    """A commune with its three heads, a secretary, agencies and hamlets."""
    from sqlalchemy import select

    from desk_app.services import catalog
    from desk_app.store.models import Field

    unit = catalog.save_commune(session, catalog.CommuneInput(
        name="Xã Tân Đoàn", province="Tỉnh Lạng Sơn", party_superior="Đảng bộ tỉnh Lạng Sơn",
        superior_recipients=["Ban Tuyên giáo và Dân vận Tỉnh ủy", "UBND tỉnh"]))
    party = catalog.save_official(session, catalog.OfficialInput(
        name="Lý Văn Hùng", title="Bí thư Đảng ủy xã", body="dang_uy", is_party_head=True))
    council = catalog.save_official(session, catalog.OfficialInput(
        name="Hoàng Thị Mai", title="Chủ tịch HĐND xã", body="hdnd", is_council_head=True))
    committee = catalog.save_official(session, catalog.OfficialInput(
        name="Nguyễn Văn Đức", title="Chủ tịch UBND xã", body="ubnd", is_committee_head=True))
    deputy = catalog.save_official(session, catalog.OfficialInput(
        name="Trần Văn Bình", title="Phó Chủ tịch UBND xã", body="ubnd"))
    secretary = catalog.save_official(session, catalog.OfficialInput(
        name="Đỗ Thị Lan", title="Chuyên viên Văn phòng HĐND và UBND xã", body="van_phong"))
    economy = catalog.save_agency(session, catalog.AgencyInput(name="Phòng Kinh tế", head_title="Trưởng phòng"))
    culture = catalog.save_agency(session, catalog.AgencyInput(name="Phòng Văn hóa - Xã hội",
                                                               head_title="Trưởng phòng"))
    police = catalog.save_agency(session, catalog.AgencyInput(name="Công an xã", kind="cong_an",
                                                              head_title="Trưởng Công an xã"))
    province = catalog.save_agency(session, catalog.AgencyInput(name="Ủy ban nhân dân tỉnh", kind="cap_tren"))
    hamlets = [catalog.save_hamlet(session, name) for name in ("Thôn Bản Lải", "Thôn Nà Pàn", "Thôn Pò Mạ")]
    fields = {f.name: f for f in session.scalars(select(Field))}
    return SimpleNamespace(unit=unit, party=party, council=council, committee=committee, deputy=deputy,
                           secretary=secretary, economy=economy, culture=culture, police=police,
                           province=province, hamlets=hamlets, fields=fields)


STAGES = ("draft", "plan_issued", "invited", "in_progress", "ended", "concluded")


@pytest.fixture
def make_session(session, commune):
    """make_session(stage="ended", host="ubnd", start=datetime, petitions=2) → the DialogueSession.

    Walks the session through the services up to ``stage``; from "in_progress" on it has two
    registrations; from "ended" on, ``petitions`` petitions assigned for resolution.
    """
    from desk_app.services import followup, minutes, registrations, sessions

    def build(stage: str = "draft", host: str = "ubnd", start: dt.datetime = dt.datetime(2026, 6, 10, 8, 0),
              petitions: int = 2, notice_date: dt.date | None = None, **extra):
        chair = {"dang_uy": commune.party, "hdnd": commune.council, "ubnd": commune.committee,
                 "lien_tich": commune.party}[host]
        data = sessions.SessionInput(
            title=sessions.default_title(host, start.year, commune.unit), host=host, planned_start=start,
            chair_id=extra.pop("chair_id", chair.id), secretary_id=commune.secretary.id, place="Hội trường UBND xã",
            joint_bodies=["dang_uy", "ubnd"] if host == "lien_tich" else [], **extra)
        ds = sessions.plan_session(session, data)
        target = STAGES.index(stage)
        if target >= 1:
            # documents are dated on days already come (a session planned ahead was prepared by today)
            sessions.issue_plan(session, ds.id, min(start.date() - dt.timedelta(days=20), TODAY))
        if target >= 2:
            sessions.send_invitations(session, ds.id, min(start.date() - dt.timedelta(days=10), TODAY))
            for i in range(2):
                registrations.add_registration(session, ds.id, registrations.RegistrationInput(
                    citizen_name=f"Công dân số {i + 1}", content=f"Kiến nghị số {i + 1} về đường giao thông",
                    hamlet_id=commune.hamlets[i].id, field_id=commune.fields["Giao thông, hạ tầng"].id,
                    received_date=min(start.date() - dt.timedelta(days=5), TODAY)))
        if target >= 3:
            minutes.start_meeting(session, ds.id, start)
        if target >= 4:
            for i in range(petitions):
                followup.create_petition(session, ds.id, followup.PetitionInput(
                    citizen_name=f"Người kiến nghị {i + 1}", content=f"Nội dung kiến nghị {i + 1}",
                    field_id=commune.fields["Đất đai"].id, hamlet_id=commune.hamlets[0].id,
                    lead_agency_id=commune.economy.id))
            minutes.end_meeting(session, ds.id, start + dt.timedelta(hours=3), citizens_attending=100,
                                delegates_attending=20, general_conclusion="Kết luận chung của hội nghị.")
        if target >= 5:
            followup.issue_conclusion_notice(session, ds.id, notice_date or start.date() + dt.timedelta(days=5))
        return ds

    return build

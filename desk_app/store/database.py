"""Opening the database: where it is, the connection settings, the schema version.

The target comes from ``--db``, else ``DESK_APP_DB``, else ``desk_app.sqlite3`` in the user data folder
(platformdirs). A path means a SQLite file; anything with ``://`` is a SQLAlchemy URL (PostgreSQL for
offices that share a server).

At open: a new (empty) database gets the current schema and is stamped with the Alembic head; an
older one is upgraded through the migrations; one from a newer program, or a file that is not ours,
is refused with a Vietnamese message and left untouched.

Writers wait their turn: on SQLite a unit of work (``Database.session``) starts as a writer (``BEGIN IMMEDIATE``), so one that
reads and then writes is never overtaken by another writer between its read and its write (SQLite would
refuse its write at once, whatever the busy timeout); it waits up to :data:`BUSY_TIMEOUT_MS` for its turn
and then says so in Vietnamese. ``session(read_only=True)`` (long reads: lists, figures) and the engine's own
connections (check, backup) start as readers and never hold writers up. On PostgreSQL two writers that race for one unique key or
one row end in :class:`RaceError`; :meth:`Database.run` runs the unit of work again in that case.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import time
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desk_app.domain.errors import ConflictError, DatabaseError, DeskAppError
from desk_app.store import audit, search_index
from desk_app.store.models import Base
from desk_app.store.paths import user_data_dir  # noqa: F401 — re-exported (backup, templates)

log = logging.getLogger(__name__)

DB_FILE_NAME = "desk_app.sqlite3"
ENV_DB = "DESK_APP_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000  # how long a SQLite writer waits for another one to finish
WRITER = "desk_app_writer"  # execution option of the writing sessions: BEGIN IMMEDIATE (others: plain BEGIN)
RUN_ATTEMPTS = 5
T = TypeVar("T")


class RaceError(ConflictError):
    """Two writers raced for the same row or unique key (PostgreSQL: a unique violation, a serialization
    failure, a deadlock; any database: a row changed between this unit of work's read and its write). The
    unit of work can simply be run again (:meth:`Database.run`); its message is for when it cannot."""


def resolve_target(target: str | None = None) -> str:
    """The SQLAlchemy URL for ``--db`` / ``DESK_APP_DB`` / the default file."""
    target = (target or os.environ.get(ENV_DB) or "").strip()
    if not target:
        target = str(user_data_dir() / DB_FILE_NAME)
    if "://" in target:
        return target
    return "sqlite:///" + str(Path(target).expanduser().resolve())


def sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL (None for a server or an in-memory database)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return parsed.database


def describe_target(url: str) -> str:
    """A short, password-free description for messages and the status bar."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL keeps readers going during writes; FULL sync survives the offices' power cuts.
    # The driver's own transaction handling is turned off so that BEGIN is emitted by SQLAlchemy
    # (see _begin_sqlite): schema creation and migrations then run in one real transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _begin_sqlite(connection) -> None:
    # A writer takes the write lock at once (waiting its turn under the busy timeout): a deferred BEGIN that
    # read first cannot wait later, SQLite refuses its write when another writer committed meanwhile.
    writer = connection.get_execution_options().get(WRITER, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


class Database:
    """An open, migrated database and the factory of its sessions."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=False)
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self.path = Path(database) if database and database != ":memory:" else None
        self._identity = _file_identity(self.path) if self.path is not None else None
        self._factory = sessionmaker(engine.execution_options(**{WRITER: True}), expire_on_commit=False,
                                     class_=Session)
        self._read_factory = sessionmaker(engine, expire_on_commit=False, class_=Session)
        audit.install(self._factory)
        audit.install(self._read_factory)  # a change made in a reading session is still recorded
        self.races = 0  # units of work run again by run() after losing a race (the load test reports it)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def description(self) -> str:
        return describe_target(self.url)

    def file_replaced(self) -> bool:
        """The SQLite file is no longer the one this program opened (restored or copied over meanwhile, or
        deleted): its connections would go on writing into the replaced file, where nothing is kept."""
        return self._identity is not None and _file_identity(self.path) != self._identity

    @contextlib.contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A unit of work: committed if the block succeeds, rolled back (nothing changed) if not. On SQLite
        it waits its turn to write from the start; ``read_only`` (a long read) starts as a reader instead.
        Refused once the file was replaced underneath (``file_replaced``)."""
        if self.file_replaced():
            raise DatabaseError(REPLACED_MESSAGE.format(path=self.path))
        session = (self._read_factory if read_only else self._factory)()
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise RaceError("Dữ liệu đã được người khác sửa trong lúc bạn làm việc; "
                            "hãy tải lại và thực hiện lại thao tác.") from exc
        except IntegrityError as exc:
            session.rollback()
            raise _integrity_error(exc) from exc
        except OperationalError as exc:
            session.rollback()
            if _sqlstate(exc) in _RACE_STATES:
                raise RaceError(RACE_MESSAGE) from exc
            raise DatabaseError(operational_message(exc)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def run(self, work: Callable[[Session], T], *, attempts: int = RUN_ATTEMPTS) -> T:
        """``work(session)`` in a unit of work, run again (a moment later) when it lost a race with another
        writer; the last :class:`RaceError` reaches the caller when it keeps losing."""
        for attempt in range(1, attempts + 1):
            try:
                with self.session() as session:
                    return work(session)
            except RaceError:
                if attempt == attempts:
                    raise
                self.races += 1
                time.sleep(random.uniform(0.02, 0.1) * attempt)
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()


REPLACED_MESSAGE = ("Tệp dữ liệu {path} đã bị thay thế (khôi phục từ bản sao lưu hoặc chép đè) trong lúc chương "
                    "trình đang mở nên chương trình ngừng lưu để không ghi vào tệp cũ. Hãy chép lại những gì chưa "
                    "lưu, đóng rồi mở lại chương trình.")


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


RACE_MESSAGE = ("Dữ liệu vừa được người khác ghi cùng lúc nên chưa lưu được; những gì bạn nhập vẫn giữ nguyên, hãy "
                "thực hiện lại thao tác.")
_RACE_STATES = {"40001", "40P01"}  # PostgreSQL: serialization failure, deadlock detected
_UNIQUE_STATE = "23505"


def _sqlstate(exc: DBAPIError) -> str | None:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


def _integrity_error(exc: IntegrityError) -> DeskAppError:
    """A unique key taken by another writer a moment earlier is a race (run again: the service then finds
    the row); any other broken rule is a refusal that changed nothing."""
    detail = str(getattr(exc, "orig", exc)).lower()
    if _sqlstate(exc) == _UNIQUE_STATE or "unique constraint failed" in detail:
        return RaceError(RACE_MESSAGE)
    _log_detail(exc)
    return DatabaseError("Dữ liệu không hợp lệ với các liên kết trong cơ sở dữ liệu nên không lưu; dữ liệu không "
                         "thay đổi. Chi tiết đã ghi vào tệp nhật ký.")


def operational_message(exc: DBAPIError) -> str:
    detail = str(getattr(exc, "orig", exc)).lower()
    if "disk" in detail and "full" in detail or "no space" in detail:
        return "Ổ đĩa đã đầy: không ghi được dữ liệu. Hãy giải phóng dung lượng rồi thử lại; dữ liệu cũ không bị thay đổi."
    if "locked" in detail or "busy" in detail:
        return (f"Dữ liệu đang được người khác ghi, đã chờ {BUSY_TIMEOUT_MS // 1000} giây mà chưa đến lượt nên "
                "chưa lưu được; những gì bạn nhập vẫn giữ nguyên. Hãy thử lưu lại sau ít phút.")
    if "readonly" in detail or "read-only" in detail or "read only" in detail:
        return "Không ghi được vào cơ sở dữ liệu: tệp hoặc thư mục chỉ cho phép đọc."
    if "not a database" in detail or "malformed" in detail or "corrupt" in detail:
        return "Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của chương trình."
    if "could not connect" in detail or "connection" in detail:
        return "Không kết nối được máy chủ cơ sở dữ liệu. Hãy kiểm tra mạng nội bộ và máy chủ."
    _log_detail(exc)
    return "Lỗi cơ sở dữ liệu; dữ liệu không thay đổi. Chi tiết đã ghi vào tệp nhật ký."


def os_reason(exc: OSError) -> str:
    """The operating system's reason in Vietnamese (its own text is English on most machines)."""
    import errno

    reasons = {
        errno.EACCES: "không có quyền truy cập", errno.EPERM: "không có quyền truy cập",
        errno.ENOSPC: "ổ đĩa đã đầy", errno.EROFS: "ổ đĩa chỉ cho phép đọc", errno.ENOENT: "không tồn tại",
        errno.EISDIR: "là một thư mục", errno.ENOTDIR: "đường dẫn không phải thư mục",
        errno.EEXIST: "đã có một tệp trùng tên", errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    }
    return reasons.get(exc.errno, f"lỗi hệ thống (mã {exc.errno})")


def _log_detail(exc: BaseException) -> None:
    log.warning("database error: %s", getattr(exc, "orig", exc))


def create_db_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"Địa chỉ cơ sở dữ liệu không hợp lệ: {url}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            _check_sqlite_file(Path(database))
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ImportError, ArgumentError, SQLAlchemyError) as exc:
        _log_detail(exc)
        raise DatabaseError(f"Không dùng được cơ sở dữ liệu {describe_target(url)} (thiếu trình kết nối hoặc "
                            "địa chỉ sai); chi tiết đã ghi vào tệp nhật ký.") from exc


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not a SQLite database, before SQLite touches it."""
    if path.is_dir():
        raise DatabaseError(f"Đường dẫn cơ sở dữ liệu là một thư mục, không phải tệp: {path}")
    if path.exists() and path.stat().st_size > 0:
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseError(f"Không đọc được tệp cơ sở dữ liệu {path}: {os_reason(exc)}.") from exc
        if header != SQLITE_HEADER:
            raise DatabaseError(f"Tệp {path} không phải cơ sở dữ liệu của chương trình (hoặc đã bị hỏng).")
        _check_writable(path)
        _check_ours_read_only(path)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"Không tạo được thư mục dữ liệu {path.parent}: {os_reason(exc)}.") from exc
    _check_writable(path)


def _check_writable(path: Path) -> None:
    """SQLite writes beside the file (its WAL journal) and into it: a read-only folder or file is said to be
    one, not taken for a damaged or foreign database (which would push a clerk towards a restore)."""
    folder = path.parent
    advice = ("Hãy chép tệp sang một thư mục có quyền ghi (ví dụ thư mục Tài liệu) hoặc nhờ cán bộ tin học cấp "
              "quyền ghi; tệp không bị thay đổi.")
    if not os.access(folder, os.W_OK):
        raise DatabaseError(f"Thư mục {folder} chỉ đọc (không có quyền ghi) nên không mở được cơ sở dữ liệu "
                            f"{path.name}: chương trình cần ghi vào thư mục chứa tệp dữ liệu. {advice}")
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(f"Tệp cơ sở dữ liệu {path} chỉ đọc (không có quyền ghi) nên không mở được để làm "
                            f"việc. {advice}")


def read_schema(path: Path) -> tuple[set[str], str | None]:
    """The tables and the schema revision of a SQLite file, read without changing it (read-only: opening it
    through the engine would switch it to WAL). Raises sqlite3.DatabaseError for a damaged file."""
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = (connection.execute("SELECT version_num FROM alembic_version").fetchone() or [None])[0] \
            if "alembic_version" in tables else None
    finally:
        connection.close()
    return tables, revision


def known_revision(revision: str) -> bool:
    """A schema this program has (the current one or an older one it can upgrade), not a newer program's."""
    if revision == SCHEMA_HEAD:
        return True
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 — alembic raises its own errors for unknown ids
        return False


def _check_ours_read_only(path: Path) -> None:
    """Look at an existing file before the engine opens it: a foreign or newer file is refused untouched."""
    import sqlite3

    try:
        tables, revision = read_schema(path)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"Tệp {path} không phải cơ sở dữ liệu của chương trình (hoặc đã bị hỏng).") from exc
    if not tables:
        return  # an empty database: created as ours
    if revision is None:
        if ours_by_tables(tables):
            raise DatabaseError("Cơ sở dữ liệu thiếu thông tin phiên bản lược đồ; hãy dùng bản sao lưu.")
        raise DatabaseError("Cơ sở dữ liệu này không phải của chương trình (có bảng lạ, không có "
                            "thông tin phiên bản).")
    if not known_revision(revision):
        raise DatabaseError("Cơ sở dữ liệu được tạo bởi một phiên bản mới hơn của chương trình; hãy cập "
                            "nhật chương trình trước khi mở.")


# -- schema version ---------------------------------------------------------------------------------

def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


# Tables a migration added after the first schema: a file of an older schema lacks them and is still ours.
LATER_TABLES = frozenset({"meeting_import"})  # 0004


def ours_by_tables(tables: set[str]) -> bool:
    """The tables of a file say it is a database of this program (of any schema it can upgrade)."""
    return set(Base.metadata.tables) - LATER_TABLES <= tables


# The newest migration. Kept here so opening an up-to-date database needs no Alembic import (start-up time);
# a test checks it equals Alembic's head — bump it with every new migration.
SCHEMA_HEAD = "0006"


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection) -> str | None:
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    if len(rows) > 1:
        raise DatabaseError("Cơ sở dữ liệu có nhiều phiên bản lược đồ cùng lúc; hãy dùng bản sao lưu.")
    return rows[0][0] if rows else None


def create_schema(connection) -> None:
    """The current schema in an empty database, stamped with its revision: a new database, a backup copied
    from PostgreSQL, a meeting package."""
    from alembic import command

    Base.metadata.create_all(connection)
    search_index.create(connection)  # what migration 0002 adds to older files
    command.stamp(alembic_config(connection), SCHEMA_HEAD)


BeforeMigrate = Callable[[Engine, str | None, str], None]


def open_database(target: str | None = None, *, before_migrate: BeforeMigrate | None = None) -> Database:
    """Open (creating or upgrading as needed) the database named by ``target``.

    ``before_migrate(engine, from_revision, to_revision)`` runs before an existing database is
    upgraded (the automatic backup hooks in there).
    """
    url = resolve_target(target)
    engine = create_db_engine(url)
    try:
        _prepare_schema(engine, before_migrate)
    except DeskAppError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(operational_message(exc)) from exc
    except SQLAlchemyError as exc:
        engine.dispose()
        _log_detail(exc)
        raise DatabaseError(f"Không mở được cơ sở dữ liệu {describe_target(url)}; chi tiết đã ghi vào tệp "
                            "nhật ký.") from exc
    database = Database(engine)
    from desk_app.store import seed

    seed.ensure_builtin_rows(database)
    return database


def _prepare_schema(engine: Engine, before_migrate: BeforeMigrate | None) -> None:
    head = SCHEMA_HEAD
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = current_revision(connection) if "alembic_version" in tables else None
    if not tables:
        from alembic import command

        with engine.execution_options(**{WRITER: True}).begin() as connection:
            # a writer now: another program creating the same new file at the same moment went first
            tables = set(inspect(connection).get_table_names())
            if not tables:
                create_schema(connection)
                log.info("created a new database at revision %s", head)
                return
            revision = current_revision(connection) if "alembic_version" in tables else None
    if revision is None:
        if ours_by_tables(tables):
            raise DatabaseError("Cơ sở dữ liệu thiếu thông tin phiên bản lược đồ; hãy dùng bản sao lưu.")
        raise DatabaseError("Cơ sở dữ liệu này không phải của chương trình (có bảng lạ, không có "
                            "thông tin phiên bản).")
    if revision == head:
        return
    from alembic import command

    if not known_revision(revision):
        raise DatabaseError("Cơ sở dữ liệu được tạo bởi một phiên bản mới hơn của chương trình; hãy cập "
                            "nhật chương trình trước khi mở.")
    if before_migrate is not None:
        before_migrate(engine, revision, head)
    sqlite = engine.dialect.name == "sqlite"
    with engine.execution_options(**{WRITER: True}).connect() as connection:
        if sqlite:
            # Batch migrations copy tables; with foreign keys on, dropping the old copy would cascade.
            # The pragma only takes effect outside a transaction, hence the driver-level call.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), head)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                    raise DatabaseError("Nâng cấp cơ sở dữ liệu làm sai liên kết dữ liệu; đã hủy nâng cấp, "
                                        "dữ liệu giữ nguyên.")
        finally:
            if sqlite:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
    log.info("upgraded the database from %s to %s", revision, head)

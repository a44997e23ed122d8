"""PostgreSQL helpers for shared stations: URL checks, quick-failing engines, change polling.

Counters follow other stations by polling `change_marker` (the main window refreshes every second):
one indexed aggregate per poll, which works the same on SQLite and PostgreSQL and needs no
listener thread or extra connection the way LISTEN/NOTIFY would.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from kiosk.domain.models import CheckIn
from kiosk.storage.engine import Database, DatabaseTargetError, normalise_target

# Seconds before a station gives up on the server and works from its local copy. The libpq
# connect timeout has a resolution of whole seconds (minimum 2); tcp_user_timeout (ms) also
# bounds a query on a connection whose network vanished without a reset.
CONNECT_TIMEOUT_S = 2
TCP_USER_TIMEOUT_MS = 3000


def is_postgres(target: Database | Engine | str) -> bool:
    if isinstance(target, Database):
        return target.engine.dialect.name == "postgresql"
    if isinstance(target, Engine):
        return target.dialect.name == "postgresql"
    try:
        return make_url(normalise_target(target)).get_backend_name() == "postgresql"
    except (DatabaseTargetError, ArgumentError):
        return False


def check_server_url(url: str) -> str:
    """Validate a shared-server URL and return it normalised; raise DatabaseTargetError otherwise."""
    normalised = normalise_target(url)
    parsed = make_url(normalised)
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseTargetError(f"공유 서버 주소는 postgresql+psycopg:// 로 시작해야 합니다: {url}")
    if parsed.get_driver_name() not in ("psycopg", "psycopg_async"):
        raise DatabaseTargetError(
            "PostgreSQL 드라이버는 psycopg(3)을 사용합니다: postgresql+psycopg://사용자:암호@서버/kiosk"
        )
    if not parsed.database:
        raise DatabaseTargetError(f"데이터베이스 이름이 없습니다: {parsed.render_as_string()}")
    return normalised


def redacted(url: str) -> str:
    """The URL without its password, for logs and screens."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(잘못된 주소)"


def station_engine(url: str, *, pool_size: int = 2) -> Engine:
    """An engine that notices a dead server within seconds instead of minutes."""
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "application_name": "kiosk-station",
    }
    return create_engine(
        check_server_url(url),
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=2,
        pool_timeout=CONNECT_TIMEOUT_S,
        connect_args=connect_args,
    )


@dataclass(frozen=True)
class StationDatabase(Database):
    """A shared server whose write transactions free the seat lock before the disk flush.

    Check-ins serialise on the event row lock (exact capacity), and a lock is held until
    commit. With an ordinary commit, that includes the WAL fsync, so the whole door is
    limited to one fsync per check-in. Here the transaction commits with
    synchronous_commit = off (the lock is released as soon as the commit record is written),
    and `write()` then waits for that record to reach the disk with a one-statement
    synchronous transaction before it returns. Whoever called write() -- the check-in desk,
    and so the screen -- hears of a decision only once it is durable, and the flushes of
    several stations share one fsync (group commit).

    The cost: for a moment other stations can see a check-in that a server crash could still
    undo. The station that made it has not shown it yet; it gets a connection error, and
    records the scan in its own journal instead, so nothing acknowledged is lost.
    """

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.engine.connect() as conn:
            with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                session.execute(text("SET LOCAL synchronous_commit = off"))
                yield session
            _wait_until_durable(conn)


def _wait_until_durable(conn: Connection) -> None:
    # An xid-assigning statement committed synchronously flushes the WAL up to its own commit
    # record, and so everything this connection committed before it. One round trip.
    raw = conn.connection.driver_connection
    raw.autocommit = True
    try:
        raw.execute("SELECT pg_catalog.txid_current()")
    finally:
        raw.autocommit = False


def station_database(url: str) -> Database:
    engine = station_engine(url)
    return StationDatabase(engine=engine, url=engine.url.render_as_string(hide_password=False))


def is_connection_error(exc: BaseException) -> bool:
    """True when `exc` means the server is gone or unreachable, not that our SQL was wrong."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)


def server_reachable(db: Database) -> bool:
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return True
    except Exception as exc:  # noqa: BLE001 - any connection failure means "not now"
        if is_connection_error(exc):
            return False
        raise


def change_marker(session: Session, event_id: int) -> tuple[int, int, int]:
    """A cheap fingerprint of the event's check-ins; it changes whenever a counter would.

    (rows, open rows, companions inside): a new check-in, a check-out, an undo or a change of
    companions each moves at least one of them.
    """
    open_rows = func.count(CheckIn.id).filter(CheckIn.undone_at.is_(None), CheckIn.checked_out_at.is_(None))
    companions = func.coalesce(
        func.sum(CheckIn.companions).filter(CheckIn.undone_at.is_(None), CheckIn.checked_out_at.is_(None)), 0
    )
    row = session.execute(
        select(func.count(CheckIn.id), open_rows, companions).where(CheckIn.event_id == event_id)
    ).one()
    return int(row[0]), int(row[1]), int(row[2])

"""PostgreSQL helpers for shared stations: URL checks, quick-failing engines, change fingerprints.

Stations no longer poll the server to follow each other. The server announces every committed
change (LISTEN/NOTIFY, migration 0009_notify; `kiosk.storage.listen.ChangeListener` hears it on
its own connection and thread), so counters move within a fraction of a second of another
station's commit and an idle console sends the server nothing. Each station connection names
its station (`kiosk.station`), which the announcement carries. `change_marker` remains the
fingerprint a replica refresh uses to copy only the check-ins that moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from kiosk.domain.models import CheckIn
from kiosk.storage.engine import Database, DatabaseTargetError, normalise_target

T = TypeVar("T")

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


def station_engine(url: str, *, pool_size: int = 2, pre_ping: bool = True, **options: Any) -> Engine:
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
        pool_pre_ping=pre_ping,
        pool_size=pool_size,
        max_overflow=2,
        pool_timeout=CONNECT_TIMEOUT_S,
        connect_args=connect_args,
        **options,
    )


@dataclass(frozen=True)
class StationDatabase(Database):
    """A shared server whose write transactions are flushed to its disk before they return.

    Every commit is an ordinary synchronous commit (`synchronous_commit = on`, forced per
    connection so a server configured otherwise cannot weaken it): whoever called write() --
    the check-in desk, and so the screen or the CLI's stdout -- hears of a decision only once
    the server's WAL holds it on disk. An earlier version committed with synchronous_commit = off
    and then "waited" with a read-only transaction; that transaction wrote no WAL, flushed
    nothing, and a server crash right after a green verdict lost the check-in.

    `door` is a second, small engine for the door's one-statement decisions (`one_statement`):
    autocommit (the statement is its own transaction, committed -- synchronously -- before the
    reply) and no pre-ping, whose SELECT 1 would double the round trips of a check-in.
    """

    door: Engine | None = None

    def dispose(self) -> None:
        super().dispose()
        if self.door is not None:
            self.door.dispose()


def _force_synchronous_commit(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute("SET synchronous_commit = on")
        finally:
            dbapi_connection.autocommit = autocommit


def _name_station(engine: Engine, station: str) -> None:
    """Every connection says which station it serves: the change announcements carry it."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: object) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute("SELECT set_config('kiosk.station', %s, false)", (station,))
        finally:
            dbapi_connection.autocommit = autocommit


def station_database(url: str, *, station: str = "") -> Database:
    engine = station_engine(url)
    _force_synchronous_commit(engine)
    door = station_engine(url, pool_size=1, pre_ping=False, isolation_level="AUTOCOMMIT")
    _force_synchronous_commit(door)
    from kiosk.storage.stall import StallGuard

    guard = StallGuard()  # a server that stops answering sends the station apart (stall.py)
    guard.watch(engine)
    guard.watch(door)
    if station:  # both engines: the one-statement check-in runs on the door's
        _name_station(engine, station)
        _name_station(door, station)
    return StationDatabase(engine=engine, url=engine.url.render_as_string(hide_password=False), door=door)


def door_engine(db: Database) -> Engine:
    """The engine for one-statement decisions: the station's own, or an autocommit view of db's."""
    door = getattr(db, "door", None)
    return door if door is not None else db.engine.execution_options(isolation_level="AUTOCOMMIT")


def one_statement(db: Database, statement: Executable, params: dict[str, Any]) -> Any:
    """Run one statement as its own transaction (one round trip) and return its single value.

    Only for statements that are safe to repeat (see `on_door_connection`): the check-in
    function finds its own check-in by the caller's id and answers ok again.
    """
    return on_door_connection(db, lambda conn: conn.execute(statement, params).scalar_one())


def on_door_connection(db: Database, work: Callable[[Connection], T]) -> T:
    """`work(conn)` on the door's autocommit connection, each statement its own transaction.

    A pooled connection that died since its last use (a server restart, a dropped idle link)
    fails the statement without running it or loses its reply; `work` then runs once more on a
    fresh connection, so it must be safe to repeat. A failure to connect at all is raised at
    once (the station goes offline; no second connect timeout).
    """
    engine = door_engine(db)
    try:
        with engine.connect() as conn:
            return work(conn)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    with engine.connect() as conn:
        return work(conn)


# SQLSTATE class 40 (transaction rollback: serialization failure, deadlock): the server is fine and
# the same transaction run again will most likely succeed. psycopg files these under
# OperationalError, which must not be mistaken for a lost server.
_CONFLICT_STATES = {"40001", "40P01"}


def sqlstate(exc: BaseException) -> str | None:
    original = getattr(exc, "orig", None) or exc
    return getattr(original, "sqlstate", None)


def is_transaction_conflict(exc: BaseException) -> bool:
    """True for a deadlock or serialization failure: retry the transaction, do not fail over."""
    return sqlstate(exc) in _CONFLICT_STATES


def is_connection_error(exc: BaseException) -> bool:
    """True when `exc` means the server is gone or unreachable, not that our SQL was wrong."""
    if is_transaction_conflict(exc):
        return False
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

"""One engine factory for SQLite files and SQLAlchemy URLs (PostgreSQL for shared stations)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.storage.private import private_dir, private_sqlite


class DatabaseTargetError(ValueError):
    """The --db target is neither a usable file path nor a valid SQLAlchemy URL."""


def normalise_target(target: str | Path) -> str:
    """Turn a file path or URL into an SQLAlchemy URL string."""
    text = str(target).strip()
    if not text:
        raise DatabaseTargetError("데이터베이스 경로가 비어 있습니다 (empty database path)")
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise DatabaseTargetError(f"잘못된 데이터베이스 URL입니다: {text} ({exc})") from exc
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseTargetError(
                f"지원하지 않는 데이터베이스입니다: {url.get_backend_name()} (SQLite 또는 PostgreSQL)"
            )
        return url.render_as_string(hide_password=False)
    path = Path(text).expanduser().resolve()
    if path.is_dir():
        raise DatabaseTargetError(f"데이터베이스 경로가 폴더입니다: {path}")
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def check_sqlite_file(path: Path) -> None:
    """Refuse, with one clear line, a file SQLite would silently turn into a new database or
    could not open: a 0-byte file (a failed copy, a truncated download) and a read-only folder."""
    import os

    if path.is_file() and path.stat().st_size == 0:
        raise DatabaseTargetError(
            f"데이터베이스 파일이 비어 있습니다 (0바이트): {path} — 새 데이터베이스로 만들지 않습니다. "
            "백업에서 복원하거나 다른 파일을 지정하세요 (empty database file refused)"
        )
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseTargetError(
            f"데이터베이스 폴더에 쓸 수 없습니다 (읽기 전용): {folder} — 쓰기 권한이 있는 폴더를 지정하세요 "
            "(read-only folder: SQLite needs to write its journal beside the file)"
        )


def _configure_sqlite(engine: Engine, path: Path | None = None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # FULL: a check-in shown on screen survives a pulled power cord, not only a crash.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()
        if path is not None:
            # The file holds the signing secret and guests' personal data: owner-only.
            private_sqlite(path)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        # Write transactions take the write lock up front, so "count seats, then insert" is
        # atomic across processes instead of failing late with SQLITE_BUSY.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(target: str | Path, *, echo: bool = False) -> Engine:
    url = normalise_target(target)
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            if not path.parent.exists():
                private_dir(path.parent)
            check_sqlite_file(path)
            from kiosk.storage.protected import protect

            protect(path)  # from now on only SQLite may open it in this process
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": 10}
        )
        _configure_sqlite(engine, path)
        return engine
    return create_engine(
        url,
        echo=echo,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 3},
    )


@dataclass(frozen=True)
class Database:
    """An engine with its two session factories: reads, and writes that lock first."""

    engine: Engine
    url: str

    @classmethod
    def open(cls, target: str | Path) -> Database:
        engine = make_engine(target)
        return cls(engine=engine, url=engine.url.render_as_string(hide_password=False))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that holds the database's write lock from its first statement.

        Commits on success, rolls back on any exception.
        """
        if self.is_sqlite:
            from kiosk.storage.watchdog import check_before_write

            # Never acknowledge into a file that is no longer the database on disk.
            check_before_write(self.path)
        bind = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    def sessionmaker(self) -> sessionmaker[Session]:
        return sessionmaker(self.engine, expire_on_commit=False)

    def dispose(self) -> None:
        self.engine.dispose()

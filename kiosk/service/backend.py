"""Where the door service's use cases run: one SQLite file, or a station of a shared server.

The service above never asks which one it has beyond `apart` (is the shared server away right
now?). Door actions go through `desk_call`, which on a station runs them on the server or, while
apart, on this laptop's copy and journals them; reads go through `read()`, writes that need the
server through `write()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from kiosk.domain.checkin import CheckInDesk
from kiosk.storage.engine import Database
from kiosk.storage.listen import Change, ChangeListener

if TYPE_CHECKING:
    from kiosk.sync.station import LinkStatus, StationLink

T = TypeVar("T")


@dataclass(frozen=True)
class ConnectionStatus:
    """What the status bar shows: plain file, or a station online / apart with its journal."""

    shared: bool
    apart: bool
    pending: int = 0
    conflicts: int = 0
    server: str = ""
    detail: str = ""
    link: Any = None  # a station's own LinkStatus (times, notice) for the connection badge


class FileBackend:
    """One SQLite file (or a server used directly by a CLI command): never apart."""

    apart = False
    shared = False

    def __init__(self, db: Database) -> None:
        self.db = db
        self._desks: dict[int, CheckInDesk] = {}
        self._listener: ChangeListener | None = None
        self._watchers: list[Callable[[Change], None]] = []

    def desk(self, event_id: int) -> CheckInDesk:
        if event_id not in self._desks:
            self._desks[event_id] = CheckInDesk(self.db, event_id)
        return self._desks[event_id]

    def desk_call(self, event_id: int, action: Callable[[CheckInDesk], T]) -> T:
        return action(self.desk(event_id))

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.db.write() as session:
            yield session

    def query(self, fn: Callable[[Session], T]) -> T:
        """A read: `fn(session)` in one session."""
        with self.db.session() as session:
            return fn(session)

    def change(self, fn: Callable[[Session], T]) -> T:
        """A small write (an audit line): `fn(session)` in one write transaction."""
        with self.db.write() as session:
            return fn(session)

    @property
    def database(self) -> Database:
        return self.db

    def status(self) -> ConnectionStatus:
        return ConnectionStatus(shared=False, apart=False)

    def poll(self) -> ConnectionStatus:
        return self.status()

    def watch(self, callback: Callable[[Change], None]) -> None:
        """A server used directly announces its changes too; a SQLite file has no one else to hear."""
        from kiosk.storage.postgres import is_postgres

        if not is_postgres(self.db):
            return
        self._watchers.append(callback)
        if self._listener is None:
            self._listener = ChangeListener(self.db.url, lambda change: [w(change) for w in list(self._watchers)])
            self._listener.start()

    def unwatch(self) -> None:
        self._watchers.clear()

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        self.db.dispose()


class StationBackend:
    """A station of a shared PostgreSQL server, with its local copy and journal."""

    shared = True

    def __init__(self, link: StationLink) -> None:
        self.link = link

    @property
    def apart(self) -> bool:
        from kiosk.sync.station import LinkState

        return self.link.state is not LinkState.ONLINE

    @property
    def database(self) -> Database:
        from kiosk.sync.station import LinkState

        return self.link.server if self.link.state is LinkState.ONLINE else self.link.local

    def desk_call(self, event_id: int, action: Callable[[CheckInDesk], T]) -> T:
        return self.link.call(action)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.database.session() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.database.write() as session:
            yield session

    def query(self, fn: Callable[[Session], T]) -> T:
        """A read from the server while it answers; from this station's copy when it does not
        (a server that dies mid-read sends the station apart instead of raising)."""
        return self._either(fn, write=False)

    def change(self, fn: Callable[[Session], T]) -> T:
        """A small write on whichever side answers (audit lines such as a VIP alert shown)."""
        return self._either(fn, write=True)

    def _either(self, fn: Callable[[Session], T], *, write: bool) -> T:
        from kiosk.storage.postgres import is_connection_error
        from kiosk.sync.station import LinkState

        link = self.link
        if link.state is LinkState.ONLINE:
            try:
                with link.server.write() if write else link.server.session() as session:
                    return fn(session)
            except Exception as exc:
                if not is_connection_error(exc):
                    raise
                with link._lock:
                    link._go_offline(exc)
        with link.local.write() if write else link.local.session() as session:
            return fn(session)

    def status(self) -> ConnectionStatus:
        return _status(self.link.status())

    def poll(self) -> ConnectionStatus:
        return _status(self.link.poll())

    def watch(self, callback: Callable[[Change], None]) -> None:
        self.link.watch(callback)

    def unwatch(self) -> None:
        self.link.unwatch()

    def close(self) -> None:
        self.link.close()


def _status(s: LinkStatus) -> ConnectionStatus:
    from kiosk.sync.station import LinkState

    return ConnectionStatus(
        shared=True,
        apart=s.state is not LinkState.ONLINE,
        pending=s.pending,
        conflicts=s.conflicts,
        server=s.server,
        detail=s.last_error or s.notice,
        link=s,
    )

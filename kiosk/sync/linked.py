"""The console's view of a station link: one database and one desk, whichever side answers.

The main window is written against `Database` and `CheckInDesk`. On a shared server it gets
these look-alikes instead: reads go to the server while it answers and to this laptop's copy
when it does not, and every door action goes through `StationLink.call`, so a scan made while
the network is down lands in the local journal at once instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from kiosk.domain.checkin import CheckInDesk, CheckInVerdict
from kiosk.storage.engine import Database
from kiosk.sync.station import LinkState, StationLink, default_replica_path


class LinkedDatabase:
    """Quacks like `Database`; serves from the shared server or, offline, the local copy."""

    def __init__(self, link: StationLink) -> None:
        self.link = link

    @property
    def active(self) -> Database:
        return self.link.server if self.link.state is LinkState.ONLINE else self.link.local

    @property
    def engine(self) -> Engine:
        return self.active.engine

    @property
    def url(self) -> str:
        return self.link.server.url

    @property
    def is_sqlite(self) -> bool:
        return self.active.is_sqlite

    @property
    def path(self) -> Path | None:
        return None  # nothing of the server's to copy or lock on this laptop

    def session(self) -> Session:
        return self.active.session()

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.active.write() as session:
            yield session

    def dispose(self) -> None:
        self.link.close()


class LinkedDesk(CheckInDesk):
    """A desk whose decisions fall back to the local copy the moment the server is away."""

    def __init__(self, db: LinkedDatabase, event_id: int) -> None:
        super().__init__(db, event_id)  # type: ignore[arg-type]
        self.link = db.link

    def scan(self, *args: Any, **kwargs: Any) -> CheckInVerdict:
        return self.link.call(lambda desk: desk.scan(*args, **kwargs))

    def check_in_participant(self, *args: Any, **kwargs: Any) -> CheckInVerdict:
        return self.link.call(lambda desk: desk.check_in_participant(*args, **kwargs))

    def check_out(self, *args: Any, **kwargs: Any) -> CheckInVerdict:
        return self.link.call(lambda desk: desk.check_out(*args, **kwargs))

    def undo(self, *args: Any, **kwargs: Any) -> bool:
        return self.link.call(lambda desk: desk.undo(*args, **kwargs))

    def set_companions(self, *args: Any, **kwargs: Any) -> bool:
        return self.link.call(lambda desk: desk.set_companions(*args, **kwargs))

    def check_in_deputy(self, *args: Any, **kwargs: Any) -> CheckInVerdict:
        """대리 참석 through the link: offline, the deputy's check-in is journaled like a scan."""
        from kiosk.domain.protocol import check_in_deputy

        return self.link.call(lambda desk: check_in_deputy(desk, *args, **kwargs))


def make_desk(db: Database | LinkedDatabase, event_id: int) -> CheckInDesk:
    """The desk for a database: the plain engine, or the linked one on a shared server."""
    if isinstance(db, LinkedDatabase):
        return LinkedDesk(db, event_id)
    return CheckInDesk(db, event_id)


def open_linked_database(server_url: str, station: str) -> LinkedDatabase:
    """Connect this station to the shared server, or start from its local copy if it is away."""
    return LinkedDatabase(StationLink(server_url, default_replica_path(server_url, station=station), station))


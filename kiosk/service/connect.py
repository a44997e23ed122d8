"""Opening the door service's backend for a database target: a SQLite file, or a station of a
shared PostgreSQL server (with this laptop's copy and journal).

The command line and the console ask here; neither opens an engine or a station link itself.
"""

from __future__ import annotations

import os
import socket

from kiosk.domain.events import require_active_event
from kiosk.service.backend import FileBackend, StationBackend
from kiosk.storage import migrate as migrations
from kiosk.storage.engine import Database
from kiosk.storage.postgres import is_postgres


def default_station() -> str:
    """This station's name: KIOSK_STATION, else the host name."""
    return os.environ.get("KIOSK_STATION") or socket.gethostname().split(".")[0] or "station"


def is_shared(target: str) -> bool:
    """True for a shared server (PostgreSQL URL), False for a SQLite file."""
    return is_postgres(target)


def open_database(target: str, *, migrate: bool = True) -> Database:
    """The database itself, its schema brought up to date first (a copy of a file is taken before)."""
    db = Database.open(target)
    if migrate:
        try:
            migrations.upgrade(db)
        except BaseException:
            db.dispose()
            raise
    return db


def open_file_backend(target: str, *, migrate: bool = True) -> FileBackend:
    """A SQLite file, or a server used directly (schema commands, the first event on a server)."""
    return FileBackend(open_database(target, migrate=migrate))


def open_station_backend(server_url: str, station: str) -> StationBackend:
    """This station of the shared server: the server while it answers, else this laptop's copy.

    Raises `StationUnavailable` when neither answers (or the server has no event yet).
    """
    from kiosk.sync.station import StationLink, default_replica_path

    return StationBackend(
        StationLink(server_url, default_replica_path(server_url, station=station), station, take_seats=False)
    )


def active_event_id(backend: FileBackend | StationBackend) -> int:
    """The event the backend serves; `NoEventError` (one line: how to make one) when there is none."""
    link = getattr(backend, "link", None)
    if link is not None and link.event_id is not None:
        return int(link.event_id)
    with backend.read() as session:
        return require_active_event(session).id


def no_event_yet(backend: FileBackend | StationBackend) -> bool:
    from kiosk.domain.events import active_event

    with backend.read() as session:
        return active_event(session) is None


def backend_for(db: object) -> FileBackend | StationBackend:
    """The backend over a database the console was given: a station's link, or one file."""
    from kiosk.sync.linked import LinkedDatabase

    if isinstance(db, LinkedDatabase):
        return StationBackend(db.link)
    return FileBackend(db)  # type: ignore[arg-type]

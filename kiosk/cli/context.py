"""What every command needs: the database target, this station's name, the door service, and
error reporting.

A command gets its service from `CliContext.service()` (the one place that chooses): a
`FileBackend` for a SQLite file, a `StationBackend` for a shared server (the console's own
station path: the server while it answers, this laptop's copy and journal while it is away).
The CLI has one thread and calls the service directly; it opens no database session itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.service import DoorService
from kiosk.service.connect import default_station

__all__ = ["CliContext", "CliError", "default_db_target", "default_station"]


class CliError(Exception):
    """A user mistake or an environment problem: one clear line on stderr, no traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def default_db_target() -> str:
    """KIOSK_DB, else kiosk.db in the user data folder Qt reports for this application."""
    env = os.environ.get("KIOSK_DB")
    if env:
        return env
    from kiosk.appdirs import data_dir  # QtCore only: cheap, and no QApplication needed

    return str(data_dir() / "kiosk.db")


@dataclass
class CliContext:
    db_target: str
    station: str
    _db: Any = field(default=None, repr=False)
    _service: DoorService | None = field(default=None, repr=False)
    supervisor_ok: bool = False  # the PIN was given once in this command (cli/roles.py)
    warned_no_pin: bool = False

    def service(self, *, event: bool = True, station: bool = True, migrate: bool = True) -> DoorService:
        """The door service for this command (opened once).

        event: the active event is required (`NoEventError`, exit 2, says how to make one).
        station: on a shared server, go through this station's link (journal while apart); False
        talks to the server directly (the schema, the first event of an empty server).
        """
        if self._service is None:
            from kiosk.service import connect

            if station and connect.is_shared(self.db_target):
                backend: Any = connect.open_station_backend(self.db_target, self.station)
            else:
                backend = connect.FileBackend(self.database(migrate=migrate))
            self._service = DoorService(backend, None, self.station)  # type: ignore[arg-type]
        if event and self._service.event_id is None:
            from kiosk.service import connect

            self._service.event_id = connect.active_event_id(self._service.backend)
        return self._service

    def database(self, *, migrate: bool = True) -> Any:
        """The database (schema brought up to date first). Once a command has its service, the
        service's: on a station, the server while it answers, else this laptop's copy."""
        if self._service is not None:
            return self._service.backend.database
        if self._db is None:
            from kiosk.service.connect import open_database

            self._db = open_database(self.db_target, migrate=migrate)
        return self._db

    @property
    def db_path(self) -> Path | None:
        return self.database(migrate=False).path

    def close(self) -> None:
        if self._service is not None:
            self._service.close()
            self._service = None
        if self._db is not None:
            self._db.dispose()
            self._db = None

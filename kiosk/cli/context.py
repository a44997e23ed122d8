"""What every command needs: the database target, this station's name, and error reporting."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.storage.engine import Database


class CliError(Exception):
    """A user mistake or an environment problem: one clear line on stderr, no traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def default_station() -> str:
    return os.environ.get("KIOSK_STATION") or socket.gethostname().split(".")[0] or "station"


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
    _db: Database | None = field(default=None, repr=False)
    supervisor_ok: bool = False  # the PIN was given once in this command (cli/roles.py)
    warned_no_pin: bool = False

    def database(self, *, migrate: bool = True) -> Database:
        """Open the database, bringing its schema up to date first (a copy is taken before)."""
        if self._db is None:
            from kiosk.storage import migrate as migrations

            db = Database.open(self.db_target)
            if migrate:
                migrations.upgrade(db)
            self._db = db
        return self._db

    @property
    def db_path(self) -> Path | None:
        return self.database(migrate=False).path

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None

"""The console's housekeeping, for the window and `kiosk gui`: opening the database it runs on,
backups, the file watchdog and health checks.

The screens reach storage and the station link only through the service layer (the layering
contract in pyproject.toml); these are the pieces of it the window's own start-up, its upkeep
thread and its fault screens use. They run on the upkeep thread or before the window exists,
never on the GUI thread of a running console.
"""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from kiosk.storage import backup as backups
from kiosk.storage import watchdog
from kiosk.storage.backup import BackupError, BackupInfo, list_backups, rescue_copy, restore, take_backup
from kiosk.storage.engine import Database, normalise_target, sqlite_path
from kiosk.storage.health import Fault, FaultKind, check_database, classify
from kiosk.storage.lock import DatabaseInUse, DatabaseLock
from kiosk.storage.postgres import is_postgres
from kiosk.sync.linked import LinkedDatabase, make_desk, open_linked_database
from kiosk.sync.station import LinkState, LinkStatus

__all__ = [
    "BackupError", "BackupInfo", "Database", "DatabaseInUse", "DatabaseLock", "Fault", "FaultKind",
    "LinkState", "LinkStatus", "LinkedDatabase", "SQLAlchemyError", "backups", "check_database", "classify",
    "is_postgres", "list_backups", "make_desk", "normalise_target", "open_linked_database", "rescue_copy",
    "restore", "sqlite_path", "take_backup", "watchdog",
]  # fmt: skip

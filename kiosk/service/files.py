"""The files around a database that the door service looks after: backups, the copies a purge
removes, log files, a server's station copies on this PC, the reports the program wrote, and event
files before any door service exists (the welcome screen and the File menu create, check and copy
whole files here).

Plain functions on paths (no session): the CLI and the console call these, never the storage
modules themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.service.event_files import EventFileInfo, create_event_file, new_event_path, probe_event_file
from kiosk.storage import backup as backups
from kiosk.storage.backup import BackupError, BackupInfo, Verification
from kiosk.storage.engine import DatabaseTargetError, normalise_target, sqlite_path
from kiosk.storage.lock import DatabaseInUse, DatabaseLock
from kiosk.storage.private import private_dir

__all__ = [
    "BackupError", "BackupInfo", "DatabaseInUse", "DatabaseTargetError", "EventFileInfo", "Verification",
    "create_demo_file", "create_event_file", "new_event_path", "probe_event_file",
]  # fmt: skip


def backup_root() -> Path:
    """KIOSK_BACKUP_DIR, else backups/ in the user data folder."""
    env = os.environ.get("KIOSK_BACKUP_DIR")
    if env:
        return Path(env)
    from kiosk.appdirs import data_dir

    return data_dir() / "backups"


def backup_folder(db_path: Path) -> Path:
    root = backup_root()
    if root.is_dir():
        private_dir(root)  # copies hold the signing secret: the folder is the owner's alone
    return backups.folder_for(root, db_path)


def backups_in(folder: Path) -> list[BackupInfo]:
    return backups.list_backups(folder)


def take_backup(db_path: Path, folder: Path, reason: str = "manual") -> BackupInfo:
    return backups.take_backup(db_path, folder, reason)


def private_umask() -> None:
    """Every file and folder this process makes from here on is the owner's alone."""
    from kiosk.storage.private import private_umask as umask

    umask()


def sqlite_file(target: str) -> Path | None:
    """The file behind a database target, None for a server (DatabaseTargetError: not a target)."""
    return sqlite_path(normalise_target(target))


def list_backups(db_path: Path) -> list[BackupInfo]:
    return backups.list_backups(backup_folder(db_path))


def verify_backup(source: Path) -> Verification:
    return backups.verify(source)


def restore(source: Path, db_path: Path) -> Path | None:
    """Put a backup in place of the file (kept aside); DatabaseInUse while a console has it."""
    with DatabaseLock(db_path):  # nobody may have the database open while its file is replaced
        return backups.restore(source, db_path)


def leftover_copies(db_path: Path | None) -> list[Path]:
    """Copies that still hold personal data (backups, .restoring, .bak, .before-restore)."""
    if db_path is None:
        return []
    from kiosk.storage.purge_files import old_copies

    folder = backup_folder(db_path)
    found = old_copies(db_path, folder, keep=None)
    # Once purged, one clean "purged" copy is what a finished purge leaves: not a leftover.
    purged = [b.path for b in backups.list_backups(folder) if b.reason == "purged"]
    return [p for p in found if p not in purged[:1]] if purged else found


def purge_copies(db_path: Path) -> int:
    """Copies taken before the purge still hold the data: take a clean backup, remove the rest."""
    from kiosk.storage.purge_files import old_copies, remove

    folder = backup_folder(db_path)
    fresh = backups.take_backup(db_path, folder, "purged", rotate_after=False)
    return remove(old_copies(db_path, folder, keep=fresh.path))


def purge_logs() -> int:
    from kiosk.logsetup import log_dir, setup_logging
    from kiosk.storage.purge_files import log_files, remove

    count = remove(log_files(log_dir()))
    setup_logging()  # a fresh file: the handler still pointed at the deleted one
    return count


def replica_files(target: str, db_path: Path | None) -> list[Path]:
    """A shared server's rows are purged on the server; every station's copy of them on this PC
    (one replica per station name, with its journal inside) goes too."""
    if db_path is not None:
        return []
    from kiosk.sync.replica import server_replica_files

    try:
        return server_replica_files(target)
    except Exception:  # noqa: BLE001 - no replica location (no Qt data folder): nothing to remove
        return []


def remove_files(paths: list[Path]) -> int:
    from kiosk.storage.purge_files import remove

    return remove(paths)


def written_exports() -> list[Path]:
    """Reports and .eml folders this program wrote (they may hold personal data)."""
    from kiosk.storage.written import written_paths

    return written_paths()


def remove_export(path: Path) -> bool:
    from kiosk.storage.purge_files import remove_written

    return remove_written(path)


def forget_exports() -> None:
    from kiosk.storage.written import forget_all

    forget_all()


def create_demo_file(path: Path) -> Path:
    """The demo event (the 2017 conference) in a new file, unless the file is there already."""
    if Path(path).exists():
        return Path(path)
    from kiosk.domain.demo import load_demo
    from kiosk.storage import migrate
    from kiosk.storage.engine import Database

    db = Database.open(str(path))
    try:
        migrate.upgrade(db)
        with db.write() as session:
            load_demo(session)
    finally:
        db.dispose()
    return Path(path)

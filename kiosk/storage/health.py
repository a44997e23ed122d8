"""What is wrong with the database, in words a remedy can be chosen from (no Qt here).

`check_database` looks before the program opens the file; `classify` names an error raised
while opening, migrating or writing. The screens (kiosk.ui.faults) and the log both use them.
"""

from __future__ import annotations

import enum
import errno
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

MIN_FREE_BYTES = 5 * 1024 * 1024  # below this a burst of check-ins could fill the disk


class FaultKind(enum.StrEnum):
    IN_USE = "in_use"
    CORRUPT = "corrupt"
    NEWER_SCHEMA = "newer_schema"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    MIGRATION_FAILED = "migration_failed"
    UNREADABLE = "unreadable"
    FILE_LOST = "file_lost"  # the database or its WAL was deleted/replaced under the running program
    CAMERA = "camera"
    FONT = "font"
    UNEXPECTED = "unexpected"


# Faults a backup can fix (the file itself is bad), as opposed to the disk or the program.
RESTORABLE = {
    FaultKind.CORRUPT, FaultKind.NEWER_SCHEMA, FaultKind.MIGRATION_FAILED, FaultKind.UNREADABLE, FaultKind.FILE_LOST,
}  # fmt: skip


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    detail: str  # technical, for the log and "copy diagnostics"
    path: Path | None = None

    @property
    def can_restore(self) -> bool:
        return self.kind in RESTORABLE

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}"


def _writable_folder(folder: Path) -> OSError | None:
    """Actually try to create a file: os.access lies for root and on read-only mounts."""
    probe = folder / f".kiosk-write-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        probe.unlink()
    except OSError as exc:
        return exc
    return None


def check_database(path: Path) -> Fault | None:
    """Problems visible before opening: folder or file not writable, no space, damaged file."""
    path = Path(path)
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            return classify_os_error(exc, path)
    # SQLite in WAL mode creates -wal and -shm beside the file: the folder must be writable too.
    problem = _writable_folder(folder)
    if problem is not None:
        return classify_os_error(problem, path)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        # Never open() the file to find out: closing any descriptor of it drops every SQLite lock
        # this process holds on it (POSIX advisory locks belong to the process, not the descriptor).
        return classify_os_error(PermissionError(errno.EACCES, "Permission denied", str(path)), path)
    try:
        if shutil.disk_usage(folder).free < MIN_FREE_BYTES:
            return Fault(FaultKind.DISK_FULL, f"free space below {MIN_FREE_BYTES // 1024 // 1024} MB in {folder}", path)
    except OSError:
        pass
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            result = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return classify(exc, path)
    if [r[0] for r in result] != ["ok"]:
        return Fault(FaultKind.CORRUPT, "; ".join(str(r[0]) for r in result[:3]), path)
    return None


def classify_os_error(exc: OSError, path: Path | None = None) -> Fault:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return Fault(FaultKind.READ_ONLY, f"{exc.strerror or exc}: {exc.filename or path}", path)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return Fault(FaultKind.DISK_FULL, f"{exc.strerror or exc}: {exc.filename or path}", path)
    return Fault(FaultKind.UNREADABLE, str(exc), path)


def classify(exc: BaseException, path: Path | None = None) -> Fault:
    """Name the fault behind an exception from sqlite3, SQLAlchemy, migrations or the OS."""
    from kiosk.storage.lock import DatabaseInUse
    from kiosk.storage.migrate import MigrationError
    from kiosk.storage.watchdog import DatabaseFileLost

    if isinstance(exc, DatabaseFileLost):
        return Fault(FaultKind.FILE_LOST, str(exc), path or exc.path)
    if isinstance(exc, DatabaseInUse):
        return Fault(FaultKind.IN_USE, str(exc), path)
    if isinstance(exc, MigrationError):
        text = str(exc)
        # The only refusal migrate.py raises before touching anything: a schema it does not know.
        newer = "새로운 버전" in text or "newer" in text
        return Fault(FaultKind.NEWER_SCHEMA if newer else FaultKind.MIGRATION_FAILED, text, path)
    if isinstance(exc, OSError):
        return classify_os_error(exc, path)
    original = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    text = str(original).splitlines()[0] if str(original) else type(original).__name__
    lowered = text.lower()
    if "disk is full" in lowered or "disk full" in lowered or "no space" in lowered:
        return Fault(FaultKind.DISK_FULL, text, path)
    if "readonly" in lowered or "read-only" in lowered or "permission denied" in lowered:
        return Fault(FaultKind.READ_ONLY, text, path)
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return Fault(FaultKind.CORRUPT, text, path)
    if "unable to open" in lowered or "disk i/o error" in lowered:
        return Fault(FaultKind.UNREADABLE, text, path)
    if "no such table" in lowered or "no such column" in lowered:
        return Fault(FaultKind.CORRUPT, text, path)
    return Fault(FaultKind.UNEXPECTED, f"{type(exc).__name__}: {text}", path)

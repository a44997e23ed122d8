"""Is the database this process writes still the file on disk? (device + inode of the db and its WAL)

Defence in depth against lost SQLite locks (see kiosk.storage.protected): if another program
checkpointed and deleted the WAL while this one still wrote into it, or the database file was
replaced or moved, every check-in acknowledged from then on would go into a file nobody will
ever read again. The console registers its database with `watch()`; `Database.write()` asks
`check_before_write()` before every door action, and a timer asks `problem()` every few seconds.

How: the identity (st_dev, st_ino) of the database is recorded when it is first watched. The WAL
the process holds open is found among its own file descriptors (/proc/self/fd or /dev/fd) by
matching the WAL path's identity; if that descriptor's file later has no name any more
(st_nlink == 0) or the path names another file, the WAL was deleted or replaced under us.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

_FD_DIRS = ("/proc/self/fd", "/dev/fd")


class DatabaseFileLost(RuntimeError):
    """The database or its WAL is no longer the file this process writes into."""

    def __init__(self, problem: str, path: Path) -> None:
        super().__init__(f"{problem}: {path}")
        self.problem = problem
        self.path = path


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _open_files() -> dict[tuple[int, int], int]:
    """(device, inode) -> link count of every file this process has open."""
    for folder in _FD_DIRS:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found: dict[tuple[int, int], int] = {}
        for name in names:
            try:
                st = os.fstat(int(name))
            except (OSError, ValueError):
                continue  # closed meanwhile, or the listing's own descriptor
            found[_identity(st)] = st.st_nlink
        return found
    return {}  # no descriptor listing on this system (Windows): the database check still runs


@dataclass
class FileWatch:
    path: Path
    db_id: tuple[int, int] | None = None
    wal_id: tuple[int, int] | None = None  # the WAL this process has open, once seen

    def problem(self) -> str | None:
        """None when all is well, else a short code: db_missing, db_replaced, wal_deleted, wal_replaced."""
        try:
            db_now = _identity(os.stat(self.path))
        except FileNotFoundError:
            return "db_missing" if self.db_id is not None else None
        if self.db_id is None:
            self.db_id = db_now
        elif db_now != self.db_id:
            return "db_replaced"
        try:
            wal_now: tuple[int, int] | None = _identity(os.stat(str(self.path) + "-wal"))
        except FileNotFoundError:
            wal_now = None
        mine = _open_files()
        if self.wal_id is not None and self.wal_id in mine:
            if mine[self.wal_id] == 0 or wal_now is None:
                return "wal_deleted"
            if wal_now != self.wal_id:
                return "wal_replaced"
        if self.db_id in mine and mine[self.db_id] == 0:
            return "db_missing"
        if wal_now is not None and wal_now in mine:
            self.wal_id = wal_now
        return None


_lock = threading.Lock()
_watches: dict[str, FileWatch] = {}


def watch(path: Path) -> FileWatch:
    """Watch this database from now on (the console does, for its whole life)."""
    key = str(Path(path).resolve())
    with _lock:
        found = _watches.get(key)
        if found is None:
            found = _watches[key] = FileWatch(Path(key))
    found.problem()  # record the identities now, while they are known to be right
    return found


def unwatch(path: Path) -> None:
    with _lock:
        _watches.pop(str(Path(path).resolve()), None)


def check_before_write(path: Path | None) -> None:
    """Raise DatabaseFileLost if `path` is watched and no longer the file on disk."""
    if path is None or not _watches:
        return
    with _lock:
        found = _watches.get(str(Path(path).resolve()))
    if found is None:
        return
    problem = found.problem()
    if problem is not None:
        raise DatabaseFileLost(problem, found.path)

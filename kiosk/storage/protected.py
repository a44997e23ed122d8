"""The files only SQLite may open in this process: each open database, its -wal, -shm and -journal.

POSIX advisory locks belong to a process, not to a descriptor: when *any* descriptor of a file
is closed, every lock the process held on that file is gone. If anything but SQLite opened and
closed `kiosk.db` inside the console (a roster "import" of the wrong file, a size check, a copy),
SQLite's locks would silently vanish; another program would then think it is alone, checkpoint
and delete the WAL, and the console would go on acknowledging check-ins into a deleted file.
Code that opens files the user chose asks `refuse_if_database()` first.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

SIDECARS = ("-wal", "-shm", "-journal")

_lock = threading.Lock()
_paths: set[str] = set()


class DatabaseFileRefused(OSError):
    """The file is (part of) a database this program has open: only SQLite may open it."""


def protect(db_path: Path) -> None:
    """Remember an open SQLite database (called by the engine factory)."""
    base = str(Path(db_path).resolve())
    with _lock:
        _paths.update([base, *(base + s for s in SIDECARS)])


def is_database_file(path: str | Path) -> bool:
    """Is `path` an open database of this process or one of its sidecars (by name or by inode)?"""
    candidate = Path(path)
    with _lock:
        known = list(_paths)
    try:
        if str(candidate.resolve()) in known:
            return True
    except OSError:
        return False
    try:
        st = os.stat(candidate)
    except OSError:
        return False
    for name in known:
        try:
            other = os.stat(name)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return True  # a hard link or another path to the same file
    return False


def refuse_if_database(path: str | Path) -> None:
    if is_database_file(path):
        raise DatabaseFileRefused(
            f"사용 중인 데이터베이스 파일은 열 수 없습니다: {Path(path).name} "
            "(this is the program's own database; choose another file)"
        )

"""Owner-only files and folders for everything the program writes.

The database and its copies hold the event's signing secret (whoever reads them can mint valid QR
codes) and the guests' phones and e-mails; reports and .eml files hold the same personal data.
On POSIX every file the program creates is 0600 and every folder 0700: `private_umask()` at
start-up covers files made by libraries (SQLite's -wal/-shm, Qt's PDF writer), and the helpers
below tighten what already existed or was copied with its old mode (shutil.copy2 keeps modes).
On Windows the files live in the user's profile, whose ACL already keeps other users out.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
UMASK = 0o077
_POSIX = os.name == "posix"


def private_umask() -> int:
    """Make every file and folder this process creates from now on owner-only; the old umask."""
    return os.umask(UMASK) if _POSIX else 0


def private_dir(path: str | Path, *, tighten_existing: bool = True) -> Path:
    """Create `path` (and parents) as 0700 folders.

    An existing folder is tightened too when it is one of the program's own (data, backups,
    logs); a folder the user chose for an export keeps whatever mode the user gave it.
    """
    path = Path(path)
    created = not path.is_dir()
    if created:
        old = private_umask()
        try:
            path.mkdir(parents=True, exist_ok=True)
        finally:
            if _POSIX:
                os.umask(old)
    if _POSIX and (created or tighten_existing):
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(DIR_MODE)
        except PermissionError:  # a folder someone else owns (/tmp, say): not ours to change
            pass
    return path


def private_file(path: str | Path) -> Path:
    """Tighten an existing file to 0600 (no-op on Windows or when the file is gone)."""
    path = Path(path)
    if _POSIX:
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(FILE_MODE)
        except (FileNotFoundError, PermissionError):
            pass
    return path


def private_sqlite(path: str | Path) -> None:
    """The database file and its -wal/-shm/-journal companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        private_file(Path(str(path) + suffix))

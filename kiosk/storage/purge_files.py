"""The files a purge must reach besides the database: copies, leftovers, logs, exports.

Everything here is a list first and a deletion second, so the CLI can show the list in its prompt.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from kiosk.storage import backup as backups

log = logging.getLogger(__name__)

# Beside the database: migration safety copies, files set aside by a restore, a restore that
# was interrupted half-way (kiosk.db.restoring), each with any -wal/-shm/-journal of its own.
_BESIDE = (".pre-migration-", ".before-", ".restoring", ".bak")


def old_copies(db_path: Path, folder: Path, keep: Path | None) -> list[Path]:
    """Backups (finished or half-written) other than `keep`, and leftovers beside the database."""
    found = [b.path for b in backups.list_backups(folder) if b.path != keep]
    if folder.is_dir():
        found += sorted(folder.glob(f"*{backups.SUFFIX}.partial"))
    parent = db_path.parent
    if parent.is_dir():
        found += sorted(
            p for p in parent.glob(f"{db_path.name}.*") if p.is_file() and any(mark in p.name for mark in _BESIDE)
        )
    return found


def log_files(folder: Path) -> list[Path]:
    """The log and its rotated copies (scrubbed, but a server reply can spell an address any way)."""
    return sorted(p for p in folder.glob("kiosk.log*") if p.is_file()) if folder.is_dir() else []


def remove(paths: list[Path]) -> int:
    """Delete files (an open log that cannot be deleted, on Windows, is emptied); the count."""
    done = 0
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            try:
                path.write_bytes(b"")
            except OSError as exc:
                log.warning("purge: could not remove %s: %s", path.name, exc)
                continue
        done += 1
    return done


def remove_written(path: Path) -> bool:
    """An export file, or the .eml files of a folder this program wrote (the folder if then empty)."""
    try:
        if path.is_dir():
            for eml in list(path.glob("*.eml")) + list(path.glob("*.eml.part")):
                eml.unlink(missing_ok=True)
            if not any(path.iterdir()):
                shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("purge: could not remove an export: %s", exc)
        return False
    return True

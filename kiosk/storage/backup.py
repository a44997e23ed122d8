"""Copies of the SQLite file: taken with the online backup API, verified, rotated, restored.

A backup is written to a temporary name, checked with `PRAGMA integrity_check` and only then
renamed into place, so a half-written copy never looks like a good one. Restoring keeps the
current file (with its -wal/-shm) aside first: nothing is ever overwritten without a way back.
No Qt here: the caller says which folder the copies live in (the user data folder in practice).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.storage.private import private_dir, private_file

log = logging.getLogger(__name__)

SUFFIX = ".kiosk-backup.db"
KEEP_LAST = 20  # every copy of the last few ten-minute periods
KEEP_HOURLY = 48  # then the newest copy of each hour, for two days of hours
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z-]+)" + re.escape(SUFFIX) + "$")


class BackupError(RuntimeError):
    """A backup could not be taken, verified or restored; the message says why (Korean first)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Verification:
    ok: bool
    detail: str  # "ok", or what integrity_check / the schema check said
    revision: str | None = None
    participants: int = 0
    check_ins: int = 0


def folder_for(root: Path, db_path: Path) -> Path:
    """One sub-folder per database file, so two events' copies never mix."""
    resolved = str(Path(db_path).resolve())
    digest = hashlib.sha256(resolved.encode()).hexdigest()[:8]
    return Path(root) / f"{Path(db_path).stem}-{digest}"


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def take_backup(db_path: Path, folder: Path, reason: str = "manual", *, rotate_after: bool = True) -> BackupInfo:
    """Copy a consistent snapshot of the database (WAL contents included) into `folder`."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise BackupError(f"백업할 데이터베이스 파일이 없습니다: {db_path}")
    reason = re.sub(r"[^a-z-]", "", reason.lower()) or "manual"
    private_dir(folder)
    taken_at = datetime.now(UTC)
    final = folder / f"{db_path.stem}-{taken_at.strftime(_STAMP)}-{reason}{SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    try:
        # Read-only source: a backup must never be the thing that changes or breaks the database.
        source = f"{db_path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(source, uri=True, timeout=10)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst, pages=256)  # in steps, so writers are not held up for long
            # A standalone copy: no -wal beside it when it is moved or mailed to support.
            dst.execute("PRAGMA journal_mode = DELETE")
        _publish(partial, final, "백업 사본")
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"백업을 만들 수 없습니다: {exc}") from exc
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    info = BackupInfo(final, taken_at, reason, final.stat().st_size)
    log.info("backup: %s (%d bytes, %s)", final.name, info.size, reason)
    if rotate_after:
        rotate(folder)
    return info


def _publish(partial: Path, final: Path, what: str) -> None:
    """A finished copy goes in place only owner-only, on disk and verified: a copy that does not
    check out never replaces or joins the good ones."""
    private_file(partial)
    _fsync_file(partial)
    check = verify(partial)
    if not check.ok:
        raise BackupError(f"{what} 검증 실패: {check.detail}")
    os.replace(partial, final)
    _fsync_dir(final.parent)


def rescue_copy(connection: sqlite3.Connection, db_path: Path, folder: Path) -> BackupInfo:
    """A backup read through a connection this process already has open.

    When the WAL was deleted under the running program, the check-ins it holds are still
    readable through the connections that have it open (never through a new one): this copies
    them into a verified backup the supervisor can restore.
    """
    folder.mkdir(parents=True, exist_ok=True)
    taken_at = datetime.now(UTC)
    final = folder / f"{Path(db_path).stem}-{taken_at.strftime(_STAMP)}-rescue{SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    try:
        with closing(sqlite3.connect(partial)) as dst:
            connection.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        _publish(partial, final, "긴급 사본")
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"긴급 사본을 만들 수 없습니다: {exc}") from exc
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    log.warning("rescue copy: %s", final)
    return BackupInfo(final, taken_at, "rescue", final.stat().st_size)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The finished copies in `folder`, newest first (half-written .partial files are ignored)."""
    if not Path(folder).is_dir():
        return []
    found = []
    for path in Path(folder).iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        found.append(BackupInfo(path, taken, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def rotate(folder: Path, keep_last: int = KEEP_LAST, keep_hourly: int = KEEP_HOURLY) -> list[Path]:
    """Keep the newest `keep_last` copies plus the newest copy of each of `keep_hourly` hours."""
    backups = list_backups(folder)
    keep = {b.path for b in backups[:keep_last]}
    hours: dict[str, Path] = {}
    for b in backups:  # newest first: the first copy seen in an hour is that hour's newest
        hour = b.taken_at.strftime("%Y%m%d%H")
        if hour not in hours and len(hours) < keep_hourly:
            hours[hour] = b.path
    keep.update(hours.values())
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    cutoff = datetime.now(UTC).timestamp() - 600  # not one another process is writing right now
    for stale in Path(folder).glob(f"*{SUFFIX}.partial"):
        if stale.stat().st_mtime < cutoff:
            stale.unlink(missing_ok=True)  # left by a crash in the middle of a backup
    return removed


def verify(path: Path) -> Verification:
    """Is this file a sound kiosk database? integrity_check, then the tables the program needs."""
    path = Path(path)
    if not path.is_file():
        return Verification(False, f"파일이 없습니다: {path}")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                return Verification(False, "; ".join(str(r) for r in rows[:5]))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "participants", "check_ins"} <= tables:
                return Verification(False, "kiosk 데이터베이스가 아닙니다 (not a kiosk database)")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            participants = conn.execute("SELECT count(*) FROM participants").fetchone()[0]
            check_ins = conn.execute("SELECT count(*) FROM check_ins").fetchone()[0]
    except sqlite3.Error as exc:
        return Verification(False, str(exc))
    return Verification(True, "ok", revision[0] if revision else None, participants, check_ins)


def _sidecars(path: Path) -> list[Path]:
    return [Path(str(path) + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _keep(source: Path, dest: Path) -> None:
    """`dest` becomes another name of `source`'s file: a hard link, never an open() of it.

    Opening and closing a database file in this process would drop the SQLite locks held on it
    (POSIX advisory locks belong to the process). Where hard links are impossible (FAT) a copy.
    """
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def set_aside(db_path: Path, label: str = "before-restore") -> Path | None:
    """Keep the database and its -wal/-shm under another name (nothing is deleted); the main copy."""
    db_path = Path(db_path)
    if not db_path.exists():
        return None
    stamp = datetime.now(UTC).strftime(_STAMP)
    aside = db_path.with_name(f"{db_path.name}.{label}-{stamp}")
    _keep(db_path, aside)
    private_file(aside)
    for side in _sidecars(db_path):
        if side.exists():
            # The WAL may hold the newest check-ins of a "corrupt" file: keep it with its copy.
            side_copy = Path(str(aside) + side.name[len(db_path.name) :])
            _keep(side, side_copy)
            private_file(side_copy)
    _fsync_dir(aside.parent)
    return aside


def restore(backup: Path, db_path: Path) -> Path | None:
    """Put a verified backup in place of the database; return where the old file was kept.

    The caller must hold the database's lock (no other program may have it open).
    """
    backup, db_path = Path(backup), Path(db_path)
    check = verify(backup)
    if not check.ok:
        raise BackupError(f"이 백업은 손상되었거나 kiosk 데이터베이스가 아닙니다: {check.detail}")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    incoming = db_path.with_name(db_path.name + ".restoring")
    try:
        shutil.copy2(backup, incoming)
        private_file(incoming)
        _fsync_file(incoming)
        aside = set_aside(db_path)
        # The old WAL belongs to the old file: replayed onto the restored one it would corrupt it.
        for side in _sidecars(db_path):
            side.unlink(missing_ok=True)
        os.replace(incoming, db_path)
        _fsync_dir(db_path.parent)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise BackupError(f"복원할 수 없습니다: {exc}") from exc
    after = verify(db_path)
    if not after.ok:  # pragma: no cover - the copy was verified a moment ago
        raise BackupError(f"복원 후 검증 실패: {after.detail}")
    log.info("restore: %s -> %s (old file kept as %s)", backup.name, db_path, aside)
    return aside

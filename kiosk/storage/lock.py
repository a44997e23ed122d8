"""One program per database: an OS lock on `<database>.lock`, with who holds it written inside.

The operating system, not the file's existence, decides who owns the lock (flock on POSIX,
msvcrt.locking on Windows), and it lets go when the process dies however it dies. A lock file
left behind by a crash or a pulled power cord is therefore simply taken over by the next start;
the PID, host and start time inside are only there to tell the user who has the database open.
Pure Python (QLockFile would pull Qt into storage).
"""

from __future__ import annotations

import json
import logging
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from kiosk.domain.timefmt import local

log = logging.getLogger(__name__)

if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        fh.seek(0)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    since: str
    program: str = "kiosk"

    def describe(self) -> str:
        return f"PID {self.pid}, {self.host}, {self.since_local()}"

    def since_local(self) -> str:
        """When the owner started, in the event's zone (stored in UTC)."""
        try:
            return local(datetime.fromisoformat(self.since)).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            return self.since


class DatabaseInUse(RuntimeError):
    """Another running program holds this database."""

    def __init__(self, db_path: Path, owner: LockOwner | None) -> None:
        who = f" ({owner.describe()})" if owner else ""
        super().__init__(
            f"이 데이터베이스는 이미 다른 kiosk 프로그램에서 열려 있습니다{who}: {db_path}. "
            "그 창을 사용하거나 닫은 뒤 다시 실행하세요."
        )
        self.db_path = db_path
        self.owner = owner


def lock_path_for(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")


def _read_owner(path: Path) -> LockOwner | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
        return LockOwner(int(data["pid"]), str(data["host"]), str(data.get("since", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DatabaseLock:
    """Held for the whole life of the GUI (and of `kiosk restore`); use as a context manager."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path_for(self.db_path)
        self._fh: IO[bytes] | None = None
        self.took_over: LockOwner | None = None  # the crashed owner whose lock we inherited

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self) -> DatabaseLock:
        """Take the lock or raise DatabaseInUse; a stale lock (its owner is gone) is taken over."""
        if self._fh is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # "a+b" neither truncates another owner's details nor fails when the file exists.
        fh = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        if not _try_lock(fh):
            fh.close()
            raise DatabaseInUse(self.db_path, _read_owner(self.path))
        previous = _read_owner(self.path)
        if previous is not None:
            # The file outlived its owner (crash, kill, power cut): the OS already freed the lock.
            self.took_over = previous
            log.warning("lock: stale lock of %s taken over", previous.describe())
        me = LockOwner(os.getpid(), socket.gethostname(), datetime.now(UTC).isoformat(timespec="seconds"))
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(me.__dict__).encode())
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is None:
            return
        fh, self._fh = self._fh, None
        try:
            # Empty it before letting go: a file with an owner inside means "not closed cleanly".
            fh.seek(0)
            fh.truncate()
            fh.flush()
            _unlock(fh)
        finally:
            fh.close()

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

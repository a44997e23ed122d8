"""Automatic backups while the GUI runs: every 10 minutes if anything changed, and on request.

"Changed" is read from the database itself (the newest audit entry, the roster's size and last
update), so the timer needs no hook into the check-in screens and also sees check-ins made by
other stations on a shared file. The copy is made on an upkeep thread (`DbWorker`), never on the
GUI thread; `backupTaken` / `backupFailed` arrive on the GUI thread as queued signals.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.service.upkeep import BackupError, take_backup
from kiosk.service.worker import DbWorker

log = logging.getLogger(__name__)
INTERVAL_MS = 10 * 60 * 1000


def change_marker(db_path: Path) -> tuple[object, ...] | None:
    """Something that differs whenever a check-in, undo, walk-in or roster edit was committed."""
    try:
        uri = f"{Path(db_path).resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=5)) as conn:
            return conn.execute(
                "SELECT (SELECT max(id) FROM audit_entries), (SELECT count(*) FROM check_ins),"
                " (SELECT count(*) FROM participants), (SELECT max(updated_at) FROM participants)"
            ).fetchone()
    except sqlite3.Error:
        return None


class BackupTimer(QObject):
    """Create it once the database is open; call `start()`, and `final_backup()` on exit."""

    backupTaken = Signal(str)  # the new file
    backupFailed = Signal(str)  # what went wrong (also logged)

    def __init__(self, db_path: Path, folder: Path, interval_ms: int = INTERVAL_MS, parent: QObject | None = None,
                 *, worker: DbWorker | None = None):  # fmt: skip
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.folder = Path(folder)
        self._last = change_marker(self.db_path)
        self._own_worker = worker is None
        self.worker = worker or DbWorker("kiosk-upkeep")
        self._queued = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick_off_thread)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """Stop the timer and wait for a copy under way (the exit copy must not overlap it)."""
        self._timer.stop()
        if self._own_worker:
            self.worker.stop()

    def _tick_off_thread(self) -> None:
        if self._queued:
            return

        def run() -> None:
            try:
                self.tick()
            finally:
                self._queued = False

        self._queued = True
        self.worker.submit(run)

    def tick(self) -> bool:
        """Back up if anything changed since the last backup; True when a copy was taken."""
        marker = change_marker(self.db_path)
        if marker is None or marker == self._last:
            return False
        return self.backup_now("auto", marker)

    def backup_now(self, reason: str = "manual", marker: tuple[object, ...] | None = None) -> bool:
        try:
            info = take_backup(self.db_path, self.folder, reason)
        except BackupError as exc:
            log.warning("automatic backup failed: %s", exc)
            self.backupFailed.emit(str(exc))
            return False
        self._last = marker if marker is not None else change_marker(self.db_path)
        self.backupTaken.emit(str(info.path))
        return True

    def final_backup(self) -> bool:
        """On exit: a copy if anything changed since the last one (the start-up copy covers the rest)."""
        self.stop()
        if change_marker(self.db_path) == self._last:
            return False
        return self.backup_now("exit")

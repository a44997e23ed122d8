"""The console's watchdog on its own database file: an alarm instead of check-ins into a lost file.

Every few seconds (and, through `Database.write()`, before every door action) it asks
kiosk.storage.watchdog whether the database and its WAL are still the files on disk. If not:
a rescue copy is read through the connections that still see everything, scanning stops (every
write now refuses), and the fault dialog says what happened and offers the backups, rescue first.

The check and the rescue copy run on an upkeep thread (`DbWorker`), never on the GUI thread; the
alarm comes back as the `lost` signal, and the dialog is shown on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.service.upkeep import (
    BackupError,
    BackupInfo,
    Database,
    Fault,
    FaultKind,
    list_backups,
    rescue_copy,
    watchdog,
)  # fmt: skip
from kiosk.service.worker import DbWorker

log = logging.getLogger(__name__)
INTERVAL_MS = 3000


class DatabaseWatch(QObject):
    lost = Signal(str)  # the problem code (db_missing, db_replaced, wal_deleted, wal_replaced)

    def __init__(
        self,
        db: Database,
        folder: Path | None,
        diagnostics: Callable[[], str] | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        show_dialog: bool = True,
        worker: DbWorker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        assert db.path is not None
        self.db = db
        self.path = db.path
        self.folder = folder
        self.diagnostics = diagnostics
        self.show_dialog = show_dialog
        self.rescued: BackupInfo | None = None
        self.problem: str | None = None
        self._watch = watchdog.watch(self.path)
        self._own_worker = worker is None
        self.worker = worker or DbWorker("kiosk-upkeep")
        self._queued = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick_off_thread)
        self.lost.connect(self._on_lost)  # emitted on the upkeep thread, delivered on ours

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._own_worker:
            self.worker.stop()
        watchdog.unwatch(self.path)

    def _tick_off_thread(self) -> None:
        if self._queued:
            return  # one check at a time: a slow disk must not pile them up

        def run() -> None:
            try:
                self.tick()
            finally:
                self._queued = False

        self._queued = True
        self.worker.submit(run)

    def tick(self) -> str | None:
        if self.problem is not None:
            return self.problem
        problem = self._watch.problem()
        if problem is not None:
            self._alarm(problem)
        return problem

    def _alarm(self, problem: str) -> None:
        self.problem = problem
        log.critical("database file lost under the console (%s): %s; scanning stopped", problem, self.path)
        if self.folder is not None:
            try:
                raw = self.db.engine.raw_connection()  # a pooled one: opened before the loss
                try:
                    self.rescued = rescue_copy(raw.driver_connection, self.path, self.folder)
                finally:
                    raw.close()
            except (BackupError, Exception) as exc:  # noqa: BLE001 - the alarm must be shown regardless
                log.error("rescue copy failed: %s", exc)
        self.lost.emit(problem)

    def _on_lost(self, _problem: str) -> None:
        self._timer.stop()
        if self.show_dialog:
            self._show()

    def _show(self) -> None:
        from kiosk.ui import faults

        backups = list_backups(self.folder) if self.folder is not None else []
        fault = Fault(FaultKind.FILE_LOST, f"{self.problem}", self.path)
        outcome = faults.show_fault(fault, backups, self.diagnostics, fatal=True)
        if outcome.choice is faults.Choice.RESTORE and outcome.backup is not None:
            faults.request_restore(outcome.backup)
        else:
            from PySide6.QtWidgets import QApplication

            QApplication.quit()

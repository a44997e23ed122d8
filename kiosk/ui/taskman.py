"""Runs door-service use cases on the database worker and hands results back to the GUI thread.

Modelled on Anki's `aqt/taskman.py` + `aqt/operations`: a widget never opens a database session;
it asks for an operation and gets its result (or its error) in a callback on the GUI thread:

    self.tasks.run(lambda svc: svc.scan(code, operator), on_done=self.show_verdict)

Operations run one after another on one thread (`kiosk.service.worker.DbWorker`), so a scan
made while the counters refresh waits for that refresh, never the GUI. Tests call `settle()`.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal

from kiosk.service.worker import DbWorker

log = logging.getLogger(__name__)
T = TypeVar("T")
Closure = Callable[[], None]
DELIVERY_BUDGET_S = 0.008  # per turn of the event loop (half a 60 Hz frame)


class TaskManager(QObject):
    _closures_pending = Signal()
    failed = Signal(object)  # an exception no caller handled (shown by the fault handler)

    def __init__(self, service: Any, worker: DbWorker | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The worker runs Python too (SQLAlchemy, psycopg): hand the GIL back to the GUI thread
        # after 1 ms instead of 5 ms, so a busy worker cannot hold a paint or a keystroke for long.
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self.service = service
        self.worker = worker or DbWorker()
        self._closures: list[Closure] = []
        self._lock = threading.Lock()
        self._in_flight = 0
        self._queued: set[str] = set()
        self._closures_pending.connect(self._run_closures, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        op: Callable[[Any], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        background: bool = False,
    ) -> Future[T]:
        """Run `op(service)` on the worker; `on_done(result)` / `on_error(exc)` on the GUI thread.
        `background` (refreshes, polls): after the door actions queued meanwhile."""
        with self._lock:
            self._in_flight += 1
        future = self.worker.submit(op, self.service, background=background)

        def finished(fut: Future[T]) -> None:
            def deliver() -> None:
                try:
                    exc = fut.exception()
                    if exc is not None:
                        if on_error is not None:
                            on_error(exc)
                        else:
                            log.error("operation failed", exc_info=exc)
                            self.failed.emit(exc)
                    elif on_done is not None:
                        on_done(fut.result())
                finally:
                    with self._lock:
                        self._in_flight -= 1

            self.run_on_main(deliver)

        future.add_done_callback(finished)
        return future

    def run_coalesced(
        self,
        key: str,
        op: Callable[[Any], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[T] | None:
        """Like `run`, unless an operation with this key is already queued (not yet started):
        then nothing is added. For refreshes: a timer tick never piles reads up behind a slow
        server; the queued one reads the newest state when its turn comes."""
        with self._lock:
            if key in self._queued:
                return None
            self._queued.add(key)

        def started(service: Any) -> T:
            with self._lock:
                self._queued.discard(key)
            return op(service)

        return self.run(started, on_done, on_error, background=True)

    def queued(self, key: str) -> bool:
        with self._lock:
            return key in self._queued

    def run_on_main(self, closure: Closure) -> None:
        with self._lock:
            self._closures.append(closure)
        self._closures_pending.emit()

    def _run_closures(self) -> None:
        """Deliver results in order, a few milliseconds' worth per turn of the event loop: a
        burst of verdicts that came back together must not hold the loop (and the scan field)
        for all of them at once; the rest follow on the next turn."""
        deadline = time.perf_counter() + DELIVERY_BUDGET_S
        while True:
            with self._lock:
                if not self._closures:
                    return
                closure = self._closures.pop(0)
            closure()
            if time.perf_counter() > deadline:
                with self._lock:
                    more = bool(self._closures)
                if more:
                    self._closures_pending.emit()  # queued: the loop turns (input, paint) first
                return

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._in_flight > 0

    def settle(self, timeout: float = 10.0) -> None:
        """Wait (processing events) until every queued operation has run and been delivered.

        For tests and shutdown only: the console itself never waits on the worker.
        """
        deadline = time.monotonic() + timeout
        while self.busy or not self.worker.idle():
            if time.monotonic() > deadline:
                raise TimeoutError(f"operations still running after {timeout:.1f} s")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            self._run_closures()
            time.sleep(0.002)

    def shutdown(self, timeout: float = 30.0) -> None:
        """Finish every queued operation (nothing acknowledged is lost), then stop the worker.
        Results still waiting for the GUI are delivered while the widgets exist."""
        self.worker.stop(timeout)
        self._run_closures()

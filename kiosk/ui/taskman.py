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

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal

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
        self._latest: dict[str, bool] = {}  # run_latest: key in flight -> asked again meanwhile
        self._later: dict[str, list[Any]] = {}  # later(): key -> [timer, first asked, callback]
        self._beside: list[threading.Thread] = []  # run_beside's threads (joined on shutdown)
        self._cancels: set[threading.Event] = set()
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
        self._deliver_when_done(future, on_done, on_error)
        return future

    def run_beside(
        self,
        op: Callable[[Any, Callable[[Callable[[], Any]], Any]], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        cancel: threading.Event | None = None,
        name: str = "kiosk-beside",
    ) -> Future[T]:
        """For long work that mostly waits on something else (a mailing waits on the mail server
        for minutes): `op(service, db_step)` runs on a thread of its own, and each of its database
        steps goes through `db_step(fn)`, which runs `fn()` on the worker, after the door actions
        queued meanwhile, and returns its result. The worker stays free for scans in between.
        `cancel` is set when the console closes; the work stops after its current step."""
        future: Future[T] = Future()
        with self._lock:
            self._in_flight += 1
            if cancel is not None:
                self._cancels.add(cancel)

        def db_step(fn: Callable[[], Any]) -> Any:
            return self.worker.submit(fn, background=True).result()

        def body() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(op(self.service, db_step))
            except BaseException as exc:  # handed to on_error on the GUI thread
                future.set_exception(exc)
            finally:
                if cancel is not None:
                    with self._lock:
                        self._cancels.discard(cancel)

        thread = threading.Thread(target=body, name=name, daemon=True)
        with self._lock:
            self._beside = [t for t in self._beside if t.is_alive()] + [thread]
        self._deliver_when_done(future, on_done, on_error)
        thread.start()
        return future

    def _deliver_when_done(
        self,
        future: Future[T],
        on_done: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
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

    def run_latest(
        self,
        key: str,
        op: Callable[[Any], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """For a read whose answer is shown (a board, a list): at most one in flight per key; asked
        again while it is on its way, it is read once more when the answer is back, so what is
        shown is never older than the last ask, and a burst of asks costs two reads, not many."""
        with self._lock:
            if key in self._latest:
                self._latest[key] = True  # asked again: once more when the answer is back
                return
            self._latest[key] = False

        def finish() -> bool:
            with self._lock:
                return self._latest.pop(key, False)

        def done(result: T) -> None:
            again = finish()
            on_done(result)
            if again:
                self.run_latest(key, op, on_done, on_error)

        def failed(exc: BaseException) -> None:
            finish()
            if on_error is not None:
                on_error(exc)
            else:
                self.failed.emit(exc)

        self.run(op, done, failed)

    def later(self, key: str, callback: Closure, *, quiet_ms: int, max_ms: int) -> None:
        """On the GUI thread: `callback()` once things have been quiet for `quiet_ms` since the
        last call with this key, and no later than `max_ms` after the first. For reads that follow
        a burst (the counters after a run of scans): one read when the door pauses, not one per
        scan competing with the next scan for the worker. Counts as busy for `settle()`."""
        pending = self._later.get(key)
        now = time.monotonic()
        if pending is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._later_due(key))
            pending = self._later[key] = [timer, now, callback]
            with self._lock:
                self._in_flight += 1
        timer, first, _ = pending
        pending[2] = callback
        left_ms = int(max(0.0, first + max_ms / 1000.0 - now) * 1000)
        timer.start(min(quiet_ms, left_ms))

    def _later_due(self, key: str) -> None:
        pending = self._later.pop(key, None)
        if pending is None:
            return
        timer, _, callback = pending
        timer.deleteLater()
        try:
            callback()
        finally:
            with self._lock:
                self._in_flight -= 1

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
        for key in list(self._later):  # reads that were to follow: nobody will see them
            timer = self._later.pop(key)[0]
            timer.stop()
            timer.deleteLater()
            with self._lock:
                self._in_flight -= 1
        with self._lock:
            for cancel in self._cancels:
                cancel.set()  # a mailing stops after the message in hand, recorded
            beside = list(self._beside)
        deadline = time.monotonic() + timeout
        for thread in beside:  # their last database steps need the worker still running
            thread.join(max(0.0, deadline - time.monotonic()))
        self.worker.stop(max(0.1, deadline - time.monotonic()))
        self._run_closures()

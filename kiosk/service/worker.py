"""The one thread that owns the database in the console.

Every use case the console runs goes through `DbWorker.submit`, in order, on one thread: the
GUI thread never waits on the database, the network, a backup or an integrity check. The CLI
has no event loop to keep alive and calls the service directly on its only thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

_STOP = object()


class WorkerStopped(RuntimeError):
    """The worker was stopped; the task was not run."""


class DbWorker:
    def __init__(self, name: str = "kiosk-db") -> None:
        self._queue: queue.Queue[Any] = queue.Queue()
        self._busy = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def on_worker(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue `fn(*args, **kwargs)`; the future completes on the worker thread."""
        future: Future[T] = Future()
        if self._stopped:
            future.set_exception(WorkerStopped("작업 스레드가 멈췄습니다 (worker stopped)"))
            return future
        self._queue.put((future, fn, args, kwargs))
        return future

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run on the worker and wait (never from the GUI thread; for shutdown and tests)."""
        if self.on_worker():
            return fn(*args, **kwargs)
        return self.submit(fn, *args, **kwargs).result()

    def idle(self) -> bool:
        """Nothing queued and nothing running."""
        return self._queue.unfinished_tasks == 0

    def stop(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then end the thread."""
        if self._stopped:
            return
        self._stopped = True
        self._queue.put(_STOP)
        if not self.on_worker():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                future, fn, args, kwargs = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as exc:  # handed to whoever waits on the future
                    future.set_exception(exc)
            finally:
                self._queue.task_done()

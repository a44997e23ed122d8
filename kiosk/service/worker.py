"""The one thread that owns the database in the console.

Every use case the console runs goes through `DbWorker.submit`, in order, on one thread: the
GUI thread never waits on the database, the network, a backup or an integrity check. The CLI
has no event loop to keep alive and calls the service directly on its only thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

_STOP = object()
FOREGROUND_RUN = 5  # door actions in a row before a waiting background task gets its turn


class WorkerStopped(RuntimeError):
    """The worker was stopped; the task was not run."""


class DbWorker:
    """Runs tasks one at a time, in order. Background tasks (refresh reads, the station poll)
    wait while any door action is queued: a scan never waits behind a counters refresh."""

    # A background task (a refresh, a station's poll) over a slow link is several round trips:
    # started just before a guest's scan, it makes the scan wait for all of them. With
    # `background_quiet_s` set (a shared server), background tasks wait until no door action has
    # been asked for that long -- the gap between two guests -- or at most `background_max_wait_s`.
    background_quiet_s: float = 0.0
    background_max_wait_s: float = 2.0

    def __init__(self, name: str = "kiosk-db") -> None:
        self._last_door = float("-inf")  # time.monotonic() of the last door action asked for
        self._now: deque[Any] = deque()
        self._later: deque[Any] = deque()
        self._cond = threading.Condition()
        self._unfinished = 0
        self._run_now = 0  # door actions run since the last background task
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def on_worker(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[..., T], *args: Any, background: bool = False, **kwargs: Any) -> Future[T]:
        """Queue `fn(*args, **kwargs)`; the future completes on the worker thread.

        `background` tasks run after every door action queued before or while they wait."""
        future: Future[T] = Future()
        if self._stopped:
            future.set_exception(WorkerStopped("작업 스레드가 멈췄습니다 (worker stopped)"))
            return future
        with self._cond:
            now = time.monotonic()
            (self._later if background else self._now).append((future, fn, args, kwargs, now))
            if not background:
                self._last_door = now
            self._unfinished += 1
            self._cond.notify()
        return future

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run on the worker and wait (never from the GUI thread; for shutdown and tests)."""
        if self.on_worker():
            return fn(*args, **kwargs)
        return self.submit(fn, *args, **kwargs).result()

    def idle(self) -> bool:
        """Nothing queued and nothing running."""
        with self._cond:
            return self._unfinished == 0

    def stop(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then end the thread."""
        if self._stopped:
            return
        self._stopped = True
        with self._cond:
            self._later.append(_STOP)  # after everything already queued, door actions first
            self._cond.notify()
        if not self.on_worker():
            self._thread.join(timeout)

    def _take(self) -> Any:
        with self._cond:
            while True:
                while not self._now and not self._later:
                    self._cond.wait()
                # Door actions first, but a long burst still lets one refresh through every few
                # actions, so the counters and the list never stand still for a whole burst.
                stop_next = bool(self._later) and self._later[0] is _STOP
                if self._now and (not self._later or stop_next or self._run_now < FOREGROUND_RUN):
                    self._run_now += 1
                    return self._now.popleft()
                if not self._now and not stop_next and not self._stopped and (pause := self._door_busy()) > 0:
                    self._cond.wait(pause)  # a door action arriving now goes first
                    continue
                self._run_now = 0
                return self._later.popleft()

    def _door_busy(self) -> float:
        """How long the first background task should still wait for the door to pause (0: go)."""
        if self.background_quiet_s <= 0:
            return 0.0
        now = time.monotonic()
        quiet_left = self._last_door + self.background_quiet_s - now
        waited_left = self._later[0][4] + self.background_max_wait_s - now
        return max(0.0, min(quiet_left, waited_left))

    def _loop(self) -> None:
        while True:
            item = self._take()
            if item is _STOP:
                return
            try:
                future, fn, args, kwargs, _asked = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as exc:  # handed to whoever waits on the future
                    future.set_exception(exc)
            finally:
                with self._cond:
                    self._unfinished -= 1

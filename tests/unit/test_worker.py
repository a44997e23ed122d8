"""The database worker's order: door actions first, and on a shared server background reads wait
for the gap between guests (or at most a couple of seconds)."""

from __future__ import annotations

import threading
import time

from kiosk.service.worker import DbWorker


def _record(order: list[str], name: str, seconds: float = 0.0):  # type: ignore[no-untyped-def]
    def run() -> str:
        if seconds:
            time.sleep(seconds)
        order.append(name)
        return name

    return run


def test_background_reads_wait_for_the_door_to_pause() -> None:
    """A refresh started just before a guest's scan made the scan wait for all its round trips
    (p50 258 ms from Enter to verdict at 20 ms round trips)."""
    worker = DbWorker("test-db")
    worker.background_quiet_s = 0.3
    order: list[str] = []
    try:
        worker.submit(_record(order, "scan 1"))
        refresh = worker.submit(_record(order, "refresh"), background=True)
        time.sleep(0.1)  # the next guest, 0.1 s later
        worker.submit(_record(order, "scan 2")).result(5)
        refresh.result(5)
    finally:
        worker.stop()
    assert order == ["scan 1", "scan 2", "refresh"]


def test_background_reads_wait_no_longer_than_their_limit() -> None:
    worker = DbWorker("test-db")
    worker.background_quiet_s, worker.background_max_wait_s = 30.0, 0.3
    order: list[str] = []
    done = threading.Event()
    try:
        worker.submit(_record(order, "scan"))
        worker.submit(lambda: done.set(), background=True)
        assert done.wait(5)  # the counters do not stand still through a whole queue
    finally:
        worker.stop()
    assert order == ["scan"]


def test_a_file_database_reads_at_once() -> None:
    worker = DbWorker("test-db")  # quiet 0: a local file answers in a millisecond
    order: list[str] = []
    try:
        worker.submit(_record(order, "scan 1", 0.05))
        refresh = worker.submit(_record(order, "refresh"), background=True)
        refresh.result(5)
        worker.submit(_record(order, "scan 2")).result(5)
    finally:
        worker.stop()
    assert order == ["scan 1", "refresh", "scan 2"]


def test_stopping_does_not_wait_for_the_door_to_pause() -> None:
    """Closing the console finishes the queue at once: background reads no longer wait for a gap."""
    worker = DbWorker("test-db")
    worker.background_quiet_s, worker.background_max_wait_s = 30.0, 30.0
    order: list[str] = []
    worker.submit(_record(order, "scan"))
    worker.submit(_record(order, "refresh"), background=True)
    started = time.monotonic()
    worker.stop(timeout=10)
    assert order == ["scan", "refresh"] and time.monotonic() - started < 5  # liveness, not speed

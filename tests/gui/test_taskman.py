"""The task manager's read helper: one read in flight per key, and one more when asked meanwhile."""

from __future__ import annotations

import threading

from kiosk.service.worker import DbWorker
from kiosk.ui.taskman import TaskManager


class Reads:
    def __init__(self) -> None:
        self.gate = threading.Event()
        self.count = 0

    def read(self, _svc: object) -> int:
        self.gate.wait(10)
        self.count += 1
        return self.count


def test_run_latest_reads_once_more_after_a_burst_of_asks(qtbot) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskManager(object(), DbWorker("test-db"))
    reads, shown = Reads(), []
    try:
        for _ in range(5):  # five ticks while the first read waits on a slow server
            tasks.run_latest("board", reads.read, shown.append)
        reads.gate.set()
        tasks.settle()
    finally:
        tasks.shutdown()
    assert reads.count == 2  # the first, and one more for the four asked meanwhile
    assert shown == [1, 2]  # the last answer shown is from after the last ask


def test_run_latest_hands_a_failure_on_and_reads_again_next_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskManager(object(), DbWorker("test-db"))
    errors: list[BaseException] = []
    shown: list[str] = []

    def broken(_svc: object) -> str:
        raise ConnectionError("server away")

    try:
        tasks.run_latest("board", broken, shown.append, errors.append)
        tasks.settle()
        tasks.run_latest("board", lambda _svc: "ok", shown.append, errors.append)
        tasks.settle()
    finally:
        tasks.shutdown()
    assert [type(e) for e in errors] == [ConnectionError] and shown == ["ok"]

"""The records' widgets in tests: a real door service over the test's SQLite file, on its own worker."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from kiosk.storage.engine import Database
from kiosk.ui.records_tasks import door_tasks
from kiosk.ui.taskman import TaskManager


def make_tasks(db: Database, event_id: int | None, station: str = "desk-1") -> TaskManager:
    return door_tasks(db, event_id, station)


@contextmanager
def statement_threads(db: Database) -> Iterator[list[str]]:
    """The name of the thread each SQL statement ran on, while the block runs."""
    seen: list[str] = []

    def record(*_args: object) -> None:
        seen.append(threading.current_thread().name)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)

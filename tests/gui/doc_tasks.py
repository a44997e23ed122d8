"""A task manager over a real SQLite file for the document dialogs' tests, and a recorder of the
threads that run SQL (the GUI thread must run none of the dialogs' work)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from kiosk.service import DoorService
from kiosk.storage.engine import Database
from kiosk.ui.taskman import TaskManager


@contextmanager
def task_manager(db: Database, event_id: int, station: str = "test-desk") -> Iterator[TaskManager]:
    tasks = TaskManager(DoorService.for_file(db, event_id, station))
    try:
        yield tasks
    finally:
        try:
            tasks.settle(30)
        finally:
            tasks.shutdown()


@contextmanager
def sql_threads(db: Database) -> Iterator[list[str]]:
    """The name of the thread behind every SQL statement run on `db` while inside."""
    seen: list[str] = []

    def record(*_args: object) -> None:
        seen.append(threading.current_thread().name)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)

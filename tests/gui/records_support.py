"""The records' widgets in tests: a real door service over the test's SQLite file, on its own worker."""

from __future__ import annotations

from kiosk.storage.engine import Database
from kiosk.ui.records_tasks import door_tasks
from kiosk.ui.taskman import TaskManager
from tests.gui.doc_tasks import sql_threads as statement_threads  # one recorder for every widget test

__all__ = ["make_tasks", "statement_threads"]


def make_tasks(db: Database, event_id: int | None, station: str = "desk-1") -> TaskManager:
    return door_tasks(db, event_id, station)

"""Small helpers the document dialogs share for calling use cases through the task manager."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from kiosk.ui.taskman import TaskManager


def alive(owner: QObject, fn: Callable[..., Any]) -> Callable[..., None]:
    """`fn`, skipped once `owner` is deleted: a result may come back after its dialog closed."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return call


def tasks_for(owner: Any) -> TaskManager:
    """The console's task manager (`owner.tasks`).

    Until the console provides one (the door service's main-window part), a window that still
    holds `db` / `event_id` / `station` gets one made for it and kept on it, made again when
    the window's event or station changed.
    """
    tasks = getattr(owner, "tasks", None)
    if isinstance(tasks, TaskManager):
        return tasks
    from kiosk.service import DoorService

    made: TaskManager | None = getattr(owner, "_document_tasks", None)
    wanted = (owner.db, owner.event_id, owner.station)
    if made is None or (made.service.backend.db, made.service.event_id, made.service.station) != wanted:
        made = TaskManager(DoorService.for_file(*wanted), parent=owner)
        owner._document_tasks = made
    return made

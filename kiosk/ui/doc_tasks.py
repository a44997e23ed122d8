"""Small helpers the document dialogs share for calling use cases through the task manager."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def alive(owner: QObject, fn: Callable[..., Any]) -> Callable[..., None]:
    """`fn`, skipped once `owner` is deleted: a result may come back after its dialog closed."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return call

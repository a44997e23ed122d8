"""Run a write transaction again when the server rolled it back for a conflict, a bounded number of times.

PostgreSQL aborts one of two transactions that wait on each other (deadlock) or that cannot be
serialised; the other one goes through. The aborted one changed nothing, so running it again is
safe and almost always succeeds at once. Only a real connection failure should move a station
offline; a conflict that persists after a few tries is raised as it is (a bug to see, not hide).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from kiosk.storage.postgres import is_transaction_conflict

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 6


def retry_conflicts(action: Callable[[], T], *, attempts: int = ATTEMPTS, what: str = "write") -> T:
    """`action()` (one whole transaction), repeated while the server reports a conflict."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except Exception as exc:
            if not is_transaction_conflict(exc) or attempt == attempts:
                raise
            # A short random pause: two rivals retrying in lock-step would meet again.
            pause = random.uniform(0.005, 0.02) * attempt
            log.warning("%s: transaction conflict (%s), retry %d/%d", what, _first_line(exc), attempt, attempts - 1)
            time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

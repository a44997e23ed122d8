"""Whose clock decides "when": the server's while online, the laptop's corrected one while apart.

Laptop clocks drift and are set by hand; "first check-in wins" must not trust them. On the shared
PostgreSQL server every decision is stamped with the server's `now()` (read in the decision's own
transaction). A station apart from the server stamps with its own clock plus the offset it
measured against the server at its last contact (kept in its replica under CLOCK_OFFSET_KEY); the
raw laptop time goes into the audit entry beside it, so nothing is hidden.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.models import Setting

# In a station's replica only ("station_sync." settings are never copied between databases).
CLOCK_OFFSET_KEY = "station_sync.clock_offset"
_CACHE = "kiosk.door_time"


def local_now() -> datetime:
    """This computer's clock (a function so tests and faketime trials have one place to aim at)."""
    return datetime.now(UTC)


def uptime() -> float | None:
    """Seconds since boot on a clock nobody can set (CLOCK_BOOTTIME; counts suspend too), or None."""
    import time

    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boottime) if boottime is not None else None


def boot_id() -> str | None:
    """This boot's identity (Linux), so an uptime reading is compared only within one boot."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as f:
            return f.read().strip() or None
    except OSError:
        return None


@dataclass(frozen=True)
class DoorTime:
    """The time a decision is stamped with, and how it was obtained."""

    at: datetime
    local_at: datetime | None = None  # the raw laptop time, when `at` was corrected from it
    offset_s: float | None = None

    def audit(self) -> dict[str, Any]:
        """What the audit entry keeps about a corrected stamp (nothing for the server's own time)."""
        if self.local_at is None:
            return {}
        return {"local_at": self.local_at.isoformat(), "clock_offset_s": round(self.offset_s or 0.0, 3)}


def door_time(session: Session) -> DoorTime:
    """The stamp for a decision made in `session`'s transaction (see the module docstring)."""
    if session.get_bind().dialect.name == "postgresql":
        txn = session.get_transaction()
        cached = session.info.get(_CACHE)
        if cached is not None and cached[0] is txn:
            return cached[1]
        stamp = DoorTime(_utc(session.scalar(select(func.now()))))
        remember_server_now(session, stamp.at)
        return stamp
    local = local_now()
    since = _since_last_contact(session)
    if since is not None:
        # The server's time at the last contact plus the time elapsed on a clock nobody can set:
        # a laptop clock moved back (or forward) while apart changes nothing.
        return DoorTime(since, local, (since - local).total_seconds())
    offset = stored_offset(session)
    if offset is None:
        return DoorTime(local)
    return DoorTime(local + timedelta(seconds=offset), local, offset)


def _since_last_contact(session: Session) -> datetime | None:
    row = session.get(Setting, CLOCK_OFFSET_KEY)
    if row is None or not row.value:
        return None
    try:
        data = json.loads(row.value)
        then, at = float(data["uptime_s"]), datetime.fromisoformat(data["measured_at"])
        same_boot = data.get("boot") is not None and data["boot"] == boot_id()
    except (ValueError, KeyError, TypeError):
        return None
    now = uptime()
    if not same_boot or now is None or now < then:
        return None  # restarted since (or no such clock): the stored offset is all we have
    return _utc(at) + timedelta(seconds=now - then)


def remember_server_now(session: Session, at: datetime) -> None:
    """Keep a `now()` read by another statement of this transaction (saves a round trip)."""
    session.info[_CACHE] = (session.get_transaction(), DoorTime(_utc(at)))


def stored_offset(session: Session) -> float | None:
    """Seconds to add to this laptop's clock to get the server's, as last measured (None: never)."""
    row = session.get(Setting, CLOCK_OFFSET_KEY)
    if row is None or not row.value:
        return None
    try:
        return float(json.loads(row.value)["offset_s"])
    except (ValueError, KeyError, TypeError):
        return None


def _utc(at: Any) -> datetime:
    assert isinstance(at, datetime)
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)

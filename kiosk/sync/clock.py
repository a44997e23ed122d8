"""Measuring a station's clock against the server's, at every contact.

The offset is the server's clock minus this laptop's, taken at the midpoint of one round trip
(`clock_timestamp()` is the server's wall clock at that statement, not its transaction start).
It is kept in the replica, so a station that restarts while the server is away still corrects
its stamps with the offset of its last contact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain import clock
from kiosk.domain.models import Setting


@dataclass(frozen=True)
class ClockReading:
    offset_s: float  # add to this laptop's clock to get the server's
    rtt_ms: float
    server_at: datetime
    uptime_s: float | None = None  # this laptop's boot clock when the server said `server_at`
    boot: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {"offset_s": self.offset_s, "rtt_ms": round(self.rtt_ms, 2), "measured_at": self.server_at.isoformat(),
             "uptime_s": self.uptime_s, "boot": self.boot}  # fmt: skip
        )


def measure_offset(server: Session, tries: int = 1) -> ClockReading:
    """The server's clock against ours (error at most half a round trip); with `tries` > 1 the
    shortest round trip is kept. One by default: this runs at every refresh, on the worker."""
    best: ClockReading | None = None
    for _ in range(tries):
        before, up_before = clock.local_now(), clock.uptime()
        server_at = server.scalar(select(func.clock_timestamp()))
        after, up_after = clock.local_now(), clock.uptime()
        assert isinstance(server_at, datetime)
        rtt = after - before
        midpoint = before + rtt / 2
        up = (up_before + up_after) / 2 if up_before is not None and up_after is not None else None
        reading = ClockReading((server_at - midpoint).total_seconds(), rtt.total_seconds() * 1000, server_at,
                               up, clock.boot_id())  # fmt: skip
        if best is None or reading.rtt_ms < best.rtt_ms:
            best = reading
    assert best is not None
    return best


def store_offset(local: Session, reading: ClockReading) -> None:
    local.merge(Setting(key=clock.CLOCK_OFFSET_KEY, value=reading.to_json()))

"""Seat leases: how stations share the remaining seats so that, apart, none can overfill the room.

The share rule (renewed by each station on its poll and after its own check-ins):

    pool   = max(0, capacity - present - seats held by quiet stations)
    fair   = pool // (stations renewing (this one included) + 1)
    free   = max(0, capacity - present - seats leased to the other stations)
    lease  = min(fair, free)

A quiet station has not renewed for QUIET_S (it is apart, or gone): its seats stay held for it
(it may be admitting into them), and the rest is split among the stations still renewing, so two
online doors share what is left evenly instead of the first to renew holding it all (and one part
stays with nobody, for desks that hold no lease). `free` keeps
the sum of the leases within the remaining seats while the others have not yet renewed down to
their new fair share; the remainder of the division is held by nobody (any online station may
use it). A check-in on the server counts the seats leased to the OTHER
stations as taken (`held_elsewhere`, folded into the seat lock in `CheckInDesk._locked_capacity`),
so an online station never takes a seat an apart station may be admitting someone to.

Invariant (present + the unused part of every live lease <= capacity): a station apart admits at
most its lease minus what it admitted online since the lease was granted; the server admits only
into seats nobody else holds. Overrides (F12, audited) are the only way past it.

A lease lives `ttl` after its last renewal. An apart station stops using it at the same moment
(measured from before it asked, so never later than the server's clock says); after that its
leftover seats are the others' again: a laptop that died gives its share back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.headcount import present_count
from kiosk.domain.models import Event, SeatLease, utcnow

DEFAULT_TTL_S = 15 * 60.0  # how long a silent station's share stays held for it
QUIET_S = 4.0  # a lease not renewed for this long belongs to a station apart (or gone)


@dataclass(frozen=True)
class LeaseGrant:
    """What the server granted: the seats held for this station, and the room as it stood."""

    station: str
    seats: int
    present: int
    capacity: int
    holders: int  # stations holding a live lease, this one included
    expires_at: datetime
    clash: bool = False  # another laptop holds this station name's lease: no seats for this one


@dataclass(frozen=True)
class LeaseRow:
    station: str
    seats: int
    renewed_at: datetime
    expires_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "station": self.station,
            "seats": self.seats,
            "renewed_at": self.renewed_at.isoformat(),
            "expires_at": self.expires_at.isoformat(),
        }


def fair_share(capacity: int, present: int, others_held: int, renewing: int, quiet_held: int = 0) -> int:
    """The share rule (see the module docstring); never negative."""
    pool = max(0, capacity - present - quiet_held)
    # One part more than there are stations stays unleased: a desk that holds no lease (a CLI
    # command, a station just started, the supervisor's laptop) can still admit online. Without
    # it a lone console held every remaining seat and any other desk met a "full" room.
    fair = pool // (max(1, renewing) + 1)
    free = max(0, capacity - present - others_held)
    return max(0, min(fair, free))


def db_now(session: Session) -> Any:
    """The database's clock where it has one (PostgreSQL), so leases never trust a laptop's clock."""
    if session.get_bind().dialect.name == "postgresql":
        return func.now()
    return utcnow()


def held_elsewhere(session: Session, event_id: int, station: str | None) -> ColumnElement[int]:
    """Seats leased (live) to stations other than `station` (all of them for None): a scalar
    subquery, so the seat lock reads capacity and leases in one statement (one round trip)."""
    stmt = select(func.coalesce(func.sum(SeatLease.seats), 0)).where(
        SeatLease.event_id == event_id, SeatLease.expires_at > db_now(session)
    )
    if station is not None:
        stmt = stmt.where(SeatLease.station != station)
    return stmt.scalar_subquery()


def renew(
    session: Session, event_id: int, station: str, ttl_s: float = DEFAULT_TTL_S, holder: str = ""
) -> LeaseGrant:
    """Grant (or renew) this station's lease by the share rule, inside the caller's write transaction.

    `holder` names the laptop (its copy's identity). A live lease of the same station name held
    by another laptop is left alone and this one gets no seats (`clash`): two laptops given one
    name would otherwise both admit into the same share while apart."""
    lock = select(Event.capacity).where(Event.id == event_id)
    if session.get_bind().dialect.name == "postgresql":
        lock = lock.with_for_update()  # the seat lock: no check-in counts seats while we share them
    capacity = int(session.scalar(lock))
    now = session.scalar(select(db_now(session))) if session.get_bind().dialect.name == "postgresql" else utcnow()
    expire_stale(session, event_id, now)
    others = list(session.scalars(select(SeatLease).where(SeatLease.event_id == event_id, SeatLease.station != station)))
    present = present_count(session, event_id)
    quiet = [o for o in others if o.renewed_at < now - timedelta(seconds=QUIET_S)]
    seats = fair_share(capacity, present, sum(o.seats for o in others), len(others) - len(quiet) + 1,
                       sum(o.seats for o in quiet))  # fmt: skip
    expires = now + timedelta(seconds=ttl_s)
    row = session.get(SeatLease, (event_id, station))
    if row is not None and holder and row.holder and row.holder != holder:
        return LeaseGrant(station, 0, present, capacity, len(others) + 1, expires, clash=True)
    if row is None:
        session.add(SeatLease(event_id=event_id, station=station, seats=seats, renewed_at=now, expires_at=expires,
                              holder=holder))  # fmt: skip
    else:
        row.seats, row.renewed_at, row.expires_at, row.holder = seats, now, expires, holder or row.holder
    return LeaseGrant(station, seats, present, capacity, len(others) + 1, expires)


def expire_stale(session: Session, event_id: int, now: datetime) -> int:
    """Delete leases not renewed in time (their station went silent), each one audited."""
    stale = list(session.scalars(select(SeatLease).where(SeatLease.event_id == event_id, SeatLease.expires_at <= now)))
    for row in stale:
        audit.record(
            session, action="seat_lease", outcome="expired", event_id=event_id, station=row.station,
            seats=row.seats, renewed_at=row.renewed_at.isoformat(),
        )  # fmt: skip
        session.delete(row)
    return len(stale)


def release(session: Session, event_id: int, station: str, **detail: Any) -> int | None:
    """Give this station's lease back (it is online again and its journal is on the server).
    Returns the seats it held, or None if it held none."""
    row = session.get(SeatLease, (event_id, station))
    if row is None:
        return None
    seats = row.seats
    session.execute(delete(SeatLease).where(SeatLease.event_id == event_id, SeatLease.station == station))
    audit.record(session, action="seat_lease", outcome="released", event_id=event_id, station=station,
                 seats=seats, **detail)  # fmt: skip
    return seats


def live_leases(session: Session, event_id: int) -> list[LeaseRow]:
    """Leases that still hold seats, for the status and the supervisor."""
    rows = session.scalars(
        select(SeatLease)
        .where(SeatLease.event_id == event_id, SeatLease.expires_at > db_now(session))
        .order_by(SeatLease.station)
    )
    return [LeaseRow(r.station, r.seats, r.renewed_at, r.expires_at) for r in rows]

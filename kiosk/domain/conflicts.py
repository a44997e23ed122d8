"""Two check-ins of one person made while their stations could not see each other.

A sync keeps the earlier one (by corrected time, see `clock`) and undoes the other, marked as a
sync conflict. The supervisor looks at both sides and keeps the right one:

- keeping the other side undoes the one the sync kept and reopens the one it undid;
- either way the kept check-in carries the larger companion count of the two (the guest came in
  once with their party; the station that counted more companions counted people who are in the
  room, so the headcount does not lose them), and a check-out recorded on the side now undone is
  carried over (the guest left whichever record says so);
- a check-in undone by a person (not by the sync), or a guest who has since checked in again,
  is not touched: the screen says the situation changed.

Every resolution is one transaction and one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.checkin import active_check_in
from kiosk.domain.clock import door_time
from kiosk.domain.models import CheckIn, Event, Participant

SYNC_UNDONE_BY = "sync"
RESOLVED_REASON = "동기화 충돌 정리: 관리자가 다른 기록을 유지 (conflict resolved by a supervisor)"


class ConflictChanged(ValueError):
    """The two check-ins are no longer as the conflict left them (the message says how)."""


@dataclass(frozen=True)
class ConflictSide:
    check_in_id: str
    station: str
    checked_in_at: datetime  # corrected time (the server's, or the station's clock + offset)
    companions: int
    state: str  # "inside" | "left" | "undone"

    @classmethod
    def of(cls, row: CheckIn) -> ConflictSide:
        state = "undone" if row.undone_at is not None else "left" if row.checked_out_at is not None else "inside"
        return cls(row.id, row.station, row.checked_in_at, row.companions, state)


@dataclass(frozen=True)
class ConflictView:
    """One conflict as the screen shows it: who, and both sides as they are now."""

    participant_id: int
    name: str
    organization: str
    kept: ConflictSide  # the side the sync kept (the earlier one)
    dropped: ConflictSide  # the side the sync undid


@dataclass(frozen=True)
class ConflictResolution:
    participant_id: int
    name: str
    kept: ConflictSide
    undone: ConflictSide
    companions_before: int
    companions_after: int


def describe(session: Session, kept_id: str, dropped_id: str) -> ConflictView | None:
    """Both sides as they are now (None if a row is gone, e.g. after a purge)."""
    kept, dropped = session.get(CheckIn, kept_id), session.get(CheckIn, dropped_id)
    if kept is None or dropped is None:
        return None
    person = session.get(Participant, kept.participant_id)
    return ConflictView(
        kept.participant_id, person.name if person else "", person.organization if person else "",
        ConflictSide.of(kept), ConflictSide.of(dropped),
    )  # fmt: skip


def keep_check_in(
    session: Session, event_id: int, keep_id: str, other_id: str, station: str, operator: str
) -> ConflictResolution:
    """Keep `keep_id`, undo `other_id` (see the module docstring); inside the caller's write."""
    lock = select(Event.id).where(Event.id == event_id)
    if session.get_bind().dialect.name == "postgresql":
        lock = lock.with_for_update()  # the seat lock first, as every check-in takes it
    session.execute(lock)
    keep, other = session.get(CheckIn, keep_id), session.get(CheckIn, other_id)
    if keep is None or other is None or keep.participant_id != other.participant_id or keep.event_id != event_id:
        raise ConflictChanged("충돌한 두 기록을 찾을 수 없습니다 (the two check-ins are not there)")
    if keep.undone_at is not None and keep.undone_by != SYNC_UNDONE_BY:
        raise ConflictChanged(
            f"남길 기록은 {keep.undone_by or '직원'}이(가) 직접 취소했습니다: 그대로 둡니다 "
            "(that check-in was undone by staff, not by the sync)"
        )
    before = keep.companions
    now = door_time(session).at
    if other.undone_at is None:
        other.undone_at, other.undo_reason, other.undone_by = now, RESOLVED_REASON, operator or station
    if keep.undone_at is not None:
        if other.checked_out_at is not None and keep.checked_out_at is None:
            keep.checked_out_at, keep.checked_out_station = other.checked_out_at, other.checked_out_station
        session.flush()  # the other one is closed before this one opens (one open check-in each)
        if keep.checked_out_at is None and active_check_in(session, keep.participant_id) is not None:
            raise ConflictChanged("그 사이 다시 입장 처리되었습니다 (checked in again since): 그대로 둡니다")
        keep.undone_at, keep.undo_reason, keep.undone_by = None, None, None
    keep.companions = max(keep.companions, other.companions)
    session.flush()
    person = session.get(Participant, keep.participant_id)
    audit.record(
        session, action="conflict", outcome="resolved", event_id=event_id, station=station, operator=operator,
        participant_id=keep.participant_id, check_in_id=keep.id, undone=other.id, kept_station=keep.station,
        undone_station=other.station, companions_before=before, companions_after=keep.companions,
    )  # fmt: skip
    return ConflictResolution(
        keep.participant_id, person.name if person else "", ConflictSide.of(keep), ConflictSide.of(other),
        before, keep.companions,
    )  # fmt: skip

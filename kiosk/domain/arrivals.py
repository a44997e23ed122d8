"""The door's recent history: the last check-ins at any station, for the console's list and undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.checkin import ParticipantSummary
from kiosk.domain.models import CheckIn, Participant


@dataclass(frozen=True)
class RecentCheckIn:
    check_in_id: str
    participant: ParticipantSummary
    checked_in_at: datetime
    station: str
    method: str
    companions: int
    checked_out: bool


def recent_check_ins(session: Session, event_id: int, limit: int = 30) -> list[RecentCheckIn]:
    """Newest first; undone check-ins are left out (they never happened, as far as the room knows)."""
    rows = session.execute(
        select(CheckIn, Participant)
        .join(Participant, Participant.id == CheckIn.participant_id)
        .where(CheckIn.event_id == event_id, CheckIn.undone_at.is_(None))
        .order_by(CheckIn.checked_in_at.desc())
        .limit(limit)
    ).all()
    return [
        RecentCheckIn(
            check_in_id=entry.id,
            participant=ParticipantSummary.of(person),
            checked_in_at=entry.checked_in_at,
            station=entry.station,
            method=str(entry.method.value if hasattr(entry.method, "value") else entry.method),
            companions=entry.companions,
            checked_out=entry.checked_out_at is not None,
        )
        for entry, person in rows
    ]

"""The badge print log: who got a badge, when and where, so nobody gets two by accident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import BadgePrint, Participant


@dataclass(frozen=True)
class PrintRecord:
    printed_at: datetime
    station: str
    reprint: bool
    reason: str


def previous_prints(session: Session, participant_id: int) -> list[PrintRecord]:
    rows = session.scalars(
        select(BadgePrint).where(BadgePrint.participant_id == participant_id).order_by(BadgePrint.printed_at)
    ).all()
    return [PrintRecord(r.printed_at, r.station, r.reprint, r.reason) for r in rows]


def record_print(
    session: Session, participant_id: int, *, station: str, operator: str = "", reason: str = "", how: str = ""
) -> PrintRecord:
    """Log a printed badge (inside a write transaction); a second print is a reprint."""
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise LookupError(f"participant {participant_id} does not exist")
    reprint = bool(previous_prints(session, participant_id))
    row = BadgePrint(
        participant_id=participant_id, station=station, operator=operator, reprint=reprint, reason=reason.strip()
    )
    session.add(row)
    session.flush()
    audit.record(
        session, action="badge", outcome="reprint" if reprint else "ok", event_id=participant.event_id,
        station=station, operator=operator, participant_id=participant_id, reason=reason or None, how=how or None,
    )  # fmt: skip
    return PrintRecord(row.printed_at, station, reprint, row.reason)

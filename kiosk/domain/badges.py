"""The badge print log: who got a badge, when and where, so nobody gets two by accident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import BadgePrint, InvitationStatus, Participant


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
    session: Session,
    participant_id: int,
    *,
    station: str,
    operator: str = "",
    reason: str = "",
    how: str = "",
) -> PrintRecord:
    """Log a printed badge (inside a write transaction); a second print is a reprint."""
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise LookupError(f"participant {participant_id} does not exist")
    reprint = bool(previous_prints(session, participant_id))
    row = BadgePrint(
        participant_id=participant_id,
        station=station,
        operator=operator,
        reprint=reprint,
        reason=reason.strip(),
    )
    session.add(row)
    session.flush()
    audit.record(
        session, action="badge", outcome="reprint" if reprint else "ok", event_id=participant.event_id,
        station=station, operator=operator, participant_id=participant_id, reason=reason or None, how=how or None,
    )  # fmt: skip
    return PrintRecord(row.printed_at, station, reprint, row.reason)


# --- badges before the event -----------------------------------------------------------------

SORTS = ("name", "organization")


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def korean_name_key(name: str) -> tuple[int, str]:
    """가나다 order by family name: Korean names are written family name first, and Hangul
    syllables are in dictionary order in Unicode, so the name itself is the key. Names in
    other scripts follow the Korean ones."""
    name = (name or "").strip()
    return (0 if name and _is_hangul(name[0]) else 1, name)


def badge_roster(
    session: Session, event_id: int, *, only_unprinted: bool = False, sort: str = "name"
) -> list[Participant]:
    """Everyone who should get a badge: not cancelled; without one yet, if asked."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    people = list(
        session.scalars(
            select(Participant).where(
                Participant.event_id == event_id, Participant.status != InvitationStatus.CANCELLED
            )
        )
    )
    if only_unprinted:
        printed = set(session.scalars(select(BadgePrint.participant_id).distinct()))
        people = [p for p in people if p.id not in printed]
    if sort == "organization":
        people.sort(key=lambda p: (korean_name_key(p.organization or "")[0], p.organization or "",
                                   korean_name_key(p.name), p.id))  # fmt: skip
    else:
        people.sort(key=lambda p: (korean_name_key(p.name), p.organization or "", p.id))
    return people


def record_batch(session: Session, participant_ids: list[int], *, station: str, how: str) -> int:
    """Log a sheet of printed badges (one write transaction); returns how many were reprints."""
    reprints = 0
    for pid in participant_ids:
        again = bool(previous_prints(session, pid))
        reason = "배지 일괄 출력 (다시 인쇄)" if again else ""
        reprints += record_print(session, pid, station=station, reason=reason, how=how).reprint
    return reprints

"""A door that worked on the event's own day: arrivals 13:30–15:10 KST on 2017-11-22, walk-ins,
companions, more people inside than the room holds, and two check-ins dated the day before."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk.domain.models import Category, CheckIn, CheckInMethod, Participant
from kiosk.storage.engine import Database

SEOUL = ZoneInfo("Asia/Seoul")
DOORS_OPEN = datetime(2017, 11, 22, 13, 30, tzinfo=SEOUL)
WALK_INS = 6
OUTSIDE_DAY = 2


def fill_event_day(db: Database, event_id: int, arrivals: int = 150) -> dict[str, int]:
    """Check in the first `arrivals` invitees (every fifth with a companion), add walk-ins,
    and date two of the check-ins on 2017-11-21. Returns what was written."""
    with db.write() as session:
        ids = list(
            session.scalars(
                select(Participant.id)
                .where(Participant.event_id == event_id, Participant.is_walk_in.is_(False))
                .order_by(Participant.id)
            )
        )[:arrivals]
        companions = 0
        for i, pid in enumerate(ids):
            at = DOORS_OPEN + timedelta(seconds=37 * i)
            if i < OUTSIDE_DAY:
                at -= timedelta(days=1)
            extra = 1 if i % 5 == 0 else 0
            companions += extra
            session.add(
                CheckIn(event_id=event_id, participant_id=pid, checked_in_at=at, station="입구1",
                        method=CheckInMethod.QR, companions=extra)
            )  # fmt: skip
        for w in range(WALK_INS):
            person = Participant(
                event_id=event_id, name=f"현장손님{w + 1}", organization="부산시민", category=Category.WALK_IN,
                is_walk_in=True,
            )  # fmt: skip
            session.add(person)
            session.flush()
            session.add(
                CheckIn(event_id=event_id, participant_id=person.id, station="입구2", method=CheckInMethod.WALK_IN,
                        checked_in_at=DOORS_OPEN + timedelta(minutes=70 + w))
            )  # fmt: skip
    return {"arrived": len(ids) + WALK_INS, "invited_arrived": len(ids), "companions": companions}

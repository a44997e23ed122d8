"""Shared settings changed from a station: the room's capacity (logged, since seats are counted by it)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import Event

MAX_CAPACITY = 99_999  # the same bound as a new event (kiosk.domain.event_setup)


def set_capacity(
    session: Session, event_id: int, capacity: int, *, station: str = "", operator: str = ""
) -> bool:
    """Change the capacity (inside a write transaction); returns False when nothing changed."""
    if not 1 <= int(capacity) <= MAX_CAPACITY:
        raise ValueError(f"정원은 1~{MAX_CAPACITY}명입니다")
    event = session.get(Event, event_id)
    if event is None:
        raise LookupError(f"event {event_id} does not exist")
    if event.capacity == capacity:
        return False
    audit.record(
        session, action="capacity", outcome="ok", event_id=event_id, station=station, operator=operator,
        before=event.capacity, after=int(capacity),
    )  # fmt: skip
    event.capacity = int(capacity)
    return True

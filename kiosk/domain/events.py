"""Creating events and finding the one this database is running."""

from __future__ import annotations

import json
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import token
from kiosk.domain.models import Event, ProgramItem


class NoEventError(LookupError):
    def __init__(self) -> None:
        super().__init__(
            "이 데이터베이스에는 행사가 없습니다: 'kiosk event create'로 만들거나 화면의 '새 행사 만들기'를 쓰세요 "
            "(시연 행사는 'kiosk demo')"
        )


def active_event(session: Session) -> Event | None:
    """The event this database serves: the most recently created one."""
    return session.scalars(select(Event).order_by(Event.id.desc()).limit(1)).first()


def require_active_event(session: Session) -> Event:
    event = active_event(session)
    if event is None:
        raise NoEventError()
    return event


def _unused_tag(session: Session) -> str:
    taken = set(session.scalars(select(Event.token_tag)))
    while True:
        tag = token.make_tag(secrets.token_bytes(3))
        if tag not in taken:
            return tag


def create_event(
    session: Session,
    *,
    name: str,
    venue: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    program: list[dict] | None = None,
    **extra: str,
) -> Event:
    if capacity < 1:
        raise ValueError("capacity must be positive")
    if ends_at <= starts_at:
        raise ValueError("an event must end after it starts")
    event = Event(
        name=name,
        venue=venue,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        token_tag=_unused_tag(session),
        signing_secret=secrets.token_bytes(32),
        **extra,
    )
    for position, item in enumerate(program or []):
        event.program.append(
            ProgramItem(
                position=position,
                starts_at=item["starts_at"],
                ends_at=item["ends_at"],
                title=item["title"],
                detail=item.get("detail", ""),
                presenters=json.dumps(item.get("presenters", []), ensure_ascii=False),
            )
        )
    session.add(event)
    session.flush()
    return event

"""Editing the order of precedence by hand: one function per action of the protocol tab.

Each runs inside the caller's write transaction and is audited: who moved whom matters when the
MC's card is questioned afterwards.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import Participant

MAX_RANK = 9999
MAX_WORDING = 200


def parse_precedence(text: object) -> int | None:
    """An import cell: "1", "3위", " 12 " → 1, 3, 12; blank → None; anything else: ValueError."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError("의전순위는 숫자여야 합니다")
    if isinstance(text, int | float):
        if not float(text).is_integer():
            raise ValueError("의전순위는 정수여야 합니다")
        value = int(text)
    else:
        cleaned = (
            unicodedata.normalize("NFKC", str(text)).strip().removesuffix("위").removesuffix("번").strip()
        )
        if not cleaned or cleaned == "-":
            return None
        if not cleaned.isascii() or not cleaned.isdigit():
            raise ValueError(f"의전순위 '{str(text).strip()[:20]}'은(는) 숫자가 아닙니다")
        value = int(cleaned)
    if not 1 <= value <= MAX_RANK:
        raise ValueError(f"의전순위는 1~{MAX_RANK} 사이여야 합니다")
    return value


def _person(session: Session, event_id: int, participant_id: int) -> Participant:
    p = session.get(Participant, participant_id)
    if p is None or p.event_id != event_id:
        raise LookupError(f"참가자 {participant_id}번이 없습니다")
    return p


def set_precedence(
    session: Session,
    event_id: int,
    participant_id: int,
    rank: int | None,
    *,
    station: str = "",
    operator: str = "",
) -> None:
    """Give one person a rank (None takes them off the protocol list)."""
    if rank is not None and not 1 <= int(rank) <= MAX_RANK:
        raise ValueError(f"의전순위는 1~{MAX_RANK} 사이여야 합니다")
    p = _person(session, event_id, participant_id)
    audit.record(session, action="precedence", outcome="ok", event_id=event_id, station=station,
                 operator=operator, participant_id=p.id, before=p.precedence, after=rank)  # fmt: skip
    p.precedence = None if rank is None else int(rank)


def set_wording(
    session: Session,
    event_id: int,
    participant_id: int,
    wording: str,
    *,
    station: str = "",
    operator: str = "",
) -> None:
    text = " ".join((wording or "").split())
    if len(text) > MAX_WORDING:
        raise ValueError(f"소개 문구는 {MAX_WORDING}자 이내여야 합니다")
    p = _person(session, event_id, participant_id)
    p.intro_wording = text
    audit.record(session, action="intro_wording", outcome="ok", event_id=event_id, station=station,
                 operator=operator, participant_id=p.id)  # fmt: skip


def reorder(
    session: Session, event_id: int, ordered_ids: Sequence[int], *, station: str = "", operator: str = ""
) -> None:
    """Renumber the protocol list 1..N in the given order (a drag-and-drop or Alt+↑/↓ result).

    `ordered_ids` must be exactly the people on the list now: a station that reordered a stale
    list (someone was added meanwhile) is refused instead of silently dropping that person.
    """
    ranked = session.scalars(
        select(Participant.id).where(Participant.event_id == event_id, Participant.precedence.is_not(None))
    ).all()
    if sorted(ranked) != sorted(ordered_ids) or len(set(ordered_ids)) != len(ordered_ids):
        raise ValueError("의전 명단이 그 사이에 바뀌었습니다. 새로고침 후 다시 하세요")
    for rank, pid in enumerate(ordered_ids, start=1):
        session.get(Participant, pid).precedence = rank  # type: ignore[union-attr]
    audit.record(session, action="protocol_reorder", outcome="ok", event_id=event_id, station=station,
                 operator=operator, order=",".join(str(i) for i in ordered_ids))  # fmt: skip


def move(order: Sequence[int], participant_id: int, steps: int) -> list[int]:
    """The order after moving one person up (negative) or down (positive) by `steps` places."""
    items = list(order)
    i = items.index(participant_id)
    j = max(0, min(len(items) - 1, i + steps))
    items.insert(j, items.pop(i))
    return items

"""Front-row and stage seating by precedence: the highest in the centre, then right and left.

Seats are numbered 1..n from the guests' own left (as they face the stage). Korean protocol
puts the first guest in the centre and the second on the first one's right, the third on the
left, and so on outwards; with an even number of seats the first takes the left-of-centre seat
so that the second, on their right, is the other centre seat. Rows fill front to back.

The plan (rows and their seat counts, plus seats pinned by hand) is stored per event in the
settings table; an event without one gets two front rows of ten, so seating always works.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.protocol import Deputy, ProtocolEntry, protocol_list, without_deputies
from kiosk.domain.roles import get_setting, put_setting

DEFAULT_ROWS: tuple[tuple[str, int], ...] = (("1열", 10), ("2열", 10))
MAX_SEATS_PER_ROW = 60
MAX_ROWS = 20


@dataclass(frozen=True)
class SeatingPlan:
    rows: tuple[tuple[str, int], ...] = DEFAULT_ROWS
    # "1열-5" → participant id: seats the organiser fixed by hand.
    pinned: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"rows": [list(r) for r in self.rows], "pinned": self.pinned}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SeatingPlan:
        data = json.loads(text)
        rows = tuple((str(label), int(n)) for label, n in data.get("rows", DEFAULT_ROWS))
        pinned = {str(k): int(v) for k, v in data.get("pinned", {}).items()}
        return cls(rows=validate_rows(rows), pinned=pinned)


@dataclass(frozen=True)
class Seat:
    row: str
    number: int  # 1..n from the guests' left
    entry: ProtocolEntry | None
    pinned: bool = False

    @property
    def key(self) -> str:
        return seat_key(self.row, self.number)

    @property
    def deputy(self) -> Deputy | None:
        return self.entry.deputy if self.entry else None


@dataclass(frozen=True)
class Seating:
    rows: tuple[tuple[str, tuple[Seat, ...]], ...]
    unseated: tuple[ProtocolEntry, ...]  # more ranked guests than seats

    @property
    def seated(self) -> list[Seat]:
        return [s for _label, seats in self.rows for s in seats if s.entry is not None]


def seat_key(row: str, number: int) -> str:
    return f"{row}-{number}"


def validate_rows(rows: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    if not 1 <= len(rows) <= MAX_ROWS:
        raise ValueError(f"줄 수는 1~{MAX_ROWS}이어야 합니다")
    labels = [label.strip() for label, _n in rows]
    if any(not label for label in labels) or len(set(labels)) != len(labels):
        raise ValueError("줄 이름은 비어 있지 않고 서로 달라야 합니다")
    for label, n in rows:
        if not 1 <= int(n) <= MAX_SEATS_PER_ROW:
            raise ValueError(f"{label}: 좌석 수는 1~{MAX_SEATS_PER_ROW}이어야 합니다")
    return tuple((label.strip(), int(n)) for label, n in rows)


def parse_rows(text: str) -> tuple[tuple[str, int], ...]:
    """ "10,10,8" → 1열 10석, 2열 10석, 3열 8석 (what the organiser types)."""
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise ValueError("줄마다 좌석 수를 쉼표로 적으세요 (예: 10,10)")
    return validate_rows(tuple((f"{i}열", int(p)) for i, p in enumerate(parts, start=1)))


def centre_first(n: int) -> list[int]:
    """Seat numbers in the order ranks take them: 10 → [5, 6, 4, 7, 3, 8, 2, 9, 1, 10]."""
    centre = n // 2 if n % 2 == 0 else (n + 1) // 2
    order = [centre]
    for step in range(1, n):
        for seat in (centre + step, centre - step):  # the right first, then the left
            if 1 <= seat <= n and seat not in order:
                order.append(seat)
    return order


def _key(event_id: int) -> str:
    return f"protocol.seating.{event_id}"


def load_plan(session: Session, event_id: int) -> SeatingPlan:
    stored = get_setting(session, _key(event_id))
    if stored:
        try:
            return SeatingPlan.from_json(stored)
        except (ValueError, KeyError, TypeError):
            pass  # a damaged plan falls back to the default rather than blocking the print
    return SeatingPlan()


def save_plan(
    session: Session, event_id: int, plan: SeatingPlan, *, station: str = "", operator: str = ""
) -> None:
    validate_rows(plan.rows)
    put_setting(session, _key(event_id), plan.to_json())
    audit.record(session, action="seating_plan", outcome="ok", event_id=event_id, station=station,
                 operator=operator, rows=len(plan.rows), pinned=len(plan.pinned))  # fmt: skip


def pin(plan: SeatingPlan, key: str, participant_id: int | None) -> SeatingPlan:
    """The plan with one seat fixed to a guest (None frees it); a guest holds one pinned seat."""
    known = {seat_key(label, n) for label, count in plan.rows for n in range(1, count + 1)}
    if key not in known:
        raise ValueError(f"그런 좌석이 없습니다: {key}")
    pinned = {k: v for k, v in plan.pinned.items() if k != key and v != participant_id}
    if participant_id is not None:
        pinned[key] = participant_id
    return SeatingPlan(rows=plan.rows, pinned=pinned)


def arrange(plan: SeatingPlan, guests: list[ProtocolEntry]) -> Seating:
    """Pinned seats first, then everyone else by precedence into the centre-first order."""
    by_id = {g.id: g for g in guests}
    taken: dict[str, ProtocolEntry] = {k: by_id[v] for k, v in plan.pinned.items() if v in by_id}
    placed = {g.id for g in taken.values()}
    queue = [g for g in guests if g.id not in placed]
    free = [
        seat_key(label, n)
        for label, count in plan.rows
        for n in centre_first(count)
        if seat_key(label, n) not in taken
    ]
    for key, guest in zip(free, queue, strict=False):
        taken[key] = guest
    rows = tuple(
        (
            label,
            tuple(
                Seat(label, n, taken.get(seat_key(label, n)), seat_key(label, n) in plan.pinned)
                for n in range(1, count + 1)
            ),
        )
        for label, count in plan.rows
    )
    return Seating(rows=rows, unseated=tuple(queue[len(free) :]))


def seating(session: Session, event_id: int) -> Seating:
    """The event's seating: every ranked guest, arrived or not (a seat is kept for the expected,
    and a guest who stepped out keeps theirs), deputies in their principal's seat."""
    return arrange(load_plan(session, event_id), without_deputies(protocol_list(session, event_id)))

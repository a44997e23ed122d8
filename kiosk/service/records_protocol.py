"""The protocol records' use cases (의전): the ranked list, the order table, wording, seating.

Reads and the PDFs made from them are LOCAL (the MC's card is printed from this station's copy
while apart); every change is REFUSED while apart, for the reason `records` gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain.protocol import ProtocolEntry
from kiosk.domain.protocol_rules import PrecedenceRules
from kiosk.domain.protocol_seating import SeatingPlan
from kiosk.service.usecase import Offline, use_case

PROTOCOL_WHY = (
    "서버와 연결이 끊겨 의전 순위·서열표·소개 문구를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 도착 "
    "현황은 계속 보입니다 (protocol changes need the shared server; arrivals still show)"
)
SEATING_WHY = (
    "서버와 연결이 끊겨 좌석 배치를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 지금 배치로 인쇄는 "
    "됩니다 (the seating plan needs the shared server; printing the current plan works)"
)


@dataclass(frozen=True)
class ProtocolView:
    event_name: str
    entries: list[ProtocolEntry]
    plan: SeatingPlan


class ProtocolRecordCases:
    backend: Any
    event_id: int
    station: str

    def _server_write(self, case: str) -> AbstractContextManager[Session]:  # from RecordCases
        raise NotImplementedError

    @use_case(Offline.LOCAL)
    def protocol_view(self) -> ProtocolView:
        """The ranked list with each guest's state, and the seating plan."""
        from kiosk.domain.models import Event
        from kiosk.domain.protocol import protocol_list
        from kiosk.domain.protocol_seating import load_plan

        with self.backend.read() as session:
            event = session.get(Event, self.event_id)
            return ProtocolView(event.name if event else "", protocol_list(session, self.event_id),
                                load_plan(session, self.event_id))  # fmt: skip

    @use_case(Offline.LOCAL)
    def speakers_view(self) -> tuple[list[Any], list[Any]]:
        """(VIP arrivals newest first, the program's sessions with their presenters)."""
        from kiosk.domain.speakers import speaker_board, vip_arrivals

        with self.backend.read() as session:
            return vip_arrivals(session, self.event_id), speaker_board(session, self.event_id)

    @use_case(Offline.LOCAL)
    def precedence_rules(self) -> PrecedenceRules:
        from kiosk.domain.models import Event
        from kiosk.domain.protocol_rules import load_rules

        with self.backend.read() as session:
            return load_rules(session, session.get(Event, self.event_id))

    @use_case(Offline.REFUSED, why=PROTOCOL_WHY)
    def save_precedence_rules(self, rules: PrecedenceRules, rerank: bool = False, operator: str = "") -> int:
        """Store the order table; with `rerank`, rank everyone by it. Returns how many were ranked."""
        from kiosk.domain.protocol_rules import assign_default_order, save_rules

        with self._server_write("save_precedence_rules") as session:
            save_rules(session, rules, station=self.station, operator=operator)
            if not rerank:
                return 0
            return assign_default_order(session, self.event_id, station=self.station, operator=operator)

    @use_case(Offline.REFUSED, why=PROTOCOL_WHY)
    def assign_default_order(self, operator: str = "") -> int:
        from kiosk.domain.protocol_rules import assign_default_order

        with self._server_write("assign_default_order") as session:
            return assign_default_order(session, self.event_id, station=self.station, operator=operator)

    @use_case(Offline.REFUSED, why=PROTOCOL_WHY)
    def reorder_protocol(self, ordered_ids: Sequence[int], operator: str = "") -> None:
        """Raises ValueError when the list changed meanwhile (refresh, then do it again)."""
        from kiosk.domain.protocol_edit import reorder

        with self._server_write("reorder_protocol") as session:
            reorder(session, self.event_id, list(ordered_ids), station=self.station, operator=operator)

    @use_case(Offline.REFUSED, why=PROTOCOL_WHY)
    def set_intro_wording(self, participant_id: int, wording: str, operator: str = "") -> None:
        from kiosk.domain.protocol_edit import set_wording

        with self._server_write("set_intro_wording") as session:
            set_wording(session, self.event_id, participant_id, wording, station=self.station, operator=operator)

    @use_case(Offline.LOCAL)
    def seating_plan(self) -> SeatingPlan:
        from kiosk.domain.protocol_seating import load_plan

        with self.backend.read() as session:
            return load_plan(session, self.event_id)

    @use_case(Offline.REFUSED, why=SEATING_WHY)
    def set_seat_rows(self, rows: tuple[tuple[str, int], ...], operator: str = "") -> SeatingPlan:
        """New rows for the front seats; guests pinned to seats that still exist keep them."""
        from kiosk.domain.protocol_seating import load_plan, save_plan, seat_key

        with self._server_write("set_seat_rows") as session:
            plan = load_plan(session, self.event_id)
            keys = {seat_key(label, n) for label, count in rows for n in range(1, count + 1)}
            kept = SeatingPlan(rows=rows, pinned={k: v for k, v in plan.pinned.items() if k in keys})
            save_plan(session, self.event_id, kept, station=self.station, operator=operator)
            return kept

    @use_case(Offline.REFUSED, why=SEATING_WHY)
    def pin_seat(self, participant_id: int, seat: str | None, operator: str = "") -> SeatingPlan:
        """Fix a guest to a seat (None: back to automatic placement)."""
        from kiosk.domain.protocol_seating import load_plan, pin, save_plan

        with self._server_write("pin_seat") as session:
            plan = load_plan(session, self.event_id)
            if seat is None:
                changed = SeatingPlan(rows=plan.rows, pinned={k: v for k, v in plan.pinned.items() if v != participant_id})
            else:
                changed = pin(plan, seat, participant_id)
            save_plan(session, self.event_id, changed, station=self.station, operator=operator)
            return changed

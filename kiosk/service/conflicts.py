"""The conflict screen's use cases: conflicts found by this station's syncs, and their resolution.

A station that was apart from the server finds the conflicts when it syncs and keeps the list in
its local copy; the supervisor resolves them on that station (see `kiosk.domain.conflicts` for
the rules). Resolving changes the server's rows, so it needs the server.
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.domain.conflicts import ConflictResolution, ConflictView, describe, keep_check_in
from kiosk.domain.models import Setting
from kiosk.service.usecase import Offline, use_case
from kiosk.sync.edits import EDIT_CONFLICTS_KEY, EditConflict, stored_edit_conflicts

__all__ = ["ConflictCases", "EditConflict"]

_NEEDS_SERVER = (
    "충돌 정리는 공유 서버의 기록을 바꿉니다. 서버와 다시 연결된 뒤에 하세요. "
    "(resolving a conflict changes the server's records: reconnect first)"
)


class ConflictCases:
    """Mixed into `DoorService`; `self.backend`, `self.event_id`, `self.station` come from it."""

    backend: Any
    event_id: int
    station: str

    @use_case(Offline.LOCAL)
    def conflicts(self) -> list[ConflictView]:
        """Each conflict with both sides as they are now (from this station's copy while apart)."""
        link = getattr(self.backend, "link", None)
        if link is None:
            return []  # a plain file has no station syncs (kiosk merge prints its own conflicts)
        pairs = [(c.kept.id, c.dropped.id) for c in link.conflicts()]
        with self.backend.read() as session:
            views = [describe(session, kept, dropped) for kept, dropped in pairs]
        return [v for v in views if v is not None]

    @use_case(Offline.LOCAL)
    def edit_conflicts(self) -> list[EditConflict]:
        """Edits made apart that the server's own change to the same row outranked."""
        link = getattr(self.backend, "link", None)
        if link is None:
            return []
        with link.local.session() as session:
            return stored_edit_conflicts(session)

    @use_case(Offline.REFUSED, why=_NEEDS_SERVER)
    def resolve_conflict(self, keep_id: str, other_id: str, operator: str) -> ConflictResolution:
        """Keep `keep_id` and undo `other_id`; the kept one carries the larger companion count."""
        with self.backend.write() as session:
            result = keep_check_in(session, self.event_id, keep_id, other_id, self.station, operator)
        self._forget_conflict({keep_id, other_id})
        return result

    @use_case(Offline.LOCAL)
    def dismiss_edit_conflicts(self) -> None:
        """The supervisor has read the edit conflicts (they stay in both audit logs)."""
        link = getattr(self.backend, "link", None)
        if link is not None:
            with link.local.write() as session:
                session.merge(Setting(key=EDIT_CONFLICTS_KEY, value="[]"))

    def _forget_conflict(self, ids: set[str]) -> None:
        from kiosk.sync.station import CONFLICTS_KEY

        link = getattr(self.backend, "link", None)
        if link is None:
            return
        with link.local.write() as session:
            row = session.get(Setting, CONFLICTS_KEY)
            known = json.loads(row.value) if row is not None and row.value else []
            left = [c for c in known if {c["kept"]["id"], c["dropped"]["id"]} != ids]
            session.merge(Setting(key=CONFLICTS_KEY, value=json.dumps(left, ensure_ascii=False)))

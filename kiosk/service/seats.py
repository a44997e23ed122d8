"""The seats' use cases: what the syncs found (overshoot, cancelled guests admitted) and the
seat leases that keep a station apart from overfilling the room (kiosk/domain/seat_leases.py).

All are LOCAL: they read this station's copy (the findings live there until acknowledged), so a
supervisor can see them while the server is away too.
"""

from __future__ import annotations

from kiosk.domain.seat_leases import LeaseRow, live_leases
from kiosk.service.usecase import Offline, use_case
from kiosk.sync.findings import CANCELLED_ADMITTED, OVERSHOOT, SyncFinding
from kiosk.sync.seats import LeaseStatus

__all__ = ["CANCELLED_ADMITTED", "OVERSHOOT", "LeaseRow", "LeaseStatus", "SeatCases", "SyncFinding"]


class SeatCases:
    """Mixed into `DoorService`; `self.backend`, `self.event_id`, `self.station` come from it."""

    @use_case(Offline.LOCAL)
    def sync_findings(self) -> list[SyncFinding]:
        """Overshoots and cancelled guests admitted that syncs found, not yet acknowledged.
        (A plain file has no syncs: `kiosk merge` prints and audits what it finds.)"""
        link = getattr(self.backend, "link", None)
        return link.sync_findings() if link is not None else []

    @use_case(Offline.LOCAL)
    def acknowledge_findings(self, operator: str) -> int:
        """The supervisor has seen the findings: clear the list (audited); returns how many."""
        link = getattr(self.backend, "link", None)
        return link.acknowledge_findings(operator) if link is not None else 0

    @use_case(Offline.LOCAL)
    def seat_lease(self) -> LeaseStatus | None:
        """The seats this station holds (online) or may still admit (apart); None on a plain file."""
        link = getattr(self.backend, "link", None)
        return link.seat_lease() if link is not None else None

    @use_case(Offline.LOCAL)
    def seat_leases(self) -> list[LeaseRow]:
        """Every station's live lease (from the server while online; none known while apart)."""
        with self.backend.read() as session:
            return live_leases(session, self.event_id)

"""The door's use cases: scans, manual check-ins, check-outs, undo, companions, overrides.

Each returns a plain result (a `CheckInVerdict`, a bool, a `Headcount`) and declares what it
does while the shared server is away (see `usecase`). Door actions are JOURNALED: a station
apart from the server keeps deciding at once from its copy and sends them on when it is back.
"""

from __future__ import annotations

from kiosk.domain.arrivals import RecentCheckIn, recent_check_ins
from kiosk.domain.checkin import CheckInMethod, CheckInVerdict
from kiosk.domain.headcount import Headcount, headcount
from kiosk.domain.models import Event
from kiosk.domain.search import RosterIndex
from kiosk.domain.walkin import WalkInRequest, WalkInResult, register_walk_in
from kiosk.service.usecase import Offline, use_case


class DoorCases:
    """Mixed into `DoorService`; `self.backend`, `self.event_id`, `self.station` come from it."""

    @use_case(Offline.JOURNALED)
    def scan(self, code: str, operator: str = "", *, companions: int = 0) -> CheckInVerdict:
        return self.backend.desk_call(
            self.event_id, lambda desk: desk.scan(code, self.station, operator, companions=companions)
        )

    @use_case(Offline.JOURNALED)
    def check_in(
        self, participant_id: int, operator: str = "", *, companions: int = 0,
        method: CheckInMethod = CheckInMethod.MANUAL,
    ) -> CheckInVerdict:  # fmt: skip
        return self.backend.desk_call(
            self.event_id,
            lambda desk: desk.check_in_participant(
                participant_id, self.station, operator, method=method, companions=companions
            ),
        )

    @use_case(Offline.JOURNALED)
    def override_capacity(
        self, participant_id: int, reason: str, operator: str, *, method: CheckInMethod = CheckInMethod.MANUAL
    ) -> CheckInVerdict:
        return self.backend.desk_call(
            self.event_id,
            lambda desk: desk.override_capacity(participant_id, reason, self.station, operator, method=method),
        )

    @use_case(Offline.JOURNALED)
    def check_out(self, code: str, operator: str = "") -> CheckInVerdict:
        return self.backend.desk_call(self.event_id, lambda desk: desk.check_out(code, self.station, operator))

    @use_case(Offline.JOURNALED)
    def undo(self, check_in_id: str, reason: str, operator: str = "") -> bool:
        return self.backend.desk_call(
            self.event_id, lambda desk: desk.undo(check_in_id, reason, self.station, operator)
        )

    @use_case(Offline.JOURNALED)
    def set_companions(self, check_in_id: str, companions: int, operator: str = "") -> bool:
        return self.backend.desk_call(
            self.event_id, lambda desk: desk.set_companions(check_in_id, companions, self.station, operator)
        )

    @use_case(Offline.JOURNALED)
    def walk_in(self, request: WalkInRequest, operator: str = "", *, override: bool = False) -> WalkInResult:
        """Register and admit a walk-in (raises WalkInInvalid for an incomplete form)."""
        return self.backend.desk_call(
            self.event_id, lambda desk: register_walk_in(desk, request, self.station, operator, override=override)
        )

    @use_case(Offline.JOURNALED)
    def check_in_deputy(
        self, participant_id: int, name: str, title: str, organization: str = "", operator: str = ""
    ) -> CheckInVerdict:
        """대리 참석: the deputy takes the principal's seat (journaled like a scan while apart)."""
        from kiosk.domain.protocol import check_in_deputy

        return self.backend.desk_call(
            self.event_id,
            lambda desk: check_in_deputy(
                desk, participant_id, name, title, organization, station=self.station, operator=operator
            ),
        )

    @use_case(Offline.LOCAL)
    def recent(self, limit: int = 30) -> list[RecentCheckIn]:
        with self.backend.read() as session:
            return recent_check_ins(session, self.event_id, limit)

    @use_case(Offline.LOCAL)
    def roster_index(self) -> RosterIndex:
        """The roster in memory for search-as-you-type (search itself then runs on the GUI side)."""
        with self.backend.read() as session:
            return RosterIndex.load(session, self.event_id)

    @use_case(Offline.LOCAL)
    def headcount(self) -> Headcount:
        with self.backend.read() as session:
            event = session.get(Event, self.event_id)
            assert event is not None
            return headcount(session, event)

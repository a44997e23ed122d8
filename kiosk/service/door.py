"""The door's use cases: scans, manual check-ins, check-outs, undo, companions, overrides.

Each returns a plain result (a `CheckInVerdict`, a bool, a `Headcount`) and declares what it
does while the shared server is away (see `usecase`). Door actions are JOURNALED: a station
apart from the server keeps deciding at once from its copy and sends them on when it is back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.domain.arrivals import RecentCheckIn, recent_check_ins
from kiosk.domain.checkin import CheckInMethod, CheckInVerdict, ParticipantSummary
from kiosk.domain.headcount import Headcount, headcount
from kiosk.domain.models import Event, Participant
from kiosk.domain.search import RosterIndex
from kiosk.domain.speakers import VipArrival
from kiosk.domain.walkin import ProbableDuplicate, WalkInRequest, WalkInResult, register_walk_in
from kiosk.service.usecase import Offline, use_case


@dataclass(frozen=True)
class EventHeader:
    """What the console's header shows of the event (plain values, no session behind them)."""

    id: int
    name: str
    name_en: str
    venue: str
    venue_en: str
    starts_at: datetime
    ends_at: datetime
    timezone: str


@dataclass(frozen=True)
class DoorOverview:
    """One refresh of the door: the event, its counts, and whether a supervisor PIN exists."""

    event: EventHeader | None
    counts: Headcount | None
    pin_set: bool
    recent: list[RecentCheckIn] | None = None  # with lists=True
    vip_arrivals: list[VipArrival] | None = None  # with lists=True


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
        return self.backend.query(lambda session: recent_check_ins(session, self.event_id, limit))

    @use_case(Offline.LOCAL)
    def roster_index(self) -> RosterIndex:
        """The roster in memory for search-as-you-type (search itself then runs on the GUI side)."""
        return self.backend.query(lambda session: RosterIndex.load(session, self.event_id))

    @use_case(Offline.LOCAL)
    def headcount(self) -> Headcount:
        def read(session):  # type: ignore[no-untyped-def]
            event = session.get(Event, self.event_id)
            assert event is not None
            return headcount(session, event)

        return self.backend.query(read)

    @use_case(Offline.LOCAL)
    def overview(self, *, lists: bool = False, recent_limit: int = 30) -> DoorOverview:
        """The console's refresh in one session: header, counters, PIN state and, with `lists`,
        the recent arrivals and protocol arrivals. Finds the event when the file had none yet."""
        from kiosk.domain import roles
        from kiosk.domain.events import active_event
        from kiosk.domain.speakers import vip_arrivals

        def read(session):  # type: ignore[no-untyped-def]
            event = session.get(Event, self.event_id) if self.event_id is not None else active_event(session)
            pin_set = roles.pin_is_set(session)
            if event is None:
                return DoorOverview(None, None, pin_set)
            header = EventHeader(event.id, event.name, event.name_en or "", event.venue, event.venue_en or "",
                                 event.starts_at, event.ends_at, event.timezone)  # fmt: skip
            counts = headcount(session, event)
            if not lists:
                return DoorOverview(header, counts, pin_set)
            return DoorOverview(header, counts, pin_set, recent_check_ins(session, event.id, recent_limit),
                                vip_arrivals(session, event.id))  # fmt: skip

        result = self.backend.query(read)
        if self.event_id is None and result.event is not None:
            self.event_id = result.event.id  # an event appeared (demo, import, wizard)
        return result

    @use_case(Offline.LOCAL)
    def vip_arrivals(self) -> list[VipArrival]:
        from kiosk.domain.speakers import vip_arrivals

        return self.backend.query(lambda session: vip_arrivals(session, self.event_id))

    @use_case(Offline.LOCAL)
    def waiting_vip_alerts(self) -> set[int]:
        """Protocol alerts shown at this station and not acknowledged (restored after a restart)."""
        from kiosk.domain.speakers import waiting_vip_alerts

        return self.backend.query(lambda session: waiting_vip_alerts(session, self.event_id, self.station))

    @use_case(Offline.LOCAL)
    def record_vip_alert(self, participant_id: int, outcome: str, reason: str = "", operator: str = "") -> None:
        """The protocol alert in the audit log (shown / acknowledged / refused at capacity)."""
        from kiosk.domain.speakers import record_vip_alert

        self.backend.change(lambda session: record_vip_alert(
            session, self.event_id, participant_id, outcome=outcome, station=self.station, operator=operator,
            reason=reason))  # fmt: skip

    @use_case(Offline.LOCAL)
    def participant_summary(self, participant_id: int) -> ParticipantSummary | None:
        """One roster entry, for the manual check-in's confirmation."""

        def read(session):  # type: ignore[no-untyped-def]
            p = session.get(Participant, participant_id)
            return ParticipantSummary.of(p) if p is not None else None

        return self.backend.query(read)

    @use_case(Offline.LOCAL)
    def walk_in_duplicates(self, request: WalkInRequest) -> list[ProbableDuplicate]:
        """People already on the roster who are probably this walk-in (asked before registering)."""
        from kiosk.domain.walkin import probable_duplicates

        return self.backend.query(lambda session: probable_duplicates(session, self.event_id, request))

    @use_case(Offline.LOCAL)
    def pin_is_set(self) -> bool:
        """Kiosk mode needs a supervisor PIN (to leave it again)."""
        from kiosk.domain import roles

        return self.backend.query(roles.pin_is_set)

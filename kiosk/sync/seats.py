"""A station's seat lease and sync findings: the part of `StationLink` that keeps the room's count.

Online, the station renews its lease on the server (domain/seat_leases.py: the share rule) on
its poll and soon after its own check-ins (a link that never polls, a one-shot CLI command, holds
no share and takes no seat held for the stations). When it goes apart it writes down, in its replica,
what it may still admit: its lease less what it admitted online since the lease was granted,
counted from the replica's headcount at that moment (`ApartAllowance`). The local desk then
admits while

    present now  <=  present when it went apart + allowance        (and never beyond capacity)

after which the verdict is `capacity_full` with a hint that a supervisor override (F12, PIN and
reason, audited) can let the guest in. When the lease's time is up the allowance is gone too.
Back online, the journal goes up first, then the lease is released and granted afresh. A
station that closes while online gives its share back; one that closes while apart keeps what is
left of it written down (it may be restarted while the network is still out).

A station that starts while the server is away, and has no allowance written down, admits
nobody without an override: it cannot know what the other stations have done.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from kiosk.domain import seat_leases
from kiosk.domain.checkin import CheckInDesk, CheckInVerdict, ScanStatus
from kiosk.domain.clock import door_time
from kiosk.domain.headcount import present_count
from kiosk.domain.models import Event, Setting
from kiosk.storage.engine import Database
from kiosk.storage.postgres import is_connection_error
from kiosk.sync import findings
from kiosk.sync.findings import SyncFinding

if TYPE_CHECKING:
    from kiosk.domain.seat_leases import LeaseGrant

log = logging.getLogger(__name__)
LEASE_MARGIN_S = 5.0  # the apart share ends this much before the server frees it (clock error, RTT)

ALLOWANCE_KEY = "station_sync.seat_allowance"  # JSON ApartAllowance, while this station is apart
OVERRIDE_HINT = (
    "서버와 연결이 끊긴 동안 이 스테이션에 배정된 좌석을 모두 썼습니다. 다른 입구에서 입장했을 수 있어 "
    "정원을 지키려면 여기서 멈춥니다. 책임자 승인(F12, PIN과 사유)으로 입장시킬 수 있습니다. "
    "(this station has used the seats it holds while apart; a supervisor override, F12 with PIN "
    "and reason, can let the guest in)"
)


@dataclass(frozen=True)
class ApartAllowance:
    """What this station may admit while apart, written down when it lost the server."""

    event_id: int
    base: int  # the replica's headcount when it went apart
    seats: int  # lease less what it admitted online since the lease was granted
    expires_at: datetime  # this laptop's clock, from before it asked for the lease

    def capacity(self, room_capacity: int, present: int, now: datetime) -> int:
        """The capacity the local desk enforces: never beyond the room's."""
        if now >= self.expires_at:
            return min(room_capacity, present)  # the share went back to the others: full
        return min(room_capacity, self.base + self.seats)

    def to_json(self) -> str:
        return json.dumps({"event_id": self.event_id, "base": self.base, "seats": self.seats,
                           "expires_at": self.expires_at.isoformat()})  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> ApartAllowance:
        d = json.loads(text)
        return cls(int(d["event_id"]), int(d["base"]), int(d["seats"]), datetime.fromisoformat(d["expires_at"]))


@dataclass(frozen=True)
class LeaseStatus:
    """Plain data for the status bar and `kiosk status`: the seats this station holds."""

    apart: bool
    seats: int  # online: held on the server; apart: still admissible here
    expires_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"apart": self.apart, "seats": self.seats,
                "expires_at": self.expires_at.isoformat() if self.expires_at else None}  # fmt: skip


def read_allowance(session: Session) -> ApartAllowance | None:
    row = session.get(Setting, ALLOWANCE_KEY)
    if row is None or not row.value:
        return None
    try:
        return ApartAllowance.from_json(row.value)
    except (ValueError, KeyError):
        return None  # unreadable: admit nobody without an override rather than guess


class LeasedLocalDesk(CheckInDesk):
    """The desk on the replica: the room's capacity as this station's allowance says."""

    def _locked_capacity(self, session: Session) -> int:
        room = super()._locked_capacity(session)  # the replica holds no leases: the room's capacity
        present = present_count(session, self.event_id)
        allowance = read_allowance(session)
        self._no_share = allowance is None or allowance.event_id != self.event_id
        if self._no_share:
            return min(room, present)
        # The share's end by the corrected door time: a laptop clock moved back while apart
        # must not stretch a share the server has already given to the other doors.
        return allowance.capacity(room, present, door_time(session).at)

    _no_share = False

    def admit_in(self, *args: Any, **kwargs: Any) -> CheckInVerdict:
        verdict = super().admit_in(*args, **kwargs)
        if verdict.status is ScanStatus.CAPACITY_FULL:
            # Said as it is: a station that never held a share has not "used up" anything.
            hint = NO_SHARE_HINT if self._no_share else OVERRIDE_HINT
            extra = {**verdict.extra, "apart": True, "hint": hint, "share": not self._no_share}
            return replace(verdict, detail=hint, extra=extra)
        return verdict


NO_SHARE_HINT = (
    "이 PC는 서버와 연결되지 않은 채 시작해서 맡아 둔 좌석이 없습니다. 다른 입구가 몇 명을 입장시켰는지 알 수 "
    "없어 정원을 지키려면 여기서 멈춥니다. 책임자 승인(체크인 창의 F12, PIN과 사유)으로 입장시킬 수 있고, 서버와 "
    "다시 연결되면 바로 입장됩니다. (this station started without the server and holds no share of the seats; "
    "a supervisor override, F12 in the check-in window, can let the guest in)"
)


HELD_HINT = (
    "남은 {0}석은 다른 입구 몫으로 잡혀 있습니다 (연결이 끊긴 입구가 쓰고 있을 수 있음). 잠시 뒤 다시 "
    "스캔하거나 책임자 승인(F12)으로 입장시킬 수 있습니다. "
    "({0} seats left are held for other stations, which may be admitting into them while apart; scan "
    "again shortly, or a supervisor override, F12, can let the guest in)"
)


class LeasedServerDesk(CheckInDesk):
    """The desk on the server for one station: the seats leased to the others are not its to give
    (`CheckInDesk._locked_capacity`); a refusal because of them says so."""

    def __init__(self, db: Database, event_id: int, station: str) -> None:
        super().__init__(db, event_id)
        self.lease_holder = station

    def admit_in(self, session: Session, *args: Any, **kwargs: Any) -> CheckInVerdict:
        return self._explained(super().admit_in(session, *args, **kwargs), session)

    def scan(self, *args: Any, **kwargs: Any) -> CheckInVerdict:  # PostgreSQL: one statement
        return self._explained(super().scan(*args, **kwargs))

    def check_in_participant(self, *args: Any, **kwargs: Any) -> CheckInVerdict:
        return self._explained(super().check_in_participant(*args, **kwargs))

    def _explained(self, verdict: CheckInVerdict, session: Session | None = None) -> CheckInVerdict:
        """A refusal only because of seats held for other stations says so (one read, refusals only)."""
        if verdict.status is not ScanStatus.CAPACITY_FULL or "held_elsewhere" in verdict.extra:
            return verdict
        if session is not None:
            room = session.get(Event, self.event_id)
        else:
            with self.db.session() as s:
                room = s.get(Event, self.event_id)
        capacity = room.capacity if room is not None else 0
        held = capacity - int(verdict.extra.get("capacity", capacity))
        if held > 0 and int(verdict.extra.get("present", capacity)) < capacity:
            extra = {**verdict.extra, "held_elsewhere": held}
            return replace(verdict, detail=HELD_HINT.format(held), extra=extra)
        return verdict


class StationSeats:
    """Mixed into `StationLink` (which supplies server, local, station, event_id, _lock, _clock)."""

    lease_ttl_s: float = seat_leases.DEFAULT_TTL_S
    lease_renew_s: float = 2.0  # renew at least this often while online
    lease_after_checkin_s: float = 1.0  # and this soon after this station's own check-ins
    lease_when_full_s: float = 0.5  # and this soon after a "full" (the others may hold what is left)

    def _init_seats(self, lease_ttl_s: float | None = None) -> None:
        if lease_ttl_s is not None:
            self.lease_ttl_s = lease_ttl_s
        self._lease: LeaseGrant | None = None
        self._lease_expires_wall: datetime | None = None
        self._lease_at = float("-inf")
        self._lease_used = 0  # seats this station filled online since its lease was granted
        self._lease_wanted = False
        self._polled = False  # a console polls every second; a one-shot CLI command never does

    # -- plain-data API for the supervisor ----------------------------------------------------------

    def sync_findings(self) -> list[SyncFinding]:
        """Overshoots and cancelled guests admitted, found by syncs and not yet acknowledged."""
        with self.local.session() as session:  # type: ignore[attr-defined]
            return findings.kept(session)

    def acknowledge_findings(self, operator: str = "") -> int:
        """Clear the list; the audit line goes to the server (or, apart, up with the next sync)."""
        with self._lock:  # type: ignore[attr-defined]
            with self.local.write() as session:  # type: ignore[attr-defined]
                seen = findings.acknowledge(session)
            if not seen:
                return 0
            who = dict(event_id=self.event_id, station=self.station, operator=operator)  # type: ignore[attr-defined]
            if not self._is_apart():
                try:
                    with self.server.write() as session:  # type: ignore[attr-defined]
                        findings.audit_acknowledged(session, seen, **who)
                    return len(seen)
                except Exception as exc:
                    if not is_connection_error(exc):
                        raise
            with self.local.write() as session:  # type: ignore[attr-defined]
                findings.audit_acknowledged(session, seen, **who)
            return len(seen)

    def seat_lease(self) -> LeaseStatus:
        with self.local.session() as session:  # type: ignore[attr-defined]
            allowance = read_allowance(session)
            if allowance is not None:
                left = max(0, allowance.capacity(10**9, present_count(session, allowance.event_id), datetime.now(UTC))
                           - present_count(session, allowance.event_id))  # fmt: skip
                return LeaseStatus(True, left, allowance.expires_at)
        if self._lease is None:
            return LeaseStatus(self._is_apart(), 0, None)
        return LeaseStatus(self._is_apart(), max(0, self._lease.seats - self._lease_used), self._lease_expires_wall)

    # -- hooks called by StationLink ----------------------------------------------------------------

    def _is_apart(self) -> bool:
        from kiosk.sync.station import LinkState

        return self._state is not LinkState.ONLINE  # type: ignore[attr-defined]

    def _seats_used_online(self, verdict: Any) -> None:
        """An `ok` decided on the server for this station came out of its share; a `full` may
        mean the others hold what is left: either way, renew soon."""
        if not isinstance(verdict, CheckInVerdict):
            return
        if verdict.ok and verdict.check_in_id and verdict.checked_out_at is None:
            self._lease_used += 1 + verdict.companions
        elif verdict.status is ScanStatus.CAPACITY_FULL:
            self._lease_wanted = True

    def _lease_due(self) -> bool:
        self._polled = True  # asked only from poll()
        since = self._clock() - self._lease_at  # type: ignore[attr-defined]
        if self._lease_wanted:
            return since >= min(self.lease_when_full_s, self.lease_renew_s)
        if self._lease_used > 0:
            return since >= min(self.lease_after_checkin_s, self.lease_renew_s)
        return since >= self.lease_renew_s

    def _renew_lease(self) -> None:
        """Ask the server for this station's share (one short transaction under the seat lock)."""
        if self.event_id is None:  # type: ignore[attr-defined]
            return
        asked = self._clock()  # type: ignore[attr-defined]
        with self.server.write() as session:  # type: ignore[attr-defined]
            grant = seat_leases.renew(session, self.event_id, self.station, self.lease_ttl_s,  # type: ignore[attr-defined]
                                      holder=self._replica_id())  # type: ignore[attr-defined]
        self._name_clash = grant.clash  # shown on the status badge
        if grant.clash:
            log.warning("station %s: another laptop holds this station name's seat lease", self.station)  # type: ignore[attr-defined]
        self._lease, self._lease_at, self._lease_used, self._lease_wanted = grant, asked, 0, False
        # In the server's time (what the apart desk compares with: door_time, the server's clock at
        # the last contact plus a clock nobody can set), a little early: we stop using the share
        # no later than the server frees it, whatever this laptop's own clock says.
        self._lease_expires_wall = grant.expires_at - timedelta(seconds=LEASE_MARGIN_S)

    def _lease_goes_apart(self) -> None:
        """The server just went away: write down what this station may still admit."""
        if self.event_id is None:  # type: ignore[attr-defined]
            return
        with self.local.write() as session:  # type: ignore[attr-defined]
            if read_allowance(session) is not None:
                return  # already apart (a restart, or a sync that failed half-way): keep it
            seats = 0 if self._lease is None else max(0, self._lease.seats - self._lease_used)
            expires = self._lease_expires_wall or datetime.now(UTC)
            allowance = ApartAllowance(self.event_id, present_count(session, self.event_id), seats, expires)  # type: ignore[attr-defined]
            session.merge(Setting(key=ALLOWANCE_KEY, value=allowance.to_json()))
        log.info("station %s: apart with %d seats of its own", self.station, seats)  # type: ignore[attr-defined]

    def _lease_returns(self) -> None:
        """Back online, journal synced: give the old share back (it is spent or free again)."""
        with self.local.session() as session:  # type: ignore[attr-defined]
            allowance = read_allowance(session)
            used = 0 if allowance is None else max(0, present_count(session, allowance.event_id) - allowance.base)
        if self.event_id is not None:  # type: ignore[attr-defined]
            with self.server.write() as session:  # type: ignore[attr-defined]
                seat_leases.release(session, self.event_id, self.station,  # type: ignore[attr-defined]
                                    reason="returned", admitted_apart=used)  # fmt: skip
        with self.local.write() as session:  # type: ignore[attr-defined]
            session.execute(delete(Setting).where(Setting.key == ALLOWANCE_KEY))
        self._lease, self._lease_used, self._lease_at = None, 0, float("-inf")

    def _keep_share_on_close(self) -> None:
        """A station shutting down while online gives its share back at once: held for the
        lease's fifteen minutes it would turn guests away at the other doors with seats empty
        (four stations finishing at different times left 44 of 600 guests refused that way).
        Closing while apart keeps the share written down: restarted while the network is still
        out, the station may admit what is left of it. If the give-back itself finds the server
        gone, the share is written down as on going apart, and expires on the server."""
        if self._is_apart():
            return
        try:
            with self.server.write() as session:  # type: ignore[attr-defined]
                seat_leases.release(session, self.event_id, self.station, reason="closed")  # type: ignore[attr-defined]
            return
        except Exception as exc:
            if not is_connection_error(exc):
                raise
        self._lease_goes_apart()


"""Seat leases on a real PostgreSQL cluster, stations cut off through a real TCP proxy.

Before: a station apart admitted up to the whole room's capacity from its stale copy (212 people
for 150 seats with two of four apart); the sync computed the overshoot and dropped it, and a
guest cancelled on the server meanwhile was stored as present without a word.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from kiosk.domain.checkin import CheckInMethod, ScanStatus
from kiosk.domain.headcount import present_count
from kiosk.domain.models import AuditEntry, InvitationStatus, Participant, SeatLease
from kiosk.service import DoorService
from kiosk.service.backend import StationBackend
from kiosk.storage.engine import Database
from kiosk.sync.findings import CANCELLED_ADMITTED, OVERSHOOT
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import make_event


class Room:
    """A server, an event and stations, each behind its own cable."""

    def __init__(self, db: Database, url: str, cluster: PgCluster, tmp: Path) -> None:
        self.db, self.url, self.cluster, self.tmp = db, url, cluster, tmp
        self.proxies: list[CuttableProxy] = []
        self.links: list[StationLink] = []

    def station(self, name: str, **options: object) -> tuple[StationLink, CuttableProxy]:
        proxy = CuttableProxy(self.cluster.port)
        link = StationLink(
            via(self.url, proxy), self.tmp / f"{name}-{len(self.links)}.db", name,
            retry_s=0, refresh_s=0, **options,  # type: ignore[arg-type]
        )  # fmt: skip
        link.lease_renew_s = 0  # every poll renews: the tests decide when
        link.poll()  # the console's first poll takes its share
        self.proxies.append(proxy)
        self.links.append(link)
        return link, proxy

    def present(self) -> int:
        with self.db.session() as s:
            return present_count(s, self.event_id())

    def event_id(self) -> int:
        return self.links[0].event_id or 0

    def audit(self, action: str) -> list[dict]:
        with self.db.session() as s:
            rows = s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
            return [{"outcome": r.outcome, "station": r.station, **json.loads(r.detail or "{}")} for r in rows]

    def close(self) -> None:
        for link in self.links:
            link.close()
        for proxy in self.proxies:
            proxy.close()


@pytest.fixture
def room(pg_db: Database, pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> Iterator[Room]:
    r = Room(pg_db, pg_url, pg_cluster, tmp_path)
    yield r
    r.close()


def _pids(db: Database) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(Participant.id).order_by(Participant.id)))


def test_apart_station_admits_its_share_then_asks_for_an_override(room: Room) -> None:
    codes = make_event(room.db, people=60, capacity=20)
    a, cable_a = room.station("A")
    b, _ = room.station("B")
    a.poll(), b.poll()  # both renew once B has joined: 20 seats in three parts (one held by nobody)
    share = a.seat_lease().seats
    assert 6 <= share <= 10 and 6 <= b.seat_lease().seats <= 10 and share + b.seat_lease().seats <= 20
    cable_a.cut()
    admitted = [a.scan(code) for code in codes[:12]]
    assert a.state is LinkState.OFFLINE
    assert [v.status for v in admitted].count(ScanStatus.OK) == share
    full = admitted[share]
    assert full.status is ScanStatus.CAPACITY_FULL and full.extra["apart"] and "F12" in full.detail
    assert full.extra["share"] is True and "모두 썼습니다" in full.detail  # its share, used up
    # Meanwhile B, online, cannot take A's seats.
    online = [b.scan(code) for code in codes[20:40]]
    assert [v.status for v in online].count(ScanStatus.OK) == 20 - share
    assert online[-1].status is ScanStatus.CAPACITY_FULL
    assert online[-1].extra["held_elsewhere"] == share and "F12" in online[-1].detail  # the door says why
    # The supervisor lets one more in at A: recorded.
    pid = full.participant.id  # type: ignore[union-attr]
    forced = a.call(lambda d: d.override_capacity(pid, "국회의원 수행원", "A", "책임자", method=CheckInMethod.QR))
    assert forced.ok
    cable_a.restore()
    a.poll()
    assert a.state is LinkState.ONLINE and a.status().pending == 0
    assert room.present() == 21  # 20 seats + the one override, never more
    overshoot = room.audit("sync_overshoot")
    assert [(o["over"], o["added"], o["overrides"]) for o in overshoot] == [(1, 1, 1)]
    [finding] = a.sync_findings()
    assert finding.kind == OVERSHOOT and finding.over == 1 and finding.overrides == 1
    assert a.status().findings == 1
    assert a.acknowledge_findings("책임자") == 1 and a.sync_findings() == []
    # The share held while apart went back when A returned, after its journal was synced.
    released = [r for r in room.audit("seat_lease") if r["outcome"] == "released" and r["station"] == "A"]
    assert released and released[0]["admitted_apart"] == share + 1


def test_cancelled_on_the_server_while_apart_is_kept_present_and_flagged(room: Room, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    codes = make_event(room.db, people=5, capacity=50)
    a, cable = room.station("A")
    cable.cut()
    a.poll()  # the renewal finds the cable pulled
    assert a.seat_lease().apart and a.seat_lease().seats == 25  # taken when it came online: half the room
    with room.db.write() as s:  # the organiser cancels guest #1 on the server meanwhile
        first = _pids(room.db)[0]
        s.execute(update(Participant).where(Participant.id == first).values(status=InvitationStatus.CANCELLED))
    verdict = a.scan(codes[0])
    assert verdict.ok  # the door cannot know: its copy still says invited
    laptop = datetime.now(UTC) + timedelta(hours=1)  # this laptop's clock is an hour fast
    monkeypatch.setattr("kiosk.domain.clock.local_now", lambda: laptop)
    monkeypatch.setattr("kiosk.sync.findings.utcnow", lambda: laptop, raising=False)  # where it was read
    cable.restore()
    a.poll()
    assert a.state is LinkState.ONLINE
    assert room.present() == 1  # kept: the person is inside
    [entry] = room.audit("sync_cancelled_admitted")
    assert entry["outcome"] == "kept_present" and entry["from_station"] == "A"
    service = DoorService(StationBackend(a), a.event_id or 0, "A")  # what the console asks
    [finding] = service.sync_findings()
    assert finding.kind == CANCELLED_ADMITTED and finding.participant_id == first
    assert finding.name == "참가자0000"
    with room.db.session() as s:
        server_now = s.scalar(select(func.now()))
    assert abs((server_now - finding.at).total_seconds()) < 60  # found at the server's time
    assert service.acknowledge_findings("책임자") == 1 and service.sync_findings() == []
    assert [e["count"] for e in room.audit("sync_findings")] == [1]


def test_a_vanished_station_gives_its_share_back_when_its_lease_expires(room: Room, run_cli) -> None:  # type: ignore[no-untyped-def]
    codes = make_event(room.db, people=40, capacity=20)
    a, cable_a = room.station("A", lease_ttl_s=6.0)
    b, _ = room.station("B", lease_ttl_s=6.0)
    a.poll()
    cable_a.cut()  # A's laptop dies: it never renews again
    held = a.seat_lease().seats
    first = [b.scan(c).status for c in codes[:12]].count(ScanStatus.OK)
    assert first == min(12, 20 - held)  # B never takes the seats A may be admitting into
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        b.poll()
        with room.db.session() as s:
            holders = set(s.scalars(select(SeatLease.station)))
        if holders == {"B"}:
            break
        time.sleep(0.2)  # waiting out the lease: a bounded wait on the server's clock
    assert holders == {"B"}
    assert [r["station"] for r in room.audit("seat_lease") if r["outcome"] == "expired"] == ["A"]
    assert [b.scan(c).status for c in codes[12:24]].count(ScanStatus.OK) == 20 - first
    assert room.present() == 20
    b.poll()  # B, alive, renews (its short lease would lapse too otherwise)
    status = json.loads(run_cli("status", "--json", db=room.url).out)
    assert "B" in [lease["station"] for lease in status["seat_leases"]]
    with room.db.session() as s:  # the one-shot CLI gave back the share its link took
        assert set(s.scalars(select(SeatLease.station))) == {"B"}
    # A, had it lived, would have stopped using the share at the same time.
    assert a.scan(codes[30]).status is ScanStatus.CAPACITY_FULL


def test_a_station_restarted_while_apart_keeps_only_what_is_left_of_its_share(room: Room) -> None:
    codes = make_event(room.db, people=30, capacity=20)
    a, cable = room.station("A")
    b, _ = room.station("B")
    a.poll(), b.poll()
    share = a.seat_lease().seats
    assert share >= 4
    url, replica = a.server.url, a.local.path
    cable.cut()
    assert [a.scan(c).ok for c in codes[:3]] == [True] * 3
    a.close()  # the laptop is restarted while the cable is still out
    again = StationLink(url, replica, "A", retry_s=0, refresh_s=0)  # type: ignore[arg-type]
    room.links.append(again)
    assert again.state is LinkState.OFFLINE
    assert again.seat_lease().seats == share - 3
    assert [again.scan(c).status for c in codes[3:11]].count(ScanStatus.OK) == min(8, share - 3)
    # A laptop that died while online cannot know what it admitted since its last renewal:
    # started apart without a written-down share, it admits nobody without an override.
    b_url, b_replica = b.server.url, b.local.path
    b.server.dispose(), b.local.dispose()  # B's process is killed: no orderly close
    room.links.remove(b)
    room.proxies[1].cut()
    fresh = StationLink(b_url, b_replica, "B", retry_s=0, refresh_s=0)  # type: ignore[arg-type]
    room.links.append(fresh)
    assert fresh.state is LinkState.OFFLINE and fresh.seat_lease().seats == 0
    assert fresh.scan(codes[20]).status is ScanStatus.CAPACITY_FULL


def test_two_laptops_with_one_station_name_do_not_share_one_lease(room: Room) -> None:
    # Found by an independent tester: two laptops both named G2 renewed one lease row and, cut
    # off, each admitted its full share: 36 guests on a 20-seat lease.
    codes = make_event(room.db, people=60, capacity=30)
    first, cable_first = room.station("G2")
    second, cable_second = room.station("G2")  # another laptop, its own copy, the same name
    first.poll(), second.poll()
    assert first.seat_lease().seats > 0 and second.seat_lease().seats == 0
    assert second.status().name_clash and not first.status().name_clash
    share = first.seat_lease().seats
    cable_first.cut(), cable_second.cut()
    admitted = [first.scan(c).ok for c in codes[:20]] + [second.scan(c).ok for c in codes[20:40]]
    assert sum(admitted) == share  # the second laptop admits nobody without an override

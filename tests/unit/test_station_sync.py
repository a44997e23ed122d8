"""A station keeps checking people in while the shared server is unreachable, then catches up.

The server is a real throw-away PostgreSQL (tests/pg); the network is a TCP forwarder on
127.0.0.1 whose cable the test pulls.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain import seat_leases, token
from kiosk.domain.checkin import CheckInDesk, CheckInMethod, ScanStatus
from kiosk.domain.demo import load_demo
from kiosk.domain.models import AuditEntry, CheckIn, Event, Participant
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.sync.station import LinkState, StationLink, StationUnavailable
from tests.pg.cluster import PgCluster
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.proxy import CuttableProxy, via

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(pg_url: str) -> Iterator[tuple[Database, int]]:  # noqa: F811
    db = Database.open(pg_url)
    migrate.upgrade(db)
    with db.write() as s:
        event_id = load_demo(s).id
    yield db, event_id
    db.dispose()


@pytest.fixture
def proxy(pg_cluster: PgCluster) -> Iterator[CuttableProxy]:  # noqa: F811
    p = CuttableProxy(pg_cluster.port)
    yield p
    p.close()



def _codes(db: Database, event_id: int) -> list[str]:
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        ids = s.scalars(select(Participant.id).where(Participant.event_id == event_id).order_by(Participant.id))
        return [token.issue(event.token_tag, event.signing_secret, pid) for pid in ids]


@pytest.fixture
def link(server, proxy: CuttableProxy, tmp_path: Path) -> Iterator[StationLink]:  # type: ignore[no-untyped-def]
    db, _ = server
    station = StationLink(via(db.url, proxy), tmp_path / "replica-1.db", "입구1", retry_s=0)
    station.poll()  # the console's first poll takes this station's share of the seats
    yield station
    station.close()


def test_online_scan_goes_to_the_server(server, link: StationLink) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    code = _codes(db, event_id)[0]
    verdict = link.scan(code)
    assert verdict.ok and link.state is LinkState.ONLINE
    assert link.status().pending == 0
    with db.session() as s:
        assert s.get(CheckIn, verdict.check_in_id) is not None


def test_offline_scan_is_journaled_and_synced_back(server, link: StationLink, proxy: CuttableProxy) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    first, second, third = _codes(db, event_id)[:3]
    assert link.scan(first).ok
    link.sync()  # the replica now knows `first` is inside
    proxy.cut()
    offline = link.scan(second)
    assert offline.ok and link.state is LinkState.OFFLINE
    assert link.scan(first).status is ScanStatus.ALREADY_CHECKED_IN  # known from the replica
    status = link.status()
    assert status.pending == 1 and status.offline_since is not None and status.last_error
    assert link.poll().state is LinkState.OFFLINE  # still cut: stays offline, keeps working
    assert link.scan(third).ok and link.status().pending == 2

    proxy.restore()
    status = link.poll()
    assert status.state is LinkState.ONLINE and status.pending == 0 and status.conflicts == 0
    with db.session() as s:
        row = s.get(CheckIn, offline.check_in_id)
        assert row is not None and row.station == "입구1" and row.undone_at is None
        assert s.scalar(select(func.count(CheckIn.id))) == 3
        # refused scans made offline reach the server's audit trail too
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.outcome == "already_checked_in")) == 1
    link.sync()
    with db.session() as s:
        assert s.scalar(select(func.count(CheckIn.id))) == 3  # syncing again adds nothing
    # Each database keeps its own unbroken audit chain: the server's head is never copied down.
    from kiosk.domain.audit_chain import check_audit

    assert check_audit(db).ok
    assert check_audit(link.local).ok


def test_same_person_at_two_stations_while_apart(server, link: StationLink, proxy: CuttableProxy) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    code = _codes(db, event_id)[5]
    other = CheckInDesk(db, event_id)  # 입구2, on the server
    other.lease_holder = "입구2"
    with db.write() as s:  # 입구2 has joined: the seats are shared (domain/seat_leases.py)
        seat_leases.renew(s, event_id, "입구2")
    link.lease_renew_s = 0
    link.poll()
    proxy.cut()
    mine = link.scan(code)  # offline, first
    theirs = other.scan(code, station="입구2")  # on the server, later
    assert mine.ok and theirs.ok
    proxy.restore()
    assert link.poll().state is LinkState.ONLINE
    conflicts = link.conflicts()
    assert len(conflicts) == 1
    assert conflicts[0].kept.id == mine.check_in_id and conflicts[0].dropped.id == theirs.check_in_id
    with db.session() as s:
        active = s.scalars(select(CheckIn).where(CheckIn.undone_at.is_(None), CheckIn.checked_out_at.is_(None))).all()
        assert [r.id for r in active] == [mine.check_in_id]
        assert s.scalar(select(func.count(CheckIn.id))) == 2  # nothing acknowledged is deleted
    # the replica now shows the server's truth: scanning again names the winner
    again = link.scan(code)
    assert again.status is ScanStatus.ALREADY_CHECKED_IN and again.check_in_id == mine.check_in_id
    link.clear_conflicts()
    assert link.status().conflicts == 0


def test_journal_survives_a_restart_while_offline(server, proxy: CuttableProxy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    url = via(db.url, proxy)
    replica = tmp_path / "replica.db"
    code = _codes(db, event_id)[7]
    first = StationLink(url, replica, "입구3", retry_s=0)  # first start: copies the roster
    first.poll()
    first.close()  # closed while online: its share of the seats goes back to the other doors
    proxy.cut()
    station = StationLink(url, replica, "입구3", retry_s=0)  # starts offline from its replica
    assert station.state is LinkState.OFFLINE
    refused = station.scan(code)  # no share written down: it cannot know whether the room is full
    assert refused.status is ScanStatus.CAPACITY_FULL and refused.extra["apart"] and "F12" in refused.detail
    # Said as it is: it never held a share, so it has not "used up" one (second independent tester).
    assert refused.extra["share"] is False and "맡아 둔 좌석이 없습니다" in refused.detail
    pid = refused.participant.id  # type: ignore[union-attr]
    made = station.call(lambda d: d.override_capacity(pid, "책임자 승인", "입구3", "책임자", method=CheckInMethod.QR))
    assert made.ok  # the supervisor's override is journaled like any check-in
    station.close()
    proxy.restore()
    station = StationLink(url, replica, "입구3", retry_s=0)
    assert station.state is LinkState.ONLINE and station.status().pending == 0
    station.close()
    with db.session() as s:
        assert s.get(CheckIn, made.check_in_id) is not None


def test_no_server_and_no_replica_is_a_clear_error(server, proxy: CuttableProxy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = server
    proxy.cut()
    with pytest.raises(StationUnavailable, match="로컬 사본도 없습니다"):
        StationLink(via(db.url, proxy), tmp_path / "new.db", "입구4")


def test_offline_check_out_reaches_the_server(server, link: StationLink, proxy: CuttableProxy) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    code = _codes(db, event_id)[9]
    entered = link.scan(code)
    link.sync()
    proxy.cut()
    left = link.call(lambda desk: desk.check_out(code, link.station))
    assert left.ok and left.check_in_id == entered.check_in_id and link.status().pending == 1
    proxy.restore()
    assert link.poll().pending == 0
    with db.session() as s:
        row = s.get(CheckIn, entered.check_in_id)
        assert row is not None and row.checked_out_at is not None and row.checked_out_station == "입구1"


def test_replica_path_is_per_server(tmp_path: Path) -> None:
    from kiosk.sync.station import default_replica_path

    a = default_replica_path("postgresql+psycopg://kiosk:x@192.0.2.10/kiosk", tmp_path)
    b = default_replica_path("postgresql+psycopg://kiosk:y@192.0.2.10/kiosk", tmp_path)
    c = default_replica_path("postgresql+psycopg://kiosk:x@192.0.2.11/kiosk", tmp_path)
    assert a == b != c and a.parent == tmp_path and a.suffix == ".db"


def test_counters_follow_the_other_station(server, proxy: CuttableProxy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    url = via(db.url, proxy)
    one = StationLink(url, tmp_path / "one.db", "입구1", retry_s=0)
    two = StationLink(url, tmp_path / "two.db", "입구2", retry_s=0, refresh_s=0)
    try:
        before = two.headcount().checked_in
        assert one.scan(_codes(db, event_id)[11]).ok
        assert two.headcount().checked_in == before + 1  # the next 1-second refresh shows it
        two.poll()  # the worker thread's regular poll refreshes the replica
        proxy.cut()
        assert two.headcount().checked_in == before + 1  # offline: from its replica
        assert two.state is LinkState.OFFLINE
    finally:
        one.close()
        two.close()


def test_offline_walk_in_is_registered_on_the_server(server, link: StationLink, proxy: CuttableProxy) -> None:  # type: ignore[no-untyped-def]
    from kiosk.domain.walkin import WalkInRequest, register_walk_in

    db, event_id = server
    online = link.call(lambda desk: register_walk_in(desk, WalkInRequest("김온라인", "부산일보"), link.station))
    assert online.verdict.ok
    proxy.cut()
    offline = link.call(lambda desk: register_walk_in(desk, WalkInRequest("이오프", "경남신문"), link.station))
    assert offline.verdict.ok and link.status().pending == 1
    proxy.restore()
    assert link.poll().pending == 0
    with db.session() as s:
        row = s.get(CheckIn, offline.verdict.check_in_id)
        assert row is not None
        person = s.get(Participant, row.participant_id)
        assert person is not None and person.name == "이오프" and person.is_walk_in
        assert s.scalar(select(func.count(Participant.id)).where(Participant.is_walk_in.is_(True))) == 2


def test_same_name_walk_ins_on_two_offline_stations_stay_apart(server, proxy: CuttableProxy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Six walk-ins, three names, two stations apart from the server: six people after the sync."""
    from kiosk.domain.walkin import WalkInRequest, register_walk_in

    db, event_id = server
    links = [StationLink(via(db.url, proxy), tmp_path / f"replica-{i}.db", f"입구{i + 1}", retry_s=0) for i in (0, 1)]
    for link in links + links:  # both renew twice once the other has joined: each holds half the room
        link.lease_renew_s = 0
        link.poll()
    try:
        proxy.cut()
        for i, link in enumerate(links):
            for n, name in enumerate(("김민수", "이영희", "박철수")):
                request = WalkInRequest(name, "개인", phone=f"010-{i + 1}{n}00-0000")
                assert link.call(lambda d, r=request, s=link.station: register_walk_in(d, r, s)).verdict.ok
        assert all(link.state is LinkState.OFFLINE for link in links)
        proxy.restore()
        for link in links:
            assert link.poll().pending == 0
            assert link.conflicts() == []
        # The second station's three look like the first's (name + 개인): kept apart, listed.
        assert sorted(u["added_name"] for u in links[0].unsure() + links[1].unsure()) == ["김민수", "박철수", "이영희"]
        with db.session() as s:
            walk_ins = s.scalars(select(Participant).where(Participant.is_walk_in.is_(True))).all()
            assert len(walk_ins) == 6
            assert len({p.phone for p in walk_ins}) == 6
            inside = s.scalar(
                select(func.count(CheckIn.id)).where(
                    CheckIn.participant_id.in_([p.id for p in walk_ins]), CheckIn.undone_at.is_(None)
                )
            )
            assert inside == 6
    finally:
        for link in links:
            link.close()

"""Live across stations: the server announces committed changes (LISTEN/NOTIFY, 0009_notify).

Real PostgreSQL (tests/pg); stations reach it through CuttableProxy links with 20 ms round
trips. Station A runs in its own process (tests/pg/live_station.py); station B is in this one,
behind its door service, and must learn of A's check-ins without polling the server.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy import table as text_table

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.demo import load_demo
from kiosk.domain.events import create_event
from kiosk.domain.models import CheckIn, Event, Participant, Setting
from kiosk.domain.roster_import import import_roster
from kiosk.service.backend import StationBackend
from kiosk.service.service import DoorService
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.listen import Change, ChangeListener
from kiosk.storage.postgres import station_database
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.live_station import Heard, RemoteStation
from tests.pg.proxy import CuttableProxy, via

pytestmark = pytest.mark.postgres
DEMO_ROSTER = Path(__file__).resolve().parents[2] / "resources" / "demo" / "roster.csv"
SENTINEL = "live_test.sentinel"


def _until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


@pytest.fixture
def server(pg_url: str) -> Iterator[tuple[Database, int]]:  # noqa: F811
    db = Database.open(pg_url)
    migrate.upgrade(db)
    with db.write() as s:
        event_id = load_demo(s).id
    yield db, event_id
    db.dispose()


def _codes(db: Database, event_id: int) -> list[str]:
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        ids = s.scalars(select(Participant.id).where(Participant.event_id == event_id).order_by(Participant.id))
        return [token.issue(event.token_tag, event.signing_secret, pid) for pid in ids]


def _heard_until_sentinel(db: Database, heard: Heard, start: int) -> list[Change]:
    """Commit a marker change and return what was heard before it: notifications arrive in
    commit order, so anything a change above announced is in the list."""
    with db.write() as s:
        s.merge(Setting(key=SENTINEL, value=str(time.monotonic())))
    _, marker = heard.wait_for(lambda c: c.what == "settings", timeout=5, start=start)
    changes = [c for _, c in heard.changes[start:]]
    return changes[: changes.index(marker)]


@pytest.fixture
def listening(server) -> Iterator[tuple[Database, int, Heard]]:  # type: ignore[no-untyped-def]
    db, event_id = server
    heard = Heard()
    listener = ChangeListener(db.url, heard).start()
    assert listener.wait_listening(10)
    yield db, event_id, heard
    listener.stop()
    assert not listener.alive


def test_a_commit_is_announced_once_with_event_and_station(listening) -> None:  # type: ignore[no-untyped-def]
    db, event_id, heard = listening
    station = station_database(db.url, station="입구9")
    try:
        verdict = CheckInDesk(station, event_id).scan(_codes(db, event_id)[0], "입구9")
        assert verdict.ok
        # The check-in also wrote an audit entry and moved the audit chain head (a setting):
        # neither is news for other stations.
        assert _heard_until_sentinel(db, heard, 0) == [Change("check_ins", event_id, "입구9")]
    finally:
        station.dispose()


def test_a_rolled_back_transaction_announces_nothing(listening) -> None:  # type: ignore[no-untyped-def]
    db, event_id, heard = listening
    with db.session() as s:
        person = s.scalars(select(Participant).where(Participant.event_id == event_id)).first()
        assert person is not None
        s.add(CheckIn(event_id=event_id, participant_id=person.id, station="입구1", method="qr"))
        person.notes = "바뀜"
        s.flush()  # the statements ran (the triggers fired) ...
        s.rollback()  # ... but nothing was committed
    assert _heard_until_sentinel(db, heard, 0) == []


def test_a_roster_import_is_one_notification(listening) -> None:  # type: ignore[no-untyped-def]
    db, _, heard = listening
    with db.write() as s:
        event = create_event(
            s, name="명단 시험", venue="BEXCO", capacity=200,
            starts_at=datetime(2017, 11, 22, 5, tzinfo=UTC), ends_at=datetime(2017, 11, 22, 8, tzinfo=UTC),
        )  # fmt: skip
        new_event = event.id
    assert _heard_until_sentinel(db, heard, 0) == [Change("event", new_event, "")]  # program items too: one
    start = len(heard)
    report = import_roster(db, DEMO_ROSTER, event_id=new_event)
    assert report.imported > 150
    assert _heard_until_sentinel(db, heard, start) == [Change("roster", new_event, "")]


def test_station_b_hears_station_a_without_polling(server, pg_cluster: PgCluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Fails on the old code: B learned of other stations only by polling the server."""
    db, event_id = server
    codes = _codes(db, event_id)
    proxy_a, proxy_b = CuttableProxy(pg_cluster.port, rtt_ms=20), CuttableProxy(pg_cluster.port, rtt_ms=20)
    a = RemoteStation(via(db.url, proxy_a.port), tmp_path / "replica-a.db", "입구1")
    link_b = StationLink(via(db.url, proxy_b.port), tmp_path / "replica-b.db", "입구2", retry_s=0.2)
    service_b = DoorService(StationBackend(link_b), event_id, "입구2")
    heard = Heard()
    try:
        service_b.watch(heard)
        assert link_b.listener is not None and link_b.listener.wait_listening(10)
        before = service_b.headcount().present
        verdict = a.scan(codes[0])
        assert verdict["status"] == "ok"
        at, change = heard.wait_for(lambda c: c.what == "check_ins", timeout=5)
        assert change == Change("check_ins", event_id, "입구1")
        print(f"\nB heard A's check-in {1000 * (at - verdict['at']):.0f} ms after A's verdict (20 ms RTT)")
        assert service_b.headcount().present == before + 1  # the door service reads the room's count
        # B's own copy was marked stale: a poll copies the check-in within the stale copy's
        # refresh limit (a few seconds, so a queue of news does not hold B's worker), no 60 s wait.
        with link_b.local.session() as s:
            assert s.scalar(select(func.count(CheckIn.id))) == 0
        copied = None
        deadline = time.monotonic() + link_b.stale_refresh_s + 5
        while time.monotonic() < deadline:
            assert service_b.poll().apart is False
            with link_b.local.session() as s:
                copied = s.scalar(select(func.count(CheckIn.id)))
            if copied == 1:
                break
            time.sleep(0.2)  # the console polls every second: bounded by the limit above
        assert copied == 1

        # The cable to B is pulled: the listener notices, retries quietly; A keeps checking in.
        proxy_b.cut()
        _until(lambda: not link_b.listener.listening, 10)  # type: ignore[union-attr]
        assert a.scan(codes[1])["status"] == "ok"
        seen = len(heard)
        proxy_b.restore()
        heard.wait_for(lambda c: c.missed, timeout=15, start=seen)  # "you may have missed changes"
        assert link_b.listener.reconnects == 1
        service_b.poll()
        assert link_b.state is LinkState.ONLINE
        with link_b.local.session() as s:
            assert s.scalar(select(func.count(CheckIn.id))) == 2  # B caught up with the missed one
        assert service_b.headcount().present == before + 2
        # ... and hears the next one live again.
        seen = len(heard)
        assert a.scan(codes[2])["status"] == "ok"
        heard.wait_for(lambda c: c.what == "check_ins", timeout=5, start=seen)
    finally:
        a.close()
        listener = link_b.listener
        service_b.close()
        proxy_a.close()
        proxy_b.close()
    assert listener is not None and not listener.alive  # closing the service stops the listener


def test_the_listener_is_quiet_while_the_server_is_away(server, pg_cluster: PgCluster, caplog) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, _ = server
    proxy = CuttableProxy(pg_cluster.port)
    heard = Heard()
    listener = ChangeListener(via(db.url, proxy.port), heard, max_backoff_s=0.5).start()
    try:
        assert listener.wait_listening(10)
        with caplog.at_level(logging.DEBUG, logger="kiosk.storage.listen"):
            proxy.cut()
            _until(lambda: listener.failed_attempts >= 5, 20)  # lost, then refused four times
            proxy.restore()
            heard.wait_for(lambda c: c.missed, timeout=10)
        warnings = [r for r in caplog.records if r.name == "kiosk.storage.listen" and r.levelno >= logging.WARNING]
        assert len(warnings) == 1, [r.getMessage() for r in warnings]
        assert [c for _, c in heard.changes] == [Change.missed_while_away()]
    finally:
        listener.stop()
        proxy.close()
    assert not listener.alive


def test_a_faulty_callback_does_not_stop_the_listener(listening) -> None:  # type: ignore[no-untyped-def]
    db, _, heard = listening
    calls: list[Change] = []

    def faulty(change: Change) -> None:
        calls.append(change)
        raise RuntimeError("boom")

    other = ChangeListener(db.url, faulty).start()
    try:
        assert other.wait_listening(10)
        _heard_until_sentinel(db, heard, 0)
        _heard_until_sentinel(db, heard, len(heard))
        _until(lambda: len(calls) == 2, 5)
        assert other.alive
    finally:
        other.stop()


def test_unreadable_payloads_mean_refresh_everything() -> None:
    assert Change.parse('{"event": 3, "what": "check_ins", "station": "입구1"}') == Change("check_ins", 3, "입구1")
    assert Change.parse('{"event": null, "what": "roster", "station": ""}') == Change("roster", None, "")
    assert Change.parse('{"event": 3, "what": "leases"}') == Change("leases", 3, "")  # a later migration's table
    for bad in ("", "{", '{"what": ""}', '{"what": 5}', '{"what": "roster", "event": "3"}', "[]", "null"):
        assert Change.parse(bad).missed


def test_the_migration_downgrades_cleanly(pg_url: str) -> None:  # noqa: F811
    db = Database.open(pg_url)
    try:
        migrate.upgrade(db)

        def triggers() -> int:
            with db.session() as s:
                return int(s.scalar(select(func.count()).select_from(text_table("pg_trigger")).where(
                    text("tgname LIKE 'kiosk_notify_%'"))) or 0)  # fmt: skip

        assert triggers() == 20  # five tables: insert, update, delete, truncate
        migrate.downgrade(db, "0008_door_roundtrip")
        assert triggers() == 0
        with db.session() as s:
            assert s.scalar(text("SELECT count(*) FROM pg_proc WHERE proname = 'kiosk_notify_change'")) == 0
        migrate.upgrade(db)
        assert triggers() == 20
    finally:
        db.dispose()


def test_the_listener_survives_a_server_restart() -> None:
    """The server itself stops (not the cable) and comes back: the listener reconnects on its own,
    says it may have missed changes, and hears the next commit."""
    from tests.pg.cluster import ClusterUnavailable, start_cluster

    try:
        cluster = start_cluster()
    except ClusterUnavailable as exc:
        pytest.skip(str(exc))
    try:
        db = Database.open(cluster.create_database())
        migrate.upgrade(db)
        heard = Heard()
        listener = ChangeListener(db.url, heard, max_backoff_s=1.0).start()
        assert listener.wait_listening(10)
        cluster.stop("fast")
        _until(lambda: not listener.listening, 10)
        db.engine.dispose()
        cluster.start()
        heard.wait_for(lambda c: c.missed, timeout=15)
        assert listener.listening and listener.reconnects == 1
        assert _heard_until_sentinel(db, heard, len(heard)) == []  # the sentinel itself was heard
        listener.stop()
        assert not listener.alive
        db.dispose()
    finally:
        cluster.destroy()


def test_a_service_on_the_server_itself_hears_too_and_a_file_needs_no_listener(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    direct = DoorService.for_file(Database.open(db.url), event_id, "본부")
    first, second = Heard(), Heard()
    direct.watch(first)
    direct.watch(second)
    listener = direct.backend._listener
    assert listener is not None and listener.wait_listening(10)
    assert CheckInDesk(db, event_id).scan(_codes(db, event_id)[0], "입구1").ok
    for heard in (first, second):
        heard.wait_for(lambda c: c.what == "check_ins", timeout=5)
    direct.close()
    assert not listener.alive

    sqlite = Database.open(tmp_path / "kiosk.db")
    migrate.upgrade(sqlite)  # 0009_notify is a no-op here
    on_file = DoorService.for_file(sqlite, 1, "입구1")
    on_file.watch(Heard())
    assert on_file.backend._listener is None  # one file, no other station to hear
    on_file.close()

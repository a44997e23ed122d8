"""A check-in on the shared server is one round trip, and a lost answer is still one check-in.

Round trips are counted where they cost: in the chunks the station sends through the proxy
(the pool's pre-ping, BEGIN and COMMIT included, which a statement listener would not see),
and in the statements SQLAlchemy executes.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select, text

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk, CheckInVerdict, ScanStatus
from kiosk.domain.events import active_event
from kiosk.domain.models import CheckIn, CheckInMethod
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.postgres import station_database
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import make_event


@pytest.fixture
def proxy(pg_cluster: PgCluster) -> Iterator[CuttableProxy]:
    p = CuttableProxy(pg_cluster.port)
    yield p
    p.close()



@pytest.fixture
def codes(pg_url: str) -> list[str]:
    db = Database.open(pg_url)
    migrate.upgrade(db)
    try:
        return make_event(db, 40, capacity=30)
    finally:
        db.dispose()


def _desk(db: Database) -> CheckInDesk:
    with db.session() as s:
        found = active_event(s)
        assert found is not None
        return CheckInDesk(db, found.id)


def test_one_round_trip_per_check_in(pg_url: str, codes: list[str], proxy: CuttableProxy) -> None:
    db = station_database(via(pg_url, proxy))
    statements: list[str] = []
    for engine in {db.engine, getattr(db, "door", None) or db.engine}:
        event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    try:
        desk = _desk(db)
        for code in codes[:8]:  # warm up: psycopg prepares a statement on its fifth run
            assert desk.scan(code, "입구1").ok
        statements.clear()
        trips: dict[str, int] = {}
        for what, action in [
            ("scan", lambda: desk.scan(codes[10], "입구1")),
            ("scan again", lambda: desk.scan(codes[10], "입구2")),
            ("manual", lambda: desk.check_in_participant(_pid(pg_url, codes[11]), "입구1")),
            ("override", lambda: desk.override_capacity(_pid(pg_url, codes[12]), "사유", "입구1", "sup",
                                                       method=CheckInMethod.MANUAL)),
        ]:  # fmt: skip
            verdict = _counted(action, proxy, statements, trips, what)
            assert verdict.status in (ScanStatus.OK, ScanStatus.ALREADY_CHECKED_IN), verdict
        assert trips == {"scan": 1, "scan again": 1, "manual": 1, "override": 1}, trips
        assert len(statements) == 4, statements
        # An external registration code (not a signed token) is looked up first: the roster's
        # codes, the holder, then the decision. No BEGIN, COMMIT or pre-ping among them.
        with db.write() as s:
            s.execute(text("UPDATE participants SET external_code = 'REG-077' WHERE id = :id"),
                      {"id": _pid(pg_url, codes[13])})  # fmt: skip
        verdict = _counted(lambda: desk.scan("reg 077", "입구1"), proxy, statements, trips, "external")
        assert verdict.ok and verdict.participant and verdict.participant.id == _pid(pg_url, codes[13])
        assert trips["external"] == 3, trips
    finally:
        db.dispose()


def _pid(url: str, code: str) -> int:
    return token.parse(code).participant_id


def _counted(
    action, proxy: CuttableProxy, statements: list[str], trips: dict[str, int], what: str
) -> CheckInVerdict:  # type: ignore[no-untyped-def]
    before = proxy.sent["up"]
    verdict = action()
    trips[what] = proxy.sent["up"] - before
    return verdict


def test_dead_pooled_connection_is_replaced_without_going_offline(
    pg_url: str, codes: list[str], proxy: CuttableProxy
) -> None:
    """No pre-ping: the check-in itself finds the dead connection and goes again on a new one."""
    db = station_database(via(pg_url, proxy))
    try:
        desk = _desk(db)
        assert desk.scan(codes[0], "입구1").ok
        proxy.cut()  # the pooled connection dies (a switch reboots, the server restarts)
        proxy.restore()
        verdict = desk.scan(codes[1], "입구1")
        assert verdict.ok
        assert desk.scan(codes[1], "입구1").status is ScanStatus.ALREADY_CHECKED_IN
    finally:
        db.dispose()


def test_answer_lost_after_commit_is_one_check_in(
    pg_url: str, codes: list[str], proxy: CuttableProxy, tmp_path: Path
) -> None:
    """The server commits, the cable goes before its answer arrives: the station admits locally
    under the same check-in id, and the sync finds the server already has it (no duplicate, no
    conflict, the guest is inside once)."""
    link = StationLink(via(pg_url, proxy), tmp_path / "replica.db", "입구1", retry_s=0, refresh_s=3600)
    server = Database.open(pg_url)
    try:
        assert link.state is LinkState.ONLINE
        assert link.scan(codes[0]).ok
        proxy.set_rtt(400)  # the answer spends 200 ms in the cable: time to pull it
        wanted = "0d00a1b2-0000-4000-8000-00000000001f"
        verdicts: list[CheckInVerdict] = []
        worker = threading.Thread(target=lambda: verdicts.append(link.scan(codes[1], check_in_id=wanted)))
        worker.start()
        deadline = time.monotonic() + 20
        while not _on_server(server, wanted):
            assert time.monotonic() < deadline, "the check-in never reached the server"
            time.sleep(0.002)
        proxy.cut()
        worker.join(timeout=30)
        [verdict] = verdicts
        assert verdict.ok and verdict.check_in_id == wanted
        assert link.state is LinkState.OFFLINE and link.status().pending == 1  # decided locally
        proxy.set_rtt(0)
        proxy.restore()
        link.poll()
        assert link.state is LinkState.ONLINE and link.status().pending == 0
        assert link.conflicts() == []
        with server.session() as s:
            rows = s.scalars(select(CheckIn).where(CheckIn.participant_id == _pid(pg_url, codes[1]))).all()
        assert [(r.id, r.undone_at) for r in rows] == [(wanted, None)]
    finally:
        link.close()
        server.dispose()


def _on_server(db: Database, check_in_id: str) -> bool:
    with db.session() as s:
        return s.get(CheckIn, check_in_id) is not None


def test_migration_installs_and_removes_the_door_functions(pg_db: Database, tmp_path: Path) -> None:
    def installed() -> set[str]:
        with pg_db.engine.connect() as conn:
            return set(conn.scalars(text("SELECT proname FROM pg_proc WHERE proname LIKE 'kiosk\\_%'")))

    names = {"kiosk_door_check_in", "kiosk_audit_append", "kiosk_iso_utc", "kiosk_json_text"}
    assert installed() >= names
    migrate.downgrade(pg_db, "0007_protocol")
    assert installed() & names == set()
    migrate.upgrade(pg_db)
    assert installed() >= names
    local = Database.open(tmp_path / "local.db")  # SQLite: nothing to install, the revision moves on
    try:
        migrate.upgrade(local)
        assert migrate.current_revision(local) == migrate.head_revision()
        migrate.downgrade(local, "0007_protocol")
        assert migrate.current_revision(local) == "0007_protocol"
    finally:
        local.dispose()


def test_server_json_and_times_match_pythons_text(pg_db: Database) -> None:
    """The hash chain hashes text: every character PostgreSQL escapes differently from
    json.dumps(ensure_ascii=False) would break `kiosk audit verify` for that entry."""
    samples = ["".join(map(chr, range(1, 128))), '입구"1\\', "😀\u2028\u2029\ufeff\u00ad", "ㅁ\x7f\x1f/", ""]
    times = [datetime(2017, 11, 22, 5, 0, 0, tzinfo=UTC), datetime(2017, 11, 22, 5, 0, 0, 120, tzinfo=UTC)]
    with pg_db.engine.connect() as conn:
        for sample in samples:
            got = conn.execute(text("SELECT kiosk_json_text(:s)"), {"s": sample}).scalar_one()
            assert got == json.dumps(sample, ensure_ascii=False), sample
        assert conn.execute(text("SELECT kiosk_json_text(NULL)")).scalar_one() == "null"
        for at in times:
            assert conn.execute(text("SELECT kiosk_iso_utc(:t)"), {"t": at}).scalar_one() == at.isoformat()

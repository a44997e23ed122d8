"""Four stations registering walk-ins at once on a healthy network: the room fills exactly.

Before: a walk-in inserted its participant (a FOR KEY SHARE lock on the event row) and then asked
for the seat lock (FOR UPDATE on that row); two desks doing so at once deadlocked, the deadlock
was taken for a lost server, and the station admitted from its stale local copy (67-81 people in
a room of 40).
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

from sqlalchemy import update

from kiosk.domain.headcount import present_count
from kiosk.domain.models import Event
from kiosk.domain.walkin import WalkInRequest, register_walk_in
from kiosk.storage.engine import Database
from kiosk.sync.station import LinkState, StationLink
from tests.pg.stations import make_event

STATIONS = 4
PER_STATION = 15
CAPACITY = 40


def test_four_stations_walk_ins_fill_the_room_exactly_and_stay_online(pg_db: Database, tmp_path: Path) -> None:
    make_event(pg_db, people=0, capacity=CAPACITY)
    # Doors that never go apart here: no seat shares (shares are tests/pg/test_pg_seat_*.py).
    links = [StationLink(pg_db.url, tmp_path / f"replica-{i}.db", f"입구{i + 1}", retry_s=60, take_seats=False)
             for i in range(STATIONS)]  # fmt: skip
    statuses: Counter[str] = Counter()
    offline: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(STATIONS)

    def desk(i: int) -> None:
        link = links[i]
        try:
            start.wait()
            for n in range(PER_STATION):
                request = WalkInRequest(f"현장{i}-{n}", "개인", phone=f"010-{i:04d}-{n:04d}")
                result = link.call(lambda d, r=request: register_walk_in(d, r, link.station))
                statuses[result.verdict.status.value] += 1
                if link.state is not LinkState.ONLINE:
                    offline.append(f"{link.station}: {link.status().last_error}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(STATIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert not errors, errors
        assert offline == []  # no station ever left the server
        assert all(link.status().pending == 0 for link in links)
        assert statuses == {"ok": CAPACITY, "capacity_full": STATIONS * PER_STATION - CAPACITY}
        with pg_db.session() as s:
            event = s.query(Event).one()
            assert present_count(s, event.id) == CAPACITY
    finally:
        for link in links:
            link.close()


def test_one_seat_walk_in_against_scans_never_deadlocks(pg_db: Database, tmp_path: Path) -> None:
    """Walk-ins and QR scans racing for the last seats: every call gets a verdict, none over."""
    codes = make_event(pg_db, people=30, capacity=100)
    with pg_db.write() as s:
        s.execute(update(Event).values(capacity=20))
    links = [StationLink(pg_db.url, tmp_path / f"r-{i}.db", f"입구{i + 1}", retry_s=60, take_seats=False) for i in range(2)]
    errors: list[BaseException] = []

    def scanner() -> None:
        try:
            for code in codes:
                links[0].scan(code)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    def walker() -> None:
        try:
            for n in range(20):
                links[1].call(lambda d, n=n: register_walk_in(d, WalkInRequest(f"현장{n}", "개인"), "입구2"))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=scanner), threading.Thread(target=walker)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert not errors, errors
        assert all(link.state is LinkState.ONLINE for link in links)
        with pg_db.session() as s:
            assert present_count(s, s.query(Event).one().id) == 20
    finally:
        for link in links:
            link.close()


def test_cli_walk_ins_on_four_stations_each_get_a_verdict(pg_db: Database, tmp_path: Path) -> None:
    """`kiosk walkin` from four stations at once: every run ends with a verdict (no deadlock error)."""
    import json
    import os
    import subprocess
    import sys

    from tests.pg.stations import REPO

    make_event(pg_db, people=0, capacity=9)
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_DATA_HOME": str(tmp_path / "data"),
           "KIOSK_LOG_DIR": str(tmp_path / "logs"), "KIOSK_BACKUP_DIR": str(tmp_path / "backups")}  # fmt: skip
    outcomes: list[tuple[int, str, str]] = []

    def station(i: int) -> None:
        for n in range(3):
            run = subprocess.run(
                [sys.executable, "-m", "kiosk", "--db", pg_db.url, "--station", f"입구{i + 1}", "walkin",
                 "--name", f"현장{i}-{n}", "--organization", "개인", "--json"],
                env=env, capture_output=True, text=True, timeout=120, cwd=REPO,
            )  # fmt: skip
            outcomes.append((run.returncode, run.stdout, run.stderr))

    threads = [threading.Thread(target=station, args=(i,)) for i in range(STATIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert len(outcomes) == 12
    assert all(code in (0, 1) for code, _, _ in outcomes), [e for c, _, e in outcomes if c not in (0, 1)]
    statuses = Counter(json.loads(out)["status"] for _, out, _ in outcomes)
    assert statuses == {"ok": 9, "capacity_full": 3}
    with pg_db.session() as s:
        assert present_count(s, s.query(Event).one().id) == 9

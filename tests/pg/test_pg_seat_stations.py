"""Four station processes, 150 seats, two of them cut off through their proxies mid-burst.

Before: the two stations apart admitted every guest who came to them from their stale copies
(measured: 212 for 150 seats); sync computed the overshoot and dropped it. Now each holds a
share of the remaining seats; present never goes above capacity without a recorded override,
and any overshoot is what the overrides added, audited and shown to the supervisor.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain.headcount import present_count
from kiosk.domain.models import AuditEntry, Event, SeatLease
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import go, make_event, results, start_stations

CAPACITY = 150
PER_STATION = 60  # distinct guests at each door: 240 people for 150 seats
APART = (1, 2)  # 입구2 and 입구3 lose their cable


def _wait_until(check, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)  # watching the server from outside: a bounded poll


def _audit(db: Database, action: str) -> list[dict]:
    with db.session() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        return [{"outcome": r.outcome, "station": r.station, **json.loads(r.detail or "{}")} for r in rows]


@pytest.mark.parametrize("overrides", [0, 5])
def test_two_of_four_stations_apart_never_overfill_150_seats(
    pg_cluster: PgCluster, tmp_path: Path, overrides: int
) -> None:
    url = pg_cluster.create_database("seats")
    db = Database.open(url)
    migrate.upgrade(db)
    codes = make_event(db, PER_STATION * 4, capacity=CAPACITY)
    files = []
    for i in range(4):
        f = tmp_path / f"codes-{i + 1}.txt"
        f.write_text("\n".join(codes[i * PER_STATION : (i + 1) * PER_STATION]))
        files.append(f)
    proxies = [CuttableProxy(pg_cluster.port) for _ in range(4)]
    urls = [via(url, p) for p in proxies]
    extra = [["--overrides", str(overrides if i in APART else 0)] for i in range(4)]
    procs = start_stations(urls, files, tmp_path, 4, extra=extra)

    def present() -> int:
        with db.session() as s:
            return present_count(s, s.scalars(select(Event.id)).one())

    try:
        go(procs)
        _wait_until(lambda: present() >= 20)  # the door is busy: now pull two cables
        for i in APART:
            proxies[i].cut()
        for i in range(4):  # every door scans its whole queue; the two apart on their own
            stderr = procs[i].stderr
            assert stderr is not None
            while (line := stderr.readline()) and line.strip() != "scanned":
                pass
            assert line, "station died"
        for i in APART:
            proxies[i].restore()
        runs = results(procs)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
        for proxy in proxies:
            proxy.close()

    final = present()
    with db.session() as s:  # the stations apart gave their shares back on return (and took new ones)
        released = [e["station"] for e in _audit(db, "seat_lease") if e["outcome"] == "released"]
        assert {runs[i]["station"] for i in APART} <= set(released)
        # every station closed while online at the end: each gave its share back (none held on)
        assert s.scalars(select(SeatLease)).all() == []
    forced = [e for e in _audit(db, "checkin") if e["outcome"] == "ok" and e.get("override")]
    overshoot = _audit(db, "sync_overshoot")
    admitted = {r["station"]: r["statuses"].get("ok", 0) for r in runs}
    figure = {
        "capacity": CAPACITY, "present": final, "admitted_per_station": admitted,
        "admitted_apart": {runs[i]["station"]: runs[i]["offline_ok"] for i in APART},
        "overrides": len(forced), "overshoot_audited": sum(o["added"] for o in overshoot),
    }  # fmt: skip
    print("two of four apart, 150 seats:", figure)
    db.dispose()
    assert all(r["final_state"] == "online" and r["pending"] == 0 for r in runs), runs
    assert all(runs[i]["went_offline"] and runs[i]["offline_ok"] > 0 for i in APART)
    assert len(forced) == overrides * len(APART)
    # Never above capacity without a recorded override.
    assert final <= CAPACITY + len(forced)
    # Whatever went over is exactly what the overrides added, audited and kept for the supervisor.
    assert sum(o["added"] for o in overshoot) == max(0, final - CAPACITY)
    if overrides:
        # Overrides push the room over only as far as the online doors filled the seats nobody
        # held (they may leave some free: see README); every seat over is audited and listed.
        assert final - CAPACITY <= len(forced)
        found = [f for r in runs for f in r["findings"] if f["kind"] == "overshoot"]
        assert sum(f["added"] for f in found) == max(0, final - CAPACITY)
    else:
        assert overshoot == [] and not any(r["findings"] for r in runs)

"""A station whose clock is an hour wrong must not decide who came first.

The station runs as its own process under libfaketime (`faketime -f '±1h'`): its clock is really
wrong, as a laptop's is when set by hand. It meets the server once (measuring its offset), loses
the cable, checks the same 60 people in as a station that stayed online, and comes back.
The measured failure (issue 17): the hour-behind station won all 60 conflicts, the headcount
fell from 120 to 60 and the arrival times moved an hour early.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.headcount import headcount
from kiosk.domain.models import AuditEntry, CheckIn, Event
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import REPO, make_event

STATION = Path(__file__).with_name("clock_station.py")
PEOPLE = 60

pytestmark = pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime (libfaketime) is not installed")


class SkewedStation:
    """A station process whose clock is `skew` off (a faketime offset such as '-1h')."""

    def __init__(self, url: str, replica: Path, name: str, skew: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO), "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
        self.proc = subprocess.Popen(
            ["faketime", "-f", skew, sys.executable, str(STATION), "--url", url, "--replica", str(replica),
             "--station", name],  # fmt: skip
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        self.ready = self._read()

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(self.proc.stderr.read() if self.proc.stderr else "station died")
        return json.loads(line)

    def ask(self, **cmd: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.proc.stdin.flush()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def server(pg_url: str) -> Iterator[tuple[Database, list[str]]]:
    db = Database.open(pg_url)
    migrate.upgrade(db)
    codes = make_event(db, PEOPLE, capacity=500)
    yield db, codes
    db.dispose()


@pytest.fixture
def proxy(pg_cluster: PgCluster) -> Iterator[CuttableProxy]:
    p = CuttableProxy(pg_cluster.port)
    yield p
    p.close()



@pytest.mark.parametrize(
    ("skew", "skewed_first", "restart_apart"),
    [("-1h", False, False), ("+1h", True, False), ("-1h", False, True)],
    ids=["hour-behind-station-came-second", "hour-ahead-station-came-first", "hour-behind-restarted-while-apart"],
)
def test_skewed_station_does_not_decide_who_came_first(
    server: tuple[Database, list[str]],
    proxy: CuttableProxy,
    tmp_path: Path,
    skew: str,
    skewed_first: bool,
    restart_apart: bool,
) -> None:
    db, codes = server
    with db.session() as s:
        event_id = s.scalars(select(Event.id)).one()
    online = CheckInDesk(db, event_id)  # a station that stays on the server all along
    skewed = SkewedStation(via(db.url, proxy), tmp_path / "replica-skewed.db", "입구1", skew)
    try:
        assert skewed.ready == {"ready": "online"}
        believed = datetime.fromisoformat(skewed.ask(op="now")["now"])
        assert abs(believed - datetime.now(UTC)) > timedelta(minutes=55)  # the clock really is wrong
        proxy.cut()
        if restart_apart:  # the laptop is restarted while the server is away: the offset was kept
            skewed.close()
            skewed = SkewedStation(via(db.url, proxy), tmp_path / "replica-skewed.db", "입구1", skew)
            assert skewed.ready == {"ready": "offline"}

        def skewed_burst() -> list[dict[str, Any]]:
            # The genuinely first side brings one companion each: 60 guests + 60 companions = 120.
            out = [skewed.ask(op="scan", code=c, companions=1 if skewed_first else 0) for c in codes]
            assert all(v["status"] == "ok" and v["state"] == "offline" for v in out)
            return out

        def online_burst() -> list[str]:
            out = [online.scan(c, "입구2", companions=0 if skewed_first else 1) for c in codes]
            assert all(v.ok for v in out)
            return [v.check_in_id or "" for v in out]

        if skewed_first:
            first_ids = [v["check_in_id"] for v in skewed_burst()]
            online_burst()
        else:
            first_ids = online_burst()
            skewed_burst()
        proxy.restore()
        state = skewed.ask(op="poll")
        assert state["state"] == "online" and state["pending"] == 0
    finally:
        skewed.close()

    conflicts = state["conflicts"]
    assert len(conflicts) == PEOPLE
    assert sorted(c["kept"]["id"] for c in conflicts) == sorted(first_ids)  # the genuinely first won
    now = datetime.now(UTC)
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        assert headcount(s, event).present == 2 * PEOPLE
        active = s.scalars(select(CheckIn).where(CheckIn.undone_at.is_(None))).all()
        assert sorted(r.id for r in active) == sorted(first_ids)
        for row in s.scalars(select(CheckIn)):
            # Arrival times stay true: every stamp is within the test's minutes, not an hour off.
            assert abs(row.checked_in_at - now) < timedelta(minutes=5), (row.station, row.checked_in_at)
        # The raw laptop time is not hidden: the skewed station's audit entries (copied up by the
        # sync) keep it beside the offset it was corrected by.
        details = [
            json.loads(e.detail)
            for e in s.scalars(select(AuditEntry).where(
                AuditEntry.station == "입구1", AuditEntry.action == "checkin", AuditEntry.outcome == "ok"
            ))
        ]  # fmt: skip
        assert len(details) == PEOPLE
        sign = -1 if skew.startswith("-") else 1
        error = max(abs(d["clock_offset_s"] + sign * 3600) for d in details)
        print(f"\nclock offset measured for a {skew} station: off by at most {error * 1000:.1f} ms")
        assert error < 1.0  # half a round trip on the venue network, far below any arrival gap
        for d in details:
            assert abs(datetime.fromisoformat(d["local_at"]) - now - sign * timedelta(hours=1)) < timedelta(minutes=5)

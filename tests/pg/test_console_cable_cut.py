"""The console, offscreen, as a station of a real PostgreSQL 20 ms away: the cable is pulled
mid-burst and restored; every green verdict ends up on the server exactly once, in order.

Scans are typed into the real scan field back to back (each Enter returns at once; the verdicts
come back from the worker in the order of the scans). An event-loop lag probe runs throughout;
its figures are printed (the benchmark tests/benchmarks/test_console_lag_bench.py reports them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.checkin import ScanStatus
from kiosk.domain.models import CheckIn
from tests.pg.cluster import PgCluster
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.console_station import LagProbe, open_station_console, percentile, type_scan, wait_for_verdicts
from tests.pg.proxy import CuttableProxy, via
from tests.unit.test_station_sync import _codes, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.postgres


@pytest.fixture
def venue_link(pg_cluster: PgCluster) -> Iterator[CuttableProxy]:  # noqa: F811
    p = CuttableProxy(pg_cluster.port, rtt_ms=20)  # a busy venue Wi-Fi
    yield p
    p.close()


def _screenshot(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import shutil

    qtbot.wait(150)  # a few verdicts in, the rest still queued
    path = tmp_path / "console-station-apart.png"
    assert window.grab().save(str(path), "PNG")
    keep = os.environ.get("KIOSK_SCREENSHOTS")
    if keep:
        shutil.copy(path, Path(keep) / path.name)


def test_cable_pulled_mid_burst_every_green_verdict_reaches_the_server_once(  # type: ignore[no-untyped-def]
    qtbot, server, venue_link: CuttableProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    import sys

    db, event_id = server
    faults: list[BaseException] = []  # what would have reached the fault dialog
    monkeypatch.setattr(sys, "excepthook", lambda _kind, exc, _tb: faults.append(exc))
    console = open_station_console(qtbot, via(db.url, venue_link), tmp_path)
    window = console.window
    codes = _codes(db, event_id)[:24]
    probe = LagProbe()
    probe.start()
    try:
        for code in codes[:10]:  # a burst: typed while the first verdicts are still on their way
            type_scan(qtbot, console, code)
        wait_for_verdicts(qtbot, console, 3)
        venue_link.cut()  # mid-burst: some of these ten are in flight on the server
        for code in codes[10:20]:
            type_scan(qtbot, console, code)
        wait_for_verdicts(qtbot, console, 20)
        qtbot.waitUntil(lambda: window.service.apart, timeout=10000)
        assert window.connection_badge is not None
        for code in codes[20:]:  # apart for a while: they land in the station's journal
            type_scan(qtbot, console, code)
        _screenshot(qtbot, window, tmp_path)  # mid-burst, apart: verdicts still coming back
        wait_for_verdicts(qtbot, console, len(codes))
        apart_pending = window.service.status().pending
        venue_link.restore()
        # The window's own poll (on the worker, every second) finds the server and sends the journal.
        qtbot.waitUntil(lambda: not window.service.apart and window.service.status().pending == 0, timeout=30000)
        window.tasks.settle()
    finally:
        probe.stop()
    shown = console.shown
    window.refresh_soon()
    window.tasks.settle()
    # The screen agrees with the server: the counters and the recent arrivals show every guest.
    assert window.counters.checked_in.value.text() == f"{len(codes)} / 150"
    assert len(window.desk_page.recent.rows) == len(codes)
    assert faults == []  # the server died under refreshes and polls: no dialog, no error
    # In order: each verdict answers the scan typed at its place, and all were admitted.
    assert [v.code for v in shown] == codes
    green = [v for v in shown if v.status is ScanStatus.OK]
    assert len(green) == len(codes)
    assert apart_pending >= len(codes) - 20  # the scans made while apart were journaled
    with db.session() as s:
        for verdict in green:
            assert s.get(CheckIn, verdict.check_in_id) is not None, verdict.code
            assert verdict.participant is not None
            open_ones = s.scalar(select(func.count(CheckIn.id)).where(
                CheckIn.participant_id == verdict.participant.id, CheckIn.undone_at.is_(None)))  # fmt: skip
            assert open_ones == 1, verdict.participant.name
        assert s.scalar(select(func.count(CheckIn.id)).where(CheckIn.undone_at.is_(None))) == len(codes)
    stalls = probe.stalls()
    print(f"\nconsole lag through the cable pull at 20 ms RTT: {len(stalls)} ticks, "
          f"stall p99 {percentile(stalls, 0.99):.1f} ms, max {max(stalls):.1f} ms")  # fmt: skip
    assert len(stalls) > 100  # the probe ran all along
    console.close()

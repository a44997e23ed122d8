"""One check-in on the shared PostgreSQL, over loopback and through a venue-Wi-Fi link (20 ms RTT).

The link is `CuttableProxy(rtt_ms=20)`: every packet waits 10 ms each way. Before issue 17 a
check-in cost nine round trips (pool pre-ping, BEGIN, six statements, COMMIT), ~200 ms at 20 ms;
target <= 50 ms. Each figure comes with the round trips counted at the proxy (chunks the station
sent per check-in). Every verdict is durable (synchronous commit) before it returns. Printed and
stored in extra_info; nothing here asserts a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.domain.checkin import CheckInDesk, CheckInVerdict
from kiosk.domain.events import active_event
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.storage.postgres import station_database
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.conftest import pg_cluster  # noqa: F401 - fixture
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import make_event

pytestmark = pytest.mark.postgres

ROUNDS = 60
WARM = 10  # the pool's connection, psycopg's prepared statements


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


@pytest.fixture
def server(pg_cluster: PgCluster) -> Iterator[tuple[str, list[str], int]]:  # noqa: F811
    url = pg_cluster.create_database("latency")
    db = Database.open(url)
    migrate.upgrade(db)
    codes = make_event(db, 2 * (ROUNDS + WARM), capacity=500)
    db.dispose()
    yield url, codes, pg_cluster.port


def _through(url: str, proxy: CuttableProxy | None) -> str:
    if proxy is None:
        return url
    return via(url, proxy)


def _measure(
    benchmark,
    scan: Callable[[str], CheckInVerdict],
    codes: list[str],
    proxy: CuttableProxy | None,
    label: str,
) -> dict[str, float]:  # type: ignore[no-untyped-def]
    for code in codes[:WARM]:
        assert scan(code).ok
    todo = iter(codes[WARM : WARM + ROUNDS])
    timings: list[float] = []
    trips: list[int] = []

    def one_check_in() -> None:
        code = next(todo)
        sent = proxy.sent["up"] if proxy else 0
        t0 = time.perf_counter()
        verdict = scan(code)
        timings.append((time.perf_counter() - t0) * 1000)
        trips.append(proxy.sent["up"] - sent if proxy else 0)
        assert verdict.ok

    benchmark.pedantic(one_check_in, rounds=ROUNDS, iterations=1, warmup_rounds=0)
    figures = {
        "p50_ms": round(_percentile(timings, 0.5), 1),
        "p95_ms": round(_percentile(timings, 0.95), 1),
        "round_trips_p50": _percentile([float(t) for t in trips], 0.5) if proxy else None,
    }
    benchmark.extra_info.update(figures)
    print(f"\n{label}:", figures)
    return figures


@pytest.mark.parametrize("rtt_ms", [0, 20], ids=["loopback", "rtt20"])
def test_desk_check_in_latency(benchmark, server, rtt_ms: int) -> None:  # type: ignore[no-untyped-def]
    """CheckInDesk.scan on the engine a station uses (what the CLI and the door service call)."""
    url, codes, port = server
    proxy = CuttableProxy(port, rtt_ms=rtt_ms) if rtt_ms else None
    db = station_database(_through(url, proxy))
    try:
        with db.session() as s:
            found = active_event(s)
            assert found is not None
        desk = CheckInDesk(db, found.id)
        _measure(
            benchmark, lambda code: desk.scan(code, "입구1"), codes, proxy, f"check-in, desk, rtt {rtt_ms} ms"
        )
    finally:
        db.dispose()
        if proxy:
            proxy.close()


@pytest.mark.parametrize("rtt_ms", [0, 20], ids=["loopback", "rtt20"])
def test_station_link_check_in_latency(benchmark, server, rtt_ms: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The console's path (StationLink.scan: server first, local copy if it is away)."""
    url, codes, port = server
    proxy = CuttableProxy(port) if rtt_ms else None
    link = StationLink(_through(url, proxy), tmp_path / "replica.db", "입구1", retry_s=60, refresh_s=3600)
    try:
        if proxy:
            proxy.set_rtt(rtt_ms)  # after the first sync, which copies the roster
        assert link.state is LinkState.ONLINE

        def scan(code: str) -> CheckInVerdict:
            verdict = link.scan(code)
            assert link.state is LinkState.ONLINE
            return verdict

        _measure(benchmark, scan, codes[ROUNDS + WARM :], proxy, f"check-in, StationLink, rtt {rtt_ms} ms")
    finally:
        link.close()
        if proxy:
            proxy.close()

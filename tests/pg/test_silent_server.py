"""A server that stops answering while the connection stays up (a frozen server, a hung
middlebox, a captive portal): the station must go apart and keep deciding, not wait for ever.

Found by an independent tester on real X11: with such a link the console's door stopped (no
verdict for 105 s, the badge still green "온라인", closing the window froze it). The kernel
cannot see this failure (every byte is acknowledged); before the stall guard the scan below
never returned.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from pathlib import Path

from sqlalchemy import func, select

from kiosk.domain.models import CheckIn
from kiosk.storage import stall
from kiosk.storage.engine import Database
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via
from tests.pg.stations import make_event


def _back_online_with_both_check_ins(link: StationLink, db: Database) -> None:
    """The server answers again: the link reconnects, syncs its journal, and the server holds both
    check-ins (the one made online, the one decided apart) exactly once."""
    for _ in range(100):
        status = link.poll()
        if status.state is LinkState.ONLINE and status.pending == 0:
            break
        threading.Event().wait(0.2)  # waiting for the link to reconnect: bounded
    assert status.state is LinkState.ONLINE and status.pending == 0
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(CheckIn).where(CheckIn.undone_at.is_(None))) == 2


def test_silent_server_sends_the_station_apart_and_the_scan_lands_once(
    pg_db: Database, pg_url: str, pg_cluster: PgCluster, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(stall, "STALL_S", 2.0)  # the guard's wait, shortened for the test
    codes = make_event(pg_db, people=10, capacity=50)
    proxy = CuttableProxy(pg_cluster.port)
    link = StationLink(via(pg_url, proxy), tmp_path / "r.db", "입구1", retry_s=0.2)
    try:
        assert link.scan(codes[0]).ok and link.state is LinkState.ONLINE
        proxy.hold()
        answers: list[object] = []
        door = threading.Thread(target=lambda: answers.append(link.scan(codes[1])), daemon=True)
        door.start()
        door.join(60)  # liveness, not speed: without the guard this never returns
        assert answers, "the scan is still waiting on a server that does not answer"
        verdict = answers[0]
        assert verdict.ok and link.state is LinkState.OFFLINE  # decided from the station's copy
        proxy.release()
        _back_online_with_both_check_ins(link, pg_db)
    finally:
        proxy.release()
        link.close()
        proxy.close()


def _frozen(cluster: PgCluster) -> list[int]:
    """The server's processes (postmaster and its children), to freeze with SIGSTOP."""
    postmaster = int((cluster.datadir / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    return [postmaster, *map(int, children)]


def test_frozen_server_during_a_pooled_connections_health_check_sends_the_station_apart(
    pg_db: Database, pg_url: str, pg_cluster: PgCluster, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The real thing, no proxy: the server's processes stopped (SIGSTOP), the kernel still
    accepting and acknowledging. The station's poll checks a pooled connection with a ping
    before using it, which no statement hook saw: a second independent tester's console kept
    its one worker -- and every scan behind it -- in that ping for minutes, badge green."""
    monkeypatch.setattr(stall, "STALL_S", 2.0)
    codes = make_event(pg_db, people=10, capacity=50)
    # refresh_s=0: every poll reads the server (a console's does every few seconds)
    link = StationLink(pg_url, tmp_path / "r.db", "입구1", retry_s=0.2, refresh_s=0)
    frozen: list[int] = []
    try:
        assert link.scan(codes[0]).ok and link.poll().state is LinkState.ONLINE
        frozen = _frozen(pg_cluster)
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        polled: list[object] = []
        poll = threading.Thread(target=lambda: polled.append(link.poll()), daemon=True)
        poll.start()
        poll.join(60)  # liveness, not speed: before, this waited as long as the server stayed frozen
        assert polled, "the station's poll is still waiting on a server that does not answer"
        assert link.state is LinkState.OFFLINE
        assert link.scan(codes[1]).ok  # decided from the station's copy
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        frozen = []
        _back_online_with_both_check_ins(link, pg_db)
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        link.close()

"""A cable cut mid-burst: undo, companions, check-out and a walk-in done while apart reach the server.

Issue 17: "an undo, a companions change or a check-out made while the server is away goes to the
local copy and is overwritten at the next refresh, silently." Here the station does all of them
through the door service while the cable is pulled; after it is back the server has exactly those
changes (and nothing else), a change the server made meanwhile to the same row is kept and
reported, and syncing again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.demo import load_demo
from kiosk.domain.models import AuditEntry, CheckIn, Event, Participant, Setting
from kiosk.domain.walkin import WalkInRequest
from kiosk.service.backend import StationBackend
from kiosk.service.service import DoorService
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.sync.edits import LOCAL_MARK_KEY, stored_edit_conflicts
from kiosk.sync.station import LinkState, StationLink
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via


@pytest.fixture
def server(pg_url: str) -> Iterator[tuple[Database, int]]:
    db = Database.open(pg_url)
    migrate.upgrade(db)
    with db.write() as s:
        event_id = load_demo(s).id
    yield db, event_id
    db.dispose()


@pytest.fixture
def proxy(pg_cluster: PgCluster) -> Iterator[CuttableProxy]:
    p = CuttableProxy(pg_cluster.port, rtt_ms=20)
    yield p
    p.close()



def _codes(db: Database, event_id: int, n: int) -> list[str]:
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        ids = s.scalars(select(Participant.id).where(Participant.event_id == event_id).order_by(Participant.id))
        return [token.issue(event.token_tag, event.signing_secret, pid) for pid in list(ids)[:n]]


def _rows(db: Database) -> dict[str, dict[str, Any]]:
    """Every check-in on the server, as the fields an edit may change."""
    with db.session() as s:
        return {
            r.id: {"undone": r.undone_at is not None, "reason": r.undo_reason, "companions": r.companions,
                   "out": r.checked_out_at is not None, "out_station": r.checked_out_station}
            for r in s.scalars(select(CheckIn))
        }  # fmt: skip


@pytest.fixture
def door(server, proxy: CuttableProxy, tmp_path: Path) -> Iterator[DoorService]:  # type: ignore[no-untyped-def]
    db, event_id = server
    link = StationLink(via(db.url, proxy), tmp_path / "replica-1.db", "입구1", retry_s=0, refresh_s=0)
    service = DoorService(StationBackend(link), event_id, "입구1")
    yield service
    service.close()


def test_edits_made_apart_reach_the_server(server, door: DoorService, proxy: CuttableProxy) -> None:  # type: ignore[no-untyped-def]
    db, event_id = server
    codes = _codes(db, event_id, 8)
    burst = [door.scan(c, "김담당", companions=1 if i == 4 else 0) for i, c in enumerate(codes[:5])]
    assert all(v.ok for v in burst) and not door.apart
    ids = [v.check_in_id or "" for v in burst]
    door.poll()  # the console's tick: the local copy follows the server
    before = _rows(db)

    proxy.cut()  # mid-burst: the next scan finds the cable pulled
    late = door.scan(codes[5], "김담당")
    assert late.ok and door.apart
    assert door.undo(ids[0], "다른 사람으로 잘못 스캔", "김감독")
    assert door.set_companions(ids[1], 2, "김담당")
    assert door.check_out(codes[2], "김담당").ok
    assert door.set_companions(ids[4], 3, "김담당")  # ...while the server makes it 2 meanwhile
    walk_in = door.walk_in(WalkInRequest("최현장", "부산일보", companions=1), "김담당")
    assert walk_in.verdict.ok
    assert door.set_companions(late.check_in_id or "", 1, "김담당")  # a row made apart, edited apart
    assert CheckInDesk(db, event_id).set_companions(ids[4], 2, "입구2", "박감독")
    assert door.status().pending == 6  # six check-ins the server has not seen as they are now
    assert _rows(db)[ids[0]] == before[ids[0]]  # nothing reached the server yet

    proxy.restore()
    status = door.poll()
    assert not status.apart and status.pending == 0
    after = _rows(db)

    expected = dict(before)
    expected[ids[0]] = {**before[ids[0]], "undone": True, "reason": "다른 사람으로 잘못 스캔"}
    expected[ids[1]] = {**before[ids[1]], "companions": 2}
    expected[ids[2]] = {**before[ids[2]], "out": True, "out_station": "입구1"}
    expected[ids[4]] = {**before[ids[4]], "companions": 2}  # the server's change stands...
    expected[late.check_in_id] = {"undone": False, "reason": None, "companions": 1, "out": False, "out_station": None}
    expected[walk_in.verdict.check_in_id] = {
        "undone": False, "reason": None, "companions": 1, "out": False, "out_station": None,
    }  # fmt: skip
    assert after == expected  # exactly those changes, nothing else

    link = door.backend.link  # type: ignore[attr-defined]
    with link.local.session() as s:
        conflicts = stored_edit_conflicts(s)
    assert [(c.kind, c.check_in_id) for c in conflicts] == [("companions", ids[4])]  # ...and is reported
    assert "1→3" in conflicts[0].mine and "2" in conflicts[0].theirs
    assert door.status().conflicts == 1
    with db.session() as s:
        outcomes = sorted(s.scalars(select(AuditEntry.outcome).where(AuditEntry.action == "sync_edit")))
    assert outcomes == ["applied", "applied", "applied", "conflict"]

    # The replica now shows the server's truth, and its own edits survived the refresh.
    assert link.state is LinkState.ONLINE
    with link.local.session() as s:
        assert s.get(CheckIn, ids[0]).undone_at is not None  # type: ignore[union-attr]
        assert s.get(CheckIn, ids[1]).companions == 2  # type: ignore[union-attr]

    # A crash after the server took the edits but before this laptop noted it: sent again, applied once.
    with link.local.write() as s:
        s.execute(delete(Setting).where(Setting.key == LOCAL_MARK_KEY))
    assert door.status().pending > 0
    report = link.sync()
    assert report.edits is not None and report.edits.applied == 0 and not report.edits.conflicts
    assert _rows(db) == expected and door.status().pending == 0


def test_server_changes_meanwhile_are_kept_and_reported(server, door: DoorService, proxy: CuttableProxy) -> None:  # type: ignore[no-untyped-def]
    """Apart: a check-out of a row the server undid, an undo of a row the server undid too, an undo
    of a row the server checked out. The server's undo stands (the check-out is reported); two undos
    agree; an undo still applies to a row that was checked out (the entry was a mistake)."""
    db, event_id = server
    codes = _codes(db, event_id, 3)
    ids = [door.scan(c, "김담당").check_in_id or "" for c in codes]
    door.poll()
    proxy.cut()
    assert door.check_out(codes[0], "김담당").ok
    assert door.undo(ids[1], "중복", "김감독")
    assert door.undo(ids[2], "잘못 스캔", "김감독")
    other = CheckInDesk(db, event_id)
    assert other.undo(ids[0], "다른 사람", "입구2") and other.undo(ids[1], "중복", "입구2")
    assert other.check_out(codes[2], "입구2").ok
    proxy.restore()
    assert door.poll().pending == 0
    rows = _rows(db)
    assert rows[ids[0]]["undone"] and not rows[ids[0]]["out"]  # the server's undo stands
    assert rows[ids[1]]["undone"] and rows[ids[1]]["reason"] == "중복"
    assert rows[ids[2]]["undone"] and rows[ids[2]]["reason"] == "잘못 스캔" and rows[ids[2]]["out_station"] == "입구2"
    link = door.backend.link  # type: ignore[attr-defined]
    with link.local.session() as s:
        conflicts = stored_edit_conflicts(s)
    assert [(c.kind, c.check_in_id) for c in conflicts] == [("checkout", ids[0])]
    assert "다른 사람" in conflicts[0].theirs
    with db.session() as s:
        outcomes = sorted(s.scalars(select(AuditEntry.outcome).where(AuditEntry.action == "sync_edit")))
    assert outcomes == ["already", "applied", "conflict"]

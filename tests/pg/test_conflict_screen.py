"""The conflict screen's use cases on a real station: both sides listed, the supervisor keeps one.

Two people are checked in on a station apart from the server and again on a station online,
with different companion counts. After the sync each conflict is listed with both stations,
both times and both companion counts; keeping the other side swaps which one is undone, the kept
check-in carries the larger companion count, and it is audited. While apart it is refused.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.conflicts import RESOLVED_REASON
from kiosk.domain.headcount import headcount
from kiosk.domain.models import AuditEntry, CheckIn, Event
from kiosk.service.service import DoorService
from kiosk.service.usecase import NotWhileApart
from kiosk.storage.engine import Database
from tests.pg.proxy import CuttableProxy
from tests.pg.test_offline_edits import _codes, door, proxy, server  # noqa: F401 - fixtures


def make_conflicts(db: Database, event_id: int, station: DoorService, cable: CuttableProxy) -> dict[str, str]:
    """Two conflicts: this station (apart, first) against 입구2 (online, later). Returns the ids."""
    a, b = _codes(db, event_id, 2)
    cable.cut()
    ids = {"a_here": station.scan(a, "김담당").check_in_id or ""}
    ids["b_here"] = station.scan(b, "김담당", companions=1).check_in_id or ""
    assert station.apart
    other = CheckInDesk(db, event_id)
    ids["a_there"] = other.scan(a, "입구2", companions=2).check_in_id or ""
    ids["b_there"] = other.scan(b, "입구2").check_in_id or ""
    cable.restore()
    assert not station.poll().apart
    return ids


def _present(db: Database, event_id: int) -> int:
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        return headcount(s, event).present


def test_conflicts_list_both_sides_and_the_supervisor_keeps_the_right_one(server, door, proxy) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, event_id = server
    ids = make_conflicts(db, event_id, door, proxy)
    views = {v.kept.check_in_id: v for v in door.conflicts()}
    assert set(views) == {ids["a_here"], ids["b_here"]}  # first (by corrected time) was kept
    a = views[ids["a_here"]]
    assert (a.kept.station, a.kept.companions, a.kept.state) == ("입구1", 0, "inside")
    assert (a.dropped.station, a.dropped.companions, a.dropped.state) == ("입구2", 2, "undone")
    assert a.kept.checked_in_at < a.dropped.checked_in_at and a.name
    assert _present(db, event_id) == 1 + 2  # a without the companions 입구2 counted, b with its one

    # 입구2 had it right for a: keep that side.
    result = door.resolve_conflict(ids["a_there"], ids["a_here"], "박감독")
    assert result.kept.check_in_id == ids["a_there"] and result.companions_after == 2
    # b: the sync was right; confirming keeps it with its own (larger) companion count.
    door.resolve_conflict(ids["b_here"], ids["b_there"], "박감독")
    with db.session() as s:
        rows = {r.id: r for r in s.scalars(select(CheckIn))}
        audits = s.scalars(select(AuditEntry).where(AuditEntry.action == "conflict")).all()
    assert rows[ids["a_there"]].undone_at is None and rows[ids["a_there"]].companions == 2
    assert rows[ids["a_here"]].undone_at is not None and rows[ids["a_here"]].undo_reason == RESOLVED_REASON
    assert rows[ids["a_here"]].undone_by == "박감독"
    assert rows[ids["b_here"]].undone_at is None and rows[ids["b_here"]].companions == 1
    assert _present(db, event_id) == 3 + 2  # a with its two companions, b with its one
    assert sorted((e.outcome, e.operator, e.check_in_id) for e in audits) == sorted(
        [("resolved", "박감독", ids["a_there"]), ("resolved", "박감독", ids["b_here"])]
    )
    assert door.conflicts() == [] and door.status().conflicts == 0


def test_resolving_is_refused_while_apart(server, door, proxy) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, event_id = server
    ids = make_conflicts(db, event_id, door, proxy)
    proxy.cut()
    assert door.poll().apart
    assert len(door.conflicts()) == 2  # still listed from this station's copy
    with pytest.raises(NotWhileApart, match="서버"):
        door.resolve_conflict(ids["a_there"], ids["a_here"], "박감독")
    with db.session() as s:
        assert s.get(CheckIn, ids["a_there"]).undone_at is not None  # type: ignore[union-attr]
        assert s.get(CheckIn, ids["a_here"]).undone_at is None  # type: ignore[union-attr]
        assert not s.scalars(select(AuditEntry).where(AuditEntry.action == "conflict")).all()
    assert len(door.conflicts()) == 2

"""Online, the server's clock decides: walk-ins, check-outs and undo on PostgreSQL carry its now().

The laptop's clock is set an hour wrong in-process (`local_now`, and the `utcnow` the old code
read); every stamp must still be the server's time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import CheckIn, Event
from kiosk.domain.walkin import WalkInRequest, register_walk_in
from kiosk.storage.engine import Database
from tests.pg.stations import make_event


def test_door_stamps_are_the_servers_time(pg_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    codes = make_event(pg_db, 3, capacity=10)
    with pg_db.session() as s:
        event = s.scalars(select(Event)).one()
    wrong = lambda: datetime.now(UTC) - timedelta(hours=1)  # noqa: E731 - a laptop an hour behind
    monkeypatch.setattr("kiosk.domain.clock.local_now", wrong)
    monkeypatch.setattr("kiosk.domain.checkin.utcnow", wrong, raising=False)
    desk = CheckInDesk(pg_db, event.id)
    walk_in = register_walk_in(desk, WalkInRequest("최현장", "부산일보"), "입구1")
    manual = desk.check_in_participant(1, "입구1")
    scanned = desk.scan(codes[1], "입구1")
    out = desk.check_out(codes[1], "입구1")
    assert desk.undo(manual.check_in_id or "", "잘못 입장 처리", "입구1")
    assert walk_in.verdict.ok and manual.ok and scanned.ok and out.ok
    with pg_db.session() as s:
        server_now = s.scalar(select(func.now()))
        rows = {r.id: r for r in s.scalars(select(CheckIn))}
    stamps = [
        rows[walk_in.verdict.check_in_id].checked_in_at,  # type: ignore[index]
        rows[manual.check_in_id].checked_in_at,  # type: ignore[index]
        rows[manual.check_in_id].undone_at,  # type: ignore[index]
        rows[scanned.check_in_id].checked_out_at,  # type: ignore[index]
    ]
    for at in stamps:
        assert at is not None and abs(at - server_now) < timedelta(minutes=1), at

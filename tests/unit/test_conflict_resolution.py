"""The rules of keeping one side of a sync conflict (kiosk.domain.conflicts), on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.clock import CLOCK_OFFSET_KEY, door_time
from kiosk.domain.conflicts import RESOLVED_REASON, ConflictChanged, describe, keep_check_in
from kiosk.domain.models import AuditEntry, CheckIn, CheckInMethod, Participant, Setting, utcnow
from kiosk.storage.engine import Database


def _pair(db: Database, event_id: int, *, first_companions: int, second_companions: int) -> tuple[str, str]:
    """One guest checked in on two stations; the sync kept the first and undid the second."""
    with db.write() as s:
        pid = s.scalars(select(Participant.id).where(Participant.event_id == event_id)).first()
        now = utcnow()
        kept = CheckIn(event_id=event_id, participant_id=pid, station="입구1", method=CheckInMethod.QR,
                       companions=first_companions, checked_in_at=now - timedelta(minutes=2))  # fmt: skip
        dropped = CheckIn(event_id=event_id, participant_id=pid, station="입구2", method=CheckInMethod.QR,
                          companions=second_companions, checked_in_at=now - timedelta(minutes=1),
                          undone_at=now, undo_reason="동기화 충돌", undone_by="sync")  # fmt: skip
        s.add_all([dropped, kept])
        s.flush()
        return kept.id, dropped.id


def _rows(db: Database, *ids: str) -> list[CheckIn]:
    with db.session() as s:
        return [s.get(CheckIn, i) for i in ids]  # type: ignore[misc]


def test_keeping_the_other_side_swaps_and_carries_companions(db: Database, demo_event_id: int) -> None:
    kept_id, dropped_id = _pair(db, demo_event_id, first_companions=0, second_companions=2)
    with db.session() as s:
        view = describe(s, kept_id, dropped_id)
    assert view is not None and (view.kept.state, view.dropped.state) == ("inside", "undone")
    with db.write() as s:
        result = keep_check_in(s, demo_event_id, dropped_id, kept_id, "본부", "박감독")
    assert (result.companions_before, result.companions_after) == (2, 2)
    old, new = _rows(db, kept_id, dropped_id)
    assert old.undone_at is not None and old.undo_reason == RESOLVED_REASON and old.undone_by == "박감독"
    assert new.undone_at is None and new.undo_reason is None and new.companions == 2
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "conflict")).one()
    assert entry.check_in_id == dropped_id and entry.outcome == "resolved" and entry.operator == "박감독"


def test_confirming_keeps_the_larger_companion_count(db: Database, demo_event_id: int) -> None:
    kept_id, dropped_id = _pair(db, demo_event_id, first_companions=1, second_companions=3)
    with db.write() as s:
        keep_check_in(s, demo_event_id, kept_id, dropped_id, "본부", "박감독")
    kept, dropped = _rows(db, kept_id, dropped_id)
    assert kept.undone_at is None and kept.companions == 3  # the party is in the room
    assert dropped.undone_at is not None and dropped.undo_reason == "동기화 충돌"  # untouched


def test_a_check_out_on_the_undone_side_is_carried_over(db: Database, demo_event_id: int) -> None:
    kept_id, dropped_id = _pair(db, demo_event_id, first_companions=0, second_companions=0)
    with db.write() as s:
        row = s.get(CheckIn, kept_id)
        assert row is not None
        row.checked_out_at, row.checked_out_station = utcnow(), "출구"
    with db.write() as s:
        keep_check_in(s, demo_event_id, dropped_id, kept_id, "본부", "박감독")
    _, now_kept = _rows(db, kept_id, dropped_id)
    assert now_kept.undone_at is None and now_kept.checked_out_station == "출구"  # the guest left


def test_staff_undo_and_a_later_entry_are_not_overruled(db: Database, demo_event_id: int) -> None:
    kept_id, dropped_id = _pair(db, demo_event_id, first_companions=0, second_companions=0)
    with db.write() as s:
        row = s.get(CheckIn, dropped_id)
        assert row is not None
        row.undone_by = "김담당"  # undone by a person, not by the sync
    with db.write() as s, pytest.raises(ConflictChanged, match="직접 취소"):
        keep_check_in(s, demo_event_id, dropped_id, kept_id, "본부", "박감독")
    with db.write() as s:
        row = s.get(CheckIn, dropped_id)
        assert row is not None
        row.undone_by = "sync"
    desk = CheckInDesk(db, demo_event_id)
    assert desk.undo(kept_id, "잘못 스캔", "입구1")  # staff undid the kept one...
    pid = _rows(db, kept_id)[0].participant_id
    assert desk.check_in_participant(pid, "입구3").ok  # ...and the guest was checked in anew
    with db.write() as s, pytest.raises(ConflictChanged, match="다시 입장"):
        keep_check_in(s, demo_event_id, dropped_id, kept_id, "본부", "박감독")
    assert _rows(db, dropped_id)[0].undone_at is not None  # rolled back: nothing changed


def test_apart_stamps_are_the_laptop_clock_plus_the_measured_offset(db: Database, demo_event_id: int) -> None:
    with db.write() as s:
        s.add(Setting(key=CLOCK_OFFSET_KEY, value='{"offset_s": -3600.0}'))
    with db.session() as s:
        stamp = door_time(s)
    assert stamp.local_at is not None and stamp.at == stamp.local_at - timedelta(hours=1)
    assert stamp.audit()["clock_offset_s"] == -3600.0

"""Seat leases and sync findings on real SQLite files (the PostgreSQL side is in tests/pg)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from kiosk.domain import seat_leases
from kiosk.domain.checkin import CheckInDesk, CheckInMethod, ScanStatus
from kiosk.domain.models import AuditEntry, Event, InvitationStatus, Participant, SeatLease, Setting
from kiosk.service import DoorService
from kiosk.storage.engine import Database
from kiosk.sync.findings import CANCELLED_ADMITTED, OVERSHOOT
from kiosk.sync.merge import merge_file
from kiosk.sync.seats import ALLOWANCE_KEY, ApartAllowance, LeasedLocalDesk


@pytest.mark.parametrize(
    ("capacity", "present", "others", "renewing", "quiet", "share"),
    [
        (150, 0, 0, 1, 0, 75),  # alone: half the room; the other half for desks without a lease
        (150, 0, 0, 4, 0, 30),  # four doors: 150 // 5, one part held by nobody
        (150, 0, 150, 2, 0, 0),  # the first door still holds everything: wait for it to renew
        (150, 40, 60, 2, 60, 16),  # two apart hold 60: the two online split the other 50 in three
        (150, 148, 0, 4, 0, 0),  # 2 left for 4 doors: nobody holds them, any online door may use them
        (150, 170, 0, 1, 0, 0),  # over capacity (overrides): never negative
    ],
)
def test_share_rule(capacity: int, present: int, others: int, renewing: int, quiet: int, share: int) -> None:
    assert seat_leases.fair_share(capacity, present, others, renewing, quiet) == share


def _people(db: Database, event_id: int, n: int) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(Participant.id).where(Participant.event_id == event_id,
                                                           Participant.status != InvitationStatus.CANCELLED)
                              .order_by(Participant.id).limit(n)))  # fmt: skip


def _set_room(db: Database, event_id: int, capacity: int) -> None:
    with db.write() as s:
        s.execute(update(Event).where(Event.id == event_id).values(capacity=capacity))


def test_online_desk_leaves_the_seats_leased_to_other_stations(db: Database, demo_event_id: int) -> None:
    _set_room(db, demo_event_id, 4)
    with db.write() as s:
        s.add(SeatLease(event_id=demo_event_id, station="입구2", seats=2,
                        expires_at=datetime.now(UTC) + timedelta(minutes=5)))  # fmt: skip
        s.add(SeatLease(event_id=demo_event_id, station="입구3", seats=9,  # expired: held by nobody
                        expires_at=datetime.now(UTC) - timedelta(seconds=1)))  # fmt: skip
    desk = CheckInDesk(db, demo_event_id)
    desk.lease_holder = "입구1"
    verdicts = [desk.check_in_participant(pid, "입구1") for pid in _people(db, demo_event_id, 3)]
    assert [v.status for v in verdicts] == [ScanStatus.OK, ScanStatus.OK, ScanStatus.CAPACITY_FULL]
    other = CheckInDesk(db, demo_event_id)
    other.lease_holder = "입구2"  # its own lease is its to use
    assert other.check_in_participant(_people(db, demo_event_id, 3)[2], "입구2").ok


def test_apart_desk_admits_its_allowance_then_says_an_override_can(db: Database, demo_event_id: int) -> None:
    _set_room(db, demo_event_id, 100)
    local = LeasedLocalDesk(db, demo_event_id)
    pids = _people(db, demo_event_id, 4)
    # No allowance written down (started apart): nobody without an override.
    assert local.check_in_participant(pids[0], "입구1").status is ScanStatus.CAPACITY_FULL
    allowance = ApartAllowance(demo_event_id, base=0, seats=2, expires_at=datetime.now(UTC) + timedelta(minutes=5))
    with db.write() as s:
        s.add(Setting(key=ALLOWANCE_KEY, value=allowance.to_json()))
    assert [local.check_in_participant(p, "입구1").ok for p in pids[:2]] == [True, True]
    full = local.check_in_participant(pids[2], "입구1")
    assert full.status is ScanStatus.CAPACITY_FULL and full.extra["apart"] and "F12" in full.detail
    forced = local.override_capacity(pids[2], "의전 요청", "입구1", "책임자", method=CheckInMethod.MANUAL)
    assert forced.ok
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.check_in_id == forced.check_in_id)).one()
    assert json.loads(entry.detail)["override_reason"] == "의전 요청"
    # Once the lease's time is up, the share is the others' again.
    expired = ApartAllowance(demo_event_id, base=0, seats=50, expires_at=datetime.now(UTC) - timedelta(seconds=1))
    with db.write() as s:
        s.merge(Setting(key=ALLOWANCE_KEY, value=expired.to_json()))
    assert local.check_in_participant(pids[3], "입구1").status is ScanStatus.CAPACITY_FULL


def test_merge_audits_overshoot_and_cancelled_guest_admitted(
    db: Database, db_path: Path, demo_event_id: int, tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    _set_room(db, demo_event_id, 3)
    pids = _people(db, demo_event_id, 5)
    laptop = tmp_path / "laptop.db"
    with closing(sqlite3.connect(db_path)) as a, closing(sqlite3.connect(laptop)) as b:
        a.backup(b)
    desk = CheckInDesk(db, demo_event_id)
    assert desk.check_in_participant(pids[0], "입구1").ok and desk.check_in_participant(pids[1], "입구1").ok
    with db.write() as s:  # cancelled here after the laptop took its copy
        s.execute(update(Participant).where(Participant.id == pids[4]).values(status=InvitationStatus.CANCELLED))
    other = Database.open(laptop)
    other_desk = CheckInDesk(other, demo_event_id)
    assert other_desk.check_in_participant(pids[2], "입구2").ok
    assert other_desk.override_capacity(pids[4], "귀빈 동행", "입구2", "책임자", method=CheckInMethod.MANUAL).ok
    other.dispose()
    result = run_cli("merge", str(laptop), "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    kinds = {f["kind"]: f for f in summary["findings"]}
    assert kinds[OVERSHOOT]["over"] == 1 and kinds[OVERSHOOT]["added"] == 1 and kinds[OVERSHOOT]["overrides"] == 1
    assert kinds[CANCELLED_ADMITTED]["participant_id"] == pids[4]
    with db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("sync_%"))))
    assert sorted(actions) == ["sync_cancelled_admitted", "sync_overshoot"]
    again = merge_file(laptop, db)  # nothing new: nothing found twice
    assert again.findings == []


def test_plain_file_service_has_no_findings_or_lease(db: Database, demo_event_id: int) -> None:
    service = DoorService.for_file(db, demo_event_id, "입구1")
    assert service.sync_findings() == [] and service.seat_lease() is None
    assert service.acknowledge_findings("책임자") == 0 and service.seat_leases() == []


def test_a_clock_moved_back_while_apart_does_not_stretch_the_share(
    db: Database, demo_event_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found by an independent tester: with the laptop clock set an hour back while apart, a share
    # the server had already given away admitted 9 more guests, stamped an hour early.
    import json

    from kiosk.domain import clock

    _set_room(db, demo_event_id, 100)
    contact = datetime.now(UTC)  # the server's time at the last contact
    with db.write() as s:
        s.add(Setting(key=clock.CLOCK_OFFSET_KEY, value=json.dumps(
            {"offset_s": 0.0, "rtt_ms": 1.0, "measured_at": contact.isoformat(), "uptime_s": 1000.0,
             "boot": clock.boot_id()})))  # fmt: skip
        s.add(Setting(key=ALLOWANCE_KEY, value=ApartAllowance(
            demo_event_id, base=0, seats=50, expires_at=contact + timedelta(minutes=15)).to_json()))  # fmt: skip
    monkeypatch.setattr(clock, "boot_id", lambda: "this-boot")
    with db.write() as s:  # the reading was taken in this boot
        row = s.get(Setting, clock.CLOCK_OFFSET_KEY)
        row.value = json.dumps({**json.loads(row.value), "boot": "this-boot"})
    local = LeasedLocalDesk(db, demo_event_id)
    pid = _people(db, demo_event_id, 1)[0]
    # Twenty minutes of real time have passed (the boot clock), but the wall clock was set back an hour.
    monkeypatch.setattr(clock, "uptime", lambda: 1000.0 + 20 * 60)
    monkeypatch.setattr(clock, "local_now", lambda: contact - timedelta(hours=1))
    assert local.check_in_participant(pid, "입구1").status is ScanStatus.CAPACITY_FULL  # the share has ended
    # Five minutes in, the share still holds, and the stamp is the real time, not an hour early.
    monkeypatch.setattr(clock, "uptime", lambda: 1000.0 + 5 * 60)
    verdict = local.check_in_participant(pid, "입구1")
    assert verdict.ok and abs((verdict.checked_in_at - (contact + timedelta(minutes=5))).total_seconds()) < 1

"""The check-in engine: every status, the audit log, re-entry, undo, companions, and exactly-once."""

from __future__ import annotations

import json
import multiprocessing
import queue
import random
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk, CheckInVerdict, ScanStatus
from kiosk.domain.events import create_event
from kiosk.domain.headcount import headcount
from kiosk.domain.models import AuditEntry, CheckIn, Event, InvitationStatus, Participant
from kiosk.storage.engine import Database


def person(desk: CheckInDesk, name: str) -> Participant:
    with desk.db.session() as session:
        return session.scalars(select(Participant).where(Participant.name == name)).one()


def code_for(desk: CheckInDesk, participant_id: int) -> str:
    with desk.db.session() as session:
        event = session.get(Event, desk.event_id)
        return token.issue(event.token_tag, event.signing_secret, participant_id)


def audit_rows(desk: CheckInDesk) -> list[AuditEntry]:
    with desk.db.session() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def set_capacity(desk: CheckInDesk, capacity: int) -> None:
    with desk.db.write() as session:
        session.get(Event, desk.event_id).capacity = capacity


# -- each status ------------------------------------------------------------------------------


def test_ok_carries_participant_flags_and_greeting(desk: CheckInDesk) -> None:
    minister = person(desk, "김현미")
    verdict = desk.scan(code_for(desk, minister.id), station="입구1", operator="박담당", companions=2)
    assert verdict.status is ScanStatus.OK and verdict.ok
    assert verdict.participant is not None and verdict.participant.id == minister.id
    assert verdict.vip and not verdict.speaker
    assert verdict.greeting == "김현미 장관님, 환영합니다"
    assert verdict.companions == 2 and verdict.station == "입구1"
    assert verdict.checked_in_at is not None and verdict.checked_in_at.tzinfo is not None
    assert verdict.extra["reentry"] is False
    row = audit_rows(desk)[-1]
    assert (row.action, row.outcome, row.station, row.operator) == ("checkin", "ok", "입구1", "박담당")
    assert row.participant_id == minister.id and row.check_in_id == verdict.check_in_id
    assert json.loads(row.detail)["companions"] == 2


def test_speaker_and_lawmaker_honorific(desk: CheckInDesk) -> None:
    professor = person(desk, "정성훈")
    verdict = desk.scan(code_for(desk, professor.id), station="입구1")
    assert verdict.speaker and verdict.greeting == "정성훈 교수님, 환영합니다"
    lawmaker = person(desk, "조기현")
    assert desk.scan(code_for(desk, lawmaker.id), station="입구1").greeting == "조기현 의원님, 환영합니다"


def test_already_checked_in_says_when_and_where(desk: CheckInDesk) -> None:
    code = code_for(desk, person(desk, "석인숙").id)
    first = desk.scan(code, station="입구1")
    second = desk.scan(code, station="입구2")
    assert second.status is ScanStatus.ALREADY_CHECKED_IN
    assert second.station == "입구1" and second.checked_in_at == first.checked_in_at
    assert second.check_in_id == first.check_in_id
    row = audit_rows(desk)[-1]
    assert (row.outcome, row.station) == ("already_checked_in", "입구2")
    assert json.loads(row.detail)["first_station"] == "입구1"


def test_not_found_for_unknown_codes_and_vanished_participants(desk: CheckInDesk) -> None:
    assert desk.scan("ABC123", station="s").status is ScanStatus.NOT_FOUND
    assert desk.scan(code_for(desk, 987654), station="s").status is ScanStatus.NOT_FOUND
    assert desk.check_in_participant(987654, station="s").status is ScanStatus.NOT_FOUND


def test_invalid_signature_for_a_forged_token(desk: CheckInDesk) -> None:
    with desk.db.session() as session:
        tag = session.get(Event, desk.event_id).token_tag
    forged = token.issue(tag, b"not the event's secret", person(desk, "김현미").id)
    verdict = desk.scan(forged, station="s")
    assert verdict.status is ScanStatus.INVALID_SIGNATURE and verdict.participant is None


def test_wrong_event_for_another_events_token(desk: CheckInDesk) -> None:
    with desk.db.write() as session:
        other = create_event(
            session, name="다른 행사", venue="서울", capacity=10,
            starts_at=datetime(2018, 1, 1, tzinfo=UTC), ends_at=datetime(2018, 1, 1, 3, tzinfo=UTC),
        )  # fmt: skip
        foreign = token.issue(other.token_tag, other.signing_secret, person(desk, "김현미").id)
    assert desk.scan(foreign, station="s").status is ScanStatus.WRONG_EVENT


def test_cancelled_participant_is_refused(desk: CheckInDesk) -> None:
    guest = person(desk, "마재영")
    with desk.db.write() as session:
        session.get(Participant, guest.id).status = InvitationStatus.CANCELLED
    verdict = desk.scan(code_for(desk, guest.id), station="s")
    assert verdict.status is ScanStatus.CANCELLED and verdict.participant.name == "마재영"


def test_capacity_full_counts_companions_and_supervisor_can_override(desk: CheckInDesk) -> None:
    set_capacity(desk, 3)
    a, b = person(desk, "김현미"), person(desk, "석인숙")
    assert desk.scan(code_for(desk, a.id), station="s", companions=1).ok  # 2 of 3 seats
    full = desk.scan(code_for(desk, b.id), station="s", companions=1)
    assert full.status is ScanStatus.CAPACITY_FULL and full.extra == {"present": 2, "capacity": 3}
    assert desk.scan(code_for(desk, b.id), station="s", companions=1, override=True).ok
    with desk.db.session() as session:
        assert headcount(session, session.get(Event, desk.event_id)).present == 4


@pytest.mark.parametrize("garbage", ["", "   ", "x" * 10_000, "'; DROP TABLE participants; --", "\x00\x1b[2J"])
def test_malformed_input(desk: CheckInDesk, garbage: str) -> None:
    verdict = desk.scan(garbage, station="s")
    assert verdict.status is ScanStatus.MALFORMED
    assert len(verdict.code) <= 80 and "\x00" not in verdict.code


def test_a_token_typed_through_the_korean_ime_still_checks_in(desk: CheckInDesk) -> None:
    from kiosk.domain.keyboard import JAMO_KEYS as _JAMO_KEYS

    keys = {v: k for k, v in _JAMO_KEYS.items() if len(v) == 1 and v.islower()}
    code = code_for(desk, person(desk, "김현미").id)
    typed = "".join(keys.get(ch.lower(), ch) for ch in code)
    assert typed != code
    assert desk.scan(typed, station="s").ok


def test_external_registration_code(desk: CheckInDesk) -> None:
    verdict = desk.scan("bxc 2017 00866", station="s")
    assert verdict.ok and verdict.participant.name == "오미숙"
    assert audit_rows(desk)[-1].detail and json.loads(audit_rows(desk)[-1].detail)["method"] == "code"


# -- leaving, returning, undoing, companions --------------------------------------------------


def test_check_out_and_re_entry(desk: CheckInDesk) -> None:
    code = code_for(desk, person(desk, "김현미").id)
    first = desk.scan(code, station="입구1", companions=2)
    out = desk.check_out(code, station="출구")
    assert out.ok and out.check_in_id == first.check_in_id and out.extra["checked_out_at"] is not None
    assert desk.check_out(code, station="출구").status is ScanStatus.NOT_CHECKED_IN
    again = desk.scan(code, station="입구2")
    assert again.ok and again.check_in_id != first.check_in_id
    assert {k: again.extra[k] for k in ("reentry", "entry_number")} == {"reentry": True, "entry_number": 2}
    # The earlier visit (in, out) comes with it: the desk says 재입장 with those times.
    assert again.earlier_visits == [(first.checked_in_at, out.checked_out_at)]
    with desk.db.session() as session:
        counts = headcount(session, session.get(Event, desk.event_id))
    assert (counts.checked_in, counts.present) == (1, 1)  # arrived once in total, one inside now
    outcomes = [(r.action, r.outcome) for r in audit_rows(desk)]
    assert outcomes == [("checkin", "ok"), ("checkout", "ok"), ("checkout", "not_checked_in"), ("checkin", "ok")]
    assert json.loads(audit_rows(desk)[-1].detail)["reentry"] is True


def test_check_out_of_garbage_is_refused_and_audited(desk: CheckInDesk) -> None:
    assert desk.check_out("???", station="출구").status is ScanStatus.MALFORMED
    assert audit_rows(desk)[-1].action == "checkout"


def test_undo_needs_a_reason_and_frees_the_code(desk: CheckInDesk) -> None:
    code = code_for(desk, person(desk, "김현미").id)
    verdict = desk.scan(code, station="입구1")
    with pytest.raises(ValueError):
        desk.undo(verdict.check_in_id, "  ", station="입구1")
    assert desk.undo(verdict.check_in_id, "다른 사람 코드를 스캔함", station="입구1", operator="팀장")
    assert not desk.undo(verdict.check_in_id, "두 번째", station="입구1")
    assert not desk.undo("no-such-id", "없음", station="입구1")
    with desk.db.session() as session:
        entry = session.get(CheckIn, verdict.check_in_id)
        assert entry.undo_reason == "다른 사람 코드를 스캔함" and entry.undone_by == "팀장"
        assert headcount(session, session.get(Event, desk.event_id)).present == 0
    assert desk.scan(code, station="입구1").ok
    undo_rows = [r for r in audit_rows(desk) if r.action == "undo"]
    assert [r.outcome for r in undo_rows] == ["ok", "already_undone", "not_found"]
    assert json.loads(undo_rows[0].detail)["reason"] == "다른 사람 코드를 스캔함"


def test_set_companions_respects_capacity(desk: CheckInDesk) -> None:
    set_capacity(desk, 4)
    verdict = desk.scan(code_for(desk, person(desk, "김현미").id), station="s")
    assert desk.set_companions(verdict.check_in_id, 3, station="s")
    assert not desk.set_companions(verdict.check_in_id, 4, station="s")
    desk.check_out(code_for(desk, person(desk, "김현미").id), station="s")
    assert not desk.set_companions(verdict.check_in_id, 1, station="s")
    rows = [r for r in audit_rows(desk) if r.action == "companions"]
    assert [r.outcome for r in rows] == ["ok", "capacity_full", "not_checked_in"]


def test_manual_check_in_and_json_shape(desk: CheckInDesk) -> None:
    guest = person(desk, "강영민")
    verdict = desk.check_in_participant(guest.id, station="안내", operator="김담당")
    assert verdict.ok and verdict.code == f"#{guest.id}"
    data = verdict.to_json()
    assert set(data) == {"code", "status", "participant", "checked_in_at", "station"}
    assert set(data["participant"]) == {"id", "name", "organization", "title", "category", "vip"}
    assert data["status"] == "ok" and data["station"] == "안내"
    assert datetime.fromisoformat(data["checked_in_at"]).utcoffset() == timedelta(0)
    assert CheckInVerdict(code="x", status=ScanStatus.MALFORMED).to_json()["participant"] is None


def test_every_decision_is_audited(desk: CheckInDesk) -> None:
    code = code_for(desk, person(desk, "김현미").id)
    calls = [
        lambda: desk.scan(code, station="s"),
        lambda: desk.scan(code, station="s"),
        lambda: desk.scan("", station="s"),
        lambda: desk.scan("NOPE42", station="s"),
        lambda: desk.check_out(code, station="s"),
        lambda: desk.check_out(code, station="s"),
    ]
    for call in calls:
        call()
    assert len(audit_rows(desk)) == len(calls)


# -- exactly one ok, whatever the concurrency ---------------------------------------------------


def _scan_all(db_target: str, event_id: int, codes: list[str], station: str, go, results) -> None:  # type: ignore[no-untyped-def]
    """One station: its own engine and desk, waiting for the starting gun, then scanning."""
    db = Database.open(db_target)
    desk = CheckInDesk(db, event_id)
    order = codes[:]
    random.Random(station).shuffle(order)
    results.put(("ready", station))
    go.wait(60)
    out = [(code, desk.scan(code, station=station).status.value) for code in order]
    db.dispose()
    results.put((station, out))


def _check_exactly_once(db: Database, desk: CheckInDesk, codes: list[str], outcomes: list[tuple[str, str]]) -> None:
    for code in codes:
        statuses = sorted(status for c, status in outcomes if c == code)
        assert statuses.count("ok") == 1, (code, statuses)
        assert set(statuses) <= {"ok", "already_checked_in"}
    with db.session() as session:
        active = session.scalar(
            select(func.count(CheckIn.id)).where(CheckIn.undone_at.is_(None), CheckIn.checked_out_at.is_(None))
        )
        audited = session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "checkin"))
    assert active == len(codes)
    assert audited == len(outcomes)


def _race(workers: list, go, results) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """Start every station, fire the gun once all are ready, collect every verdict."""
    for worker in workers:
        worker.start()
    for _ in workers:
        assert results.get(timeout=120)[0] == "ready"
    go.set()
    outcomes = [pair for _ in workers for pair in results.get(timeout=120)[1]]
    for worker in workers:
        worker.join(30)
    return outcomes


def _codes(desk: CheckInDesk, count: int) -> list[str]:
    with desk.db.session() as session:
        ids = list(session.scalars(select(Participant.id).where(Participant.status == "invited").limit(count)))
    return [code_for(desk, pid) for pid in ids]


def test_threads_racing_on_the_same_codes_get_one_ok_each(db: Database, desk: CheckInDesk) -> None:
    codes = _codes(desk, 6)
    go = threading.Event()
    results: queue.Queue = queue.Queue()
    threads = [
        threading.Thread(target=_scan_all, args=(db.url, desk.event_id, codes, f"창구{i}", go, results))
        for i in range(4)
    ]
    outcomes = _race(threads, go, results)
    _check_exactly_once(db, desk, codes, outcomes)


@pytest.mark.slow
def test_processes_and_threads_on_one_sqlite_file(db: Database, desk: CheckInDesk, db_path: Path) -> None:
    codes = _codes(desk, 6)
    spawn = multiprocessing.get_context("spawn")  # no fork: the parent may run Qt threads
    go, results = spawn.Event(), spawn.Queue()
    procs = [
        spawn.Process(target=_scan_all, args=(str(db_path), desk.event_id, codes, f"노트북{i}", go, results))
        for i in range(3)
    ]
    threads = [
        threading.Thread(target=_scan_all, args=(str(db_path), desk.event_id, codes, f"창구{i}", go, results))
        for i in range(2)
    ]
    outcomes = _race([*procs, *threads], go, results)
    assert all(p.exitcode == 0 for p in procs)
    _check_exactly_once(db, desk, codes, outcomes)


def test_racing_stations_never_overfill_the_room(db: Database, desk: CheckInDesk) -> None:
    set_capacity(desk, 3)
    codes = _codes(desk, 6)
    go, results = threading.Event(), queue.Queue()
    threads = [
        threading.Thread(target=_scan_all, args=(db.url, desk.event_id, codes, f"창구{i}", go, results))
        for i in range(3)
    ]
    outcomes = _race(threads, go, results)
    assert sum(status == "ok" for _, status in outcomes) == 3
    assert {status for _, status in outcomes} <= {"ok", "already_checked_in", "capacity_full"}
    with db.session() as session:
        assert headcount(session, session.get(Event, desk.event_id)).present == 3


def test_the_database_itself_refuses_a_second_open_check_in(db: Database, desk: CheckInDesk) -> None:
    from sqlalchemy.exc import IntegrityError

    from kiosk.domain.models import CheckInMethod

    pid = person(desk, "김현미").id
    with pytest.raises(IntegrityError), db.write() as session:
        for station in ("a", "b"):
            session.add(CheckIn(event_id=desk.event_id, participant_id=pid, station=station, method=CheckInMethod.QR))
            session.flush()


@pytest.mark.parametrize(
    ("title", "category", "expected"),
    [
        ("장관", "ministry", "김현미 장관님, 환영합니다"),
        ("제1차관", "ministry", "김현미 차관님, 환영합니다"),
        ("국회의원", "lawmaker", "김현미 의원님, 환영합니다"),
        ("", "lawmaker", "김현미 의원님, 환영합니다"),
        ("부산대학교 교수", "academia", "김현미 교수님, 환영합니다"),
        ("부총장", "academia", "김현미 부총장님, 환영합니다"),  # a deputy is not promoted
        ("부원장(직무대행)", "other", "김현미 부원장님, 환영합니다"),
        ("선임연구원", "other", "김현미님, 환영합니다"),
    ],
)
def test_greeting_honorifics(title: str, category: str, expected: str) -> None:
    from kiosk.domain.honorific import greeting

    assert greeting("김현미", title, category) == expected


def test_a_code_cut_short_is_malformed_not_not_on_the_list(desk: CheckInDesk) -> None:
    """A scan that lost its end (a partial burst) reads as this event's code cut short. Old code:
    "명단에 없는 코드" (not_found) for a guest who is on the list."""
    guest = person(desk, "김현미")
    code = code_for(desk, guest.id)
    for cut in (code[:10], code[:-3]):
        assert desk.scan(cut, station="s").status is ScanStatus.MALFORMED, cut
    assert desk.scan("ZZ" + code[2:12], station="s").status is ScanStatus.NOT_FOUND  # not ours at all
    assert desk.scan(code, station="s").ok

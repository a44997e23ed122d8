"""kiosk merge: fold a station's SQLite file into the main database, idempotently, by UUID."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain import token
from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import AuditEntry, Category, CheckIn, Event, Participant
from kiosk.storage import migrate
from kiosk.storage.engine import Database
from kiosk.sync.merge import MergeError, merge_databases, merge_file


def _copy(src: Path, dst: Path) -> None:
    with closing(sqlite3.connect(src)) as a, closing(sqlite3.connect(dst)) as b:
        a.backup(b)


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (CheckIn, Participant, AuditEntry)
        } | {"active": s.scalar(select(func.count(CheckIn.id)).where(CheckIn.undone_at.is_(None))) or 0}


@pytest.fixture
def station_file(db: Database, db_path: Path, demo_event_id: int, tmp_path: Path) -> Path:
    """A second laptop prepared with a copy of the main database (same event, same roster)."""
    path = tmp_path / "station2.db"
    _copy(db_path, path)
    return path


def _people(db: Database, event_id: int, n: int) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(Participant.id).where(Participant.event_id == event_id)
                              .order_by(Participant.id).limit(n)))  # fmt: skip


def test_merge_folds_new_check_ins_and_is_idempotent(
    db: Database, desk: CheckInDesk, demo_event_id: int, station_file: Path
) -> None:
    a, b, c, d = _people(db, demo_event_id, 4)
    other = Database.open(station_file)
    other_desk = CheckInDesk(other, demo_event_id)
    desk.check_in_participant(a, station="입구1")
    for pid in (b, c):
        assert other_desk.check_in_participant(pid, station="입구2").ok
    with other.write() as s:
        s.add(Participant(event_id=demo_event_id, name="박현장", organization="부산일보",
                          category=Category.WALK_IN, is_walk_in=True))  # fmt: skip
    with other.session() as s:
        walk_in = s.scalars(select(Participant).where(Participant.name == "박현장")).one().id
    assert other_desk.check_in_participant(walk_in, station="입구2").ok
    assert other_desk.check_in_participant(d, station="입구2").ok
    with other.session() as s:
        event = s.get(Event, demo_event_id)
        code_d = token.issue(event.token_tag, event.signing_secret, d)  # type: ignore[union-attr]
    assert other_desk.check_out(code_d, station="입구2").ok
    other.dispose()
    before_hash = hashlib.sha256(station_file.read_bytes()).hexdigest()

    first = merge_file(station_file, db, station="본부")
    assert first.inserted == 4 and first.conflicts == [] and first.participants_created == 1
    assert first.audit_copied > 0
    with db.session() as s:
        names = set(s.scalars(select(Participant.name).join(CheckIn, CheckIn.participant_id == Participant.id)))
    assert "박현장" in names
    after_first = _counts(db)

    second = merge_file(station_file, db, station="본부")
    assert not second.changed
    assert second.inserted == 0 and second.already_present == 4 and second.audit_copied == 0
    assert _counts(db) == after_first
    assert hashlib.sha256(station_file.read_bytes()).hexdigest() == before_hash  # source untouched


def test_same_person_on_two_stations_first_check_in_wins(
    db: Database, desk: CheckInDesk, demo_event_id: int, station_file: Path
) -> None:
    (pid,) = _people(db, demo_event_id, 1)
    other = Database.open(station_file)
    early = CheckInDesk(other, demo_event_id).check_in_participant(pid, station="입구2")
    late = desk.check_in_participant(pid, station="입구1")
    assert early.ok and late.ok
    assert early.checked_in_at is not None and late.checked_in_at is not None
    assert early.checked_in_at < late.checked_in_at
    other.dispose()

    summary = merge_file(station_file, db)
    assert len(summary.conflicts) == 1
    conflict = summary.conflicts[0]
    assert conflict.kept.id == early.check_in_id and conflict.kept.station == "입구2"
    assert conflict.dropped.id == late.check_in_id
    with db.session() as s:
        rows = {r.id: r for r in s.scalars(select(CheckIn).where(CheckIn.participant_id == pid))}
    assert rows[early.check_in_id].undone_at is None
    assert rows[late.check_in_id].undone_at is not None  # kept, marked, never deleted
    assert "동기화 충돌" in (rows[late.check_in_id].undo_reason or "")
    assert merge_file(station_file, db).changed is False


def test_later_duplicate_from_the_other_station_is_kept_undone(
    db: Database, desk: CheckInDesk, demo_event_id: int, station_file: Path
) -> None:
    (pid,) = _people(db, demo_event_id, 1)
    first = desk.check_in_participant(pid, station="입구1")
    other = Database.open(station_file)
    second = CheckInDesk(other, demo_event_id).check_in_participant(pid, station="입구2")
    other.dispose()
    summary = merge_file(station_file, db)
    assert [c.kept.id for c in summary.conflicts] == [first.check_in_id]
    with db.session() as s:
        assert s.get(CheckIn, second.check_in_id).undone_at is not None  # type: ignore[union-attr]
        assert s.get(CheckIn, first.check_in_id).undone_at is None  # type: ignore[union-attr]


def test_other_event_is_refused_unless_asked(db: Database, demo_event_id: int, tmp_path: Path) -> None:
    from kiosk.domain.demo import load_demo

    foreign_path = tmp_path / "foreign.db"
    foreign = Database.open(foreign_path)
    migrate.upgrade(foreign)
    with foreign.write() as s:
        event_id = load_demo(s).id
    with foreign.session() as s:
        pid = s.scalars(select(Participant.id).where(Participant.email.is_not(None))).first()
    assert CheckInDesk(foreign, event_id).check_in_participant(pid, station="외부").ok
    foreign.dispose()
    with pytest.raises(MergeError, match="같은 행사가 없습니다"):
        merge_file(foreign_path, db)
    summary = merge_file(foreign_path, db, any_event=True)
    # Another event's person is never taken for ours by e-mail or name: kept apart, pair listed.
    assert summary.inserted == 1 and summary.participants_created == 1
    assert [(u.added_name, u.existing_name) for u in summary.unsure] == [("김현미", "김현미")]


def test_dry_run_writes_nothing(db: Database, demo_event_id: int, station_file: Path) -> None:
    (pid,) = _people(db, demo_event_id, 1)
    other = Database.open(station_file)
    CheckInDesk(other, demo_event_id).check_in_participant(pid, station="입구2")
    other.dispose()
    before = _counts(db)
    summary = merge_file(station_file, db, dry_run=True)
    assert summary.inserted == 1
    assert _counts(db) == before


def test_merge_in_memory_databases_keeps_capacity_warning(db: Database, demo_event_id: int, station_file: Path) -> None:
    other = Database.open(station_file)
    with other.write() as s:
        s.get(Event, demo_event_id).capacity = 1000  # type: ignore[union-attr]
    other_desk = CheckInDesk(other, demo_event_id)
    with db.write() as s:
        s.get(Event, demo_event_id).capacity = 2  # type: ignore[union-attr]
    for pid in _people(db, demo_event_id, 3):
        assert other_desk.check_in_participant(pid, station="입구2").ok
    summary = merge_databases(other, db)
    other.dispose()
    assert summary.inserted == 3 and summary.over_capacity == 1  # they are inside: reported, not dropped


def test_cli_merge_json_twice(run_cli, db: Database, demo_event_id: int, station_file: Path) -> None:  # type: ignore[no-untyped-def]
    (pid,) = _people(db, demo_event_id, 1)
    other = Database.open(station_file)
    CheckInDesk(other, demo_event_id).check_in_participant(pid, station="입구2")
    other.dispose()
    first = run_cli("merge", str(station_file), "--json")
    assert first.code == 0, first.err
    data = json.loads(first.out)
    assert data["check_ins"] == {"seen": 1, "inserted": 1, "already_present": 0, "updated": 0, "conflicts": 0}
    assert set(data) >= {"source", "target", "participants", "audit_entries_copied", "over_capacity",
                         "conflicts", "changed", "dry_run"}  # fmt: skip
    second = json.loads(run_cli("merge", str(station_file), "--json").out)
    assert second["check_ins"]["inserted"] == 0 and second["changed"] is False
    text = run_cli("merge", str(station_file))
    assert "새로운 내용이 없습니다" in text.out


def test_cli_merge_missing_file_is_one_line(run_cli, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("merge", str(tmp_path / "없음.db"))
    assert result.code == 2
    assert "합칠 데이터베이스 파일이 없습니다" in result.err and "Traceback" not in result.err


def test_cli_merge_of_an_empty_or_foreign_file_is_refused_not_reported_merged(run_cli, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A 0-byte file (a failed USB copy) merged "with nothing new": the supervisor read that the
    station's check-ins were already on the server."""
    import sqlite3

    empty = tmp_path / "입구2.db"
    empty.write_bytes(b"")
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
    before = run_cli("status", "--json").out
    for path, why in ((empty, "빈 파일입니다"), (foreign, "kiosk 행사 파일이 아닙니다")):
        result = run_cli("merge", str(path))
        assert result.code == 2 and why in result.err, result.err
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert run_cli("status", "--json").out == before  # nothing changed
    assert empty.read_bytes() == b""  # and the file is left as it was


def test_times_survive_the_round_trip(db: Database, demo_event_id: int, station_file: Path) -> None:
    (pid,) = _people(db, demo_event_id, 1)
    other = Database.open(station_file)
    made = CheckInDesk(other, demo_event_id).check_in_participant(pid, station="입구2")
    other.dispose()
    merge_file(station_file, db)
    with db.session() as s:
        row = s.get(CheckIn, made.check_in_id)
    assert row is not None and made.checked_in_at is not None
    assert abs(row.checked_in_at - made.checked_in_at) < timedelta(microseconds=1)


def test_two_same_name_walk_ins_stay_two_people(db: Database, demo_event_id: int, station_file: Path) -> None:
    """김민수 of 개인 at the main desk and another 김민수 of 개인 on a laptop that worked alone:
    two people, two check-ins, both phones; the pair is listed for the supervisor."""
    from kiosk.domain.walkin import WalkInRequest, register_walk_in

    station = Database.open(station_file)
    try:
        theirs = register_walk_in(
            CheckInDesk(station, demo_event_id), WalkInRequest("김민수", "개인", phone="010-2222-0002"), "입구2"
        )
    finally:
        station.dispose()
    ours = register_walk_in(CheckInDesk(db, demo_event_id), WalkInRequest("김민수", "개인", phone="010-1111-0001"), "입구1")
    assert theirs.participant_id == ours.participant_id  # same local id on both: it names nobody in common
    summary = merge_file(station_file, db)
    assert summary.conflicts == [] and summary.participants_created == 1
    assert [(u.added_name, u.existing_id) for u in summary.unsure] == [("김민수", ours.participant_id)]
    with db.session() as s:
        people = s.scalars(select(Participant).where(Participant.name == "김민수")).all()
        assert sorted(p.phone or "" for p in people) == ["010-1111-0001", "010-2222-0002"]
        open_rows = s.scalars(
            select(CheckIn).where(CheckIn.participant_id.in_([p.id for p in people]), CheckIn.undone_at.is_(None))
        ).all()
        assert len(open_rows) == 2 and len({r.participant_id for r in open_rows}) == 2
    again = merge_file(station_file, db)  # idempotent: the walk-in's uid finds the copy made above
    assert again.participants_created == 0 and again.inserted == 0

"""The report's numbers agree with the database and with the live headcount."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.headcount import headcount
from kiosk.domain.models import CheckIn, Event, InvitationStatus, Participant
from kiosk.domain.walkin import WalkInRequest, register_walk_in
from kiosk.report.data import BUCKET, gather
from kiosk.storage.engine import Database


def _ids(db: Database, event_id: int, count: int) -> list[int]:
    with db.session() as session:
        return list(
            session.scalars(
                select(Participant.id)
                .where(Participant.event_id == event_id)
                .order_by(Participant.id)
                .limit(count)
            )
        )


def _busy_door(db: Database, desk: CheckInDesk) -> list[int]:
    """Ten arrivals, one undone, one who left and came back, one who left, a walk-in, a cancellation."""
    ids = _ids(db, desk.event_id, 14)
    verdicts = [
        desk.check_in_participant(pid, "입구1", "김운영", companions=1 if i == 0 else 0)
        for i, pid in enumerate(ids[:10])
    ]
    assert all(v.ok for v in verdicts)
    assert desk.undo(verdicts[9].check_in_id, "잘못 누름", "입구1")
    with db.write() as session:  # two check-outs, written directly: the door's rule is not under test
        entry = session.scalars(select(CheckIn).where(CheckIn.participant_id == ids[2])).one()
        entry.checked_out_at = entry.checked_in_at + timedelta(minutes=5)
        other = session.scalars(select(CheckIn).where(CheckIn.participant_id == ids[3])).one()
        other.checked_out_at = other.checked_in_at + timedelta(minutes=1)
    assert desk.check_in_participant(ids[2], "입구2", "박운영", companions=2).ok  # back, with two
    with db.write() as session:
        session.execute(
            update(Participant).where(Participant.id == ids[12]).values(status=InvitationStatus.CANCELLED)
        )
    result = register_walk_in(
        desk, WalkInRequest(name="현장손님", organization="부산시민", phone="010-5555-1234"), "입구1"
    )
    assert result.created
    return ids


def test_figures_match_headcount_and_database(db: Database, desk: CheckInDesk) -> None:
    ids = _busy_door(db, desk)
    with db.session() as session:
        data = gather(session, desk.event_id)
        event = session.get(Event, desk.event_id)
        counts = headcount(session, event)
        roster = session.scalar(
            select(func.count(Participant.id)).where(Participant.event_id == desk.event_id)
        )
    f = data.figures
    assert f.arrived == counts.checked_in == 10  # 9 invited (one undone) + the walk-in
    assert f.walk_ins == counts.walk_ins == 1
    assert f.invited == counts.invited == roster - 2  # minus the walk-in and the cancelled guest
    assert f.no_shows == counts.not_arrived == f.invited - 9
    assert f.present_now == counts.present
    assert f.cancelled == 1
    assert len(data.attendees) == f.arrived
    assert len(data.no_shows) == f.no_shows
    assert [p.name for p in data.walk_ins] == ["현장손님"]
    assert ids[9] not in {p.id for p in data.attendees}  # undone: never arrived
    assert ids[12] not in {p.id for p in data.no_shows}  # cancelled: not a no-show
    # Sorted by first arrival; the re-entry keeps the first station and counts two entries.
    arrivals = [p.first_arrival for p in data.attendees]
    assert arrivals == sorted(arrivals)
    back = next(p for p in data.attendees if p.id == ids[2])
    assert (back.station, back.entries, back.companions, back.left_at) == ("입구1", 2, 2, None)
    left = next(p for p in data.attendees if p.id == ids[3])
    assert left.left_at is not None
    assert data.attendees[0].first_arrival.utcoffset() == timedelta(hours=9)  # Asia/Seoul
    assert f.companions == 1 + 2
    assert f.peak_present >= f.present_now


def test_groups_and_arrivals_add_up(db: Database, desk: CheckInDesk) -> None:
    _busy_door(db, desk)
    with db.session() as session:
        data = gather(session, desk.event_id)
    f = data.figures
    for groups in (data.by_category, data.by_region):
        assert sum(g.invited for g in groups) == f.invited
        assert sum(g.arrived for g in groups) == f.arrived
        assert sum(g.companions for g in groups) == f.companions
    assert [g.label for g in data.by_category][0] == "부처"
    assert "현장등록" in [g.label for g in data.by_category]
    # Check-ins happened now, far from the 2017 event: the chart spans the arrivals only.
    assert data.arrivals
    assert all(b.start.minute % 10 == 0 for b in data.arrivals)
    assert all(
        b2.start - b1.start == BUCKET for b1, b2 in zip(data.arrivals, data.arrivals[1:], strict=False)
    )
    assert data.arrivals[-1].cumulative == f.total_people
    assert sum(b.guests for b in data.arrivals) == f.arrived


def test_empty_event_spans_its_own_hours(db: Database, demo_event_id: int) -> None:
    with db.session() as session:
        data = gather(session, demo_event_id)
    assert data.figures.arrived == 0
    assert data.figures.rate == 0
    assert data.arrivals[0].start.strftime("%H:%M") == "14:00"
    assert data.arrivals[-1].start.strftime("%H:%M") == "16:50"
    assert data.arrivals[-1].cumulative == 0
    assert data.event.name == "혁신도시 시즌2 콘퍼런스"
    assert data.event.when.startswith("2017년 11월 22일 (수) 14:00")


def test_audit_log_is_readable(db: Database, desk: CheckInDesk) -> None:
    _busy_door(db, desk)
    with db.session() as session:
        data = gather(session, desk.event_id)
    actions = {row.action for row in data.audit}
    assert {"입장", "입장 취소", "현장등록"} <= actions
    undo = next(row for row in data.audit if row.action == "입장 취소")
    assert "reason=잘못 누름" in undo.detail
    assert undo.participant_name
    assert all(row.at.utcoffset() == timedelta(hours=9) for row in data.audit)


def test_mask_pii_masks_every_phone_and_email(db: Database, desk: CheckInDesk) -> None:
    _busy_door(db, desk)
    with db.session() as session:
        plain = gather(session, desk.event_id)
        masked = gather(session, desk.event_id, mask_pii=True)
    assert masked.masked and not plain.masked
    walk_in = next(p for p in masked.attendees if p.name == "현장손님")
    assert walk_in.phone == "010-****-1234"
    for person in masked.attendees + masked.no_shows:
        assert not person.phone or "****" in person.phone or "***" in person.phone
        assert not person.email or "***@" in person.email
    assert any(p.email and "***" not in p.email for p in plain.no_shows)


def test_pure_report_modules_import_no_qt() -> None:
    # Only pdf.py and charts.py may touch Qt; the rest runs anywhere.
    import ast
    from pathlib import Path

    import kiosk.report

    folder = Path(kiosk.report.__file__).parent
    for name in ("__init__.py", "data.py", "columns.py", "xlsx.py", "ooxml.py", "csv_export.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(m.startswith(("PySide6", "shiboken6", "kiosk.ui")) for m in modules), name


def test_a_deputy_title_too_long_for_the_pdf_column_keeps_the_deputy() -> None:
    """Old code: the PDF cut "장관 (대리: 한지원 제2차관)" to "장관 (대리: 한지원 …", losing who came."""
    from kiosk.report.pdf import deputy_first

    assert deputy_first("장관 (대리: 한지원 제2차관)") == "대리: 한지원 제2차관"
    assert deputy_first("국토교통부 장관") == "국토교통부 장관"

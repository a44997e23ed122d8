"""Protocol boards: presenters per session, VIP arrivals, and the badge print log."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.domain import badges
from kiosk.domain.checkin import CheckInDesk, ParticipantSummary
from kiosk.domain.models import Participant
from kiosk.domain.speakers import protocol_reason, speaker_board, vip_arrivals
from kiosk.storage.engine import Database


def _pid(db: Database, name: str) -> int:
    with db.session() as s:
        return s.scalars(select(Participant.id).where(Participant.name == name)).first()


def test_speaker_board_follows_arrivals(desk: CheckInDesk, db: Database) -> None:
    with db.session() as s:
        board = speaker_board(s, desk.event_id)
    assert [b.title for b in board][0] == "기조강연"
    assert len({sp.name for b in board for sp in b.speakers}) == 9  # 이민원 presents three times
    assert all(not sp.arrived for b in board for sp in b.speakers)
    desk.check_in_participant(_pid(db, "안영철"), "d1")
    with db.session() as s:
        board = speaker_board(s, desk.event_id)
    session1 = next(b for b in board if "대구" in b.detail)
    assert session1.arrived == 1
    assert [sp.name for sp in session1.speakers if sp.arrived] == ["안영철"]


def test_vip_arrivals_and_reasons(desk: CheckInDesk, db: Database) -> None:
    desk.check_in_participant(_pid(db, "김현미"), "d1")
    desk.check_in_participant(_pid(db, "조기현"), "d2")
    desk.check_in_participant(_pid(db, "마재영"), "d1")  # not a protocol guest
    with db.session() as s:
        arrivals = vip_arrivals(s, desk.event_id)
    assert [(a.participant.name, a.reason) for a in arrivals] == [("조기현", "국회의원"), ("김현미", "장관")]


def test_protocol_reason_needs_a_reason() -> None:
    base = dict(id=1, organization="", region="", speaker=False, walk_in=False, companions_allowed=0)
    assert protocol_reason(ParticipantSummary(name="가", title="연구위원", category="academia", vip=False, **base)) is None
    assert protocol_reason(ParticipantSummary(name="가", title="위원장", category="committee", vip=False, **base)) == "위원장"
    assert protocol_reason(ParticipantSummary(name="가", title="과장", category="ministry", vip=True, **base)) == "VIP"


def test_badge_print_log(db: Database, demo_event_id: int) -> None:
    pid = _pid(db, "김현미")
    with db.write() as s:
        assert badges.previous_prints(s, pid) == []
        first = badges.record_print(s, pid, station="d1")
    with db.write() as s:
        second = badges.record_print(s, pid, station="d2", reason="분실")
        history = badges.previous_prints(s, pid)
    assert not first.reprint and second.reprint
    assert [h.station for h in history] == ["d1", "d2"]

"""The desk's protocol alert and the report's VIP list follow one rule."""

from __future__ import annotations

from kiosk.domain.checkin import CheckInDesk, ParticipantSummary
from kiosk.domain.models import Category, Participant
from kiosk.domain.speakers import protocol_reason
from kiosk.report.data import gather
from kiosk.storage.engine import Database


def test_a_lawmaker_imported_without_a_category_is_in_the_report_vip_list(db: Database, desk: CheckInDesk) -> None:
    with db.write() as s:
        guest = Participant(event_id=desk.event_id, name="국회원", organization="국회", title="국회의원",
                            category=Category.OTHER, is_vip=False)  # fmt: skip
        s.add(guest)
        s.flush()
        pid = guest.id
    verdict = desk.check_in_participant(pid, "desk-1")
    assert verdict.ok and protocol_reason(verdict.participant) == "국회의원"  # the desk alerts
    with db.session() as s:
        data = gather(s, desk.event_id)
        summary = ParticipantSummary.of(s.get(Participant, pid))
    assert protocol_reason(summary) is not None
    assert pid in [p.id for p in data.vips]  # and the report lists the guest the desk announced

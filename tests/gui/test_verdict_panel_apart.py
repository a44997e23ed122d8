"""What the verdict panel says when a station apart from the server refuses for capacity."""

from __future__ import annotations

import pytest

from kiosk.domain.checkin import CheckInVerdict, ParticipantSummary, ScanStatus
from kiosk.ui.verdict_panel import VerdictPanel

GUEST = ParticipantSummary(7, "김현미", "국토교통부", "장관", "ministry", "", False, False, False, 0)


@pytest.mark.parametrize(("share", "says"), [(True, "맡겨진 좌석을 다 썼습니다"), (False, "맡아 둔 좌석이 없습니다")])
def test_a_station_without_a_share_does_not_say_it_used_one_up(qtbot, share: bool, says: str) -> None:  # type: ignore[no-untyped-def]
    """A console restarted after a crash while the server was away said it had "used up" seats
    it never held (second independent tester)."""
    panel = VerdictPanel()
    qtbot.addWidget(panel)
    verdict = CheckInVerdict("code", ScanStatus.CAPACITY_FULL, GUEST, extra={"apart": True, "share": share})
    panel.show_verdict(verdict)
    assert says in panel.detail.text()

"""The connection badge in a status bar: three states and the count of check-ins not yet sent."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from kiosk.sync.station import LinkState, LinkStatus
from kiosk.ui.connection_badge import ConnectionBadge


def _status(state: LinkState, pending: int = 0, conflicts: int = 0) -> LinkStatus:
    return LinkStatus(
        state=state, pending=pending, conflicts=conflicts, server="postgresql+psycopg://kiosk:***@192.0.2.10/kiosk",
        offline_since=datetime(2017, 11, 22, 5, 31, tzinfo=UTC) if state is LinkState.OFFLINE else None,
        last_error="connection refused" if state is LinkState.OFFLINE else "",
    )  # fmt: skip


def test_badge_shows_each_state(qtbot) -> None:  # type: ignore[no-untyped-def]
    badge = ConnectionBadge()
    qtbot.addWidget(badge)
    badge.show_status(_status(LinkState.ONLINE))
    assert badge.label.text() == "온라인" and not badge.pending.isVisibleTo(badge)
    badge.show_status(_status(LinkState.OFFLINE, pending=3))
    assert badge.label.text() == "오프라인 (로컬 저장 중)"
    assert badge.pending.text() == "미전송 3건" and badge.pending.isVisibleTo(badge)
    assert "14:31:00" in badge.toolTip() and "***" in badge.toolTip()  # Seoul time, no password
    badge.show_status(_status(LinkState.SYNCING, pending=3))
    assert badge.label.text() == "동기화 중"
    badge.show_status(_status(LinkState.ONLINE, conflicts=2))
    assert badge.pending.text() == "충돌 2건 확인 필요"


def test_badge_follows_a_status_source(qtbot) -> None:  # type: ignore[no-untyped-def]
    current = [_status(LinkState.ONLINE)]
    badge = ConnectionBadge()
    qtbot.addWidget(badge)
    badge.follow(lambda: current[0], interval_ms=20)
    current[0] = _status(LinkState.OFFLINE, pending=1)
    qtbot.waitUntil(lambda: badge.state is LinkState.OFFLINE, timeout=2000)
    assert badge.pending.text() == "미전송 1건"


def test_badge_in_a_status_bar_renders(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    badge = ConnectionBadge()
    window.statusBar().addPermanentWidget(badge)
    window.resize(1366, 120)
    badge.show_status(_status(LinkState.OFFLINE, pending=12))
    window.show()
    qtbot.waitExposed(window)
    image = window.grab()
    assert not image.isNull()
    image.save(str(tmp_path / "badge.png"))


class _Link:
    """A stand-in for StationLink: poll() runs on a worker thread and may be slow."""

    def __init__(self) -> None:
        import threading

        self.threads: set[int] = set()
        self.status = _status(LinkState.OFFLINE, pending=4)
        self._threading = threading

    def poll(self) -> LinkStatus:
        self.threads.add(self._threading.get_ident())
        return self.status


def test_badge_polls_the_link_off_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    import threading

    link = _Link()
    badge = ConnectionBadge()
    qtbot.addWidget(badge)
    badge.attach(link, interval_ms=20)
    qtbot.waitUntil(lambda: badge.state is LinkState.OFFLINE, timeout=3000)
    assert badge.pending.text() == "미전송 4건"
    link.status = _status(LinkState.ONLINE)
    qtbot.waitUntil(lambda: badge.state is LinkState.ONLINE, timeout=3000)
    assert threading.get_ident() not in link.threads
    badge._timer.stop()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not badge._polling, timeout=3000)


def test_badge_says_when_contacts_were_left_out_after_a_purge(qtbot) -> None:  # type: ignore[no-untyped-def]
    badge = ConnectionBadge()
    qtbot.addWidget(badge)
    badge.show_status(LinkStatus(state=LinkState.ONLINE, pending=0, conflicts=0, server="", notice="purged"))
    assert badge.pending.text() == "개인정보 삭제된 서버: 연락처는 올리지 않음" and badge.pending.isVisibleTo(badge)
    assert "올리지 않고 이 PC의 사본에서도" in badge.toolTip()


def test_badge_shows_conflicts_and_sync_findings_together(qtbot) -> None:  # type: ignore[no-untyped-def]
    """With conflicts waiting, an overshoot found by the sync was not on the badge at all
    (second independent tester)."""
    badge = ConnectionBadge()
    qtbot.addWidget(badge)
    badge.show_status(LinkStatus(state=LinkState.ONLINE, pending=0, conflicts=4, server="", findings=1))
    assert badge.pending.text() == "충돌 4건 · 동기화 확인 1건"
    assert "동기화 확인 사항 1건" in badge.toolTip()

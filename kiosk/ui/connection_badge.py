"""The status-bar badge that tells staff whether this laptop reaches the shared server.

온라인 (green) · 오프라인 (로컬 저장 중) (amber, with the number of check-ins not yet sent) ·
동기화 중 (blue). The badge only shows what it is given: `show_status(LinkStatus)`, or
`follow(source)` to read a status function on a timer. `StationLink.status()` is cheap and
local (one SQLite count), so reading it on the GUI thread is fine; `poll()`, which may wait
for the network, belongs on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.domain.timefmt import local
from kiosk.service.upkeep import LinkState, LinkStatus
from kiosk.ui.theme import COLORS

_COLOURS = {
    LinkState.ONLINE: COLORS["ok"],
    LinkState.OFFLINE: COLORS["warning"],
    LinkState.SYNCING: COLORS["accent"],
}


class PollableLink(Protocol):
    def poll(self) -> LinkStatus: ...


class _PollSignals(QObject):
    done = Signal(object)  # LinkStatus, delivered on the GUI thread (queued)


class _PollTask(QRunnable):
    def __init__(self, link: PollableLink, signals: _PollSignals) -> None:
        super().__init__()
        self.link, self.signals = link, signals

    def run(self) -> None:
        try:
            status = self.link.poll()
        except Exception:  # noqa: BLE001 - a failed probe must not kill the badge; retried next tick
            status = None
        self.signals.done.emit(status)


class ConnectionBadge(QWidget):
    # Pressed while conflicts or sync findings wait: the console opens the matching screen.
    review_requested = Signal(str)  # "conflicts" | "findings"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBadge")
        self._review = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        self.dot = QLabel("●")
        self.label = QLabel()
        self.label.setObjectName("connectionState")
        self.pending = QLabel()
        self.pending.setObjectName("connectionPending")
        for w in (self.dot, self.label, self.pending):
            layout.addWidget(w)
        self._timer: QTimer | None = None
        self._source: Callable[[], LinkStatus] | None = None
        self._link: PollableLink | None = None
        self._polling = False
        self._signals = _PollSignals(self)
        self._signals.done.connect(self._polled)
        self.state: LinkState | None = None
        self.show_status(LinkStatus(state=LinkState.ONLINE, pending=0, conflicts=0, server=""))

    def texts(self) -> dict[LinkState, str]:
        return {
            LinkState.ONLINE: self.tr("온라인"),
            LinkState.OFFLINE: self.tr("오프라인 (로컬 저장 중)"),
            LinkState.SYNCING: self.tr("동기화 중"),
        }

    def show_status(self, status: LinkStatus) -> None:
        self.state = status.state
        colour = _COLOURS[status.state]
        self.dot.setStyleSheet(f"color: {colour}; font-size: 14pt;")
        self.label.setStyleSheet(f"color: {colour}; font-weight: 700;")
        self.label.setText(self.texts()[status.state])
        if status.name_clash:
            self.pending.setText(self.tr("다른 PC와 같은 이름: 이름을 바꾸세요"))
        elif status.pending:
            self.pending.setText(self.tr("미전송 {0}건").format(status.pending))
        elif status.conflicts and status.findings:  # both wait: neither may hide the other
            self.pending.setText(self.tr("충돌 {0}건 · 동기화 확인 {1}건").format(status.conflicts, status.findings))
        elif status.conflicts:
            self.pending.setText(self.tr("충돌 {0}건 확인 필요").format(status.conflicts))
        elif status.findings:
            self.pending.setText(self.tr("동기화 확인 {0}건").format(status.findings))
        elif status.notice:
            self.pending.setText(self.tr("개인정보 삭제된 서버: 연락처는 올리지 않음"))
        else:
            self.pending.setText("")
        self.pending.setVisible(bool(self.pending.text()))
        self._review = "conflicts" if status.conflicts else "findings" if status.findings else ""
        self.setCursor(Qt.CursorShape.PointingHandCursor if self._review else Qt.CursorShape.ArrowCursor)
        self.setToolTip(self._details(status))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._review and event.button() == Qt.MouseButton.LeftButton:
            self.review_requested.emit(self._review)
            return
        super().mousePressEvent(event)

    def _details(self, status: LinkStatus) -> str:
        lines = [self.tr("공유 서버: {0}").format(status.server or "-")]
        if status.state is LinkState.OFFLINE:
            lines.append(self.tr("서버에 연결할 수 없어 이 PC에 저장하고 있습니다. 연결되면 자동으로 보냅니다."))
            if status.offline_since is not None:
                lines.append(self.tr("연결 끊김: {0}").format(f"{local(status.offline_since):%H:%M:%S}"))
            if status.last_error:
                lines.append(status.last_error)
        if status.last_sync_at is not None:
            lines.append(self.tr("마지막 동기화: {0}").format(f"{local(status.last_sync_at):%H:%M:%S}"))
        if status.notice:
            lines.append(self.tr(
                "서버의 개인정보가 삭제되어 있어, 오프라인에 받은 전화번호·이메일·메모는 올리지 않고 이 PC의 사본에서도 "
                "지웠습니다. 체크인과 이름·소속은 그대로 올렸습니다."
            ))  # fmt: skip
        if status.name_clash:
            lines.append(self.tr("다른 PC가 이 체크인 PC 이름을 쓰고 있습니다. 설정(F10)에서 한 PC의 이름을 바꾸세요. "
                                 "그때까지 이 PC는 서버와 끊기면 책임자 승인 없이는 입장시키지 않습니다."))  # fmt: skip
        if status.conflicts:
            lines.append(self.tr("두 PC에서 같은 사람이 체크인된 기록 {0}건: 관리자 확인").format(status.conflicts))
        if status.findings:
            lines.append(self.tr("동기화 확인 사항 {0}건 (정원 초과 또는 취소된 분 입장): 관리자 확인").format(status.findings))
        if status.conflicts or status.findings:
            lines.append(self.tr("누르면 확인 화면이 열립니다 (책임자)"))
        return "\n".join(lines)

    def follow(self, source: Callable[[], LinkStatus], interval_ms: int = 1000) -> None:
        """Read `source()` now and every `interval_ms`."""
        self._source = source
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.timeout.connect(self._refresh)
        self._timer.start(interval_ms)
        self._refresh()

    def _refresh(self) -> None:
        if self._source is not None:
            self.show_status(self._source())

    def attach(self, link: PollableLink, interval_ms: int = 1000) -> None:
        """Run `link.poll()` on a worker thread every `interval_ms` and show each result.

        poll() probes the server, syncs the journal and refreshes the local copy; it can wait
        for a connect timeout, which is why it never runs on the GUI thread.
        """
        self._link = link
        if self._timer is None:
            self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll_now)
        self._timer.start(interval_ms)
        self._poll_now()

    def _poll_now(self) -> None:
        if self._link is None or self._polling:
            return  # one poll at a time: a slow probe must not pile up behind itself
        self._polling = True
        QThreadPool.globalInstance().start(_PollTask(self._link, self._signals))

    def _polled(self, status: LinkStatus | None) -> None:
        self._polling = False
        if status is not None:
            self.show_status(status)

"""The protocol alert: a purple banner across the window that stays until someone acknowledges it.

It is not a dialog: scanning goes on underneath, and several arrivals queue up ("외 2명").
Shown and acknowledged alerts both go to the audit log; VIPs checked in at other desks are
announced here too. Reads and audit lines go through the door service on its worker (`tasks`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.checkin import CheckInVerdict, ScanStatus
from kiosk.domain.models import utcnow
from kiosk.domain.speakers import VipArrival, protocol_reason
from kiosk.domain.timefmt import hhmm
from kiosk.ui.i18n import tr
from kiosk.ui.theme import COLORS

if TYPE_CHECKING:
    from kiosk.ui.taskman import TaskManager


@dataclass(frozen=True)
class VipAlert:
    participant_id: int
    name: str
    title: str
    organization: str
    reason: str
    at: datetime
    station: str
    companions: int
    refused: bool = False  # turned away at capacity: waiting at the door for a supervisor


def alert_for(verdict: CheckInVerdict) -> VipAlert | None:
    p = verdict.participant
    if not verdict.ok or p is None or verdict.checked_out_at is not None:  # leaving is no arrival
        return None
    reason = protocol_reason(p)
    if reason is None or verdict.checked_in_at is None:
        return None
    deputy = verdict.extra.get("deputy")
    title = f"{p.title} (대리: {deputy['name']} {deputy['title']})" if deputy else p.title  # 대리 참석
    return VipAlert(p.id, p.name, title, p.organization, reason, verdict.checked_in_at,
                    verdict.station or "", verdict.companions)  # fmt: skip


def refusal_alert_for(verdict: CheckInVerdict, station: str, at: datetime) -> VipAlert | None:
    """A protocol guest refused because the room is full: protocol staff must know at once."""
    p = verdict.participant
    if verdict.status is not ScanStatus.CAPACITY_FULL or p is None:
        return None
    reason = protocol_reason(p)
    if reason is None:
        return None
    return VipAlert(p.id, p.name, p.title, p.organization, reason, at, station, 0, refused=True)


class VipAlertBar(QFrame):
    acknowledged = Signal(object)  # VipAlert

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vipAlert")
        self.setStyleSheet(
            f"QFrame#vipAlert {{ background: {COLORS['vip']}; border-radius: 10px; }}"
            "QFrame#vipAlert QLabel { color: white; }"
        )
        self.queue: list[VipAlert] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 6, 10, 6)
        text = QVBoxLayout()
        text.setSpacing(0)
        self.headline = QLabel()
        self.headline.setObjectName("vipHeadline")
        self.detail = QLabel()
        self.detail.setObjectName("vipDetail")
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        row.addLayout(text, 1)
        self.ack = QPushButton(self.tr("확인 (Ctrl+K)"))
        self.ack.setObjectName("vipAck")
        self.ack.clicked.connect(self.acknowledge)
        row.addWidget(self.ack)
        self.hide()

    def push(self, alert: VipAlert) -> None:
        self.queue.append(alert)
        self._show_first()

    def _show_first(self) -> None:
        if not self.queue:
            self.hide()
            return
        a = self.queue[0]
        if a.refused:
            self.headline.setText(self.tr("의전 알림 — {0} {1} 정원 초과로 입장 대기 (책임자 승인 F12)").format(
                a.name, a.title or tr("labels", a.reason)))  # fmt: skip
        else:
            self.headline.setText(self.tr("의전 알림 — {0} {1} 도착").format(a.name, a.title or tr("labels", a.reason)))
        more = self.tr(" · 외 {0}명 대기").format(len(self.queue) - 1) if len(self.queue) > 1 else ""
        companions = self.tr(" · 수행원 {0}명").format(a.companions) if a.companions else ""
        self.detail.setText(f"{a.organization} · {hhmm(a.at)} · {a.station}{companions}{more}")
        self.show()

    def update_companions(self, participant_id: int, companions: int) -> None:
        """The aides' count changed after the alert appeared: protocol staff see the new one."""
        self.queue = [replace(a, companions=companions) if a.participant_id == participant_id else a
                      for a in self.queue]  # fmt: skip
        if self.queue:
            self._show_first()

    def acknowledge(self) -> VipAlert | None:
        if not self.queue:
            return None
        alert = self.queue.pop(0)
        self._show_first()
        self.acknowledged.emit(alert)
        return alert


def _alert_of(a: VipArrival) -> VipAlert:
    p = a.participant
    title = f"{p.title} (대리: {a.deputy})" if a.deputy else p.title
    return VipAlert(p.id, p.name, title, p.organization, a.reason, a.arrived_at, a.station, a.companions)


class VipProtocol(QObject):
    """Who has been announced at this desk, and the audit trail of every alert.

    Lives as long as the window (the bar is rebuilt on a language switch, its queue carried
    over). Alerts come from this desk's verdicts at once and from other desks' check-ins on
    every `poll()`; arrivals from before the window opened are on the board, not alerts.
    """

    def __init__(self, tasks: TaskManager, event_id: Callable[[], int | None], station: Callable[[], str],
                 operator: Callable[[], str], parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.tasks = tasks
        self.event_id = event_id
        self.station = station
        self.operator = operator
        self.seen: set[int] = set()
        self.refused_seen: set[int] = set()
        self.primed = False
        self.bar: VipAlertBar | None = None

    def make_bar(self) -> VipAlertBar:
        waiting = self.bar.queue if self.bar is not None else []
        self.bar = VipAlertBar()
        self.bar.acknowledged.connect(lambda alert: self._log(alert.participant_id, "acknowledged", alert.reason))
        for alert in waiting:  # a language switch must not drop an unacknowledged VIP
            self.bar.push(alert)
        return self.bar

    def announce(self, verdict: CheckInVerdict) -> VipAlert | None:
        refused = refusal_alert_for(verdict, self.station(), utcnow())
        if refused is not None:
            if refused.participant_id in self.refused_seen:
                return None
            self.refused_seen.add(refused.participant_id)
            if self.bar is not None:
                self.bar.push(refused)
            self._log(refused.participant_id, "refused_at_capacity", refused.reason)
            return refused
        alert = alert_for(verdict)
        if alert is None or alert.participant_id in self.seen:
            return None
        self.seen.add(alert.participant_id)
        self._push(alert)
        return alert

    def poll(self) -> None:
        """Ask the worker for the protocol arrivals; `take_arrivals` shows the new ones."""
        if self.event_id() is None:
            self.primed = True  # no event yet: nobody arrived before this window opened
            return
        self.tasks.run_coalesced("vip_arrivals", lambda svc: svc.vip_arrivals(), on_done=self.take_arrivals,
                                 on_error=lambda exc: None)  # a dying server: the next poll tries again

    def take_arrivals(self, arrivals: list[VipArrival]) -> None:
        first_look, self.primed = not self.primed, True
        for a in reversed(arrivals):  # oldest first, so the queue is in arrival order
            if a.participant.id in self.seen:
                continue
            self.seen.add(a.participant.id)
            if not first_look:
                self._push(_alert_of(a))
        if first_look and arrivals:
            # Arrivals from before this window opened are on the board, except the alerts this
            # station showed and nobody acknowledged (the console was closed or killed): they
            # come back until confirmed.
            self.tasks.run(lambda svc: svc.waiting_vip_alerts(), lambda waiting: self._restore(arrivals, waiting),
                           lambda exc: None)  # fmt: skip

    def _restore(self, arrivals: list[VipArrival], waiting: set[int]) -> None:
        if self.bar is None:
            return
        queued = {alert.participant_id for alert in self.bar.queue}
        for a in reversed(arrivals):
            if a.participant.id in waiting and a.participant.id not in queued:
                self.bar.push(_alert_of(a))  # shown before: logged then, acknowledged when confirmed

    def _push(self, alert: VipAlert) -> None:
        if self.bar is not None:
            self.bar.push(alert)
        self._log(alert.participant_id, "shown", alert.reason)

    def _log(self, participant_id: int, outcome: str, reason: str) -> None:
        if self.event_id() is None:
            return
        operator = self.operator()
        self.tasks.run(lambda svc: svc.record_vip_alert(participant_id, outcome, reason, operator))

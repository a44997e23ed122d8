"""The big verdict panel: one colour and one plain sentence for every scan.

green: welcome · purple: a VIP or protocol guest · amber: already inside (when, where) ·
red: refused, with the reason in plain Korean and what to do next · blue: a check-out ·
slate: waiting. A re-entry says 재입장 and the earlier visits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.checkin import CheckInVerdict, ScanStatus
from kiosk.domain.speakers import protocol_reason
from kiosk.domain.timefmt import hhmm
from kiosk.ui.i18n import tr
from kiosk.ui.theme import COLORS
from kiosk.ui.window_parts import clear_layout

KIND_COLORS = {
    "idle": COLORS["idle"],
    "ok": COLORS["ok"],
    "vip": COLORS["vip"],
    "already": COLORS["warning"],
    "refused": COLORS["refused"],
    "checkout": "#1f5f99",  # blue: leaving, never mistaken for the green of an arrival
}


def verdict_kind(verdict: CheckInVerdict) -> str:
    """ok / vip / already / refused: picks the colour and the sound."""
    if verdict.status is ScanStatus.OK:
        if verdict.checked_out_at is not None:
            return "checkout"
        if verdict.participant is not None and protocol_reason(verdict.participant):
            return "vip"
        return "ok"
    if verdict.status is ScanStatus.ALREADY_CHECKED_IN:
        return "already"
    return "refused"


class VerdictPanel(QFrame):
    def __init__(self, parent: QWidget | None = None, *, guest_facing: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.guest_facing = guest_facing
        self.kind = "idle"
        self.verdict: CheckInVerdict | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 14, 32, 14)
        layout.setSpacing(4)
        self.tags = QHBoxLayout()
        self.tags.setSpacing(8)
        self.tag_labels: list[QLabel] = []
        layout.addLayout(self.tags)
        layout.addStretch(1)
        self.headline = QLabel()
        self.headline.setObjectName("verdictHeadline")
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.detail = QLabel()
        self.detail.setObjectName("verdictDetail")
        self.detail.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("verdictHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        self.show_idle()

    # -- states ---------------------------------------------------------------------------------

    def _paint(self, kind: str) -> None:
        self.kind = kind
        self.setProperty("kind", kind)
        self.setStyleSheet(
            f"QFrame#verdictPanel {{ background: {KIND_COLORS[kind]}; border-radius: 16px; }}"
            "QFrame#verdictPanel QLabel { color: white; background: transparent; }"
        )

    def _set_tags(self, tags: list[str]) -> None:
        clear_layout(self.tags)
        self.tag_labels = []
        for text in tags:
            label = QLabel(text)
            label.setObjectName("verdictTag")
            self.tags.addWidget(label)
            self.tag_labels.append(label)
        self.tags.addStretch(1)

    def show_idle(self) -> None:
        self.verdict = None
        self._paint("idle")
        self._set_tags([])
        if self.guest_facing:
            self.headline.setText(self.tr("QR 코드를 보여 주세요"))
            self.detail.setText(self.tr("휴대전화 화면이나 인쇄한 초대장의 QR 코드를 스캐너에 대 주세요"))
            self.hint.setText("")
        else:
            self.headline.setText(self.tr("QR 코드를 스캔하세요"))
            self.detail.setText(self.tr("스캐너나 카메라로 초대장의 QR 코드를 읽으면 결과가 여기에 바로 나옵니다."))
            self.hint.setText(self.tr("QR이 없으면 이름 검색 F2 · 명단에 없으면 현장등록 F3"))

    def show_message(self, kind: str, headline: str, detail: str = "", hint: str = "") -> None:
        """A result that is not a scan verdict (a walk-in refused, a badge printed...)."""
        self.verdict = None
        self._paint(kind)
        self._set_tags([])
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.hint.setText(hint)

    def show_verdict(self, verdict: CheckInVerdict) -> str:
        """Show a verdict; returns its kind (ok / vip / already / refused)."""
        self.verdict = verdict
        kind = verdict_kind(verdict)
        self._paint(kind)
        p = verdict.participant
        headline, detail, hint = self._texts(verdict)
        tags: list[str] = []
        if p is not None and not self.guest_facing:
            reason = protocol_reason(p)
            if reason:
                tags.append(self.tr("의전 {0}").format(tr("labels", reason)))
            if p.speaker:
                tags.append(self.tr("발표자"))
            if p.walk_in:
                tags.append(self.tr("현장등록"))
            if verdict.companions:
                tags.append(self.tr("수행원 {0}명").format(verdict.companions))
            if verdict.ok and verdict.reentry and verdict.checked_out_at is None:
                tags.append(self.tr("재입장"))
        self._set_tags(tags)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.hint.setText(hint)
        return kind

    def _texts(self, verdict: CheckInVerdict) -> tuple[str, str, str]:
        p = verdict.participant
        who = "" if p is None else " · ".join(x for x in (p.organization, p.title) if x)
        when = hhmm(verdict.checked_in_at) if verdict.checked_in_at else ""
        status = verdict.status
        if status is ScanStatus.OK and verdict.checked_out_at is not None:
            assert p is not None
            left = hhmm(verdict.checked_out_at)
            if self.guest_facing:
                return self.tr("{0}님, 안녕히 가세요").format(p.name), self.tr("퇴장이 확인되었습니다."), ""
            return (
                self.tr("퇴장: {0}님, 안녕히 가세요").format(p.name),
                who + "\n" + self.tr("{0} 퇴장 확인 · {1} 입장").format(left, when),
                self.tr("퇴장 모드 F6 끄기 · 다시 들어오면 재입장으로 기록됩니다"),
            )
        if status is ScanStatus.OK and verdict.reentry:
            assert p is not None
            visits = ", ".join(
                f"{hhmm(came)}–{hhmm(gone)}" if gone is not None else hhmm(came) for came, gone in verdict.earlier_visits
            )
            if self.guest_facing:
                return p.greeting, self.tr("재입장이 확인되었습니다."), ""
            detail = who + "\n" + self.tr("{0} 재입장 확인 · {1} · 이전 입장 {2}").format(
                when, verdict.station or "", visits)  # fmt: skip
            return p.greeting, detail, self.tr("배지 출력 Ctrl+P")
        if status is ScanStatus.OK:
            assert p is not None
            if self.guest_facing:
                return verdict.greeting, self.tr("입장이 확인되었습니다. 즐거운 시간 되세요."), ""
            detail = who + "\n" + self.tr("{0} 입장 확인 · {1}").format(when, verdict.station or "")
            if verdict.extra.get("deputy"):  # 대리 참석: greeted by their own title
                detail = self.tr("{0} {1} 대리 참석").format(p.name, p.title) + detail[len(who) :]
            hint = self.tr("배지 출력 Ctrl+P")
            if p.companions_allowed:
                hint = self.tr("수행원 수 Alt+0…Alt+{0} · 배지 출력 Ctrl+P").format(p.companions_allowed)
            return verdict.greeting, detail, hint
        if status is ScanStatus.ALREADY_CHECKED_IN:
            assert p is not None
            if self.guest_facing:
                return self.tr("이미 입장하셨습니다"), self.tr("{0}에 입장이 확인되었습니다.").format(when), ""
            return (
                self.tr("이미 입장했습니다: {0}").format(p.name),
                who + "\n" + self.tr("처음 입장 {0} · {1}").format(when, verdict.station or ""),
                self.tr("같은 분이 맞는지 확인하세요. 잘못된 입장은 최근 체크인에서 취소(책임자)"),
            )
        headline, detail = self._refusal(status)
        if status is ScanStatus.CAPACITY_FULL and verdict.extra.get("apart") and verdict.extra.get("share") is False:
            # Started while the server was away (or after a crash): it never held a share.
            detail = self.tr("이 PC는 서버와 연결되지 않은 채 시작해서 맡아 둔 좌석이 없습니다. "
                             "다른 입구의 입장을 알 수 없어 더 들이면 정원을 넘을 수 있습니다.")  # fmt: skip
        elif status is ScanStatus.CAPACITY_FULL and verdict.extra.get("apart"):
            # Apart from the server this station admits only its share of the seats.
            detail = self.tr("서버와 연결이 끊긴 동안 이 PC에 맡겨진 좌석을 다 썼습니다. "
                             "다른 입구의 입장을 알 수 없어 더 들이면 정원을 넘을 수 있습니다.")  # fmt: skip
        elif status is ScanStatus.CAPACITY_FULL and verdict.extra.get("held_elsewhere"):
            detail = self.tr("남은 좌석 {0}석은 다른 입구에 나눠 맡긴 몫입니다 (입구가 끊겨도 정원을 지키려고).").format(
                verdict.extra["held_elsewhere"]
            )
        if p is not None and not self.guest_facing:
            detail = f"{p.name} · {who}\n{detail}"
        if self.guest_facing:
            return headline, self.tr("안내 데스크로 와 주세요. 도와드리겠습니다."), ""
        if status is ScanStatus.CAPACITY_FULL and p is not None:
            return headline, detail, self.tr("책임자 승인으로 입장 F12 · Esc 로 지우기")
        return headline, detail, self.tr("Esc 로 지우기 · 이름 검색 F2")

    def _refusal(self, status: ScanStatus) -> tuple[str, str]:
        if status is ScanStatus.NOT_FOUND:
            return self.tr("명단에 없는 코드입니다"), self.tr("이름 검색(F2)으로 찾거나 현장등록(F3)을 하세요.")
        if status is ScanStatus.INVALID_SIGNATURE:
            return self.tr("위조되었거나 손상된 코드입니다"), self.tr(
                "이 코드로는 입장할 수 없습니다. 신분을 확인한 뒤 이름 검색(F2)으로 체크인하세요."
            )
        if status is ScanStatus.WRONG_EVENT:
            return self.tr("다른 행사의 코드입니다"), self.tr("이 행사의 초대장이 아닙니다. 이름 검색(F2)으로 확인하세요.")
        if status is ScanStatus.CANCELLED:
            return self.tr("등록이 취소된 분입니다"), self.tr("입장 여부는 현장 책임자에게 확인하세요.")
        if status is ScanStatus.CAPACITY_FULL:
            return self.tr("정원이 찼습니다"), self.tr("남은 좌석이 없습니다. 입장은 현장 책임자의 승인이 필요합니다.")
        if status is ScanStatus.NOT_CHECKED_IN:
            return self.tr("입장 기록이 없습니다"), self.tr("이 분은 지금 입장해 있지 않습니다.")
        return self.tr("읽을 수 없는 코드입니다"), self.tr("다시 스캔하거나 이름 검색(F2)을 이용하세요.")

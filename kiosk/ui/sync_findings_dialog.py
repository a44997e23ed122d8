"""What the syncs found, for the supervisor: the room over capacity, cancelled guests admitted.

Takes plain data (a list of `SyncFinding`, from `DoorService.sync_findings()`); opens no session.
"확인했습니다" emits `acknowledged` (the console then calls `acknowledge_findings` on its worker)
and closes; "닫기" closes and keeps the list for later.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.timefmt import local
from kiosk.service.seats import CANCELLED_ADMITTED, OVERSHOOT, SyncFinding


class SyncFindingsDialog(QDialog):
    acknowledged = Signal()

    def __init__(
        self, findings: Sequence[SyncFinding], zone: str = "Asia/Seoul", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.zone = zone
        self.setWindowTitle(self.tr("동기화 확인 사항"))
        self.setMinimumSize(760, 360)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("연결이 끊긴 동안의 입장 기록을 서버에 올리면서 확인이 필요한 일이 {0}건 있습니다.")
                         .format(len(findings)))  # fmt: skip
        heading.setObjectName("panelHeading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.table = QTableWidget(len(findings), 4)
        self.table.setHorizontalHeaderLabels([self.tr("시각"), self.tr("스테이션"), self.tr("내용"), self.tr("조치")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, finding in enumerate(findings):
            when = local(finding.checked_in_at or finding.at, zone).strftime("%H:%M:%S")
            what, todo = self.describe(finding)
            for col, text in enumerate((when, ", ".join(finding.stations), what, todo)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        note = QLabel(self.tr("모든 항목은 감사 기록에 남아 있습니다. 확인하면 이 목록에서만 지워집니다."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.ack_button = buttons.addButton(self.tr("확인했습니다"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("닫기"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._acknowledge)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ack_button.setEnabled(bool(findings))

    def describe(self, finding: SyncFinding) -> tuple[str, str]:
        """One line of what happened and one of what the supervisor can do about it."""
        if finding.kind == OVERSHOOT:
            return (
                self.tr("정원 {0}명에 현재 {1}명: {2}명 초과 (이번 동기화로 {3}명, 그중 책임자 승인 {4}명)").format(
                    finding.capacity, finding.present, finding.over, finding.added, finding.overrides
                ),
                self.tr("현장 안전 책임자에게 알리고 좌석을 확인하세요."),
            )
        if finding.kind == CANCELLED_ADMITTED:
            return (
                self.tr("{0}: 연결이 끊긴 동안 입장했으나 그사이 서버에서 등록이 취소되었습니다.").format(finding.name),
                self.tr("입장 상태로 두었습니다. 퇴장 또는 입장 취소는 최근 체크인에서 하세요."),
            )
        return finding.kind, ""

    def _acknowledge(self) -> None:
        self.acknowledged.emit()
        self.accept()

"""The protocol board: VIP arrivals (newest first) beside the program's presenters per session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.timefmt import hhmm
from kiosk.ui.i18n import tr
from kiosk.ui.taskman import TaskManager
from kiosk.ui.theme import COLORS


class ProtocolBoard(QWidget):
    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(18)

        left = QVBoxLayout()
        self.vip_heading = QLabel(self.tr("VIP 도착"))
        self.vip_heading.setObjectName("panelHeading")
        left.addWidget(self.vip_heading)
        self.vips = QTableWidget(0, 5)
        self.vips.setHorizontalHeaderLabels(
            [self.tr("시각"), self.tr("이름"), self.tr("직위 · 소속"), self.tr("구분"), self.tr("수행원")]
        )
        self.vips.verticalHeader().setVisible(False)
        self.vips.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.vips.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.vips.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        left.addWidget(self.vips, 1)
        root.addLayout(left, 5)

        right = QVBoxLayout()
        self.speaker_heading = QLabel(self.tr("발표자"))
        self.speaker_heading.setObjectName("panelHeading")
        right.addWidget(self.speaker_heading)
        self.speakers = QTreeWidget()
        self.speakers.setColumnCount(3)
        self.speakers.setHeaderLabels([self.tr("세션 · 발표자"), self.tr("소속"), self.tr("도착")])
        self.speakers.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.speakers.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        right.addWidget(self.speakers, 1)
        root.addLayout(right, 6)

    def refresh(self) -> None:
        self.tasks.run_latest(f"speakers-board-{id(self)}", lambda svc: svc.speakers_view(), self._show)

    def _show(self, answer: tuple) -> None:
        arrivals, board = answer
        self.vip_heading.setText(self.tr("VIP 도착 ({0}명)").format(len(arrivals)))
        self.vips.setRowCount(len(arrivals))
        for i, a in enumerate(arrivals):
            p = a.participant
            title = f"{p.title} (대리: {a.deputy})" if a.deputy else p.title
            cells = [hhmm(a.arrived_at), p.name, " · ".join(x for x in (title, p.organization) if x),
                     tr("labels", a.reason), str(a.companions) if a.companions else ""]  # fmt: skip
            for j, text in enumerate(cells):
                self.vips.setItem(i, j, QTableWidgetItem(text))
        # A presenter in three sessions is one person at the door.
        people = {(s.participant_id or s.name): s.arrived for b in board for s in b.speakers}
        total, arrived = len(people), sum(people.values())
        self.speaker_heading.setText(self.tr("발표자 (도착 {0}/{1})").format(arrived, total))
        self.speakers.clear()
        green, red = QBrush(QColor(COLORS["ok"])), QBrush(QColor(COLORS["refused"]))
        for b in board:
            top = QTreeWidgetItem([f"{hhmm(b.starts_at)} {b.title}", b.detail, f"{b.arrived}/{len(b.speakers)}"])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for s in b.speakers:
                region = f" ({s.region})" if s.region else ""
                state = self.tr("도착 {0}").format(hhmm(s.arrived_at)) if s.arrived_at else self.tr("미도착")
                if s.participant_id is None:
                    state = self.tr("명단에 없음")
                child = QTreeWidgetItem([s.name + region, s.organization, state])
                child.setForeground(2, green if s.arrived else red)
                top.addChild(child)
            self.speakers.addTopLevelItem(top)
            top.setExpanded(True)
        self.speakers.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

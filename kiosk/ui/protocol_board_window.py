"""The protocol board (의전 현황판): a display-only window for the VIP room or a second screen.

It polls the database once a second, like the console does, so check-ins from any station show
up. A guest (or deputy) arriving rings the VIP sound and raises a banner; when the highest-ranked
guest of the list arrives, the banner turns gold and large. The highest-ranked guest present is
the gold row of the table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.models import utcnow
from kiosk.domain.protocol import ProtocolEntry, ProtocolState
from kiosk.domain.timefmt import hhmm
from kiosk.ui.protocol_tab import state_text
from kiosk.ui.sounds import VerdictSounds
from kiosk.ui.taskman import TaskManager

POLL_MS = 1000
BANNER_MS = 60_000
GOLD = "#b8860b"
ARRIVING = (ProtocolState.ARRIVED, ProtocolState.DEPUTY_ARRIVED)


class ProtocolBoardWindow(QWidget):
    def __init__(self, tasks: TaskManager, sounds: VerdictSounds | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.tasks = tasks
        self.sounds = sounds or VerdictSounds(True, self)
        self.setObjectName("protocolBoard")
        self.setWindowTitle(self.tr("의전 현황판"))
        self.setStyleSheet(
            "QWidget#protocolBoard { background: #101820; }"
            "QWidget#protocolBoard QLabel { color: white; }"
            "QTableWidget { background: #16212c; color: white; font-size: 22px; gridline-color: #24313f; }"
            "QHeaderView::section { background: #24313f; color: #c9d3dd; font-size: 17px; padding: 6px; }"
        )
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 28px; font-weight: 700;")
        self.counts = QLabel()
        self.counts.setStyleSheet("font-size: 19px; color: #c9d3dd;")
        root.addWidget(self.title)
        root.addWidget(self.counts)
        self.banner = QLabel()
        self.banner.setObjectName("arrivalBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.hide()
        root.addWidget(self.banner)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("순위"), self.tr("상태"), self.tr("도착"), self.tr("성명 · 직위"), self.tr("소속")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(42)
        root.addWidget(self.table, 1)
        self.known: dict[int, ProtocolState] | None = None  # None until the first poll
        self.last_arrival: ProtocolEntry | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.hide_banner = QTimer(self)
        self.hide_banner.setSingleShot(True)
        self.hide_banner.setInterval(BANNER_MS)
        self.hide_banner.timeout.connect(self.banner.hide)
        full = QShortcut(QKeySequence("F11"), self)
        full.activated.connect(lambda: self.showNormal() if self.isFullScreen() else self.showFullScreen())
        leave = QShortcut(QKeySequence("Esc"), self)
        leave.activated.connect(self.showNormal)
        self.poll()
        self.timer.start()

    def show_on_best_screen(self) -> None:
        """Full screen on a second monitor when there is one; a window beside the console if not."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.resize(1280, 720)
            self.show()
        self.raise_()

    def poll(self) -> None:
        self.tasks.run_latest(f"protocol-board-{id(self)}", lambda svc: svc.protocol_view(), self._show)

    def _show(self, view: object) -> None:
        name, entries = view.event_name, view.entries  # type: ignore[attr-defined]
        self.title.setText(self.tr("의전 현황판 · {0} · {1}").format(name, hhmm(utcnow())))
        arrived = [e for e in entries if e.state in ARRIVING]
        self.counts.setText(
            self.tr("도착 {0}명 (대리 {1}) · 미도착 {2}명 · 퇴장 {3}명").format(
                len(arrived), sum(1 for e in arrived if e.deputy),
                sum(1 for e in entries if e.state is ProtocolState.EXPECTED),
                sum(1 for e in entries if e.state is ProtocolState.LEFT),
            )
        )  # fmt: skip
        if self.known is not None:
            new = [e for e in arrived if self.known.get(e.id) not in ARRIVING]
            if new:
                self.announce(
                    min(new, key=lambda e: e.precedence), top=entries[0].precedence if entries else 0
                )
        self.known = {e.id: e.state for e in entries}
        self._fill(entries, arrived[0].id if arrived else None)

    def announce(self, entry: ProtocolEntry, top: int) -> None:
        highest = entry.precedence == top
        self.last_arrival = entry
        what = self.tr("대리 도착") if entry.deputy else self.tr("도착")
        text = f"{entry.display} {what} · {hhmm(entry.arrived_at or utcnow())}"
        if highest:
            text = self.tr("최고 귀빈 도착") + f"\n{text}"
        colour = GOLD if highest else "#5b3fa0"
        size = 40 if highest else 28
        self.banner.setStyleSheet(
            f"background: {colour}; color: white; border-radius: 12px; padding: 14px; "
            f"font-size: {size}px; font-weight: 800;"
        )
        self.banner.setProperty("highest", highest)
        self.banner.setText(text)
        self.banner.show()
        self.hide_banner.start()
        self.sounds.play("vip")

    def _fill(self, entries: list[ProtocolEntry], top_present: int | None) -> None:
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            cells = [str(e.precedence), state_text(e.state), hhmm(e.arrived_at) if e.arrived_at else "—",
                     e.display, e.organization]  # fmt: skip
            dim = {ProtocolState.EXPECTED: "#8d99a6", ProtocolState.LEFT: "#6b7785"}.get(e.state, "#ffffff")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setForeground(QColor(_bright(e.state) if col == 1 else dim))
                if e.id == top_present:  # the highest-ranked guest in the room
                    item.setBackground(QColor(GOLD))
                    item.setForeground(QColor("#ffffff"))
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)


def _bright(state: ProtocolState) -> str:
    # STATE_COLOURS suit a white list; the dark board needs lighter shades of the same hues.
    return {
        ProtocolState.ARRIVED: "#5fd38a",
        ProtocolState.DEPUTY_ARRIVED: "#ffb347",
        ProtocolState.EXPECTED: "#8d99a6",
        ProtocolState.LEFT: "#6b7785",
    }[state]

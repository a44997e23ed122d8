"""The check-in window: the event, and the live count of the room against its capacity."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.events import active_event
from kiosk.domain.headcount import Headcount, headcount
from kiosk.domain.timefmt import event_when
from kiosk.storage.engine import Database
from kiosk.ui.theme import COLORS

REFRESH_MS = 1000


class CounterCard(QFrame):
    """One big number with a caption, e.g. "입장 42 / 150"."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.caption = QLabel(caption)
        self.caption.setObjectName("counterCaption")
        self.value = QLabel("–")
        self.value.setObjectName("bigCounter")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, station: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.station = station
        self.event_id: int | None = None
        self.setWindowTitle(self.tr("체크인 키오스크"))

        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(32, 24, 32, 24)
        root.setSpacing(18)

        self.title = QLabel()
        self.title.setObjectName("eventTitle")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("eventMeta")
        root.addWidget(self.title)
        root.addWidget(self.meta)

        cards = QHBoxLayout()
        self.checked_in = CounterCard(self.tr("입장 / 정원"))
        self.present = CounterCard(self.tr("현재 인원"))
        self.remaining = CounterCard(self.tr("잔여 좌석"))
        self.not_arrived = CounterCard(self.tr("미도착"))
        for card in (self.checked_in, self.present, self.remaining, self.not_arrived):
            cards.addWidget(card, 1)
        cards.setStretch(0, 2)
        root.addLayout(cards)

        self.occupancy = QProgressBar()
        self.occupancy.setTextVisible(True)
        self.occupancy.setMinimumHeight(28)
        root.addWidget(self.occupancy)

        self.notice = QLabel()
        self.notice.setObjectName("eventMeta")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        root.addWidget(self.notice)
        root.addStretch(1)

        self.station_label = QLabel(self.tr("체크인 PC: {0}").format(station))
        self.station_label.setObjectName("eventMeta")
        self.statusBar().addPermanentWidget(self.station_label)
        self.setCentralWidget(central)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.refresh()
        self.timer.start()

    def refresh(self) -> None:
        with self.db.session() as session:
            event = active_event(session)
            if event is None:
                self.event_id = None
                self.title.setText(self.tr("행사가 없습니다"))
                self.meta.setText(self.tr("'kiosk demo'로 시연 행사를 만들거나 명단을 가져오세요."))
                return
            self.event_id = event.id
            self.title.setText(event.name)
            self.meta.setText(f"{event_when(event.starts_at, event.ends_at, event.timezone)} · {event.venue}")
            self.show_counts(headcount(session, event))

    def show_counts(self, counts: Headcount) -> None:
        self.checked_in.value.setText(f"{counts.checked_in} / {counts.capacity}")
        self.present.value.setText(str(counts.present))
        self.remaining.value.setText(str(counts.remaining))
        self.not_arrived.value.setText(str(counts.not_arrived))
        self.occupancy.setMaximum(max(counts.capacity, 1))
        self.occupancy.setValue(min(counts.present, counts.capacity))
        self.occupancy.setFormat(self.tr("정원의 %p% 입장"))
        share = counts.occupancy
        if share >= 1.0:
            color, note = COLORS["refused"], self.tr("정원이 찼습니다 — 현장등록은 책임자 승인이 필요합니다")
        elif share >= 0.9:
            color, note = COLORS["warning"], self.tr("정원의 90%를 넘었습니다")
        else:
            color, note = COLORS["ok"], ""
        self.occupancy.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        self.notice.setText(note)

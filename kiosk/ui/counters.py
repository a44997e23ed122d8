"""Live counters and the capacity bar: the number the room is watched by all afternoon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from kiosk.domain.headcount import Headcount
from kiosk.ui.theme import COLORS

WARN_AT = 0.9


class CounterCard(QFrame):
    """One big number with a caption, e.g. "입장 / 정원  42 / 150"."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QGridLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.setVerticalSpacing(0)
        self.caption = QLabel(caption)
        self.caption.setObjectName("counterCaption")
        self.value = QLabel("–")
        self.value.setObjectName("bigCounter")
        self.note = QLabel("")
        self.note.setObjectName("counterNote")
        self.note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.caption, 0, 0)
        layout.addWidget(self.note, 0, 1)
        layout.addWidget(self.value, 1, 0, 1, 2)


class CountersBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(6)
        cards = QHBoxLayout()
        cards.setSpacing(10)
        self.checked_in = CounterCard(self.tr("입장 / 정원"))
        self.present = CounterCard(self.tr("현재 인원"))
        self.remaining = CounterCard(self.tr("잔여 좌석"))
        self.walk_ins = CounterCard(self.tr("현장등록"))
        self.not_arrived = CounterCard(self.tr("미도착"))
        for card in (self.checked_in, self.present, self.remaining, self.walk_ins, self.not_arrived):
            cards.addWidget(card, 1)
        cards.setStretch(0, 3)
        cards.setStretch(1, 2)
        cards.setStretch(2, 2)
        root.addLayout(cards)
        bar_row = QHBoxLayout()
        self.occupancy = QProgressBar()
        self.occupancy.setTextVisible(True)
        self.occupancy.setFixedHeight(24)
        self.occupancy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice = QLabel()
        self.notice.setObjectName("capacityNotice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar_row.addWidget(self.occupancy, 3)
        bar_row.addWidget(self.notice, 2)
        root.addLayout(bar_row)
        self.level = "normal"
        self._styled = ""
        self.counts: Headcount | None = None

    def show_counts(self, counts: Headcount) -> None:
        if counts == self.counts:
            return  # a refresh every second: nothing to redo when nothing changed
        self.counts = counts
        self.checked_in.value.setText(f"{counts.checked_in} / {counts.capacity}")
        self.checked_in.note.setText(self.tr("초청 {0}명").format(counts.invited))
        self.present.value.setText(str(counts.present))
        self.present.note.setText(self.tr("수행원 {0}명 포함").format(counts.companions))
        self.remaining.value.setText(str(counts.remaining))
        self.walk_ins.value.setText(str(counts.walk_ins))
        self.not_arrived.value.setText(str(counts.not_arrived))
        self.occupancy.setMaximum(max(counts.capacity, 1))
        self.occupancy.setValue(min(counts.present, counts.capacity))
        self.occupancy.setFormat(self.tr("정원의 %p% 입장 (현재 {0}/{1})").format(counts.present, counts.capacity))
        share = counts.occupancy
        if share >= 1.0:
            self.level, color = "full", COLORS["refused"]
            note = self.tr("정원이 찼습니다 — 현장등록은 책임자 승인")
        elif share >= WARN_AT:
            self.level, color = "warning", COLORS["warning"]
            note = self.tr("정원의 90%를 넘었습니다 — 잔여 %n석", "", counts.remaining)  # English: 1 seat / 2 seats
        else:
            self.level, color, note = "normal", COLORS["ok"], ""
        self.notice.setText(note)
        if self._styled != self.level:  # restyling is slow: only when the level changes
            self._styled = self.level
            self.occupancy.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; border-radius: 6px; }}")
            self.notice.setStyleSheet(f"color: {color}; font-weight: 700;")
            self.remaining.value.setStyleSheet(f"color: {color};" if self.level != "normal" else "")

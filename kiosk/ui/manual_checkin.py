"""Manual check-in for a guest without their QR: search as you type, then an inline confirmation.

At least two characters before anyone is shown (a roster is personal data, and one syllable
matches half the room). The confirmation shows name, organization and title in the panel
itself: Enter checks in, Esc goes back. Nothing pops up. The roster index is loaded on the
database worker (`tasks`); the search itself runs in memory on the GUI thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.checkin import ParticipantSummary
from kiosk.domain.search import RosterIndex, SearchHit

if TYPE_CHECKING:
    from kiosk.ui.taskman import TaskManager

log = logging.getLogger(__name__)
MIN_QUERY = 2
RESULT_LIMIT = 20


class ManualCheckIn(QWidget):
    check_in_requested = Signal(int, int)  # participant id, companions
    closed = Signal()

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._index: RosterIndex | None = None
        self._generation = 0  # bumped by reload(): an index loaded before it is stale
        self.hits: list[SearchHit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("이름 검색 체크인"))
        heading.setObjectName("panelHeading")
        layout.addWidget(heading)
        self.query = QLineEdit()
        self.query.setObjectName("searchField")
        self.query.setPlaceholderText(self.tr("이름, 소속, 초성(ㄱㅎㅁ) 또는 전화번호 끝 4자리 — 2글자 이상"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._schedule)
        self.query.returnPressed.connect(self.choose_current)
        self.query.installEventFilter(self)
        layout.addWidget(self.query)
        self.hint = QLabel(self.tr("2글자 이상 입력하면 결과가 나옵니다 · ↑↓ 선택 · Enter 확인"))
        self.hint.setObjectName("mutedText")
        layout.addWidget(self.hint)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        # Enter, a double-click or a single click on a name opens the confirmation.
        self.results.itemActivated.connect(lambda _item: self.choose_current())
        self.results.itemClicked.connect(lambda _item: self.choose_current())
        layout.addWidget(self.results, 1)

        self.confirm_box = QFrame()
        self.confirm_box.setObjectName("inlineConfirm")
        box = QVBoxLayout(self.confirm_box)
        self.confirm_name = QLabel()
        self.confirm_name.setObjectName("confirmName")
        self.confirm_detail = QLabel()
        self.confirm_detail.setWordWrap(True)
        comp_row = QHBoxLayout()
        self.companions_label = QLabel(self.tr("함께 온 수행원"))
        self.companions = QSpinBox()
        self.companions.setRange(0, 0)
        self.companions.setSuffix(self.tr(" 명"))
        comp_row.addWidget(self.companions_label)
        comp_row.addWidget(self.companions)
        comp_row.addStretch(1)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("이 분으로 체크인 (Enter)"))
        self.confirm_button.setObjectName("primaryButton")
        self.confirm_button.clicked.connect(self.confirm)
        back = QPushButton(self.tr("다시 찾기 (Esc)"))
        back.clicked.connect(self.back_to_results)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(back)
        box.addWidget(QLabel(self.tr("이 분이 맞습니까?")))
        box.addWidget(self.confirm_name)
        box.addWidget(self.confirm_detail)
        box.addLayout(comp_row)
        box.addLayout(buttons)
        self.confirm_box.hide()
        layout.addWidget(self.confirm_box)
        self.chosen = None

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(60)
        self._debounce.timeout.connect(self.search)

    # -- index ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Reload the roster index (after an import, a walk-in, or on F5)."""
        self._index = None
        self._generation += 1

    def _load_index(self) -> None:
        generation = self._generation

        def loaded(index: RosterIndex) -> None:
            if generation == self._generation:
                self._index = index
                self.search()

        self.tasks.run_coalesced(f"roster_index:{generation}", lambda svc: svc.roster_index(), on_done=loaded)

    # -- searching ------------------------------------------------------------------------------

    def start(self, text: str = "") -> None:
        self.back_to_results()
        self.reload()
        self.query.setText(text)
        self.query.setFocus()
        self.query.selectAll()

    def _schedule(self) -> None:
        self._debounce.start()

    def search(self) -> None:
        self._debounce.stop()
        text = self.query.text().strip()
        self.results.clear()
        self.hits = []
        if len(text) < MIN_QUERY:
            self.hint.setText(self.tr("2글자 이상 입력하면 결과가 나옵니다 · ↑↓ 선택 · Enter 확인"))
            return
        if self._index is None:
            self.hint.setText(self.tr("명단을 불러오는 중…"))
            self._load_index()  # searches again when the index is in
            return
        self.hits = list(self._index.search(text, limit=RESULT_LIMIT))
        for hit in self.hits:
            item = QListWidgetItem(self._describe(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.results.addItem(item)
        if self.hits:
            self.results.setCurrentRow(0)
            self.hint.setText(self.tr("{0}명 찾음 · ↑↓ 선택 · Enter 확인").format(len(self.hits)))
        else:
            self.hint.setText(self.tr("찾는 분이 없습니다. 명단에 없으면 현장등록(F3)을 하세요."))

    def _describe(self, hit: SearchHit) -> str:
        states = {
            "checked_in": self.tr("입장함"),
            "cancelled": self.tr("등록 취소"),
            "walk_in": self.tr("현장등록"),
            # "no_show" is not shown: whoever stands at the desk has come after all.
        }
        parts = [hit.name, hit.organization, hit.title]
        text = "  ·  ".join(p for p in parts if p)
        if hit.phone_last4:
            text += f"  (…{hit.phone_last4})"
        state = states.get(str(hit.status))
        return f"{text}   [{state}]" if state else text

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        # Arrow keys in the search field move through the results: hands stay on the keyboard.
        from PySide6.QtCore import QEvent

        if watched is self.query and event.type() == QEvent.Type.KeyPress and self.confirming:
            # While confirming, ↑↓ choose how many companions came.
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.companions.stepBy(1 if event.key() == Qt.Key.Key_Up else -1)
                return True
        elif watched is self.query and event.type() == QEvent.Type.KeyPress and self.results.count():
            row = self.results.currentRow()
            if event.key() == Qt.Key.Key_Down:
                self.results.setCurrentRow(min(row + 1, self.results.count() - 1))
                return True
            if event.key() == Qt.Key.Key_Up:
                self.results.setCurrentRow(max(row - 1, 0))
                return True
        return super().eventFilter(watched, event)

    # -- confirming -----------------------------------------------------------------------------

    def choose_current(self) -> None:
        if self.confirm_box.isVisible():
            self.confirm()
            return
        if self._debounce.isActive():
            self.search()
        row = self.results.currentRow()
        if row < 0 or row >= len(self.hits):
            return
        self.choose(self.hits[row].id)

    def choose(self, participant_id: int) -> None:
        self.tasks.run(lambda svc: svc.participant_summary(participant_id), on_done=self._confirm_shown)

    def _confirm_shown(self, p: ParticipantSummary | None) -> None:
        if p is None:
            return
        participant_id, name, org, title, allowed = p.id, p.name, p.organization, p.title, p.companions_allowed
        self.chosen = participant_id
        self.confirm_name.setText(name)
        self.confirm_detail.setText(" · ".join(x for x in (org, title) if x))
        self.companions.setRange(0, max(allowed, 0))
        self.companions.setValue(0)
        self.companions.setVisible(allowed > 0)
        self.companions_label.setVisible(allowed > 0)
        self.results.hide()
        self.confirm_box.show()
        self.query.setFocus()

    def confirm(self) -> None:
        if self.chosen is None:
            return
        pid, companions = self.chosen, self.companions.value()
        self.back_to_results()
        self.query.clear()
        self.check_in_requested.emit(pid, companions)

    def back_to_results(self) -> None:
        self.chosen = None
        self.confirm_box.hide()
        self.results.show()

    @property
    def confirming(self) -> bool:
        return self.chosen is not None

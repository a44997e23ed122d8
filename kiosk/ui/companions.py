"""Companions (수행원) of the guest just checked in: 0..N buttons under the verdict, Alt+digit.

A scan never waits for this: the guest is checked in alone at once, and the count is adjusted
afterwards (capacity permitting), so the scanner is ready for the next person immediately. The
change runs on the database worker (`tasks`); `changed` / `refused` follow when it is decided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.domain.checkin import CheckInVerdict, ScanStatus

if TYPE_CHECKING:
    from kiosk.ui.taskman import TaskManager

MAX_BUTTONS = 9


class CompanionsBar(QFrame):
    changed = Signal(str, int)  # check-in id, companions
    refused = Signal(int)  # companions asked for but no seats

    failed = Signal(object)  # the exception of a change that could not be made (e.g. NotWhileApart)

    def __init__(self, tasks: TaskManager, station: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companionsBar")
        self.tasks = tasks
        self.station = station
        self.operator = ""
        self.guest_question = ""
        self.check_in_id: str | None = None
        self.allowed = 0
        self.current = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel(self.tr("함께 온 수행원"))
        self.label.setObjectName("companionsLabel")
        row.addWidget(self.label)
        self.buttons: list[QPushButton] = []
        for n in range(MAX_BUTTONS + 1):
            button = QPushButton(self.tr("{0}명").format(n))
            button.setCheckable(True)
            button.setObjectName("companionButton")
            button.setToolTip(f"Alt+{n}")
            button.clicked.connect(lambda _c=False, k=n: self.set_count(k))
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.hide()

    def follow(self, verdict: CheckInVerdict, operator: str = "") -> None:
        """Show the bar for an ok verdict of a guest allowed companions; hide it otherwise."""
        p = verdict.participant
        self.operator = operator
        if (verdict.status is not ScanStatus.OK or p is None or p.companions_allowed <= 0 or not verdict.check_in_id
                or verdict.checked_out_at is not None):  # fmt: skip
            self.clear()
            return
        self.check_in_id = verdict.check_in_id
        self.allowed = min(p.companions_allowed, MAX_BUTTONS)
        self.current = verdict.companions
        if self.guest_question:  # the kiosk asks the guest, who needs no name read back
            self.label.setText(self.guest_question)
        else:
            self.label.setText(self.tr("{0} 님과 함께 온 수행원 (최대 {1}명)").format(p.name, p.companions_allowed))
        for n, button in enumerate(self.buttons):
            button.setVisible(n <= self.allowed)
            button.setChecked(n == self.current)
        self.show()

    def clear(self) -> None:
        self.check_in_id = None
        self.allowed = 0
        self.hide()

    def set_count(self, n: int) -> bool:
        """Ask for `n` companions (False at once when out of range); decided on the worker."""
        if self.check_in_id is None or not 0 <= n <= self.allowed:
            return False
        check_in_id, operator = self.check_in_id, self.operator

        def done(ok: bool) -> None:
            if ok:
                if self.check_in_id == check_in_id:
                    self.current = n
                self.changed.emit(check_in_id, n)
            else:
                self.refused.emit(n)
            self._show_current()

        def error(exc: BaseException) -> None:
            self._show_current()
            self.failed.emit(exc)

        self.tasks.run(lambda svc: svc.set_companions(check_in_id, n, operator), on_done=done, on_error=error)
        return True

    def _show_current(self) -> None:
        for k, button in enumerate(self.buttons):
            button.setChecked(k == self.current)

"""대리 참석: the deputy's name, title and organisation, checked in for the principal.

Problems (a missing name, the principal already inside, the room full) are said in the dialog,
which stays open; nothing is written unless the check-in engine admitted the deputy.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.checkin import CheckInVerdict, ScanStatus
from kiosk.domain.protocol import ProtocolEntry
from kiosk.ui.theme import COLORS

# (participant id, name, title, organization, done(verdict), refused(text)): the check-in runs on
# the database worker; the dialog shows its answer when it comes.
Submit = Callable[[int, str, str, str, Callable[[CheckInVerdict], None], Callable[[str], None]], None]


class DeputyDialog(QDialog):
    def __init__(self, entry: ProtocolEntry, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self._submit = submit
        self.busy = False  # a check-in is on the worker
        self.result_verdict: CheckInVerdict | None = None
        self.setWindowTitle(self.tr("대리 참석"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        who = QLabel(self.tr("{0} 대신 참석하는 분").format(f"{entry.name} {entry.title}".strip()))
        who.setObjectName("panelHeading")
        layout.addWidget(who)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("예: 홍길동"))
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("예: 제1차관"))
        self.organization = QLineEdit(entry.organization)
        self.organization.setMaxLength(200)
        form.addRow(self.tr("성명 *"), self.name)
        form.addRow(self.tr("직위 *"), self.title_edit)
        form.addRow(self.tr("소속"), self.organization)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {COLORS['refused']}; font-weight: 600;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("대리 참석 체크인"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self._submit(self.entry.id, self.name.text(), self.title_edit.text(), self.organization.text(),
                     self._decided, self._show)  # fmt: skip

    def _decided(self, verdict: CheckInVerdict) -> None:
        self.busy = False
        self.result_verdict = verdict
        if verdict.status is ScanStatus.OK:
            self.accept()
        elif verdict.status is ScanStatus.ALREADY_CHECKED_IN:
            self._show(self.tr("이미 입장 처리된 분입니다 (본인 또는 다른 대리인)."))
        elif verdict.status is ScanStatus.CAPACITY_FULL:
            self._show(self.tr("정원이 찼습니다. 현장 책임자의 승인이 필요합니다."))
        else:
            self._show(self.tr("체크인할 수 없습니다: {0}").format(verdict.status.value))

    def _show(self, text: str) -> None:
        self.busy = False
        self.error.setText(text)
        self.error.show()

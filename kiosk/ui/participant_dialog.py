"""Add or edit one invitee: a form whose problems are shown in place, in Korean."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.labels import CATEGORY_KO, CATEGORY_ORDER
from kiosk.domain.models import Category
from kiosk.domain.roster import LIMITS, ParticipantFields
from kiosk.ui.theme import COLORS

# Storing the fields, on the database worker: calls `done()` once stored, or `refused(text)`
# (duplicate code, bad e-mail, the server away …) to keep the dialog open with the reason inline.
Saver = Callable[[ParticipantFields, Callable[[], None], Callable[[str], None]], None]


class ParticipantDialog(QDialog):
    def __init__(
        self, save: Saver, fields: ParticipantFields | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("참석자 수정") if fields else self.tr("참석자 추가"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

        def line(limit: int, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setMaxLength(limit)
            edit.setPlaceholderText(placeholder)
            return edit

        self.name = line(LIMITS["name"], self.tr("예: 김현미"))
        self.organization = line(LIMITS["organization"], self.tr("예: 국토교통부"))
        self.title_edit = line(LIMITS["title"], self.tr("예: 장관"))
        self.category = QComboBox()
        for category in CATEGORY_ORDER:
            self.category.addItem(CATEGORY_KO[category], category.value)
        self.region = line(LIMITS["region"], self.tr("예: 세종"))
        self.phone = line(LIMITS["phone"], "010-1234-5678")
        self.email = line(LIMITS["email"], "name@example.com")
        self.code = line(LIMITS["external_code"], self.tr("기관에서 받은 등록번호 (선택)"))
        self.companions = QSpinBox()
        self.companions.setRange(0, 50)
        self.companions.setSuffix(self.tr("명"))
        self.vip = QCheckBox(self.tr("VIP (의전 대상)"))
        self.speaker = QCheckBox(self.tr("발표자"))
        self.precedence = QSpinBox()
        self.precedence.setRange(0, 9999)
        self.precedence.setSpecialValueText(self.tr("없음"))  # 0: not on the protocol list
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)

        form.addRow(self.tr("성명 *"), self.name)
        form.addRow(self.tr("소속"), self.organization)
        form.addRow(self.tr("직위"), self.title_edit)
        form.addRow(self.tr("구분"), self.category)
        form.addRow(self.tr("지역"), self.region)
        form.addRow(self.tr("휴대전화"), self.phone)
        form.addRow(self.tr("이메일"), self.email)
        form.addRow(self.tr("등록번호"), self.code)
        form.addRow(self.tr("동반인원"), self.companions)
        form.addRow("", self.vip)
        form.addRow("", self.speaker)
        form.addRow(self.tr("의전순위"), self.precedence)
        form.addRow(self.tr("비고"), self.notes)
        layout.addLayout(form)

        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {COLORS['refused']}; font-weight: 600;")
        self.error.hide()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("저장"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if fields is not None:
            self.set_fields(fields)
        self.name.setFocus()

    def set_fields(self, f: ParticipantFields) -> None:
        self.name.setText(f.name)
        self.organization.setText(f.organization)
        self.title_edit.setText(f.title)
        self.category.setCurrentIndex(max(0, self.category.findData(Category(f.category).value)))
        self.region.setText(f.region)
        self.phone.setText(f.phone or "")
        self.email.setText(f.email or "")
        self.code.setText(f.external_code or "")
        self.companions.setValue(f.companions_allowed)
        self.vip.setChecked(f.is_vip)
        self.speaker.setChecked(f.is_speaker)
        self.precedence.setValue(f.precedence or 0)
        self.notes.setPlainText(f.notes)

    def fields(self) -> ParticipantFields:
        return ParticipantFields(
            name=self.name.text(),
            organization=self.organization.text(),
            title=self.title_edit.text(),
            category=Category(self.category.currentData()),
            region=self.region.text(),
            phone=self.phone.text() or None,
            email=self.email.text() or None,
            external_code=self.code.text() or None,
            is_vip=self.vip.isChecked(),
            is_speaker=self.speaker.isChecked(),
            companions_allowed=self.companions.value(),
            notes=self.notes.toPlainText(),
            precedence=self.precedence.value() or None,
        )

    @property
    def busy(self) -> bool:
        """A save is on its way to the database (the Save button waits for its answer)."""
        return not self.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()

    def submit(self) -> None:
        if self.busy:
            return
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.error.hide()
        self._save(self.fields(), self._saved, self.show_refusal)

    def _saved(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.accept()

    def show_refusal(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.error.setText(text)
        self.error.show()

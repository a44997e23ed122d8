"""The invitation's wording: subject and body with {fields}, saved with the event, previewed.

The preview composes the first invitee's real message from the text on screen (saved or not),
with its QR code, so the organiser sees what guests will see. Saving and composing are door-service
use cases run on the database worker (`save_invitation_template`, `preview_invitation`).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kiosk.invite import template as tpl
from kiosk.invite.message import AddressError
from kiosk.service.documents import InvitationPreview
from kiosk.ui.doc_tasks import alive
from kiosk.ui.taskman import TaskManager


class InviteTemplateEditor(QWidget):
    said = Signal(str, bool)  # a status line for the dialog: text, is it an error

    def __init__(self, tasks: TaskManager, sender: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._sender = sender
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        left.addWidget(QLabel(self.tr("제목")))
        left.addWidget(self.subject_edit)
        left.addWidget(QLabel(self.tr("본문 (빈 줄로 문단을 나눕니다)")))
        left.addWidget(self.body_edit, 1)
        fields = " ".join(f"{{{name}}}" for name in tpl.FIELDS)
        hint = QLabel(self.tr("넣을 수 있는 항목: {0}").format(fields))
        hint.setObjectName("mutedText")
        hint.setWordWrap(True)
        left.addWidget(hint)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("문구 저장"))
        self.save_button.clicked.connect(self.save)
        self.default_button = QPushButton(self.tr("기본 문구로"))
        self.default_button.clicked.connect(self.use_default)
        self.preview_button = QPushButton(self.tr("미리 보기"))
        self.preview_button.clicked.connect(self.preview)
        row.addWidget(self.save_button)
        row.addWidget(self.default_button)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        left.addLayout(row)
        layout.addLayout(left, 1)
        self.preview_view = QTextBrowser()
        layout.addWidget(self.preview_view, 1)

    def show_template(self, subject: str, body: str) -> None:
        """The wording stored with the event (the dialog reads it once with its other settings)."""
        self.subject_edit.setText(subject)
        self.body_edit.setPlainText(body)

    @Slot()
    def save(self) -> None:
        subject, body = self.subject_edit.text(), self.body_edit.toPlainText()
        self.tasks.run(lambda svc: svc.save_invitation_template(subject, body), alive(self, self._saved),
                       alive(self, lambda exc: self.said.emit(str(exc), True)))  # fmt: skip

    def _saved(self, unknown: list[str]) -> None:
        if unknown:
            names = ", ".join(f"{{{name}}}" for name in unknown)
            self.said.emit(self.tr("저장했습니다. 모르는 항목이 있습니다: {0}").format(names), True)
        else:
            self.said.emit(self.tr("메일 문구를 저장했습니다."), False)
        self.preview()

    @Slot()
    def use_default(self) -> None:
        self.subject_edit.setText(tpl.DEFAULT_SUBJECT)
        self.body_edit.setPlainText(tpl.DEFAULT_BODY)

    @Slot()
    def preview(self) -> None:
        """The first invitee's mail as the text on screen would make it (before saving)."""
        subject, body, sender = self.subject_edit.text(), self.body_edit.toPlainText(), self._sender()
        self.tasks.run(lambda svc: svc.preview_invitation(subject, body, sender), alive(self, self._show),
                       alive(self, self._failed))  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AddressError):
            self.said.emit(str(exc), True)
        else:
            self.preview_view.setPlainText(self.tr("미리 보기를 만들지 못했습니다: {0}").format(exc))

    def _show(self, shown: InvitationPreview | None) -> None:
        if shown is None:
            self.preview_view.setPlainText(self.tr("메일을 받을 참석자가 없습니다."))
            return
        image = QImage()
        image.loadFromData(shown.png)
        self.preview_view.document().addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"cid:{shown.cid}"), image
        )
        self.preview_view.setHtml(f"<p><b>{html.escape(shown.subject)}</b></p><hr>{shown.html}")

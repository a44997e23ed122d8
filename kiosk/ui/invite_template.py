"""The invitation's wording: subject and body with {fields}, saved with the event, previewed.

The preview composes the first invitee's real message from the text on screen (saved or not),
with its QR code, so the organiser sees what guests will see.
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
from sqlalchemy import select

from kiosk.domain.models import Event, Participant
from kiosk.invite import template as tpl
from kiosk.invite.delivery import skip_reason
from kiosk.invite.message import AddressError, InvitationComposer
from kiosk.storage.engine import Database


class InviteTemplateEditor(QWidget):
    said = Signal(str, bool)  # a status line for the dialog: text, is it an error

    def __init__(
        self, db: Database, event_id: int, sender: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.event_id = event_id
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
        with self.db.session() as session:
            event = session.get(Event, self.event_id)
            if event is not None:
                template = tpl.template_of(event)
                self.subject_edit.setText(template.subject)
                self.body_edit.setPlainText(template.body)

    @Slot()
    def save(self) -> None:
        with self.db.write() as session:
            event = session.get(Event, self.event_id)
            if event is None:
                return
            unknown = tpl.save_template(
                session, event, self.subject_edit.text(), self.body_edit.toPlainText()
            )
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
        with self.db.session() as session:
            event = session.get(Event, self.event_id)
            if event is None:
                return
            people = list(
                session.scalars(
                    select(Participant).where(Participant.event_id == self.event_id).order_by(Participant.id)
                )
            )
            _ = list(event.program)
            session.expunge_all()  # the edits below must never reach the database
        person = next((p for p in people if skip_reason(p) is None), None)
        if person is None:
            self.preview_view.setPlainText(self.tr("메일을 받을 참석자가 없습니다."))
            return
        event.email_subject_template = self.subject_edit.text()
        event.email_body_template = self.body_edit.toPlainText()
        try:
            composer = InvitationComposer(event, self._sender() or None)
            invitation = composer.compose(person)
        except AddressError as exc:
            self.said.emit(str(exc), True)
            return
        subject = tpl.render_subject(composer.template, tpl.field_values(person, event, invitation.code))
        related = invitation.message.get_payload()[0].get_payload()[1]  # mixed > alternative > related
        html_part, image_part = related.get_payload()
        image = QImage()
        image.loadFromData(invitation.png)
        cid = image_part["Content-ID"].strip("<>")
        self.preview_view.document().addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"cid:{cid}"), image
        )
        body = html_part.get_payload(decode=True).decode("utf-8")
        self.preview_view.setHtml(f"<p><b>{html.escape(subject)}</b></p><hr>{body}")

"""The supervisor's "참석확인증 메일 보내기": certificates of attendance by e-mail, with progress.

Uses the SMTP server the invitations were sent through (the saved settings, the password asked
again); the work runs on a worker thread through `send_certificates`, one call per action.
"""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.certificates import attendance
from kiosk.domain.models import Setting
from kiosk.invite.delivery import (
    SMTP_SETTING,
    DeliveryReport,
    Security,
    SmtpDelivery,
    SmtpSettings,
    event_sender,
    is_placeholder_sender,
)
from kiosk.invite.message import AddressError
from kiosk.storage.engine import Database


class CertificateWorker(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)  # DeliveryReport
    crashed = Signal(str)

    def __init__(
        self, db: Database, event_id: int, transport: SmtpDelivery, sender: str, station: str
    ) -> None:
        super().__init__()
        self.cancel = threading.Event()
        self._args = (db, event_id, transport)
        self._sender, self._station = sender, station

    @Slot()
    def run(self) -> None:
        from kiosk.documents.certificate_mail import send_certificates

        try:
            report = send_certificates(*self._args, sender=self._sender, on_progress=self.progress.emit,
                                       cancel=self.cancel, station=self._station)  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - reported in the dialog, never a dead window
            self.crashed.emit(str(exc) or type(exc).__name__)
            return
        self.finished.emit(report)


class CertificateMailDialog(QDialog):
    sent = Signal(object)  # DeliveryReport

    def __init__(self, db: Database, event_id: int, parent: QWidget | None = None, station: str = "") -> None:
        super().__init__(parent)
        self.db, self.event_id, self.station = db, event_id, station
        self.report: DeliveryReport | None = None
        self._thread: QThread | None = None
        self._worker: CertificateWorker | None = None
        self.setWindowTitle(self.tr("참석확인증 메일 보내기"))
        self.resize(640, 420)
        root = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        root.addWidget(self.summary)
        form = QFormLayout()
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText("smtp.example.org")
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(587)
        self.security_combo = QComboBox()
        for security, label in (
            (Security.STARTTLS, self.tr("STARTTLS (보통 587)")),
            (Security.SSL, self.tr("SSL/TLS (보통 465)")),
            (Security.NONE, self.tr("암호화 없음 (내부 서버)")),
        ):
            self.security_combo.addItem(label, security.value)
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("저장하지 않습니다"))
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText("사무국 <office@example.org>")
        form.addRow(self.tr("SMTP 서버"), self.host_edit)
        form.addRow(self.tr("포트"), self.port_spin)
        form.addRow(self.tr("보안"), self.security_combo)
        form.addRow(self.tr("아이디"), self.user_edit)
        form.addRow(self.tr("비밀번호"), self.password_edit)
        form.addRow(self.tr("보내는 사람"), self.sender_edit)
        root.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label = QLabel()
        root.addWidget(self.progress)
        root.addWidget(self.progress_label)
        self.status = QLabel()
        self.status.setWordWrap(True)
        root.addWidget(self.status, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.send_button = QPushButton(self.tr("보내기"))
        self.send_button.setObjectName("primaryButton")
        self.send_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("멈추기"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.close_button = QPushButton(self.tr("닫기"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.send_button, self.stop_button, self.close_button):
            buttons.addWidget(button)
        root.addLayout(buttons)
        self._load()

    def _load(self) -> None:
        with self.db.session() as session:
            came = attendance(session, self.event_id)
            self.sender_edit.setText(event_sender(session, self.event_id) or "")
            stored = session.get(Setting, SMTP_SETTING)
        with_mail = sum(1 for a in came if a.email)
        self.summary.setText(
            self.tr("참석한 {0}명 중 이메일이 있는 {1}명에게 참석확인증(PDF)을 보냅니다. 불참자에게는 보내지 않습니다.")
            .format(len(came), with_mail)
        )  # fmt: skip
        try:
            smtp = json.loads(stored.value) if stored is not None and stored.value else {}
        except ValueError:
            smtp = {}
        self.host_edit.setText(str(smtp.get("host", "")))
        self.port_spin.setValue(int(smtp.get("port", 587) or 587))
        index = self.security_combo.findData(smtp.get("security", Security.STARTTLS.value))
        self.security_combo.setCurrentIndex(max(index, 0))
        self.user_edit.setText(str(smtp.get("user", "")))

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e; font-weight: 700;" if error else "")

    @Slot()
    def start(self) -> bool:
        if self.running:
            return False
        host = self.host_edit.text().strip()
        if not host:
            self._say(self.tr("SMTP 서버 주소를 입력하세요."), error=True)
            return False
        user = self.user_edit.text().strip()
        if user and not self.password_edit.text():
            self._say(self.tr("비밀번호를 입력하세요 (저장하지 않습니다)."), error=True)
            return False
        sender = self.sender_edit.text().strip()
        try:
            placeholder = not sender or is_placeholder_sender(sender)
        except AddressError as exc:
            self._say(str(exc), error=True)
            return False
        if placeholder:
            self._say(self.tr("SMTP로 보내려면 실제 보내는 사람 주소를 적어 주세요 (예: 사무국 <invite@example.org>)."),
                      error=True)  # fmt: skip
            return False
        settings = SmtpSettings(host=host, port=self.port_spin.value(),
                                security=Security(self.security_combo.currentData()), user=user,
                                password=self.password_edit.text())  # fmt: skip
        thread = QThread(self)
        worker = CertificateWorker(self.db, self.event_id, SmtpDelivery(settings), sender, self.station)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.crashed.connect(self._on_crashed)
        worker.finished.connect(thread.quit)
        worker.crashed.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        self._set_busy(True)
        self._say(self.tr("보내는 중…"))
        thread.start()
        return True

    @Slot()
    def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel.set()

    def _set_busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, _name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(self.tr("{0} / {1}명 보냄").format(done, total))

    @Slot(object)
    def _on_finished(self, report: DeliveryReport) -> None:
        self.report = report
        line = self.tr("보냄 {0} · 실패 {1} · 제외 {2} · 남음 {3}").format(
            len(report.sent), len(report.failed), len(report.skipped), len(report.remaining)
        )
        self._say(
            line + (f" — {report.error}" if report.error else ""), error=bool(report.error or report.failed)
        )
        self.sent.emit(report)

    @Slot(str)
    def _on_crashed(self, message: str) -> None:
        self._say(self.tr("보내지 못했습니다: {0}").format(message), error=True)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread, self._worker = None, None
        self._set_busy(False)

    def reject(self) -> None:
        if not self.running:
            super().reject()

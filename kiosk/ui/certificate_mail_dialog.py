"""The supervisor's "참석확인증 메일 보내기": certificates of attendance by e-mail, with progress.

Uses the SMTP server the invitations were sent through: the same `SmtpForm` (the saved settings,
the password asked again) and the same `MailBatch`, running the `send_certificates` use case on
the database worker. While a station is apart from the shared server it is refused with the
reason (serials come from the server's ledger).
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.invite.delivery import DeliveryReport
from kiosk.service.documents import MailSetup
from kiosk.ui.doc_tasks import alive
from kiosk.ui.smtp_form import MailBatch, SmtpForm
from kiosk.ui.taskman import TaskManager


class CertificateMailDialog(QDialog):
    sent = Signal(object)  # DeliveryReport

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None, operator: str = "") -> None:
        super().__init__(parent)
        self.tasks, self.operator = tasks, operator
        self.report: DeliveryReport | None = None
        self.batch = MailBatch(tasks, self)
        self.batch.progressed.connect(self._on_progress)
        self.batch.finished.connect(self._on_finished)
        self.batch.failed.connect(self._on_crashed)
        self.setWindowTitle(self.tr("참석확인증 메일 보내기"))
        self.resize(720, 420)
        root = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        root.addWidget(self.summary)
        self.smtp_form = SmtpForm(sender_placeholder="사무국 <office@example.org>")
        root.addWidget(self.smtp_form)
        # On by default: a stopped or interrupted mailing resumes without mailing anyone twice.
        self.only_unsent_check = QCheckBox(self.tr("아직 받지 않은 분에게만 (이미 보낸 분은 건너뜀)"))
        self.only_unsent_check.setChecked(True)
        root.addWidget(self.only_unsent_check)
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
        self.send_button.clicked.connect(lambda _checked=False: self.start())
        self.stop_button = QPushButton(self.tr("멈추기"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.close_button = QPushButton(self.tr("닫기"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.send_button, self.stop_button, self.close_button):
            buttons.addWidget(button)
        root.addLayout(buttons)
        self.tasks.run(lambda svc: (svc.certificate_audience(), svc.mail_setup()), alive(self, self._loaded),
                       alive(self, lambda exc: self._say(str(exc), error=True)))  # fmt: skip

    def _loaded(self, loaded: tuple[tuple[int, int], MailSetup]) -> None:
        (came, with_mail), setup = loaded
        self.summary.setText(
            self.tr("참석한 {0}명 중 이메일이 있는 {1}명에게 참석확인증(PDF)을 보냅니다. 불참자에게는 보내지 않습니다.")
            .format(came, with_mail)
        )  # fmt: skip
        self.smtp_form.load(setup.smtp, setup.sender)

    @property
    def running(self) -> bool:
        return self.batch.running

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e; font-weight: 700;" if error else "")

    @Slot()
    def start(self) -> bool:
        if self.running:
            return False
        transport, problem = self.smtp_form.delivery()
        if transport is None:
            self._say(problem, error=True)
            return False
        sender, operator, only_unsent = self.smtp_form.sender(), self.operator, self.only_unsent_check.isChecked()
        self.batch.start(lambda svc, **run: svc.send_certificates(
            transport, sender=sender, remember=True, operator=operator, only_unsent=only_unsent, **run))  # fmt: skip
        self._set_busy(True)
        self._say(self.tr("보내는 중…"))
        return True

    @Slot()
    def stop(self) -> None:
        self.batch.stop()

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
        if report.already_sent:
            line += self.tr(" · 이미 보낸 {0}명 건너뜀").format(report.already_sent)
        self._say(
            line + (f" — {report.error}" if report.error else ""), error=bool(report.error or report.failed)
        )
        self._set_busy(False)
        self.sent.emit(report)

    @Slot(str)
    def _on_crashed(self, message: str) -> None:
        self._say(self.tr("보내지 못했습니다: {0}").format(message), error=True)
        self._set_busy(False)

    def reject(self) -> None:
        if not self.running:
            super().reject()

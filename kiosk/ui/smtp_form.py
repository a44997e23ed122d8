"""The one SMTP form both mail dialogs use (invitations, certificates), and how they run a batch.

`SmtpForm` holds the server, security, login, interval and sender fields, fills itself from the
saved settings and turns itself into an `SmtpDelivery` (or one inline error). `MailBatch` runs a
sending use case through the task manager with a stop flag and progress forwarded to the GUI
thread; each dialog only says what to send and how to show the result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from kiosk.invite.delivery import Security, SmtpDelivery, SmtpSettings, is_placeholder_sender
from kiosk.invite.message import AddressError
from kiosk.ui.doc_tasks import alive
from kiosk.ui.taskman import TaskManager


class SmtpForm(QWidget):
    """Server · port / security · interval / login · password / sender, two fields a row (1366×768)."""

    def __init__(self, parent: QWidget | None = None, *, sender_placeholder: str = "사무국 <invite@example.org>") -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
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
        self.interval_spin = QDoubleSpinBox()
        self.interval_spin.setRange(0.0, 60.0)
        self.interval_spin.setSingleStep(0.1)
        self.interval_spin.setValue(0.2)
        self.interval_spin.setSuffix(self.tr(" 초"))
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText(sender_placeholder)

        self._server = [self.host_edit, self.port_spin, self.security_combo, self.user_edit,
                        self.password_edit, self.interval_spin]  # fmt: skip
        server_row = QHBoxLayout()
        server_row.addWidget(self.host_edit, 1)
        server_row.addWidget(self.port_spin)
        form.addRow(self.tr("서버 · 포트"), server_row)
        security_row = QHBoxLayout()
        security_row.addWidget(self.security_combo, 1)
        security_row.addWidget(QLabel(self.tr("메일 간격")))
        security_row.addWidget(self.interval_spin)
        form.addRow(self.tr("보안"), security_row)
        login_row = QHBoxLayout()
        login_row.addWidget(self.user_edit, 1)
        login_row.addWidget(QLabel(self.tr("비밀번호")))
        login_row.addWidget(self.password_edit, 1)
        form.addRow(self.tr("아이디"), login_row)
        form.addRow(self.tr("보내는 사람"), self.sender_edit)

    def load(self, smtp: dict[str, Any], sender: str) -> None:
        """The saved form (never a password) and the event's sender."""
        self.sender_edit.setText(sender)
        self.host_edit.setText(str(smtp.get("host", "")))
        try:
            self.port_spin.setValue(int(smtp.get("port", 587) or 587))
            self.interval_spin.setValue(float(smtp.get("min_interval", 0.2)))
        except (TypeError, ValueError):
            pass  # a hand-edited setting: keep the defaults
        index = self.security_combo.findData(smtp.get("security", Security.STARTTLS.value))
        self.security_combo.setCurrentIndex(max(index, 0))
        self.user_edit.setText(str(smtp.get("user", "")))

    def set_server_enabled(self, enabled: bool) -> None:
        """The server fields only: the sender also serves the .eml files."""
        for widget in self._server:
            widget.setEnabled(enabled)

    def sender(self) -> str:
        return self.sender_edit.text().strip()

    def delivery(self) -> tuple[SmtpDelivery | None, str]:
        """The transport to send through, or (None, what to fix) for an inline message."""
        host = self.host_edit.text().strip()
        if not host:
            return None, self.tr("SMTP 서버 주소를 입력하세요.")
        user = self.user_edit.text().strip()
        if user and not self.password_edit.text():
            return None, self.tr("비밀번호를 입력하세요 (저장하지 않습니다).")
        problem = self.sender_problem()
        if problem:
            return None, problem
        settings = SmtpSettings(host=host, port=self.port_spin.value(),
                                security=Security(self.security_combo.currentData()), user=user,
                                password=self.password_edit.text(), min_interval=self.interval_spin.value())  # fmt: skip
        return SmtpDelivery(settings), ""

    def sender_problem(self) -> str:
        """Why the sender cannot send over SMTP ("" when it can): a real relay rejects the example one."""
        sender = self.sender()
        try:
            placeholder = not sender or is_placeholder_sender(sender)
        except AddressError as exc:
            return str(exc)
        if placeholder:
            return self.tr("SMTP로 보내려면 실제 보내는 사람 주소를 적어 주세요 (예: 사무국 <invite@example.org>).")
        return ""


class MailBatch(QObject):
    """One mailing at a time through the task manager: stop flag, progress on the GUI thread."""

    progressed = Signal(int, int, str)  # done, total, name
    finished = Signal(object)  # DeliveryReport
    failed = Signal(str)

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.cancel: threading.Event | None = None

    @property
    def running(self) -> bool:
        return self.cancel is not None

    def start(self, send: Callable[..., Any]) -> bool:
        """`send(svc, progress=..., cancel=..., db_step=...)` runs beside the worker (its database
        steps on it: a scan never waits for the mail server); False if a batch is running."""
        if self.running:
            return False
        cancel = self.cancel = threading.Event()

        def progress(done: int, total: int, name: str) -> None:  # on the worker
            self.tasks.run_on_main(alive(self, lambda: self.progressed.emit(done, total, name)))

        self.tasks.run_beside(
            lambda svc, db_step: send(svc, progress=progress, cancel=cancel, db_step=db_step),
            alive(self, self._done),
            alive(self, self._failed),
            cancel=cancel,
            name="kiosk-mail",
        )
        return True

    def stop(self) -> None:
        if self.cancel is not None:
            self.cancel.set()

    def _done(self, report: Any) -> None:
        self.cancel = None
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.cancel = None
        self.failed.emit(str(exc) or type(exc).__name__)

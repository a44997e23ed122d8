"""Sending the registration e-mails: .eml folder or SMTP, a progress bar, a result per person.

Sending runs on a worker QThread (composing a message and talking to the mail server take tens
of milliseconds each, 180 times); progress comes back through queued signals, so the window
keeps painting and the stop button answers at once. The organiser can edit the mail's wording
on the second tab; it is stored with the event.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from kiosk.domain.models import DeliveryState, Event, Participant, Setting
from kiosk.invite.delivery import (
    SENDER_SETTING,
    SMTP_SETTING,
    DeliveryReport,
    EmlFolderDelivery,
    Security,
    SmtpDelivery,
    SmtpSettings,
    Transport,
    event_sender,
    is_placeholder_sender,
    send_invitations,
    skip_reason,
)
from kiosk.invite.message import DEFAULT_SENDER, AddressError
from kiosk.storage.engine import Database
from kiosk.ui.file_dialogs import existing_directory
from kiosk.ui.invite_table import DeliveryTable
from kiosk.ui.invite_template import InviteTemplateEditor


class SendWorker(QObject):
    """Runs one batch (or one re-send) on the worker thread."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # DeliveryReport
    crashed = Signal(str)

    def __init__(
        self,
        db: Database,
        event_id: int,
        transport: Transport,
        *,
        sender: str,
        only_unsent: bool,
        participant_ids: list[int] | None,
        min_interval: float,
        station: str,
    ) -> None:
        super().__init__()
        self.cancel = threading.Event()
        self._args = (db, event_id, transport)
        self._options = dict(
            sender=sender,
            only_unsent=only_unsent,
            participant_ids=participant_ids,
            min_interval=min_interval,
            station=station,
        )

    @Slot()
    def run(self) -> None:
        try:
            report = send_invitations(
                *self._args, on_progress=self.progress.emit, cancel=self.cancel, **self._options
            )
        except Exception as exc:  # noqa: BLE001 - reported in the dialog, never a dead window
            self.crashed.emit(str(exc) or type(exc).__name__)
            return
        self.finished.emit(report)


class InviteDialog(QDialog):
    """`InviteDialog(db, event_id)`: the organiser's "초청 메일 보내기" window."""

    sent = Signal(object)  # DeliveryReport, after each batch

    def __init__(self, db: Database, event_id: int, parent: QWidget | None = None, station: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.event_id = event_id
        self.station = station
        self.report: DeliveryReport | None = None
        self._thread: QThread | None = None
        self._worker: SendWorker | None = None
        self._results: dict[int, str] = {}
        self.setWindowTitle(self.tr("초청 메일 보내기"))
        # The theme's primary button looks the same disabled; here "busy" must be visible.
        self.setStyleSheet("QPushButton#primaryButton:disabled { background: #9db6d3; color: #eef3f8; }")
        self.resize(1180, 680)

        root = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("dialogHeading")
        self.summary = QLabel()
        self.summary.setObjectName("mutedText")
        root.addWidget(self.heading)
        root.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_send_tab(), self.tr("보내기"))
        self.template = InviteTemplateEditor(db, event_id, lambda: self.sender_edit.text().strip())
        self.template.said.connect(self._say)
        self.tabs.addTab(self.template, self.tr("메일 문구"))
        self.tabs.currentChanged.connect(self._tab_changed)
        root.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.close_button = QPushButton(self.tr("닫기"))
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        root.addLayout(bottom)

        # While sending, the table follows the database once a second (not once per message).
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(1000)
        self._refresh_timer.timeout.connect(self.reload)
        self._load_settings()
        self._mode_changed()
        self.reload()

    # -- building ------------------------------------------------------------------------------

    def _build_send_tab(self) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        left = QVBoxLayout()
        how = QGroupBox(self.tr("보내는 방법"))
        grid = QGridLayout(how)
        self.eml_radio = QRadioButton(self.tr("폴더에 .eml 파일로 저장 (검토·시연용, 실제로 보내지 않음)"))
        self.smtp_radio = QRadioButton(self.tr("메일 서버(SMTP)로 발송"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.eml_radio)
        self.mode_group.addButton(self.smtp_radio)
        self.eml_radio.setChecked(True)
        self.eml_radio.toggled.connect(self._mode_changed)
        grid.addWidget(self.eml_radio, 0, 0, 1, 3)
        self.folder_edit = QLineEdit()
        self.browse_button = QPushButton(self.tr("찾아보기…"))
        self.browse_button.clicked.connect(self._browse)
        grid.addWidget(QLabel(self.tr("폴더")), 1, 0)
        grid.addWidget(self.folder_edit, 1, 1)
        grid.addWidget(self.browse_button, 1, 2)
        grid.addWidget(self.smtp_radio, 2, 0, 1, 3)
        self.smtp_box = QWidget()
        form = QFormLayout(self.smtp_box)
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
        server_row = QHBoxLayout()
        server_row.addWidget(self.host_edit, 1)
        server_row.addWidget(self.port_spin)
        form.addRow(self.tr("서버 · 포트"), server_row)
        # Two fields a row: the dialog must fit a 1366×768 laptop screen with its title bar.
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
        grid.addWidget(self.smtp_box, 3, 0, 1, 3)
        self.sender_edit = QLineEdit()
        self.sender_edit.setPlaceholderText("사무국 <invite@example.org>")
        grid.addWidget(QLabel(self.tr("보내는 사람")), 4, 0)
        grid.addWidget(self.sender_edit, 4, 1, 1, 2)
        left.addWidget(how)

        self.only_unsent_check = QCheckBox(self.tr("아직 보내지 않은 사람에게만 (중단된 발송 이어서)"))
        self.only_unsent_check.setChecked(True)
        left.addWidget(self.only_unsent_check)
        buttons = QHBoxLayout()
        self.send_button = QPushButton(self.tr("보내기"))
        self.send_button.setObjectName("primaryButton")
        # clicked(bool) must not reach start(participant_ids): a bare bool is not a list of people.
        self.send_button.clicked.connect(lambda _checked=False: self.start())
        self.stop_button = QPushButton(self.tr("중지"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        buttons.addWidget(self.send_button, 1)
        buttons.addWidget(self.stop_button)
        left.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        left.addWidget(self.progress)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("mutedText")
        left.addWidget(self.progress_label)
        left.addStretch(1)
        layout.addLayout(left, 0)

        right = QVBoxLayout()
        self.table = DeliveryTable()
        self.table.itemSelectionChanged.connect(self._selection_changed)
        right.addWidget(self.table, 1)
        self.resend_button = QPushButton(self.tr("선택한 사람에게 보내기"))
        self.resend_button.setEnabled(False)
        self.resend_button.clicked.connect(lambda _checked=False: self.resend_selected())
        right.addWidget(self.resend_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(right, 1)
        return page

    # -- settings ------------------------------------------------------------------------------

    def _load_settings(self) -> None:
        with self.db.session() as session:
            self.sender_edit.setText(event_sender(session, self.event_id) or "")
            stored = session.get(Setting, SMTP_SETTING)
            try:
                smtp = json.loads(stored.value) if stored is not None and stored.value else {}
            except ValueError:
                smtp = {}
        self.host_edit.setText(str(smtp.get("host", "")))
        self.port_spin.setValue(int(smtp.get("port", 587) or 587))
        index = self.security_combo.findData(smtp.get("security", Security.STARTTLS.value))
        self.security_combo.setCurrentIndex(max(index, 0))
        self.user_edit.setText(str(smtp.get("user", "")))
        self.interval_spin.setValue(float(smtp.get("min_interval", 0.2)))
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder_edit.setText(str(Path(documents or Path.home()) / "초청메일"))

    def _save_settings(self, settings: SmtpSettings | None, sender: str) -> None:
        with self.db.write() as session:
            session.merge(Setting(key=SENDER_SETTING, value=sender))
            if settings is not None:  # never the password
                session.merge(Setting(key=SMTP_SETTING, value=json.dumps(settings.public())))

    # -- the table -----------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        with self.db.session() as session:
            event = session.get(Event, self.event_id)
            people = list(
                session.scalars(
                    select(Participant).where(Participant.event_id == self.event_id).order_by(Participant.id)
                )
            )
        if event is None:
            return
        self.heading.setText(event.name)
        counts = self.table.show_people(people, event.timezone, self._results)
        self.summary.setText(
            self.tr("초청 {0}명 · 발송됨 {1} · 실패 {2} · 대기 {3} · 미발송 {4} · 제외 {5}").format(
                len(people),
                counts[DeliveryState.SENT],
                counts[DeliveryState.FAILED],
                counts[DeliveryState.QUEUED],
                counts[DeliveryState.NONE],
                counts[None],
            )
        )

    def selected_participant_id(self) -> int | None:
        return self.table.selected_participant_id()

    def selected_participant_ids(self) -> list[int]:
        return self.table.selected_participant_ids()

    def _selection_changed(self) -> None:
        count = len(self.selected_participant_ids())
        self.resend_button.setEnabled(not self.running and count > 0)
        self.resend_button.setText(
            self.tr("선택한 {0}명에게 보내기").format(count) if count > 1 else self.tr("선택한 사람에게 보내기")
        )

    # -- sending -------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _mode_changed(self) -> None:
        eml = self.eml_radio.isChecked()
        self.folder_edit.setEnabled(eml)
        self.browse_button.setEnabled(eml)
        self.smtp_box.setEnabled(not eml)
        self.only_unsent_check.setEnabled(not eml)

    def _browse(self) -> None:
        folder = existing_directory(self, self.tr(".eml 파일을 저장할 폴더"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def _transport(self) -> tuple[Transport, SmtpSettings | None] | None:
        if self.eml_radio.isChecked():
            folder = self.folder_edit.text().strip()
            if not folder:
                self._say(self.tr("저장할 폴더를 정하세요."), error=True)
                return None
            return EmlFolderDelivery(folder), None
        host = self.host_edit.text().strip()
        if not host:
            self._say(self.tr("SMTP 서버 주소를 입력하세요."), error=True)
            return None
        user = self.user_edit.text().strip()
        if user and not self.password_edit.text():
            self._say(self.tr("비밀번호를 입력하세요 (저장하지 않습니다)."), error=True)
            return None
        settings = SmtpSettings(
            host=host,
            port=self.port_spin.value(),
            security=Security(self.security_combo.currentData()),
            user=user,
            password=self.password_edit.text(),
            min_interval=self.interval_spin.value(),
        )
        return SmtpDelivery(settings), settings

    @Slot()
    def start(self, participant_ids: list[int] | None = None) -> bool:
        """Start a batch (or, with ids, the explicit re-send). Returns False if it did not start."""
        if self.running:
            return False
        chosen = self._transport()
        if chosen is None:
            return False
        transport, settings = chosen
        sender = self.sender_edit.text().strip()
        if not sender and isinstance(transport, EmlFolderDelivery):
            sender = DEFAULT_SENDER  # files are an export; whoever mails them sets the sender
        try:
            placeholder = not sender or is_placeholder_sender(sender)
        except AddressError as exc:
            self._say(str(exc), error=True)
            return False
        if placeholder and isinstance(transport, SmtpDelivery):
            self._say(self.tr("SMTP로 보내려면 실제 보내는 사람 주소를 적어 주세요 (예: 사무국 <invite@example.org>)."),
                      error=True)  # fmt: skip
            return False
        self._save_settings(settings, sender)
        only_unsent = (
            participant_ids is None and not self.eml_radio.isChecked() and self.only_unsent_check.isChecked()
        )
        self._results = {}
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label.setText("")
        thread = QThread(self)
        worker = SendWorker(
            self.db,
            self.event_id,
            transport,
            sender=sender,
            only_unsent=only_unsent,
            participant_ids=participant_ids,
            min_interval=settings.min_interval if settings else 0.0,
            station=self.station,
        )
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
        self._say(self.tr("보내는 중… ({0})").format(transport.describe()))
        thread.start()
        if transport.records_state:  # .eml files change no state: nothing to follow until the end
            self._refresh_timer.start()
        return True

    @Slot()
    def resend_selected(self) -> bool:
        """Send to every selected row that can be sent to; asks once if some already have it."""
        ids = self.selected_participant_ids()
        if not ids or self.running:
            return False
        sendable: list[int] = []
        refused: list[str] = []
        already: list[str] = []
        with self.db.session() as session:
            for pid in ids:
                person = session.get(Participant, pid)
                if person is None:
                    continue
                reason = skip_reason(person)
                if reason is not None:
                    refused.append(self.tr("{0} ({1})").format(person.name, reason))
                    continue
                sendable.append(pid)
                if person.delivery_state == DeliveryState.SENT:
                    already.append(person.name)
        if not sendable:
            self._say(self.tr("보낼 수 없습니다: {0}").format(", ".join(refused)), error=True)
            return False
        if already and self.smtp_radio.isChecked():
            names = ", ".join(already[:5]) + (self.tr(" 외 {0}명").format(len(already) - 5) if len(already) > 5 else "")
            answer = QMessageBox.question(
                self,
                self.tr("다시 보내기"),
                self.tr("{0} 님은 이미 메일을 받았습니다. 다시 보낼까요?").format(names),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        started = self.start(sendable)
        if started and refused:
            self.progress_label.setText(self.tr("제외: {0}").format(", ".join(refused)))
        return started

    @Slot()
    def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel.set()
            self._say(self.tr("중지하는 중… 지금 보내는 메일까지 마칩니다."))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if name:
            self.progress_label.setText(self.tr("{0}/{1} — {2}").format(done, total, name))

    @Slot(object)
    def _on_finished(self, report: DeliveryReport) -> None:
        self.report = report
        for item in report.sent:
            self._results[item.id] = (
                self.tr("파일 작성") if not report.records_state else self.tr("발송 완료")
            )
        for item in report.failed:
            self._results[item.id] = item.reason
        verb = self.tr("파일 작성") if not report.records_state else self.tr("발송")
        text = self.tr("{0} {1}건 · 실패 {2}건 · 제외 {3}명").format(
            verb, len(report.sent), len(report.failed), len(report.skipped)
        )
        if report.already_sent:
            text += self.tr(" · 이미 발송 {0}명").format(report.already_sent)
        if report.error:
            text += "\n" + self.tr(
                "중단: {0} — '아직 보내지 않은 사람에게만'을 켠 채 보내기를 다시 누르면 남은 사람에게만 보냅니다."
            ).format(report.error)
        elif report.cancelled:
            text += "\n" + self.tr("중지했습니다. 남은 {0}명은 다음에 이어서 보낼 수 있습니다.").format(
                len(report.remaining)
            )
        self._say(text, error=bool(report.error or report.failed))
        self.sent.emit(report)

    @Slot(str)
    def _on_crashed(self, message: str) -> None:
        self._say(self.tr("보내지 못했습니다: {0}").format(message), error=True)

    @Slot()
    def _on_thread_finished(self) -> None:
        self._refresh_timer.stop()
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self._set_busy(False)
        self.reload()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.send_button, self.close_button, self.eml_radio, self.smtp_radio, self.sender_edit,
                       self.only_unsent_check, self.template.save_button):  # fmt: skip
            widget.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.resend_button.setEnabled(not busy and bool(self.selected_participant_ids()))
        if not busy:
            self._mode_changed()
        else:
            for widget in (self.folder_edit, self.browse_button, self.smtp_box):
                widget.setEnabled(False)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setObjectName("errorText" if error else "")
        self.status.setStyleSheet("color: #b3261e; font-weight: 700;" if error else "")

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.template:
            self.template.preview()

    # -- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self.running:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.running:
            self.stop()
            event.ignore()
            return
        super().closeEvent(event)

"""Sending the registration e-mails: .eml folder or SMTP, a progress bar, a result per person.

Sending is one door-service use case (`send_invitations`, or `resend_invitations` for chosen
rows) run on the database worker by the task manager through `MailBatch`; progress comes back
on the GUI thread, so the window keeps painting and the stop button answers at once. The SMTP
fields are the shared `SmtpForm` (the certificates dialog uses the same one). The organiser can
edit the mail's wording on the second tab; it is stored with the event. While a station is
apart from the shared server, sending is refused with the reason (who got a mail is recorded
on the server).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.models import DeliveryState
from kiosk.invite.delivery import DeliveryReport, EmlFolderDelivery, Invitee, Transport
from kiosk.invite.message import DEFAULT_SENDER, AddressError, parse_sender
from kiosk.service.documents import MailSetup, ResendPlan
from kiosk.ui.doc_tasks import alive
from kiosk.ui.file_dialogs import existing_directory
from kiosk.ui.invite_table import DeliveryTable
from kiosk.ui.invite_template import InviteTemplateEditor
from kiosk.ui.smtp_form import MailBatch, SmtpForm
from kiosk.ui.taskman import TaskManager


class InviteDialog(QDialog):
    """`InviteDialog(tasks)`: the organiser's "초청 메일 보내기" window."""

    sent = Signal(object)  # DeliveryReport, after each batch

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None, operator: str = "") -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.operator = operator
        self.report: DeliveryReport | None = None
        self._results: dict[int, str] = {}
        self._finishing = False  # the batch is done; the table is being reloaded
        self._planning = False  # a re-send: who can get it is being read
        self._timezone = ""
        self.batch = MailBatch(tasks, self)
        self.batch.progressed.connect(self._on_progress)
        self.batch.finished.connect(self._on_finished)
        self.batch.failed.connect(self._on_crashed)
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
        self.template = InviteTemplateEditor(tasks, self.smtp_form.sender)
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

        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder_edit.setText(str(Path(documents or Path.home()) / "초청메일"))
        self._mode_changed()
        self.tasks.run(lambda svc: svc.mail_setup(), alive(self, self._loaded), alive(self, self._load_failed))
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
        self.smtp_form = SmtpForm()  # its sender also signs the .eml files
        grid.addWidget(self.smtp_form, 3, 0, 1, 3)
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

    def _loaded(self, setup: MailSetup) -> None:
        self.heading.setText(setup.event_name)
        self._timezone = setup.timezone
        self.smtp_form.load(setup.smtp, setup.sender)
        self.template.show_template(setup.subject, setup.body)

    def _load_failed(self, exc: BaseException) -> None:
        self._say(self.tr("메일 설정을 읽지 못했습니다: {0}").format(exc), error=True)

    # -- the table -----------------------------------------------------------------------------

    @Slot()
    def reload(self, then=None) -> None:  # type: ignore[no-untyped-def]
        """Read everyone's delivery state on the worker, then show it (and call `then`)."""

        def show(people: list[Invitee]) -> None:
            self._show_people(people)
            if then is not None:
                then()

        self.tasks.run(lambda svc: svc.invitees(), alive(self, show), alive(self, self._load_failed))

    def _show_people(self, people: list[Invitee]) -> None:
        counts = self.table.show_people(people, self._zone, self._results)
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

    @property
    def _zone(self) -> str:
        return self._timezone or "Asia/Seoul"

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
        return self.batch.running or self._finishing or self._planning

    def _mode_changed(self) -> None:
        eml = self.eml_radio.isChecked()
        self.folder_edit.setEnabled(eml)
        self.browse_button.setEnabled(eml)
        self.smtp_form.set_server_enabled(not eml)
        self.only_unsent_check.setEnabled(not eml)

    def _browse(self) -> None:
        folder = existing_directory(self, self.tr(".eml 파일을 저장할 폴더"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def _transport(self) -> tuple[Transport, str] | None:
        """The transport and its sender, or None after saying what to fix."""
        sender = self.smtp_form.sender()
        if self.eml_radio.isChecked():
            folder = self.folder_edit.text().strip()
            if not folder:
                self._say(self.tr("저장할 폴더를 정하세요."), error=True)
                return None
            if sender:
                try:
                    parse_sender(sender)
                except AddressError as exc:
                    self._say(str(exc), error=True)
                    return None
            # Files are an export; whoever mails them sets the sender.
            return EmlFolderDelivery(folder), sender or DEFAULT_SENDER
        transport, problem = self.smtp_form.delivery()
        if transport is None:
            self._say(problem, error=True)
            return None
        return transport, sender

    @Slot()
    def start(self, participant_ids: list[int] | None = None) -> bool:
        """Start a batch (or, with ids, the explicit re-send). Returns False if it did not start."""
        if self.running:
            return False
        chosen = self._transport()
        if chosen is None:
            return False
        transport, sender = chosen
        only_unsent = (
            participant_ids is None and not self.eml_radio.isChecked() and self.only_unsent_check.isChecked()
        )
        operator = self.operator
        if participant_ids is None:
            send = lambda svc, **run: svc.send_invitations(  # noqa: E731
                transport, sender=sender, only_unsent=only_unsent, remember=True, operator=operator, **run
            )
        else:
            ids = list(participant_ids)
            send = lambda svc, **run: svc.resend_invitations(  # noqa: E731
                ids, transport, sender=sender, remember=True, operator=operator, **run
            )
        self._results = {}
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label.setText("")
        self.batch.start(send)
        self._set_busy(True)
        self._say(self.tr("보내는 중… ({0})").format(transport.describe()))
        return True

    @Slot()
    def resend_selected(self) -> bool:
        """Send to every selected row that can be sent to; asks once if some already have it."""
        ids = self.selected_participant_ids()
        if not ids or self.running:
            return False
        self._planning = True  # until the plan is back: no second click meanwhile
        self._set_busy(True)
        self.tasks.run(lambda svc: svc.plan_resend(ids), alive(self, self._resend_planned),
                       alive(self, self._plan_failed))  # fmt: skip
        return True

    def _plan_failed(self, exc: BaseException) -> None:
        self._planning = False
        self._set_busy(False)
        self._say(self.tr("보내지 못했습니다: {0}").format(exc), error=True)

    def _resend_planned(self, plan: ResendPlan) -> None:
        self._planning = False
        self._set_busy(False)
        refused = [self.tr("{0} ({1})").format(name, why) for name, why in plan.refused]
        if not plan.sendable:
            self._say(self.tr("보낼 수 없습니다: {0}").format(", ".join(refused)), error=True)
            return
        if plan.already and self.smtp_radio.isChecked():
            names = ", ".join(plan.already[:5])
            if len(plan.already) > 5:
                names += self.tr(" 외 {0}명").format(len(plan.already) - 5)
            answer = QMessageBox.question(
                self,
                self.tr("다시 보내기"),
                self.tr("{0} 님은 이미 메일을 받았습니다. 다시 보낼까요?").format(names),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        started = self.start(plan.sendable)
        if started and refused:
            self.progress_label.setText(self.tr("제외: {0}").format(", ".join(refused)))

    @Slot()
    def stop(self) -> None:
        if self.batch.running:
            self.batch.stop()
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
        self._after_batch()
        self.sent.emit(report)

    @Slot(str)
    def _on_crashed(self, message: str) -> None:
        self._say(self.tr("보내지 못했습니다: {0}").format(message), error=True)
        self._after_batch()

    def _after_batch(self) -> None:
        """Busy until the table shows what the batch did: a finished batch means a fresh table."""
        self._finishing = True

        def done() -> None:
            self._finishing = False
            self._set_busy(False)

        self.reload(then=done)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.send_button, self.close_button, self.eml_radio, self.smtp_radio,
                       self.smtp_form.sender_edit, self.only_unsent_check, self.template.save_button):  # fmt: skip
            widget.setEnabled(not busy)
        self.stop_button.setEnabled(busy and self.batch.running)
        self.resend_button.setEnabled(not busy and bool(self.selected_participant_ids()))
        if not busy:
            self._mode_changed()
        else:
            for widget in (self.folder_edit, self.browse_button):
                widget.setEnabled(False)
            self.smtp_form.set_server_enabled(False)

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

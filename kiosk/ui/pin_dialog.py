"""The supervisor PIN: a small dialog, and the gate every supervisor-only action goes through.

The dialog is opened with `open()`, never `exec()`: the event loop keeps running, so the
counters refresh and nothing waits on it. The PIN is checked on the database worker (scrypt takes
~0.4 s, and the lockout count is a locked row on a shared server): the GUI never waits for it. Supervisor mode ends by itself after a few idle
minutes, so a laptop left unattended falls back to steward rights.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain import roles
from kiosk.domain.roles import PinCheck, PinResult, Role
from kiosk.ui.records_tasks import refused
from kiosk.ui.taskman import TaskManager

SUPERVISOR_IDLE_MS = 5 * 60 * 1000


class PinDialog(QDialog):
    """Check the supervisor PIN ("check"), or choose one when none is set yet ("set")."""

    def __init__(self, tasks: TaskManager, reason: str, *, mode: str = "check",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.tasks = tasks
        self.mode = mode
        self.busy = False  # a check is on the worker: Enter again does nothing until it answers
        self.setWindowTitle(self.tr("책임자 PIN"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        title = self.tr("책임자 PIN을 새로 정하세요") if mode == "set" else self.tr("책임자 PIN을 입력하세요")
        self.heading = QLabel(title)
        self.heading.setObjectName("dialogHeading")
        layout.addWidget(self.heading)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)
        # Whoever chooses the PIN holds every supervisor right: say so before anyone types one.
        self.warning = QLabel(self.tr(
            "아직 책임자 PIN이 없습니다. 지금 PIN을 정하는 사람이 이 행사의 책임자가 됩니다 — "
            "책임자가 직접 정하세요."))  # fmt: skip
        self.warning.setObjectName("errorText")
        self.warning.setWordWrap(True)
        self.warning.setVisible(mode == "set")
        layout.addWidget(self.warning)
        validator = QRegularExpressionValidator(r"\d{0,12}")
        self.pin = QLineEdit()
        self.pin.setObjectName("pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(validator)
        self.pin.setPlaceholderText(self.tr("숫자 6~12자리"))
        layout.addWidget(self.pin)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("pinField")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setValidator(validator)
        self.confirm.setPlaceholderText(self.tr("한 번 더 입력"))
        self.confirm.setVisible(mode == "set")
        layout.addWidget(self.confirm)
        self.message = QLabel("")
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("확인 (Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("닫기 (Esc)"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 300)
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _waiting(self, busy: bool) -> None:
        self.busy = busy
        self.ok_button.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("확인하는 중…"))

    def _refused(self, text: str) -> None:
        self._waiting(False)
        self.message.setText(text)

    def submit(self) -> None:
        if self.busy:
            return
        pin = self.pin.text()
        if self.mode == "set":
            if pin != self.confirm.text():
                self.message.setText(self.tr("두 PIN이 다릅니다"))
                return
            try:
                roles.validate_pin(pin)  # the format is checked here, at once; storing it on the worker
            except roles.PinTooEasy:
                self.message.setText(self.tr("PIN이 너무 쉽습니다: 같은 숫자만이나 이어지는 숫자(123456)는 쓸 수 없습니다"))
                return
            except roles.PinFormatError:
                self.message.setText(self.tr("PIN은 숫자 6~12자리입니다"))
                return
            self._waiting(True)
            self.tasks.run(lambda svc: svc.set_pin(pin), on_done=lambda _none: self._set_done(),
                           on_error=refused(self.tasks, self._refused))  # fmt: skip
            return
        self._waiting(True)
        self.pin.clear()
        self.tasks.run(lambda svc: svc.verify_pin(pin), on_done=self._checked,
                       on_error=refused(self.tasks, self._refused))  # fmt: skip

    def _set_done(self) -> None:
        self._waiting(False)
        self.accept()

    def _checked(self, result: PinResult) -> None:
        self._waiting(False)
        self.message.setText("")
        if result.ok:
            self.accept()
        elif result.outcome is PinCheck.LOCKED:
            self.message.setText(self.tr("PIN을 여러 번 틀려 잠겼습니다. {0}초 뒤에 다시 시도하세요.").format(
                result.seconds_left()))  # fmt: skip
        elif result.outcome is PinCheck.NOT_SET:
            self.message.setText(self.tr("아직 책임자 PIN이 없습니다. 설정에서 정하세요."))
        else:
            left = roles.MAX_FAILURES - result.failures
            self.message.setText(self.tr("PIN이 틀렸습니다 (남은 시도 {0}번)").format(left))


class SupervisorGate(QObject):
    """Who is at the desk: a steward by default; the supervisor after a PIN, for a while."""

    role_changed = Signal(str)

    def __init__(self, tasks: TaskManager, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.tasks = tasks
        self.parent_widget = parent_widget
        self.role = Role.STEWARD
        self.dialog: PinDialog | None = None  # the open dialog, if any (tests drive it)
        self.asking = False  # between a request and its dialog (the worker says whether a PIN is set)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(SUPERVISOR_IDLE_MS)
        self.idle.timeout.connect(self.drop)

    @property
    def station(self) -> str:
        return self.tasks.service.station

    @station.setter
    def station(self, station: str) -> None:
        self.tasks.service.station = station

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR

    @property
    def operator(self) -> str:
        return self.role.value

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle.setInterval(max(1, minutes) * 60_000)
        if self.idle.isActive():
            self.idle.start()

    def touch(self) -> None:
        if self.is_supervisor:
            self.idle.start()

    def drop(self) -> None:
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.role is not Role.STEWARD:
            self.role = Role.STEWARD
            self.role_changed.emit(self.role.value)

    def _become_supervisor(self) -> None:
        self.role = Role.SUPERVISOR
        self.idle.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # idle means nobody touches keyboard or mouse
        self.role_changed.emit(self.role.value)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress) and self.is_supervisor:
            self.idle.start()
        return False

    def require(
        self, reason: str, then: Callable[[], None], *, always_ask: bool = False, allow_set: bool = True
    ) -> None:
        """Run `then` with supervisor rights, asking for the PIN first if needed.

        With no PIN set yet, the first supervisor action chooses one, unless `allow_set` is off
        (leaving kiosk mode: a guest must not be able to choose the PIN that lets them out).
        """
        if self.is_supervisor and not always_ask:
            self.touch()
            then()
            return
        if self.asking or self.dialog is not None:
            return  # a PIN dialog is already on its way or open: one at a time
        self.asking = True

        def ask(has_pin: bool) -> None:
            self.asking = False
            self._open(reason, then, "check" if has_pin or not allow_set else "set")

        def failed(exc: BaseException) -> None:
            self.asking = False
            self.tasks.failed.emit(exc)

        self.tasks.run(lambda svc: svc.pin_is_set(), on_done=ask, on_error=failed)

    def _open(self, reason: str, then: Callable[[], None], mode: str) -> None:
        dialog = PinDialog(self.tasks, reason, mode=mode, parent=self.parent_widget)
        self.dialog = dialog

        def accepted() -> None:
            self._become_supervisor()
            then()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        # The dialog opens after the worker's answer, not inside the key press that asked for it:
        # give the window back its activation, so its shortcuts (Ctrl+Shift+Q, F9) work at once.
        dialog.finished.connect(lambda _r: self.parent_widget.window().activateWindow())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

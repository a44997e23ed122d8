"""Settings: per-laptop ones in QSettings (station name, camera, decoder, sounds, language) and
shared ones in the database (capacity, supervisor PIN), edited by the supervisor only."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import roles
from kiosk.domain.event_settings import MAX_CAPACITY
from kiosk.ui.i18n import LANGUAGES
from kiosk.ui.records_tasks import refused
from kiosk.ui.taskman import TaskManager

log = logging.getLogger(__name__)


class LocalSettings:
    """This laptop's settings: an ini file in the user data folder (KIOSK_SETTINGS overrides)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            env = os.environ.get("KIOSK_SETTINGS")
            if env:
                path = Path(env)
            else:
                from kiosk.appdirs import data_dir

                path = data_dir() / "station.ini"
        self.path = path
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: str, default: str = "") -> str:
        value = self.qsettings.value(key, default)
        return str(value) if value is not None else default

    def get_bool(self, key: str, default: bool) -> bool:
        value = self.qsettings.value(key, None)
        if value is None:
            return default
        return str(value).lower() in ("1", "true", "yes")

    def put(self, key: str, value: object) -> None:
        self.qsettings.setValue(key, value)
        self.qsettings.sync()

    @property
    def station(self) -> str:
        return self.get("station")

    @property
    def camera(self) -> str:
        return self.get("camera")  # hex of the camera id; "" = camera off

    @property
    def decoder(self) -> str:
        return self.get("decoder")

    @property
    def sounds(self) -> bool:
        return self.get_bool("sounds", True)

    @property
    def language(self) -> str:
        return self.get("language")

    @property
    def supervisor_idle_minutes(self) -> int:
        """Supervisor mode ends after this many minutes without a supervisor action."""
        try:
            return min(max(int(self.get("supervisor_idle_minutes", "5")), 1), 60)
        except ValueError:
            return 5


@dataclass(frozen=True)
class SettingsChange:
    station: str
    camera: str
    decoder: str
    sounds: bool
    language: str
    capacity: int


def _cameras() -> list[tuple[bytes, str]]:
    try:
        from kiosk.scan.pipeline import CameraScanner
    except Exception:  # noqa: BLE001 - no multimedia: no cameras to offer
        return []
    return CameraScanner.available_cameras()


def _decoders() -> tuple[list[str], str]:
    try:
        from kiosk.scan.decoders import DEFAULT_DECODER, available_decoders
    except Exception:  # noqa: BLE001
        return [], ""
    return list(available_decoders()), DEFAULT_DECODER


class SettingsDialog(QDialog):
    def __init__(self, tasks: TaskManager, station: str, local: LocalSettings, language: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.tasks = tasks
        self.local = local
        self.loaded_capacity: int | None = None  # the shared settings, once the worker answered
        self.apart = False
        self.change: SettingsChange | None = None
        self.setWindowTitle(self.tr("설정"))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("설정 (책임자)"))
        heading.setObjectName("dialogHeading")
        layout.addWidget(heading)
        form = QFormLayout()
        self.station = QLineEdit(station)
        self.station.setMaxLength(64)
        form.addRow(self.tr("이 PC 이름"), self.station)
        self.camera = QComboBox()
        self.camera.addItem(self.tr("카메라 끔 (스캐너만)"), "")
        for cam_id, name in _cameras():
            self.camera.addItem(name, cam_id.hex())
        index = self.camera.findData(local.camera)
        self.camera.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("카메라"), self.camera)
        self.decoder = QComboBox()
        names, default = _decoders()
        for name in names:
            label = name + (self.tr(" (기본)") if name == default else "")
            self.decoder.addItem(label, name)
        index = self.decoder.findData(local.decoder or default)
        self.decoder.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("QR 디코더"), self.decoder)
        self.sounds = QCheckBox(self.tr("결과마다 소리 내기"))
        self.sounds.setChecked(local.sounds)
        form.addRow(self.tr("소리"), self.sounds)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setValue(local.supervisor_idle_minutes)
        self.idle_minutes.setSuffix(self.tr(" 분"))
        form.addRow(self.tr("책임자 모드 자동 종료"), self.idle_minutes)
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        form.addRow(self.tr("언어 / Language"), self.language)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setEnabled(False)  # until the worker has read it
        form.addRow(self.tr("정원 (모든 PC 공통)"), self.capacity)
        validator = QRegularExpressionValidator(r"\d{0,12}")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(validator)
        self.pin.setPlaceholderText(self.tr("바꿀 때만 입력 (숫자 6~12자리)"))
        self.pin_confirm = QLineEdit()
        self.pin_confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_confirm.setValidator(validator)
        self.pin_confirm.setPlaceholderText(self.tr("새 PIN 한 번 더"))
        form.addRow(self.tr("새 책임자 PIN"), self.pin)
        form.addRow("", self.pin_confirm)
        layout.addLayout(form)
        self.apart_note = QLabel(self.tr(
            "서버와 연결이 끊겨 있어 정원과 PIN은 지금 바꿀 수 없습니다 — 이 컴퓨터의 설정은 저장됩니다. "
            "연결이 돌아오면 다시 여세요."))  # fmt: skip
        self.apart_note.setObjectName("apartNote")
        self.apart_note.setWordWrap(True)
        self.apart_note.hide()
        layout.addWidget(self.apart_note)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("저장"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("닫기"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)  # until the shared settings are read
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 480)
        self.tasks.run(lambda svc: (svc.event_settings(), svc.apart), on_done=self._loaded,
                       on_error=refused(self.tasks, self.message.setText))  # fmt: skip

    def _loaded(self, answer: tuple) -> None:
        settings, apart = answer
        self.loaded_capacity, self.apart = settings.capacity, apart
        self.capacity.setValue(settings.capacity)
        # Apart, the shared part cannot be saved: say so at once instead of after the typing.
        for field in (self.capacity, self.pin, self.pin_confirm):
            field.setEnabled(not apart)
        self.apart_note.setVisible(apart)
        self.save_button.setEnabled(True)

    @property
    def busy(self) -> bool:
        return not self.save_button.isEnabled()

    def save(self, station_name: str = "", operator: str = "supervisor") -> None:
        station = " ".join(self.station.text().split())
        if not station:
            self.message.setText(self.tr("PC 이름을 입력하세요"))
            return
        pin, again = self.pin.text(), self.pin_confirm.text()
        if pin or again:
            if pin != again:
                self.message.setText(self.tr("두 PIN이 다릅니다"))
                return
            try:
                roles.validate_pin(pin)
            except roles.PinTooEasy:
                self.message.setText(self.tr("PIN이 너무 쉽습니다: 같은 숫자만이나 이어지는 숫자(123456)는 쓸 수 없습니다"))
                return
            except roles.PinFormatError:
                self.message.setText(self.tr("PIN은 숫자 6~12자리입니다"))
                return
        capacity = self.capacity.value()
        if capacity == self.loaded_capacity and not pin:
            self._store_local(station)  # nothing shared changed: no need for the server
            return
        self.save_button.setEnabled(False)
        self.message.setText("")

        def refusal(text: str) -> None:
            self.save_button.setEnabled(True)
            self.message.setText(text)

        self.tasks.run(lambda svc: svc.save_event_settings(capacity, pin, operator),
                       on_done=lambda _changed: self._store_local(station),
                       on_error=refused(self.tasks, refusal))  # fmt: skip

    def _store_local(self, station: str) -> None:
        self.save_button.setEnabled(True)
        self.local.put("station", station)
        self.local.put("camera", self.camera.currentData() or "")
        self.local.put("decoder", self.decoder.currentData() or "")
        self.local.put("sounds", self.sounds.isChecked())
        self.local.put("supervisor_idle_minutes", self.idle_minutes.value())
        self.local.put("language", self.language.currentData())
        self.change = SettingsChange(
            station=station,
            camera=self.camera.currentData() or "",
            decoder=self.decoder.currentData() or "",
            sounds=self.sounds.isChecked(),
            language=self.language.currentData(),
            capacity=self.capacity.value(),
        )
        self.accept()

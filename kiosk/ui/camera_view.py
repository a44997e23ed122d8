"""The camera panel: live preview with a target box, camera picker, on/off switch and status line.

It only talks to a CameraScanner (kiosk.scan.pipeline); what to do with a decoded code is the
console's business (connect to ``scanner.decoded``).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.scan.pipeline import MULTIMEDIA_ERROR, CameraScanner


class PreviewPane(QWidget):
    """The latest camera picture, mirrored like a mirror (guests aim by it), with a target box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.mirrored = True
        self.placeholder = ""
        self._image = QImage()

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def clear(self, placeholder: str) -> None:
        self._image = QImage()
        self.placeholder = placeholder
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#1f2430"))
        if self._image.isNull():
            painter.setPen(QColor("#c9ced8"))
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 1.3)
            painter.setFont(font)
            painter.drawText(self.rect().adjusted(16, 16, -16, -16), Qt.AlignmentFlag.AlignCenter
                             | Qt.TextFlag.TextWordWrap, self.placeholder)  # fmt: skip
            return
        image = self._image.flipped(Qt.Orientation.Horizontal) if self.mirrored else self._image
        scaled = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - scaled.width()) / 2
        y = (self.height() - scaled.height()) / 2
        frame = QRectF(x, y, scaled.width(), scaled.height())
        painter.drawImage(frame, image)
        self._draw_target(painter, frame)

    @staticmethod
    def _draw_target(painter: QPainter, frame: QRectF) -> None:
        # A square at the centre, about half the picture's height: where the code reads best.
        side = min(frame.width(), frame.height()) * 0.6
        box = QRectF(frame.center().x() - side / 2, frame.center().y() - side / 2, side, side)
        shade = QPainterPath()
        shade.addRect(frame)
        hole = QPainterPath()
        hole.addRoundedRect(box, 12, 12)
        painter.fillPath(shade.subtracted(hole), QColor(0, 0, 0, 90))
        arm = side * 0.18
        painter.setPen(QPen(QColor("#3ddc84"), max(3.0, side / 60), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))  # fmt: skip
        for cx, cy, dx, dy in (
            (box.left(), box.top(), 1, 1),
            (box.right(), box.top(), -1, 1),
            (box.left(), box.bottom(), 1, -1),
            (box.right(), box.bottom(), -1, -1),
        ):
            painter.drawLine(int(cx), int(cy), int(cx + dx * arm), int(cy))
            painter.drawLine(int(cx), int(cy), int(cx), int(cy + dy * arm))


class CameraView(QWidget):
    """Preview + controls for one CameraScanner. Never fails: no camera means scanner-only mode."""

    def __init__(self, scanner: CameraScanner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scanner = scanner
        self.preview = PreviewPane(self)
        self.picker = QComboBox(self)
        self.picker.setAccessibleName(self.tr("카메라 선택"))
        self.picker.setMinimumContentsLength(18)
        self.toggle = QPushButton(self)
        self.toggle.setCheckable(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setContentsMargins(4, 2, 4, 2)
        self.status.setAccessibleName(self.tr("카메라 상태"))

        controls = QHBoxLayout()
        controls.addWidget(self.picker, 1)
        controls.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addLayout(controls)
        layout.addWidget(self.status)

        scanner.preview.connect(self.preview.set_image)
        scanner.status_changed.connect(self._on_status)
        self.toggle.toggled.connect(self._on_toggled)
        self.picker.activated.connect(self._on_picked)
        self._devices = None
        if MULTIMEDIA_ERROR is None:
            from PySide6.QtMultimedia import QMediaDevices

            self._devices = QMediaDevices(self)
            self._devices.videoInputsChanged.connect(self.refresh_cameras)
        self.refresh_cameras()
        self._sync(scanner.running)
        if scanner.status:
            self._on_status(scanner.status)
        elif not scanner.running:
            self._show_status(self.tr("카메라 꺼짐 — 스캐너 전용 모드"))

    @Slot()
    def refresh_cameras(self) -> None:
        current = self.picker.currentData()
        self.picker.clear()
        cameras = CameraScanner.available_cameras()
        for camera_id, name in cameras:
            self.picker.addItem(name, camera_id)
        if not cameras:
            self.picker.addItem(self.tr("카메라 없음"), None)
        index = self.picker.findData(current) if current is not None else -1
        self.picker.setCurrentIndex(max(index, 0))
        self.picker.setEnabled(bool(cameras))

    def _sync(self, running: bool) -> None:
        self.toggle.blockSignals(True)
        self.toggle.setChecked(running)
        self.toggle.blockSignals(False)
        self.toggle.setText(self.tr("카메라 끄기") if running else self.tr("카메라 켜기"))

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        if on:
            self.scanner.start(self.picker.currentData())
        else:
            self.scanner.stop()
        self._sync(self.scanner.running)

    @Slot(int)
    def _on_picked(self, _index: int) -> None:
        if self.scanner.running:
            self.scanner.start(self.picker.currentData())
            self._sync(self.scanner.running)

    @Slot(str)
    def _on_status(self, message: str) -> None:
        self._show_status(message)
        self._sync(self.scanner.running)

    def _show_status(self, message: str) -> None:
        self.status.setText(message)
        if not self.scanner.running:
            self.preview.clear(message + "\n" + self.tr("USB 스캐너로 계속 스캔할 수 있습니다"))

"""Where camera frames come from: the seam between the scanner and the hardware.

``CameraFrameSource`` wires a real webcam (QCamera -> QMediaCaptureSession) into the scanner's
QVideoSink and reports a lost camera or a driver error through ``failed``. ``PushFrameSource``
lets tests and benchmarks push real QVideoFrames/QImages into that same sink, without hardware.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

try:
    from PySide6.QtMultimedia import (
        QCamera,
        QCameraDevice,
        QMediaCaptureSession,
        QMediaDevices,
        QVideoFrame,
        QVideoFrameFormat,
        QVideoSink,
    )

    MULTIMEDIA_ERROR: str | None = None
except ImportError as exc:  # pragma: no cover - a broken or trimmed PySide6 installation
    MULTIMEDIA_ERROR = str(exc)

class CameraUnavailable(RuntimeError):
    """A frame source cannot run; the message is shown to staff as it is."""


class FrameSource(QObject):
    """Fills the scanner's QVideoSink with frames. ``failed`` means it stopped for good."""

    failed = Signal(str)

    def open(self, sink: QVideoSink, camera_id: bytes | None) -> str:
        """Start feeding ``sink``; returns a name for the status line. Raises CameraUnavailable."""
        self._sink = sink
        return self.tr("테스트 영상")

    def close(self) -> None:
        """Stop feeding frames (idempotent)."""


class PushFrameSource(FrameSource):
    """Frames pushed by hand, through the same sink path the camera uses."""

    _sink: QVideoSink | None = None

    def push(self, frame: QVideoFrame | QImage) -> None:
        if self._sink is None:
            return
        if isinstance(frame, QImage):
            frame = QVideoFrame(frame)
        self._sink.setVideoFrame(frame)

    def close(self) -> None:
        self._sink = None


def _pick_format(device: QCameraDevice):  # type: ignore[no-untyped-def]
    """The camera format nearest 1280x720 at >= 15 fps, preferring raw YUV over MJPEG."""
    best, best_score = None, None
    for fmt in device.videoFormats():
        size = fmt.resolution()
        score = abs(size.width() - 1280) + abs(size.height() - 720)
        if fmt.maxFrameRate() < 15:
            score += 10_000
        if fmt.pixelFormat() == QVideoFrameFormat.PixelFormat.Format_Jpeg:
            score += 500  # MJPEG must be decompressed before every frame is usable
        if best_score is None or score < best_score:
            best, best_score = fmt, score
    return best


class CameraFrameSource(FrameSource):
    """A real webcam. Reports an unplugged camera or a driver error through ``failed``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._device_id = b""
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._inputs_changed)

    def open(self, sink: QVideoSink, camera_id: bytes | None) -> str:
        inputs = QMediaDevices.videoInputs()
        if not inputs:
            raise CameraUnavailable(self.tr("카메라가 연결되어 있지 않습니다 — 스캐너 전용 모드"))
        if camera_id:
            matches = [d for d in inputs if bytes(d.id()) == bytes(camera_id)]
            if not matches:
                raise CameraUnavailable(self.tr("선택한 카메라를 찾을 수 없습니다 — 스캐너 전용 모드"))
            device = matches[0]
        else:
            device = QMediaDevices.defaultVideoInput()
            if device.isNull():
                device = inputs[0]
        camera = QCamera(device, self)
        if camera.error() != QCamera.Error.NoError or not camera.isAvailable():
            message = camera.errorString() or self.tr("사용할 수 없음")
            camera.deleteLater()
            raise CameraUnavailable(self.tr("카메라 오류: {0} — 스캐너 전용 모드").format(message))
        fmt = _pick_format(device)
        if fmt is not None:
            camera.setCameraFormat(fmt)
        session = QMediaCaptureSession(self)
        session.setCamera(camera)
        session.setVideoSink(sink)
        camera.errorOccurred.connect(self._camera_error)
        self._camera, self._session, self._device_id = camera, session, bytes(device.id())
        camera.start()
        return device.description()

    def close(self) -> None:
        camera, session = self._camera, self._session
        self._camera = self._session = None
        if camera is not None:
            camera.errorOccurred.disconnect(self._camera_error)
            camera.stop()
            camera.deleteLater()
        if session is not None:
            session.setVideoSink(None)
            session.deleteLater()

    def _camera_error(self, _error: object, message: str) -> None:
        if self._camera is not None:
            self.failed.emit(self.tr("카메라 오류: {0} — 스캐너 전용 모드").format(message))

    def _inputs_changed(self) -> None:
        if self._camera is None:
            return
        if all(bytes(d.id()) != self._device_id for d in QMediaDevices.videoInputs()):
            self.failed.emit(self.tr("카메라 연결이 끊어졌습니다 — 스캐너 전용 모드"))

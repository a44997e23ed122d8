"""The webcam pipeline: QCamera -> QMediaCaptureSession -> QVideoSink -> decoder thread -> `decoded`.

Frames arrive on the GUI thread at 15-60 per second; decoding one takes 5-20 ms. So the scanner
keeps only the newest frame, decodes on one worker thread, drops frames while that thread is busy,
and never starts decodes closer than ``min_interval_ms`` apart (the GUI and the database writes
get the rest of the second core). A code still held up to the lens is reported once: the same text
is ignored until it has been out of sight for ``duplicate_window_s`` (3 s).

Where frames come from is a seam (``FrameSource``): the real camera, or ``PushFrameSource`` with
which tests (and benchmarks) push real QVideoFrames/QImages into the very same sink.

Anything wrong with the camera (none plugged in, unplugged mid-event, no multimedia backend, no
decoder library) ends in a Korean status message and scanner-only mode, never an exception.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import SIGNAL, QObject, QTimer, Signal
from PySide6.QtGui import QImage

from kiosk.scan.decoders import Decoder, DecoderUnavailable, make_decoder
from kiosk.scan.frames import to_gray
from kiosk.scan.sources import (  # noqa: F401 - re-exported: the seam is part of this API
    MULTIMEDIA_ERROR,
    CameraFrameSource,
    CameraUnavailable,
    FrameSource,
    PushFrameSource,
)

if MULTIMEDIA_ERROR is None:
    from PySide6.QtMultimedia import QMediaDevices, QVideoFrame, QVideoSink

log = logging.getLogger(__name__)


class _ResultBridge(QObject):
    """Carries a worker thread's result back to the GUI thread (a queued signal)."""

    done = Signal(int, object, float)


class _Gate:
    """Closed when the scanner is destroyed, so a late worker never emits on a dead object."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open = True

    def close(self, *_args: object) -> None:
        with self.lock:
            self.open = False


class CameraScanner(QObject):
    """Decodes QR codes from a camera; ``decoded`` gets each new code once."""

    decoded = Signal(str)
    status_changed = Signal(str)
    preview = Signal(QImage)

    def __init__(
        self,
        decoder_name: str | None = None,
        parent: QObject | None = None,
        *,
        source: FrameSource | None = None,
        min_interval_ms: int = 50,
        duplicate_window_s: float = 3.0,
        preview_interval_ms: int = 66,
        stall_timeout_s: float | None = 8.0,
    ) -> None:
        super().__init__(parent)
        # A USB camera can hang without an error: no frame for this long says so on screen.
        # Pushed test sources stay silent between pushes, so the watchdog is for cameras only.
        self.stall_timeout_s = stall_timeout_s if source is None else None
        self.decoder_name = decoder_name
        self.min_interval_ms = min_interval_ms
        self.duplicate_window_s = duplicate_window_s
        self.preview_interval_ms = preview_interval_ms
        self._injected = source
        self._source: FrameSource | None = None
        self._decoder: Decoder | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._bridge = _ResultBridge(self)
        self._bridge.done.connect(self._on_result)
        self._gate = _Gate()
        self.destroyed.connect(self._gate.close)
        self._running = False
        self._busy = False
        self._job = 0
        self._pending: QVideoFrame | None = None
        self._last_start = 0.0
        self._last_preview = 0.0
        self._seen: dict[str, float] = {}
        self.status = ""
        # Counters for the status bar, tests and benchmarks.
        self.frames_received = 0
        self.frames_decoded = 0
        self.frames_dropped = 0
        self.last_decode_ms = 0.0
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self._pump)
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(1000)
        self._watchdog.timeout.connect(self._check_stall)
        self._last_frame = 0.0
        self._stalled = False
        self._source_name = ""
        self.sink: QVideoSink | None = None
        if MULTIMEDIA_ERROR is None:
            self.sink = QVideoSink(self)
            self.sink.videoFrameChanged.connect(self._on_frame)

    # -- public -------------------------------------------------------------------------------

    @staticmethod
    def available_cameras() -> list[tuple[bytes, str]]:
        """(id, description) of each camera; [] when there is none or no multimedia backend."""
        if MULTIMEDIA_ERROR is not None:
            return []
        try:
            return [(bytes(d.id()), d.description()) for d in QMediaDevices.videoInputs()]
        except Exception:  # noqa: BLE001 - a broken backend must not take the window down
            log.warning("listing cameras failed", exc_info=True)
            return []

    @property
    def running(self) -> bool:
        return self._running

    def start(self, camera_id: bytes | None = None) -> bool:
        """Start scanning; False (with a status message) means scanner-only mode."""
        self.stop(quiet=True)
        if MULTIMEDIA_ERROR is not None or self.sink is None:
            return self._fail(self.tr("카메라 기능(QtMultimedia)을 사용할 수 없습니다 — 스캐너 전용 모드"))
        try:
            self._decoder = make_decoder(self.decoder_name)
        except (DecoderUnavailable, ValueError) as exc:
            return self._fail(self.tr("QR 디코더를 사용할 수 없습니다: {0} — 스캐너 전용 모드").format(exc))
        source = self._injected or CameraFrameSource(self)
        try:
            name = source.open(self.sink, camera_id)
        except CameraUnavailable as exc:
            return self._fail(str(exc))
        except Exception as exc:  # noqa: BLE001 - drivers fail in ways no one documents
            log.warning("camera failed to start", exc_info=True)
            return self._fail(self.tr("카메라 오류: {0} — 스캐너 전용 모드").format(exc))
        source.failed.connect(self._fail)
        self._source = source
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qr-decode")
        self._running = True
        self._source_name = name
        self._stalled = False
        self._last_frame = time.monotonic()
        if self.stall_timeout_s:
            self._watchdog.start()
        self._set_status(self.tr("카메라 스캔 중: {0}").format(name))
        return True

    def stop(self, *, quiet: bool = False) -> None:
        was_running = self._running
        self._running = False
        self._pending = None
        self._throttle.stop()
        self._watchdog.stop()
        source, self._source = self._source, None
        if source is not None:
            source.failed.disconnect(self._fail)
            source.close()
            if source is not self._injected:
                source.deleteLater()
        if was_running and not quiet:
            self._set_status(self.tr("카메라 꺼짐 — 스캐너 전용 모드"))

    def forget(self, text: str | None = None) -> None:
        """Accept ``text`` (or every code) again at once, e.g. after an undo."""
        if text is None:
            self._seen.clear()
        else:
            self._seen.pop(text, None)

    # -- the sink path --------------------------------------------------------------------------

    def _on_frame(self, frame: QVideoFrame) -> None:
        if not self._running or frame is None or not frame.isValid():
            return
        self.frames_received += 1
        now = time.monotonic()
        self._last_frame = now
        if self._stalled:
            self._stalled = False
            self._set_status(self.tr("카메라 스캔 중: {0}").format(self._source_name))
        if (now - self._last_preview) * 1000 >= self.preview_interval_ms and self.receivers(
            SIGNAL("preview(QImage)")
        ):
            self._last_preview = now
            image = frame.toImage()
            if not image.isNull():
                self.preview.emit(image)
        if self._pending is not None:
            self.frames_dropped += 1  # replaced before the worker could take it
        self._pending = QVideoFrame(frame)
        self._pump()

    def _pump(self) -> None:
        if not self._running or self._busy or self._pending is None or self._executor is None:
            return
        wait_ms = self.min_interval_ms - (time.monotonic() - self._last_start) * 1000
        if wait_ms > 0:
            if not self._throttle.isActive():
                self._throttle.start(int(wait_ms) + 1)
            return
        frame, self._pending = self._pending, None
        try:
            gray = to_gray(frame)
        except ValueError:
            log.debug("unreadable frame dropped", exc_info=True)
            return
        self._busy = True
        self._last_start = time.monotonic()
        self._job += 1
        self._executor.submit(self._decode, self._job, gray, self._decoder, self._bridge, self._gate)

    @staticmethod
    def _decode(job: int, gray: object, decoder: Decoder, bridge: _ResultBridge, gate: _Gate) -> None:
        # Runs on the worker thread: touches nothing but the decoder and the bridge's signal.
        started = time.perf_counter()
        texts = decoder.decode_gray(gray)  # never raises
        with gate.lock, contextlib.suppress(RuntimeError):
            if gate.open:  # the scanner may have been deleted while we decoded
                bridge.done.emit(job, texts, (time.perf_counter() - started) * 1000)

    def _on_result(self, job: int, texts: list[str], ms: float) -> None:
        self._busy = False
        self.frames_decoded += 1
        self.last_decode_ms = ms
        if self._running:
            now = time.monotonic()
            for text in texts:
                if self._is_new(text, now):
                    self.decoded.emit(text)
        self._pump()

    def _is_new(self, text: str, now: float) -> bool:
        """False while the same code keeps being seen within the window (a held-up phone)."""
        last = self._seen.get(text)
        self._seen[text] = now
        if len(self._seen) > 256:
            self._seen = {t: at for t, at in self._seen.items() if now - at < self.duplicate_window_s}
        return last is None or now - last >= self.duplicate_window_s

    # -- status ---------------------------------------------------------------------------------

    def _fail(self, message: str) -> bool:
        self.stop(quiet=True)
        self._set_status(message)
        return False

    def _check_stall(self) -> None:
        if not self._running or self._stalled or not self.stall_timeout_s:
            return
        if time.monotonic() - self._last_frame >= self.stall_timeout_s:
            # Not stopped: many cameras come back on their own, and then the status clears.
            self._stalled = True
            self._set_status(self.tr("카메라 영상이 들어오지 않습니다 — USB 스캐너를 사용하세요"))

    def _set_status(self, message: str) -> None:
        self.status = message
        self.status_changed.emit(message)

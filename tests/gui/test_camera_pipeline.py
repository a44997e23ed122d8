"""The camera pipeline without a camera: real frames pushed through the very QVideoSink path."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame

from kiosk.scan.frames import gray_from_qimage, gray_from_video_frame
from kiosk.scan.pipeline import CameraScanner, PushFrameSource
from tests.gui.qr_frames import blank_gray, qimage_gray, qimage_rgb32, qr_gray, video_frame

TOKEN = "KQ7WX316J510V91MP19C3BDRF0F"


@pytest.fixture
def source() -> PushFrameSource:
    return PushFrameSource()


@pytest.fixture
def scanner(qtbot, source: PushFrameSource):  # type: ignore[no-untyped-def]
    scanner = CameraScanner(source=source, min_interval_ms=0)
    scanner.texts = []
    scanner.statuses = []
    scanner.decoded.connect(scanner.texts.append)
    scanner.status_changed.connect(scanner.statuses.append)
    assert scanner.start()
    yield scanner
    scanner.stop()


def wait_idle(qtbot, scanner: CameraScanner) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not scanner._busy and scanner._pending is None, timeout=5000)


# -- conversion -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1270, 1281])
@pytest.mark.parametrize("pixel_format", ["Format_NV12", "Format_YUV420P", "Format_YUYV", "Format_UYVY", "Format_BGRA8888"])
def test_video_frames_are_read_with_their_row_stride(width: int, pixel_format: str) -> None:
    gray = np.random.default_rng(width).integers(0, 256, size=(24, width), dtype=np.uint8)
    frame = video_frame(gray, pixel_format)
    assert frame.bytesPerLine(0) != width * {"Format_YUYV": 2, "Format_UYVY": 2, "Format_BGRA8888": 4}.get(pixel_format, 1)
    assert np.array_equal(gray_from_video_frame(frame), gray)


def test_qimages_with_padded_rows() -> None:
    gray = np.random.default_rng(1).integers(0, 256, size=(31, 1001), dtype=np.uint8)
    image = qimage_gray(gray)
    assert image.bytesPerLine() == 1004
    assert np.array_equal(gray_from_qimage(image), gray)
    assert np.array_equal(gray_from_qimage(qimage_rgb32(gray)), gray)  # grey RGB has luma = grey
    assert gray_from_qimage(image.convertToFormat(QImage.Format.Format_RGB888)).shape == (31, 1001)


# -- the sink path ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["qimage", "rgb32", "NV12", "YUYV", "BGRA8888", "inverted"])
def test_pushed_frames_are_decoded(qtbot, source, scanner, kind: str) -> None:  # type: ignore[no-untyped-def]
    gray = qr_gray(TOKEN, invert=kind == "inverted")
    frame = {
        "qimage": lambda: qimage_gray(gray),
        "rgb32": lambda: qimage_rgb32(gray),
        "inverted": lambda: qimage_gray(gray),
    }.get(kind, lambda: video_frame(gray, f"Format_{kind}"))()
    source.push(frame)
    qtbot.waitUntil(lambda: scanner.texts == [TOKEN], timeout=5000)
    assert scanner.frames_received == 1


def test_the_same_code_is_ignored_while_it_stays_in_view(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    frame = qimage_gray(qr_gray(TOKEN))
    for _ in range(4):
        source.push(frame)
        wait_idle(qtbot, scanner)
    assert scanner.texts == [TOKEN] and scanner.frames_decoded == 4
    other = "KOTHER0CODE1"
    source.push(qimage_gray(qr_gray(other)))
    qtbot.waitUntil(lambda: scanner.texts == [TOKEN, other])
    scanner.forget(TOKEN)  # e.g. after an undo
    source.push(frame)
    qtbot.waitUntil(lambda: scanner.texts == [TOKEN, other, TOKEN])


def test_the_same_code_counts_again_after_the_window(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    scanner.duplicate_window_s = 0.3
    frame = qimage_gray(qr_gray(TOKEN))
    source.push(frame)
    qtbot.waitUntil(lambda: scanner.texts == [TOKEN])
    source.push(frame)
    wait_idle(qtbot, scanner)
    assert scanner.texts == [TOKEN]
    qtbot.wait(400)  # out of sight for longer than the window
    source.push(frame)
    qtbot.waitUntil(lambda: scanner.texts == [TOKEN, TOKEN])


def test_frames_arriving_while_busy_are_dropped_but_the_latest_is_kept(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    codes = [f"KFRAME{n:02d}" for n in range(8)]
    frames = [qimage_gray(qr_gray(code)) for code in codes]
    for frame in frames:  # faster than any decoder: no event loop turn in between
        source.push(frame)
    wait_idle(qtbot, scanner)
    assert scanner.frames_received == 8
    assert scanner.texts == [codes[0], codes[-1]]  # the first went to the worker, the last waited
    assert scanner.frames_decoded == 2 and scanner.frames_dropped == 6


def test_decodes_are_throttled(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    import time

    scanner.min_interval_ms = 250
    seen: list[float] = []
    scanner.decoded.connect(lambda _t: seen.append(time.monotonic()))
    source.push(qimage_gray(qr_gray("KFIRST1")))
    qtbot.waitUntil(lambda: len(seen) == 1)
    source.push(qimage_gray(qr_gray("KSECOND2")))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    assert seen[1] - seen[0] >= 0.2


def test_frames_without_codes_and_broken_frames_are_harmless(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    source.push(qimage_gray(blank_gray()))
    wait_idle(qtbot, scanner)
    source.push(QVideoFrame())  # invalid
    source.push(QImage(1, 1, QImage.Format.Format_RGB32))
    source.push(qimage_gray(np.zeros((5, 3000), dtype=np.uint8)))
    wait_idle(qtbot, scanner)
    assert scanner.texts == [] and scanner.running


def test_preview_is_sent_when_someone_listens(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    previews: list[QImage] = []
    scanner.preview.connect(previews.append)
    source.push(qimage_gray(qr_gray(TOKEN)))
    qtbot.waitUntil(lambda: len(previews) == 1)
    assert previews[0].size().width() == 1280


def test_stopped_scanner_ignores_frames(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    scanner.stop()
    assert scanner.statuses[-1] == "카메라 꺼짐 — 스캐너 전용 모드"
    source.push(qimage_gray(qr_gray(TOKEN)))
    qtbot.wait(50)
    assert scanner.texts == [] and scanner.frames_received == 0


# -- no camera, lost camera, no decoder ---------------------------------------------------------


def test_no_camera_means_scanner_only_mode(qtbot) -> None:  # type: ignore[no-untyped-def]
    if CameraScanner.available_cameras():
        pytest.skip("this machine has a camera")
    scanner = CameraScanner()
    with qtbot.waitSignal(scanner.status_changed) as blocker:
        assert scanner.start() is False
    assert blocker.args == ["카메라가 연결되어 있지 않습니다 — 스캐너 전용 모드"]
    assert not scanner.running
    assert scanner.start(b"no-such-camera") is False
    assert "스캐너 전용 모드" in scanner.status


def test_camera_lost_mid_event(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    lost = "카메라 연결이 끊어졌습니다 — 스캐너 전용 모드"
    source.failed.emit(lost)  # what CameraFrameSource says when its device disappears
    assert not scanner.running and scanner.statuses[-1] == lost
    source.push(qimage_gray(qr_gray(TOKEN)))
    qtbot.wait(50)
    assert scanner.texts == []
    assert scanner.start()  # plugged back in: scanning resumes
    source.push(qimage_gray(qr_gray(TOKEN)))
    qtbot.waitUntil(lambda: scanner.texts == [TOKEN])


def test_missing_decoder_is_a_message(qtbot) -> None:  # type: ignore[no-untyped-def]
    scanner = CameraScanner(decoder_name="no-such-decoder", source=PushFrameSource())
    assert scanner.start() is False
    assert scanner.status.startswith("QR 디코더를 사용할 수 없습니다") and scanner.status.endswith("스캐너 전용 모드")


@pytest.mark.parametrize("decoder", ["zxing", "pyzbar"])
def test_both_decoders_work_in_the_pipeline(qtbot, decoder: str) -> None:  # type: ignore[no-untyped-def]
    source = PushFrameSource()
    scanner = CameraScanner(decoder_name=decoder, source=source)
    texts: list[str] = []
    scanner.decoded.connect(texts.append)
    assert scanner.start()
    source.push(video_frame(qr_gray(TOKEN), "Format_NV12"))
    qtbot.waitUntil(lambda: texts == [TOKEN], timeout=5000)
    scanner.stop()


# -- the camera panel -------------------------------------------------------------------------


def test_camera_view_toggles_and_shows_status(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.camera_view import CameraView

    source = PushFrameSource()
    scanner = CameraScanner(source=source)
    view = CameraView(scanner)
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    assert not view.toggle.isChecked() and "스캐너 전용 모드" in view.status.text()
    view.toggle.click()
    assert scanner.running and view.toggle.isChecked() and view.toggle.text() == "카메라 끄기"
    source.push(qimage_gray(qr_gray(TOKEN)))
    qtbot.waitUntil(lambda: not view.preview._image.isNull())
    view.grab().save(str(tmp_path / "camera_view.png"))
    view.toggle.click()
    assert not scanner.running and view.status.text() == "카메라 꺼짐 — 스캐너 전용 모드"


def test_camera_view_without_a_camera(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.camera_view import CameraView

    if CameraScanner.available_cameras():
        pytest.skip("this machine has a camera")
    view = CameraView(CameraScanner())
    qtbot.addWidget(view)
    assert view.picker.currentText() == "카메라 없음" and not view.picker.isEnabled()
    view.toggle.click()
    assert not view.toggle.isChecked()
    assert view.status.text() == "카메라가 연결되어 있지 않습니다 — 스캐너 전용 모드"


def test_deleting_a_busy_scanner_is_safe(qtbot) -> None:  # type: ignore[no-untyped-def]
    import shiboken6

    source = PushFrameSource()
    scanner = CameraScanner(source=source, min_interval_ms=0)
    assert scanner.start()
    source.push(qimage_gray(qr_gray(TOKEN)))  # a decode is now running on the worker
    executor = scanner._executor
    shiboken6.delete(scanner)
    executor.shutdown(wait=True)  # the worker finishes without touching the dead scanner
    qtbot.wait(20)


def test_without_qtmultimedia_the_desk_keeps_working(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kiosk.scan import pipeline

    monkeypatch.setattr(pipeline, "MULTIMEDIA_ERROR", "No module named 'PySide6.QtMultimedia'")
    scanner = CameraScanner()
    assert scanner.sink is None and CameraScanner.available_cameras() == []
    assert scanner.start() is False
    assert scanner.status == "카메라 기능(QtMultimedia)을 사용할 수 없습니다 — 스캐너 전용 모드"


def test_a_stalled_camera_is_reported_and_recovers(qtbot, source, scanner) -> None:  # type: ignore[no-untyped-def]
    scanner.stall_timeout_s = 0.3  # the camera default is 8 s; pushed sources have it off
    scanner._watchdog.setInterval(50)
    scanner._watchdog.start()
    qtbot.waitUntil(lambda: scanner.status == "카메라 영상이 들어오지 않습니다 — USB 스캐너를 사용하세요")
    assert scanner.running
    source.push(qimage_gray(qr_gray(TOKEN)))
    qtbot.waitUntil(lambda: scanner.texts == [TOKEN])
    assert scanner.status == "카메라 스캔 중: 테스트 영상"

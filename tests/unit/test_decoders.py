"""The QR decoders: real photographs, frame conversions, robustness, choosing a back end."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
import qrcode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PIL import Image

from kiosk.scan import decoders
from kiosk.scan.decoders import (
    DEFAULT_DECODER,
    Decoder,
    DecoderUnavailable,
    PyzbarDecoder,
    ZXingDecoder,
    available_decoders,
    decode_image_file,
    gray_from_buffer,
    gray_from_pil,
    gray_from_rgb32,
    make_decoder,
)
from kiosk.scan.synthetic import HEIGHT, WIDTH, SyntheticFrame, synthetic_frames

TOKEN = "K1ABCDEFGHJKMNPQRSTVWXYZ012345"
NAMES = ["zxing", "pyzbar"]
# What each back end reads of shared/qr-samples/dev (41 photographs), rounded down: zxing-cpp
# reads all 41; zbar misses two: qrcode-3/03 (small, a black bar in its quiet zone) and
# qrcode-6/15 (a black band across the middle, left to error correction).
MIN_REAL_SHARE = {"zxing": 1.0, "pyzbar": 0.95}
EASY_PHOTOS = ["qrcode-6/1.png", "qrcode-1/1.webp", "qrcode-3/01.webp"]


# --- fixtures and helpers ---------------------------------------------------------------------


def _samples_dir() -> Path:
    override = os.environ.get("KIOSK_QR_SAMPLES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "shared" / "qr-samples" / "dev"


def _real_samples() -> list[tuple[Path, str]]:
    root = _samples_dir()
    if not root.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"QR sample photographs missing in CI: {root}")
        pytest.skip(f"QR sample photographs not found at {root} (set KIOSK_QR_SAMPLES)")
    pairs = []
    for image in sorted(root.rglob("*")):
        text = image.with_suffix(".txt")
        if image.suffix.lower() in (".png", ".webp", ".jpg", ".jpeg") and text.is_file():
            # Bytes, not read_text(): universal newlines would turn the codes' CRLF into LF.
            pairs.append((image, text.read_bytes().decode("utf-8")))
    assert pairs, f"{root} holds no NAME.png/webp with NAME.txt"
    return pairs


@pytest.fixture(scope="module", params=NAMES)
def decoder(request: pytest.FixtureRequest) -> Decoder:
    return make_decoder(request.param)


def _decode_cleanly(name: str, array: np.ndarray) -> list[str]:
    """Decode with a fresh decoder and fail if it had to swallow an exception to return."""
    with mock.patch.object(decoders.log, "log") as log:
        texts = make_decoder(name).decode_gray(array)
    assert not log.called, log.call_args
    return texts


@pytest.fixture(scope="module")
def no_code_frames() -> list[SyntheticFrame]:
    return list(synthetic_frames(25, seed=7, no_code_share=1.0))


@pytest.fixture(scope="module")
def code_frames() -> list[SyntheticFrame]:
    return [f for f in synthetic_frames(30, seed=3) if f.expected is not None]


def _qr_frame(text: str = TOKEN, module_px: int = 6, inverted: bool = False) -> np.ndarray:
    """A clean 1280x720 frame with the code in the middle on grey."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    modules = np.array(qr.get_matrix(), dtype=bool)
    dark, light = (230, 30) if inverted else (30, 230)
    code = np.kron(np.where(modules, dark, light), np.ones((module_px, module_px))).astype(np.uint8)
    frame = np.full((HEIGHT, WIDTH), 128, dtype=np.uint8)
    top, left = (HEIGHT - code.shape[0]) // 2, (WIDTH - code.shape[1]) // 2
    frame[top : top + code.shape[0], left : left + code.shape[1]] = code
    return frame


# --- real photographs -------------------------------------------------------------------------


def test_reads_enough_real_photographs(decoder: Decoder) -> None:
    samples = _real_samples()
    missed = [path.name for path, text in samples if text not in decode_image_file(path, decoder)]
    share = 1 - len(missed) / len(samples)
    assert share >= MIN_REAL_SHARE[decoder.name], f"{decoder.name} missed {missed}"


@pytest.mark.parametrize("relative", EASY_PHOTOS)
def test_easy_photographs_are_read_exactly(decoder: Decoder, relative: str) -> None:
    _real_samples()  # skips or fails when the folder is missing
    path = _samples_dir() / relative
    expected = path.with_suffix(".txt").read_bytes().decode("utf-8")
    assert decode_image_file(path, decoder) == [expected]


def test_unreadable_file_raises_oserror(tmp_path: Path) -> None:
    bogus = tmp_path / "not-an-image.png"
    bogus.write_bytes(b"hello")
    with pytest.raises(OSError):
        decode_image_file(bogus, make_decoder())
    with pytest.raises(FileNotFoundError):
        decode_image_file(tmp_path / "missing.png", make_decoder())


# --- synthetic and generated frames -----------------------------------------------------------


def test_clean_code_and_korean_text(decoder: Decoder) -> None:
    assert decoder.decode_gray(_qr_frame()) == [TOKEN]
    assert decoder.decode_gray(_qr_frame("환영합니다, 김현미 의원님")) == ["환영합니다, 김현미 의원님"]


def test_inverted_code_is_read(decoder: Decoder) -> None:
    assert decoder.decode_gray(_qr_frame(inverted=True)) == [TOKEN]


def test_no_false_reads_on_frames_without_a_code(
    decoder: Decoder, no_code_frames: list[SyntheticFrame]
) -> None:
    assert all(frame.expected is None for frame in no_code_frames)
    reads = {frame.kind: decoder.decode_gray(frame.gray) for frame in no_code_frames}
    assert not any(reads.values()), {kind: texts for kind, texts in reads.items() if texts}


def test_synthetic_frames_are_mostly_read(decoder: Decoder, code_frames: list[SyntheticFrame]) -> None:
    # A small smoke sample; tests/benchmarks/decode_report.py measures the rate on 500+ frames.
    read = sum(frame.expected in decoder.decode_gray(frame.gray) for frame in code_frames)
    assert read >= 0.8 * len(code_frames)


def test_synthetic_frames_are_deterministic() -> None:
    first = list(synthetic_frames(12, seed=5, no_code_share=0.25))
    again = list(synthetic_frames(12, seed=5, no_code_share=0.25))
    assert [f.expected for f in first] == [f.expected for f in again]
    assert all(np.array_equal(a.gray, b.gray) for a, b in zip(first, again, strict=True))
    assert sum(f.expected is None for f in first) == 3
    assert all(f.gray.shape == (HEIGHT, WIDTH) and f.gray.dtype == np.uint8 for f in first)


# --- frame conversions ------------------------------------------------------------------------


def test_padded_rows_decode_identically(decoder: Decoder) -> None:
    frame = _qr_frame()
    stride = WIDTH + 13
    padded = np.random.default_rng(0).integers(0, 256, size=(HEIGHT, stride), dtype=np.uint8)
    padded[:, :WIDTH] = frame
    # Producers may leave the padding off the last row: drop it to prove it is not needed.
    buffer = padded.tobytes()[: stride * (HEIGHT - 1) + WIDTH]
    gray = gray_from_buffer(memoryview(buffer), WIDTH, HEIGHT, stride)
    assert gray.flags.c_contiguous and np.array_equal(gray, frame)
    assert decoder.decode_gray(gray) == decoder.decode_gray(frame) == [TOKEN]


def test_unpadded_frames_are_copied_not_viewed() -> None:
    """With no row padding (width == bytes per line) np.ascontiguousarray handed back the
    producer's own buffer: the decoder thread then read a frame Qt had freed or the camera
    driver had unmapped (a segmentation fault in zxing when a busy scanner was deleted)."""
    from kiosk.scan.frames import _luma_packed

    for convert in (lambda buf: gray_from_buffer(buf, 10, 10, 10), lambda buf: _luma_packed(buf, 10, 10, 10, 1, 0)):
        source = bytearray(np.arange(100, dtype=np.uint8).tobytes())
        gray = convert(memoryview(source))
        source[:] = b"\0" * 100  # the producer reuses (or frees) its frame
        assert gray[9, 9] == 99 and gray[0, 1] == 1


def test_buffer_geometry_is_checked() -> None:
    with pytest.raises(ValueError):
        gray_from_buffer(b"\0" * 99, 10, 10, 10)
    with pytest.raises(ValueError):
        gray_from_buffer(b"\0" * 100, 10, 10, 9)
    with pytest.raises(ValueError):
        gray_from_rgb32(b"\0" * 400, 10, 10, 39)


def test_rgb32_buffer_gives_pillow_luma(decoder: Decoder) -> None:
    rng = np.random.default_rng(1)
    rgb = rng.integers(0, 256, size=(HEIGHT, WIDTH, 3), dtype=np.uint8)
    rgb[_qr_frame() < 100] //= 4  # the code's dark modules, in colour over coloured noise
    rgb[_qr_frame() > 200] = rgb[_qr_frame() > 200] // 4 + 190
    stride = WIDTH * 4 + 32
    words = np.zeros((HEIGHT, stride), dtype=np.uint8)
    pixels = words[:, : WIDTH * 4].reshape(HEIGHT, WIDTH, 4)
    # Qt's RGB32 is the native-endian word 0xAARRGGBB: bytes B, G, R, A on little-endian.
    order = (2, 1, 0) if sys.byteorder == "little" else (1, 2, 3)
    for channel, offset in enumerate(order):
        pixels[:, :, offset] = rgb[:, :, channel]
    pixels[:, :, 3 if sys.byteorder == "little" else 0] = 255
    gray = gray_from_rgb32(words.tobytes(), WIDTH, HEIGHT, stride)
    assert np.array_equal(gray, np.asarray(Image.fromarray(rgb, "RGB").convert("L")))
    assert decoder.decode_gray(gray) == [TOKEN]


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "CMYK", "1", "I;16", "RGB"])
def test_pillow_modes_become_readable_gray(mode: str, tmp_path: Path) -> None:
    base = Image.fromarray(_qr_frame(module_px=4)[200:520, 480:800])
    if mode in ("RGBA", "LA"):
        # A code drawn on a transparent background: transparent pixels are stored black.
        alpha = base.point(lambda v: 255 if v < 100 else 0)
        image = Image.merge("RGBA", (*[Image.new("L", base.size, 0)] * 3, alpha)).convert(mode)
    elif mode == "I;16":
        image = Image.fromarray(np.asarray(base).astype(np.uint16) * 257)
    elif mode == "1":
        image = base.convert("1", dither=Image.Dither.NONE)  # dithering would speckle the code
    else:
        image = base.convert(mode)
    gray = gray_from_pil(image)
    assert gray.dtype == np.uint8 and gray.shape == (base.height, base.width)
    assert make_decoder().decode_gray(gray) == [TOKEN]
    if mode in ("RGBA", "RGB"):
        path = tmp_path / f"code-{mode}.webp"
        image.save(path, lossless=True)
        assert decode_image_file(path, make_decoder()) == [TOKEN]


# --- never raising ----------------------------------------------------------------------------

_DTYPES = st.sampled_from(
    [np.uint8, np.int8, np.uint16, np.int32, np.int64, np.float32, np.float64, np.bool_]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    array=hnp.arrays(
        dtype=_DTYPES,
        shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=64),
    )
)
def test_garbage_arrays_never_raise(array: np.ndarray) -> None:
    for name in NAMES:
        assert _decode_cleanly(name, array) == []


@pytest.mark.parametrize(
    "array",
    [
        np.zeros((0, 0), np.uint8),
        np.zeros((1, 1), np.uint8),
        np.zeros((720, 0), np.uint8),
        np.full((64, 64), np.nan),
        np.full((64, 64), np.inf, np.float32),
        np.tile(np.array([[1e308, -1e308]]), (32, 16)),
        np.zeros((64, 64), np.complex64),
        np.array([["a"] * 30] * 30),
        np.array([[object()] * 30] * 30),
        np.arange(30 * 40 * 5, dtype=np.uint8).reshape(30, 40, 5),
        np.zeros((5000, 4000), np.uint8),  # larger than MAX_PIXELS: subsampled, not refused
    ],
    ids=["empty", "1x1", "no-columns", "nan", "inf", "extreme", "complex", "str", "object", "5ch", "huge"],
)
def test_odd_arrays_give_nothing(decoder: Decoder, array: np.ndarray) -> None:
    assert _decode_cleanly(decoder.name, array) == []


def test_other_dtypes_and_layouts_are_converted(decoder: Decoder) -> None:
    frame = _qr_frame()
    assert decoder.decode_gray(frame.astype(np.float64) / 255.0) == [TOKEN]
    assert decoder.decode_gray(frame.astype(np.uint16) * 257) == [TOKEN]
    assert decoder.decode_gray(frame > 127) == [TOKEN]
    assert decoder.decode_gray(np.asfortranarray(frame)) == [TOKEN]
    every_other_column = np.zeros((HEIGHT, WIDTH * 2), np.uint8)
    every_other_column[:, ::2] = frame
    assert decoder.decode_gray(every_other_column[:, ::2]) == [TOKEN]  # a strided view
    assert decoder.decode_gray(frame[::-1, ::-1]) == [TOKEN]  # negative strides, turned 180°
    assert decoder.decode_gray(np.dstack([frame] * 3)) == [TOKEN]
    assert decoder.decode_gray(frame[None, :, :]) == [TOKEN]


def test_a_failing_back_end_is_contained(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    decoder = make_decoder("zxing")

    def explode(gray: np.ndarray) -> list[str]:
        raise RuntimeError("library bug")

    monkeypatch.setattr(decoder, "_decode", explode)
    with caplog.at_level(logging.DEBUG, logger=decoders.__name__):
        assert decoder.decode_gray(_qr_frame()) == []
        assert decoder.decode_gray(_qr_frame()) == []
    # Logged in full once, then quietly: a camera would repeat the fault 30 times a second.
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.DEBUG]


# --- choosing a decoder -----------------------------------------------------------------------


def test_default_decoder() -> None:
    assert DEFAULT_DECODER == "zxing"
    decoder = make_decoder(None)
    assert isinstance(decoder, ZXingDecoder) and decoder.name == DEFAULT_DECODER
    assert isinstance(make_decoder(), ZXingDecoder)


def test_names_and_aliases() -> None:
    assert available_decoders() == {"zxing": ZXingDecoder, "pyzbar": PyzbarDecoder}
    assert isinstance(make_decoder(" ZXing-CPP "), ZXingDecoder)
    assert isinstance(make_decoder("zbar"), PyzbarDecoder)


def test_unknown_name_raises() -> None:
    with pytest.raises(ValueError, match="알 수 없는 디코더"):
        make_decoder("quagga")


def test_missing_library_is_reported_in_korean(monkeypatch: pytest.MonkeyPatch) -> None:
    message = "pyzbar 디코더를 쓸 수 없습니다 (libzbar0 미설치): Unable to find zbar shared library"
    monkeypatch.setattr(decoders, "_import_pyzbar", lambda: message)
    assert not PyzbarDecoder.available()
    assert "pyzbar" not in available_decoders()
    with pytest.raises(DecoderUnavailable, match="libzbar0 미설치"):
        make_decoder("pyzbar")
    with pytest.raises(DecoderUnavailable):
        PyzbarDecoder()

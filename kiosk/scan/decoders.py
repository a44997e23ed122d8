"""QR decoders behind one small interface: a grayscale numpy frame in, the decoded texts out.

No Qt here on purpose: the camera pipeline turns a QImage/QVideoFrame into bytes (or an array)
with the helpers below and calls ``decode_gray`` from its worker thread, so the decoders can be
tested, benchmarked and used by the CLI without a display.

Two back ends: zxing-cpp (the default: it read more of the synthetic and real frames, and is
faster, see tests/benchmarks/decode_report.py) and pyzbar/libzbar (kept selectable as a second
opinion and for machines where the zxing-cpp wheel is missing).
"""

from __future__ import annotations

import abc
import functools
import logging
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import numpy as np
from PIL import Image

from kiosk.scan.names import DECODER_NAMES, DEFAULT_DECODER

log = logging.getLogger(__name__)

# The smallest QR code (version 1) is 21 modules wide; a smaller frame cannot hold one.
MIN_SIDE = 21
# Bounds the time and memory a single call can take (a 16 MP photo is still read in full).
MAX_PIXELS = 4096 * 4096


class DecoderUnavailable(RuntimeError):
    """The back end's library is missing. The message is shown to staff: Korean first."""


# --- frame conversion -------------------------------------------------------------------------


def _check_geometry(width: int, height: int, bytes_per_line: int, bpp: int, size: int) -> None:
    if width <= 0 or height <= 0:
        raise ValueError(f"frame size must be positive, got {width}x{height}")
    if bytes_per_line < width * bpp:
        raise ValueError(f"bytes_per_line {bytes_per_line} < width {width} x {bpp} bytes")
    # Some producers leave the padding off the last row, so only its pixels must be present.
    needed = bytes_per_line * (height - 1) + width * bpp
    if size < needed:
        raise ValueError(f"buffer holds {size} bytes, a {width}x{height} frame needs {needed}")


def gray_from_buffer(
    buf: bytes | bytearray | memoryview, width: int, height: int, bytes_per_line: int
) -> np.ndarray:
    """An 8-bit grayscale frame (Qt's Format_Grayscale8, a Y plane) whose rows may be padded.

    Returns a C-contiguous copy: the source buffer (a mapped video frame) is only valid
    until the producer unmaps it, while the decoder may still be running on another thread.
    """
    flat = np.frombuffer(buf, dtype=np.uint8)
    _check_geometry(width, height, bytes_per_line, 1, flat.size)
    rows = np.lib.stride_tricks.as_strided(
        flat, shape=(height, width), strides=(bytes_per_line, 1), writeable=False
    )
    # Always a copy: np.ascontiguousarray returned the very buffer when the rows had no padding
    # (width == bytes per line), and the decoder then read a frame Qt had already freed.
    return np.array(rows, dtype=np.uint8, order="C", copy=True)


def gray_from_rgb32(
    buf: bytes | bytearray | memoryview, width: int, height: int, bytes_per_line: int
) -> np.ndarray:
    """Luma of a Qt Format_RGB32/ARGB32 frame (one native-endian 0xAARRGGBB word per pixel).

    Alpha is ignored: camera frames are opaque. The weights are the ITU-R 601 ones Pillow uses
    for ``convert("L")``, so a frame gives the same pixels whichever path it took.
    """
    flat = np.frombuffer(buf, dtype=np.uint8)
    _check_geometry(width, height, bytes_per_line, 4, flat.size)
    pixels = np.lib.stride_tricks.as_strided(
        flat, shape=(height, width, 4), strides=(bytes_per_line, 4, 1), writeable=False
    )
    # In memory the word is B,G,R,A on little-endian machines and A,R,G,B on big-endian ones.
    r, g, b = (2, 1, 0) if sys.byteorder == "little" else (1, 2, 3)
    luma = (
        pixels[:, :, r].astype(np.uint32) * 19595
        + pixels[:, :, g].astype(np.uint32) * 38470
        + pixels[:, :, b].astype(np.uint32) * 7471
        + 0x8000
    ) >> 16
    return luma.astype(np.uint8)


def gray_from_pil(image: Image.Image) -> np.ndarray:
    """Any Pillow image (RGBA, P, LA, CMYK, 16-bit, ...) as a 2-D uint8 grayscale array."""
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        # convert("L") clips these at 255 instead of scaling, which would whiten the picture.
        return _to_uint8(np.asarray(image))
    has_alpha = image.mode in ("RGBA", "RGBa", "LA", "La", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        # Transparent pixels are usually stored black: a QR on a transparent background would
        # turn into black on black, so flatten it onto white paper first.
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(paper, rgba)
    elif image.mode not in ("L", "1", "RGB", "P"):
        image = image.convert("RGB")  # CMYK, YCbCr, LAB, HSV: go through RGB
    return np.asarray(image.convert("L"), dtype=np.uint8)


def _to_uint8(array: np.ndarray) -> np.ndarray:
    """Map any real-valued array onto 0..255, keeping arrays that already fit as they are."""
    if array.dtype == np.uint8:
        return array
    if array.dtype == np.bool_:
        return array.astype(np.uint8) * np.uint8(255)
    # Absurd values (1e308 floats) may overflow on the way; they become some grey, silently.
    with np.errstate(all="ignore"):
        values = np.nan_to_num(array.astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)
        low, high = float(values.min()), float(values.max())
        if np.issubdtype(array.dtype, np.floating) and low >= 0.0 and high <= 1.0:
            values = values * 255.0  # the usual 0..1 float image convention
        elif low < 0.0 or high > 255.0:
            # A 16-bit or signed image: stretch to 8 bits; only the contrast matters to a decoder.
            values = (values - low) * np.float32(255.0 / max(high - low, 1e-30))
        return np.clip(np.nan_to_num(np.rint(values)), 0, 255).astype(np.uint8)


def _prepared(frame: Any) -> np.ndarray | None:
    """The frame as a C-contiguous 2-D uint8 array the back ends accept, or None if hopeless."""
    array = np.asarray(frame)
    if array.dtype.kind not in "biuf":
        return None
    colour = array.ndim == 3 and array.shape[2] in (3, 4)
    if not colour and array.ndim != 2:
        array = array.squeeze()
    if array.ndim != (3 if colour else 2) or min(array.shape[:2]) < MIN_SIDE:
        return None
    pixels = array.shape[0] * array.shape[1]
    if pixels > MAX_PIXELS:
        step = math.ceil(math.sqrt(pixels / MAX_PIXELS))
        array = array[::step, ::step]
        if min(array.shape[:2]) < MIN_SIDE:
            return None
    if colour:  # assume RGB order; for a QR code only the contrast matters
        rgb = _to_uint8(array[:, :, :3]).astype(np.uint16)
        array = (rgb[:, :, 0] * 77 + rgb[:, :, 1] * 150 + rgb[:, :, 2] * 29) >> 8
    return np.ascontiguousarray(_to_uint8(array))


def _text_from_bytes(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Latin-1 never fails and keeps every byte recoverable; the token check rejects it.
        return data.decode("latin-1")


# --- the interface ----------------------------------------------------------------------------


class Decoder(abc.ABC):
    """Reads QR codes from grayscale frames. One instance per worker thread is enough."""

    name: ClassVar[str]

    def __init__(self) -> None:
        self._reported_failure = False

    def decode_gray(self, gray: np.ndarray) -> list[str]:
        """Texts of the QR codes in a 2-D grayscale frame, without duplicates; never raises.

        zxing returns at most one text per frame (see ZXingDecoder), pyzbar all it finds.

        Other dtypes and 3-channel arrays are converted; an empty, tiny or non-image array
        gives [] because a camera thread must survive any frame.
        """
        try:
            frame = _prepared(gray)
            if frame is None:
                return []
            return list(dict.fromkeys(text for text in self._decode(frame) if text))
        except Exception:  # noqa: BLE001 - a bad frame must never stop the scanner
            # Once in full: at 30 frames a second a persistent fault would flood the log.
            level = logging.DEBUG if self._reported_failure else logging.WARNING
            self._reported_failure = True
            log.log(level, "%s decoder failed on a frame", self.name, exc_info=True)
            return []

    @abc.abstractmethod
    def _decode(self, gray: np.ndarray) -> list[str]:
        """Decode a C-contiguous 2-D uint8 frame of at least MIN_SIDE pixels a side."""

    @classmethod
    def available(cls) -> bool:
        return cls.unavailable_reason() is None

    @classmethod
    @abc.abstractmethod
    def unavailable_reason(cls) -> str | None:
        """None when the back end can run, else a message for staff (Korean first)."""


@functools.cache
def _import_zxing() -> ModuleType | str:
    try:
        import zxingcpp
    except ImportError as exc:
        return f"zxing-cpp 디코더를 쓸 수 없습니다 (zxing-cpp 패키지 미설치): {exc}"
    return zxingcpp


@functools.cache
def _import_pyzbar() -> ModuleType | str:
    try:
        from pyzbar import pyzbar
    except ImportError as exc:
        missing = "pyzbar 패키지" if getattr(exc, "name", None) == "pyzbar" else "libzbar0"
        return f"pyzbar 디코더를 쓸 수 없습니다 ({missing} 미설치): {exc}"
    except OSError as exc:  # the shared library exists but cannot be loaded
        return f"pyzbar 디코더를 쓸 수 없습니다 (libzbar0 불러오기 실패): {exc}"
    return pyzbar


# zxing-cpp misses small codes (modules under ~4 px) once blur and noise set in. Reading a 2x
# enlargement of the frame's busiest patch rescues most of them for about 2 ms, where enlarging
# the whole frame would cost more than the 10 ms a frame may take.
_PATCH_STEP = 4  # subsampling of the busyness map
_PATCH_CELL = 16  # frame pixels per side of a busyness cell
_PATCH_CELLS = 5  # cells per side of the window: about the smallest code
_PATCH_HALF = 112  # half side of the crop: a 110 px code turned 45 degrees, with its quiet zone


def _busiest_patch(gray: np.ndarray) -> tuple[int, int, int, int]:
    """Box (left, top, right, bottom) around the area richest in edges running both ways.

    A QR code is a dense mix of horizontal and vertical edges; text rows, stripes and
    gradients are not, so taking the smaller of the two edge energies favours codes.
    """
    height, width = gray.shape
    small = gray[::_PATCH_STEP, ::_PATCH_STEP].astype(np.int16)
    dx = np.abs(small[:-1, 1:] - small[:-1, :-1])
    dy = np.abs(small[1:, :-1] - small[:-1, :-1])
    per = _PATCH_CELL // _PATCH_STEP
    rows, cols = dx.shape[0] // per, dx.shape[1] // per
    k = _PATCH_CELLS
    if rows < k or cols < k:
        return (0, 0, width, height)

    def cell_sums(edges: np.ndarray) -> np.ndarray:
        cells = edges[: rows * per, : cols * per].reshape(rows, per, cols, per)
        return cells.sum(axis=(1, 3), dtype=np.int64)

    score = np.minimum(cell_sums(dx), cell_sums(dy))
    integral = np.pad(score, ((1, 0), (1, 0))).cumsum(axis=0).cumsum(axis=1)
    window = integral[k:, k:] - integral[:-k, k:] - integral[k:, :-k] + integral[:-k, :-k]
    row, col = np.unravel_index(int(np.argmax(window)), window.shape)
    cy, cx = int((row + k / 2) * _PATCH_CELL), int((col + k / 2) * _PATCH_CELL)
    return (
        max(cx - _PATCH_HALF, 0),
        max(cy - _PATCH_HALF, 0),
        min(cx + _PATCH_HALF, width),
        min(cy + _PATCH_HALF, height),
    )


class ZXingDecoder(Decoder):
    """zxing-cpp, restricted to QR codes; reads at most one code per frame.

    Options, as measured by tests/benchmarks/decode_report.py:
    - try_rotate off: it only matters to 1-D barcodes, the QR detector finds any rotation.
    - try_invert on: reads light-on-dark codes (phones in dark mode); it only costs a second
      pass on frames where the first found nothing.
    - try_downscale on: also searches smaller copies of the frame, which rescues large
      blurred codes for little time.
    - one code per frame: asking for all of them forces the inverted pass on every frame and
      nearly doubles the time; a check-in desk shows one code at a time.
    - small_code_retry: the 2x busiest-patch pass above, only on frames with nothing found.
    """

    name = "zxing"

    def __init__(
        self,
        *,
        try_rotate: bool = False,
        try_downscale: bool = True,
        try_invert: bool = True,
        small_code_retry: bool = True,
    ) -> None:
        super().__init__()
        zxingcpp = _import_zxing()
        if isinstance(zxingcpp, str):
            raise DecoderUnavailable(zxingcpp)
        self._zxing = zxingcpp
        self._options = {
            "formats": zxingcpp.BarcodeFormat.QRCode,
            "try_rotate": try_rotate,
            "try_downscale": try_downscale,
            "try_invert": try_invert,
            # Plain: the decoded bytes as text (by ECI or guessed charset), never the
            # "human readable" rewriting HRI may apply.
            "text_mode": zxingcpp.TextMode.Plain,
        }
        self._small_code_retry = small_code_retry

    @classmethod
    def unavailable_reason(cls) -> str | None:
        result = _import_zxing()
        return result if isinstance(result, str) else None

    def _read(self, gray: np.ndarray, **overrides: Any) -> list[str]:
        barcode = self._zxing.read_barcode(gray, **{**self._options, **overrides})
        return [barcode.text] if barcode is not None else []

    def _decode(self, gray: np.ndarray) -> list[str]:
        texts = self._read(gray)
        if texts or not self._small_code_retry:
            return texts
        left, top, right, bottom = _busiest_patch(gray)
        patch = Image.fromarray(gray[top:bottom, left:right])
        enlarged = patch.resize((patch.width * 2, patch.height * 2), Image.Resampling.BILINEAR)
        return self._read(np.asarray(enlarged), try_downscale=False)


class PyzbarDecoder(Decoder):
    """pyzbar over libzbar, restricted to QR codes.

    zbar's edge detector is thrown by sensor noise, and it is slow on a full 1280x720 frame,
    so (as measured by tests/benchmarks/decode_report.py) it reads in two passes:
    1. a half-size copy (each pixel the mean of four): four times fewer pixels and half the
       noise; enough for most codes, so a shown code is usually read in ~10 ms;
    2. when that finds nothing, the full frame as it is, for small codes. (Smoothing it
       first read more noisy synthetic frames but lost real photographs.)
    zbar does not see light-on-dark codes, so pass 1 is repeated on the inverted image when
    it finds nothing (retry_inverted: +6 points of read rate for ~7 ms more at p95); pass 2
    is not, as small inverted codes are rare and it would add a full-size pass to every
    empty frame.
    """

    name = "pyzbar"

    def __init__(self, *, retry_inverted: bool = True, half_size_first: bool = True) -> None:
        super().__init__()
        pyzbar = _import_pyzbar()
        if isinstance(pyzbar, str):
            raise DecoderUnavailable(pyzbar)
        self._pyzbar = pyzbar
        self._symbols = [pyzbar.ZBarSymbol.QRCODE]
        self._retry_inverted = retry_inverted
        self._half_size_first = half_size_first

    @classmethod
    def unavailable_reason(cls) -> str | None:
        result = _import_pyzbar()
        return result if isinstance(result, str) else None

    def _scan(self, gray: np.ndarray) -> list[str]:
        height, width = gray.shape
        found = self._pyzbar.decode((gray.tobytes(), width, height), symbols=self._symbols)
        return [_text_from_bytes(symbol.data) for symbol in found]

    def _decode(self, gray: np.ndarray) -> list[str]:
        image = Image.fromarray(gray)
        if self._half_size_first and min(gray.shape) >= 2 * MIN_SIDE:
            half = np.asarray(image.reduce(2))
            texts = self._scan(half)
            if not texts and self._retry_inverted:
                texts = self._scan(np.invert(half))
            if texts:
                return texts
        texts = self._scan(gray)
        if not texts and self._retry_inverted and not self._half_size_first:
            texts = self._scan(np.invert(gray))
        return texts


# --- choosing one -----------------------------------------------------------------------------

DECODERS: dict[str, type[Decoder]] = {"zxing": ZXingDecoder, "pyzbar": PyzbarDecoder}
assert tuple(sorted(DECODERS)) == DECODER_NAMES  # the command line offers these without importing us
_ALIASES = {"zxing-cpp": "zxing", "zxingcpp": "zxing", "zbar": "pyzbar"}


def available_decoders() -> dict[str, type[Decoder]]:
    """The back ends whose libraries are installed, by name, the default first."""
    return {name: cls for name, cls in DECODERS.items() if cls.available()}


def make_decoder(name: str | None = None) -> Decoder:
    """A ready decoder: ``None`` picks DEFAULT_DECODER.

    Raises ValueError for an unknown name and DecoderUnavailable when its library is missing.
    """
    key = DEFAULT_DECODER if name is None else name.strip().lower()
    key = _ALIASES.get(key, key)
    cls = DECODERS.get(key)
    if cls is None:
        known = ", ".join(DECODERS)
        raise ValueError(f"알 수 없는 디코더입니다: {name!r} (사용 가능: {known}) / unknown decoder")
    reason = cls.unavailable_reason()
    if reason is not None:
        raise DecoderUnavailable(reason)
    return cls()


def decode_image_file(path: str | Path, decoder: Decoder) -> list[str]:
    """Texts of the QR codes in an image file (PNG, JPEG, WebP, ...), for ``kiosk decode``.

    Raises OSError (FileNotFoundError, PIL.UnidentifiedImageError) when the file cannot be read.
    """
    try:
        with Image.open(path) as image:
            gray = gray_from_pil(image)
    except Image.DecompressionBombError as exc:  # not an OSError: callers catch one type
        raise OSError(f"이미지가 너무 큽니다 / image too large: {exc}") from exc
    return decoder.decode_gray(gray)

"""Camera frames (QVideoFrame) and pictures (QImage) as 2-D grayscale numpy arrays.

QR decoders only need luma. Most webcams deliver YUV (NV12, YUYV, ...), where luma is already
a plane or every other byte: copying it out is far cheaper than ``toImage()``, which converts the
whole frame to RGB first. Rows are read with the frame's own ``bytesPerLine``, because drivers pad
rows (a 1278-pixel-wide frame often has 1280 or 1536 bytes per line).

The result is always a copy: a mapped frame's memory belongs to the driver and is gone after
``unmap()``, while the decoder runs later on another thread.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from kiosk.scan.decoders import gray_from_buffer, gray_from_rgb32

try:  # QtMultimedia is an add-on; without it only QImages can be converted.
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat
except ImportError:  # pragma: no cover - exercised only on broken installations
    QVideoFrame = None  # type: ignore[assignment,misc]
    QVideoFrameFormat = None  # type: ignore[assignment,misc]

# Frames wider than this are decimated by two: a QR held up to a 1080p/4K webcam stays far
# above the decoder's needs, and half the side is a quarter of the work.
MAX_DECODE_WIDTH = 1920


def _luma_packed(buf: memoryview, width: int, height: int, bpl: int, bpp: int, offset: int) -> np.ndarray:
    """Luma stored as one byte per pixel inside packed pixels (YUYV, UYVY, AYUV, Y16)."""
    flat = np.frombuffer(buf, dtype=np.uint8)
    needed = bpl * (height - 1) + width * bpp
    if flat.size < needed or bpl < width * bpp:
        raise ValueError(f"frame buffer too small: {flat.size} bytes for {width}x{height}")
    rows = np.lib.stride_tricks.as_strided(
        flat[offset:], shape=(height, width), strides=(bpl, bpp), writeable=False
    )
    return np.array(rows, dtype=np.uint8, order="C", copy=True)  # never a view of the mapped frame


def _luma_rgb(buf: memoryview, width: int, height: int, bpl: int, order: tuple[int, int, int]) -> np.ndarray:
    """ITU-R 601 luma of 4-byte RGB pixels whose R, G, B bytes sit at ``order`` in memory."""
    flat = np.frombuffer(buf, dtype=np.uint8)
    needed = bpl * (height - 1) + width * 4
    if flat.size < needed or bpl < width * 4:
        raise ValueError(f"frame buffer too small: {flat.size} bytes for {width}x{height}")
    px = np.lib.stride_tricks.as_strided(flat, shape=(height, width, 4), strides=(bpl, 4, 1), writeable=False)
    r, g, b = order
    luma = (
        px[:, :, r].astype(np.uint32) * 19595
        + px[:, :, g].astype(np.uint32) * 38470
        + px[:, :, b].astype(np.uint32) * 7471
        + 0x8000
    ) >> 16
    return luma.astype(np.uint8)


def _decimate(gray: np.ndarray) -> np.ndarray:
    if gray.shape[1] > MAX_DECODE_WIDTH:
        return np.ascontiguousarray(gray[::2, ::2])
    return gray


def gray_from_qimage(image: QImage) -> np.ndarray:
    """Any QImage as a HxW uint8 array (a copy)."""
    if image.isNull() or image.width() <= 0 or image.height() <= 0:
        raise ValueError("empty image")
    fmt = image.format()
    if fmt in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32, QImage.Format.Format_ARGB32_Premultiplied):
        gray = gray_from_rgb32(image.constBits(), image.width(), image.height(), image.bytesPerLine())
    else:
        if fmt != QImage.Format.Format_Grayscale8:
            image = image.convertToFormat(QImage.Format.Format_Grayscale8)
        gray = gray_from_buffer(image.constBits(), image.width(), image.height(), image.bytesPerLine())
    return _decimate(gray)


def _build_format_table() -> dict[object, tuple[str, int, int | tuple[int, int, int]]]:
    """Pixel format -> (how, bytes per pixel, luma byte offset) for frames read without toImage()."""
    if QVideoFrameFormat is None:  # pragma: no cover
        return {}
    F = QVideoFrameFormat.PixelFormat
    table: dict[object, tuple[str, int, int | tuple[int, int, int]]] = {}
    for name in ("Format_Y8", "Format_NV12", "Format_NV21", "Format_YUV420P", "Format_YUV422P",
                 "Format_YV12", "Format_IMC1", "Format_IMC2", "Format_IMC3", "Format_IMC4"):  # fmt: skip
        table[getattr(F, name)] = ("packed", 1, 0)  # plane 0 is 8-bit luma
    # 16-bit luma (little-endian in memory): the high byte is the top 8 bits.
    for name in ("Format_Y16", "Format_P010", "Format_P016"):
        table[getattr(F, name)] = ("packed", 2, 1)
    table[F.Format_YUYV] = ("packed", 2, 0)
    table[F.Format_UYVY] = ("packed", 2, 1)
    table[F.Format_AYUV] = ("packed", 4, 1)
    table[F.Format_AYUV_Premultiplied] = ("packed", 4, 1)
    # Qt 6 names RGB video formats by byte order in memory.
    for names, order in (
        (("Format_ARGB8888", "Format_ARGB8888_Premultiplied", "Format_XRGB8888"), (1, 2, 3)),
        (("Format_BGRA8888", "Format_BGRA8888_Premultiplied", "Format_BGRX8888"), (2, 1, 0)),
        (("Format_ABGR8888", "Format_XBGR8888"), (3, 2, 1)),
        (("Format_RGBA8888", "Format_RGBX8888"), (0, 1, 2)),
    ):
        for name in names:
            table[getattr(F, name)] = ("rgb", 4, order)
    return table


_FORMATS = _build_format_table()


def gray_from_video_frame(frame: QVideoFrame) -> np.ndarray:
    """A camera frame's luma as a HxW uint8 array (a copy). Raises ValueError if unreadable."""
    if frame is None or not frame.isValid():
        raise ValueError("invalid video frame")
    width, height = frame.width(), frame.height()
    if width <= 0 or height <= 0:
        raise ValueError("empty video frame")
    how = _FORMATS.get(frame.pixelFormat())
    if how is None:
        # JPEG (MJPEG webcams), 10-bit planar and texture-only frames: let Qt convert.
        return gray_from_qimage(frame.toImage())
    frame = QVideoFrame(frame)  # mapping a shallow copy leaves the caller's frame untouched
    if not frame.map(QVideoFrame.MapMode.ReadOnly):
        return gray_from_qimage(frame.toImage())
    try:
        bits = frame.bits(0)
        bpl = frame.bytesPerLine(0)
        if bits is None:
            raise ValueError("frame has no readable plane")
        kind, bpp, where = how
        if isinstance(where, tuple):
            gray = _luma_rgb(bits, width, height, bpl, where)
        else:
            gray = _luma_packed(bits, width, height, bpl, bpp, where)
    finally:
        frame.unmap()
    return _decimate(gray)


def to_gray(frame: QVideoFrame | QImage) -> np.ndarray:
    """Either kind of picture as grayscale: what the camera pipeline hands to the decoder."""
    if isinstance(frame, QImage):
        return gray_from_qimage(frame)
    return gray_from_video_frame(frame)

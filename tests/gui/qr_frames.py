"""Camera-like frames carrying real QR codes, as QImages and as QVideoFrames in webcam formats."""

from __future__ import annotations

import numpy as np
import qrcode
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

WIDTH, HEIGHT = 1280, 720


def qr_gray(text: str, side: int = 300, width: int = WIDTH, height: int = HEIGHT, invert: bool = False) -> np.ndarray:
    """A grey frame with a QR code of ``side`` pixels (quiet zone included) near the middle."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=4)
    code.add_data(text)
    qr = code.make_image().get_image().convert("L").resize((side, side), Image.Resampling.NEAREST)
    frame = Image.new("L", (width, height), 140)
    frame.paste(qr, ((width - side) // 2 + 37, (height - side) // 2 - 11))
    gray = np.asarray(frame, dtype=np.uint8)
    return 255 - gray if invert else gray


def blank_gray(width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    return np.full((height, width), 140, dtype=np.uint8)


def qimage_gray(gray: np.ndarray) -> QImage:
    h, w = gray.shape
    return QImage(gray.tobytes(), w, h, w, QImage.Format.Format_Grayscale8).copy()


def qimage_rgb32(gray: np.ndarray) -> QImage:
    return qimage_gray(gray).convertToFormat(QImage.Format.Format_RGB32)


def video_frame(gray: np.ndarray, pixel_format: str = "Format_NV12") -> QVideoFrame:
    """A QVideoFrame in a webcam pixel format, written row by row with Qt's padded bytesPerLine."""
    h, w = gray.shape
    fmt = getattr(QVideoFrameFormat.PixelFormat, pixel_format)
    frame = QVideoFrame(QVideoFrameFormat(QSize(w, h), fmt))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    try:
        for plane in range(frame.planeCount()):
            bpl = frame.bytesPerLine(plane)
            buf = np.frombuffer(frame.bits(plane), dtype=np.uint8)
            buf[:] = 128  # neutral chroma; padding bytes too (a reader ignoring bytesPerLine gets shears)
            if plane:
                continue
            rows = buf[: bpl * h].reshape(h, bpl)
            if pixel_format in ("Format_NV12", "Format_NV21", "Format_YUV420P", "Format_Y8"):
                rows[:, :w] = gray
            elif pixel_format == "Format_YUYV":
                rows[:, 0 : 2 * w : 2] = gray
            elif pixel_format == "Format_UYVY":
                rows[:, 1 : 2 * w : 2] = gray
            elif pixel_format in ("Format_BGRA8888", "Format_BGRX8888"):
                for channel in range(3):
                    rows[:, channel : 4 * w : 4] = gray
                rows[:, 3 : 4 * w : 4] = 255
            else:
                raise ValueError(pixel_format)
    finally:
        frame.unmap()
    return frame

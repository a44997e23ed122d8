"""Deterministic synthetic camera frames for decoder tests and benchmarks.

A frame is 1280x720 grayscale, like the webcam stream the kiosk decodes. Most hold one QR code
(error correction Q, as the invitations use) of 80-400 px, the symbol's side without its quiet
zone, anywhere in the frame, rotated up to 45 degrees, often perspective-warped, blurred, noisy,
under a glare spot, sometimes light-on-dark (a phone in dark mode). The rest hold no code at all:
noise, gradients, text-like clutter, checkerboards and lone finder-like squares, to catch false
reads. Everything derives from (seed, frame index), so a failing frame can be regenerated alone.

Only Pillow and numpy operations, about 20 ms a frame: 500 frames in about 10 s.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import qrcode
from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1280, 720
MIN_CODE_PX, MAX_CODE_PX = 80, 400
MAX_ROTATION_DEG = 45.0
QUIET_ZONE_MODULES = 4
_NOISE_SLACK = 64  # how far a frame's noise window may shift within the shared field
# Crockford Base32, the alphabet of kiosk.domain.token: check-in tokens look like these.
TOKEN_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_OTHER_TEXTS = (
    "https://example.com/checkin?t={token}",
    "환영합니다 {n}번 참가자",
    "MECARD:N:홍길동;EMAIL:guest{n}@example.com;;",
    "{n}",
)


@dataclass(frozen=True)
class SyntheticFrame:
    gray: np.ndarray  # HEIGHT x WIDTH uint8
    expected: str | None  # the text of the QR code, None for a frame without one
    kind: str  # what was done to the frame, to tell which cases a decoder misses


def synthetic_frames(count: int, seed: int = 0, no_code_share: float = 0.1) -> Iterator[SyntheticFrame]:
    """``count`` frames; floor(count * no_code_share) of them hold no code, spread evenly."""
    if count < 0 or not 0.0 <= no_code_share <= 1.0:
        raise ValueError(f"need count >= 0 and 0 <= no_code_share <= 1, got {count}, {no_code_share}")
    noise_field = _noise_field(seed)
    for index in range(count):
        rng = np.random.default_rng([seed, index])
        no_code = math.floor((index + 1) * no_code_share) > math.floor(index * no_code_share)
        yield _no_code_frame(rng, noise_field) if no_code else _code_frame(rng, noise_field)


# --- frames with a code ------------------------------------------------------------------------


def _random_text(rng: np.random.Generator) -> str:
    token = "K" + "".join(rng.choice(list(TOKEN_ALPHABET), size=29))
    if rng.random() < 0.8:
        return token
    template = _OTHER_TEXTS[rng.integers(len(_OTHER_TEXTS))]
    return template.format(token=token, n=int(rng.integers(1, 100_000)))


def _qr_modules(text: str) -> np.ndarray:
    """The symbol's modules (True = dark), quiet zone included."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=QUIET_ZONE_MODULES)
    qr.add_data(text)
    qr.make(fit=True)
    return np.array(qr.get_matrix(), dtype=bool)


def _perspective_coeffs(dst: np.ndarray, src: np.ndarray) -> tuple[float, ...]:
    """Pillow PERSPECTIVE coefficients mapping output points ``dst`` back to input points ``src``."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return tuple(np.linalg.solve(np.array(rows, dtype=float), src.reshape(8).astype(float)))


def _code_frame(rng: np.random.Generator, noise_field: np.ndarray) -> SyntheticFrame:
    text = _random_text(rng)
    modules = _qr_modules(text)
    total = modules.shape[0]
    symbol = total - 2 * QUIET_ZONE_MODULES
    size = float(rng.uniform(MIN_CODE_PX, MAX_CODE_PX))
    inverted = rng.random() < 0.1
    dark = int(rng.integers(5, 90))
    light = int(rng.integers(max(dark + 90, 150), 251))
    if inverted:
        dark, light = light, dark

    # Render the patch near its final scale so the warp resamples rather than decimates.
    scale = max(1, round(size / symbol))
    patch = Image.fromarray(np.where(modules, dark, light).astype(np.uint8)).resize(
        (total * scale, total * scale), Image.Resampling.NEAREST
    )
    mask = Image.new("L", patch.size, 255)

    # Corners of the quiet-zone square around the origin, then tilt, rotate, place.
    half = size * total / symbol / 2
    corners = np.array([[-half, -half], [half, -half], [half, half], [-half, half]])
    warp = float(rng.uniform(0.0, 0.12)) if rng.random() < 0.6 else 0.0
    corners = corners + rng.uniform(-warp, warp, size=(4, 2)) * size
    angle = math.radians(rng.uniform(-MAX_ROTATION_DEG, MAX_ROTATION_DEG))
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    corners = corners @ rotation.T
    # The symbol and one module of its quiet zone stay inside the frame; the rest of the quiet
    # zone may run off the edge (a 400 px code turned 45 degrees cannot fit with all of it).
    inner = corners * ((symbol + 2) / total)
    low = -inner.min(axis=0)
    high = np.array([WIDTH, HEIGHT]) - inner.max(axis=0)
    centre = rng.uniform(low, np.maximum(high, low + 1))
    corners = corners + centre
    left, top = np.floor(corners.min(axis=0)).astype(int)
    right, bottom = np.ceil(corners.max(axis=0)).astype(int)
    src = np.array([[0, 0], [patch.width, 0], [patch.width, patch.height], [0, patch.height]])
    coeffs = _perspective_coeffs(corners - [left, top], src)
    box = (int(right - left), int(bottom - top))
    frame = _background(rng, clutter=rng.random() < 0.5)
    frame.paste(
        patch.transform(box, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR),
        (int(left), int(top)),
        mask.transform(box, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR),
    )

    kind = [f"qr v{(symbol - 17) // 4} {size:.0f}px rot{math.degrees(angle):+.0f}"]
    if warp:
        kind.append(f"persp{warp:.2f}")
    if inverted:
        kind.append("inverted")
    if rng.random() < 0.4:
        kind.append(f"glare{_add_glare(rng, frame, corners.mean(axis=0), size):.0f}")
    blur = float(rng.uniform(0.3, 1.5)) if rng.random() < 0.7 else 0.0
    noise = float(rng.uniform(0.0, 10.0))
    kind.append(f"blur{blur:.1f} noise{noise:.0f}")
    # Blurring only around the code saves most of the time; the rest of the frame is backdrop.
    margin = 8
    region = (max(int(left) - margin, 0), max(int(top) - margin, 0))
    region += (min(int(right) + margin, WIDTH), min(int(bottom) + margin, HEIGHT))
    return SyntheticFrame(_finish(rng, noise_field, frame, blur, noise, region), text, " ".join(kind))


def _add_glare(rng: np.random.Generator, frame: Image.Image, centre: np.ndarray, size: float) -> float:
    """A soft bright spot over part of the code, as from a ceiling light on a phone screen."""
    peak = float(rng.uniform(60, 160))
    radius_x, radius_y = rng.uniform(0.1, 0.4, size=2) * size
    cx, cy = centre + rng.uniform(-0.4, 0.4, size=2) * size
    box = (int(max(cx - 3 * radius_x, 0)), int(max(cy - 3 * radius_y, 0)))
    box += (int(min(cx + 3 * radius_x, WIDTH)), int(min(cy + 3 * radius_y, HEIGHT)))
    if box[0] >= box[2] or box[1] >= box[3]:
        return 0.0
    ys, xs = np.ogrid[box[1] : box[3], box[0] : box[2]]
    spot = peak * np.exp(-(((xs - cx) / radius_x) ** 2 + ((ys - cy) / radius_y) ** 2))
    lit = np.asarray(frame.crop(box), dtype=np.float32) + spot
    frame.paste(Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8)), box[:2])
    return peak


def _noise_field(seed: int) -> np.ndarray:
    """Unit Gaussian noise a little larger than a frame; each frame takes a shifted window.

    Drawing 900k normals per frame would dominate the generation time.
    """
    rng = np.random.default_rng([seed, 0x5EED])
    return rng.standard_normal((HEIGHT + _NOISE_SLACK, WIDTH + _NOISE_SLACK), dtype=np.float32)


def _finish(
    rng: np.random.Generator,
    noise_field: np.ndarray,
    frame: Image.Image,
    blur: float,
    noise: float,
    region: tuple[int, int, int, int] = (0, 0, WIDTH, HEIGHT),
) -> np.ndarray:
    """Optics blur the scene (within ``region``), then the sensor adds noise and saturates."""
    if blur > 0:
        frame.paste(frame.crop(region).filter(ImageFilter.GaussianBlur(blur)), region[:2])
    out = np.asarray(frame, dtype=np.float32)
    if noise > 0:
        dy, dx = rng.integers(0, _NOISE_SLACK, size=2)
        out += noise_field[dy : dy + HEIGHT, dx : dx + WIDTH] * np.float32(noise)
    return np.clip(out, 0, 255, out=out).astype(np.uint8)


# --- backgrounds and frames without a code -----------------------------------------------------


def _background(rng: np.random.Generator, clutter: bool) -> Image.Image:
    """A room-like backdrop: a level or a gradient, optionally with clutter."""
    base = float(rng.uniform(40, 200))
    if rng.random() < 0.5:
        gx, gy = rng.uniform(-0.1, 0.1, size=2)
        xs = np.arange(WIDTH, dtype=np.float32)[None, :] * gx
        ys = np.arange(HEIGHT, dtype=np.float32)[:, None] * gy
        pixels = np.clip(base + xs + ys, 0, 255).astype(np.uint8)
        image = Image.fromarray(pixels)
    else:
        image = Image.new("L", (WIDTH, HEIGHT), int(base))
    if clutter:
        _draw_clutter(rng, image)
    return image


def _draw_clutter(rng: np.random.Generator, image: Image.Image) -> None:
    """Boxes, lines and text-like rows of marks: edges a detector must not mistake for a code."""
    draw = ImageDraw.Draw(image)
    for _ in range(int(rng.integers(3, 12))):
        x, y = int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT))
        w, h = int(rng.integers(10, 300)), int(rng.integers(10, 200))
        shade = int(rng.integers(0, 256))
        if rng.random() < 0.5:
            draw.rectangle((x, y, x + w, y + h), fill=shade)
        else:
            draw.line((x, y, x + w, y + h), fill=shade, width=int(rng.integers(1, 8)))
    for _ in range(int(rng.integers(1, 6))):  # lines of "text": glyph-sized marks in a row
        x, y = int(rng.integers(0, WIDTH - 200)), int(rng.integers(0, HEIGHT - 30))
        glyph = int(rng.integers(6, 24))
        ink = int(rng.integers(0, 80))
        for _ in range(int(rng.integers(5, 40))):
            w = int(glyph * rng.uniform(0.3, 1.0))
            draw.rectangle((x, y + int(glyph * rng.uniform(0, 0.4)), x + w, y + glyph), fill=ink)
            x += w + int(rng.integers(2, glyph))


def _finder_like(rng: np.random.Generator, image: Image.Image) -> None:
    """Lone QR finder patterns (1:1:3:1:1 squares) without the rest of a symbol."""
    draw = ImageDraw.Draw(image)
    for _ in range(int(rng.integers(1, 3))):
        unit = int(rng.integers(3, 12))
        x, y = int(rng.integers(0, WIDTH - 7 * unit)), int(rng.integers(0, HEIGHT - 7 * unit))
        draw.rectangle((x, y, x + 7 * unit - 1, y + 7 * unit - 1), fill=0)
        draw.rectangle((x + unit, y + unit, x + 6 * unit - 1, y + 6 * unit - 1), fill=255)
        draw.rectangle((x + 2 * unit, y + 2 * unit, x + 5 * unit - 1, y + 5 * unit - 1), fill=0)


def _no_code_frame(rng: np.random.Generator, noise_field: np.ndarray) -> SyntheticFrame:
    kind = ("noise", "gradient", "clutter", "checkerboard", "finders")[int(rng.integers(5))]
    if kind == "noise":
        pixels = rng.integers(0, 256, size=(HEIGHT, WIDTH), dtype=np.uint8)
        return SyntheticFrame(
            _finish(rng, noise_field, Image.fromarray(pixels), float(rng.uniform(0, 2)), 0), None, kind
        )
    image = _background(rng, clutter=kind in ("clutter", "finders"))
    if kind == "checkerboard":
        cell = int(rng.integers(4, 60))
        parity = (np.arange(HEIGHT * 2)[:, None] // cell + np.arange(WIDTH * 2)[None, :] // cell) % 2
        board = Image.fromarray(np.where(parity == 0, 20, 235).astype(np.uint8))
        board = board.rotate(float(rng.uniform(-45, 45)), Image.Resampling.BILINEAR)
        image = board.crop((WIDTH // 2, HEIGHT // 2, WIDTH // 2 + WIDTH, HEIGHT // 2 + HEIGHT))
    elif kind == "finders":
        _finder_like(rng, image)
    blur = float(rng.uniform(0, 1.5))
    return SyntheticFrame(_finish(rng, noise_field, image, blur, float(rng.uniform(0, 10))), None, kind)

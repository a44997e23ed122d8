"""QR codes for check-in tokens: PNG for screens and e-mail, SVG for print.

Error correction Q (25 % of the code may be lost to glare, a crease or a cracked phone screen)
and the 4-module quiet zone the QR standard asks for: webcams and USB scanners find the code
much faster with the white margin than without it. A token is upper-case Crockford Base32, so
the code uses the compact alphanumeric mode and stays at version 2 or 3 (25 or 29 modules).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_Q

from kiosk.domain import token
from kiosk.domain.models import Event, Participant

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 requires


class QrSize(StrEnum):
    """Where the code will be shown."""

    SCREEN = "screen"  # a phone held up to the webcam: about 330–400 px
    PRINT = "print"  # A4 printout: 40 mm wide at 300 dpi


@dataclass(frozen=True)
class QrSpec:
    module_px: int  # pixels per module in the PNG
    width_mm: float  # physical width (SVG size, and the PNG's dpi)


# A phone shows ~330 px crisp at any zoom; 40 mm on paper is read from 5–40 cm by any scanner.
SPECS = {
    QrSize.SCREEN: QrSpec(module_px=11, width_mm=30.0),
    QrSize.PRINT: QrSpec(module_px=16, width_mm=40.0),
}


@dataclass(frozen=True)
class QrMatrix:
    """The modules of one code, quiet zone included (True = dark)."""

    text: str
    version: int
    rows: list[list[bool]]

    @property
    def modules(self) -> int:
        """Modules per side without the quiet zone (21 for version 1, +4 per version)."""
        return 17 + 4 * self.version

    @property
    def size(self) -> int:
        return len(self.rows)


def make_matrix(text: str) -> QrMatrix:
    """Encode text at error correction Q with the smallest version that fits."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=QUIET_ZONE, box_size=1)
    code.add_data(text, optimize=0)
    code.make(fit=True)
    return QrMatrix(text=text, version=code.version, rows=code.get_matrix())


def _image(matrix: QrMatrix, module_px: int) -> Image.Image:
    # Draw one pixel per module, then scale with nearest neighbour: crisp edges, and fast
    # (rendering 180 codes for an e-mail batch takes milliseconds, not seconds).
    small = Image.new("1", (matrix.size, matrix.size), 1)
    small.putdata([0 if dark else 1 for row in matrix.rows for dark in row])
    side = matrix.size * module_px
    return small.resize((side, side), Image.Resampling.NEAREST)


def render_png(text: str, size: QrSize | str = QrSize.SCREEN) -> bytes:
    """PNG bytes of the code (1-bit, a few hundred bytes), dpi set for a true printed size."""
    spec = SPECS[QrSize(size)]
    matrix = make_matrix(text)
    image = _image(matrix, spec.module_px)
    # The dpi makes print dialogs and word processors use the intended physical size.
    dpi = round(image.width / (spec.width_mm / 25.4))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def render_svg(text: str, width_mm: float | None = None) -> str:
    """An SVG document: one path of unit squares in a viewBox of modules, sized in mm."""
    matrix = make_matrix(text)
    width = width_mm or SPECS[QrSize.PRINT].width_mm
    parts: list[str] = []
    for y, row in enumerate(matrix.rows):
        x = 0
        while x < matrix.size:
            if row[x]:
                start = x
                while x < matrix.size and row[x]:
                    x += 1
                # Runs of dark modules become one rectangle: smaller files, no hairline seams.
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    n = matrix.size
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width:g}mm" '
        f'height="{width:g}mm" viewBox="0 0 {n} {n}" shape-rendering="crispEdges">\n'
        f'<rect width="{n}" height="{n}" fill="#fff"/>\n'
        f'<path fill="#000" d="{"".join(parts)}"/>\n'
        "</svg>\n"
    )


def token_for(participant: Participant, event: Event) -> str:
    """The signed check-in token printed in this participant's QR code."""
    if participant.event_id != event.id:
        raise ValueError("participant belongs to another event")
    return token.issue(event.token_tag, event.signing_secret, participant.id)

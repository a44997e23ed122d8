"""QR codes of check-in tokens: small (version <= 4 at level Q), quiet zone, readable back."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from kiosk.domain import token
from kiosk.domain.models import Event, Participant
from kiosk.invite.qr import QUIET_ZONE, SPECS, QrSize, make_matrix, render_png, render_svg, token_for
from kiosk.storage.engine import Database


def _decode_png(data: bytes) -> list[str]:
    from kiosk.scan.decoders import gray_from_pil, make_decoder

    with Image.open(io.BytesIO(data)) as image:
        return make_decoder(None).decode_gray(gray_from_pil(image))


def _demo_token(db: Database, event_id: int, name: str = "김현미") -> tuple[str, int, Event]:
    with db.session() as session:
        event = session.get(Event, event_id)
        person = session.query(Participant).filter_by(event_id=event_id, name=name).one()
        return token_for(person, event), person.id, event


@pytest.mark.parametrize("pid", [1, 31, 32, 183, 32**3, 32**5 - 1, 32**7 - 1])
def test_version_stays_small_at_level_q(pid: int) -> None:
    code = token.issue("HK13", b"s" * 32, pid)
    matrix = make_matrix(code)
    # Up to 33 million participants fit version 2 (25 modules); the largest id, version 3.
    assert matrix.version <= (2 if pid < 32**5 else 3) <= 4
    assert matrix.size == matrix.modules + 2 * QUIET_ZONE


def test_uses_alphanumeric_mode_and_level_q() -> None:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_Q
    from qrcode.util import MODE_ALPHA_NUM

    code = token.issue("HK13", b"s" * 32, 120)
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_Q)
    qr.add_data(code, optimize=0)
    qr.make(fit=True)
    assert qr.data_list[0].mode == MODE_ALPHA_NUM
    assert make_matrix(code).rows == qr.get_matrix()  # our matrix is level Q, same version


def test_quiet_zone_is_four_light_modules() -> None:
    matrix = make_matrix(token.issue("HK13", b"s" * 32, 7))
    n = matrix.size
    for i in range(n):
        for k in range(QUIET_ZONE):
            assert not matrix.rows[k][i] and not matrix.rows[n - 1 - k][i]
            assert not matrix.rows[i][k] and not matrix.rows[i][n - 1 - k]
    # ... and the finder pattern starts right after it.
    assert matrix.rows[QUIET_ZONE][QUIET_ZONE]


@pytest.mark.parametrize("size", list(QrSize))
def test_png_reads_back_with_the_project_decoder(size: QrSize, db: Database, demo_event_id: int) -> None:
    code, pid, event = _demo_token(db, demo_event_id)
    data = render_png(code, size)
    assert data.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(data)) as image:
        side = (make_matrix(code).size) * SPECS[size].module_px
        assert image.size == (side, side)
        # dpi set so the printout is the intended width (40 mm on A4).
        width_mm = image.width / image.info["dpi"][0] * 25.4
        assert width_mm == pytest.approx(SPECS[size].width_mm, rel=0.01)
    assert _decode_png(data) == [code]
    assert token.verify(_decode_png(data)[0], event.token_tag, event.signing_secret) == pid


def test_phone_screen_png_is_a_sensible_size() -> None:
    data = render_png(token.issue("HK13", b"s" * 32, 150), QrSize.SCREEN)
    with Image.open(io.BytesIO(data)) as image:
        assert 300 <= image.width <= 480  # fills a phone screen's width without scaling blur
    assert len(data) < 2000


def test_svg_holds_exactly_the_matrix() -> None:
    code = token.issue("HK13", b"s" * 32, 42)
    matrix = make_matrix(code)
    svg = render_svg(code, width_mm=35)
    assert 'width="35mm"' in svg and f'viewBox="0 0 {matrix.size} {matrix.size}"' in svg
    drawn = [[False] * matrix.size for _ in range(matrix.size)]
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        for dx in range(int(w)):
            drawn[int(y)][int(x) + dx] = True
    assert drawn == matrix.rows


def test_svg_renders_and_decodes(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # qapp (pytest-qt) rather than a QGuiApplication of our own: later widget tests need a
    # QApplication, and Qt allows one application object per process.
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    code = token.issue("HK13", b"s" * 32, 99)
    renderer = QSvgRenderer(QByteArray(render_svg(code).encode()))
    image = QImage(330, 330, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.save(str(tmp_path / "svg.png"))
    assert _decode_png((tmp_path / "svg.png").read_bytes()) == [code]


def test_token_for_refuses_a_participant_of_another_event(db: Database, demo_event_id: int) -> None:
    with db.session() as session:
        event = session.get(Event, demo_event_id)
        person = session.query(Participant).filter_by(event_id=demo_event_id).first()
        stranger = Participant(id=10_000, event_id=demo_event_id + 1, name="외부인")
        assert token_for(person, event) == token.issue(event.token_tag, event.signing_secret, person.id)
        with pytest.raises(ValueError):
            token_for(stranger, event)


def test_cli_qr_writes_png_and_svg(run_cli, db: Database, demo_event_id: int, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, pid, _ = _demo_token(db, demo_event_id)
    result = run_cli("qr", str(pid), "--out", str(tmp_path / "code.png"))
    assert result.code == 0 and code in result.out
    assert _decode_png((tmp_path / "code.png").read_bytes()) == [code]
    assert run_cli("qr", str(pid), "--out", str(tmp_path / "code.svg")).code == 0
    assert (tmp_path / "code.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert run_cli("qr", str(pid), "--out", str(tmp_path / "code.png"), "--size", "print").code == 0

    bad = run_cli("qr", str(pid), "--out", str(tmp_path / "code.jpg"))
    assert bad.code == 2 and ".png" in bad.err and "Traceback" not in bad.err
    missing = run_cli("qr", "99999", "--out", str(tmp_path / "x.png"))
    assert missing.code == 2 and "99999" in missing.err

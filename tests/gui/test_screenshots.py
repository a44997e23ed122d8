"""Each main screen rendered at 1366×768 to PNG. The README's images come from here:
refresh them with `KIOSK_SCREENSHOTS=docs/screenshots pytest tests/gui/test_screenshots.py`
(by default the test writes to a scratch folder, so a test run leaves the checkout untouched).

A test fails if a screen cannot be rendered or does not fit the window size.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain import roles, token
from kiosk.domain.models import Event, Participant
from kiosk.storage.engine import Database
from kiosk.ui.desk_page import SIDE_WALKIN
from kiosk.ui.main_window import TAB_PROTOCOL, TAB_ROSTER, MainWindow
from kiosk.ui.settings_dialog import LocalSettings

OUT = Path(os.environ.get("KIOSK_SCREENSHOTS") or tempfile.mkdtemp(prefix="kiosk-screenshots-"))
WIDTH, HEIGHT = 1366, 768


def _code(db: Database, name: str) -> str:
    with db.session() as s:
        p = s.scalars(select(Participant).where(Participant.name == name)).first()
        event = s.get(Event, p.event_id)
        return token.issue(event.token_tag, event.signing_secret, p.id)


@pytest.fixture
def window(qtbot, db: Database, demo_event_id: int, tmp_path: Path):  # type: ignore[no-untyped-def]
    from kiosk.ui.app import make_application

    make_application("ko")
    with db.write() as s:
        roles.set_pin(s, "246813")
    w = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "station.ini"), pdf_folder=tmp_path)
    w.sounds.enabled = False
    qtbot.addWidget(w)
    w.resize(WIDTH, HEIGHT)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.kiosk_active = False
    w.close()
    w.deleteLater()


def _save(qtbot, w: MainWindow, name: str, size: tuple[int, int] = (WIDTH, HEIGHT)) -> Path:  # type: ignore[no-untyped-def]
    qtbot.wait(30)  # let queued layout and style updates land before grabbing
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    image = w.grab()
    # The window never needs more than the screen: nothing is cut off at 1366×768.
    assert (image.width(), image.height()) == size
    assert image.save(str(path), "PNG")
    return path


def test_render_main_screens(qtbot, window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    # A few guests already inside, so the counters and lists look like the middle of the afternoon.
    for name in ("마재영", "강영민", "정성훈", "이민원"):
        window.on_scanned(_code(db, name))
        window.tasks.settle()
    window.clear_panel()
    window.refresh_soon()
    window.tasks.settle()  # counters and lists follow on the worker
    assert _save(qtbot, window, "console-idle").exists()

    window.on_scanned(_code(db, "박성진"))
    window.tasks.settle()
    _save(qtbot, window, "verdict-ok")

    window.on_scanned(_code(db, "김현미"))
    window.tasks.settle()
    window.set_companions(2)
    window.tasks.settle()
    assert window.vip_alert.isVisible()
    _save(qtbot, window, "vip-alert")
    window.vip_alert.acknowledge()

    window.on_scanned(_code(db, "박성진"))
    window.tasks.settle()
    _save(qtbot, window, "already-checked-in")

    genuine = _code(db, "마재영")[:-1]
    tampered = genuine[:-1] + ("0" if genuine[-1] != "0" else "1")  # one MAC character changed
    window.on_scanned(tampered + token._check_char(tampered))
    window.tasks.settle()
    assert window.desk_page.verdict.headline.text() == "위조되었거나 손상된 코드입니다"
    _save(qtbot, window, "refused-forged")

    window.clear_panel()
    window.show_side(SIDE_WALKIN)
    page = window.desk_page
    assert page is not None
    page.walkin.name.setText("홍길동")
    page.walkin.organization.setText("부산일보")
    page.walkin.title.setText("기자")
    _save(qtbot, window, "walk-in-form")

    window.clear_panel()
    window.show_side(1)
    page.search.query.setText("김현")  # QTest cannot type Hangul keys
    page.search.search()
    window.tasks.settle()  # the roster index is loaded on the worker
    qtbot.waitUntil(lambda: page.search.results.count() > 0)
    _save(qtbot, window, "name-search")

    window.clear_panel()
    window.tabs.setCurrentIndex(TAB_PROTOCOL)
    _save(qtbot, window, "vip-speakers-board")

    window.tabs.setCurrentIndex(TAB_ROSTER)
    _save(qtbot, window, "roster")

    assert window.enter_kiosk_mode()
    assert window.isFullScreen()
    window.showNormal()  # the offscreen "screen" is 800×800: render the kiosk at the README size
    window.resize(WIDTH, HEIGHT)
    _save(qtbot, window, "kiosk-mode")
    window.on_scanned(_code(db, "조기현"))
    window.tasks.settle()
    _save(qtbot, window, "kiosk-mode-welcome")
    window.resize(1920, 1080)  # the guest-facing screen is often a 1080p monitor
    _save(qtbot, window, "kiosk-mode-1080p", (1920, 1080))

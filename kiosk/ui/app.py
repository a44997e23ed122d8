"""Start-up of the GUI: the Qt application, language, fonts, then the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow

from kiosk import APP_NAME, __version__
from kiosk.resources_path import resource
from kiosk.ui.i18n import install_language
from kiosk.ui.theme import apply_theme

if TYPE_CHECKING:
    from kiosk.storage.engine import Database

log = logging.getLogger(__name__)
SCREENSHOT_SIZE = QSize(1366, 768)


def make_application(language: str = "ko") -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    install_language(app, language)
    apply_theme(app)
    icon = resource("icons", "kiosk.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def run_gui(
    db: Database,
    station: str,
    *,
    kiosk_mode: bool = False,
    screenshot: Path | None = None,
    language: str = "ko",
    setup_window: Callable[[QMainWindow], None] | None = None,
) -> int:
    """Open the console. `setup_window` lets start-up code add to the window before it shows
    (the shared-database badge: `window.add_status_widget(badge)`)."""
    from kiosk.service.connect import default_station
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.settings_dialog import LocalSettings

    local = LocalSettings()
    # This laptop's saved choices apply unless the command line said otherwise.
    if local.station and station == default_station():
        station = local.station
    if language == "ko" and local.language in ("en",):
        language = local.language
    app = make_application(language)
    window = MainWindow(db, station, local_settings=local, language=language)
    if setup_window is not None:
        setup_window(window)
    if screenshot is not None:
        window.sounds.enabled = False  # a picture of the window: no audio backend to load
        if kiosk_mode and not window.enter_kiosk_mode(full_screen=False):
            # The console, with the reason in its verdict panel, is what a start would show.
            save_screenshot(app, window, screenshot)
            print("키오스크 모드를 쓰려면 책임자 PIN이 필요합니다 (kiosk mode needs a supervisor PIN): "
                  "콘솔 화면을 저장했습니다", file=sys.stderr)  # fmt: skip
            return 2
        return save_screenshot(app, window, screenshot)
    # Kiosk mode is full screen and guest-facing; without a supervisor PIN it is refused (the
    # console says why) and the console opens instead.
    if not (kiosk_mode and window.enter_kiosk_mode()):
        window.resize(SCREENSHOT_SIZE)
        window.showMaximized()
    return app.exec()


def save_screenshot(app: QApplication, window, path: Path) -> int:  # type: ignore[no-untyped-def]
    window.resize(SCREENSHOT_SIZE)
    window.show()
    for _ in range(3):
        app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        raise OSError(f"화면을 저장할 수 없습니다: {path}")
    window.close()
    return 0

"""Start-up of the GUI: the Qt application, language, fonts, then the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QApplication

from kiosk import APP_NAME, __version__
from kiosk.storage.engine import Database
from kiosk.ui.i18n import install_language
from kiosk.ui.theme import apply_theme

log = logging.getLogger(__name__)
SCREENSHOT_SIZE = QSize(1366, 768)


def make_application(language: str = "ko") -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    install_language(app, language)
    apply_theme(app)
    return app  # type: ignore[return-value]


def run_gui(
    db: Database,
    station: str,
    *,
    kiosk_mode: bool = False,
    screenshot: Path | None = None,
    language: str = "ko",
) -> int:
    from kiosk.ui.main_window import MainWindow

    app = make_application(language)
    window = MainWindow(db, station)
    if screenshot is not None:
        return save_screenshot(app, window, screenshot)
    if kiosk_mode:
        window.showFullScreen()
    else:
        window.resize(SCREENSHOT_SIZE)
        window.show()
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

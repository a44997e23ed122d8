"""The user's data folder, as Qt's QStandardPaths names it on each OS."""

from __future__ import annotations

from pathlib import Path

from kiosk import APP_NAME


def data_dir() -> Path:
    """~/.local/share/kiosk on Linux, %APPDATA%\\kiosk on Windows, ~/Library/Application Support/kiosk."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName("")
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    from kiosk.storage.private import private_dir

    return private_dir(Path(location))

"""Every supervisor dialog opens from the console (they are loaded by name, so a broken
constructor would otherwise only show up as a status-bar message at the event)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from kiosk.storage.engine import Database
from kiosk.ui.main_window import MainWindow
from kiosk.ui.settings_dialog import LocalSettings


@pytest.mark.parametrize(
    ("action", "dialog_class"),
    [
        ("open_import", "ImportDialog"),
        ("open_invites", "InviteDialog"),
        ("open_export", "ExportDialog"),
        ("open_backups", "BackupDialog"),
        ("open_certificate_mail", "CertificateMailDialog"),
    ],
)
def test_supervisor_dialog_opens(  # type: ignore[no-untyped-def]
    qtbot, db: Database, demo_event_id: int, tmp_path: Path, action: str, dialog_class: str
) -> None:
    window = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "station.ini"))
    qtbot.addWidget(window)
    window.gate._become_supervisor()  # the PIN itself is covered by test_front_desk
    getattr(window.supervisor, action)()
    qtbot.waitUntil(
        lambda: any(type(d).__name__ == dialog_class and d.isVisible() for d in window.findChildren(QDialog))
    )
    for dialog in window.findChildren(QDialog):
        dialog.reject()

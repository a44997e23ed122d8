"""A file dialog browsing the database's folder leaves SQLite's locks alone.

Every QFileDialog of the console comes from kiosk.ui.file_dialogs. Here one is shown on the
database's folder, in detail view, until it has listed (and iconed, and typed) kiosk.db,
kiosk.db-wal and kiosk.db-shm; afterwards this process must still hold its POSIX locks on the
database and its shared-memory file (/proc/locks). Qt's default dialog reads the first bytes of
the -wal/-shm files to guess their type, and that alone drops the locks.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QTreeView

from kiosk.domain.checkin import CheckInDesk
from kiosk.storage.engine import Database
from kiosk.ui.file_dialogs import NameOnlyIconProvider, make_dialog
from tests import posix_locks

pytestmark = pytest.mark.skipif(not posix_locks.available(), reason="needs /proc/locks (Linux)")


def _browse(qtbot, dialog: QFileDialog, folder: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.setDirectory(str(folder))
    dialog.show()
    qtbot.waitExposed(dialog)
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    root = model.index(str(folder))
    wanted = {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"}

    def listed() -> bool:
        names = {model.fileName(model.index(r, 0, root)) for r in range(model.rowCount(root))}
        return wanted <= names

    qtbot.waitUntil(listed, timeout=10000)
    for row in range(model.rowCount(root)):  # what the view paints: icon and "Type" of every file
        model.data(model.index(row, 0, root), Qt.ItemDataRole.DecorationRole)
        model.data(model.index(row, 2, root), Qt.ItemDataRole.DisplayRole)
    view = dialog.findChild(QTreeView)
    assert view is not None
    qtbot.waitUntil(lambda: all(model.type(model.index(r, 0, root)) for r in range(model.rowCount(root))))
    dialog.grab()  # paint once, icons included


def test_dialog_on_the_database_folder_keeps_the_locks(qtbot, db: Database, demo_event_id: int, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk = CheckInDesk(db, demo_event_id)
    assert desk.check_in_participant(1, station="입구1").ok  # the WAL and -shm exist, connections pooled
    shm = Path(str(db_path) + "-shm")
    before_db = posix_locks.locks_on(db_path, os.getpid())
    before_shm = posix_locks.locks_on(shm, os.getpid())
    assert before_db and before_shm  # SQLite holds them while its connection is open (WAL mode)

    dialog = make_dialog(None, "test", str(db_path.parent), "*")
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert isinstance(dialog.iconProvider(), NameOnlyIconProvider)
    _browse(qtbot, dialog, db_path.parent)
    dialog.reject()

    assert posix_locks.locks_on(db_path, os.getpid()) == before_db
    assert posix_locks.locks_on(shm, os.getpid()) == before_shm
    assert desk.check_in_participant(2, station="입구1").ok
    assert Path(str(db_path) + "-wal").exists()


def test_every_dialog_in_the_ui_comes_from_the_helper() -> None:
    ui = Path(__file__).resolve().parents[2] / "kiosk" / "ui"
    offenders = [
        p.name for p in ui.glob("*.py")
        if p.name != "file_dialogs.py" and "QFileDialog" in p.read_text(encoding="utf-8")
    ]  # fmt: skip
    assert offenders == []


def test_provider_answers_without_content() -> None:
    provider = NameOnlyIconProvider()
    from PySide6.QtCore import QFileInfo

    assert provider.type(QFileInfo(QDir.tempPath())) == "폴더"
    assert not provider.icon(QFileInfo(__file__)).isNull()

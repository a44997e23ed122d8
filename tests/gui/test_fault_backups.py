"""A damaged database found while the console runs: the fault dialog offers the existing backups."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from kiosk.storage.backup import take_backup
from kiosk.storage.engine import Database
from kiosk.storage.health import FaultKind
from kiosk.ui import faults


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    calls: list[tuple] = []

    def fake_show(fault, backups=None, diagnostics=None, *, fatal=True, parent=None):  # type: ignore[no-untyped-def]
        calls.append((fault, backups))
        return faults.Outcome(faults.Choice.CONTINUE)

    monkeypatch.setattr(faults, "show_fault", fake_show)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    return calls


def test_malformed_while_running_lists_the_backups(qtbot, shown, db: Database, demo_event_id: int, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    for _ in range(4):
        take_backup(db_path, folder, "auto")
    from kiosk.storage.backup import list_backups

    faults.install_excepthook(None, lambda: list_backups(folder))
    error = OperationalError("INSERT", {}, Exception("database disk image is malformed"))
    sys.excepthook(type(error), error, None)
    (fault, backups), = shown
    assert fault.kind is FaultKind.CORRUPT
    assert backups is not None and len(backups) == 4


def test_scan_on_a_damaged_file_reaches_the_fault_dialog(qtbot, shown, monkeypatch: pytest.MonkeyPatch, db: Database, demo_event_id: int) -> None:  # type: ignore[no-untyped-def]
    """The door's own error path lets a damaged-file error through to the dialog (not only an inline line)."""
    from kiosk.ui.main_window import MainWindow

    window = MainWindow(db, "입구1")
    qtbot.addWidget(window)

    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT", {}, Exception("database disk image is malformed"))

    monkeypatch.setattr(window.service, "scan", broken)
    # The error comes back from the worker to the fault handler (faults.install_excepthook's hook).
    faults.install_excepthook(None, None)
    window.on_scanned("ANYCODE")
    window.tasks.settle()
    (fault, _backups), = shown
    assert fault.kind is FaultKind.CORRUPT
    assert window.desk_page.verdict.kind == "idle"  # nothing shown as decided

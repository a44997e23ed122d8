"""The records' widgets never touch the database on the GUI thread: every SQL statement they cause,
reads and writes, runs on the one database worker (a SQLAlchemy listener records the thread).

Before: the roster tab, the settings dialog, the PIN check, the protocol tab and boards, badges and
the backup list each opened sessions themselves on the GUI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QWidget
from sqlalchemy import select

from kiosk.domain import roles
from kiosk.domain.models import AuditEntry, BadgePrint, Event
from kiosk.storage.engine import Database
from kiosk.ui.backup_dialog import BackupDialog
from kiosk.ui.badge import BadgePrinter
from kiosk.ui.pin_dialog import PinDialog
from kiosk.ui.protocol_board_window import ProtocolBoardWindow
from kiosk.ui.protocol_tab import ProtocolDesk
from kiosk.ui.roster_view import RosterView
from kiosk.ui.settings_dialog import LocalSettings, SettingsDialog
from kiosk.ui.speakers_board import ProtocolBoard
from tests.gui.records_support import make_tasks, statement_threads


def test_records_widgets_run_every_statement_on_the_worker(qtbot, db: Database, demo_event_id: int,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path, monkeypatch) -> None:  # fmt: skip
    from kiosk.ui.app import make_application

    make_application("ko")
    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "backups"))
    tasks = make_tasks(db, demo_event_id)
    gui = threading.current_thread().name
    try:
        with statement_threads(db) as seen:
            view = RosterView(tasks)
            qtbot.addWidget(view)
            qtbot.waitUntil(lambda: view.loaded)
            view.set_supervisor(True)
            view.table.selectRow(0)
            view.edit_button.click()
            qtbot.waitUntil(lambda: getattr(view, "dialog", None) is not None and view.dialog.isVisible())
            view.dialog.title_edit.setText("전 장관")
            view.dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
            qtbot.waitUntil(lambda: not view.dialog.isVisible())
            tasks.settle()
            assert view.selected_entry().title == "전 장관"

            desk = ProtocolDesk(tasks, lambda: "supervisor", folder=tmp_path)
            desk.open_documents = False
            qtbot.addWidget(desk)
            tasks.settle()
            desk.list.setCurrentRow(1)
            desk.move_selected(-1)
            tasks.settle()
            desk.issue_intro()
            tasks.settle()
            assert desk.last_document is not None and desk.last_document.exists()

            board = ProtocolBoard(tasks)
            qtbot.addWidget(board)
            board.refresh()  # as the console does when the tab is shown
            window = ProtocolBoardWindow(tasks)
            qtbot.addWidget(window)
            tasks.settle()
            assert board.speakers.topLevelItemCount() > 0 and window.table.rowCount() == desk.list.count()

            settings = SettingsDialog(tasks, "desk-1", LocalSettings(tmp_path / "station.ini"), "ko")
            qtbot.addWidget(settings)
            qtbot.waitUntil(lambda: not settings.busy)
            settings.capacity.setValue(170)
            settings.save()
            qtbot.waitUntil(lambda: settings.change is not None)

            pin = PinDialog(tasks, "이유", mode="set")
            qtbot.addWidget(pin)
            pin.pin.setText("482913")
            pin.confirm.setText("482913")
            pin.submit()
            qtbot.waitUntil(lambda: not pin.busy)
            check = PinDialog(tasks, "이유", mode="check")
            qtbot.addWidget(check)
            check.pin.setText("482913")
            check.submit()  # scrypt, ~0.4 s, on the worker
            qtbot.waitUntil(lambda: not check.busy)
            assert check.result() == 1

            parent = QWidget()
            qtbot.addWidget(parent)
            printer = BadgePrinter(tasks, parent, tmp_path / "badges")
            printed: list[str] = []
            printer.printed.connect(lambda _pid, where: printed.append(where))
            printer.request(view.selected_entry().id, operator="supervisor")
            qtbot.waitUntil(lambda: bool(printed))

            backups = BackupDialog(tasks)
            qtbot.addWidget(backups)
            backups.backup_button.setEnabled(True)
            tasks.settle()
            backups.backup_now()
            tasks.settle()
            assert backups.list.count() == 1
        assert len(seen) > 20
        assert gui not in seen and set(seen) == {"kiosk-db"}, sorted(set(seen))
    finally:
        tasks.settle()
        tasks.shutdown()
    with db.session() as s:
        assert s.scalars(select(Event.capacity)).one() == 170
        assert roles.pin_is_set(s) and len(s.scalars(select(BadgePrint)).all()) == 1
        actions = {e.action for e in s.scalars(select(AuditEntry))}
    assert {"participant_edit", "protocol_reorder", "capacity", "pin_set", "badge"} <= actions

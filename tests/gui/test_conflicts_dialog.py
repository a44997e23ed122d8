"""The conflict screen, driven like a supervisor would, against a real station and server."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.domain.checkin import CheckInDesk
from kiosk.domain.models import CheckIn
from kiosk.service.service import DoorService
from kiosk.ui.conflicts_dialog import ConflictsDialog
from kiosk.ui.taskman import TaskManager
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.test_conflict_screen import make_conflicts
from tests.pg.test_offline_edits import door, proxy, server  # noqa: F401 - fixtures

# The README's picture: refreshed with KIOSK_SCREENSHOTS=docs/screenshots; a plain run writes a scratch copy.
SHOT = Path(os.environ.get("KIOSK_SCREENSHOTS") or tempfile.mkdtemp(prefix="kiosk-screenshots-")) / "conflicts-dialog.png"


@pytest.fixture
def tasks(door: DoorService) -> Iterator[TaskManager]:  # noqa: F811
    manager = TaskManager(door)
    yield manager
    manager.shutdown()


def test_supervisor_keeps_the_other_side_and_is_refused_while_apart(server, door, proxy, tasks, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, event_id = server
    ids = make_conflicts(db, event_id, door, proxy)
    # An edit conflict too: companions changed here while apart, and on the server meanwhile.
    proxy.cut()
    assert door.set_companions(ids["b_here"], 3, "김담당")
    assert CheckInDesk(db, event_id).set_companions(ids["b_here"], 2, "입구2", "박감독")
    proxy.restore()
    assert not door.poll().apart

    dialog = ConflictsDialog(tasks, operator="박감독")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and dialog.edits.count() == 1)
    assert not dialog.keep_dropped.isEnabled()  # nothing chosen yet
    row = next(i for i, v in enumerate(dialog.rows) if v.kept.check_in_id == ids["a_here"])
    assert "입구1" in dialog.table.item(row, 1).text() and "입구2" in dialog.table.item(row, 2).text()
    assert "동반 2명" in dialog.table.item(row, 2).text()
    dialog.table.selectRow(row)
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOT))

    qtbot.mouseClick(dialog.keep_dropped, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert "입구2" in dialog.message.text()
    with db.session() as s:
        kept = s.get(CheckIn, ids["a_there"])
        assert kept is not None and kept.undone_at is None and kept.companions == 2
        assert s.get(CheckIn, ids["a_here"]).undone_at is not None  # type: ignore[union-attr]

    # The cable goes again: the screen still lists the last conflict but refuses to change it.
    proxy.cut()
    tasks.run(lambda svc: svc.poll())
    tasks.settle()
    assert door.apart
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.keep_dropped, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "서버" in dialog.message.text() and dialog.keep_dropped.isEnabled())
    assert dialog.table.rowCount() == 1
    with db.session() as s:
        assert s.scalars(select(CheckIn).where(CheckIn.id == ids["b_there"])).one().undone_at is not None

    qtbot.mouseClick(dialog.dismiss_edits, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.edits.isVisible())

"""The roster tab and the settings dialog of a station whose cable is pulled: a roster edit is
refused inline with the reason and changes nothing on either side; the settings dialog says at once
that capacity and PIN wait for the server, and the laptop's own settings still save.

Before: the edit went into the station's local copy, showed as saved, and the next refresh from
the server silently put the old name back.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from kiosk.domain.demo import load_demo
from kiosk.domain.models import Event, Participant
from kiosk.service import DoorService
from kiosk.service.backend import StationBackend
from kiosk.storage.engine import Database
from kiosk.sync.station import LinkState, StationLink
from kiosk.ui.roster_view import RosterView
from kiosk.ui.settings_dialog import LocalSettings, SettingsDialog
from kiosk.ui.taskman import TaskManager
from tests.pg.cluster import PgCluster
from tests.pg.proxy import CuttableProxy, via

# The README's pictures: refreshed with KIOSK_SCREENSHOTS=docs/screenshots; a plain run writes scratch copies.
SHOTS = Path(os.environ.get("KIOSK_SCREENSHOTS") or tempfile.mkdtemp(prefix="kiosk-screenshots-"))


@pytest.fixture
def apart(qtbot, pg_db: Database, pg_url: str, pg_cluster: PgCluster, tmp_path: Path) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    from kiosk.ui.app import make_application

    make_application("ko")
    with pg_db.write() as s:
        load_demo(s)
    proxy = CuttableProxy(pg_cluster.port)
    link = StationLink(via(pg_url, proxy), tmp_path / "replica.db", "정문-2",
                       retry_s=3600, refresh_s=0)  # fmt: skip
    link.poll()
    assert link.state is LinkState.ONLINE and link.event_id is not None
    tasks = TaskManager(DoorService(StationBackend(link), link.event_id, "정문-2"))
    try:
        yield tasks, link, proxy
    finally:
        tasks.settle()
        tasks.shutdown()
        link.close()
        proxy.close()


def _names(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Participant.name).order_by(Participant.id)))


def test_roster_edit_on_a_station_apart_is_refused_inline_and_changes_nothing(qtbot, apart, pg_db: Database) -> None:  # type: ignore[no-untyped-def]
    tasks, link, proxy = apart
    view = RosterView(tasks)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitUntil(lambda: view.loaded)
    view.set_supervisor(True)
    view.table.selectRow(0)
    first = view.selected_entry()
    assert first is not None and first.name == "김현미"
    proxy.cut()
    link.poll()  # the station notices the pulled cable
    assert link.state is LinkState.OFFLINE

    view.edit_button.click()  # the dialog opens from the station's copy (a LOCAL read)
    qtbot.waitUntil(lambda: getattr(view, "dialog", None) is not None and view.dialog.isVisible())
    view.dialog.name.setText("김현미(수정)")
    view.dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not view.dialog.busy)
    tasks.settle()
    assert view.dialog.isVisible()  # not closed as if saved
    assert view.dialog.error.text().startswith("서버와 연결이 끊겨 명단을 고칠 수 없습니다")
    assert "입장 처리는 계속됩니다" in view.dialog.error.text()
    view.dialog.grab().save(str(SHOTS / "roster-edit-refused-apart.png"))
    view.dialog.reject()

    view.table.selectRow(0)
    QTimer.singleShot(0, lambda: view.confirm_box.button(QMessageBox.StandardButton.Yes).click())
    view.cancel_button.click()  # 초청 취소: refused the same way, above the table
    tasks.settle()
    assert view.message.isVisible() and "명단을 고칠 수 없습니다" in view.message.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert view.grab().save(str(SHOTS / "roster-apart.png"))

    assert _names(link.local)[0] == "김현미"  # the copy did not take it either
    proxy.restore()
    link.poll()
    assert _names(pg_db)[0] == "김현미"
    with pg_db.session() as s:
        assert s.get(Participant, first.id).status != "cancelled"


def test_settings_on_a_station_apart_say_what_waits_and_save_the_rest(qtbot, apart, pg_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tasks, link, proxy = apart
    proxy.cut()
    link.poll()
    local = LocalSettings(tmp_path / "station.ini")
    dialog = SettingsDialog(tasks, "정문-2", local, "ko")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.apart and dialog.apart_note.isVisible() and "정원과 PIN은 지금 바꿀 수 없습니다" in dialog.apart_note.text()
    assert not dialog.capacity.isEnabled() and not dialog.pin.isEnabled()
    assert dialog.capacity.value() == 150  # read from the station's copy
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "settings-apart.png"))
    dialog.station.setText("정문-3")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.change is not None)
    assert local.station == "정문-3"  # the laptop's own settings are kept
    proxy.restore()
    link.poll()
    with pg_db.session() as s:
        assert s.scalars(select(Event.capacity)).one() == 150


def test_a_capacity_change_refused_by_a_cut_the_station_missed_stays_in_the_dialog(qtbot, apart, pg_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tasks, link, proxy = apart
    dialog = SettingsDialog(tasks, "정문-2", LocalSettings(tmp_path / "station.ini"), "ko")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert not dialog.apart and dialog.capacity.isEnabled()
    proxy.cut()  # pulled after the dialog opened; the link has not noticed yet
    dialog.capacity.setValue(170)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    tasks.settle()
    assert dialog.isVisible() and dialog.change is None
    assert "정원·PIN을 바꿀 수 없습니다" in dialog.message.text()
    proxy.restore()
    with pg_db.session() as s:
        assert s.scalars(select(Event.capacity)).one() == 150

"""The console on a shared PostgreSQL server keeps checking people in when the network drops.

A real throw-away PostgreSQL (tests/pg) behind a TCP forwarder whose cable the test pulls. The
console runs the door through its `DoorService` (a `StationBackend`) on the database worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.checkin import ScanStatus
from kiosk.domain.models import CheckIn
from kiosk.service.backend import StationBackend
from kiosk.storage.engine import Database
from kiosk.sync.linked import LinkedDatabase
from kiosk.sync.station import LinkState, StationLink
from kiosk.ui.main_window import MainWindow
from kiosk.ui.settings_dialog import LocalSettings
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.proxy import CuttableProxy, via
from tests.unit.test_station_sync import _codes, proxy, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.postgres


@pytest.fixture
def linked(server, proxy: CuttableProxy, tmp_path: Path) -> Iterator[LinkedDatabase]:  # type: ignore[no-untyped-def]  # noqa: F811
    db, _ = server
    linked_db = LinkedDatabase(StationLink(via(db.url, proxy), tmp_path / "replica.db", "입구1", retry_s=0))
    yield linked_db
    linked_db.dispose()


def test_console_scans_online_then_offline_then_syncs(  # type: ignore[no-untyped-def]
    qtbot, server, linked: LinkedDatabase, proxy: CuttableProxy, tmp_path: Path  # noqa: F811
) -> None:
    db, event_id = server
    window = MainWindow(linked, "입구1", local_settings=LocalSettings(tmp_path / "station.ini"))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    assert isinstance(window.service.backend, StationBackend)
    assert window.connection_badge is not None  # the window polls the station and shows the result
    first, second = _codes(db, event_id)[:2]

    online = window.on_scanned(first)
    window.tasks.settle()
    assert online is not None and online.result().status is ScanStatus.OK
    window.tasks.run(lambda svc: svc.backend.link.sync())
    window.tasks.settle()
    proxy.cut()
    offline = window.on_scanned(second)
    window.tasks.settle()
    assert offline is not None and offline.result().status is ScanStatus.OK  # at once, from the local copy
    assert linked.link.state is LinkState.OFFLINE
    again = window.on_scanned(first)
    window.tasks.settle()
    assert again is not None and again.result().status is ScanStatus.ALREADY_CHECKED_IN
    window.refresh_counts()  # reads the local copy now: both guests are counted
    window.tasks.settle()
    assert window.counters.checked_in.value.text() == "2 / 150"
    window.poll_station()
    window.tasks.settle()
    assert window.connection_badge.state is LinkState.OFFLINE
    with linked.session() as s:
        assert s.scalar(select(func.count(CheckIn.id))) == 2

    proxy.restore()
    window.poll_station()  # on the worker: probe, push the journal, refresh the copy
    window.tasks.settle()
    assert window.connection_badge.state is LinkState.ONLINE
    with db.session() as s:
        assert s.get(CheckIn, offline.result().check_in_id) is not None
        assert s.scalar(select(func.count(CheckIn.id))) == 2
    window.close()


def test_linked_database_reads_the_server_while_online(server, linked: LinkedDatabase) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, _ = server
    assert linked.active is linked.link.server
    assert linked.path is None and not linked.is_sqlite
    assert isinstance(linked.link.server, Database)

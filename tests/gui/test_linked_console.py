"""The console on a shared PostgreSQL server keeps checking people in when the network drops.

A real throw-away PostgreSQL (tests/pg) behind a TCP forwarder whose cable the test pulls.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.checkin import ScanStatus
from kiosk.domain.models import CheckIn
from kiosk.storage.engine import Database
from kiosk.sync.linked import LinkedDatabase, LinkedDesk
from kiosk.sync.station import LinkState, StationLink
from kiosk.ui.connection_badge import ConnectionBadge
from kiosk.ui.main_window import MainWindow
from kiosk.ui.settings_dialog import LocalSettings
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.proxy import CuttableProxy
from tests.unit.test_station_sync import _codes, _via, proxy, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.postgres


@pytest.fixture
def linked(server, proxy: CuttableProxy, tmp_path: Path) -> Iterator[LinkedDatabase]:  # type: ignore[no-untyped-def]  # noqa: F811
    db, _ = server
    linked_db = LinkedDatabase(StationLink(_via(db.url, proxy), tmp_path / "replica.db", "입구1", retry_s=0))
    yield linked_db
    linked_db.dispose()


def test_console_scans_online_then_offline_then_syncs(  # type: ignore[no-untyped-def]
    qtbot, server, linked: LinkedDatabase, proxy: CuttableProxy, tmp_path: Path  # noqa: F811
) -> None:
    db, event_id = server
    window = MainWindow(linked, "입구1", local_settings=LocalSettings(tmp_path / "station.ini"))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    badge = ConnectionBadge()
    badge.show_status(linked.link.status())
    window.add_status_widget(badge)
    assert isinstance(window.desk, LinkedDesk)
    first, second = _codes(db, event_id)[:2]

    assert window.on_scanned(first).status is ScanStatus.OK
    linked.link.sync()
    proxy.cut()
    offline = window.on_scanned(second)
    assert offline is not None and offline.status is ScanStatus.OK  # at once, from the local copy
    assert linked.link.state is LinkState.OFFLINE
    assert window.on_scanned(first).status is ScanStatus.ALREADY_CHECKED_IN
    window.refresh_counts()  # reads the local copy now: both guests are counted
    assert window.counters.checked_in.value.text() == "2 / 150"
    with linked.session() as s:
        assert s.scalar(select(func.count(CheckIn.id))) == 2

    proxy.restore()
    assert linked.link.poll().state is LinkState.ONLINE
    with db.session() as s:
        assert s.get(CheckIn, offline.check_in_id) is not None
        assert s.scalar(select(func.count(CheckIn.id))) == 2


def test_linked_database_reads_the_server_while_online(server, linked: LinkedDatabase) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, _ = server
    assert linked.active is linked.link.server
    assert linked.path is None and not linked.is_sqlite
    assert isinstance(linked.link.server, Database)

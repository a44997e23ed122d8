"""The console's one wiring line for live updates, driven with a real Qt event loop.

    service.watch(lambda _change: window.tasks.run_on_main(window.refresh_soon))

The change callback runs on the listener's thread; `run_on_main` hands the refresh to the GUI
thread, which queues the database read on the worker; the counter label shows the other
station's check-in. Real PostgreSQL through a 20 ms link; the other station writes directly.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.domain.checkin import CheckInDesk
from kiosk.service.backend import StationBackend
from kiosk.service.service import DoorService
from kiosk.storage.postgres import station_database
from kiosk.sync.station import StationLink
from kiosk.ui.taskman import TaskManager
from tests.pg.cluster import PgCluster
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.proxy import CuttableProxy, via
from tests.unit.test_station_sync import _codes, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.postgres


def test_another_stations_check_in_reaches_the_label(qtbot, server, pg_cluster: PgCluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, event_id = server
    proxy = CuttableProxy(pg_cluster.port, rtt_ms=20)
    service = DoorService(
        StationBackend(StationLink(via(db.url, proxy.port), tmp_path / "replica.db", "입구2")), event_id, "입구2"
    )
    tasks = TaskManager(service)
    label = QLabel()
    qtbot.addWidget(label)
    gui_thread = threading.current_thread()
    shown_on: list[threading.Thread] = []

    def refresh_soon() -> None:  # what MainWindow.refresh_soon does for the counters, in miniature
        shown_on.append(threading.current_thread())
        tasks.run(lambda svc: svc.headcount(), on_done=lambda h: label.setText(str(h.present)))

    other = station_database(db.url, station="입구1")
    try:
        tasks.run(lambda svc: svc.headcount(), on_done=lambda h: label.setText(str(h.present)))
        qtbot.waitUntil(lambda: label.text() != "", timeout=5000)
        before = int(label.text())
        service.watch(lambda _change: tasks.run_on_main(refresh_soon))
        listener = service.backend.link.listener
        assert listener is not None
        qtbot.waitUntil(lambda: listener.listening, timeout=10000)

        assert CheckInDesk(other, event_id).scan(_codes(db, event_id)[0], "입구1").ok
        qtbot.waitUntil(lambda: label.text() == str(before + 1), timeout=3000)  # no timer, no poll
        assert shown_on and all(t is gui_thread for t in shown_on)
    finally:
        other.dispose()
        tasks.settle()
        service.close()  # stops the listener first: no callback into a window being torn down
        tasks.shutdown()
        proxy.close()

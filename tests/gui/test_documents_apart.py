"""A station apart from the shared server refuses reports, imports and mailings, and says why.

Real PostgreSQL (tests/pg) behind a TCP forwarder whose cable the test pulls. The old console
exported the station's local copy silently: a report that left out every check-in made at the
other stations, with nothing on screen to say so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.domain.checkin import ScanStatus
from kiosk.invite.delivery import EmlFolderDelivery
from kiosk.service import DoorService, NotWhileApart
from kiosk.service.backend import StationBackend
from kiosk.sync.station import LinkState, StationLink
from kiosk.ui.export_dialog import ExportDialog
from kiosk.ui.import_dialog import ImportDialog
from kiosk.ui.taskman import TaskManager
from tests.benchmarks.roster_samples import write_csv
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.proxy import CuttableProxy, via
from tests.unit.test_station_sync import _codes, proxy, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.postgres


@pytest.fixture
def station(server, proxy: CuttableProxy, tmp_path: Path) -> Iterator[DoorService]:  # type: ignore[no-untyped-def]  # noqa: F811
    db, event_id = server
    link = StationLink(via(db.url, proxy), tmp_path / "replica.db", "입구1", retry_s=60)
    service = DoorService(StationBackend(link), event_id, "입구1")
    yield service
    link.close()


def _apart(service: DoorService, server, proxy: CuttableProxy) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, event_id = server
    first, second = _codes(db, event_id)[:2]
    assert service.scan(first).status is ScanStatus.OK  # on the server
    proxy.cut()
    assert service.scan(second).status is ScanStatus.OK  # at once, on this station's copy
    assert service.apart and service.backend.link.state is LinkState.OFFLINE


def test_every_report_is_refused_while_apart_and_writes_nothing(server, proxy, station: DoorService, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    online = station.export_report([tmp_path / "online.csv"])
    assert [p.name for p in online] == ["online.csv"]
    _apart(station, server, proxy)
    out = tmp_path / "apart"
    out.mkdir()
    for ask in (
        lambda: station.export_report([out / "r.xlsx", out / "r.csv", out / "r.pdf"]),
        lambda: station.report_data(),
        lambda: station.export_intro_card(out / "intro.pdf"),
        lambda: station.export_seating(out / "seats.pdf"),
        lambda: station.issue_certificates(out / "certs.pdf"),
        lambda: station.print_badge_sheet(out / "badges.pdf"),
        lambda: station.send_invitations(EmlFolderDelivery(out / "eml")),
    ):
        with pytest.raises(NotWhileApart) as refused:
            ask()
        text = str(refused.value)
        assert "연결" in text and "다시" in text and "(" in text  # Korean, what to do, then English
    assert list(out.iterdir()) == []
    # What still works apart: reads of this station's copy.
    assert station.event_title() and station.invitees()


def test_the_export_dialog_shows_the_reason_and_writes_no_file(qtbot, server, proxy, station: DoorService, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _apart(station, server, proxy)
    out = tmp_path / "out"
    out.mkdir()
    tasks = TaskManager(station)
    try:
        dialog = ExportDialog(tasks)
        qtbot.addWidget(dialog)
        dialog.folder_edit.setText(str(out))
        dialog.name_edit.setText("보고서")
        dialog.show()
        dialog.export_button.click()
        qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
        tasks.settle()
        if os.environ.get("KIOSK_SCREENSHOTS"):
            dialog.grab().save(str(Path(os.environ["KIOSK_SCREENSHOTS"]) / "export-refused-apart.png"))
    finally:
        tasks.shutdown()
    assert "내보내지 못했습니다" in dialog.status.text() and "다른 체크인 PC" in dialog.status.text()
    assert not dialog.open_button.isEnabled() and dialog.export_button.isEnabled()
    assert list(out.iterdir()) == []  # no report, no half-written temporary file


def test_the_import_preview_says_the_roster_cannot_change_apart(qtbot, server, proxy, station: DoorService, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _apart(station, server, proxy)
    path = write_csv(tmp_path / "명단.csv", [["새손님", "부산", "", "기타", "", "", "", "", "", "", "", ""]])
    tasks = TaskManager(station)
    try:
        dialog = ImportDialog(tasks)
        qtbot.addWidget(dialog)
        dialog.load(str(path))
        qtbot.waitUntil(lambda: not dialog.busy and "명단" in dialog.summary.text(), timeout=30_000)
        tasks.settle()
    finally:
        tasks.shutdown()
    assert "서버" in dialog.summary.text() and not dialog.import_button.isEnabled()

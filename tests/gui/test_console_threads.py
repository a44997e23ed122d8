"""The console's GUI thread runs no SQL: every door action and every refresh goes to the worker.

A SQLAlchemy `before_cursor_execute` listener on every engine the console uses records the thread
of each statement while the test drives the real window: scans through the scan field, a walk-in,
companions, an undo, check-out mode, the counters' refresh and (on a station) the station poll
and a cable pull. On the old console each of these ran its statements on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Engine, event

from kiosk.domain import roles
from kiosk.storage.engine import Database
from kiosk.sync.linked import LinkedDatabase
from kiosk.sync.station import StationLink
from kiosk.ui.desk_page import SIDE_WALKIN
from kiosk.ui.main_window import MainWindow
from kiosk.ui.settings_dialog import LocalSettings
from tests.gui.test_front_desk import code_of
from tests.pg.conftest import pg_cluster, pg_url  # noqa: F401 - fixtures
from tests.pg.proxy import CuttableProxy, via
from tests.unit.test_station_sync import _codes, proxy, server  # noqa: F401 - fixtures


class StatementThreads:
    """Which thread ran each SQL statement, on the engines given."""

    def __init__(self, engines: list[Engine]) -> None:
        self.engines = engines
        self.seen: list[tuple[str, str]] = []  # (thread name, statement)
        for engine in engines:
            event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        self.seen.append((threading.current_thread().name, statement.split("\n")[0][:80]))

    def on_gui_thread(self) -> list[str]:
        main = threading.main_thread().name
        return [statement for thread, statement in self.seen if thread == main]

    def close(self) -> None:
        for engine in self.engines:
            event.remove(engine, "before_cursor_execute", self._record)


def _settle(window: MainWindow) -> None:
    tasks = getattr(window, "tasks", None)  # (the old console decided everything on the GUI thread)
    if tasks is not None:
        tasks.settle()


def _scan(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    field = window.desk_page.scan_field
    field.setFocus()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _drive_the_door(qtbot, window: MainWindow, codes: list[str], minister: str) -> None:  # type: ignore[no-untyped-def]
    """What a desk does in a busy minute, through the real widgets."""
    for code in codes[:4]:
        _scan(qtbot, window, code)
    _settle(window)
    # A minister with aides: the companions bar, Alt+2.
    _scan(qtbot, window, minister)
    _settle(window)
    assert window.desk_page.companions.isVisible()
    qtbot.keyClick(window.desk_page.scan_field, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    _settle(window)
    assert window.desk_page.companions.current == 2
    # A walk-in.
    window.show_side(SIDE_WALKIN)
    form = window.desk_page.walkin
    form.name.setText("홍길동")
    form.organization.setText("부산일보")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    _settle(window)
    if form.duplicates:  # asked once about look-alikes: Enter again registers
        qtbot.keyClick(form.name, Qt.Key.Key_Return)
        _settle(window)
    # An undo (the supervisor is signed in), with its reason.
    recent = window.desk_page.recent
    recent.refresh()
    _settle(window)
    recent.begin_undo()
    recent.reason.setText("잘못 스캔")
    qtbot.keyClick(recent.reason, Qt.Key.Key_Return)
    _settle(window)
    # Check-out mode (F6) and one guest leaving.
    assert window.toggle_checkout_mode()
    _scan(qtbot, window, codes[0])
    _settle(window)
    assert window.desk_page.verdict.kind == "checkout"
    window.toggle_checkout_mode()
    # The timer's refreshes: counters every tick, lists every third.
    for _ in range(3):
        window.refresh()
    _settle(window)


@pytest.fixture
def sqlite_window(qtbot, db: Database, demo_event_id: int, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    with db.write() as s:
        roles.set_pin(s, "246813")
    w = MainWindow(db, "정문-1", local_settings=LocalSettings(tmp_path / "station.ini"), pdf_folder=tmp_path)
    qtbot.addWidget(w)
    w.show()
    w.gate._become_supervisor()
    yield w
    w.close()


def test_no_statement_runs_on_the_gui_thread_on_a_file(qtbot, sqlite_window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    window = sqlite_window
    names = ["마재영", "강영민", "정성훈", "이민원"]
    codes = [code_of(db, n) for n in names]
    minister = code_of(db, "김현미")  # a minister with two aides allowed
    threads = StatementThreads([db.engine])
    try:
        _drive_the_door(qtbot, window, codes, minister)
    finally:
        threads.close()
    assert len(threads.seen) > 20  # the door really worked...
    assert threads.on_gui_thread() == []  # ...and none of it on the GUI thread
    # 4 scanned + the minister + the walk-in, one undone: 5 checked in (one of them has left).
    assert window.counters.checked_in.value.text().startswith("5 ")


@pytest.mark.postgres
def test_no_statement_runs_on_the_gui_thread_on_a_station(qtbot, server, proxy: CuttableProxy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db, event_id = server
    with db.write() as s:
        roles.set_pin(s, "246813")
    linked = LinkedDatabase(StationLink(via(db.url, proxy), tmp_path / "replica.db", "입구1", retry_s=0))
    window = MainWindow(linked, "입구1", local_settings=LocalSettings(tmp_path / "station.ini"))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    window.gate._become_supervisor()
    minister = code_of(db, "김현미")
    codes = [c for c in _codes(db, event_id) if c != minister]
    threads = StatementThreads([linked.link.server.engine, linked.link.local.engine])
    try:
        _drive_the_door(qtbot, window, codes, minister)
        window.poll_station()
        _settle(window)
        proxy.cut()  # the server goes away: scans, a refresh and the poll go on, none on the GUI thread
        for code in codes[10:13]:
            _scan(qtbot, window, code)
        window.refresh()
        window.poll_station()
        _settle(window)
        assert window.desk_page.verdict.kind in ("ok", "vip")  # admitted from the station's copy
        assert window.service.apart
        proxy.restore()
        window.poll_station()
        _settle(window)
    finally:
        threads.close()
        window.close()
        linked.dispose()
    assert len(threads.seen) > 20
    assert threads.on_gui_thread() == []


def test_an_action_refused_while_apart_is_said_in_the_panel(qtbot, sqlite_window: MainWindow, db: Database) -> None:  # type: ignore[no-untyped-def]
    """NotWhileApart from the service: one inline line (Korean first), no dialog, nothing changed."""
    import sys

    from kiosk.service import NotWhileApart, Offline, UseCase

    window = sqlite_window
    _scan(qtbot, window, code_of(db, "김현미"))
    _settle(window)
    faults: list[BaseException] = []
    hook = sys.excepthook
    sys.excepthook = lambda _kind, exc, _tb: faults.append(exc)
    try:

        def refused(*_args, **_kwargs):  # type: ignore[no-untyped-def]
            raise NotWhileApart(UseCase("set_companions", Offline.REFUSED))

        window.service.set_companions = refused  # type: ignore[method-assign]
        assert window.set_companions(1)
        _settle(window)
    finally:
        sys.excepthook = hook
    panel = window.desk_page.verdict
    assert faults == []
    assert panel.kind == "refused" and panel.headline.text() == "서버와 연결이 끊겨 지금은 할 수 없습니다"
    assert window.desk_page.companions.current == 0  # the count shown did not move

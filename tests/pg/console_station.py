"""The console as a station of a real PostgreSQL behind a latency proxy, and an event-loop lag probe.

Shared by tests/pg/test_console_cable_cut.py and tests/benchmarks/test_console_lag_bench.py. The
helpers drive the window only through its scan field and read verdicts as they are shown, so the
same scenario also runs against the console before the door service (for the "before" figure).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer

from kiosk.domain.checkin import CheckInVerdict
from kiosk.sync.linked import LinkedDatabase
from kiosk.sync.station import StationLink
from kiosk.ui.main_window import MainWindow
from kiosk.ui.settings_dialog import LocalSettings

PROBE_MS = 5


class LagProbe(QObject):
    """A 5 ms timer that records how late each tick came: the event loop's stalls."""

    def __init__(self, interval_ms: int = PROBE_MS) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.gaps: list[float] = []
        self._last: float | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = None
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def mark(self) -> int:
        """Where a phase begins in `gaps`."""
        return len(self.gaps)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append((now - self._last) * 1000.0)
        self._last = now

    def stalls(self, start: int = 0, end: int | None = None) -> list[float]:
        """How much longer than asked each tick took, in ms (0 when on time)."""
        return [max(0.0, g - self.interval_ms) for g in self.gaps[start:end]]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


@dataclass
class StationConsole:
    window: MainWindow
    linked: LinkedDatabase
    shown: list[CheckInVerdict] = field(default_factory=list)
    shown_at: list[float] = field(default_factory=list)  # time.perf_counter() of each verdict shown

    def close(self) -> None:
        self.window.kiosk_active = False
        self.window.close()
        self.linked.dispose()


def open_station_console(qtbot, server_url: str, tmp_path: Path, station: str = "입구1") -> StationConsole:  # type: ignore[no-untyped-def]
    from kiosk.ui.app import make_application

    make_application("ko")  # the theme and the translations, as `kiosk gui` has them
    link = StationLink(server_url, tmp_path / f"replica-{station}.db", station, retry_s=0.5)
    linked = LinkedDatabase(link)
    window = MainWindow(linked, station, local_settings=LocalSettings(tmp_path / "station.ini"))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    if not hasattr(window, "connection_badge"):  # the console before the door service: gui.py added it
        from kiosk.ui.connection_badge import ConnectionBadge

        badge = ConnectionBadge()
        badge.attach(link)
        window.add_status_widget(badge)
    console = StationConsole(window, linked)
    show = window.show_verdict

    def recorded(verdict: CheckInVerdict) -> str:
        console.shown.append(verdict)
        console.shown_at.append(time.perf_counter())
        return show(verdict)

    window.show_verdict = recorded  # type: ignore[method-assign]  # every verdict, as it is shown
    return console


class Scanner(QObject):
    """A USB scanner: one key every millisecond into whatever has focus, Enter after each code.

    Keys arrive one per timer tick, as a real scanner's reach the event loop one by one, so the
    lag probe measures the console, not a test typing 27 keys without letting the loop turn.
    """

    def __init__(self, console: StationConsole, key_ms: int = 1) -> None:
        super().__init__()
        self.console = console
        self.entered: list[float] = []  # time.perf_counter() of each Enter: the scan is complete
        self._keys: list[str] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(key_ms)
        self._timer.timeout.connect(self._next)

    def scan(self, code: str) -> None:
        self._keys.extend([*code, "\r"])
        if not self._timer.isActive():
            self._timer.start()

    @property
    def typing(self) -> bool:
        return bool(self._keys)

    def _next(self) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        if not self._keys:
            self._timer.stop()
            return
        key = self._keys.pop(0)
        target = QApplication.focusWidget() or self.console.window.desk_page.scan_field
        if key == "\r":
            self.entered.append(time.perf_counter())
            QTest.keyClick(target, Qt.Key.Key_Return)
        else:
            QTest.keyClick(target, key)


def type_scan(qtbot, console: StationConsole, code: str) -> None:  # type: ignore[no-untyped-def]
    """A scanner burst into the scan field: the code, then Enter (returns at once on our console)."""
    field = console.window.desk_page.scan_field
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def wait_for_verdicts(qtbot, console: StationConsole, n: int, timeout: int = 30000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(console.shown) >= n, timeout=timeout)

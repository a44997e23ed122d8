"""The check-in console: the event, live counters, the desk, the roster and the protocol board.

The window only wires things together: each part lives in its own module (verdict_panel,
counters, desk_page, vip_alert, speakers_board, kiosk_mode, badge, settings_dialog...). Every
door action is a use case of the door service (`window.service`, kiosk.service) run on its one
database worker by the task manager (`window.tasks.run(lambda svc: svc.scan(...), on_done=...)`):
the GUI thread never waits on the database or the network. Verdicts come back in the order the
scans were made and are shown in the panel: no pop-up ever waits for a click while the scanner
waits for the next guest. Counters and lists refresh on the worker too (`refresh_soon`, coalesced).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import roles
from kiosk.domain.checkin import CheckInVerdict, ScanStatus
from kiosk.domain.models import CheckInMethod, utcnow
from kiosk.domain.timefmt import event_when, hhmm
from kiosk.service import DoorService, NotWhileApart
from kiosk.service.backend import ConnectionStatus, FileBackend, StationBackend
from kiosk.service.door import DoorOverview
from kiosk.service.errors import DatabaseFileLost, is_connection_error
from kiosk.service.upkeep import Database, LinkedDatabase, SQLAlchemyError, classify
from kiosk.ui.badge import BadgePrinter
from kiosk.ui.companions import CompanionsBar
from kiosk.ui.counters import CountersBar
from kiosk.ui.desk_page import SIDE_CAMERA, SIDE_RECENT, SIDE_WALKIN, DeskPage
from kiosk.ui.event_files import EventFileActions
from kiosk.ui.hint_bar import HintBar
from kiosk.ui.i18n import install_language
from kiosk.ui.kiosk_mode import KioskHold, KioskScreen
from kiosk.ui.pin_dialog import SupervisorGate
from kiosk.ui.protocol_board_window import ProtocolBoardWindow
from kiosk.ui.protocol_tab import ProtocolDesk
from kiosk.ui.roster_view import RosterView
from kiosk.ui.scan_field import make_scan_field, route_scanner_to
from kiosk.ui.scan_notice import ScanNotice
from kiosk.ui.settings_dialog import LocalSettings
from kiosk.ui.sounds import VerdictSounds
from kiosk.ui.speakers_board import ProtocolBoard
from kiosk.ui.staff_window import StaffWindow
from kiosk.ui.supervisor_actions import SupervisorActions
from kiosk.ui.taskman import TaskManager
from kiosk.ui.vip_alert import VipProtocol
from kiosk.ui.welcome import WelcomeScreen
from kiosk.ui.window_menus import TAB_DESK, TAB_PROTOCOL, TAB_PROTOCOL_DESK, TAB_ROSTER, WindowMenus
from kiosk.ui.window_parts import CameraControl, WindowShortcutsFirst

log = logging.getLogger(__name__)
REFRESH_MS = 1000
SLOW_REFRESH_TICKS = 3  # the lists refresh every third tick; counters every tick
# A station of a shared server hears the other stations' changes (LISTEN/NOTIFY) and refreshes
# then; the timer only re-reads as a safety net, once a minute, instead of every second.
LIVE_SAFETY_TICKS = 60
POLL_MS = 1000  # a station's probe / sync / refresh (on the worker)
DOOR_QUIET_S = 0.4  # a shared station's background reads start once the door has paused this long
VERDICT_QUIET_MS = 300  # counters and lists after a verdict: when the door pauses this long...
VERDICT_MAX_MS = 1000  # ... or this long after the verdict, whichever comes first
NEWS_QUIET_MS = 80  # another station's check-in on this screen: a burst is one read...
NEWS_MAX_MS = 250  # ... within this of the first notification (target: on screen within 0.5 s)


def door_service_for(db: Database | LinkedDatabase, station: str) -> DoorService:
    """The service the console runs on: a station of a shared server, or one SQLite file."""
    if isinstance(db, LinkedDatabase):
        return DoorService(StationBackend(db.link), db.link.event_id, station)  # type: ignore[arg-type]
    return DoorService(FileBackend(db), None, station)  # type: ignore[arg-type]  # found by overview()


class MainWindow(QMainWindow):
    verdict_shown = Signal(object)  # CheckInVerdict, once it is on screen (in the order of the scans)

    def __init__(self, db: Database, station: str, parent: QWidget | None = None, *,
                 local_settings: LocalSettings | None = None, language: str = "ko",
                 pdf_folder: Path | None = None, frame_source: QObject | None = None,
                 service: DoorService | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        # `db` is for the widgets of other parts that still take a database (roster, protocol,
        # badges, PIN gate); everything of the door goes through the service on its worker.
        self.db = db
        self.service = service or door_service_for(db, station)
        self.tasks = TaskManager(self.service, parent=self)
        self.tasks.failed.connect(self._operation_failed)
        self.station = station
        self.language = language
        self.local = local_settings or LocalSettings()
        self.event_id: int | None = None
        self.desk: DoorService | None = None  # the door, once the file has an event
        self.kiosk_active = False
        self.checkout_mode = False  # F6: scans check guests out
        self.kiosk_hold: KioskHold | None = None
        self.last_participant_id: int | None = None
        self._tick = 0
        self.gate = SupervisorGate(self.tasks, self)
        self.gate.set_idle_minutes(self.local.supervisor_idle_minutes)
        self.gate.role_changed.connect(self._role_changed)
        self.sounds = VerdictSounds(self.local.sounds, self)
        QTimer.singleShot(0, self.sounds.prepare)  # the first guest's scan must not wait for the audio backend
        self.badges = BadgePrinter(self.tasks, self, pdf_folder)
        self.badges.printed.connect(self._badge_printed)
        self.badges.refused.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.badges.needs_reason.connect(self._badge_needs_reason)
        self.camera = CameraControl(self, frame_source)
        self.camera.decoded.connect(self.on_scanned)
        self.camera.status.connect(self._camera_status)
        self.vip = VipProtocol(self.tasks, lambda: self.event_id, lambda: self.station, lambda: self.gate.operator, self)
        self.supervisor = SupervisorActions(self)
        self.files = EventFileActions(self)
        self.welcome: WelcomeScreen | None = None
        self._titled = ""
        self.menus = WindowMenus(self)
        self.scan_notice = ScanNotice()
        self.staff_window: StaffWindow | None = None
        self.discard_box: QMessageBox | None = None  # "discard the half-typed walk-in?" (tests drive it)
        self._ask_on_close = False  # request_close (Ctrl+Q) asks like the close button does
        self.override_dialog: QInputDialog | None = None  # the open reason box (tests drive it)
        self.pin_set = False  # from the last overview; kiosk mode asks the service again when unsure
        self._live = False  # a shared station hearing the server's changes (set once the badge is up)
        self.connection_badge = None
        self._apart: bool | None = None
        self._header: tuple[object, ...] = ()
        self._notice_over: QWidget | None = None  # a dialog a scan was typed in, told when its verdict is in
        # The one wait of the window: its first read, on the worker, before the window is shown
        # (which event, so the desk can be built). The running console never waits.
        first: DoorOverview = self.tasks.worker.call(lambda: self.service.overview())
        self.pin_set = first.pin_set
        if first.event is not None:
            self.event_id = first.event.id
            self.desk = self._door()
        self._build()
        self.vip.poll()  # learns who arrived before this window opened
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._show_overview(first)
        self.refresh()
        self.timer.start()
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll_station)
        if getattr(self.service.backend, "shared", False):
            # Over a network a refresh is several round trips: it waits for the gap between guests.
            self.tasks.worker.background_quiet_s = DOOR_QUIET_S
            self._add_connection_badge()
            self.poll_timer.start()
            # Another station's check-in (or roster edit) arrives as a notification on the
            # listener's thread: hand it to the GUI thread, which queues one coalesced read.
            self.service.watch(lambda change: self.tasks.run_on_main(lambda: self._heard_news(change.station)))
            self._live = True
        if self.desk_page is not None and self.local.camera:
            self.camera.start(self.local.camera, self.local.decoder)
            self.camera.attach(self.desk_page)

    # -- building (again after a language switch) -----------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("체크인 키오스크"))
        self.camera.detach()  # the preview outlives the pages it is shown in
        old = self.centralWidget()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        if old is not None:
            old.deleteLater()
        console = QWidget()
        root = QVBoxLayout(console)
        root.setContentsMargins(20, 12, 20, 8)
        root.setSpacing(8)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = QLabel()
        self.title.setObjectName("eventTitle")
        self.meta = QLabel()
        self.meta.setObjectName("eventMeta")
        titles.addWidget(self.title)
        titles.addWidget(self.meta)
        header.addLayout(titles, 1)
        self.role_label = QLabel()
        self.role_label.setObjectName("roleBadge")
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        self.mode_label = QLabel()
        self.mode_label.setObjectName("roleBadge")
        self.mode_label.setStyleSheet("background:#1f5f99;color:white;")
        header.addWidget(self.mode_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.role_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignVCenter)
        root.addLayout(header)
        self.vip_alert = self.vip.make_bar()
        self.vip_alert.acknowledged.connect(lambda _alert: self._focus_scan())
        root.addWidget(self.vip_alert)
        self._console_root = root
        self.counters = CountersBar()
        root.addWidget(self.counters)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.desk_page: DeskPage | None = None
        self.roster_view: RosterView | None = None
        self.protocol: ProtocolBoard | None = None
        self.protocol_desk: ProtocolDesk | None = None
        if self.desk is not None:
            self.desk_page = DeskPage(self.tasks, self.station, self.gate.require, lambda: self.gate.operator)
            self.desk_page.scan_field.scanned.connect(self.on_scanned)  # type: ignore[attr-defined]
            self.desk_page.search.check_in_requested.connect(self.check_in_participant)
            self.desk_page.walkin.completed.connect(self._walk_in_done)
            self.desk_page.walkin.use_existing.connect(self.check_in_participant)
            self.desk_page.walkin.use_existing.connect(lambda *_a: self.desk_page.walkin.clear())  # type: ignore[union-attr]
            self.desk_page.walkin.refused.connect(self._show_verdict_only)
            self.desk_page.recent.undone.connect(self._undone)
            self.desk_page.companions.changed.connect(self._companions_changed)
            self.desk_page.companions.refused.connect(self._companions_refused)
            self.desk_page.companions.failed.connect(self._action_failed)
            self.desk_page.recent.failed.connect(self._action_failed)
            self.desk_page.walkin.failed.connect(self._action_failed)
            self.desk_page.side_changed.connect(self._side_changed)
            self.tabs.addTab(self.desk_page, self.tr("체크인 데스크 (Ctrl+1)"))
            self.roster_view = RosterView(self.tasks, operator=lambda: self.gate.operator)
            self.tabs.addTab(self.roster_view, self.tr("명단 (Ctrl+2)"))
            # An edit or import changes who search finds and what the counters say.
            self.roster_view.roster_changed.connect(self.desk_page.search.reload)
            self.roster_view.roster_changed.connect(self.refresh)
            self.protocol = ProtocolBoard(self.tasks)
            self.tabs.addTab(self.protocol, self.tr("VIP · 발표자 (Ctrl+3)"))
            self.protocol_desk = ProtocolDesk(self.tasks, lambda: self.gate.operator,
                                              self.gate.require, self.badges.pdf_folder)  # fmt: skip
            self.protocol_desk.verdict.connect(self.show_verdict)
            self.protocol_desk.open_board.connect(self.open_protocol_board)
            self.tabs.addTab(self.protocol_desk, self.tr("의전 (Ctrl+4)"))
            self.camera.attach(self.desk_page)
        root.addWidget(self.tabs, 1)
        self.stack.addWidget(console)

        self.kiosk = KioskScreen()
        if self.desk is not None:
            self.kiosk.add_companions(CompanionsBar(self.tasks, self.station))
            self.kiosk.companions.changed.connect(self._kiosk_companions_changed)  # type: ignore[union-attr]
            self.kiosk.companions.failed.connect(self._action_failed)  # type: ignore[union-attr]
        self.kiosk.scanned.connect(self.on_scanned)
        self.kiosk.exit_requested.connect(self.request_leave_kiosk)
        self.stack.addWidget(self.kiosk)
        self.welcome = None
        if self.desk is None:  # a file without an event: the welcome screen, not an error
            self._show_welcome()
        self.actions_by_name = self.menus.build()
        self._build_status_bar()
        self._role_changed(self.gate.role.value)
        self._show_checkout_mode()
        keys = [a.shortcut() for a in self.actions_by_name.values() if a.shortcut().toString().startswith("Ctrl+")]
        self._shortcuts_first = WindowShortcutsFirst(keys, self)
        for edit in console.findChildren(QLineEdit):
            edit.installEventFilter(self._shortcuts_first)
        if self.desk_page is not None:
            self._route_scanner(self.desk_page.scan_field)
            self.desk_page.focus_scan()

    def _show_welcome(self) -> None:
        path = self.db.path
        self.welcome = WelcomeScreen(str(path) if path else self.tr("공유 서버"), self.files.recent())
        self.welcome.new_event.connect(self.files.new_event)
        self.welcome.open_demo.connect(self.files.open_demo)
        self.welcome.open_file.connect(self.files.open_file)
        self.welcome.open_recent.connect(self.files.request_open)
        self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle(self.tr("체크인 키오스크 — 행사 없음 ({0})").format(path.name if path else "-"))
        # No event, no door: a scan must still not press 새 행사 만들기 or fill the wizard's fields.
        sink = make_scan_field(self.welcome)
        sink.hide()
        sink.scanned.connect(lambda _code: self._scan_without_event(self))
        self._scanner_filter = route_scanner_to(self, sink, getattr(self, "_scanner_filter", None))
        self._scanner_filter.elsewhere.connect(self._scan_without_event)
        self.welcome.focus()

    def _scan_without_event(self, window: QWidget) -> None:
        text = self.tr("행사가 열려 있지 않아 스캔을 처리하지 않았습니다 — 먼저 행사를 만들거나 여세요")
        self.sounds.play("refused")
        if self.welcome is not None:
            self.welcome.show_error(text)
        if window is not self:
            self.scan_notice.show_over(window, "already", text)

    def _route_scanner(self, field: QWidget) -> None:
        self._scanner_filter = route_scanner_to(self, field, getattr(self, "_scanner_filter", None))
        self._scanner_filter.elsewhere.connect(self._scan_elsewhere)
        self._scanner_filter.fragment.connect(self._scan_fragment)

    def _verdict_panel(self):  # type: ignore[no-untyped-def]
        if self.kiosk_active:
            return self.kiosk.panel
        return self.desk_page.verdict if self.desk_page is not None else None

    def _scan_elsewhere(self, window: QWidget) -> None:
        """A scan typed into a dialog went to the door: say so over the dialog, which is untouched.
        The verdict comes back from the worker: the notice is shown with it (`show_verdict`)."""
        self._notice_over = window

    def _notice_elsewhere(self, kind: str) -> None:
        window, self._notice_over = self._notice_over, None
        if window is None or not window.isVisible():
            return
        panel = self._verdict_panel()
        headline = panel.headline.text() if panel is not None else ""
        self.scan_notice.show_over(window, kind, self.tr("스캔 처리됨: {0}\n(이 창에는 입력되지 않았습니다)").format(headline))

    def _scan_fragment(self, window: QWidget) -> None:
        """Part of a code went to a widget before the burst was recognised: not a scan."""
        self.sounds.play("refused")
        headline = self.tr("스캔이 끊겼습니다 — 다시 스캔하세요")
        panel = self._verdict_panel()
        if panel is not None:
            panel.show_message("already", headline, self.tr("코드 일부만 읽혀 체크인하지 않았습니다."))
        if window is not self:
            self.scan_notice.show_over(window, "already", headline)

    def _build_status_bar(self) -> None:
        """Made once; a rebuild (language switch) only renames, so widgets others added stay."""
        # Most needed at the door first: a narrow bar drops hints from the end (HintBar).
        shortcuts = self.tr("F2 이름 검색 · F3 현장등록 · Ctrl+Z 체크인 취소 · F12 정원 초과 승인 · F6 퇴장 모드 · "
                            "Ctrl+K VIP 확인 · F9 책임자 · F4 최근 · Ctrl+P 배지 · Esc 지우기 · F10 설정 · F11 키오스크 · "
                            "F5 새로고침")  # fmt: skip
        if hasattr(self, "station_label"):
            self.shortcut_bar.set_hints(shortcuts)
            self.station_label.setText(self.tr("체크인 PC: {0}").format(self.station))
            return
        status = self.statusBar()
        # The shortcuts, always in sight, on the left of the status bar.
        self.shortcut_bar = HintBar(shortcuts)
        self.shortcut_bar.setObjectName("shortcutBar")
        self.camera_label = QLabel("")
        self.camera_label.setObjectName("statusCamera")
        # The shared-database connection badge goes here (add_status_widget).
        self.connection_slot = QWidget()
        self.connection_slot.setObjectName("statusConnection")
        QHBoxLayout(self.connection_slot).setContentsMargins(0, 0, 0, 0)
        self.station_label = QLabel(self.tr("체크인 PC: {0}").format(self.station))
        self.station_label.setObjectName("statusStation")
        status.addWidget(self.shortcut_bar, 1)
        status.addPermanentWidget(self.camera_label)
        status.addPermanentWidget(self.connection_slot)
        status.addPermanentWidget(self.station_label)

    def add_status_widget(self, widget: QWidget) -> None:
        """A place in the status bar for other parts (the shared-database connection state)."""
        self.connection_slot.layout().addWidget(widget)

    def _add_connection_badge(self) -> None:
        from kiosk.ui.connection_badge import ConnectionBadge

        self.connection_badge = ConnectionBadge()
        self.connection_badge.review_requested.connect(
            lambda what: self.supervisor.open_conflicts() if what == "conflicts" else self.supervisor.open_sync_findings()
        )
        self.add_status_widget(self.connection_badge)
        self.poll_station()

    def poll_station(self) -> None:
        """A station's probe / sync / refresh (`StationLink.poll()`), on the worker; the badge
        follows its result. Coalesced: a slow probe never piles up behind itself."""
        self.tasks.run_coalesced("station:poll", lambda svc: svc.poll(), on_done=self._polled,
                                 on_error=self._refresh_failed)  # fmt: skip

    def _polled(self, status: ConnectionStatus) -> None:
        if self.connection_badge is not None and status.link is not None:
            self.connection_badge.show_status(status.link)
        if self._apart is not None and status.apart != self._apart:
            self.refresh_soon()  # gone apart or back: the counters now come from the other side
        self._apart = status.apart

    # -- refreshing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """The timer's tick: the clock here; header and counters every second, the lists every
        third second, read on the worker (coalesced: nothing is queued while one is waiting)."""
        self._tick += 1
        self.clock.setText(hhmm(utcnow()))
        if self._live and not self._apart:
            if self._tick % LIVE_SAFETY_TICKS == 0:
                self.refresh_soon()
            return
        self.refresh_soon(lists=self._tick % SLOW_REFRESH_TICKS == 0)

    def refresh_soon(self, lists: bool = True) -> None:
        """Read counters (and, with `lists`, recent arrivals and protocol arrivals) on the worker
        and show them when they come back. Cheap and coalesced: call it as often as you like
        (after a verdict, on another station's NOTIFY); at most one read of each kind waits."""
        if self.tasks.queued("door:lists") or (not lists and self.tasks.queued("door:counts")):
            return
        self.tasks.run_coalesced("door:lists" if lists else "door:counts", lambda svc: svc.overview(lists=lists),
                                 on_done=self._show_overview, on_error=self._refresh_failed)  # fmt: skip
        if lists:
            self._refresh_other_tabs()

    def refresh_counts(self) -> None:
        self.refresh_soon(lists=False)

    def _show_overview(self, overview: DoorOverview) -> None:
        self.pin_set = overview.pin_set
        event = overview.event
        if event is None:
            self.title.setText(self.tr("행사가 없습니다"))
            self.meta.setText(self.tr("새 행사를 만들거나 행사 파일을 여세요."))
            return
        if self.event_id is None:  # an event appeared (imported, demo): start the desk
            self.event_id = event.id
            self.desk = self._door()
            self._build()
            self.refresh_soon()
        english = self.language == "en"
        name = event.name_en if english and event.name_en else event.name
        venue = event.venue_en if english and event.venue_en else event.venue
        header = (name, event.name, venue, event.starts_at, event.ends_at, event.timezone, english)
        if header != self._header or self.title.text() != name:  # once, and after a rebuild
            self._header = header
            self.title.setText(name)
            self.kiosk.event_label.setText(name)
            self._name_window(event.name, name)
            when = event_when(event.starts_at, event.ends_at, event.timezone, "en" if english else "ko")
            self.meta.setText(f"{when} · {venue}")
        if overview.counts is not None:
            self.counters.show_counts(overview.counts)
        if overview.vip_arrivals is not None:
            self.vip.take_arrivals(overview.vip_arrivals)  # protocol guests checked in at other desks
        if overview.recent is not None and self.desk_page is not None:
            self.desk_page.recent.show_rows(overview.recent)

    def _refresh_failed(self, exc: BaseException) -> None:
        """A refresh that failed: a dying server is the badge's business (the next tick reads the
        station's copy), never a modal from a timer tick; anything else is a fault."""
        if is_connection_error(exc) or _worker_stopped(exc):
            log.warning("refresh failed (server away?): %s", exc)
            return
        self._operation_failed(exc)

    def _door(self) -> DoorService | None:
        """The door of this window's event (the service), or None while the file has no event."""
        return self.service if self.event_id is not None else None

    def _name_window(self, event_name: str, shown: str) -> None:
        """The title bar names the event and its file: two windows, two events, never confused."""
        path = self.db.path
        title = self.tr("{0} — {1} — 체크인 키오스크").format(shown, path.name if path else self.tr("공유 서버"))
        if not self._titled:
            self.files.event_opened(event_name)  # into 최근 행사, once per window
            self._titled = title
        if title != self.windowTitle():  # _build() resets it
            self.setWindowTitle(title)

    def _refresh_after_verdict(self) -> None:
        if self._live:  # a shared server: one read when the door pauses
            self.tasks.later("door:after-verdict", self.refresh_soon, quiet_ms=VERDICT_QUIET_MS, max_ms=VERDICT_MAX_MS)
        else:  # a file answers in a millisecond: on the next turn of the event loop
            self.tasks.later("door:after-verdict", self.refresh_soon, quiet_ms=0, max_ms=0)

    def _heard_news(self, station: str) -> None:
        if station == self.station:  # this desk's own change: read with the verdict's refresh
            self._refresh_after_verdict()
            return
        # A burst of other stations' check-ins is one read, within NEWS_MAX_MS of the first.
        self.tasks.later("door:news", self.refresh_soon, quiet_ms=NEWS_QUIET_MS, max_ms=NEWS_MAX_MS)

    def refresh_lists(self) -> None:
        self.refresh_soon(lists=True)

    def _refresh_other_tabs(self) -> None:
        # The protocol tabs belong to another part and read the database themselves (while shown).
        if self.protocol is not None and self.tabs.currentWidget() is self.protocol:
            self.protocol.refresh()
        if self.protocol_desk is not None and self.tabs.currentWidget() is self.protocol_desk:
            self.protocol_desk.refresh()

    def refresh_all(self) -> None:
        self.refresh_soon(lists=True)
        if self.desk_page is not None:
            self.desk_page.search.reload()
        if self.roster_view is not None:
            self.roster_view.refresh()

    def _tab_changed(self, index: int) -> None:
        if index == TAB_PROTOCOL and self.protocol is not None:
            self.protocol.refresh()
        elif index == TAB_ROSTER and self.roster_view is not None:
            self.roster_view.refresh()
        elif index == TAB_DESK and self.desk_page is not None:
            self.desk_page.focus_scan()
        elif index == TAB_PROTOCOL_DESK and self.protocol_desk is not None:
            self.protocol_desk.refresh()
            self.protocol_desk.focus_list()

    def open_protocol_board(self) -> ProtocolBoardWindow | None:
        """The display-only protocol board, on a second screen when there is one (F7)."""
        if self.event_id is None:
            return None
        board = getattr(self, "protocol_board", None)
        if board is None or board.event_id != self.event_id:
            board = ProtocolBoardWindow(self.tasks, self.sounds)
            self.protocol_board = board
        board.show_on_best_screen()
        return board

    def issue_intro_card(self) -> None:
        """Ctrl+F7 from anywhere in the console: the MC's card for whoever is present now."""
        if self.protocol_desk is not None:
            self.protocol_desk.issue_intro()

    # -- checking in ----------------------------------------------------------------------------

    def on_scanned(self, code: str) -> Future[CheckInVerdict] | None:
        """A scan (scanner, camera, kiosk): decided on the worker, shown when it comes back.
        Scans made while one is in flight queue in order, and their verdicts show in order."""
        if self.event_id is None:
            return None
        operator = self.gate.operator
        if self.checkout_mode and not self.kiosk_active:
            return self._decide(lambda svc: svc.check_out(code, operator))
        return self._decide(lambda svc: svc.scan(code, operator))

    def toggle_checkout_mode(self) -> bool:
        """F6: scans check guests out (blue) until F6 again; the header says so all the while."""
        if self.kiosk_active or self.event_id is None:
            return False
        self.checkout_mode = not self.checkout_mode
        self._show_checkout_mode()
        if self.desk_page is not None:
            self.desk_page.verdict.show_idle()
            if self.checkout_mode:
                self.desk_page.verdict.headline.setText(self.tr("퇴장 모드: 나가는 분의 QR 코드를 스캔하세요"))
                self.desk_page.verdict.hint.setText(self.tr("F6 을 다시 누르면 입장 모드로 돌아갑니다"))
            self.tabs.setCurrentIndex(TAB_DESK)
            self.desk_page.focus_scan()
        return self.checkout_mode

    def _show_checkout_mode(self) -> None:
        self.mode_label.setText(self.tr("퇴장 모드 (F6)"))
        self.mode_label.setVisible(self.checkout_mode)

    def check_in_participant(self, participant_id: int, companions: int = 0) -> Future[CheckInVerdict] | None:
        if self.event_id is None:
            return None
        operator = self.gate.operator

        def shown(verdict: CheckInVerdict) -> None:
            if self.desk_page is not None:
                self.desk_page.show_side(SIDE_RECENT)

        return self._decide(lambda svc: svc.check_in(participant_id, operator, companions=companions), shown)

    def _decide(self, decide, then=None) -> Future[CheckInVerdict]:  # type: ignore[no-untyped-def]
        """Run one check-in decision on the worker; its verdict is shown when it comes back."""

        def done(verdict: CheckInVerdict) -> None:
            self.show_verdict(verdict)
            if then is not None:
                then(verdict)

        return self.tasks.run(decide, on_done=done, on_error=self._decision_failed)

    def _decision_failed(self, exc: BaseException) -> None:
        """A decision that could not be made: said plainly in the panel (nothing was recorded,
        so scanning again is safe), never a crash. A damaged file goes to the fault dialog."""

        if isinstance(exc, NotWhileApart):
            self._action_failed(exc)
            return
        if not isinstance(exc, SQLAlchemyError) or classify(exc).can_restore:
            self._operation_failed(exc)  # a damaged file: the fault dialog offers the backups
            return
        log.error("check-in could not be written", exc_info=exc)
        self.sounds.play("refused")
        headline = self.tr("저장하지 못했습니다 — 다시 스캔하세요")
        if self.kiosk_active:
            self.kiosk.panel.show_message("refused", headline, self.tr("안내 데스크로 와 주세요. 도와드리겠습니다."))
            self.kiosk.reset.start()
        elif self.desk_page is not None:
            self.desk_page.verdict.show_message(
                "refused", headline,
                self.tr("데이터베이스에 쓸 수 없어 체크인이 기록되지 않았습니다. 잠시 뒤 다시 시도하고, "
                        "계속되면 책임자에게 알리세요."),
            )  # fmt: skip

    def _action_failed(self, exc: BaseException) -> None:
        """An undo, companions change or registration that failed: NotWhileApart inline, in the
        panel; a write that could not be made, inline too; anything else to the fault handler."""

        panel = self._verdict_panel()
        if isinstance(exc, NotWhileApart):
            self.sounds.play("refused")
            if panel is not None:
                panel.show_message("refused", self.tr("서버와 연결이 끊겨 지금은 할 수 없습니다"), self.tr(
                    "연결이 돌아오면 다시 하세요. 체크인은 이 PC에 계속 저장됩니다."))  # fmt: skip
            return
        if isinstance(exc, SQLAlchemyError) and not classify(exc).can_restore:
            log.error("door action could not be written", exc_info=exc)
            self.sounds.play("refused")
            if panel is not None:
                panel.show_message("refused", self.tr("저장하지 못했습니다"),
                                   self.tr("데이터베이스에 쓸 수 없어 기록되지 않았습니다. 잠시 뒤 다시 시도하세요."))  # fmt: skip
            return
        self._operation_failed(exc)

    def _operation_failed(self, exc: BaseException) -> None:
        """Everything else goes to the fault handler (faults.install_excepthook: log + dialog)."""
        if _worker_stopped(exc):
            return  # the window is closing
        if isinstance(exc, DatabaseFileLost):
            # The file watchdog (db_watch, on the upkeep thread) raises the one alarm, after its
            # rescue copy; here the door only says at once that nothing was recorded.
            log.critical("door action refused: %s", exc)
            self.sounds.play("refused")
            panel = self._verdict_panel()
            if panel is not None:
                panel.show_message("refused", self.tr("체크인을 멈췄습니다"),
                                   self.tr("데이터베이스 파일이 바뀌거나 사라져 기록하지 않았습니다. 책임자에게 알리세요."))  # fmt: skip
            return
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def show_verdict(self, verdict: CheckInVerdict) -> str:
        """Everything a verdict changes: panel, sound, companions, VIP alert, counters, lists."""
        if self.kiosk_active:
            kind = self.kiosk.show_verdict(verdict, self.gate.operator)
        else:
            assert self.desk_page is not None
            kind = self.desk_page.verdict.show_verdict(verdict)
            self.desk_page.companions.follow(verdict, self.gate.operator)
            if self.tabs.currentIndex() != TAB_DESK:
                self.tabs.setCurrentIndex(TAB_DESK)
        self.sounds.play(kind)
        if self.connection_badge is not None and self.service.apart != self._apart:
            self.poll_station()  # this decision found the server gone (or back): the badge follows now
        if self._notice_over is not None:
            self._notice_elsewhere(kind)
        if verdict.participant is not None and kind in ("ok", "vip", "already"):
            self.last_participant_id = verdict.participant.id  # Ctrl+P prints this guest's badge
        self.vip.announce(verdict)
        # The verdict is on screen now; counters and lists follow when the door pauses (at most
        # VERDICT_MAX_MS later): a read after every scan of a queue competed with the next
        # guest's scan for the worker (p50 258 ms from Enter to verdict at 20 ms round trips).
        self._refresh_after_verdict()
        if self.desk_page is not None and not self.kiosk_active and self.desk_page.side_index == SIDE_RECENT:
            self.desk_page.focus_scan()
        self.verdict_shown.emit(verdict)
        return kind

    def _show_verdict_only(self, verdict: CheckInVerdict) -> None:
        if self.desk_page is not None:
            self.sounds.play(self.desk_page.verdict.show_verdict(verdict))

    def _walk_in_done(self, verdict: CheckInVerdict, badge: bool) -> None:
        self.show_verdict(verdict)
        if self.desk_page is not None:
            self.desk_page.show_side(SIDE_RECENT)
            self.desk_page.search.reload()
        if badge and verdict.participant is not None:
            self.badges.request(verdict.participant.id, operator=self.gate.operator)

    def set_companions(self, n: int) -> bool:
        if self.desk_page is None or not self.desk_page.companions.isVisible():
            return False
        return self.desk_page.companions.set_count(n)

    def _companions_changed(self, _check_in_id: str, n: int) -> None:
        assert self.desk_page is not None
        panel = self.desk_page.verdict
        if panel.verdict is not None:
            panel.show_verdict(replace(panel.verdict, companions=n))
            if panel.verdict.participant is not None:
                self.vip_alert.update_companions(panel.verdict.participant.id, n)
        self.refresh_soon()

    def _kiosk_companions_changed(self, _check_in_id: str, n: int) -> None:
        verdict = self.kiosk.panel.verdict
        if verdict is not None and verdict.participant is not None:
            self.vip_alert.update_companions(verdict.participant.id, n)
        self.refresh_soon(lists=False)

    def _companions_refused(self, n: int) -> None:
        self.statusBar().showMessage(self.tr("좌석이 모자라 수행원 {0}명을 더할 수 없습니다").format(n), 8000)

    def override_capacity(self) -> bool:
        """F12 on a "room is full" verdict: the supervisor lets this guest in, with a reason."""
        panel = self.desk_page.verdict if self.desk_page is not None and not self.kiosk_active else None
        verdict = panel.verdict if panel is not None else None
        if verdict is None or verdict.status is not ScanStatus.CAPACITY_FULL or verdict.participant is None:
            self.statusBar().showMessage(self.tr("정원 초과로 입장하지 못한 분의 결과가 보일 때 승인할 수 있습니다"), 6000)
            return False
        pid, name = verdict.participant.id, verdict.participant.name
        method = CheckInMethod.MANUAL if verdict.code.startswith("#") else CheckInMethod.QR

        def ask_reason() -> None:
            dialog = QInputDialog(self)
            dialog.setWindowTitle(self.tr("정원 초과 입장"))
            dialog.setLabelText(self.tr("{0} 님을 정원을 넘어 입장시킵니다. 사유를 입력하세요 (기록됩니다).").format(name))
            dialog.setOkButtonText(self.tr("입장 승인 (Enter)"))
            dialog.setCancelButtonText(self.tr("취소 (Esc)"))
            self.override_dialog = dialog

            def chosen(reason: str) -> None:
                if not reason.strip():
                    self.statusBar().showMessage(self.tr("사유가 없어 승인하지 않았습니다"), 6000)
                    return
                operator = self.gate.operator
                self._decide(lambda svc: svc.override_capacity(pid, reason, operator, method=method))

            dialog.textValueSelected.connect(chosen)
            dialog.finished.connect(lambda _r: setattr(self, "override_dialog", None))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        self.gate.require(self.tr("정원 초과 입장은 책임자 승인이 필요합니다."), ask_reason)
        return True

    def undo_selected(self) -> None:
        if self.desk_page is not None:
            self.tabs.setCurrentIndex(TAB_DESK)
            self.desk_page.show_side(SIDE_RECENT)
            self.desk_page.recent.begin_undo()

    def _undone(self, _check_in_id: str, name: str) -> None:
        assert self.desk_page is not None
        self.desk_page.verdict.show_message(
            "already", self.tr("체크인을 취소했습니다: {0}").format(name), self.tr("취소 사유와 함께 기록되었습니다.")
        )
        self.desk_page.companions.clear()
        self.refresh_soon()
        self.desk_page.focus_scan()

    def clear_panel(self) -> None:
        """Esc: back to the waiting state, scan field focused (a half-typed walk-in asks first)."""
        if self.kiosk_active or self.desk_page is None:
            return
        walkin = self.desk_page.walkin
        if self.desk_page.side_index == SIDE_WALKIN and walkin.has_input():
            self._ask_discard_walk_in(self.tr("작성 중인 현장등록을 지울까요?"), self.tr("지우기"), self._clear_panel_now)
            return
        self._clear_panel_now()

    def _ask_discard_walk_in(self, question: str, discard_text: str, then: Callable[[], None]) -> None:
        """The half-typed walk-in: discard it (then `then()`), or keep writing (the default, Esc)."""
        if self.discard_box is not None or self.desk_page is None:
            return
        walkin = self.desk_page.walkin
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("현장등록"), question, parent=self)
        discard = box.addButton(discard_text, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("계속 작성 (Esc)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.discard_box = box

        def answered(_result: int) -> None:
            self.discard_box = None
            if box.clickedButton() is discard:
                walkin.clear()
                then()
            else:
                walkin.name.setFocus()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()

    def _clear_panel_now(self) -> None:
        assert self.desk_page is not None
        self.desk_page.verdict.show_idle()
        self.desk_page.companions.clear()
        self.desk_page.recent.cancel_undo()
        self.desk_page.show_side(SIDE_RECENT)
        self.tabs.setCurrentIndex(TAB_DESK)
        self.desk_page.focus_scan()

    def _side_changed(self, index: int) -> None:
        if index == SIDE_CAMERA and self.desk_page is not None and self.camera.ensure(self.local.decoder):
            self.camera.attach(self.desk_page)

    def show_side(self, index: int) -> None:
        if self.desk_page is None or self.kiosk_active:
            return
        self.tabs.setCurrentIndex(TAB_DESK)
        self.desk_page.show_side(index)
        if index == SIDE_RECENT:  # F4: the list itself, so arrows pick a row for Ctrl+Z / Ctrl+P
            self.desk_page.recent.table.setFocus()

    def _focus_scan(self) -> None:
        if self.desk_page is not None and not self.kiosk_active:
            self.desk_page.focus_scan()

    # -- badges ---------------------------------------------------------------------------------

    def print_badge(self, reason: str = "") -> bool:
        if self.last_participant_id is None or self.kiosk_active:
            self.statusBar().showMessage(self.tr("먼저 체크인하거나 검색한 분이 있어야 배지를 출력합니다"), 6000)
            return False
        return self.badges.request(self.last_participant_id, operator=self.gate.operator, reason=reason)

    def _badge_printed(self, _participant_id: int, where: str) -> None:
        self.statusBar().showMessage(self.tr("배지를 출력했습니다: {0}").format(where), 10000)

    def _badge_needs_reason(self, participant_id: int, history) -> None:  # type: ignore[no-untyped-def]
        """Already printed: say when and where, in the panel; a supervisor reprints with a reason."""
        last = history[-1]
        if self.desk_page is None:
            return
        self.desk_page.verdict.show_message(
            "already",
            self.tr("이미 배지를 출력했습니다"),
            self.tr("{0} · {1} ({2}번째 출력)").format(hhmm(last.printed_at), last.station, len(history)),
            self.tr("다시 출력하려면 책임자가 Ctrl+Shift+P (사유: 분실·오타 등)"),
        )

    # -- roles, settings, other windows -----------------------------------------------------------

    def _role_changed(self, role: str) -> None:
        supervisor = role == roles.Role.SUPERVISOR.value
        self.role_label.setText(self.tr("책임자") if supervisor else self.tr("안내요원"))
        self.role_label.setProperty("supervisor", supervisor)
        self.role_label.setStyleSheet(
            "background:#5b2a86;color:white;" if supervisor else "background:#e3e8ee;color:#1d232a;"
        )
        if self.roster_view is not None:
            self.roster_view.set_supervisor(supervisor)

    def set_station(self, station: str) -> None:
        self.station = station
        self.tasks.run(lambda svc: setattr(svc, "station", station))  # in order with the door's actions
        self.gate.station = self.badges.station = station
        self.station_label.setText(self.tr("체크인 PC: {0}").format(station))
        if self.desk_page is not None:
            for part in (self.desk_page.recent, self.desk_page.walkin, self.desk_page.companions):
                part.station = station
        if self.kiosk.companions is not None:
            self.kiosk.companions.station = station

    def set_language(self, language: str) -> bool:
        """Switch Korean/English at once: the window is rebuilt in the new language."""
        app = QApplication.instance()
        if app is None or not install_language(app, language):
            return False
        self.language = language
        self.local.put("language", language)
        self._build()
        self.refresh()
        self.refresh_soon()
        return True

    def _camera_status(self, text: str) -> None:
        self.camera_label.setText(text)
        if self.desk_page is not None:
            self.desk_page.camera_status.setText(text)

    # -- kiosk mode -----------------------------------------------------------------------------

    def enter_kiosk_mode(self, full_screen: bool = True) -> bool:
        """Guest-facing full screen; refused (with a message) until a supervisor PIN exists."""
        if self.event_id is None:
            return False
        if not self.pin_set:
            # As last read: no PIN. Say so now, and ask the service again (a PIN chosen a moment
            # ago in the settings): if there is one after all, kiosk mode starts then.
            self._say_kiosk_needs_pin()

            def checked(has_pin: bool) -> None:
                self.pin_set = has_pin
                if has_pin and not self.kiosk_active:
                    self.enter_kiosk_mode(full_screen)

            self.tasks.run(lambda svc: svc.pin_is_set(), on_done=checked)
            return False
        return self._enter_kiosk(full_screen)

    def _say_kiosk_needs_pin(self) -> None:
        if self.desk_page is not None:
            self.desk_page.verdict.show_message(
                "refused",
                self.tr("키오스크 모드를 쓰려면 책임자 PIN이 필요합니다"),
                self.tr("설정(F10)에서 책임자 PIN을 먼저 정하세요. PIN이 있어야 키오스크 화면에서 나올 수 있습니다."),
            )

    def _enter_kiosk(self, full_screen: bool) -> bool:
        self.kiosk_active = True
        self.checkout_mode = False  # the kiosk only lets guests in
        self._show_checkout_mode()
        self.gate.drop()
        self.stack.setCurrentWidget(self.kiosk)
        self.menuBar().hide()
        self.statusBar().hide()
        self.menus.set_enabled(False)
        self.camera.move_preview(self.kiosk.preview_slot)
        self.kiosk.show_prompt()
        self._route_scanner(self.kiosk.field)
        if full_screen:
            if self.kiosk_hold is None:
                self.kiosk_hold = KioskHold(self)
            self.kiosk_hold.start()  # full screen, on top, and back at once if the WM takes it away
            QTimer.singleShot(0, self.kiosk.field.setFocus)  # re-shown for the flag: focus to the kiosk
            screens = QGuiApplication.screens()
            if len(screens) > 1:
                here = self.screen()
                self.open_staff_window(next((s for s in screens if s is not here), screens[-1]))
        return True

    def open_staff_window(self, screen: QScreen | None = None) -> StaffWindow:
        """During kiosk mode: the VIP banner on another screen, where staff see it."""
        if self.staff_window is None:
            self.staff_window = StaffWindow(self.station)
        self.staff_window.hold(self.vip_alert)
        self.vip_alert.setVisible(bool(self.vip_alert.queue))
        self.staff_window.show_on(screen)
        return self.staff_window

    def _close_staff_window(self) -> None:
        if self.staff_window is None:
            return
        self._console_root.insertWidget(1, self.vip_alert)  # back under the header
        self.vip_alert.setVisible(bool(self.vip_alert.queue))
        self.staff_window.close()
        self.staff_window.deleteLater()
        self.staff_window = None

    def request_leave_kiosk(self) -> None:
        self.gate.require(self.tr("키오스크 모드에서 나가려면 책임자 PIN을 입력하세요."), self.leave_kiosk_mode,
                          always_ask=True, allow_set=False)  # fmt: skip

    def leave_kiosk_mode(self) -> None:
        self.kiosk_active = False
        self._close_staff_window()
        if self.kiosk_hold is not None:
            self.kiosk_hold.stop()
        self.stack.setCurrentIndex(0)
        self.menuBar().show()
        self.statusBar().show()
        self.menus.set_enabled(True)
        if self.desk_page is not None:
            self.camera.attach(self.desk_page)
            self._route_scanner(self.desk_page.scan_field)
            self.desk_page.focus_scan()
        self.showMaximized()
        # Shown again without the stay-on-top flag: ask for the focus back, or the supervisor's
        # next key (F6, a scan's Enter) may go nowhere while the window manager catches up.
        self.raise_()
        self.activateWindow()
        QTimer.singleShot(0, self.activateWindow)

    def request_close(self) -> None:
        """끝내기 (Ctrl+Q): like the window's close button, asks first about a half-typed walk-in."""
        self._ask_on_close = True
        try:
            self.close()
        finally:
            self._ask_on_close = False

    def _walk_in_half_typed(self) -> bool:
        page = self.desk_page
        return page is not None and page.side_index == SIDE_WALKIN and page.walkin.has_input()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self.kiosk_active:
            event.ignore()  # a guest cannot close the kiosk (Alt+F4)
            self.request_leave_kiosk()
            return
        if (event.spontaneous() or self._ask_on_close) and self._walk_in_half_typed():
            # The close button, Alt+F4 or Ctrl+Q with a walk-in half typed: ask, as Esc does. A
            # close the program itself asks for (a termination signal, a restore) does not wait.
            event.ignore()
            self._ask_discard_walk_in(self.tr("작성 중인 현장등록이 있습니다. 지우고 프로그램을 닫을까요?"),
                                      self.tr("지우고 닫기"), self.close)  # fmt: skip
            return
        self.timer.stop()
        self.poll_timer.stop()
        if self._live:
            self.service.unwatch()  # a late notification must not reach this closing window
        self.tasks.shutdown()  # finishes every queued operation first: nothing acknowledged is lost
        self.camera.stop()
        self.scan_notice.close()
        self._close_staff_window()
        if getattr(self, "protocol_board", None) is not None:
            self.protocol_board.close()  # the board is its own window: it goes with the console
        app = QApplication.instance()
        if app is not None and getattr(self, "_scanner_filter", None) is not None:
            app.removeEventFilter(self._scanner_filter)  # app-wide: must not outlive the window
            self._scanner_filter = None
        super().closeEvent(event)



def _worker_stopped(exc: BaseException) -> bool:
    from kiosk.service.worker import WorkerStopped

    return isinstance(exc, WorkerStopped)

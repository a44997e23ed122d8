"""The check-in console: the event, live counters, the desk, the roster and the protocol board.

The window only wires things together: each part lives in its own module (verdict_panel,
counters, desk_page, vip_alert, speakers_board, kiosk_mode, badge, settings_dialog...). Every
check-in is decided by kiosk.domain.checkin on the GUI thread (one SQLite commit, a few ms) and
shown in the panel: no pop-up ever waits for a click while the scanner waits for the next guest.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain import roles
from kiosk.domain.checkin import CheckInDesk, CheckInVerdict
from kiosk.domain.events import active_event
from kiosk.domain.headcount import headcount
from kiosk.domain.models import Event, utcnow
from kiosk.domain.timefmt import event_when, hhmm
from kiosk.storage.engine import Database
from kiosk.sync.linked import make_desk
from kiosk.ui.badge import BadgePrinter
from kiosk.ui.counters import CountersBar
from kiosk.ui.desk_page import SIDE_CAMERA, SIDE_RECENT, DeskPage
from kiosk.ui.i18n import install_language
from kiosk.ui.kiosk_mode import KioskScreen
from kiosk.ui.pin_dialog import SupervisorGate
from kiosk.ui.protocol_board_window import ProtocolBoardWindow
from kiosk.ui.protocol_tab import ProtocolDesk
from kiosk.ui.roster_view import RosterView
from kiosk.ui.scan_field import route_scanner_to
from kiosk.ui.settings_dialog import LocalSettings
from kiosk.ui.sounds import VerdictSounds
from kiosk.ui.speakers_board import ProtocolBoard
from kiosk.ui.supervisor_actions import SupervisorActions
from kiosk.ui.vip_alert import VipProtocol
from kiosk.ui.window_menus import TAB_DESK, TAB_PROTOCOL, TAB_PROTOCOL_DESK, TAB_ROSTER, WindowMenus
from kiosk.ui.window_parts import CameraControl, WindowShortcutsFirst

log = logging.getLogger(__name__)
REFRESH_MS = 1000
SLOW_REFRESH_TICKS = 3  # the lists refresh every third tick; counters every tick


class MainWindow(QMainWindow):
    def __init__(self, db: Database, station: str, parent: QWidget | None = None, *,
                 local_settings: LocalSettings | None = None, language: str = "ko",
                 pdf_folder: Path | None = None, frame_source: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.db = db
        self.station = station
        self.language = language
        self.local = local_settings or LocalSettings()
        self.event_id: int | None = None
        self.desk: CheckInDesk | None = None
        self.kiosk_active = False
        self.last_participant_id: int | None = None
        self._tick = 0
        self.gate = SupervisorGate(db, station, self)
        self.gate.role_changed.connect(self._role_changed)
        self.sounds = VerdictSounds(self.local.sounds, self)
        self.badges = BadgePrinter(db, station, self, pdf_folder)
        self.badges.printed.connect(self._badge_printed)
        self.badges.needs_reason.connect(self._badge_needs_reason)
        self.camera = CameraControl(self, frame_source)
        self.camera.decoded.connect(self.on_scanned)
        self.camera.status.connect(self._camera_status)
        self.vip = VipProtocol(db, lambda: self.event_id, lambda: self.station, lambda: self.gate.operator, self)
        self.supervisor = SupervisorActions(self)
        self.menus = WindowMenus(self)
        with db.session() as session:
            event = active_event(session)
            if event is not None:
                self.event_id = event.id
        if self.event_id is not None:
            self.desk = make_desk(db, self.event_id)
        self._build()
        self.vip.poll()  # learns who arrived before this window opened
        self._after_verdict = QTimer(self)
        self._after_verdict.setSingleShot(True)
        self._after_verdict.setInterval(0)
        self._after_verdict.timeout.connect(self._refresh_after_verdict)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.refresh()
        self.timer.start()
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
        header.addWidget(self.role_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignVCenter)
        root.addLayout(header)
        self.vip_alert = self.vip.make_bar()
        self.vip_alert.acknowledged.connect(lambda _alert: self._focus_scan())
        root.addWidget(self.vip_alert)
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
            self.desk_page = DeskPage(self.desk, self.station, self.gate.require, lambda: self.gate.operator)
            self.desk_page.scan_field.scanned.connect(self.on_scanned)  # type: ignore[attr-defined]
            self.desk_page.search.check_in_requested.connect(self.check_in_participant)
            self.desk_page.walkin.completed.connect(self._walk_in_done)
            self.desk_page.walkin.use_existing.connect(self.check_in_participant)
            self.desk_page.walkin.refused.connect(self._show_verdict_only)
            self.desk_page.recent.undone.connect(self._undone)
            self.desk_page.companions.changed.connect(self._companions_changed)
            self.desk_page.companions.refused.connect(self._companions_refused)
            self.desk_page.side_changed.connect(self._side_changed)
            self.tabs.addTab(self.desk_page, self.tr("체크인 데스크 (Ctrl+1)"))
            self.roster_view = RosterView(self.db, self.event_id, self.station)
            self.tabs.addTab(self.roster_view, self.tr("명단 (Ctrl+2)"))
            # An edit or import changes who search finds and what the counters say.
            self.roster_view.roster_changed.connect(self.desk_page.search.reload)
            self.roster_view.roster_changed.connect(self.refresh)
            self.protocol = ProtocolBoard(self.db, self.event_id)
            self.tabs.addTab(self.protocol, self.tr("VIP · 발표자 (Ctrl+3)"))
            self.protocol_desk = ProtocolDesk(self.db, self.event_id, self.station, lambda: self.gate.operator,
                                              self.gate.require, self.badges.pdf_folder)  # fmt: skip
            self.protocol_desk.desk = self.desk
            self.protocol_desk.verdict.connect(self.show_verdict)
            self.protocol_desk.open_board.connect(self.open_protocol_board)
            self.tabs.addTab(self.protocol_desk, self.tr("의전 (Ctrl+4)"))
            self.camera.attach(self.desk_page)
        else:
            empty = QLabel(self.tr("'kiosk demo'로 시연 행사를 만들거나 명단을 가져오세요."))
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setObjectName("eventMeta")
            self.tabs.addTab(empty, self.tr("시작하기"))
        root.addWidget(self.tabs, 1)
        self.stack.addWidget(console)

        self.kiosk = KioskScreen()
        self.kiosk.scanned.connect(self.on_scanned)
        self.kiosk.exit_requested.connect(self.request_leave_kiosk)
        self.stack.addWidget(self.kiosk)
        self.actions_by_name = self.menus.build()
        self._build_status_bar()
        self._role_changed(self.gate.role.value)
        keys = [a.shortcut() for a in self.actions_by_name.values() if a.shortcut().toString().startswith("Ctrl+")]
        self._shortcuts_first = WindowShortcutsFirst(keys, self)
        for edit in console.findChildren(QLineEdit):
            edit.installEventFilter(self._shortcuts_first)
        if self.desk_page is not None:
            self._route_scanner(self.desk_page.scan_field)
            self.desk_page.focus_scan()

    def _route_scanner(self, field: QWidget) -> None:
        self._scanner_filter = route_scanner_to(self, field, getattr(self, "_scanner_filter", None))

    def _build_status_bar(self) -> None:
        """Made once; a rebuild (language switch) only renames, so widgets others added stay."""
        shortcuts = self.tr("F2 이름 검색 · F3 현장등록 · F4 최근 · F5 새로고침 · Ctrl+P 배지 · Ctrl+Z 체크인 취소 · "
                            "Ctrl+K VIP 확인 · F9 책임자 · F10 설정 · F11 키오스크 · Esc 지우기")  # fmt: skip
        if hasattr(self, "station_label"):
            self.shortcut_bar.setText(shortcuts)
            self.station_label.setText(self.tr("체크인 PC: {0}").format(self.station))
            return
        status = self.statusBar()
        # The shortcuts, always in sight, on the left of the status bar.
        self.shortcut_bar = QLabel(shortcuts)
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

    # -- refreshing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """The timer's tick: header and counters every second, the lists every third second."""
        self._tick += 1
        self.clock.setText(hhmm(utcnow()))
        self.refresh_counts()
        if self._tick % SLOW_REFRESH_TICKS == 0:
            self.refresh_lists()

    def refresh_counts(self) -> None:
        with self.db.session() as session:
            event = session.get(Event, self.event_id) if self.event_id else active_event(session)
            if event is None:
                self.title.setText(self.tr("행사가 없습니다"))
                self.meta.setText(self.tr("'kiosk demo'로 시연 행사를 만들거나 명단을 가져오세요."))
                return
            if self.event_id is None:  # an event appeared (imported, demo): start the desk
                self.event_id = event.id
                self.desk = make_desk(self.db, event.id)
                self._build()
            english = self.language == "en"
            name = event.name_en if english and event.name_en else event.name
            venue = event.venue_en if english and event.venue_en else event.venue
            self.title.setText(name)
            self.kiosk.event_label.setText(name)
            self.meta.setText(f"{event_when(event.starts_at, event.ends_at, event.timezone)} · {venue}")
            self.counters.show_counts(headcount(session, event))

    def _refresh_after_verdict(self) -> None:
        self.refresh_counts()
        self.refresh_lists()

    def refresh_lists(self) -> None:
        self.vip.poll()  # protocol guests checked in at other desks
        if self.desk_page is not None and not self.desk_page.recent.undo_open:
            self.desk_page.recent.refresh()
        if self.protocol is not None and self.tabs.currentWidget() is self.protocol:
            self.protocol.refresh()
        if self.protocol_desk is not None and self.tabs.currentWidget() is self.protocol_desk:
            self.protocol_desk.refresh()

    def refresh_all(self) -> None:
        self.refresh()
        self.refresh_lists()
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
            board = ProtocolBoardWindow(self.db, self.event_id, VerdictSounds(self.local.sounds, self))
            self.protocol_board = board
        board.show_on_best_screen()
        return board

    def issue_intro_card(self) -> None:
        """F6 from anywhere in the console: the MC's card for whoever is present now."""
        if self.protocol_desk is not None:
            self.protocol_desk.issue_intro()

    # -- checking in ----------------------------------------------------------------------------

    def on_scanned(self, code: str) -> CheckInVerdict | None:
        if self.desk is None:
            return None
        return self._decide(lambda desk: desk.scan(code, self.station, self.gate.operator))

    def check_in_participant(self, participant_id: int, companions: int = 0) -> CheckInVerdict | None:
        if self.desk is None:
            return None
        verdict = self._decide(lambda desk: desk.check_in_participant(
            participant_id, self.station, self.gate.operator, companions=companions))  # fmt: skip
        if verdict is not None and self.desk_page is not None:
            self.desk_page.show_side(SIDE_RECENT)
        return verdict

    def _decide(self, decide) -> CheckInVerdict | None:  # type: ignore[no-untyped-def]
        """Run one check-in decision; a database that cannot be written is said plainly in the
        panel (nothing was recorded, so scanning again is safe), never a crash."""
        assert self.desk is not None
        try:
            verdict = decide(self.desk)
        except SQLAlchemyError:
            log.exception("check-in could not be written")
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
            return None
        self.show_verdict(verdict)
        return verdict

    def show_verdict(self, verdict: CheckInVerdict) -> str:
        """Everything a verdict changes: panel, sound, companions, VIP alert, counters, lists."""
        if self.kiosk_active:
            kind = self.kiosk.show_verdict(verdict)
        else:
            assert self.desk_page is not None
            kind = self.desk_page.verdict.show_verdict(verdict)
            self.desk_page.companions.follow(verdict, self.gate.operator)
            if self.tabs.currentIndex() != TAB_DESK:
                self.tabs.setCurrentIndex(TAB_DESK)
        self.sounds.play(kind)
        if verdict.participant is not None and kind in ("ok", "vip", "already"):
            self.last_participant_id = verdict.participant.id  # Ctrl+P prints this guest's badge
        self.vip.announce(verdict)
        # The verdict is on screen now; counters and lists follow on the next turn of the event
        # loop, so the panel paints without waiting for them.
        self._after_verdict.start()
        if self.desk_page is not None and not self.kiosk_active and self.desk_page.side_index == SIDE_RECENT:
            self.desk_page.focus_scan()
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
        self.refresh()
        self.refresh_lists()

    def _companions_refused(self, n: int) -> None:
        self.statusBar().showMessage(self.tr("좌석이 모자라 수행원 {0}명을 더할 수 없습니다").format(n), 8000)

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
        self.refresh()
        self.desk_page.focus_scan()

    def clear_panel(self) -> None:
        """Esc: back to the waiting state, scan field focused."""
        if self.kiosk_active or self.desk_page is None:
            return
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
        self.gate.station = self.badges.station = station
        self.station_label.setText(self.tr("체크인 PC: {0}").format(station))
        if self.desk_page is not None:
            for part in (self.desk_page.recent, self.desk_page.walkin, self.desk_page.companions):
                part.station = station

    def set_language(self, language: str) -> bool:
        """Switch Korean/English at once: the window is rebuilt in the new language."""
        app = QApplication.instance()
        if app is None or not install_language(app, language):
            return False
        self.language = language
        self.local.put("language", language)
        self._build()
        self.refresh()
        return True

    def _camera_status(self, text: str) -> None:
        self.camera_label.setText(text)
        if self.desk_page is not None:
            self.desk_page.camera_status.setText(text)

    # -- kiosk mode -----------------------------------------------------------------------------

    def enter_kiosk_mode(self) -> bool:
        """Guest-facing full screen; refused (with a message) until a supervisor PIN exists."""
        if self.desk is None:
            return False
        with self.db.session() as session:
            has_pin = roles.pin_is_set(session)
        if not has_pin:
            if self.desk_page is not None:
                self.desk_page.verdict.show_message(
                    "refused",
                    self.tr("키오스크 모드를 쓰려면 책임자 PIN이 필요합니다"),
                    self.tr("설정(F10)에서 책임자 PIN을 먼저 정하세요. PIN이 있어야 키오스크 화면에서 나올 수 있습니다."),
                )
            return False
        self.kiosk_active = True
        self.gate.drop()
        self.stack.setCurrentWidget(self.kiosk)
        self.menuBar().hide()
        self.statusBar().hide()
        self.menus.set_enabled(False)
        self.camera.move_preview(self.kiosk.preview_slot)
        self.kiosk.show_prompt()
        self._route_scanner(self.kiosk.field)
        self.showFullScreen()
        return True

    def request_leave_kiosk(self) -> None:
        self.gate.require(self.tr("키오스크 모드에서 나가려면 책임자 PIN을 입력하세요."), self.leave_kiosk_mode,
                          always_ask=True, allow_set=False)  # fmt: skip

    def leave_kiosk_mode(self) -> None:
        self.kiosk_active = False
        self.stack.setCurrentIndex(0)
        self.menuBar().show()
        self.statusBar().show()
        self.menus.set_enabled(True)
        if self.desk_page is not None:
            self.camera.attach(self.desk_page)
            self._route_scanner(self.desk_page.scan_field)
            self.desk_page.focus_scan()
        self.showMaximized()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self.kiosk_active:
            event.ignore()  # a guest cannot close the kiosk (Alt+F4)
            self.request_leave_kiosk()
            return
        self.timer.stop()
        self.camera.stop()
        if getattr(self, "protocol_board", None) is not None:
            self.protocol_board.close()  # the board is its own window: it goes with the console
        app = QApplication.instance()
        if app is not None and getattr(self, "_scanner_filter", None) is not None:
            app.removeEventFilter(self._scanner_filter)  # app-wide: must not outlive the window
            self._scanner_filter = None
        super().closeEvent(event)


"""The console's menus and shortcuts: every action reachable by keyboard, and listed where staff see it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from kiosk.ui.desk_page import SIDE_CAMERA, SIDE_RECENT, SIDE_SEARCH, SIDE_WALKIN
from kiosk.ui.kiosk_mode import EXIT_KEYS

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

TAB_DESK, TAB_ROSTER, TAB_PROTOCOL, TAB_PROTOCOL_DESK = range(4)


class WindowMenus(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}

    def _add(self, menu: QMenu | None, name: str, text: str, keys: str | None, slot: Callable[[], object]) -> QAction:
        w = self.window
        action = QAction(text, w)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        # Shortcuts without a menu entry still need a home: the window itself.
        (menu or w).addAction(action)
        self.actions[name] = action
        return action

    def build(self) -> dict[str, QAction]:
        w, add = self.window, self._add
        for old in self.actions.values():
            w.removeAction(old)
            old.deleteLater()
        self.actions = {}
        bar = w.menuBar()
        bar.clear()
        files = bar.addMenu(self.tr("파일(&F)"))
        f = w.files
        add(files, "event_new", self.tr("새 행사…"), "Ctrl+Shift+N", f.new_event)
        add(files, "event_open", self.tr("행사 열기…"), "Ctrl+O", f.open_file)
        recent = files.addMenu(self.tr("최근 행사"))
        for n, (path, name) in enumerate(f.recent()):
            add(recent, f"event_recent{n}", f"{name} — {path.name}", None, lambda p=path: f.request_open(p))
        recent.setEnabled(bool(recent.actions()))
        add(files, "event_copy", self.tr("다른 이름으로 복사… (책임자)"), None, f.copy_as_new)
        files.addSeparator()
        add(files, "event_edit", self.tr("행사 정보 편집 (책임자)"), None, f.edit_event)
        files.addSeparator()
        # Closing finishes every queued door action first (nothing acknowledged is lost); in
        # kiosk mode the window refuses to close without the supervisor PIN, as it always did.
        add(files, "quit", self.tr("끝내기"), "Ctrl+Q", w.request_close)
        desk = bar.addMenu(self.tr("체크인(&C)"))
        add(desk, "search", self.tr("이름 검색"), "F2", lambda: w.show_side(SIDE_SEARCH))
        add(desk, "walkin", self.tr("현장등록"), "F3", lambda: w.show_side(SIDE_WALKIN))
        add(desk, "recent", self.tr("최근 체크인"), "F4", lambda: w.show_side(SIDE_RECENT))
        add(desk, "checkout", self.tr("퇴장 모드 켜기/끄기"), "F6", w.toggle_checkout_mode)
        add(desk, "badge", self.tr("배지 출력"), "Ctrl+P", w.print_badge)
        add(desk, "reprint", self.tr("배지 재출력 (책임자)"), "Ctrl+Shift+P", w.supervisor.reprint_badge)
        add(desk, "undo", self.tr("체크인 취소 (책임자)"), "Ctrl+Z", w.undo_selected)
        add(desk, "override", self.tr("정원 초과 입장 승인 (책임자)"), "F12", w.override_capacity)
        add(desk, "vip_ack", self.tr("VIP 알림 확인"), "Ctrl+K", w.vip_alert.acknowledge)
        for n in range(10):
            add(None, f"companions{n}", self.tr("수행원 {0}명").format(n), f"Alt+{n}", lambda k=n: w.set_companions(k))
        add(desk, "clear", self.tr("지우기"), "Esc", w.clear_panel)
        view = bar.addMenu(self.tr("보기(&V)"))
        add(view, "refresh", self.tr("새로고침"), "F5", w.refresh_all)
        add(view, "tab_desk", self.tr("체크인 데스크"), "Ctrl+1", lambda: w.tabs.setCurrentIndex(TAB_DESK))
        add(view, "tab_roster", self.tr("명단"), "Ctrl+2", lambda: w.tabs.setCurrentIndex(TAB_ROSTER))
        add(view, "tab_protocol", self.tr("VIP · 발표자"), "Ctrl+3", lambda: w.tabs.setCurrentIndex(TAB_PROTOCOL))
        add(view, "tab_protocol_desk", self.tr("의전"), "Ctrl+4", lambda: w.tabs.setCurrentIndex(TAB_PROTOCOL_DESK))
        add(view, "intro_card", self.tr("내빈 소개 카드 (지금 참석한 분)"), "Ctrl+F7", w.issue_intro_card)
        add(view, "protocol_board", self.tr("의전 현황판"), "F7", w.open_protocol_board)
        add(view, "camera", self.tr("카메라"), "F8", lambda: w.show_side(SIDE_CAMERA))
        add(view, "kiosk", self.tr("키오스크 모드 (나갈 때 {0})").format(EXIT_KEYS), "F11", w.enter_kiosk_mode)
        boss = bar.addMenu(self.tr("책임자(&S)"))
        s = w.supervisor
        add(boss, "supervisor", self.tr("책임자 모드 켜기/끄기"), "F9", s.toggle)
        add(boss, "settings", self.tr("설정"), "F10", s.open_settings)
        add(boss, "import", self.tr("명단 가져오기"), "Ctrl+I", s.open_import)
        add(boss, "invite", self.tr("초대장 보내기"), None, s.open_invites)
        add(boss, "export", self.tr("참석 보고서 내보내기"), "Ctrl+E", s.open_export)
        add(boss, "certificate_mail", self.tr("참석확인증 메일 보내기"), None, s.open_certificate_mail)
        add(boss, "backup", self.tr("백업 · 복원"), None, s.open_backups)
        add(boss, "conflicts", self.tr("충돌 확인 (두 PC가 같은 사람을 입장시킨 기록)"), None, s.open_conflicts)
        add(boss, "sync_findings", self.tr("동기화 확인 사항 (정원 초과, 취소된 분 입장)"), None, s.open_sync_findings)
        return self.actions

    def set_enabled(self, enabled: bool) -> None:
        # In kiosk mode no console shortcut may work: a guest pressing F2 must not see the roster.
        for action in self.actions.values():
            action.setEnabled(enabled)

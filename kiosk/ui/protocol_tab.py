"""The protocol tab (의전): the ranked guests in precedence order, reordered by drag-and-drop or
Alt+↑/↓, deputies checked in at the desk, and the MC's card, seating plan and name plates.

Each button is one domain call (kiosk.domain.protocol*, kiosk.report.protocol_pdf); the widget
only shows the result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.checkin import CheckInDesk, CheckInVerdict
from kiosk.domain.models import Event, utcnow
from kiosk.domain.protocol import ProtocolEntry, ProtocolState, protocol_list
from kiosk.domain.protocol_edit import move, reorder, set_wording
from kiosk.domain.protocol_rules import PrecedenceRules, assign_default_order, load_rules, save_rules
from kiosk.domain.protocol_seating import load_plan, parse_rows, pin, save_plan, seat_key
from kiosk.domain.timefmt import hhmm, local
from kiosk.storage.engine import Database
from kiosk.ui.deputy_dialog import DeputyDialog
from kiosk.ui.precedence_dialog import PrecedenceDialog
from kiosk.ui.theme import COLORS

STATE_COLOURS = {
    ProtocolState.ARRIVED: "#1f7a3a",
    ProtocolState.DEPUTY_ARRIVED: "#8a4b00",
    ProtocolState.EXPECTED: "#5f6b7a",
    ProtocolState.LEFT: "#9aa3ad",
}


def state_text(state: ProtocolState) -> str:
    return {
        ProtocolState.ARRIVED: QCoreApplication.translate("protocol", "도착"),
        ProtocolState.DEPUTY_ARRIVED: QCoreApplication.translate("protocol", "대리 도착"),
        ProtocolState.EXPECTED: QCoreApplication.translate("protocol", "미도착"),
        ProtocolState.LEFT: QCoreApplication.translate("protocol", "퇴장"),
    }[state]


def protocol_folder() -> Path:
    from kiosk.appdirs import data_dir

    return data_dir() / "protocol"


class RankList(QListWidget):
    """The ranked guests; a drop reports the new order once."""

    reordered = Signal(list)  # participant ids, highest first

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("protocolList")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setStyleSheet(
            "QListWidget#protocolList { font-size: 15px; } QListWidget::item { padding: 5px; }"
        )

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        # The new order is worked out here and saved; the list is then redrawn from the database,
        # so what staff see is always what is stored (Qt's own item move is not used).
        moving = self.currentItem()
        if moving is None or event.source() not in (self, None):
            event.ignore()
            return
        point = event.position().toPoint()
        target = self.itemAt(point)
        if target is None:
            slot = self.count()
        else:
            slot = self.row(target) + (point.y() > self.visualItemRect(target).center().y())
        ids = self.ids()
        pid = moving.data(Qt.ItemDataRole.UserRole)
        source_row = ids.index(pid)
        ids.insert(slot, pid)
        del ids[source_row + (1 if slot <= source_row else 0)]
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.reordered.emit(ids)

    def ids(self) -> list[int]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]


class ProtocolDesk(QWidget):
    verdict = Signal(object)  # CheckInVerdict of a deputy check-in
    open_board = Signal()

    def __init__(self, db: Database, event_id: int, station: str, operator: Callable[[], str],
                 require: Callable[[str, Callable[[], None]], None] | None = None,
                 folder: Path | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.db, self.event_id, self.station = db, event_id, station
        self.operator = operator
        self.require = require or (lambda _why, then: then())
        self.folder = folder
        self.desk: CheckInDesk | None = None  # the console's desk (a LinkedDesk on a shared server)
        self.open_documents = True  # tests turn this off: no PDF viewer pops up
        self.entries: list[ProtocolEntry] = []
        self.last_document: Path | None = None
        self.rules_dialog: PrecedenceDialog | None = None
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        self.heading = QLabel(self.tr("의전 순위 — 끌어서 놓거나 Alt+↑/↓ 로 순서를 바꿉니다"))
        self.heading.setObjectName("panelHeading")
        self.summary = QLabel()
        self.summary.setObjectName("eventMeta")
        left.addWidget(self.heading)
        left.addWidget(self.summary)
        self.list = RankList()
        self.list.reordered.connect(self._save_order)
        left.addWidget(self.list, 1)
        self.message = QLabel()
        self.message.setObjectName("protocolMessage")
        self.message.setWordWrap(True)
        left.addWidget(self.message)
        root.addLayout(left, 3)

        side = QVBoxLayout()
        grid = QGridLayout()

        def button(
            text: str, slot: Callable[[], object], row: int, col: int = 0, span: int = 2
        ) -> QPushButton:
            b = QPushButton(text)
            b.clicked.connect(lambda _c=False: slot())
            grid.addWidget(b, row, col, 1, span)
            return b

        self.deputy_button = button(self.tr("대리 참석 체크인… (Ctrl+D)"), self.ask_deputy, 0)
        button(self.tr("위로 (Alt+↑)"), lambda: self.move_selected(-1), 1, 0, 1)
        button(self.tr("아래로 (Alt+↓)"), lambda: self.move_selected(1), 1, 1, 1)
        button(self.tr("소개 문구…"), self.edit_wording, 2, 0, 1)
        button(self.tr("서열표… (책임자)"), self.edit_rules, 2, 1, 1)
        self.size = QComboBox()
        self.size.addItems(["A4", "A5"])
        grid.addWidget(self.size, 3, 0)
        button(self.tr("내빈 소개 카드 (Ctrl+F7)"), self.issue_intro, 3, 1, 1)
        self.rows_edit = QLineEdit()
        self.rows_edit.setPlaceholderText(self.tr("줄마다 좌석 수 (예: 10,10)"))
        grid.addWidget(self.rows_edit, 4, 0)
        button(self.tr("좌석 줄 적용"), self.apply_rows, 4, 1, 1)
        button(self.tr("좌석 지정…"), self.pin_selected, 5, 0, 1)
        button(self.tr("좌석 배치도 PDF"), lambda: self.issue_seating(False), 5, 1, 1)
        button(self.tr("명패 PDF"), lambda: self.issue_seating(True), 6, 0, 1)
        button(self.tr("의전 현황판 (F7)"), self.open_board.emit, 6, 1, 1)
        side.addLayout(grid)
        side.addStretch(1)
        root.addLayout(side, 1)
        for keys, slot in (("Alt+Up", lambda: self.move_selected(-1)), ("Alt+Down", lambda: self.move_selected(1)),
                           ("Ctrl+D", self.ask_deputy)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.refresh()

    # -- showing ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        with self.db.session() as session:
            self.entries = protocol_list(session, self.event_id)
            plan = load_plan(session, self.event_id)
        if not self.rows_edit.hasFocus():
            self.rows_edit.setText(",".join(str(n) for _label, n in plan.rows))
        selected = self.selected_id()
        self.list.clear()
        for e in self.entries:
            when = hhmm(e.arrived_at) if e.arrived_at else "--:--"
            text = f"{e.precedence:>2}.  [{state_text(e.state)}] {when}   {e.display} · {e.organization}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setForeground(QColor(STATE_COLOURS[e.state]))
            self.list.addItem(item)
            if e.id == selected:
                self.list.setCurrentItem(item)
        counts = {s: sum(1 for e in self.entries if e.state is s) for s in ProtocolState}
        self.summary.setText(
            self.tr("도착 {0} · 대리 도착 {1} · 미도착 {2} · 퇴장 {3}").format(
                counts[ProtocolState.ARRIVED], counts[ProtocolState.DEPUTY_ARRIVED],
                counts[ProtocolState.EXPECTED], counts[ProtocolState.LEFT],
            )
        )  # fmt: skip
        if not self.entries:
            self.summary.setText(
                self.tr(
                    "의전 순위가 매겨진 분이 없습니다. 명단의 의전순위 열을 가져오거나 기본 서열표를 적용하세요."
                )
            )

    def focus_list(self) -> None:
        """Keyboard first: arriving on the tab, the arrows move in the list at once."""
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def selected(self) -> ProtocolEntry | None:
        pid = self.selected_id()
        return next((e for e in self.entries if e.id == pid), None)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {COLORS['refused']}; font-weight: 600;" if error else "")
        self.message.setText(text)

    # -- editing ----------------------------------------------------------------------------------

    def _save_order(self, ids: list[int]) -> None:
        try:
            with self.db.write() as session:
                reorder(session, self.event_id, ids, station=self.station, operator=self.operator())
            self.say(self.tr("순서를 저장했습니다."))
        except ValueError as exc:
            self.say(str(exc), error=True)
        self.refresh()

    def move_selected(self, steps: int) -> None:
        pid = self.selected_id()
        if pid is None:
            self.say(self.tr("먼저 목록에서 한 분을 고르세요."), error=True)
            return
        self._save_order(move(self.list.ids(), pid, steps))
        self.list.setFocus()

    def edit_wording(self) -> None:
        entry = self.selected()
        if entry is None:
            self.say(self.tr("먼저 목록에서 한 분을 고르세요."), error=True)
            return
        text, ok = QInputDialog.getText(self, self.tr("소개 문구"), self.tr("사회자가 읽을 문구 (비우면 기본 문구):"),
                                        text=entry.intro_wording or entry.introduction)  # fmt: skip
        if not ok:
            return
        try:
            with self.db.write() as session:
                set_wording(
                    session, self.event_id, entry.id, text, station=self.station, operator=self.operator()
                )
        except (ValueError, LookupError) as exc:
            self.say(str(exc), error=True)
            return
        self.refresh()

    def edit_rules(self) -> None:
        """The supervisor adjusts the default order table, and may re-rank everyone by it."""

        def save(rules: PrecedenceRules, rerank: bool) -> None:
            op = self.operator()
            with self.db.write() as session:
                save_rules(session, rules, station=self.station, operator=op)
                n = (
                    assign_default_order(session, self.event_id, station=self.station, operator=op)
                    if rerank
                    else 0
                )
            if rerank:
                self.say(self.tr("기본 서열표로 {0}명의 순위를 매겼습니다.").format(n))
            else:
                self.say(self.tr("서열표를 저장했습니다."))
            self.refresh()

        def show() -> None:
            with self.db.session() as session:
                rules = load_rules(session, session.get(Event, self.event_id))
            self.rules_dialog = PrecedenceDialog(rules, save, self)
            self.rules_dialog.open()

        self.require(self.tr("서열표는 책임자만 바꿀 수 있습니다."), show)

    # -- deputies ---------------------------------------------------------------------------------

    def ask_deputy(self) -> DeputyDialog | None:
        entry = self.selected()
        if entry is None:
            self.say(self.tr("대리인을 보낸 분을 목록에서 먼저 고르세요."), error=True)
            return None
        dialog = DeputyDialog(entry, self.check_in_deputy, self)
        dialog.open()
        return dialog

    def check_in_deputy(
        self, participant_id: int, name: str, title: str, organization: str
    ) -> CheckInVerdict:
        from kiosk.domain.protocol import check_in_deputy

        desk = self.desk or CheckInDesk(self.db, self.event_id)
        args = (participant_id, name, title, organization)
        options = {"station": self.station, "operator": self.operator()}
        # On a shared server the console's desk is a LinkedDesk: offline, its check-in is journaled.
        linked = getattr(desk, "check_in_deputy", None)
        verdict = linked(*args, **options) if linked else check_in_deputy(desk, *args, **options)
        self.refresh()
        self.verdict.emit(verdict)
        return verdict

    # -- documents --------------------------------------------------------------------------------

    def _target(self, stem: str) -> Path:
        folder = self.folder or protocol_folder()
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{stem}-{local(utcnow()):%Y%m%d-%H%M%S}.pdf"

    def _opened(self, path: Path, what: str) -> Path:
        self.last_document = path
        self.say(self.tr("{0}: {1}").format(what, path))
        if self.open_documents:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def issue_intro(self) -> Path | None:
        """One key (Ctrl+F7) re-issues the card for whoever is present now."""
        from kiosk.service import DoorService  # records moves this onto the task manager

        path = self._target("intro")
        try:
            count = DoorService.for_file(self.db, self.event_id, self.station).export_intro_card(path, size=self.size.currentText())
        except OSError as exc:
            self.say(str(exc), error=True)
            return None
        return self._opened(path, self.tr("내빈 소개 카드 ({0}명)").format(count))

    def issue_seating(self, nameplates: bool) -> Path | None:
        from kiosk.service import DoorService  # records moves this onto the task manager

        path = self._target("nameplates" if nameplates else "seating")
        try:
            DoorService.for_file(self.db, self.event_id, self.station).export_seating(path, nameplates=nameplates)
        except OSError as exc:
            self.say(str(exc), error=True)
            return None
        return self._opened(path, self.tr("명패") if nameplates else self.tr("좌석 배치도"))

    def apply_rows(self) -> None:
        try:
            rows = parse_rows(self.rows_edit.text())
            with self.db.write() as session:
                plan = load_plan(session, self.event_id)
                keys = {seat_key(label, n) for label, count in rows for n in range(1, count + 1)}
                kept = {k: v for k, v in plan.pinned.items() if k in keys}
                save_plan(session, self.event_id, type(plan)(rows=rows, pinned=kept),
                          station=self.station, operator=self.operator())  # fmt: skip
        except ValueError as exc:
            self.say(str(exc), error=True)
            return
        self.say(self.tr("좌석 줄을 저장했습니다: {0}").format(self.rows_edit.text()))

    def pin_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            self.say(self.tr("먼저 목록에서 한 분을 고르세요."), error=True)
            return
        with self.db.session() as session:
            plan = load_plan(session, self.event_id)
        seats = [self.tr("자동 배정")] + [
            seat_key(label, n) for label, count in plan.rows for n in range(1, count + 1)
        ]
        choice, ok = QInputDialog.getItem(self, self.tr("좌석 지정"), entry.display, seats, 0, False)
        if not ok:
            return
        try:
            with self.db.write() as session:
                plan = load_plan(session, self.event_id)
                if choice == seats[0]:
                    changed = type(plan)(
                        rows=plan.rows, pinned={k: v for k, v in plan.pinned.items() if v != entry.id}
                    )
                else:
                    changed = pin(plan, choice, entry.id)
                save_plan(session, self.event_id, changed, station=self.station, operator=self.operator())
        except ValueError as exc:
            self.say(str(exc), error=True)
            return
        self.say(self.tr("{0}: {1}").format(entry.display, choice))

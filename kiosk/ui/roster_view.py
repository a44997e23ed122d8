"""The roster tab: every invitee with their status, search-as-you-type (초성 too), filters by
category and status, and — for a supervisor — add, edit, cancel and import.

Read-only until `set_supervisor(True)`: the main window decides who is a supervisor (PIN), and
phone numbers and e-mail addresses stay masked until then.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.labels import CATEGORY_KO, CATEGORY_ORDER
from kiosk.domain.models import Participant
from kiosk.domain.privacy import mask_email, mask_phone
from kiosk.domain.roster import (
    STATUS_KO,
    STATUSES,
    ParticipantFields,
    RosterEntry,
    add_participant,
    roster_entries,
    set_cancelled,
    update_participant,
)
from kiosk.domain.search import RosterIndex
from kiosk.storage.engine import Database
from kiosk.ui.i18n import tr
from kiosk.ui.theme import COLORS

SEARCH_DELAY_MS = 120
_STATUS_COLORS = {"checked_in": COLORS["ok"], "cancelled": COLORS["muted"], "no_show": COLORS["warning"],
                  "walk_in": COLORS["accent"]}  # fmt: skip


_EDIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)

class RosterTableModel(QAbstractTableModel):
    HEADERS = ("성명", "소속", "직위", "구분", "지역", "휴대전화", "이메일", "등록번호", "VIP", "상태")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RosterEntry] = []
        self.masked = True

    def set_rows(self, rows: list[RosterEntry]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_masked(self, masked: bool) -> None:
        self.masked = masked
        if self.rows:
            self.dataChanged.emit(self.index(0, 5), self.index(len(self.rows) - 1, 6))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr("RosterTableModel", self.HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        if role == Qt.ItemDataRole.ForegroundRole and column == 9 and entry.status in _STATUS_COLORS:
            return QBrush(QColor(_STATUS_COLORS[entry.status]))
        if role == Qt.ItemDataRole.FontRole and entry.status == "cancelled":
            font = QFont()
            font.setStrikeOut(column == 0)
            return font
        return None

    def _text(self, e: RosterEntry, column: int) -> str:
        if column == 5:
            return mask_phone(e.phone) if self.masked else e.phone
        if column == 6:
            return mask_email(e.email) if self.masked else e.email
        values = (
            e.name, e.organization, e.title, tr("labels", CATEGORY_KO[e.category]), e.region, "", "",
            e.external_code, "★" if e.vip else "", tr("labels", STATUS_KO[e.status]),
        )  # fmt: skip
        return values[column]


class RosterView(QWidget):
    """The roster of one event, as a tab of the main window."""

    roster_changed = Signal()  # after an add, edit, cancel or import: reload search indexes

    def __init__(self, db: Database, event_id: int, station: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.event_id = event_id
        self.station = station
        self.supervisor = False
        self.entries: list[RosterEntry] = []
        self._index: RosterIndex | None = None

        root = QVBoxLayout(self)
        root.setContentsMargins(16, 12, 16, 12)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("rosterSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("이름 · 초성(ㄱㅎㅁ) · 소속 · 전화 끝 4자리 · 이메일 · 등록번호")
        )
        self.search.setMinimumHeight(40)
        self.category = QComboBox()
        self.category.addItem(self.tr("모든 구분"), None)
        for category in CATEGORY_ORDER:
            self.category.addItem(tr("labels", CATEGORY_KO[category]), category.value)
        self.status = QComboBox()
        self.status.addItem(self.tr("모든 상태"), None)
        for status in STATUSES:
            self.status.addItem(tr("labels", STATUS_KO[status]), status)
        bar.addWidget(self.search, 3)
        bar.addWidget(self.category, 1)
        bar.addWidget(self.status, 1)
        root.addLayout(bar)

        actions = QHBoxLayout()
        self.count = QLabel()
        self.count.setObjectName("rosterCount")
        self.add_button = QPushButton(self.tr("참석자 추가"))
        self.edit_button = QPushButton(self.tr("수정"))
        self.cancel_button = QPushButton(self.tr("초청 취소"))
        self.import_button = QPushButton(self.tr("명단 가져오기…"))
        actions.addWidget(self.count, 1)
        for button in (self.add_button, self.edit_button, self.cancel_button, self.import_button):
            button.setMinimumHeight(36)
            actions.addWidget(button)
        root.addLayout(actions)

        self.model = RosterTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((110, 240, 150, 110, 80, 140, 200, 140, 50)):
            self.table.setColumnWidth(column, width)
        root.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._debounce.start)
        self.category.currentIndexChanged.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(self.apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(self.edit_selected)
        self.add_button.clicked.connect(self.add_participant)
        self.edit_button.clicked.connect(self.edit_selected)
        self.cancel_button.clicked.connect(self.toggle_cancel_selected)
        self.import_button.clicked.connect(self.open_import)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        # Enter and F2 on a row edit it. The window's F2 (name search) would win as a shortcut,
        # so the table claims the key first (ShortcutOverride) and handles it as a key press.
        self.table.installEventFilter(self)

        self.refresh()
        self.set_supervisor(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        plain = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if (watched is self.table and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
                and event.key() in _EDIT_KEYS and event.modifiers() in plain):  # fmt: skip
            event.accept()
            if event.type() == QEvent.Type.KeyPress and self.selected_id() is not None:
                self.edit_selected()
            return True
        return super().eventFilter(watched, event)

    # -- data ------------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Reload the roster and statuses from the database, keeping filters and selection."""
        with self.db.session() as session:
            self.entries = roster_entries(session, self.event_id)
            self._index = RosterIndex.load(session, self.event_id)
        self.apply_filters()

    @Slot()
    def apply_filters(self) -> None:
        self._debounce.stop()
        keep = self.selected_id()
        query = self.search.text().strip()
        rows = self.entries
        if query and self._index is not None:
            by_id = {e.id: e for e in self.entries}
            rows = [by_id[h.id] for h in self._index.search(query, limit=len(self.entries)) if h.id in by_id]
        category, status = self.category.currentData(), self.status.currentData()
        rows = [
            e for e in rows if (not category or e.category == category) and (not status or e.status == status)
        ]
        self.model.set_rows(rows)
        self.count.setText(self.tr("전체 {0}명 · 표시 {1}명").format(len(self.entries), len(rows)))
        if keep is not None:
            self.select_id(keep)
        self._update_actions()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return int(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    def selected_entry(self) -> RosterEntry | None:
        wanted = self.selected_id()
        return next((e for e in self.model.rows if e.id == wanted), None)

    def select_id(self, participant_id: int) -> bool:
        for row, entry in enumerate(self.model.rows):
            if entry.id == participant_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    # -- permissions -----------------------------------------------------------------------------

    @Slot(bool)
    def set_supervisor(self, supervisor: bool) -> None:
        """Enable changes (add, edit, cancel, import) and show contact details in full."""
        self.supervisor = supervisor
        self.model.set_masked(not supervisor)
        self.add_button.setEnabled(supervisor)
        self.import_button.setEnabled(supervisor)
        # Scan-only staff do not see buttons they cannot use (the theme does not grey them out).
        for button in (self.add_button, self.edit_button, self.cancel_button, self.import_button):
            button.setVisible(supervisor)
        self._update_actions()

    def _update_actions(self) -> None:
        entry = self.selected_entry()
        self.edit_button.setEnabled(self.supervisor and entry is not None)
        self.cancel_button.setEnabled(self.supervisor and entry is not None)
        cancelled = entry is not None and entry.status == "cancelled"
        self.cancel_button.setText(self.tr("초청 복원") if cancelled else self.tr("초청 취소"))

    # -- actions ---------------------------------------------------------------------------------

    def _changed(self, participant_id: int | None = None) -> None:
        self.refresh()
        if participant_id is not None:
            self.select_id(participant_id)
        self.roster_changed.emit()

    @Slot()
    def add_participant(self) -> None:
        if not self.supervisor:
            return
        from kiosk.ui.participant_dialog import ParticipantDialog

        created: list[int] = []

        def save(fields: ParticipantFields) -> None:
            with self.db.write() as session:
                created.append(add_participant(session, self.event_id, fields, station=self.station).id)

        self.dialog = ParticipantDialog(save, parent=self)
        if self.dialog.exec() and created:
            self._changed(created[0])

    @Slot()
    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if not self.supervisor:
            # Enter/F2 on a row did nothing at all for a steward: say why, where the eyes are.
            from PySide6.QtWidgets import QToolTip

            rect = self.table.visualRect(self.table.currentIndex())
            QToolTip.showText(self.table.viewport().mapToGlobal(rect.bottomLeft()),
                              self.tr("명단 수정은 책임자만 할 수 있습니다 — F9 책임자 모드"), self.table)  # fmt: skip
            return
        from kiosk.ui.participant_dialog import ParticipantDialog

        with self.db.session() as session:
            participant = session.get(Participant, entry.id)
            if participant is None:
                self.refresh()
                return
            current = ParticipantFields.of(participant)

        def save(fields: ParticipantFields) -> None:
            with self.db.write() as session:
                update_participant(session, entry.id, fields, station=self.station)

        self.dialog = ParticipantDialog(save, current, parent=self)
        if self.dialog.exec():
            self._changed(entry.id)

    @Slot()
    def toggle_cancel_selected(self) -> None:
        entry = self.selected_entry()
        if not self.supervisor or entry is None:
            return
        cancel = entry.status != "cancelled"
        question = (
            self.tr("{0} ({1})의 초청을 취소할까요?\n취소된 QR 코드는 입구에서 거부됩니다.")
            if cancel
            else self.tr("{0} ({1})의 초청을 복원할까요?")
        ).format(entry.name, entry.organization)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("초청 취소") if cancel else self.tr("초청 복원"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)  # fmt: skip
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("예"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("아니요"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirm_box = box
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        with self.db.write() as session:
            set_cancelled(session, entry.id, cancel, station=self.station)
        self._changed(entry.id)

    @Slot()
    def open_import(self) -> None:
        if not self.supervisor:
            return
        from kiosk.ui.doc_tasks import tasks_for
        from kiosk.ui.import_dialog import ImportDialog

        self.import_dialog = ImportDialog(tasks_for(self), self)
        self.import_dialog.imported.connect(lambda _report: self._changed())
        self.import_dialog.exec()

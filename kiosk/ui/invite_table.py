"""The invite dialog's table: one row per invitee with delivery state, reason and time.

It shows plain `Invitee` rows the door service read on its worker (`invitees`); it reads nothing.

Rows are updated in place, touching Qt only where a value changed: the table is shown again
after every batch, and a full rebuild each time would cost seconds.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from kiosk.domain.models import DeliveryState
from kiosk.domain.privacy import mask_email
from kiosk.domain.timefmt import local
from kiosk.invite.delivery import Invitee, skip_reason

COLUMNS = ["번호", "이름", "소속", "이메일", "상태", "사유 · 이번 결과", "발송 시각"]
REASON, STATUS = 5, 4


class DeliveryTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        # Not ResizeToContents: it re-measures every column on every cell set (seconds per reload).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)  # the reason gets the room
        self._cells: list[list[QTableWidgetItem]] = []
        self._shown: list[tuple] = []  # what each row shows now
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}

    def show_people(
        self, people: Sequence[Invitee], zone: str, results: dict[int, str]
    ) -> dict[DeliveryState | None, int]:
        """Show these people; returns how many are in each state (None: skipped)."""
        counts: dict[DeliveryState | None, int] = {state: 0 for state in DeliveryState}
        counts[None] = 0
        selected = self.selected_participant_id()
        first_fill = not self._cells
        self.setUpdatesEnabled(False)
        if len(self._cells) != len(people):
            # Fresh items for a new shape, and our own references to them: the lookup through
            # QTableWidget.item() is not needed when we hold the items.
            self.clearContents()
            self.setRowCount(len(people))
            self._cells = [[QTableWidgetItem() for _ in COLUMNS] for _ in people]
            self._shown = [() for _ in people]
            for row, items in enumerate(self._cells):
                for column, item in enumerate(items):
                    self.setItem(row, column, item)
        self._ids = [p.id for p in people]
        self._row_of = {pid: row for row, pid in enumerate(self._ids)}
        labels = {
            DeliveryState.NONE: self.tr("미발송"),
            DeliveryState.QUEUED: self.tr("대기"),
            DeliveryState.SENT: self.tr("발송됨"),
            DeliveryState.FAILED: self.tr("실패"),
        }
        for row, p in enumerate(people):
            reason = skip_reason(p)
            state = DeliveryState(p.delivery_state)
            counts[None if reason else state] += 1
            status = self.tr("제외") if reason else labels[state]
            detail = results.get(p.id) or reason or p.delivery_error or ""
            when = local(p.delivered_at, zone).strftime("%m-%d %H:%M") if p.delivered_at else ""
            failed = state is DeliveryState.FAILED and not reason
            shown = (str(p.id), p.name, p.organization, mask_email(p.email), status, detail, when, failed)
            before = self._shown[row]
            for column, text in enumerate(shown[:-1]):
                if not before or before[column] != text:
                    self._cells[row][column].setText(text)
                    if column == REASON:
                        self._cells[row][column].setToolTip(text)  # a long SMTP reply, in full
            if not before or before[-1] != failed:
                self._cells[row][STATUS].setForeground(Qt.GlobalColor.red if failed else Qt.GlobalColor.black)
            self._shown[row] = shown
        if first_fill:
            self.resizeColumnsToContents()
            # Long agency names and addresses would squeeze the reason column at 1366 px.
            for column, cap in ((2, 170), (3, 170)):
                self.setColumnWidth(column, min(self.columnWidth(column), cap))
            self.setColumnWidth(6, self.fontMetrics().horizontalAdvance("00-00 00:00") + 20)
        self.setUpdatesEnabled(True)
        if selected in self._row_of:
            self.selectRow(self._row_of[selected])
        return counts

    def row_of(self, participant_id: int) -> int:
        return self._row_of[participant_id]

    def cell_text(self, row: int, column: int) -> str:
        return str(self._shown[row][column])

    def selected_participant_id(self) -> int | None:
        model = self.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows:
            return None
        row = rows[0].row()
        return self._ids[row] if row < len(self._ids) else None

    def selected_participant_ids(self) -> list[int]:
        """Every selected row's participant, top to bottom (Ctrl/Shift+click selects several)."""
        model = self.selectionModel()
        rows = sorted(index.row() for index in (model.selectedRows() if model is not None else []))
        return [self._ids[row] for row in rows if row < len(self._ids)]

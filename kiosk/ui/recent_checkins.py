"""The last check-ins at every station, with undo (supervisor, reason required).

Undo is inline: select a row, Ctrl+Z, type the reason, Enter. No pop-up stands between the
next guest's scan and the screen. The list is read, and the undo made, on the database worker
(`tasks`); the table follows when the result comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.arrivals import RecentCheckIn
from kiosk.domain.timefmt import hhmm

if TYPE_CHECKING:
    from kiosk.ui.taskman import TaskManager

SupervisorRunner = Callable[[str, Callable[[], None]], None]


class RecentCheckIns(QWidget):
    undone = Signal(str, str)  # check-in id, participant name
    failed = Signal(object)  # an undo that could not be made (the exception)

    def __init__(self, tasks: TaskManager, station: str, require_supervisor: SupervisorRunner,
                 operator: Callable[[], str], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.tasks = tasks
        self.station = station
        self.require_supervisor = require_supervisor
        self.operator = operator
        self.rows: list[RecentCheckIn] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("시각"), self.tr("이름"), self.tr("소속"), self.tr("PC")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("선택한 체크인 취소 (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.begin_undo)
        actions.addStretch(1)
        actions.addWidget(self.undo_button)
        layout.addLayout(actions)

        # The inline undo form, shown only while an undo is being confirmed.
        self.undo_box = QFrame()
        self.undo_box.setObjectName("inlineConfirm")
        box = QVBoxLayout(self.undo_box)
        self.undo_label = QLabel()
        self.undo_label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("취소 사유 (필수) — 예: 동명이인을 잘못 체크인"))
        self.reason.returnPressed.connect(self.confirm_undo)
        self.undo_error = QLabel()
        self.undo_error.setObjectName("errorText")
        row = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("체크인 취소 확정 (Enter)"))
        self.confirm_button.setObjectName("dangerButton")
        self.confirm_button.clicked.connect(self.confirm_undo)
        cancel = QPushButton(self.tr("그만두기 (Esc)"))
        cancel.clicked.connect(self.cancel_undo)
        row.addWidget(self.confirm_button)
        row.addWidget(cancel)
        box.addWidget(self.undo_label)
        box.addWidget(self.reason)
        box.addWidget(self.undo_error)
        box.addLayout(row)
        self.undo_box.hide()
        # Above the list: at 768 pixels, with the VIP banner showing, a form under the list fell
        # below the screen (its reason field half visible, its buttons out of sight).
        layout.insertWidget(0, self.undo_box)
        self._pending: RecentCheckIn | None = None

    def refresh(self) -> None:
        """Read the list on the worker (coalesced: one read queued at a time)."""
        self.tasks.run_coalesced("recent", lambda svc: svc.recent(), on_done=self.show_rows,
                                 on_error=self._read_failed)  # fmt: skip

    def _read_failed(self, exc: BaseException) -> None:
        import logging

        logging.getLogger(__name__).warning("recent check-ins not refreshed: %s", exc)

    def show_rows(self, rows: list[RecentCheckIn]) -> None:
        if self.undo_open:
            return  # the row being undone stays where the supervisor sees it
        shape = [(r.check_in_id, r.companions, r.checked_out) for r in rows]
        if shape == [(r.check_in_id, r.companions, r.checked_out) for r in self.rows]:
            return  # nothing changed: keep the table (and the selection) as it is
        selected = self.selected()
        self.rows = rows
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        # Only the same check-in stays selected: after an undo the row is gone, and the selection
        # must not slide onto the next guest (the next Ctrl+Z would take them).
        self.table.clearSelection()
        for i, r in enumerate(rows):
            companions = f" +{r.companions}" if r.companions else ""
            out = self.tr(" (퇴장)") if r.checked_out else ""
            cells = [hhmm(r.checked_in_at), r.participant.name + companions + out, r.participant.organization, r.station]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.check_in_id)
                self.table.setItem(i, j, item)
            if selected is not None and r.check_in_id == selected.check_in_id:
                self.table.selectRow(i)
        # Sizing once per refresh, not per cell: ResizeToContents re-measures the whole column
        # on every setItem, which made a 30-row refresh take hundreds of milliseconds.
        for column in (0, 1, 3):
            self.table.resizeColumnToContents(column)
        self.table.setUpdatesEnabled(True)

    def selected(self) -> RecentCheckIn | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select_check_in(self, check_in_id: str) -> bool:
        for i, r in enumerate(self.rows):
            if r.check_in_id == check_in_id:
                self.table.selectRow(i)
                return True
        return False

    def begin_undo(self) -> None:
        entry = self.selected() or (self.rows[0] if self.rows else None)
        if entry is None:
            return
        self.select_check_in(entry.check_in_id)  # the row being undone is the one highlighted

        def show_form() -> None:
            self._pending = entry
            self.undo_label.setText(
                self.tr("{0} ({1}) 님의 {2} 체크인을 취소합니다. 사유를 입력하세요.").format(
                    entry.participant.name, entry.participant.organization, hhmm(entry.checked_in_at)
                )
            )
            self.undo_error.setText("")
            self.reason.clear()
            self.undo_box.show()
            self.undo_button.hide()
            self.reason.setFocus()

        self.require_supervisor(self.tr("체크인 취소는 책임자만 할 수 있습니다."), show_form)

    def confirm_undo(self) -> bool:
        entry = self._pending
        if entry is None:
            return False
        reason = self.reason.text().strip()
        if not reason:
            self.undo_error.setText(self.tr("취소 사유를 입력하세요"))
            return False
        operator = self.operator()
        self.cancel_undo()

        def done(ok: bool) -> None:
            if ok:
                self.undone.emit(entry.check_in_id, entry.participant.name)
            self.refresh()

        def error(exc: BaseException) -> None:
            self.failed.emit(exc)
            self.refresh()

        self.tasks.run(lambda svc: svc.undo(entry.check_in_id, reason, operator), on_done=done, on_error=error)
        return True

    def cancel_undo(self) -> None:
        self._pending = None
        self.undo_box.hide()
        self.undo_button.show()
        self.reason.clear()

    @property
    def undo_open(self) -> bool:
        return self._pending is not None

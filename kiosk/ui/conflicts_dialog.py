"""동기화 충돌 확인: the supervisor sees both sides of each conflict and keeps the right one.

Thin: every read and every change is a door-service use case run through the TaskManager (no
session is opened here). Resolving needs the shared server; while apart the service refuses and
the refusal is shown inline. See `kiosk.domain.conflicts` for what keeping a side does.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.conflicts import ConflictResolution, ConflictSide, ConflictView
from kiosk.domain.timefmt import local
from kiosk.service.conflicts import EditConflict
from kiosk.ui.taskman import TaskManager
from kiosk.ui.theme import COLORS


class ConflictsDialog(QDialog):
    def __init__(self, tasks: TaskManager, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.operator = operator
        self.rows: list[ConflictView] = []
        self.setWindowTitle(self.tr("동기화 충돌 확인"))
        self.resize(1040, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "연결이 끊긴 동안 같은 사람이 두 PC에서 입장 처리되었습니다. 동기화는 먼저 입장한 기록(서버 시계로 보정한 시각)을 "
            "남겼습니다. 다른 쪽이 맞으면 그 기록을 선택해 유지하세요. 남기는 기록에는 두 기록 중 많은 동반인 수가 남습니다."
        ))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("참가자"), self.tr("동기화가 남긴 기록"), self.tr("동기화가 취소한 기록")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 3)
        buttons = QHBoxLayout()
        self.keep_kept = QPushButton(self.tr("남긴 기록이 맞음 (확인)"))
        self.keep_dropped = QPushButton(self.tr("취소된 기록을 대신 유지"))
        for button in (self.keep_kept, self.keep_dropped):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.keep_kept.clicked.connect(lambda: self.resolve(swap=False))
        self.keep_dropped.clicked.connect(lambda: self.resolve(swap=True))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.edits_heading = QLabel(self.tr("서버가 먼저 바꾼 기록 (오프라인 변경이 적용되지 않음)"))
        self.edits_heading.setStyleSheet(f"color: {COLORS['warning']}; font-weight: 600;")
        self.edits = QListWidget()
        self.edits.setMaximumHeight(120)
        self.dismiss_edits = QPushButton(self.tr("읽었음"))
        self.dismiss_edits.clicked.connect(self._dismiss_edits)
        layout.addWidget(self.edits_heading)
        layout.addWidget(self.edits, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.dismiss_edits)
        bottom.addStretch(1)
        close = QPushButton(self.tr("닫기"))
        close.clicked.connect(self.accept)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.reload()

    # -- loading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        self.tasks.run(lambda svc: (svc.conflicts(), svc.edit_conflicts()), on_done=self._show, on_error=self._failed)

    def _show(self, found: tuple[list[ConflictView], list[EditConflict]]) -> None:
        self.rows, edits = found
        self.table.setRowCount(len(self.rows))
        for i, view in enumerate(self.rows):
            who = f"{view.name}\n{view.organization}".strip()
            for column, text in enumerate((who, self._side(view.kept), self._side(view.dropped))):
                self.table.setItem(i, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        if not self.rows and not self.message.text():
            self._say(self.tr("확인할 충돌이 없습니다."), ok=True)
        self.edits.clear()
        for edit in edits:
            self.edits.addItem(self.tr("{0}: 이 PC({1}) {2} / 서버 {3}").format(edit.name, edit.station, edit.mine, edit.theirs))
        for widget in (self.edits_heading, self.edits, self.dismiss_edits):
            widget.setVisible(bool(edits))
        self._selection_changed()

    def _side(self, side: ConflictSide) -> str:
        states = {"inside": self.tr("입장 중"), "left": self.tr("퇴장"), "undone": self.tr("취소됨")}
        return self.tr("{0} · {1} · 동반 {2}명 · {3}").format(
            side.station, _clock(side.checked_in_at), side.companions, states.get(side.state, side.state)
        )

    # -- resolving --------------------------------------------------------------------------------

    def _selection_changed(self) -> None:
        chosen = self._chosen() is not None
        self.keep_kept.setEnabled(chosen)
        self.keep_dropped.setEnabled(chosen)

    def _chosen(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def resolve(self, *, swap: bool) -> None:
        view = self._chosen()
        if view is None:
            return
        keep, other = (view.dropped, view.kept) if swap else (view.kept, view.dropped)
        operator = self.operator
        self.keep_kept.setEnabled(False)
        self.keep_dropped.setEnabled(False)
        self.tasks.run(
            lambda svc: svc.resolve_conflict(keep.check_in_id, other.check_in_id, operator),
            on_done=self._resolved,
            on_error=self._failed,
        )

    def _resolved(self, result: ConflictResolution) -> None:
        self._say(
            self.tr("{0}: {1} 기록을 유지했습니다 (동반 {2}명).").format(
                result.name, result.kept.station, result.companions_after
            ),
            ok=True,
        )
        self.reload()

    def _dismiss_edits(self) -> None:
        self.tasks.run(lambda svc: svc.dismiss_edit_conflicts(), on_done=lambda _: self.reload(), on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._say(str(exc), ok=False)
        self._selection_changed()

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        color = COLORS["ok"] if ok else COLORS["refused"]
        self.message.setStyleSheet(f"color: {color}; font-weight: 600;")


def _clock(at: datetime) -> str:
    return local(at).strftime("%H:%M:%S")

"""The check-in desk page: the scan field and verdict on the left, a side panel on the right.

The side panel switches between the last check-ins (the default), name search, the walk-in
form and the camera preview. The scan field is always there and always takes a scanner burst.
Its parts get the console's `TaskManager` (`tasks`): they ask the door service for what they
need and never open a database session themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.companions import CompanionsBar
from kiosk.ui.manual_checkin import ManualCheckIn
from kiosk.ui.recent_checkins import RecentCheckIns, SupervisorRunner
from kiosk.ui.scan_field import make_scan_field
from kiosk.ui.verdict_panel import VerdictPanel
from kiosk.ui.walkin_form import WalkInForm

if TYPE_CHECKING:
    from kiosk.ui.taskman import TaskManager

SIDE_RECENT, SIDE_SEARCH, SIDE_WALKIN, SIDE_CAMERA = range(4)


class DeskPage(QWidget):
    side_changed = Signal(int)

    def __init__(self, tasks: TaskManager, station: str, require_supervisor: SupervisorRunner,
                 operator: Callable[[], str], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.tasks = tasks
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(16)

        left = QVBoxLayout()
        left.setSpacing(8)
        scan_row = QHBoxLayout()
        scan_label = QLabel(self.tr("스캔"))
        scan_label.setObjectName("scanLabel")
        self.scan_field = make_scan_field(self)
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("QR 코드를 스캔하거나 등록번호를 입력하고 Enter"))
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan_field, 1)
        left.addLayout(scan_row)
        self.verdict = VerdictPanel()
        left.addWidget(self.verdict, 1)
        self.companions = CompanionsBar(tasks, station)
        left.addWidget(self.companions)
        root.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(6)
        tabs = QHBoxLayout()
        tabs.setSpacing(4)
        self.side_buttons: list[QPushButton] = []
        for index, text in enumerate(
            [self.tr("최근 체크인 F4"), self.tr("이름 검색 F2"), self.tr("현장등록 F3"), self.tr("카메라 F8")]
        ):
            button = QPushButton(text)
            button.setObjectName("sideTab")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, i=index: self.show_side(i))
            tabs.addWidget(button)
            self.side_buttons.append(button)
        right.addLayout(tabs)
        self.side = QStackedWidget()
        self.recent = RecentCheckIns(tasks, station, require_supervisor, operator)
        self.search = ManualCheckIn(tasks)
        self.walkin = WalkInForm(tasks, station, require_supervisor, operator)
        self.camera_page = QWidget()
        camera_layout = QVBoxLayout(self.camera_page)
        camera_layout.setContentsMargins(0, 0, 0, 0)
        self.camera_status = QLabel(self.tr("카메라가 꺼져 있습니다. 설정(F10)에서 카메라를 고르세요."))
        self.camera_status.setWordWrap(True)
        self.camera_status.setObjectName("mutedText")
        camera_layout.addWidget(self.camera_status)
        self.camera_slot = QVBoxLayout()
        camera_layout.addLayout(self.camera_slot, 1)
        for page in (self.recent, self.search, self.walkin, self.camera_page):
            # Scrollable pages: a long form never pushes the window past 768 pixels.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(page)
            self.side.addWidget(scroll)
        right.addWidget(self.side, 1)
        root.addLayout(right, 2)
        self.show_side(SIDE_RECENT)

    def show_side(self, index: int) -> None:
        self.side.setCurrentIndex(index)
        for i, button in enumerate(self.side_buttons):
            button.setChecked(i == index)
        if index == SIDE_SEARCH:
            self.search.start()
        elif index == SIDE_WALKIN:
            self.walkin.start()
        elif index == SIDE_RECENT:
            self.recent.refresh()
            self.focus_scan()
        self.side_changed.emit(index)

    @property
    def side_index(self) -> int:
        return self.side.currentIndex()

    def focus_scan(self) -> None:
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_camera_view(self, widget: QWidget | None) -> None:
        while self.camera_slot.count():
            item = self.camera_slot.takeAt(0)
            if item.widget() is not None:
                item.widget().setParent(None)
        if widget is not None:
            self.camera_slot.addWidget(widget)
        self.camera_status.setVisible(widget is None)

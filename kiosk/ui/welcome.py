"""The first screen on a file without an event: make one, open the demo, open a file, or a recent one.

Not an error: a new installation starts here. Every choice is a big button with its key, the
recent events are a list that Enter opens, and a file that cannot be opened is said inline.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

RECENT_KEY = "recent_events"
RECENT_LIMIT = 8


def recent_events(local) -> list[tuple[Path, str]]:  # type: ignore[no-untyped-def]
    """(file, event name) most recent first, only files that still exist."""
    try:
        rows = json.loads(local.get(RECENT_KEY, "[]") or "[]")
    except ValueError:
        return []
    out = []
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, list) and len(row) == 2 and Path(str(row[0])).is_file():
            out.append((Path(str(row[0])), str(row[1])))
    return out


def remember_event(local, path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    rows = [(p, n) for p, n in recent_events(local) if p.resolve() != path.resolve()]
    rows.insert(0, (path.resolve(), name))
    local.put(RECENT_KEY, json.dumps([[str(p), n] for p, n in rows[:RECENT_LIMIT]], ensure_ascii=False))


class WelcomeScreen(QWidget):
    new_event = Signal()
    open_demo = Signal()
    open_file = Signal()
    open_recent = Signal(str)

    def __init__(
        self, file_label: str, recent: list[tuple[Path, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeScreen")
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(14)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        column.addStretch(1)
        title = QLabel(self.tr("체크인 키오스크에 오신 것을 환영합니다"))
        title.setObjectName("eventTitle")
        column.addWidget(title)
        intro = QLabel(
            self.tr("이 파일에는 아직 행사가 없습니다: {0}\n행사마다 파일이 하나씩 만들어집니다.").format(
                file_label
            )
        )
        intro.setObjectName("eventMeta")
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.buttons: dict[str, QPushButton] = {}
        for name, text, key, signal in (
            ("new", self.tr("새 행사 만들기 (Ctrl+N)"), "Ctrl+N", self.new_event),
            ("demo", self.tr("시연 행사 열기 (Ctrl+D)"), "Ctrl+D", self.open_demo),
            ("open", self.tr("행사 파일 열기… (Ctrl+O)"), "Ctrl+O", self.open_file),
        ):
            button = QPushButton(text)
            button.setObjectName(f"welcome_{name}")
            button.setMinimumHeight(56)
            button.clicked.connect(signal.emit)
            if key != "Ctrl+O":  # the file menu's 행사 열기… owns Ctrl+O; two owners would silence it
                QShortcut(QKeySequence(key), self, activated=signal.emit)
            column.addWidget(button)
            self.buttons[name] = button
        self.buttons["new"].setDefault(True)
        column.addWidget(QLabel(self.tr("최근 행사 (Enter로 열기)")))
        self.recent = QListWidget()
        self.recent.setObjectName("recentEvents")
        for path, name in recent:
            item = QListWidgetItem(f"{name} — {path.name}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if not recent:
            self.recent.addItem(self.tr("(아직 없습니다)"))
            self.recent.setEnabled(False)
        self.recent.setMaximumHeight(150)
        self.recent.itemActivated.connect(self._activated)
        column.addWidget(self.recent)
        self.error = QLabel("")
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        column.addStretch(2)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.open_recent.emit(str(path))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def focus(self) -> None:
        self.buttons["new"].setFocus()

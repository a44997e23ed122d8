"""Dialogs for what went wrong at start-up (or later): what happened, what to do, one click to do it.

Every fault is logged as well as shown. Where a backup can help, the dialog lists the verified
backups with their time and check-in count and restores the chosen one; "진단 정보 복사" puts the
diagnostics text (no phones or e-mails) on the clipboard for support.
"""

from __future__ import annotations

import enum
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.timefmt import local
from kiosk.service.errors import Fault, FaultKind, classify
from kiosk.service.files import BackupInfo
from kiosk.service.files import verify_backup as verify
from kiosk.ui.i18n import tr

log = logging.getLogger(__name__)
_CTX = "faults"

# (title, what happened, what to do). Korean sources; English comes from the .ts files.
_TEXT: dict[FaultKind, tuple[str, str, str]] = {
    FaultKind.IN_USE: (
        "이미 실행 중입니다",
        "이 데이터베이스는 다른 kiosk 창에서 이미 열려 있습니다.",
        "열려 있는 창을 사용하세요. 그 창이 보이지 않으면 작업 표시줄을 확인하세요.",
    ),
    FaultKind.CORRUPT: (
        "데이터베이스 파일이 손상되었습니다",
        "체크인 기록 파일을 읽을 수 없습니다. 손상된 파일은 지우지 않고 옆에 보관합니다.",
        "아래 목록에서 가장 최근 백업을 골라 복원하세요.",
    ),
    FaultKind.NEWER_SCHEMA: (
        "더 새로운 버전의 데이터베이스입니다",
        "이 파일은 더 새로운 버전의 kiosk 프로그램이 만든 것입니다. 이 버전으로 열면 기록이 망가질 수 있습니다.",
        "프로그램을 최신 버전으로 업데이트하거나, 이 버전에서 만든 백업으로 복원하세요.",
    ),
    FaultKind.MIGRATION_FAILED: (
        "데이터베이스 업그레이드 실패",
        "데이터베이스를 새 버전에 맞게 바꾸지 못했습니다. 바꾸기 전의 상태로 되돌려 두었습니다.",
        "진단 정보를 복사해 담당자에게 보내거나, 백업에서 복원하세요.",
    ),
    FaultKind.READ_ONLY: (
        "저장할 수 없는 위치입니다",
        "데이터베이스 폴더가 읽기 전용이거나 쓰기 권한이 없습니다. 이대로는 체크인을 저장할 수 없습니다.",
        "USB나 네트워크 드라이브라면 쓰기 가능한 곳으로 옮기거나, --db 로 다른 위치를 지정하세요.",
    ),
    FaultKind.DISK_FULL: (
        "디스크 공간이 부족합니다",
        "디스크가 가득 차서 체크인을 저장할 수 없습니다. 저장되지 않은 체크인은 화면에 성공으로 표시되지 않습니다.",
        "필요 없는 파일을 지워 공간을 확보한 뒤 다시 시도하세요.",
    ),
    FaultKind.UNREADABLE: (
        "데이터베이스를 열 수 없습니다",
        "데이터베이스 파일을 열거나 읽을 수 없습니다.",
        "파일 위치와 권한을 확인하거나, 백업에서 복원하세요.",
    ),
    FaultKind.FILE_LOST: (
        QT_TRANSLATE_NOOP("faults", "체크인을 멈췄습니다: 데이터베이스 파일이 바뀌었습니다"),
        QT_TRANSLATE_NOOP(
            "faults",
            "이 프로그램이 쓰고 있던 데이터베이스 파일(또는 -wal 파일)이 다른 프로그램에 의해 지워졌거나 바뀌었습니다. "
            "이대로 체크인을 받으면 기록이 사라지므로 더 이상 스캔을 받지 않습니다.",
        ),
        QT_TRANSLATE_NOOP(
            "faults",
            "다른 체크인 프로그램이나 명령을 모두 멈추고 책임자에게 알리세요. 아래 목록 맨 위의 '긴급 사본'에 지금까지의 "
            "체크인이 있습니다: 그것을 골라 복원하면 프로그램이 다시 시작됩니다.",
        ),
    ),
    FaultKind.CAMERA: (
        "카메라를 사용할 수 없습니다",
        "이 컴퓨터에서 카메라 기능(멀티미디어 백엔드)을 불러오지 못했습니다.",
        "USB 바코드 스캐너나 이름 검색으로 체크인하세요. 나머지 기능은 그대로 쓸 수 있습니다.",
    ),
    FaultKind.FONT: (
        "한글 글꼴이 없습니다",
        "한글을 표시할 글꼴을 찾지 못해 이름이 네모로 보일 수 있습니다.",
        "Noto Sans CJK 또는 맑은 고딕 글꼴을 설치하세요 (Linux: fonts-noto-cjk).",
    ),
    FaultKind.UNEXPECTED: (
        "예기치 못한 오류",
        "프로그램에 예기치 못한 오류가 생겼습니다. 저장된 체크인은 안전합니다.",
        "진단 정보를 복사해 담당자에게 보내 주세요.",
    ),
}


def fault_texts(kind: FaultKind) -> tuple[str, str, str]:
    return tuple(tr(_CTX, text) for text in _TEXT[kind])  # type: ignore[return-value]


class Choice(enum.Enum):
    QUIT = "quit"
    CONTINUE = "continue"
    RESTORE = "restore"


@dataclass(frozen=True)
class Outcome:
    choice: Choice
    backup: Path | None = None


class FaultDialog(QDialog):
    """One fault: title, what happened, what to do; backups to restore when that can help."""

    def __init__(
        self,
        fault: Fault,
        backups: list[BackupInfo] | None = None,
        diagnostics: Callable[[], str] | None = None,
        *,
        fatal: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.fault = fault
        self.outcome = Outcome(Choice.QUIT if fatal else Choice.CONTINUE)
        self._diagnostics = diagnostics
        title, message, advice = fault_texts(fault.kind)
        self.setWindowTitle(title)
        self.setObjectName("faultDialog")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("faultTitle")
        heading.setStyleSheet("font-size: 20pt; font-weight: 700;")
        layout.addWidget(heading)
        for text in (message, advice):
            label = QLabel(text)
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 13pt;")
            layout.addWidget(label)
        self.detail = QLabel(f"{fault.path or ''}\n{fault.detail}".strip())
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color: #666; font-size: 10pt;")
        layout.addWidget(self.detail)

        self.backup_list = QListWidget(self)
        self.backup_list.setObjectName("backupList")
        self.restore_button = QPushButton(self.tr("선택한 백업으로 복원"))
        if fault.can_restore and backups:
            layout.addWidget(QLabel(self.tr("백업 (최근 것이 위)")))
            for info in backups:
                item = QListWidgetItem(describe_backup(info))
                item.setData(Qt.ItemDataRole.UserRole, str(info.path))
                self.backup_list.addItem(item)
            self.backup_list.setCurrentRow(0)
            self.backup_list.itemDoubleClicked.connect(lambda _item: self._restore())
            layout.addWidget(self.backup_list)
        else:
            self.backup_list.hide()
            self.restore_button.hide()
            if fault.can_restore:
                layout.addWidget(QLabel(self.tr("복원할 백업이 없습니다.")))

        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("진단 정보 복사"))
        self.copy_button.clicked.connect(self.copy_diagnostics)
        self.close_button = QPushButton(self.tr("종료") if fatal else self.tr("계속"))
        self.close_button.clicked.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        (self.restore_button if self.restore_button.isVisibleTo(self) else self.close_button).setDefault(True)

    def copy_diagnostics(self) -> None:
        text = self._diagnostics() if self._diagnostics else str(self.fault)
        QGuiApplication.clipboard().setText(text)
        self.copy_button.setText(self.tr("복사했습니다"))

    def _restore(self) -> None:
        item = self.backup_list.currentItem()
        if item is None:
            return
        self.outcome = Outcome(Choice.RESTORE, Path(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()


def describe_backup(info: BackupInfo) -> str:
    """"2017-11-22 15:20:01 · 자동 · 체크인 87건" — verified as it is listed."""
    check = verify(info.path)
    when = local(info.taken_at).strftime("%Y-%m-%d %H:%M:%S")
    reason = {
        "start": "시작", "auto": "자동", "exit": "종료", "manual": "수동", "purged": "개인정보 삭제 후",
        "rescue": QT_TRANSLATE_NOOP("faults", "긴급 사본"), "before-reset": QT_TRANSLATE_NOOP("faults", "초기화 전"),
    }.get(info.reason, info.reason)  # fmt: skip
    if not check.ok:
        return f"{when} · {tr(_CTX, reason)} · {tr(_CTX, '손상됨')}"
    return f"{when} · {tr(_CTX, reason)} · {tr(_CTX, '체크인')} {check.check_ins}"


def show_fault(
    fault: Fault,
    backups: list[BackupInfo] | None = None,
    diagnostics: Callable[[], str] | None = None,
    *,
    fatal: bool = True,
    parent: QWidget | None = None,
) -> Outcome:
    """Log the fault and show it modally; returns what the user chose."""
    (log.error if fatal else log.warning)("fault %s", fault)
    dialog = FaultDialog(fault, backups, diagnostics, fatal=fatal, parent=parent)
    dialog.exec()
    return dialog.outcome


def environment_faults() -> list[Fault]:
    """Missing Korean font or camera backend: the program runs on, the user is told once."""
    found = []
    from kiosk.ui.theme import korean_font_family

    if korean_font_family() is None:
        found.append(Fault(FaultKind.FONT, "no font family with Hangul"))
    try:
        from PySide6.QtMultimedia import QMediaDevices

        QMediaDevices.videoInputs()  # loads the backend plugin; no camera attached is not a fault
    except Exception as exc:  # noqa: BLE001 - ImportError, or a backend that fails to load
        found.append(Fault(FaultKind.CAMERA, f"{type(exc).__name__}: {exc}"))
    return found


def install_excepthook(
    diagnostics: Callable[[], str] | None = None, backups: Callable[[], list[BackupInfo]] | None = None
) -> None:
    """An error in a slot is logged and explained in a dialog; the program keeps running.

    When the fault is one a backup can fix (a damaged file, a file lost under the program), the
    dialog lists the existing backups, and choosing one restarts the program with it.
    """

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unhandled: %s", "".join(traceback.format_exception(kind, exc, tb)))
        if QApplication.instance() is None:
            return
        fault = classify(exc)
        listed = backups() if backups is not None and fault.can_restore else None
        outcome = show_fault(fault, listed, diagnostics=diagnostics, fatal=False)
        if outcome.choice is Choice.RESTORE and outcome.backup is not None:
            request_restore(outcome.backup)

    sys.excepthook = hook


def request_restore(backup: Path) -> None:
    """Quit the event loop asking `kiosk gui` to restore `backup` and start again (see cli/gui.py)."""
    from kiosk.ui.backup_dialog import RESTORE_PROPERTY

    app = QApplication.instance()
    if app is None:
        return
    app.setProperty(RESTORE_PROPERTY, str(backup))
    app.quit()

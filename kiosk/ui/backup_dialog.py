"""The supervisor's backup window: the copies, "지금 백업", restore, copy diagnostics.

Restoring replaces the file the running window uses, so it is not done here: the dialog asks the
application to restart with that backup (`RESTORE_PROPERTY` on the QApplication), and the start-up
sequence in kiosk.cli.gui restores it — lock still held — before opening the window again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.service.files import BackupError, backup_folder, take_backup
from kiosk.service.files import backups_in as list_backups
from kiosk.ui.faults import describe_backup

if TYPE_CHECKING:
    from kiosk.storage.engine import Database

RESTORE_PROPERTY = "kioskRestoreFrom"


def backup_folder_of(db: Database) -> Path | None:
    if db.path is None:
        return None
    return backup_folder(db.path)


class BackupDialog(QDialog):
    """Open with `BackupDialog(db, parent).exec()` from a supervisor-only menu entry."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.folder = backup_folder_of(db)
        self.setWindowTitle(self.tr("백업 및 복원"))
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("지금 백업"))
        self.restore_button = QPushButton(self.tr("선택한 백업으로 복원…"))
        self.folder_button = QPushButton(self.tr("폴더 열기"))
        self.copy_button = QPushButton(self.tr("진단 정보 복사"))
        close = QPushButton(self.tr("닫기"))
        for button in (self.backup_button, self.restore_button, self.folder_button, self.copy_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.request_restore)
        self.folder_button.clicked.connect(self.open_folder)
        self.copy_button.clicked.connect(self.copy_diagnostics)
        close.clicked.connect(self.accept)
        if self.folder is None:
            self.info.setText(self.tr("서버 데이터베이스는 이 화면에서 백업하지 않습니다 (pg_dump를 쓰세요)."))
            for button in (self.backup_button, self.restore_button, self.folder_button):
                button.setEnabled(False)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self.folder is None:
            return
        backups = list_backups(self.folder)
        self.info.setText(
            self.tr("백업은 10분마다(체크인이 있을 때), 시작할 때와 끝낼 때 자동으로 만들어집니다.")
            + f"\n{self.folder} · {self.tr('백업')} {len(backups)}"
        )
        for info in backups:
            item = QListWidgetItem(describe_backup(info))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(backups))

    def backup_now(self) -> None:
        assert self.db.path is not None and self.folder is not None
        try:
            take_backup(self.db.path, self.folder, "manual")
        except BackupError as exc:
            QMessageBox.warning(self, self.tr("백업 실패"), str(exc))
        self.reload()

    def request_restore(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("백업으로 복원"),
            self.tr("프로그램을 다시 시작하며 선택한 백업으로 되돌립니다. 그 뒤의 체크인은 사라지지만, "
                    "현재 파일은 지우지 않고 옆에 보관합니다. 계속할까요?"),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        app = QApplication.instance()
        assert app is not None
        app.setProperty(RESTORE_PROPERTY, item.data(Qt.ItemDataRole.UserRole))
        self.accept()
        app.quit()

    def open_folder(self) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def copy_diagnostics(self) -> None:
        from kiosk.logsetup import diagnostics_text

        QGuiApplication.clipboard().setText(diagnostics_text(self.db.url, self.folder))
        self.copy_button.setText(self.tr("복사했습니다"))

"""The supervisor's "export the attendance report" dialog: formats, folder, masking, progress.

The export is one door-service use case (`export_report`) run on the database worker by the
task manager: gathering, Excel and CSV are plain Python, and the PDF is painted there too — Qt
supports QPainter on a QPdfWriter (like QImage and QPrinter) outside the GUI thread, and fonts
are thread-safe in Qt 6. Progress comes back through `run_on_main`, so the window stays
responsive while 10,000 rows are written. A station apart from the shared server is refused
(its copy lacks the other stations' check-ins): the reason is shown and no file is written.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.doc_tasks import alive
from kiosk.ui.file_dialogs import existing_directory
from kiosk.ui.taskman import TaskManager

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_stem(text: str) -> str:
    """A file name Windows, macOS and Linux all accept (Hangul kept)."""
    return _UNSAFE.sub("_", text).strip(" .") or "report"


class ExportDialog(QDialog):
    """Choose formats and a folder, then export; for supervisors (the caller checks the role)."""

    exported = Signal(list)  # paths written

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.written: list[Path] = []
        self._running = False
        self.setWindowTitle(self.tr("참석 보고서 내보내기"))
        self.setMinimumWidth(620)

        root = QVBoxLayout(self)
        root.setSpacing(12)
        heading = QLabel(self.tr("참석 보고서 내보내기"))
        heading.setObjectName("eventTitle")
        root.addWidget(heading)
        self.event_label = QLabel()
        root.addWidget(self.event_label)

        formats = QGroupBox(self.tr("형식"))
        box = QVBoxLayout(formats)
        self.xlsx_box = QCheckBox(self.tr("Excel (.xlsx) — 부처 제출용 전체 보고서"))
        self.csv_box = QCheckBox(self.tr("CSV (.csv) — 참석자 명단"))
        self.pdf_box = QCheckBox(self.tr("PDF (.pdf) — 요약 보고서와 차트"))
        for check in (self.xlsx_box, self.csv_box, self.pdf_box):
            check.setChecked(True)
            box.addWidget(check)
        # Never squeezed: a long "저장했습니다: …" under it once crushed the three boxes together.
        formats.setMinimumHeight(formats.sizeHint().height())
        root.addWidget(formats)

        form = QFormLayout()
        folder_row = QHBoxLayout()
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = documents if documents and Path(documents).is_dir() else str(Path.home())
        self.folder_edit = QLineEdit(start)
        self.browse_button = QPushButton(self.tr("찾아보기…"))
        self.browse_button.clicked.connect(self._browse)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        form.addRow(self.tr("저장 폴더"), folder_row)
        self.name_edit = QLineEdit(self._file_stem(""))
        form.addRow(self.tr("파일 이름"), self.name_edit)
        root.addLayout(form)

        # Masked by default: the files tend to travel by e-mail.
        self.mask_box = QCheckBox(self.tr("연락처 일부 가리기 (010-****-5678, k***@example.com)"))
        self.mask_box.setChecked(True)
        root.addWidget(self.mask_box)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # "0%" before anything started reads as stuck
        self.status = QLabel(self.tr("형식과 폴더를 고른 뒤 [내보내기]를 누르세요."))
        self.status.setWordWrap(True)
        root.addWidget(self.progress)
        root.addWidget(self.status)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton(self.tr("폴더 열기"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        self.export_button = QPushButton(self.tr("내보내기"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton(self.tr("닫기"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.open_button, self.export_button, self.close_button):
            buttons.addWidget(button)
        root.addLayout(buttons)
        self.tasks.run(lambda svc: svc.event_title(), alive(self, self._titled))

    def _titled(self, event_name: str) -> None:
        self.event_label.setText(event_name)
        if self.name_edit.text() == self._file_stem(""):  # not typed over meanwhile
            self.name_edit.setText(self._file_stem(event_name))

    @staticmethod
    def _file_stem(event_name: str) -> str:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return safe_file_stem(f"{event_name}_참석보고서_{stamp}" if event_name else f"참석보고서_{stamp}")

    # -- choosing ------------------------------------------------------------------------------

    def _browse(self) -> None:
        folder = existing_directory(self, self.tr("저장 폴더 선택"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def target_paths(self) -> list[Path]:
        folder = Path(self.folder_edit.text().strip()).expanduser()
        stem = safe_file_stem(self.name_edit.text().strip())
        chosen = [(self.xlsx_box, ".xlsx"), (self.csv_box, ".csv"), (self.pdf_box, ".pdf")]
        return [folder / f"{stem}{suffix}" for box, suffix in chosen if box.isChecked()]

    @property
    def running(self) -> bool:
        return self._running

    # -- exporting -----------------------------------------------------------------------------

    @Slot()
    def start_export(self) -> None:
        if self.running:
            return
        paths = self.target_paths()
        if not paths:
            self._say(self.tr("내보낼 형식을 하나 이상 고르세요."), error=True)
            return
        if not paths[0].parent.is_dir():
            self._say(self.tr("저장 폴더가 없습니다: {0}").format(paths[0].parent), error=True)
            return
        existing = [p.name for p in paths if p.exists()]
        if existing and not self._confirm_overwrite(existing):
            return
        self.written = []
        self.open_button.setEnabled(False)
        self._set_busy(True)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self._running = True
        mask = self.mask_box.isChecked()

        def progress(fraction: float, message: str) -> None:  # on the worker
            self.tasks.run_on_main(alive(self, lambda: self._on_progress(int(fraction * 100), message)))

        self.tasks.run(
            lambda svc: [str(p) for p in svc.export_report(paths, mask_pii=mask, progress=progress)],
            alive(self, self._on_succeeded),
            alive(self, self._on_error),
        )

    def _confirm_overwrite(self, names: list[str]) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("덮어쓰기"),
            self.tr("이미 있는 파일을 덮어씁니다:\n{0}").format("\n".join(names)),
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot(int, str)
    def _on_progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        self._say(message)

    def _on_succeeded(self, paths: list[str]) -> None:
        self._finished()
        self.written = [Path(p) for p in paths]
        self.progress.setValue(100)
        names = ", ".join(p.name for p in self.written)
        self._say(self.tr("저장했습니다: {0}").format(names))
        self.open_button.setEnabled(True)
        self.exported.emit(self.written)

    def _on_error(self, exc: BaseException) -> None:
        from kiosk.report import ReportTargetError
        from kiosk.service import NotWhileApart

        self._finished()
        known = isinstance(exc, ReportTargetError | OSError | NotWhileApart)
        self._on_failed(str(exc) if known else f"{type(exc).__name__}: {exc}")

    def _on_failed(self, message: str) -> None:
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self._say(self.tr("내보내지 못했습니다: {0}").format(message), error=True)

    def _finished(self) -> None:
        self._running = False
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.export_button, self.close_button, self.browse_button, self.folder_edit, self.name_edit,
            self.xlsx_box, self.csv_box, self.pdf_box, self.mask_box,
        ):  # fmt: skip
            widget.setEnabled(not busy)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e;" if error else "")
        if self.isVisible() and self.sizeHint().height() > self.height():
            self.resize(self.width(), self.sizeHint().height())  # room for the message, boxes kept

    def _open_folder(self) -> None:
        if self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written[0].parent)))

    # -- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self.running:  # a half-written export finishes first (it takes seconds)
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)

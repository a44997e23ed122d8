"""Importing a roster file: pick it, check the columns, preview what will change, import.

The file is read once; the preview (a dry run against the roster) and the import use the same
rows, so what the organiser saw is what gets imported. Reading, previewing and importing are
door-service use cases (`read_roster`, `preview_import`, `apply_import`) run on the database
worker by the task manager (a 10,000-row Excel file takes seconds); results and the rows-read
count come back on the GUI thread. A station apart from the shared server cannot change the
roster: the preview says so and nothing is imported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.roster_columns import FIELDS, IGNORED
from kiosk.domain.roster_files import RosterFileError, RosterTable
from kiosk.domain.roster_import import ImportReport, detect_mapping
from kiosk.service import NotWhileApart
from kiosk.ui.doc_tasks import alive
from kiosk.ui.file_dialogs import open_file_name
from kiosk.ui.taskman import TaskManager
from kiosk.ui.theme import COLORS

log = logging.getLogger(__name__)
PREVIEW_ROWS = 100


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport, after a successful import

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None, operator: str = "") -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.operator = operator
        self.table: RosterTable | None = None
        self.preview: ImportReport | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("명단 가져오기"))
        self.resize(1100, 680)

        root = QVBoxLayout(self)
        picker = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Excel(.xlsx) 또는 CSV 파일 (UTF-8 · CP949)"))
        self.path.returnPressed.connect(lambda: self.load(self.path.text()))
        self.browse = QPushButton(self.tr("파일 선택…"))
        self.browse.clicked.connect(self.choose_file)
        picker.addWidget(self.path, 1)
        picker.addWidget(self.browse)
        root.addLayout(picker)

        self.info = QLabel(
            self.tr("가져올 명단 파일을 선택하세요. 첫 줄(머리글)에 '성명' 또는 '이름' 열이 있어야 합니다.")
        )
        self.info.setWordWrap(True)
        root.addWidget(self.info)

        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        self.mapping_note.setStyleSheet(f"color: {COLORS['warning']}; font-weight: 600;")
        self.mapping_toggle = QPushButton(self.tr("열 지정 보기"))
        self.mapping_toggle.setCheckable(True)
        self.mapping_toggle.toggled.connect(lambda on: self.mapping.setVisible(on))
        row = QHBoxLayout()
        row.addWidget(self.mapping_note, 1)
        row.addStretch(0)
        row.addWidget(self.mapping_toggle, 0, Qt.AlignmentFlag.AlignRight)
        root.addLayout(row)
        self.mapping = QTableWidget(0, 3)
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("파일의 머리글"), self.tr("가져올 항목"), self.tr("첫 값")]
        )
        self.mapping.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.mapping.setColumnWidth(1, 190)
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.setMaximumHeight(220)
        root.addWidget(self.mapping)

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 14pt; font-weight: 600;")
        root.addWidget(self.summary)

        self.tabs = QTabWidget()
        self.rows_table = QTableWidget(0, 0)
        self.problems = QTableWidget(0, 2)
        self.problems.setHorizontalHeaderLabels([self.tr("줄"), self.tr("거부 사유")])
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.missing = QTableWidget(0, 2)
        self.missing.setHorizontalHeaderLabels([self.tr("성명"), self.tr("소속")])
        self.missing.horizontalHeader().setStretchLastSection(True)
        for table in (self.rows_table, self.problems, self.missing):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
        self.tabs.addTab(self.rows_table, self.tr("미리 보기"))
        self.tabs.addTab(self.problems, self.tr("거부된 행"))
        self.tabs.addTab(self.missing, self.tr("파일에 없는 기존 참석자"))
        root.addWidget(self.tabs, 1)

        # An indeterminate bar shows no text in most styles: the rows read go in a label beside it.
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress, 1)
        busy_row.addWidget(self.progress_label)
        self.progress.hide()
        self.progress_label.hide()
        root.addLayout(busy_row)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("가져오기"))
        self.import_button.setDefault(True)
        self.import_button.setMinimumHeight(38)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("닫기"))
        self.close_button.setMinimumHeight(38)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        root.addLayout(buttons)
        self._set_mapping_visible(False, "")
        self._set_busy(False)
        self.import_button.setEnabled(False)

    # -- running work off the GUI thread ----------------------------------------------------------

    def _run(self, work: Callable[[Any, Callable[[int], None]], Any], done: Callable[[Any], None]) -> None:
        """`work(service, progress)` on the database worker; `done(result)` back here."""

        def progress(rows: int) -> None:  # on the worker
            self.tasks.run_on_main(alive(self, lambda: self._rows_read(rows)))

        def finished(result: Any) -> None:
            self._set_busy(False)
            done(result)

        self._set_busy(True)
        self.tasks.run(lambda svc: work(svc, progress), alive(self, finished), alive(self, self._error))

    def _rows_read(self, rows: int) -> None:
        if self.busy:
            self.progress_label.setText(self.tr("{0}행 읽음").format(f"{rows:,}"))

    def _error(self, exc: BaseException) -> None:
        if isinstance(exc, RosterFileError | NotWhileApart):
            self._failed(str(exc))
            return
        log.error("roster import job failed", exc_info=exc)
        self._failed(self.tr("예기치 못한 오류로 가져오지 못했습니다: {0}: {1}").format(type(exc).__name__, exc))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        self.progress_label.setText(self.tr("읽는 중…") if busy else "")
        self.progress.setRange(0, 0 if busy else 1)  # 0..0: an indeterminate bar
        for widget in (self.browse, self.path, self.mapping, self.import_button):
            widget.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.summary.setText(message)
        self.summary.setStyleSheet(f"font-size: 14pt; font-weight: 600; color: {COLORS['refused']};")
        self.import_button.setEnabled(False)

    # -- 1. the file -----------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        path = open_file_name(
            self, self.tr("명단 파일 선택"), str(Path.home()),
            self.tr("명단 (*.xlsx *.csv *.txt);;모든 파일 (*)"),
        )  # fmt: skip
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        path = path.strip()
        if not path or self.busy:
            return
        self.path.setText(path)
        self.table = self.preview = self.report = None
        self._clear_results()
        self._run(lambda svc, progress: svc.read_roster(path, progress), self._loaded)

    def _loaded(self, table: RosterTable) -> None:
        self.table = table
        encodings = {"utf-8-sig": "UTF-8 BOM", "utf-8": "UTF-8", "cp949": "CP949", "utf-16": "UTF-16"}
        if table.kind == "xlsx":
            kind = self.tr("Excel · 시트 '{0}'").format(table.sheet)
        else:
            kind = f"CSV · {encodings.get(table.encoding, table.encoding)}"
        self.info.setText(
            self.tr("{0} ({1}) · 머리글 {2}번째 줄 · 명단 {3}행").format(
                Path(self.path.text()).name, kind, table.header_line, len(table.rows)
            )
        )
        self._fill_mapping(table)
        self.update_preview()

    # -- 2. the columns --------------------------------------------------------------------------

    def _fill_mapping(self, table: RosterTable) -> None:
        detected = detect_mapping(table.headers)
        self.mapping.setRowCount(len(table.headers))
        first = table.rows[0][1] if table.rows else []
        for column, header in enumerate(table.headers):
            self.mapping.setItem(
                column, 0, QTableWidgetItem(header or self.tr("(빈 머리글 {0})").format(column + 1))
            )
            choice = QComboBox()
            choice.addItem(self.tr("(가져오지 않음)"), IGNORED)
            for key, label in FIELDS.items():
                choice.addItem(self.tr(label), key)
            choice.setCurrentIndex(max(0, choice.findData(detected.get(column, IGNORED))))
            choice.currentIndexChanged.connect(self.update_preview)  # after the first choice: no storm
            self.mapping.setCellWidget(column, 1, choice)
            self.mapping.setItem(column, 2, QTableWidgetItem(first[column] if column < len(first) else ""))
        unknown = [h for i, h in enumerate(table.headers) if h and i not in detected]
        if "name" not in detected.values():
            note = self.tr("'성명' 열을 찾지 못했습니다. 아래에서 이름이 있는 열을 '성명'으로 지정하세요.")
        elif unknown:
            note = self.tr("알아보지 못한 머리글: {0} — 필요하면 가져올 항목을 지정하세요.").format(
                ", ".join(unknown)
            )
        else:
            note = ""
        self._set_mapping_visible(bool(note), note)

    def _set_mapping_visible(self, show: bool, note: str) -> None:
        self.mapping_note.setText(note)
        self.mapping_note.setVisible(bool(note))
        self.mapping_toggle.setVisible(self.table is not None)
        self.mapping_toggle.setChecked(show)
        self.mapping.setVisible(show)

    def current_mapping(self) -> dict[int, str]:
        chosen: dict[int, str] = {}
        for column in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(column, 1)
            if isinstance(combo, QComboBox):
                chosen[column] = combo.currentData()
        return chosen

    def set_column(self, column: int, field: str) -> None:
        """Choose what a file column holds (the column-mapping step, also used by tests)."""
        combo = self.mapping.cellWidget(column, 1)
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(combo.findData(field))

    # -- 3. preview, then import ------------------------------------------------------------------

    @Slot()
    def update_preview(self) -> None:
        if self.table is None or self.busy:
            return
        table, mapping = self.table, self.current_mapping()
        if "name" not in mapping.values():
            self._failed(
                self.tr("'성명' 열을 지정하세요: 이름이 있는 열의 '가져올 항목'을 '성명'으로 바꾸면 됩니다.")
            )
            self._clear_results(keep_summary=True)
            return
        if self.mapping_note.text() and self.mapping.isVisible():
            self.mapping_note.setText(self.tr("열 지정을 확인했습니다. 아래 미리 보기를 확인하세요."))
        self._run(
            lambda svc, _p: svc.preview_import(table, mapping),
            lambda report: self._show(report, mapping),
        )

    def _show(self, report: ImportReport, mapping: dict[int, str]) -> None:
        self.preview = report
        self.summary.setStyleSheet("font-size: 14pt; font-weight: 600;")
        verb = self.tr("가져오면") if report.dry_run else self.tr("가져왔습니다")
        self.summary.setText(
            self.tr("{0}: 새로 추가 {1}명 · 변경 {2}명 · 그대로 {3}명 · 거부 {4}행 · 파일에 없는 기존 참석자 {5}명").format(
                verb, report.imported, report.updated, report.unchanged, len(report.rejected),
                len(report.missing_from_file),
            )
        )  # fmt: skip
        self._fill_rows(mapping)
        self.problems.setRowCount(len(report.rejected) + len(report.warnings))
        notes = [(p.line, p.reason) for p in report.rejected]
        notes += [(w.line, self.tr("(참고) {0}").format(w.reason)) for w in report.warnings]
        for row, (line, reason) in enumerate(notes):
            self.problems.setItem(row, 0, QTableWidgetItem(str(line)))
            self.problems.setItem(row, 1, QTableWidgetItem(reason))
        self.missing.setRowCount(len(report.missing_from_file))
        for row, person in enumerate(report.missing_from_file):
            self.missing.setItem(row, 0, QTableWidgetItem(person.name))
            self.missing.setItem(row, 1, QTableWidgetItem(person.organization))
        self.tabs.setTabText(1, self.tr("거부된 행 ({0})").format(len(report.rejected)))
        self.tabs.setTabText(
            2, self.tr("파일에 없는 기존 참석자 ({0})").format(len(report.missing_from_file))
        )
        ready = report.dry_run and (report.imported + report.updated) > 0
        if report.dry_run and not ready:
            self.summary.setText(self.summary.text() + self.tr(" — 가져올 새 내용이 없습니다"))
        self.import_button.setEnabled(ready)

    def _fill_rows(self, mapping: dict[int, str]) -> None:
        assert self.table is not None
        columns = [(i, f) for i, f in sorted(mapping.items()) if f != IGNORED]
        self.rows_table.setColumnCount(len(columns) + 1)
        self.rows_table.setHorizontalHeaderLabels([self.tr("줄"), *[self.tr(FIELDS[f]) for _i, f in columns]])
        shown = self.table.rows[:PREVIEW_ROWS]
        self.rows_table.setRowCount(len(shown))
        refused = {p.line for p in (self.preview.rejected if self.preview else [])}
        for row, (line, cells) in enumerate(shown):
            items = [str(line), *[cells[i] if i < len(cells) else "" for i, _f in columns]]
            for column, text in enumerate(items):
                item = QTableWidgetItem(text[:200])
                if line in refused:
                    item.setForeground(Qt.GlobalColor.red)
                self.rows_table.setItem(row, column, item)
        self.rows_table.resizeColumnsToContents()
        for column in range(self.rows_table.columnCount()):
            self.rows_table.setColumnWidth(column, min(self.rows_table.columnWidth(column), 260))

    @Slot()
    def start_import(self) -> None:
        if self.table is None or self.preview is None or self.busy:
            return
        table, mapping = self.table, self.current_mapping()
        self._run(
            lambda svc, _p: svc.apply_import(table, mapping, self.operator),
            lambda report: self._imported(report, mapping),
        )

    def _imported(self, report: ImportReport, mapping: dict[int, str]) -> None:
        self.report = report
        self._show(report, mapping)
        self.import_button.setEnabled(False)
        self.close_button.setText(self.tr("완료"))
        self.imported.emit(report)

    def _clear_results(self, keep_summary: bool = False) -> None:
        if not keep_summary:
            self.summary.clear()
        for table in (self.rows_table, self.problems, self.missing):
            table.setRowCount(0)
        self.import_button.setEnabled(False)

    def reject(self) -> None:
        if self.busy:
            return  # an import in progress finishes (or fails) as a whole first
        super().reject()

"""The default order table (서열표), edited by the supervisor: one row per tier, highest first.

Rows move with the buttons or Alt+↑/↓; a cell lists title endings (or category codes) separated
by commas. Saving only stores the table; "save and re-rank" also numbers the list again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
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

from kiosk.domain.protocol_rules import PrecedenceRules, Tier, default_rules
from kiosk.ui.theme import COLORS

# The table, whether to re-rank everyone now, then `done()` once stored or `refused(text)`
# (the server away …): the save runs on the database worker and the dialog waits for its answer.
Save = Callable[[PrecedenceRules, bool, Callable[[], None], Callable[[str], None]], None]


def _split(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.replace("，", ",").split(",") if x.strip())


class PrecedenceDialog(QDialog):
    def __init__(self, rules: PrecedenceRules, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.busy = False  # a save is on the worker
        self.setWindowTitle(self.tr("기본 서열표"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("위에 있을수록 높은 서열입니다. 직위는 끝말로 맞춥니다 (예: 장관, 국회의원)."))
        )
        form = QFormLayout()
        self.host = QLineEdit(rules.host)
        self.host.setPlaceholderText(self.tr("예: 부산 — 이 도시의 시장이 지역 국회의원보다 앞섭니다"))
        form.addRow(self.tr("개최 도시"), self.host)
        layout.addLayout(form)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("단계"), self.tr("직위 (쉼표로)"), self.tr("구분 코드 (쉼표로)"), self.tr("제외할 직위")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.set_rules(rules)
        row = QHBoxLayout()
        for text, slot in (
            (self.tr("위로 (Alt+↑)"), lambda: self.move(-1)),
            (self.tr("아래로 (Alt+↓)"), lambda: self.move(1)),
            (self.tr("줄 추가"), self.add_row),
            (self.tr("줄 삭제"), self.remove_row),
            (self.tr("기본값으로"), lambda: self.set_rules(default_rules(self.host.text().strip()))),
        ):
            b = QPushButton(text)
            b.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(b)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {COLORS['refused']}; font-weight: 600;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for text, rerank in ((self.tr("저장"), False), (self.tr("저장하고 순위 다시 매기기"), True)):
            b = QPushButton(text)
            b.clicked.connect(lambda _c=False, r=rerank: self.submit(r))
            buttons.addWidget(b)
        cancel = QPushButton(self.tr("취소"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        for keys, steps in (("Alt+Up", -1), ("Alt+Down", 1)):
            QShortcut(QKeySequence(keys), self, activated=lambda s=steps: self.move(s))

    def set_rules(self, rules: PrecedenceRules) -> None:
        self.table.setRowCount(0)
        for tier in rules.tiers:
            self.add_row(tier)

    def add_row(self, tier: Tier | None = None) -> None:
        tier = tier or Tier("")
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate(
            (tier.label, ", ".join(tier.titles), ", ".join(tier.categories), ", ".join(tier.excludes))
        ):
            self.table.setItem(r, c, QTableWidgetItem(text))

    def remove_row(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def move(self, steps: int) -> None:
        r = self.table.currentRow()
        target = r + steps
        if r < 0 or not 0 <= target < self.table.rowCount():
            return
        texts = [self._text(r, c) for c in range(4)]
        self.table.removeRow(r)
        self.table.insertRow(target)
        for c, text in enumerate(texts):
            self.table.setItem(target, c, QTableWidgetItem(text))
        self.table.setCurrentCell(
            target, self.table.currentColumn() if self.table.currentColumn() >= 0 else 0
        )

    def _text(self, r: int, c: int) -> str:
        item = self.table.item(r, c)
        return item.text().strip() if item is not None else ""

    def rules(self) -> PrecedenceRules:
        tiers = []
        for r in range(self.table.rowCount()):
            label, titles, categories, excludes = (self._text(r, c) for c in range(4))
            if not (label or titles or categories):
                continue
            if not label:
                raise ValueError(self.tr("{0}번째 줄에 단계 이름이 없습니다").format(r + 1))
            tiers.append(Tier(label, _split(titles), _split(categories), _split(excludes)))
        if not tiers:
            raise ValueError(self.tr("서열표가 비어 있습니다"))
        return PrecedenceRules(tuple(tiers), host=self.host.text().strip())

    def submit(self, rerank: bool) -> None:
        if self.busy:
            return
        try:
            rules = self.rules()
        except ValueError as exc:
            self._refused(str(exc))
            return
        self.busy = True
        self.error.hide()
        self._save(rules, rerank, self._saved, self._refused)

    def _saved(self) -> None:
        self.busy = False
        self.accept()

    def _refused(self, text: str) -> None:
        self.busy = False
        self.error.setText(text)
        self.error.show()

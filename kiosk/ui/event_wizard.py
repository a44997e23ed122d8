"""새 행사 만들기 (and 행사 정보 편집): basics, program, invitations, summary.

Keyboard only: Tab between fields, Alt+N / Enter for 다음, the program table edits as you type
(Ctrl+N adds a session, Ctrl+Up/Down move it, Ctrl+Delete removes it). Each page checks itself
with the same domain rules as `kiosk event create`, and says what is wrong under its fields.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kiosk.domain.event_setup import (
    MAX_CAPACITY,
    EventSetupError,
    EventSpec,
    Presenter,
    SessionSpec,
    validate,
)

ZONES = [
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Europe/London",
    "America/New_York",
    "UTC",
]
_PRESENTER = re.compile(r"^\s*(.*?)\s*(?:\((.*?)\))?\s*$")


def presenters_text(presenters: tuple[Presenter, ...]) -> str:
    return ", ".join(f"{p.name}({p.organization})" if p.organization else p.name for p in presenters)


def parse_presenters(text: str) -> tuple[Presenter, ...]:
    out = []
    for part in re.split(r",(?![^()]*\))", text):
        if not part.strip():
            continue
        match = _PRESENTER.match(part)
        name, organization = (match.group(1), match.group(2) or "") if match else (part.strip(), "")
        out.append(Presenter(name.strip(), organization.strip()))
    return tuple(out)


def _error_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("errorText")
    label.setWordWrap(True)
    label.hide()
    return label


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.error = _error_label()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        try:
            self.wizard().build_spec(upto=self)  # type: ignore[attr-defined]
        except EventSetupError as exc:
            self.show_error(str(exc))
            return False
        self.show_error("")
        return True


class BasicsPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("1. 기본 정보"), self.tr("행사 이름, 장소, 날짜와 시간, 정원"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("예: 2026 지역균형발전 포럼"))
        self.venue = QLineEdit()
        self.venue.setPlaceholderText(self.tr("예: 대전컨벤션센터"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.starts = QTimeEdit(QTime(14, 0))
        self.ends = QTimeEdit(QTime(17, 0))
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("HH:mm")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(ZONES)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setValue(100)
        self.capacity.setGroupSeparatorShown(True)
        self.capacity.setSuffix(self.tr(" 명"))
        self.hosts = QLineEdit()
        self.hosts.setPlaceholderText(self.tr("쉼표로 구분: 대전광역시, 지역균형발전포럼"))
        self.sponsors = QLineEdit()
        form.addRow(self.tr("행사 이름"), self.name)
        form.addRow(self.tr("장소"), self.venue)
        form.addRow(self.tr("날짜"), self.date)
        times = QHBoxLayout()
        times.addWidget(self.starts)
        times.addWidget(QLabel("–"))
        times.addWidget(self.ends)
        times.addStretch(1)
        form.addRow(self.tr("시작 – 끝"), times)
        form.addRow(self.tr("시간대"), self.timezone)
        form.addRow(self.tr("정원"), self.capacity)
        form.addRow(self.tr("주최"), self.hosts)
        form.addRow(self.tr("후원"), self.sponsors)
        form.addRow(self.error)
        for edit in (self.name, self.venue, self.hosts, self.sponsors):
            edit.textChanged.connect(lambda _t: self.show_error(""))
        for edit in (self.starts, self.ends):
            edit.timeChanged.connect(lambda _t: self.show_error(""))
        self.date.dateChanged.connect(lambda _d: self.show_error(""))
        self.timezone.currentTextChanged.connect(lambda _t: self.show_error(""))

    def day(self) -> datetime:
        d = self.date.date()
        return datetime(d.year(), d.month(), d.day())

    def at(self, hhmm: QTime) -> datetime:
        return self.day() + timedelta(hours=hhmm.hour(), minutes=hhmm.minute())

    def fill(self, spec: EventSpec) -> None:
        self.name.setText(spec.name)
        self.venue.setText(spec.venue)
        self.date.setDate(QDate(spec.starts.year, spec.starts.month, spec.starts.day))
        self.starts.setTime(QTime(spec.starts.hour, spec.starts.minute))
        self.ends.setTime(QTime(spec.ends.hour, spec.ends.minute))
        self.timezone.setCurrentText(spec.timezone)
        self.capacity.setValue(spec.capacity)
        self.hosts.setText(", ".join(spec.hosts))
        self.sponsors.setText(", ".join(spec.sponsors))


class ProgramPage(_Page):
    COLUMNS = 4

    def __init__(self) -> None:
        super().__init__(
            self.tr("2. 프로그램"),
            self.tr(
                "세션마다 시작·끝 시각(HH:MM), 제목, 발표자 — 발표자는 쉼표로: 박정민(충남대학교), 정하늘"
            ),
        )
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("programTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("시작"), self.tr("끝"), self.tr("제목"), self.tr("발표자")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setTabKeyNavigation(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemChanged.connect(lambda _i: self.show_error(""))
        self.table.model().rowsRemoved.connect(lambda *_a: self.show_error(""))
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for text, key, slot in (
            (self.tr("세션 추가 (Ctrl+N)"), "Ctrl+N", self.add_row),
            (self.tr("위로 (Ctrl+↑)"), "Ctrl+Up", lambda: self.move(-1)),
            (self.tr("아래로 (Ctrl+↓)"), "Ctrl+Down", lambda: self.move(1)),
            (self.tr("삭제 (Ctrl+Delete)"), "Ctrl+Delete", self.delete_row),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            QShortcut(QKeySequence(key), self, activated=slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)

    def add_row(self, values: tuple[str, str, str, str] | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(values or ("", "", "", "")):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()

    def _row(self, row: int) -> list[str]:
        return [
            (self.table.item(row, c).text() if self.table.item(row, c) else "") for c in range(self.COLUMNS)
        ]

    def move(self, step: int) -> None:
        row, column = self.table.currentRow(), max(self.table.currentColumn(), 0)
        other = row + step
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        mine, theirs = self._row(row), self._row(other)
        for c in range(self.COLUMNS):
            self.table.item(row, c).setText(theirs[c])
            self.table.item(other, c).setText(mine[c])
        self.table.setCurrentCell(other, column)

    def delete_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def sessions(self, basics: BasicsPage) -> tuple[SessionSpec, ...]:
        out = []
        for row in range(self.table.rowCount()):
            start, end, title, people = (v.strip() for v in self._row(row))
            if not (start or end or title or people):
                continue  # an empty row added by mistake is not a session
            out.append(SessionSpec(self._time(basics, start, row), self._time(basics, end, row), title,
                                   parse_presenters(people)))  # fmt: skip
        return tuple(out)

    def _time(self, basics: BasicsPage, text: str, row: int) -> datetime:
        match = re.fullmatch(r"(\d{1,2}):?(\d{2})", text)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise EventSetupError(
                self.tr("{0}번째 세션: 시각은 HH:MM 으로 적으세요 ({1!r})").format(row + 1, text)
            )
        moment = basics.day() + timedelta(hours=int(match.group(1)), minutes=int(match.group(2)))
        if moment < basics.at(basics.starts.time()) and basics.ends.time() < basics.starts.time():
            moment += timedelta(days=1)  # after midnight on an evening event
        return moment

    def fill(self, spec: EventSpec) -> None:
        self.table.setRowCount(0)
        for item in spec.program:
            self.add_row(
                (f"{item.starts:%H:%M}", f"{item.ends:%H:%M}", item.title, presenters_text(item.presenters))
            )


class InvitationsPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            self.tr("3. 초대장"), self.tr("초대 메일을 보내는 사람과 회신 주소, 개인정보 안내 문구")
        )
        form = QFormLayout(self)
        self.sender_name = QLineEdit()
        self.sender_name.setPlaceholderText(self.tr("예: 포럼 사무국"))
        self.sender_email = QLineEdit()
        self.sender_email.setPlaceholderText("forum@example.org")
        self.reply_to = QLineEdit()
        self.reply_to.setPlaceholderText(self.tr("비우면 보내는 사람 주소로 회신"))
        self.privacy_line = QLineEdit()
        self.privacy_line.setPlaceholderText(
            self.tr("예: 개인정보는 행사 운영에만 쓰고 행사 후 30일 안에 파기합니다.")
        )
        form.addRow(self.tr("보내는 사람 이름"), self.sender_name)
        form.addRow(self.tr("보내는 사람 이메일"), self.sender_email)
        form.addRow(self.tr("회신 주소"), self.reply_to)
        form.addRow(self.tr("개인정보 안내"), self.privacy_line)
        form.addRow(self.error)

    def fill(self, spec: EventSpec) -> None:
        self.sender_name.setText(spec.sender_name)
        self.sender_email.setText(spec.sender_email)
        self.reply_to.setText(spec.reply_to)
        self.privacy_line.setText(spec.privacy_line)


class SummaryPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            self.tr("4. 확인"),
            self.tr("이대로 만들려면 '마침'(Enter)을 누르세요. 나중에 책임자가 고칠 수 있습니다."),
        )
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setObjectName("wizardSummary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.error)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        try:
            spec = self.wizard().build_spec()  # type: ignore[attr-defined]
        except EventSetupError as exc:
            self.summary.setText("")
            self.show_error(str(exc))
            return
        rows = [
            (self.tr("행사"), spec.name), (self.tr("장소"), spec.venue),
            (self.tr("일시"), f"{spec.starts:%Y-%m-%d %H:%M} – {spec.ends:%H:%M} ({spec.timezone})"),
            (self.tr("정원"), self.tr("{0:,}명").format(spec.capacity)),
            (self.tr("주최 · 후원"), ", ".join(spec.hosts + spec.sponsors) or "-"),
            (self.tr("보내는 사람"), f"{spec.sender_name} <{spec.sender_email}>" if spec.sender_email else "-"),
        ]  # fmt: skip
        lines = [f"<b>{label}</b>: {_esc(value)}" for label, value in rows]
        program_label = self.tr("프로그램")
        lines.append(f"<b>{program_label}</b>:")
        for item in spec.program:
            people = presenters_text(item.presenters)
            lines.append(f"&nbsp;&nbsp;{item.starts:%H:%M}–{item.ends:%H:%M} {_esc(item.title)}"
                         + (f" — {_esc(people)}" if people else ""))  # fmt: skip
        self.summary.setText("<br>".join(lines))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class EventWizard(QWizard):
    """`spec` holds the accepted event once the wizard finishes; `initial` pre-fills it (editing)."""

    def __init__(self, parent: QWidget | None = None, initial: EventSpec | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventWizard")
        self.setWindowTitle(self.tr("행사 정보 편집") if initial else self.tr("새 행사 만들기"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("다음 (Alt+N)"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("이전 (Alt+B)"))
        self.setButtonText(
            QWizard.WizardButton.FinishButton, self.tr("마침") if initial is None else self.tr("저장")
        )
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("취소"))
        # A QShortcut, not the button's: QWizard renames its buttons per page, and a button's
        # setText replaces its shortcut with the text's mnemonic.
        QShortcut(QKeySequence("Alt+N"), self, activated=self.next)
        QShortcut(QKeySequence("Alt+B"), self, activated=self.back)
        self.basics, self.program, self.invitations, self.summary = (
            BasicsPage(), ProgramPage(), InvitationsPage(), SummaryPage()
        )  # fmt: skip
        for page in (self.basics, self.program, self.invitations, self.summary):
            self.addPage(page)
        self.spec: EventSpec | None = None
        if initial is not None:
            for page in (self.basics, self.program, self.invitations):
                page.fill(initial)
        self.resize(900, 600)

    def build_spec(self, upto: QWizardPage | None = None) -> EventSpec:
        """The event as entered so far; raises EventSetupError with the first problem."""
        b, i = self.basics, self.invitations
        pages = [self.basics, self.program, self.invitations, self.summary]
        reached = pages.index(upto) if upto in pages else len(pages)
        spec = EventSpec(
            name=b.name.text(), venue=b.venue.text(), starts=b.at(b.starts.time()), ends=b.at(b.ends.time()),
            capacity=b.capacity.value(), timezone=b.timezone.currentText().strip(),
            hosts=tuple(h.strip() for h in b.hosts.text().split(",") if h.strip()),
            sponsors=tuple(s.strip() for s in b.sponsors.text().split(",") if s.strip()),
            program=self.program.sessions(b) if reached >= 1 else (),
            sender_name=i.sender_name.text() if reached >= 2 else "",
            sender_email=i.sender_email.text().strip() if reached >= 2 else "",
            reply_to=i.reply_to.text().strip() if reached >= 2 else "",
            privacy_line=i.privacy_line.text() if reached >= 2 else "",
        )  # fmt: skip
        validate(spec)
        return spec

    def accept(self) -> None:
        try:
            self.spec = self.build_spec()
        except EventSetupError as exc:
            self.summary.show_error(str(exc))
            return
        super().accept()

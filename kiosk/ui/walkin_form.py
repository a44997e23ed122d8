"""Walk-in registration: a short form, a duplicate warning, the capacity check, then check-in.

Everything happens inside the side panel. A probable duplicate is offered instead (Enter
checks in that roster record); a full room offers the supervisor override. The look-up and the
registration run on the database worker (`tasks`); the form follows when they are decided.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.checkin import CheckInVerdict, ScanStatus
from kiosk.domain.labels import CATEGORY_ORDER
from kiosk.domain.models import Category
from kiosk.domain.privacy import mask_email, mask_phone
from kiosk.domain.walkin import (
    MAX_COMPANIONS,
    ProbableDuplicate,
    WalkInInvalid,
    WalkInRequest,
    WalkInResult,
    validate,
)
from kiosk.ui.recent_checkins import SupervisorRunner
from kiosk.ui.window_parts import clear_layout

if TYPE_CHECKING:
    from kiosk.ui.taskman import TaskManager


class WalkInForm(QWidget):
    completed = Signal(object, bool)  # CheckInVerdict, print a badge
    use_existing = Signal(int, int)  # participant id, companions
    refused = Signal(object)  # CheckInVerdict (capacity_full)
    failed = Signal(object)  # a registration that could not be made (the exception)

    def __init__(self, tasks: TaskManager, station: str, require_supervisor: SupervisorRunner,
                 operator: Callable[[], str], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.tasks = tasks
        self.busy = False  # a registration is on its way: a second Enter must not register twice
        self.station = station
        self.require_supervisor = require_supervisor
        self.operator = operator
        self.duplicates: list[ProbableDuplicate] = []
        self._duplicates_seen = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("현장등록"))
        heading.setObjectName("panelHeading")
        layout.addWidget(heading)
        form = QGridLayout()
        form.setVerticalSpacing(6)
        form.setHorizontalSpacing(8)
        self.name = QLineEdit()
        self.organization = QLineEdit()
        self.title = QLineEdit()
        self.category = QComboBox()
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(6)
        labels = self._category_labels()
        for cat in (Category.WALK_IN, *[c for c in CATEGORY_ORDER if c is not Category.WALK_IN]):
            self.category.addItem(labels[cat], cat.value)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("010-0000-0000")
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.com")
        self.companions = QSpinBox()
        self.companions.setRange(0, MAX_COMPANIONS)
        self.companions.setSuffix(self.tr(" 명"))
        self.badge = QCheckBox(self.tr("배지 출력"))
        self.fields = {
            "name": self.name,
            "organization": self.organization,
            "title": self.title,
            "category": self.category,
            "phone": self.phone,
            "email": self.email,
            "companions": self.companions,
        }
        # Two columns of fields: the whole form fits beside the verdict panel at 1366×768.
        rows = [
            (self.tr("이름 *"), self.name, self.tr("소속 *"), self.organization),
            (self.tr("직위"), self.title, self.tr("구분"), self.category),
            (self.tr("휴대전화"), self.phone, self.tr("이메일"), self.email),
            (self.tr("수행원"), self.companions, "", self.badge),
        ]
        for r, (label_a, field_a, label_b, field_b) in enumerate(rows):
            form.addWidget(QLabel(label_a), r, 0)
            form.addWidget(field_a, r, 1)
            form.addWidget(QLabel(label_b), r, 2)
            form.addWidget(field_b, r, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        layout.addLayout(form)
        for edit in (self.name, self.organization, self.title, self.phone, self.email):
            edit.returnPressed.connect(self.submit)
        for edit in (self.name, self.organization, self.phone, self.email):
            edit.textEdited.connect(self._fields_changed)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

        self.dup_box = QFrame()
        self.dup_box.setObjectName("inlineWarning")
        self.dup_layout = QVBoxLayout(self.dup_box)
        self.dup_box.hide()

        use_roster = QShortcut(QKeySequence("Ctrl+Return"), self)
        use_roster.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        use_roster.activated.connect(self.use_first_duplicate)
        for field in self.fields.values():
            # Narrow minimums: the two-column form must fit the side panel in any language.
            field.setMinimumWidth(60)
        buttons = QHBoxLayout()
        self.submit_button = QPushButton(self.tr("등록하고 체크인 (Enter)"))
        self.submit_button.setObjectName("primaryButton")
        self.submit_button.clicked.connect(self.submit)
        self.override_button = QPushButton(self.tr("책임자 승인으로 입장"))
        self.override_button.setObjectName("dangerButton")
        self.override_button.clicked.connect(self.submit_override)
        self.override_button.hide()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.override_button)
        layout.addLayout(buttons)
        # Below the buttons: a duplicate warning never pushes 등록 out of a 768-pixel screen.
        layout.addWidget(self.dup_box)
        layout.addStretch(1)

    def _category_labels(self) -> dict[Category, str]:
        return {
            Category.MINISTRY: self.tr("부처"),
            Category.COMMITTEE: self.tr("지역발전위원회"),
            Category.LAWMAKER: self.tr("국회의원"),
            Category.LOCAL_GOVERNMENT: self.tr("지자체"),
            Category.REGIONAL_INSTITUTION: self.tr("지역기관"),
            Category.ACADEMIA: self.tr("학계"),
            Category.PRESS: self.tr("언론"),
            Category.FORUM: self.tr("포럼"),
            Category.STAFF: self.tr("운영요원"),
            Category.WALK_IN: self.tr("현장등록"),
            Category.OTHER: self.tr("기타"),
        }

    # -- form -----------------------------------------------------------------------------------

    def start(self) -> None:
        """F3: a fresh form, or the half-typed one back as it was (nothing typed is thrown away)."""
        if not self.has_input():
            self.clear()
        self.name.setFocus()

    def has_input(self) -> bool:
        return any(edit.text().strip() for edit in (self.name, self.organization, self.title, self.phone, self.email))

    def clear(self) -> None:
        for edit in (self.name, self.organization, self.title, self.phone, self.email):
            edit.clear()
        self.category.setCurrentIndex(0)
        self.companions.setValue(0)
        self.badge.setChecked(False)
        self._reset_feedback()

    def _reset_feedback(self) -> None:
        self.error.setText("")
        for widget in self.fields.values():
            widget.setProperty("invalid", False)
            widget.setStyleSheet("")
        self.duplicates = []
        self._duplicates_seen = False
        self._show_duplicates()
        self.override_button.hide()

    def _fields_changed(self) -> None:
        # Different details may match different roster records: check again on the next Enter.
        if self._duplicates_seen:
            self.duplicates = []
            self._duplicates_seen = False
            self._show_duplicates()

    def request(self) -> WalkInRequest:
        return WalkInRequest(
            name=self.name.text(),
            organization=self.organization.text(),
            title=self.title.text(),
            category=self.category.currentData(),
            phone=self.phone.text() or None,
            email=self.email.text() or None,
            companions=self.companions.value(),
        )

    def submit(self) -> None:
        """Enter: validate; warn once about probable duplicates; then register."""
        self.error.setText("")
        try:
            request = validate(self.request())
        except WalkInInvalid as exc:
            self._show_problems(exc.problems)
            return
        for widget in self.fields.values():
            widget.setStyleSheet("")
        if self.busy:
            return
        if not self._duplicates_seen:
            self.busy = True

            def looked_up(duplicates: list[ProbableDuplicate]) -> None:
                self.busy = False
                self.duplicates = duplicates
                self._duplicates_seen = True
                if duplicates:
                    self._show_duplicates()
                    return
                self._register(override=False)

            self.tasks.run(lambda svc: svc.walk_in_duplicates(request), on_done=looked_up, on_error=self._failed)
            return
        self._register(override=False)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.failed.emit(exc)

    def submit_override(self) -> None:
        self.require_supervisor(
            self.tr("정원을 넘는 현장등록은 책임자 승인이 필요합니다."), lambda: self._register(override=True)
        )

    def _register(self, *, override: bool) -> None:
        request, operator = self.request(), self.operator()
        self.busy = True

        def error(exc: BaseException) -> None:
            self.busy = False
            if isinstance(exc, WalkInInvalid):
                self._show_problems(exc.problems)
            else:
                self.failed.emit(exc)

        # The service decides where it is written: the file, the shared server, or (apart) this
        # station's copy and journal.
        self.tasks.run(lambda svc: svc.walk_in(request, operator, override=override),
                       on_done=self._registered, on_error=error)  # fmt: skip

    def _registered(self, result: WalkInResult) -> None:
        self.busy = False
        verdict: CheckInVerdict = result.verdict
        if verdict.status is ScanStatus.CAPACITY_FULL:
            self.error.setText(self.tr("정원이 찼습니다. 책임자 승인이 있어야 입장할 수 있습니다."))
            self.override_button.show()
            self.override_button.setFocus()
            self.refused.emit(verdict)
            return
        badge = self.badge.isChecked()
        self.clear()
        self.completed.emit(verdict, badge)

    def _show_problems(self, problems: dict[str, str]) -> None:
        self.error.setText("\n".join(problems.values()))
        for key, widget in self.fields.items():
            widget.setStyleSheet("border: 2px solid #b3261e;" if key in problems else "")
        first = next((self.fields[k] for k in self.fields if k in problems), None)
        if first is not None:
            first.setFocus()

    def _show_duplicates(self) -> None:
        clear_layout(self.dup_layout)
        if not self.duplicates:
            self.dup_box.hide()
            return
        reasons = {"phone": self.tr("같은 전화번호"), "email": self.tr("같은 이메일"),
                   "name_organization": self.tr("같은 이름·소속")}  # fmt: skip
        title = QLabel(self.tr("명단에 이미 있는 분일 수 있습니다"))
        title.setObjectName("warningHeading")
        self.dup_layout.addWidget(title)
        for index, dup in enumerate(self.duplicates[:3]):
            p = dup.participant
            why = ", ".join(reasons.get(r, r) for r in dup.reasons)
            state = self.tr(" — 이미 입장함") if dup.checked_in else ""
            row = QHBoxLayout()
            keys = " (Ctrl+Enter)" if index == 0 else ""
            button = QPushButton(self.tr("{0} 님으로 체크인").format(p.name) + keys)
            button.clicked.connect(lambda _c=False, pid=p.id: self._use(pid))
            detail = QLabel(f"{p.organization} · {p.title or '-'} · {why}{state}")
            detail.setWordWrap(True)
            row.addWidget(button)
            row.addWidget(detail, 1)
            holder = QWidget()
            holder.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            self.dup_layout.addWidget(holder)
        contact = " · ".join(x for x in (mask_phone(self.phone.text()), mask_email(self.email.text())) if x)
        note = QLabel(self.tr("새로 등록하려면 Enter를 한 번 더 누르세요.") + (f"  ({contact})" if contact else ""))
        note.setWordWrap(True)
        self.dup_layout.addWidget(note)
        self.dup_box.show()
        QTimer.singleShot(0, self._reveal_duplicates)

    def _reveal_duplicates(self) -> None:
        # The warning may sit below the fold of the side panel at 768 pixels: scroll to it.
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None and self.dup_box.isVisible():
            area.ensureWidgetVisible(self.dup_box)

    def _use(self, participant_id: int) -> None:
        companions = self.companions.value()
        self.clear()
        self.use_existing.emit(participant_id, companions)

    def use_first_duplicate(self) -> bool:
        """Ctrl+Enter with a duplicate warning showing: check in the roster record instead."""
        if not self.duplicates:
            return False
        self._use(self.duplicates[0].participant.id)
        return True

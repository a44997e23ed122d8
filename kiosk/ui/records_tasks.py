"""How the records' widgets reach the door service, and how its refusals read on screen.

A widget gets the console's `TaskManager` (`tasks`), asks for a use case with
`tasks.run(lambda svc: svc.x(...), on_done=..., on_error=refused(tasks, self.say))` and shows
the refusal inline: a `NotWhileApart` says why the change waits for the server (Korean first,
translated like every other string), a validation error says what is wrong. Anything else is a
fault and goes to the console's fault handler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from kiosk.service import DoorService, NotWhileApart
from kiosk.ui.taskman import TaskManager

log = logging.getLogger(__name__)


def door_tasks(db: Any, event_id: int | None, station: str, parent: QObject | None = None) -> TaskManager:
    """The console's task manager over a database (a plain file, or a station's link)."""
    from kiosk.service.connect import backend_for

    return TaskManager(DoorService(backend_for(db), event_id or 0, station), parent=parent)


def _t(text: str) -> str:
    return QCoreApplication.translate("Refusals", text)


def _apart_text(why: str) -> str:
    # Marked literals, so that pyside6-lupdate finds them; keyed by the service's own sentence.
    from kiosk.service import records, records_protocol

    texts = {
        records.ROSTER_WHY: QT_TRANSLATE_NOOP(
            "Refusals",
            "서버와 연결이 끊겨 명단을 고칠 수 없습니다. 연결이 돌아오면 다시 하세요 — 입장 처리는 계속됩니다."
        ),
        records.EVENT_WHY: QT_TRANSLATE_NOOP(
            "Refusals",
            "서버와 연결이 끊겨 행사 정보를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 입장 처리는 계속됩니다."
        ),
        records.SETTINGS_WHY: QT_TRANSLATE_NOOP(
            "Refusals",
            "서버와 연결이 끊겨 정원·PIN을 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 정원과 PIN을 그대로 "
            "두면 이 컴퓨터의 설정(이름·카메라·소리·언어)은 지금 저장됩니다."
        ),
        records.PIN_WHY: QT_TRANSLATE_NOOP(
            "Refusals",
            "서버와 연결이 끊겨 책임자 PIN을 바꿀 수 없습니다. 모든 입장 데스크가 같은 PIN을 써야 하니 연결이 "
            "돌아오면 다시 하세요."
        ),
        records_protocol.PROTOCOL_WHY: QT_TRANSLATE_NOOP(
            "Refusals",
            "서버와 연결이 끊겨 의전 순위·서열표·소개 문구를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — "
            "도착 현황은 계속 보입니다."
        ),
        records_protocol.SEATING_WHY: QT_TRANSLATE_NOOP(
            "Refusals",
            "서버와 연결이 끊겨 좌석 배치를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 지금 배치로 인쇄는 "
            "됩니다."
        ),
        records.BADGE_WHY: QT_TRANSLATE_NOOP(
            "Refusals",
            "서버와 연결이 끊겨 명찰 인쇄를 기록할 수 없어 인쇄하지 않았습니다. 연결이 돌아오면 다시 하세요."
        ),
    }
    text = texts.get(why)
    return _t(text) if text else why


def refusal_text(exc: BaseException) -> str | None:
    """The inline message for a refused use case, or None when `exc` is a fault."""
    from kiosk.domain.event_setup import EventSetupError
    from kiosk.domain.roles import PinFormatError
    from kiosk.domain.roster import RosterError

    if isinstance(exc, NotWhileApart):
        return _apart_text(exc.case.why)
    if isinstance(exc, RosterError | EventSetupError | PinFormatError | ValueError | LookupError):
        return str(exc)  # the domain's own one-line Korean message
    return None


def refused(tasks: TaskManager, show: Callable[[str], None]) -> Callable[[BaseException], None]:
    """An `on_error` that shows refusals with `show` and hands faults to the fault handler."""

    def on_error(exc: BaseException) -> None:
        text = refusal_text(exc)
        if text is None:
            log.error("operation failed", exc_info=exc)
            tasks.failed.emit(exc)
            return
        show(text)

    return on_error

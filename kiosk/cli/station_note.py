"""One stderr line when a station answered from its own copy because the shared server is away."""

from __future__ import annotations

import sys

from kiosk.service import DoorService

APART_NOTE = (
    "kiosk: 공유 서버와 연결이 끊겨 이 PC의 사본으로 답합니다 (다른 PC의 최근 기록은 빠져 있을 수 있습니다) "
    "(shared server away: answered from this station's copy)"
)


def note_if_apart(service: DoorService) -> None:
    if service.apart:
        print(APART_NOTE, file=sys.stderr)

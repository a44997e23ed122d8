"""The report's tables as column lists, shared by the Excel, CSV and PDF writers.

A column is a Korean header, a way to read the value from a row, and a kind that tells each
writer how to present it (a datetime cell in Excel, "14:03" in the PDF, and so on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from kiosk.report.data import AuditRow, GroupCount, PersonRow

Kind = Literal["text", "int", "datetime", "flag", "percent"]


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Any], Any]
    kind: Kind = "text"


def _flag(value: bool) -> str:
    return "예" if value else ""


NUMBER = Column("번호", lambda _r: None, "int")  # filled in by the writer (row number)
NAME = Column("성명", lambda p: p.name)
ORGANIZATION = Column("소속", lambda p: p.organization)
TITLE = Column("직위", lambda p: p.title)
CATEGORY = Column("구분", lambda p: p.category_label)
REGION = Column("지역", lambda p: p.region)
VIP = Column("VIP", lambda p: _flag(p.is_vip), "flag")
WALK_IN = Column("현장등록", lambda p: _flag(p.is_walk_in), "flag")
ARRIVAL = Column("도착 시각", lambda p: p.first_arrival, "datetime")
STATION = Column("입장 스테이션", lambda p: p.station)
METHOD = Column("입장 방법", lambda p: p.method)
OPERATOR = Column("담당자", lambda p: p.operator)
COMPANIONS = Column("동반인", lambda p: p.companions, "int")
ENTRIES = Column("입장 횟수", lambda p: p.entries, "int")
LEFT = Column("퇴장 시각", lambda p: p.left_at, "datetime")
PHONE = Column("휴대전화", lambda p: p.phone)
EMAIL = Column("이메일", lambda p: p.email)
CODE = Column("등록번호", lambda p: p.external_code)
NOTES = Column("비고", lambda p: p.notes)

ATTENDEE_COLUMNS: list[Column] = [
    NUMBER, NAME, ORGANIZATION, TITLE, CATEGORY, REGION, VIP, WALK_IN, ARRIVAL, STATION, METHOD,
    OPERATOR, COMPANIONS, ENTRIES, LEFT, PHONE, EMAIL, CODE,
]  # fmt: skip
NO_SHOW_COLUMNS: list[Column] = [
    NUMBER, NAME, ORGANIZATION, TITLE, CATEGORY, REGION, VIP, PHONE, EMAIL, CODE, NOTES,
]  # fmt: skip
WALK_IN_COLUMNS: list[Column] = [
    NUMBER, NAME, ORGANIZATION, TITLE, CATEGORY, REGION, ARRIVAL, STATION, OPERATOR, COMPANIONS,
    PHONE, EMAIL,
]  # fmt: skip


def group_columns(first_header: str) -> list[Column]:
    return [
        Column(first_header, lambda g: g.label),
        Column("초청", lambda g: g.invited, "int"),
        Column("참석", lambda g: g.arrived, "int"),
        Column("초청자 참석", lambda g: g.invited_arrived, "int"),
        Column("불참", lambda g: g.no_shows, "int"),
        Column("참석률", lambda g: g.rate, "percent"),
        Column("동반인", lambda g: g.companions, "int"),
    ]


AUDIT_COLUMNS: list[Column] = [
    Column("시각", lambda a: a.at, "datetime"),
    Column("스테이션", lambda a: a.station),
    Column("담당자", lambda a: a.operator),
    Column("동작", lambda a: a.action),
    Column("결과", lambda a: a.outcome),
    Column("참가자 번호", lambda a: a.participant_id, "int"),
    Column("성명", lambda a: a.participant_name),
    Column("체크인 ID", lambda a: a.check_in_id),
    Column("상세", lambda a: a.detail),
]

__all__ = [
    "ATTENDEE_COLUMNS",
    "AUDIT_COLUMNS",
    "NO_SHOW_COLUMNS",
    "WALK_IN_COLUMNS",
    "AuditRow",
    "Column",
    "GroupCount",
    "PersonRow",
    "group_columns",
]

"""Times are stored in UTC and shown in the event's zone (Asia/Seoul), Korean style."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")
_WEEKDAYS = "월화수목금토일"


def local(dt: datetime, zone: str | ZoneInfo = SEOUL) -> datetime:
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    return dt.astimezone(tz)


def korean_date(dt: datetime, zone: str | ZoneInfo = SEOUL) -> str:
    """2017년 11월 22일 (수)"""
    d = local(dt, zone)
    return f"{d.year}년 {d.month}월 {d.day}일 ({_WEEKDAYS[d.weekday()]})"


def hhmm(dt: datetime, zone: str | ZoneInfo = SEOUL) -> str:
    return local(dt, zone).strftime("%H:%M")


def event_when(starts_at: datetime, ends_at: datetime, zone: str | ZoneInfo = SEOUL) -> str:
    """2017년 11월 22일 (수) 14:00–17:00"""
    return f"{korean_date(starts_at, zone)} {hhmm(starts_at, zone)}–{hhmm(ends_at, zone)}"

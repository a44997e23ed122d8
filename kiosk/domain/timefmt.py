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


def english_date(dt: datetime, zone: str | ZoneInfo = SEOUL) -> str:
    """Wed 22 November 2017 (fixed English names: the laptop's locale must not decide)."""
    d = local(dt, zone)
    return f"{_EN_WEEKDAYS[d.weekday()]} {d.day} {_EN_MONTHS[d.month - 1]} {d.year}"


def event_when(starts_at: datetime, ends_at: datetime, zone: str | ZoneInfo = SEOUL, language: str = "ko") -> str:
    """2017년 11월 22일 (수) 14:00–17:00 (English: Wed 22 November 2017, 14:00–17:00)"""
    if language == "en":
        return f"{english_date(starts_at, zone)}, {hhmm(starts_at, zone)}–{hhmm(ends_at, zone)}"
    return f"{korean_date(starts_at, zone)} {hhmm(starts_at, zone)}–{hhmm(ends_at, zone)}"


_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")  # fmt: skip

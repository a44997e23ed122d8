"""Greetings with the right honorific: "김현미 장관님, 환영합니다"."""

from __future__ import annotations

import re

from kiosk.domain.models import Category

# Longest first, so 부위원장 wins over 위원장 and 이사장 over 사장.
_TITLES = sorted(
    [
        "장관", "차관", "차관보", "위원장", "부위원장", "의원", "교수", "명예교수", "시장", "부시장",
        "도지사", "부지사", "군수", "구청장", "청장", "원장", "사장", "부사장", "이사장", "대표",
        "총장", "실장", "국장", "과장", "본부장", "처장", "부장", "팀장", "소장", "회장", "박사",
        "기자", "연구위원", "위원", "단장", "센터장", "관장", "비서관", "보좌관", "사무관", "주무관",
        # Deputies keep their 부: a 부총장 addressed as 총장님 would be promoted on the spot.
        "부원장", "부총장", "부회장", "부소장", "부본부장", "부실장", "부국장", "부청장", "부구청장",
        "부단장", "부센터장", "부관장", "부이사장", "의장", "부의장", "총리", "이사", "대표이사",
    ],
    key=len,
    reverse=True,
)  # fmt: skip


def honorific(title: str, category: Category | str | None = None) -> str:
    """The form of address for a title: "장관님", "의원님", or plain "님"."""
    base = re.sub(r"\(.*?\)|（.*?）", " ", title or "").strip()
    words = base.split()
    last = words[-1] if words else ""
    for known in _TITLES:
        if last.endswith(known):
            return f"{known}님"
    if category in (Category.LAWMAKER, Category.LAWMAKER.value):
        return "의원님"
    return "님"


def address(name: str, title: str, category: Category | str | None = None) -> str:
    """Name with honorific: "김현미 장관님", "홍길동 님"."""
    suffix = honorific(title, category)
    return f"{name}{suffix}" if suffix == "님" else f"{name} {suffix}"


def greeting(name: str, title: str, category: Category | str | None = None) -> str:
    return f"{address(name, title, category)}, 환영합니다"

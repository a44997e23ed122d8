"""Synthetic Korean rosters for tests and benchmarks (deterministic, fictional, example.com)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

HEADERS = [
    "성명",
    "소속",
    "직위",
    "구분",
    "지역",
    "휴대전화",
    "이메일",
    "등록번호",
    "VIP",
    "동반인원",
    "발표자",
    "비고",
]

_SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감호제"
_GIVEN = "민서지현수영준우진호성희은경미정하윤도연재동상석태혜원주명철용기훈승아나리빈예소유다채형보람"
_ORGS = [
    "국토교통부", "산업통상자원부", "지역발전위원회", "부산광역시", "대구광역시", "울산광역시", "세종특별자치시",
    "경상남도", "강원도", "충청북도", "전라북도", "광주광역시", "전라남도", "한국토지주택공사", "한국전력공사",
    "한국가스공사", "국민연금공단", "한국도로공사", "부산대학교", "경북대학교", "전북대학교", "국토연구원",
    "산업연구원", "부산일보", "연합뉴스", "전국혁신도시포럼", "한국남동발전", "한국시설안전공단",
]  # fmt: skip
_TITLES = [
    "장관",
    "차관",
    "국장",
    "과장",
    "사무관",
    "주무관",
    "교수",
    "연구위원",
    "기자",
    "본부장",
    "의원",
    "시장",
    "팀장",
]
_CATEGORIES = ["부처", "지역발전위원회", "국회의원", "지자체", "지역기관", "학계", "언론", "포럼", "기타"]
_REGIONS = ["부산", "대구", "울산", "세종", "경남", "강원", "충북", "광주전남", "전북", "서울"]


def sample_rows(count: int, seed: int = 7) -> list[list[str]]:
    rnd = random.Random(seed)
    rows = []
    for i in range(count):
        name = rnd.choice(_SURNAMES) + rnd.choice(_GIVEN) + rnd.choice(_GIVEN)
        phone = (
            f"010-{1000 + i // 10000:04d}-{i % 10000:04d}"
            if i % 3
            else f"+82 10 {2000 + i // 10000} {i % 10000:04d}"
        )
        rows.append(
            [
                name,
                rnd.choice(_ORGS),
                rnd.choice(_TITLES),
                rnd.choice(_CATEGORIES),
                rnd.choice(_REGIONS),
                phone,
                f"guest{i:05d}@example.com" if i % 10 else "",
                f"R-{i:05d}",
                "Y" if i % 50 == 0 else "",
                str(i % 3),
                "",
                "",
            ]
        )
    return rows


def write_csv(
    path: Path, rows: list[list[str]], *, encoding: str = "utf-8-sig", headers: list[str] | None = None
) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(headers or HEADERS)
        writer.writerows(rows)
    return path


def write_xlsx(
    path: Path, rows: list[list[object]], *, headers: list[str] | None = None, above: int = 0
) -> Path:
    """An .xlsx made with openpyxl (write-only: fast); `above` title rows before the header."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("명단")
    for _ in range(above):
        sheet.append(["혁신도시 시즌2 콘퍼런스 초청 명단"] if _ == 0 else [])
    sheet.append(headers or HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path

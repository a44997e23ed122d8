"""How Korean offices label roster columns and categories, and how their cells are read.

Header and label lookups go through `header_key`/`label_key`, which fold the spellings offices
actually use ("휴대전화(필수)", "E-mail", " 성 명 ", "국회의원실") onto one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kiosk.domain.models import Category

# The roster fields an import can fill, in the order screens list them.
FIELDS: dict[str, str] = {
    "name": "성명",
    "organization": "소속",
    "title": "직위",
    "category": "구분",
    "region": "지역",
    "phone": "휴대전화",
    "email": "이메일",
    "external_code": "등록번호",
    "vip": "VIP",
    "companions": "동반인원",
    "speaker": "발표자",
    "notes": "비고",
    "precedence": "의전순위",
}
IGNORED = "ignore"  # a column the import leaves alone ("연번", or one the user chose to skip)

_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("성명", "이름", "성함", "참석자", "참석자명", "참석자성명", "대상자", "name", "fullname", "성명한글"),
    "organization": (
        "소속", "기관", "기관명", "소속기관", "소속기관명", "회사", "회사명", "단체", "단체명", "소속처",
        "organization", "organisation", "org", "company", "affiliation", "agency",
    ),
    "title": ("직위", "직책", "직급", "직함", "직위직책", "title", "position", "jobtitle", "rank"),
    "category": ("구분", "분류", "유형", "참석구분", "초청구분", "category", "type", "group"),
    "region": ("지역", "시도", "소재지", "region", "area", "province"),
    "phone": (
        "휴대전화", "휴대폰", "핸드폰", "연락처", "전화", "전화번호", "휴대전화번호", "휴대폰번호",
        "핸드폰번호", "휴대번호", "phone", "mobile", "tel", "cellphone", "phonenumber", "mobilephone",
    ),
    "email": ("이메일", "전자우편", "메일", "이메일주소", "메일주소", "전자메일", "email", "mail", "emailaddress"),
    "external_code": (
        "등록번호", "접수번호", "등록코드", "참가번호", "코드", "code", "registrationcode",
        "registrationno", "regno", "regcode", "ticket", "ticketcode",
    ),
    "vip": ("vip", "귀빈", "주요인사", "의전", "의전대상", "vvip"),
    "companions": ("동반인원", "동반자", "동반", "동반자수", "수행인원", "수행원", "companions", "guests", "plus"),
    "speaker": ("발표자", "연사", "발표", "speaker", "presenter"),
    "notes": ("비고", "메모", "참고", "참고사항", "특이사항", "notes", "note", "remarks", "memo", "comment"),
    "precedence": ("의전순위", "서열", "의전서열", "precedence", "protocolrank", "order of precedence"),
    IGNORED: ("연번", "번호", "순번", "no", "num", "#", "순서"),
}  # fmt: skip

_CATEGORY_ALIASES: dict[Category, tuple[str, ...]] = {
    Category.MINISTRY: ("부처", "정부부처", "중앙부처", "중앙행정기관", "정부", "ministry", "government"),
    Category.COMMITTEE: ("지역발전위원회", "지발위", "위원회", "committee"),
    Category.LAWMAKER: ("국회의원", "국회", "의원", "의원실", "국회의원실", "보좌진", "lawmaker", "assembly"),
    Category.LOCAL_GOVERNMENT: (
        "지자체", "지방자치단체", "지방정부", "시도", "광역지자체", "기초지자체", "localgovernment", "local",
    ),
    Category.REGIONAL_INSTITUTION: (
        "지역기관", "이전기관", "이전공공기관", "공공기관", "혁신도시기관", "연구기관", "연구원", "기관",
        "regionalinstitution", "institution", "agency",
    ),
    Category.ACADEMIA: ("학계", "대학", "대학교", "학회", "교수", "academia", "university"),
    Category.PRESS: ("언론", "언론사", "기자", "취재", "보도", "프레스", "press", "media"),
    Category.FORUM: ("포럼", "전국혁신도시포럼", "forum"),
    Category.STAFF: ("운영요원", "운영", "스태프", "진행요원", "주최측", "staff"),
    Category.WALK_IN: ("현장등록", "현장", "walkin"),
    Category.OTHER: ("기타", "일반", "일반참석", "other", "general"),
}  # fmt: skip

# Substrings that decide a category when the label is not a known spelling ("○○시청" → 지자체).
_CATEGORY_HINTS: tuple[tuple[str, Category], ...] = (
    ("국회", Category.LAWMAKER),
    ("의원", Category.LAWMAKER),
    ("지역발전", Category.COMMITTEE),
    ("지자체", Category.LOCAL_GOVERNMENT),
    ("시청", Category.LOCAL_GOVERNMENT),
    ("도청", Category.LOCAL_GOVERNMENT),
    ("대학", Category.ACADEMIA),
    ("언론", Category.PRESS),
    ("포럼", Category.FORUM),
    ("부처", Category.MINISTRY),
    ("공공기관", Category.REGIONAL_INSTITUTION),
)

_PUNCTUATION = re.compile(r"[\s_\-.·ㆍ・*:/\\'\"#]+")
_PARENTHESES = re.compile(r"\(.*?\)|（.*?）|\[.*?\]")


def header_key(text: object) -> str:
    """ "휴대전화(필수)", " E-mail ", "성 명*" → "휴대전화", "email", "성명"."""
    folded = unicodedata.normalize("NFKC", str(text or "")).lower()
    without = _PARENTHESES.sub("", folded)
    key = _PUNCTUATION.sub("", without)
    # A header that is only a parenthesis ("(필수)") keeps its content rather than vanishing.
    return key or _PUNCTUATION.sub("", folded)


_HEADER_INDEX = {header_key(alias): field for field, aliases in _HEADER_ALIASES.items() for alias in aliases}
_CATEGORY_INDEX = {header_key(alias): cat for cat, aliases in _CATEGORY_ALIASES.items() for alias in aliases}
_CATEGORY_INDEX.update({header_key(cat.value): cat for cat in Category})


def field_for_header(text: object) -> str | None:
    """The field a column header names, IGNORED for numbering columns, None when unknown."""
    key = header_key(text)
    if not key:
        return None
    if key in _HEADER_INDEX:
        return _HEADER_INDEX[key]
    # "참석자 성명", "소속 기관": a known header ending a longer one. Not a prefix: "이메일 수신동의"
    # is not an e-mail column.
    for alias, field in _HEADER_INDEX.items():
        if len(alias) >= 2 and field != IGNORED and key.endswith(alias):
            return field
    return None


@lru_cache(maxsize=4096)
def category_from_label(label: str | None) -> tuple[Category, bool]:
    """The category a Korean or English label names, and whether the label was recognised.

    An empty label is OTHER and counts as recognised; an unknown one is OTHER, not recognised.
    """
    key = header_key(label)
    if not key:
        return Category.OTHER, True
    if key in _CATEGORY_INDEX:
        return _CATEGORY_INDEX[key], True
    for hint, category in _CATEGORY_HINTS:
        if hint in key:
            return category, True
    return Category.OTHER, False


_FALSE = {"", "n", "no", "x", "×", "아니오", "아니요", "없음", "무", "0", "false", "-", "f"}


@lru_cache(maxsize=4096)
def parse_flag(text: object) -> bool:
    """Y/예/O/○/1/TRUE/any mark → True; blank, N, X, 아니오, 0 → False."""
    if isinstance(text, bool):
        return text
    return header_key(text) not in _FALSE and str(text).strip() not in _FALSE


_COUNT = re.compile(r"^\s*(\d{1,3})\s*(명|인|people|persons?)?\s*$", re.IGNORECASE)
MAX_COMPANIONS = 50


def parse_count(text: object) -> int | None:
    """ "2", "2명", "" → 2, 2, 0; None when the cell is not a small whole number."""
    if not text:
        return 0
    if isinstance(text, str) and text.isascii() and text.isdigit():
        return int(text) if int(text) <= MAX_COMPANIONS else None
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return int(text) if float(text).is_integer() and 0 <= text <= MAX_COMPANIONS else None
    cleaned = unicodedata.normalize("NFKC", str(text)).strip()
    if cleaned in ("", "-", "없음", "무"):
        return 0
    match = _COUNT.match(cleaned)
    if not match:
        return None
    value = int(match.group(1))
    return value if value <= MAX_COMPANIONS else None

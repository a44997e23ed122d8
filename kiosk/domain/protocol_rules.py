"""The default order of precedence: an editable table of tiers matched by title and category.

Korea has no statutory order; the Ministry of the Interior and Safety keeps a customary one, and
every organiser adjusts it. So the table below is only a starting point, stored per database in
the settings table (key "protocol.rules") where the supervisor edits it. Assigning the default
order numbers everyone it matches 1..N; hand-made changes afterwards are kept until the next
assignment.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain import audit
from kiosk.domain.models import Category, Event, InvitationStatus, Participant
from kiosk.domain.roles import get_setting, put_setting

RULES_KEY = "protocol.rules"


@dataclass(frozen=True)
class Tier:
    """One step of the order: people whose title ends with one of `titles` (or whose category is
    one of `categories` when no title tier matched)."""

    label: str
    titles: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    excludes: tuple[str, ...] = field(default=())  # title endings that are NOT this tier (부시장)


@dataclass(frozen=True)
class PrecedenceRules:
    tiers: tuple[Tier, ...]
    # At its own events the host city's (or province's) head comes before the local lawmakers.
    host: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {"host": self.host, "tiers": [asdict(t) for t in self.tiers]}, ensure_ascii=False, indent=1
        )

    @classmethod
    def from_json(cls, text: str) -> PrecedenceRules:
        """The table from JSON; ValueError (one Korean line) for anything but a well-formed table:
        a string where a list belongs would match by single letters, an empty title everybody."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"서열표 JSON을 읽을 수 없습니다: {exc.msg} ({exc.lineno}행)") from exc
        if isinstance(data, dict) and data.get("tiers") == []:
            raise ValueError("서열표가 비어 있습니다")
        if not isinstance(data, dict) or not isinstance(data.get("tiers"), list):
            raise ValueError('서열표는 {"host": "...", "tiers": [{"label": ..., "titles": [...]}, ...]} 모양이어야 합니다')
        host = data.get("host", "")
        if not isinstance(host, str):
            raise ValueError("host 는 문자열이어야 합니다")
        known = {c.value for c in Category}
        tiers = []
        for n, t in enumerate(data["tiers"], 1):
            if not isinstance(t, dict) or not isinstance(t.get("label"), str) or not t["label"].strip():
                raise ValueError(f"{n}번째 단계: label(이름)이 있는 객체여야 합니다")
            lists = {}
            for key in ("titles", "categories", "excludes"):
                value = t.get(key, [])
                if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
                    raise ValueError(f"{n}번째 단계 '{t['label']}': {key} 는 비어 있지 않은 문자열의 목록이어야 합니다")
                lists[key] = tuple(x.strip() for x in value)
            unknown = [c for c in lists["categories"] if c not in known]
            if unknown:
                raise ValueError(f"{n}번째 단계 '{t['label']}': 모르는 구분 {', '.join(unknown)} (가능: {', '.join(sorted(known))})")
            if not lists["titles"] and not lists["categories"]:
                raise ValueError(f"{n}번째 단계 '{t['label']}': titles 나 categories 중 하나는 있어야 합니다")
            tiers.append(Tier(label=t["label"].strip(), **lists))
        return cls(tiers=tuple(tiers), host=host.strip())


# 장관 → 위원장 → 국회의원 → 시·도지사 → 차관 → …; metropolitan mayors and governors sit at
# vice-minister level, so they come just before the vice-ministers.
DEFAULT_TIERS: tuple[Tier, ...] = (
    Tier("국무총리·부총리", titles=("국무총리", "부총리")),
    Tier("장관", titles=("장관",), excludes=("차관", "부장관")),
    # By title only: a committee's 과장 or 사무관 is not its chair (a category fallback here once
    # ranked the committee's clerks above the lawmakers).
    Tier("위원장 (대통령 직속)", titles=("위원장",), excludes=("부위원장", "정책위원장")),
    Tier(
        "국회의원",
        titles=("국회의원", "의원"),
        categories=(Category.LAWMAKER.value,),
        excludes=("시의원", "도의원", "구의원", "군의원", "보좌관", "비서관"),
    ),
    Tier("시·도지사", titles=("광역시장", "특별시장", "도지사", "특별자치시장", "특별자치도지사")),
    Tier("차관", titles=("차관",), excludes=("차관보",)),
    Tier("부시장·부지사", titles=("부시장", "부지사")),
    Tier("시장·군수·구청장", titles=("시장", "군수", "구청장"), excludes=("부시장", "부군수", "부구청장")),
    Tier("차관보·실장·청장", titles=("차관보", "실장", "청장", "처장"), excludes=("부청장",)),
    Tier("기관장", titles=("원장", "사장", "이사장", "총장", "회장", "대표"), excludes=("부원장", "부사장")),
    Tier("국장·본부장", titles=("국장", "본부장", "단장"), excludes=("부국장",)),
)


def default_rules(host: str = "") -> PrecedenceRules:
    return PrecedenceRules(tiers=DEFAULT_TIERS, host=host)


def host_of(event: Event) -> str:
    """The host city a venue names: "부산 벡스코(BEXCO)" → "부산"."""
    first = re.split(r"[\s(]", (event.venue or "").strip(), maxsplit=1)[0]
    return re.sub(r"(특별시|광역시|특별자치시|특별자치도|시|도)$", "", first)


def load_rules(session: Session, event: Event | None = None) -> PrecedenceRules:
    stored = get_setting(session, RULES_KEY)
    if stored:
        try:
            return PrecedenceRules.from_json(stored)
        except (ValueError, KeyError, TypeError):
            pass  # a damaged table falls back to the default rather than stopping the desk
    return default_rules(host_of(event) if event is not None else "")


def save_rules(session: Session, rules: PrecedenceRules, *, station: str = "", operator: str = "") -> None:
    put_setting(session, RULES_KEY, rules.to_json())
    audit.record(session, action="protocol_rules", outcome="ok", station=station, operator=operator,
                 tiers=len(rules.tiers), host=rules.host)  # fmt: skip


def _title_words(title: str) -> str:
    return re.sub(r"\(.*?\)|（.*?）|\s+", "", title or "")


def tier_index(rules: PrecedenceRules, title: str, category: str) -> int | None:
    """The tier a person falls in (0 = highest), or None when the table does not list them."""
    words = _title_words(title)
    for index, tier in enumerate(rules.tiers):
        if words and any(words.endswith(x) for x in tier.excludes):
            continue
        if words and any(words.endswith(t) for t in tier.titles):
            return index
    for index, tier in enumerate(rules.tiers):
        if category in tier.categories and not (words and any(words.endswith(x) for x in tier.excludes)):
            return index
    return None


def _metropolitan_head(title: str, organization: str) -> bool:
    words = _title_words(title)
    metro = re.search(r"(특별시|광역시|특별자치시|도)$", (organization or "").strip()) is not None
    return (
        metro
        and (words.endswith("시장") or words.endswith("도지사") or words.endswith("지사"))
        and not (words.endswith("부시장") or words.endswith("부지사"))
    )


def _is_host_head(rules: PrecedenceRules, title: str, organization: str) -> bool:
    words = _title_words(title)
    head = (words.endswith("시장") and not words.endswith("부시장")) or (
        words.endswith("지사") and not words.endswith("부지사")
    )
    return bool(rules.host) and head and (organization or "").startswith(rules.host)


def default_rank_key(rules: PrecedenceRules, p: Participant) -> tuple[float, int] | None:
    """Sort key of the default order; None for people the table does not list."""
    index = tier_index(rules, p.title, Category(p.category).value)
    if index is None:
        return None
    labels = [t.label for t in rules.tiers]
    if _metropolitan_head(p.title, p.organization) and "시·도지사" in labels:
        index = labels.index("시·도지사")
    if _is_host_head(rules, p.title, p.organization) and "국회의원" in labels:
        # Just ahead of the lawmakers: the host's head welcomes them at home.
        return labels.index("국회의원") - 0.5, p.id
    return float(index), p.id


def assign_default_order(session: Session, event_id: int, *, station: str = "", operator: str = "") -> int:
    """Number everyone the table lists 1..N in the default order (inside a write transaction).

    People the table does not list have no rank afterwards (the default order is a reset: a
    mistaken table's ranks do not linger). Returns how many were ranked.
    """
    event = session.get(Event, event_id)
    if event is None:
        raise LookupError(f"event {event_id} does not exist")
    rules = load_rules(session, event)
    people = session.scalars(
        select(Participant).where(
            Participant.event_id == event_id, Participant.status == InvitationStatus.INVITED
        )
    ).all()
    keyed = [(default_rank_key(rules, p), p) for p in people]
    listed = sorted(((k, p) for k, p in keyed if k is not None), key=lambda kp: kp[0])
    for _k, person in keyed:
        if _k is None:
            person.precedence = None
    for rank, person in enumerate([p for _k, p in listed], start=1):
        person.precedence = rank
    audit.record(session, action="protocol_default_order", outcome="ok", event_id=event_id,
                 station=station, operator=operator, ranked=len(listed))  # fmt: skip
    return len(listed)

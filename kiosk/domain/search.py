"""Instant roster search for the front desk: a few letters of a name, its initial consonants
("ㄱㅎㅁ" finds 김현미), an organization, the last four phone digits, an e-mail or a code.

The index keeps one newline-separated string per field, with the roster sorted by name, and
searches it with compiled regular expressions, so every keystroke costs a few C-level scans
rather than a Python loop over 10,000 people. Matches are ranked in tiers (exact name first);
tiers are scanned best first and scanning stops once `limit` people are found.

Hangul typed with the IME left in English mode ("rlagusal") finds 김현미 too, ranked just below
real matches. Statuses come from check-ins: after a check-in, call `refresh_status(session)` (one cheap query
pair) or load the index again.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.codes import external_code_key
from kiosk.domain.hangul_keys import looks_like_mistyped_hangul
from kiosk.domain.models import Category, Participant
from kiosk.domain.phones import digits_of, last_four
from kiosk.domain.roster import arrived_ids, event_has_ended, participant_status

_CHOSUNG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_SYLLABLES = 0xAC00
_PER_INITIAL = 21 * 28
MAX_QUERY = 100
_JAMO = re.compile("[\u3131-\u318e]")
MAX_TOKENS = 4
MISTYPED_WEIGHT = 0.9


@dataclass(frozen=True)
class SearchHit:
    id: int
    name: str
    organization: str
    title: str
    category: str
    status: str
    phone_last4: str
    score: float


def fold(text: str | None) -> str:
    """Lower-case, width-folded, without spaces; Hangul compatibility jamo kept as typed.

    (NFKC alone would turn "ㄱ" into a conjoining jamo and break 초성 queries.)
    """
    text = text or ""
    if not text.isascii():
        if _JAMO.search(text):
            text = "".join(ch if _JAMO.match(ch) else unicodedata.normalize("NFKC", ch) for ch in text)
        elif not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    return "".join(text.lower().split())


def chosung(text: str) -> str:
    """ "김현미" → "ㄱㅎㅁ" (other characters unchanged)."""
    out = []
    for ch in text:
        index = ord(ch) - _SYLLABLES
        out.append(_CHOSUNG[index // _PER_INITIAL] if 0 <= index < 11172 else ch)
    return "".join(out)


def _char_pattern(ch: str, last: bool) -> str:
    initial = _CHOSUNG.find(ch)
    if initial >= 0:
        # A lone consonant stands for any syllable starting with it: 초성 search.
        first = _SYLLABLES + initial * _PER_INITIAL
        return f"[{ch}{chr(first)}-{chr(first + _PER_INITIAL - 1)}]"
    index = ord(ch) - _SYLLABLES
    if last and 0 <= index < 11172 and index % 28 == 0:
        # The syllable still being typed ("혀" on the way to "현") matches any final consonant.
        return f"[{ch}-{chr(ord(ch) + 27)}]"
    return re.escape(ch)


def query_pattern(folded: str) -> str:
    return "".join(_char_pattern(ch, i == len(folded) - 1) for i, ch in enumerate(folded))


class _Column:
    """One field of every entry, joined as "\\nvalue0\\nvalue1\\n…\\n"."""

    def __init__(self, values: Iterable[str]) -> None:
        values = list(values)
        self.starts: list[int] = []
        offset = 1
        for value in values:
            self.starts.append(offset)
            offset += len(value) + 1
        self.blob = "\n" + "\n".join(values) + "\n"

    def entries(self, pattern: re.Pattern[str], anchored: bool) -> Iterable[int]:
        shift = 1 if anchored else 0  # an anchored match begins at the newline before the value
        for match in pattern.finditer(self.blob):
            yield bisect_right(self.starts, match.start() + shift) - 1


class RosterIndex:
    """The event's roster in memory, ready for search-as-you-type."""

    def __init__(self, event_id: int, rows: list[tuple]) -> None:  # type: ignore[type-arg]
        self.event_id = event_id
        folded = sorted(((fold(r[1]), r) for r in rows), key=lambda pair: (pair[0], pair[1][0]))
        rows = [r for _name, r in folded]
        self.ids = [r[0] for r in rows]
        self._position = {pid: i for i, pid in enumerate(self.ids)}
        self.names = [r[1] for r in rows]
        self.organizations = [r[2] or "" for r in rows]
        self.titles = [r[3] or "" for r in rows]
        self.categories = [Category(r[4]).value for r in rows]
        self.last4 = [last_four(r[5]) for r in rows]
        self.statuses = ["invited"] * len(rows)
        organizations = [fold(r[2]) for r in rows]
        self._columns = {
            "name": _Column(name for name, _r in folded),
            "name_initials": _Column(chosung(name) for name, _r in folded),
            "organization": _Column(organizations),
            "organization_initials": _Column(chosung(o) for o in organizations),
            "title": _Column(fold(r[3]) for r in rows),
            "email": _Column(fold(r[6]) for r in rows),
            "code": _Column(external_code_key(r[7]) for r in rows),
            "phone": _Column(digits_of(r[5] or "") for r in rows),
            "last4": _Column(self.last4),
        }

    @classmethod
    def load(cls, session: Session, event_id: int) -> RosterIndex:
        rows = session.execute(
            select(
                Participant.id, Participant.name, Participant.organization, Participant.title,
                Participant.category, Participant.phone, Participant.email, Participant.external_code,
            ).where(Participant.event_id == event_id)
        ).all()  # fmt: skip
        index = cls(event_id, [tuple(r) for r in rows])
        index.refresh_status(session)
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def refresh_status(self, session: Session) -> None:
        """Re-read invitation states and check-ins (two small queries): call after a check-in."""
        arrived = arrived_ids(session, self.event_id)
        ended = event_has_ended(session, self.event_id)
        rows = session.execute(
            select(Participant.id, Participant.status, Participant.is_walk_in).where(
                Participant.event_id == self.event_id
            )
        )
        for pid, invitation, walk_in in rows:
            i = self._position.get(pid)
            if i is not None:
                self.statuses[i] = participant_status(
                    invitation=invitation, walk_in=walk_in, arrived=pid in arrived, event_ended=ended
                )

    # -- searching -------------------------------------------------------------------------------

    def _tiers(self, q: str) -> list[tuple[float, str, str, bool]]:
        """(score, column, regex, anchored) best first, for one folded query token."""
        if all(ch in _CHOSUNG for ch in q):
            # Initial consonants only ("ㄱㅎㅁ"): a plain search in the names' 초성 is much faster
            # than character classes over the names themselves.
            j = re.escape(q)
            return [
                (100.0, "name_initials", rf"\n{j}\n", True),
                (80.0, "name_initials", rf"\n{j}", True),
                (60.0, "name_initials", j, False),
                (50.0, "organization_initials", rf"\n{j}\n", True),
                (45.0, "organization_initials", rf"\n{j}", True),
                *([(30.0, "organization_initials", j, False)] if len(q) >= 2 else []),
            ]
        p = query_pattern(q)
        tiers = [(100.0, "name", rf"\n{p}\n", True)]
        code = external_code_key(q)  # the same key as the scan and the roster (domain/codes.py)
        plain = q.isascii()
        if code.isascii() and code:
            tiers.append((100.0, "code", rf"\n{re.escape(code)}\n", True))
        if "@" in q:
            tiers.append((95.0, "email", rf"\n{re.escape(q)}\n", True))
        tiers.append((80.0, "name", rf"\n{p}", True))
        digits = q.replace("-", "")
        if digits.isdigit():
            if len(digits) == 4:
                tiers.append((70.0, "last4", rf"\n{digits}\n", True))
            if len(digits) >= 4:
                tiers.append((35.0, "phone", re.escape(digits), False))
        words = not digits.isdigit()  # "7442" is a phone or a code, not part of a name
        if words:
            tiers.append((60.0, "name", p, False))
        if code.isascii() and len(code) >= 2:
            tiers.append((55.0, "code", re.escape(code), False))
        if plain and len(q) >= 2:
            tiers.append((50.0, "email", rf"\n{re.escape(q)}", True))
            tiers.append((40.0, "email", re.escape(q), False))
        tiers.append((50.0, "organization", rf"\n{p}\n", True))
        tiers.append((45.0, "organization", rf"\n{p}", True))
        if len(q) >= 2:
            tiers.append((30.0, "organization", p, False))
        if len(q) >= 2 and words:
            tiers.append((20.0, "title", p, False))
        tiers.sort(key=lambda t: -t[0])
        return tiers

    def _scores(self, q: str, enough: int | None) -> dict[int, float]:
        """Entry position → best score for one token.

        Tiers run best first, each in name order, so once `enough` people are found every later
        match ranks below them: scanning stops there (ties with an earlier tier of the same score
        may then be ordered by tier rather than by name, which nobody can tell).
        """
        found: dict[int, float] = {}
        for score, column, regex, anchored in self._tiers(q):
            for i in self._columns[column].entries(_compiled(regex), anchored):
                if i not in found:
                    found[i] = score
                    if enough is not None and len(found) >= enough:
                        return found
        return found

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Ranked hits, exact name first; ties in name order."""
        raw = (query or "")[:MAX_QUERY]
        whole = fold(raw)
        if not whole or limit <= 0:
            return []
        scores = self._scores(whole, limit)
        meant = looks_like_mistyped_hangul(whole)
        if meant:
            # "rlagusal" typed with the IME on 영: 김현미, ranked just below real matches.
            for i, score in self._scores(fold(meant), limit).items():
                scores[i] = max(scores.get(i, 0.0), score * MISTYPED_WEIGHT)
        tokens = [t for t in (fold(part) for part in raw.split()) if t][:MAX_TOKENS]
        if len(tokens) > 1:
            # "김현미 국토": every word must match some field; the scores add up.
            per_token = [self._scores(t, None) for t in tokens]
            common = set.intersection(*(set(s) for s in per_token))
            for i in common:
                scores[i] = max(scores.get(i, 0.0), sum(s[i] for s in per_token))
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self._hit(i, score) for i, score in best]

    def _hit(self, i: int, score: float) -> SearchHit:
        return SearchHit(
            id=self.ids[i],
            name=self.names[i],
            organization=self.organizations[i],
            title=self.titles[i],
            category=self.categories[i],
            status=self.statuses[i],
            phone_last4=self.last4[i],
            score=score,
        )


@lru_cache(maxsize=256)
def _compiled(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


def search_participants(session: Session, event_id: int, query: str, limit: int = 20) -> list[SearchHit]:
    """One-off search (loads the index each time; keep a RosterIndex for search-as-you-type)."""
    return RosterIndex.load(session, event_id).search(query, limit)

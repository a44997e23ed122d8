"""Importing a roster file into the active event: validate every row, match people already on
the roster (registration code, then e-mail, then name + organization), and write the valid rows
in one transaction. Re-importing the same or an updated file never creates anybody twice.

Three steps, usable one by one (the import dialog previews between them):
    table = read_roster_file(path)            # roster_files: text rows, or RosterFileError
    parsed = parse_table(table, mapping)      # per-row checks, refusals with line numbers
    plan = plan_import(session, event, parsed) ; apply_plan(session, event, plan)
`import_roster` does all three.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.domain import audit
from kiosk.domain.codes import external_code_key
from kiosk.domain.events import require_active_event
from kiosk.domain.phones import normalise_phone
from kiosk.domain.protocol_edit import parse_precedence
from kiosk.domain.roster import (
    ParticipantFields,
    clean_email,
    clean_name,
    clean_notes,
    clean_text,
    field_problems,
)
from kiosk.domain.roster_columns import (
    FIELDS,
    IGNORED,
    category_from_label,
    field_for_header,
    parse_count,
    parse_flag,
)
from kiosk.domain.roster_files import REPLACEMENT, Progress, RosterFileError, RosterTable, read_roster_file
from kiosk.domain.roster_match import (
    ImportPlan,
    MissingPerson,
    ParsedRoster,
    ParsedRow,
    RowProblem,
    apply_plan,
    plan_import,
)
from kiosk.storage.engine import Database

__all__ = [
    "ImportPlan", "ImportReport", "MissingPerson", "ParsedRoster", "ParsedRow", "RosterFileError",
    "RowProblem", "apply_plan", "detect_mapping", "import_roster", "import_table", "parse_table",
    "plan_import", "read_roster_file", "resolve_mapping",
]  # fmt: skip

# File field → ParticipantFields attribute.
_ATTRIBUTE = {"vip": "is_vip", "speaker": "is_speaker", "companions": "companions_allowed"}


def detect_mapping(headers: list[str]) -> dict[int, str]:
    """Column index → field for the headers we recognise (the first column of each field wins)."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        found = field_for_header(header)
        if found is None or (found != IGNORED and found in taken):
            continue
        mapping[index] = found
        taken.add(found)
    return mapping


def resolve_mapping(headers: list[str], overrides: Mapping[str, str] | None = None) -> dict[int, str]:
    """Detected mapping with the user's choices on top ({header text or column number: field})."""
    mapping = detect_mapping(headers)
    for key, wanted in (overrides or {}).items():
        if wanted not in FIELDS and wanted != IGNORED:
            raise RosterFileError(f"알 수 없는 항목입니다: {wanted} (가능: {', '.join(FIELDS)}, {IGNORED})")
        indexes = [i for i, h in enumerate(headers) if h == key]
        if not indexes and str(key).isdigit() and 1 <= int(key) <= len(headers):
            indexes = [int(key) - 1]
        if not indexes:
            raise RosterFileError(f"파일에 '{key}' 열이 없습니다")
        for index, current in list(mapping.items()):
            if current == wanted and wanted != IGNORED:
                del mapping[index]  # one column per field
        mapping[indexes[0]] = wanted
    return mapping


def _code_key(code: str | None) -> str:
    return external_code_key(code)  # the one rule (domain/codes.py) the roster and scans use


def parse_table(table: RosterTable, mapping: Mapping[int, str] | None = None) -> ParsedRoster:
    """Check every data row. Raises RosterFileError when the file has no name column or no rows."""
    mapping = dict(detect_mapping(table.headers) if mapping is None else mapping)
    used = {i: f for i, f in mapping.items() if f != IGNORED}
    if "name" not in used.values():
        raise RosterFileError(
            "성명(이름) 열을 찾을 수 없습니다. 첫 줄에 '성명' 또는 '이름' 머리글이 있어야 합니다"
            f" (찾은 머리글: {', '.join(h for h in table.headers if h)[:200] or '없음'})."
        )
    if not table.rows:
        raise RosterFileError("머리글만 있고 명단 행이 없습니다 (header only).")
    present = frozenset(_ATTRIBUTE.get(f, f) for f in used.values())
    rows: list[ParsedRow] = []
    rejected: list[RowProblem] = []
    warnings: list[RowProblem] = []
    seen_code: dict[str, int] = {}
    seen_email: dict[str, int] = {}
    seen_person: dict[tuple[str, str], int] = {}
    pairs = list(used.items())
    width = max(used) + 1
    for line, cells in table.rows:
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        values = {f: cells[i] for i, f in pairs}
        joined = "".join(values.values())
        if not joined:
            continue  # a blank line, or one holding only a row number
        formula = [FIELDS[f] for f, v in values.items() if v[:1] == "="] if "=" in joined else []
        if formula:
            rejected.append(
                RowProblem(
                    line,
                    f"수식이 들어 있습니다 ({', '.join(formula)}) — Excel에서 값으로 바꾼 뒤 다시 가져오세요",
                )
            )
            continue
        broken = [FIELDS[f] for f, v in values.items() if REPLACEMENT in v] if REPLACEMENT in joined else []
        if broken:
            rejected.append(
                RowProblem(line, f"읽을 수 없는 글자가 있습니다 ({', '.join(broken)}, 인코딩 오류)")
            )
            continue
        companions = parse_count(values.get("companions", ""))
        if companions is None:
            rejected.append(
                RowProblem(
                    line, f"동반인원이 0~50의 숫자가 아닙니다 ({audit.printable(values['companions'], 20)})"
                )
            )
            continue
        try:
            precedence = parse_precedence(values.get("precedence"))
        except ValueError as exc:
            rejected.append(RowProblem(line, str(exc)))
            continue
        category, known = category_from_label(values.get("category", ""))
        if not known:
            warnings.append(
                RowProblem(line, f"알 수 없는 구분 '{audit.printable(values['category'], 30)}' → 기타")
            )
        person = ParticipantFields(
            name=clean_name(values.get("name", "")),
            organization=clean_text(values.get("organization", "")),
            title=clean_text(values.get("title", "")),
            category=category,
            region=clean_text(values.get("region", "")),
            phone=normalise_phone(values["phone"]) if values.get("phone") else None,
            email=clean_email(values.get("email")),
            external_code=clean_text(values.get("external_code")) or None,
            is_vip=parse_flag(values.get("vip", "")),
            is_speaker=parse_flag(values.get("speaker", "")),
            companions_allowed=companions,
            notes=clean_notes(values.get("notes", "")),
            precedence=precedence,
        )
        problems = field_problems(person)
        if problems:
            rejected.append(RowProblem(line, " · ".join(problems)))
            continue
        code, email = _code_key(person.external_code), person.email or ""
        if code and code in seen_code:
            rejected.append(RowProblem(line, f"등록번호가 {seen_code[code]}번째 줄과 겹칩니다"))
            continue
        if email and email in seen_email:
            rejected.append(RowProblem(line, f"이메일이 {seen_email[email]}번째 줄과 겹칩니다"))
            continue
        key = (person.name, person.organization)
        if not code and not email and key in seen_person:
            rejected.append(RowProblem(line, f"같은 이름·소속이 {seen_person[key]}번째 줄에 이미 있습니다"))
            continue
        if code:
            seen_code[code] = line
        if email:
            seen_email[email] = line
        seen_person.setdefault(key, line)
        rows.append(ParsedRow(line, person))
    return ParsedRoster(rows=rows, rejected=rejected, warnings=warnings, present=present)


@dataclass
class ImportReport:
    imported: int
    updated: int
    unchanged: int
    rejected: list[RowProblem]
    missing_from_file: list[MissingPerson]
    warnings: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False

    @classmethod
    def of(cls, plan: ImportPlan, parsed: ParsedRoster, *, dry_run: bool) -> ImportReport:
        rejected = sorted([*parsed.rejected, *plan.rejected], key=lambda p: p.line)
        return cls(
            imported=len(plan.creates),
            updated=len(plan.updates),
            unchanged=plan.unchanged,
            rejected=rejected,
            missing_from_file=plan.missing,
            warnings=parsed.warnings,
            dry_run=dry_run,
        )

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0

    def to_json(self) -> dict[str, Any]:
        """The CLI's object; its keys are a public interface."""
        return {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [{"line": p.line, "reason": p.reason} for p in self.rejected],
            "missing_from_file": [
                {"id": m.id, "name": m.name, "organization": m.organization} for m in self.missing_from_file
            ],
        }


def import_roster(
    db: Database,
    path: str | Path,
    *,
    event_id: int | None = None,
    dry_run: bool = False,
    overrides: Mapping[str, str] | None = None,
    station: str = "",
    operator: str = "",
    progress: Progress | None = None,
) -> ImportReport:
    """Read, check and import a roster file into the event (the active one by default).

    Raises RosterFileError, changing nothing, when the file cannot be read at all.
    """
    table = read_roster_file(path, progress=progress)
    mapping = resolve_mapping(table.headers, overrides)
    return import_table(
        db, table, mapping, event_id=event_id, dry_run=dry_run, station=station, operator=operator
    )


def import_table(
    db: Database,
    table: RosterTable,
    mapping: Mapping[int, str],
    *,
    event_id: int | None = None,
    dry_run: bool = False,
    station: str = "",
    operator: str = "",
) -> ImportReport:
    """Import rows already read (the dialog reads once, previews, then imports what it showed).

    Valid rows are written in one transaction with the audit entry; a dry run writes nothing.
    """
    parsed = parse_table(table, mapping)
    if dry_run:
        with db.session() as session:
            event_id = event_id or require_active_event(session).id
            plan = plan_import(session, event_id, parsed)
        return ImportReport.of(plan, parsed, dry_run=True)
    with db.write() as session:
        event_id = event_id or require_active_event(session).id
        plan = plan_import(session, event_id, parsed)
        report = ImportReport.of(plan, parsed, dry_run=False)
        apply_plan(session, event_id, plan)
        record_import(session, event_id, report, kind=table.kind, station=station, operator=operator)
    return report


def record_import(
    session: Any, event_id: int, report: ImportReport, *, kind: str, station: str, operator: str
) -> None:
    """The audit entry of an import: counts only, no names, no file name."""
    audit.record(
        session, action="import", outcome="partial" if report.rejected else "ok", event_id=event_id,
        station=station, operator=operator, kind=kind, imported=report.imported, updated=report.updated,
        unchanged=report.unchanged, rejected=len(report.rejected), missing=len(report.missing_from_file),
    )  # fmt: skip

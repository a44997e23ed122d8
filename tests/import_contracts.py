"""An import-linter contract for a part of an external package: "no Qt widgets below the UI".

import-linter's own `forbidden` contract sees an external package only as a whole (PySide6), and
the layers below the UI may use QtGui (fonts, QPainter, PDF) but not QtWidgets. This contract
reads the import lines grimp recorded for each source module's direct imports of the package.
Indirect routes to widgets go through kiosk.ui, which the first contract in pyproject forbids.
"""

from __future__ import annotations

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class ForbiddenExternalSubmodules(Contract):
    type_name = "forbidden_external_submodules"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())  # e.g. PySide6.QtWidgets
    ignore_imports = fields.ListField(subfield=fields.StringField(), required=False, default=[])

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        ignored = {tuple(part.strip() for part in rule.split("->")) for rule in self.ignore_imports}  # type: ignore[attr-defined]
        seen_ignored: set[tuple[str, ...]] = set()
        violations: list[tuple[str, str, int, str]] = []
        for source in self.source_modules:  # type: ignore[attr-defined]
            if source not in graph.modules:
                raise ValueError(f"Module '{source}' does not exist.")
            for module in sorted({source} | graph.find_descendants(source)):
                for forbidden in self.forbidden_modules:  # type: ignore[attr-defined]
                    root = forbidden.split(".")[0]
                    if root not in graph.modules or not graph.direct_import_exists(importer=module, imported=root):
                        continue
                    for detail in graph.get_import_details(importer=module, imported=root):
                        line = detail["line_contents"]
                        if not _names(line, forbidden):
                            continue
                        if (module, forbidden) in ignored:
                            seen_ignored.add((module, forbidden))
                            continue
                        violations.append((module, forbidden, detail["line_number"], line))
        unmatched = ignored - seen_ignored
        if unmatched:  # a stale exception hides nothing, and must go
            raise ValueError(f"No matches for ignored import {' ; '.join(' -> '.join(u) for u in sorted(unmatched))}.")
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, forbidden, line_number, line in check.metadata["violations"]:
            output.print_error(f"{module} -> {forbidden} (l.{line_number}: {line})")
            output.new_line()


def _names(line: str, forbidden: str) -> bool:
    """Does this import line import `forbidden` (or something inside it)?"""
    words = line.replace(",", " ").split()
    if words[:1] == ["from"] and len(words) > 1:
        return words[1] == forbidden or words[1].startswith(forbidden + ".")
    return any(w == forbidden or w.startswith(forbidden + ".") for w in words[1:])

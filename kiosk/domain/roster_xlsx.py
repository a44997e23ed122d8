"""A fast, read-only reader of .xlsx cell values, for rosters.

openpyxl builds an object per shared string and per cell; on a 10,000-row roster that takes
several seconds. Rosters need only the values of one sheet, so this reader streams the sheet and
the shared-string table with ElementTree's C parser (the same XML openpyxl reads) and is several
times faster. Formulas are returned as their text ("=HYPERLINK(...)"), never evaluated; dates
come back as datetimes. Anything it does not understand raises XlsxLayoutError, and the caller
falls back to openpyxl.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, iterparse

from kiosk.domain import xlsx_limits as limits

Cell = str | float | int | bool | dt.datetime | None

# Built-in number formats that show dates (27-36 and 50-58 are the CJK ones Korean Excel uses).
_DATE_FORMATS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
MAX_COLUMNS = 200
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class XlsxLayoutError(Exception):
    """The workbook is laid out in a way this reader does not handle (use openpyxl instead)."""


@dataclass(frozen=True)
class SheetRef:
    title: str
    path: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(elem: Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (transitional or strict OOXML)."""
    for key, value in elem.attrib.items():
        if _local(key) == name:
            return value
    return None


def _parse(book: zipfile.ZipFile, name: str) -> Element:
    try:
        with book.open(name) as fh:
            root = None
            for _event, elem in iterparse(fh, events=("end",)):
                root = elem
            if root is None:
                raise XlsxLayoutError(name)
            return root
    except KeyError as exc:
        raise XlsxLayoutError(f"missing {name}") from exc


class XlsxBook:
    def __init__(self, path: str) -> None:
        self.zip = zipfile.ZipFile(path)
        try:
            limits.check_archive(self.zip)  # a zip bomb is refused before any part is inflated
        except limits.XlsxLimitError:
            self.zip.close()
            raise
        try:
            workbook = _parse(self.zip, "xl/workbook.xml")
            rels = _parse(self.zip, "xl/_rels/workbook.xml.rels")
        except ParseError as exc:
            raise XlsxLayoutError(str(exc)) from exc
        # The main namespace (transitional or strict OOXML) prefixes every cell tag.
        self.namespace = workbook.tag[: workbook.tag.index("}") + 1] if workbook.tag.startswith("{") else ""
        targets = {
            _attr(r, "Id"): _attr(r, "Target") or "" for r in rels.iter() if _local(r.tag) == "Relationship"
        }
        self.sheets: list[SheetRef] = []
        for elem in workbook.iter():
            tag = _local(elem.tag)
            if tag == "sheet":
                target = targets.get(_attr(elem, "id"))
                if not target:
                    raise XlsxLayoutError("sheet without a target")
                path_in_zip = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
                self.sheets.append(SheetRef(_attr(elem, "name") or "", posixpath.normpath(path_in_zip)))
            elif tag == "workbookView":
                self.active = int(_attr(elem, "activeTab") or 0)
            elif tag == "workbookPr":
                self.date1904 = (_attr(elem, "date1904") or "0").lower() in ("1", "true")
        if not self.sheets:
            raise XlsxLayoutError("no sheets")
        self.active = min(getattr(self, "active", 0), len(self.sheets) - 1)
        self.date1904 = getattr(self, "date1904", False)
        self._strings: list[str] | None = None
        self._date_styles: set[int] | None = None

    def close(self) -> None:
        self.zip.close()

    def ordered_sheets(self) -> list[SheetRef]:
        """The active sheet first, then the others in workbook order."""
        active = self.sheets[self.active]
        return [active, *[s for s in self.sheets if s is not active]]

    # -- shared parts ----------------------------------------------------------------------------

    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if "xl/sharedStrings.xml" in self.zip.namelist():
                with self.zip.open("xl/sharedStrings.xml") as fh:
                    for _event, elem in iterparse(fh, events=("end",)):
                        if _local(elem.tag) == "si":
                            text = _rich_text(elem)
                            if len(text) > limits.MAX_STRING_CHARS or len(self._strings) >= limits.MAX_SHARED_STRINGS:
                                raise limits.too_many_strings()
                            self._strings.append(text)
                            elem.clear()
        return self._strings

    def date_styles(self) -> set[int]:
        if self._date_styles is None:
            self._date_styles = set()
            if "xl/styles.xml" in self.zip.namelist():
                root = _parse(self.zip, "xl/styles.xml")
                custom = {}
                for elem in root.iter():
                    if _local(elem.tag) == "numFmt":
                        code = _QUOTED.sub("", (_attr(elem, "formatCode") or "").lower())
                        custom[int(_attr(elem, "numFmtId") or -1)] = any(ch in code for ch in "ymdh")
                xfs = next((e for e in root.iter() if _local(e.tag) == "cellXfs"), None)
                for index, xf in enumerate(list(xfs) if xfs is not None else []):
                    fmt = int(_attr(xf, "numFmtId") or 0)
                    if fmt in _DATE_FORMATS or custom.get(fmt, False):
                        self._date_styles.add(index)
        return self._date_styles

    # -- cells -----------------------------------------------------------------------------------

    def rows(self, sheet: SheetRef) -> Iterator[tuple[int, list[Cell]]]:
        """(sheet row number, cell values) for every row the sheet stores."""
        strings, dates = self.strings(), self.date_styles()
        ns = self.namespace
        row_tag, cell_tag = ns + "row", ns + "c"
        columns: dict[str, int] = {}
        try:
            fh = self.zip.open(sheet.path)
        except KeyError as exc:
            raise XlsxLayoutError(f"missing {sheet.path}") from exc
        with fh:
            number = 0
            in_row = 0
            for event, elem in iterparse(fh, events=("start", "end")):
                if event == "start":
                    if elem.tag == row_tag:
                        in_row = 0
                    continue
                if elem.tag == cell_tag:
                    # Counted as they stream in: a 30-million-cell row is refused at cell 2,001,
                    # not after ElementTree has built all of it (11 GB in the trial).
                    in_row += 1
                    if in_row > limits.MAX_CELLS_PER_ROW:
                        raise limits.too_many_cells(number + 1)
                    continue
                if elem.tag != row_tag:
                    continue
                number = int(elem.get("r") or number + 1)
                values: list[Cell] = []
                for cell in elem:
                    if cell.tag != cell_tag:
                        continue
                    ref = cell.get("r")
                    if ref:
                        letters = ref.rstrip("0123456789")
                        column = columns.get(letters)
                        if column is None:
                            column = columns[letters] = _column(letters)
                    else:
                        column = len(values)
                    if column >= MAX_COLUMNS:
                        continue  # a stray cell far to the right is not roster data
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values.append(self._value(cell, strings, dates))
                elem.clear()
                yield number, values

    def _value(self, cell: Element, strings: list[str], dates: set[int]) -> Cell:
        ns = self.namespace
        kind = cell.get("t") or "n"
        raw = None
        for child in cell:
            tag = child.tag
            if tag == ns + "f":
                return "=" + (child.text or "")  # a formula is text here, never a value
            if tag == ns + "v":
                raw = child.text
            elif tag == ns + "is":
                return _rich_text(child)
        if raw is None:
            return None
        if kind == "s":
            try:
                return strings[int(raw)]
            except (ValueError, IndexError) as exc:
                raise XlsxLayoutError("bad shared string index") from exc
        if kind == "b":
            return raw.strip() == "1"
        if kind in ("str", "e", "d", "inlineStr"):
            return raw
        try:
            number = float(raw)
        except ValueError:
            return raw
        if dates and int(cell.get("s") or 0) in dates:
            return _excel_date(number, self.date1904)
        return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _rich_text(elem: Element) -> str:
    """Text of a string item: plain <t>, or the runs <r><t>; phonetic guides (<rPh>) left out."""
    parts = []
    for child in elem:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _column(ref: str) -> int:
    index = 0
    for ch in ref:
        if not ch.isalpha():
            break
        index = index * 26 + (ord(ch.upper()) - 64)
    return index - 1


def _excel_date(serial: float, date1904: bool) -> dt.datetime | float:
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    try:
        return base + dt.timedelta(days=serial)
    except OverflowError:
        return serial

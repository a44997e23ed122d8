"""Reading roster files as Korean offices make them: CSV in UTF-8 (BOM or not), CP949/EUC-KR or
UTF-16 ("유니코드 텍스트"), and Excel .xlsx — into plain rows of text with their line numbers.

Nothing here knows what the columns mean (see roster_columns) or touches the database.
A file that cannot be read raises RosterFileError with one Korean sentence saying why.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from kiosk.domain.roster_columns import field_for_header
from kiosk.domain.roster_xlsx import XlsxBook, XlsxLayoutError
from kiosk.domain.xlsx_limits import MAX_TABLE_CHARS, XlsxLimitError, too_much_text
from kiosk.storage.protected import is_database_file

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 50_000  # data rows; an event roster is a few thousand at most
MAX_CELL_CHARS = 100_000  # csv's own default limit is 131,072
HEADER_SEARCH_ROWS = 10  # offices put a title and a blank line above the header row
REPLACEMENT = "\ufffd"

Progress = Callable[[int], None]


class RosterFileError(Exception):
    """The file cannot be read as a roster at all; nothing is imported."""


class EmptySheetError(RosterFileError):
    """A sheet (or the file) holds nothing: for workbooks, the next sheet is tried."""


@dataclass
class RosterTable:
    """A file's header row and data rows, cells as stripped text, each row with its line number.

    `line` is the file's line (CSV; the header is line 1 when it is the first line) or the
    sheet's row number (Excel), so a refusal points at what the organiser sees.
    """

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    kind: str  # "csv" or "xlsx"
    encoding: str = ""
    sheet: str = ""
    header_line: int = 1


def read_roster_file(path: str | Path, *, progress: Progress | None = None) -> RosterTable:
    """Read a .csv/.txt or .xlsx roster, deciding the format from the content, not the name."""
    path = Path(path)
    if is_database_file(path):
        # Opening it here would drop the SQLite locks this program holds on it.
        raise RosterFileError(f"프로그램이 사용 중인 데이터베이스 파일입니다. 명단 파일을 고르세요: {path.name}")
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise RosterFileError(f"파일이 아닙니다: {path.name}")
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if size == 0:
        raise RosterFileError("빈 파일입니다 (empty file).")
    if size > MAX_FILE_BYTES:
        raise RosterFileError(
            f"파일이 너무 큽니다 ({size // (1024 * 1024)} MB). {MAX_FILE_BYTES // (1024 * 1024)} MB 이하로 나누어 주세요."
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterFileError(
            "Excel 97-2003(.xls) 또는 암호가 걸린 파일은 읽을 수 없습니다. "
            "Excel에서 '다른 이름으로 저장' → .xlsx 또는 CSV(UTF-8)로 저장해 주세요."
        )
    try:
        if head.startswith(b"PK\x03\x04"):
            with path.open("rb"):  # fail here, clearly, if Excel still holds the file locked
                pass
            return _read_xlsx(path, progress)
        return _read_csv(path.read_bytes(), progress)
    except OSError as exc:
        raise _os_error(path, exc) from exc


def _os_error(path: Path, exc: OSError) -> RosterFileError:
    if isinstance(exc, FileNotFoundError):
        return RosterFileError(f"파일을 찾을 수 없습니다: {path}")
    if isinstance(exc, PermissionError):
        return RosterFileError(
            f"파일을 열 수 없습니다 (권한 없음, 또는 Excel에서 열려 있음 — 닫고 다시 시도하세요): {path.name}"
        )
    return RosterFileError(f"파일을 읽을 수 없습니다: {path.name} ({exc.strerror or exc})")


# -- CSV ------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in.

    UTF-8 is tried first: CP949 bytes are almost never valid UTF-8, so a CP949 file mislabelled
    as UTF-8 still decodes right. When neither decodes cleanly the one with fewer bad characters
    wins; rows holding a bad character are then refused one by one instead of the whole file.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_loose(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_loose(data, "utf-16"), "utf-16"
    sample = data[:65536]
    if b"\x00" in sample:
        raise RosterFileError("텍스트(CSV) 파일이 아닙니다 — 이진 파일로 보입니다 (binary file).")
    for encoding in ("utf-8", "cp949"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    best = min(
        ((data.decode(enc, errors="replace"), enc) for enc in ("utf-8", "cp949")),
        key=lambda pair: pair[0].count(REPLACEMENT),
    )
    if best[0].count(REPLACEMENT) > max(20, len(best[0]) // 100):
        raise RosterFileError(
            "글자 인코딩을 알 수 없습니다 (UTF-8도 CP949도 아님). Excel에서 'CSV UTF-8'로 다시 저장해 주세요."
        )
    return best


def _decode_loose(data: bytes, encoding: str) -> str:
    text = data.decode(encoding, errors="replace")
    if text.count(REPLACEMENT) > max(20, len(text) // 100):
        raise RosterFileError("글자 인코딩이 깨진 파일입니다. Excel에서 'CSV UTF-8'로 다시 저장해 주세요.")
    return text


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, without copying the whole text again."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in _lines(text[:65536]) if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (",", "\t", ";")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _clean_cell(value: str) -> str:
    # Control characters (a stray NUL, a vertical tab from a pasted cell) never belong in a name.
    if value.isprintable():
        return value.strip()
    return "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in value).strip()


def _read_csv(data: bytes, progress: Progress | None) -> RosterTable:
    text, encoding = decode_text(data)
    del data
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(_lines(text), delimiter=_sniff_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            rows.append((line, [_clean_cell(c) for c in cells]))
            line = reader.line_num + 1
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise RosterFileError(f"행이 너무 많습니다 (최대 {MAX_ROWS:,}행). 파일을 나누어 가져오세요.")
            if progress and len(rows) % 2000 == 0:
                progress(len(rows))
    except csv.Error as exc:
        raise RosterFileError(f"{line}번째 줄을 CSV로 읽을 수 없습니다: {exc}") from exc
    table = _split_header(rows, "csv")
    table.encoding = encoding
    return table


# -- Excel ----------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone 1012345678.0, code 1001.0
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return _clean_cell(str(value))


def _read_xlsx(path: Path, progress: Progress | None) -> RosterTable:
    try:
        try:
            return _read_xlsx_fast(path, progress)
        except XlsxLimitError:
            raise
        except (XlsxLayoutError, ParseError, UnicodeDecodeError, ValueError):
            # A layout the fast reader does not know: openpyxl reads anything Excel writes, but
            # builds whole rows itself, so the sheets are streamed through the caps first.
            _prescan(path)
            return _read_xlsx_openpyxl(path, progress)
    except XlsxLimitError as exc:
        raise RosterFileError(f"이 Excel 파일은 가져오지 않습니다 — {exc}") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as exc:
        raise RosterFileError(
            f"Excel(.xlsx) 파일을 열 수 없습니다 — 손상되었거나 다른 형식입니다 ({type(exc).__name__})."
        ) from exc


def _prescan(path: Path) -> None:
    from kiosk.domain.xlsx_limits import check_archive, prescan_sheet

    try:
        with zipfile.ZipFile(path) as book:
            check_archive(book)
            for name in book.namelist():
                if name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml"):
                    prescan_sheet(book, name)
    except (zipfile.BadZipFile, ParseError, OSError, EOFError):
        return  # openpyxl reports the damage in its own words


def _best_sheet(sheets: list[tuple[str, Callable[[], RosterTable]]]) -> RosterTable:
    """The first sheet (active first) with a name column; else the first readable one."""
    first: RosterTable | None = None
    first_error: RosterFileError | None = None
    for _title, read in sheets:
        try:
            table = read()
        except EmptySheetError as exc:
            first_error = first_error or exc
            continue
        if any(field_for_header(h) == "name" for h in table.headers):
            return table
        first = first or table
    if first is not None:
        return first
    raise first_error or RosterFileError("Excel 파일에 시트가 없습니다.")


def _read_xlsx_fast(path: Path, progress: Progress | None) -> RosterTable:
    book = XlsxBook(str(path))
    try:
        return _best_sheet(
            [
                (ref.title, partial(_collect_rows, ref.title, book.rows(ref), progress))
                for ref in book.ordered_sheets()
            ]
        )
    finally:
        book.close()


def _read_xlsx_openpyxl(path: Path, progress: Progress | None) -> RosterTable:
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula comes back as its text ("=HYPERLINK(...)") and is never
        # evaluated; the importer refuses rows holding one.
        book = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RosterFileError(
            f"Excel(.xlsx) 파일을 열 수 없습니다 — 손상되었거나 다른 형식입니다 ({type(exc).__name__})."
        ) from exc
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on malformed XML
        raise RosterFileError(f"Excel(.xlsx) 파일을 읽을 수 없습니다: {type(exc).__name__}") from exc
    try:
        sheets = [book.active, *[ws for ws in book.worksheets if ws is not book.active]]
        return _best_sheet(
            [
                (
                    ws.title,
                    partial(_collect_rows, ws.title, _numbered(ws.iter_rows(values_only=True)), progress),
                )
                for ws in sheets
                if ws is not None and hasattr(ws, "iter_rows")
            ]
        )
    finally:
        book.close()


def _numbered(rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[int, list[object]]]:
    for number, values in enumerate(rows, start=1):
        yield number, list(values)


def _collect_rows(
    title: str, source: Iterator[tuple[int, list[Any]]], progress: Progress | None
) -> RosterTable:
    rows: list[tuple[int, list[str]]] = []
    blank_run = 0
    chars = 0
    try:
        for number, values in source:
            cells = [_cell_text(v) for v in values]
            chars += sum(len(c) for c in cells)
            if chars > MAX_TABLE_CHARS:
                # One huge shared string referenced from every cell costs nothing in the file.
                raise too_much_text()
            if not any(cells):
                # Formatting can stretch a sheet to a million empty rows; stop well after the data.
                blank_run += 1
                if blank_run > 5000:
                    break
                continue
            blank_run = 0
            rows.append((number, cells))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise RosterFileError(f"행이 너무 많습니다 (최대 {MAX_ROWS:,}행). 파일을 나누어 가져오세요.")
            if progress and len(rows) % 2000 == 0:
                progress(len(rows))
    except (RosterFileError, XlsxLayoutError, XlsxLimitError):
        raise
    except Exception as exc:  # noqa: BLE001 - a corrupt sheet XML
        raise RosterFileError(f"Excel 시트 '{title}'를 읽을 수 없습니다: {type(exc).__name__}") from exc
    table = _split_header(rows, "xlsx")
    table.sheet = title
    return table


# -- header row -----------------------------------------------------------------------------------


def _split_header(rows: list[tuple[int, list[str]]], kind: str) -> RosterTable:
    """Find the header row (the first row naming a name column, else the first non-blank row)."""
    filled = [(line, cells) for line, cells in rows if any(cells)]
    if not filled:
        raise EmptySheetError("파일에 내용이 없습니다 (empty file).")
    header_at = 0
    for i, (_line, cells) in enumerate(filled[:HEADER_SEARCH_ROWS]):
        if any(field_for_header(c) == "name" for c in cells):
            header_at = i
            break
    header_line, headers = filled[header_at]
    while headers and not headers[-1]:
        headers = headers[:-1]  # trailing empty columns
    data = filled[header_at + 1 :]
    if len(data) > MAX_ROWS:
        raise RosterFileError(f"행이 너무 많습니다 (최대 {MAX_ROWS:,}행). 파일을 나누어 가져오세요.")
    return RosterTable(headers=headers, rows=data, kind=kind, header_line=header_line)

"""Caps that keep a hostile .xlsx from taking the desk down (issue 16).

An .xlsx is a zip of XML: 1.7 MB can unpack to one row of 30 million cells, and 4.9 MB of shared
strings to gigabytes of Python strings. Before a roster is read, and while it is read, these
limits refuse such a file within seconds and in a few tens of megabytes, with one clear message:

- unpacked size, per part and in total (the sizes the zip declares; zipfile never inflates a part
  past its declared size, so a lying header only truncates, and the CRC check then fails);
- cells per row, rows, shared strings (count and characters), characters in the whole table.
"""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import iterparse

MAX_UNPACKED_TOTAL = 256 * 1024 * 1024
MAX_UNPACKED_PART = 128 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_SHARED_STRINGS = 1_000_000
MAX_STRING_CHARS = 100_000  # one cell's text (csv's own default limit is 131,072)
MAX_CELLS_PER_ROW = 2_000  # a roster has a dozen columns; the reader keeps 200
MAX_TABLE_CHARS = 64 * 1024 * 1024
MAX_SHEET_ROWS = 1_100_000  # Excel's own limit is 1,048,576


class XlsxLimitError(ValueError):
    """The workbook exceeds a limit; the message says which, in Korean first."""


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def check_archive(book: zipfile.ZipFile) -> None:
    """Refuse a zip whose parts unpack to more than the caps (a zip bomb), before reading any."""
    total = 0
    for info in book.infolist():
        if info.file_size > MAX_UNPACKED_PART:
            raise XlsxLimitError(
                f"Excel 파일 안의 '{info.filename}'가 풀면 {_mb(info.file_size)}로 너무 큽니다 "
                f"(최대 {_mb(MAX_UNPACKED_PART)}): 명단 파일로 보이지 않습니다 (unpacked part too large)"
            )
        total += info.file_size
        if total > MAX_UNPACKED_TOTAL:
            raise XlsxLimitError(
                f"Excel 파일을 풀면 {_mb(MAX_UNPACKED_TOTAL)}를 넘습니다: 명단 파일로 보이지 않습니다 "
                "(unpacked size too large)"
            )
    strings = next((i for i in book.infolist() if i.filename.lower() == "xl/sharedstrings.xml"), None)
    if strings is not None and strings.file_size > MAX_SHARED_STRINGS_BYTES:
        raise XlsxLimitError(
            f"Excel 파일의 공유 문자열 표가 {_mb(strings.file_size)}로 너무 큽니다 "
            f"(최대 {_mb(MAX_SHARED_STRINGS_BYTES)}) (shared strings too large)"
        )


def too_many_cells(row_number: int) -> XlsxLimitError:
    return XlsxLimitError(
        f"{row_number}번째 행에 칸이 너무 많습니다 (최대 {MAX_CELLS_PER_ROW:,}칸): 명단 파일로 보이지 않습니다 "
        "(too many cells in one row)"
    )


def too_many_strings() -> XlsxLimitError:
    return XlsxLimitError(
        f"공유 문자열이 너무 많거나 깁니다 (최대 {MAX_SHARED_STRINGS:,}개, 한 칸 {MAX_STRING_CHARS:,}자) "
        "(shared strings limit)"
    )


def too_much_text() -> XlsxLimitError:
    return XlsxLimitError(
        f"명단의 글자 수가 너무 많습니다 (최대 {MAX_TABLE_CHARS // (1024 * 1024)}백만 자 남짓) (table too large)"
    )


def prescan_sheet(book: zipfile.ZipFile, name: str) -> None:
    """Stream one worksheet counting cells per row and rows, keeping nothing (for readers such as
    openpyxl that build a whole row before we see it)."""
    try:
        fh = book.open(name)
    except KeyError:
        return
    with fh:
        cells = rows = 0
        for event, elem in iterparse(fh, events=("start", "end")):
            tag = elem.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "row":
                    rows += 1
                    cells = 0
                    if rows > MAX_SHEET_ROWS:
                        raise XlsxLimitError(f"행이 너무 많습니다 (최대 {MAX_SHEET_ROWS:,}행) (too many rows)")
                continue
            if tag == "c":
                cells += 1
                if cells > MAX_CELLS_PER_ROW:
                    raise too_many_cells(rows)
            elem.clear()

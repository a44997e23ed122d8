"""Issue 16: hostile .xlsx rosters are refused within seconds, under 500 MB, with one clear line.

Old code: one 30-million-cell row reached 11 GB; a shared-strings bomb 5.7 GB and was imported.
Each file is built here; each import runs in its own process so its peak memory can be read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MEMORY_CAP = 500 * 1024 * 1024
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in kilobytes (Linux)")

PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{RNS}">'
        '<sheets><sheet name="명단" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>성명</t></is></c><c r="B1" t="inlineStr"><is><t>소속</t></is></c></row>'


def _book(path: Path, sheet_chunks, strings_chunks=None) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in PARTS.items():
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for chunk in sheet_chunks:
                fh.write(chunk.encode())
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            for chunk in strings_chunks or [f'<sst xmlns="{NS}"></sst>']:
                fh.write(chunk.encode())
    return path


def _sheet(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>', HEADER_ROW, *rows,
            "</sheetData></worksheet>"]  # fmt: skip


def _wide_row(cells: int) -> list[str]:
    block = "<c/>" * 100_000
    return _sheet(['<row r="2">', *([block] * (cells // 100_000)), "</row>"])


def _strings_bomb() -> tuple[list[str], list[str]]:
    """A 90,000-character string (under the per-cell cap) referenced from every cell of 2,000 rows."""
    big = "가" * 90_000
    strings = [f'<sst xmlns="{NS}"><si><t>{big}</t></si></sst>']
    cells = "".join(f'<c r="{col}{{r}}" t="s"><v>0</v></c>' for col in "ABCDEFGHIJ")
    rows = [f'<row r="{r}">' + cells.replace("{r}", str(r)) + "</row>" for r in range(2, 2002)]
    return _sheet(rows), strings


def _zip_bomb() -> list[str]:
    """A sheet that inflates to 300 MB of blanks (a few hundred KB packed)."""
    return _sheet([" " * (1024 * 1024)] * 300)


def _import(tmp_path: Path, file: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    code = (
        "import resource, sys\n"
        "from kiosk.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        # VmHWM, this program's own peak: ru_maxrss also counts the parent's memory at fork time
        # (Linux keeps it across exec), so inside a long test run it read the runner's 600 MB.
        "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "print('MAXRSS', hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    env = {**os.environ, "KIOSK_LOG_DIR": str(tmp_path / "logs"), "KIOSK_BACKUP_DIR": str(tmp_path / "b"),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    subprocess.run([sys.executable, "-m", "kiosk", "--db", str(tmp_path / "k.db"), "demo"], cwd=REPO, env=env,
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", str(tmp_path / "k.db"), "import", str(file)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    rss = max(
        [int(line.split()[1]) * 1024 for line in done.stderr.splitlines() if line.startswith("MAXRSS")] or [0]
    )
    return done, elapsed, rss


@pytest.mark.parametrize("kind", ["wide_row", "shared_strings", "zip_bomb"])
def test_hostile_xlsx_is_refused_quickly_in_little_memory(tmp_path: Path, kind: str) -> None:
    if kind == "wide_row":
        file = _book(tmp_path / "wide.xlsx", _wide_row(30_000_000))
        expected = "칸이 너무 많습니다"
    elif kind == "shared_strings":
        sheet, strings = _strings_bomb()
        file = _book(tmp_path / "strings.xlsx", sheet, strings)
        expected = "글자 수가 너무 많습니다"
    else:
        file = _book(tmp_path / "bomb.xlsx", _zip_bomb())
        expected = "너무 큽니다"
    assert file.stat().st_size < 5 * 1024 * 1024  # small on disk, like the files
    done, elapsed, rss = _import(tmp_path, file)
    print(f"{kind}: {file.stat().st_size // 1024} KB file, refused in {elapsed:.1f} s, peak {rss // (1024 * 1024)} MB")
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith(("MAXRSS", "kiosk: 경고"))]
    assert len(lines) == 1 and expected in lines[0], lines
    assert 0 < rss < MEMORY_CAP


def test_a_normal_roster_still_imports(tmp_path: Path) -> None:
    rows = [f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>참가자{r}</t></is></c>'
            f'<c r="B{r}" t="inlineStr"><is><t>기관</t></is></c></row>' for r in range(2, 502)]  # fmt: skip
    file = _book(tmp_path / "ok.xlsx", _sheet(rows))
    done, _elapsed, _rss = _import(tmp_path, file)
    assert done.returncode in (0, 1), done.stderr
    assert "가져왔습니다" in done.stdout

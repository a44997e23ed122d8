"""`kiosk badges`: 183 invitees (the demo's longest names, made-up 20-character ones), read back
from the PDF as text, as pictures through the real QR decoders, and from the print log."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from kiosk.domain import token
from kiosk.domain.badges import korean_name_key
from kiosk.domain.models import BadgePrint, Category, Event, InvitationStatus, Participant
from kiosk.scan.decoders import gray_from_pil, make_decoder
from kiosk.storage.engine import Database

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

LONG_NAMES = [
    "남궁가나다라마바사아자차카타파하가나다라",  # 20 Hangul syllables
    "Alexandria Montgomer",  # 20 Latin letters
    "황보김이박최정강조윤장임한오서신권황안송",
]


@pytest.fixture
def roster(db: Database, demo_event_id: int) -> list[Participant]:
    """The demo's 183 invitees, three of them renamed to 20-character names; one cancelled."""
    with db.write() as session:
        people = list(
            session.scalars(
                select(Participant).where(Participant.event_id == demo_event_id).order_by(Participant.id)
            )
        )
        assert len(people) == 183
        longest = sorted(people, key=lambda p: len(p.organization), reverse=True)
        for person, name in zip(longest, LONG_NAMES, strict=False):
            person.name = name
        people[-1].status = InvitationStatus.CANCELLED
        session.flush()
        session.expunge_all()
    return people


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [p for p in out.split("\f") if p.strip()]


def test_a4_8_sheet_has_every_invitee_in_korean_order(run_cli, db: Database, roster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "badges.pdf"
    result = run_cli("badges", "--out", str(out))
    assert result.code == 0, result.err
    assert "배지 182장" in result.out
    assert _pdf_pages(out) == 23  # ceil(182 / 8)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded
    text = "\n".join(_page_texts(out))
    with db.session() as session:
        expected = session.scalars(
            select(Participant.name).where(Participant.status != InvitationStatus.CANCELLED)
        ).all()
        assert session.scalar(select(func.count(BadgePrint.id))) == 182
    short = [n for n in expected if n not in LONG_NAMES]
    assert all(n in text for n in short)
    # 20 characters do not fit 90 mm even at the smallest size: cut, and say so with "…".
    assert "남궁가나다" in text and "…" in text
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "sheet")], check=True
    )


def test_single_layout_one_per_page_in_order_and_names_inside_the_badge(
    run_cli, db: Database, roster, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "single.pdf"
    assert run_cli("badges", "--out", str(out), "--layout", "single").code == 0
    pages = _page_texts(out)
    assert len(pages) == 182
    with db.session() as session:
        names = sorted(
            session.scalars(
                select(Participant.name).where(Participant.status != InvitationStatus.CANCELLED)
            ).all(),
            key=korean_name_key,
        )
    firsts = [n[:4] for n in names]
    seen = [next(line.strip() for line in page.splitlines() if line.strip() and not line.strip().startswith(
        tuple(["부처", "국회의원", "지자체", "지역기관", "학계", "언론", "포럼", "운영요원", "기타", "지역발전위원회", "현장등록"])
    ))[:4] for page in pages]  # fmt: skip
    assert seen == firsts  # 가나다 order by family name
    assert names.index("Alexandria Montgomer") > names.index(names[-4])  # Latin names after Hangul
    # Every name stays inside its badge (10 mm margin + 100 mm badge = 110 mm = 311.8 pt).
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    rights = [float(m) for m in re.findall(r'xMax="([\d.]+)"', bbox)]
    assert rights and max(rights) < 311.8


def test_a4_10_qr_codes_read_back_and_check_in(
    run_cli, db: Database, demo_event_id: int, roster, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ten.pdf"
    assert run_cli("badges", "--out", str(out), "--layout", "a4-10", "--sort", "organization").code == 0
    assert _pdf_pages(out) == 19
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")], check=True
    )
    (png,) = tmp_path.glob("p-*.png")
    decoder = make_decoder(None)
    with db.session() as session:
        event = session.get(Event, demo_event_id)
        tag, secret = event.token_tag, event.signing_secret
    ids = set()
    with Image.open(png) as page:
        w, h = page.size
        for row in range(5):  # cut each label out, as the scanner would see one badge
            for col in range(2):
                x0, y0 = (15 + col * 90) / 210 * w, (11 + row * 55) / 297 * h
                crop = page.crop((int(x0), int(y0), int(x0 + 90 / 210 * w), int(y0 + 55 / 297 * h)))
                (text,) = decoder.decode_gray(gray_from_pil(crop.convert("L")))
                ids.add(token.verify(text, tag, secret))
    assert len(ids) == 10
    with db.session() as session:
        orgs = [session.get(Participant, i).organization for i in ids]
    assert sorted(orgs) == sorted(orgs)  # read back from real people of this event


def test_only_unprinted_and_the_print_log(run_cli, db: Database, demo_event_id: int, tmp_path: Path) -> None:
    with db.write() as session:
        session.add(Participant(event_id=demo_event_id, name="나중에", category=Category.OTHER))
    first = run_cli("badges", "--out", str(tmp_path / "a.pdf"), "--only-unprinted")
    assert first.code == 0 and "배지 184장" in first.out
    with db.write() as session:
        session.add(Participant(event_id=demo_event_id, name="가장늦게", category=Category.OTHER))
    second = run_cli("badges", "--out", str(tmp_path / "b.pdf"), "--only-unprinted", "--layout", "single")
    assert second.code == 0 and "배지 1장" in second.out
    assert "가장늦게" in _page_texts(tmp_path / "b.pdf")[0]
    third = run_cli("badges", "--out", str(tmp_path / "c.pdf"), "--only-unprinted")
    assert third.code == 0 and "없습니다" in third.out and not (tmp_path / "c.pdf").exists()
    again = run_cli("badges", "--out", str(tmp_path / "d.pdf"), "--layout", "a4-10")
    assert "다시 인쇄 185장" in again.out
    with db.session() as session:
        rows = session.scalars(select(BadgePrint)).all()
    assert len(rows) == 185 * 2 and sum(r.reprint for r in rows) == 185
    assert all(r.station == "test-desk" for r in rows)


@pytest.mark.parametrize(
    "args",
    [
        ("--out", "badges.txt"),
        ("--out", "."),
        ("--out", "missing-folder/badges.pdf"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    run_cli, db: Database, demo_event_id: int, tmp_path: Path, monkeypatch, args
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run_cli("badges", *args)
    assert result.code == 2 and "Traceback" not in result.err
    assert len([line for line in result.err.splitlines() if line.startswith("kiosk")]) == 1
    with db.session() as session:
        assert session.scalar(select(func.count(BadgePrint.id))) == 0
    assert not list(tmp_path.glob("*.pdf*"))


@pytest.mark.parametrize("args", [("--layout", "a4-12"), ("--sort", "age")])
def test_unknown_layout_or_sort_is_refused(run_cli, tmp_path: Path, args) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        run_cli("badges", "--out", str(tmp_path / "b.pdf"), *args)
    assert exit_info.value.code == 2 and not (tmp_path / "b.pdf").exists()

"""Masked phones and e-mails, and spreadsheet cells that can never run as formulas."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.labels import category_from_label, category_label, method_label, region_label
from kiosk.domain.models import Category
from kiosk.domain.privacy import FORMULA_TRIGGERS, mask_email, mask_phone, neutralise_cell


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("010-1234-5678", "010-****-5678"),
        ("01012345678", "010-****-5678"),
        ("+82 10-1234-5678", "010-****-5678"),
        ("011-123-4567", "011-***-4567"),
        ("02-123-4567", "02-***-4567"),
        ("051-7890-1234", "051-****-1234"),
        ("12345", "*2345"),
        ("123", "****"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_mask_phone(raw: str | None, masked: str) -> None:
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("kim@example.com", "k***@example.com"),
        ("hm.kim@molit.example", "h***@molit.example"),
        ("  Lee@Example.com ", "L***@Example.com"),
        ("a@b", "a***@b"),
        ("@example.com", "***@example.com"),
        ("not-an-address", "n***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_email(raw: str | None, masked: str) -> None:
    assert mask_email(raw) == masked


@given(st.text(min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_masked_email_never_shows_more_than_one_letter_of_the_name(local: str) -> None:
    local = local.replace("@", "x").strip() or "x"
    masked = mask_email(f"{local}@example.com")
    assert masked == f"{local[0]}***@example.com"


@pytest.mark.parametrize(
    "text", ["=1+1", "+82", "-2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")', "＝1"]
)
def test_formula_triggers_are_made_text(text: str) -> None:
    out = neutralise_cell(text)
    assert isinstance(out, str)
    assert out.startswith("'")
    assert out[1:] == text


@pytest.mark.parametrize(
    "value", [0, 5, -3, 2.5, None, True, datetime(2017, 11, 22, 14, 0), "", "김현미", "010-1234"]
)
def test_numbers_and_plain_text_pass_untouched(value: object) -> None:
    assert neutralise_cell(value) == value


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_no_neutralised_string_starts_with_a_trigger(text: str) -> None:
    out = neutralise_cell(text)
    assert isinstance(out, str)
    assert not out.startswith(FORMULA_TRIGGERS)


def test_category_labels_korean_and_english() -> None:
    assert category_label(Category.LAWMAKER) == "국회의원"
    assert category_label("local_government", "en") == "Local government"
    assert category_label("unknown-code") == "unknown-code"
    assert {category_label(c) for c in Category} >= {
        "부처",
        "지역발전위원회",
        "지자체",
        "지역기관",
        "현장등록",
    }
    assert category_from_label("지역 기관") is Category.REGIONAL_INSTITUTION
    assert category_from_label("Press") is Category.PRESS
    assert category_from_label("staff") is Category.STAFF
    assert category_from_label("무엇") is None


def test_method_and_region_labels() -> None:
    assert method_label("qr") == "QR 스캔"
    assert method_label("walk_in", "en") == "Walk-in"
    assert region_label("  ") == "미지정"
    assert region_label("부산") == "부산"


@pytest.mark.parametrize("text", ["\x0b=cmd|' /C calc'!A0", "\x00+1", "\x0c\x01@SUM(A1)", "\x1f-2+3"])
def test_a_hidden_control_character_cannot_smuggle_a_formula(text: str) -> None:
    # Writers drop characters XML cannot hold; the trigger behind them must still be caught.
    out = neutralise_cell(text)
    assert isinstance(out, str)
    assert out.startswith("'")
    assert out.isprintable() or "\t" in out or "\r" in out or "\n" in out


def test_masked_audit_details_hide_whole_entry_codes() -> None:
    """Old code: the --mask-pii 기록 sheet kept "code=KHS5V-13XRX-…" whole, and a whole code still
    admits its holder."""
    from kiosk.domain.privacy import mask_free_text

    masked = mask_free_text("code=KHS5V-13XRX-7QW2P-M8D4K-ZZ; station=입구1")
    assert "13XRX" not in masked and masked.startswith("code=KHS5V…") and "station=입구1" in masked

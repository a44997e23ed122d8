"""Hostile text at the token parser: nothing but TokenError ever escapes, and nothing is accepted
that is not, once normalised, exactly the genuine token. (Bit flips and IME mangling of real
tokens are test_token_properties.py's; this is about arbitrary input.)"""

from __future__ import annotations

import contextlib
import secrets

import pytest
from fuzz_support import FAILURES, bounded, counted, report
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain import token

TAG = "B7XK"
SECRET = secrets.token_bytes(32)
TARGETS = ["token.arbitrary_text", "token.token_shaped_text"]

# Text that reaches deep into the parser: the version letter, alphabet, look-alikes, separators,
# Hangul (the IME) and full-width forms.
_NEAR = st.text(
    alphabet=st.sampled_from(list(token.ALPHABET + "ILOUiloua-_. \t\u3000ㅏㅁㄴㅇ무ＫＡ０１\u200b\x00")),
    min_size=20,
    max_size=48,
)


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    report(TARGETS)


def _check(text: str, target: str) -> None:
    counted(target)
    try:
        token.normalise(text)
        token.looks_like_token(token.normalise(text))
        with contextlib.suppress(token.TokenError):
            token.parse(text)
        try:
            pid = token.verify(text, TAG, SECRET)
        except token.TokenError as exc:
            assert exc.problem in set(token.TokenProblem)
            return
        # Accepted: it must be the real token of that participant, nothing looser.
        assert token.normalise(text) == token.issue(TAG, SECRET, pid)
    except Exception:
        FAILURES[target] += 1
        raise


@bounded(300)
@given(st.text(max_size=300))
def test_arbitrary_text_only_ever_raises_token_error(text: str) -> None:
    _check(text, "token.arbitrary_text")


@bounded(300)
@given(st.one_of(_NEAR.map(lambda t: "K" + t), st.builds(lambda t: "K" + TAG + t, _NEAR)))
def test_token_shaped_text_is_never_falsely_accepted(text: str) -> None:
    _check(text, "token.token_shaped_text")

"""Shared by the tests/unit/test_fuzz_*.py files: bounded, reproducible hypothesis settings and a
count of the examples each target ran (printed at the end of the module, and appended as JSON
lines to $KIOSK_FUZZ_REPORT when set, for the reliability figures).

KIOSK_FUZZ_SCALE multiplies every max_examples (e.g. 10 for a longer local run); CI uses 1.
"""

from __future__ import annotations

import json
import os
from collections import Counter

from hypothesis import HealthCheck, Phase, settings

COUNTS: Counter[str] = Counter()
FAILURES: Counter[str] = Counter()
SCALE = max(1, int(os.environ.get("KIOSK_FUZZ_SCALE", "1")))


def bounded(max_examples: int) -> settings:
    """Fixed example budget, no deadline (the machine is shared), derandomised for CI.

    CI does not shrink a failure (shrinking slow targets can take minutes): the unshrunk example
    is reported as found. Longer local runs (KIOSK_FUZZ_SCALE > 1) shrink as usual.
    """
    phases = [Phase.explicit, Phase.generate] if SCALE == 1 else list(Phase)
    return settings(
        max_examples=max_examples * SCALE,
        deadline=None,
        database=None,
        derandomize=SCALE == 1,
        phases=phases,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def counted(target: str) -> None:
    COUNTS[target] += 1


def report(targets: list[str]) -> None:
    lines = [{"target": t, "examples": COUNTS[t], "failures": FAILURES[t]} for t in targets]
    for line in lines:
        print(f"FUZZ {line['target']}: {line['examples']} examples, {line['failures']} failures")
    path = os.environ.get("KIOSK_FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            for line in lines:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")

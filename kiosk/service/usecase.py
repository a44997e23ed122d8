"""How a use case declares what it can do while the shared server is away.

Every public method of the door service is one user action (a scan, an undo, a roster edit,
a report...) decorated with `use_case(...)`. The declaration is the contract the screens and
the CLI rely on:

- ``JOURNALED``: done at once on this station's copy while the server is away, written to the
  station's journal and sent to the server when it answers again (check-ins, undo, companions,
  check-out, walk-ins, overrides).
- ``LOCAL``: a read answered from this station's copy while apart (it may lag the other stations;
  the status says so).
- ``REFUSED``: needs the server (a roster edit, the event's settings, a report of the whole room):
  while apart it raises `NotWhileApart` with a message that says why, and changes nothing.

On a plain SQLite file there is no server to lose: every use case simply runs.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Offline(enum.StrEnum):
    JOURNALED = "journaled"
    LOCAL = "local"
    REFUSED = "refused"


@dataclass(frozen=True)
class UseCase:
    name: str
    offline: Offline
    why: str = ""  # for REFUSED: the sentence shown while apart (Korean first, English second)


class NotWhileApart(RuntimeError):
    """A use case that needs the shared server was asked for while this station is apart."""

    def __init__(self, case: UseCase) -> None:
        self.case = case
        super().__init__(
            case.why
            or "공유 서버와 연결이 끊겨 지금은 할 수 없습니다. 연결이 돌아오면 다시 하세요. "
            "(not while the shared server is away)"
        )


USE_CASES: dict[str, UseCase] = {}


def use_case(offline: Offline, why: str = "") -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a door-service method as a use case (see the module docstring)."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        case = UseCase(fn.__name__, offline, why)
        USE_CASES[fn.__name__] = case

        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            service: Any = args[0]
            if offline is Offline.REFUSED and service.backend.apart:
                raise NotWhileApart(case)
            return fn(*args, **kwargs)

        run.__use_case__ = case  # type: ignore[attr-defined]
        return run

    return wrap


def declared(cls: type) -> dict[str, UseCase]:
    """The use cases a service class offers, by method name (public methods without one are a bug)."""
    return {
        name: member.__use_case__
        for name in dir(cls)
        if not name.startswith("_") and hasattr(member := getattr(cls, name), "__use_case__")
    }

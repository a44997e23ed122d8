"""A list of the exported reports and .eml folders this program wrote, for the purge.

Personal data leaves the database in two ways the program controls: report files and folders of
invitation e-mails. The purge cannot know where the organiser saved them unless the program
remembers: one absolute path a line, in the (owner-only) logs folder, kept until the purge.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)
LIST_NAME = "written-files.txt"


def registry_path() -> Path:
    """KIOSK_WRITTEN_LIST, else written-files.txt beside the log file."""
    env = os.environ.get("KIOSK_WRITTEN_LIST")
    if env:
        return Path(env)
    from kiosk.logsetup import log_dir

    return log_dir() / LIST_NAME


def record_written(path: str | Path) -> None:
    """Remember an export or .eml folder; never fails the export it follows."""
    try:
        target = str(Path(path).resolve())
        registry = registry_path()
        if target in _read(registry):
            return
        from kiosk.storage.private import private_dir

        private_dir(registry.parent)
        fd = os.open(registry, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(target + "\n")
    except OSError as exc:  # read-only home: the export itself still succeeded
        log.warning("could not record written file: %s", exc)


def _read(registry: Path) -> list[str]:
    try:
        return [line for line in registry.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError:
        return []


def written_paths() -> list[Path]:
    """Recorded paths that still exist, oldest first."""
    return [Path(p) for p in dict.fromkeys(_read(registry_path())) if Path(p).exists()]


def forget_all() -> None:
    registry_path().unlink(missing_ok=True)

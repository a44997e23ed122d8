"""Which POSIX advisory locks a process holds on a file, read from /proc/locks (Linux).

The evidence that nothing but SQLite opened a database file: had anything else opened and
closed it in that process, the kernel would have dropped all of that process's locks on it.
"""

from __future__ import annotations

import os
from pathlib import Path


def available() -> bool:
    return Path("/proc/locks").is_file()


def locks_on(path: Path, pid: int) -> list[str]:
    """Lines of /proc/locks for `pid`'s POSIX locks on the file at `path` (by inode)."""
    inode = os.stat(path).st_ino
    found = []
    for line in Path("/proc/locks").read_text().splitlines():
        parts = line.split()
        if "->" in parts:  # a blocked waiter: "1: -> POSIX ..."
            parts.remove("->")
        if len(parts) < 6 or parts[1] != "POSIX":
            continue
        owner, device_inode = parts[4], parts[5]
        if owner == str(pid) and device_inode.rsplit(":", 1)[-1] == str(inode):
            found.append(" ".join(parts[1:]))  # without the ordinal, which changes
    return found


def open_names(pid: int) -> list[str]:
    """The targets of a process's open file descriptors (" (deleted)" marks an unlinked file)."""
    names: list[str] = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            names.append(os.readlink(fd))
        except OSError:
            continue
    return names

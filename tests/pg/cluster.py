"""A throw-away PostgreSQL cluster on 127.0.0.1: initdb + pg_ctl in a temporary folder.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user
(created by Debian's postgresql package) and every server command runs through `runuser`.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "kiosk"


class ClusterUnavailable(RuntimeError):
    """PostgreSQL's server binaries are not installed (or cannot run here)."""


def find_bindir() -> Path:
    explicit = os.environ.get("KIOSK_PG_BINDIR")
    candidates = [explicit] if explicit else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise ClusterUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql "
        "or set KIOSK_PG_BINDIR"
    )


def _version_key(path: str) -> int:
    part = Path(path).parent.name
    return int(part) if part.isdigit() else 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgCluster:
    bindir: Path
    root: Path
    port: int
    run_as: str | None  # a system user when we are root, else None
    extra_options: str = ""  # more `-c name=value` server settings
    _counter: int = field(default=0, repr=False)

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.run_as, "--", *args] if self.run_as else list(args)

    def _run(self, *args: str, timeout: float = 60) -> None:
        proc = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            log = self.logfile.read_text(errors="replace")[-2000:] if self.logfile.exists() else ""
            raise ClusterUnavailable(f"{' '.join(args[:2])} failed: {proc.stderr.strip()}\n{log}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
            " -c max_connections=60"
        )
        if self.extra_options:
            options += " " + self.extra_options
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-l", str(self.logfile),
                  "-o", options, "-w", "-t", "30", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", mode, "-w", "stop")

    def create_database(self, prefix: str = "kiosk") -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(ClusterUnavailable):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(extra_options: str = "") -> PgCluster:
    bindir = find_bindir()
    run_as = None
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            import pwd

            owner = pwd.getpwnam(run_as)
        except KeyError as exc:
            raise ClusterUnavailable("running as root and there is no 'postgres' user for initdb") from exc
    # KIOSK_PG_TMPDIR=/dev/shm puts the cluster in memory (diagnostics: no disk flush cost).
    root = Path(tempfile.mkdtemp(prefix="kiosk-pg-", dir=os.environ.get("KIOSK_PG_TMPDIR")))
    if run_as:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    cluster = PgCluster(bindir=bindir, root=root, port=free_port(), run_as=run_as, extra_options=extra_options)
    try:
        # trust on loopback only: a test cluster, on 127.0.0.1, gone after the session.
        cluster._run(str(bindir / "initdb"), "-D", str(cluster.datadir), "-U", SUPERUSER,
                     "-E", "UTF8", "--locale=C", "--auth=trust", "--no-sync")  # fmt: skip
        cluster.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster


_shared: PgCluster | None = None


def shared_cluster() -> PgCluster:
    """One cluster per test process, whichever module asks first; removed when the process ends."""
    global _shared
    if _shared is None:
        _shared = start_cluster()
        atexit.register(_shared.destroy)
    return _shared

"""A throwaway PostgreSQL cluster for the tests.

``start_cluster()`` finds ``initdb``/``pg_ctl`` (on PATH, then the newest /usr/lib/postgresql/*/bin),
creates a cluster in a temporary folder, starts it on a free loopback port (its socket in the same
folder) and returns a ``Cluster`` whose ``url`` is ``postgresql+psycopg://postgres@127.0.0.1:PORT/postgres``;
``Cluster.stop()`` stops it and removes the folder. Without the server binaries it returns ``None``.

initdb refuses to run as root: as root the cluster runs as the ``postgres`` user (created by Debian's
package) or, failing that, ``nobody``, and the folder belongs to that user.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def find_binaries() -> tuple[str, str] | None:
    """(initdb, pg_ctl), or None when the PostgreSQL server binaries are not installed."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return initdb, pg_ctl

    def version(folder: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", Path(folder).parent.name))

    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        initdb, pg_ctl = os.path.join(folder, "initdb"), os.path.join(folder, "pg_ctl")
        if os.access(initdb, os.X_OK) and os.access(pg_ctl, os.X_OK):
            return initdb, pg_ctl
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> dict:
    """subprocess arguments that run the server binaries as a non-root user when we are root."""
    if os.name != "posix" or os.geteuid() != 0:
        return {}
    import pwd

    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


@dataclass
class Cluster:
    url: str
    folder: str
    pg_ctl: str
    _as: dict

    @property
    def data(self) -> str:
        return os.path.join(self.folder, "data")

    def stop(self) -> None:
        try:
            subprocess.run([self.pg_ctl, "-D", self.data, "-m", "immediate", "-w", "stop"], cwd=self.folder,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=60,
                           **self._as)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster | None:
    """Create and start a throwaway cluster; None when PostgreSQL's server binaries are missing.

    Raises RuntimeError (with the server's log) when the binaries are there but the cluster won't start.
    """
    binaries = find_binaries()
    if binaries is None:
        return None
    initdb, pg_ctl = binaries
    run_as = _run_as()
    folder = tempfile.mkdtemp(prefix="desk_app_pg_")
    if run_as:
        os.chown(folder, run_as["user"], run_as["group"])
    data, log = os.path.join(folder, "data"), os.path.join(folder, "server.log")
    cluster = None
    try:
        _step([initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
              folder, run_as)
        for attempt in range(3):  # the free port may be taken between the probe and the start
            port = _free_port()
            options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
            started = subprocess.run([pg_ctl, "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"],
                                     cwd=folder, capture_output=True, text=True, timeout=120, **run_as)
            if started.returncode == 0:
                cluster = Cluster(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", folder, pg_ctl,
                                  run_as)
                return cluster
        raise RuntimeError("pg_ctl start failed:\n" + started.stdout + started.stderr + _tail(log))
    finally:
        if cluster is None:
            subprocess.run([pg_ctl, "-D", data, "-m", "immediate", "stop"], cwd=folder, capture_output=True,
                           check=False, **run_as)
            shutil.rmtree(folder, ignore_errors=True)


def _step(command: list[str], folder: str, run_as: dict) -> None:
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300, **run_as)
    if done.returncode != 0:
        raise RuntimeError(f"{os.path.basename(command[0])} failed:\n{done.stdout}{done.stderr}")


def _tail(log: str) -> str:
    try:
        return Path(log).read_text(errors="replace")[-4000:]
    except OSError:
        return ""


@contextmanager
def throwaway_cluster():
    """``with throwaway_cluster() as url:`` — url is None when PostgreSQL is not installed."""
    cluster = start_cluster()
    try:
        yield cluster.url if cluster else None
    finally:
        if cluster:
            cluster.stop()

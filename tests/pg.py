"""A real PostgreSQL server for the tests: Debian's binaries, a throwaway cluster, one per test run.

`initdb` + `pg_ctl start` into a temporary directory, listening on 127.0.0.1 at a free port and
on a socket inside that directory. PostgreSQL refuses to run as root, so as root the cluster is
owned and run by the `postgres` system user (created by Debian's package). Tests call
`new_database()` for a fresh, empty database of their own; the server stops when the test
process exits. Without the binaries, `require_postgres()` skips with the reason.
"""
from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest


def _bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self) -> None:
        bindir = _bin_dir()
        if bindir is None:
            raise RuntimeError("PostgreSQL binaries not found under /usr/lib/postgresql "
                               "(apt-get install postgresql, or run scripts/install-test-deps.sh as root)")
        self.bindir = bindir
        self.root = tempfile.mkdtemp(prefix="warta-pg-")
        self.data = os.path.join(self.root, "data")
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # postgres will not run as root: hand the directory to `postgres`
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise RuntimeError("running as root and there is no 'postgres' user to run the server") from exc
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            os.chmod(self.root, 0o755)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._run([f"{bindir}/initdb", "-D", self.data, "-U", "warta", "--auth=trust", "-E", "UTF8",
                   "--locale=C", "--no-sync"])
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._run([f"{bindir}/pg_ctl", "-D", self.data, "-l", os.path.join(self.root, "log"), "-o", opts,
                   "-w", "-t", "60", "start"])
        self.running = True
        atexit.register(self.stop)

    def _run(self, cmd: list[str]) -> None:
        proc = subprocess.run(self.as_user + cmd, capture_output=True, text=True, cwd=self.root)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {proc.stderr.strip() or proc.stdout.strip()}")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://warta@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        if self.running:
            self.running = False
            subprocess.run(self.as_user + [f"{self.bindir}/pg_ctl", "-D", self.data, "-m", "immediate", "stop"],
                           capture_output=True, cwd=self.root)
            shutil.rmtree(self.root, ignore_errors=True)


_SERVER: Server | None = None
_ERROR: str | None = None


def require_postgres() -> Server:
    """The shared test server (started on first use), or skip the test with the reason."""
    global _SERVER, _ERROR
    if _SERVER is None and _ERROR is None:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _ERROR = "psycopg is not installed"
        else:
            try:
                _SERVER = Server()
            except (RuntimeError, OSError) as exc:
                _ERROR = str(exc)
    if _SERVER is None:
        pytest.skip(f"no PostgreSQL for this test: {_ERROR}")
    return _SERVER


def new_database() -> str:
    """The URL of a fresh, empty database on the shared test server."""
    return require_postgres().new_database()

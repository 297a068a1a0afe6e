"""The app deployed as several processes: PostgreSQL, Redis, N single-worker app processes
and nginx in front with sticky sessions (docs/deploy.md), all throwaway, on loopback.

Used by tests/deploy/ and by the benches: ``start_cluster(tmp, processes=2)``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import Processes, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

#: How nginx picks a phone's process: by the phone's whole address, on a hash ring. Sticky,
#: as Engine.IO's long-polling needs (each poll must reach the process that holds its sid),
#: and spread over the processes even when every phone shares a /24: ``ip_hash`` hashes
#: only the first three octets, so a room on one Wi-Fi (192.168.1.x) would all land on one
#: process. ``consistent``: a process that dies moves only its own phones.
BALANCE = "hash $remote_addr consistent"

#: The proxy settings of docs/deploy.md; {placeholders} are filled in by nginx_config().
NGINX_CONF = """\
daemon off;
worker_processes 1;
# Each phone holds two connections (its own and the one to the app): 10,240 is a room of
# 5,000 phones (bench/voting_load.py 4000 --cluster 2).
worker_rlimit_nofile 20480;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{
    worker_connections 10240;
}}

http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    log_format upstreams '$remote_addr "$request" $status upstream=$upstream_addr';
    access_log {prefix}/access.log upstreams;

    # A websocket handshake asks for an upgrade; anything else closes after its reply.
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}

    upstream toimija {{
        {balance};
{servers}
    }}

    server {{
        listen {listen};
        client_max_body_size 256k;

        location / {{
            proxy_pass http://toimija;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $http_host;
            # A socket is quiet between Engine.IO's pings (25 s); a long-poll waits as long.
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
            # A dead process refuses at once; a hung one is given up on quickly.
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout;
            # Which process answered: the test checks where each phone landed.
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def nginx_config(prefix: Path, listen: str, backends: list[str], balance: str = BALANCE) -> str:
    """Return nginx.conf for a proxy on ``listen`` (host:port) to ``backends`` (host:port)."""
    servers = "\n".join(
        f"        server {backend} max_fails=1 fail_timeout=10s;" for backend in backends
    )
    return NGINX_CONF.format(prefix=prefix, listen=listen, balance=balance, servers=servers)


def start_nginx(
    processes: Processes, prefix: Path, port: int, backends: list[str], balance: str = BALANCE
) -> subprocess.Popen:
    """Start nginx in the foreground from its own prefix (config, pid, logs, temp files
    there), listening on 127.0.0.1:``port``; ``processes`` stops it."""
    prefix.mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_config(prefix, f"127.0.0.1:{port}", backends, balance))
    # -e: the error log before the config is read (the package's default is /var/log).
    argv = [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    return processes._start(argv, port)


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parent)
    return found[-1].parent if found else None


def start_postgres(processes: Processes) -> str:
    """Start a throwaway PostgreSQL on 127.0.0.1 (as scripts/with-postgres.sh does);
    return its URL. ``processes.stop()`` removes it. fsync is off: a commit costs less
    here than on a production server."""
    bindir = _postgres_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    # Not under pytest's tmp_path: as root, the server runs as postgres, which must reach it.
    workdir = Path(tempfile.mkdtemp(prefix="toimija-pg."))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    if as_postgres:
        shutil.chown(workdir, "postgres")
    port = free_port()
    data = str(workdir / "data")
    initdb, pg_ctl = str(bindir / "initdb"), str(bindir / "pg_ctl")
    subprocess.run(
        [*as_postgres, initdb, "-D", data, "-A", "trust", "-U", "postgres"],
        check=True,
        stdout=subprocess.DEVNULL,
    )

    def remove() -> None:
        stop = [*as_postgres, pg_ctl, "-D", data, "-m", "immediate", "stop"]
        subprocess.run(stop, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(workdir, ignore_errors=True)

    processes.cleanups.append(remove)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {workdir} -c fsync=off"
    subprocess.run(
        [*as_postgres, pg_ctl, "-D", data, "-w", "-l", f"{workdir}/log", "-o", options, "start"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


@dataclass
class Cluster:
    """A running deployment; ``stop()`` ends every part of it."""

    #: nginx's address: what phones, projectors and facilitators open.
    url: str
    #: The app processes (gunicorn masters; each has one gevent worker), in backend order.
    servers: list[subprocess.Popen]
    #: Each server's host:port, as nginx names it in $upstream_addr (the X-Upstream header).
    backends: list[str]
    database_url: str
    redis_url: str
    nginx: subprocess.Popen
    processes: Processes = field(repr=False)

    def kill(self, index: int) -> None:
        """Kill app process ``index`` with SIGKILL (its worker too): a crash, no goodbye."""
        self.processes.kill(self.servers[index])

    def stop(self) -> None:
        """Stop nginx, the app processes and Redis; remove a PostgreSQL started here."""
        self.processes.stop()


def start_cluster(
    tmp: Path,
    processes: int = 2,
    *,
    database_url: str | None = None,
    balance: str = BALANCE,
    **env: str,
) -> Cluster:
    """Start PostgreSQL (unless ``database_url`` names one), Redis, ``processes`` app
    processes (``flask serve``: gunicorn, one gevent worker each) sharing them, and nginx
    in front, sticky by client address (``balance``); return the running Cluster.

    ``env`` goes to every app process (a setting such as ``SNAPSHOT_STORIES="50"``). On
    loopback every client comes from 127.0.0.1 and so lands on one process: clients that
    should spread bind their own source address, ``loopback_address(n)``. Seed rooms with
    ``cluster.processes.seed_workshop`` or bench.common.seed_voting(tmp,
    cluster.database_url, cluster.processes, ...). Call ``cluster.stop()`` when done.
    """
    running = Processes(database_url or "")
    try:
        running.database_url = database_url or start_postgres(running)
        redis_url = running.redis()
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        settings = {"MESSAGE_QUEUE_URL": redis_url, "PROXY_COUNT": "1", "PUBLIC_URL": url}
        # One after another: each applies the migrations before it listens.
        started = [running.serve(**{**settings, **env}) for _ in range(processes)]
        backends = [f"127.0.0.1:{backend_port}" for backend_port, _ in started]
        proxy = start_nginx(running, Path(tmp) / "nginx", port, backends, balance)
    except BaseException:
        running.stop()
        raise
    return Cluster(
        url=url,
        servers=[server for _, server in started],
        backends=backends,
        database_url=running.database_url,
        redis_url=redis_url,
        nginx=proxy,
        processes=running,
    )


def loopback_address(n: int) -> str:
    """Return the ``n``th client source address on loopback (127.0.1.1, 127.0.1.2, ...):
    Linux routes all of 127/8 to lo, so a client may bind any of them, and nginx then
    sees clients as many addresses, as it does a real room's phones."""
    return f"127.0.{1 + n // 250}.{1 + n % 250}"

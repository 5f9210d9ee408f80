"""A minimal nginx for one published site: written to a folder of its own, run in the foreground."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The site's file types, named here so the configuration needs nothing from the system's nginx.
TYPES = {
    "text/html": "html",
    "text/css": "css",
    "text/plain": "txt",
    "application/javascript": "js",
    "application/json": "json",
    "application/geo+json": "geojson",
    "text/csv": "csv",
    "application/vnd.google-earth.kml+xml": "kml",
    "application/octet-stream": "bin",
    "image/png": "png",
    "image/svg+xml": "svg",
}
# What a browser gets compressed; text/html nginx compresses always.
GZIP_TYPES = ("application/json", "application/javascript", "text/css", "application/geo+json", "text/csv")
# A year: assets/ and data/ change only with a new publish, and a host that publishes in place purges its cache.
LONG_CACHE_S = 365 * 24 * 3600


class NginxError(RuntimeError):
    """nginx could not be found, configured or started."""


def free_port() -> int:
    """A loopback port free at the time of asking."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def config(site: Path, port: int, workdir: Path) -> str:
    """The configuration: the site's folder on a loopback port, sendfile and gzip on, long caching for its data."""
    types = "\n".join(f"        {mime} {ext};" for mime, ext in TYPES.items())
    # The master runs as whoever starts it; as root, nginx would otherwise hand its workers to a
    # user that may not read the site's folder.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {name}_temp_path {workdir / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    cached = f'expires {LONG_CACHE_S}s;\n            add_header Cache-Control "public, max-age={LONG_CACHE_S}";'
    return f"""{user}
worker_processes auto;
worker_rlimit_nofile 65536;
daemon off;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{
    worker_connections 8192;
    multi_accept on;
}}
http {{
    types {{
{types}
    }}
    default_type application/octet-stream;
    access_log off;
{temp}
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 100000;
    gzip on;
    # A file.gz beside a file is sent as it is, rather than compressed again for every request.
    gzip_static on;
    gzip_vary on;
    gzip_min_length 256;
    gzip_comp_level 5;
    gzip_types {" ".join(GZIP_TYPES)};
    server {{
        listen 127.0.0.1:{port};
        root {site.resolve()};
        index index.html;
        location /assets/ {{
            {cached}
        }}
        location /data/ {{
            {cached}
        }}
    }}
}}
"""


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def nginx(site: Path, port: int, workdir: Path, timeout_s: float = 10.0) -> Iterator[subprocess.Popen[bytes]]:
    """nginx serving the site on 127.0.0.1:port as a foreground child, stopped when the block ends."""
    binary = shutil.which("nginx") or next(
        (str(p) for p in (Path("/usr/sbin/nginx"), Path("/usr/local/sbin/nginx")) if p.is_file()), None
    )
    if binary is None:
        raise NginxError("nginx not found (Debian: apt-get install nginx)")
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / name).mkdir(parents=True, exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(config(site, port, workdir), encoding="utf-8")
    # -e: the error log from the start, before the configuration names it, so no system log is touched.
    command = [binary, "-p", str(workdir), "-c", str(conf), "-e", str(workdir / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise NginxError(f"nginx refused its configuration:\n{checked.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout_s
        while not _listening(port):
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise NginxError(f"nginx exited with {process.returncode}: {error}")
            if time.monotonic() > deadline:
                raise NginxError(f"nginx did not listen on port {port} within {timeout_s:g} s")
            time.sleep(0.05)
        yield process
    finally:
        # QUIT lets the workers finish what they send; five seconds' grace, then no more.
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

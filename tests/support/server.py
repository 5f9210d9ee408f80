"""A real `streamlit run app.py` on a free loopback port, its output kept in a log file.

Each server is started from the repository root with its own GEO_DATA_DIR. Its log is printed
when it fails to start, and SERVER_LOGS lets a failure report attach the log of a server in use.
A test may set Streamlit's command-line options (`--secrets.files`, `--server.address`, ...)
over the defaults here.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

# Where app.py is, and where its server runs from.
REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0

# Base URL of every running server -> its log file, for the failure reports.
SERVER_LOGS: dict[str, Path] = {}

# start(data_dir, name) -> the base URL of a server on that folder, its log named by name.
ServerFactory = Callable[[Path, str], str]

# Streamlit's options by name without the dashes ("server.address"); a sequence repeats the option,
# as a list option such as "secrets.files" takes it.
ServerOptions = Mapping[str, str | Sequence[str]]

DEFAULT_OPTIONS: dict[str, str | Sequence[str]] = {
    "server.address": "127.0.0.1",
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    # Files in the tree may be edited while the suite runs; nothing should rerun on that.
    "server.fileWatcherType": "none",
}
# Addresses that bind every interface: the server is reached on loopback.
WILDCARD_ADDRESSES = {"", "0.0.0.0", "::"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def read_log(log_path: Path) -> str:
    """A server's log, or why it cannot be read."""
    try:
        return log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(cannot read {log_path}: {error})"


def healthy(base_url: str) -> bool:
    """Whether the server answers its health check with 'ok'."""
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            body: bytes = response.read()
            return response.status == 200 and body.strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def command_line(port: int, options: ServerOptions) -> list[str]:
    """The `streamlit run app.py` command for a port, with the given options over the defaults."""
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    for name, value in {**DEFAULT_OPTIONS, **options}.items():
        for one in [value] if isinstance(value, str) else value:
            command += [f"--{name}", one]
    return command


def url_host(address: str) -> str:
    """The host to reach a server bound to an address by, as it goes in a URL."""
    if address in WILDCARD_ADDRESSES:
        return "127.0.0.1"
    return f"[{address}]" if ":" in address else address


@contextmanager
def streamlit_server(data_dir: Path, log_path: Path, options: ServerOptions | None = None) -> Iterator[str]:
    """Run `streamlit run app.py` on a free port, GEO_DATA_DIR=data_dir, options over the defaults; yield its URL."""
    options = options or {}
    port = free_port()
    address = options.get("server.address", DEFAULT_OPTIONS["server.address"])
    assert isinstance(address, str), "server.address takes one value"
    base_url = f"http://{url_host(address)}:{port}"
    command = command_line(port, options)
    env = {**os.environ, "GEO_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            # A bounded poll of the health check: the server is not a page to wait on.
            deadline = time.monotonic() + START_TIMEOUT_S
            while not healthy(base_url):
                if process.poll() is not None:
                    pytest.fail(
                        f"streamlit exited with code {process.returncode} before serving "
                        f"{base_url}; its log ({log_path}):\n{read_log(log_path)}",
                        pytrace=False,
                    )
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"streamlit did not answer {base_url}/_stcore/health with 'ok' within "
                        f"{START_TIMEOUT_S:.0f} s; its log ({log_path}):\n{read_log(log_path)}",
                        pytrace=False,
                    )
                time.sleep(0.25)
            SERVER_LOGS[base_url] = log_path
            yield base_url
        finally:
            SERVER_LOGS.pop(base_url, None)
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

"""One wrk run against one URL, and the figures read from its report."""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
from dataclasses import dataclass

# Browsers ask for compressed files; without this wrk would measure bytes no reader is sent.
HEADERS = ("Accept-Encoding: gzip, deflate, br",)
_UNITS_S = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_BYTES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


class WrkError(RuntimeError):
    """wrk could not be found or run, or its report could not be read."""


@dataclass(frozen=True)
class Load:
    """What wrk measured against one URL."""

    url: str
    requests_per_s: float
    p50_s: float
    p99_s: float
    transfer_per_s: float  # bytes
    requests: int
    errors: int  # connect, read, write and timeout errors, and answers other than 2xx or 3xx


def _seconds(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if found is None:
        raise WrkError(f"not a duration: {text!r}")
    return float(found[1]) * _UNITS_S[found[2]]


def parse(url: str, report: str) -> Load:
    """The figures in wrk's --latency report."""

    def find(pattern: str) -> re.Match[str]:
        found = re.search(pattern, report, re.MULTILINE)
        if found is None:
            raise WrkError(f"wrk's report has no {pattern!r}:\n{report}")
        return found

    transfer = find(r"^Transfer/sec:\s+([\d.]+)([KMG]?B)")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", report))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return Load(
        url=url,
        requests_per_s=float(find(r"^Requests/sec:\s+([\d.]+)")[1]),
        p50_s=_seconds(find(r"^\s+50%\s+(\S+)")[1]),
        p99_s=_seconds(find(r"^\s+99%\s+(\S+)")[1]),
        transfer_per_s=float(transfer[1]) * _BYTES[transfer[2]],
        requests=int(find(r"^\s+(\d+) requests in")[1]),
        errors=errors + (int(non_2xx[1]) if non_2xx else 0),
    )


def _more_files() -> None:
    """In wrk's process: as many open files as allowed, for a thousand connections and more."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def run(url: str, *, threads: int, connections: int, seconds: int) -> Load:
    """Load one URL with wrk for the given time and read its report."""
    binary = shutil.which("wrk")
    if binary is None:
        raise WrkError("wrk not found (Debian: apt-get install wrk)")
    headers = [arg for header in HEADERS for arg in ("-H", header)]
    command = [binary, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url]
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=_more_files, timeout=seconds + 60)
    if done.returncode != 0:
        raise WrkError(f"wrk exited with {done.returncode}: {done.stderr or done.stdout}")
    return parse(url, done.stdout)

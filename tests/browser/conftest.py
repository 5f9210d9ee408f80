"""Fixtures that run the Streamlit app on a free port and drive it in headless Chromium.

Each server is started from the repository root with its own GEO_DATA_DIR, its output going
to a log file that is printed when it fails to start and attached to the report of any test
that fails while using it. The browser pages see no internet: every request to a host other
than this machine is aborted and recorded, so map tiles fail and the map must work without them.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Page, Playwright, Request, Route, sync_playwright

from geo.core.atlas import Atlas
from geo.data.load import load_atlas
from tests.support.datafolder import write_folder, write_xss_folder

REPO_ROOT = Path(__file__).resolve().parents[2]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Base URL of every running server -> its log file, for the failure reports.
_SERVER_LOGS: dict[str, Path] = {}


# --------------------------------------------------------------------------- servers


# Counts the page's script runs, as the app element's script state changes to "running".
COUNT_RUNS = """new MutationObserver(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || window.__runsWatched) { return; }
    window.__runsWatched = true; window.__runs = 0;
    new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'running') { window.__runs++; } })
        .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}).observe(document, {subtree: true, childList: true});"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _read_log(log_path: Path) -> str:
    try:
        return log_path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(cannot read {log_path}: {error})"


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            body: bytes = response.read()
            return response.status == 200 and body.strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextmanager
def streamlit_server(data_dir: Path, log_path: Path) -> Iterator[str]:
    """Run `streamlit run app.py` on a free port with GEO_DATA_DIR=data_dir; yield its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # Files in the tree may be edited while the suite runs; nothing should rerun on that.
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    env = {**os.environ, "GEO_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not _healthy(base_url):
                if process.poll() is not None:
                    pytest.fail(
                        f"streamlit exited with code {process.returncode} before serving "
                        f"{base_url}; its log ({log_path}):\n{_read_log(log_path)}",
                        pytrace=False,
                    )
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"streamlit did not answer {base_url}/_stcore/health with 'ok' within "
                        f"{START_TIMEOUT_S:.0f} s; its log ({log_path}):\n{_read_log(log_path)}",
                        pytrace=False,
                    )
                time.sleep(0.25)
            _SERVER_LOGS[base_url] = log_path
            yield base_url
        finally:
            _SERVER_LOGS.pop(base_url, None)
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


ServerFactory = Callable[[Path, str], str]


@pytest.fixture(scope="module")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    """A factory: start_server(data_dir, name) runs a server for this module; returns its URL."""
    with ExitStack() as servers:

        def start(data_dir: Path, name: str) -> str:
            log_path = tmp_path_factory.mktemp(f"server-{name}") / "streamlit.log"
            return servers.enter_context(streamlit_server(data_dir, log_path))

        yield start


@pytest.fixture(scope="module")
def app_server(start_server: ServerFactory) -> str:
    """The app on the bundled data/ folder."""
    return start_server(REPO_ROOT / "data", "data")


@pytest.fixture(scope="module")
def xss_server(start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The app on a tiny folder whose names and texts carry script payloads."""
    return start_server(write_xss_folder(tmp_path_factory.mktemp("xss-data")), "xss")


@pytest.fixture(scope="module")
def spoiled_server(start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The app on a folder whose places.geojson is not JSON."""
    root = write_folder(tmp_path_factory.mktemp("spoiled-data"))
    (root / "places.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    return start_server(root, "spoiled")


# --------------------------------------------------------------------------- browser


def chromium_path() -> str | None:
    """Debian's Chromium: $CHROMIUM, else /usr/bin/chromium, else chromium on PATH."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _no_browser(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Headless Debian Chromium, one for the session."""
    path = chromium_path()
    if path is None:
        _no_browser(
            "no Chromium found: set CHROMIUM, or install Debian's chromium at /usr/bin/chromium"
        )
    browser = playwright_instance.chromium.launch(
        executable_path=path, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@dataclass
class PageLog:
    """What a page did on the network and in its consoles."""

    aborted: list[tuple[str, str]] = field(default_factory=list)  # (url, resource type)
    responses: list[tuple[str, int]] = field(default_factory=list)  # (url, status)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"aborted off-machine requests: {len(self.aborted)}"]
        lines += [f"  {kind}: {url}" for url, kind in self.aborted[:20]]
        lines += [f"console errors: {len(self.console_errors)}"]
        lines += [f"  {text}" for text in self.console_errors[:20]]
        lines += [f"page errors: {len(self.page_errors)}"]
        lines += [f"  {text}" for text in self.page_errors]
        return "\n".join(lines)


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: Browser, page_log: PageLog) -> Iterator[Page]:
    """A fresh page (own context, 1400x1000) that can reach only this machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def only_local(route: Route, request: Request) -> None:
        if (urlsplit(request.url).hostname or "") in LOCAL_HOSTS or request.url.startswith(
            ("data:", "blob:", "about:")
        ):
            route.continue_()
        else:
            page_log.aborted.append((request.url, request.resource_type))
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("response", lambda response: page_log.responses.append((response.url, response.status)))
    page.on(
        "console",
        lambda message: page_log.console_errors.append(message.text)
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))
    yield page
    context.close()


def map_frame(page: Page, timeout_s: float = 30.0) -> Frame:
    """The st_folium iframe once it holds at least one .geo-marker (polled up to timeout_s)."""
    deadline = time.monotonic() + timeout_s
    while True:
        for frame in page.frames:
            try:
                if frame.locator(".geo-marker").count() > 0:
                    return frame
            except Exception:  # a frame detached or navigating while we looked
                continue
        if time.monotonic() > deadline:
            urls = [frame.url for frame in page.frames]
            raise AssertionError(
                f"no frame showed a .geo-marker within {timeout_s:.0f} s; frames: {urls}"
            )
        page.wait_for_timeout(250)


def marker_place_ids(frame: Frame) -> set[str]:
    """The place ids of the markers in a frame, read from their geo-place-<id> classes."""
    classes: list[str] = frame.locator(".geo-marker").evaluate_all(
        "els => els.map(el => el.className)"
    )
    ids = set()
    for class_name in classes:
        found = re.findall(r"(?:^|\s)geo-place-(\S+)", class_name)
        assert len(found) == 1, f"marker without exactly one geo-place-* class: {class_name!r}"
        ids.add(found[0])
    return ids


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    """The bundled data, to compute what the page must show."""
    return load_atlas(REPO_ROOT / "data")


# --------------------------------------------------------------------------- failure reports


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a failed browser test, attach the logs of the servers it used and what its page saw."""
    report = yield
    if not report.failed:
        return report
    funcargs: dict[str, Any] = getattr(item, "funcargs", {})
    for name, value in funcargs.items():
        if isinstance(value, str) and value in _SERVER_LOGS:
            log_path = _SERVER_LOGS[value]
            report.sections.append((f"server log: {name} ({value})", _read_log(log_path)))
        if isinstance(value, PageLog):
            report.sections.append(("browser page log", value.report()))
    return report


def popup_and_map_boxes(frame: Frame) -> tuple[dict[str, float], dict[str, float]]:
    """The open pop-up's box and the map's, in the frame's pixels."""
    boxes: tuple[dict[str, float], dict[str, float]] = frame.evaluate(
        """() => [document.querySelector('.leaflet-popup').getBoundingClientRect().toJSON(),
                  window.map.getContainer().getBoundingClientRect().toJSON()]"""
    )
    return boxes


def inside(box: dict[str, float], frame_box: dict[str, float]) -> bool:
    """Whether a box lies wholly within a frame's box."""
    return (
        frame_box["left"] <= box["left"]
        and box["right"] <= frame_box["right"]
        and frame_box["top"] <= box["top"]
        and box["bottom"] <= frame_box["bottom"]
    )

"""Fixtures shared across the suite: the bundled data folder and its atlas and gazetteer, and live servers.

A test that starts a live server (through start_server) must carry the `server` mark, so that
`pytest -m "not server and not browser"` is a run of the unit tests alone.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from geo.core.atlas import Atlas
from geo.core.settings import BUNDLED_DATA
from geo.data.load import load_atlas
from geo.ingest.gazetteer import Gazetteer, gazetteer_for
from tests.support.server import SERVER_LOGS, ServerFactory, read_log, streamlit_server

# The fixture every live server comes from.
SERVER_FIXTURE = "start_server"


@pytest.fixture(scope="session")
def bundled_data() -> Path:
    """The data folder bundled with the app."""
    return BUNDLED_DATA


@pytest.fixture(scope="session")
def bundled_atlas(bundled_data: Path) -> Atlas:
    """The atlas of the bundled data folder, read once a session; tests must not change it."""
    return load_atlas(bundled_data)


@pytest.fixture(scope="session")
def gazetteer(bundled_atlas: Atlas) -> Gazetteer:
    """Our places and the GeoNames towns around them; some 3 s to build, so built once.

    gazetteer_for keeps it for the process, so ingest and evaluate run in-process on the
    bundled places use this same one rather than building their own.
    """
    return gazetteer_for(bundled_atlas)


@pytest.fixture(scope="module")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    """A factory: start_server(data_dir, name) runs a server for this module; returns its URL."""
    with ExitStack() as servers:

        def start(data_dir: Path, name: str) -> str:
            log_path = tmp_path_factory.mktemp(f"server-{name}") / "streamlit.log"
            return servers.enter_context(streamlit_server(data_dir, log_path))

        yield start


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse a test that starts a live server without the `server` mark."""
    unmarked = [
        item.nodeid
        for item in items
        if SERVER_FIXTURE in getattr(item, "fixturenames", ()) and item.get_closest_marker("server") is None
    ]
    if unmarked:
        listed = "\n  ".join(unmarked)
        raise pytest.UsageError(f"these tests start a live server but are not marked `server`:\n  {listed}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a failed test, attach the logs of the live servers it used."""
    report = yield
    if report.failed:
        funcargs: dict[str, Any] = getattr(item, "funcargs", {})
        for name, value in funcargs.items():
            # A server fixture gives its URL, alone or first in a tuple.
            url = value[0] if isinstance(value, tuple) and value else value
            if isinstance(url, str) and url in SERVER_LOGS:
                report.sections.append((f"server log: {name} ({url})", read_log(SERVER_LOGS[url])))
    return report

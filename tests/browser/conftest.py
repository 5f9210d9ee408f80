"""Fixtures that run the Streamlit app and drive it in headless Chromium.

The servers come from the start_server fixture (tests/conftest.py), but for signin_server, which
runs its own beside a test OpenID Connect provider. The browser pages see no internet: every
request to a host other than this machine is aborted and recorded, so map tiles fail and the map
must work without them.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, Request, Route, sync_playwright

from geo.core.atlas import Atlas
from geo.core.settings import BUNDLED_DATA
from tests.support.browser import CHROMIUM_ARGS, LOCAL_HOSTS, PageLog, chromium_path
from tests.support.datafolder import write_folder, write_xss_folder
from tests.support.oidc import OIDCProvider
from tests.support.server import ServerFactory
from tests.support.signin import signin_app


@pytest.fixture(scope="module")
def app_server(start_server: ServerFactory) -> str:
    """The app on the bundled data/ folder."""
    return start_server(BUNDLED_DATA, "data")


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


@pytest.fixture(scope="module")
def signin_server(
    start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, OIDCProvider]]:
    """The app on a copy of the bundled data, signing in through a test provider; editor@example.org its editor."""
    # start_server is asked for so that the suite's guard holds the tests that use this to the `server` mark.
    with signin_app(tmp_path_factory.mktemp("signin")) as server_and_provider:
        yield server_and_provider


@pytest.fixture(scope="session")
def atlas(bundled_atlas: Atlas) -> Atlas:
    """The bundled data, to compute what the page must show."""
    return bundled_atlas


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
        _no_browser("no Chromium found: set CHROMIUM, or install Debian's chromium at /usr/bin/chromium")
    browser = playwright_instance.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


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
        lambda message: page_log.console_errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))
    yield page
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a failed browser test, attach what its page saw and what its sign-in provider was asked."""
    report = yield
    if report.failed:
        funcargs: dict[str, Any] = getattr(item, "funcargs", {})
        for value in funcargs.values():
            if isinstance(value, PageLog):
                report.sections.append(("browser page log", value.report()))
            for part in value if isinstance(value, tuple) else (value,):
                if isinstance(part, OIDCProvider):
                    report.sections.append(("sign-in provider log", "\n".join(part.log)))
    return report

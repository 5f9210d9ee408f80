"""Signing in, in Chromium: through the test OpenID Connect provider and back, as an editor or as a reader.

An anonymous visitor has the map alone and a Sign in button; an editor gets the Add article and
Review pages; a reader who signs in is told they are no editor and gets no more than the map.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support.oidc import OIDCProvider
from tests.support.signin import EDITOR, READER

pytestmark = [pytest.mark.browser, pytest.mark.server]

# The editing pages, by their URL paths.
EDITING_PAGES = ("add-article", "review")
NOT_AN_EDITOR = "You are not among this map's editors"
# The first run loads the data and draws the map; a sign-in is three redirects and a fresh page.
LOAD_TIMEOUT_MS = 60_000


def sign_in_button(page: Page) -> Locator:
    """The sidebar's Sign in button, found by its widget key."""
    # Streamlit draws a button with help twice, one copy hidden: the visible one is the one to press.
    return page.locator(".st-key-sign-in button:visible")


def sign_out_button(page: Page) -> Locator:
    """The sidebar's Sign out button, found by its widget key."""
    return page.locator(".st-key-sign-out button:visible")


def nav_link(page: Page, url_path: str) -> Locator:
    """The navigation's link to a page, found by its URL path."""
    return page.get_by_test_id("stSidebarNav").locator(f'a[href$="/{url_path}"]')


def expect_anonymous(page: Page) -> None:
    """The page offers sign-in, and lists no editing page."""
    expect(sign_in_button(page)).to_contain_text("Sign in", timeout=LOAD_TIMEOUT_MS)
    expect(sign_out_button(page)).to_have_count(0)
    for url_path in EDITING_PAGES:
        expect(nav_link(page, url_path)).to_have_count(0)


def sign_in(page: Page, provider: OIDCProvider, email: str) -> None:
    """Press Sign in with the provider set to approve email; wait until the page says who is signed in."""
    provider.sign_in_as = email
    signed_in_before = len(provider.sign_ins)
    sign_in_button(page).click()
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Signed in as {email}", timeout=LOAD_TIMEOUT_MS)
    # The identity came through the provider's token endpoint, with PKCE, not from anywhere else.
    assert [(s.email, s.code_challenge_method) for s in provider.sign_ins[signed_in_before:]] == [(email, "S256")]


def test_an_anonymous_visitor_sees_the_map_alone_and_a_sign_in_button(
    signin_server: tuple[str, OIDCProvider], page: Page
) -> None:
    base_url, _ = signin_server
    page.goto(base_url)
    expect_anonymous(page)
    expect(page.get_by_test_id("stSidebar")).not_to_contain_text("Signed in as")


def test_an_editor_signs_in_sees_the_editing_pages_and_signs_out(
    signin_server: tuple[str, OIDCProvider], page: Page
) -> None:
    base_url, provider = signin_server
    page.goto(base_url)
    expect_anonymous(page)
    sign_in(page, provider, EDITOR)
    # Back on the app, not left at the provider or on the callback.
    assert page.url.rstrip("/") == base_url
    for url_path in EDITING_PAGES:
        expect(nav_link(page, url_path)).to_have_count(1)
    expect(nav_link(page, "review")).to_contain_text("Review")
    expect(nav_link(page, "add-article")).to_contain_text("Add article")
    expect(page.get_by_test_id("stSidebar")).not_to_contain_text(NOT_AN_EDITOR)
    expect(sign_out_button(page)).to_contain_text("Sign out")
    sign_out_button(page).click()
    expect_anonymous(page)
    expect(page.get_by_test_id("stSidebar")).not_to_contain_text("Signed in as")


def test_a_reader_who_signs_in_is_told_they_are_no_editor_and_gets_no_editing_page(
    signin_server: tuple[str, OIDCProvider], page: Page
) -> None:
    base_url, provider = signin_server
    page.goto(base_url)
    expect_anonymous(page)
    sign_in(page, provider, READER)
    expect(page.get_by_test_id("stSidebar")).to_contain_text(NOT_AN_EDITOR)
    for url_path in EDITING_PAGES:
        expect(nav_link(page, url_path)).to_have_count(0)
    expect(sign_out_button(page)).to_be_visible()

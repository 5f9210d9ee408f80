"""Helpers for driving the app in headless Chromium: the browser, what a page did, and the map's frame.

Streamlit reruns asynchronously, so these wait for a condition (Playwright's expect, or a
JavaScript predicate polled by wait_for_function) rather than sleeping.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from playwright.sync_api import Frame, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The iframe streamlit-folium draws the map in.
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

# Counts the page's script runs, as the app element's script state changes to "running".
COUNT_RUNS = """new MutationObserver(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || window.__runsWatched) { return; }
    window.__runsWatched = true; window.__runs = 0;
    new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'running') { window.__runs++; } })
        .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}).observe(document, {subtree: true, childList: true});"""

# In the map's frame: whether its markers are those of exactly the given place ids.
MARKERS_ARE = """expected => {
    const ids = new Set();
    for (const el of document.querySelectorAll('.geo-marker')) {
        const found = String(el.className).match(/(?:^|\\s)geo-place-(\\S+)/);
        if (found) { ids.add(found[1]); }
    }
    return ids.size === expected.length && expected.every(id => ids.has(id));
}"""

# In the map's frame: whether the open pop-up lies wholly within the map, and the map is still.
POPUP_IN_VIEW = """() => {
    const popup = document.querySelector('.leaflet-popup'), m = window.map;
    if (!popup || !m) { return false; }
    if (m._animatingZoom || (m._panAnim && m._panAnim._inProgress)) { return false; }
    const box = popup.getBoundingClientRect(), frame = m.getContainer().getBoundingClientRect();
    return frame.left <= box.left && box.right <= frame.right && frame.top <= box.top && box.bottom <= frame.bottom;
}"""


def chromium_path() -> str | None:
    """Debian's Chromium: $CHROMIUM, else /usr/bin/chromium, else chromium on PATH."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@dataclass
class PageLog:
    """What a page did on the network and in its consoles."""

    aborted: list[tuple[str, str]] = field(default_factory=list)  # (url, resource type)
    responses: list[tuple[str, int]] = field(default_factory=list)  # (url, status)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def report(self) -> str:
        """The log as text for a failure report."""
        lines = [f"aborted off-machine requests: {len(self.aborted)}"]
        lines += [f"  {kind}: {url}" for url, kind in self.aborted[:20]]
        lines += [f"console errors: {len(self.console_errors)}"]
        lines += [f"  {text}" for text in self.console_errors[:20]]
        lines += [f"page errors: {len(self.page_errors)}"]
        lines += [f"  {text}" for text in self.page_errors]
        return "\n".join(lines)


def holds(
    target: Page | Frame,
    predicate: str,
    arg: Any = None,
    timeout_ms: float = 15_000,
    polling: float | Literal["raf"] = "raf",
) -> bool:
    """Whether a JavaScript predicate came to hold in the page or frame within the timeout."""
    try:
        target.wait_for_function(predicate, arg=arg, timeout=timeout_ms, polling=polling)
    except PlaywrightTimeoutError:
        return False
    return True


def map_frame(page: Page, timeout_s: float = 30.0) -> Frame:
    """The st_folium iframe's frame once it holds at least one .geo-marker."""
    iframe = page.locator(MAP_IFRAME)
    expect(iframe.content_frame.locator(".geo-marker").first).to_be_attached(timeout=timeout_s * 1000)
    frame = iframe.element_handle().content_frame()
    assert frame is not None, "the map's iframe has no frame"
    return frame


def marker_place_ids(frame: Frame) -> set[str]:
    """The place ids of the markers in a frame, read from their geo-place-<id> classes."""
    classes: list[str] = frame.locator(".geo-marker").evaluate_all("els => els.map(el => el.className)")
    ids = set()
    for class_name in classes:
        found = re.findall(r"(?:^|\s)geo-place-(\S+)", class_name)
        assert len(found) == 1, f"marker without exactly one geo-place-* class: {class_name!r}"
        ids.add(found[0])
    return ids


def wait_for_marker_ids(frame: Frame, expected: set[str], timeout_s: float = 15.0) -> set[str]:
    """The marker place ids once they equal `expected`, or whatever they are at the timeout."""
    holds(frame, MARKERS_ARE, sorted(expected), timeout_s * 1000)
    return marker_place_ids(frame)


def popup_and_map_boxes(frame: Frame) -> tuple[dict[str, float], dict[str, float]]:
    """The open pop-up's box and the map's, in the frame's pixels."""
    boxes: tuple[dict[str, float], dict[str, float]] = frame.evaluate(
        """() => [document.querySelector('.leaflet-popup').getBoundingClientRect().toJSON(),
                  window.map.getContainer().getBoundingClientRect().toJSON()]"""
    )
    return boxes


def settled_popup_boxes(frame: Frame, timeout_s: float = 10.0) -> tuple[dict[str, float], dict[str, float]]:
    """The pop-up's box and the map's once the pop-up is in view and the map still, or at the timeout."""
    holds(frame, POPUP_IN_VIEW, timeout_ms=timeout_s * 1000)
    return popup_and_map_boxes(frame)


def inside(box: dict[str, float], frame_box: dict[str, float]) -> bool:
    """Whether a box lies wholly within a frame's box."""
    return (
        frame_box["left"] <= box["left"]
        and box["right"] <= frame_box["right"]
        and frame_box["top"] <= box["top"]
        and box["bottom"] <= frame_box["bottom"]
    )

"""A load test of the running app: many sessions at once change filters and open places.

Each client speaks the browser's own protocol over Streamlit's websocket (/_stcore/stream):
it sends BackMsg.rerun_script with the widget values, as the page would after a click, and
reads the ForwardMsgs the server sends back until script_finished. It learns the widgets'
ids and options from the elements the server sends, the way the page does.

Whether a session sees only its own filters is checked against a reference: before the
load, one lone session visits every view the clients will use and records what the server
sends for it (the link written back, the sidebar counts, the places on the map, and a digest
of the page's text and table). Under load, every rerun of every client must match the
reference for the view that client asked for; a rerun that shows another view is a leak.

It uses only Streamlit's wire protobufs (though importing them loads the package), never its
runtime: the app under test is a separate process, usually `streamlit run app.py` on a loopback port.

The parts: ``view`` holds what a reader asks for and what a run showed; ``page`` reads the
elements a run drew; ``session`` speaks the websocket protocol; ``plan`` draws the views and
a reader's next step; ``reference`` records every view alone; ``client`` drives the readers
and tallies what they find; ``memory`` samples the server's RSS; ``report`` gives the figures
and the verdict; ``runner`` runs the whole; ``cli`` is the command line. The public names are
importable from here.
"""

from __future__ import annotations

from geo.tools.loadtest.cli import main
from geo.tools.loadtest.client import Client, Tally
from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.memory import MemorySamples, listening_pid, rss_bytes, server_pid
from geo.tools.loadtest.page import (
    CONTENT_TYPES,
    MAP_PLACE,
    WIDGET_ID,
    WIDGET_TYPES,
    Widgets,
    discover_widgets,
    element_problems,
    fingerprint,
)
from geo.tools.loadtest.plan import SEARCH_WORDS, Plan, make_plan, next_view, random_filter
from geo.tools.loadtest.reference import Reference, build_reference
from geo.tools.loadtest.report import Report, mib, ms, percentile
from geo.tools.loadtest.runner import Settings, run_async, run_load, run_load_async, warmed_up
from geo.tools.loadtest.session import MAX_MESSAGE_BYTES, NO_XSRF_TOKEN, STREAM_PATH, Session, stream_url
from geo.tools.loadtest.view import FILTER_KEYS, SEARCH_KEY, Fingerprint, Run, View

__all__ = [
    "CONTENT_TYPES",
    "Client",
    "FILTER_KEYS",
    "Fingerprint",
    "LoadTestError",
    "MAP_PLACE",
    "MAX_MESSAGE_BYTES",
    "MemorySamples",
    "NO_XSRF_TOKEN",
    "Plan",
    "Reference",
    "Report",
    "Run",
    "SEARCH_KEY",
    "SEARCH_WORDS",
    "STREAM_PATH",
    "Session",
    "Settings",
    "Tally",
    "View",
    "WIDGET_ID",
    "WIDGET_TYPES",
    "Widgets",
    "build_reference",
    "discover_widgets",
    "element_problems",
    "fingerprint",
    "listening_pid",
    "main",
    "make_plan",
    "mib",
    "ms",
    "next_view",
    "percentile",
    "random_filter",
    "rss_bytes",
    "run_async",
    "run_load",
    "run_load_async",
    "server_pid",
    "stream_url",
    "warmed_up",
]

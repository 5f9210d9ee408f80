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

With editors (--editors N, --data the folder the server serves), each editor is a process of its
own writing in that folder as the Add article and Review pages do: it drafts a generated article
naming a few of the folder's places, one passage carrying a marker word, saves it as a draft,
rejects the marked excerpt and accepts the others, then accepts the source; every write is timed.
Readers see reviewed sources only, and the editors only add them, so a reader's run is compared
with its reference in what cannot change (its link) and in what may only grow (its counts, its
map's places, gaining only places the editors name); its text and table are not compared. Every
message a reader receives is scanned for the marker: a reader shown one was shown a draft or a
rejected passage. After the run, every write must be in the folder's history, the folder must
load with every accepted source reviewed by its editor, and a reader's page must count every
excerpt accepted.

It uses only Streamlit's wire protobufs (though importing them loads the package), never its
runtime: the app under test is a separate process, usually `streamlit run app.py` on a loopback port.

The parts: ``view`` holds what a reader asks for and what a run showed; ``page`` reads the
elements a run drew; ``session`` speaks the websocket protocol; ``plan`` draws the views and
a reader's next step; ``reference`` records every view alone; ``growth`` compares a run with it
while editors add sources; ``client`` drives the readers and tallies what they find; ``marker``
makes the marker and scans for it; ``article`` writes an editor's article; ``editor`` is one
editor's loop and log; ``editors`` runs their processes; ``audit`` checks the folder after them;
``memory`` samples the server's RSS; ``report`` gives the figures and the verdict; ``runner``
runs the whole; ``cli`` is the command line. The public names are importable from here.
"""

from __future__ import annotations

from geo.tools.loadtest.article import Article, article_id, drafted, place_pool, write_article
from geo.tools.loadtest.audit import audit, lost_writes
from geo.tools.loadtest.cli import main
from geo.tools.loadtest.client import Client, Tally
from geo.tools.loadtest.editor import EditorJob, EditorLog, Write, edit
from geo.tools.loadtest.editors import Editors, count_problems, editors_places
from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.growth import growth_faults
from geo.tools.loadtest.marker import MARKER_PREFIX, markers_in, new_marker
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
    "Article",
    "CONTENT_TYPES",
    "Client",
    "EditorJob",
    "EditorLog",
    "Editors",
    "FILTER_KEYS",
    "Fingerprint",
    "LoadTestError",
    "MAP_PLACE",
    "MARKER_PREFIX",
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
    "Write",
    "article_id",
    "audit",
    "build_reference",
    "count_problems",
    "discover_widgets",
    "drafted",
    "edit",
    "editors_places",
    "element_problems",
    "fingerprint",
    "growth_faults",
    "listening_pid",
    "lost_writes",
    "main",
    "make_plan",
    "markers_in",
    "mib",
    "ms",
    "new_marker",
    "next_view",
    "percentile",
    "place_pool",
    "random_filter",
    "rss_bytes",
    "run_async",
    "run_load",
    "run_load_async",
    "server_pid",
    "stream_url",
    "warmed_up",
    "write_article",
]

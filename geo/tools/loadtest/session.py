"""One browser tab over Streamlit's websocket: it reruns the page with a view's widget values."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from geo.core.viewstate import PLACE_KEY
from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.marker import markers_in
from geo.tools.loadtest.page import Widgets, discover_widgets, element_problems, fingerprint
from geo.tools.loadtest.view import FILTER_KEYS, SEARCH_KEY, Run, View

STREAM_PATH = "_stcore/stream"

# What the page offers when the browser has no token yet; the server only reads it for logins.
NO_XSRF_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
MAX_MESSAGE_BYTES = 64 * 2**20


class Session:
    """One browser tab: a websocket session that runs the page and remembers its URL."""

    def __init__(self, url: str, *, session_id: str | None = None, page_hash: str = "", timeout: float = 30.0) -> None:
        self.ws_url = stream_url(url)
        self.resume_id = session_id
        self.timeout = timeout
        self.session_id: str | None = None
        self.query = ""  # the address bar's query string, as the server last set it
        self.page_hash = page_hash  # "" asks for the default page, as a first load does
        self.widgets = Widgets()
        self._ws: ClientConnection | None = None

    async def open(self) -> None:
        """Connect, offering a session id to resume as the page does after a reconnect."""
        protocols = ["streamlit", NO_XSRF_TOKEN] + ([self.resume_id] if self.resume_id else [])
        self._ws = await connect(
            self.ws_url,
            subprotocols=[Subprotocol(p) for p in protocols],
            max_size=MAX_MESSAGE_BYTES,
            open_timeout=self.timeout,
        )

    async def close(self) -> None:
        """Leave, as a closed tab does."""
        if self._ws is not None:
            await self._ws.close()

    async def load(self) -> Run:
        """A fresh page load: the page's first run, and the run the map asks for once drawn."""
        first = await self.run(None)
        if first.problems or SEARCH_KEY in self.widgets.ids:
            return first
        # A session's first run draws the map and the panel alone; in a browser the map asks
        # for the rest once it is drawn, and this does as the map does.
        rest = await self.run(None)
        markers = list(dict.fromkeys(first.markers + rest.markers))
        return Run(first.seconds + rest.seconds, rest.fingerprint, rest.problems, markers)

    async def run(self, view: View | None) -> Run:
        """Rerun the page with a view's widget values (None: a fresh page load) and read it all."""
        if self._ws is None:
            raise LoadTestError("the session is not open")
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_script_hash = self.page_hash
        if view is not None:
            message.rerun_script.widget_states.widgets.extend(self.widget_states(view))
        started = time.monotonic()
        await self._ws.send(message.SerializeToString())
        async with asyncio.timeout(self.timeout):
            page, problems, markers = await self._read_run()
        seconds = time.monotonic() - started
        self.widgets = discover_widgets(page.values())
        return Run(seconds, fingerprint(self.query, page), problems, markers)

    async def _read_run(self) -> tuple[dict[tuple[int, ...], Element], list[str], list[str]]:
        """The elements a run drew, by position, its problems, and the markers in every message, to script_finished."""
        assert self._ws is not None
        page: dict[tuple[int, ...], Element] = {}
        problems: list[str] = []
        markers: list[str] = []  # kept past a run cut short: what it drew was on the reader's screen
        while True:
            raw = await self._ws.recv()
            data = raw if isinstance(raw, bytes) else raw.encode()
            markers += markers_in(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "ref_hash":
                # The page fetches such a message by its hash; this client never offers a cache,
                # so none should come, and one that did would be neither read nor scanned.
                problems.append("a message was sent by reference, unread")
            elif kind == "page_not_found":
                problems.append(f"page not found: {msg.page_not_found.page_name!r}")
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                page[tuple(msg.metadata.delta_path)] = element
                problems += element_problems(element)
            elif kind == "script_finished":
                # A run already going when ours was asked for ends early, and ours follows it,
                # as a browser waits for it: what that run drew is not our page.
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    page.clear()
                    problems.clear()
                    continue
                if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    name = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    problems.append(f"script finished with {name}")
                return page, problems, list(dict.fromkeys(markers))

    def widget_states(self, view: View) -> list[WidgetState]:
        """The values a page showing this view would send, one per driven widget."""
        ids = self.widgets.ids
        missing = [key for key in (SEARCH_KEY, PLACE_KEY, *FILTER_KEYS) if key not in ids]
        if missing:
            raise LoadTestError(f"the page drew no widget with key {', '.join(missing)}")
        states = [WidgetState(id=ids[SEARCH_KEY], string_value=view.q)]
        for key in FILTER_KEYS:
            state = WidgetState(id=ids[key])
            state.string_array_value.data.extend(view.chosen(key))
            states.append(state)
        # A cleared selectbox is a state with no value, which the server reads as None.
        place = WidgetState(id=ids[PLACE_KEY])
        if view.place is not None:
            place.string_value = view.place
        return [*states, place]


def stream_url(url: str) -> str:
    """The websocket address of an app's http(s) address."""
    parts = urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    base = parts.path.rstrip("/")
    return f"{scheme}://{parts.netloc}{base}/{STREAM_PATH}"

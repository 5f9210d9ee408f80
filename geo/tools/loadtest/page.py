"""What a run drew, read from the elements the server sent: widgets, problems, and the fingerprint."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.Element_pb2 import Element

from geo.tools.loadtest.view import Fingerprint

WIDGET_TYPES = {"text_input", "multiselect", "selectbox"}
# Elements whose content is the view: text, counts, the table. Widgets are left out (their
# echo of a value differs between a page's first run and later ones), and so are the map
# and the download buttons, which carry ids made afresh on every run.
CONTENT_TYPES = {"markdown", "html", "heading", "alert", "metric", "dataframe", "vega_lite_chart"}
WIDGET_ID = re.compile(r"^\$\$ID-[0-9a-f]+-(?P<key>.+)$")
MAP_PLACE = re.compile(r"geo-place-([A-Za-z0-9_-]+)")


@dataclass
class Widgets:
    """The driven widgets' ids and options, as the last run drew them."""

    ids: dict[str, str] = field(default_factory=dict)
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)


def element_problems(element: Element) -> list[str]:
    """An exception or error box on the page is a failure of the run."""
    kind = element.WhichOneof("type")
    if kind == "exception":
        return [f"exception: {element.exception.type}: {element.exception.message}"]
    if kind == "alert" and element.alert.format == Alert.ERROR:
        return [f"error shown: {element.alert.body[:200]}"]
    return []


def discover_widgets(elements: Iterable[Element]) -> Widgets:
    """The driven widgets' ids and option labels, read from the elements the server sent."""
    found = Widgets()
    for element in elements:
        kind = element.WhichOneof("type")
        if kind not in WIDGET_TYPES:
            continue
        proto = element.text_input if kind == "text_input" else getattr(element, kind)
        widget_id: str = proto.id
        match = WIDGET_ID.match(widget_id)
        if match:
            key = match.group("key")
            found.ids[key] = widget_id
            if kind != "text_input":
                found.options[key] = tuple(proto.options)
    return found


def fingerprint(query: str, page: dict[tuple[int, ...], Element]) -> Fingerprint:
    """What a run showed that depends on the view: link, counts, map places, text and table."""
    digest = hashlib.sha256()
    metrics: list[tuple[str, str]] = []
    places: set[str] = set()
    for path in sorted(page):
        element = page[path]
        kind = element.WhichOneof("type")
        if kind == "metric":
            metrics.append((element.metric.label, element.metric.body))
        elif kind == "component_instance":
            places.update(MAP_PLACE.findall(element.component_instance.json_args))
        if kind in CONTENT_TYPES:
            digest.update(repr(path).encode())
            digest.update(getattr(element, kind).SerializeToString(deterministic=True))
    return Fingerprint(query, tuple(metrics), tuple(sorted(places)), digest.hexdigest()[:16])

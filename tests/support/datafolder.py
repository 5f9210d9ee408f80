"""Builders of small data folders for tests: a valid one, and ways to spoil it."""

from __future__ import annotations

import json
import shutil
from hashlib import sha256
from pathlib import Path
from typing import Any

import yaml

from geo.core.settings import BUNDLED_DATA
from geo.data.layout import INDEX_DIR

ARTICLE = (
    "Skip to main content\n\nTown under fire\n\n"
    "Shelling hit Alpha town on Jan. 5, residents said.\n\n"
    "“We will not leave,” said Dana Q, a teacher in Alpha.\n\n"
    "Officials said the Beta crossing was open.\n"
)


def place(place_id: str, name: str, lon: float, lat: float, **overrides: Any) -> dict[str, Any]:
    """A GeoJSON Feature for places.geojson."""
    properties = {
        "id": place_id,
        "name": name,
        "name_ar": "ألفا",
        "aliases": [],
        "kind": "town",
        "precision_m": 2000,
        "admin1": "Idlib",
        "geonames_id": None,
        "coord_source": "test fixture",
    }
    properties.update(overrides)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def source(source_id: str = "test-source", **overrides: Any) -> dict[str, Any]:
    """A source YAML document with three excerpts over two places."""
    document: dict[str, Any] = {
        "id": source_id,
        "title": "Town under fire",
        "outlet": "Test Outlet",
        "author": "A. Writer",
        "published": "2020-01",
        "language": "en",
        "excerpts": [
            {
                "id": f"{source_id}-shelling",
                "places": ["alpha"],
                "kind": "report",
                "voice": "journalist",
                "event_date": "2020-01-05",
                "text": "Shelling hit Alpha town on Jan. 5, residents said.",
            },
            {
                "id": f"{source_id}-dana",
                "places": ["alpha"],
                "kind": "testimony",
                "speaker": "Dana Q",
                "role": "a teacher in Alpha",
                "voice": "civilian",
                "text": '"We will not leave,"',
            },
            {
                "id": f"{source_id}-officials",
                "places": ["beta-crossing"],
                "kind": "statement",
                "speaker": "Officials",
                "voice": "government",
                "text": "Officials said the Beta crossing was open.",
            },
        ],
    }
    document.update(overrides)
    return document


def write_folder(
    root: Path,
    places: list[dict[str, Any]] | None = None,
    sources: dict[str, tuple[dict[str, Any], str]] | None = None,
) -> Path:
    """Write places.geojson and sources/<id>.yaml + .txt under root; return root."""
    if places is None:
        places = [
            place("alpha", "Alpha", 36.6, 35.6),
            place("beta-crossing", "Beta crossing", 36.9, 35.8, kind="crossing", precision_m=5000),
        ]
    if sources is None:
        sources = {"test-source": (source(), ARTICLE)}
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "places.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": places}, ensure_ascii=False),
        encoding="utf-8",
    )
    for source_id, (document, article) in sources.items():
        document = {"text_sha256": sha256(article.encode("utf-8")).hexdigest(), **document}
        (root / "sources" / f"{source_id}.yaml").write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        (root / "sources" / f"{source_id}.txt").write_text(article, encoding="utf-8")
    return root


# Markup that would run if any layer forgot to escape: an image whose onerror sets a flag,
# a script tag, and a break-out of the JavaScript template literal folium writes.
XSS_NAME = '<img src=x onerror="window.__xss=1">Alpha`${window.__xss=2}`'
XSS_TEXT = '<script>window.__xss=3</script> Shelling <img src=x onerror="window.__xss=4"> hit.'
XSS_WHO = '<img src=x onerror="window.__xss=9">people`${window.__xss=10}`'


def write_xss_folder(root: Path) -> Path:
    """A data folder whose place name, source title, excerpt and journey carry script payloads."""
    article = f"Report.\n\n{XSS_TEXT}\n"
    document = source(
        # Streamlit's Markdown would also link bare URLs and draw :material/...: icons.
        title='<img src=x onerror="window.__xss=5">Title https://x.example/p www.example.com :material/home:',
        excerpts=[
            {
                "id": "xss-excerpt",
                "places": ["alpha"],
                "kind": "testimony",
                "speaker": '<b onmouseover="window.__xss=6">Eve</b>',
                "role": "`${window.__xss=7}`",
                "voice": "civilian",
                "text": XSS_TEXT,
                "movements": [{"from": "alpha", "who": XSS_WHO}],
            }
        ],
    )
    return write_folder(
        root,
        places=[place("alpha", XSS_NAME, 36.6, 35.6, name_ar="<script>window.__xss=8</script>ألفا")],
        sources={"test-source": (document, article)},
    )


def data_folder(root: Path, sources: tuple[str, ...] = ("al-monitor-2020-01-idlib-crossings",)) -> Path:
    """A copy of the bundled places and outlines, with some of the bundled sources."""
    (root / "sources").mkdir(parents=True)
    shutil.copy(BUNDLED_DATA / "places.geojson", root)
    shutil.copytree(BUNDLED_DATA / "boundaries", root / "boundaries")
    for source_id in sources:
        for suffix in (".txt", ".yaml"):
            shutil.copy(BUNDLED_DATA / "sources" / f"{source_id}{suffix}", root / "sources")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, hidden ones too, with its bytes; but the index a load keeps (geo/data/snapshot.py)."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files if p.relative_to(root).parts[0] != INDEX_DIR}

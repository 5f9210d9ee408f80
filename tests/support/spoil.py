"""Ways to spoil a data folder written by tests.support.datafolder: each returns a spoil(root) to apply."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Spoil = Callable[[Path], None]


def edit(path: str, change: Callable[[str], str]) -> Spoil:
    """Rewrite the text of one file of the folder, given by its path under the folder, through change()."""

    def spoil(root: Path) -> None:
        target = root / path
        target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")

    return spoil


def with_places(*features: dict[str, Any]) -> Spoil:
    """Replace places.geojson with a collection of these features."""

    def spoil(root: Path) -> None:
        (root / "places.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": list(features)}), encoding="utf-8"
        )

    return spoil


def with_first_excerpt(**changes: object) -> Spoil:
    """Change fields of the first excerpt of test-source."""

    def spoil(root: Path) -> None:
        path = root / "sources" / "test-source.yaml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        document["excerpts"][0].update(changes)
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    return spoil

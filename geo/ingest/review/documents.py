"""A source's YAML document as review reads and writes it: its fields in order, its header kept while a draft."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from geo.data.documents import loader_for
from geo.ingest.review.errors import ReviewError

DRAFT = "draft"


def parse(text: str, name: str) -> dict[str, Any]:
    """A source file's mapping, read as the folder's loader reads it; ReviewError if it is not one."""
    try:
        document = yaml.load(text, Loader=loader_for(text))  # noqa: S506 - SafeLoader subclasses
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        raise ReviewError(f"{name} cannot be read ({error}); fix it first (python -m geo validate)") from None
    if not isinstance(document, dict):
        raise ReviewError(f"{name} is not a mapping of source fields; fix it first (python -m geo validate)")
    return document


def is_draft(document: dict[str, Any]) -> bool:
    """Whether a source document is still a draft."""
    return document.get("status") == DRAFT


def header(text: str) -> str:
    """The comment lines a file opens with (ingest's note to the reviewer), kept when it is written again."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def dump(document: dict[str, Any], opening: str = "") -> str:
    """The document as YAML, written as ingest writes drafts, after the comment lines given."""
    return opening + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def put(mapping: dict[str, Any], key: str, value: Any, order: Iterable[str]) -> dict[str, Any]:
    """The mapping with key set: in place if present, else before the first key that comes after it in order."""
    if key in mapping:
        return {**mapping, key: value}
    names = list(order)
    later = set(names[names.index(key) + 1 :]) if key in names else set()
    placed: dict[str, Any] = {}
    for name, existing in mapping.items():
        if name in later and key not in placed:
            placed[key] = value
        placed[name] = existing
    placed.setdefault(key, value)
    return placed

"""JSON as the site writes it: the same value always gives the same bytes."""

from __future__ import annotations

import json
from typing import Any


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON with sorted keys, so a publish can be diffed and cached."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

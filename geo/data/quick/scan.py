"""Scans of a JSON file's bytes, before parsing: what could hide a character the records refuse."""

from __future__ import annotations

import re

from geo.core.records import HIDDEN, SCANNED_CLEAN

# Looked for in a whole JSON file's bytes, before parsing: the one-byte controls, found by
# deleting every other byte, which is far quicker than any regex over the text; the others by
# their UTF-8 lead bytes (C1 controls, bidirectional controls); and the escapes that write any
# of them in plain ASCII (\b, \f, "\u202e"). So are a surrogate's escapes: half of a pair is
# no character at all, which only validation refuses, and a file scanned clean skips some of
# it (geo/data/quick/records.py). (Not so for YAML, whose tags can make text of bytes: each record read
# from YAML is scanned on its own.)
_NOT_ONE_BYTE_HIDDEN = bytes(b for b in range(256) if b >= 0x80 or not HIDDEN.match(chr(b)))
# Each with the byte it starts with: looking for one byte is many times quicker than a regex,
# and most files lack some of them (a backslash, in text written with ensure_ascii=False).
_HIDDEN_IN_JSON = (
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),
    (b"\xe2", re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")),
    (b"\\", re.compile(rb"\\(?:[bf]|u(?:00[01]|007[fF]|00[89]|202[a-eA-E]|206[6-9]))")),
    (b"\\", re.compile(rb"\\u[dD][89a-fA-F]")),
)

# Besides a hidden character (which YAML refuses raw, or the records' own check reports) and a
# surrogate's escapes (which libyaml cannot join into a pair), both found by json_may_hide,
# what YAML reads otherwise than JSON: U+FFFE and U+FFFF, which it refuses. A source file
# holding them is read the YAML way.
READ_OTHERWISE = re.compile(rb"\xef\xbf[\xbe\xbf]")


def json_may_hide(data: bytes) -> bool:
    """Whether records parsed from this JSON, as UTF-8 bytes, could hold a hidden character or half a surrogate pair."""
    return bool(data.translate(None, _NOT_ONE_BYTE_HIDDEN)) or any(
        first in data and pattern.search(data) for first, pattern in _HIDDEN_IN_JSON
    )


def json_context(data: bytes) -> dict[str, bool]:
    """The validation context for records parsed from this JSON: whether it is free of hidden characters."""
    return {SCANNED_CLEAN: not json_may_hide(data)}

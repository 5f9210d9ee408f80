"""Values a hand-written data file, or a hostile one, could hold in any field."""

from __future__ import annotations

import math
from typing import Any

ODD_VALUES: list[Any] = [
    None,
    "",
    " ",
    "x",
    " x",
    "x ",
    "\u00a0x",
    "x\u2003",
    "x\x1c",
    "\x1cx",
    "x\n",
    "Report",
    "report",
    "testimony",
    "civilian",
    "journalist",
    "town",
    "crossing",
    "alpha",
    "Not A Slug",
    "a--b",
    "-a",
    "a-",
    "2020",
    "2020-02-30",
    "2020-1",
    "2020-13",
    "2020-01-19",
    " 2020-01",
    "2020\n",
    "2020-02-30\n",
    "٢٠٢٠",
    "x\n",
    2020,
    0,
    1,
    -1,
    1000,
    True,
    False,
    1.5,
    35.0,
    91.0,
    -180.5,
    float("nan"),
    float("inf"),
    [],
    ["alpha"],
    ["alpha", "alpha"],
    ["alpha", " beta"],
    ["alpha", None],
    ["voice"],
    ["voice", "voice"],
    ["speaker", "colour"],
    ("alpha",),
    {"alpha"},
    {"from": "alpha"},
    [{"from": "alpha", "who": "x"}],
    "ألفا",
    ["ألفا"],
    b"alpha",
]

# Those a JSON file can hold: a set, bytes and a tuple are not JSON.
JSON_VALUES: list[Any] = [v for v in ODD_VALUES if not isinstance(v, (set, bytes, tuple))]

# Those a JSON number or string in a point's coordinates can be: NaN and infinity are not JSON.
FINITE_JSON_VALUES: list[Any] = [v for v in JSON_VALUES if not (isinstance(v, float) and not math.isfinite(v))]

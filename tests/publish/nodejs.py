"""The site's scripts run in node, as the page runs them: node found, or the test skipped (failed on CI)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

SITE_FOLDER = Path(__file__).resolve().parents[2] / "geo" / "publish" / "site"


def node() -> str:
    """The node executable; a CI run must have it, elsewhere the comparison is skipped without it."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to check the site's JavaScript, and CI is set")
        pytest.skip("node is not installed: the site's JavaScript is not checked")
    return found


# Loads the page's folding and filters as the page does, and reads the site's files for its
# fetches; a script after it reads `input`, the JSON it was given, and writes its answer as JSON.
SITE_LOADER = """
const fs = require("fs"), path = require("path");
globalThis.window = globalThis;
const [root, folder] = process.argv.slice(1);
require(path.join(folder, "fold.js"));
require(path.join(folder, "filters.js"));
const site = window.geoSite;
const read = (url) => JSON.parse(fs.readFileSync(path.join(root, url), "utf8"));
site.info = read("data/site.json");
site.fetchJson = (url) => new Promise((resolve) => resolve(read(url)));
"""

_READ_INPUT = """
let given = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { given += chunk; });
process.stdin.on("end", async () => {
    const input = JSON.parse(given);
    process.stdout.write(JSON.stringify(await answer(input)));
});
"""


def on_site(site: Path, answer: str, given: object) -> Any:
    """What a script's `async function answer(input)` returns, run in node on a published site's files."""
    done = subprocess.run(
        [node(), "-e", SITE_LOADER + answer + _READ_INPUT, str(site), str(SITE_FOLDER)],
        input=json.dumps(given),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)

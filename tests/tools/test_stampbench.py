"""The stamp benchmark: its folder, its walk as it was, and a figure for every step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.data.layout import fingerprint
from geo.tools.stampbench import listed_walk, run, write_folder


def test_the_walk_as_it_was_stamps_what_the_walk_now_does(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "data", 10)
    assert (root / "history" / "saved").exists(), "the folder is saved to, as one in use is"
    assert listed_walk(root) == fingerprint(root)
    assert len(fingerprint(root)) == 12


def test_every_step_is_given_a_figure(capsys: pytest.CaptureFixture[str]) -> None:
    run(20, repeat=1)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("A folder of 22 files")
    figures = [line for line in lines[1:] if re.search(r"\s\d+\.\d{3}$", line)]
    assert len(figures) == len(lines) - 1 == 6

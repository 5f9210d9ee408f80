"""The command line: python -m geo.tools.synth DIR PLACES [SEED]."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geo.tools.synth.corpus import write_corpus


def main(argv: Sequence[str]) -> None:
    """python -m geo.tools.synth DIR PLACES [SEED]."""
    write_corpus(Path(argv[0]), int(argv[1]), seed=int(argv[2]) if len(argv) > 2 else 0)

"""The published site under load: nginx serves it as a static host would, and wrk asks for its files.

``nginx`` writes the server's configuration and runs it; ``wrk`` runs the load and reads its
report; ``cli`` is the command line (python -m geo.tools.sitebench --site DIR).
"""

from __future__ import annotations

from geo.tools.sitebench.cli import main

__all__ = ["main"]

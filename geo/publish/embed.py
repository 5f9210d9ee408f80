"""The HTML a story's page pastes to show a published map."""

from __future__ import annotations

import html

from geo.core.settings import MAP_HEIGHT

# Where the snippet stands for an address the newsroom has yet to choose.
SITE_ADDRESS = "https://YOUR-SITE.example/map"


def embed_snippet(base: str, title: str) -> str:
    """An iframe of the site at `base` (its address, no trailing slash), titled for screen readers."""
    return (
        f'<iframe src="{html.escape(base)}/index.html" title="{html.escape(title)}" width="100%" '
        f'height="{MAP_HEIGHT}" style="border:0" loading="lazy"></iframe>'
    )

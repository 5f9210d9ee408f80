"""A map of the places news reports name, with who says what about each one.

The sub-packages, each importing only those before it in its line:

- ``core``: the records (Source, Place, Excerpt), dates, names, provenance, the sides voices speak for,
  the atlas and its selection, the filters and view state, and the settings.
- ``data``: reading and writing data folders (the only code that touches them), their problems and export.
- ``render``: text to HTML, all of it escaped; labels and vocabulary; the timeline; CSS files.
- ``map``: the folium map: symbols, markers, journeys, framing, the dense canvas; its JavaScript files.
- ``ingest``: article text, quotes and speakers, the gazetteer, mentions, drafts and their evaluation.
- ``publish``: the static site of a view of the reviewed material, for any web server (see publish/FORMAT.md).
- ``web``: the Streamlit pages, session wiring, caches, routes and the server.
- ``tools``: the benchmark, the synthetic corpora and the load test, run from the command line only.

Imports run ``core <- data <- ingest`` and ``core <- render <- map``; ``publish`` imports ``data``,
``render`` and the map's constants, and only the command line and ``web`` import it; ``web`` may
import them all.
"""

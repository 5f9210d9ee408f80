"""The folium map: symbols, markers, journeys, framing, labels and the dense canvas."""

"""The folium map: symbols, markers, journeys, framing, labels, the dense canvas, and its JavaScript and CSS files."""

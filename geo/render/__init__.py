"""Text to HTML, every piece of it escaped here; labels, vocabulary and the timeline chart."""

"""The domain: records, dates, names, provenance, sides, the atlas and its selection, filters, settings."""

"""Articles made into drafts: text, quotations and speakers, the gazetteer, place mentions, evaluation."""

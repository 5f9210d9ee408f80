"""The review of drafts: each excerpt accepted (as it stands or corrected) or rejected, then the source.

Every step is one commit to the data folder's history (geo.data.store), refused whole when the
draft or the folder has changed since it was read.
"""

from geo.ingest.review.errors import ReviewError, UndecidedError
from geo.ingest.review.operations import accept_source, decide_excerpt, drafts, reject_source
from geo.ingest.review.summary import DraftSummary

__all__ = [
    "DraftSummary",
    "ReviewError",
    "UndecidedError",
    "accept_source",
    "decide_excerpt",
    "drafts",
    "reject_source",
]

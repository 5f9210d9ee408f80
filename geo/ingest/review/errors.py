"""What a review refuses: a request that would leave a draft or the data folder wrong."""

from __future__ import annotations


class ReviewError(ValueError):
    """A review step refused, with why; nothing was written."""


class UndecidedError(ReviewError):
    """A draft accepted while some of its excerpts are undecided, without saying to accept them as they stand."""

    def __init__(self, undecided: int, total: int, source_id: str) -> None:
        super().__init__(
            f"{undecided} of {total} excerpts of {source_id} are undecided; "
            "decide them, or accept the rest as they stand"
        )
        self.undecided = undecided
        self.total = total

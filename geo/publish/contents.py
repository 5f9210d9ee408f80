"""What a site holds: the reviewed material in one view, its places, excerpts and sources numbered as its files are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from geo.core.atlas import Atlas, Selection, per_atlas, reviewed_only
from geo.core.records import Excerpt, Place, Source
from geo.core.sides import is_contested
from geo.core.viewstate import ViewState, selection
from geo.publish.folder import PublishError

ONLY_DRAFTS = "the view holds only drafts; nothing to publish"

# The reader's atlas of the atlas in use, made once: the Publish box asks for it on every run of the page.
_readers_atlas = per_atlas(reviewed_only)


@dataclass(frozen=True)
class Contents:
    """The view's places (in the atlas's order, as points.bin packs them), excerpts and sources, countries too."""

    view: ViewState
    selection: Selection

    @property
    def places(self) -> tuple[Place, ...]:
        """The places with at least one excerpt in view."""
        return self.selection.places

    @property
    def excerpts(self) -> Sequence[Excerpt]:
        """The excerpts in view, in the atlas's order."""
        return self.selection.excerpts

    @cached_property
    def sources(self) -> tuple[Source, ...]:
        """The sources of the excerpts in view, in the atlas's order."""
        used = {e.source for e in self.excerpts}
        return tuple(s for s in self.selection.atlas.sources.values() if s.id in used)

    @cached_property
    def place_number(self) -> dict[str, int]:
        """Each place's number: its position in points.bin."""
        return {place.id: number for number, place in enumerate(self.places)}

    @cached_property
    def excerpt_number(self) -> dict[str, int]:
        """Each excerpt's number: its position among the excerpts in view."""
        return {excerpt.id: number for number, excerpt in enumerate(self.excerpts)}

    @cached_property
    def source_number(self) -> dict[str, int]:
        """Each source's index in site.json's sources."""
        return {source.id: number for number, source in enumerate(self.sources)}

    def excerpts_at(self, place: Place) -> tuple[Excerpt, ...]:
        """A place's excerpts in view."""
        return self.selection.excerpts_at(place.id)

    def contested(self, place: Place) -> bool:
        """Whether both sides make claims about a place in this view, as its marker says on the app's map."""
        return is_contested(self.excerpts_at(place))

    def article(self, source_id: str) -> str:
        """A source's article text, as stored."""
        return self.selection.atlas.articles[source_id]


def contents(atlas: Atlas, view: ViewState) -> Contents:
    """What a reader may see of a view: never a draft, whatever the view asks."""
    # Readers only: the drafts are gone before the view is taken, so no filter can bring one back.
    readers = readers_view(atlas, view)
    # Countries are published whatever the view's switch says: the page shows or hides them at
    # the reader's asking, and the view's switch is only where it starts.
    return Contents(view=readers, selection=selection(_readers_atlas(atlas), replace(readers, countries=True)))


def readers_view(atlas: Atlas, view: ViewState) -> ViewState:
    """The view cut to the reader's atlas: drafts off, no draft's source, no place the reader's atlas lacks."""
    # An editor's view may name a draft's source, which the reader's atlas would refuse as unknown.
    readers = _readers_atlas(atlas)
    sources = view.sources
    if sources:
        # Only drafts are dropped: a source no atlas holds is still the selection's error to report.
        sources = tuple(s for s in sources if s in readers.sources or s not in atlas.sources)
        if not sources:  # none chosen would mean every source: a site of what the editor did not ask for
            raise PublishError(ONLY_DRAFTS)
    place = view.place if view.place in readers.places else None
    return replace(view, sources=sources, place=place, drafts=False)

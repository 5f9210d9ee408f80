"""The records of the atlas: sources, places and the excerpts that tie them together."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

# Ids appear in URLs (?source=...), file names and HTML attributes, so they are kept to a
# plain slug: nothing there ever needs escaping.
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# A date at the precision the article supports: a year, a month or a day. Matched whole
# (fullmatch): "$" would let a trailing newline through, and \d would let Arabic digits.
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?")


class PlaceKind(StrEnum):
    """What sort of place a point stands for."""

    CROSSING = "crossing"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    REGION = "region"
    MOUNTAINS = "mountains"
    MILITARY_BASE = "military-base"
    # A whole country named as a place ("Turkey said ..."): drawn only when a reader asks for it.
    COUNTRY = "country"


class ExcerptKind(StrEnum):
    """Who is speaking in an excerpt: the journalist, a witness, or an official voice."""

    REPORT = "report"
    TESTIMONY = "testimony"
    STATEMENT = "statement"


class Voice(StrEnum):
    """Whose side a speaker speaks for."""

    OPPOSITION_ARMED = "opposition-armed"
    OPPOSITION_CIVIL = "opposition-civil"
    CIVILIAN = "civilian"
    GOVERNMENT = "government"
    RUSSIA = "russia"
    STATE_MEDIA = "state-media"
    NGO = "ngo"
    ANALYST = "analyst"
    # A state other than Syria and Russia speaking as a state: "Turkey's defence ministry", "Ankara".
    FOREIGN_STATE = "foreign-state"
    JOURNALIST = "journalist"


# Control characters, and the bidirectional overrides and isolates that can make text read
# differently from what it holds ("Trojan Source"); tabs and newlines are fine.
_HIDDEN_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
HIDDEN = re.compile(f"[{_HIDDEN_CHARACTERS}]")

# The validation context's key for records parsed from JSON that was scanned whole and found clean.
SCANNED_CLEAN = "scanned_clean"


def faults(error: ValidationError) -> list[tuple[str, str]]:
    """Each fault validation found: the field it is in (dotted; "" for the record) and what is wrong."""
    return [
        (".".join(str(part) for part in item["loc"]), item["msg"].removeprefix("Value error, "))
        for item in error.errors()
    ]


def describe_faults(error: ValidationError) -> str:
    """Validation's faults in one line: "field: what is wrong; ..."."""
    return "; ".join(f"{field}: {message}" if field else message for field, message in faults(error))


class Record(BaseModel):
    """Common settings: records are immutable and reject fields they do not know."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="after")
    def _checked(self, info: ValidationInfo) -> Self:
        # One validator runs every check across fields: each validator is a call per record,
        # and a large atlas has hundreds of thousands of records.
        # A file scanned whole and found clean spares the scan of each field of each record.
        if not (isinstance(info.context, dict) and info.context.get(SCANNED_CLEAN)):
            self._no_hidden_characters()
        self._check()
        return self

    def _no_hidden_characters(self) -> None:
        """Refuse a text field that holds a hidden character."""
        for name, value in self.__dict__.items():
            for text in value if isinstance(value, tuple) else (value,):
                if isinstance(text, str) and (found := HIDDEN.search(text)):
                    raise ValueError(f"{name} holds the hidden character U+{ord(found.group()):04X}")

    def _check(self) -> None:
        """Refuse fields that do not fit together; a kind of record with such rules says them here."""


# When a source was reviewed: a second in UTC, written as ISO 8601 with its Z.
REVIEW_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


# Excerpts share a few hundred dates between them, so each is checked once.
@lru_cache(maxsize=4096)
def check_partial_date(value: str | None) -> str | None:
    """Accept a real date written YYYY, YYYY-MM or YYYY-MM-DD, and nothing else."""
    if value is None:
        return None
    if not PARTIAL_DATE.fullmatch(value):
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a day of the calendar") from None
    return value


def check_review_time(value: str) -> str:
    """Accept a real time written YYYY-MM-DDTHH:MM:SSZ, and nothing else."""
    if not REVIEW_TIME.fullmatch(value):
        raise ValueError(f"{value!r} is not a time of the form YYYY-MM-DDTHH:MM:SSZ (UTC)")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a time of the calendar") from None
    return value


class Source(Record):
    """An article as published: who wrote it, where and when."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    outlet: str = Field(min_length=1)
    author: str | None = None
    published: str
    published_note: str | None = None
    url: str | None = None
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    # The article's fingerprint: an edit to the text after its excerpts were checked shows.
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    # Written by ingest, until a researcher has checked every excerpt and place.
    status: Literal["draft"] | None = None
    # Who accepted the draft, and when (ISO 8601, UTC): reviewed sources only.
    reviewed_by: str | None = Field(default=None, min_length=1)
    reviewed_at: str | None = None
    # Lines of page furniture ingest took out of the article, kept so nothing is lost unseen.
    removed_lines: tuple[str, ...] = ()
    # What ingest found and could not settle, for the researcher (drafts only).
    proposed_places: tuple[Place, ...] = ()
    ambiguous: tuple[Ambiguity, ...] = ()
    names_not_found: tuple[NameToPlace, ...] = ()

    @field_validator("published", mode="before")
    @classmethod
    def _published_date(cls, value: object) -> str | None:
        return check_partial_date(None if value is None else str(value))

    @field_validator("reviewed_at")
    @classmethod
    def _review_time(cls, value: str | None) -> str | None:
        return None if value is None else check_review_time(value)

    def _check(self) -> None:
        # A reviewed source's places belong in places.geojson, where every map reads them.
        if self.status is None and (self.proposed_places or self.ambiguous or self.names_not_found):
            raise ValueError("proposed_places, ambiguous and names_not_found belong to drafts (status: draft)")
        # A review is recorded once the draft is accepted, and names both who and when.
        if self.status == "draft" and (self.reviewed_by or self.reviewed_at):
            raise ValueError("reviewed_by and reviewed_at belong to reviewed sources, not drafts")
        if (self.reviewed_by is None) != (self.reviewed_at is None):
            raise ValueError("reviewed_by and reviewed_at are given together")

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str | None) -> str | None:
        # A javascript: or data: link in a data file would run when clicked.
        if value is not None and not re.match(r"^https?://", value):
            raise ValueError("url must start with http:// or https://")
        return value


# A letter of the Arabic script, as a name written in Arabic holds.
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


class Place(Record):
    """A named place with an honest point: where it is, and how sure we are."""

    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    name_ar: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    kind: PlaceKind
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    precision_m: StrictInt = Field(gt=0)
    admin1: str = Field(min_length=1)
    geonames_id: StrictInt | None = Field(default=None, gt=0)
    coord_source: str = Field(min_length=1)

    @field_validator("name_ar")
    @classmethod
    def _arabic_script(cls, value: str) -> str:
        if not ARABIC_LETTER.search(value):
            raise ValueError("name_ar must be written in Arabic script")
        return value


class NameToPlace(Record):
    """A name the article places somewhere that ingest could not put on the map, and where it stands."""

    name: str = Field(min_length=1)
    # The sentence that names it, verbatim, so the researcher can tell which place is meant.
    sentence: str = ""
    # Why it was not placed, when there is more to say than "in no gazetteer".
    reason: str | None = None
    # Places of a like name that ingest would not choose silently (a far namesake), described.
    candidates: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: object) -> object:
        # Drafts written before names came with their sentences list the bare name.
        return {"name": value} if isinstance(value, str) else value


class Ambiguity(Record):
    """A name that several places bear, the one ingest chose, and why."""

    name: str = Field(min_length=1)
    chose: str = Field(pattern=SLUG)
    candidates: tuple[str, ...] = Field(min_length=2)
    reason: str = Field(min_length=1)


class Movement(Record):
    """People going from one place to another, as an excerpt tells it."""

    # "from" is a Python keyword, so the field is read from YAML under an alias.
    model_config = ConfigDict(populate_by_name=True)

    origin: str = Field(alias="from", pattern=SLUG)
    destination: str | None = Field(default=None, alias="to", pattern=SLUG)
    who: str = Field(min_length=1)

    def _check(self) -> None:
        if self.origin == self.destination:
            raise ValueError("a movement must end somewhere other than where it starts")


class Excerpt(Record):
    """A passage of an article, verbatim, about one or more places, with who says it."""

    id: str = Field(pattern=SLUG)
    source: str = Field(pattern=SLUG)
    places: tuple[str, ...] = Field(min_length=1)
    kind: ExcerptKind
    speaker: str | None = None
    role: str | None = None
    voice: Voice
    event_date: str | None = None
    text: str = Field(min_length=1)
    # Journeys the passage describes; a destination the article does not give is left out.
    movements: tuple[Movement, ...] = ()
    # Fields ingest guessed rather than read off the text; a researcher clears each once checked.
    guessed: tuple[Literal["places", "kind", "speaker", "role", "voice"], ...] = ()

    @field_validator("event_date", mode="before")
    @classmethod
    def _event_date(cls, value: object) -> str | None:
        # YAML reads 2020-01-19 as a date; keep it as the ISO text it was written as.
        return check_partial_date(None if value is None else str(value))

    @field_validator("places")
    @classmethod
    def _places_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError("a place is listed more than once")
        return value

    def _check(self) -> None:
        # A journey drawn on the map must be between places the passage is filed under.
        for movement in self.movements:
            for end in (movement.origin, movement.destination):
                if end is not None and end not in self.places:
                    raise ValueError(f"movement place {end!r} is not among the excerpt's places")
        # A quotation with nobody to attribute it to cannot be weighed by a reader.
        if self.kind is not ExcerptKind.REPORT and not self.speaker:
            raise ValueError(f"a {self.kind} needs a speaker")


# Source names Place and Ambiguity, which are defined after it.
Source.model_rebuild()

"""A seeded synthetic corpus in the data folder's own format, for measuring the atlas at scale."""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import shapely
from shapely.geometry import shape

from geo.core.records import Excerpt, ExcerptKind, Place, PlaceKind, Source, Voice
from geo.core.settings import BUNDLED_DATA
from geo.data.geojson import place_feature
from geo.data.load import BOUNDARIES_FILE, PLACES_FILE, SOURCES_DIR
from geo.data.store import write_files

T = TypeVar("T")

BUNDLED_BOUNDARIES = BUNDLED_DATA / BOUNDARIES_FILE

# North-western Syria: Idlib and the countryside of Aleppo, Hama and Latakia around it.
SOUTH, NORTH, WEST, EAST = 35.0, 36.7, 35.9, 37.6

# The boundary file's spellings, as places.geojson writes the governorates.
ADMIN1 = {"Lattakia": "Latakia", "Hamah": "Hama", "Homs (Hims)": "Homs"}

# Transliteration and Arabic letter side by side, so every name has both scripts.
CONSONANTS = [
    ("b", "ب"),
    ("t", "ت"),
    ("th", "ث"),
    ("j", "ج"),
    ("h", "ح"),
    ("kh", "خ"),
    ("d", "د"),
    ("r", "ر"),
    ("z", "ز"),
    ("s", "س"),
    ("sh", "ش"),
    ("s", "ص"),
    ("gh", "غ"),
    ("f", "ف"),
    ("q", "ق"),
    ("k", "ك"),
    ("l", "ل"),
    ("m", "م"),
    ("n", "ن"),
    ("h", "ه"),
    ("w", "و"),
    ("y", "ي"),
    ("d", "ض"),
    ("t", "ط"),
]

# Short vowels are not written in Arabic; long ones are (ا و ي). Where two consonants meet,
# only single letters are drawn: "Fakghun" is no name anyone would write.
PATTERNS = [
    ("{0}a{1}i{2}", "{0}{1}{2}", False),
    ("{0}a{1}a{2}", "{0}{1}ا{2}", False),
    ("{0}u{1}ay{2}", "{0}{1}ي{2}", False),
    ("{0}a{1}{2}un", "{0}{1}{2}ون", True),
    ("{0}a{1}{2}", "{0}{1}{2}", True),
    ("{0}i{1}a{2}", "{0}{1}ا{2}", False),
]
SINGLE = [c for c in CONSONANTS if len(c[0]) == 1]

ENDINGS = [("", ""), ("", ""), ("", ""), ("ah", "ة"), ("iyah", "ية"), ("an", "ان"), ("in", "ين")]

PREFIXES = [
    ("Kafr", "كفر"),
    ("Tell", "تل"),
    ("Ain", "عين"),
    ("Deir", "دير"),
    ("Khirbet", "خربة"),
    ("Maarat", "معرة"),
    ("Jisr", "جسر"),
    ("Beit", "بيت"),
    ("Umm", "أم"),
    ("Abu", "أبو"),
    ("Qasr", "قصر"),
    ("Bir", "بئر"),
    ("Tal", "تل"),
    ("Arab", "عرب"),
]

# Other spellings the same name is met in, as the bundled aliases show.
SPELLINGS = [
    (r"\bKafr ", "Kfar "),
    (r"\bTell ", "Tal "),
    (r"\bDeir ", "Dayr "),
    (r"\bKhirbet ", "Khirbat "),
    (r"\bAin ", "Ayn "),
    (r"\bal-", "el-"),
    (r"\bJabal ", "Jebel "),
    (r"ay", "ei"),
    (r"iyah\b", "iyeh"),
    (r"ah\b", "a"),
    (r"q", "k"),
    (r"sh", "ch"),
]
RESPELL = [(re.compile(old), new) for old, new in SPELLINGS]
NOT_SLUG = re.compile(r"[^a-z0-9]+")

# Weights of the kinds, and the honest size (metres) of each: a point of a village is good to a
# kilometre or two, a region's nominal centre only to its rough radius.
KINDS: dict[PlaceKind, tuple[float, int, int]] = {
    PlaceKind.VILLAGE: (0.62, 800, 2500),
    PlaceKind.TOWN: (0.20, 1500, 4000),
    PlaceKind.CITY: (0.02, 3000, 8000),
    PlaceKind.CROSSING: (0.04, 5000, 8000),
    PlaceKind.REGION: (0.04, 10000, 40000),
    PlaceKind.MOUNTAINS: (0.05, 5000, 25000),
    PlaceKind.MILITARY_BASE: (0.03, 1500, 5000),
}

FIRST_NAMES = [
    "Mohammed",
    "Ahmad",
    "Khaled",
    "Omar",
    "Abdulrahman",
    "Yasser",
    "Hassan",
    "Ali",
    "Mahmoud",
    "Fatima",
    "Aisha",
    "Mariam",
    "Noura",
    "Rania",
    "Huda",
    "Samira",
    "Yusuf",
    "Ibrahim",
    "Mustafa",
    "Bilal",
    "Hamza",
    "Zeinab",
    "Amal",
    "Lina",
    "Obaida",
    "Fawaz",
    "Walid",
    "Rasha",
]
LAST_NAMES = [
    "al-Ahmad",
    "Hallaj",
    "al-Khatib",
    "Darwish",
    "al-Hamoud",
    "Qassem",
    "al-Omar",
    "Barakat",
    "al-Sheikh",
    "Haddad",
    "Jumaa",
    "al-Hussein",
    "Sweid",
    "Kanaan",
    "al-Masri",
    "Abboud",
    "Najjar",
    "Rahal",
    "Dandash",
]

# Plainly invented outlets: nobody should mistake a synthetic article for a real one.
OUTLETS = ["Synthetic News Service", "The Example Chronicle", "Sample Wire", "Testbed Times", "Placeholder Post"]
HEADLINES = [
    "Families flee as fighting nears {p}",
    "Who holds {p}? Both sides claim the villages of {gov}",
    "Crossings open, but nobody crosses, say residents of {p}",
    "Aid reaches {p} after weeks of bombardment",
    "Life on the front line in the {gov} countryside",
]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

REPORT_LEADS = [
    "Shelling hit {p} in the {gov} countryside, and dozens of families left for the camps near the Turkish border.",
    "Regime forces advanced towards {p} after days of air strikes on the surrounding farmland.",
    "Aid convoys reached {p} for the first time in {n} weeks, according to members of the local council.",
    "Displaced families pitched tents in the olive groves on the edge of {p}.",
    "The market in {p} closed when the strikes began, and the bakery baked only at night.",
    "Warplanes struck the outskirts of {p}, residents said, hitting a school and the water station.",
    "Government troops entered {p} after opposition fighters withdrew to positions further north.",
    "The road into {p} was cut by artillery fire, leaving {n} families without a way out.",
    "A field hospital in {p} stopped receiving patients after its generator was destroyed.",
    "Opposition fighters said they had retaken {p}, a claim the government did not confirm.",
]
REPORT_PAIRS = [
    "Fighting went on through the night between {p} and {p2}, according to both sides.",
    "The highway linking {p} and {p2} has been under fire for {n} days.",
    "Checkpoints now stand on the road from {p} to {p2}, and few drivers risk it.",
]
# Journeys: the movement's ends are the excerpt's places, and `who` says who went.
JOURNEYS = [
    ("Families from {p} fled to {p2}, where relatives took them in.", "families from {name}"),
    ("Residents of {p} left their homes for {p2}, about {n} kilometres to the north.", "residents of {name}"),
    ("Hundreds of people from {p} walked to {p2} when the shelling began.", "people fleeing {name}"),
]
DEPARTURES = [
    ("Thousands of people fled {p} when the bombing began, most of them on foot.", "people fleeing {name}"),
    ("Trucks loaded with mattresses and water tanks left {p} all day.", "families leaving {name}"),
]
REPORT_MORE = [
    "Most of those who left headed north, towards the border with Turkey.",
    "Prices of bread and fuel have doubled in the past month.",
    "Local volunteers said they had counted {n} dead and many more wounded.",
    "Schools in the area have been closed for weeks, and teachers have left with their families.",
    "Neither account could be independently verified.",
    "The area had been quiet for months before the latest escalation.",
    "Camps along the border are already full, aid workers say.",
    "Electricity comes for two hours a day, when it comes at all.",
]
FILLER = [
    "The war, now in its ninth year, has displaced about half of the country's pre-war population.",
    "A ceasefire agreed by Russia and Turkey has broken down several times.",
    "The United Nations has warned of a humanitarian catastrophe in the north-west.",
    "Recommended Articles",
    "Share this article on social media.",
]

QUOTES_OPPOSITION = [
    "We stayed in {p} until the strikes reached our street.",
    "Nobody has crossed from {p} to the government side, whatever they say.",
    "The planes come every night over {p}; there is nowhere safe.",
    "We left {p} with nothing but our papers.",
    "There is no bread in {p}, and the water station is out of service.",
]
QUOTES_OPPOSITION_MORE = [
    "My children have not slept properly for weeks.",
    "We would rather live in a tent than go back under the regime.",
    "Nobody came to help us.",
    "Everyone I know has left.",
    "We do not trust their promises of safe passage.",
    "The roads are watched, and anyone who moves is a target.",
]
QUOTES_GOVERNMENT = [
    "The army has restored security to {p}, and civilians are returning to their homes.",
    "The humanitarian corridor near {p} is open, and the terrorists are preventing people from leaving.",
    "Units of the armed forces cleared {p} of terrorist groups.",
    "Services are being restored in {p}, and the road is open to traffic.",
]
QUOTES_GOVERNMENT_MORE = [
    "The state guarantees the safety of everyone who comes back.",
    "Buses are waiting to take families to shelters.",
    "The militants are using civilians as human shields.",
]
QUOTES_ARMED = [
    "Our fighters repelled an attack on {p} and inflicted heavy losses on the regime.",
    "The regime has not taken {p}; the fighting continues.",
]
QUOTES_NGO = [
    "Our teams in {p} report that {n} families arrived in the past week.",
    "The clinic in {p} has run out of insulin and antibiotics.",
]
QUOTES_ANALYST = [
    "Whoever holds {p} controls the road to the north.",
    "The fight for {p} is about the highway more than the place itself.",
]
QUOTES_NEUTRAL_MORE = [
    "The numbers are rising every day.",
    "Winter will make it much worse.",
    "None of this is new, but the scale is.",
]

# Voice, excerpt kind, weight, roles ({p} a place, {gov} its governorate) and quotations.
VOICES: list[tuple[Voice, ExcerptKind, float, list[str], list[str], list[str]]] = [
    (Voice.JOURNALIST, ExcerptKind.REPORT, 0.40, [], [], []),
    (
        Voice.CIVILIAN,
        ExcerptKind.TESTIMONY,
        0.17,
        ["a resident of {p}", "a farmer from {p}", "a teacher who fled {p}", "a mother of {n}"],
        QUOTES_OPPOSITION,
        QUOTES_OPPOSITION_MORE,
    ),
    (
        Voice.OPPOSITION_CIVIL,
        ExcerptKind.TESTIMONY,
        0.12,
        ["an activist based in {p}", "a member of the local council in {p}", "a media activist in {gov}"],
        QUOTES_OPPOSITION,
        QUOTES_OPPOSITION_MORE,
    ),
    (
        Voice.OPPOSITION_ARMED,
        ExcerptKind.STATEMENT,
        0.07,
        ["a spokesperson for an opposition faction", "a field commander in the {gov} countryside"],
        QUOTES_ARMED,
        QUOTES_OPPOSITION_MORE,
    ),
    (
        Voice.GOVERNMENT,
        ExcerptKind.STATEMENT,
        0.08,
        ["governor of {gov}", "a military source", "an official of the {gov} governorate"],
        QUOTES_GOVERNMENT,
        QUOTES_GOVERNMENT_MORE,
    ),
    (
        Voice.RUSSIA,
        ExcerptKind.STATEMENT,
        0.05,
        ["an officer of the Russian military mission", "a spokesman for Russia's reconciliation centre"],
        QUOTES_GOVERNMENT,
        QUOTES_GOVERNMENT_MORE,
    ),
    (
        Voice.STATE_MEDIA,
        ExcerptKind.STATEMENT,
        0.05,
        ["a correspondent for state television", "a reporter for the official news agency"],
        QUOTES_GOVERNMENT,
        QUOTES_GOVERNMENT_MORE,
    ),
    (
        Voice.NGO,
        ExcerptKind.STATEMENT,
        0.04,
        ["a coordinator for a relief group working in {gov}", "a doctor with a medical charity"],
        QUOTES_NGO,
        QUOTES_NEUTRAL_MORE,
    ),
    (
        Voice.ANALYST,
        ExcerptKind.STATEMENT,
        0.02,
        ["a researcher who studies northern Syria", "an analyst of the conflict"],
        QUOTES_ANALYST,
        QUOTES_NEUTRAL_MORE,
    ),
]
VOICE_WEIGHTS = list(accumulate(row[2] for row in VOICES))

SETTLEMENTS = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE)

MIN_EXCERPT, MAX_EXCERPT, MODE_EXCERPT = 80, 400, 130


@dataclass(frozen=True)
class _Say:
    """One excerpt before it is a record: its text, places, voice and what else the YAML holds."""

    text: str
    places: tuple[str, ...]
    fields: dict[str, Any]


def write_corpus(
    data_dir: Path,
    places: int,
    *,
    excerpts_per_place: float = 3.0,
    sources: int | None = None,
    seed: int = 0,
) -> None:
    """Write a complete synthetic data folder; the same arguments always give the same bytes."""
    count = sources if sources is not None else min(places, max(2, round(places / 1000)))
    if places < 1 or count < 1 or count > places or excerpts_per_place <= 0:
        raise ValueError("need places >= sources >= 1 and excerpts_per_place > 0")
    if data_dir.exists() and any(data_dir.iterdir()):
        raise FileExistsError(f"{data_dir} is not empty; synthetic corpora are written to a new folder")
    rng = random.Random(seed)
    made = _places(rng, places, seed)
    (data_dir / SOURCES_DIR).mkdir(parents=True)
    (data_dir / BOUNDARIES_FILE).parent.mkdir(parents=True)
    shutil.copyfile(BUNDLED_BOUNDARIES, data_dir / BOUNDARIES_FILE)
    # Each article covers a band of latitude, as a report covers one front.
    order = sorted(made, key=lambda p: (p.lat, p.lon, p.id))
    total = max(count, round(places * excerpts_per_place))
    for index in range(count):
        block = order[index * places // count : (index + 1) * places // count]
        share = total // count + (index < total % count)
        write_files(_source_files(rng, data_dir, index, block, share, seed))
    write_files([(data_dir / PLACES_FILE, _places_geojson(made))])


def _places_geojson(places: Sequence[Place]) -> str:
    """places.geojson as the bundled one is laid out: one feature per line."""
    lines = ",\n".join(json.dumps(place_feature(p), ensure_ascii=False) for p in places)
    return '{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n"


def _governorates() -> list[tuple[str, Any]]:
    """The governorate outlines of the bundled boundary file, prepared for fast containment tests."""
    document = json.loads(BUNDLED_BOUNDARIES.read_text(encoding="utf-8"))
    outlines = []
    for feature in document["features"]:
        name = feature["properties"]["name"]
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        outlines.append((ADMIN1.get(name, name), geometry))
    return outlines


def _points(rng: random.Random, count: int, centres: Sequence[tuple[float, float]]) -> list[tuple[float, float, str]]:
    """Points (lon, lat, governorate) inside Syria and the box; around the centres, if any are given."""
    outlines = _governorates()
    found: list[tuple[float, float, str]] = []
    while len(found) < count:
        wanted = count - len(found) + 16
        candidates = [_candidate(rng, centres) for _ in range(wanted)]
        lons = np.array([c[0] for c in candidates])
        lats = np.array([c[1] for c in candidates])
        owner: list[str | None] = [None] * wanted
        for name, outline in outlines:
            for i in np.flatnonzero(shapely.contains_xy(outline, lons, lats)):
                owner[i] = owner[i] or name
        found += [(lon, lat, name) for (lon, lat), name in zip(candidates, owner, strict=True) if name is not None]
    return found[:count]


def _candidate(rng: random.Random, centres: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """A rounded point in the box: half near a town-like centre, half anywhere."""
    if centres and rng.random() < 0.5:
        lon, lat = _pick(rng, centres)
        lon, lat = lon + rng.gauss(0, 0.06), lat + rng.gauss(0, 0.05)
    else:
        lon, lat = rng.uniform(WEST, EAST), rng.uniform(SOUTH, NORTH)
    # Out of the box stays out: containment then rejects it like any point outside Syria.
    if not (WEST <= lon <= EAST and SOUTH <= lat <= NORTH):
        return 0.0, 0.0
    return round(lon, 5), round(lat, 5)


def _places(rng: random.Random, count: int, seed: int) -> list[Place]:
    """Places with names in both scripts, unique slugs, a kind and the precision its size allows."""
    centres = [(lon, lat) for lon, lat, _ in _points(rng, 40, ())]
    kinds = list(KINDS)
    weights = list(accumulate(KINDS[k][0] for k in kinds))
    taken: dict[str, int] = {}
    made = []
    for lon, lat, admin1 in _points(rng, count, centres):
        kind = _weighted(rng, kinds, weights)
        name, name_ar = _name(rng, kind)
        slug = NOT_SLUG.sub("-", name.lower()).strip("-")
        taken[slug] = taken.get(slug, 0) + 1
        place_id = slug if taken[slug] == 1 else f"{slug}-{taken[slug]}"
        _, low, high = KINDS[kind]
        made.append(
            Place(
                id=place_id,
                name=name,
                name_ar=name_ar,
                aliases=_aliases(name),
                kind=kind,
                lat=lat,
                lon=lon,
                precision_m=low + 100 * _between(rng, 0, (high - low) // 100 + 1),
                admin1=admin1,
                coord_source=f"synthetic: a random point drawn by geo.tools.synth (seed {seed}) in {admin1}; "
                "not a real place",
            )
        )
    return made


def _root(rng: random.Random) -> tuple[str, str, str]:
    """A made-up name root: its transliteration, its Arabic, and the Arabic with the article."""
    latin, arabic, cluster = _pick(rng, PATTERNS)
    letters = [_pick(rng, CONSONANTS)] + [_pick(rng, SINGLE if cluster else CONSONANTS) for _ in range(2)]
    ending, ending_ar = _pick(rng, ENDINGS)
    word = latin.format(*(c[0] for c in letters)) + ending
    word_ar = arabic.format(*(c[1] for c in letters)) + ending_ar
    return word.capitalize(), word_ar, "ال" + word_ar


def _name(rng: random.Random, kind: PlaceKind) -> tuple[str, str]:
    """An English and an Arabic name for a place of this kind."""
    root, root_ar, with_article = _root(rng)
    definite = rng.random() < 0.4
    base, base_ar = (f"al-{root}", with_article) if definite else (root, root_ar)
    if kind is PlaceKind.MOUNTAINS:
        return f"Jabal {base}", f"جبل {base_ar}"
    if kind is PlaceKind.REGION:
        return (f"Sahl {base}", f"سهل {base_ar}") if rng.random() < 0.5 else (f"Wadi {base}", f"وادي {base_ar}")
    if rng.random() < 0.45:
        prefix, prefix_ar = _pick(rng, PREFIXES)
        base, base_ar = f"{prefix} {base}", f"{prefix_ar} {base_ar}"
    elif definite:
        base = base[0].lower() + base[1:]
    if kind is PlaceKind.CROSSING:
        return f"{base} crossing", f"معبر {base_ar}"
    if kind is PlaceKind.MILITARY_BASE:
        return f"{base} air base", f"مطار {base_ar} العسكري"
    return base, base_ar


def _aliases(name: str) -> tuple[str, ...]:
    """Up to two other spellings of a name, in a fixed order."""
    found: list[str] = []
    for old, new in RESPELL:
        if len(found) < 2 and (spelt := old.sub(new, name, count=1)) != name:
            found.append(spelt)
    return tuple(dict.fromkeys(a for a in found if a != name))


def _source_files(
    rng: random.Random, data_dir: Path, index: int, block: Sequence[Place], share: int, seed: int
) -> list[tuple[Path, str]]:
    """One article and its YAML: `share` excerpts about the places of `block`, every place named."""
    outlet = _pick(rng, OUTLETS)
    published = date(2019, 1, 1) + timedelta(days=_between(rng, 0, 730))
    month_only = rng.random() < 0.4
    source_id = f"synthetic-{index + 1:04d}-{published:%Y-%m}"
    lead = _pick(rng, block)
    title = _pick(rng, HEADLINES).format(p=lead.name, gov=lead.admin1)
    author = f"{_pick(rng, FIRST_NAMES)} {_pick(rng, LAST_NAMES)}" if rng.random() < 0.8 else None
    primaries = list(block)
    rng.shuffle(primaries)
    primaries = primaries[:share] + rng.choices(block, k=max(0, share - len(block)))
    says = [_say(rng, outlet, published, place, block) for place in primaries]
    article = _article(rng, title, author, says)
    source = Source(
        id=source_id,
        title=title,
        outlet=outlet,
        author=author,
        published=f"{published:%Y-%m}" if month_only else published.isoformat(),
        published_note=f"Synthetic: written by geo.tools.synth (seed {seed}); not a real article, outlet or author.",
        url=f"https://example.org/synthetic/{source_id}",
        text_sha256=hashlib.sha256(article.encode("utf-8")).hexdigest(),
    )
    records = [
        Excerpt(
            id=f"syn{index + 1}-{number + 1}-{say.places[0]}",
            source=source_id,
            places=say.places,
            text=say.text,
            **say.fields,
        )
        for number, say in enumerate(says)
    ]
    folder = data_dir / SOURCES_DIR
    return [(folder / f"{source_id}.txt", article), (folder / f"{source_id}.yaml", _source_yaml(source, records))]


def _source_yaml(source: Source, excerpts: Sequence[Excerpt]) -> str:
    """The source's YAML file written as JSON, which YAML reads as is and load.py reads fastest."""
    header = {k: v for k, v in source.model_dump(mode="json", exclude_none=True).items() if v != []}
    fields = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n" for key, value in header.items()]
    rows = ",\n".join("    " + json.dumps(_excerpt_fields(e), ensure_ascii=False) for e in excerpts)
    # One excerpt a line, so that a diff or a grep of the file reads like the YAML one.
    return "{\n" + "".join(fields) + '  "excerpts": [\n' + rows + "\n  ]\n}\n"


def _article(rng: random.Random, title: str, author: str | None, says: Sequence[_Say]) -> str:
    """The article: page furniture, title and byline, then a paragraph round each excerpt, with asides."""
    paragraphs = ["Skip to main content", title]
    if author:
        paragraphs.append(f"By {author}")
    for number, say in enumerate(says):
        before = _pick(rng, REPORT_MORE).format(n=_between(rng, 3, 40)) + " " if rng.random() < 0.15 else ""
        paragraphs.append(before + say.text)
        if number % 7 == 6:
            paragraphs.append(_pick(rng, FILLER))
    return "\n\n".join(paragraphs) + "\n"


def _say(rng: random.Random, outlet: str, published: date, place: Place, block: Sequence[Place]) -> _Say:
    """One excerpt about `place`; the journalist's may name a second place of the same article."""
    voice, kind, _, roles, quotes, more = _weighted(rng, VOICES, VOICE_WEIGHTS)
    fields: dict[str, Any] = {"kind": kind, "voice": voice}
    on, event_date = _when(rng, published)
    if event_date:
        fields["event_date"] = event_date
    spell = _spelling(rng, place)
    target = round(rng.triangular(MIN_EXCERPT, MAX_EXCERPT, MODE_EXCERPT))
    if kind is not ExcerptKind.REPORT:
        speaker = f"{_pick(rng, FIRST_NAMES)} {_pick(rng, LAST_NAMES)}"
        # A resident lives in a town or a village, not in a crossing or a range of hills.
        home = spell if place.kind in SETTLEMENTS else f"the {place.admin1} countryside"
        role = _pick(rng, roles).format(p=home, gov=place.admin1, n=_between(rng, 2, 8))
        frame = _attribution(rng, speaker, role, outlet, on)
        overhead = len(frame) - len("{}")
        first = _pick(rng, quotes).format(p=spell, n=_between(rng, 5, 400))
        quote = _grow(rng, first, more, target - overhead, MIN_EXCERPT - overhead, MAX_EXCERPT - overhead)
        text = frame.format(quote if frame.endswith("”") else quote[:-1])
        return _Say(text, (place.id,), fields | {"speaker": speaker, "role": role})
    other = _pick(rng, block)
    second = other if other.id != place.id and rng.random() < 0.25 else None
    lead, movements = _report_lead(rng, place, second, spell)
    if movements:
        fields["movements"] = movements
    # "On Jan. 5, shelling hit ...": the sentence goes on after the date.
    start = f"{on[0].upper()}{on[1:]}, {lead[0].lower()}{lead[1:]}" if on else lead
    text = _grow(rng, start, REPORT_MORE, target, MIN_EXCERPT, MAX_EXCERPT)
    return _Say(text, (place.id,) if second is None else (place.id, second.id), fields)


def _report_lead(
    rng: random.Random, place: Place, second: Place | None, spell: str
) -> tuple[str, list[dict[str, str]]]:
    """The journalist's first sentence, and the journeys it tells."""
    n = _between(rng, 3, 60)
    if second is not None:
        other = _spelling(rng, second)
        if rng.random() < 0.5:
            sentence, who = _pick(rng, JOURNEYS)
            movement = {"from": place.id, "to": second.id, "who": who.format(name=place.name)}
            return sentence.format(p=spell, p2=other, n=n), [movement]
        return _pick(rng, REPORT_PAIRS).format(p=spell, p2=other, n=n), []
    if rng.random() < 0.1:
        sentence, who = _pick(rng, DEPARTURES)
        return sentence.format(p=spell, n=n), [{"from": place.id, "who": who.format(name=place.name)}]
    return _pick(rng, REPORT_LEADS).format(p=spell, gov=place.admin1, n=n), []


def _grow(rng: random.Random, text: str, more: Sequence[str], target: int, least: int, most: int) -> str:
    """The text with further sentences while it is shorter than the target; never past `most`."""
    # Taken in turn from a random start, so that nobody says the same sentence twice.
    start = _between(rng, 0, len(more))
    for template in [*more[start:], *more[:start]]:
        if len(text) >= target and len(text) >= least:
            break
        sentence = template.format(n=_between(rng, 3, 40))
        # Past the minimum, a sentence that would overshoot the target ends the excerpt.
        limit = most if len(text) < least else min(most, target + 40)
        if len(text) + 1 + len(sentence) > limit:
            break
        text = f"{text} {sentence}"
    return text


def _attribution(rng: random.Random, speaker: str, role: str, outlet: str, on: str | None) -> str:
    """A frame ({} for the quotation) attributing a quote, in one of the ways articles do."""
    form = _between(rng, 0, 3)
    dated = f"{on[0].upper()}{on[1:]}, " if on else ""
    if form == 0:
        return f"{dated}{speaker}, {role}, told {outlet}: “{{}}”"
    if form == 1:
        # The quotation's last full stop becomes the comma before "said".
        return f"“{{}},” said {speaker}, {role}" + (f", {on}." if on else ".")
    return f"{dated}{speaker}, {role}, said: “{{}}”"


def _when(rng: random.Random, published: date) -> tuple[str | None, str | None]:
    """The words that date an excerpt ("on Jan. 5"), and its event_date at the same precision."""
    day = published - timedelta(days=_between(rng, 1, 90))
    roll = rng.random()
    if roll < 0.5:
        return f"on {MONTHS[day.month - 1]} {day.day}", day.isoformat()
    if roll < 0.65:
        return f"in {MONTH_NAMES[day.month - 1]} {day.year}", f"{day:%Y-%m}"
    if roll < 0.7:
        return f"in {day.year}", str(day.year)
    return None, None


def _spelling(rng: random.Random, place: Place) -> str:
    """The place's name as an article writes it: usually its name, sometimes another spelling."""
    if place.aliases and rng.random() < 0.2:
        return _pick(rng, place.aliases)
    return place.name


# random's choice and randrange draw bits until one fits, some 1 µs each; a float scaled is a
# fifth of that, and at 300,000 excerpts the difference is seconds.
def _pick(rng: random.Random, items: Sequence[T]) -> T:
    """One of the items, each as likely."""
    return items[int(rng.random() * len(items))]


def _between(rng: random.Random, low: int, high: int) -> int:
    """A whole number from low up to, not including, high."""
    return low + int(rng.random() * (high - low))


def _weighted(rng: random.Random, items: Sequence[T], cumulative: Sequence[float]) -> T:
    """One of the items, as likely as its share of the cumulative weights."""
    # The bound keeps a draw that rounds up to the total on the last item, as random.choices does.
    return items[bisect(cumulative, rng.random() * cumulative[-1], 0, len(items) - 1)]


def main(argv: Sequence[str]) -> None:
    """python -m geo.tools.synth DIR PLACES [SEED]."""
    write_corpus(Path(argv[0]), int(argv[1]), seed=int(argv[2]) if len(argv) > 2 else 0)


def _excerpt_fields(excerpt: Excerpt) -> dict[str, Any]:
    """An excerpt's fields as its source file holds them: the source is the file's own."""
    return excerpt.model_dump(mode="json", by_alias=True, exclude_defaults=True, exclude={"source"})

"""Who a phrase names as a speaker: a person, an organisation, an unnamed source, or nobody."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.core.names import fold
from geo.ingest.known import Known
from geo.ingest.titles import TITLE, without_titles

# One word of a name: capitalised, or an Arabic particle joined to one (al-Hallaj, bin Ali).
NAME_WORD = (
    r"(?<![\w'’\-])(?:(?:(?:al|el|bin|ibn|abu|Abu|Umm|umm|Al|El|Bin|Ibn)[-\s])?[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’\-]*[a-z\u00DF-\u024F]"
    r"|[A-Z]{2,}\b)"
)
NAME = rf"(?:{TITLE}\s+)*{NAME_WORD}(?:\s+(?:{TITLE}\s+)?{NAME_WORD})*"

# Words for what a speaker is, when they stand before the name ("activist Obaida Dandoush").
ROLE_NOUNS = frozenset(
    """activist activists commander spokesman spokeswoman spokesperson resident residents
    official officials director head chief analyst expert researcher volunteer doctor nurse
    teacher farmer journalist reporter correspondent fighter leader member mayor governor
    minister ambassador envoy coordinator founder manager worker engineer mother father
    general colonel captain lieutenant major brigadier defector officer negotiator president
    paramedic pharmacist lawyer economist midwife surgeon diplomat secretary deputy adviser advisor
    under-secretary-general secretary-general representative chairman chairwoman""".split()
)

# Words that end an organisation's name ("National Liberation Front", "Syrian Arab Red Crescent").
_BODY_HEADS = frozenset(
    """front army ministry council observatory agency organization organisation committee directorate
    legion network team group helmets crescent cross centre center office nations commission brigade
    brigades corps forces movement party command coordinators union fund programme program authority
    government administration department directorate kremlin agency news monitor court institute
    association foundation coalition alliance federation society services service defence defense
    police unicef affairs rights refugees military presidency embassy mission""".split()
)
# First words of armed groups' Arabic names, which are organisations though no head word says so.
_BODY_STARTS = frozenset("hayat hayet jaish faylaq ahrar liwa harakat jabhat hizb hezbollah ansar".split())
# Lower-case words that may follow an organisation's proper name as part of it ("Turkey's defence
# ministry", "the Syrian army command"); "group" is left out, being what it is, not its name.
_LOWER_HEADS = (
    # Up to three lower-case words before the head, none of them a verb or a word of grammar:
    # "the UN human rights office", not "the UAE reopened its embassy".
    r"(?:(?:armed|allied|united|(?!(?:its|his|her|their|the|a|an|and|or|but|of|in|on|at|to|for|with|by|from|"
    r"is|was|were|are|has|had|have|said|told|says|will|would|also)\b)[a-z][a-z\-]+(?<!ed))\s+){0,3}"
    r"(?:ministry|army|military|command|agency|directorate|forces|council|office|authority|police|defen[cs]e|"
    r"government|media|observatory|television|presidency|embassy|mission|navy|air force|parliament)\b"
)
# An office a state's possessive names ("Iran's foreign minister", "Turkey's ambassador to the UN").
_OFFICE = re.compile(
    r"(?P<office>(?:[a-z\-]+\s+){0,2}(?:minister|president|ambassador|envoy|spokesman|spokeswoman|spokesperson|"
    r"representative))(?:\s+(?P<post>(?:to|for|in)\s+.+))?"
)
# Abbreviations joined into a body's name ("UN refugee agency"), which are words of no person's name.
_CONNECTOR = r"(?:of|for|and|on)(?:\s+the)?"
_NOT_NAMES = r"(?!(?:The|A|An|Her|His|Its|Their|This|That|These|Those|Our|My)\b)"
_BODY_RUN = re.compile(
    rf"{_NOT_NAMES}(?:{NAME_WORD}|[A-Z]{{2,}})(?:\s+(?:{_CONNECTOR}\s+)?{_NOT_NAMES}(?:{NAME_WORD}))*(?:\s+{_LOWER_HEADS})?"
)
# What may follow a name in the words before a verb: a description, not a clause of its own.
_AFTER_NAME = re.compile(
    r"^(?:(?:(?:rebel|monitoring|militant|armed|aid|rights|relief|activist)\s+)?"
    r"(?:group|team|monitor|organi[sz]ation|charity|network|coalition|alliance)\b,?\s*)?"
    r"(?:(?:of|for|at|in|from|with|on|based|and|who|in charge)\b.*)?$"
)

# What leads a sentence before its subject and is never a speaker: conjunctions, sentence adverbs,
# phrases of time and manner ("In July,", "On Monday", "Last week", "In a statement,").
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_WHEN = re.compile(rf"{_DAY}|{_MONTH}")
# A phrase of time, never a speaker or a role: "On Monday", "Early on Tuesday", "Last week", "In
# early March", "At dawn on Friday", "Two days later".
_WHEN_WORD = (
    rf"(?:{_DAY}|{_MONTH}(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{4}}|"
    r"(?:(?:same|following|next|previous)\s+)?(?:day|week|month|year|morning|afternoon|evening|night|"
    r"dawn|dusk|midnight|noon|weekend))"
)
_TIME = (
    rf"(?:(?:(?:on|in|by|since|during|until|over|at|around|last|this|next|that|early|late|earlier|later|"
    rf"just|shortly)\s+){{0,2}}(?:the\s+)?(?:(?:early|late)\s+|mid-)?{_WHEN_WORD}"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+|hours|days|weeks|months|years)"
    r"(?:\s+(?:hours?|days?|weeks?|months?|years?))?\s+(?:later|earlier|ago|before))"
)
# A phrase of time that ends a role: "a local official, on Monday".
_TIME_AFTER = re.compile(rf"(?:,\s*|\s+)(?:{_TIME})$", re.IGNORECASE)
_TIME_ALONE = re.compile(rf"{_TIME}(?:,?\s+{_TIME})*", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:(?:but|and|so|yet|still|meanwhile|however|indeed|also|separately|moreover|furthermore|"
    r"earlier|later|previously|yesterday|today|tonight|now|then|instead|similarly|likewise|in turn|"
    r"for (?:his|her|its|their) part|in response|in addition|at the same time|on the other hand)\b,?\s*"
    r"|(?:speaking|writing|talking|addressing|asked|quoted|interviewed|contacted|reached)\b[^,]{0,80},\s*"
    r"|(?:while|although|though|as|after|before|when|since|because|if|once|despite|unlike)\b[^,]{0,150},\s*"
    r"|(?:in|at|from|near|outside|inside)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3},\s*"
    rf"|{_TIME},?\s+"
    r"|(?:in|on|at)\s+(?:a|an|the|its|his|her|their)\s+(?:\w+\s+){0,2}(?:statement|interview|briefing|"
    r"communique|post|tweet|video|message|letter|speech|conference|update|report|bulletin|release)"
    r"(?:\s+on\s+\w+)?,\s*)",
    re.IGNORECASE,
)
# Things that report but are no one: "the report said", "a video showed", "sources said".
_DOCUMENT = re.compile(
    r"^(?:(?:the|a|an|this|that|its|his|her|their|another|one|new|several|some|many|other|media|"
    r"press|news|unconfirmed|initial|early|latest|local|several)\s+){0,3}"
    r"(?:report|reports|statement|statements|video|videos|footage|communique|study|survey|document|"
    r"letter|post|tweet|message|images|pictures|photos|sources|source|data|figures|account|accounts)$",
    re.IGNORECASE,
)
# An unnamed speaker: "a field source", "a resident who asked not to be named", "activists".
_UNNAMED_START = re.compile(r"^(?:a|an|one|two|three|four|several|some|many|other|others|most)\b", re.IGNORECASE)
_GROUP_NOUNS = (
    r"(?:sources|activists|residents|witnesses|officials|diplomats|medics|doctors|rescuers|civilians|"
    r"protesters|demonstrators|parents|women|men|workers|teachers|nurses|paramedics|inhabitants|"
    r"volunteers|fighters|rebels|locals|villagers|refugees|people|families|monitors|observers|"
    r"journalists|correspondents|reporters|analysts|experts|traders|farmers|survivors)"
)
_UNNAMED_GROUP = re.compile(rf"^(?:[A-Za-z’'\-]+\s+){{0,3}}?{_GROUP_NOUNS}\b", re.IGNORECASE)
# A group as a whole phrase ("the local monitors", "2 activists in Ariha"): plural, so no
# apposition of the single name before it.
_GROUP = re.compile(
    rf"^(?:(?:the|some|several|many|two|three|four|five|\d+)\s+)?(?:(?!of\b)[a-z][a-z’'\-]*\s+){{0,2}}"
    rf"{_GROUP_NOUNS}(?:\s+(?:in|of|from|at|on|near|who|based|working|living)\b.*)?$",
    re.IGNORECASE,
)
# Words that make the words before a name a clause, not a role ("Rocket fire hit al-Suqaylabiyah").
_CLAUSE = re.compile(
    r"\b(?:hit|struck|killed|fell|took|left|fled|entered|crossed|shelled|reached|said|told|is|was|were|are|"
    r"has|have|had|will|would|could|did|does)\b"
)
# How a description of a person opens: "The head of ...", "Her colleague", "a senior official".
_DESCRIPTION = re.compile(r"(?:the|a|an|his|her|its|their|our|[a-z])\b", re.IGNORECASE)
_PERSON_PRONOUN = re.compile(r"^(?:he|she|him|her)$", re.IGNORECASE)
_BODY_PRONOUN = re.compile(r"^(?:it|its)$", re.IGNORECASE)
_OTHER_PRONOUN = re.compile(r"^(?:they|them|we|i|you|this|that|these|those|one|who)$", re.IGNORECASE)
# "the ministry", "the official": a speaker named before, referred back to by what they are.
_BACK_REFERENCE = re.compile(r"^[Tt]he\s+(?:[a-z’'\-]+\s+){0,2}(?P<noun>[A-Za-z]+)$")


@dataclass(frozen=True)
class Speaker:
    """A person or body an article quotes, with their role as the article gives it."""

    name: str
    role: str | None = None
    organisation: bool = False

    @property
    def surname(self) -> str:
        """The last word of the name, folded, by which articles refer back to a speaker."""
        return _surname(self.name)


@dataclass(frozen=True)
class Unnamed:
    """A speaker the text describes but does not name ("a military source"), or a document."""

    phrase: str


Said = Speaker | Unnamed


@dataclass
class People:
    """The speakers met so far, to resolve "he said", "the ministry said" and "Mr Aswad said"."""

    known: Known = field(default_factory=Known)  # indexed: a long report meets hundreds of speakers
    person: Speaker | Unnamed | None = None  # whom "he" or "she" refers to
    body: Speaker | None = None  # what "it" refers to

    def meet(self, speaker: Speaker) -> Speaker:
        """The speaker as first introduced, if a short form ("Mr Al Essa", "the SOHR") refers back to one."""
        if len(members := joint_members(speaker.name)) > 1 and not speaker.organisation:
            # Each is known apart, so that "Hamdan added" later is Omar Hamdan alone; "he" is neither.
            for member in members:
                self.remember(Speaker(member, speaker.role))
            self.person = None
            return speaker
        bare = without_titles(speaker.name)
        for earlier in self.known.latest_first(bare) if bare else ():
            if earlier.organisation != speaker.organisation:
                continue
            if bare and _refers_to(bare, earlier):
                speaker = Speaker(earlier.name, earlier.role or speaker.role, earlier.organisation)
                break
        else:
            self.known.append(speaker)
        self.saw(speaker)
        return speaker

    def saw(self, said: Said) -> None:
        """Remember the last speaker of each kind, for pronouns that follow."""
        if isinstance(said, Speaker) and said.organisation:
            self.body = said
        else:
            self.person = said

    def remember(self, speaker: Speaker) -> None:
        """Know a full name for later short forms, without making it the one "he" refers to."""
        bare = without_titles(speaker.name)
        if not any(_refers_to(bare, k) for k in self.known.latest_first(bare)):
            self.known.append(speaker)


@lru_cache(maxsize=1 << 14)
def _surname(name: str) -> str:
    """The last word of a name, folded."""
    words = fold(name).split()
    return words[-1] if words else ""


def _refers_to(bare: str, earlier: Speaker) -> bool:
    """Whether a short form of a name ("Mr Aswad", "Observatory", "SOHR") refers to an earlier speaker."""
    full = _folded_bare(earlier.name)
    short = _folded(bare)
    if full.endswith(short) or short == earlier.surname:
        return True
    if not earlier.organisation:
        return False
    if re.fullmatch(r"[A-Z]{2,}", bare):
        initials = "".join(w[0] for w in without_titles(earlier.name).split() if w[:1].isupper())
        return initials == bare
    return f" {short} " in f" {full} "


@lru_cache(maxsize=1 << 14)
def _folded(name: str) -> str:
    """A name folded; each new speaker is compared with several met before."""
    return fold(name)


@lru_cache(maxsize=1 << 14)
def _folded_bare(name: str) -> str:
    """A name folded without its titles; a long report refers back to the same few hundred names."""
    return fold(without_titles(name))


def is_time(phrase: str) -> bool:
    """Whether a phrase is only a phrase of time ("On Monday", "Last week"): no speaker, no role."""
    return bool(_TIME_ALONE.fullmatch(phrase.strip(" ,")))


def without_time(role: str) -> str:
    """A role without the phrase of time that ends it: "a local official, on Monday" is "a local official"."""
    return _TIME_AFTER.sub("", role)


def strip_lead(phrase: str) -> str:
    """A phrase without the conjunctions, adverbs and time phrases that lead it."""
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _LEAD.sub("", phrase, count=1).lstrip(" ,")
    return phrase


def who(phrase: str, people: People) -> Said | None:
    """Who a subject phrase names as the speaker; None where it names no one the text identifies."""
    said = _who(phrase, people)
    if isinstance(said, Speaker) and _countries_only(said.name):
        # "Turkey said", "France and Germany called on ...": a state, whose name is also a place
        # the passage is about; kept as an unnamed source so the place is still read.
        said = Unnamed(said.name)
        people.saw(said)
    return said


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """The ISO code of each country the gazetteer knows (countries.yaml), by its folded names."""
    import yaml

    rows = yaml.safe_load(Path(__file__).with_name("countries.yaml").read_text(encoding="utf-8"))
    return {fold(n): row["code"] for row in rows for n in (row["name"], *row.get("names", ()))}


@lru_cache(maxsize=1 << 14)
def countries_named(name: str) -> tuple[str, ...]:
    """The ISO codes of the countries a name is, alone or listed ("Saudi Arabia and Qatar"); else ()."""
    parts = [p for p in re.split(r",\s*|\s+and\s+", re.sub(r"^[Tt]he\s+", "", name)) if p]
    codes = tuple(code for p in parts if (code := _country_codes().get(fold(re.sub(r"^[Tt]he\s+", "", p)))))
    return codes if parts and len(codes) == len(parts) else ()


def _countries_only(name: str) -> bool:
    """Whether a name is one country or a list of them."""
    return bool(countries_named(name))


def _who(phrase: str, people: People) -> Said | None:
    """Who a subject phrase names, before a state is set aside as a place."""
    phrase = re.sub(r"\s*\((?:[A-Z][\w\-]*\s?){1,4}\)", "", phrase)  # "(SOHR)", "(HTS)"
    # "Officials met in Astana, and President Rouhani said": the subject of the last clause.
    phrase = re.split(r",\s+(?:and|but|while|whereas)\s+", phrase)[-1]
    phrase = strip_lead(phrase.strip().rstrip(",:").strip())
    phrase = re.sub(r",?\s+(?:also|again|later|earlier|separately|previously)$", "", phrase)
    if not phrase or len(phrase.split()) > 25:
        return None
    if _PERSON_PRONOUN.match(phrase):
        return people.person
    if _BODY_PRONOUN.match(phrase):
        return people.body
    if _OTHER_PRONOUN.match(phrase):
        return None
    if "," in phrase and re.fullmatch(r"(?:he|she|it|they)", phrase.rsplit(",", 1)[1].strip(), re.IGNORECASE):
        return who(phrase.rsplit(",", 1)[1], people)  # "Others, he said, were waiting": he speaks
    if by := re.search(r"\b(?:by|from|of)\s+(?P<body>(?:the\s+)?[A-Z].*)$", phrase):
        issued = re.sub(
            r"\s+(?:issued|released|published|posted|carried|signed|sent)$", "", phrase[: by.start()].strip()
        )
        if _DOCUMENT.match(issued):
            # "a statement by the Turkish defence ministry": the ministry speaks through it.
            return who(by.group("body"), people)
    document = _document_of(phrase)
    if document is not None:
        return document
    if named := _apposed(phrase, people):
        return named
    if joint := _joint(phrase, people):
        return joint
    if _UNNAMED_START.match(phrase) or _UNNAMED_GROUP.match(phrase):
        return _unnamed(phrase, people)
    if back := _BACK_REFERENCE.match(phrase):
        return _referred(back.group("noun"), phrase, people)
    return _named(phrase, people)


# People who say something together ("Ahmad Khalil and Omar Hamdan said") are one speaker whose
# name joins theirs: an excerpt has one speaker, one role and one voice, and the draft and the
# review table carry a joined name as they are, naming both; two utterances over the same words
# would make two excerpts of one passage. People.meet knows each of them apart for what follows.
_JOINT = re.compile(rf"(?:{NAME},\s+)*{NAME},?\s+and\s+{NAME}")
# "Activists Rami Sabbagh and Lina Haj Ali": what they are, plural, then their names.
_GROUP_THEN_NAMES = re.compile(
    rf"^(?P<role>(?:[A-Za-z’'\-]+\s+){{0,2}}?{_GROUP_NOUNS})\s+(?P<names>{_JOINT.pattern})$", re.IGNORECASE
)


@lru_cache(maxsize=1 << 12)
def joint_members(name: str) -> tuple[str, ...]:
    """The people a joined name names ("Ahmad Khalil and Omar Hamdan"), each a person's full name; else ()."""
    if " and " not in name or not _JOINT.fullmatch(name):
        return ()
    members = tuple(m.strip() for m in re.split(r",\s*(?:and\s+)?|\s+and\s+", name) if m.strip())
    # Full names only: "France and Germany", "Idlib and Hama" are states and places, not people.
    if all(len(m.split()) >= 2 and is_person_name(m) and not _countries_only(m) for m in members):
        return members
    return ()


def _joint(phrase: str, people: People) -> Speaker | None:
    """People named together after what they are: "Activists Rami Sabbagh and Lina Haj Ali"."""
    match = _GROUP_THEN_NAMES.match(phrase)
    if match is None or not joint_members(match.group("names")):
        return None
    return people.meet(Speaker(match.group("names"), match.group("role").lower()))


def _document_of(phrase: str) -> Said | None:
    """A document as a speaker: its organisation ("an OCHA report"), or an unnamed source."""
    words = phrase.split()
    if _DOCUMENT.match(phrase):
        return Unnamed(phrase)
    if len(words) >= 2 and _DOCUMENT.match(words[-1]) and len(words) <= 6 and words[-1] not in ("source", "sources"):
        owner = " ".join(w for w in words[:-1] if w.casefold() not in ("a", "an", "the", "new", "latest"))
        if owner and re.fullmatch(rf"{NAME}", owner) and is_body(owner):
            return Speaker(owner, None, organisation=True)
    return None


def _apposed(phrase: str, people: People) -> Speaker | None:
    """A person set off by commas: "The head of the local council, Tariq Sawwan" or "Name, a nurse"."""
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    if len(parts) < 2:
        return None
    first, rest = parts[0], ", ".join(parts[1:])
    if is_person_name(first):
        return people.meet(Speaker(first, rest))
    for index, part in enumerate(parts[1:], start=1):
        # "Her colleague, Samer Aboud": what they are, then who.
        role = ", ".join(parts[:index])
        if _CLAUSE.search(role) or not _DESCRIPTION.match(role):
            return None  # "Shelling hit Kafr Sajna, Hish, ...": a list of places, not a role and a name
        if is_person_name(part) and (index == 1 or not _UNNAMED_START.match(parts[0])):
            role = re.sub(r"^(?:[Tt]he)\s+", "", role)
            return people.meet(Speaker(part, role[0].lower() + role[1:] if role[:1].isupper() else role))
    return None


# Capitalised words that open a sentence and a phrase, never a name: "In Damascus", "The".
_NOT_FIRST = frozenset(
    "the her his their its in on at from by for with of to after before during near inside outside".split()
)


@lru_cache(maxsize=1 << 14)
def is_group(phrase: str) -> bool:
    """Whether a phrase is a plural group of unnamed people: "the local monitors", "residents of Ariha"."""
    return bool(_GROUP.match(phrase.strip()))


@lru_cache(maxsize=1 << 14)
def is_person_name(text: str) -> bool:
    """Whether the text is a person's name alone: name words, none of them a body's."""
    if not re.fullmatch(NAME, text) or is_body(text):
        return False
    first = without_titles(text).split()[0].casefold() if without_titles(text) else ""
    return first not in ROLE_NOUNS and first not in _NOT_FIRST


@lru_cache(maxsize=1 << 14)
def is_body(name: str) -> bool:
    """Whether a name is an organisation's: an acronym, a head word such as Front or Ministry, or "X for Y"."""
    words = name.replace("’", "'").split()
    if not words:
        return False
    if any(re.fullmatch(r"[A-Z]{2,}", w) for w in words) and not re.match(TITLE, words[0]):
        return True  # "SANA", "UN refugee agency", "SDF and the YPG": no person's name holds an acronym
    last = words[-1].casefold().removesuffix("'s")
    first = words[0].casefold().split("-")[0]
    return last in _BODY_HEADS or first in _BODY_STARTS or bool(re.search(r"\s(?:for|of)\s", name)) and len(words) >= 3


def _unnamed(phrase: str, people: People) -> Unnamed:
    """An unnamed source, remembered so that "he said" after it is not given to someone named earlier."""
    said = Unnamed(re.split(r",|\s+(?:who|speaking|asking|which)\b", phrase)[0].strip())
    people.saw(said)
    return said


def _referred(noun: str, phrase: str, people: People) -> Said | None:
    """The speaker "the ministry" or "the official" refers back to, if one was named."""
    folded = noun.casefold()
    words = phrase.split()[1:]
    if folded in _BODY_HEADS or folded in ("group", "agency", "monitor", "organisation"):
        for earlier in people.known.bodies_holding(folded):
            if folded in fold(earlier.name).split():
                return people.meet(earlier)
        if len(words) > 1 or noun[:1].isupper():
            # "the army command", "the Observatory": a body the text names by what it is.
            return people.meet(Speaker(" ".join(words), None, organisation=True))
        return people.body
    if folded in ROLE_NOUNS or folded in ("source", "witness", "man", "woman", "boy", "girl", "driver"):
        return people.person if people.person is not None else Unnamed(phrase)
    if noun[:1].isupper():
        return _named(phrase, people)
    return _unnamed(phrase, people)


def _named(phrase: str, people: People) -> Said | None:
    """The person or organisation a phrase of words before the verb names, and the role around it."""
    head, comma, tail = phrase.partition(",")
    runs = [m for m in _BODY_RUN.finditer(head) if not _placed(head, m.start()) and not _WHEN.fullmatch(m.group())]
    if not runs:
        return None
    run = runs[-1]
    name = run.group().strip()
    before = head[: run.start()].strip()
    if (office := _OFFICE.fullmatch(head[run.end() :].strip())) and _countries_only(re.sub(r"['’]s$", "", name)):
        # "Iran's foreign minister": a state's office holder, who speaks for it, though unnamed.
        return people.meet(Speaker(f"{name} {office.group('office')}", office.group("post")))
    if not _AFTER_NAME.match(head[run.end() :].strip()) or len(before.split()) > 8 or _CLAUSE.search(before):
        return None  # "Shelling went on": the name is followed by a clause, not a description
    after = (head[run.end() :] + comma + tail).strip(" ,")
    if owner := re.search(rf"(?:(?:{_NOT_NAMES}[A-Z][\w\-]*\s+){{0,3}}(?:[a-z]+\s+)?[A-Za-z]+[’']s)$", before):
        # "the Syrian army’s General Command": the owner is part of the body's name.
        name, before = f"{owner.group()} {name}", before[: owner.start()].strip()
    if titles := re.search(rf"(?:{TITLE}\s+)+$", before + " "):
        # "Brig. Gen. Ahmad Rustom": titles stay with the name, as the text writes it.
        name, before = f"{titles.group().strip()} {name}", before[: titles.start()].strip()
    if made := re.match(r"[A-Z][\w’']+-(?:based|backed|led|run|funded|born|affiliated|linked)\s+", name):
        # "the Britain-based Syrian Observatory": where it is based is a description, not its name.
        name, before = name[made.end() :], " ".join(filter(None, [before, made.group().strip()]))
    media = r"(?:state\s+)?(?:news agency|agency|television|TV|media|newspaper|channel)"
    if acronym := re.match(rf"([A-Z]{{2,}})\s+(?P<what>{media})$", name):
        # "the SANA news agency": the agency is SANA, and what it is is its role.
        name, after = acronym.group(1), " ".join(filter(None, [acronym.group("what"), after]))
    if len(name.split()) == 1 and re.search(r"(?:ing|ion|ment|ness)$", name):
        return None  # "Shelling went on": a noun of what happened, not a name
    if (of := re.match(r"(?P<person>.+?)\s+(?P<link>of|for|from|at)\s+(?P<body>.+)$", name)) and is_person_name(
        of.group("person")
    ):
        # "Dr Nadia Sabbagh of SAMS": a person, and the body they speak for.
        role = " ".join(filter(None, [of.group("link"), of.group("body"), after]))
        return people.meet(_with_role(of.group("person"), before, role))
    person = _person_in(name)
    if person is not None:
        # "Spokesman for the National Liberation Front Naji Haddad": the body, then the person.
        body, person_name = person
        role = " ".join(filter(None, [before, body]))
        return people.meet(_with_role(person_name, role, after))
    if re.search(r"\b(?:of|for|at|with|from|by)(?:\s+the)?$", before):
        return _unnamed(phrase, people)  # "the governor of Hama": a person described, not named
    rest = head[run.end() :].strip()
    if len(name.split()) == 1 and re.fullmatch(r"[a-z][a-z\- ]*", rest) and not is_body(name):
        return _unnamed(phrase, people)  # "the French-run charity": a body described, not named
    if is_body(name) or re.search(rf"\s{_LOWER_HEADS}$", name):
        return people.meet(Speaker(name, _role_text(before, after), organisation=True))
    return people.meet(_with_role(name, before, after))


def _placed(phrase: str, position: int) -> bool:
    """Whether a name stands after "in", "near" or "from": a place in the phrase, not the speaker."""
    return bool(re.search(r"\b(?:in|at|near|from|to|into|outside|inside|across)\s+(?:the\s+)?$", phrase[:position]))


def _person_in(name: str) -> tuple[str, str] | None:
    """An organisation's name run on into a person's ("National Liberation Front Naji Haddad"), split."""
    words = name.split()
    for index in range(len(words) - 2, -1, -1):
        if words[index].casefold() in _BODY_HEADS | ROLE_NOUNS and index + 1 < len(words):
            rest = " ".join(words[index + 1 :])
            if is_person_name(rest) and (len(words) - index - 1 >= 2 or words[index].casefold() in ROLE_NOUNS):
                return " ".join(words[: index + 1]), rest
    return None


def _with_role(name: str, before: str, after: str) -> Speaker:
    """A person, with the role words before the name and the description after it."""
    words = name.split()
    leading = []
    while len(words) > 1 and words[0].casefold() in ROLE_NOUNS:
        leading.append(words.pop(0).lower())
    role = _role_text(" ".join(filter(None, [before, *leading])), after)
    return Speaker(" ".join(words), role)


def _role_text(before: str, after: str) -> str | None:
    """The role from the words before a name and after it, without articles that lead them."""
    before = re.sub(r"^(?:[Tt]he)\b\s*", "", before.strip(" ,"))
    if before[:1].isupper() and before.split()[0].casefold() in ROLE_NOUNS:
        before = before[0].lower() + before[1:]
    parts = [p for p in (before, without_time(after.strip(" ,"))) if p and not is_time(p)]
    return ", ".join(parts) or None

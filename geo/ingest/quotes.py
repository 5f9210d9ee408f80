"""Who says what in an article: its quotations and reported statements, each with its speaker."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from geo.core.names import fold
from geo.core.provenance import paragraph_spans
from geo.ingest.titles import TITLE, without_titles

# One word of a name: capitalised, or an Arabic particle joined to one (al-Hallaj, bin Ali).
_NAME_WORD = (
    r"(?:(?:(?:al|el|bin|ibn|abu|Abu|Umm|umm|Al|El|Bin|Ibn)[-\s])?[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’\-]*[a-z\u00DF-\u024F]"
    r"|[A-Z]{2,}\b)"
)
_NAME = rf"(?:{TITLE}\s+)*{_NAME_WORD}(?:\s+(?:{TITLE}\s+)?{_NAME_WORD})*"
_PRONOUN = r"(?:[Hh]e|[Ss]he)"
_VERB = (
    r"(?:said|says|told|added|adds|explained|noted|stressed|warned|asked|continued|recalled|"
    r"insisted|claimed|denied|confirmed|reported|wrote|stated|remarked|replied|admitted|went on)"
)
# Whom a speaker talks to: "told Al-Monitor", "told AFP", "told The National by phone".
_AUDIENCE = r"(?:\s+(?:The\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)?"
# A role set off by commas after the name: ", 35, a father of two," or ", an activist based in Idlib,";
# not a phrase of time or place (", on Jan. 18, ...").
_APPOSITION = r"(?:,\s+(?!(?:on|in|at|for|with|by|from|after|before|during|since|when|then)\b)(?P<role>[^“”\"]+?))?"
# What an organisation is, between its name and the verb: "SANA news agency said".
_BODY = r"(?:\s+(?:state\s+)?(?:news agency|agency|television|TV|media|newspaper|channel|monitor|group))?"

# Words for what a speaker is, when they stand before the name ("activist Obaida Dandoush").
ROLE_NOUNS = frozenset(
    """activist activists commander spokesman spokeswoman spokesperson resident residents
    official officials director head chief analyst expert researcher volunteer doctor nurse
    teacher farmer journalist reporter correspondent fighter leader member mayor governor
    minister ambassador envoy coordinator founder manager worker engineer mother father""".split()
)
_CONJUNCTIONS = re.compile(
    r"^(?:but|and|meanwhile|however|indeed|also|still|yet|for his part|for her part)\b,?\s*", re.I
)

# Abbreviations that end with a full stop without ending a sentence.
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Capt|Lt|Col|Gen|Maj|Sgt|Brig|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|No|vs|etc|U\.S|U\.N|[A-Z])\.$"
)
_OPENING_MARKS = '“"«'
_CLOSING_MARKS = '”"»'


@dataclass(frozen=True)
class Speaker:
    """A person or body an article quotes, with their role as the article gives it."""

    name: str
    role: str | None = None

    @property
    def surname(self) -> str:
        """The last word of the name, folded, by which articles refer back to a speaker."""
        words = fold(self.name).split()
        return words[-1] if words else ""


@dataclass(frozen=True)
class Utterance:
    """A span of the article that a speaker says: a quotation, or a statement reported without quote marks."""

    start: int
    end: int
    speaker: Speaker | None
    quoted: bool  # True for a quotation, False for reported speech


@dataclass
class _People:
    """The speakers met so far, to resolve "he said" and "Mr Aswad said" to a full name."""

    known: list[Speaker] = field(default_factory=list)
    last: Speaker | None = None

    def meet(self, speaker: Speaker) -> Speaker:
        """The speaker as first introduced, if a short form ("Mr Al Essa") refers back to one."""
        bare = without_titles(speaker.name)
        for earlier in reversed(self.known):
            if bare and (fold(without_titles(earlier.name)).endswith(fold(bare)) or fold(bare) == earlier.surname):
                speaker = Speaker(earlier.name, earlier.role or speaker.role)
                break
        else:
            self.known.append(speaker)
        self.last = speaker
        return speaker

    def pronoun(self) -> Speaker | None:
        """Whom "he" or "she" refers to: the last speaker named."""
        return self.last


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article and where it starts."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def paragraphs(article: str) -> list[Paragraph]:
    """The article's non-empty lines, which is how articles pasted from the web keep paragraphs."""
    return [Paragraph(start, article[start:end]) for start, end in paragraph_spans(article)]


def _quote_spans(paragraph: Paragraph) -> list[tuple[int, int, bool, bool]]:
    """Quotations in a paragraph: (start, end) inside the marks, and whether each is opened and closed here."""
    spans: list[tuple[int, int, bool, bool]] = []
    text = paragraph.text
    opened: int | None = None
    for index, mark in enumerate(text):
        if mark not in _OPENING_MARKS + _CLOSING_MARKS:
            continue
        if opened is None:
            if mark == "”" and not spans and text[:index].strip() and index == len(text) - 1:
                continue
            if mark == "”" and not spans:
                # A paragraph that begins mid-quotation ends it here.
                spans.append((0, index, False, True))
                continue
            opened = index + 1
        else:
            spans.append((opened, index, True, True))
            opened = None
    if opened is not None and text[opened:].strip():
        spans.append((opened, len(text), True, False))
    return [(paragraph.start + s, paragraph.start + e, o, c) for s, e, o, c in spans]


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentences of text[start:end] as (start, end), trimmed of spaces."""
    begin = start
    for match in re.finditer(r"[.!?](?=[\s”\"]+[A-Z“\"]|\s*$)", text[start:end]):
        stop = start + match.end()
        if _ABBREVIATIONS.search(text[max(begin, stop - 6) : stop]):
            continue
        yield from _trimmed(text, begin, stop)
        begin = stop
    yield from _trimmed(text, begin, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span without the spaces around it, if anything is left."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        first = start + chunk.index(stripped)
        yield first, first + len(stripped)


def utterances(article: str) -> list[Utterance]:
    """Every quotation and reported statement in the article, in order, with its speaker where the text says."""
    people = _People()
    found: list[Utterance] = []
    paras = paragraphs(article)
    pending: list[tuple[int, int]] = []  # a quotation running on over paragraphs
    previous_quote_para = -2
    for number, paragraph in enumerate(paras):
        spans = _quote_spans(paragraph)
        cursor = paragraph.start
        for index, (start, end, opens, closes) in enumerate(spans):
            before = article[cursor : start - (1 if opens else 0)]
            after_end = spans[index + 1][0] - 1 if index + 1 < len(spans) else paragraph.end
            after = article[end + (1 if closes else 0) : after_end]
            if pending and (not opens or index == 0):
                # The next paragraph of a quotation that ran on: one utterance from its start.
                start = pending[0][0]
            if not closes:
                pending.append((start, end))
                previous_quote_para = number
                found.extend(_reported(article, cursor, start - 1, people))
                cursor = paragraph.end
                continue
            pending.clear()
            found.extend(_reported(article, cursor, start - (1 if opens else 0), people, exclude_last=True))
            speaker = _attribute(before, after, people)
            if speaker is None and previous_quote_para >= number - 1 and found:
                # An unattributed quotation straight after another goes on in the same voice.
                speaker = next((u.speaker for u in reversed(found) if u.quoted), None)
            found.append(Utterance(start, end, speaker, quoted=True))
            previous_quote_para = number
            cursor = end + (1 if closes else 0)
            # The attribution after the quotation is spent; skip its sentence.
            cursor = _sentence_end(article, cursor, after_end)
        if pending and not spans:
            pending.clear()
        if not spans or cursor < paragraph.end:
            found.extend(_reported(article, cursor, paragraph.end, people))
    if pending:
        start, end = pending[0][0], pending[-1][1]
        speaker = next((u.speaker for u in reversed(found) if u.quoted), None)
        found.append(Utterance(start, end, speaker, quoted=True))
    return sorted(found, key=lambda u: u.start)


def _sentence_end(article: str, cursor: int, limit: int) -> int:
    """Where the sentence holding the cursor ends, within a limit."""
    for _, end in sentences(article, cursor, limit):
        return end
    return limit


# "“...,” said NAME, ROLE." / "“...,” NAME, ROLE, told AUDIENCE" / "“...,” he said"
_AFTER_SAID_NAME = re.compile(
    rf"^[,.]?\s*{_VERB}\s+(?P<name>{_NAME})(?:(?:,\s+|\s+(?=of\b))(?P<role>[^“”\"]+?))?\s*[.!?]?\s*$"
)
_AFTER_NAME_SAID = re.compile(
    rf"^[,.]?\s*(?:(?P<pronoun>{_PRONOUN})|(?P<name>{_NAME})){_APPOSITION},?\s+(?:also\s+)?{_VERB}\b"
)
# "NAME, ROLE, told AUDIENCE, “" / "ROLE NAME told AUDIENCE “" / "He added, “" / "according to NAME, “"
_BEFORE = re.compile(
    rf"(?:(?P<pronoun>\b{_PRONOUN})|(?P<name>{_NAME}{_BODY})){_APPOSITION},?\s+(?:also\s+|recently\s+)?{_VERB}{_AUDIENCE}(?:\s+that)?[,:]?\s*$"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<name>(?:the )?[A-Za-z][\w'’\- ]{1,60}?)(?=,|\.|$)")


def _attribute(before: str, after: str, people: _People) -> Speaker | None:
    """The speaker of a quotation, from the words after it, else the words before it."""
    before = _CONJUNCTIONS.sub("", before.strip())
    for pattern, text in ((_AFTER_SAID_NAME, after), (_AFTER_NAME_SAID, after), (_BEFORE, before)):
        match = _rightmost(pattern, text) if pattern is _BEFORE else pattern.search(text)
        if match is None:
            continue
        if match.groupdict().get("pronoun"):
            return people.pronoun()
        role = match.group("role") if "role" in match.groupdict() else None
        if pattern is _BEFORE:
            lead = text[: match.start("name")]
            return people.meet(_speaker(match.group("name"), role, lead))
        return people.meet(_speaker(match.group("name"), role, ""))
    if match := _ACCORDING.search(before + " " + after):
        return people.meet(_speaker(match.group("name"), None, ""))
    return None


def _rightmost(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The match of a pattern anchored at the text's end that starts latest, unless it lies in another's role.

    The name nearest the verb is the speaker: in "For his part, the commander of the
    Syrian National Army, Capt. Mustafa Maarati, told ..." it is the captain, not the army.
    But a name inside a description set off by commas is not: in "Mohamed al-Hallaj, director
    of the Response Coordinators Team, told ..." the speaker is the director.
    """
    matches = []
    for found in re.finditer(rf"{_NAME}|\b{_PRONOUN}\b", text):
        # "based in Idlib, told" names a place, not the speaker.
        if re.search(r"\b(?:in|at|from|of|to|near|into|for|with|by)\s+$", text[: found.start()]):
            continue
        if match := pattern.match(text, found.start()):
            matches.append(match)
    if not matches:
        return None
    chosen = matches[-1]
    for earlier in matches[:-1]:
        if "role" in earlier.re.groupindex and _describes(earlier, chosen.start()):
            return earlier
    return chosen


def _describes(match: re.Match[str], position: int) -> bool:
    """Whether a position lies inside the match's role, and that role is a description, not another name."""
    role = match.group("role")
    return bool(role) and match.start("role") <= position < match.end("role") and bool(re.match(r"[a-z0-9]", role))


def _speaker(name: str, role: str | None, lead: str) -> Speaker:
    """A speaker from a matched name, its apposition and the words before it in the clause."""
    body = re.search(_BODY.removeprefix("(?:").removesuffix(")?") + "$", name)
    if body and re.fullmatch(r"[A-Z]{2,}", name[: body.start()].strip()):
        # "SANA news agency": the agency is SANA, and what it is goes with its role.
        name, lead = name[: body.start()].strip(), f"{lead} {body.group().strip()}"
    words = name.split()
    # "Activist Fawaz Jwaid": a role noun that starts the sentence is capitalised with the name.
    leading = []
    while len(words) > 1 and words[0].casefold() in ROLE_NOUNS:
        leading.append(words.pop(0).lower())
    clause = next((c.strip() for c in reversed(re.split(r"[.!?]\s+|,\s+|\n", lead)) if c.strip()), "")
    clause = _CONJUNCTIONS.sub("", clause).strip().removeprefix("the ").removeprefix("The ").rstrip(",")
    if len(clause.split()) > 10 or re.search(rf"\b(?:{_VERB}|quoted|is|was|were|are|has|have|had)\b", clause):
        clause = ""  # a clause with a verb in it says what happened, not who the speaker is
    before_role = " ".join(filter(None, [clause, *leading])) or None
    if before_role and before_role.split()[0].casefold() in ROLE_NOUNS:
        before_role = before_role[0].lower() + before_role[1:]  # "Activist X told" starts a sentence
    if role:
        role = role.strip().rstrip(",")
    parts = [p for p in (before_role, role) if p]
    return Speaker(" ".join(words), " ".join(", ".join(parts).split()) if parts else None)


# "The Turkish defence ministry said ...": a body named in capitals and lower case alike.
_ORGANISATION = (
    r"(?:[Tt]he\s+)?(?:[A-Z][\w\-]*\s+){1,6}(?:defen[cs]e ministry|foreign ministry|ministry|army|observatory)"
)
_REPORTED_BEFORE = re.compile(
    rf"^(?:(?P<pronoun>{_PRONOUN})|(?P<name>{_ORGANISATION}|{_NAME}{_BODY})){_APPOSITION},?\s+(?:also\s+)?{_VERB}{_AUDIENCE}?\s+(?:that\s+)?[a-zA-Z]"
)
_REPORTED_AFTER = re.compile(rf",\s+{_VERB}\s+(?P<name>{_NAME})(?:,\s+(?P<role>.+?))?[.!?]$")
_QUOTED_AS_SAYING = re.compile(rf"\bquoted (?P<name>{_NAME}),\s+(?P<role>.+?),\s+as saying\b")


def _reported(article: str, start: int, end: int, people: _People, *, exclude_last: bool = False) -> list[Utterance]:
    """Statements reported without quote marks in article[start:end], one per sentence."""
    spans = list(sentences(article, start, end))
    if exclude_last and spans and article[spans[-1][1] - 1] not in ".!?":
        # An unfinished sentence leads into the quotation: its speaker is the quotation's.
        spans.pop()
    found = []
    for s, e in spans:
        sentence = article[s:e]
        speaker = _reported_speaker(sentence, people)
        if speaker is None:
            _introduce(sentence, people)
        if speaker is not None:
            found.append(Utterance(s, e, speaker, quoted=False))
    return found


_ROLE_THEN_NAME = re.compile(rf"\b(?i:{'|'.join(sorted(ROLE_NOUNS))})\s+(?P<name>{_NAME})")
_NAME_THEN_ROLE = re.compile(
    rf"^(?P<name>{_NAME}),\s+(?P<role>(?:\d+|an?|the)\b[^.!?]*?)(?:,\s+(?:after|when|as|because|but|and|{_VERB})\b|[.!?]?$)"
)


# "Samira Khattab teaches ...": a full name opening a sentence, then what the person does.
_NAME_THEN_VERB = re.compile(rf"^(?P<name>{_NAME_WORD}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+[a-z]+(?:s|ed)\b")


def _introduce(sentence: str, people: _People) -> None:
    """Remember a person the sentence introduces ("Activist Mohammed al-Hussein recorded ...")."""
    body = _CONJUNCTIONS.sub("", sentence)
    if match := _NAME_THEN_VERB.search(body):
        people.meet(_speaker(match.group("name"), None, ""))
    elif match := _NAME_THEN_ROLE.search(body):
        people.meet(_speaker(match.group("name"), match.group("role"), ""))
    elif match := _ROLE_THEN_NAME.search(body):
        lead = body[: match.start("name")]
        people.meet(_speaker(match.group("name"), None, lead))


def _reported_speaker(sentence: str, people: _People) -> Speaker | None:
    """Who a sentence reports as saying something, if anyone."""
    body = _CONJUNCTIONS.sub("", sentence)
    if match := _QUOTED_AS_SAYING.search(body):
        return people.meet(_speaker(match.group("name"), match.group("role"), ""))
    if match := _REPORTED_AFTER.search(body):
        return people.meet(_speaker(match.group("name"), match.group("role"), ""))
    if match := _REPORTED_BEFORE.search(body):
        if match.group("pronoun"):
            return people.pronoun()
        return people.meet(_speaker(match.group("name"), match.group("role"), ""))
    if match := _ACCORDING.search(body):
        return people.meet(_speaker(match.group("name"), None, ""))
    return None

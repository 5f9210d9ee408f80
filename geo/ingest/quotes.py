"""Who says what in an article: its quotations and reported statements, each with its speaker."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from geo.core.names import fold
from geo.core.provenance import paragraph_spans
from geo.ingest import placewords
from geo.ingest.speakers import (
    NAME,
    NAME_WORD,
    ROLE_NOUNS,
    People,
    Said,
    Speaker,
    Unnamed,
    is_body,
    is_group,
    is_person_name,
    is_time,
    joint_members,
    strip_lead,
    who,
    without_time,
)
from geo.ingest.titles import PERSON_WORDS

__all__ = ["ROLE_NOUNS", "Paragraph", "Speaker", "Utterance", "paragraphs", "sentences", "utterances"]

_NAME_WORD = NAME_WORD
_NAME = NAME
_PRONOUN = r"(?:[Hh]e|[Ss]he)"
_VERB = (
    r"(?:said|says|told|added|adds|explained|noted|stressed|warned|asked|continued|recalled|"
    r"insisted|claimed|denied|confirmed|reported|wrote|stated|remarked|replied|admitted|went on|"
    r"announced|tweeted|alleged|acknowledged|estimated|indicated|revealed|declared|affirmed|asserted|"
    r"urged|argued|cautioned|pointed out|reiterated|reports|announces|warns|claims|denies|confirms|"
    r"accused|vowed|pledged|promised|condemned|blamed|criticised|criticized|called on|called for|threatened)"
)
# Whom a speaker talks to: "told Al-Monitor", "told AFP", "told The National by phone".
_AUDIENCE = (
    r"(?:\s+(?:The\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*"
    r"|\s+(?:reporters|journalists|the press|state (?:media|television|TV)|a (?:news )?(?:conference|briefing)))?"
)
# A role set off by commas after the name: ", 35, a father of two," or ", an activist based in Idlib,";
# not a phrase of time or place (", on Jan. 18, ...").
_APPOSITION = r"(?:,\s+(?!(?:on|in|at|for|with|by|from|after|before|during|since|when|then)\b)(?P<role>[^“”\"]+?))?"
# What an organisation is, between its name and the verb: "SANA news agency said".
_BODY = r"(?:\s+(?:state\s+)?(?:news agency|agency|television|TV|media|newspaper|channel|monitor|group))?"

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
_MARKS = re.compile(f"[{_OPENING_MARKS}{_CLOSING_MARKS}]")


@dataclass(frozen=True)
class Utterance:
    """A span of the article that a speaker says: a quotation, or a statement reported without quote marks."""

    start: int
    end: int
    speaker: Speaker | None
    quoted: bool  # True for a quotation, False for reported speech
    # How the text describes a speaker it does not name ("a military source"), or the document
    # it cites ("the report"): kept so that a reader sees whose word it is, though no one is named.
    unnamed: str | None = None


def _utterance(start: int, end: int, said: Said | None, *, quoted: bool) -> Utterance:
    """An utterance from whoever a passage was attributed to, named or not."""
    if isinstance(said, Unnamed):
        return Utterance(start, end, None, quoted, said.phrase)
    return Utterance(start, end, said, quoted)


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
    for found in _MARKS.finditer(text):
        index, mark = found.start(), found.group()
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
    people = People()
    found: list[Utterance] = []
    paras = paragraphs(article)
    pending: list[tuple[int, int]] = []  # a quotation running on over paragraphs
    previous_quote_para = -2
    for number, paragraph in enumerate(paras):
        spans = _quote_spans(paragraph)
        cursor = paragraph.start
        for index, (start, end, opens, closes) in enumerate(spans):
            if start < cursor:
                continue  # inside a sentence already read whole
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
            if not pending:
                found.extend(_reported(article, cursor, start - (1 if opens else 0), people, exclude_last=True))
            if opens and not pending and (whole := _embedding(article, cursor, start - 1, paragraph.end, people)):
                # Words quoted inside a reported sentence: "SANA said “terrorists” fired rockets."
                found.append(whole)
                previous_quote_para = number
                cursor = whole.end
                continue
            if pending:
                pending.clear()
                found.extend(_reported(article, cursor, start - (1 if opens else 0), people, exclude_last=True))
            ended = article[end - 1 : end] in (".", "!", "?") and bool(re.match(r"\s+[A-Z]", after))
            said = _attribute(before, after, people, ended=ended)
            if said is None and found and found[-1].start >= paragraph.start:
                # An unattributed quotation after a statement in its paragraph goes on in that voice.
                said = _said_by(found[-1])
            elif said is None and previous_quote_para >= number - 1 and found:
                # An unattributed quotation straight after another goes on in the same voice.
                said = _said_by(next((u for u in reversed(found) if u.quoted), None))
            found.append(_utterance(start, end, said, quoted=True))
            previous_quote_para = number
            cursor = end + (1 if closes else 0)
            # The attribution after the quotation is spent; skip its sentence, unless the quotation
            # ended one of its own and what follows is a sentence longer than an attribution.
            following = _sentence_end(article, cursor, after_end)
            sentence = article[cursor:following]
            if not ended or (len(sentence.split()) <= _ATTRIBUTION_WORDS and not _TRAILING_SUBJECT.search(sentence)):
                if not ended and (more := _GOING_ON.search(sentence)):
                    # "..., Sedov told reporters, adding that 40 people had crossed": said too.
                    found.append(_utterance(cursor + more.start("said"), following, said, quoted=False))
                cursor = following
        if pending and not spans:
            pending.clear()
        if not spans or cursor < paragraph.end:
            found.extend(_reported(article, cursor, paragraph.end, people))
    if pending:
        start, end = pending[0][0], pending[-1][1]
        said = _said_by(next((u for u in reversed(found) if u.quoted), None))
        found.append(_utterance(start, end, said, quoted=True))
    return sorted(found, key=lambda u: u.start)


def _embedding(article: str, cursor: int, mark: int, limit: int, people: People) -> Utterance | None:
    """The reported sentence a quotation opening mid-sentence stands in, if the sentence names who says it."""
    lead = next(iter(reversed(list(sentences(article, cursor, mark)))), None)
    if lead is None or article[lead[0] : mark].rstrip()[-1:] in tuple(".!?,:;—-–"):
        return None  # the quotation starts a sentence, or is introduced by "X said:"
    end = _sentence_end(article, mark + 1, limit)
    end = next((e for s, e in sentences(article, lead[0], limit) if e > mark), end)
    said = _reported_speaker(article[lead[0] : end], People(people.known.copy(), people.person, people.body))
    if said is None:
        return None
    return _utterance(lead[0], end, _reported_speaker(article[lead[0] : end], people), quoted=False)


def _said_by(utterance: Utterance | None) -> Said | None:
    """Who an earlier utterance was given to, named or not."""
    if utterance is None:
        return None
    return utterance.speaker or (Unnamed(utterance.unnamed) if utterance.unnamed else None)


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
# Capitalised words that open a sentence's phrase of place or time, never a speaker's name.
_PHRASE_OPENER = re.compile(r"(?:In|At|From|Near|Inside|Outside|On|After|Before|During|Since|Across)\b")
# The names joined to the one a pattern matched last: "Ahmad Khalil and " before "Omar Hamdan told".
_JOINED_BEFORE = re.compile(rf"(?:{_NAME},\s+)*{_NAME},?\s+and\s+$")
_ROLE_WORDS = re.compile(rf"^(?:(?i:{'|'.join(sorted(ROLE_NOUNS))})\s+)+")
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<name>(?:the )?[A-Za-z][\w'’\- ]{1,60}?)(?=,|\.|$)")


# Generic attributions, read by who(): "“...,” the Observatory said", "“...,” said Syrian military
# defector general Faris Akkad", "In July, the United Nations said, “...”". Bounded, so that
# no attribution is looked for further than a long sentence away.
_AFTER_SUBJECT_VERB = re.compile(rf"^[,.]?\s*(?P<subject>[^“”\".!?;]{{1,160}}?)\s+(?:also\s+)?{_VERB}\b")
_AFTER_VERB_SUBJECT = re.compile(rf"^[,.]?\s*{_VERB}\s+(?P<subject>[^“”\";]{{1,200}}?)\s*[.!?]?\s*$")
_BEFORE_SUBJECT_VERB = re.compile(
    rf"(?P<subject>[^“”\".!?;]{{1,200}}?)\s+(?:also\s+|recently\s+)?{_VERB}{_AUDIENCE}"
    rf"(?:\s+(?:on|in|at)(?:\s+[\w’']+){{1,3}})?(?:\s+that)?[,:]?\s*$"
)
# What the speaker of a quotation says next in its attribution: ", adding that ...".
_GOING_ON = re.compile(r",\s+(?P<said>(?:adding|saying|noting|stressing|warning|insisting)\b[^“”\"]{8,})$")
# The most words a sentence after a quotation has when it only says who spoke ("Maj. Gen. Arkady
# Sedov, the centre's head, told reporters.").
_ATTRIBUTION_WORDS = 10
# How far before a quotation its attribution may start.
_BEFORE_REACH = 400


def _attribute(before: str, after: str, people: People, *, ended: bool = False) -> Said | None:
    """The speaker of a quotation, from the words after it, else the words before it.

    ended: the quotation closes a sentence of its own ("... rubble.”"), so the words after it
    start a new one.
    """
    before = _CONJUNCTIONS.sub("", before.strip()[-_BEFORE_REACH:])
    after = after[:_BEFORE_REACH]
    for pattern, text in ((_AFTER_SAID_NAME, after), (_AFTER_NAME_SAID, after)):
        match = pattern.search(text)
        if match is None or not _plausible(match):
            continue
        if match.groupdict().get("pronoun"):
            return people.person
        return people.meet(_speaker(match.group("name"), match.group("role"), ""))
    # After a quotation closed with a full stop, the next sentence is the article's own unless it
    # is only the attribution ("“We left.” Mustafa said."), which the patterns above have read.
    for pattern in (_AFTER_VERB_SUBJECT, _AFTER_SUBJECT_VERB) if not ended else ():
        match = pattern.search(after)
        if match and _nominal(match.group("subject")) and (said := who(match.group("subject"), people)) is not None:
            return said
    match = _rightmost(_BEFORE, before)
    if match is not None and _plausible(match):
        if match.group("pronoun"):
            return people.person
        lead, name = before[: match.start("name")], match.group("name")
        if (joined := _JOINED_BEFORE.search(lead)) and joint_members(_ROLE_WORDS.sub("", joined.group() + name)):
            # "Ahmad Khalil and Omar Hamdan told Reuters: “...”": both speak; _speaker reads
            # "Activists" before their names as their role.
            lead, name = lead[: joined.start()], joined.group() + name
        return people.meet(_speaker(name, match.group("role"), lead))
    clause = _last_clause(before)
    if (match := _BEFORE_SUBJECT_VERB.search(clause)) and (said := who(match.group("subject"), people)) is not None:
        return said
    if match := _ACCORDING.search(before + " " + after):
        return who(match.group("name"), people)
    return None


def _last_clause(text: str) -> str:
    """The last sentence of a text, where the attribution of a quotation after it stands."""
    last = ""
    for start, end in sentences(text, 0, len(text)):
        last = text[start:end]
    return last


def _plausible(match: re.Match[str]) -> bool:
    """Whether a name a pattern matched is a speaker's name, not a time phrase, a pronoun or a state."""
    name = match.groupdict().get("name")
    return not name or _names_someone(name)


@lru_cache(maxsize=1 << 14)
def _names_someone(name: str) -> bool:
    """Whether a name alone, read afresh, names a speaker; a long report writes the same names often."""
    named = isinstance(who(name, People()), Speaker)
    return strip_lead(name) == name and named and name.split()[0] not in ("It", "They")


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
        if _PHRASE_OPENER.match(found.group()):
            continue  # "In Idlib, doctor Samer Attar told ...": a place the sentence opens with
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
    if before_role and is_time(before_role):
        before_role = None  # "On Monday, Name said": when it was said, not who
    if role:
        role = without_time(role.strip().rstrip(","))  # "Name, a local official, on Monday": the role ends before
    parts = [p for p in (before_role, role) if p]
    name = " ".join(words)
    return Speaker(name, " ".join(", ".join(parts).split()) if parts else None, organisation=is_body(name))


# "NAME, ROLE, told AUDIENCE that ...", "In July, the United Nations said ...": the words before the
# first verb of saying are the subject, read by who().
# Verbs of saying that take what is said after them; "continued" or "asked" alone may not.
_CLAUSE_VERB = _VERB.replace("continued|", "").replace("|went on", "").replace("asked|", "")
_SUBJECT_VERB = re.compile(
    rf"^(?P<subject>[^“”\";]{{1,200}}?)\s+(?:also\s+|again\s+)?{_CLAUSE_VERB}\b(?!\s+(?:by|to be)\b)"
)
# "..., residents said." / "..., he added."
_TRAILING_SUBJECT = re.compile(
    rf",\s+(?!(?:a|an|the)\s+(?:claim|charge|report|accusation|figure|toll|number)\b)"
    r"(?!(?:contrary|unlike|as|like|what|which|where|when|while|after|before|than|in|on|at|to|from|with|for|by|of|"
    r"and|but|or|so|because|although|though|if)\b)"
    rf"(?P<subject>[^“”\"]{{1,160}}?)\s+(?:also\s+)?{_CLAUSE_VERB}(?:{_AUDIENCE})?"
    r"(?:\s+(?:on|in|late|early|last|this)(?:\s+[\w’']+){1,3}?)?"
    r"(?:,\s+(?:adding|saying|noting|warning|stressing|claiming|citing|quoting|as|while|after|when|before|but|although|though)\b"
    r"[^“”\"]{0,300}?)?[.!?]?$"
)
# "..., said local monitors.": the verb before a group that ends the sentence.
_TRAILING_VERB_GROUP = re.compile(rf",\s+{_CLAUSE_VERB}\s+(?P<subject>[^,“”\"]{{2,80}}?)[.!?]?$")
# "Erdogan criticised the offensive, saying ...": the subject of the clause the participle hangs on.
_SAYING = re.compile(
    r"^(?P<subject>[^“”\";]{1,160}?)\s+(?:has\s+|had\s+)?[a-z]{3,}(?:ed|s|t)\b[^;]{0,300}?,\s+"
    r"(?:saying|adding|noting|warning|claiming|stressing|stating|insisting|announcing)\b"
)
# Words that make a subject a clause of its own, not a speaker: "The road, which residents said ...".
_NOT_A_SUBJECT = re.compile(r"\b(?:is|was|were|are|has|have|had|been|will|would|could|which|that|what|where|when)\b")
# A word every pattern of reported speech needs, looked for once before trying them all.
_SAYING_WORD = re.compile(
    rf"{_VERB}|saying|adding|noting|warning|claiming|stressing|stating|insisting|announcing|quoted|[Aa]ccording to"
)
_REPORTED_AFTER = re.compile(rf",\s+{_VERB}\s+(?P<name>{_NAME})(?:,\s+(?P<role>.+?))?[.!?]$")
_QUOTED_AS_SAYING = re.compile(rf"\bquoted (?P<name>{_NAME}),\s+(?P<role>.+?),\s+as saying\b")


def _reported(article: str, start: int, end: int, people: People, *, exclude_last: bool = False) -> list[Utterance]:
    """Statements reported without quote marks in article[start:end], one per sentence."""
    spans = list(sentences(article, start, end))
    if exclude_last and spans and article[spans[-1][1] - 1] not in ".!?":
        # An unfinished sentence leads into the quotation: its speaker is the quotation's.
        spans.pop()
    found = []
    for s, e in spans:
        sentence = article[s:e]
        said = _reported_speaker(sentence, people)
        if said is None:
            _introduce(sentence, people)
        else:
            found.append(_utterance(s, e, said, quoted=False))
    return found


_ROLE_THEN_NAME = re.compile(rf"\b(?i:{'|'.join(sorted(ROLE_NOUNS))})\s+(?P<name>{_NAME})")
# The words of the role nouns, looked up in a sentence's words before the search above, which
# tries each of them at every word of every sentence of narration.
_ROLE_NOUN_WORDS = frozenset(word for noun in ROLE_NOUNS for word in noun.split("-"))
_LOWER_WORD = re.compile(r"[a-z]+")


def _has_role_noun(text: str) -> bool:
    """Whether any word of the text, in any case, is (a part of) a role noun."""
    return not _ROLE_NOUN_WORDS.isdisjoint(_LOWER_WORD.findall(text.casefold()))


_NAME_THEN_ROLE = re.compile(
    rf"^(?P<name>{_NAME}),\s+(?P<role>(?:\d+|an?|the)\b[^.!?]*?)(?:,\s+(?:after|when|as|because|but|and|{_VERB})\b|[.!?]?$)"
)


# "Samira Khattab teaches ...": a full name opening a sentence, then what the person does.
_NAME_THEN_VERB = re.compile(rf"^(?P<name>{_NAME_WORD}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+[a-z]+(?:s|ed)\b")


def _introduce(sentence: str, people: People) -> None:
    """Remember a person or body the sentence introduces ("Activist Mohammed al-Hussein recorded ...")."""
    body = strip_lead(_CONJUNCTIONS.sub("", sentence))
    if match := _NAME_THEN_VERB.search(body):
        people.meet(_speaker(match.group("name"), None, ""))
    elif match := _NAME_THEN_ROLE.search(body):
        people.meet(_speaker(match.group("name"), match.group("role"), ""))
    elif _has_role_noun(body) and (match := _ROLE_THEN_NAME.search(body)):
        lead = body[: match.start("name")]
        people.meet(_speaker(match.group("name"), None, lead))
    elif (match := _SUBJECT_THEN_VERB.search(body[:400])) and not _NOT_A_SUBJECT.search(match.group("subject")):
        # "The Turkish foreign ministry condemned ...", "Her neighbour, Abu Samer, stayed ...".
        scratch = People(people.known.copy(), people.person, people.body)
        if isinstance(said := who(match.group("subject"), scratch), Speaker):
            people.meet(said)
    for name in _FULL_NAME.finditer(body[:600]):
        # "Zakaria Haddad and his wife, Salma Othman, reached ...": later "Mr Haddad" is him.
        if not re.search(r"\b(?:in|at|near|from|to|into|of|for|outside|the)\s+$", body[: name.start()]):
            candidate = Speaker(name.group())
            if not is_body(candidate.name):
                people.remember(candidate)


_SUBJECT_THEN_VERB = re.compile(
    r"^(?P<subject>[^“”\";]{2,160}?)\s+(?:has\s+|had\s+|have\s+)?(?:is|was|[a-z]{3,}(?:ed|s)|met|fled|left|went|"
    r"came|took|gave|made|ran|kept|held|lost|won|saw|led|fought|spent|sent|brought|began|became|drove|hid|stood)\b(?<!ss)"
)
_FULL_NAME = re.compile(rf"(?<![\w’'-]){_NAME_WORD}\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?(?![\w’'-])")


def _reported_speaker(sentence: str, people: People) -> Said | None:
    """Who a sentence reports as saying something, if anyone."""
    if not _SAYING_WORD.search(sentence):
        return None  # most of a long report is narration: no pattern below can match it
    body = strip_lead(_CONJUNCTIONS.sub("", sentence))
    if match := _QUOTED_AS_SAYING.search(body[:600]):
        return people.meet(_speaker(match.group("name"), match.group("role"), ""))
    tail = body[-300:]
    if (match := _REPORTED_AFTER.search(tail)) and _plausible(match):
        return people.meet(_speaker(match.group("name"), match.group("role"), ""))
    if match := _TRAILING_SUBJECT.search(tail):
        return _trailing(match.group("subject"), people, tail[: match.start("subject")])
    if (match := _TRAILING_VERB_GROUP.search(tail)) and is_group(match.group("subject")):
        return who(match.group("subject"), people)  # "..., said local monitors."
    for pattern, text in ((_SUBJECT_VERB, body[:600]), (_SAYING, body[:600])):
        match = pattern.search(text)
        if match is None:
            continue
        subject = match.group("subject")
        if not _nominal(subject) or _ACCORDING.search(subject):
            continue
        if (said := who(subject, people)) is not None:
            return said
    if match := _ACCORDING.search(body[:600]):
        return who(match.group("name"), people)
    return None


def _nominal(subject: str) -> bool:
    """Whether words before a verb of saying are a subject, not a clause: no verb outside a "who" clause."""
    first, *rest = subject.split(",")
    # A description set off by commas may hold a verb: "the rescue service that operates in ...".
    described = r"\s*(?:who|whose|which|speaking|asking|the|a|an)\b"
    return not _NOT_A_SUBJECT.search(first) and not any(
        _NOT_A_SUBJECT.search(part) and not re.match(described, part) for part in rest
    )


def _trailing(subject: str, people: People, before: str = "") -> Said | None:
    """The speaker a sentence names at its end: "..., a trader, Hussam Darwish, said."

    before: the sentence's words before the subject, where a list of places may begin.
    """
    every = [p.strip() for p in subject.rstrip(" ,").split(",")]
    parts = every[-3:]
    if is_group(parts[-1]):
        # "... in Ariha, Sarmin, the local monitors said": a group has no name set off before it.
        return who(parts[-1], people) or Unnamed(parts[-1])
    description = re.match(r"(?:an?|the|\d+|who)\b", parts[-1])
    for count in (3, 2) if description else ():
        # "..., Khaled Mahfouz, a teacher from Kansafra, said": the name and what follows it;
        # "..., Khaled Mahfouz, 35, a teacher, said": what follows the name is no other name.
        if len(parts) >= count and is_person_name(parts[-count]) and (count == 2 or not is_person_name(parts[-2])):
            if _listed(parts[-count], ", ".join([before.rstrip(" ,"), *every[: len(every) - count]])):
                break
            return who(", ".join(parts[-count:]), people)
    if len(parts) >= 2 and is_person_name(parts[-1]) and re.match(r"(?:an?|the|its|his|her|their)\s+[a-z]", parts[-2]):
        return who(", ".join(parts[-2:]), people)  # "..., its mayor, Walid Qassab, said"
    return who(parts[-1], people) or Unnamed(parts[-1])


# The end of a list of places a name may go on: "shelled Binnish, Ariha", "in Ariha", "near the town of Ariha".
_LIST_BEFORE = re.compile(
    rf"(?:(?:^|,\s*)|\b(?:in|on|at|near|from|to|into|towards|across|outside|around|between|of|and)\s+(?:the\s+)?)"
    rf"{_NAME}$"
)
# First words of Syrian place names ("Kafr Nubl", "Tell Mardikh", "Jisr al-Shughur"), folded, without
# those that begin people's names as often ("Sheikh", "Umm", "Abu"): here they tell a place on a list
# from the speaker after it. Sheikh Maqsoud, a district, is written as one word.
_PLACE_WORDS = (
    frozenset(fold(w) for w in (*placewords.PLACE_FIRST_WORDS, *placewords.OTHER_FIRST_WORDS))
    - frozenset(fold(w) for w in (*PERSON_WORDS, "Shaykh"))
) | {fold("Sheikh-Maqsoud")}


def _listed(name: str, before: str) -> bool:
    """Whether a name before a description goes on a list of places rather than naming a speaker.

    In "Strikes hit homes in Ariha, Sarmin, a monitor said" Sarmin is the list's last place;
    without the gazetteer, a place is told from a person by its shape: one word, or a place word first.
    """
    shaped = len(name.split()) == 1 or fold(name.split()[0]) in _PLACE_WORDS
    return shaped and bool(_LIST_BEFORE.search(before.rstrip(" ,")))

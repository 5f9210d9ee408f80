"""Who says what: quotations and reported statements, each given to the speaker the article names."""

from __future__ import annotations

import pytest

from geo.core.records import Voice
from geo.ingest.quotes import Speaker, paragraphs, utterances
from geo.ingest.voiceguess import guess_voice


def said(text: str) -> list[tuple[str, str | None]]:
    """Each utterance of a text as (its words, on one line; its speaker's name or None)."""
    return [(" ".join(text[u.start : u.end].split()), u.speaker.name if u.speaker else None) for u in utterances(text)]


def heads(text: str, expected: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """The utterances cut to as many characters as each expected opening has, for comparing."""
    found = said(text)
    return [(words[: len(opening)], who) for (words, who), (opening, _) in zip(found, expected, strict=False)] + [
        (words, who) for words, who in found[len(expected) :]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # “…,” X told AUDIENCE.
        ("“The road is closed,” Mohammad Aswad told Al-Monitor.", [("The road is closed", "Mohammad Aswad")]),
        ("“We will stay,” Khaled Al Essa, 35, a farmer, told The National.", [("We will stay", "Khaled Al Essa")]),
        # “…,” said X, ROLE.
        ("“We will not leave,” said Dana Qassem, a teacher in Saraqib.", [("We will not leave", "Dana Qassem")]),
        ('"The road is closed," said Hiba Dabbagh, a nurse.', [("The road is closed", "Hiba Dabbagh")]),
        # Mr X said, resolved to the full name given earlier.
        (
            "Khaled Al Essa, 35, who lives in Khan Sheikhoun, has moved his family twice.\n\n"
            "“We have nowhere to go,” Mr Al Essa said.",
            [("We have nowhere to go", "Khaled Al Essa")],
        ),
        (
            "Mousa Abdullah, a military expert in Istanbul, said the offer was a diversion.\n\n"
            "Mr Abdullah said Russia was aware of it.",
            [("Mousa Abdullah, a military expert", "Mousa Abdullah"), ("Mr Abdullah said Russia", "Mousa Abdullah")],
        ),
        # according to X
        ("The crossings were empty, according to Obaida Dandoush.", [("The crossings were empty", "Obaida Dandoush")]),
        ("“Nobody crossed,” according to Obaida Dandoush.", [("Nobody crossed", "Obaida Dandoush")]),
        # he said / she said, after a person the article has introduced.
        (
            "Activist Fawaz Jwaid recorded the shelling.\n\n“The planes came at dawn,” he said.",
            [("The planes came at dawn", "Fawaz Jwaid")],
        ),
        (
            "Samira Khattab teaches in a tent.\n\n“My pupils flinch,” she said.",
            [("My pupils flinch", "Samira Khattab")],
        ),
        (
            "Capt. Naji Mustafa told Al-Monitor, “The regime is lying.”\n\nHe added, “The crossings are empty.”",
            [("The regime is lying", "Capt. Naji Mustafa"), ("The crossings are empty", "Capt. Naji Mustafa")],
        ),
        # A role before the name.
        (
            "Activist Fawaz Jwaid told Al-Monitor, “The planes came at dawn.”",
            [("The planes came at dawn", "Fawaz Jwaid")],
        ),
        (
            "But humanitarian activist Obaida Dandoush told Al-Monitor the claims are wrong. “We stay,” he said.",
            [("But humanitarian activist", "Obaida Dandoush"), ("We stay", "Obaida Dandoush")],
        ),
        (
            "NLF official spokesman Capt. Naji Mustafa told Al-Monitor, “The regime is trying.”",
            [("The regime is trying", "Capt. Naji Mustafa")],
        ),
        # X, ROLE, told AUDIENCE, “…”
        (
            "Mohamad Rasheed, an activist based in Idlib, told Al-Monitor, “The attack came after dawn.”",
            [("The attack came after dawn", "Mohamad Rasheed")],
        ),
        (
            "For his part, the commander of the Syrian National Army, Capt. Mustafa Maarati, told Al-Monitor, "
            "“Idlib had become a refuge.”",
            [("Idlib had become a refuge", "Capt. Mustafa Maarati")],
        ),
        # A quotation over several paragraphs: each but the last opens and is left open.
        (
            "“The first paragraph goes on,\n\n“and the second one too,\n\n“and the third ends it,” said Mariam Ghlo.",
            [("The first paragraph goes on, “and the second one too, “and the third ends it", "Mariam Ghlo")],
        ),
        # A quotation straight after another, in the next paragraph, goes on in the same voice.
        (
            "“There is no bread,” said Hiba Dabbagh, a nurse.\n\n“We are treating people on the floor.”",
            [("There is no bread", "Hiba Dabbagh"), ("We are treating people", "Hiba Dabbagh")],
        ),
        # Reported speech, without quote marks.
        ("Mohammad Aswad said the road was closed.", [("Mohammad Aswad said the road", "Mohammad Aswad")]),
        (
            "Mohammad Aswad, military commander of the National Liberation Front, told Al-Monitor "
            "the crossing was closed.",
            [("Mohammad Aswad, military commander", "Mohammad Aswad")],
        ),
        (
            "Mohammad Aswad was present near the crossing. He told Al-Monitor civilians did not cross.",
            [("He told Al-Monitor civilians", "Mohammad Aswad")],
        ),
        ("The road was blocked again, said Hiba Dabbagh, a nurse.", [("The road was blocked again", "Hiba Dabbagh")]),
        ("SANA said the army had opened the crossings.", [("SANA said the army", "SANA")]),
        (
            "The Russian Defense Ministry said the crossings were open.",
            [("The Russian Defense Ministry said", "Russian Defense Ministry")],
        ),
        # Russia Today quoted X, ROLE, as saying ...
        (
            "On Jan. 11, Russia Today quoted Yuri Burenkov, head of the Russian reconciliation center, as saying "
            "the crossings were open.",
            [("On Jan. 11, Russia Today quoted", "Yuri Burenkov")],
        ),
        # Nobody named: the quotation is found, its speaker is not guessed.
        ("“We are leaving,” a resident said.", [("We are leaving", None)]),
        ("“Look,” he said.", [("Look", None)]),  # "he" with nobody named before
        # Narration alone says nothing.
        ("Shelling hit Saraqib on Monday.", []),
        # Unnamed sources are kept, with no one named.
        ("The road was closed on Monday, residents said.", [("The road was closed", None)]),
        ("", []),
    ],
)
def test_utterances(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert heads(text, expected) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The next quotation in the same paragraph as an attributed one goes on in the same voice.
        (
            "“There is no bread,” said Hiba Dabbagh, a nurse. “We are treating people on the floor.”",
            [("There is no bread", "Hiba Dabbagh"), ("We are treating people", "Hiba Dabbagh")],
        ),
        # "According to" at the start of a sentence, as reports most often write it.
        ("According to Obaida Dandoush, “Nobody crossed.”", [("Nobody crossed", "Obaida Dandoush")]),
        ("According to Obaida Dandoush, nobody crossed.", [("According to Obaida Dandoush", "Obaida Dandoush")]),
        # A role that holds a capitalised name: the speaker is the person, not a name in the role.
        (
            "Mohamed al-Hallaj, director of the Response Coordinators Team, told Al-Monitor, “No one has crossed.”",
            [("No one has crossed", "Mohamed al-Hallaj")],
        ),
        (
            "Activist Fawaz Jwaid, who lives in southern Aleppo, told Al-Monitor, “It is a commercial crossing.”",
            [("It is a commercial crossing", "Fawaz Jwaid")],
        ),
    ],
)
def test_utterances_in_harder_sentences(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert heads(text, expected) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“We will not leave,” said Dana Qassem, a teacher in Saraqib.",
            Speaker("Dana Qassem", "a teacher in Saraqib"),
        ),
        (
            "“I will not go,” said Khaled Al Essa, 35, who lives with his daughter and parents in Khan Sheikhoun.",
            Speaker("Khaled Al Essa", "35, who lives with his daughter and parents in Khan Sheikhoun"),
        ),
        (
            "“We sleep in the olive groves,” said Jamal Barode, 30, a father of two from Kafr Nabudah.",
            Speaker("Jamal Barode", "30, a father of two from Kafr Nabudah"),
        ),
        (
            "Mohamad Rasheed, an activist based in Idlib, told Al-Monitor, “The attack came after dawn.”",
            Speaker("Mohamad Rasheed", "an activist based in Idlib"),
        ),
        (
            "Activist Fawaz Jwaid, who lives in southern Aleppo, told Al-Monitor al-Hadr is a commercial crossing.",
            Speaker("Fawaz Jwaid", "activist, who lives in southern Aleppo"),
        ),
        (
            "NLF official spokesman Capt. Naji Mustafa told Al-Monitor, “The regime is trying.”",
            Speaker("Capt. Naji Mustafa", "NLF official spokesman"),
        ),
        (
            "But humanitarian activist Obaida Dandoush told Al-Monitor, “Civilians have revolted.”",
            Speaker("Obaida Dandoush", "humanitarian activist"),
        ),
        (
            "Russia Today quoted Yuri Burenkov, head of the Russian reconciliation center, "
            "as saying the crossings were open.",
            Speaker("Yuri Burenkov", "head of the Russian reconciliation center"),
        ),
        # The role given when first named; up to the end of the sentence, as the curated source has it.
        (
            "Mariam Ghlo, 31, fled to the Harem mountains with her husband.\n\n“We have nothing,” Ms Ghlo said.",
            Speaker("Mariam Ghlo", "31, fled to the Harem mountains with her husband"),
        ),
        ("The SANA news agency said the army had opened the crossings.", Speaker("SANA", "news agency", True)),
    ],
)
def test_speakers_and_their_roles(text: str, speaker: Speaker) -> None:
    assert utterances(text)[-1].speaker == speaker


def test_a_quotation_is_its_words_inside_the_marks() -> None:
    text = "“The road is closed,” Mohammad Aswad told Al-Monitor."
    (utterance,) = utterances(text)
    assert utterance.quoted
    assert text[utterance.start - 1] == "“" and text[utterance.end] == "”"


def test_reported_speech_is_its_whole_sentence() -> None:
    text = "Shelling went on. Mohammad Aswad said the road was closed. Nobody came."
    (utterance,) = utterances(text)
    assert not utterance.quoted
    assert text[utterance.start : utterance.end] == "Mohammad Aswad said the road was closed."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.\n", [(0, "One."), (6, "Two.")]),
        ("  Indented line  \n\n\n\nNext", [(2, "Indented line"), (21, "Next")]),
        ("\n \n\t\n", []),
        ("", []),
    ],
)
def test_paragraphs(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(p.start, p.text) for p in paragraphs(text)] == expected
    assert all(text[p.start : p.end] == p.text for p in paragraphs(text))


@pytest.mark.parametrize(
    ("name", "role", "voice"),
    [
        ("Obaida Dandoush", "humanitarian activist", Voice.OPPOSITION_CIVIL),
        ("Mohamad Rasheed", "an activist based in Idlib", Voice.OPPOSITION_CIVIL),
        # Rescue services, monitors and UN agencies: NGOs.
        ("White Helmets", None, Voice.NGO),
        ("Syrian Observatory for Human Rights", None, Voice.NGO),
        ("Observatory", "a Britain-based war monitor", Voice.NGO),
        ("OCHA", None, Voice.NGO),
        ("World Health Organization", None, Voice.NGO),
        ("WHO", None, Voice.NGO),
        ("Syria Civil Defence", None, Voice.NGO),
        ("Dana Qassem", "who lives in Saraqib", Voice.CIVILIAN),  # "who", not WHO
        # State media, Russia, the Syrian army and armed groups.
        ("Syrian Arab News Agency", None, Voice.STATE_MEDIA),
        ("Russian Defence Ministry", None, Voice.RUSSIA),
        ("TASS", None, Voice.RUSSIA),
        ("Syrian army command", None, Voice.GOVERNMENT),
        ("army command", None, Voice.GOVERNMENT),
        ("Hayat Tahrir al-Sham", None, Voice.OPPOSITION_ARMED),
        ("HTS", None, Voice.OPPOSITION_ARMED),
        ("National Liberation Front", None, Voice.OPPOSITION_ARMED),
        ("Jaish al-Izza", None, Voice.OPPOSITION_ARMED),
        ("Syrian Interim Government", None, Voice.OPPOSITION_CIVIL),
        ("Yuri Burenkov", "head of the Russian Defense Ministry's Syria reconciliation center", Voice.RUSSIA),
        ("The Russian Defense Ministry", None, Voice.RUSSIA),  # before "ministry" makes it the government's
        (
            "Mohamed al-Hallaj",
            "director of the Response Coordinators Team, a nongovernmental organization",
            Voice.NGO,
        ),  # before "governmental" makes it the government's
        ("Ali Haidar", "UN envoy", Voice.NGO),
        ("Jamal Barode", "30, a father of two who moved to Maarat Numan", Voice.CIVILIAN),
        ("Khaled Al Essa", "35, who lives with his daughter and parents in Khan Sheikhoun", Voice.CIVILIAN),
        ("Rami Aswad", "30, a former fighter", Voice.CIVILIAN),  # an age first: a private person
        ("Hiba Dabbagh", "a nurse at a hospital in Idlib city", Voice.CIVILIAN),
        ("Someone", None, Voice.CIVILIAN),  # nothing says otherwise
        ("SANA", None, Voice.STATE_MEDIA),
        ("Syrian state media", None, Voice.STATE_MEDIA),
        ("The SANA news agency", None, Voice.STATE_MEDIA),
        ("Mousa Abdullah", "a strategic and military expert in Istanbul", Voice.ANALYST),
        ("Sam Heller", "a fellow at the Century Foundation", Voice.ANALYST),
        ("Mohammad Aswad", "military commander of the National Liberation Front", Voice.OPPOSITION_ARMED),
        ("First Lt. Abu Yaarob", "National Liberation Front military commander", Voice.OPPOSITION_ARMED),
        ("Bashar al-Assad", "President", Voice.GOVERNMENT),
        ("Syrian army", None, Voice.GOVERNMENT),
        ("Reuters", None, Voice.JOURNALIST),
    ],
)
def test_guess_voice(name: str, role: str | None, voice: Voice) -> None:
    assert guess_voice(name, role) is voice

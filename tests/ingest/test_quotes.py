"""Who says what: quotations and reported statements, each given to the speaker the article names."""

from __future__ import annotations

import pytest

from geo.core.records import Voice
from geo.ingest.evaluation import places_found
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.quotes import Speaker, paragraphs, utterances
from geo.ingest.speakers import is_time, joint_members
from geo.ingest.voiceguess import guess_voice, state_voice


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
        # Foreign states speak as themselves, on neither side; Russia is a voice of its own.
        ("Turkey's defence ministry", None, Voice.FOREIGN_STATE),
        ("Iran's foreign minister", None, Voice.FOREIGN_STATE),
        ("US State Department", None, Voice.FOREIGN_STATE),
        ("Ned Price", "a spokesman for the US State Department", Voice.FOREIGN_STATE),
        ("Recep Tayyip Erdogan", "Turkish President", Voice.FOREIGN_STATE),
        ("James Jeffrey", "US envoy for Syria", Voice.FOREIGN_STATE),
        ("Pentagon", None, Voice.FOREIGN_STATE),
        ("Ankara", None, Voice.FOREIGN_STATE),
        ("Washington", None, Voice.FOREIGN_STATE),
        ("Moscow", None, Voice.RUSSIA),
        ("Sergei Lavrov", "Russian Foreign Minister", Voice.RUSSIA),
        ("Faisal Mekdad", "Syrian foreign minister", Voice.GOVERNMENT),
        # What a state backs, a state's charity, or a man of that country are not the state.
        ("Syrian National Army", "Turkish-backed", Voice.OPPOSITION_ARMED),
        ("US-led coalition", None, Voice.CIVILIAN),
        ("Turkish Red Crescent", None, Voice.NGO),
        ("Ahmad Sweid", "a Turkish truck driver", Voice.CIVILIAN),
        ("Hassan Darwish", "who told us the road was shut", Voice.CIVILIAN),  # "us", not US
        ("Ali Haidar", "a refugee in Washington", Voice.CIVILIAN),
    ],
)
def test_guess_voice(name: str, role: str | None, voice: Voice) -> None:
    assert guess_voice(name, role) is voice


@pytest.mark.parametrize(
    ("name", "voice"),
    [
        # A state named alone as the speaker speaks for itself.
        ("Turkey", Voice.FOREIGN_STATE),
        ("Iran", Voice.FOREIGN_STATE),
        ("the United States", Voice.FOREIGN_STATE),
        ("Saudi Arabia and Qatar", Voice.FOREIGN_STATE),
        ("France, Germany and the United Kingdom", Voice.FOREIGN_STATE),
        ("Russia and Turkey", Voice.FOREIGN_STATE),  # the guarantors together: no one side's
        # Russia keeps its own voice; Syria speaking is its government.
        ("Russia", Voice.RUSSIA),
        ("Syria", Voice.GOVERNMENT),
        ("Syrian Arab Republic", Voice.GOVERNMENT),
        ("Russia and Syria", Voice.GOVERNMENT),
        # Not a state alone: a body, a person, a city, a state and something else.
        ("Turkey's defence ministry", None),
        ("Turkish Red Crescent", None),
        ("Ahmad Hallaj", None),
        ("Idlib", None),
        ("Turkey and the opposition", None),
    ],
)
def test_state_voice(name: str, voice: Voice | None) -> None:
    assert state_voice(name) is voice
    if voice is not None:
        assert guess_voice(name, None) is voice  # the guess of a state named alone is its voice


def who_says(text: str) -> list[tuple[str | None, str | None]]:
    """Each utterance's named speaker and, where none is named, how the text describes its source."""
    return [(u.speaker.name if u.speaker else None, u.unnamed) for u in utterances(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Verbs beyond "said" and "told".
        ("Salim Nasser added that the bakery had closed.", "Salim Nasser"),
        ("Omar Jundi explained that the station was hit.", "Omar Jundi"),
        ("Anas Dabbas announced that three hospitals had closed.", "Anas Dabbas"),
        ("Hassan Bakkour claimed his men had downed a drone.", "Hassan Bakkour"),
        ("Ammar Ali confirmed that 11 were in critical condition.", "Ammar Ali"),
        ("Ahmad Rustom denied that troops had shelled the camp.", "Ahmad Rustom"),
        ("Yasmin Haj Hussein warned that fuel would run out.", "Yasmin Haj Hussein"),
        ("Adel Qassab noted that it served 80,000 people.", "Adel Qassab"),
        ("Mazen Halabi wrote on Twitter that the road was packed.", "Mazen Halabi"),
        ("Abdul Salam Farhat tweeted that his ambulance was hit.", "Abdul Salam Farhat"),
        ("Wafiq Dahhan stated that 41 strikes were counted.", "Wafiq Dahhan"),
        ("Sergei Lavrov accused Turkey of failing its commitments.", "Sergei Lavrov"),
        ("The last bakery closed on Tuesday, according to Nizar Qadri.", "Nizar Qadri"),
        # ", saying ...": the subject of the clause it hangs on.
        ("Layla Sabbagh posted a video on Sunday, saying the blasts shook the town.", "Layla Sabbagh"),
        # Roles and titles before the name, lower-case words between the verb and the name.
        ("“They withdrew,” said Syrian military defector general Faris Akkad.", "Faris Akkad"),
        ("“It is a trap,” said local council head Ibrahim Qaddour in Jisr al-Shughur.", "Ibrahim Qaddour"),
        ("Spokesman for the National Liberation Front Naji Haddad said the group held.", "Naji Haddad"),
        ("Turkish President Recep Tayyip Erdogan said Ankara would act.", "Recep Tayyip Erdogan"),
        (
            "“It is the worst crisis,” UN Under-Secretary-General for Humanitarian Affairs Mark Lowcock said.",
            "Mark Lowcock",
        ),
        (
            "In Damascus, Syrian Foreign Minister Faisal Mekdad told reporters that Turkey was to blame.",
            "Faisal Mekdad",
        ),
        ("Dr Nadia Sabbagh of SAMS said the hospital had been hit.", "Dr Nadia Sabbagh"),
        ("Brig. Gen. Ahmad Rustom said the road was open.", "Brig. Gen. Ahmad Rustom"),
        ("Dr. Ammar Sheikh Ali, who heads the ward, said 11 were hurt.", "Dr. Ammar Sheikh Ali"),
        ("Rami Khouri, the head of the Britain-based Observatory, told AFP 14 died.", "Rami Khouri"),
        ("The head of the local council, Tariq Sawwan, said 3,000 families fled.", "Tariq Sawwan"),
        ("Prices doubled as families arrived, a trader, Hussam Darwish, said.", "Hussam Darwish"),
        ("The town took in 2,000 families, its mayor, Walid Qassab, told reporters.", "Walid Qassab"),
    ],
)
def test_speakers_beyond_said_and_told(text: str, speaker: str) -> None:
    assert who_says(text)[-1] == (speaker, None)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The National Liberation Front announced that it had retaken Tell Mardikh.", "National Liberation Front"),
        ("In July, the United Nations said 350 civilians had been killed.", "United Nations"),
        (
            "Nine were killed, the monitoring group the Syrian Observatory for Human Rights (SOHR) said.",
            "Syrian Observatory for Human Rights",
        ),
        ("The Russian Defence Ministry said in a statement that militants fired.", "Russian Defence Ministry"),
        ("SANA reported that army units had restored security.", "SANA"),
        ("The state news agency SANA said a child was wounded.", "SANA"),
        ("OCHA said 80 percent of the displaced were women and children.", "OCHA"),
        ("The White Helmets said their volunteers had pulled 12 people alive.", "White Helmets"),
        ("Turkey's defence ministry said two soldiers were killed.", "Turkey's defence ministry"),
        ("The Syrian army command said its units had taken the town.", "Syrian army command"),
        ("Earlier, the army command said its forces had cut the road.", "army command"),
        ("An OCHA report said 53 health facilities had suspended services.", "OCHA"),
        ("Hayat Tahrir al-Sham (HTS) denied that its fighters stopped families.", "Hayat Tahrir al-Sham"),
        ("The UN refugee agency UNHCR warned that the border was closed.", "UNHCR"),
        ("Last week the UN refugee agency said it was trucking tents.", "UN refugee agency"),
        ("The Response Coordinators group said 1,200 families had arrived.", "Response Coordinators"),
        ("“The search goes on,” the Observatory said.", "Observatory"),
        ("According to a statement by the Turkish defence ministry, 33 soldiers died.", "Turkish defence ministry"),
        ("The Britain-based Syrian Observatory, which has sources on the ground, said 19 died.", "Syrian Observatory"),
        # A body named by its owner, or by lower-case words after a proper name.
        (
            "The Syrian army’s General Command announced that its forces had taken the town.",
            "Syrian army’s General Command",
        ),
        (
            "Hayat Tahrir al-Sham's media office said its fighters killed 20 soldiers.",
            "Hayat Tahrir al-Sham's media office",
        ),
        ("The Russian military said its bombers had struck militant targets.", "Russian military"),
        ("The UN human rights office said it had verified 1,750 deaths.", "UN human rights office"),
    ],
)
def test_organisations_are_speakers(text: str, speaker: str) -> None:
    (utterance,) = utterances(text)
    assert utterance.speaker is not None and utterance.speaker.organisation
    assert utterance.speaker.name == speaker


@pytest.mark.parametrize(
    ("text", "unnamed"),
    [
        ("A field source told Enab Baladi that forces had shelled Kansafra.", "A field source"),
        ("A military source said army units had repelled an attack.", "A military source"),
        ("A resident who asked not to be named said the men had gone into hiding.", "A resident"),
        ("Activists said drones had followed the cars.", "Activists"),
        ("Local sources reported that a convoy had entered Idlib.", "Local sources"),
        ("Witnesses said the strike hit a market.", "Witnesses"),
        ("“They burn the fields,” a farmer from Hish told AFP.", "a farmer from Hish"),
        ("According to a medical source in Idlib, 35 were wounded.", "a medical source in Idlib"),
        ("A commander, speaking on condition of anonymity, said his men were short of ammunition.", "A commander"),
        ("The road was closed on Monday, residents said.", "residents"),
        ("The governor of Hama said water had been restored.", "The governor of Hama"),
        # A state is a place the passage is about as much as a speaker: its name stays a place.
        ("Turkey said on Monday it would send more troops.", "Turkey"),
        ("Saudi Arabia and Qatar pledged money for the schools.", "Saudi Arabia and Qatar"),
        ("“We will respond,” Turkey said.", "Turkey"),
        ("“We will respond,” said Turkey.", "Turkey"),
        # A document reports; no one is named.
        ("According to the report, 14 schools were damaged.", "the report"),
        ("The statement said the crossing would stay open.", "The statement"),
        ("Sources said the target was a headquarters.", "Sources"),
        # The verb before a group that ends the sentence.
        ("The strikes hit Ariha and Sarmin, said local monitors.", "local monitors"),
        ("The strikes hit Ariha, said residents of the town.", "residents of the town"),
    ],
)
def test_unnamed_sources_are_kept_unnamed(text: str, unnamed: str) -> None:
    assert who_says(text)[-1] == (None, unnamed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A pronoun is the last speaker of its kind: "he" a person, "it" an organisation.
        (
            "Bashir Kurdi keeps his pharmacy open.\n\nAccording to him, insulin prices have tripled.",
            [("Bashir Kurdi", None)],
        ),
        (
            "The Turkish foreign ministry condemned the strike. It added that Ankara would respond.",
            [("Turkish foreign ministry", None), ("Turkish foreign ministry", None)],
        ),
        (
            "The Kremlin said the strikes broke the agreement. It added that Moscow was in contact with Ankara.",
            [("Kremlin", None), ("Kremlin", None)],
        ),
        (
            "Still, the Observatory says the toll is higher. According to it, dozens are missing.",
            [("Observatory", None)] * 2,
        ),
        # Nobody for "it" to refer to: left unattributed rather than given to "It".
        ("“The road is closed,” it added.", [(None, None)]),
        ("It added that the road was closed.", []),
        # Time phrases and sentence adverbs are never speakers.
        ("On Monday, SANA reported that mines had been cleared.", [("SANA", None)]),
        ("Meanwhile, the White Helmets said 23 people had died.", [("White Helmets", None)]),
        ("However, the Russian Defence Ministry denied that its planes flew.", [("Russian Defence Ministry", None)]),
        ("Yesterday, the White Helmets reported that 23 people had died.", [("White Helmets", None)]),
        ("On Sunday, Turkish Defence Minister Hulusi Akar said troops were sent.", [("Hulusi Akar", None)]),
        ("Separately, the state news agency SANA said a child was hurt.", [("SANA", None)]),
        ("In a statement, Hayat Tahrir al-Sham said it would not withdraw.", [("Hayat Tahrir al-Sham", None)]),
        # The unnamed speaker of the sentence before is "he", not a person named further back.
        (
            "Hamid Sweidan said the school was empty.\n\n"
            "A resident who asked not to be named said the men hid. “They take you,” he said.",
            [("Hamid Sweidan", None), (None, "A resident"), (None, "A resident")],
        ),
        # "the official" refers back to the official introduced, by name, before.
        (
            "A senior Turkish official, Murat Demirel, met commanders on Wednesday.\n\n"
            "“Turkey will keep its posts,” the official said.",
            [("Murat Demirel", None)],
        ),
        # A short form of an organisation's name is the body named in full before.
        (
            "Nine died, the Syrian Observatory for Human Rights said.\n\nThe SOHR said jets carried out the raids.",
            [("Syrian Observatory for Human Rights", None)] * 2,
        ),
        # Narration is no speech, whatever its first word.
        ("Shelling went on through the night.", []),
        ("Fighting for Kafr Naboudeh continued into a second week.", []),
        # The subject of the last clause speaks, and a state stays a place.
        ("The UAE reopened its embassy in Damascus, and Egypt said it would send envoys.", [(None, "Egypt")]),
        ("Officials met in Astana, and President Hassan Rouhani said the talks went well.", [("Hassan Rouhani", None)]),
        ("Government shelling hit Kafr Sajna, Hish and Talmenes, local monitors said.", [(None, "local monitors")]),
    ],
)
def test_no_junk_speakers(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert who_says(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Words quoted inside a reported sentence: the sentence is the statement, its subject the speaker.
        ("SANA reported that “terrorist groups” had fired rockets at Suqaylabiyah.", "SANA"),
        ("Hakan Yücel told reporters that Turkey would “respond in kind”.", "Hakan Yücel"),
        ("Syrian Foreign Minister Walid Moallem said the army would “liberate every inch” of Idlib.", "Walid Moallem"),
        ('Yelena Kuzmina said Turkey had failed to separate "moderate" rebels from "terrorists".', "Yelena Kuzmina"),
    ],
)
def test_a_quotation_inside_a_reported_sentence(text: str, speaker: str) -> None:
    (utterance,) = utterances(text)
    assert not utterance.quoted and (utterance.start, utterance.end) == (0, len(text))
    assert utterance.speaker is not None and utterance.speaker.name == speaker


# A place listed just before a group or a description is the list's last place, not a speaker.
AFTER_A_LIST = [
    ("Strikes hit homes in Ariha and Sarmin, local monitors said.", "local monitors", {164782, 172994}),
    ("Strikes hit homes in Ariha, Sarmin, the local monitors said.", "the local monitors", {164782, 172994}),
    ("Strikes hit Binnish, Ariha, Sarmin, a local monitor said.", "a local monitor", {164782, 171451, 172994}),
    ("Shells fell on the outskirts of Ariha, Sarmin, a monitor told AFP.", "a monitor", {164782, 172994}),
    ("Shells fell in Ariha, Kafr Nubl, an activist said.", "an activist", {168661, 172994}),
    ("Families left Taftanaz, Sarmin, 2 monitors said.", "2 monitors", {163799, 164782}),
]


@pytest.mark.parametrize(("text", "unnamed", "places"), AFTER_A_LIST)
def test_a_place_before_a_group_is_no_speaker(text: str, unnamed: str, places: set[int]) -> None:
    assert who_says(text) == [(None, unnamed)]


@pytest.mark.parametrize(("text", "unnamed", "places"), AFTER_A_LIST)
def test_a_place_before_a_group_is_still_read(gazetteer: Gazetteer, text: str, unnamed: str, places: set[int]) -> None:
    assert places_found(text, gazetteer) == places


def test_a_trailing_speaker_before_a_clause_of_contrast() -> None:
    text = "Rescuers pulled a girl alive in Termanin, the White Helmets said, but her parents were killed."
    assert who_says(text) == [("White Helmets", None)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A person's name set off before a description is the speaker, after a place too.
        ("Shells fell on the market in Kansafra, Khaled Mahfouz, a teacher, said.", "Khaled Mahfouz"),
        ("Shells fell on the market, Khaled Mahfouz, 35, a teacher, said.", "Khaled Mahfouz"),
        ("The crossing was shut, Mahmoud, a driver, said.", "Mahmoud"),
    ],
)
def test_a_name_before_a_description_is_the_speaker(text: str, speaker: str) -> None:
    assert who_says(text) == [(speaker, None)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ahmad Khalil and Omar Hamdan said the school had been shut.", Speaker("Ahmad Khalil and Omar Hamdan")),
        (
            "Activists Rami Sabbagh and Lina Haj Ali told AFP that the shelling had resumed.",
            Speaker("Rami Sabbagh and Lina Haj Ali", "activists"),
        ),
        (
            "Activists Rami Sabbagh and Lina Haj Ali told AFP: “The shelling resumed at dawn.”",
            Speaker("Rami Sabbagh and Lina Haj Ali", "activists"),
        ),
        ("Ahmad Khalil and Omar Hamdan told Reuters: “We left.”", Speaker("Ahmad Khalil and Omar Hamdan")),
        ("“We left,” said Ahmad Khalil and Omar Hamdan.", Speaker("Ahmad Khalil and Omar Hamdan")),
        (
            "Residents Ali Qaddour, Samir Haddad and Mustafa Jabbour said water had been cut.",
            Speaker("Ali Qaddour, Samir Haddad and Mustafa Jabbour", "residents"),
        ),
        (
            "In Idlib, doctors Samer Attar and Lina Haj Ali told AFP: “We are full.”",
            Speaker("Samer Attar and Lina Haj Ali", "doctors"),
        ),
        ("In Idlib, doctor Samer Attar told AFP: “We are full.”", Speaker("Samer Attar", "doctor")),
    ],
)
def test_people_who_speak_together_are_all_named(text: str, speaker: Speaker) -> None:
    assert [u.speaker for u in utterances(text)] == [speaker]


@pytest.mark.parametrize(
    ("later", "speaker"),
    [
        ("Hamdan added that the roof had collapsed.", "Omar Hamdan"),
        ("Mr Khalil added that the roof had collapsed.", "Ahmad Khalil"),
        ("He added that the roof had collapsed.", None),  # neither of the two alone
    ],
)
def test_each_of_two_speakers_is_known_apart_later(later: str, speaker: str | None) -> None:
    text = f"Ahmad Khalil and Omar Hamdan said the school had been shut. {later}"
    assert [name for words, name in said(text) if "roof" in words] == ([speaker] if speaker else [])


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("Ahmad Khalil and Omar Hamdan", ("Ahmad Khalil", "Omar Hamdan")),
        ("Ali Qaddour, Samir Haddad and Mustafa Jabbour", ("Ali Qaddour", "Samir Haddad", "Mustafa Jabbour")),
        ("Umm Khaled and Abu Omar", ("Umm Khaled", "Abu Omar")),
        ("France and Germany", ()),  # states
        ("Saudi Arabia and United Arab Emirates", ()),
        ("Idlib and Hama", ()),  # one word each: places as likely as people
        ("Ahmad Khalil", ()),
        ("Syrian Observatory and White Helmets", ()),  # bodies
    ],
)
def test_joint_members(name: str, members: tuple[str, ...]) -> None:
    assert joint_members(name) == members


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Turkey's defence ministry said two soldiers were killed.", "Turkey's defence ministry"),
        ("The US State Department said it was deeply concerned.", "US State Department"),
        ("Iran's foreign minister said on Wednesday that Tehran backed the offensive.", "Iran's foreign minister"),
        ("“We will not stand by,” France's foreign minister told reporters.", "France's foreign minister"),
        ("Ankara said the attack violated the ceasefire.", "Ankara"),
        ("Moscow said the rebels had broken the truce.", "Moscow"),
    ],
)
def test_a_foreign_state_speaks_in_its_own_voice(text: str, speaker: str) -> None:
    (said,) = utterances(text)
    assert said.speaker is not None and said.speaker.name == speaker
    expected = Voice.RUSSIA if speaker == "Moscow" else Voice.FOREIGN_STATE
    assert guess_voice(said.speaker.name, said.speaker.role) is expected


def test_an_unnamed_source_reaches_the_draft_as_its_role() -> None:
    from geo.ingest.draft import _excerpt

    (said,) = utterances("A military source said army units had repelled an attack near Kafr Nabudah.")
    raw = _excerpt("src", 1, "A military source said ...", ["kafr-nabudah"], said)
    assert (raw["kind"], raw["voice"], raw.get("speaker"), raw["role"]) == (
        "report",
        "journalist",
        None,
        "A military source",
    )
    assert "speaker" in raw["guessed"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A sentence after a quotation that closed with a full stop is not its attribution.
        (
            "He added, “The regime bombs them.” Civilians know the risks, Mustafa said.",
            [(None, None), ("Mustafa", None)],
        ),
        # What the speaker goes on to say in the attribution is theirs too.
        (
            "“The militants stop them,” Arkady Sedov told reporters, adding that 40 people had crossed.",
            [("Arkady Sedov", None), ("Arkady Sedov", None)],
        ),
        # A clause that leads the sentence is not its subject.
        ("While many fled to the border, others said they would stay.", [(None, "others")]),
        ("Fires spread, contrary to what the ministry claimed.", []),
        # A person introduced in the sentence before a quotation inside a reported sentence is "she".
        (
            "Um Mohammad, who fled Khan Sheikhoun, now lives in a school. "
            "She said the family had left “with only the clothes on our backs”.",
            [("Um Mohammad", None)],
        ),
        # A surname alone, once the person is named in full, is that person.
        (
            "Mohamed al-Hallaj, director of a relief team, said no one crossed.\n\nHallaj said the camps were full.",
            [("Mohamed al-Hallaj", None), ("Mohamed al-Hallaj", None)],
        ),
    ],
)
def test_what_is_not_an_attribution(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert who_says(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "unnamed", "role"),
    [
        # A phrase of time before the subject is when it was said: never the speaker, never the role.
        (
            "On Monday, Ahmad Hallaj, a local official, said the town was empty.",
            "Ahmad Hallaj",
            None,
            "a local official",
        ),
        (
            "Last week, Ahmad Hallaj, a local official, said the town was empty.",
            "Ahmad Hallaj",
            None,
            "a local official",
        ),
        ("Early on Tuesday, Ahmad Hallaj, a local official, said it.", "Ahmad Hallaj", None, "a local official"),
        ("Late on Sunday, Ahmad Hallaj, a local official, said it.", "Ahmad Hallaj", None, "a local official"),
        ("In March, Ahmad Hallaj, a local official, said it.", "Ahmad Hallaj", None, "a local official"),
        ("In early March, Ahmad Hallaj, a local official, said it.", "Ahmad Hallaj", None, "a local official"),
        ("At dawn on Friday, Ahmad Hallaj, a local official, said it.", "Ahmad Hallaj", None, "a local official"),
        ("Over the weekend, Ahmad Hallaj, a local official, said it.", "Ahmad Hallaj", None, "a local official"),
        ("Two days later, Ahmad Hallaj, a local official, said it.", "Ahmad Hallaj", None, "a local official"),
        ("Earlier this week, Ahmad Hallaj, a local official, said it.", "Ahmad Hallaj", None, "a local official"),
        (
            "Late on Sunday, the head of the local council, Yasser Dabbous, said it.",
            "Yasser Dabbous",
            None,
            "head of the local council",
        ),
        ("On Monday the spokesman said the town was empty.", None, "the spokesman", None),
        ("Early on Tuesday, a local official said the town was empty.", None, "a local official", None),
        # A phrase of time after the role ends it.
        ("“We left,” said Ahmad Hallaj, a local official, on Monday.", "Ahmad Hallaj", None, "a local official"),
        ("“We left,” said Ahmad Hallaj, a local official, last week.", "Ahmad Hallaj", None, "a local official"),
        # A role that speaks of time is kept whole when the time is not its end.
        (
            "Ahmad Hallaj, who fled on Monday with his family, said the town was empty.",
            "Ahmad Hallaj",
            None,
            "who fled on Monday with his family",
        ),
    ],
)
def test_a_phrase_of_time_is_no_speaker_and_no_role(
    text: str, speaker: str | None, unnamed: str | None, role: str | None
) -> None:
    (said,) = utterances(text)
    assert (said.speaker.name if said.speaker else None, said.unnamed) == (speaker, unnamed)
    assert (said.speaker.role if said.speaker else None) == role


@pytest.mark.parametrize(
    ("phrase", "time"),
    [
        ("On Monday", True),
        ("Early on Tuesday", True),
        ("Last week", True),
        ("In March", True),
        ("Two days later", True),
        ("At dawn on Friday", True),
        ("Early on Tuesday, last week", True),
        ("the spokesman", False),
        ("Monday Hassan", False),
        ("a local official", False),
    ],
)
def test_is_time(phrase: str, time: bool) -> None:
    assert is_time(phrase) is time


@pytest.mark.parametrize(
    ("text", "speaker", "unnamed"),
    [
        # A name that begins like a place's, last on a list of places, is a place, not the speaker.
        ("Strikes hit homes in Ariha, Kafr Nubl, a monitor said.", None, "a monitor"),
        ("Strikes hit homes in Ariha, Tell Mardikh, a monitor said.", None, "a monitor"),
        ("Strikes hit homes in Ariha, Ma'arrat Misrin, a monitor said.", None, "a monitor"),
        ("Strikes hit homes in Ariha, Khirbet al-Joz, a monitor said.", None, "a monitor"),
        ("Strikes hit homes in Ariha, Sheikh-Maqsoud, a monitor said.", None, "a monitor"),
        # A name that begins like a person's is the speaker, though a list of places comes before.
        ("Strikes hit homes in Ariha, Umm Ahmad, a mother of four, said.", "Umm Ahmad", None),
        ("Strikes hit homes in Ariha, Ahmad Hallaj, a local official, said.", "Ahmad Hallaj", None),
    ],
)
def test_a_place_last_on_a_list_is_no_speaker(text: str, speaker: str | None, unnamed: str | None) -> None:
    assert who_says(text) == [(speaker, unnamed)]

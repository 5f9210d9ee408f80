"""Capitalised words that reports put where a place could stand but that name no place.

Outlets, groups and their acronyms, nationalities, languages, people, the calendar: general
vocabulary of reports on Syria, so that a name found from its context ("told Middle East Eye",
"from HTS", "in Arabic", "to President Assad") is not listed as a place to put on the map.
"""

from __future__ import annotations

import re

from geo.core.names import fold
from geo.ingest.titles import HONORIFICS

# News outlets, agencies and monitors that reports cite by name.
OUTLETS = (
    "Middle East Eye",
    "Al Jazeera",
    "Al Arabiya",
    "Al Mayadeen",
    "Al-Monitor",
    "Al-Quds Al-Arabi",
    "Al-Araby Al-Jadeed",
    "The New Arab",
    "Asharq Al-Awsat",
    "Al-Watan",
    "Enab Baladi",
    "Syria Direct",
    "North Press",
    "North Press Agency",
    "Hawar News",
    "Orient News",
    "Step News",
    "Baladi News",
    "Smart News",
    "Zaman al-Wasl",
    "Qasioun",
    "Syrian Observatory for Human Rights",
    "Syrian Observatory",
    "Syrian Network for Human Rights",
    "Syria Civil Defence",
    "Syrian Civil Defence",
    "White Helmets",
    "Response Coordinators",
    "Syria Response Coordinators",
    "Reuters",
    "Associated Press",
    "Agence France-Presse",
    "Anadolu",
    "Anadolu Agency",
    "Xinhua",
    "Sputnik",
    "TASS",
    "Interfax",
    "Rudaw",
    "Kurdistan 24",
    "Sky News",
    "France 24",
    "Deutsche Welle",
    "BBC",
    "CNN",
    "The Guardian",
    "New York Times",
    "Washington Post",
    "Financial Times",
    "Wall Street Journal",
    "Human Rights Watch",
    "Amnesty International",
    "Doctors Without Borders",
    "Médecins Sans Frontières",
    "Red Crescent",
    "Red Cross",
    "Security Council",
    "General Assembly",
)
# Acronyms of armed groups, governments, agencies and outlets.
ACRONYMS = frozenset(
    """HTS TIP NLF SDF YPG YPJ PYD PKK SNA FSA NDF GoS SAA SARC SCD WHO UN UNHCR OCHA UNICEF WFP ICRC IOM
    MSF SAMS UOSSM OPCW NATO ISIS ISIL IS IRGC EU AFP AP SANA SOHR SNHR ANHA TRT RT DW EFE DPA BBC CNN
    HRW NGO NGOs INGO UNSC UNGA IDP IDPs SDC AANES GoT MoD MoH JFS JTS NES NWS""".split()
)
# The first word of an armed group's or a movement's name in Arabic: Jaish al-Izza, Faylaq al-Sham.
_GROUP_WORDS = frozenset(
    fold(w)
    for w in """Jaish Jaysh Faylaq Liwa Liwaa Harakat Katibat Kataib Firqat Ahrar Jabhat Hayat Hay'at Hurras
    Ansar Jund Saraya Tajammu Tahrir Fatah Nour""".split()
)
# Words that make a name an organisation, an operation or an event rather than a place.
_INSTITUTION_WORDS = frozenset(
    """forces force army front brigade brigades division council ministry observatory committee
    organisation organization network defence defense government university party movement agency
    news coalition command authority directorate union alliance operation operations accord agreement
    deal summit talks conference process memorandum guard guards police media channel radio tv
    television times post journal press office foundation fund programme program association
    federation commission regiment battalion corps legion group groups militia militias parliament congress
    senate pentagon kremlin cabinet court tribunal""".split()
)
# Words after a place's name that make a facility or a body of it, not a longer place name:
# "Sednaya Prison", "Idlib Health Directorate", "Hama Military Airport" are in Sednaya, Idlib, Hama.
FACILITY_WORDS = frozenset(
    """hospital hospitals mosque market school schools prison bakery airport airbase base dam bridge road highway
    square station roundabout checkpoint university stadium clinic centre center camp camps crossing
    international central national military civil medical health media local free general main old grand
    great city countryside province governorate district""".split()
)
# Single words that stand where a place could and are none: faiths, platforms, groups known by one name.
_NOT_PLACES = frozenset(
    fold(w)
    for w in """God Allah Islam Christ Prophet Quran Koran Heaven Facebook Twitter Telegram WhatsApp YouTube
    Instagram TikTok Skype Zoom Hezbollah Hizbollah Daesh Nusra Wagner Fatemiyoun Zainabiyoun Peshmerga
    Asayish Covid COVID-19 Coronavirus Internet""".split()
)
# Peoples, nations, faiths and languages, and adjectives of them.
NATIONALITIES = frozenset(
    fold(w)
    for w in """Syrian Syrians Turkish Turk Turks Russian Russians Iranian Iranians Iraqi Iraqis Lebanese
    Jordanian Jordanians Israeli Israelis Kurdish Kurd Kurds Arab Arabs Arabic American Americans British
    French German Chinese Qatari Saudi Emirati Egyptian European Europeans Western Eastern Alawite Alawites
    Sunni Sunnis Shia Shiite Shiites Druze Christian Christians Muslim Muslims Turkmen Circassian Armenian
    Assyrian Palestinian Palestinians Afghan Pakistani Uighur Uyghur Uighurs Chechen Yazidi Yazidis Bedouin
    Ukrainian English Persian Farsi Hebrew Islamic Islamist Islamists Jihadist Jihadists Salafi""".split()
)
# Countries and the wider world, which are never a place to put on the map by hand.
COUNTRIES = frozenset(
    fold(w)
    for w in (
        "Syria",
        "Turkey",
        "Türkiye",
        "Russia",
        "Iran",
        "Iraq",
        "Lebanon",
        "Jordan",
        "Israel",
        "Egypt",
        "Qatar",
        "Saudi Arabia",
        "United Arab Emirates",
        "UAE",
        "United States",
        "US",
        "USA",
        "America",
        "United Kingdom",
        "UK",
        "Britain",
        "France",
        "Germany",
        "China",
        "Europe",
        "European Union",
        "Middle East",
        "Gulf",
        "Palestine",
        "Gaza",
        "Yemen",
        "Libya",
        "Afghanistan",
        "Pakistan",
        "Ukraine",
        "Kuwait",
        "Bahrain",
        "Oman",
        "Algeria",
        "Tunisia",
        "Morocco",
        "Sudan",
        "Greece",
        "Italy",
        "Netherlands",
        "Sweden",
        "Denmark",
        "Austria",
        "Belgium",
        "Switzerland",
        "Canada",
        "Australia",
        "Japan",
        "India",
        "Armenia",
        "Azerbaijan",
        "Cyprus",
        "West",
    )
)
CALENDAR = frozenset(
    """january february march april may june july august september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday ramadan
    eid adha fitr christmas easter new year""".split()
)
# Titles before a person's name, besides the honorifics: "President Assad", "Foreign Minister Lavrov".
_PERSON_TITLES = frozenset(
    fold(w)
    for w in (
        *HONORIFICS,
        *"""Mrs Miss President Minister Prime King Queen Prince Emir Pope General Colonel Major Captain
        Lieutenant Commander Sergeant Brigadier Spokesman Spokeswoman Spokesperson Ambassador Envoy Senator
        Governor Mayor Judge Professor Doctor Brother Sister Mufti Bishop Patriarch Cleric Activist Journalist
        Reporter Correspondent Analyst Researcher Director Chief Head Leader Secretary""".split(),
    )
)
# Leaders that reports name by surname alone, as the subject of a sentence or after "pro-".
_LEADERS = frozenset(
    fold(w)
    for w in """Assad Putin Erdogan Erdoğan Rouhani Raisi Khamenei Trump Biden Obama Lavrov Nasrallah Jolani
    Julani Baghdadi Soleimani Shoigu Cavusoglu Fidan Pedersen Guterres""".split()
)
# Words glued by a hyphen after a name that make an adjective of it: "HTS-controlled", "Turkish-backed".
GLUED = re.compile(
    r"^-(?:controlled|held|backed|led|affiliated|allied|aligned|linked|run|supported|sponsored|friendly|"
    r"leaning|dominated|occupied|brokered|made|funded|owned)\b",
    re.IGNORECASE,
)

_OUTLET_KEYS = frozenset(fold(o) for o in OUTLETS)
_ACRONYM_KEYS = frozenset(a.casefold() for a in ACRONYMS)
# Where outlets stand in a text: their names, longest first so that "North Press Agency" wins.
OUTLET_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(o) for o in sorted(OUTLETS, key=len, reverse=True)) + r")(?![\w-])"
)


def is_noise(name: str) -> bool:
    """Whether a capitalised name is an outlet, a group, a people, a person, a country or a date."""
    key = fold(name)
    words = name.replace("-", " ").split()
    if not words or not key:
        return True
    first = fold(words[0])
    return (
        key in _OUTLET_KEYS
        or key in COUNTRIES
        or key in NATIONALITIES
        or key in _LEADERS
        or key in _NOT_PLACES
        or name.casefold() in CALENDAR
        or words[0].casefold() in CALENDAR  # "Eid al-Adha", "Ramadan Kareem"
        or all(w in _ACRONYM_KEYS or w.casefold() in CALENDAR for w in (x.casefold() for x in words))
        or first in _GROUP_WORDS
        or first in _PERSON_TITLES
        or any(w.casefold() in _INSTITUTION_WORDS for w in words)
        or (len(words) == 1 and name.isupper() and len(name) <= 6)  # an acronym not listed: GoS, SNHR
    )


def never_a_place(name: str) -> bool:
    """Whether a name that matched a place only looks like one: a month, a people, a leader, an acronym."""
    key = fold(name)
    return (
        name.casefold() in CALENDAR
        or key in NATIONALITIES
        or key in _LEADERS
        or key in _OUTLET_KEYS
        or name in ACRONYMS
    )


def titled(text: str, start: int) -> bool:
    """Whether the word before text[start] is a person's title ("President Assad", "Mr Saleh")."""
    before = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, start - 30) : start])
    return before is not None and fold(before.group(1)) in _PERSON_TITLES


def glued_adjective(text: str, end: int) -> bool:
    """Whether a name ending at text[end] is glued to "-controlled", "-backed" and the like."""
    return bool(GLUED.match(text[end : end + 20]))

"""The words the articles are made of: bylines, outlets, headlines, dates and a reporter's sentences."""

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

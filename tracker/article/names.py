"""Who and where: known actors by name and alias, new proper names, and a named place.

News writes the same person many ways ("Kim Jong Un", "Kim Jong-un", "Chairman Kim";
"Trump", "President Trump"), so matching the stored name alone would miss most
mentions. A small alias table covers the usual forms of actors common in diplomacy
news; any other person also answers to a surname nobody else among the known actors
has. Matching is case-sensitive: "US" is the United States, "us" is not.
"""

from __future__ import annotations

import re

from tracker.article import gazetteer
from tracker.model.entities import Actor


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# canonical key (lower case, hyphens as spaces) → other ways news writes the name
ALIASES: dict[str, tuple[str, ...]] = {
    "donald trump": ("Trump", "President Trump", "Donald J. Trump", "President Donald Trump",
                     "@realDonaldTrump"),
    "kim jong un": ("Kim Jong-un", "Kim Jong-Un", "Chairman Kim"),
    "kim yong chol": ("Kim Yong-chol", "Kim Yong-Chol"),
    "mike pompeo": ("Pompeo", "Michael Pompeo"),
    "moon jae in": ("Moon Jae-in", "Moon Jae In", "President Moon"),
    "xi jinping": ("Xi", "President Xi"),
    "vladimir putin": ("Putin", "President Putin"),
    "shinzo abe": ("Abe", "Prime Minister Abe"),
    "sarah sanders": ("Sanders", "Sarah Huckabee Sanders"),
    "lindsey graham": ("Graham",),
    "united states": ("US", "U.S.", "USA", "United States of America", "America"),
    "north korea": ("DPRK", "Democratic People's Republic of Korea"),
    "south korea": ("ROK", "Republic of Korea"),
    "united nations": ("UN", "U.N."),
    "european union": ("EU",),
}

# Cities diplomacy news names, and a few venues. Countries are places only after "in"
# ("North Korea released…" names an actor): the "in <Name>" rule finds them.
PLACES = _words("""
    Singapore Hanoi Danang Pyongyang Seoul Beijing Tokyo Washington Moscow Panmunjom Geneva
    Vienna Brussels Paris London Berlin Helsinki Tehran Kabul Doha Riyadh Jerusalem Ankara
    Istanbul Kyiv Kiev Minsk Islamabad Bangkok Manila Jakarta Canberra Ottawa Havana Caracas
    Cairo Nairobi Pretoria Taipei Ulaanbaatar Vladivostok Davos Munich Osaka Bali Sochi Rome
    Madrid Warsaw Stockholm Oslo Copenhagen Baghdad Damascus Beirut Amman Tripoli Khartoum
""") | {
    "Abu Dhabi", "Addis Ababa", "Buenos Aires", "Camp David", "Da Nang", "Demilitarized Zone",
    "Hong Kong", "Mar-a-Lago", "New Delhi", "New York", "Tel Aviv", "White House"}
_VENUE = {"White House": "White House, Washington"}  # a place only when one is "at" it
_PLACE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(p) for p in sorted(PLACES, key=len, reverse=True)) + r")(?![\w-])")

MONTHS = _words("""
    January February March April May June July August September October November December
""")
WEEKDAYS = _words("""
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""")
_STOP = _words("""
    The A An In On At After Before But And Or Of For To From With By As It Its This That
    These Those He She They We I You His Her Their Our His There Here When While Since
    Despite Although Though If Then So Also Still Yet Meanwhile However Great News First
    Published Updated President Secretary Chairman Vice Senator Sen Rep Representative
    Minister Prime Foreign Defense Defence General Gen Mr Mrs Ms Dr Leader Officials
    Official Talks Negotiations Allies Critics Republican Democrat Democratic American
    Americans Korean Koreans Chinese Japanese Russian Vietnamese British French German
    Iranian Indian Israeli Palestinian Syrian Ukrainian European Western Eastern Asian North
    South East West Administration Committee Summit Twitter AFP Reuters AP IST GMT UTC
    Chairwoman Spokesman Spokeswoman Press Envoy Ambassador King Queen Prince Pope Director
    Deputy Special
""")
_DEMONYM_PAIRS = re.compile(r"^(?:North|South|East|West)\s+(?:Korean|Vietnamese|African|Asian|"
                            r"European|American)s?$")
_PROPER = re.compile(r"(?:@[A-Za-z]\w+|[A-Z][\w’'.-]*\w)(?:\s+(?:of\s+(?:the\s+)?|(?:al|el|bin|ibn|"
                     r"de|van|von|der|da|di)[-\s])?[A-Z][\w’'-]*\w)*")
_IN_NAME = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


def _key(name: str) -> str:
    return " ".join(name.replace("-", " ").lower().split())


def _variants(actor: Actor, unique_surnames: set[str]) -> set[str]:
    forms = {actor.name}
    forms.update(ALIASES.get(_key(actor.name), ()))
    parts = actor.name.split()
    if actor.kind == "person" and len(parts) == 3:  # Korean order: "Kim Jong Un" ~ "Kim Jong-un"
        forms.add(f"{parts[0]} {parts[1]}-{parts[2].lower()}")
        forms.add(f"{parts[0]} {parts[1]}-{parts[2]}")
    if (actor.kind == "person" and _key(actor.name) not in ALIASES and len(parts) >= 2
            and parts[-1] in unique_surnames and len(parts[-1]) >= 3):
        forms.add(parts[-1])
    return forms


_SURNAME_FIRST = _words("""Kim Moon Park Lee Xi Li Wang Zhang Liu Chen Yang Hu Wen Ri Choe Pak Jang
    Chung Suh Ban Hun Nguyen Yoon Roh Kang Choi Jung Han Cho Yun Song Zhao Wu Zhou""")


def surname(name: str) -> str:
    """The family name news uses alone: the first word in East Asian order ("Moon
    Jae-in", "Kim Jong Un"), else the last ("Mike Pompeo")."""
    parts = name.split()
    if len(parts) >= 2 and parts[0] in _SURNAME_FIRST:
        return parts[0]
    return re.sub(r"^(?:al|el)-", "", parts[-1]) if parts else name


class ActorMatcher:
    """Finds known actors in text; build once per article (it compiles one regex) and
    ask it sentence by sentence in text order: a bare surname that several known
    people share ("Kim") is the one named in full most recently."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = list(actors)
        counts: dict[str, int] = {}
        for actor in self.actors:
            for token in actor.name.split():
                counts[token] = counts.get(token, 0) + 1
        unique = {t for t, n in counts.items() if n == 1}
        self._by_form: dict[str, Actor] = {}
        for actor in self.actors:
            for form in _variants(actor, unique):
                self._by_form.setdefault(form, actor)
        self._by_surname: dict[str, list[Actor]] = {}
        for actor in self.actors:
            family = surname(actor.name)
            if actor.kind == "person" and len(actor.name.split()) >= 2 and len(family) >= 2 \
                    and family not in self._by_form:
                self._by_surname.setdefault(family, []).append(actor)
        self._recent: dict[str, Actor] = {}
        forms = sorted({*self._by_form, *self._by_surname}, key=len, reverse=True)
        self._regex = re.compile(
            r"(?<![\w@])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"
        ) if forms else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Actor]]:
        if self._regex is None:
            return []
        end = len(text) if end is None else end
        out = []
        for m in self._regex.finditer(text, start, end):
            form = m.group(0)
            actor = self._by_form.get(form)
            if actor is None:
                people = self._by_surname[form]
                actor = people[0] if len(people) == 1 else self._recent.get(form)
                if actor is None:
                    continue  # "Kim" before any Kim is named in full: nobody in particular
            if actor.kind == "person":
                self._recent[surname(actor.name)] = actor
            out.append((m.start(), m.end(), actor))
        return out


def builtin_actors() -> list[Actor]:
    """The alias table's actors, for matching when no database is at hand."""
    kinds = {"united states": "state", "north korea": "state", "south korea": "state",
             "united nations": "organisation", "european union": "organisation"}
    out = []
    for key in ALIASES:
        name = " ".join(w.capitalize() for w in key.split())
        name = {"Moon Jae In": "Moon Jae-in"}.get(name, name)
        out.append(Actor(None, name, kinds.get(key, "person")))
    out.append(Actor(None, "White House", "organisation"))
    return out


_ORG_HEADS = _words("""Party Committee Ministry Department Council Republic Bank Union Office Court
    Assembly League Organization Organisation Commission Association Federation Kingdom Bureau
    University Institute Academy Agency Army Forces Corps Secretary Minister Chairman""")


def _split_of(words: list[str]) -> list[list[str]]:
    """"Workers Party of Korea" is one name; "Stephen Biegun of the State Department" two."""
    parts: list[list[str]] = [[]]
    i = 0
    while i < len(words):
        if words[i] == "of" and parts[-1] and parts[-1][-1] not in _ORG_HEADS:
            i += 2 if i + 1 < len(words) and words[i + 1] == "the" else 1
            parts.append([])
            continue
        parts[-1].append(words[i])
        i += 1
    return [p for p in parts if p]


def _pieces(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Proper-name runs in text[start:end] outside the known actors' spans: "Latvian
    Foreign Minister Edgars Rinkēvičs" still yields "Foreign Minister Edgars Rinkēvičs"."""
    out: list[re.Match[str]] = []
    for m in _PROPER.finditer(text, start, end):
        inside = sorted((max(x, m.start()), min(y, m.end())) for x, y in taken
                        if x < m.end() and m.start() < y)
        if not inside:
            out.append(m)
            continue
        at = m.start()
        for x, y in [*inside, (m.end(), m.end())]:
            if x > at:
                out.extend(_PROPER.finditer(text, at, x))
            at = max(at, y)
    return out


def new_names(text: str, start: int, end: int, taken: list[tuple[int, int]],
              seen: dict[str, str] | None = None) -> list[str]:
    """Proper-name spans in text[start:end] that are no known actor, month, place or title
    word: suggestions for new actors. The first word of a sentence counts only as part of
    a longer name. ``seen`` (one per article, filled as sentences come in order) links a
    bare surname to the full name used before it: "Kerry" → "John Kerry"."""
    found: list[str] = []
    seen = {} if seen is None else seen
    for m in _pieces(text, start, end, taken):
        a = m.start()
        first = not re.search(r"\w", text[start:a])
        for words in _split_of(m.group(0).split()):
            name = _clean(words)
            if not name or (first and len(words) == 1 and m.group(0) == name):
                continue
            if " " in name:
                seen.setdefault(surname(name), name)
            else:
                name = seen.get(name, name)
            if name not in found:
                found.append(name)
    return found


_VENUE_WORDS = _words("""Hotel Palace Hall Square Stadium Airport Centre Center Building Tower Park
    Bridge Street Avenue Road Museum Cathedral Mosque Temple Church Resort Villa Castle""")
_MONTH_ABBR = _words("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
_TITLE_WORDS = _words("""State Affairs External Home Interior Finance Trade Justice Security Staff
    Spokesperson Chief Head Under Assistant Acting Senior""")


def _clean(words: list[str]) -> str:
    """Drop title and function words at the edges; "" when nothing name-like is left."""
    words = [re.sub(r"[’']s$", "", w) for w in words]  # "Friday's", "Kim's"
    while (len(words) > 2 and words[-1] not in _ORG_HEADS
           and (words[0] in _TITLE_WORDS or words[0] in _STOP or words[0] == "of")):
        words.pop(0)  # "Secretary of State John Kerry" → "John Kerry"; "State Department" stays
    while words and (words[0] in _STOP or words[0] in MONTHS or words[0] in WEEKDAYS
                     or words[0] in _MONTH_ABBR or words[0] in ("of", "the")):
        words.pop(0)
    while words and (words[-1] in _STOP or words[-1] in MONTHS or words[-1] in WEEKDAYS
                     or words[-1] in _MONTH_ABBR or words[-1] in ("of", "the")):
        words.pop()
    known = gazetteer.entries()
    while len(words) > 1 and words[-1] not in _ORG_HEADS and (
            words[0] in PLACES or words[0] in known or words[0] in _STOP or words[0] in _TITLE_WORDS):
        words = words[1:]  # "in Minsk Andrejs Pildegovičs", "Latvian Foreign Minister Edgars …"
    name = " ".join(words).rstrip(".’'")
    if re.search(r"\.(?:com|org|net|gov|int|[a-z]{2})$", name) or (words and words[-1] in _VENUE_WORDS):
        return ""  # "Rappler.com" is a site; "Sofitel Legend Metropole Hotel" a venue, not actors
    singular = re.sub(r"ies$", "y", name).removesuffix("s")
    if all(part in known for part in re.split(r"[-\s]", name)) or name in _TITLE_WORDS \
            or singular in _ORG_HEADS:
        return ""  # a state, capital, demonym or body is an actor already, not a new name
    if (not name or name in PLACES or name in _STOP or _DEMONYM_PAIRS.match(name) or len(name) < 3
            or (name.isupper() and len(name) <= 3)):
        return ""
    return name


_WHERE = re.compile(r"\b(?:in|at|to|inside|near|outside)\s+(?:the\s+)?(?:(?:[\w-]+\s+)?(?:capital|city|"
                    r"town|port|village|resort)\s+of\s+)?$", re.IGNORECASE)


def find_place(text: str, start: int, end: int, persons: set[str]) -> str:
    """Where the text says the event happened: the first place in text[start:end] that
    follows "in", "at" or "to" ("talks in Vienna", "the Austrian capital of Vienna",
    "a visit to Rome"). A place named otherwise ("the OSCE Minsk Group", "flew from
    Washington") is no location of the event."""
    for m in _PLACE_RE.finditer(text, start, end):
        place = m.group(0)
        if not _WHERE.search(text, max(0, m.start() - 40), m.start()):
            continue
        if place in _VENUE:
            if re.search(r"\bat\s+the\s+$", text[max(0, m.start() - 8):m.start()]):
                return _VENUE[place]
            continue
        return place
    known = gazetteer.entries()
    for m in _IN_NAME.finditer(text, start, end):
        name = m.group(1)
        first = name.split()[0]
        if first in MONTHS or first in WEEKDAYS or first in _STOP or name in persons:
            continue
        if (entry := known.get(name)) is not None and entry.form == "demonym":
            continue  # "in the Austrian capital": the capital's name follows
        return name
    return ""

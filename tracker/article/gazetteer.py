"""States, their capitals and demonyms, and international bodies: the actors of diplomacy.

State names come from pycountry (ISO 3166, maintained upstream), shortened the way news
writes them ("Russian Federation" → "Russia", "Korea, Republic of" → "South Korea").
ISO has no capitals or demonyms, so a table below gives them for the states diplomacy
news names most; a state without a row is still found by its name. Each surface form
maps to one actor: "Russian", "Moscow" and "Russia" are all the actor Russia.

How a form counts (actors.py applies it):

* a state's name or a body's name or abbreviation is always that actor;
* a demonym ("Iranian envoys", "the Afghan presidency") is its state;
* a capital is its state only where it acts: before a verb of saying or deciding or a
  possessive, and not after a preposition of place ("Ankara has said" is Turkey;
  "talks in Ankara" and "the capital of Vienna" are places);
  a state's name after "in", "at", "near" is a place too ("a transition in Syria"), and
  so is a demonym before "capital", "soil", "border" and the like.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# ISO name → the name news uses
_SHORT = {
    "Russian Federation": "Russia", "Syrian Arab Republic": "Syria", "Viet Nam": "Vietnam",
    "Türkiye": "Turkey", "Korea, Republic of": "South Korea",
    "Korea, Democratic People's Republic of": "North Korea", "Iran, Islamic Republic of": "Iran",
    "Lao People's Democratic Republic": "Laos", "Taiwan, Province of China": "Taiwan",
    "Palestine, State of": "Palestine", "Holy See (Vatican City State)": "Vatican",
    "Moldova, Republic of": "Moldova", "Tanzania, United Republic of": "Tanzania",
    "Venezuela, Bolivarian Republic of": "Venezuela", "Bolivia, Plurinational State of": "Bolivia",
    "Congo, The Democratic Republic of the": "Democratic Republic of the Congo",
    "Micronesia, Federated States of": "Micronesia", "Brunei Darussalam": "Brunei",
    "Czechia": "Czech Republic", "Cabo Verde": "Cape Verde", "Côte d'Ivoire": "Ivory Coast",
}
# state | demonyms | capitals | other names (comma-separated lists)
_TABLE = """
Afghanistan|Afghan|Kabul|
Australia|Australian|Canberra|
Austria|Austrian|Vienna|
Azerbaijan|Azerbaijani|Baku|
Armenia|Armenian|Yerevan|
Belarus|Belarusian|Minsk|
Belgium|Belgian|Brussels|
Brazil|Brazilian|Brasilia|
Canada|Canadian|Ottawa|
China|Chinese|Beijing|
Cuba|Cuban|Havana|
Egypt|Egyptian|Cairo|
Ethiopia|Ethiopian|Addis Ababa|
France|French|Paris|
Germany|German|Berlin|
Greece|Greek|Athens|
India|Indian|New Delhi|
Indonesia|Indonesian|Jakarta|
Iran|Iranian|Tehran|
Iraq|Iraqi|Baghdad|
Israel|Israeli|Jerusalem|
Italy|Italian|Rome|
Japan|Japanese|Tokyo|
Jordan|Jordanian|Amman|
Kazakhstan|Kazakh|Astana,Nur-Sultan|
Latvia|Latvian|Riga|
Lebanon|Lebanese|Beirut|
Libya|Libyan|Tripoli|
Lithuania|Lithuanian|Vilnius|
Maldives|Maldivian||
Mexico|Mexican|Mexico City|
North Korea|North Korean|Pyongyang|DPRK
Norway|Norwegian|Oslo|
Pakistan|Pakistani|Islamabad|
Palestine|Palestinian|Ramallah|
Philippines|Filipino,Philippine|Manila|
Poland|Polish|Warsaw|
Qatar|Qatari|Doha|
Russia|Russian|Moscow|Kremlin
Saudi Arabia|Saudi|Riyadh|
South Africa|South African|Pretoria|
South Korea|South Korean|Seoul|ROK
Spain|Spanish|Madrid|
Sweden|Swedish|Stockholm|
Switzerland|Swiss|Bern|
Syria|Syrian|Damascus|
Turkey|Turkish|Ankara|Türkiye
Ukraine|Ukrainian|Kyiv,Kiev|
United Arab Emirates|Emirati|Abu Dhabi|UAE
United Kingdom|British|London|Britain,UK,U.K.
United States|American|Washington|US,U.S.,USA,America
Venezuela|Venezuelan|Caracas|
Vietnam|Vietnamese|Hanoi|
Yemen|Yemeni|Sanaa|
Chile|Chilean|Santiago|
Peru|Peruvian|Lima|
Colombia|Colombian|Bogota,Bogotá|
Argentina|Argentine,Argentinian|Buenos Aires|
Ecuador|Ecuadorian|Quito|
Bolivia|Bolivian|La Paz|
Paraguay|Paraguayan|Asuncion,Asunción|
Uruguay|Uruguayan|Montevideo|
Nicaragua|Nicaraguan|Managua|
Honduras|Honduran|Tegucigalpa|
Haiti|Haitian|Port-au-Prince|
Panama|Panamanian||
Kenya|Kenyan|Nairobi|
Nigeria|Nigerian|Abuja|
Sudan|Sudanese|Khartoum|
South Sudan|South Sudanese|Juba|
Somalia|Somali|Mogadishu|
Eritrea|Eritrean|Asmara|
Uganda|Ugandan|Kampala|
Rwanda|Rwandan|Kigali|
Tanzania|Tanzanian|Dodoma|
Zimbabwe|Zimbabwean|Harare|
Angola|Angolan|Luanda|
Mozambique|Mozambican|Maputo|
Ghana|Ghanaian|Accra|
Senegal|Senegalese|Dakar|
Mali|Malian|Bamako|
Niger|Nigerien|Niamey|
Morocco|Moroccan|Rabat|
Algeria|Algerian|Algiers|
Tunisia|Tunisian|Tunis|
Thailand|Thai|Bangkok|
Malaysia|Malaysian|Kuala Lumpur|
Singapore|Singaporean||
Myanmar|Burmese|Naypyidaw|Burma
Bangladesh|Bangladeshi|Dhaka|
Sri Lanka|Sri Lankan|Colombo|
Nepal|Nepali,Nepalese|Kathmandu|
Bhutan|Bhutanese|Thimphu|
Mongolia|Mongolian|Ulaanbaatar|
Cambodia|Cambodian|Phnom Penh|
Laos|Laotian|Vientiane|
Taiwan|Taiwanese|Taipei|
Hungary|Hungarian|Budapest|
Romania|Romanian|Bucharest|
Bulgaria|Bulgarian||
Serbia|Serbian|Belgrade|
Croatia|Croatian|Zagreb|
Bosnia and Herzegovina|Bosnian|Sarajevo|Bosnia
Albania|Albanian|Tirana|
North Macedonia|Macedonian|Skopje|
Slovenia|Slovenian|Ljubljana|
Kosovo|Kosovar|Pristina|
Czech Republic|Czech|Prague|
Slovakia|Slovak|Bratislava|
Finland|Finnish|Helsinki|
Denmark|Danish|Copenhagen|
Netherlands|Dutch|The Hague,Amsterdam|
Portugal|Portuguese|Lisbon|
Ireland|Irish|Dublin|
Iceland|Icelandic|Reykjavik|
Estonia|Estonian|Tallinn|
Moldova|Moldovan|Chisinau|
Cyprus|Cypriot|Nicosia|
New Zealand||Wellington|
Uzbekistan|Uzbek|Tashkent|
Kyrgyzstan|Kyrgyz|Bishkek|
Tajikistan|Tajik|Dushanbe|
Turkmenistan|Turkmen|Ashgabat|
Oman|Omani|Muscat|
Kuwait|Kuwaiti||
Bahrain|Bahraini|Manama|
"""
# ISO names that are also common first names or places elsewhere: not actors by name alone
_AMBIGUOUS = frozenset({"Chad", "Georgia", "Jersey", "Guernsey", "Dominica"})
# body | abbreviations and other names
_BODIES = """
United Nations|UN,U.N.
UN Security Council|Security Council,UNSC
European Union|EU
European Commission|
NATO|North Atlantic Treaty Organization
OSCE|Organization for Security and Co-operation in Europe
ASEAN|Association of Southeast Asian Nations
African Union|
Arab League|
International Atomic Energy Agency|IAEA
World Health Organization|WHO
International Monetary Fund|IMF
World Bank|
World Trade Organization|WTO
International Criminal Court|ICC
Group of Seven|G7,G-7
Group of 20|G20,G-20
OPEC|
Taliban|
"""


@dataclass(frozen=True, slots=True)
class Entry:
    """A surface form's actor: its name, kind ("state" or "organisation") and the way
    the form was written ("name", "demonym" or "capital")."""

    actor: str
    kind: str
    form: str


def _short(name: str) -> str:
    return _SHORT.get(name, name)


@functools.lru_cache(maxsize=1)
def entries() -> dict[str, Entry]:
    """Surface form → entry, built once."""
    import pycountry

    out: dict[str, Entry] = {}
    for country in pycountry.countries:
        name = _short(getattr(country, "common_name", None) or country.name)
        if "," in name or "(" in name or name in _AMBIGUOUS:
            continue  # territories ISO names with a qualifier; news rarely makes them actors
        out.setdefault(name, Entry(name, "state", "name"))
    for line in _TABLE.strip().splitlines():
        state, demonyms, capitals, others = line.split("|")
        out[state] = Entry(state, "state", "name")
        for form, kind in ((demonyms, "demonym"), (capitals, "capital"), (others, "name")):
            for word in filter(None, form.split(",")):
                out.setdefault(word, Entry(state, "state", kind))
    for line in _BODIES.strip().splitlines():
        body, others = line.split("|")
        out[body] = Entry(body, "organisation", "name")
        for word in filter(None, others.split(",")):
            out.setdefault(word, Entry(body, "organisation", "name"))
    return out


@functools.lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    """One regex for every form, longest first; case-sensitive ("US", not "us")."""
    forms = sorted(entries(), key=len, reverse=True)
    return re.compile(r"(?<![\w@.-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


_PLACE_PREP = re.compile(r"\b(?:in|at|to|from|near|into|outside|across|via|toward|towards)\s+(?:the\s+)?$")
_ACTS = re.compile(r"['’]s\b|\s+(?:has|have|had|is|was|will|would|says|said|wants|expects|insists|"
                   r"accused|denied|rejected|warned|urged|called|believes|sees|hopes|responded|"
                   r"refused|agreed|announced|confirmed|criticised|criticized|welcomed|condemned|"
                   r"demanded|proposed|offered|threatened|signalled|signaled|sent|told)\b")
_IN_PREP = re.compile(r"\b(?:in|at|near|into|inside|outside|across|throughout)\s+(?:the\s+)?$")
_PLACE_NOUN = re.compile(r"\s+(?:capital|city|soil|territory|border|waters|airspace|coast|town|"
                         r"village|region|province|side|port|embassy)\b")


def find(text: str, start: int, end: int) -> list[tuple[int, int, Entry]]:
    """(start, end, entry) of each actor form in text[start:end]; a capital after a
    preposition of place is a place there, not an actor."""
    out = []
    for m in pattern().finditer(text, start, end):
        entry = entries()[m.group(0)]
        before = text[max(0, m.start() - 12):m.start()]
        if entry.form == "capital" and (_PLACE_PREP.search(before) or not _ACTS.match(text, m.end())):
            continue  # "Ankara has said", "Moscow's plan" act; "the capital of Vienna" does not
        if entry.kind == "state" and entry.form == "name" and _IN_PREP.search(before):
            continue  # "a transition in Syria": where, not who
        if entry.form == "demonym" and _PLACE_NOUN.match(text, m.end()):
            continue  # "the Austrian capital": a place
        out.append((m.start(), m.end(), entry))
    return out

"""Party names: cleaning, the scorer's comparison key, countries and their capitals.

- :func:`clean_name` tidies a name as found in the text (Reuters tickers and
  angle brackets, a leading "the", a trailing possessive) and keeps the rest,
  corporate suffix included, since the spec prefers the fullest form.
- :func:`name_key` is the normalization of spec section 7. The scorer
  (:mod:`pipeline.evaluation.scoring`) and the merge stage compare names with it.
- :func:`country_for` maps a country's name, a common variant ("U.S.",
  "Britain", "West Germany") or a capital used as a metonym ("Washington",
  "Peking") to a :class:`Country`; only the whole name counts ("Washington
  Post" and "Paris-based" are no countries).
- :func:`party_kind` maps a spaCy entity label to the kind of party.

The variants and capitals are in ``pipeline/normalization/data/countries.json``; names and
codes of current and withdrawn countries come from ``pycountry``. Choices for
1987 newswire: "West Germany" and "Bonn" → DE (ISO gave DE to the Federal
Republic), "East Germany" → DD, "Soviet Union"/"USSR" → SU; "Moscow" and "the
Kremlin" → SU for a ``year`` before 1992 and RU otherwise (also when no year is
given); "Russia" → RU.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Country", "clean_name", "name_key", "country_for", "is_capital", "party_kind",
           "CORPORATE_SUFFIXES", "EXCHANGE_CODE"]

DATA = Path(__file__).parent / "data" / "countries.json"

#: Words dropped from names before comparison (spec section 7).
CORPORATE_SUFFIXES = frozenset(
    "inc incorporated corp corporation co cos company ltd limited plc llc lp ag sa nv bv "
    "spa gmbh group holding holdings".split()
)

# --- cleaning -------------------------------------------------------------------------------

_BRACKET = re.compile(r"<\s*([^<>]*?)\s*>")
#: A stock exchange's code after a Reuters ticker: "<ERIC ST>" (Stockholm), "<SWPC. HK>".
EXCHANGE_CODE = r"(?: (?:ST|HK|N|L))?"
_TICKER = re.compile(r"[A-Z0-9][A-Z0-9.\-]{0,11}" + EXCHANGE_CODE)
_POSSESSIVE_END = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$", re.IGNORECASE)
_TRAILING = ",;:!?\"'\u2018\u2019\u201c\u201d()[]{}-\u2013\u2014/ "
_LEADING = ",;:!?\"'\u2018\u2019\u201c\u201d()[]{}-\u2013\u2014/. "
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.[A-Za-z]\.?|\b(?:Co|Cos|Corp|Inc|Ltd|Bros|Jr|Sr|St|Mfg|Intl|Int|Assn|"
                               r"Dept|Ind|Inds|Mr|Mrs|Ms|Dr|Gov|Gen|Sen|Rep|Ave|Plc|Cie|Cia|Pty|Bhd|Pte|Ag|"
                               r"Nv|Bv|Sa|Spa|Kk|Ab|As|Oy|Oyj|No)\.)$")


#: A trailing acronym in parentheses, closed or cut off by the recognizer: an alias, not the name.
_ACRONYM_END = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9.&-]*\s*\)?$")


#: "Pride Refining Co of Abilene", "BankAmerica Co of": a company's home town (or a cut-off "of") after its suffix.
_HOME_TOWN = re.compile(
    r"^(\S.*?\s(?:Co|Corp|Inc|Ltd|Plc|PLC|AG|SA|NV|Corporation|Company|Cos|Holdings|Group)\.?)"
    r"\s+of(?!(?:\s+(?:North|South|Latin|Central))?\s+America\b)"  # "Aluminum Co of America" is a name
    r"(?:\s+(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})?$"
)
#: A description the recognizer ran into the name: "Charter Oak Partners, a Connecticut".
_DESCRIPTION_TAIL = re.compile(r",\s+(?:a|an|the|which|who)\s.*$", re.IGNORECASE)
#: A name the recognizer cut after a joining word: "Westar Timber and", "Chase Manhattan of".
_DANGLING = re.compile(r"\s+(?:of|and|to|for|in|&)$", re.IGNORECASE)


def clean_name(text: str) -> str:
    """Tidy a party name as found in the text.

    Drops Reuters tickers ("<RFEN>", "<UN.AS>"), unwraps names in angle brackets
    ("<Stauffer Chemical Co>" → "Stauffer Chemical Co"), drops a leading "the",
    a trailing acronym in parentheses ("... Telephoniques (CGCT)"), a home
    town after a company suffix ("Pride Refining Co of Abilene"), a description
    run into the name ("Charter Oak Partners, a Connecticut"), a dangling
    joining word ("BankAmerica Co of"), a trailing
    possessive ("'s", "’s", "s'"), trailing punctuation (not the
    full stop of an abbreviation such as "Co." or "U.S.") and extra whitespace.

    text (str): the name as written.
    RETURNS (str): the cleaned name; "" when nothing is left.
    """
    if not isinstance(text, str):
        return ""
    s = text

    def bracket(m: re.Match) -> str:
        inner = m.group(1)
        return " " if _TICKER.fullmatch(inner) else f" {inner} "

    unwrapped = _BRACKET.sub(bracket, s)
    if not unwrapped.strip():
        unwrapped = _BRACKET.sub(lambda m: f" {m.group(1)} ", s)  # a ticker alone stands for the name
    s = unwrapped.replace("<", " ").replace(">", " ")
    s = re.sub(r"\s+", " ", s).strip()
    for _ in range(3):
        before = s
        s = _ACRONYM_END.sub("", s) or s  # "Cie Generale de Constructions Telephoniques (CGCT)"
        s = s.lstrip(_LEADING).rstrip(_TRAILING)
        s = re.sub(r"^the\s+", "", s, flags=re.IGNORECASE)
        s = _POSSESSIVE_END.sub("", s)
        s = _HOME_TOWN.sub(r"\1", s)
        s = _DESCRIPTION_TAIL.sub("", s) or s
        s = _DANGLING.sub("", s) or s
        s = s.rstrip(_TRAILING)
        if s.endswith(".") and not _ABBREVIATION_END.search(s):
            s = s.rstrip(".").rstrip(_TRAILING)
        if s == before:
            break
    return s


# --- the scorer's key -----------------------------------------------------------------------

_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NOT_WORD = re.compile(r"[^\w\s]")


def name_key(text: str) -> str:
    """The comparison key of a name, exactly as spec section 7 says.

    In order: Unicode NFKC; case-fold; ``&`` → `` and ``; the possessive
    ``'s``/``’s`` dropped; every character that is neither a word character nor
    whitespace deleted (``U.S.`` → ``us``, ``Coca-Cola`` → ``cocacola``); a
    leading ``the`` dropped; the words of :data:`CORPORATE_SUFFIXES` dropped
    wherever they stand; whitespace collapsed.

    text (str): a name.
    RETURNS (str): its key; "" when nothing is left (an empty key should match nothing).
    """
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("&", " and ")
    text = _POSSESSIVE.sub("", text)
    tokens = _NOT_WORD.sub("", text).split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(t for t in tokens if t not in CORPORATE_SUFFIXES)


# --- countries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    """A country a name refers to.

    name (str): its usual English name ("United States", "West Germany").
    alpha2 (str): ISO 3166-1 alpha-2 code (withdrawn codes such as SU and DD included).
    """

    name: str
    alpha2: str


def _fold(text: str) -> str:
    """Case-insensitive lookup form: NFKC, case-folded, dots and apostrophes dropped, spaces single."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    text = re.sub(r"[.']", "", text)
    text = re.sub(r"[\s\-]+", " ", text)
    return text.strip()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]], dict[str, str], set[str]]:
    """RETURNS: (folded name → (alpha2, name), exact abbreviation → (alpha2, name), alpha2 → name, capitals)."""
    import pycountry

    data = json.loads(DATA.read_text(encoding="utf-8"))
    display: dict[str, str] = dict(data["names"])
    names: dict[str, tuple[str, str]] = {}

    def add(name: str, code: str, shown: str | None = None) -> None:
        key = _fold(name)
        if key and key not in names:
            names[key] = (code, shown or display.get(code) or name)

    # our own variants first, so they win over pycountry's official forms
    for code, variants in data["variants"].items():
        for v in variants:
            add(v, code, data["historic_names"].get(v))
    for country in pycountry.countries:
        shown = display.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        display.setdefault(country.alpha_2, shown)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                add(value, country.alpha_2)
                if ", " in value:  # "Korea, Republic of" → "Republic of Korea"
                    head, tail = value.split(", ", 1)
                    add(f"{tail} {head}", country.alpha_2)
    for country in pycountry.historic_countries:
        if country.alpha_2 in data["names"]:  # SU, DD, CS, YU: withdrawn but used in 1987 news
            add(country.name, country.alpha_2)
    capitals: set[str] = set()
    for capital, code in data["capitals"].items():
        add(capital, code, data["historic_names"].get(capital))
        capitals.add(_fold(capital))
    abbreviations = {a: (code, data["historic_names"].get(a) or display.get(code, a))
                     for a, code in data["abbreviations"].items()}
    return names, abbreviations, display, capitals


_SOVIET_ERA = {"moscow": "SU", "kremlin": "SU", "the kremlin": "SU"}


def _strip(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip()
    s = re.sub(r"\s+", " ", s)
    s = s.strip(",;:!?\"'()[]{}\u2018\u2019\u201c\u201d ")
    s = re.sub(r"(?:['\u2019]s|(?<=s)['\u2019])$", "", s)
    return s


def country_for(name: str, year: int | None = None) -> Country | None:
    """The country a whole name stands for, if any.

    Accepts country names and common variants ("U.S.", "US", "America",
    "Britain", "UK", "South Korea", "Taiwan", "West Germany", "Soviet Union")
    and capitals or seats of government used as metonyms ("Washington",
    "Peking", "Beijing", "Taipei", "Tokyo", "Bonn", "the Kremlin"). Only the
    whole name matches: "Washington Post" and "Paris-based" give None.
    Upper-case abbreviations ("US", "UK", "UAE") match only in upper case, so
    the pronoun "us" is no country.

    name (str): a name, e.g. a GPE entity's text.
    year (int | None): the article's year; "Moscow" is the Soviet Union before 1992.
    RETURNS (Country | None): the country, or None.
    """
    if not isinstance(name, str) or not name.strip() or len(name) > 80:
        return None
    names, abbreviations, display, _ = _tables()
    s = _strip(name)
    if s in abbreviations:
        code, shown = abbreviations[s]
        return Country(shown, code)
    if re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)+", s) or re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)*[A-Z]", s):
        undotted = s.replace(".", "")
        if undotted in abbreviations:
            code, shown = abbreviations[undotted]
            return Country(shown, code)
    folded = _fold(s)
    if not folded or (s.islower() and len(folded) <= 3):
        return None  # "us", "uk" in lower case are words, not countries
    if folded in _SOVIET_ERA or folded == "the kremlin":
        code = "SU" if year is not None and year < 1992 else "RU"
        return Country(display.get(code, code), code)
    found = names.get(folded)
    if found is None and folded.startswith("the "):
        found = names.get(folded[4:])
    if found is None:
        return None
    code, shown = found
    return Country(shown, code)


def is_capital(name: str) -> bool:
    """name (str): a name. RETURNS (bool): whether it is a capital or seat of government in the table."""
    if not isinstance(name, str):
        return False
    _, _, _, capitals = _tables()
    folded = _fold(_strip(name))
    return folded in capitals or (folded.startswith("the ") and folded[4:] in capitals)


def party_kind(label: str, text: str | None = None) -> str:
    """The kind of party a spaCy entity label names.

    label (str): a spaCy entity label (GPE, NORP, ORG, PERSON, LOC, FAC, …).
    text (str | None): the entity's text; with GPE, decides country or place.
    RETURNS (str): "country", "place", "organization", "person" or "other".
    """
    label = (label or "").upper()
    if label == "GPE":
        return "country" if text is not None and country_for(text) is not None else "place"
    if label in {"ORG", "NORP"}:
        return "organization"
    if label == "PERSON":
        return "person"
    if label in {"LOC", "FAC"}:
        return "place"
    return "other"


#: Nationality adjectives that name the country a person or body acts for.
DEMONYMS = {
    "american": "United States", "u.s.": "United States", "us": "United States", "chinese": "China",
    "japanese": "Japan", "french": "France", "german": "Germany", "west german": "West Germany",
    "east german": "East Germany", "british": "United Kingdom", "soviet": "Soviet Union",
    "russian": "Russia", "canadian": "Canada", "australian": "Australia", "italian": "Italy",
    "spanish": "Spain", "dutch": "Netherlands", "swiss": "Switzerland", "swedish": "Sweden",
    "brazilian": "Brazil", "mexican": "Mexico", "indian": "India", "korean": "South Korea",
    "south korean": "South Korea", "taiwanese": "Taiwan", "saudi": "Saudi Arabia", "iraqi": "Iraq",
    "iranian": "Iran", "turkish": "Turkey", "irish": "Ireland", "belgian": "Belgium",
    "austrian": "Austria", "norwegian": "Norway", "danish": "Denmark", "finnish": "Finland",
    "polish": "Poland", "czech": "Czech Republic", "israeli": "Israel", "egyptian": "Egypt",
    "nigerian": "Nigeria", "south african": "South Africa", "argentine": "Argentina",
    "chilean": "Chile", "venezuelan": "Venezuela", "indonesian": "Indonesia",
    "malaysian": "Malaysia", "philippine": "Philippines", "thai": "Thailand",
    "singaporean": "Singapore", "kuwaiti": "Kuwait", "greek": "Greece", "portuguese": "Portugal",
    "hungarian": "Hungary", "pakistani": "Pakistan", "colombian": "Colombia", "peruvian": "Peru",
}


def country_for_demonym(adjective: str, year: int | None = None) -> Country | None:
    """The country a nationality adjective stands for: "Chinese" → China.

    adjective (str): e.g. a NORP entity's text.
    RETURNS (Country | None): the country, or None.
    """
    if not isinstance(adjective, str):
        return None
    name = DEMONYMS.get(adjective.strip().lower())
    return country_for(name, year) if name else None

"""Money expressions: value, ISO 4217 currency and character offsets (spec section 4, ``amount``).

:func:`find_amounts` reads every money expression of a sentence, in the newswire
style of 1987 ("94.5 mln dlrs", "5.2 mln stg", "300 mln Canadian dlrs",
"DM 500 mln", "26.25 dlr a share") and the modern one ("$11.6 billion",
"£8.5bn", "€160m", "NT$1 trillion", "US$5 million").

Rules and choices:

- Scales: ``mln``/``million``/``mn``/``m`` = 1e6, ``bln``/``billion``/``bn``/``b``
  = 1e9, ``trillion``/``tn`` = 1e12, ``thousand``/``k`` = 1e3, ``crore`` = 1e7,
  ``lakh`` = 1e5. The one-letter forms count only attached to the number
  ("$5m", "€160m"); ``cts``/``cents`` and ``pence`` are hundredths.
- Currencies follow spec section 4: ``dlrs``/``$`` → ``default_currency``
  (USD unless the text says otherwise: :func:`dollar_currency` reads an article
  that names only Canadian dollars, say, as meaning them by a bare "dlrs"),
  ``U.S. dlrs``/``US$`` → USD,
  ``C$``/Canadian dlrs → CAD, ``A$`` → AUD, ``HK$`` → HKD, ``NT$``/Taiwan dlrs →
  TWD, ``stg``/``£`` → GBP, ``€`` → EUR, ``yen`` → JPY, ``marks``/``DM`` → DEM,
  ``francs`` → FRF (Swiss francs CHF, Belgian BEF, …), ``guilders`` → NLG,
  ``lire`` → ITL. Words that name several currencies ("crowns", "pesos",
  "pounds", "dinars", "shillings", "rupees", …) count only with a nationality
  ("Danish crowns", "Irish pounds") or when the caller passes the article's
  ``country``; "pounds" alone is more often a weight. Every code is checked
  against ``pycountry.currencies`` or, for currencies since replaced by the euro
  and the like, :data:`HISTORIC_CURRENCIES`.
- Ranges ("between 10 and 12 mln dlrs", "10-12 mln dlrs", "$10 million to $12
  million"): ``value`` is the upper bound, ``low``/``high`` keep both ends and
  ``approximate`` is True. The upper bound is also the new figure of a "from …
  to …" change, so one rule serves both readings.
- "about", "around", "some", "nearly", "almost", "roughly", "more than", "over",
  "at least", "up to", "as much as", "less than", "an estimated", … set
  ``approximate``; these words are part of the expression's span.
- Prices per unit: "19 dlrs a share", "$19 per share", "3.50 dlrs/shr" →
  ``per_share`` (and ``unit`` "share"); "15.79 dlrs a barrel" → ``unit``
  "barrel". "5 mln dlrs a year" keeps its value with ``unit`` "year".
- ``financial_result`` marks figures reported as results rather than
  transaction values: "sales of 500 mln dlrs", "net income 3.1 mln dlrs",
  "assets of 2 bln dlrs".
- Not money: numbers without a currency ("3.2 mln shares", "50 pct"),
  "in 1987 dollars", "millions of dollars" (no number).

:func:`deal_amount` picks the total of a deal from a sentence's amounts: see there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = ["Money", "find_amounts", "parse_amount", "deal_amount", "is_deal_value", "MIN_DEAL_VALUE", "conversions",
           "currency_country", "dollar_currency", "HISTORIC_CURRENCIES", "is_currency"]


@dataclass(frozen=True)
class Money:
    """One money expression in a text.

    value (float): the amount in units of ``currency`` (for a range, its upper bound).
    currency (str): ISO 4217 code.
    text (str): the expression as written, qualifiers included ("about 31.5 mln U.S. Dlrs").
    start (int): character offset of the expression in the text searched.
    end (int): character offset just past it.
    approximate (bool): "about", "more than", a range, …
    per_share (bool): a price per share ("19 dlrs a share").
    low (float | None): lower bound of a range, else None.
    high (float | None): upper bound of a range, else None.
    unit (str | None): the unit of a price or rate ("share", "barrel", "tonne", "year"), else None.
    financial_result (bool): a reported result ("sales of …", "net income …"), not a transaction value.
    """

    value: float
    currency: str
    text: str
    start: int
    end: int
    approximate: bool = False
    per_share: bool = False
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    financial_result: bool = False


#: ISO 4217 codes withdrawn since 1987 (mostly for the euro) that newswire uses.
HISTORIC_CURRENCIES = {
    "DEM": "Deutsche Mark", "FRF": "French Franc", "NLG": "Netherlands Guilder", "ITL": "Italian Lira",
    "BEF": "Belgian Franc", "LUF": "Luxembourg Franc", "ESP": "Spanish Peseta", "ATS": "Austrian Schilling",
    "FIM": "Finnish Markka", "IEP": "Irish Pound", "PTE": "Portuguese Escudo", "GRD": "Greek Drachma",
    "XEU": "European Currency Unit", "SUR": "Soviet Rouble", "YUD": "Yugoslav Dinar",
    "BRC": "Brazilian Cruzado", "ARA": "Argentine Austral", "PEI": "Peruvian Inti", "ECS": "Ecuadorian Sucre",
    "VEB": "Venezuelan Bolivar", "ZRZ": "Zaire", "CSK": "Czechoslovak Koruna", "PLZ": "Polish Zloty",
    "TRL": "Turkish Lira", "MXP": "Mexican Peso", "ZMK": "Zambian Kwacha",
}


@lru_cache(maxsize=512)
def is_currency(code: str) -> bool:
    """code (str): a three-letter code. RETURNS (bool): whether it is ISO 4217 (current or historic)."""
    if code in HISTORIC_CURRENCIES:
        return True
    import pycountry

    return pycountry.currencies.get(alpha_3=code) is not None


# --- vocabulary -----------------------------------------------------------------------------

_SCALES = {
    "thousand": 1e3, "k": 1e3, "mln": 1e6, "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6,
    "bln": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "trln": 1e12,
    "tn": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
}
_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "half a": 0.5, "half": 0.5,
}

#: Currency words after the number: word → (family, code or None when it needs a nationality).
_CURRENCY_WORDS: dict[str, tuple[str, str | None]] = {}
for _words, _family, _code in [
    ("dlrs dlr dollars dollar dls", "dollar", "$"),
    ("stg sterling pounds_sterling pound_sterling", "sterling", "GBP"),
    ("pounds pound", "pound", None),
    ("euros euro", "euro", "EUR"),
    ("yen", "yen", "JPY"),
    ("marks mark d-marks d-mark deutschmarks deutschmark deutsche_marks deutsche-marks", "mark", "DEM"),
    ("francs franc", "franc", "FRF"),
    ("guilders guilder florins florin", "guilder", "NLG"),
    ("lire lira", "lira", "ITL"),
    ("crowns crown kronor krona kroner krone koruna", "crown", None),
    ("pesos peso", "peso", None),
    ("rupees rupee", "rupee", None),
    ("dinars dinar", "dinar", None),
    ("riyals riyal", "riyal", "SAR"),
    ("rials rial", "rial", None),
    ("shillings shilling", "shilling", None),
    ("schillings schilling", "schilling", "ATS"),
    ("yuan renminbi", "yuan", "CNY"),
    ("baht", "baht", "THB"),
    ("ringgit", "ringgit", "MYR"),
    ("rand", "rand", "ZAR"),
    ("won", "won", "KRW"),
    ("rupiah", "rupiah", "IDR"),
    ("pesetas peseta", "peseta", "ESP"),
    ("escudos escudo", "escudo", "PTE"),
    ("drachmas drachmae drachma", "drachma", "GRD"),
    ("markka markkaa", "markka", "FIM"),
    ("forints forint", "forint", "HUF"),
    ("zlotys zloty zlotych", "zloty", "PLN"),
    ("punts punt", "punt", "IEP"),
    ("ecus ecu european_currency_units european_currency_unit", "ecu", "XEU"),
    ("cruzados cruzado", "cruzado", "BRC"),
    ("australs austral australes", "austral", "ARA"),
    ("intis inti", "inti", "PEI"),
    ("sucres sucre", "sucre", "ECS"),
    ("bolivars bolivar bolivares", "bolivar", "VEB"),
    ("naira", "naira", "NGN"),
    ("roubles rouble rubles ruble", "rouble", "RUB"),
    ("shekels shekel", "shekel", "ILS"),
    ("dirhams dirham", "dirham", None),
    ("cts cents cent", "cent", "$"),
    ("pence", "pence", "GBP"),
]:
    for _w in _words.split():
        _CURRENCY_WORDS[_w.replace("_", " ")] = (_family, _code)

#: Nationality (lower-case, dots removed) + family → code: "Canadian dlrs", "Swiss francs".
_QUALIFIED: dict[tuple[str, str], str] = {}
for _quals, _family, _code in [
    ("us|u s|american", "dollar", "USD"), ("us|u s|american", "cent", "USD"),
    ("canadian|canada|can|cdn", "dollar", "CAD"), ("canadian", "cent", "CAD"),
    ("australian|australia|aust", "dollar", "AUD"), ("australian", "cent", "AUD"),
    ("new zealand|nz|n z", "dollar", "NZD"), ("hong kong|hk|h k", "dollar", "HKD"),
    ("taiwan|taiwanese|new taiwan|nt", "dollar", "TWD"), ("singapore|singaporean", "dollar", "SGD"),
    ("malaysian|malaysia", "dollar", "MYR"), ("zimbabwe|zimbabwean", "dollar", "ZWD"),
    ("brunei", "dollar", "BND"), ("jamaican", "dollar", "JMD"), ("bahamian", "dollar", "BSD"),
    ("fiji|fijian", "dollar", "FJD"), ("barbados", "dollar", "BBD"), ("trinidad", "dollar", "TTD"),
    ("swiss", "franc", "CHF"), ("french", "franc", "FRF"), ("belgian", "franc", "BEF"),
    ("luxembourg", "franc", "LUF"), ("cfa", "franc", "XOF"), ("african cfa|west african", "franc", "XOF"),
    ("central african", "franc", "XAF"),
    ("danish", "crown", "DKK"), ("swedish", "crown", "SEK"), ("norwegian", "crown", "NOK"),
    ("czech|czechoslovak", "crown", "CSK"), ("icelandic", "crown", "ISK"),
    ("irish", "pound", "IEP"), ("egyptian", "pound", "EGP"), ("british", "pound", "GBP"),
    ("sterling", "pound", "GBP"), ("cypriot|cyprus", "pound", "CYP"), ("lebanese", "pound", "LBP"),
    ("syrian", "pound", "SYP"), ("sudanese", "pound", "SDG"), ("maltese", "pound", "MTL"),
    ("israeli", "pound", "ILS"),
    ("philippine", "peso", "PHP"), ("mexican", "peso", "MXN"), ("argentine", "peso", "ARS"),
    ("chilean", "peso", "CLP"), ("colombian", "peso", "COP"), ("uruguayan", "peso", "UYU"),
    ("indian", "rupee", "INR"), ("pakistani|pakistan", "rupee", "PKR"), ("sri lankan", "rupee", "LKR"),
    ("nepalese", "rupee", "NPR"), ("mauritian", "rupee", "MUR"),
    ("kuwaiti", "dinar", "KWD"), ("iraqi", "dinar", "IQD"), ("jordanian", "dinar", "JOD"),
    ("libyan", "dinar", "LYD"), ("tunisian", "dinar", "TND"), ("algerian", "dinar", "DZD"),
    ("bahraini", "dinar", "BHD"), ("yugoslav", "dinar", "YUD"),
    ("saudi", "riyal", "SAR"), ("qatari", "riyal", "QAR"), ("iranian", "rial", "IRR"),
    ("omani", "rial", "OMR"), ("yemeni", "rial", "YER"),
    ("kenyan|kenya", "shilling", "KES"), ("ugandan", "shilling", "UGX"), ("tanzanian", "shilling", "TZS"),
    ("somali", "shilling", "SOS"), ("austrian", "schilling", "ATS"), ("austrian", "shilling", "ATS"),
    ("german|west german|deutsche", "mark", "DEM"), ("finnish", "mark", "FIM"),
    ("finnish", "markka", "FIM"), ("turkish", "lira", "TRY"), ("italian", "lira", "ITL"),
    ("south african", "rand", "ZAR"), ("south korean|korean", "won", "KRW"),
    ("uae|emirates", "dirham", "AED"), ("moroccan", "dirham", "MAD"),
    ("chinese", "yuan", "CNY"), ("japanese", "yen", "JPY"), ("soviet", "rouble", "SUR"),
    ("dutch", "guilder", "NLG"), ("spanish", "peseta", "ESP"), ("portuguese", "escudo", "PTE"),
    ("greek", "drachma", "GRD"), ("thai", "baht", "THB"), ("brazilian", "cruzado", "BRC"),
]:
    for _q in _quals.split("|"):
        _QUALIFIED[(_q, _family)] = _code

#: Country (ISO 3166 alpha-2) → its currency for a family word, for ``country=`` hints.
_BY_COUNTRY = {
    ("SE", "crown"): "SEK", ("DK", "crown"): "DKK", ("NO", "crown"): "NOK", ("IS", "crown"): "ISK",
    ("CS", "crown"): "CSK", ("CZ", "crown"): "CZK", ("GB", "pound"): "GBP", ("IE", "pound"): "IEP",
    ("EG", "pound"): "EGP", ("CY", "pound"): "CYP", ("LB", "pound"): "LBP", ("SD", "pound"): "SDG",
    ("MX", "peso"): "MXN", ("PH", "peso"): "PHP", ("AR", "peso"): "ARS", ("CL", "peso"): "CLP",
    ("CO", "peso"): "COP", ("UY", "peso"): "UYU", ("IN", "rupee"): "INR", ("PK", "rupee"): "PKR",
    ("LK", "rupee"): "LKR", ("NP", "rupee"): "NPR", ("KW", "dinar"): "KWD", ("IQ", "dinar"): "IQD",
    ("JO", "dinar"): "JOD", ("LY", "dinar"): "LYD", ("TN", "dinar"): "TND", ("DZ", "dinar"): "DZD",
    ("BH", "dinar"): "BHD", ("YU", "dinar"): "YUD", ("IR", "rial"): "IRR", ("OM", "rial"): "OMR",
    ("KE", "shilling"): "KES", ("UG", "shilling"): "UGX", ("TZ", "shilling"): "TZS",
    ("SO", "shilling"): "SOS", ("AE", "dirham"): "AED", ("MA", "dirham"): "MAD",
    ("CA", "dollar"): "CAD", ("AU", "dollar"): "AUD", ("NZ", "dollar"): "NZD", ("HK", "dollar"): "HKD",
    ("TW", "dollar"): "TWD", ("SG", "dollar"): "SGD", ("CH", "franc"): "CHF", ("BE", "franc"): "BEF",
    ("LU", "franc"): "LUF", ("FI", "mark"): "FIM", ("TR", "lira"): "TRY", ("QA", "riyal"): "QAR",
    ("SU", "rouble"): "SUR", ("CA", "cent"): "CAD", ("AU", "cent"): "AUD",
}

#: Dollars of other countries: the kinds a text can make its bare "dlrs" mean.
_OTHER_DOLLARS = {code for (_, family), code in _BY_COUNTRY.items() if family == "dollar"} | {"BND", "MYR", "ZWD"}

#: Symbols and abbreviations before the number → code ("$" → the default currency).
_PREFIXES = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "C$": "CAD", "CAN$": "CAD", "Can$": "CAD", "CDN$": "CAD",
    "Cdn$": "CAD", "A$": "AUD", "AU$": "AUD", "AUD$": "AUD", "NZ$": "NZD", "HK$": "HKD", "NT$": "TWD",
    "S$": "SGD", "R$": "BRL", "M$": "MYR", "Z$": "ZWD", "$": "$", "£": "GBP", "€": "EUR", "¥": "JPY",
    "₹": "INR", "₩": "KRW", "Rs.": "INR", "Rs": "INR", "DM": "DEM", "Dfl": "NLG", "Dfls": "NLG",
    "SFr": "CHF", "SFR": "CHF", "Sfr": "CHF", "SwFr": "CHF", "FFr": "FRF", "FFR": "FRF", "Lit": "ITL",
    "Skr": "SEK", "SKr": "SEK", "Nkr": "NOK", "NKr": "NOK", "Dkr": "DKK", "DKr": "DKK", "Ptas": "ESP",
    "BFr": "BEF", "BFR": "BEF",
}
#: Three-letter codes accepted next to a number (upper case only); others are too often words or tickers.
_CODES = frozenset(
    "USD EUR GBP JPY CHF CAD AUD NZD HKD TWD CNY RMB SEK NOK DKK INR SGD KRW ZAR BRL MXN RUB "
    "DEM FRF NLG ITL BEF ESP ATS FIM IEP PTE GRD XEU ECU SAR AED MYR THB IDR PHP PKR HUF PLN CZK ILS "
    "KWD EGP NGN ARS CLP COP TRY".split()
)
_CODE_ALIASES = {"RMB": "CNY", "ECU": "XEU"}

_APPROX = (
    r"about|around|approximately|approx\.?|roughly|some|nearly|almost|close\s+to|more\s+than|over|"
    r"at\s+least|up\s+to|as\s+much\s+as|as\s+little\s+as|as\s+high\s+as|as\s+low\s+as|less\s+than|under|"
    r"just\s+over|just\s+under|well\s+over|well\s+above|in\s+excess\s+of|upwards\s+of|an\s+estimated|"
    r"estimated|below|above|an\s+additional|a\s+further|maybe|perhaps|possibly|nearly|almost|only"
)
_EXACT_WORDS = {"an additional", "a further", "only"}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:a|one)\s+hundred|half\s+a|an?)"
)
_SCALE = (
    r"(?:[\s-]*(?:mln|million|billion|bln|trillion|trln|thousand|crores?|lakhs?)\b"
    r"|[\s-]?(?:bn|mn|tn)\b|(?:m|b|k)\b)"
)
_UNIT = (
    r"(?:shares?|shrs?|adrs?|ads|common\s+shares?|ordinary\s+shares?|units?|barrels?|bbls?|"
    r"tonnes?|tons?|metric\s+tons?|troy\s+ounces?|ounces?|oz|lbs?|pounds?|bushels?|kilos?|kgs?|kilograms?|"
    r"litres?|liters?|gallons?|acres?|hectares?|head|cubic\s+\w+|mmbtu|btus?|kilowatt[-\s]hours?|kwh|"
    r"megawatts?|sq(?:uare)?\s+(?:feet|foot|ft|metres?|meters?)|hours?|days?|weeks?|months?|years?|annum|"
    r"person|capita|seat|passenger|vehicle|car|unit|warrant|bond|note|debenture|right)"
)
_PER = rf"(?:[\s-]+(?:a|an|per|each)[\s-]+|\s*/\s*)(?P<unit>{_UNIT})\b"

_CUR_WORD_ALT = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_CURRENCY_WORDS, key=len, reverse=True))
_QUAL_ALT = (
    r"U\.S\.|US|U\.\s?S\.|American|Canadian|Canada|Can\.?|Cdn\.?|Australian|Australia|Aust\.?|New\s+Zealand|"
    r"N\.Z\.|NZ|Hong\s+Kong|H\.K\.|HK|New\s+Taiwan|Taiwan|Taiwanese|NT|Singapore|Singaporean|Malaysian|"
    r"Malaysia|Zimbabwe|Zimbabwean|Brunei|Jamaican|Bahamian|Fiji|Fijian|Barbados|Trinidad|Swiss|French|"
    r"Belgian|Luxembourg|(?:West\s+|Central\s+)?African\s+CFA|CFA|Central\s+African|Danish|Swedish|"
    r"Norwegian|Czech|Czechoslovak|Icelandic|Irish|Egyptian|British|Cypriot|Cyprus|Lebanese|Syrian|Sudanese|"
    r"Maltese|Israeli|Philippine|Mexican|Argentine|Chilean|Colombian|Uruguayan|Indian|Pakistani|Pakistan|"
    r"Sri\s+Lankan|Nepalese|Mauritian|Kuwaiti|Iraqi|Jordanian|Libyan|Tunisian|Algerian|Bahraini|Yugoslav|"
    r"Saudi|Qatari|Iranian|Omani|Yemeni|Kenyan|Kenya|Ugandan|Tanzanian|Somali|Austrian|West\s+German|German|"
    r"Deutsche|Finnish|Turkish|Italian|South\s+African|South\s+Korean|Korean|UAE|Emirates|Moroccan|Chinese|"
    r"Japanese|Soviet|Dutch|Spanish|Portuguese|Greek|Thai|Brazilian"
)

_APPROX_GROUP = rf"(?:(?P<approx>(?i:{_APPROX}))\s+)?(?:(?P<between>(?i:between|from))\s+)?"

#: "94.5 mln dlrs", "300 mln Canadian dlrs", "between 10 and 12 mln dlrs", "135 mln dlr", "two billion dollars".
_SUFFIX_RE = re.compile(
    rf"(?<![\w$£€¥.,])"
    rf"{_APPROX_GROUP}"
    rf"(?P<n1>{_NUMBER}|(?i:{_WORDNUM})\b)(?P<s1>(?i:{_SCALE}))?"
    rf"(?:(?P<sep>\s*[-\u2013]\s*|\s+(?i:to|and)\s+)(?P<n2>{_NUMBER}|(?i:{_WORDNUM})\b)(?P<s2>(?i:{_SCALE}))?)?"
    rf"[\s-]*(?:\(?(?P<qual>{_QUAL_ALT}|(?i:{_QUAL_ALT}))\)?[\s-]*)?"
    rf"(?P<cur>(?i:{_CUR_WORD_ALT})|(?P<code>[A-Z]{{3}}))(?![\w$])(?!-(?!(?i:a|an|per|each)-)[A-Za-z])"
    rf"(?P<per>(?i:{_PER}))?"
)
_PREFIX_ALT = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
#: "$11.6 billion", "US$5 million", "£8.5bn", "DM 500 mln", "$10-$12 million", "USD 5 mln".
_PREFIX_RE = re.compile(
    rf"(?<![\w$£€¥.])"
    rf"{_APPROX_GROUP}"
    rf"(?P<sym>{_PREFIX_ALT}|(?P<code>[A-Z]{{3}})(?=\s?\d))\s?"
    rf"(?P<n1>{_NUMBER})(?P<s1>(?i:{_SCALE}))?"
    rf"(?:(?P<sep>\s*[-\u2013]\s*|\s+(?i:to|and)\s+)(?:{_PREFIX_ALT})?\s?(?P<n2>{_NUMBER})(?P<s2>(?i:{_SCALE}))?)?"
    rf"(?![\d,]*\s*(?i:pct|percent|%))"
    rf"(?:\s*\((?P<pqual>U\.S\.|US|Canadian|Australian|Singapore|N\.Z\.|NZ|H\.K\.|HK)\))?"
    rf"(?P<per>(?i:{_PER}))?"
)
#: A cheap first look: an amount needs one of these tokens (currency words, symbols, codes).
_TOKEN = re.compile(r"[$£€¥₹₩]|[A-Za-z]+")
_TRIGGER_WORDS = frozenset(w for words in _CURRENCY_WORDS for w in words.split()) | {"european", "deutsche"}
_TRIGGER_CODES = frozenset(_CODES) | {p.rstrip(".") for p in _PREFIXES if p[:1].isalpha() and "$" not in p}


#: How far before and after a currency word or symbol an amount's words can reach.
_BEFORE, _AFTER = 100, 70
_RESULT_CUE = re.compile(
    r"(?i:\b(?:sales|revenues?|turnover|net\s+income|net\s+profits?|net\s+loss|net|profits?|losses|loss|"
    r"earnings|income|assets|deficit|surplus|deposits|reserves|backlog|writedowns?|write-downs?|charges?|"
    r"provisions?|gains?|dividends?|capitalization|market\s+value|shr|vs|versus|operating\s+profit|"
    r"pretax\s+profit|pre-tax\s+profit|outlays|spending|expenditures?|exports|imports|trade\s+surplus|"
    r"trade\s+deficit|output|shortfall)"
    r"(?:\s+(?:of|was|were|is|are|totalled|totaled|totalling|totaling|rose\s+to|fell\s+to|increased\s+to|"
    r"decreased\s+to|reached|amounted\s+to|stood\s+at|to|at|from|by|reported|after|before|about|around))*"
    r"[\s,:]*)$"
)
_IN_YEAR_DOLLARS = re.compile(r"(?i:\b(?:in|constant|real)\s+)$")


def _number(text: str) -> Decimal | None:
    t = text.lower().replace(",", "")
    t = re.sub(r"\s+", " ", t)
    if t in _WORD_NUMBERS:
        return Decimal(str(_WORD_NUMBERS[t]))
    if "-" in t and all(p in _WORD_NUMBERS for p in t.split("-")):
        return Decimal(sum(_WORD_NUMBERS[p] for p in t.split("-")))
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def _scale(text: str | None) -> Decimal | None:
    if not text:
        return None
    found = _SCALES.get(text.strip(" -\t\n").lower())
    return Decimal(int(found)) if found is not None else None


def _norm_qual(text: str | None) -> str | None:
    if not text:
        return None
    q = re.sub(r"\s+", " ", text.lower().replace(".", " ")).strip()
    return {"can": "canadian", "cdn": "canadian", "aust": "australian", "west german": "german",
            "west african cfa": "cfa", "african cfa": "cfa", "central african cfa": "central african"}.get(q, q)


def _currency_for(word: str, qual: str | None, default: str, country: str | None) -> str | None:
    """RETURNS (str | None): the ISO code for a currency word and its nationality, if one is sure."""
    family, code = _CURRENCY_WORDS[word.lower()]
    if qual:
        found = _QUALIFIED.get((qual, family))
        if found:
            return found
        if family == "dollar" and qual in {"us", "u s", "american"}:
            return "USD"
    if country and (country, family) in _BY_COUNTRY and code in {None, "$", "FRF", "DEM"}:
        return _BY_COUNTRY[(country, family)]
    if code == "$":
        return default
    return code


def _is_per_share(unit: str | None) -> bool:
    return bool(unit) and re.match(r"(?i)(?:shares?|shrs?|adrs?|ads|common|ordinary)\b", unit) is not None


class _Finder:
    def __init__(self, text: str, default: str, country: str | None) -> None:
        self.text = text
        self.default = default
        self.country = country

    def build(self, m: re.Match, currency: str, cents: bool) -> Money | None:
        text = self.text
        approx_word = (m["approx"] or "").lower()
        approx_word = re.sub(r"\s+", " ", approx_word)
        n1, n2 = _number(m["n1"]), _number(m["n2"]) if m["n2"] else None
        if n1 is None:
            return None
        s1, s2 = _scale(m["s1"]), _scale(m["s2"])
        word1 = not re.match(r"[\d.]", m["n1"])
        start = m.start()
        sep = (m["sep"] or "").strip().lower()
        ranged = n2 is not None
        if ranged and sep == "and" and not (m["between"] or "").lower() == "between":
            return None  # "10 and 12 mln dlrs" without "between": the finder retries from the second number
        if m["between"] and not ranged:
            start, approx_word = m.start("n1"), ""  # "up from 10 mln dlrs": "from" is no range
        if word1 and re.sub(r"\s+", " ", m["n1"].lower()) in {"a", "an", "half a"} and not (s1 or (ranged and s2)):
            return None  # "a dollar", "an ECU": no amount
        one, hundredth = Decimal(1), Decimal("0.01")
        factor = hundredth if cents else one
        if ranged:
            word2 = not re.match(r"[\d.]", m["n2"])
            if word2 and m["n2"].lower() in {"a", "an", "half a"} and not s2:
                return None
            high = float(n2 * (s2 or one) * factor)
            low = float(n1 * (s1 or s2 or one) * factor)
            value = high
        else:
            low = high = None
            value = float(n1 * (s1 or one) * factor)
        if not (0 < value < float("inf")):
            return None
        unit = None
        end = m.end()
        if m["per"]:
            unit = re.sub(r"\s+", " ", m["unit"].lower())
            unit = {"shr": "share", "shrs": "share", "shares": "share", "common share": "share", "common shares": "share",
                    "ordinary share": "share", "ordinary shares": "share", "adrs": "adr"}.get(unit, unit.rstrip("s") if len(unit) > 3 else unit)
            if unit in {"share", "adr", "ads"}:
                unit = "share"
        approximate = ranged or bool(approx_word and approx_word not in _EXACT_WORDS)
        before = text[max(0, start - 60):start]
        financial = bool(_RESULT_CUE.search(before))
        return Money(value=value, currency=currency, text=text[start:end], start=start, end=end,
                     approximate=approximate, per_share=_is_per_share(unit), low=low if ranged else None,
                     high=high if ranged else None, unit=unit, financial_result=financial)

    def suffix(self, m: re.Match) -> Money | None:
        cur = m["cur"]
        if m["code"]:
            if cur not in _CODES:
                return None
            currency = _CODE_ALIASES.get(cur, cur)
            cents = False
        else:
            word = re.sub(r"\s+", " ", cur.lower())
            if word not in _CURRENCY_WORDS:
                return None
            family = _CURRENCY_WORDS[word][0]
            qual = _norm_qual(m["qual"])
            if qual and (qual, family) not in _QUALIFIED:
                return None  # "Canadian francs", "Swiss dlrs": not ours to guess
            currency = _currency_for(word, qual, self.default, self.country)
            if currency is None:
                return None
            cents = family in {"cent", "pence"}
            has_scale = bool(m["s1"] or m["s2"])
            if word in {"won", "mark", "crown", "pound"} and not qual and not has_scale and not m["per"]:
                return None  # "the 2,000 mark", "the team had won": these need a scale, a nationality or a price
            if family == "dollar" and not has_scale and not qual and re.fullmatch(r"(?:19|20)\d\d", m["n1"]) \
                    and _IN_YEAR_DOLLARS.search(self.text[:m.start()]):
                return None  # "in 1987 dollars"
        if not is_currency(currency):
            return None
        return self.build(m, currency, cents)

    def prefix(self, m: re.Match) -> Money | None:
        sym = m["sym"]
        if m["code"]:
            if sym not in _CODES:
                return None
            currency = _CODE_ALIASES.get(sym, sym)
        else:
            currency = _PREFIXES[sym]
            if currency == "$":
                pq = _norm_qual(m["pqual"])
                currency = {"us": "USD", "u s": "USD", "canadian": "CAD", "australian": "AUD",
                            "singapore": "SGD", "n z": "NZD", "nz": "NZD", "h k": "HKD", "hk": "HKD"}.get(pq or "", "")
                if not currency:
                    currency = _BY_COUNTRY.get(((self.country or "").upper(), "dollar"), self.default)
        if not is_currency(currency):
            return None
        return self.build(m, currency, False)

    def windows(self) -> list[tuple[int, int]]:
        """Stretches of the text around currency words and symbols: the only places an amount can be."""
        spans: list[list[int]] = []
        for m in _TOKEN.finditer(self.text):
            token = m.group(0)
            if not (token in _TRIGGER_CODES or token.lower() in _TRIGGER_WORDS or not token[0].isalpha()):
                continue
            start, end = max(0, m.start() - _BEFORE), min(len(self.text), m.end() + _AFTER)
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        return [(a, b) for a, b in spans]

    def find(self) -> list[Money]:
        found: list[Money] = []
        for window_start, window_end in self.windows():
            self.scan(window_start, window_end, found)
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        out: list[Money] = []
        for money in found:
            if out and money.start < out[-1].end:
                continue
            out.append(money)
        return out

    def scan(self, window_start: int, window_end: int, found: list[Money]) -> None:
        for regex, make in ((_PREFIX_RE, self.prefix), (_SUFFIX_RE, self.suffix)):
            pos = window_start
            while True:
                m = regex.search(self.text, pos, window_end)
                if m is None:
                    break
                money = make(m)
                if money is None and m["n2"] is not None:
                    # a failed range ("10 and 12 mln dlrs"): try again from its second number
                    pos = m.start("n2")
                    continue
                if money is not None:
                    found.append(money)
                pos = max(m.end(), m.start() + 1)


@lru_cache(maxsize=8192)
def _find_cached(text: str, default_currency: str, country: str | None) -> tuple[Money, ...]:
    return tuple(_Finder(text, default_currency, country).find())


def find_amounts(text: str, default_currency: str = "USD", country: str | None = None) -> list[Money]:
    """Every money expression in a text, in order, with character offsets.

    text (str): a sentence or any text.
    default_currency (str): ISO code for a bare "$", "dlrs" or "dollars".
    country (str | None): ISO 3166 alpha-2 code of the article's country, used for
        bare "crowns", "pesos", "pounds", … and for a bare "$"/"dlrs" there
        (``"CA"`` → CAD); None to count those words only with a nationality.
    RETURNS (list[Money]): the amounts, non-overlapping, ordered by ``start``.
    """
    if not isinstance(text, str) or not text:
        return []
    if not isinstance(default_currency, str) or not re.fullmatch(r"[A-Z]{3}", default_currency):
        default_currency = "USD"
    if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Za-z]{2}", country)):
        country = None
    try:
        return list(_find_cached(text, default_currency, country.upper() if country else None))
    except (ValueError, OverflowError, IndexError, KeyError, TypeError, re.error):
        return []


_US_DOLLARS = re.compile(r"\bU\.?\s?S\.?\s*(?:\$|dlrs?\b|dollars?\b)|\bUSD?\$|\bAmerican dollars?\b", re.IGNORECASE)


def dollar_currency(text: str, upto: int | None = None) -> str:
    """What a bare "dlrs" or "$" means at a point of an article, by what the article itself says.

    "USD" (spec section 4) unless the article never names U.S. dollars and every
    dollar it qualified before that point is of one other kind: "300 mln Canadian
    dlrs ... 50 mln dlrs" means Canadian dollars by both; a bare "dlrs" before any
    qualified one stays USD.

    text (str): the article's text.
    upto (int | None): the character offset of the point (the end of the sentence
        read); None for the whole text.
    RETURNS (str): an ISO 4217 code to pass to :func:`find_amounts` as ``default_currency``.
    """
    if not isinstance(text, str) or _US_DOLLARS.search(text):
        return "USD"
    # the whole text's amounts are read once (cached) and cut at the point
    named = {m.currency for m in find_amounts(text) if m.currency in _OTHER_DOLLARS and (upto is None or m.end <= upto)}
    return named.pop() if len(named) == 1 else "USD"


#: Countries whose currency word several countries share ("crowns", "pesos", "rupees", "dinars",
#: "rials", "shillings"), by the words that name them: what a bare currency word of theirs means.
_COUNTRY_NAMES = {
    "SE": "Sweden Swedish", "DK": "Denmark Danish", "NO": "Norway Norwegian", "IS": "Iceland Icelandic",
    "PH": "Philippines Philippine Filipino Manila", "MX": "Mexico Mexican", "AR": "Argentina Argentine",
    "CL": "Chile Chilean", "CO": "Colombia Colombian", "UY": "Uruguay Uruguayan",
    "IN": "India Indian", "PK": "Pakistan Pakistani", "LK": "Sri_Lanka Sri_Lankan", "NP": "Nepal Nepalese",
    "KW": "Kuwait Kuwaiti", "IQ": "Iraq Iraqi", "JO": "Jordan Jordanian", "LY": "Libya Libyan",
    "TN": "Tunisia Tunisian", "DZ": "Algeria Algerian", "BH": "Bahrain Bahraini", "IR": "Iran Iranian",
    "OM": "Oman Omani", "KE": "Kenya Kenyan", "UG": "Uganda Ugandan", "TZ": "Tanzania Tanzanian",
}
_COUNTRY_WORD = re.compile(r"\b(%s)\b" % "|".join(
    sorted((w.replace("_", " ") for words in _COUNTRY_NAMES.values() for w in words.split()), key=len, reverse=True)))
_COUNTRY_OF = {w.replace("_", " "): code for code, words in _COUNTRY_NAMES.items() for w in words.split()}
#: The currency words that need such a country.
_SHARED_WORDS = re.compile(r"\b(%s)\b" % "|".join(
    w for w, (family, code) in _CURRENCY_WORDS.items() if code is None and family != "pound"), re.IGNORECASE)


def currency_country(text: str, upto: int | None = None) -> str | None:
    """The country a bare "crowns", "pesos" or "rupees" belongs to, by what the article names.

    "Boliden AB said it would buy ... for 600 mln crowns" in an article that calls
    Boliden Swedish: SEK. The country named most often up to the point (the first
    on a tie), among those whose currency word others share; None when the text
    names none of them or uses no such word. Pass it to :func:`find_amounts` as
    ``country``: it reads no other currency differently (none of these countries
    has dollars, francs or marks of its own in :data:`_BY_COUNTRY`).

    text (str): the article's text.
    upto (int | None): the character offset of the point (the end of the sentence read).
    RETURNS (str | None): an ISO 3166 alpha-2 code, or None.
    """
    if not isinstance(text, str):
        return None
    upto = len(text) if upto is None else upto
    shared, countries = _country_mentions(text)
    if shared is None or shared > upto:
        return None
    counts: dict[str, int] = {}
    for end, code in countries:  # in order: the first named wins a tie, as max() keeps the first
        if end > upto:
            break
        counts[code] = counts.get(code, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


@lru_cache(maxsize=64)
def _country_mentions(text: str) -> tuple[int | None, tuple[tuple[int, str], ...]]:
    """The article read once for :func:`currency_country` (it asks at every sentence with a deal): where
    its first shared currency word ends, and where each country word ends, with the country's code."""
    first = _SHARED_WORDS.search(text)
    return (first.end() if first else None,
            tuple((m.end(), _COUNTRY_OF[m.group(1)]) for m in _COUNTRY_WORD.finditer(text)))


def parse_amount(text: str, default_currency: str = "USD", country: str | None = None) -> Money | None:
    """The first amount in a text that is not a price per share.

    text (str): any text, e.g. "about 31.5 mln U.S. Dlrs".
    default_currency (str): ISO code for a bare "$" or "dlrs".
    country (str | None): see :func:`find_amounts`.
    RETURNS (Money | None): the amount, or None when there is none.
    """
    return next((m for m in find_amounts(text, default_currency, country) if not m.per_share), None)


_TIME_UNITS = {"year", "annum", "month", "week", "day", "hour"}


def conversions(text: str, amounts: list[Money]) -> set[int]:
    """The amounts that restate the one before them in another currency, in brackets:
    "7.4bn Australian dollar ($5.8bn; £3bn)", "90 mln stg (140 mln dlrs)".

    text (str): the text the amounts were found in (their offsets index it).
    amounts (list[Money]): its amounts, in order (:func:`find_amounts`).
    RETURNS (set[int]): indexes into ``amounts``.
    """
    out: set[int] = set()
    for k in range(1, len(amounts)):
        gap = text[amounts[k - 1].end:amounts[k].start]
        if _OPENS_CONVERSION.fullmatch(gap) or (k - 1 in out and _NEXT_CONVERSION.fullmatch(gap)):
            out.add(k)
    return out


#: Between an amount and its conversion: an opening bracket; between two conversions: a separator.
_OPENS_CONVERSION = re.compile(r"\s*[(\[]\s*")
_NEXT_CONVERSION = re.compile(r"\s*[;:,/]\s*|\s+or\s+")


#: The smallest total a deal is given. No labelled deal (train, dev) is below 100,000 units; a bare
#: "46 dlrs" or "one dlr" is a price whose "a share" the text leaves implicit ("raised its bid to 46
#: dlrs", "bought 480,000 shares at 18.25 dlrs").
MIN_DEAL_VALUE = 10_000


def is_deal_value(money: Money) -> bool:
    """Whether a money expression may be the total value of a deal: not a price per share or per
    unit (a rate per year or month stays), not a reported result ("sales of …"), not below
    :data:`MIN_DEAL_VALUE`."""
    return (not money.per_share and (money.unit is None or money.unit in _TIME_UNITS)
            and not money.financial_result and money.value >= MIN_DEAL_VALUE)


def deal_amount(amounts: list[Money]) -> Money | None:
    """The total value of a deal from the amounts of its sentence.

    The choice: leave out what cannot be a deal's total (:func:`is_deal_value`:
    prices per share or per unit, reported results, small sums); take the currency
    of the first amount left, so that a conversion in brackets ("90 mln stg (140
    mln dlrs)") does not win; of those, the largest value (a total is at least as
    large as its parts), the first on a tie.

    amounts (list[Money]): amounts, e.g. from :func:`find_amounts`.
    RETURNS (Money | None): the deal's total, or None when only prices or results are given.
    """
    candidates = [m for m in amounts if is_deal_value(m)]
    if not candidates:
        return None
    currency = candidates[0].currency
    same = [m for m in candidates if m.currency == currency]
    return max(same, key=lambda m: (m.value, -m.start))

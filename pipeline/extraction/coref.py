"""Who is who in an article: named parties, their aliases, and what refers to them.

:class:`PartyIndex` groups the article's mentions of organizations, countries
and people into :class:`PartyCluster` s ("Taiwan Semiconductor Manufacturing
Co." / "TSMC"; "United States" / "U.S." / "Washington") and resolves pronouns
and descriptions ("it", "the company", "the island") to the cluster they refer
to. The argument stage asks it which party a token stands for.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..normalization import parties as party_names
from .lexicon import DESCRIPTIONS, REPORTING_VERBS
from .mentions import PartyCluster
from .stage import Stage

PARTY_LABELS = {"ORG", "GPE", "PERSON", "NORP"}
#: Heads that make a name a deal or a text, never a party: "Energy Charter Treaty", "Paris Agreement".
DOCUMENT_NAMES = {"agreement", "treaty", "accord", "pact", "convention", "charter", "protocol", "deal"}
#: Currency words that end no party's name.
CURRENCY_WORDS = {"dlr", "dlrs", "dollar", "dollars", "yen", "stg", "marks", "francs", "lire", "guilders", "pounds"}
#: Words that make the number before them a sum: "loaned Uganda 13 mln dlrs".
SCALE_WORDS = {"mln", "million", "billion", "bln", "bn", "m", "trillion", "pct", "percent", "dlrs", "dlr", "stg"}
#: A number with its scale in one word: "2bn", "725m", "1.5mln".
_SCALED = re.compile(r"^\d[\d.,]*(?:bn|m|mn|mln|bln|k)$", re.IGNORECASE)
#: Units of a price or a share that the recognizer sometimes takes for a name ("or 21 cts a share").
UNIT_WORDS = {"cts", "ct", "cents", "pct"}
PRONOUNS = {
    "it": {"ORG", "GPE"}, "its": {"ORG", "GPE"}, "itself": {"ORG", "GPE"},
    "they": {"ORG", "GPE", "NORP"}, "their": {"ORG", "GPE", "NORP"}, "them": {"ORG", "GPE", "NORP"},
    "he": {"PERSON"}, "his": {"PERSON"}, "him": {"PERSON"},
    "she": {"PERSON"}, "her": {"PERSON"},
}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: Pronouns that may stand for several parties at once: "X and Y said they agreed to merge".
PLURAL_PRONOUNS = {"they", "their", "them"}
#: Words for a country's state that a nationality qualifies: "the French government".
STATE_WORDS = {"government", "administration", "authorities", "authority"}


def is_suffix(token: Token) -> bool:
    """Whether a token is a corporate suffix word: "Inc", "Corp.", "Ltd"."""
    return token.lower_.rstrip(".") in party_names.CORPORATE_SUFFIXES


def _ends_with_suffix(name: str) -> bool:
    """Whether a name ends with a corporate suffix word: "Adia S.A.", "Texaco Inc"."""
    words = re.sub(r"[^\w\s]", "", name.casefold()).split()
    return len(words) > 1 and words[-1] in party_names.CORPORATE_SUFFIXES


def _acronym_of_a_deal(token: Token) -> bool:
    """"... Rubber Agreement (INRA)": the acronym names the deal, not a party to it."""
    return token.i >= 2 and token.nbor(-1).text == "(" and token.nbor(-2).lemma_.lower() in DOCUMENT_NAMES
#: Entity labels of numbers, sums and times: never a name, nor half of one.
_NUMERIC_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
#: Entity labels of words that are never a party's name, though capitalized.
NOT_NAMES = _NUMERIC_LABELS | {"WORK_OF_ART", "LAW"}
CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                  "saturday", "sunday", "today", "yesterday", "tomorrow", "mid", "early", "late", "end",
                  # newswire abbreviations: "On Sept 25", "bought ... on Jan 13"
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                  "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."}
TITLES = {"sir", "mr", "mrs", "ms", "dr", "lord", "lady", "dame", "president", "minister", "chairman"}
#: Words of an office's title: "Director-General", "Secretary of State", "Vice President".
OFFICES = {"director", "general", "secretary", "governor", "chief", "executive", "deputy", "vice", "president",
           "minister", "chairman", "commissioner", "chancellor", "premier", "spokesman", "spokeswoman", "head"}
_LOOKBACK_SENTS = 3
#: Nouns of a nationality the recognizer takes into a person's name.
NATIONALITY_NOUNS = {"frenchman", "frenchwoman", "briton", "englishman", "englishwoman", "dutchman", "irishman",
                     "scotsman", "welshman", "swede", "spaniard", "dane", "finn", "pole", "turk"}
_TITLE = re.compile(r"^(mr|mrs|ms|dr|sir|lord|president|minister|chairman)\.?\s+", re.I)


def _initials(name: str) -> set[str]:
    words = re.findall(r"[A-Za-z][\w'-]*", name)
    every = "".join(w[0] for w in words).upper()
    capital = "".join(w[0] for w in words if w[0].isupper()).upper()
    return {every, capital}


#: What :meth:`PartyIndex._reporter` says of a speaker the text does not name.
UNNAMED = -1

#: Verbs whose object belongs to someone other than their subject: "agreed to buy its unit".
BUYING_VERBS = {"buy", "acquire", "purchase", "take"}


def _qualifier(token: Token, top: Token) -> bool:
    """Whether ``token`` only qualifies the phrase under ``top``: its owner ("X's unit"), an
    adjective ("New York-based") or a place before a common noun ("New York investor")."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in {"amod", "poss"}:
            return True
        if node.dep_ in {"compound", "nmod"} and node.ent_type_ in {"GPE", "LOC", "NORP"} and node.head.pos_ == "NOUN":
            return True
        node = node.head
    return False


def _describing_country(doc: Doc, start: int, end: int) -> bool:
    """Whether the name ``doc[start:end]`` opens with a country after "the" that only describes the company
    named after it: "the U.S. Allis-Chalmers Corp"."""
    return (end - start > 2 and start > 0 and doc[start - 1].lower_ == "the"
            and party_names.country_for(doc[start].text) is not None)


def _names_a_currency(doc: Doc, end: int) -> bool:
    """Whether the proper nouns from ``end`` on run into a currency word: "a 35 mln U.S. Dlr loan", "the 500
    mln Hong Kong dlr loan facility": a place there is the currency's country, not a side."""
    while end < len(doc):
        if doc[end].lower_ in CURRENCY_WORDS:
            return True
        if doc[end].tag_ not in {"NNP", "NNPS"}:
            return False
        end += 1
    return False


#: Lower-case particles inside a name: "EI du Pont de Nemours Co", "Van der Moolen".
NAME_PARTICLES = {"du", "de", "des", "della", "di", "da", "van", "von", "der", "den", "le", "la"}


#: Prepositions no name holds: a recognized name with one inside is two names ("Resorts with RI
#: Acquisition Co Inc", "Winchester Little Cigar Business to Tobacco Exporters International USA Ltd").
SPLITTING_PREPOSITIONS = {"with", "to", "from", "by", "into"}


#: United States states as Reuters writes them after a town ("U.F. Genetics of Hollister, Calif."): a home town.
US_STATES = frozenset({
    "ala.", "alaska", "ariz.", "ark.", "calif.", "colo.", "conn.", "del.", "d.c.", "fla.", "ga.", "hawaii", "idaho",
    "ill.", "ind.", "iowa", "kan.", "kans.", "ky.", "la.", "maine", "md.", "mass.", "mich.", "minn.", "miss.", "mo.",
    "mont.", "neb.", "nev.", "n.h.", "n.j.", "n.m.", "n.y.", "n.c.", "n.d.", "ohio", "okla.", "ore.", "pa.", "r.i.",
    "s.c.", "s.d.", "tenn.", "texas", "tex.", "utah", "vt.", "va.", "wash.", "w.va.", "wis.", "wyo.",
    "california", "michigan", "massachusetts", "connecticut", "illinois", "pennsylvania", "florida",
})


#: Institutions whose name holds their town: "Citizens State Bank of Silver Lake, Minn." (train's gold names it so).
TOWN_NAMED = frozenset({"bank", "banks", "bancorp", "association", "savings", "loan", "trust", "federal", "university",
                        "college", "council", "commission", "authority", "board", "exchange", "city", "county",
                        "state", "republic", "church", "society", "district", "port"})


def _without_home_town(span: Span) -> Span:
    """The part of a company's name before the town the recognizer ran into it, when a state follows:
    "U.F. Genetics of Hollister, Calif." → "U.F. Genetics"."""
    doc = span.doc
    of = next((t.i for t in span[1:-1] if t.lower_ == "of"), None)
    if span.label_ != "ORG" or of is None or span.end + 1 >= len(doc) or is_suffix(doc[of - 1]):
        return span  # after a suffix the name cleaner drops the town (``parties._HOME_TOWN``)
    if doc[of - 1].lower_ in TOWN_NAMED:
        return span  # "Citizens State Bank of Silver Lake", "Jefferson Savings and Loan Association of Warrenton"
    if doc[span.end].text != "," or doc[span.end + 1].lower_ not in US_STATES:
        return span
    if not all(t.text[:1].isupper() for t in doc[of + 1:span.end]):
        return span
    return doc[span.start:of]


def _a_home_town(span: Span) -> bool:
    """Whether a place is a company's home town: "O/E Corp of Troy, Mich." (the town, then a state)."""
    doc = span.doc
    return (span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].ent_type_ == "ORG"
            and span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ in US_STATES)


def _split_at_prepositions(ent: Span) -> list[Span]:
    """The names a recognized span holds, cut at a lower-case preposition no name holds (one it ends on
    too: "acquired International time corp from privately-held Timex corp")."""
    cuts = [t.i for t in ent[1:] if t.lower_ in SPLITTING_PREPOSITIONS and t.is_lower]
    if not cuts:
        return [ent]
    doc, out, start = ent.doc, [], ent.start
    for cut in cuts + [ent.end]:
        if cut > start:
            piece = doc[start:cut]
            piece.label_ = ent.label_
            out.append(piece)
        start = cut + 1
    return out


def _widened(ent: Span) -> Span:
    """A company's name as the text writes it, where the recognizer cut it short or took in a word:

    - the capitalized words before it that the recognizer left out: "RentCo Trailer Corp" (the
      recognizer's name is "Trailer Corp"); only words outside any entity, tagged as proper nouns and
      hung on the name as compounds;
    - a name's first word before a lower-case particle: "EI du Pont de Nemours Co";
    - initials joined by "and": "A and W Brands Inc", "W and J Sloane" (the recognizer's "W Brands Inc");
    - not the country before it: "the U.S. Allis-Chalmers Corp's mining division".

    Only for names with a corporate suffix.
    """
    if ent.label_ != "ORG" or not is_suffix(ent[-1]):
        return ent
    doc = ent.doc
    start = ent.start
    while start > ent.sent.start:
        word = doc[start - 1]
        if not (word.tag_ in {"NNP", "NNPS"} and word.ent_type_ == "" and word.dep_ == "compound"
                and ent.start <= word.head.i < ent.end and not word.is_sent_start and word.text[:1].isupper()):
            break
        start -= 1
    if start >= 2 and doc[start - 1].lower_ in NAME_PARTICLES and (  # the parser may end a sentence at "EI"
            doc[start - 2].text[:1].isupper() and doc[start - 2].ent_type_ == "" and not doc[start - 2].is_sent_start):
        start -= 2  # "EI du Pont de Nemours Co" (the recognizer's "Pont de Nemours Co")
    if start - 2 >= ent.sent.start and doc[start - 1].lower_ == "and" and len(doc[start].text) == 1 and (
            len(doc[start - 2].text) == 1 and doc[start - 2].text.isupper()):
        start -= 2
    if start == ent.start and _describing_country(doc, start, ent.end):
        start += 1
    return doc[start:ent.end]


class PartyIndex:
    """The parties of one Doc and the tokens that refer to them.

    doc (Doc): the parsed article (or title).
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: list[PartyCluster] = []
        self.by_token: dict[int, int] = {}
        self.mentions: list[tuple[Span, int]] = []
        self._keys: list[set[str]] = []
        for ent in doc.ents:
            if ent.label_ not in PARTY_LABELS:
                continue
            for piece in _split_at_prepositions(ent):
                if self._is_party_span(piece):
                    piece = _widened(piece)
                    self.add_span(piece, ent.label_, named=_without_home_town(piece))

    # -- building -----------------------------------------------------------
    @staticmethod
    def _is_party_span(span: Span) -> bool:
        text = span.text.strip().lower()
        if text in CALENDAR_WORDS:
            return False  # "in October 2004": the recognizer sometimes tags a month as a name
        if text.removesuffix("'s") in NATIONALITY_NOUNS:
            return False  # "the Dane's agent": a person by his nationality, no name
        if span[-1].lower_ in CURRENCY_WORDS | UNIT_WORDS:
            return False  # "31.5 mln U.S. Dlrs", "21 cts a share": money the recognizer took for a name
        if span.label_ == "GPE" and _a_home_town(span):
            return False  # "O/E Corp of Troy, Mich.": where the company is, not a side
        if span.label_ == "GPE" and _names_a_currency(span.doc, span.end):
            return False  # "a 35 mln U.S. Dlr loan": the currency's country, not a side
        if any(t.lemma_.lower() in DOCUMENT_NAMES and (t.i == span.end - 1 or span.doc[t.i + 1].text == "(")
               for t in span):
            return False  # "the International Natural Rubber Agreement (INRA": the deal itself, not a party to it
        if _acronym_of_a_deal(span[0]):
            return False  # "... Rubber Agreement (INRA)"
        if span.label_ == "NORP":
            # "the Saudis" is a party; "Japanese" as an adjective is not
            return span.root.tag_ in {"NNPS", "NNS"} or span.root.dep_ in SUBJECT_DEPS
        return any(c.isalpha() for c in span.text)

    def add_span(self, span: Span, label: str, named: Span | None = None) -> int | None:
        """Add one mention; RETURNS (int | None): the id of its cluster.

        named (Span | None): the part of the span that names the party, when not all of it does (the
            mention still covers the whole span: "U.F. Genetics of Hollister").
        """
        while len(span) > 1 and (span[-1].like_num and ("," in span[-1].text or len(span[-1].text) > 3 or (
                span.end < len(span.doc) and span.doc[span.end].lower_ in SCALE_WORDS)) or _SCALED.match(span[-1].text)):
            # "Mobil Oil Trading 12,000" (barrels), "loaned Uganda 13 mln dlrs", "awarded Varig 2bn reais": the
            # quantity is no part of the name
            span = span[:-1]
        name = party_names.clean_name((named if named is not None and len(named) < len(span) else span).text)
        if not name or len(name) < 2 or not party_names.name_key(name):
            return None  # nothing left but a suffix ("NV", "Co")
        if label == "PERSON":
            name = _TITLE.sub("", name)
            first, _, rest = name.partition(" ")
            if " " in rest and (first.lower() in NATIONALITY_NOUNS or party_names.country_for_demonym(first)):
                name = rest  # "Frenchman Hubert Perrodo", "Briton Robert Maxwell": a nationality, not a name
        cid = self._match(name, label)
        if cid is None and len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ == "the":
            cid = self._named_by_head(span[0].lower_)
        if cid is None:
            cluster = PartyCluster(id=len(self.clusters), label=label)
            country = party_names.country_for(name) if label in {"GPE", "NORP", "ORG"} else None
            if country is not None:
                cluster.label = "GPE"
                cluster.country_code = country.alpha2
            self.clusters.append(cluster)
            self._keys.append(set())
            cid = cluster.id
        cluster = self.clusters[cid]
        if name not in cluster.names:
            cluster.names.append(name)
            country = party_names.country_for(name)
            if cluster.country_code and country and party_names.is_capital(name):
                cluster.metonyms.add(name)
        self._keys[cid].add(party_names.name_key(name))
        for token in span:
            self.by_token[token.i] = cid
        self.mentions.append((span, cid))
        return cid

    def _named_by_head(self, word: str) -> int | None:
        """"the Board" after "the Brazilian Wheat Board", "the Fund" after "the International Monetary Fund":
        the latest organization whose name that head noun ends (or, "Bank of England", begins)."""
        if word not in HEAD_NOUNS:
            return None
        for cid in range(len(self.clusters) - 1, -1, -1):
            if self.clusters[cid].label != "ORG":
                continue
            for key in self._keys[cid]:
                words = key.split()
                if len(words) > 1 and (words[-1] == word or (words[0] == word and "of" in words)):
                    return cid
        return None

    def _match(self, name: str, label: str) -> int | None:
        key = party_names.name_key(name)
        if not key:
            return None
        country = party_names.country_for(name) if label in {"GPE", "NORP", "ORG"} else None
        words = key.split()
        # "Adia S.A." after "Adia Services Inc", "Texaco Inc" after "Texaco Canada Inc": a name with a
        # corporate suffix of its own is a company of its own, not a short form of the longer name
        suffixed = label == "ORG" and _ends_with_suffix(name)
        best = None
        for cid in range(len(self.clusters) - 1, -1, -1):
            cluster, keys = self.clusters[cid], self._keys[cid]
            if key in keys:
                return cid
            if country is not None:
                if cluster.country_code == country.alpha2:
                    return cid
                continue
            if cluster.country_code:
                continue
            if len(words) == 1 and label != "GPE" and cluster.label == "ORG" and not suffixed and any(
                    k.split()[:1] == words and len(k.split()) > 1 for k in keys):
                return cid  # "Denby" (tagged as a person) after "Denby Precision Corp"
            if label == "PERSON" or cluster.label == "PERSON":
                if label == cluster.label and any(k.split()[-1] == words[-1] for k in keys):
                    best = best if best is not None else cid
                continue
            if name.isupper() and 2 <= len(name) <= 6 and any(
                name.replace(".", "") in _initials(n) for n in cluster.names
            ):
                return cid
            # a hyphen joins two names into one word for the key: "Chesebrough-Pond's Inc"
            split = {party_names.name_key(n.replace("-", " ")) for n in cluster.names if "-" in n}
            for k in keys | split:
                other = k.split()
                # a short form joins the fuller name ("Unilever" → "Unilever Plc", "Chesebrough" →
                # "Chesebrough-Pond's Inc"); a longer name with more words is another company
                # ("Caesars World Finance Corp")
                if other and len(words) < len(other) and other[: len(words)] == words and not suffixed:
                    best = best if best is not None else cid
        return best

    def country_of_adjective(self, text: str) -> int | None:
        """The cluster of the country a nationality adjective names ("Chinese" → China).

        Joins the country's existing cluster when the article names it;
        otherwise adds one under the country's own name.
        """
        country = party_names.country_for_demonym(text)
        if country is None:
            return None
        for cluster in self.clusters:
            if cluster.country_code == country.alpha2:
                return cluster.id
        cluster = PartyCluster(id=len(self.clusters), label="GPE", names=[country.name],
                               country_code=country.alpha2)
        self.clusters.append(cluster)
        self._keys.append({party_names.name_key(country.name)})
        return cluster.id

    # -- looking up ---------------------------------------------------------
    def cluster_of(self, token: Token) -> int | None:
        """The party a token names or refers to, resolving pronouns and descriptions.

        token (Token): any token of the Doc.
        RETURNS (int | None): the cluster id, or None if it refers to no party.
        """
        if token.i in self.by_token:
            return self.by_token[token.i]
        lower = token.lower_
        state = self._state_of(token)
        if state is not None:
            cid = state  # "the French government": France
        elif lower in PRONOUNS and token.pos_ == "PRON" or lower in {"its", "their", "his", "her"}:
            cid = self._antecedent(token, PRONOUNS.get(lower, {"ORG"}))
        elif token.lemma_.lower() in DESCRIPTIONS and any(
            c.lower_ in {"the", "this", "that"} for c in token.children
        ) and not any(c.dep_ == "compound" for c in token.children):
            cid = self._antecedent(token, {DESCRIPTIONS[token.lemma_.lower()]})
        elif token.tag_ in {"NNP", "NNPS"} and token.is_alpha:
            cid = self._proper_noun(token)
        else:
            return None
        if cid is not None:
            self.by_token[token.i] = cid
        return cid

    def _state_of(self, token: Token) -> int | None:
        """The country whose nationality qualifies a word for its state: "the French government",
        "the Japanese authorities" → France, Japan; None for any other word."""
        if token.lemma_.lower() not in STATE_WORDS:
            return None
        for child in token.children:
            if child.dep_ in {"amod", "compound"} and child.i < token.i and (
                    child.ent_type_ == "NORP" or child.pos_ == "ADJ"):
                cid = self.country_of_adjective(child.text)
                if cid is not None:
                    return cid
        return None

    def _proper_noun(self, token: Token) -> int | None:
        """A capitalized noun the entity recognizer missed: its compound chain is a name."""
        doc = self.doc
        if 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")" and (
                token.i > 1 and doc[token.i - 2].is_lower):
            return None  # "30,000 sports utility vehicles (SUV)": the goods' abbreviation
        if token.lower_ in CURRENCY_WORDS or (token.dep_ == "compound" and token.head.lower_ in CURRENCY_WORDS):
            return None  # "31.5 mln U.S. Dlrs"
        if token.lemma_.lower() in DOCUMENT_NAMES or (token.dep_ == "compound"
                                                      and token.head.lemma_.lower() in DOCUMENT_NAMES):
            return None  # "the Energy Charter Treaty": a deal, not a party
        if _acronym_of_a_deal(token):
            return None  # "... Rubber Agreement (INRA)"
        if token.ent_type_ == "NORP" and token.tag_ != "NNPS" and token.dep_ not in SUBJECT_DEPS and (
                party_names.country_for_demonym(token.text) is not None):
            return None  # "to a Canadian and a Turkish company": a nationality, as in _is_party_span
        if token.lower_.rstrip(".") in TITLES or token.lower_ in CALENDAR_WORDS:
            # "Sir James Goldsmith": the title belongs to the name next to it
            for other in (token.head, *token.children):
                if other.i in self.by_token:
                    return self.by_token[other.i]
            return None
        words = [t for t in token.subtree if t.i == token.i or _compound_of(t, token)]
        # a capitalized word: the tagger takes some plain nouns for names ("how ringtones and other mobile extras
        # are sold")
        words = [t for t in words if t.tag_ in {"NNP", "NNPS"} and not t.is_lower]
        if not words:
            return None
        if token.ent_type_ in NOT_NAMES and not any(is_suffix(w) for w in words):
            # "a Memorandum of Understanding" (a work's title), "by Spring 2005"; a company's name in quotes
            # the recognizer takes for a title is still a name
            return None
        if all(w.lower_ in OFFICES for w in words):
            # "The Director-General of the FAO, Edouard Saouma": an office; the body it heads
            # acts, else the person holding it
            held = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"] + [c for c in token.children if c.dep_ == "appos"]
            return next((self.by_token[h.i] for h in held if h.i in self.by_token), None)
        start, end = min(t.i for t in words), max(t.i for t in words) + 1
        if end - start > 6:
            return None
        if _describing_country(doc, start, end):
            start += 1
        if _names_a_currency(doc, end) or _a_home_town(doc[start:end]):
            return None  # "a 35 mln U.S. Dlr loan", "Jefferson Savings and Loan Association of Warrenton, Va."
        return self.add_span(doc[start:end], "ORG")

    def _antecedent(self, token: Token, labels: set[str]) -> int | None:
        """The party a pronoun or description most likely refers to."""
        sent = token.sent
        # "it signed an agreement with Nissan Motor to supply it with cars": an object pronoun is not
        # the subject of its own clause (that would be "itself")
        subject = _clause_subject(token)
        own = None if subject is None else (
            self.cluster_of(subject) if subject.pos_ != "PRON" else self.by_token.get(subject.i))

        def fits(cid: int) -> bool:
            return cid != own and self._label_ok(cid, labels)

        # "Following its tender offer, SB Holding holds ...": a possessive in a fronted
        # phrase points forward to the clause's subject
        if token.lower_ in {"its", "their"}:
            root = sent.root
            subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None and token.i < subject.i and token.i not in {t.i for t in subject.subtree}:
                cid = self.cluster_of(subject) if subject.pos_ != "PRON" else None
                if cid is not None and self._label_ok(cid, labels):
                    return cid
        # "X said it agreed ...": the subject of the reporting verb
        cid = self._reporter(token, labels)
        if cid is not None and cid != own:
            return None if cid == UNNAMED else cid
        earliest = self.doc[max(0, sent.start - 1)].sent.start if sent.start else 0
        for _ in range(_LOOKBACK_SENTS - 1):
            if earliest == 0:
                break
            earliest = self.doc[earliest - 1].sent.start
        candidates = [(span, cid) for span, cid in self.mentions
                      if span.end <= token.i and span.start >= earliest and fits(cid)]
        subjects = [(s, c) for s, c in candidates if s.root.dep_ in SUBJECT_DEPS]
        for pool in (subjects, candidates):
            if pool:
                return pool[-1][1]
        # the article's first party of that kind: the one it is about
        for span, cid in self.mentions:
            if span.start < token.i and fits(cid):
                return cid
        return None

    def _reporter(self, token: Token, labels: set[str]) -> int | None:
        """"X said it agreed ...", "X told the SEC it raised its stake": the subject of the verb of saying.

        A possessive in a clause with a subject of its own belongs to that subject ("its
        Warner and Swasey subsidiary will seek to sell its division"), unless the clause
        buys: one buys what is another's ("X said Air Canada agreed to buy its unit").
        """
        if token.dep_ not in SUBJECT_DEPS:
            verb = next((t for t in token.ancestors if t.pos_ in {"VERB", "AUX"}), None)
            while verb is not None and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and verb.dep_ == "xcomp":
                verb = verb.head
            subject = None if verb is None else next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            buying = any(t.lemma_.lower() in BUYING_VERBS for t in token.ancestors if t.pos_ == "VERB")
            if subject is not None and subject.pos_ != "PRON" and not buying:
                return None
        head = token.head
        while head.i >= token.sent.start:
            if head.lemma_ in REPORTING_VERBS:
                subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS and c.i < token.i), None)
                if subject is None:
                    return None
                cid = self.cluster_of(subject) if subject.pos_ != "PRON" else self.by_token.get(subject.i)
                if cid is not None:
                    if self.clusters[cid].label == "PERSON" and token.lower_ in PLURAL_PRONOUNS and any(
                            c.dep_ == "conj" for c in subject.children):
                        return cid  # "investor George Soros, and a fund he controls, said they raised their stake"
                    return cid if self._label_ok(cid, labels) else None
                # "An investor group including Mutual Shares Corp": a party named inside the subject,
                # not its owner ("X's unit") nor a place qualifying it ("New York-based", "New York investor")
                named = [self.by_token[t.i] for t in subject.subtree if t.i in self.by_token and not _qualifier(t, subject)]
                cid = next((c for c in named if self._label_ok(c, labels)), None)
                if cid is None and "ORG" in labels:
                    # "A group led by New York investor Michael Steinhardt told the SEC it bought ...": its leader
                    cid = next((c for c in named if self.clusters[c].label == "PERSON"), None)
                if cid is None and DESCRIPTIONS.get(subject.lemma_.lower()) in labels:
                    return UNNAMED  # "A shareholder group told the SEC it sold ...": a group the text does not name
                return cid
            if head.head.i == head.i:
                return None  # the root is checked too: "X told the SEC it raised its stake"
            head = head.head
        return None

    def _label_ok(self, cid: int, labels: set[str]) -> bool:
        return self.clusters[cid].label in labels


def _compound_of(word: Token, name: Token) -> bool:
    """Whether ``word`` is part of the name ``name`` heads through compounds alone: not "West" in
    "Deutz of West Germany" (a compound of the country the company is from)."""
    while word.i != name.i:
        if word.dep_ not in {"compound", "flat"} or word.head.i == word.i:
            return False
        word = word.head
    return True


def _clause_subject(pronoun: Token) -> Token | None:
    """The subject of the clause an object pronoun ("it", "them") sits in, through the infinitives that
    share it ("signed ... to supply it": the signer); None for any other word."""
    if pronoun.lower_ not in {"it", "them"} or pronoun.dep_ not in {"dobj", "dative", "pobj"}:
        return None
    verb = pronoun.head
    if pronoun.dep_ == "pobj":
        verb = verb.head  # "sold it to them": the preposition's verb
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    while True:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        if verb.dep_ not in {"xcomp", "advcl"} or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None
        verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:
            return None


def join_possessive_names(doc: Doc) -> None:
    """"Hudson's Bay Wholesale" is one name when the article also names "Hudson's Bay Co".

    The recognizer often breaks a name at a possessive ("Hudson's" + "Bay
    Wholesale"); the pieces are joined only when another name in the article
    starts with the same words, so "Unilever's Stauffer unit" stays two names.
    """
    names = [e.text for e in doc.ents if e.label_ == "ORG"]
    added = []
    for ent in doc.ents:
        start = ent.start
        if ent.label_ not in {"ORG", "LOC", "GPE", "FAC", "PERSON"} or start < 2:
            continue
        if doc[start - 1].lower_ not in {"'s", "’s"} or doc[start - 2].tag_ not in {"NNP", "NNPS"}:
            continue
        prefix = doc[start - 2].text + doc[start - 1].text + " " + ent[0].text
        if any(n.startswith(prefix) and len(n) > len(prefix) for n in names):
            added.append(Span(doc, start - 2, ent.end, label="ORG"))
    if added:
        keep = [e for e in doc.ents if not any(e.start < a.end and a.start < e.end for a in added)]
        doc.ents = filter_spans(added + keep)


def join_suffix_names(doc: Doc) -> None:
    """"Unilever Plc and NV" is one name: join an ORG to a following "and" + bare suffix."""
    ents = list(doc.ents)
    out = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (nxt is not None and ent.label_ == "ORG" and nxt.start == ent.end + 1
                and doc[ent.end].lower_ in {"and", "&"} and not party_names.name_key(nxt.text)):
            out.append(Span(doc, ent.start, nxt.end, label="ORG"))
            i += 2
            continue
        out.append(ent)
        i += 1
    if len(out) != len(ents):
        doc.ents = out


#: Entities that are never the first half of a company's name: "Britain and Jardine Matheson Ltd".
NOT_NAME_HALVES = _NUMERIC_LABELS | {"GPE", "NORP"}


#: Capitalized nouns that open a sentence and name people, never half a company's name.
_SENTENCE_OPENERS = {"analysts", "officials", "sources", "traders", "dealers", "shareholders", "stockholders",
                     "banks", "brokers", "executives", "investors", "directors", "both", "employees", "workers"}


def _capitalized_name_word(token: Token) -> bool:
    """A word that may be part of a company's name: a capitalized proper noun, or a capitalized
    common noun ("Communications and Cable Inc") that is not a sentence's "Analysts"."""
    if not token.text[:1].isupper() or token.ent_type_ in NOT_NAME_HALVES:
        return False
    if token.tag_ in {"NNP", "NNPS"}:
        return True
    return token.tag_ in {"NN", "NNS"} and not (token.is_sent_start and token.lower_ in _SENTENCE_OPENERS)


def _named_alone(text: str, name: str, before: bool) -> bool:
    """Whether the article names ``name`` other than as one half of "X and Y"."""
    if before:
        pattern = re.escape(name) + r"\b(?!\s+(?:and|&)\s)"
    else:
        pattern = r"(?<!and )(?<!& )\b" + re.escape(name)
    return re.search(r"(?<![\w&])" + pattern, text) is not None


#: Trade words a company's name pairs with "and": "Goodyear Tire and Rubber Co", "American Telephone and
#: Telegraph Co", "Jefferson Savings and Loan Association". With one on each side of the "and", the halves are
#: one name whatever the recognizer made of them (a person, a place, two names).
TRADE_WORDS = frozenset("""
    tire rubber telephone telegraph telecommunications post savings loan bank banking trust mortgage power light
    gas electric water oil mining mfg manufacturing industrial chemical chemicals ink investment investments
    development insurance annuity life casualty fire marine trading transport transportation shipping research
    technology science engineering construction supply tool tools stamping die food foods commercial steel iron
    coal land cattle timber lumber paper pulp exploration production refining marketing securities exchange
    finance leasing equipment machine machinery electronics communications cable broadcasting publishing
    printing drug drugs health missiles space aircraft aerospace defense realty
""".split())

#: The first words after "and" that make the whole a partnership's name: "Mitsui and Co", "Bear Stearns and
#: Co", "R.R. Donnelly and Sons Co".
PARTNER_WORDS = frozenset({"co", "company", "cos", "sons", "associates", "partners", "cie"})

#: Head nouns that end an organization's name as a suffix does, after a pair of trade words:
#: "Savings and Loan Association", "Securities and Exchange Commission", "United Food and Commercial Workers
#: International Union".
NAME_HEADS = frozenset({"association", "union", "commission", "council", "ministry", "board", "authority",
                        "institute", "federation", "corporation", "company", "bank"})
#: Head nouns of an organization's name that stand for the whole name after "the": "the Board", "the Fund"
#: ("the company" is a description, resolved as the others: :data:`DESCRIPTIONS`).
HEAD_NOUNS = (NAME_HEADS - {"corporation", "company"}) | {
    "exchange", "committee", "fund", "agency", "department", "community", "organisation", "organization",
    "court", "club"}


def join_and_names(doc: Doc) -> None:
    """"Jones and Vining Inc" is one name, where the recognizer took only "Vining Inc".

    A company whose name joins two words with "and" ("Cross and Trecker Corp",
    "Far East Bank and Trust Company") is often cut at the "and". The
    capitalized words after the "and" that end with a corporate suffix are
    joined to the capitalized nouns before it (:func:`_capitalized_name_word`)
    when these end with no suffix of their own ("Texaco Inc and Pennzoil Co"
    stays two names), unless they are one all-capitals word ("MATRA and Harris
    Corp"), a person's full name ("Dudley Taft and Narragansett Capital Inc"),
    the last of a list ("Ford, Chrysler and General Motors Corp"), the markup
    gave the name whole, or either half is named on its own elsewhere in the
    article ("GM and Toyota Motor Corp", where the article also says "GM ...",
    stays two). Two cases need none of these tests: a partnership's name
    ("Bear Stearns and Co", "Mitsui and Co") and a pair of trade words
    (:data:`TRADE_WORDS`: "Goodyear Tire and Rubber Co", "Jefferson Savings
    and Loan Association"). The joined name said again without its suffix
    ("Jones and Vining") is marked too.
    """
    marked = doc.user_data.get("pactum_names", [])
    added = []
    for conj in doc:
        if conj.lower_ not in {"and", "&"} or conj.i == 0:
            continue
        span = _country_across(doc, conj) or _name_across(doc, conj)
        if span is not None and not any(a < span.end_char and span.start_char < b for a, b in marked):
            added.append(span)  # else the markup gave the names: "Genoa and <FIP U.K. Ltd>"
    added = filter_spans(added)
    added += _short_forms(doc, added)
    added += [a for a in _acronym_names(doc) if not any(a.start < b.end and b.start < a.end for b in added)]
    if added:
        keep = [e for e in doc.ents if not any(e.start < a.end and a.start < e.end for a in added)]
        doc.ents = filter_spans(added + keep)


def _country_across(doc: Doc, conj: Token) -> Span | None:
    """A country whose name runs across "and": "Trinidad and Tobago", "Bosnia and Herzegovina" (the recognizer
    makes two places of it, and the parties two sides of one deal)."""
    if not (conj.nbor(-1).text[:1].isupper() and conj.i + 1 < len(doc) and doc[conj.i + 1].text[:1].isupper()):
        return None
    for start in range(conj.i - 1, max(-1, conj.i - 3), -1):
        for end in range(conj.i + 2, min(len(doc), conj.i + 4) + 1):
            span = doc[start:end]
            country = party_names.country_for(span.text)
            if country is not None and " and " in country.name:
                return Span(doc, start, end, label="GPE")
    return None


def _name_across(doc: Doc, conj: Token) -> Span | None:
    """The one name that runs across ``conj`` ("and"), if the words on both sides make one (see
    :func:`join_and_names`)."""
    end = conj.i + 1
    while end < len(doc) and end - conj.i <= 5 and (_capitalized_name_word(doc[end]) or is_suffix(doc[end]) or (
            doc[end].lower_ in {"'s", "’s"} and end + 1 < len(doc) and doc[end + 1].text[:1].isupper())):
        end += 1  # "Standard and Poor's Corp"
    right = doc[conj.i + 1:end]
    if not len(right):
        return None
    partner = right[0].lower_.rstrip(".") in PARTNER_WORDS
    trade = conj.nbor(-1).lower_ in TRADE_WORDS and right[0].lower_ in TRADE_WORDS
    ends = [t.i for t in right if is_suffix(t) or (trade and t.lower_ in NAME_HEADS)]
    if not ends:
        return None
    end = ends[-1] + 1
    loose = partner or trade
    start = conj.i
    while start > 0 and conj.i - start < 5 and (_left_name_word(doc[start - 1], loose) or (
            doc[start - 1].lower_ in NAME_PARTICLES and start > 1 and _left_name_word(doc[start - 2], loose))):
        start -= 1  # "E.I. du Pont de Nemours and Co"
    if start == conj.i:
        return None
    if start == conj.i - 1 and _comma_partner(doc, start, partner):
        start -= 2  # "Pope, Evans and Robbins Inc"
    elif start > 0 and doc[start - 1].text == "," and not partner:
        return None  # the last of a list: "Ford, Chrysler and General Motors Corp"
    left = doc[start:conj.i]
    if loose:
        return Span(doc, start, end, label="ORG")
    if doc[start].ent_iob_ == "I" or is_suffix(left[-1]):
        return None
    if len(left) == 1 and left[0].is_upper and len(left[0]) > 2:
        return None  # "MATRA and Harris Corp", "IBM and Apple Computer Inc": a company of its own
    if len(left) > 1 and all(t.ent_type_ == "PERSON" for t in left):
        return None  # "Dudley Taft and Narragansett Capital Inc": a person and a company
    name = doc[conj.i + 1:end]
    if _named_alone(doc.text, left.text, before=True) or _named_alone(doc.text, name.text, before=False):
        return None
    return Span(doc, start, end, label="ORG")


def _left_name_word(token: Token, loose: bool) -> bool:
    """A word of the name before "and"; ``loose``: whatever the recognizer made of it ("Holleb and Co", where it
    saw a place), so long as it is a capitalized word, no number and no month or weekday."""
    if _capitalized_name_word(token):
        return True
    return loose and token.text[:1].isupper() and token.is_alpha and token.lower_ not in CALENDAR_WORDS and not (
        token.is_sent_start and token.lower_ in _SENTENCE_OPENERS)  # "Hopper, Soliday and Co Inc": no date


def _comma_partner(doc: Doc, start: int, loose: bool = False) -> bool:
    """Whether a partner's name stands before a comma at ``start``, in a firm named for its partners: "Pope,
    Evans and Robbins Inc", "Scott, Foresman and Co". Only a capitalized word the recognizer gave no name of its
    own, after no other capitalized word ("Ford, Chrysler and General Motors Corp" stays three); ``loose``,
    before "and Co", whatever the recognizer saw ("Sears, Roebuck and Co")."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    word = doc[start - 2]
    named = _left_name_word(word, True) if loose else (
        _capitalized_name_word(word) and word.ent_type_ in {"", "PERSON"})
    return named and not word.is_upper and (word.i == 0 or word.is_sent_start or not doc[word.i - 1].is_title)


def _acronym_names(doc: Doc) -> list[Span]:
    """"Scottish and Newcastle (S&N)": capitalized words joined by "and" are one name when the bracketed
    acronym after them spells their initials, whatever the recognizer made of the halves (here a
    nationality and a city)."""
    out = []
    for bracket in doc:
        if bracket.text != "(" or bracket.i + 2 >= len(doc) or doc[bracket.i + 2].text != ")":
            continue
        acronym = doc[bracket.i + 1].text.replace("&", "")
        if not (2 <= len(acronym) <= 4 and acronym.isalpha() and acronym.isupper()):
            continue
        start = bracket.i
        while start > 0 and bracket.i - start < 6 and (doc[start - 1].text[:1].isupper()
                                                       or doc[start - 1].lower_ in {"and", "&"}):
            start -= 1
        words = doc[start:bracket.i]
        joins = [t for t in words if t.lower_ in {"and", "&"}]
        if len(joins) != 1 or words[0].lower_ in {"and", "&"} or words[-1].lower_ in {"and", "&"}:
            continue
        # the initials, from the rightmost words: "The UK's biggest brewer, Scottish and Newcastle (S&N)"
        names = [t for t in words if t.lower_ not in {"and", "&"}]
        for first in range(len(names)):
            if "".join(t.text[0] for t in names[first:]) == acronym and names[first].i < joins[0].i:
                out.append(Span(doc, names[first].i, bracket.i, label="ORG"))
                break
    return out


def _short_forms(doc: Doc, names: list[Span]) -> list[Span]:
    """The joined names said again without their suffix: "Jones and Vining" for "Jones and Vining Inc"."""
    out = []
    for name in names:
        end = name.end
        while is_suffix(doc[end - 1]):
            end -= 1
        if doc[end - 1].lower_ in {"and", "&"}:
            continue  # a partnership's name has no short form: "Mitsui and Co" is not "Mitsui and"
        words = [t.text for t in doc[name.start:end]]
        for start in range(len(doc) - len(words) + 1):
            if start != name.start and [t.text for t in doc[start:start + len(words)]] == words \
                    and not any(s.start <= start < s.end for s in names):
                out.append(Span(doc, start, start + len(words), label="ORG"))
    return out


def mark_names(doc: Doc, names: list[tuple[int, int]]) -> None:
    """Make the names the markup marked (``<Stauffer Chemical Co>``) ORG entities.

    doc (Doc): the parsed doc.
    names (list[tuple[int, int]]): character spans in ``doc.text``.
    """
    spans = []
    for start, end in names:
        span = doc.char_span(start, end, label="ORG", alignment_mode="expand")
        if span is not None:
            spans.append(span)
    if not spans:
        return
    keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
    doc.ents = filter_spans(spans + keep)


class PartyFinder(Stage):
    """The ``events_parties`` component: builds ``doc._.parties``.

    Names the markup marked (``doc.user_data["pactum_names"]``, character
    spans) become ORG entities first.
    """

    def __init__(self, nlp, name: str) -> None:
        self.name = name

    def find(self, doc: Doc) -> PartyIndex:
        mark_names(doc, doc.user_data.get("pactum_names", []))
        join_suffix_names(doc)
        join_and_names(doc)
        join_possessive_names(doc)
        return PartyIndex(doc)

    def set_annotations(self, doc: Doc, index: PartyIndex) -> None:
        doc._.parties = index

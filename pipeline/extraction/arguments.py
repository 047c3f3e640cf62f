"""Stage 3: fill who, with whom, what, where, and the raw time and money spans.

Roles come from the dependency parse, never from word order: subjects and
passive agents, objects, "with"/"from"/"to"/"for"/"of"/"in" attachments,
possessives ("TWA's offer for USAir"), coordination and appositions. The
direction follows the spec: an acquisition's ``who`` is the buyer ("X sold Y
to Z" is Z acquiring Y from X); funding's ``who`` is the provider. Pronouns
and descriptions resolve through :class:`pipeline.extraction.coref.PartyIndex`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..normalization import parties as party_names
from ..normalization.money import find_amounts
from .candidates import (COMMODITY_WORDS, DEAL_HEADS, MODALS, SCHEDULED, _chain, infinitive_content, unit_owner,
                         is_deal_noun, proposed, purpose_of, signed_over)
from .candidates import prep_objects as _prep_objects
from .coref import CURRENCY_WORDS, PLURAL_PRONOUNS, PartyIndex, is_suffix
from .event_time import time_expression
from .lexicon import DESCRIPTIONS, OFFERS, REGULATORS, REPORTING_VERBS, SELLING, SETTLING
from .mentions import EventMention, PartyCluster
from .merge import is_anaphoric
from .stage import Stage

SUBJECTS = {"nsubj", "csubj"}
#: Plural deal nouns that are one joint process, never one deal per party.
RECIPROCAL = {"talk", "talks", "negotiation", "negotiations", "discussion", "discussions", "consultations"}
#: Deal words of two companies becoming one.
MERGING = {"merge", "merger", "combine", "combination", "amalgamate", "amalgamation"}
#: Deal nouns that name a process, not an object: their topic is the `what`.
ABSTRACT_DEALS = {"talks", "negotiation", "negotiations", "discussion", "discussions", "bid", "offer", "proposal",
                  "deal", "approach", "attempt"}
#: Verbs whose subject receives rather than gives: "X won a contract from Y",
#: "X received a loan from Y", "X secured credit".
RECEIVING_VERBS = {"receive", "obtain", "win", "get", "secure", "land", "accept", "take",
                   "raise", "borrow", "seek", "need", "share",
                   # asking for it: "Sri Lanka has appealed to 24 countries for emergency aid"
                   "appeal", "apply", "request", "ask"}
#: Words in a name that make it a lender: "Chemical Bank", "the International Monetary Fund".
LENDER_WORDS = {"bank", "banks", "fund", "imf", "monetary", "lender", "lenders", "creditor", "creditors",
                "exim", "export-import", "club", "bancorp", "banque", "banco", "bankers", "syndicate"}
#: Verbs by which the other side answers a deal: "X rejected Y's offer".
RESPONDING_VERBS = {"reject", "accept", "rebuff", "spurn", "welcome", "consider", "study", "review",
                    "dismiss", "refuse", "oppose", "turn", "decline", "weigh", "receive",
                    "fight", "resist", "fend", "repel", "thwart", "defeat"}
#: Offers and attempts to buy: "from X" (and "by X" after a noun) names the bidder, not a seller.
BIDS = OFFERS | {"tender", "attempt"}
#: Verbs whose object is the customer or beneficiary of a deal: "a contract to provide X with Y", "an
#: agreement to aid Peru".
SUPPLYING = {"provide", "supply", "furnish", "equip", "serve", "aid", "help", "assist", "finance", "fund", "support"}
PARTNER_PREPS = {"with", "between", "among", "amongst"}
#: Words that end a `what` phrase: relative clauses, parentheticals, reports.
WHAT_STOP_DEPS = {"relcl", "advcl", "punct", "cc", "parataxis", "ccomp"}
MAX_WHAT_WORDS = 12
#: Goods a country's name can qualify as their origin: "U.S. wheat", "U.S. auto parts".
GOODS = COMMODITY_WORDS | {"good", "goods", "part", "parts", "equipment", "machinery", "export", "exports",
                           "import", "imports", "durum", "sorghum", "soybean", "meal", "crude", "output"}
#: Attachments a long `what` loses first, rightmost first.
PRUNABLE_DEPS = {"prep", "acl", "appos", "conj", "npadvmod", "advmod", "amod", "nmod", "oprd", "xcomp"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


class ArgumentFinder(Stage):
    """The ``events_arguments`` component: fills the roles of ``doc._.events``."""

    def __init__(self, nlp, name: str) -> None:
        self.name = name

    def find(self, doc: Doc) -> list[EventMention]:
        if doc._.parties is None:
            doc._.parties = PartyIndex(doc)
        return [filled for ev in (doc._.events or []) for filled in fill_arguments(ev, doc._.parties)]

    def set_annotations(self, doc: Doc, events: list[EventMention]) -> None:
        doc._.events = events


# -- helpers -------------------------------------------------------------------
def _conjuncts(token: Token) -> list[Token]:
    return [token] + [t for t in token.conjuncts if t.i > token.i]


def _an_address(token: Token, index: PartyIndex) -> bool:
    """Whether a place's name is a town with its state: "acquire Englewood, Colo., homebuilder Winley
    Inc", "its Huron, South Dakota, pork plant": where a business is, not a party."""
    cid = index.cluster_of(token)
    if cid is None or index.clusters[cid].label not in PLACE_LABELS:
        return False
    doc = token.doc
    start, end = token.i, token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1  # the rest of the name
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if start >= 2 and doc[start - 1].text == "," and end < len(doc) and doc[end].text == "," and (
            (town := index.cluster_of(doc[start - 2])) is not None and index.clusters[town].label in PLACE_LABELS
            and not index.clusters[town].country_code):
        # the state of "Huron, South Dakota, pork plant", the country of "the Brescia, Italy, based company"
        return True
    if index.clusters[cid].country_code:
        return False
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    state = end + 1
    while state < len(doc) and doc[state].text[:1].isupper() and doc[state].text != ",":
        state += 1
    return state > end + 1 and state - end <= 3 and state < len(doc) and doc[state].text == ","


#: Descriptions of a person who deals on his own account, for no country.
PRIVATE_PERSONS = {"investor", "financier", "tycoon", "businessman", "businesswoman", "industrialist",
                   "entrepreneur", "magnate", "billionaire", "millionaire", "arbitrager", "arbitrageur",
                   "speculator", "raider", "shareholder", "developer"}


def _affiliation(token: Token, index: PartyIndex) -> int | None:
    """The organisation or country a person acts for, when the phrase names it.

    "Treasury Assistant Secretary David Mulford" acts for the Treasury;
    "Chinese vice-foreign minister Zhou Nan" for China; "the EC's
    commissioner, Willy De Clercq" for the EC.
    """
    head = token
    if head.dep_ == "appos":
        head = head.head
    person = {t.i for t in token.subtree if t.ent_type_ == "PERSON"}
    pool = [t for t in head.subtree if t.i not in person and (t.i < token.i or t.dep_ == "poss")
            and t.dep_ not in {"relcl", "acl"}]
    if any(DESCRIPTIONS.get(t.lemma_.lower()) == "ORG" for t in pool if t.pos_ == "NOUN"):
        return None  # "British group Thorn EMI": a company the recognizer took for a person
    # "New York investor Martin Sosnoff", "British industrialist Sir James Goldsmith": a private person
    # acts for himself; the place says where he is from
    private = any(t.lemma_.lower() in PRIVATE_PERSONS for t in pool if t.pos_ == "NOUN")
    for t in pool:
        if t.i in index.by_token and t.ent_type_ in ({"ORG"} if private else {"ORG", "GPE"}):
            cid = index.by_token[t.i]
            if index.clusters[cid].label != "PERSON":
                return cid
        if not private and (t.ent_type_ == "NORP" or t.pos_ == "ADJ"):
            country = index.country_of_adjective(t.text)
            if country is not None:
                return country
    return None


def _subtree_text(token: Token) -> str:
    return token.doc[token.left_edge.i : token.right_edge.i + 1].text


#: Verbs of putting money into something: "invest 100m euros in marketing".
SPENDING = {"invest", "spend", "inject", "pour", "plough", "plow", "commit"}
#: A part of a company that its name modifies: "its First National Bank and Trust Co unit" (which the
#: parser may attach as ``nmod``, not ``compound``).
UNITS = {"unit", "subsidiary", "division", "affiliate", "arm"}


def _parties_in(token: Token, index: PartyIndex, deep: bool = False) -> list[int]:
    """The parties a phrase names: its head (and coordinated heads), else names inside it.

    A person who acts for a named organisation or country stands for it.
    """
    found = []
    for head in _conjuncts(token):
        if _an_address(head, index):
            continue
        cid = index.cluster_of(head)
        if cid is None:
            # "the unit, Norton Pty Ltd" / "Stauffer Chemical Co of the U.S."; the name in apposition
            # before a modifier: "New York investor Martin Sosnoff" is Sosnoff
            for child in sorted(head.children, key=lambda c: c.dep_ != "appos"):
                if (child.dep_ in {"appos", "compound"} or child.dep_ == "nmod" and head.lemma_.lower() in UNITS) and (
                        c := index.cluster_of(child)) is not None:
                    if (child.dep_ == "compound" and index.clusters[c].country_code
                            and (head.lower_ in GOODS or head.lemma_.lower() in GOODS)):
                        continue  # "purchases of U.S. wheat": where the goods come from, not a party
                    if child.dep_ == "compound" and is_deal_noun(head) and _a_city(index.clusters[c]):
                        continue  # "the Paris agreement ... provided": where the deal was made
                    if (child.dep_ == "compound" and index.clusters[c].country_code and head.pos_ == "NOUN"
                            and DESCRIPTIONS.get(head.lemma_.lower()) == "ORG"):
                        continue  # "by a 'substantial U.S. company' it did not identify": where it is from, no name
                    cid = c
                    break
        if cid is None and head.dep_ == "appos":
            # "Rosneft, the company that acquired X": the description stands for its head
            cid = index.cluster_of(head.head)
        if cid is None and (leaders := _leaders(head, index)):
            # "sell its Datel unit to a group led by the unit's president, Nicolas Tagaris": an unnamed group
            # is those who lead it
            found += [c for c in leaders if c not in found]
            continue
        if cid is None and deep:
            for t in head.subtree:
                if t.dep_ in {"relcl", "acl"}:
                    break
                if t.i != head.i and (c := index.cluster_of(t)) is not None and t.dep_ != "poss":
                    if index.clusters[c].country_code and t.dep_ in {"compound", "amod", "nmod"}:
                        continue  # "its U.S. retail unit": a place, not a party
                    if index.clusters[c].label in PLACE_LABELS and (_located(t) or _an_address(t, index)):
                        continue  # "the stations in Philadelphia, Washington and Miami": where they are
                    cid = c
                    break
        if cid is not None and index.clusters[cid].label == "PERSON":
            affiliation = _affiliation(head, index)
            cid = cid if affiliation is None else affiliation
        if cid is not None and head.lower_ in PLURAL_PRONOUNS:
            found += [c for c in _named_together(cid, head, index) if c not in found]
        elif cid is not None and cid not in found:
            found.append(cid)
    return found


#: Verbs by which a seller asks for bids: "invited bids for its Beta Inc unit", "is seeking offers for the property".
SOLICITING = {"seek", "invite", "solicit", "request", "entertain"}
#: Nouns for a group of investors that the text names only by who leads it.
GROUP_NOUNS = {"group", "consortium", "syndicate", "partnership", "investors", "team"}
#: Participles that name who leads such a group: "an investor group headed by Jacobs", "formed by AVA and Citicorp".
LEADING = {"lead", "head", "control", "form", "organize", "organise"}


def _leaders(head: Token, index: PartyIndex) -> list[int]:
    """The parties that lead an unnamed group, or that it includes: "a group led by the unit's president, Nicolas
    Tagaris", "an investor group headed by Jacobs", "a consortium that included Viktor Pinchuk" (a group with a
    name of its own is that name)."""
    if head.lemma_.lower() not in GROUP_NOUNS and head.lower_ not in GROUP_NOUNS:
        return []
    named = [t for verb in head.children if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in LEADING
             for agent in verb.children if agent.dep_ == "agent"
             for p in agent.children if p.dep_ == "pobj"
             for t in [p, *p.conjuncts, *(c for c in p.children if c.dep_ == "appos")]]
    # its members: "a consortium that included Viktor Pinchuk ... and Rinat Akhmetov", "a group including Acme"
    named += [t for verb in head.children if verb.dep_ in {"relcl", "acl", "prep"} and verb.lemma_.lower() == "include"
              for p in verb.children if p.dep_ in {"dobj", "pobj"}
              for t in [p, *p.conjuncts, *(c for c in p.children if c.dep_ == "appos")]]
    # only a leader named as such: "a former Huron executive" is no name, and Huron no leader
    return list(dict.fromkeys(c for t in named if (c := index.cluster_of(t)) is not None))


def _named_together(cid: int, pronoun: Token, index: PartyIndex) -> list[int]:
    """A plural pronoun's antecedent with the names coordinated with it in the sentence, in the
    order the sentence names them: "Golden Rule Resources Ltd and Goldsil Resources Ltd said they
    had agreed to merge" → both."""
    sent = pronoun.sent
    here = [(span, c) for span, c in index.mentions if sent.start <= span.start < pronoun.i]
    first: dict[int, int] = {cid: pronoun.i}
    for span, c in here:
        if c != cid:
            continue
        first[cid] = min(first[cid], span.start)
        inside = {t.i for t in span}
        for other in span.root.conjuncts:
            if any(t.i in inside for t in other.subtree):
                continue  # "Philippines Trade and Industry Secretary Jose Concepcion": the name holds the office
            oc = index.cluster_of(other)
            if oc is not None and oc not in first:
                first[oc] = other.i
        # the parser does not always coordinate two names: "X Ltd and Y Ltd" read as one phrase
        for other, oc in here:
            if oc not in first and (other.end + 1 == span.start or span.end + 1 == other.start) and \
                    span.doc[min(other.end, span.end)].lower_ in {"and", "&"} and \
                    {span.root.dep_, other.root.dep_} & {"nsubj", "nsubjpass"}:
                first[oc] = other.start
    return sorted(first, key=first.get)


def regulator_aside(cluster: PartyCluster, trigger: Token) -> bool:
    """Whether a party is a regulator that only receives a filing or approves the deal: "told the
    Securities and Exchange Commission they have acquired ..."; it is a side only of a settlement."""
    if trigger.lemma_.lower() in SETTLING or trigger.lower_ in SETTLING:
        return False
    return any(party_names.name_key(n) in REGULATORS for n in cluster.names)


def _a_city(cluster: PartyCluster) -> bool:
    """Whether a party is a city: "the Paris accord", "the Geneva agreement" name where a deal was made."""
    if cluster.label not in PLACE_LABELS or any(c in cluster.canonical for c in "/-"):
        return False  # "the U.S./Japan agreement": its sides
    return cluster.country_code is None or party_names.is_capital(cluster.canonical)


def _located(token: Token) -> bool:
    """Whether a name (or the first of its conjuncts) is the object of a locating preposition ("the stations
    in Miami"), not of a stake's "in"."""
    while token.dep_ in {"conj", "compound", "appos"} and token.head.i != token.i:
        token = token.head
    prep = token.head
    return (token.dep_ == "pobj" and prep.lower_ in {"in", "at", "near", "around", "across", "throughout"}
            and prep.head.lemma_.lower() not in OWNED)  # "a stake in IPCL": a company the recognizer calls a place


def noun_phrase_head(token: Token) -> Token:
    """The head noun of the phrase a modifier noun sits in: "cooperation" → "agreements"."""
    node = token
    while node.dep_ in {"compound", "amod", "nmod"} and node.head.i != node.i and node.head.pos_ in {"NOUN", "PROPN"}:
        node = node.head
    return node


def _subject(chain: list[Token]) -> tuple[list[Token], bool]:
    """The subject of the event's clause, climbing through 'agreed to' and 'plans to'.

    Climbing stops at a participle modifying a noun: its subject is that noun
    ("shareholders entitled to vote on the merger"), so in "X set a record date
    for shareholders entitled to vote on the merger", X is no party to it.

    RETURNS (tuple[list[Token], bool]): subject tokens, and whether the clause
        is passive (then the subject is the object of the deal).
    """
    # a passive infinitive below the subject's verb: "Acme Inc agreed to be acquired by Beta Corp"
    passive_below = False
    for position, token in enumerate(chain):
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        # "Struggling Japanese car maker Mitsubishi Motors has struck a deal": the parser's clausal
        # subject ("Struggling") beside a nominal one is a misparse; the nominal one wins
        nominal = any(c.dep_ == "nsubj" for c in token.children)
        for child in token.children:
            if child.dep_ in SUBJECTS and not (nominal and child.dep_ == "csubj"):
                if child.tag_ in {"WDT", "WP"} and token.dep_ == "relcl":
                    return [token.head], False
                # the parser sometimes splits an apposition into two subjects: "its 97.7-pct owned
                # subsidiary Skis Dynastar SA agreed to buy": both are the subject
                return [c for c in token.children if c.dep_ == child.dep_ and c.i < token.i] or [child], passive_below
            if child.dep_ == "nsubjpass":
                if token.lemma_.lower() in SCHEDULED and any(
                        c.dep_ == "xcomp" for c in token.children):
                    return [child], passive_below  # "Gazprom is set to merge with Rosneft"
                return [child], True
        if token.dep_ == "relcl" and not infinitive_content(token, contract=True):
            return [token.head], False
        if token.dep_ == "acl" and position:
            # a participle's subject is the noun it modifies: "shareholders entitled
            # to vote on the merger", "big names involved in joint ventures"
            return [_copular_subject(token.head)], False
        # ... or a passive gerund: "will continue to talk with Regal International Inc about being acquired"
        passive_below = passive_below or token.dep_ in {"xcomp", "pcomp"} and any(
            c.dep_ == "auxpass" for c in token.children)
        if token.dep_ not in {"xcomp", "advcl", "conj", "acl", "pcomp", "dobj", "pobj", "prep"} and not (
                token.dep_ == "relcl" and infinitive_content(token, contract=True)):  # "announced a deal to buy X"
            break
    return [], False


def _copular_subject(token: Token) -> Token:
    """"X are among the big names": the names stand for X."""
    node = token
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        node = node.head.head
    if node.dep_ in {"attr", "acomp"} and node.head.lemma_ == "be":
        subject = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    if node.lemma_ == "be":
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return token


def _by_objects(noun: Token) -> list[Token]:
    """Who a deal noun is made by: "a takeover bid by New York investor Martin Sosnoff", "a takeover by
    France's Pernod Ricard", and the agent of a participle on it ("the tender offer ... launched this
    morning by Mark IV Industries")."""
    found = _prep_objects(noun, {"by"})
    for verb in noun.children:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            found += [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    return found


def _agents(chain: list[Token]) -> list[Token]:
    """Passive agents ("was acquired by X"), but not sources ("reported by Reuters")."""
    out = []
    for token in chain:
        if token.lemma_.lower() in REPORTING_VERBS:
            continue
        out.extend(_prep_objects(token, {"by"}))
    return out


WHAT_SKIP_PREPS = {"by", "at", "from", "after", "before", "because", "as", "since", "under", "during",
                   "until", "than", "despite", "amid", "following"}


def _inside_a_word(t: Token) -> bool:
    """A hyphen or slash with no space on either side: "state-owned", "Bristol-Myers"."""
    return t.text in {"-", "/"} and t.i > 0 and not t.doc[t.i - 1].whitespace_ and not t.whitespace_


def _joins_conjuncts(t: Token) -> bool:
    """A coordinator or comma between two coordinated nouns: "grants and loans", "oil, gas and coal"."""
    if t.dep_ not in {"cc", "punct"} or t.lower_ not in {"and", "or", ",", "&"}:
        return False
    head = t.head
    return head.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ == "conj" and c.i > t.i and c.pos_ in {"NOUN", "PROPN"} for c in head.children)


def _what(token: Token, origin: bool = False) -> Span | None:
    """The short phrase naming the object of the deal, headed by ``token``.

    The head with its modifiers and complements ("agreement on the
    establishment of an EC office"), coordinated nouns ("grants and loans")
    and the purpose the verb gives it ("... for an ambitious TSMC project"),
    without relative clauses, reports or parentheticals; over MAX_WHAT_WORDS
    words, the rightmost complements are dropped first, so the phrase stays a
    phrase. With ``origin``, goods keep where they come from ("crude oil
    from the Elk Hills Naval Petroleum Reserve").
    """
    def allowed(t: Token) -> bool:
        if t.i < token.i:
            return True
        if _joins_conjuncts(t) or _inside_a_word(t):
            return True  # "grants and loans", "state-owned"
        if t.dep_ == "relcl" and t.head.i == token.i and infinitive_content(t):
            return True  # "a contract to design and develop its County Justice Information System"
        if t.dep_ in WHAT_STOP_DEPS:
            return False
        if t.dep_ == "acl" and t.tag_ in {"VBG", "VBN"}:
            return False  # "merger agreement making Kaiser a unit of Hanson"
        if t.dep_ == "prep" and t.lower_ in WHAT_SKIP_PREPS and not (origin and t.lower_ == "from"):
            return False
        if t.dep_ == "prep" and t.lower_ == "with" and t.head.i == token.i and any(
                g.ent_type_ in {"ORG", "GPE", "PERSON", "NORP"} for g in t.subtree):
            return False  # "pacts with the US": the partner is a party, not part of the object
        if t.dep_ == "advmod" and t.lower_ in {"here", "there"}:
            return False  # "ended talks here"
        return True

    kept: list[Token] = []
    stack = [token]
    purpose = purpose_of(token, infinitive=True) if token.pos_ in {"NOUN", "PROPN"} else None
    if purpose is not None:
        stack.append(purpose)
    while stack:
        t = stack.pop()
        kept.append(t)
        for child in t.children:
            if allowed(child) and not (child.is_punct and child.i > token.i and not _joins_conjuncts(child)
                                       and not _inside_a_word(child)):
                stack.append(child)
    doc = token.doc
    ids = {t.i for t in kept}
    # the phrase must be contiguous: stop at the first gap after the head
    end = token.i + 1
    while end in ids:
        end += 1
    ids = {i for i in ids if i < end}
    # over the cap, the rightmost attachment goes first, wherever it hangs ("contract to develop
    # the Khurmala Dome field [in the north [of the country]]"), so the phrase stays a phrase
    while sum(not doc[i].is_punct and not doc[i].is_space for i in ids) > MAX_WHAT_WORDS:
        attached = [doc[i] for i in ids if i > token.i and doc[i].head.i < i and doc[i].dep_ in PRUNABLE_DEPS]
        if not attached:
            break
        ids -= {t.i for t in max(attached, key=lambda t: t.i).subtree} - {token.i}  # the head stays
    start, end = min(ids), max(ids) + 1
    span = doc[start:end]
    while len(span) > 1 and (span[0].is_punct or span[0].lower_ in {"a", "an", "the"}):
        span = doc[span.start + 1 : span.end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space or span[-1].dep_ in {"cc", "prep", "det"}):
        span = doc[span.start : span.end - 1]
    if sum(not t.is_punct for t in span) > MAX_WHAT_WORDS:
        span = doc[max(span.start, token.i - MAX_WHAT_WORDS + 1) : token.i + 1]
    if len(span) == 1 and span[0].pos_ in {"PRON", "DET", "NUM"}:
        return None
    return span


def goods_of(what: Span) -> Span | None:
    """The goods in a deal phrase, without its total quantity.

    "bids for about 90,000 barrels per day of crude oil from the Elk Hills
    Naval Petroleum Reserve" → "crude oil from the Elk Hills Naval Petroleum
    Reserve": the phrase a listed share of the deal keeps, each line giving
    its own quantity. None when the phrase names no quantity of something.
    """
    purpose = purpose_of(what.root)
    for token in [*what.root.subtree, *(purpose.subtree if purpose is not None else ())]:
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i != what.root.i:
            quantity = token.head.head
            for _ in range(3):  # "40,000 barrels per day of crude oil": the number is a hop or two up
                if quantity.like_num or quantity.ent_type_ == "QUANTITY" or any(
                        c.dep_ in {"nummod", "quantmod"} for c in quantity.children):
                    return _what(token, origin=True)
                if quantity.dep_ not in {"pobj", "prep"}:
                    break
                quantity = quantity.head
    return None


def _where(event: EventMention, index: PartyIndex, tokens: list[Token]) -> str | None:
    """A place attached with "in"/"at" to the deal's object or trigger."""
    parties = set(event.parties)
    for token in tokens:
        for pobj in _prep_objects(token, {"in", "at", "near"}):
            for head in _conjuncts(pobj):
                if head.ent_type_ in PLACE_LABELS:
                    ent = next((e for e in token.doc.ents if e.start <= head.i < e.end), None)
                    if ent is not None and index.by_token.get(head.i) not in parties:
                        return ent.text
                # "in Kumamoto" when the recognizer mislabelled the name
                if head.tag_ == "NNP" and head.ent_type_ in {"PERSON", ""} and event.type == "investment":
                    return head.text
    return None


def _lends(cluster) -> bool:
    """Whether a party's name makes it a lender: "Chemical Bank", "International Monetary Fund"."""
    return any(w in LENDER_WORDS for n in cluster.names for w in n.lower().replace(",", " ").split())


#: Modals of a plain future, and the words that make a clause a condition.
FUTURE_MODALS = {"will", "would", "'ll", "wo"}
CONDITIONS = {"if", "unless", "whether", "once", "when"}


def _announced_as_done(chain: list[Token], verb: Token | None) -> bool:
    """Whether the deal's own verb (``verb``, the chain's first) says only that it will happen: "will buy",
    "would sell", no "may" or "could", and not in a condition ("if it would sell")."""
    if verb is None or verb.lemma_.lower() == "be":
        return False  # "the Airbus plane order would be worth about 1.25 billion dlrs": a value, not a deal told
    if verb.dep_ in {"acl", "ccomp"} and verb.head.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False  # "the possibility that Washington and Tokyo will settle their trade dispute"
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in {"aux", "auxpass"}}
    if not auxes & FUTURE_MODALS or auxes & (MODALS - FUTURE_MODALS):
        return False
    near = [g for t in chain for c in t.children for g in (c, *c.children)]
    if any(proposed(n) for n in chain + near):
        return False  # "Under the proposed agreement, Greyhound will acquire"
    # "if it would sell", "would acquire Bendix if the board agreed"
    clauses = chain + [c for t in chain for c in t.children if c.dep_ == "advcl"]
    return not any(c.dep_ == "mark" and c.lower_ in CONDITIONS for t in clauses for c in t.children)


# -- the role rules ------------------------------------------------------------
def fill_arguments(event: EventMention, index: PartyIndex) -> list[EventMention]:
    """Fill one candidate's roles; it may split into several events.

    "France and Germany signed agreements with Taiwan" gives two events: a
    plural deal noun with coordinated parties on one side is one deal each.

    event (EventMention): a candidate from the candidates stage.
    index (PartyIndex): the article's parties.
    RETURNS (list[EventMention]): zero or more events with roles filled.
    """
    trigger = event.trigger
    chain = _chain(trigger)
    lemma = trigger.lemma_.lower()
    subjects, passive = _subject(chain)
    granters: list[Token] = []
    bid_owners = [p for p in trigger.head.children if p.dep_ == "poss"] if trigger.pos_ == "VERB" and (
        trigger.dep_ == "acl" and trigger.head.lemma_.lower() in OFFERS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)) else []
    if bid_owners:
        # "New York investor Martin Sosnoff's 725.2 mln dlr bid to buy the Caesars World common shares", "Acme
        # Corp's offer to buy Beta Inc was rejected": the bidder buys, whatever the clause says of the bid
        subjects, passive = bid_owners, False
    elif trigger.pos_ == "VERB" and trigger.dep_ == "acl" and trigger.head.lemma_.lower() in {"option", "right"} and (
            trigger.head.dep_ == "dobj" and trigger.head.head.lemma_.lower() in {"grant", "give", "offer"}) and (
            holders := [d for d in trigger.head.head.children if d.dep_ == "dative"]):
        # "Acme Corp granted Beta Inc an option to buy its Gamma unit": who is given the option would buy, from
        # whoever grants it
        subjects, passive = holders, False
        granters = [s for s in trigger.head.head.children if s.dep_ == "nsubj"]
    subject_parties = [c for s in subjects for c in _parties_in(s, index)]
    agent_parties = [c for a in _agents(chain) for c in _parties_in(a, index)]
    top_verb = next((t for t in chain if t.pos_ in {"VERB", "AUX"}), None)
    receiving = top_verb is not None and top_verb.lemma_.lower() in RECEIVING_VERBS and trigger.pos_ != "VERB"
    # "invited bids for its Beta Inc unit", "was seeking offers for the property": the subject sells what the
    # bids are for, to bidders not yet named (spec section 8: a sale with an unnamed buyer)
    solicited = (trigger.pos_ in {"NOUN", "PROPN"} and lemma in {"bid", "offer", "proposal"} and trigger.tag_ == "NNS"
                 and top_verb is not None and trigger.head.i == top_verb.i and top_verb.lemma_.lower() in SOLICITING)

    handed = signed_over(trigger) if lemma == "sign" else None  # "signed over his shareholding to X"

    # the object of the deal: a noun trigger heads it ("cooperation agreements":
    # the phrase's head noun); a verb's object is its dobj
    if trigger.pos_ in {"NOUN", "PROPN"}:
        obj_heads = [noun_phrase_head(trigger)]
        if lemma == "buyer" or solicited:  # "seeking a buyer for Stauffer Chemical Co": what is for sale
            obj_heads = _prep_objects(trigger, {"for"})[:1] or obj_heads
    else:
        obj_heads = [c for c in trigger.children if c.dep_ in {"dobj", "attr", "oprd"}]
        if trigger.dep_ == "relcl":
            # "Service America, which Allegheny acquired in May 1985": the relative pronoun's antecedent
            antecedent = trigger.head
            if antecedent.ent_type_ in PLACE_LABELS and antecedent.dep_ == "pobj" and antecedent.head.lower_ in {"of", "in"}:
                antecedent = antecedent.head.head  # "Stauffer Chemical Co of the U.S., which it acquired"
            obj_heads = [antecedent if o.tag_ in {"WDT", "WP"} else o for o in obj_heads]
        if not obj_heads and handed is not None and handed.pos_ in {"NOUN", "PROPN"}:
            obj_heads = [handed]  # "signed over his shareholding"
        if passive:
            obj_heads = subjects or obj_heads
    what_head = obj_heads[0] if obj_heads else None
    if what_head is not None and what_head.like_num and trigger.pos_ == "VERB":
        # "authorized $11.6 billion in grants and loans": the money's "in" phrase names it
        inner = _prep_objects(what_head, {"in", "of"})
        what_head = inner[0] if inner else what_head
    if what_head is not None and trigger.pos_ == "VERB" and lemma in SPENDING and (
            what_head.like_num or what_head.ent_type_ == "MONEY" or find_amounts(_subtree_text(what_head))):
        # "plans to invest 100m euros in marketing": what the money goes into names the deal
        into = [o for o in _prep_objects(trigger, {"in", "into"}) if o.ent_type_ not in PLACE_LABELS | {"DATE"}]
        what_head = into[0] if into else what_head

    if what_head is not None and trigger.pos_ == "VERB" and index.cluster_of(what_head) is not None:
        # "to supply Brazil with 125,000 barrels per day": Brazil is the party, the barrels the object
        supplied = _prep_objects(trigger, {"with"})
        what_head = supplied[0] if supplied else what_head

    # parties named inside the object: "its stake in X", "acquisition of X", "pact with X"
    targets: list[int] = []
    for head in obj_heads:
        if head.i == trigger.i:
            continue
        targets += _parties_in(head, index, deep=True)
    object_tokens = obj_heads + ([trigger] if trigger not in obj_heads else [])
    object_tokens += [c for t in list(object_tokens) for c in t.conjuncts if c.pos_ == "NOUN" and c not in object_tokens]
    for head in object_tokens:
        for pobj in _prep_objects(head, {"of", "in", "for"}):
            if pobj.head.lower_ == "for" and (pobj.like_num or pobj.lower_ in CURRENCY_WORDS):
                continue  # "for about 31.5 mln U.S. Dlrs": the price names no party
            found = _parties_in(pobj, index, deep=True)
            if pobj.head.lower_ == "of" and is_suffix(head) and (
                    index.cluster_of(head) is not None and pobj.ent_type_ in {"", "GPE", "LOC"}):
                # "buy I P Sharp Associates Ltd of Toronto": where a company is from, though the recognizer
                # missed the town and took it for a name
                found = []
            elif pobj.head.lower_ == "in" or index.cluster_of(head) is not None:
                # a place, not a party: "a TSMC factory in Kumamoto" (a name the recognizer calls a
                # person), "Stauffer Chemical Co of the U.S." (where a named company is from)
                # a place too, unless what is "in" it is a stake: "a stake in IPCL" (a name the recognizer
                # calls a place) is a stake in a company
                places = set() if head.lemma_.lower() in OWNED else PLACE_LABELS
                found = [c for c in found if not index.clusters[c].country_code
                         and index.clusters[c].label not in {"PERSON"} | places]
            targets += found
    # "Stauffer, which it acquired with the recent takeover of Chesebrough": the takeover's object is
    # a side of the same deal
    targets += [c for t in event.linked if t.pos_ == "NOUN" and t.lemma_.lower() not in SELLING
                and t not in object_tokens and t.i > trigger.i
                for p in _prep_objects(t, {"of"}) for c in _parties_in(p, index, deep=True)]
    purpose = purpose_of(trigger) if trigger.pos_ in {"NOUN", "PROPN"} else None
    if purpose is not None:  # "grants ... for an ambitious TSMC project": TSMC receives them
        targets += [c for pobj in purpose.children if pobj.dep_ == "pobj" for c in _parties_in(pobj, index)]
    partners = [c for t in object_tokens + chain[:3] for p in _prep_objects(t, PARTNER_PREPS) for c in _parties_in(p, index)]
    if trigger.pos_ in {"NOUN", "PROPN"}:
        # "signed an agreement under which Warner-Lambert Co's Chilcott Laboratories division will market
        # Gynex's line": who acts under the deal is a side of it
        partners += [c for t in _terms_clauses(trigger) for s in t.children if s.dep_ in {"nsubj", "nsubjpass"}
                     and s.pos_ != "PRON" for c in _parties_in(s, index)]
    sources = [c for t in object_tokens + chain[:3] for p in _prep_objects(t, {"from"}) for c in _parties_in(p, index)]
    # "the sale of its plants to Atlas Roofing", "a loan of 50 mln dlrs to Brazil": "to" on the "of" object
    of_objects = [p for t in object_tokens for p in _prep_objects(t, {"of"})]
    recipients = [c for t in object_tokens + chain[:3] + of_objects for p in _prep_objects(t, {"to"})
                  for c in _parties_in(p, index)]
    # the deal is a sale: its own word or the verb it hangs on sells
    selling = lemma in SELLING or (top_verb is not None and top_verb.lemma_.lower() in SELLING) or solicited
    if not recipients and selling:
        # "sold interests in two North Sea blocks and part of a third block to Midland and Scottish Resources
        # Ltd": the parser hangs the buyer on the last thing sold
        recipients = [c for h in obj_heads for t in h.subtree if t.dep_ == "prep" and t.lower_ == "to"
                      for p in t.children if p.dep_ == "pobj" for c in _parties_in(p, index)]
    if not recipients and selling:
        # "agreed to sell its unit for 24.9 mln dlrs to McCarthy Securities Ltd": the buyer hung on the price
        prices = [p for t in chain[:3] for p in _prep_objects(t, {"for"}) if any(g.like_num for g in p.children)]
        recipients = [c for p in prices for q in _prep_objects(p, {"to"}) for c in _parties_in(q, index)]
    # "gave RGC 10 mln dlrs in aid": the indirect object of the deal's verb, however deep the trigger
    own_verb = next((i for i, t in enumerate(chain) if t.pos_ in {"VERB", "AUX"}), 1)
    datives = [c for t in chain[:max(2, own_verb + 1)] for d in t.children if d.dep_ == "dative"
               for c in _parties_in(d, index)]
    if trigger.pos_ in {"NOUN", "PROPN"}:
        # "a contract to provide FLP Communications with voicemail systems": who is supplied
        datives += [c for v in trigger.children if v.dep_ in {"acl", "relcl"} and v.lemma_.lower() in SUPPLYING
                    and any(a.lower_ == "to" for a in v.children if a.dep_ == "aux")
                    for o in v.children if o.dep_ in {"dobj", "dative"} for c in _parties_in(o, index)]
    possessors = [c for t in object_tokens for p in t.children if p.dep_ == "poss" for c in _parties_in(p, index)]
    # whose business the "of" object names: "the sale of its 65 pct interest in Tel Plus to Siemens AG" (who
    # sells), "completed the acquisition of Clevite's Engine Parts Division" (who the unit is bought from),
    # "seeking to buy all of its outstanding shares" (whose shares)
    owners = [c for o in of_objects for p in o.children if p.dep_ == "poss"
              for c in _parties_in(p, index) if c not in recipients and c not in possessors]
    if selling and trigger.pos_ in {"NOUN", "PROPN"}:
        possessors += owners
        owners = []
    compounds = [c for t in object_tokens if t.pos_ == "NOUN" for p in t.children
                 if p.dep_ in {"compound", "nmod"} and p.tag_ in {"NNP", "NNPS"} for c in _parties_in(p, index)
                 if not (is_deal_noun(t) and _a_city(index.clusters[c]))]

    who: list[int] = []
    with_whom: list[int] = []
    kind = event.type
    actor = agent_parties if passive else subject_parties
    if passive and not agent_parties:
        actor = []
    patient = subject_parties if passive else []

    responding = top_verb is not None and top_verb.lemma_.lower() in RESPONDING_VERBS and trigger.pos_ != "VERB"
    # "a takeover proposal from Revlon", "an acquisition offer from Harcourt": the deal word modifies an offer
    bid = lemma in BIDS or (trigger.pos_ in {"NOUN", "PROPN"} and noun_phrase_head(trigger).lemma_.lower() in BIDS)
    # on a deal noun, "by" names who makes the deal
    nominal_agents = [c for t in object_tokens for p in _by_objects(t) for c in _parties_in(p, index)] \
        if trigger.pos_ in {"NOUN", "PROPN"} else []
    if bid:
        sources = sources + nominal_agents
    bidders = possessors + (sources if bid or kind == "funding" else [])
    if responding and bidders and kind in {"acquisition", "funding", "investment"}:
        # "USAir rejected TWA's takeover offer", "Gencorp rejected a bid from General
        # Partners": the bidder offers, the subject answers
        who = bidders
        with_whom = subject_parties + targets
    elif kind == "acquisition":
        if selling or handed is not None:
            # X sold Y to Z: Z acquires Y from X
            who = recipients
            with_whom = targets + patient + (actor if not passive else []) + possessors
            if passive:
                with_whom += agent_parties
        elif actor and (makers := list(dict.fromkeys((bidders if bid else []) + nominal_agents))) and not (
                set(makers) & set(actor)):
            # "WMC Resources has said it is worth more than a hostile bid by rival Xstrata", "Allied Domecq
            # could be the target of a takeover by Pernod Ricard": the bid's maker buys; the subject, who
            # only speaks of it, is its target
            who = makers
            bid_for = [c for t in chain[1:3] for p in _prep_objects(t, {"for"}) for c in _parties_in(p, index)]
            with_whom = targets + bid_for + actor + partners + compounds
        elif bid and not actor:
            # "a second bid has come from Siemens", "an offer from TWA": the bidder
            who = sources + possessors
            bid_for = [c for t in chain[1:3] for p in _prep_objects(t, {"for"}) for c in _parties_in(p, index)]
            with_whom = targets + bid_for + partners + patient + compounds
        elif lemma == "become" and (owner := unit_owner(trigger)) is not None:
            # "First Granite Bancorp Inc agreed in principle to become a wholly owned subsidiary of Magna Group
            # Inc": the owner buys the subject
            who = _parties_in(owner, index)
            with_whom = [c for c in actor + targets + partners if c not in who]
        elif lemma == "merge" and actor and (into := [c for p in _prep_objects(trigger, {"into"})
                                                      for c in _parties_in(p, index) if c not in actor]):
            # "First Federal Bank FSB ... to merge into BankEast Corp": the company merged into takes the other in
            who = into
            with_whom = actor + [c for c in targets + partners if c not in into and c not in actor]
        elif lemma in {"merge", "merger"} and not actor and (len(partners) > 1 or len(set(targets)) > 1):
            # "a merger between Rosneft and Gazprom", "the merger of Comsat and Contel": the first named leads
            sides = partners if len(partners) > 1 else list(dict.fromkeys(targets))
            who, with_whom = sides[:1], sides[1:] + [t for t in targets if t not in sides]
        elif trigger.pos_ in {"NOUN", "PROPN"} and possessors and _by_objects(trigger):
            # "talks on its possible purchase by a 'substantial U.S. company'": the deal noun's owner is bought,
            # by whom the "by" phrase names (no one, when it names no company)
            who = nominal_agents
            with_whom = possessors + [c for c in actor + targets + patient + sources + partners + compounds
                                      if c not in possessors and c not in who]
        else:
            # "Nippon Life's purchase of a stake": the deal noun's owner buys; "purchase Beaver Creek's
            # assets": the owner of a verb's object sells
            buyers = possessors if trigger.pos_ in {"NOUN", "PROPN"} and not actor else []
            if passive and not actor and not buyers and any(t.lemma_.lower() in {"talk", "negotiate", "discuss"}
                                                            for t in chain[1:4]):
                # "will continue to talk with Regal International Inc about being acquired": who talks with the
                # one to be bought would buy it
                buyers = [c for c in partners if c not in patient]
            who = actor + buyers
            with_whom = [c for c in targets + patient + sources + partners if c not in buyers] + [
                c for c in possessors if c not in buyers] + compounds + [c for c in owners if c not in actor + buyers]
            if receiving and not actor:
                who = subject_parties
    elif kind == "funding":
        if not recipients and any(_lends(index.clusters[c]) for c in partners + sources) and not any(
                _lends(index.clusters[c]) for c in actor):
            # "Mexico signed a loan agreement with the World Bank", "a 127 mln dlr loan, with Chemical Bank as the
            # lead agent", "had negotiated a loan from the Banque Industrielle": the lender is the partner or the
            # source; the subject borrows
            who = [c for c in partners + sources + compounds if c not in actor]
            with_whom = actor + possessors + [c for c in targets if c not in actor]
        elif receiving:
            who = sources + agent_parties + possessors + [c for c in partners if _lends(index.clusters[c])]
            # "the 500 mln dlr loan facility for South China Morning Post will be raised to 888 mln dlrs": with
            # the deal itself the subject, whom it is for receives it
            with_whom = subject_parties or (targets if passive else [])
        else:
            # "a 1.38 billion dlr IMF loan": a lender that names the loan makes it
            lenders = [c for c in compounds if _lends(index.clusters[c])] if not actor else []
            who = actor + possessors + sources + lenders
            with_whom = recipients + datives + targets + patient + partners + [c for c in compounds if c not in lenders]
    elif kind == "investment":
        who = actor + possessors
        with_whom = [c for c in targets + partners + compounds if index.clusters[c].label != "GPE"] + patient
    else:  # agreement
        # "the accord reached by OPEC last December": who made the deal
        who = actor + possessors + [c for c in nominal_agents if c not in actor] + (patient if not actor else [])
        with_whom = list(dict.fromkeys(
            partners + recipients + datives + sources + targets + compounds + (patient if actor else [])))
        if not who and compounds and any(c not in compounds for c in with_whom):
            # "special EC trade agreements with Tunisia, Egypt, ... and Jordan": the side that names the deal
            # faces those it is made with (one deal each, by the split below)
            who = compounds[:1]
            with_whom = [c for c in with_whom if c not in who]
        elif not who and with_whom and (len(with_whom) > 1 and lemma != "talks" or with_whom[0] in compounds):
            # "a pact between X and Y"; "U.S. negotiations on access to Japan": the named side acts
            who = with_whom[:1]
            with_whom = with_whom[1:]

    if kind == "acquisition":
        # "acquire RentCo Trailer Corp, a wholly owned subsidiary of Fruehauf Corp": the parent sells
        with_whom = with_whom + [c for c in _parents_of(obj_heads, index, with_whom) if c not in who]
        with_whom += [c for g in granters for c in _parties_in(g, index) if c not in who and c not in with_whom]

    # "four Florida banks", "New York investor Martin Sosnoff", "Belgium's leading producer": a place that
    # only describes a party or the goods is no side of the deal
    def a_side(cid: int) -> bool:
        return not _describes_only(cid, event.sent, index) and not regulator_aside(index.clusters[cid], trigger)

    who = [c for c in dict.fromkeys(who) if a_side(c)]
    with_whom = [c for c in dict.fromkeys(with_whom) if c not in who and a_side(c)]
    if kind == "agreement" and len(who) > 1 and not with_whom and (lemma in RECIPROCAL or trigger.lower_ in RECIPROCAL
                                                                    or trigger.tag_ not in {"NNS", "NNPS"}):
        # "The EC and the Soviet Union held talks": the two sides of one deal
        who, with_whom = who[:1], who[1:]
    elif kind == "acquisition" and lemma in MERGING and len(who) > 1 and not with_whom:
        # "Golden Rule Resources Ltd and Goldsil Resources Ltd agreed to merge": the first named is
        # the side that acts, as in "a merger between Rosneft and Gazprom"
        who, with_whom = who[:1], who[1:]
    event.who, event.with_whom = who, with_whom
    if event.status == "planned" and event.cue is None and who and with_whom and _announced_as_done(chain, top_verb):
        # "Santos Ltd said it would buy Total Exploration Australia from Total Holdings": a deal told in the
        # future with both its sides named is announced as done
        event.status = "agreed"
    if what_head is not None and what_head.i == trigger.i and (
            trigger.lemma_.lower() in ABSTRACT_DEALS or trigger.lower_ in ABSTRACT_DEALS):
        # "talks on establishing diplomatic relations": the topic names the deal
        topic = _prep_objects(trigger, {"on", "over", "about", "for", "in"})
        topic = [t for t in topic if t.ent_type_ not in {"GPE", "DATE"} and index.cluster_of(t) is None]
        if topic:
            what_head = topic[0]
    event.what = _what(what_head) if what_head is not None else None
    if event.what is not None and event.what.start <= trigger.i < event.what.end and trigger.pos_ == "VERB":
        event.what = None
    place_tokens = [t for t in (obj_heads + [trigger]) if t is not None]
    if purpose is not None:
        place_tokens += [c for c in purpose.children if c.dep_ == "pobj"]
    event.where = _where(event, index, place_tokens)
    event.when_span = time_expression(event, chain, index)
    event.features["parties"] = len(event.parties)
    event.features["subject"] = float(bool(subject_parties or agent_parties))
    event.features["what"] = float(event.what is not None)
    if not event.parties and not is_anaphoric(event):
        return []
    return _split(event, obj_heads[0] if obj_heads and trigger.pos_ != "VERB" else trigger)


def _terms_clauses(noun: Token) -> list[Token]:
    """The relative clauses that give a deal noun's terms: "an agreement under which X will ...", "a deal whereby"."""
    return [c for c in noun.children if c.dep_ == "relcl" and any(
        t.lower_ == "whereby" or t.lower_ == "under" and t.i + 1 < len(noun.doc) and noun.doc[t.i + 1].lower_ == "which"
        for t in c.subtree if t.i < c.i)]


def _parents_of(heads: list[Token], index: PartyIndex, sellers: list[int]) -> list[int]:
    """The companies that own a company the deal's object names, by an apposition: "all the stock of RentCo
    Trailer Corp, a wholly owned subsidiary of Fruehauf Corp" → Fruehauf Corp (of the sides in
    ``sellers`` only: not "sold systems to Douglas Aircraft Co, a unit of McDonnell Douglas Corp")."""
    found: list[int] = []
    for head in heads:
        for token in head.subtree:
            if index.cluster_of(token) not in sellers or _under_to(token, head):
                continue
            for appos in (c for c in token.children if c.dep_ == "appos" and c.lemma_.lower() in UNITS):
                found += [c for p in _prep_objects(appos, {"of"}) for c in _parties_in(p, index)]
    return list(dict.fromkeys(found))


def _under_to(token: Token, head: Token) -> bool:
    """Whether a "to" phrase between ``head`` and ``token`` (one of its subtree) names ``token``: a recipient."""
    node = token
    while node.i != head.i:
        if node.dep_ in {"prep", "dative"} and node.lower_ == "to":
            return True
        node = node.head
    return False


#: What a place may own: "the state's 26 pct stake", "Britain's holding in BP" (the place is a seller).
OWNED = {"stake", "interest", "holding", "holdings", "share", "shares", "stock", "asset", "assets", "unit",
         "subsidiary", "division", "operation", "operations", "business", "businesses", "plant", "arm", "debt"}


def _describes_only(cid: int, sent: Span, index: PartyIndex) -> bool:
    """Whether a place names only where something is from in the sentence, never a side.

    Each of its mentions modifies a word that is no deal ("four Florida banks", "New York investor
    Martin Sosnoff", "a Minnesota-based bank") or possesses one that is not owned property ("Belgium's
    leading producer of chocolate", "India's United Breweries"). A place that modifies a deal word
    ("a U.S.-Japan trade pact") or owns a stake ("the government's stake") stays a side.
    """
    cluster = index.clusters[cid]
    if cluster.label not in PLACE_LABELS and not cluster.country_code:
        return False
    roots = [t for t in sent if index.by_token.get(t.i) == cid and index.by_token.get(t.head.i) != cid]
    if not roots:
        return False
    for root in roots:
        head = root.head
        deal_word = is_deal_noun(head) or head.lower_ in DEAL_HEADS
        if root.dep_ in {"compound", "amod", "nmod", "npadvmod"} and head.i != root.i and not deal_word:
            continue
        if root.dep_ == "poss" and not deal_word and head.lemma_.lower() not in OWNED and head.lower_ not in OWNED:
            continue
        return False
    return True


def _split(event: EventMention, trigger: Token) -> list[EventMention]:
    """One event per party when a plural deal noun has coordinated parties on one side.

    The deal noun is the trigger ("agreements with France and Germany") or the object of a verb
    trigger ("signed contracts with A and B"); any other plural object is one deal's goods ("sell
    the stations in Philadelphia, Washington and Miami", "acquire the Club, Melrose and Chase brands").
    """
    plural = trigger.tag_ in {"NNS", "NNPS"} or any(
        t.tag_ in {"NNS"} and t.dep_ in {"dobj", "nsubjpass"}
        and is_deal_noun(t) and t.lemma_.lower() not in OWNED for t in trigger.children
    )  # "sold interests in two North Sea blocks ... to Midland": what is sold, not deals one each
    if not plural:
        return [event]
    if trigger.lemma_.lower() in RECIPROCAL or trigger.lower_ in RECIPROCAL:
        return [event]  # "X and Y held talks": one negotiation between them
    for role in ("who", "with_whom"):
        parties = getattr(event, role)
        if len(parties) > 1:
            return [replace(event, features=dict(event.features), **{role: [cid]}) for cid in parties]
    return [event]

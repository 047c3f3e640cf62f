"""Stage 1: find the words that signal events, and decide type and status.

A sentence may hold several trigger words for one deal: in "Norton agreed to
sell its unit", *agree* and *sell* are one event; in "France signed a
cooperation pact", *sign* and *pact* are one. Triggers linked through the
parse (objects, complements, prepositions, compounds, coordinated nouns) are
grouped; the most specific word gives the type (*sell* over *agree*, *loan*
over *agreement*), and the cue words along the path to the clause's verb give
the status (*will*, *plans* → planned; *talks* → negotiating; *rejected*,
*called off* → rejected; a completed past tense → agreed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    AGAINST_VERBS,
    AGREED_CUES,
    CONSTRUCTION_VERBS,
    FAILED_MODIFIERS,
    NEGOTIATING_CUES,
    NOUN_TRIGGERS,
    OFFERS,
    PLANNED_CUES,
    REJECTED_CUES,
    REJECTED_PARTICLES,
    REPORTING_VERBS,
    SEEING_OFF,
    UNIT_NOUNS,
    VERB_TRIGGERS,
    WEAK_NOUNS,
)
from .coref import NAME_HEADS, is_suffix
from .mentions import EventMention
from ..normalization.money import _number, find_amounts
from .stage import Stage

#: Dependency relations through which two triggers form one event.
LINK_DEPS = {"dobj", "xcomp", "pobj", "prep", "compound", "amod", "nmod", "attr", "acl",
             "nsubjpass", "advcl", "oprd", "relcl", "pcomp", "appos", "npadvmod", "dative", "agent"}
#: Most specific type first: it wins when one event has triggers of several types.
TYPE_PRIORITY = ("acquisition", "funding", "investment", "agreement")
#: Modifiers that mark a deal noun rejected: "the abandoned merger", "a failed bid".
REJECTED_MODIFIERS = REJECTED_CUES | FAILED_MODIFIERS | {"abort"}
#: Verbs that schedule what their complement says: "is set to merge", "is due to sign".
SCHEDULED = {"set", "due", "poise", "expect", "slate", "schedule", "likely"}
PLANNED_MODIFIERS = {"propose", "proposed", "plan", "planned", "possible", "potential", "prospective", "intend",
                     "intended", "draft", "future", "attempt", "attempted"}
MODALS = {"will", "would", "may", "might", "could", "should", "shall", "can", "'ll", "wo"}
#: Words after a "sell"/"buy" that make it a supply deal, not a company changing hands.
COMMODITY_WORDS = {"tonne", "tonnes", "ton", "tons", "barrel", "barrels", "bpd", "wheat", "corn",
                   "grain", "oil", "crude", "sugar", "coffee", "cocoa", "rice", "soybean", "soybeans",
                   "maize", "barley", "cotton", "gas", "coal", "copper", "aircraft", "jet", "jets",
                   "plane", "planes", "ship", "ships", "product", "products", "bushel", "bushels",
                   "ounce", "ounces", "lb", "lbs", "cattle", "beef", "steel", "weapon", "weapons",
                   "arms", "missile", "missiles", "tank", "tanks", "car", "cars", "truck", "trucks",
                   "computers", "chips", "software", "power", "electricity"}
#: Entity labels of names: a commodity word inside one is part of the name ("Continental Gas Association").
NAME_ENTITIES = {"ORG", "PERSON", "FAC", "PRODUCT", "GPE"}
#: Objects that mean a market trade, not a deal: "investors bought shares".
MARKET_WORDS = {"share", "shares", "stock", "stocks", "bond", "bonds", "note", "notes", "futures",
                "contracts", "securities", "paper", "dollar", "dollars", "yen", "currency", "currencies",
                "gold", "unit", "units", "bill", "bills"}


#: Nouns a deal word may modify and still name a deal: "takeover offer", "merger talks".
DEAL_HEADS = {"offer", "proposal", "plan", "talks", "negotiation", "terms", "approval", "announcement",
              "bid", "package", "program", "programme", "scheme", "line", "facility", "attempt", "battle",
              "approach", "price", "cost", "value", "fight"}


def trigger_type(token: Token) -> str | None:
    """The event type a single token signals, or None.

    token (Token): any token.
    RETURNS (str | None): agreement, acquisition, investment or funding.
    """
    kind, veto = classify(token)
    return kind if veto is None else None


def lexical_type(token: Token) -> str | None:
    """The type of a trigger word the rules vetoed only for want of structure.

    The wide net of the learned pipeline ("relaxed" candidates): a word such
    as "invest" with no object, a weak noun without support, talks the parse
    ties to no deal — a candidate the rules were unsure of, kept and marked
    ``features["vetoed"]`` for the trained event model to judge. Words vetoed
    for their sense (a quote, a trade total, a deal referred to, a name) stay out.
    """
    kind, veto = classify(token)
    return kind if veto == SOFT else None


#: The veto of a trigger word that lacks the structure of a deal (not one used in another sense).
SOFT = "soft"


#: What the arrangers of a company's own bond or share issue do to it (spec section 8: no event).
MANAGING_VERBS = {"manage", "comanage", "colead", "underwrite", "leadmanage"}


def _inside_a_company_name(token: Token) -> bool:
    """Whether a word stands inside an organization's name that ends with a corporate suffix or an
    organization's head noun, after it: "Loan" in "Financial Security Savings and Loan Association"."""
    if token.ent_type_ != "ORG":
        return False
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return end > token.i + 1 and (is_suffix(token.doc[end - 1]) or token.doc[end - 1].lower_ in NAME_HEADS)


def classify(token: Token) -> tuple[str | None, str | None]:
    """The type a token signals and the rules' veto of it, if any.

    RETURNS (tuple[str | None, str | None]): (type, None) for a trigger the
        rules accept; (type, ``SOFT``) for one they veto for want of structure;
        (None, None) for anything else, a word in another sense included.
    """
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in {"VERB"} or (token.pos_ == "AUX" and lemma in VERB_TRIGGERS):
        particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
        if lemma == "take" and "over" in particles:
            # "the Danes take over in July": taking over an office, not a company
            objects = _object_words(token)[0]
            if any(o.lower_ in OFFICES_TAKEN for o in objects):
                return None, None  # "he took over the reins in Europe": a post
            return "acquisition", None if objects else SOFT
        if _someone_who_would(token):
            return None, None  # "the rights become exercisable if an entity acquires 20 pct of its shares": a condition
        if lemma == "award" and _awards_no_deal(token):
            return None, None  # "has been awarded a star on the Walk of Fame", "awarded Hazell his first start"
        if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in token.children):
            return None, None  # "it had purchased no additional Fairchild shares": nothing bought
        if lemma == "become" and unit_owner(token) is not None:
            return "acquisition", None  # "agreed in principle to become a wholly owned subsidiary of Magna Group Inc"
        if lemma == "merge" and _merges_into_itself(token):
            return None, None  # "it would merge into a Delaware corporation": a reincorporation, no counterparty
        if lemma == "sign" and particles & {"up", "on"}:
            return None, None  # "signing up for broadband": a customer, not a party to a deal
        if lemma == "sign" and signed_over(token) is not None:
            return "acquisition", None  # "signed over his shareholding to a fellow investor": a transfer
        if lemma in CONSTRUCTION_VERBS:
            return (CONSTRUCTION_VERBS[lemma], None) if CONSTRUCTIONS[lemma](token) else (None, None)
        kind = VERB_TRIGGERS.get(lemma)
        if kind == "agreement" and (_agrees_to_a_post(token) or _agrees_on_a_text(token)
                                    or (lemma == "agree" and _agrees_with_a_view(token))):
            return None, None
        if lemma == "invest" and not any(c.dep_ in {"dobj", "prep", "dative", "npadvmod"} for c in token.children):
            return kind, SOFT  # "borrowing only to invest": investing in general, nothing and nowhere
        if kind == "funding" and token.dep_ != "amod" and not _funds_something(token):
            return kind, SOFT
        if lemma in TRADE_VERBS and _running_total(token):
            return None, None  # "has sold more than three mln tonnes to Japan in the past three years"
        if kind == "acquisition" and (_instrument_terms(token) or (lemma in TRADE_VERBS and _bare_trading(token))):
            return None, None  # a warrant's terms; dealers buying and selling in a market
        if kind == "acquisition" and lemma in BUYING_BACK and _own_shares(token):
            return None, None  # "will buy up to 54 pct of its own outstanding shares": a buy-back, no counterparty
        if kind == "acquisition" and lemma in {"buy", "sell", "purchase"} and not _trades_a_business(token):
            return ("agreement", None) if _has_counterparty(token) else (kind, SOFT)
        if lemma in {"export", "import"} and not _trades_with_someone(token):
            return kind, SOFT  # "to export some of that knowhow": a trade flow, no counterparty
        return kind, None
    if token.pos_ in {"NOUN", "PROPN"}:
        if token.ent_type_ == "PERSON":
            return None, None  # "Bernie Grant", "Mr Bond": a name, not a deal
        if _inside_a_company_name(token):
            return None, None  # "Jefferson Savings and Loan Association", "Hanson Acquisition Corp": a name
        if lemma in NAMED_BODIES and token.text[:1].isupper() and token.ent_iob_ == "I":
            return None, None  # "the Liberal-Social Democratic Alliance", "the Warsaw Pact": a body's name
        if token.dep_ == "dobj" and token.head.lemma_.lower().replace("-", "") in MANAGING_VERBS:
            return None, None  # "Shearson Lehman co-managed the deal": arrangers of an issue (spec section 8)
        if lemma == "partnership" and token.dep_ == "appos" and any(
                c.lower_ in INVESTING_FIRMS for left in token.lefts for c in left.subtree):
            return None, None  # "Charter Oak Partners, a Connecticut investment partnership": what the firm is
        if lemma in {"offer", "proposal", "approach"} and _offer_for_company(token):
            return "acquisition", None
        noun = lemma if lemma in NOUN_TRIGGERS else lower
        kind = NOUN_TRIGGERS.get(noun)
        if kind is None:
            return None, None
        if lemma == "sale" and _sales_figures(token):
            return None, None  # "Toyota announces higher domestic car sales": results, not a sale
        if lemma == "contract" and _counted_in_thousands(token):
            return None, None  # "volume rose to 2.8 mln contracts": futures traded, not deals
        if noun in WEAK_NOUNS and not _weak_noun_supported(token, WEAK_NOUNS[noun]):
            return kind, SOFT
        if any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for c in token.children):
            return None, None  # "any EC-Comecon agreement", "all big loans", "no acceptable bids": no particular deal
        if lemma in {"bid", "offer"} and any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in CONTESTS
                                             for c in token.children):
            return None, None  # "New Labour's next general election bid": a try at winning, not an offer to buy
        if lemma in {"bid", "offer"} and any(o.lemma_.lower() in CONTESTS or o.lower_ in {"games", "olympics"}
                                             for o in prep_objects(token, {"for"})):
            return None, None  # "London's bid for the 2012 Games": a try at hosting, not an offer to buy
        if lemma == "bid" and token.dep_ == "pobj" and token.head.lower_ == "in" and _infinitive(token):
            # "in a bid to boost sales": an attempt, not an offer (a deal verb after it is its own trigger)
            return None, None
        if lemma in {"bid", "offer"} and any(c.dep_ in {"nummod", "compound"} and c.like_num for c in token.children) \
                and not find_amounts(token.sent.text[token.left_edge.idx - token.sent.start_char:
                                                     token.idx + len(token) - token.sent.start_char]):
            return None, None  # "making a market in Gencorp at 100 bid and 115 offered": a quote, not an offer to buy
        if noun in MASS_NOUNS and _unquantified(token):
            return kind, SOFT  # "attracting huge foreign investment": investment in general
        if any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in MARKET_OPERATIONS for c in token.children):
            return None, None  # "System repurchase agreements": a market operation, not a deal
        if kind == "funding" and _provisioned(token):
            return None, None  # "a 500 mln dlr reserve for Third World loans", "its loans to Brazil were 504 mln dlrs"
        if kind == "funding" and _helps_the_money_market(token):
            return None, None  # "had given the money market a further 152 mln stg assistance": routine (spec 8)
        if _in_the_event_of(token):
            return None, None  # "benefits for employees in the event of a hostile takeover": a condition, not a deal
        if token.dep_ == "pobj" and token.head.lower_ in REFERENCE_PREPS:
            return None, None  # "in default under its credit agreement": a deal referred to, not reported
        if token.dep_ == "pobj" and token.head.head.lemma_.lower() in REFERENCE_HEADS:
            return None, None  # "contrary to the 1994 Energy Charter Treaty", "in breach of the accord"
        if noun in {"talks", "negotiation", "negotiations", "discussion"} and not _talks_about_a_deal(token):
            return kind, SOFT
        # "investment bankers", "contract period": a modifier of a noun that is no deal
        if token.dep_ in {"compound", "nmod"} and token.head.lemma_.lower() in PRICE_HEADS:
            return None, None  # "cut its contract prices for crude oil": a price, not a deal
        if token.dep_ in {"compound", "nmod"} and token.head.pos_ in {"NOUN", "PROPN"}:
            # "merger talks": the head's own form may be the trigger word ("talks", lemma "talk")
            if not (is_deal_noun(token.head) or token.head.lemma_.lower() in DEAL_HEADS or token.head.lower_ in DEAL_HEADS):
                return kind, SOFT
        return kind, None
    return None, None


#: Who a condition supposes: "if any person acquires 20 pct", "after an entity buys 15 pct".
ANYONE = {"entity", "person", "party", "group", "individual", "anyone", "anybody", "someone", "somebody", "acquirer",
          "acquiror", "bidder", "investor", "holder", "shareholder", "stockholder"}


def _someone_who_would(verb: Token) -> bool:
    """Whether a deal verb only states a condition about no one in particular: "the rights become exercisable
    if an entity acquires 20 pct or more of its shares" (a shareholder rights plan), "after any person buys"."""
    if not any(c.dep_ == "mark" and c.lower_ in {"if", "after", "when", "unless", "once", "until", "should"}
               for c in verb.children):
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in ANYONE and (
        c.pos_ == "PRON" or any(d.dep_ == "det" and d.lower_ in {"a", "an", "any", "another"} for d in c.children))
               for c in verb.children)


def _in_the_event_of(noun: Token) -> bool:
    """Whether a deal noun names a condition: "in the event of a hostile takeover", "in case of a merger"."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.lower_ not in {"event", "case"}:
        return False
    return of.head.dep_ == "pobj" and of.head.head.lower_ == "in"


def _awards_no_deal(verb: Token) -> bool:
    """Whether "award" gives an honour or a place, not a contract: its object is neither a deal word nor a sum."""
    # what is awarded: the object, or the subject of a passive ("the non-fiction prize was awarded to Kevin Boyle")
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if any(g.ent_type_ == "ORG" for c in verb.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
           for g in c.children if g.dep_ == "pobj"):
        return False  # "awarded the work to Bechtel": a contract to a company
    return bool(objects) and not any(
        is_deal_noun(o) or o.ent_type_ == "MONEY" or o.like_num or any(g.like_num for g in o.children)
        or o.lemma_.lower() in AWARDED for o in objects)


def is_deal_noun(token: Token) -> bool:
    """Whether a word names a deal by its lemma or its own form ("talks": lemma "talk")."""
    return token.lemma_.lower() in NOUN_TRIGGERS or token.lower_ in NOUN_TRIGGERS


def _governing_verb(token: Token) -> Token:
    """The token itself if a verb, else the nearest verb above it (the root if none is)."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return verb


def proposed(noun: Token) -> bool:
    """Whether a planning word modifies a noun: "the proposed agreement", "a possible merger"."""
    return any(c.dep_ in {"amod", "compound"} and c.lemma_.lower() in PLANNED_MODIFIERS for c in noun.children)


def _helps_the_money_market(token: Token) -> bool:
    """A central bank's help to the money market, a routine operation (spec section 8): the funding
    word's verb gives it to "the money market" or "the market"."""
    verb = _governing_verb(token)
    return any(t.lower_ == "market" and t.dep_ in {"dative", "dobj", "pobj"} and verb.i in {t.head.i, t.head.head.i}
               for t in verb.subtree if t.i != token.i)


#: What a bank sets aside against the loans it holds, or states of them: no lending.
PROVISIONS = {"reserve", "reserves", "provision", "provisions", "loss", "losses", "write-off", "writeoff",
              "writedown", "write-down", "exposure", "exposures", "portfolio", "arrears", "allowance"}


def _provisioned(token: Token) -> bool:
    """Loans a bank provides for or reports, not loans it makes: "its loan loss reserve", "a reserve for Third
    World loans", "credit losses related to Third World loans", "its loans to Brazil were 504 mln dlrs"."""
    node = token
    for _ in range(4):
        if node.dep_ not in {"compound", "pobj", "prep", "amod", "acl", "nmod"} or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in PROVISIONS or node.lower_ in PROVISIONS:
            return True
    verb = token.head
    return token.dep_ == "nsubj" and verb.lemma_ == "be" and any(
        c.dep_ in {"attr", "acomp"} and (c.ent_type_ == "MONEY" or c.like_num or any(g.like_num for g in c.children))
        for c in verb.children)


#: Nouns a deal word may modify without being a deal: "contract prices", "loan rates".
PRICE_HEADS = {"price", "rate", "level", "tariff"}
#: Verbs by which a company may buy its own shares back.
BUYING_BACK = {"buy", "purchase", "repurchase", "acquire"}


#: Modifiers that make "sales" a figure of trade, not a deal: "higher domestic car sales", "retail sales".
SALES_FIGURES = {"higher", "lower", "record", "domestic", "retail", "annual", "total", "overall", "monthly",
                 "weekly", "worldwide", "strong", "weak", "net", "gross", "first-quarter", "quarterly", "unit",
                 "vehicle", "new-car", "same-store", "comparable", "export", "import"}


def _sales_figures(token: Token) -> bool:
    """Whether plural "sales" are a figure ("higher domestic car sales"), not a deal: a figure's modifier
    or goods, and no "of" or "to" naming what is sold or to whom ("sales of wheat to Iraq" stay)."""
    if token.tag_ not in {"NNS", "NNPS"} or prep_objects(token, {"of", "to"}):
        return False
    return any(c.dep_ in {"amod", "compound", "nmod"} and (c.lower_ in SALES_FIGURES or c.lower_ in COMMODITY_WORDS
                                                         or c.lemma_.lower() in COMMODITY_WORDS)
               for c in token.children)


#: Deal words that end the name of a body, capitalized inside the recognizer's name: "the Liberal-Social
#: Democratic Alliance" (a party), "the Warsaw Pact".
NAMED_BODIES = {"alliance", "pact"}
#: Words that scale a number up: "2.8 mln contracts".
_SCALES = {"mln", "million", "bln", "billion", "thousand"}


def _counted_in_thousands(token: Token) -> bool:
    """Whether a plural noun counts a thousand or more of itself: "2.8 mln contracts", "14,000 contracts" (a
    market's volume), not "two contracts" or "contracts for 500 aircraft"."""
    if token.tag_ not in {"NNS", "NNPS"}:
        return False
    for child in token.children:
        if child.dep_ not in {"nummod", "quantmod", "amod", "compound"}:
            continue
        words = [t for t in child.subtree if t.i < token.i]
        if any(t.lower_ in _SCALES for t in words):
            return True
        if any(t.like_num and (n := _number(t.text)) is not None and n >= 1000 for t in words):
            return True
    return False


def _joins_forces(token: Token) -> bool:
    """ "are joining forces to develop flat screens": a partnership."""
    return any(c.dep_ == "dobj" and c.lower_ == "forces" for c in token.children)


def _hands_over_a_business(token: Token) -> bool:
    """ "transferring its operations to Sharp": a sale."""
    return _trades_a_business(token) and bool(prep_objects(token, {"to"}))


def _orders_goods(token: Token) -> bool:
    """ "ordered 30 Airbus A320 planes": a counted quantity of goods, not a command ("ordered an inquiry",
    "ordered the company to pay")."""
    if any(c.dep_ in {"xcomp", "ccomp"} for c in token.children):
        return False
    return any(c.dep_ == "dobj" and (c.lower_ in COMMODITY_WORDS or c.lemma_.lower() in COMMODITY_WORDS)
               and any(n.dep_ == "nummod" for n in c.children) for c in token.children)


#: The construction in which each of ``lexicon.CONSTRUCTION_VERBS`` is a deal.
CONSTRUCTIONS = {"join": _joins_forces, "order": _orders_goods, "transfer": _hands_over_a_business}


def _infinitive(token: Token) -> bool:
    """Whether a noun takes a to-infinitive: "a bid to boost sales"."""
    return any(c.dep_ in {"acl", "relcl"} and c.pos_ in {"VERB", "AUX"}
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in token.children)


#: Who acts for a company itself: "its board authorized management to buy up to six mln shares".
COMPANY_ORGANS = {"management", "company", "board", "directors"}


def _buys_its_stock(verb: Token) -> bool:
    """"it will purchase up to a maximum of 403,828 of its common shares on the Toronto Stock Exchange", "its board
    authorized management ... to buy up to six mln shares of the company's common stock": a company ("it", its
    management) buying its own stock from no one named, on a market."""
    subject = _clause_subject(verb)
    scope = [w for c in verb.children if c.dep_ in {"dobj", "prep", "prt"} for w in c.subtree]
    on_a_market = any(w.lower_ in {"exchange", "bourse", "market"} and _a_market(w) for w in scope)
    if not (on_a_market or subject is not None and (
            subject.lower_ in {"it", "they"} or subject.lemma_.lower() in COMPANY_ORGANS)):
        return False  # "it will purchase", its "management", or whoever buys the company's shares on a market
    if any(w.dep_ == "prep" and w.lower_ == "from" and w.head.i == verb.i for w in scope):
        return False  # "will purchase its shares from Beta Inc"
    if any(w.ent_type_ in {"ORG", "PERSON", "GPE"} and not _a_market(w) for w in scope):
        return False  # "buy its shares in Beta Inc": its holding of another company
    return any(w.lemma_.lower() in {"share", "stock"} and any(
        p.dep_ == "poss" and (p.lower_ in {"its", "their"} or p.lemma_.lower() == "company" and any(
            d.dep_ == "det" and d.lower_ == "the" for d in p.children)) for p in w.children) for w in scope)



def unit_owner(verb: Token) -> Token | None:
    """Whose unit a company "becomes": the name after "of" in "to become a wholly owned subsidiary of Magna
    Group Inc" (an acquisition by Magna); None when "become" says anything else ("became chairman of"), or
    when what becomes the unit is no company ("branches ..., all of which will become part of Norstar Bank":
    the bought bank's integration, a step of the deal told before)."""
    subject = _clause_subject(verb)
    if subject is None or not (subject.ent_type_ == "ORG" or subject.pos_ == "PROPN" or subject.lower_ == "it"):
        return None
    for attr in verb.children:
        if attr.dep_ != "attr" or attr.lemma_.lower() not in UNIT_NOUNS:
            continue
        owner = next((g for p in attr.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj"), None)
        if owner is not None and owner.ent_type_ in {"ORG", "PERSON", "GPE"}:
            return owner
    return None


#: What a company merges into when it only changes its form: "a Delaware corporation", "its main subsidiary".
SHELLS = {"corporation", "company", "subsidiary", "unit", "entity", "concern"}


def _merges_into_itself(verb: Token) -> bool:
    """"it would merge into a Delaware corporation", "to merge the company into its main subsidiary,
    reincorporate in Delaware": a company merging into a shell or a unit of its own, which names no one
    else (spec section 1: no counterparty); not "merge into BankEast Corp" nor "into a unit of Gamma Inc"."""
    into = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "into" for g in c.children
            if g.dep_ == "pobj"]
    return bool(into) and all(
        o.lemma_.lower() in SHELLS and o.pos_ == "NOUN"
        and any(c.lower_ in {"a", "an", "its", "their"} for c in o.children if c.dep_ in {"det", "poss"})
        and not any(t.ent_type_ in {"ORG", "PERSON"} for t in o.subtree) for o in into)


def _a_market(word: Token) -> bool:
    """Whether a name is the market a trade is made on: "on the Toronto Stock Exchange"."""
    top = word
    while top.dep_ in {"compound", "amod", "det"} and top.head.i != top.i:
        top = top.head
    return top.lower_ in {"exchange", "bourse", "market"} and top.head.lower_ in {"on", "in", "through"}


def _own_shares(token: Token) -> bool:
    """Whether the verb's object is the buyer's own stock: "its own outstanding common shares"; or stock
    bought back from no one named: "has bought back about 16 mln shares of common stock" (not "bought back
    Goldsmith's stock")."""
    objects, _ = _object_words(token)
    if any(w.lower_ == "own" and w.i > 0 and w.doc[w.i - 1].tag_ == "PRP$" for o in objects for w in o.subtree):
        return True
    if _buys_its_stock(token):
        return True
    back = token.lemma_.lower() == "repurchase" or any(
        c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in token.children)
    return back and bool(objects) and all(o.lemma_.lower() in {"share", "stock"} for o in objects) and not any(
        w.ent_type_ in {"ORG", "PERSON", "GPE"} or w.dep_ == "poss" and w.pos_ != "PRON"
        for o in objects for w in o.subtree) and not any(
        c.dep_ == "prep" and c.lower_ == "from" for c in token.children)


def signed_over(token: Token) -> Token | None:
    """What "signed over" hands over ("signed over his shareholding"), or None.

    The parser reads "over" as a particle or as a preposition; "signed over
    the weekend" is a time, not a transfer.
    """
    for child in token.children:
        if child.lower_ != "over" or child.i != token.i + 1:
            continue
        if child.dep_ == "prt":
            return next((c for c in token.children if c.dep_ == "dobj"), child)
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "prep" and pobj is not None and pobj.ent_type_ not in {"DATE", "TIME"}:
            return pobj
    return None


#: Determiners that make a deal noun generic or absent: "any agreement", "all loans", "no bids".
GENERIC_DETERMINERS = {"any", "every", "all", "no"}
#: What a "bid" tries to win when it is no offer for a company.
CONTESTS = {"election", "leadership", "presidential", "re-election", "reelection", "title", "championship",
            "record", "medal", "olympic", "cup", "nomination", "campaign", "comeback", "promotion",
            # "Charvis set to lose fitness bid"
            "fitness", "qualification", "qualifying", "playoff", "play-off", "slam", "treble", "survival", "relegation"}


def _agrees_with_a_view(token: Token) -> bool:
    """'"... softness in the second quarter," agreed Allan Leslie'; 'agreed that it was not typical'.

    Agreeing with what someone said: a quote or a that-clause and nothing agreed on, to or with.
    """
    if any(c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pcomp" and g.lemma_.lower() in OPINION_VERBS
                                                         for g in c.children) for c in token.children):
        return True  # "analysts agreed with Chicago Mercantile Exchange floor traders in calling the report negative"
    if any(c.dep_ in {"xcomp", "dobj"} or (c.dep_ == "prep" and c.lower_ in {"to", "on", "upon", "with"})
           for c in token.children):
        return False
    if any(c.dep_ in {"ccomp", "parataxis"} for c in token.children):
        return True
    return token.dep_ in {"parataxis", "ccomp"} and any(t.is_quote for t in token.sent)


#: Verbs of judging that make agreeing with someone sharing a view: "agreed with floor traders in calling".
OPINION_VERBS = {"call", "say", "describe", "predict", "expect", "forecast", "see", "view", "regard", "believe",
                 "think", "characterize", "characterise", "label", "judge", "estimate"}


#: Posts a person agrees to take: an appointment, not a deal.
POSTS = {"job", "post", "position", "role", "seat", "office", "chairmanship", "presidency", "governorship",
         "portfolio"}


#: Texts a body agrees on among its members: a decision or a vote, not a deal with a party (spec 1).
TEXTS = {"directive", "law", "bill", "legislation", "resolution", "budget", "regulation", "regulations",
         "motion", "amendment", "amendments", "statement", "communique", "wording", "text", "agenda"}
#: Verbs of trade whose totals over a period are statistics, not deals.
TRADE_VERBS = {"sell", "buy", "purchase", "export", "import", "ship", "supply"}
_PERIOD = re.compile(r"\b(?:past|last|first|previous)\s+(?:\S+\s+){0,2}?(?:years|months|weeks|seasons|quarters|days)\b",
                     re.IGNORECASE)


def _running_total(token: Token) -> bool:
    """"has sold three mln tonnes in the past three years": a total over a period, not one deal; "Britain
    bought 274,665 tonnes against 642,800 tonnes": a figure set against another period's."""
    for child in token.children:
        if child.dep_ in {"prep", "npadvmod"} and child.lower_ in {"in", "over", "during", "for", "within"} \
                and _PERIOD.search(" ".join(t.text for t in child.subtree)):
            return True
        if child.dep_ in {"prep", "advcl"} and child.lower_ in {"against", "compared", "versus", "vs"} and any(
                t.like_num or t.lower_ in {"zero", "nil"} for t in child.subtree):
            return True
    return False


#: Securities that carry a right to buy: their terms are no deal ("each warrant entitles the holder to buy one
#: share", "rights to acquire 22 shares of American Realty Trust" issued as a dividend).
INSTRUMENTS = {"right", "warrant"}


def _instrument_terms(token: Token) -> bool:
    """A buying verb that states what a right or a warrant lets its holder buy."""
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_.lower() == "entitle":
        return True  # "entitles the holder to buy one share"
    return token.dep_ in {"acl", "relcl", "xcomp"} and head.lemma_.lower() in INSTRUMENTS and head.pos_ == "NOUN"


def _bare_trading(token: Token) -> bool:
    """"Thomson and RBH bought while Packers Trading and Refco sold": dealers trading in a market, a verb with
    no object, no complement and no clause above it that could hold one."""
    if token.tag_ not in {"VBD", "VBZ", "VBP"} or token.dep_ not in {"ROOT", "conj", "advcl"}:
        return False
    return not any(c.dep_ in {"dobj", "prep", "dative", "nsubjpass", "xcomp", "ccomp", "prt", "agent", "attr",
                              "npadvmod", "obj"} for c in token.children)


#: Deal nouns that name a flow in general when nothing makes them particular.
MASS_NOUNS = {"investment", "investments"}


def _agrees_on_a_text(token: Token) -> bool:
    """'If the European Council agrees on the draft directive': a decision on a text."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"on", "to", "upon"}
                for g in c.children if g.dep_ == "pobj"]
    return bool(objects) and all(o.lemma_.lower() in TEXTS for o in objects)


def _unquantified(token: Token) -> bool:
    """No determiner, possessive, number or sum makes this noun one particular deal."""
    if any(c.dep_ in {"det", "poss", "nummod", "quantmod"} for c in token.children):
        return False
    if any(c.dep_ == "compound" and (c.ent_type_ or c.pos_ == "PROPN") for c in token.children):
        return False
    return not any(t.ent_type_ in {"MONEY", "ORG", "GPE", "PERCENT"} for t in token.subtree if t is not token)


def _agrees_to_a_post(token: Token) -> bool:
    """'X agreed to take the Bank of Israel job': an appointment (spec 1: not an event)."""
    for verb in (c for c in token.children if c.dep_ == "xcomp"):
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            # the post itself, or the noun the parser hung it on ("the job subject to approval")
            if any(w.lemma_.lower() in POSTS for w in (obj, *(c for c in obj.children if c.dep_ == "compound"))):
                return True
    return False


#: Modifiers that make an "agreement" a money-market operation.
MARKET_OPERATIONS = {"repurchase", "repo", "swap", "buyback", "buy-back", "underwriting"}
#: Prepositions that refer to an existing deal rather than report one.
REFERENCE_PREPS = {"under", "pursuant", "accordance", "despite", "following"}
#: Disputes a deal may be the subject of, and the prepositions that name what they are about.
DISPUTES = {"litigation", "lawsuit", "suit", "dispute", "claim", "complaint", "action", "case", "proceeding",
            "arbitration", "investigation", "inquiry", "probe"}
ABOUT_PREPS = {"regarding", "concerning", "over", "about", "involving", "into"}


def _about_a_dispute(prep: Token) -> bool:
    """Whether a preposition says what a dispute is about, hung on the dispute or on its verb."""
    head = prep.head
    return head.lemma_.lower() in DISPUTES or any(c.dep_ == "dobj" and c.lemma_.lower() in DISPUTES
                                                   for c in head.children)


#: Words through which a text measures something against a deal it refers to.
REFERENCE_HEADS = {"contrary", "according", "pursuant", "breach", "violation", "contravention"}
#: Objects that make buying or selling a business deal (not goods or market trades).
BUSINESS_WORDS = {"unit", "units", "business", "businesses", "stake", "interest", "subsidiary",
                  "subsidiaries", "division", "operations", "operation", "assets", "company", "companies",
                  "plant", "plants", "mill", "refinery", "chain", "brand", "brands", "shares", "stock",
                  "holding", "holdings", "bank", "firm", "group", "arm", "network", "station", "stations",
                  "newspaper", "magazine", "hotel", "hotels", "mine", "mines", "field", "fields", "rights",
                  "control", "majority", "part", "portion", "pct", "percent",
                  # assets a company sells with the ground they stand on ("its oil and gas properties",
                  # "its sawmill in Lakeview", "68 primary medical care facilities"): an acquisition
                  "property", "properties", "facility", "facilities", "sawmill", "timberland", "acreage",
                  "reserves", "building", "buildings", "store", "stores",
                  # "bought the club" (a football club)
                  "club",
                  # what a described company is: "to purchase the Texas-based defense electronics contractor"
                  "contractor", "maker", "manufacturer", "producer", "operator", "retailer", "insurer", "brewer",
                  "carrier", "airline", "distributor", "supplier", "publisher", "concern", "corporation", "lender",
                  "utility", "developer", "miner", "refiner", "brokerage", "affiliate", "organization",
                  "institution", "studio", "studios", "shipyard"}

#: What is awarded by a deal besides deal words: business words and rights ("awarded an exclusive air
#: express route").
AWARDED = BUSINESS_WORDS | {"route", "right", "work", "project", "job", "franchise", "concession", "licence",
                            "license", "tender", "mandate", "supply"}

#: Words that make a partnership a firm: "a New York investment partnership", "a limited partnership".
INVESTING_FIRMS = {"investment", "investments", "limited", "advisory", "arbitrage", "investor", "investors"}
#: What a grant or a fund pays for: money, a funding noun, or a named body or project.
FUNDING_OBJECTS = {"loan", "loans", "credit", "credits", "aid", "grant", "grants", "subsidy", "subsidies",
                   "money", "fund", "funds", "financing", "project", "projects", "purchase", "purchases",
                   "construction", "development", "expansion", "acquisition", "bailout", "assistance"}


def _object_words(token: Token) -> tuple[list[Token], set[str]]:
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "dative"}]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}
                for g in c.children if g.dep_ == "pobj"]
    words = {w.lower_ for o in objects for w in o.subtree if w.dep_ not in {"relcl"}}
    return objects, words


#: What one takes over that is a post, not a company: "took over the reins", "took over the chairmanship".
OFFICES_TAKEN = {"reins", "helm", "role", "post", "job", "chairmanship", "presidency", "leadership", "duties",
                 "responsibility", "responsibilities", "command", "captaincy"}


def _trades_a_business(token: Token) -> bool:
    """Buying or selling a company, unit or stake, not goods: "sold its unit", not "sold printers"."""
    objects, words = _object_words(token)
    if not objects:
        if any(g.dep_ == "pobj" and g.lower_ in BUSINESS_WORDS for c in token.children
               if c.dep_ == "prep" and c.lower_ == "from" for g in c.children):
            return True  # "to buy from Sonora Gold Corp 5,456,000 Sonora shares": the object parsed into "from"
        # "agreed to sell", "X is buying": the object is elsewhere (a relative clause, the headline)
        return not any(c.dep_ == "prep" and c.lower_ == "at" for c in token.children)
    if words & BUSINESS_WORDS or words & COMMODITY_WORDS:
        return True
    # the object itself must be a company, a place's asset or a pronoun for one: "an HP inkjet
    # printer" (a product with a name on it) and "what they buy" are not
    heads = [h for o in objects for h in (o, *o.conjuncts, *(c for c in o.children if c.dep_ == "appos"))]
    # a share of a named company: "the other two-thirds of Seagram was bought by Diageo"
    heads += [g for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "ORG"]
    return any(h.ent_type_ in {"ORG", "GPE", "MONEY", "FAC"} or h.tag_ in {"NNP", "NNPS"}
               or (h.pos_ == "PRON" and h.tag_ not in {"WP", "WDT"}) for h in heads)


def _has_counterparty(token: Token, labels: frozenset[str] = frozenset({"ORG", "GPE"})) -> bool:
    return any(g.ent_type_ in labels for c in token.children if c.dep_ in {"prep", "dative"}
               and c.lower_ in {"to", "from", "with"} for g in c.subtree)


def _trades_with_someone(token: Token) -> bool:
    """"export electricity to the New England states", "import Imatron's equipment": a counterparty."""
    if _has_counterparty(token, frozenset({"ORG", "GPE", "LOC", "NORP"})):
        return True
    return any(p.dep_ == "poss" and p.ent_type_ in {"ORG", "PERSON", ""} and p.pos_ == "PROPN"
               for o in _object_words(token)[0] for p in o.children)


def _funds_something(token: Token) -> bool:
    """"granted a loan", "financed the plant", not "granted the request to extend"."""
    objects, words = _object_words(token)
    if not objects:
        return token.lemma_.lower() in {"lend", "loan", "finance", "fund", "refinance", "bail"} and any(
            c.dep_ in {"prep", "dative"} for c in token.children)
    if any(g.lemma_.lower() in OWN_FUNDS and any(p.dep_ == "poss" for p in g.children)
           for g in prep_objects(token, {"from", "out", "with"})):
        return False  # "will finance 50 mln of this from its equity": paying for itself
    if words & {"request", "permission", "approval", "extension", "waiver", "licence", "license", "status",
                "asylum", "access", "leave", "interview", "deficit", "commitments", "immunity"}:
        return False
    return bool(words & FUNDING_OBJECTS) or any(
        w.ent_type_ in {"MONEY", "ORG", "GPE"} or w.like_num for o in objects for w in o.subtree)


#: A party's own money: financing from it is no deal with anybody.
OWN_FUNDS = {"equity", "cash", "resources", "reserve", "reserves", "fund", "funds", "earnings", "flow",
             "capital", "profit", "profits", "revenue", "revenues", "proceeds", "budget", "coffers", "pocket"}


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """The objects of ``token``'s prepositions among ``preps``: "a loan [from] X" → X."""
    out = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
    return out


TALKS_VERBS = {"hold", "open", "resume", "begin", "start", "enter", "end", "break", "conclude",
               "continue", "lead", "reopen", "launch", "complete"}


def _talks_about_a_deal(token: Token) -> bool:
    """Talks count when they are about something: "talks on a merger", "merger talks", "talks to buy X"."""
    for child in token.children:
        if child.dep_ in {"compound", "amod"} and trigger_type(child):
            return True
        if child.dep_ == "prep" and child.lower_ in {"on", "over", "about", "for", "with", "between", "among"}:
            heads = [g for g in child.children if g.dep_ == "pobj"]
            if child.lower_ in {"with", "between", "among"}:
                if any(g.ent_type_ in {"ORG", "GPE", "NORP"} for h in heads for g in h.subtree):
                    return True
            elif heads:
                return True
        if child.dep_ in {"acl", "relcl"} and child.pos_ == "VERB" and trigger_type(child):
            return True
    # "the EC and Comecon ended talks", "Smart has been leading talks": parties named as the subject
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in TALKS_VERBS:
        return any(g.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"} for c in head.children
                   if c.dep_ in {"nsubj", "nsubjpass"} for g in c.subtree)
    return False


def _offer_for_company(token: Token) -> bool:
    """"an offer for USAir", "TWA's offer": a bid for a company, not a share offering."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            if any(g.ent_type_ == "ORG" or g.tag_ == "NNP" for g in child.subtree):
                return True
    return False


def _weak_noun_supported(token: Token, cues: set[str]) -> bool:
    """A weak noun ("plant", "stake", "order") counts only near one of its cue verbs."""
    head = token
    for _ in range(4):
        if head.lemma_.lower() in cues:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return any(c.lemma_.lower() in cues for c in token.children)


#: What a "for" phrase names when it is the price, not the purpose: "for cash", "for stock".
PRICE_WORDS = {"cash", "stock", "share", "shares", "debt", "note", "notes", "consideration", "sum", "price"}


def purpose_of(token: Token, infinitive: bool = False) -> Token | None:
    """The verb's "for" phrase right after the deal noun it governs.

    "authorized $11.6 billion in grants and loans for an ambitious TSMC
    project": the parser hangs the purpose on the verb, yet it names what the
    grants are for; "awarded bids for 90,000 bpd of crude oil". Prices and
    periods ("for 50 mln dlrs", "for five years") are not the object. With
    ``infinitive``, a "to" clause of the verb counts too ("an investment to
    establish semiconductor factories").
    """
    node = token
    while node.dep_ in {"pobj", "prep", "conj", "dobj"} and node.head.i != node.i:
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            break
    if node.pos_ not in {"VERB", "AUX"}:
        return None
    for prep in node.children:
        if infinitive and prep.dep_ in {"advcl", "xcomp"} and prep.i > token.i and prep.pos_ == "VERB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in prep.children):
            return prep  # "plowing ahead with a $165 billion investment to establish factories in Arizona"
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i > token.i:
            pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            if pobj is None:
                return None  # "for" with nothing after it the parser could attach
            phrase = token.doc[pobj.left_edge.i : pobj.right_edge.i + 1]
            if pobj.like_num or pobj.lemma_.lower() in PRICE_WORDS or find_amounts(phrase.text) or any(
                    t.ent_type_ in {"MONEY", "DATE", "TIME", "PERCENT"} for t in phrase):
                return None
            return prep
    return None


#: Conjunctions that join a clause told beside another, not about it.
CONTRAST_MARKS = {"while", "whereas", "although", "though", "whilst"}


def _contrast_clause(verb: Token) -> bool:
    """"..., while it will set up an office": a clause with its own subject set beside the main one."""
    children = list(verb.children)
    return any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in children) and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in children)


def _linked_parent(token: Token, triggers: set[int]) -> Token | None:
    """The trigger that governs ``token`` within a few hops, if any."""
    node = token
    for _ in range(4):
        if node.head.i == node.i or node.dep_ not in LINK_DEPS | {"conj"}:
            return None
        if node.dep_ == "conj" and (node.pos_ == "VERB" or node.head.pos_ == "VERB"):
            return None
        if node.dep_ == "relcl" and node.pos_ == "VERB" and not (
                node.head.i in triggers and node.head.lemma_.lower() in CONTRACT_NOUNS):
            # "Rosneft, the company that acquired X": its own event (but "struck a deal to supply
            # Peugeot", "an agreement which would merge CBC with Union": what the contract says, one deal)
            return None
        if node.dep_ == "advcl" and _contrast_clause(node):
            return None  # "signed an arrangement with Canada, while it will set up an office": two deals
        if node.head.lemma_.lower() in REPORTING_VERBS:
            return None
        if node.dep_ == "prep" and node.lower_ in ABOUT_PREPS and _about_a_dispute(node):
            # "agreed to settle pending litigation regarding the sale of its unit to CXR": the settlement is one
            # deal, the sale the dispute is about another
            return None
        node = node.head
        if node.i in triggers:
            return node
    return None


def infinitive_content(clause: Token, contract: bool = False) -> bool:
    """"a tax treaty to exchange tax information": an infinitive with no subject of its own on a noun
    says what the noun is for, though the parser often calls it a relative clause.

    contract (bool): only on a contract noun ("struck a deal to supply Peugeot"): then the clause is
        what the contract says, and its subject is the contract's maker ("Mitsubishi Motors").
    """
    children = list(clause.children)
    if contract and clause.head.lemma_.lower() not in CONTRACT_NOUNS:
        return False
    return clause.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" and c.i < clause.i for c in children) \
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in children)


def _chain(token: Token) -> list[Token]:
    """The path from ``token`` up to its clause's verb, stopping before a verb of saying."""
    path = [token]
    node = token
    while node.head.i != node.i:
        parent = node.head
        if parent.lemma_.lower() in REPORTING_VERBS and node.dep_ in {"ccomp", "parataxis", "advcl"}:
            break
        if node.dep_ in {"ccomp", "parataxis", "conj"} and node.pos_ in {"VERB", "AUX"}:
            break
        if node.dep_ == "relcl" and not infinitive_content(node, contract=True):
            path.append(parent)
            break
        if node.dep_ == "pobj" and parent.lower_ in REFERENCE_PREPS | {"after", "amid"}:
            break  # "reviewing debt following X's bid": the bid is not the review's
        path.append(parent)
        node = parent
    return path


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _cannot(able: Token) -> str | None:
    """What an "able" above a deal says of it: "rejected" when the side could not do what its clause names
    ("was unable to reach an agreement", "has not been able to reach a definitive agreement": a deal that
    failed), "open" when not yet ("has not yet been able to agree": still to come), else None ("was able to
    complete", any other word)."""
    lemma = able.lemma_.lower()
    if able.pos_ != "ADJ" or lemma not in {"able", "unable"}:
        return None
    holders = [able] + ([able.head] if able.dep_ == "acomp" else [])
    if not (lemma == "unable" or any(_negated(h) for h in holders)):
        return None
    return "open" if any(c.lower_ in {"yet", "still"} for h in holders for c in h.children) else "rejected"


#: Offers one side makes to the other ("rejected the group's overtures" too), and the verbs by which
#: the other side has one before it.
OFFER_NOUNS = OFFERS | {"overture"}
WEIGHING_VERBS = {"receive", "get", "consider", "study", "review", "weigh", "welcome", "evaluate"}
#: Verbs by which a bidder puts an offer on the table (or raises it): still no deal.
OFFERING_VERBS = {"launch", "make", "mount", "extend", "raise", "announce", "renew", "sweeten", "improve",
                  "increase", "table", "revise", "lodge"}


def _a_bid(offer: Token) -> bool:
    """Whether an offer is a bid, whatever it is for (unlike :func:`_offer_for_company`, which asks for a named
    company): "a takeover bid for NZFP", "a bid to buy shares of X", not "its first economic offer in contract
    negotiations" (a step of talks)."""
    return any(c.dep_ == "prep" and c.lower_ == "for"
               or c.dep_ in {"compound", "amod"} and c.lemma_.lower() in BID_WORDS
               or c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB" for c in offer.children)


#: What makes an offer a bid for a company.
BID_WORDS = {"takeover", "acquisition", "buyout", "tender", "merger", "cash", "share", "hostile", "rival"}


def _cue_status(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    lower = token.lower_
    if lemma in NEGOTIATING_CUES or lower in NEGOTIATING_CUES:
        if token.pos_ == "VERB" and _negated(token):
            return "rejected"  # "is 'absolutely not' negotiating a takeover", "will not negotiate with Ankara"
        if token.pos_ == "VERB" and _negotiated(token):
            return "agreed"  # "he had negotiated a 69.7 mln French franc loan from the Banque Industrielle"
        return "negotiating"
    if lemma in PLANNED_CUES or lower in PLANNED_CUES or proposed(token):
        return "planned"
    if token.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in OFFER_NOUNS and (
            lemma in WEIGHING_VERBS or lemma in OFFERING_VERBS and _a_bid(c)) for c in token.children):
        # "received an acquisition offer from Harcourt", "launched a takeover bid for NZFP": an offer on the
        # table, no deal yet
        return "planned"
    if lemma in AGREED_CUES and token.pos_ in {"VERB", "AUX"} or lemma == "enter" and _enters_a_deal(token):
        if _negated(token):
            return "planned" if any(c.lower_ in {"yet", "still"} for c in token.children) else "rejected"
        return "agreed"
    if token.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in AGREED_CUES for c in token.children
    ):
        return "agreed"  # "a contract signed in February"
    return None


#: What a company enters into that is signed: "has entered into a letter of intent to merge into BankEast Corp"
#: (a letter of intent is agreed, as the labelled news read it), "entered into an agreement".
SIGNED_PAPERS = {"letter", "agreement", "contract", "accord", "pact", "arrangement", "deal", "understanding",
                 "memorandum"}


def _enters_a_deal(verb: Token) -> bool:
    """Whether "enter" takes a signed paper: "entered into a letter of intent" (not "entered into talks")."""
    return verb.pos_ == "VERB" and any(g.lemma_.lower() in SIGNED_PAPERS for p in verb.children
                                       if p.dep_ == "prep" and p.lower_ == "into" for g in p.children)


def _negotiated(verb: Token) -> bool:
    """A negotiation told as finished, with the deal as its object: "had negotiated a loan", "negotiated a new
    contract"; not "has been negotiating" nor "negotiated for months"."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    finished = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(auxes & {"has", "have", "had"}))
    return finished and not auxes & (MODALS | {"to"}) and any(c.dep_ == "dobj" for c in verb.children)


#: Verbs and nouns that open talks: talks opened in the future are planned ("will start accession talks with
#: Croatia in April 2005", "a date for the beginning of negotiations").
OPENING = {"start", "begin", "open", "launch", "beginning", "opening"}


#: Dependencies only a noun phrase fills: a token in one is no verb, whatever its tag ("bonus offers").
NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "compound", "poss"}


def _acts_as_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.dep_ not in NOMINAL_DEPS


def _rejected_before(noun: Token) -> Token | None:
    """A rejection among the words before a deal noun, back to its determiner.

    "the proposed, but now apparently abandoned, merger": the parser may not
    hang the participles on the noun, but they are its modifiers all the same.
    """
    ancestors = {t.i for t in noun.ancestors}
    for i in range(noun.i - 1, max(noun.sent.start, noun.i - 8) - 1, -1):
        token = noun.doc[i]
        if token.dep_ in {"det", "poss"} or token.tag_ in {"DT", "PRP$", "POS"} or i in ancestors:
            return None  # the phrase starts here ("ended talks": the verb governs, not modifies)
        if token.tag_ in {"VBN", "VBD", "JJ"} and token.lemma_.lower() in REJECTED_MODIFIERS:
            return token
    return None


#: Words of a time expression that lies in the past: "last year", "two years ago".
PAST_WORDS = {"last", "ago", "earlier", "previous", "yesterday"}


def _dated_in_the_past(noun: Token) -> bool:
    """Whether a deal noun carries a past date of its own: "the acquisition of X last year"."""
    dates = [c for c in noun.children if c.dep_ == "npadvmod" and c.ent_type_ == "DATE"]
    dates += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"in", "on"}
              for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "DATE"]
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        # the parser hangs "last year" on the verb, though it stands between its subject and the verb
        verb = noun.head
        dates += [c for c in verb.children if c.dep_ == "npadvmod" and c.ent_type_ == "DATE" and noun.i < c.i < verb.i]
    return any(t.lower_ in PAST_WORDS for d in dates for t in d.subtree)


#: Words that put a deal before the clause they hang on: it happened, whatever that clause's modal says.
PRIOR_MARKERS = {"after", "since", "following"}

#: Meetings that end without ending the deal they are about.
ROUNDS = {"talk", "talks", "negotiation", "meeting", "round", "session", "visit", "conference"}


def decide_status(chain: Iterable[Token]) -> tuple[str, Token | None, str]:
    """Status, the cue that set it, and the tense, from the trigger's path to its verb.

    Verbs speak before nouns: in "awarded bids" the verb *award* says the
    deal is done, though a bid alone is only planned. Rejection anywhere on
    the path wins ("rejected a proposal to buy"); a modal ("will", "may")
    makes an agreed-looking deal planned.

    chain (Iterable[Token]): the trigger first, then its governors.
    RETURNS (tuple[str, Token | None, str]): status, cue token, tense
        ("past", "future" or "present").
    """
    chain = list(chain)
    verb_cue = noun_cue = None
    rejected = None
    modal = False
    tense = None
    beyond = False  # past a participle that modifies a plain noun: "holders entitled to vote on the merger"
    for position, token in enumerate(chain):
        if position and token.dep_ == "prep" and token.lower_ in PRIOR_MARKERS:
            break  # "could be resurrected after being bought by X": the purchase came first, and happened
        below = chain[position - 1] if position else None
        if below is not None and below.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in PRIOR_MARKERS for c in below.children):
            break  # "after it bought X, it may sell Y": what the outer clause may do is not the purchase
        if position == 1 and below.pos_ in {"NOUN", "PROPN"} and _dated_in_the_past(below):
            break  # "the acquisition of Scott, Foresman and Co last year will dilute earnings": done last year
        if position and chain[position - 1].dep_ == "acl" and chain[position - 1].tag_ in {"VBN", "VBG", "VBD"} and (
                token.pos_ in {"NOUN", "PROPN"} and trigger_type(token) is None):
            beyond = True
        lemma = token.lemma_.lower()
        particles = {(lemma, c.lower_) for c in token.children if c.dep_ == "prt"}
        if particles & REJECTED_PARTICLES or (lemma in REJECTED_CUES and lemma not in {"call", "end", "break"}
                                              and token.pos_ in {"VERB", "NOUN"}):
            rejected = rejected or token
        elif lemma in AGAINST_VERBS and token.pos_ == "VERB" and position and chain[position - 1].lower_ == "against":
            rejected = rejected or token  # "ruled last May against a move of Neptunia to acquire 33 mln shares"
        elif token.pos_ in {"VERB", "AUX"} and any(c.dep_ == "advmod" and c.lower_ == "unsuccessfully"
                                                   or c.dep_ == "acomp" and c.lower_ in FAILED_MODIFIERS
                                                   for c in token.children):
            rejected = rejected or token  # "was unsuccessful last year in offers for Lucky Stores Inc"
        elif position and chain[position - 1].dep_ == "xcomp" and _cannot(token) == "rejected":
            rejected = rejected or token  # "has not been able to reach a definitive agreement to buy Horizon"
        elif lemma == "come" and position and _came_to_nothing(token):
            rejected = rejected or token  # "nothing came of the talks", "the talks came to nothing"
        elif lemma in SEEING_OFF and token.pos_ == "VERB" and position and chain[position - 1].dep_ in {
                "dobj", "nsubjpass"}:
            rejected = rejected or token  # "After successfully countering a takeover bid launched by Pickens"
        elif lemma == "end" and token.pos_ == "VERB" and position and any(
                c.dep_ == "dobj" and c.i == chain[position - 1].i and c.lemma_.lower() not in ROUNDS
                for c in token.children):
            # "ended its agreement to sell Fairchild"; not "the year ended", nor "ended talks here" (a round)
            rejected = rejected or token
        if token.pos_ in {"NOUN", "PROPN"}:
            # "the proposed, but now apparently abandoned, merger"
            modifiers = [c for c in token.children if c.dep_ == "amod"]
            modifiers += [g for c in modifiers for g in c.children if g.dep_ == "conj"]
            if any(m.lemma_.lower() in REJECTED_MODIFIERS for m in modifiers):
                rejected = rejected or token
        # past a participle on a plain noun the outer clause's modal is not the deal's: "will be above the output
        # ceiling agreed by OPEC Saturday"
        if not beyond and (token.lower_ == "likely" or any(c.lower_ in MODALS and c.dep_ == "aux" for c in token.children)
                           or position and _cannot(token) == "open"  # "has not yet been able to reach": to come
                           or any(c.lower_ in {"likely", "expected"} for c in token.children
                                  if c.dep_ in {"acomp", "advmod", "xcomp"})):
            modal = True
        if token.pos_ in {"VERB", "AUX"} and tense is None:
            tense = _tense(token)
        status = _cue_status(token)
        if lemma in SCHEDULED and any(c.dep_ == "xcomp" for c in token.children):
            status = "planned"  # "is set to merge", "is due to sign"
        if status is None or (beyond and status == "agreed"):
            continue  # what the outer clause did ("set a record date") did not happen to the deal
        if _acts_as_verb(token):
            if verb_cue is None:
                verb_cue = (status, token)
            elif verb_cue[0] == "agreed" and status in {"planned", "negotiating"}:
                verb_cue = (status, token)  # "plans to complete the purchase"
        else:
            noun_cue = noun_cue or (status, token)
    if rejected is None and chain and chain[0].pos_ in {"NOUN", "PROPN"}:
        rejected = _rejected_before(chain[0])
    if rejected is not None:
        return "rejected", rejected, tense or "past"
    tense = tense or "present"
    if verb_cue is not None and verb_cue[0] == "agreed" and noun_cue is not None and noun_cue[0] == "planned" \
            and noun_cue[1].i == chain[0].i and verb_cue[1].i != chain[0].head.i:
        # "in conjunction with the company's planned tender offer": the deal's own word says planned; the
        # verb ("The facility is being arranged") is another deal's
        verb_cue = None
    if verb_cue is not None and verb_cue[0] == "agreed" and verb_cue[1].lemma_.lower() in OPENING | {"hold", "resume"} \
            and noun_cue is not None and noun_cue[0] == "negotiating" and noun_cue[1].head.i == verb_cue[1].i:
        verb_cue = None  # "opened free trade talks last June": talks going on, not a deal made
    decided = verb_cue or noun_cue
    if decided is not None:
        status, cue = decided
        if status == "agreed" and modal:
            status = "planned"
        if status == "negotiating" and cue.pos_ in {"NOUN", "PROPN"} and _opened_later(chain, cue):
            status = "planned"
        return status, cue, tense
    top = next((t for t in chain if t.pos_ in {"VERB", "AUX"}), None)
    if top is not None and _negated(top):
        status = "rejected"
    elif modal or tense == "future":
        status = "planned"
    elif top is not None and top.i == chain[0].i and top.tag_ in {"VB", "VBG"} and any(
        c.lower_ == "to" for c in top.children
    ):
        status = "planned"
    else:
        status = "agreed"
    return status, None, tense


def _came_to_nothing(verb: Token) -> bool:
    """"nothing came of the talks", "the merger talks came to nothing"."""
    return any(c.dep_ == "nsubj" and c.lower_ == "nothing" for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "nothing" for g in c.children) for c in verb.children)


def _opened_later(chain: list[Token], talks: Token) -> bool:
    """Whether talks are only to be opened: "will start accession talks", "is to start negotiations", "a date
    for the beginning of negotiations"."""
    above = [t for t in chain if t.i != talks.i and talks.i in {a.i for a in t.subtree}]
    opener = next((t for t in above if t.lemma_.lower() in OPENING), None)
    if opener is None or opener.i != talks.head.i and opener.i != talks.head.head.i:
        return False
    if opener.pos_ in {"NOUN", "PROPN"}:
        return True
    auxes = {c.lower_ for c in opener.children if c.dep_ in {"aux", "auxpass"}}
    governor = opener.head
    return bool(auxes & MODALS) or "to" in auxes and governor.lemma_.lower() in TO_BE_DONE


#: Verbs whose "to" puts what they govern ahead: "is to start negotiations", "plans to open talks".
TO_BE_DONE = {"be", "plan", "expect", "agree", "decide"}


def _tense(verb: Token) -> str:
    auxes = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a in MODALS for a in auxes) or verb.tag_ == "MD":
        return "future"
    if verb.tag_ in {"VBD", "VBN"} or any(a in {"has", "have", "had", "was", "were"} for a in auxes):
        return "past"
    return "present"


def refine_type(kind: str, triggers: list[Token]) -> str:
    """Selling or buying goods is a supply deal; selling a company is an acquisition."""
    if kind != "acquisition":
        return kind
    lemmas = {t.lemma_.lower() for t in triggers}
    if not lemmas & {"sell", "buy", "purchase", "sale", "bid", "tender"} or lemmas & {
            "acquisition", "takeover", "merger", "stake", "interest", "acquire", "merge"}:
        return kind
    for t in triggers:
        objects = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
        # "sale of wheat", "bids for crude oil"
        objects += [g for c in t.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}
                    for g in c.children if g.dep_ == "pobj"]
        if any(o.lower_ not in COMMODITY_WORDS and (o.lower_ in BUSINESS_WORDS or o.lemma_.lower() in BUSINESS_WORDS)
               for o in objects):
            return kind  # "the sale of its three foam products plants": the head decides, not its modifiers
        words = set()
        for obj in objects:
            # a word of a name is no commodity: "a bid for Imperial Continental Gas Association"
            words |= {w.lower_ for w in obj.subtree
                      if w.ent_type_ not in NAME_ENTITIES and w.tag_ not in {"NNP", "NNPS"}}
        if words & COMMODITY_WORDS and not words & {"unit", "business", "stake", "interest", "subsidiary",
                                                     "division", "operations", "company", "assets", "shares"}:
            return "agreement"
    return kind


def is_sales_figure(triggers: list[Token]) -> bool:
    """"it sold 79 vehicles versus nil", "its dealers sold a record 643,000 cars", "Kenya has sold 918,707
    bags to all markets": a count of goods sold to no one named is a sales figure, not a deal."""
    for t in triggers:
        if t.lemma_.lower() != "sell" or t.pos_ != "VERB":
            return False
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lower_ in BUSINESS_WORDS or obj.lemma_.lower() in BUSINESS_WORDS or (
                obj.pos_ == "PROPN" or obj.ent_type_ in {"ORG", "MONEY"}):
            return False
        if not any(c.dep_ in {"nummod", "quantmod"} and c.like_num for c in obj.children) or any(
                c.dep_ in {"compound", "poss"} and (c.pos_ == "PROPN" or c.ent_type_ == "ORG") for c in obj.children):
            return False  # "sold 110,000 Cyclops common shares": a company names what was sold
        buyers = [g for c in t.subtree if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
                  for g in c.children if g.dep_ == "pobj"]
        if any(b.pos_ == "PROPN" or b.ent_type_ for b in buyers):
            return False  # "sold three computer systems to Douglas Aircraft Co"
    return True


def is_market_trade(triggers: list[Token]) -> bool:
    """'Investors bought shares', 'sold dollars', 'outright purchases of bank bills': trades, not deals."""
    for t in triggers:
        if t.lemma_.lower() not in {"buy", "sell", "purchase", "sale"}:
            return False
        if t.pos_ in {"NOUN", "PROPN"}:
            obj = next(iter(prep_objects(t, {"of"})), None)
        else:
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lower_ not in MARKET_WORDS and (obj.ent_type_ == "MONEY" or any(
                c.like_num for c in obj.children)):
            # "bought 349 mln stg of band one bank bills": the sum's "of" names what was traded
            obj = next(iter(prep_objects(obj, {"of"})), obj)
        if obj is None or obj.lower_ not in MARKET_WORDS:
            return False
        # a company's shares are a stake ("bought shares of Texaco"); a lower-case "bank" the recognizer
        # calls a name is not ("170 mln stg bank bills")
        if any(c.dep_ in {"prep", "poss", "compound"} and c.lower_ in {"of", "in"} for c in obj.children) or any(
            c.dep_ == "poss" or (c.ent_type_ == "ORG" and not c.is_lower) for c in obj.subtree if c is not obj
        ) or any(c.dep_ in {"compound", "nmod"} and c.pos_ in {"PROPN", "NOUN"} and c.text[:1].isupper()
                 and c.ent_type_ in {"", "PERSON"} and not c.is_sent_start for c in obj.children):
            # "sold 110,000 Cyclops common shares": a company the recognizer missed names the shares
            return False
    return True


#: People who buy goods in shops: a sale to them is no deal between parties (spec section 8: a product on sale).
CONSUMERS = {"consumer", "shopper", "customer", "gamer", "user", "fan", "household", "motorist", "reader",
             "viewer", "listener", "subscriber", "traveller", "traveler", "passenger", "people", "public", "anyone",
             "everyone", "homeowner"}


def _clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the clause it completes: "gamers will be able to buy" → gamers."""
    node = verb
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None or node.dep_ not in {"xcomp", "acomp"} or node.head.i == node.i:
            return subject
        node = node.head
    return None


def is_retail_purchase(triggers: list[Token]) -> bool:
    """"US gamers will be able to buy Sony's PlayStation Portable", "consumers bought 2 mln sets": goods bought
    by the public in shops, no deal between parties."""
    for t in triggers:
        if t.lemma_.lower() not in {"buy", "purchase"} or t.pos_ != "VERB":
            return False
        subject = _clause_subject(t)
        if subject is None or subject.lemma_.lower() not in CONSUMERS or subject.pos_ not in {"NOUN", "PRON"}:
            return False
        if any(c.dep_ in {"compound", "poss"} and c.ent_type_ in {"ORG", "PERSON"} for c in subject.children):
            return False  # "Sony's customers", "the Ford owner": still no name, but not the plain public either
    return bool(triggers)


#: What a central bank trades with the money market (spec section 8: routine operations are no event).
MONEY_MARKET = re.compile(r"\b(?:bank|treasury|eligible|band (?:one|two|three|four|1|2|3|4)) bills?\b|\bmoney market\b"
                          r"|\bspecial advances\b|\brepurchase (?:agreements?|pacts?|tenders?)\b|\brepos?\b"
                          r"|\bintervention tender\b|\bfirst category paper\b")  # lower case: not "Acme Money Market Fund"
#: The words by which such trades are told.
TRADING_WORDS = {"buy", "purchase", "sell", "sale", "bid", "offer", "tender", "accept", "repurchase"}


def is_money_market_operation(triggers: list[Token]) -> bool:
    """"It made outright purchases of seven mln stg of band one bank bills", "has accepted bids totalling 4.00
    billion guilders at tender this morning for new five-day special advances", "invited offers of first category
    paper today for a money market intervention tender": a central bank's routine trade with the market."""
    for t in triggers:
        if t.lemma_.lower() not in TRADING_WORDS:
            return False
        verb = _governing_verb(t)
        clause = verb.doc[verb.left_edge.i : verb.right_edge.i + 1]
        if not MONEY_MARKET.search(clause.text):
            return False
    return bool(triggers)


def find_candidates(sent: Span, relaxed: bool = False) -> list[EventMention]:
    """All event candidates of one sentence, one per group of linked triggers.

    sent (Span): a parsed sentence.
    relaxed (bool): also keep the trigger words the rules veto for want of
        structure (:func:`lexical_type`), marked ``features["vetoed"]``;
        vetoed triggers group only among themselves, so the accepted
        candidates are exactly those of the strict run.
    RETURNS (list[EventMention]): candidates with trigger, type, status and tense.
    """
    found = {t.i: kind for t in sent if (kind := trigger_type(t))}
    out = _group(sent, found, vetoed=False)
    if relaxed:
        lexical = {t.i: kind for t in sent if t.i not in found and (kind := lexical_type(t))}
        out += _group(sent, lexical, vetoed=True)
    return out


def _group(sent: Span, found: dict[int, str], vetoed: bool) -> list[EventMention]:
    """One candidate per group of linked triggers among ``found`` (token index → type)."""
    if not found:
        return []
    parent: dict[int, int] = {}
    for i in found:
        link = _linked_parent(sent.doc[i], set(found))
        parent[i] = link.i if link is not None else i

    def root(i: int) -> int:
        seen = set()
        while parent[i] != i and i not in seen:
            seen.add(i)
            i = parent[i]
        return i

    # "authorized $11.6 billion in grants and loans for an ambitious TSMC project":
    # a deal named in the purpose of another is that deal's object, not a second deal
    for i in sorted(found):
        purpose = purpose_of(sent.doc[i]) if sent.doc[i].pos_ in {"NOUN", "PROPN"} else None
        if purpose is None:
            continue
        for j in (t.i for t in purpose.subtree if t.i in found):
            if root(j) != root(i):
                parent[root(j)] = root(i)

    groups: dict[int, list[Token]] = {}
    for i in sorted(found):
        groups.setdefault(root(i), []).append(sent.doc[i])
    out = []
    for members in groups.values():
        kinds = [found[t.i] for t in members]
        kind = next(k for k in TYPE_PRIORITY if k in kinds)
        content = [t for t in members if found[t.i] == kind]
        trigger = _most_specific(content)
        if is_market_trade(members) or is_sales_figure(members) or is_money_market_operation(members) or (
                is_retail_purchase(members)):
            continue
        kind = refine_type(kind, members)
        status, cue, tense = decide_status(_chain(trigger))
        if status == "planned" and cue is None:
            status, cue = _status_of_the_contract(members) or _under_a_contract(trigger) or (status, cue)
        if cue is not None and _not_planned(cue):
            continue  # "was not planning to acquire", "has no plans to invest further": no deal at all
        mention = EventMention(trigger=trigger, sent=sent, type=kind, status=status, cue=cue, tense=tense,
                               linked=[t for t in members if t is not trigger])
        mention.features["triggers"] = len(members)
        mention.features["noun_trigger"] = float(trigger.pos_ != "VERB")
        if vetoed:
            mention.features["vetoed"] = 1.0
        out.append(mention)
    return out


def _not_planned(cue: Token) -> bool:
    """Whether the planning word that set a deal's status denies it: "was not planning to acquire", "has no
    plans to invest further", "Gazprom did not make a single bid", "has not made an offer for Beta Inc"."""
    lemma = cue.lemma_.lower()
    if lemma in PLANNED_CUES and _negated(cue):
        return True
    if cue.pos_ == "NOUN" and lemma in PLANNED_CUES:
        return any(c.lower_ == "no" and c.dep_ == "det" for c in cue.children) or (
            cue.dep_ == "dobj" and cue.head.pos_ == "VERB" and _negated(cue.head))
    return cue.pos_ == "VERB" and cue.lemma_.lower() in OFFERING_VERBS and _negated(cue) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in OFFER_NOUNS for c in cue.children)


#: Nouns naming a contract that a deal word may be the content of: "an agreement to acquire".
CONTRACT_NOUNS = {"agreement", "deal", "contract", "accord", "pact", "treaty", "memorandum", "arrangement"}


def _status_of_the_contract(members: list[Token]) -> tuple[str, Token | None] | None:
    """"entered into a definitive agreement to acquire", "signed a deal to supply": the deal word's
    infinitive is the content of a contract already made, so the contract's status is the deal's.

    The caller asks only when the rules inferred "planned" without a cue (an infinitive, a bare
    "to"); a planning or rejecting word on the deal's own path keeps its say.
    RETURNS (tuple | None): ("agreed" or "rejected", the contract's cue) when a linked contract noun is
        agreed or undone.
    """
    for noun in members:
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.lemma_.lower() not in CONTRACT_NOUNS:
            continue
        own, own_cue, _ = decide_status(_chain(noun))
        if own in {"agreed", "rejected"}:  # "ended the deal, in which Fujitsu would have bought ...": undone
            return own, own_cue
    return None


def _under_a_contract(trigger: Token) -> tuple[str, Token] | None:
    """"Under the agreement, Greyhound will acquire ...", "would supply Nestle's can requirements under a
    long-term agreement": what a party will do under a contract already made is agreed.

    Asked, as :func:`_status_of_the_contract`, only when nothing but a modal or a bare "to" made the deal
    planned; a contract that is itself only proposed ("under the proposed agreement") keeps it planned.
    RETURNS (tuple | None): ("agreed", the contract noun), or None.
    """
    for token in _chain(trigger):
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"under", "pursuant"}:
                continue
            objects = [g for c in prep.children for g in ([c] if c.dep_ == "pobj" else c.children) if g.dep_ == "pobj"]
            for noun in objects:
                if noun.lemma_.lower() in CONTRACT_NOUNS and not proposed(noun):
                    return "agreed", noun
    return None


def _most_specific(tokens: list[Token]) -> Token:
    """Among same-type triggers, the noun naming the deal beats the verb around it."""
    nouns = [t for t in tokens if t.pos_ in {"NOUN", "PROPN"}]
    verbs = [t for t in tokens if t.pos_ not in {"NOUN", "PROPN"}]
    strong_verbs = [v for v in verbs if v.lemma_.lower() not in {"agree", "sign", "award", "renew"}]
    if strong_verbs:
        return strong_verbs[0]
    return (nouns or tokens)[0]


class CandidateFinder(Stage):
    """The ``events_candidates`` component: writes ``doc._.events``."""

    def __init__(self, nlp, name: str, relaxed: bool = False) -> None:
        self.name = name
        self.relaxed = relaxed

    def find(self, doc: Doc) -> list[EventMention]:
        return [event for sent in doc.sents for event in find_candidates(sent, self.relaxed)]

    def set_annotations(self, doc: Doc, events: list[EventMention]) -> None:
        doc._.events = events

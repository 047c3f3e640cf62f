"""Stage 4: canonical values — `when` against the publication date, money with currency.

The parsing lives in :mod:`pipeline.normalization.dates` and :mod:`pipeline.normalization.money`; this
stage decides which expression belongs to which event and calls them. Both
normalizers are registered callables (``pactum.dates.v1``,
``pactum.money.v1``) so that a configuration can swap them.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .candidates import SCHEDULED, _chain, is_deal_noun
from .event_time import continued_narration, reference_date, step_date
from .focus import full_char, whole_text
from .lexicon import NON_EVENT_CONTEXT
from .mentions import EventMention
from ..normalization.money import conversions, currency_country, dollar_currency, is_deal_value
from .stage import Stage


#: Participles that attach a deal's value to it: "a stock exchange valued at 20 mln dlrs".
VALUING_VERBS = {"value", "worth", "total", "cost", "price", "estimate"}
#: Verbs whose sum is the price of the deal they are part of: "agreed to pay 101 mln dlrs for all of
#: Resorts' class B shares", "completed the sale ..., receiving 509 mln dlrs for the interest".
PAYING_VERBS = {"pay", "receive"}


class Normalizer(Stage):
    """The ``events_normalize`` component: sets when, amount and price per share."""

    def __init__(self, nlp, name: str, resolve_when: Callable, find_amounts: Callable) -> None:
        self.name = name
        self.resolve_when = resolve_when
        self.find_amounts = find_amounts

    def find(self, doc: Doc) -> None:
        money_by_sent: dict[int, list] = {}
        for event in doc._.events or []:
            sent = event.sent
            if sent.start not in money_by_sent:
                # what the whole article says of its dollars and of its country, up to this sentence
                # (parsed or not)
                text, upto = whole_text(doc)["text"], full_char(doc, sent.end_char)
                money_by_sent[sent.start] = self._money_tokens(sent, dollar_currency(text, upto),
                                                               currency_country(text, upto))
            self._when(event, doc)
            self._amount(event, money_by_sent[sent.start])
        if doc._.parties is not None:
            continued_narration(doc._.events or [], doc._.parties)
        self._step_dates(doc)

    def set_annotations(self, doc: Doc, result: None) -> None:
        """Values are written on the events themselves; nothing else to set."""

    def _when(self, event: EventMention, doc: Doc) -> None:
        if event.when_span is None:
            return
        tense = _date_tense(event.when_span)
        if tense is None:
            tense = "future" if event.status == "planned" and event.tense == "future" else event.tense
        if tense == "present":
            tense = None  # the nearest such month or day, either side of the report
        resolved = self.resolve_when(event.when_span.text, doc._.published, tense)
        if resolved is not None:
            event.when = resolved.iso
            event.when_text = event.when_span.text

    def _step_dates(self, doc: Doc) -> None:
        """"Closing is expected March 17", "The purchase agreement was announced February 12": a step of
        the deal just told, or a sentence that refers back to it, in the next sentence or two."""
        # the last event of each sentence that has any
        last_of = {e.sent.start: e for e in sorted(doc._.events or [], key=lambda e: e.trigger.i)}
        if not last_of:
            return
        last, gap = None, 0
        for sent in doc.sents:
            gap += 1
            # a sentence with a candidate of its own may still date the deal before: "Exercise,
            # involving the purchase of three mln new shares, was scheduled to be finalised in July"
            if last is not None and last.when is None and gap <= 2:
                span = step_date(sent)
                if span is None and sent.start not in last_of:
                    span = reference_date(sent)
                if span is not None:
                    last.when_span = span
                    self._when(last, doc)
            if sent.start in last_of:
                last, gap = last_of[sent.start], 0

    def _money_tokens(self, sent: Span, dollars: str, country: str | None = None) -> list[tuple[object, Token]]:
        """Each money expression of the sentence with the token heading it, conversions in brackets left
        out; a bare "dlrs" is ``dollars``, a bare "crowns" the ``country``'s (:func:`currency_country`)."""
        out = []
        found = self.find_amounts(sent.text, dollars, country) if country else self.find_amounts(sent.text, dollars)
        restated = conversions(sent.text, found)  # "($5.8bn; £3bn)" after the amount it converts
        for k, money in enumerate(found):
            span = sent.doc.char_span(sent.start_char + money.start, sent.start_char + money.end,
                                      alignment_mode="expand")
            if span is None or len(span) == 0 or k in restated:
                continue
            out.append((money, span.root))
        return out

    def _amount(self, event: EventMention, amounts: list[tuple[object, Token]]) -> None:
        if not amounts:
            return
        chain = _chain(event.trigger)
        # the deal's other words are the deal too: "acquired an option to purchase rights ... for 2,750,000 dlrs"
        chain_ids = {t.i for t in chain} | {t.i for t in event.linked if t.sent == event.sent}
        clause_root = next((t for t in reversed(chain) if t.pos_ in {"VERB", "AUX"}), chain[-1])
        clause = {t.i for t in clause_root.subtree}
        scored = []
        for money, root in amounts:
            hops = amount_hops(root, chain_ids, clause)
            if hops is not None:
                scored.append((hops, abs(root.i - event.trigger.i), money))
        scored.sort(key=lambda s: (s[0], s[1]))
        deal = next((m for _, _, m in scored if is_deal_value(m)), None)
        share = next((m for _, _, m in scored if m.per_share), None)
        if deal is not None:
            event.amount = deal
        if share is not None:
            event.price_per_share = share


def amount_hops(root: Token, chain_ids: set[int], clause: set[int]) -> int | None:
    """How closely the money headed by ``root`` belongs to an event.

    The money must be in the clause of the trigger's chain (``_chain``; ``chain_ids`` its token
    indexes, ``clause`` those of the clause it heads) and reach the chain by heads without passing
    another verb (a valuing participle such as "valued at" aside: an amount in another verb's clause
    belongs to that verb) or a word of results ("net profit of 20 mln dlrs").

    RETURNS (int | None): dependency steps from the money's head up to the chain;
        None when the money is not the event's.
    """
    if root.i not in clause:
        return None
    # a price: "sold its unit to a consortium that included Beta Inc and Gamma Inc, for 800 mln dlrs" (the parser
    # hangs the "for" on the relative clause or participle between)
    price = root.dep_ == "pobj" and root.head.lower_ == "for"
    hops, node = 0, root
    while node.i not in chain_ids and node.head.i != node.i and hops < 10:
        if (node.lower_ in NON_EVENT_CONTEXT or node.lemma_.lower() in NON_EVENT_CONTEXT) and not _a_total_price(node):
            return None
        if node.i != root.i and node.pos_ in {"VERB", "AUX"} and node.dep_ != "amod" \
                and node.lemma_.lower() not in VALUING_VERBS | PAYING_VERBS and not _is_worth(node) \
                and not (price and node.dep_ in {"acl", "relcl"} and node.tag_ in {"VBG", "VBD", "VBZ", "VBP"}):
            return None
        node = node.head
        hops += 1
    return hops if node.i in chain_ids else None


def _is_worth(verb: Token) -> bool:
    """"a contract ... that could be worth one billion dlrs": a copula that values what it describes."""
    return verb.lemma_.lower() == "be" and verb.dep_ == "relcl" and is_deal_noun(verb.head) and any(
        c.lower_ == "worth" and c.dep_ in {"acomp", "amod", "prep", "advmod"} for c in verb.children) and all(
        c.tag_ in {"WDT", "WP"} or c.lower_ == "that" for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"})


def _a_total_price(node: Token) -> bool:
    """"for a total price of 350,000 dlrs": the price of the whole deal, not a share's or a market's."""
    return node.lemma_.lower() == "price" and (node.head.lower_ == "for" or any(
        c.dep_ in {"amod", "compound"} and c.lower_ in {"total", "aggregate", "purchase"} for c in node.children))


#: Verbs that put what they govern ahead: "completion, which is expected in early April" (the
#: status rules' scheduling verbs and those of intent).
SCHEDULING_VERBS = SCHEDULED | {"plan", "anticipate", "intend", "aim", "hope"}


def _date_tense(span: Span) -> str | None:
    """The tense of the verb a date hangs on: "future", "past", "present", or None when it has none.

    A month or weekday without a year is read by it: "is expected to be formally adopted on
    Friday" and "which is expected in early April" are ahead; "was scheduled to be signed in
    mid-February" may be past; "ends in August" is the nearest August.
    """
    path, verb = [], span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
        path.append(verb)
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if any(t.pos_ in {"NOUN", "PROPN"} and not span.start <= t.i < span.end for t in path[:-1]):
        return None  # "an agreement ... in early February is expected to ...": the date is the noun's
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & {"will", "shall", "'ll"}:
        return "future"
    if "to" in auxes:
        # "was scheduled to be signed in mid-February": a plan made in the past may be past too
        governor = verb.head
        past = governor.tag_ == "VBD" or any(c.lower_ in {"was", "were", "had"} for c in governor.children
                                             if c.dep_ in {"aux", "auxpass"})
        return None if past else "future"
    past = verb.tag_ == "VBD" or bool(auxes & {"was", "were", "had", "has", "have"})
    if verb.lemma_.lower() in SCHEDULING_VERBS and not past:
        return "future"
    if past:
        return "past"
    return "present" if verb.tag_ in {"VBZ", "VBP"} or auxes & {"is", "are", "am"} else None

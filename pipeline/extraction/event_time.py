"""Which time expression dates an event: attachment, not parsing.

The recognizer's DATE entities are the candidates; :mod:`pipeline.normalization.dates`
resolves the one chosen here. The rules, in order:

1. A date in the clause of the event's own verb, fewest dependency hops
   first. Bounds and durations are not dates ("until June", "for five
   years"); a date modifying some other noun is that noun's ("a record date
   of July 10"), and so is one on a noun the deal is coordinated with ("an
   earlier round last September and the first direct talks in January"),
   and so is one in another clause with a subject of its own ("plans to
   dispose of Stauffer since the bid was made in December", though a "when"
   clause tells the time of its main clause), one of a later step ("due to
   come into force in November 2006", "expires today") and a number in a
   name ("2001 Distributors Inc"). The end of a contract's term dates
   nothing ("The agreement will expire on March 27"; an offer's expiry does).
   The deal's other trigger words count as its own: "will import diesel oil
   under a barter agreement signed here last week".
2. A procedural noun between the deal and the verb owns the verb's dates:
   "the meeting concerning the merger will be held in August" dates the
   meeting, not the merger; so does the contract's performance ("work on the
   contract is expected to be completed in December 1992").
3. With no date in the clause, a party's own announcement dates the deal:
   "Two weeks ago, Contel announced it would seek to terminate the merger".
   A third party's report does not ("a congressional study today said the
   merger would be legal").
4. Dates coordinated with the chosen one come along ("in July or August"):
   the normalizer keeps the precision they share.
5. A sentence that goes on about the previous sentence's actor with a
   pronoun and names no time takes that sentence's date: "Just over the past
   week, the council announced two tech deals. It signed an arrangement with
   Canada ..." (:func:`continued_narration`, after resolution).
6. A sentence about a step of the deal just told dates it: "Closing is
   expected March 17", "Exercise ... was scheduled to be finalised in July or
   August" (:func:`step_date`).
7. A sentence with no deal of its own that refers back to the deal just told
   by a definite deal noun dates it: "The purchase agreement was announced
   February 12", "The definitive agreement provides for a closing on April 1,
   1987" (:func:`reference_date`).
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Span, Token

from ..normalization.dates import names_a_day
from .coref import SUBJECT_DEPS, PartyIndex
from .lexicon import DEAL_STEPS, PROCEDURAL_NOUNS, REPORTING_VERBS
from .mentions import EventMention

#: Prepositions that make a date a bound or a duration, not the event's date. Not "between":
#: "sold between March 5 and 17" happened in March (the dates module keeps what both ends
#: share, and nothing for "between 1982 and 1985").
BOUND_PREPS = {"until", "till", "through", "to", "by", "before", "after", "within", "for", "from", "over",
               "than", "against", "as", "since"}
#: Dependency hops beyond which a date is not the event's.
MAX_HOPS = 8
_FAR = (99, 0)


def bounded(ent: Span, ongoing: bool = False) -> bool:
    """"until June", "from April one through July one": not when the deal happened.

    With ``ongoing`` (talks still going on), "since" dates their start: "have been
    discussing the partnership since early this year".
    """
    head = ent.root.head
    if head.dep_ == "agent" and any(t.pos_ == "PROPN" and t.ent_type_ != "DATE" for t in ent.doc[head.i + 1:ent.start]):
        return False  # "the ceiling agreed by OPEC Saturday": the parser hung the day on the agent's "by"
    if ongoing and "since" in {head.lower_, ent[0].lower_}:
        return False
    if head.lower_ in {"over", "within"} and any(t.lower_ in {"past", "last"} for t in ent):
        return False  # "over the past week": a window up to the report, when the deal was made
    if ent[0].lower_ in BOUND_PREPS and ent[0].pos_ == "ADP" and ent[0].lower_ != "between":
        return True  # the recognizer took the preposition in: "before Jan 1, 1988"
    return head.lower_ in BOUND_PREPS and (head.dep_ == "prep" or ent.root.dep_ == "pobj")


def _in_a_name(ent: Span) -> bool:
    """"2001 Distributors Inc": a number in a company's name, not a year."""
    root = ent.root
    return root.dep_ in {"nummod", "compound", "nmod", "amod"} and root.head.ent_type_ in {"ORG", "FAC", "PRODUCT"}


def time_expression(event: EventMention, chain: list[Token], index: PartyIndex) -> Span | None:
    """The time expression that dates ``event``, or None.

    event (EventMention): an event whose roles are filled.
    chain (list[Token]): the path from its trigger up to its clause's verb.
    index (PartyIndex): the article's parties, to tell a party's announcement.
    RETURNS (Span | None): a DATE entity, widened over dates coordinated with it.
    """
    chain = _own_chain(chain)
    clause_root = next((t for t in reversed(chain) if t.pos_ in {"VERB", "AUX"}), chain[-1])
    if _term_ends(event.trigger, clause_root):
        return None
    ongoing = event.status == "negotiating"
    # the deal's other words are the deal too: "will import diesel oil under a barter agreement signed
    # here last week" (the import's trigger linked with "signed")
    linked = [t for t in event.linked if t.sent == event.sent and t not in chain]
    best = _nearest_date(event.sent, chain + linked, set(clause_root.subtree), ongoing)
    if best is None:
        reporter = _party_announcement(event, chain, index)
        if reporter is not None:
            outside = set(reporter.subtree) - set(chain[-1].subtree)
            best = _nearest_date(event.sent, [reporter], outside)
    if best is None:
        best = _dated_report(event.sent, chain)
    return _with_coordinated(best) if best is not None else None


#: A calendar date: a month's name or a year.
_CALENDAR = re.compile(r"\b(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\.?\b|\b(?:19|20)\d\d\b",
                       re.IGNORECASE)


def _dated_report(sent: Span, chain: list[Token]) -> Span | None:
    """The calendar date of the saying that reports the deal, whoever says it: "The company said on
    February 20, 1986, its predecessor Nolex Development Inc acquired Burdett Publications Inc". Only a
    date with a month or a year: "said today" is the report's day, not the deal's."""
    verb = _saying_verb(chain)
    if verb is None:
        return None
    # on the verb itself ("said Tuesday") or through its "on"/"in" ("said on February 20, 1986")
    dates = [e for e in _dates_of(sent) if e.root.head.i == verb.i or (
        e.root.head.head.i == verb.i and e.root.head.dep_ == "prep" and e.root.head.lower_ in {"on", "in"})]
    dates = [e for e in dates if _CALENDAR.search(e.text) and not bounded(e)]
    return dates[0] if dates else None


def _own_chain(chain: list[Token]) -> list[Token]:
    """The chain cut below a procedural noun: "the meeting concerning the merger will be held"."""
    for k, token in enumerate(chain[1:], start=1):
        if token.pos_ == "NOUN" and token.lemma_.lower() in PROCEDURAL_NOUNS:
            return chain[:k]
    return chain


#: Words that make a bare "week" or "month" a date: "this week's agreement", where the recognizer
#: took only "week".
DEICTIC_WORDS = {"this", "last", "next", "past", "previous", "coming"}


def _dates_of(sent: Span) -> list[Span]:
    """The sentence's DATE entities, and the TIME entities that name a day ("launched this morning by
    Mark IV", "signed late yesterday"); a date the recognizer took without its "this" or "last" gets it
    back ("this week's European Community agreement")."""
    dates = []
    for e in sent.ents:
        if e.label_ == "DATE" or (e.label_ == "TIME" and names_a_day(e.text)):
            before = sent.doc[e.start - 1] if e.start > sent.start else None
            if before is not None and before.head.i == e.root.i and before.lower_ in DEICTIC_WORDS:
                e = Span(sent.doc, e.start - 1, e.end, label=e.label_)
            dates.append(e)
    return dates


def _nearest_date(sent: Span, chain: list[Token], scope: set[Token], ongoing: bool = False) -> Span | None:
    dates = [e for e in _dates_of(sent)
             if e.root in scope and not bounded(e, ongoing) and not _in_a_name(e)]
    if not dates:
        return None
    chain_ids = {t.i for t in chain}
    trigger = chain[0]
    # nouns the chain reaches from a conjunct: "an earlier round ... and the first-ever direct talks"
    conjoined = {parent.i for child, parent in pairwise(chain) if child.dep_ == "conj" and parent.pos_ == "NOUN"}

    def distance(ent: Span) -> tuple[int, int]:
        marker = ent.root.head
        if marker.lower_ == "effective" and any(a.i in chain_ids for a in marker.ancestors):
            # "acquired the assets for 26.4 mln dlrs, effective March 3, 1987": the deal's own date,
            # wherever the parser hangs "effective"
            return 1, abs(ent.root.i - trigger.i)
        if any(a.dep_ == "acl" and a.tag_ == "VBN" and a.head.i == trigger.i for a in ent.root.ancestors):
            # "the accord reached by OPEC last December": the participle on the deal dates it, before
            # the clause's own dates ("Renewed optimism this year stems largely from ...")
            return 0, abs(ent.root.i - trigger.i)
        hops, node, through_verb = 0, ent.root, False
        while node.i not in chain_ids and node.head.i != node.i and hops < MAX_HOPS:
            node = node.head
            hops += 1
            if node.i in chain_ids:
                break
            if node.pos_ in {"VERB", "AUX"}:
                through_verb = True
                if _same_time(node):
                    continue  # "failed to agree when a new agreement came into force in January"
                if _takes_effect(node):
                    return _FAR  # "signed last October and due to come into force in November 2006"
                if node.dep_ in {"advcl", "ccomp"} and _own_subject_clause(node, ent):
                    return _FAR  # "since the bid was made in December": another clause's own event
            # a date that modifies another noun ("record date of July 10") is that noun's
            if node.pos_ == "NOUN" and node.ent_type_ != "DATE" and node.dep_ != "npadvmod":
                return _FAR
        if node.i not in chain_ids:
            return _FAR
        if node.i in conjoined and not through_verb:
            return _FAR  # "an earlier round ... last September and the first-ever direct talks": the round's
        return hops, abs(ent.root.i - trigger.i)

    hops, best = min(((distance(e), e) for e in dates), key=lambda pair: pair[0])
    return best if hops != _FAR else None


#: Deal nouns that run for a term: their end is no date of the deal ("the accord, which expires next
#: March 31"). An offer's or a bid's expiry is: gold dates a tender offer by it.
TERMS = {"agreement", "accord", "pact", "contract", "treaty", "arrangement", "license", "licence", "charter"}


def _term_ends(trigger: Token, verb: Token) -> bool:
    """"the four-year beef accord expires next March 31": the end of a contract's term, not when it was
    made."""
    return (trigger.pos_ in {"NOUN", "PROPN"} and trigger.lemma_.lower() in TERMS and verb.i != trigger.i
            and verb.lemma_.lower() in {"expire", "lapse", "end", "run"})


def _same_time(verb: Token) -> bool:
    """A "when" clause tells the time of the clause it hangs on."""
    return verb.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "as", "while"}
                                        for c in verb.children)


def _takes_effect(verb: Token) -> bool:
    """"come into force", "take effect", "expire", "mature": a later step of a deal, with its own date."""
    lemma = verb.lemma_.lower()
    if lemma in {"expire", "mature", "lapse"}:
        return True
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "effect" for c in verb.children)
    return lemma in {"come", "enter", "go", "remain"} and any(
        c.dep_ == "prep" and c.lower_ in {"into", "in"} and any(g.lower_ in {"force", "effect"} for g in c.children)
        for c in verb.children)


def _own_subject_clause(verb: Token, ent: Span) -> bool:
    """Whether ``ent`` lies inside ``verb``'s clause, which has a subject of its own.

    A relative pronoun is no subject of its own ("the pact, which was signed in
    March"); a date before the clause's conjunction was only hung on it by the
    parser ("Two weeks ago before the study was completed, Contel announced").
    """
    children = list(verb.children)
    if not any(c.dep_ in SUBJECT_DEPS and c.tag_ not in {"WDT", "WP"} for c in children):
        return False
    mark = next((c for c in children if c.dep_ == "mark"), None)
    return mark is None or ent.start > mark.i


def _saying_verb(chain: list[Token]) -> Token | None:
    """The verb of saying the event's clause hangs on ("X said it agreed to buy Y"), or None."""
    top = chain[-1]
    verb = top.head
    if verb.i == top.i or verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    return verb


def _party_announcement(event: EventMention, chain: list[Token], index: PartyIndex) -> Token | None:
    """The verb of saying above the event when its subject is one of the event's parties."""
    verb = _saying_verb(chain)
    if verb is None:
        return None
    parties = set(event.parties)
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        # a name the index already knows, or a pronoun resolved to one; no new names
        # are added here (that would change how later pronouns resolve)
        cid = index.cluster_of(subject) if subject.pos_ == "PRON" else index.by_token.get(subject.i)
        if cid in parties:
            return verb
    return None


def _with_coordinated(ent: Span) -> Span:
    """The date with the dates coordinated with it: "July or August"."""
    tokens = {ent.root, *ent.root.conjuncts}
    dates = [e for e in ent.sent.ents if e.label_ == "DATE" and e.root in tokens]
    if len(dates) < 2:
        return ent
    return ent.doc[min(e.start for e in dates) : max(e.end for e in dates)]


def continued_narration(events: list[EventMention], index: PartyIndex) -> None:
    """Date undated events told on, with a pronoun, from the sentence before (rule 5).

    events (list[EventMention]): one Doc's events, with ``when`` resolved.
    index (PartyIndex): the article's parties, to resolve the pronoun.
    """
    dated: dict[int, list[EventMention]] = {}
    for event in events:
        if event.when is not None:
            dated.setdefault(event.sent.start, []).append(event)
    for event in events:
        sent = event.sent
        first = sent[0]
        if event.when is not None or sent.start == 0 or first.pos_ != "PRON" or first.dep_ not in SUBJECT_DEPS:
            continue
        if any(ent.label_ == "DATE" for ent in sent.ents):
            continue  # a time of its own, even one tied to something else: no telling
        actor = index.cluster_of(first)
        if actor is None or actor not in event.who:
            continue
        before = sent.doc[sent.start - 1].sent.start
        source = next((e for e in dated.get(before, []) if actor in e.who), None)
        if source is not None:
            event.when, event.when_text = source.when, source.when_text


def step_date(sent: Span) -> Span | None:
    """The date of a sentence whose subject is a bare step of a deal (rule 6), or None.

    "Closing is expected March 17", "Signing takes place today". A step of
    something named ("the closing of the Chicago plant", "completion of the
    deal") is not bare: what it names decides, and a deal noun there is read
    as a mention of its own.
    """
    for subject in sent:
        if subject.dep_ not in SUBJECT_DEPS or subject.pos_ != "NOUN" or subject.lemma_.lower() not in DEAL_STEPS:
            continue
        if any(c.dep_ in {"prep", "poss", "compound"} for c in subject.children):
            continue
        verb = subject.head
        return _nearest_date(sent, [verb], set(verb.subtree) - set(subject.subtree))
    return None


#: Deal nouns a later sentence refers back to the deal with: "The purchase agreement was announced February 12".
REFERRING_NOUNS = {"agreement", "accord", "pact", "deal", "transaction", "sale", "purchase", "acquisition",
                   "merger", "takeover", "offer", "bid", "contract", "buyout"}
#: What a deal referred back to does on a date: is announced, signed, made, closed, takes place, becomes
#: effective, is expected or scheduled (to close).
STEP_VERBS = {"announce", "sign", "complete", "close", "conclude", "make", "take", "become", "reach", "approve",
              "finalize", "finalise", "consummate", "accept", "launch", "occur", "provide", "execute", "expect",
              "schedule", "set"}
#: Determiners that make such a noun refer back ("the agreement", "this deal"), not name a new one.
_DEFINITE = {"the", "this", "that"}


def reference_date(sent: Span) -> Span | None:
    """The date of a sentence that refers back to a deal by a definite deal noun as its subject (rule 7).

    "The purchase agreement was announced February 12": the sentence names no
    deal of its own (its caller checks that no event was found in it), and the
    noun is the subject of its main clause (or of what it reports). A noun that
    names its object or its parties ("the sale of the Chicago plant", "the
    Chrysler agreement") is a mention of another deal, not a reference.
    """
    for subject in sent:
        if subject.dep_ not in SUBJECT_DEPS or subject.pos_ != "NOUN" or subject.lemma_.lower() not in REFERRING_NOUNS:
            continue
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in subject.children):
            continue
        if any(c.dep_ in {"prep", "poss"} or (c.dep_ in {"compound", "nmod", "amod"} and c.pos_ == "PROPN")
               for c in subject.children):
            continue
        verb = subject.head
        if verb.lemma_.lower() not in STEP_VERBS or not (
                verb.dep_ == "ROOT" or verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT"
                and verb.head.lemma_.lower() in REPORTING_VERBS):
            # "the offer will expire on March 27", "the acquisition would lift revenues to 50 mln dlrs this
            # year": no step of the deal; "before the final agreement was struck last Friday": a clause
            # about some other deal
            continue
        # the steps it names date it too: "provides for a closing on April 1, 1987"
        steps = [t for t in verb.subtree if t.pos_ == "NOUN" and t.lemma_.lower() in DEAL_STEPS]
        return _nearest_date(sent, [verb, *steps], set(verb.subtree) - set(subject.subtree))
    return None

"""Which events of many articles report the same transaction.

The rule (``pactum.deal_link.v1``), in three passes over candidate pairs:

1. **Candidates** come from an inverted index, party key → events: two events
   are compared only when they share a key of a non-generic party (a name or
   an alias, compared by :func:`pipeline.normalization.parties.name_key`; a company's
   distinctive first word, "purolator" of "Purolator Courier Corp", which
   matches full names only; a known party named inside ``what``, "tender
   offer for GenCorp"). A party is *generic* when it is a country or place,
   an authority (a department, commission, court, exchange, central bank), a
   name with no capital letter, a one-word fragment of a longer name in its
   ``what`` ("Trade" of "Tariffs and Trade"), or a key in more than
   ``max(GENERIC_MIN_DOCS, GENERIC_SHARE × articles)`` articles. Generic
   parties never make a candidate on their own; events that name only
   countries are compared through pairs of country keys. Blocks longer than
   ``MAX_BLOCK`` events are not expanded.
2. **Strong links** join two events of compatible types (the same type, or
   acquisition/agreement/investment among themselves; funding only with
   funding), published at most ``WINDOW_DAYS`` apart, that share two
   non-generic parties (roles pooled: a sale told from the seller's side and
   from the buyer's names the same set), or one and the same total or price
   a share, or one plus a country and most ``what`` words. They do not join
   when each names a different buyer (lender) that the other does not name
   at all (rival bids, different loans) unless the amount is the same (one
   bid under the names of a partnership and of its partners), when each names
   a different target (the same buyer's other acquisition), or when they name
   different countries. Pairs are taken best first.
3. **Weak links** attach an event that names one non-generic party and
   nothing else ("GenCorp rejected the offer") to a group that holds that
   party, through an event of the same type: the best by same amount,
   ``what`` words and nearness in time, and only when no strong link joined
   it. For a party named in more than ``FREQUENT_DOCS`` articles it also
   needs a shared ``what`` word or the same amount. An event that finds
   nothing stays a deal of its own (so does every event without parties).

Group-level checks (``CHECK_BUYERS``, ``CHECK_TARGETS``: refuse to join two
groups whose main buyers or main targets differ) are off by default: on
deals_dev they split consortium stories (a partnership and its partners under
three names) more often than they kept rival bids apart. Groups are capped at
``MAX_DEAL_EVENTS`` events.

Everything is computed in a fixed order (events sorted by article and index,
pairs by score then position), so the result does not depend on the order
of the input.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ...models import Event

from ..normalization.dates import day_of
from ..normalization.parties import country_for, is_capital, name_key

#: Most days between the articles of two linked events.
WINDOW_DAYS = 180
#: A key in more articles than this (and than GENERIC_SHARE of them) is generic.
GENERIC_MIN_DOCS = 40
GENERIC_SHARE = 0.01
#: Blocks (events sharing one key) longer than this make no candidate pairs.
MAX_BLOCK = 400
#: A group is never grown past this many events (a guard against chains).
MAX_DEAL_EVENTS = 200

TYPE_PAIRS = {
    frozenset({"acquisition"}), frozenset({"agreement"}), frozenset({"investment"}), frozenset({"funding"}),
    frozenset({"acquisition", "agreement"}), frozenset({"acquisition", "investment"}),
    frozenset({"agreement", "investment"}),
}
#: Types whose ``who`` is one specific side (buyer, investor, lender): two groups with
#: different ones are different deals.
DIRECTED = {"acquisition", "investment", "funding"}
CHECK_BUYERS = False
CHECK_TARGETS = False
#: A group's main buyer or target is named so in at least this share of its events.
MAIN_SHARE = 0.25
#: A one-party event of a party named in more articles than this joins only with a shared what word.
FREQUENT_DOCS = 40
GENERIC_KINDS = {"country", "place"}
STOP_WORDS = frozenset(
    "a an and the of for in on to with by from its their his her it at as all or into over per pct "
    "share shares stake dlr dlrs mln bln billion million".split()
)
#: Regulators, courts, ministries, exchanges: they approve or rule on many deals and are party to few.
_AUTHORITY = re.compile(
    r"\b(?:department|ministry|ministries|commission|bureau|agency|authority|court|courts|treasury|government|"
    r"administration|council|office|committee|congress|senate|parliament|exchange|regulators?|fed|"
    r"federal reserve|central bank|sec|ftc|fcc|icc|doj|dot)\b")
_WORD = re.compile(r"[a-z][a-z\-]+")
_CAPITALIZED_RUN = re.compile(r"(?:[A-Z][\w&.'\-]*)(?:\s+(?:(?:of|and|&|de)\s+)?[A-Z][\w&.'\-]*)*")


@dataclass
class Entity:
    """A party (or a name inside ``what``) of one event, with every key it is known by."""

    keys: frozenset[str]
    roles: set[str]
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "other"
    generic: bool = False
    #: Short-name keys ("hughes" of "Hughes Tool Co"): they match another's full key only,
    #: so "Hughes Tool" meets "Hughes" but not "Hughes Aircraft".
    heads: frozenset[str] = frozenset()
    #: In how many articles its most frequent key names a party.
    docs: int = 0


@dataclass
class Item:
    """One event prepared for linking."""

    n: int
    event: Event
    index: int
    day: int | None
    date: str | None
    entities: list[Entity] = field(default_factory=list)
    words: frozenset[str] = frozenset()

    @property
    def specific(self) -> list[Entity]:
        return [e for e in self.entities if not e.generic]


def what_words(text: str | None) -> frozenset[str]:
    """RETURNS (frozenset[str]): the content words of a ``what`` phrase."""
    if not text:
        return frozenset()
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2)


#: First words of company names that say nothing of which company it is.
COMMON_HEADS = frozenset(
    "first general american national united international new north south east west central royal bank "
    "banco banque union pacific continental standard federal western southern northern eastern great allied "
    "associated consolidated security trust citizens home mutual capital financial energy oil gas petroleum "
    "world global universal texas california canadian british japan japanese china chinese french german "
    "industrial industries commercial computer data public southwest northwest city state community "
    "investors investment american-standard".split()
)


def _party_keys(name: str, aliases: Iterable[str], country_code: str | None,
                kind: str = "other") -> tuple[frozenset[str], frozenset[str]]:
    """Every key a party is known by (its names' keys, its country code) and, for a company, its
    short-name keys: the distinctive first word ("purolator courier" is also "purolator")."""
    keys = {name_key(n) for n in (name, *aliases)}
    if country_code:
        keys.add(f"country:{country_code}")
    heads = set()
    if kind == "organization":
        for key in keys:
            words = key.split()
            if len(words) > 1 and len(words[0]) >= 4 and words[0] not in COMMON_HEADS and words[0].isalpha() \
                    and not {"of", "for", "de"} & set(words) and not _AUTHORITY.search(key):
                heads.add(words[0])
    keys = {k for k in keys if len(k) > 1}
    return frozenset(keys), frozenset(heads - keys)


def _central_bank(name: str) -> bool:
    """"Bank of England", "Bank of France": a country's central bank (an authority), not "Bank of
    America" or "Bank of Tokyo"."""
    match = re.fullmatch(r"(?:the\s+)?bank\s+of\s+(.+)", name.strip(), re.IGNORECASE)
    if not match or match.group(1).strip().lower() in {"america", "new england"}:
        return False
    place = match.group(1)
    return country_for(place) is not None and not is_capital(place)


def _fragment(name: str, what: str | None, known: Mapping[str, object]) -> bool:
    """A one-word name that is only part of a longer name in the event's ``what`` that is no
    party's name ("Trade" of "General Agreement on Tariffs and Trade", "Class" of "Class B
    common shares"; not "Purolator" of "Purolator Courier Corp")."""
    if not what or " " in name.strip():
        return False
    word = name.strip()
    key = name_key(word)
    for run in _CAPITALIZED_RUN.finditer(what):
        tokens = run.group().split()
        run_key = name_key(run.group())
        if len(tokens) > 1 and word in tokens and run_key != key and run_key not in known:
            return True
    return False


def _merge_entities(entities: list[Entity]) -> list[Entity]:
    """Mentions of one event that share a key are one entity."""
    merged: list[Entity] = []
    for ent in entities:
        for other in merged:
            if _same(other, ent):
                other.keys = other.keys | ent.keys
                other.heads = other.heads | ent.heads
                other.roles |= ent.roles
                other.generic = other.generic or ent.generic
                break
        else:
            merged.append(ent)
    return merged


def _same(a: Entity, b: Entity) -> bool:
    return bool(a.keys & b.keys or a.heads & b.keys or a.keys & b.heads)


def _matches(a: Entity, others: Sequence[Entity]) -> bool:
    return any(_same(a, o) for o in others)


def prepare(events: Sequence[tuple[Event, int]], published: Mapping[str, str] | None = None) -> list[Item]:
    """Turn events into items: dates, party keys, generic flags, names found in ``what``.

    events (Sequence[tuple[Event, int]]): each event with its index among its article's events.
    published (Mapping[str, str] | None): article id → publication date (ISO).
    RETURNS (list[Item]): sorted by article and index.
    """
    published = published or {}
    ordered = sorted(events, key=lambda pair: (pair[0].doc_id, pair[1]))
    items: list[Item] = []
    key_docs: dict[str, set[str]] = defaultdict(set)
    for n, (event, index) in enumerate(ordered):
        stamp = published.get(event.doc_id)
        stamp = stamp[:10] if stamp else event.when
        item = Item(n, event, index, day_of(stamp), stamp, words=what_words(event.what))
        mentions = []
        for role in ("who", "with_whom"):
            for party in getattr(event, role):
                keys, heads = _party_keys(party.name, party.aliases, party.country_code, party.kind)
                if keys:
                    # countries, places, authorities, and names with no capital letter ("tranche")
                    generic = (party.kind in GENERIC_KINDS or any(_AUTHORITY.search(k) for k in keys)
                               or not any(c.isupper() for c in party.name) or _central_bank(party.name))
                    mentions.append(Entity(keys, {role}, party.name, tuple(party.aliases), party.kind, generic,
                                           heads))
                    for key in keys:
                        key_docs[key].add(event.doc_id)
        item.entities = mentions
        items.append(item)
    n_docs = len({i.event.doc_id for i in items}) or 1
    limit = max(GENERIC_MIN_DOCS, GENERIC_SHARE * n_docs)
    generic_keys = {k for k, docs in key_docs.items() if len(docs) > limit or k.startswith("country:")}
    # names of countries, places and authorities are never read as a party inside `what`
    # (by majority of their mentions: one company tagged as a place does not hide it)
    votes: Counter = Counter()
    for item in items:
        for ent in item.entities:
            votes.update({k: 1 if ent.generic else -1 for k in ent.keys})
    not_named = generic_keys | {k for k, n in votes.items() if n > 0}
    vocabulary = {k for k in key_docs if k not in not_named and len(k) > 2}
    vocabulary |= {h for item in items for e in item.entities for h in e.heads if h not in not_named}
    frequent = {k for k in vocabulary if len(key_docs.get(k, ())) >= 3}
    for item in items:
        for ent in item.entities:
            ent.docs = max((len(key_docs.get(k, ())) for k in ent.keys), default=0)
            specific = ent.keys - generic_keys
            if not specific or _fragment(ent.name, item.event.what, key_docs):
                ent.generic = True
            elif not ent.generic:  # "Bank of England" is not matched through its alias "Bank"
                ent.keys, ent.heads = specific, ent.heads - generic_keys
        item.entities.extend(_names_in_what(item.event.what, vocabulary, not_named, frequent))
        item.entities = _merge_entities(item.entities)
    return items


def _names_in_what(what: str | None, vocabulary: set[str], generic: set[str] = frozenset(),
                   frequent: set[str] = frozenset()) -> list[Entity]:
    """Known party names written with capitals inside ``what`` ("tender offer for GenCorp Inc")."""
    if not what:
        return []
    found: list[Entity] = []
    for run in _CAPITALIZED_RUN.finditer(what):
        tokens = run.group().split()
        taken = [False] * len(tokens)
        words = len(name_key(run.group()).split())
        for size in range(min(len(tokens), 6), 0, -1):
            for start in range(len(tokens) - size + 1):
                if any(taken[start:start + size]):
                    continue
                if size == 1 and words > 1 and (start > 0 or name_key(tokens[start]) not in frequent):
                    continue  # one word of a longer name ("Trade" of "Tariffs and Trade") is no name,
                    # unless it starts the name and is a party of several articles ("Purolator Courier Corp")
                key = name_key(" ".join(tokens[start:start + size]))
                if key in generic:  # "World Bank" is not "World" and "Bank"
                    taken[start:start + size] = [True] * size
                elif key in vocabulary:
                    taken[start:start + size] = [True] * size
                    found.append(Entity(frozenset({key}), {"what"}, " ".join(tokens[start:start + size])))
    return found


@dataclass
class Pair:
    """How two events relate."""

    shared: int = 0          # non-generic entities of one that the other names too
    shared_generic: int = 0
    lonely: bool = False     # one of them names no non-generic entity but the shared one
    shared_docs: int = 0     # in how many articles the shared party is named (for one shared party)
    amount: int = 0          # 1 same amount, -1 clearly different, 0 unknown
    words: float = 0.0       # Jaccard overlap of the what words
    conflict: bool = False   # different buyers (lenders) with nothing in common

    @property
    def strong(self) -> bool:
        if self.conflict:
            return False
        if self.shared >= 2:
            return True
        if self.shared == 1 and self.amount == 1:
            return True
        if self.shared == 1 and self.shared_generic and self.words >= 0.5 and self.amount >= 0:
            return True
        return self.shared == 0 and self.shared_generic >= 2 and self.words >= 0.6 and self.amount >= 0

    @property
    def score(self) -> float:
        return self.shared + 0.5 * self.shared_generic + self.amount + self.words


def _same_money(x, y) -> int:
    """1 the same money (within 2%), -1 clearly different (over 1.5 times), 0 unknown."""
    if x is None or y is None or x.currency != y.currency or x.value <= 0 or y.value <= 0:
        return 0
    ratio = max(x.value, y.value) / min(x.value, y.value)
    return 1 if ratio <= 1.02 else (-1 if ratio > 1.5 else 0)


def _amount_relation(a: Event, b: Event) -> int:
    """The same total or the same price a share (the same bid); -1 when the totals clearly differ."""
    total = _same_money(a.amount, b.amount)
    if total:
        return total
    return max(_same_money(a.price_per_share, b.price_per_share), 0)


def _buyers(item: Item) -> list[Entity]:
    return [e for e in item.specific if "who" in e.roles and not e.roles & {"with_whom", "what"}]


def _targets(item: Item) -> list[Entity]:
    return [e for e in item.specific if e.roles & {"with_whom", "what"} and "who" not in e.roles]


def relate(a: Item, b: Item, window_days: int = WINDOW_DAYS) -> Pair | None:
    """RETURNS (Pair | None): how the events relate, or None when they cannot be one deal."""
    if frozenset({a.event.type, b.event.type}) not in TYPE_PAIRS:
        return None
    if a.day is not None and b.day is not None and abs(a.day - b.day) > window_days:
        return None
    pair = Pair()
    a_spec, b_spec = a.specific, b.specific
    shared_a = [e for e in a_spec if _matches(e, b.entities)]
    pair.shared = len(shared_a)
    pair.shared_generic = sum(1 for e in a.entities if e.generic and _matches(e, b.entities))
    if pair.shared == 1:  # lonely: one of them names nothing but the shared party
        pair.lonely = len(a.entities) == 1 or len(b.entities) == 1
        pair.shared_docs = shared_a[0].docs
    countries_a = {k for e in a.entities if e.kind == "country" for k in e.keys}
    countries_b = {k for e in b.entities if e.kind == "country" for k in e.keys}
    if countries_a and countries_b and not countries_a & countries_b:
        pair.conflict = True  # a loan to Guyana and a loan to Bangladesh are two loans
    pair.amount = _amount_relation(a.event, b.event)
    if a.words and b.words:
        pair.words = len(a.words & b.words) / len(a.words | b.words)
    if a.event.type in DIRECTED and a.event.type == b.event.type:
        buyers_a, buyers_b = _buyers(a), _buyers(b)
        if buyers_a and buyers_b and not any(_matches(e, b.entities) for e in buyers_a) \
                and not any(_matches(e, a.entities) for e in buyers_b) and pair.amount < 1:
            pair.conflict = True  # rival bids, or different lenders (unless it is the same bid under other names)
        targets_a, targets_b = _targets(a), _targets(b)
        if targets_a and targets_b and not any(_matches(e, b.entities) for e in targets_a) \
                and not any(_matches(e, a.entities) for e in targets_b):
            pair.conflict = True  # the same buyer's other acquisition
    return pair


class Groups:
    """Union-find over items, with each group's votes for who is buyer and who is target."""

    def __init__(self, items: Sequence[Item]):
        self.parent = list(range(len(items)))
        self.size = [1] * len(items)
        self.buyer_votes: list[Counter] = []
        self.target_votes: list[Counter] = []
        self.directed: list[bool] = []
        for item in items:
            buyers, targets = Counter(), Counter()
            for ent in item.specific:
                if "who" in ent.roles:
                    buyers.update(ent.keys)
                if ent.roles & {"with_whom", "what"}:
                    targets.update(ent.keys)
            self.buyer_votes.append(buyers)
            self.target_votes.append(targets)
            self.directed.append(item.event.type in DIRECTED)

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def roles(self, root: int) -> tuple[set[str], set[str]]:
        """RETURNS (tuple[set[str], set[str]]): a group's main buyers and main targets: the keys
        it names mostly in that role, in at least MAIN_SHARE of its events (and two of them)."""
        buyers, targets = self.buyer_votes[root], self.target_votes[root]
        least = max(2, MAIN_SHARE * self.size[root])
        return ({k for k, n in buyers.items() if n > targets[k] and n >= least},
                {k for k, n in targets.items() if n >= buyers[k] and n >= least})

    def compatible(self, x: int, y: int, max_events: int = MAX_DEAL_EVENTS) -> bool:
        """Whether the groups of x and y may be joined: not too large, and for
        acquisitions, investments and loans neither two different main buyers
        (rival bids, different lenders) nor one buyer's two different main
        targets, when neither group names the other's at all."""
        x, y = self.find(x), self.find(y)
        if x == y:
            return True
        if self.size[x] + self.size[y] > max_events:
            return False
        if self.directed[x] and self.directed[y]:
            (bx, tx), (by, ty) = self.roles(x), self.roles(y)
            named_x = self.buyer_votes[x].keys() | self.target_votes[x].keys()
            named_y = self.buyer_votes[y].keys() | self.target_votes[y].keys()
            if CHECK_BUYERS and bx and by and not bx & named_y and not by & named_x:
                return False
            if CHECK_TARGETS and tx and ty and not tx & named_y and not ty & named_x:
                return False
        return True

    def union(self, x: int, y: int) -> None:
        x, y = self.find(x), self.find(y)
        if x == y:
            return
        if self.size[x] < self.size[y] or (self.size[x] == self.size[y] and y < x):
            x, y = y, x
        self.parent[y] = x
        self.size[x] += self.size[y]
        self.buyer_votes[x].update(self.buyer_votes[y])
        self.target_votes[x].update(self.target_votes[y])
        self.directed[x] = self.directed[x] or self.directed[y]


@dataclass
class LinkStats:
    """What the linker did: for the run summary and the benchmark."""

    candidates: int = 0
    strong: int = 0
    weak: int = 0
    refused: int = 0
    skipped_blocks: int = 0


def candidate_pairs(items: Sequence[Item], max_block: int = MAX_BLOCK,
                    stats: LinkStats | None = None) -> Iterable[tuple[int, int]]:
    """Pairs of items that share a non-generic key (or, for country-only events, two country keys)."""
    index: dict[str, list[int]] = defaultdict(list)
    for item in items:
        keys: set[str] = set()
        specific = item.specific
        for ent in specific:
            keys |= ent.keys | ent.heads
        if not specific:
            generic = sorted({min(e.keys) for e in item.entities if e.generic})
            keys |= {f"{x}|{y}" for i, x in enumerate(generic) for y in generic[i + 1:]}
        for key in keys:
            index[key].append(item.n)
    seen: set[tuple[int, int]] = set()
    for key in sorted(index):
        block = index[key]
        if len(block) > max_block:
            if stats:
                stats.skipped_blocks += 1
            continue
        for i, x in enumerate(block):
            for y in block[i + 1:]:
                if x != y and (x, y) not in seen:
                    seen.add((x, y))
    return sorted(seen)


def link(items: Sequence[Item], window_days: int = WINDOW_DAYS, max_block: int = MAX_BLOCK,
         max_events: int = MAX_DEAL_EVENTS, stats: LinkStats | None = None) -> list[int]:
    """Group the items into deals.

    items (Sequence[Item]): from :func:`prepare`.
    RETURNS (list[int]): for each item, the position of its group's first item.
    """
    stats = stats if stats is not None else LinkStats()
    groups = Groups(items)
    strong: list[tuple[float, int, int]] = []
    weak: dict[int, list[tuple[int, Pair]]] = defaultdict(list)
    pairs = candidate_pairs(items, max_block, stats)
    stats.candidates = len(pairs)
    for x, y in pairs:
        pair = relate(items[x], items[y], window_days)
        if pair is None:
            continue
        if pair.strong:
            strong.append((-pair.score, x, y))
        elif pair.shared == 1 and pair.lonely and not pair.conflict and pair.amount >= 0:
            for lone, other in ((x, y), (y, x)):
                if len(items[lone].specific) == 1:
                    weak[lone].append((other, pair))
    for _, x, y in sorted(strong):
        if groups.find(x) == groups.find(y):
            continue
        if groups.compatible(x, y, max_events):
            groups.union(x, y)
            stats.strong += 1
        else:
            stats.refused += 1
    for lone in sorted(weak):
        if groups.size[groups.find(lone)] > 1:
            continue  # joined by a strong link of its own
        best: tuple | None = None
        for other, pair in weak[lone]:
            root = groups.find(other)
            if groups.size[root] < 2 and len(items[other].specific) < 2:
                continue  # another lonely event: no group to join
            if items[other].event.type != items[lone].event.type:
                continue  # by one party alone, only into a report of the same type
            if pair.shared_docs > FREQUENT_DOCS and pair.words == 0 and pair.amount < 1:
                continue  # a company in many articles: one of its deals only if the what says so
            distance = abs(items[lone].day - items[other].day) if items[lone].day is not None \
                and items[other].day is not None else window_days
            rank = (pair.amount, round(pair.words, 3), -distance, -root)
            if best is None or rank > best[0]:
                best = (rank, root)
        if best is not None and groups.compatible(lone, best[1], max_events):
            groups.union(lone, best[1])
            stats.weak += 1
    first: dict[int, int] = {}
    result = []
    for item in items:
        root = groups.find(item.n)
        result.append(first.setdefault(root, item.n))
    return result


def make_deal_linker():
    """The registered rule ``pactum.deal_link.v1`` (a ``spacy_misc`` entry point, so that linking
    needs no spaCy import). RETURNS (Callable): :func:`link`."""
    return link


__all__ = ["Item", "Entity", "Pair", "LinkStats", "prepare", "relate", "link", "candidate_pairs",
           "day_of", "what_words", "WINDOW_DAYS"]

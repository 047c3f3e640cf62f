"""Which sentences reach the parser: those that may hold a deal, and their context.

spaCy's tagger, parser and entity recognizer take about 90% of a run's time,
and most sentences of a news corpus hold no deal. Before the parse, a text is
tokenized (about 1% of the parse's cost), cut into rough sentences, and only
the sentences with a trigger word (any inflected form of the lexicon's
triggers, :func:`trigger_forms`) go on, with their context: the sentence
before each that refers back (what "it" and "the company" refer to), a step
of the deal in the two after ("Closing is expected March 17"), the article's
first sentence, the sentence where each name in them first occurs (where a
party is named in full: canonical names and aliases), and the lines of a list
announced after a deal. The rest is never tagged or parsed. A text whose
words hold no trigger form is not even tokenized (:func:`text_may_hold_a_deal`).

A sentence whose only trigger words are *weak* nouns (``sales``, ``interest``,
``order``: :data:`pipeline.extraction.lexicon.WEAK_NOUNS`) needs one of their
support words or a status cue as well (``completed the sale``, ``won an
order``, ``exploring the sale``); without one the candidate stage vetoes them
in any case. That one rule is lossy: the trained stage may rescue a weak noun
the rules vetoed, and such a sentence no longer reaches it
(docs/throughput.md measures what the focus costs on train and dev).

:func:`focus` returns the Doc to parse with the way back: a :class:`Cleaned`
whose offsets point into the original text, and ``doc.user_data`` entries
that let the stages read what the whole text says (its full token Doc, its
text) and where a parsed token sat in it (:func:`full_token_index`,
:func:`full_char`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, LENGTH, LIKE_NUM, LOWER, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from .lexicon import (AGREED_CUES, CONSTRUCTION_VERBS, CONTEXT_TRIGGERS, DEAL_STEPS, DESCRIPTIONS, NEGOTIATING_CUES,
                      NOUN_TRIGGERS, PLANNED_CUES, REJECTED_CUES, UNIT_NOUNS, VERB_TRIGGERS, WEAK_NOUNS)
from .lists import LIST_HEADER
from .preprocess import Cleaned

#: Forms spaCy's lemmatizer maps to a trigger lemma that no suffix rule below reaches.
IRREGULAR = {"sell": {"sold"}, "buy": {"bought"}, "lend": {"lent"}, "win": {"won"}, "strike": {"struck"},
             "seek": {"sought"}, "take": {"took", "taken"}, "pay": {"paid"}, "get": {"got", "gotten"},
             "make": {"made"}, "hold": {"held"}, "find": {"found"}, "bid": {"bidding", "bids"},
             "build": {"built"}, "give": {"gave", "given"},
             "memorandum": {"memoranda"}}
#: Forms of "take" that make a trigger with "over" ("took over Allegheny").
TAKE = frozenset({"take", "takes", "took", "taken", "taking"})
#: "agreed to become a wholly owned subsidiary of Magna Group Inc": "become" is a deal's word only beside a unit.
BECOME = frozenset({"become", "becomes", "became", "becoming"})
#: Status cues that are no verb of a deal: a weak noun with "will" is no more a deal than without.
MODALS = frozenset({"will", "would", "may", "might", "could", "should", "shall", "can", "likely"})
#: Sentences after a deal's in which a step of it ("Closing is expected March 17") dates it.
STEP_SENTENCES = 2
#: Sentences kept after a list header that follows a deal (the lists stage reads deals announced as a list).
LIST_LINES = 8
#: Sentence-final punctuation.
_ENDS = frozenset({".", "!", "?"})
#: The user_data key of what the stages read of the whole text when only part of it is parsed:
#: {"text": str, "tokens": int, "words": [lower-case hash of each token that is no space or
#: punctuation], "numbers": int (tokens like a number)}. Plain data: a Doc's user_data is serialized.
FULL = "pactum_full"
#: The user_data key of the kept ranges: (parsed token start, full token start, parsed char start, full char start).
RANGES = "pactum_ranges"


def inflect(word: str) -> set[str]:
    """RETURNS (set[str]): a verb with the regular forms English gives it (generously)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "bid" -> "bidding", "ship" -> "shipped"
    return forms | IRREGULAR.get(word, set())


def plurals(noun: str) -> set[str]:
    """RETURNS (set[str]): a noun and its plural forms: a noun trigger's lemma is one of these
    ("projected" and "according" are no forms of the nouns "project" and "accord")."""
    forms = {noun, noun + "s", noun + "es"}
    if noun.endswith("y"):
        forms.add(noun[:-1] + "ies")
    return forms | IRREGULAR.get(noun, set())


#: The units a company may become ("to become a wholly owned subsidiary of"), in every form.
UNITS = frozenset(form for noun in UNIT_NOUNS for form in plurals(noun))


@lru_cache(maxsize=1)
def trigger_forms() -> tuple[frozenset[str], frozenset[str]]:
    """RETURNS (tuple): the lower-case forms of strong triggers (verbs, deal nouns, context words), and
    those of weak nouns that are no other trigger's form."""
    strong: set[str] = set()
    for verb in (*VERB_TRIGGERS, *CONSTRUCTION_VERBS):
        strong |= inflect(verb)
    for noun in (*CONTEXT_TRIGGERS, *(n for n in NOUN_TRIGGERS if n not in WEAK_NOUNS)):
        strong |= plurals(noun)
    weak: set[str] = set()
    for noun in WEAK_NOUNS:
        weak |= plurals(noun)
    return frozenset(strong), frozenset(weak - strong)


@lru_cache(maxsize=1)
def support_forms() -> dict[str, frozenset[str]]:
    """RETURNS (dict): a weak noun's form → the forms of the words that may make it a deal: its
    support words ("won" for "order") and the status cues other than modal verbs ("explore")."""
    out: dict[str, frozenset[str]] = {}
    cues = (AGREED_CUES | PLANNED_CUES | NEGOTIATING_CUES | REJECTED_CUES) - MODALS
    for noun, support in WEAK_NOUNS.items():
        forms = frozenset(f for word in support | cues for f in inflect(word))
        for form in plurals(noun):
            out[form] = out.get(form, frozenset()) | forms
    return out


@lru_cache(maxsize=1)
def _hashes() -> dict:
    """The word lists above as spaCy string hashes, to test tokens without making Token objects."""
    strong, weak = trigger_forms()
    return {
        "strong": frozenset(map(hash_string, strong)),
        "weak": {hash_string(w): frozenset(map(hash_string, support_forms().get(w, ()))) for w in weak},
        "take": frozenset(map(hash_string, TAKE)),
        "become": frozenset(map(hash_string, BECOME)),
        "units": frozenset(map(hash_string, UNITS)),
        "over": hash_string("over"),
        "ends": frozenset(map(hash_string, _ENDS)),
        "steps": frozenset(map(hash_string, DEAL_STEPS)),
        "references": frozenset(map(hash_string, REFERENCES)),
        "the": hash_string("the"),
        "descriptions": frozenset(map(hash_string, DESCRIPTIONS)),
    }


class _Tokens:
    """A tokenized text as columns of ints: what the focus reads of each token."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        columns = doc.to_array([LOWER, ORTH, IDX, LENGTH, IS_SPACE, IS_PUNCT, IS_ALPHA, IS_TITLE, IS_UPPER,
                                LIKE_NUM])
        (self.lower, self.orth, self.idx, self.length, self.space, self.punct, alpha, title, upper,
         self.like_num) = (list(c) for c in zip(*columns.tolist())) if len(doc) else ([],) * 10
        self.text = doc.text if text is None else text  # Doc.text joins a Token object per token: slow
        #: capitalized words (ORTH) past the first token of the text: names, roughly
        self.capital = [a and (t or u) and n > 1 for a, t, u, n in zip(alpha, title, upper, self.length)]


def may_hold_a_deal(tokens: Doc | Span) -> bool:
    """Whether a run of tokens has a trigger word the candidate stage could accept or the trained stage weigh.

    tokens (Doc | Span): tokens (tokenized only is enough).
    RETURNS (bool): a strong trigger form, "take ... over", or a weak noun with one of its support
        words or a status cue ("completed the sale", "exploring the sale").
    """
    doc = tokens if isinstance(tokens, Doc) else tokens.as_doc()
    return _deal_words(_Tokens(doc).lower, 0, len(doc))


_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")


def text_may_hold_a_deal(text: str) -> bool:
    """The test of :func:`may_hold_a_deal` on a whole text before it is tokenized: its words (letters,
    hyphenated or not, and the parts of hyphenated ones) are a superset of any of its tokens' forms,
    so a text that fails here has no sentence the focus would keep.
    """
    strong, weak = trigger_forms()
    words = set(_WORDS.findall(text.lower()))
    words |= {part for word in words if "-" in word for part in word.split("-")}
    if not words.isdisjoint(strong) or (not words.isdisjoint(TAKE) and "over" in words) or (
            not words.isdisjoint(BECOME) and not words.isdisjoint(UNITS)):
        return True
    support = support_forms()
    return any(not words.isdisjoint(support[w]) for w in words & weak)


def _deal_words(lower: list[int], start: int, end: int) -> bool:
    h = _hashes()
    weak_seen = []
    for i in range(start, end):
        word = lower[i]
        if word in h["strong"]:
            return True
        if word in h["take"] and h["over"] in lower[i + 1 : end]:  # "took the division over"
            return True
        if word in h["become"] and not h["units"].isdisjoint(lower[i + 1 : end]):  # "to become a unit of"
            return True
        if word in h["weak"]:
            weak_seen.append(word)
    if not weak_seen:
        return False
    present = set(lower[start:end])
    return any(present & h["weak"][word] for word in weak_seen)


def sentences(tokens: _Tokens) -> list[tuple[int, int]]:
    """Rough sentences of a tokenized text: cut after a line break and after ``.``, ``!`` or ``?``
    (with the spaces after it); the parser finds the real ones inside what is kept.

    RETURNS (list[tuple[int, int]]): token ranges covering the text, in order.
    """
    ends = _hashes()["ends"]
    out, start, n = [], 0, len(tokens.orth)
    i = 0
    while i < n:
        end = None
        if tokens.space[i] and "\n" in tokens.text[tokens.idx[i] : tokens.idx[i] + tokens.length[i]]:
            end = i + 1
        elif tokens.orth[i] in ends:
            end = i + 1
            while end < n and tokens.space[end]:
                end += 1
        if end is not None:
            if end > start:
                out.append((start, end))
            start, i = end, end
            continue
        i += 1
    if start < n:
        out.append((start, n))
    return out


#: Words by which a sentence refers to a party named before it: "it", "the company", "the two".
REFERENCES = frozenset({"it", "its", "he", "she", "his", "her", "they", "their", "them", "this", "these", "both",
                        "two", "former", "latter"})


def _refers_back(tokens: _Tokens, start: int, end: int) -> bool:
    """Whether a sentence has a pronoun or a description ("the company") whose party the sentence
    before may name."""
    h = _hashes()
    words = tokens.lower[start:end]
    return any(w in h["references"] for w in words) or any(
        a == h["the"] and b in h["descriptions"] for a, b in zip(words, words[1:]))


def _first_mentions(tokens: _Tokens, units: list[tuple[int, int]], keep: list[bool]) -> None:
    """Keep the sentence where each name of a kept sentence first occurs: articles name a party in
    full once ("Taiwan Semiconductor Manufacturing Co. (TSMC)") and shortly after, and the party
    index takes canonical names and aliases from every mention."""
    words = [{tokens.orth[i] for i in range(s + 1, e) if tokens.capital[i]} for s, e in units]
    wanted = set().union(*(w for w, kept in zip(words, keep) if kept))
    for i, found in enumerate(words):
        if not wanted:
            break
        if found & wanted:
            keep[i] = True
            wanted -= found


@dataclass
class Focused:
    """The part of a text to parse, and the way back to the whole."""

    doc: Doc
    cleaned: Cleaned


def focus(full: Doc, cleaned: Cleaned, lead: int = 1, before: int = 1) -> Focused | None:
    """Keep the sentences that may hold a deal and their context: the ``before`` sentences before
    each that refers back, a sentence naming a step of the deal in the two after it, the first ``lead`` sentences
    of the text, the sentence where each name in them first occurs, and the lines of a list
    announced after a deal.

    full (Doc): ``cleaned.text`` tokenized (not parsed).
    cleaned (Cleaned): the text with its map to the original.
    lead (int): sentences at the start kept whenever anything is.
    before (int): sentences kept before each that may hold a deal and refers back
        with a pronoun or a description (what "it" and "the company" refer to).
    RETURNS (Focused | None): None when no sentence may hold a deal; the whole
        text (``full`` itself) when every sentence is kept.
    """
    tokens = _Tokens(full, cleaned.text)
    text = tokens.text
    units = sentences(tokens)
    keep = [_deal_words(tokens.lower, s, e) for s, e in units]
    if not any(keep):
        return None
    deals = list(keep)
    # a list announced after a deal ("Successful bidders ... are as follows -"): its header and lines
    i = keep.index(True) + 1
    while i < len(units):
        s, e = units[i]
        if LIST_HEADER.search(text[tokens.idx[s] : tokens.idx[e - 1] + tokens.length[e - 1]].strip()):
            for j in range(i, min(len(units), i + 1 + LIST_LINES)):
                keep[j] = True
            i += LIST_LINES
        i += 1
    for i in range(min(lead, len(units))):
        keep[i] = True
    steps = _hashes()["steps"]
    for i, deal in enumerate(deals):
        if not deal:
            continue
        if _refers_back(tokens, *units[i]):  # "It agreed ...", "the company said": who they are is told just before
            for j in range(max(0, i - before), i):
                keep[j] = True
        for j in range(i + 1, min(len(units), i + 1 + STEP_SENTENCES)):  # "Closing is expected March 17"
            if steps & set(tokens.lower[units[j][0] : units[j][1]]):
                keep[j] = True
    _first_mentions(tokens, units, keep)
    if all(keep):
        return Focused(full, cleaned)
    # merge adjacent kept sentences into ranges
    ranges: list[tuple[int, int]] = []
    for (s, e), kept in zip(units, keep):
        if not kept:
            continue
        if ranges and ranges[-1][1] == s:
            ranges[-1] = (ranges[-1][0], e)
        else:
            ranges.append((s, e))
    words, spaces, starts, offsets = [], [], [], []
    names, table, pieces = [], [], []
    idx, length = tokens.idx, tokens.length
    n, text_pos = len(idx), 0
    for s, e in ranges:
        char_start = idx[s]
        table.append((len(words), s, text_pos, char_start))
        for i in range(s, e):
            end = idx[i] + length[i]
            words.append(text[idx[i] : end])
            spaces.append((idx[i + 1] if i + 1 < n else len(text)) > end)  # a token's one trailing space
            starts.append(None)
        starts[-(e - s)] = True
        char_end = idx[e - 1] + length[e - 1] + int(spaces[-1])
        offsets.extend(cleaned.offsets[char_start:char_end])
        pieces.append((char_start, char_end))
        for name_start, name_end in cleaned.names:
            if char_start <= name_start and name_end <= char_end:
                names.append((name_start - char_start + text_pos, name_end - char_start + text_pos))
        text_pos += char_end - char_start
    offsets.append(cleaned.offsets[char_end])  # the end of the last range
    doc = Doc(full.vocab, words=words, spaces=spaces, sent_starts=starts)
    doc.user_data[FULL] = _whole(tokens)
    doc.user_data[RANGES] = table
    kept = Cleaned("".join(text[s:e] for s, e in pieces), offsets, names)
    return Focused(doc, kept)


def _whole(tokens: _Tokens) -> dict:
    words = [w for w, space, punct in zip(tokens.lower, tokens.space, tokens.punct) if not (space or punct)]
    numbers = sum(n for n, space, punct in zip(tokens.like_num, tokens.space, tokens.punct) if not (space or punct))
    return {"text": tokens.text, "tokens": len(tokens.lower), "words": words, "numbers": numbers}


def whole_text(doc: Doc) -> dict:
    """What the stages read of the whole text a Doc was cut from (the Doc itself when parsed whole).

    RETURNS (dict): "text" (str), "tokens" (int), "words" (list[int]: the
        lower-case hash of every token that is no space or punctuation),
        "numbers" (int: how many of those look like a number).
    """
    found = doc.user_data.get(FULL)
    if found is None:
        found = doc.user_data[FULL] = _whole(_Tokens(doc))
    return found


def full_token_index(doc: Doc, i: int) -> int:
    """RETURNS (int): the index in the whole text of the parsed Doc's token ``i``."""
    table = doc.user_data.get(RANGES)
    if not table:
        return i
    at = bisect_right([row[0] for row in table], i) - 1
    parsed_start, full_start = table[max(at, 0)][:2]
    return full_start + i - parsed_start


def full_char(doc: Doc, offset: int) -> int:
    """RETURNS (int): the offset in the whole (cleaned) text of the parsed Doc's character ``offset``."""
    table = doc.user_data.get(RANGES)
    if not table:
        return offset
    at = bisect_right([row[2] for row in table], offset) - 1
    parsed_start, full_start = table[max(at, 0)][2:]
    return full_start + offset - parsed_start

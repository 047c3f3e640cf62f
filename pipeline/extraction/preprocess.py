"""Text clean-up before parsing, keeping a map back to the original offsets.

Newswire text carries markup the parser should not see: Reuters wraps company
names in angle brackets (``<Stauffer Chemical Co>``) and follows names with
tickers (``Unilever Plc and NV <UN.AS>``). :func:`clean_markup` removes both,
remembers the bracketed names as known organizations, and returns an offset
map so evidence offsets always index the text the user gave.

Upper-case headlines ("UNILEVER SEEKS BUYER FOR STAUFFER CHEMICAL") defeat the
tagger and the entity recognizer; :func:`truecase_title` restores the casing
each word has in the article body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..normalization.parties import EXCHANGE_CODE

#: A ticker: upper-case letters, digits and dots in brackets (``<UN.AS>``, ``<TX>``), perhaps with an
#: exchange's code after a space (``<ERIC ST>``, ``<SWPC. HK>``), with the spaces before it (the
#: look-behind starts a try only at the first space: linear on long blank runs).
_TICKER = re.compile(r"(?<!\s)\s*<[A-Z0-9][A-Z0-9.\-/&]{0,9}" + EXCHANGE_CODE + ">")
#: Punctuation runs longer than this are cut to this length before parsing: spaCy's
#: tokenizer takes time quadratic in such a run (2,000 "<" took 0.6 s, 8,000 took 9 s).
MAX_PUNCT_RUN = 20
_PUNCT_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCT_RUN + 1))
#: Longer runs without a space are cut to this length: affixes peeled off one by one
#: make any long token quadratic ("'s" x 2,000: 5 s), not only punctuation.
MAX_TOKEN_CHARS = 100
_LONG_TOKEN = re.compile(r"\S{%d,}" % (MAX_TOKEN_CHARS + 1))
#: A bracketed name: ``<Hudson's Bay Co>``.
_NAME = re.compile(r"<([^<>\n]{2,80})>")
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass
class Cleaned:
    """Text ready for parsing, with the way back to the original.

    text (str): the cleaned text.
    offsets (list[int]): ``offsets[i]`` is the original index of ``text[i]``;
        one extra entry maps ``len(text)`` to the original length.
    names (list[tuple[int, int]]): character spans (in ``text``) of names the
        markup marked as organizations.
    """

    text: str
    offsets: list[int]
    names: list[tuple[int, int]] = field(default_factory=list)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """RETURNS (tuple[int, int]): the original span of ``text[start:end]``; a
        bracketed name at either edge keeps its bracket (``<Pellham Corp> said``,
        not ``Pellham Corp> said``)."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        first, last = self.offsets[start], self.offsets[end - 1] + 1
        for name_start, name_end in self.names:
            if name_start == start and first > 0:
                first -= 1  # the "<" before the name
            if name_end == end:
                last += 1  # the ">" after it
        return first, last


def clean_markup(text: str) -> Cleaned:
    """Remove tickers and name brackets; keep bracketed names as known organizations;
    cut runs of punctuation to :data:`MAX_PUNCT_RUN` characters and runs without a
    space to :data:`MAX_TOKEN_CHARS` (spaCy's tokenizer is quadratic in a run's length).

    text (str): the original text.
    RETURNS (Cleaned): the cleaned text with its offset map.
    """
    drop = bytearray(len(text))
    for m in _TICKER.finditer(text):
        drop[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    marked: list[tuple[int, int]] = []
    for m in _NAME.finditer(text):
        if drop[m.start()]:
            continue
        drop[m.start()] = 1
        drop[m.end() - 1] = 1
        marked.append((m.start(1), m.end(1)))
    for m in _SPACES.finditer(text):
        drop[m.start() + 1 : m.end()] = b"\x01" * (m.end() - m.start() - 1)
    for pattern, keep in ((_PUNCT_RUN, MAX_PUNCT_RUN), (_LONG_TOKEN, MAX_TOKEN_CHARS)):
        for m in pattern.finditer(text):  # offsets stay exact: the map skips what is cut
            drop[m.start() + keep : m.end()] = b"\x01" * (m.end() - m.start() - keep)
    if not any(drop):
        return Cleaned(text, list(range(len(text) + 1)), [])
    keep = [i for i in range(len(text)) if not drop[i]]
    new_index = {orig: new for new, orig in enumerate(keep)}
    cleaned = "".join(text[i] for i in keep)
    names = []
    for start, end in marked:
        inside = [new_index[i] for i in range(start, end) if i in new_index]
        if inside:
            names.append((inside[0], inside[-1] + 1))
    return Cleaned(cleaned, keep + [len(text)], names)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
_SMALL = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from",
          "as", "is", "be", "its", "it", "says", "said", "sees", "sets", "buy", "sell", "sells", "buys",
          "unit", "stake", "bid", "offer", "pact", "deal", "talks", "agree", "agrees", "agreed", "has", "have",
          "had", "will", "may", "can", "not", "no", "are", "was", "were", "but", "into", "over", "after"}


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from .lexicon import (AGREED_CUES, CONSTRUCTION_VERBS, CONTEXT_TRIGGERS, NEGOTIATING_CUES, NOUN_TRIGGERS,
                          PLANNED_CUES, REJECTED_CUES, REPORTING_VERBS, VERB_TRIGGERS)

    words = set(_SMALL) | set(VERB_TRIGGERS) | set(CONSTRUCTION_VERBS) | set(NOUN_TRIGGERS) | set(CONTEXT_TRIGGERS)
    words |= AGREED_CUES | NEGOTIATING_CUES | PLANNED_CUES | REJECTED_CUES | REPORTING_VERBS
    words |= {w + "s" for w in words} | {w + "ed" for w in words} | {w + "d" for w in words}
    words |= {"pct", "mln", "bln", "dlrs", "dlr", "stg", "shares", "share", "new", "more", "up", "down",
              "sees", "seen", "higher", "lower", "net", "qtr", "year", "first", "second", "third", "fourth",
              "rises", "falls", "gets", "makes", "wins", "ends", "completes", "plans", "seeks", "holds",
              "raises", "cuts", "buys", "sells", "unit", "units", "operations", "business", "division"}
    return frozenset(words)


def truecase_title(title: str, body: str) -> str:
    """Give an upper-case headline the casing its words have in the article body.

    Each word takes its most frequent non-sentence-initial casing in ``body``;
    words the body never uses become lower case, except short all-letter
    tokens that look like acronyms (``EC``, ``U.S.``), which stay. A title that
    is not all upper case is returned unchanged.

    title (str): the headline.
    body (str): the article text.
    RETURNS (str): the re-cased headline, same length as ``title``.
    """
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    forms: dict[str, dict[str, int]] = {}
    for m in _WORD.finditer(body):
        word = m.group()
        before = body[max(0, m.start() - 2) : m.start()]
        if m.start() == 0 or before.strip() in {".", "!", "?", '"'} or "\n" in before:
            continue
        counts = forms.setdefault(word.lower(), {})
        counts[word] = counts.get(word, 0) + 1

    common = _common_words()
    # "TANDEM <TNDM> HAS HOME SHOPPING DEAL": a ticker stays upper case, so the markup cleaner still drops it
    tickers = [(t.start(), t.end()) for t in _TICKER.finditer(title)]

    def recase(m: re.Match[str]) -> str:
        word = m.group()
        if any(start <= m.start() < end for start, end in tickers):
            return word
        seen = forms.get(word.lower())
        if seen:
            return max(seen.items(), key=lambda kv: kv[1])[0]
        lower = word.lower()
        if lower in common or lower.rstrip("s") in common:
            return lower
        if len(word.replace(".", "")) <= 3 and word.isupper():
            return word
        # a word the body never uses and no deal word: most likely a name
        return word.capitalize()

    out = _WORD.sub(recase, title)
    return out[:1].upper() + out[1:]

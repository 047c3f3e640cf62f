"""A faster stand-in for spaCy's ``attribute_ruler``, with the same output.

spaCy's English pipeline maps tags to POS and fixes lemmas and morphology
with an ``attribute_ruler`` of 179 patterns, run through a ``Matcher`` over
every token: a fifth of a process's time on newswire. Nearly all of those
patterns are one token long, so this component indexes them by the tag or
the lower-case form they require and tests only the few that can match a
token; the rare longer patterns are tried position by position. It applies
the matched attributes exactly as the original does: ordered by pattern,
later patterns taking precedence.

``load_nlp`` swaps it in for the pipeline's ``attribute_ruler`` (same name,
same patterns). It refuses patterns it cannot evaluate (operators, other
token attributes) with E061, and then the original stays in place.
``tests/test_attribute_rules.py`` checks the outputs are identical.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SHAPE, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

from ..errors import Errors, PipelineError

#: Token attributes a pattern may test, and the Token property that holds each.
_PROPERTIES = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space", "ORTH": "orth_",
               "POS": "pos_", "LEMMA": "lemma_", "SHAPE": "shape_", "IS_PUNCT": "is_punct"}


def _predicate(key: str, value) -> Callable[[dict], bool]:
    if key not in _PROPERTIES:
        raise PipelineError(Errors.E061.format(what=f"token attribute {key}"))
    if isinstance(value, (str, bool)):
        return lambda f: f[key] == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = set(arg)
            return lambda f: f[key] in allowed
        if op == "NOT_IN":
            banned = set(arg)
            return lambda f: f[key] not in banned
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda f: pattern.search(str(f[key])) is not None
    raise PipelineError(Errors.E061.format(what=f"{key}: {value!r}"))


def _token_test(spec: dict) -> Callable[[dict], bool]:
    if "OP" in spec:
        raise PipelineError(Errors.E061.format(what="the OP operator"))
    tests = [_predicate(key, value) for key, value in spec.items()]
    return lambda f: all(test(f) for test in tests)


#: The ``Doc.to_array`` column of each attribute a pattern may test.
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "ORTH": ORTH, "POS": POS,
            "LEMMA": LEMMA, "SHAPE": SHAPE, "IS_PUNCT": IS_PUNCT}
#: Attributes whose values are words: a value no pattern names is read as one class of its own.
_WORDS = ("LOWER", "ORTH", "LEMMA")


class FastAttributeRuler:
    """The ``pactum_attribute_ruler`` component: spaCy's attribute ruler, indexed.

    A token's matches depend only on the few attributes the patterns test
    (tag, lower-case form, dependency, is-space), so they are computed once
    per distinct combination and cached. The combination is read from
    ``Doc.to_array`` columns, and a word no pattern names stands for its
    class (the regular expressions it matches), so that the cache is keyed by
    tags and a few named words, not by every word of the language.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.single: dict[tuple[str, object] | None, list[tuple[int, Callable]]] = {}
        self.longer: list[tuple[int, list[Callable]]] = []
        self.keys: tuple[str, ...] = ()
        self._cache: dict[tuple, tuple[tuple[int, ...], frozenset[tuple[int, int]]]] = {}
        #: per word attribute: the words the patterns name (None: some test is not a plain list of
        #: words, so every word is its own class) and the regular expressions they test
        self._named: dict[str, set[str] | None] = {}
        self._regexes: dict[str, list[re.Pattern[str]]] = {}
        self._classes: dict[tuple[str, int], object] = {}

    def add_patterns(self, patterns: list[dict]) -> None:
        """Compile patterns in the form of ``AttributeRuler.patterns``, in their order.

        patterns (list[dict]): {"patterns": [[token spec, ...], ...], "attrs": {...}, "index": int}.
        """
        used = set(self.keys)
        for entry in patterns:
            attr_id = len(self.attrs)
            self.attrs.append(normalize_token_attrs(self.vocab, entry["attrs"]))
            self.indices.append(entry.get("index", 0))
            for pattern in entry["patterns"]:
                tests = [_token_test(spec) for spec in pattern]
                used.update(key for spec in pattern for key in spec)
                for spec in pattern:
                    for key, value in spec.items():
                        if key in _WORDS:
                            self._note_word_test(key, value)
                if len(tests) == 1:  # indexed by the tag or form it requires, if any
                    (spec,) = pattern
                    key = next(((k, spec[k]) for k in ("TAG", "LOWER") if isinstance(spec.get(k), str)), None)
                    self.single.setdefault(key, []).append((attr_id, tests[0]))
                else:
                    self.longer.append((attr_id, tests))
        self.keys = tuple(sorted(used))
        self._cache.clear()
        self._classes.clear()

    def _note_word_test(self, key: str, value) -> None:
        named = self._named.setdefault(key, set())
        if named is None:
            return
        if isinstance(value, str):
            named.add(value)
        elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
            named.update(*value.values())
        elif isinstance(value, dict) and set(value) == {"REGEX"}:
            self._regexes.setdefault(key, []).append(re.compile(value["REGEX"]))
        else:
            self._named[key] = None

    def _word_class(self, key: str, value: int, strings) -> object:
        """A word's stand-in in the cache key: itself if a pattern names it, else the regexes it matches."""
        found = self._classes.get((key, value))
        if found is None:
            word = strings[value]
            named = self._named.get(key)
            if named is None or word in named:
                found = word
            else:
                found = tuple(bool(r.search(word)) for r in self._regexes.get(key, ()))
            if len(self._classes) > 200_000:
                self._classes.clear()
            self._classes[(key, value)] = found
        return found

    def _features(self, token: Token, key: tuple) -> tuple[tuple[int, ...], frozenset[tuple[int, int]]]:
        """(patterns this token matches alone, (n, k): longer pattern n whose k-th token it can be),
        computed for a cache key not met before."""
        features = {k: getattr(token, _PROPERTIES[k]) for k in self.keys}
        candidates = (*self.single.get(("TAG", features.get("TAG")), ()),
                      *self.single.get(("LOWER", features.get("LOWER")), ()), *self.single.get(None, ()))
        alone = tuple(sorted(attr_id for attr_id, test in candidates if test(features)))
        parts = frozenset((n, k) for n, (_, tests) in enumerate(self.longer)
                          for k, test in enumerate(tests) if test(features))
        found = self._cache[key] = (alone, parts)
        if len(self._cache) > 200_000:
            self._cache.clear()
        return found

    def _keys(self, doc: Doc) -> list[tuple]:
        """The cache key of every token, read column by column."""
        if not len(doc):
            return []
        columns = doc.to_array([_COLUMNS[k] for k in self.keys]).tolist()
        strings = doc.vocab.strings
        word_keys = [i for i, k in enumerate(self.keys) if k in _WORDS]
        if not word_keys:
            return [tuple(row) for row in columns]
        out = []
        for row in columns:
            for i in word_keys:
                row[i] = self._word_class(self.keys[i], row[i], strings)
            out.append(tuple(row))
        return out

    def __call__(self, doc: Doc) -> Doc:
        matches: list[tuple[int, int, int]] = []
        features = [self._cache.get(key) or self._features(doc[i], key) for i, key in enumerate(self._keys(doc))]
        for i, (alone, firsts) in enumerate(features):
            matches.extend((attr_id, i, i + 1) for attr_id in alone)
            for n, k in firsts:  # a longer pattern whose first token this is: try the rest
                if k:
                    continue
                attr_id, tests = self.longer[n]
                end = i + len(tests)
                if end <= len(doc) and all((n, j) in features[i + j][1] for j in range(1, len(tests))):
                    matches.append((attr_id, i, end))
        for attr_id, start, end in sorted(set(matches)):  # later patterns take precedence, as in spaCy
            index = self.indices[attr_id]
            token = doc[start] if end - start == 1 and index in (0, -1) else Span(doc, start, end)[index]
            set_token_attrs(token, self.attrs[attr_id])
        return doc


@Language.factory("pactum_attribute_ruler")
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp, name)


def speed_up_attribute_ruler(nlp: Language) -> bool:
    """Swap the pipeline's ``attribute_ruler`` for the indexed one with the same patterns.

    RETURNS (bool): whether it was swapped (False when there is none, or its
        patterns use something the indexed ruler cannot evaluate).
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = nlp.get_pipe("attribute_ruler").patterns
    fast = FastAttributeRuler(nlp, "attribute_ruler")
    try:
        fast.add_patterns(patterns)
    except PipelineError:
        return False
    replaced = nlp.replace_pipe("attribute_ruler", "pactum_attribute_ruler")
    replaced.add_patterns(patterns)
    return True

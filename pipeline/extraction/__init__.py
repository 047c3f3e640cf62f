"""Extraction: the spaCy pipeline that turns a document's text into event records.

Owns the ``events_*`` components and what they share: the factories
(:mod:`.factories`), the ``Doc._``/``Span._`` extensions, the word lists
(:mod:`.lexicon`), the text clean-up before parsing (:mod:`.preprocess`), the
stages in pipeline order — parties (:mod:`.coref`), candidates, arguments,
event time, normalize, the optional neural classifier, lists, merge — the
conversion of finished mentions into validated records (:mod:`.records`), and
:mod:`.extractor`, which builds the pipeline (``load_nlp``) and runs it over
documents in one process (``extract_documents``). A change to which events are
found, or to their roles, status or confidence, belongs here.
"""

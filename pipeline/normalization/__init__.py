"""Normalization: the value parsers behind the record's normalized fields.

Owns the reading of dates (:mod:`.dates`: publication dates and time
expressions resolved to ISO dates), money (:mod:`.money`: amounts, currencies,
per-share prices) and names (:mod:`.parties`: canonical party names, the spec's
name key, countries). Plain Python over strings, no spaCy components: the
``events_normalize`` stage in :mod:`pipeline.extraction` decides which
expression belongs to an event and calls these to read it.
"""

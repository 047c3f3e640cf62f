"""pactum: agreement events from news articles (installed as ``pactum.pipeline``).

One sub-package per job, in the order the data flows:
:mod:`~pipeline.reading` (files and HTML in) → :mod:`~pipeline.extraction`
(the spaCy stages, from text to records) using :mod:`~pipeline.normalization`
(dates, money, names) → :mod:`~pipeline.running` (workers, Ray, manifest,
writer) → :mod:`~pipeline.evaluation` (the scorer) and
:mod:`~pipeline.reporting` (HTML report, exports, of events and of deals)
→ :mod:`~pipeline.deals` (the events of many articles linked into deals; it
reads run manifests, and deals files through :mod:`~pipeline.reporting`). The
Python API is :mod:`pipeline.api`, the command line :mod:`pipeline.cli`, the
coded errors :mod:`pipeline.errors`. ``tests/test_layout.py`` keeps the
imports flowing one way.
"""

__version__ = "0.1.0"

"""pactum: agreement events from news articles.

The stages are spaCy components (see :mod:`pipeline.factories`); the Python
API is in :mod:`pipeline.api` and the command line in :mod:`pipeline.cli`.
"""

__version__ = "0.1.0"

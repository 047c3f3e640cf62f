"""Reading: input files and folders in, :class:`models.Document` objects out.

Owns the file formats pactum accepts (``.txt``, ``.html``, ``.jsonl`` and
``.jsonl.gz``; :mod:`.reader`), the main-text and publication-date extraction
from HTML pages (:mod:`.html_input`), and every input error naming its file and
line. It knows nothing of spaCy or events: a change to what pactum can read
belongs here.
"""

"""Web pages as input: the main text of an HTML article, its title and its date.

The page goes through trafilatura's main-text extractor (navigation, footers,
comments and boilerplate left out, precision favoured over recall), and the
publication date is read from the page's own metadata by htmldate: ``<meta>``
tags such as ``article:published_time``, JSON-LD, ``<time>`` elements. Dates
that merely occur in the running text are not used: a deal "signed on March 5,
2021" does not date the page.
"""

from __future__ import annotations

import re

from ..errors import Errors

#: htmldate rejects dates before 1995 by default; news archives go further back.
MIN_DATE = "1900-01-01"


def _normalize(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def page_date(html: str) -> str | None:
    """The publication date that the page's metadata states.

    html (str): the page.
    RETURNS (str | None): ``YYYY-MM-DD``, or None when the metadata gives no date.
    """
    from htmldate import find_date

    try:
        return find_date(html, extensive_search=False, original_date=True,
                         min_date=MIN_DATE, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):  # htmldate gives up on some malformed pages
        return None


def document_from_html(html: str, doc_id: str, published: str | None = None) -> dict:
    """Turn one HTML page into a document record.

    html (str): the page, decoded.
    doc_id (str): the document id (the reader passes the file stem).
    published (str | None): the date to use when the page metadata has none;
        a date from the metadata wins.
    RETURNS (dict): ``id``, ``text`` (paragraphs separated by blank lines, the
        headline left out when it repeats the title), ``title`` and ``published``.
    RAISES (ValueError): E042 when no main text can be extracted, E045 when
        trafilatura is not installed.
    """
    try:
        import trafilatura
    except ImportError as err:
        raise ValueError(Errors.E045.format(feature="Reading HTML", package="trafilatura", extra="html")) from err

    result = trafilatura.bare_extraction(
        html, with_metadata=True, favor_precision=True, include_comments=False
    )
    text = (result.text or "") if result is not None else ""
    title = ((result.title or "").strip() or None) if result is not None else None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and title and _normalize(lines[0]) == _normalize(title):
        lines = lines[1:]
    if not lines:
        raise ValueError(Errors.E042)
    return {
        "id": doc_id,
        "text": "\n\n".join(lines),
        "title": title,
        "published": page_date(html) or published,
    }

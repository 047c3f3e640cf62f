"""HTML pages as input: main text, title and the date from the page's metadata."""

from __future__ import annotations

import pytest

from pactum.models import Document
from pactum.pipeline.errors import InputError
from pactum.pipeline.reading.html_input import document_from_html, page_date
from pactum.pipeline.reading.reader import read_documents

LEAD = ("Acme Corp said on Monday it agreed to buy Widget Ltd for 120 mln dlrs in cash, creating the "
        "largest maker of industrial springs in the Midwest.")
SECOND = ("The boards of both companies approved the deal, which is expected to close in the third "
          "quarter, Acme said in a statement.")

ARTICLE_PAGE = f"""<!doctype html>
<html><head>
<title>Acme buys Widget | Springfield Business News</title>
<meta property="og:title" content="Acme Corp agrees to buy Widget Ltd">
<meta property="article:published_time" content="2024-04-08T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Acme Corp agrees to buy Widget Ltd</h1>
<p>{LEAD}</p>
<p>{SECOND}</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Rates hold steady</a></li><li><a href="/b">Storm hits coast</a></li></ul></aside>
<footer>Copyright 2024 Springfield Business News. All rights reserved.</footer>
</body></html>"""

# The date in the running text is when the deal was signed, not when the page was published.
UNDATED_PAGE = """<html><head><title>Pact signed</title></head><body><article>
<p>Norland and Sudmark signed a fisheries cooperation agreement on March 5, 2021 in Oslo, the two
governments said, ending years of talks over quotas in the shared waters of the northern sea.</p>
</article></body></html>"""

OLD_PAGE = """<html><head><meta name="date" content="1987-03-17"><title>Wire</title></head><body><article>
<p>Hartwell Industries Inc said it agreed to buy Denby Precision Corp for about 148 mln dlrs in cash,
the companies said in a joint statement released after the market closed.</p></article></body></html>"""

NO_TEXT_PAGE = """<html><head><title>Just a menu</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav>
<footer>Copyright 2024</footer></body></html>"""


def test_main_text_title_and_metadata_date():
    record = document_from_html(ARTICLE_PAGE, doc_id="acme", published="2020-01-01")
    assert record == {
        "id": "acme",
        "title": "Acme Corp agrees to buy Widget Ltd",
        "text": f"{LEAD}\n\n{SECOND}",  # the headline is the title, not repeated; no nav, aside or footer
        "published": "2024-04-08",  # the page's metadata wins over the date given by the user
    }


def test_date_in_the_text_does_not_date_the_page():
    assert page_date(UNDATED_PAGE) is None
    assert document_from_html(UNDATED_PAGE, doc_id="pact")["published"] is None
    record = document_from_html(UNDATED_PAGE, doc_id="pact", published="2021-03")
    assert record["published"] == "2021-03"
    assert record["text"].startswith("Norland and Sudmark signed a fisheries cooperation agreement")


def test_old_dates_are_kept():
    assert page_date(OLD_PAGE) == "1987-03-17"


def test_page_without_main_text_is_an_error():
    with pytest.raises(ValueError, match=r"^\[E042\] no main text found in the page"):
        document_from_html(NO_TEXT_PAGE, doc_id="menu")
    with pytest.raises(ValueError, match=r"^\[E042\]"):
        document_from_html("", doc_id="empty")


def test_reader_reads_html_files_and_names_the_bad_one(tmp_path):
    (tmp_path / "acme-deal.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    (tmp_path / "menu.htm").write_text(NO_TEXT_PAGE, encoding="utf-8")
    items = list(read_documents([tmp_path], published="2024-04"))
    assert isinstance(items[0], Document)
    assert (items[0].id, items[0].title, items[0].published) == ("acme-deal", "Acme Corp agrees to buy Widget Ltd", "2024-04-08")
    assert items[0].text.startswith("Acme Corp said on Monday")
    assert isinstance(items[1], InputError)
    assert str(items[1]) == (f"[E004] {tmp_path / 'menu.htm'}: not a valid document "
                             "([E042] no main text found in the page (only navigation, boilerplate or nothing)).")
    assert items[1].path == str(tmp_path / "menu.htm")


@pytest.mark.slow
def test_html_page_end_to_end(nlp, tmp_path):
    from pactum.models import Event
    from pactum.pipeline.api import extract_files

    page = tmp_path / "acme.html"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")
    output = tmp_path / "events.jsonl"
    summary = extract_files([page], output, published="2020-01-01", nlp=nlp)
    assert (summary.documents, summary.errors) == (1, [])
    events = [Event.model_validate_json(line) for line in output.read_text(encoding="utf-8").splitlines()]
    deal = next(e for e in events if e.type == "acquisition")
    assert [p.name for p in deal.who] == ["Acme Corp"]
    assert [p.name for p in deal.with_whom] == ["Widget Ltd"]
    assert (deal.amount.value, deal.amount.currency) == (120e6, "USD")
    # "on Monday" resolves against the page's own date (Monday 2024-04-08), not the --published fallback
    assert deal.when == "2024-04-08"
    assert deal.evidence.text == LEAD and deal.evidence.field == "text"

"""The HTML report: what it shows, that it escapes every input, and that its table works.

Unit tests check the page source; the browser tests load it in headless
Chromium (see tests/browser.py) and check the DOM after the page's script ran.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from browser import dump_dom, ensure_chromium, file_url, screenshot
from pactum.models import Event
from pactum.pipeline.cli import cli
from pactum.pipeline.errors import PipelineError
from pactum.pipeline.reporting.report import Span, argument_spans, build_report, highlight, script_json, timeline, write_report

ACME_TEXT = ("Acme Corp said on Monday it agreed to buy Widget Ltd for 120 mln dlrs in cash.\n\n"
             "The deal is expected to close in May, Acme said.")
EVIL_TITLE = "Evil <b>Corp</b> signs pact"
EVIL_TEXT = ('Shares were flat.\n\nEvil Corp <script>alert(1)</script> signed a supply pact with '
             '<img src=x onerror=alert(1)> Good Co " onmouseover="alert(1)" for 5 mln stg last month.')
EVIL_SENTENCE = EVIL_TEXT[EVIL_TEXT.index("Evil Corp"):]
LOAN_TEXT = "The World Bank approved a 250 mln dlr loan to Indonesia in March 2023 for power lines in Java."


def event(doc_id: str, type_: str, status: str, who: list[str], with_whom: list[str], evidence: str,
          start: int, **more) -> Event:
    """An event record as the extractor writes it."""
    return Event.model_validate({
        "doc_id": doc_id, "type": type_, "status": status,
        "who": [{"name": n} for n in who], "with_whom": [{"name": n} for n in with_whom],
        "evidence": {"text": evidence, "start": start, "end": start + len(evidence), "field": more.pop("field", "text")},
        "trigger": more.pop("trigger", "agreed"), "confidence": more.pop("confidence", 0.8),
        "extractor": "pactum 0.1.0", **more,
    })


def sample_events() -> list[Event]:
    acme_sentence = ACME_TEXT.split("\n")[0]
    return [
        event("acme", "acquisition", "agreed", ["Acme Corp"], ["Widget Ltd"], acme_sentence, 0,
              what="Widget Ltd", when="2024-04-08", when_text="on Monday",
              amount={"value": 120e6, "currency": "USD"}, amount_text="120 mln dlrs", confidence=0.91),
        event("evil", "agreement", "agreed", ["Evil Corp </script><script>alert(2)</script>"], ["Good Co"],
              EVIL_SENTENCE, EVIL_TEXT.index("Evil Corp"), what="supply pact\u2028<i>now</i>",
              when="2024-03", when_text="last month", amount={"value": 5e6, "currency": "GBP"},
              amount_text="5 mln stg", confidence=0.55),
        event("loan", "funding", "agreed", ["World Bank"], ["Indonesia"], LOAN_TEXT, 0,
              what="250 mln dlr loan", when="2023", when_text="in March 2023", where="Java",
              amount={"value": 250e6, "currency": "USD"}, amount_text="250 mln dlr", confidence=0.7),
        event("loan", "funding", "planned", ["Japan"], ["Indonesia"], "Japan may add a loan.", 500,
              confidence=0.3, trigger="may add"),
        event("nodoc", "investment", "planned", ["Vossberg AG"], [], "Vossberg AG plans a new mill in Duisburg.",
              0, where="Duisburg", confidence=0.4, trigger="plans"),
    ]


def visible_text(element) -> str:
    """The text an element shows, without the role labels (WHO, WHEN, ...)."""
    element = lxml_html.fromstring(lxml_html.tostring(element))
    for label in element.xpath('.//span[contains(concat(" ", @class, " "), " lbl ")]'):
        label.drop_tree()
    return element.text_content()


def write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """An events file and the articles it came from (all written for these tests)."""
    events_path = tmp_path / "events.jsonl"
    events_path.write_text("".join(e.model_dump_json() + "\n" for e in sample_events()), encoding="utf-8")
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps(d) + "\n" for d in [
        {"id": "acme", "title": "Acme to buy Widget", "published": "2024-04-10", "text": ACME_TEXT},
        {"id": "evil", "title": EVIL_TITLE, "text": EVIL_TEXT},
        {"id": "loan", "text": LOAN_TEXT},
        {"id": "unrelated", "text": "Nothing to see here."},
    ]), encoding="utf-8")
    return events_path, docs


# -- the page source -------------------------------------------------------------------------
def test_script_json_cannot_end_the_script_block():
    data = {"name": "</script><script>alert(1)</script> & \u2028\u2029"}
    text = str(script_json(data))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == data


def test_highlight_escapes_text_and_marks_evidence_and_arguments():
    text = "Hi. A <b>x</b> bought B."
    markup = str(highlight(text, [Span(4, len(text), "7")], [Span(4, 5, "who"), Span(22, 23, "with_whom")]))
    assert "<b>" not in markup and "&lt;b&gt;x&lt;/b&gt;" in markup
    assert markup.startswith("Hi. ")
    assert '<span class="anchor" id="ev-7"></span>' in markup
    assert '<span class="u r-who l0">A</span>' in markup
    assert '<span class="u r-with_whom l0">B</span>' in markup
    assert visible_text(lxml_html.fragment_fromstring(markup, create_parent="div")) == text


def test_overlapping_arguments_get_stacked_underlines():
    text = "Acme agreed to buy the Widget Ltd unit."
    what = Span(19, 38, "what")  # "the Widget Ltd unit"
    party = Span(23, 33, "with_whom")  # "Widget Ltd"
    markup = str(highlight(text, [], [what, party]))
    assert '<span class="u r-with_whom l1"><span class="u r-what l0">Widget Ltd</span></span>' in markup or \
        '<span class="u r-what l1"><span class="u r-with_whom l0">Widget Ltd</span></span>' in markup


def test_arguments_are_found_inside_the_evidence_sentence_only():
    text = "Widget Ltd makes springs.\n\nAcme Corp agreed to buy Widget Ltd on Monday."
    start = text.index("Acme")
    ev = event("d", "acquisition", "agreed", ["Acme Corp"], ["widget ltd"], text[start:], start,
               when_text="on Monday", what="Widget Ltd", where="Ohio")
    spans = {(s.label, text[s.start:s.end], s.start >= start) for s in argument_spans(ev, text, start, len(text))}
    assert spans == {("who", "Acme Corp", True), ("with_whom", "Widget Ltd", True),
                     ("what", "Widget Ltd", True), ("when", "on Monday", True)}


def test_timeline_by_month_when_events_span_two_years():
    result = timeline(sample_events())
    assert result["unit"] == "month"
    assert [(b["label"], b["total"]) for b in result["bars"]] == [
        ("2023 (year)", 1), ("2024-01", 0), ("2024-02", 0), ("2024-03", 1), ("2024-04", 1)]
    assert result["undated"] == 2


def test_timeline_by_year_over_longer_spans():
    events = [e.model_copy(update={"when": w}) for e, w in zip(sample_events(), ["1987-03", "1990", "1987-05-01"])]
    result = timeline(events)
    assert result["unit"] == "year"
    assert [(b["key"], b["total"]) for b in result["bars"]] == [("1987", 2), ("1988", 0), ("1989", 0), ("1990", 1)]


def test_report_shows_counts_articles_and_escaped_text(tmp_path):
    events_path, docs = write_inputs(tmp_path)
    output = tmp_path / "out" / "report.html"
    summary = write_report(events_path, [docs], output)
    assert (summary.events, summary.documents, summary.with_text, summary.errors) == (5, 4, 3, [])
    page = output.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    # counts by type and status: one agreed acquisition, two funding events
    counts = {a.get("href"): a.text for a in tree.xpath('//table[@id="counts"]//a')}
    assert counts["#type=acquisition&status=agreed"] == "1"
    assert counts["#type=funding"] == "2"
    assert counts["#all=1"] == "5"
    # every article with events, in order; the unrelated one is left out
    assert [a.xpath("string(.//code)") for a in tree.xpath("//article")] == ["acme", "evil", "loan", "nodoc"]
    evil = tree.xpath('//article[@id="d2"]')[0]
    assert evil.xpath("string(.//h3)") == EVIL_TITLE
    assert visible_text(evil.xpath('.//div[@class="text"]')[0]) == EVIL_TEXT
    assert not tree.xpath("//article//script | //article//img | //article//b | //*[@onerror] | //*[@onmouseover]")
    assert len(tree.xpath("//script")) == 2
    # the missing document shows its evidence sentence, with a note
    nodoc = tree.xpath('//article[@id="d4"]')[0]
    assert "not found in the --docs inputs" in nodoc.xpath('string(.//p[@class="note"])')
    assert visible_text(nodoc.xpath('.//ul[@class="sentences"]')[0]) == "Vossberg AG plans a new mill in Duisburg."
    assert [s.text for s in nodoc.xpath('.//span[contains(@class, "lbl")]')] == ["who", "where"]
    # the loan article highlights each argument in its own role
    loan = tree.xpath('//article[@id="d3"]//div[@class="text"]')[0]
    roles = {role: "".join(s.text_content() for s in loan.xpath(f'.//span[@class="u r-{role} l0" or @class="u r-{role} l1"]'))
             for role in ("who", "with_whom", "what", "amount", "when", "where")}
    assert roles == {"who": "World Bank", "with_whom": "Indonesia", "what": "250 mln dlr loan",
                     "amount": "250 mln dlr", "when": "in March 2023", "where": "Java"}
    # event #4's evidence is not in the article: shown apart, with a note
    assert tree.xpath('string(//article[@id="d3"]//p[@class="note"])') == "evidence not found in the article text"
    assert visible_text(tree.xpath('//article[@id="d3"]//ul[@class="sentences"]')[0]) == "Japan may add a loan."


def test_report_without_docs_shows_evidence_sentences(tmp_path):
    events_path, _ = write_inputs(tmp_path)
    summary = write_report(events_path, [], tmp_path / "report.html")
    assert summary.with_text == 0
    tree = lxml_html.fromstring((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert not tree.xpath('//div[@class="text"]')
    sentences = tree.xpath('//article[@id="d3"]//ul[@class="sentences"]/li')
    assert [li.xpath('string(.//span[@class="ev"]/@title)') for li in sentences] == ["event #3", "event #4"]


def test_bad_event_lines_are_reported_with_file_and_line(tmp_path):
    events_path, _ = write_inputs(tmp_path)
    with events_path.open("a", encoding="utf-8") as fh:
        fh.write('{"doc_id": "x", "type": "merger"}\n')
    with pytest.raises(PipelineError, match=r"^\[E043\] .*events.jsonl: 1 line\(s\) .* first: .*events.jsonl:6: type:"):
        write_report(events_path, [], tmp_path / "report.html")
    assert not (tmp_path / "report.html").exists()


def test_cli_report(tmp_path):
    events_path, docs = write_inputs(tmp_path)
    output = tmp_path / "report.html"
    missing = tmp_path / "missing.jsonl"
    result = CliRunner().invoke(cli, ["report", str(events_path), "--docs", str(docs), "--docs", str(missing),
                                      "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.output == (f"warning: [E001] {missing}: no such file or directory.\n"
                             f"5 events from 4 documents (3 with article text) -> {output}\n")
    assert output.is_file()


# -- in the browser ----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def chromium() -> str:
    executable, reason = ensure_chromium()
    if executable is None:
        pytest.skip(reason)
    return executable


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    events_path, docs = write_inputs(folder)
    write_report(events_path, [docs], folder / "report.html")
    return folder / "report.html"


def table_rows(dom: str) -> list[dict]:
    tree = lxml_html.fromstring(dom)
    rows = []
    for tr in tree.xpath('//table[@id="events"]/tbody/tr[@data-type]'):
        cells = [td.text_content() for td in tr.xpath("./td")]
        rows.append({"n": cells[0], "doc": cells[1], "type": cells[2], "status": cells[3], "who": cells[4],
                     "with_whom": cells[5], "what": cells[6], "amount": cells[7], "when": cells[8]})
    return rows


@pytest.mark.slow
def test_browser_renders_the_table_and_shows_inputs_as_text(chromium, report_page):
    dom = dump_dom(chromium, file_url(report_page))
    tree = lxml_html.fromstring(dom)
    assert tree.get("data-ready") == "1", "the page's script did not finish"
    rows = table_rows(dom)
    assert [r["n"] for r in rows] == ["#1", "#2", "#3", "#4", "#5"]
    assert rows[0] == {"n": "#1", "doc": "acme", "type": "acquisition", "status": "agreed", "who": "Acme Corp",
                       "with_whom": "Widget Ltd", "what": "Widget Ltd", "amount": "USD 120 mln", "when": "2024-04-08"}
    # hostile strings in the data are shown as text, in the table and in the article
    assert rows[1]["who"] == "Evil Corp </script><script>alert(2)</script>"
    assert rows[1]["what"] == "supply pact\u2028<i>now</i>"
    article = tree.xpath('//article[@id="d2"]')[0]
    assert visible_text(article.xpath('.//div[@class="text"]')[0]) == EVIL_TEXT
    assert article.xpath("string(.//h3)") == EVIL_TITLE
    # and nothing was injected: only the page's own two scripts, no img/b/i elements, no handlers
    assert len(tree.xpath("//script")) == 2
    assert not tree.xpath("//img | //b | //i[not(@class)] | //*[@onerror] | //*[@onmouseover]")
    assert tree.xpath('string(//span[@id="shown"])') == "showing 5 of 5 events"
    assert tree.xpath('//button[@id="show-all"]/@hidden') == [""]


@pytest.mark.slow
def test_browser_filters_and_sorts_from_the_url_hash(chromium, report_page):
    rows = table_rows(dump_dom(chromium, file_url(report_page, "type=funding")))
    assert [(r["n"], r["type"]) for r in rows] == [("#3", "funding"), ("#4", "funding")]
    rows = table_rows(dump_dom(chromium, file_url(report_page, "q=widget&status=agreed")))
    assert [r["n"] for r in rows] == ["#1"]
    dom = dump_dom(chromium, file_url(report_page, "sort=amount_value&dir=desc"))
    assert [r["amount"] for r in table_rows(dom)] == ["USD 250 mln", "USD 120 mln", "GBP 5 mln", "", ""]
    tree = lxml_html.fromstring(dom)
    assert tree.xpath('//th[@aria-sort="descending"]/text()') == ["amount"]
    dom = dump_dom(chromium, file_url(report_page, "when=2024&minconf=0.6"))
    assert [r["n"] for r in table_rows(dom)] == ["#1"]
    assert lxml_html.fromstring(dom).xpath('string(//span[@id="shown"])') == "showing 1 of 5 events"


@pytest.mark.slow
def test_browser_screenshot(chromium, report_page, tmp_path):
    png = screenshot(chromium, file_url(report_page), tmp_path / "report.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000  # a rendered page, not a blank one


@pytest.mark.slow
def test_browser_draws_at_most_the_row_limit(chromium, tmp_path):
    page = tmp_path / "limited.html"
    page.write_text(build_report(sample_events(), None, row_limit=2), encoding="utf-8")
    dom = dump_dom(chromium, file_url(page, "sort=confidence&dir=desc"))
    assert [r["n"] for r in table_rows(dom)] == ["#1", "#3"]
    tree = lxml_html.fromstring(dom)
    assert tree.xpath('string(//span[@id="shown"])') == "showing the first 2 of 5 matching events (5 in all)"
    assert tree.xpath('//button[@id="show-all"]/@hidden') == []

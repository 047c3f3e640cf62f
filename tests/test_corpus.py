"""Checks on the project's own sample corpus (corpus/articles/) and its gold labels.

The gold file follows the gold format of docs/format.md. These tests use
plain ``json`` so they run before the pydantic models exist; when ``models`` is
importable they also validate every gold line with ``pactum.models.GoldDocument``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES_DIR = ROOT / "corpus" / "articles"
ARTICLES_JSONL = ARTICLES_DIR / "articles.jsonl"
GOLD = ROOT / "corpus" / "gold.jsonl"
#: The shared corpora: $PACTUM_SHARED, else ../shared beside the repository.
SHARED_CORPUS = Path(os.environ.get("PACTUM_SHARED", ROOT.parent / "shared")) / "corpus"

ARTICLE_FIELDS = ["id", "title", "published", "source", "topics", "text"]
GOLD_DOC_FIELDS = {"doc_id", "published", "events"}
EVENT_FIELDS = {"type", "status", "who", "with_whom", "what", "when", "amount", "where", "evidence"}
TYPES = {"agreement", "acquisition", "investment", "funding"}
STATUSES = {"agreed", "negotiating", "planned", "rejected"}
ISO_WHEN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO_PUBLISHED = re.compile(r"^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?$")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _load_articles() -> dict[str, dict]:
    """RETURNS (dict[str, dict]): article records by id, JSON lines and .txt files."""
    articles: dict[str, dict] = {}
    with ARTICLES_JSONL.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                assert record["id"] not in articles, f"duplicate id {record['id']}"
                articles[record["id"]] = record
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        assert path.stem not in articles, f"duplicate id {path.stem}"
        articles[path.stem] = {"id": path.stem, "title": None, "published": None,
                               "text": path.read_text(encoding="utf-8"), "txt": True}
    return articles


def _load_gold() -> list[dict]:
    """RETURNS (list[dict]): the gold lines, in file order."""
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


ARTICLES = _load_articles()
GOLD_DOCS = _load_gold()
GOLD_BY_ID = {doc["doc_id"]: doc for doc in GOLD_DOCS}
ALL_EVENTS = [(doc["doc_id"], event) for doc in GOLD_DOCS for event in doc["events"]]


def _full_text(doc_id: str) -> str:
    """doc_id (str): an article id. RETURNS (str): its title and text joined."""
    article = ARTICLES[doc_id]
    return f"{article.get('title') or ''}\n{article['text']}"


def _tokens(text: str) -> list[str]:
    """text (str): any text. RETURNS (list[str]): lower-cased word tokens."""
    return re.findall(r"\w+", text.lower())


# ---------------------------------------------------------------- articles


def test_jsonl_articles_have_exactly_the_seed_fields():
    with ARTICLES_JSONL.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    assert len(records) >= 14
    for record in records:
        assert list(record) == ARTICLE_FIELDS, record["id"]
        assert isinstance(record["topics"], list)
        assert isinstance(record["text"], str) and record["text"].strip()


def test_ids_are_pactum_ids_and_the_txt_article_has_no_date():
    assert all(re.fullmatch(r"pactum-\d{3}", doc_id) for doc_id in ARTICLES)
    txt_ids = [doc_id for doc_id, a in ARTICLES.items() if a.get("txt")]
    assert txt_ids == ["pactum-015"]
    assert GOLD_BY_ID["pactum-015"]["published"] is None


@pytest.mark.parametrize("doc_id", sorted(ARTICLES))
def test_article_length_is_150_to_350_words(doc_id):
    assert 150 <= len(ARTICLES[doc_id]["text"].split()) <= 350


def test_publication_dates_vary_in_precision():
    published = [a["published"] for a in ARTICLES.values() if not a.get("txt")]
    for value in published:
        assert value is None or ISO_PUBLISHED.match(value), value
    assert any(p and "T" in p for p in published), "no full datetime"
    assert any(p and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p) for p in published), "no plain date"
    assert any(p and re.fullmatch(r"\d{4}-\d{2}", p) for p in published), "no month-only date"
    assert None in published, "no article without a date"


def test_three_wire_titles_are_upper_case():
    titles = [a["title"] for a in ARTICLES.values() if a.get("title")]
    assert sum(t == t.upper() for t in titles) >= 3


# -------------------------------------------------------- gold: coverage


def test_every_article_has_one_gold_line_and_vice_versa():
    assert len(GOLD_DOCS) == len(GOLD_BY_ID), "duplicate gold doc_id"
    assert set(GOLD_BY_ID) == set(ARTICLES)


def test_gold_published_copies_the_article_date():
    for doc_id, doc in GOLD_BY_ID.items():
        assert doc["published"] == ARTICLES[doc_id]["published"], doc_id


def test_every_type_and_status_occurs_more_than_once_for_types():
    types = Counter(event["type"] for _, event in ALL_EVENTS)
    statuses = Counter(event["status"] for _, event in ALL_EVENTS)
    assert set(types) == TYPES and all(n >= 3 for n in types.values()), types
    assert set(statuses) == STATUSES, statuses


def test_at_least_two_documents_have_no_events():
    assert sum(not doc["events"] for doc in GOLD_DOCS) >= 2


def test_currencies_and_scales_cover_the_spec_examples():
    currencies = {e["amount"]["currency"] for _, e in ALL_EVENTS if e["amount"]}
    assert {"USD", "GBP", "EUR", "JPY", "CAD"} <= currencies
    assert currencies & {"DEM", "CHF"}
    values = {e["amount"]["value"] for _, e in ALL_EVENTS if e["amount"]}
    assert max(values) >= 1e12, "no trillion-scale amount"


# ---------------------------------------------------------- gold: shape


def test_gold_lines_have_the_spec_fields():
    for doc in GOLD_DOCS:
        assert set(doc) == GOLD_DOC_FIELDS, doc["doc_id"]
        assert isinstance(doc["events"], list)
        for event in doc["events"]:
            assert set(event) == EVENT_FIELDS, doc["doc_id"]
            assert event["type"] in TYPES
            assert event["status"] in STATUSES


def test_parties_are_lists_of_name_lists_taken_from_the_article():
    for doc_id, event in ALL_EVENTS:
        text = _full_text(doc_id).lower()
        assert event["who"] or event["with_whom"], (doc_id, event["evidence"])
        for party in event["who"] + event["with_whom"]:
            assert isinstance(party, list) and party, (doc_id, party)
            for name in party:
                assert isinstance(name, str) and name.strip()
                assert name.lower() in text, (doc_id, name)


def test_what_is_a_short_phrase_from_the_article():
    for doc_id, event in ALL_EVENTS:
        words = set(_tokens(_full_text(doc_id)))
        assert event["what"], (doc_id, event["evidence"])
        assert len(event["what"].split()) <= 12, event["what"]
        missing = [t for t in _tokens(event["what"]) if t not in words]
        assert not missing, (doc_id, event["what"], missing)


def test_where_is_null_or_a_place_named_in_the_article():
    for doc_id, event in ALL_EVENTS:
        if event["where"] is not None:
            assert event["where"] in _full_text(doc_id), (doc_id, event["where"])


def test_evidence_is_a_verbatim_sentence_of_the_article():
    for doc_id, event in ALL_EVENTS:
        assert event["evidence"] in _full_text(doc_id), (doc_id, event["evidence"])


def test_each_deal_is_labelled_once_per_document():
    for doc in GOLD_DOCS:
        keys = [(e["type"], json.dumps(e["who"]), json.dumps(e["with_whom"]), e["what"])
                for e in doc["events"]]
        assert len(keys) == len(set(keys)), doc["doc_id"]


def test_coordinated_parties_give_separate_events_on_one_sentence():
    by_sentence: dict[str, list[dict]] = {}
    for _, event in ALL_EVENTS:
        by_sentence.setdefault(event["evidence"], []).append(event)
    split = [evs for evs in by_sentence.values()
             if len(evs) > 1 and len({json.dumps(e["who"]) for e in evs}) > 1]
    assert split, "no sentence with two coordinated parties labelled as two events"


# ------------------------------------------------------------ gold: when


def test_when_is_iso_at_year_month_or_day_precision():
    for doc_id, event in ALL_EVENTS:
        when = event["when"]
        if when is None:
            continue
        assert ISO_WHEN.match(when), (doc_id, when)
        parts = [int(p) for p in when.split("-")]
        dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))  # raises if invalid


def test_undated_documents_only_carry_absolute_years():
    for doc_id, event in ALL_EVENTS:
        if GOLD_BY_ID[doc_id]["published"] is None and event["when"] is not None:
            assert event["when"][:4] in _full_text(doc_id), (doc_id, event["when"])


def _resolve(phrase: str, published: str) -> str | None:
    """Resolve a relative time expression by the spec section 4 rules.

    phrase (str): "yesterday", "last year", "last month", "earlier this month" or
        "on <weekday>".
    published (str): the article's publication date (ISO, any precision).
    RETURNS (str | None): the ISO date at the precision the rules allow.
    """
    year = int(published[:4])
    month = int(published[5:7]) if len(published) >= 7 else None
    day = dt.date.fromisoformat(published[:10]) if len(published) >= 10 else None
    if phrase == "last year":
        return str(year - 1)
    if month is None:
        return None
    if phrase == "last month":
        return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
    if phrase == "earlier this month":
        return f"{year}-{month:02d}"
    if phrase == "yesterday":
        return (day - dt.timedelta(days=1)).isoformat() if day else f"{year}-{month:02d}"
    if phrase.startswith("on ") and day:
        target = WEEKDAYS.index(phrase[3:])
        return (day - dt.timedelta(days=(day.weekday() - target) % 7)).isoformat()
    return None


def test_relative_dates_in_evidence_resolve_against_publication():
    phrases = ["yesterday", "last year", "last month", "earlier this month"]
    phrases += [f"on {d}" for d in WEEKDAYS]
    checked = 0
    for doc_id, event in ALL_EVENTS:
        published = GOLD_BY_ID[doc_id]["published"]
        evidence = event["evidence"].lower()
        found = [p for p in phrases if re.search(rf"\b{p}\b", evidence)]
        if not published or len(found) != 1:
            continue
        checked += 1
        assert event["when"] == _resolve(found[0], published), (doc_id, found[0])
    assert checked >= 8


def test_resolver_follows_the_spec_examples():
    assert _resolve("on tuesday", "2024-05-14") == "2024-05-14"
    assert _resolve("on tuesday", "1987-03-25T09:41:00") == "1987-03-24"
    assert _resolve("yesterday", "2024-04") == "2024-04"
    assert _resolve("last month", "1987-01-05") == "1986-12"


# ---------------------------------------------------------- gold: amount


def test_amounts_have_iso_currency_and_positive_value():
    for doc_id, event in ALL_EVENTS:
        amount = event["amount"]
        if amount is None:
            continue
        assert set(amount) == {"value", "currency"}, doc_id
        assert re.fullmatch(r"[A-Z]{3}", amount["currency"]), (doc_id, amount)
        assert isinstance(amount["value"], (int, float)) and amount["value"] > 0


def test_per_share_prices_are_never_the_deal_amount():
    per_share = 0
    for doc_id, doc in GOLD_BY_ID.items():
        text = _full_text(doc_id)
        prices = {float(m) for m in re.findall(r"\$?(\d+(?:\.\d+)?)(?: dlrs)? a share", text)}
        per_share += len(prices)
        for event in doc["events"]:
            if event["amount"]:
                assert event["amount"]["value"] not in prices, (doc_id, event["amount"])
    assert per_share >= 2


# ------------------------------------------------------------- integration


def test_gold_validates_with_the_pydantic_models():
    models = pytest.importorskip("pactum.models")
    gold_document = getattr(models, "GoldDocument", None)
    if gold_document is None:
        pytest.skip("pactum.models.GoldDocument is not defined yet")
    with GOLD.open(encoding="utf-8") as fh:
        for line in fh:
            doc = gold_document.model_validate_json(line)
            assert doc.doc_id in ARTICLES


def test_reader_reads_every_article_once():
    reader = pytest.importorskip("pactum.pipeline.reading.reader")
    if not hasattr(reader, "read_documents"):
        pytest.skip("pactum.pipeline.reading.reader.read_documents is not defined yet")
    items = list(reader.read_documents([ARTICLES_DIR]))
    ids = [getattr(item, "id", None) for item in items]
    assert sorted(ids) == sorted(ARTICLES)


def test_articles_are_not_copied_from_the_shared_corpora():
    sources = [SHARED_CORPUS / "reuters21578.jsonl.gz", SHARED_CORPUS / "bbc.jsonl.gz"]
    if not all(path.exists() for path in sources):
        pytest.skip(f"{SHARED_CORPUS} is absent: set PACTUM_SHARED to the shared data folder, or put it at ../shared")
    n = 10
    ours: set[tuple[str, ...]] = set()
    for doc_id in ARTICLES:
        toks = _tokens(ARTICLES[doc_id]["text"])
        ours.update(zip(*(toks[i:] for i in range(n))))
    hits = []
    for path in sources:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                toks = _tokens(record["text"])
                if not ours.isdisjoint(zip(*(toks[i:] for i in range(n)))):
                    hits.append(record["id"])
    assert not hits, f"10-word runs shared with {hits[:5]}"

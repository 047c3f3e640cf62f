"""Publication dates and event dates (pipeline.normalization.dates; spec section 4, ``when``)."""

from __future__ import annotations

import datetime as dt
import json
import time
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactum.pipeline.normalization.dates import PubDate, When, names_a_day, parse_published, resolve_when

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


# --- parse_published ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected,precision",
    [
        ("1987-04-08T08:33:47", PubDate(1987, 4, 8), "day"),
        ("1987-04-08 08:33", PubDate(1987, 4, 8), "day"),
        ("2024-04-08T10:00:00Z", PubDate(2024, 4, 8), "day"),
        ("2024-04-08T10:00:00+02:00", PubDate(2024, 4, 8), "day"),
        ("2024-04-08", PubDate(2024, 4, 8), "day"),
        ("2024-04", PubDate(2024, 4), "month"),
        (" 2024 ", PubDate(2024), "year"),
    ],
)
def test_parse_published_forms(value, expected, precision):
    parsed = parse_published(value)
    assert parsed == expected
    assert parsed.precision == precision
    assert parsed.iso == expected.iso


@pytest.mark.parametrize("value", [None, "", "   "])
def test_parse_published_empty_is_none(value):
    assert parse_published(value) is None


@pytest.mark.parametrize("value", ["yesterday", "April 1987", "1987-13", "1987-02-30", "87-04-08", "2024-04-08Tnoon", "0000"])
def test_parse_published_garbage_raises_clear_error(value):
    with pytest.raises(ValueError, match="publication date"):
        parse_published(value)


def test_pub_date_iso():
    assert PubDate(1987, 3, 2).iso == "1987-03-02"
    assert PubDate(2024, 4).iso == "2024-04"
    assert PubDate(2024).iso == "2024"


# --- resolve_when: the spec's rules ---------------------------------------------------------

REUTERS = "1987-04-08T08:33:47"  # a Wednesday

CASES = [
    # absolute
    ("March 3, 1987", None, None, "1987-03-03"),
    ("Dec 31, 1986", None, None, "1986-12-31"),
    ("31 December 1986", None, None, "1986-12-31"),
    ("November 1986", None, None, "1986-11"),
    ("in November 1986", REUTERS, None, "1986-11"),
    ("the end of December 1985", None, None, "1985-12"),
    ("late 2020", "2024-04", None, "2020"),
    ("in late 2020", "2024-04", None, "2020"),
    ("in 1999", None, None, "1999"),
    ("1999", None, None, "1999"),
    ("mid-1986", None, None, "1986"),
    ("end-1986", None, None, "1986"),
    ("early 1988", None, None, "1988"),
    ("fiscal 1987", None, None, "1987"),
    ("the year 2000", None, None, "2000"),
    ("the first quarter of 1988", None, None, "1988"),
    ("the 1986 fourth quarter", None, None, "1986"),
    ("the third and fourth quarters of 1987", None, None, "1987"),
    # alternatives: the precision they share
    ("in July or August", REUTERS, None, "1987"),
    ("March and April 1988", None, None, "1988"),
    ("May 5 or May 6, 1987", None, None, "1987-05"),
    # a range of days is its month; a range over months, the year
    ("between March 5 and 17", REUTERS, "past", "1987-03"),
    ("May 5-20, 1987", None, None, "1987-05"),
    ("between Jan 2 and March 4", REUTERS, "past", "1987"),
    ("the first half of 1987", None, None, "1987"),
    ("2024-04-08", None, None, "2024-04-08"),
    ("03/09/87", None, None, "1987-03-09"),
    # month and day without a year: nearest consistent with the tense
    ("March 3", REUTERS, None, "1987-03-03"),
    ("April 15", REUTERS, None, "1987-04-15"),
    ("April 15", REUTERS, "past", "1986-04-15"),
    ("December 31", REUTERS, None, "1986-12-31"),
    ("December 31", REUTERS, "future", "1987-12-31"),
    ("midnight EST Feb 27", "1987-03-02T12:22:01", "past", "1987-02-27"),
    ("on August 31", "1987-10-19T10:40:16", "past", "1987-08-31"),
    ("July 10", "1987-06-29T11:55:55", "future", "1987-07-10"),
    ("April one", REUTERS, None, "1987-04-01"),
    ("the 3rd of March", REUTERS, None, "1987-03-03"),
    ("March 3", "2024-04", "past", "2024-03-03"),
    # months
    ("in March", REUTERS, "past", "1987-03"),
    ("in March", REUTERS, "future", "1988-03"),
    ("in March", REUTERS, None, "1987-03"),
    ("in January", "1987-03-20T09:20:17", "past", "1987-01"),
    ("in February", "1987-03-16T07:37:35", "past", "1987-02"),
    ("in September", "1987-03-20", None, "1986-09"),  # a tie goes to the past
    ("in June", "1987-03-20", None, "1987-06"),
    ("last September", "1987-04-29T15:08:51", None, "1986-09"),
    ("Since last August", "1987-03-30T16:27:36", None, "1986-08"),
    ("last March", "1987-04-08", None, "1987-03"),
    ("last April", "1987-04-08", None, "1986-04"),
    ("next March", "1987-04-08", None, "1988-03"),
    ("early March", REUTERS, None, "1987-03"),
    ("mid-March", REUTERS, None, "1987-03"),
    ("December last year", REUTERS, None, "1986-12"),
    ("February this year", REUTERS, None, "1987-02"),
    ("February a year ago", REUTERS, None, "1986-02"),
    ("May", REUTERS, "future", "1987-05"),
    # relative to the publication date
    ("last year", "2024-04", None, "2023"),
    ("Last year's", REUTERS, None, "1986"),
    ("late last year", REUTERS, None, "1986"),
    ("this year", REUTERS, None, "1987"),
    ("earlier this year", REUTERS, None, "1987"),
    ("next year", "2024-04", None, "2025"),
    ("a year ago", REUTERS, None, "1986"),
    ("two years ago", REUTERS, None, "1985"),
    ("last month", REUTERS, None, "1987-03"),
    ("last month", "1987-01-05", None, "1986-12"),
    ("next month", "1987-12-08", None, "1988-01"),
    ("this month", REUTERS, None, "1987-04"),
    ("earlier this month", REUTERS, None, "1987-04"),
    ("later this month", REUTERS, None, "1987-04"),
    ("three months ago", REUTERS, None, "1987-01"),
    ("on Tuesday", REUTERS, None, "1987-04-07"),
    ("Tuesday", REUTERS, None, "1987-04-07"),
    ("Wednesday", REUTERS, None, "1987-04-08"),
    ("on Tuesday", REUTERS, "future", "1987-04-14"),
    ("last Wednesday", REUTERS, None, "1987-04-01"),
    ("next Tuesday", REUTERS, None, "1987-04-14"),
    ("Monday night", REUTERS, None, "1987-04-06"),
    ("today", REUTERS, None, "1987-04-08"),
    ("later today", REUTERS, None, "1987-04-08"),
    ("this morning", REUTERS, None, "1987-04-08"),
    ("yesterday", REUTERS, None, "1987-04-07"),
    ("late yesterday", REUTERS, None, "1987-04-07"),
    ("last night", REUTERS, None, "1987-04-07"),
    ("yesterday", "1987-03-01", None, "1987-02-28"),
    ("tomorrow", REUTERS, None, "1987-04-09"),
    ("this week", REUTERS, None, "1987-04-08"),
    ("the past week", REUTERS, None, "1987-04-08"),
    ("earlier this week", REUTERS, None, "1987-04-08"),
    ("last week", REUTERS, None, "1987"),  # Mar 30 - Apr 5: two months, so the year
    ("last week", "2024-04-18", None, "2024-04"),  # Apr 8 - 14
    ("a week ago", REUTERS, None, "1987-04-01"),
    ("two weeks ago", REUTERS, None, "1987-03-25"),
    ("next week", REUTERS, None, "1987-04"),  # Apr 13 - 19
    ("the weekend", REUTERS, None, "1987-04-04"),
    ("the fourth quarter", "1987-03-02", "past", "1986"),
    ("the fourth quarter", "1987-03-02", "future", "1987"),
    ("the first quarter", "1987-04-08", "past", "1987"),
    ("last summer", REUTERS, None, "1986"),
    ("this spring", REUTERS, None, "1987"),
    ("the end of the year", "1987-03-02", "past", "1986"),
    ("by the end of the year", "1987-03-02", "future", "1987"),
    ("the end of next year", "1987-03-02", None, "1988"),
    # the publication date is less precise than the expression
    ("today", "2024-04", None, "2024-04"),
    ("this week", "2024-04", None, "2024-04"),
    ("the past week", "2024-04", None, "2024-04"),
    ("just over the past week", "2024-04", None, "2024-04"),  # "over"/"within" lead nothing
    ("within the past month", "1987-03-02", None, "1987-03"),
    ("yesterday", "2024-04", None, "2024-04"),
    ("on Tuesday", "2024-04", None, "2024-04"),
    ("today", "2024", None, "2024"),
    ("last month", "2024", None, "2024"),
    ("last year", "2024", None, "2023"),
]


@pytest.mark.parametrize("text,published,tense,expected", CASES)
def test_resolve_when(text, published, tense, expected):
    when = resolve_when(text, parse_published(published), tense)
    assert when is not None, text
    assert when.iso == expected
    assert when.precision == {4: "year", 7: "month", 10: "day"}[len(expected)]
    assert when.text == text


@pytest.mark.parametrize(
    "text",
    [
        # durations, frequencies, vague or anaphoric: no point in time
        "five years", "two days", "a year", "the year", "the quarter", "annual", "annually", "quarterly",
        "monthly", "five-year", "three-month", "the next five years", "the past two years", "recent months",
        "in recent months", "recent years", "several months", "the next few weeks", "the coming years",
        "a year earlier", "the previous year", "the previous month", "the same day", "that day", "year-ago",
        "the year-ago", "year-on-year", "recently", "now", "soon", "currently", "the current fiscal year",
        # spans of years
        "1984/85", "1985-1986", "1982-84", "Between 1982 and 1985", "the 1990s",
        # alternatives with no year in common
        "late 1986 or early 1987",
        # not time at all
        "hello world", "the company", "45", "may", "Washington", "",
    ],
)
def test_resolve_when_no_point_in_time(text):
    assert resolve_when(text, parse_published(REUTERS), None) is None
    assert resolve_when(text, parse_published(REUTERS), "past") is None


@pytest.mark.parametrize(
    "text",
    ["last year", "today", "yesterday", "on Tuesday", "this week", "last month", "in March", "March 3",
     "two weeks ago", "the fourth quarter", "next year", "the weekend", "December last year"],
)
def test_relative_without_publication_date_is_none(text):
    assert resolve_when(text, None, None) is None
    assert resolve_when(text, None, "past") is None


def test_never_defaults_to_publication_date():
    pub = parse_published(REUTERS)
    for text in ["the deal", "signed", "it", "the period", "date", "the time"]:
        assert resolve_when(text, pub, "past") is None


def test_unknown_tense_is_treated_as_none():
    pub = parse_published(REUTERS)
    assert resolve_when("in March", pub, "present") == resolve_when("in March", pub, None)


def test_publication_date_may_be_a_string():
    assert resolve_when("last year", "2024-04").iso == "2023"
    assert resolve_when("last year", "not a date") is None
    assert resolve_when("1999", "not a date").iso == "1999"


def test_returns_when_dataclass():
    when = resolve_when("last year", parse_published("2024-04"))
    assert isinstance(when, When)
    assert (when.iso, when.precision, when.text) == ("2023", "year", "last year")


# --- against the gold labels ----------------------------------------------------------------

#: (doc_id, time expression in the gold evidence, tense) for gold events with a `when`.
GOLD_EXPRESSIONS = [
    ("seed-000", "last year", "past"),
    ("seed-000", "in late 2020", "past"),
    ("reuters-11076", "Since last August", "past"),
    ("reuters-00547", "midnight EST Feb 27", "past"),
    ("reuters-07643", "in January", "past"),
    ("reuters-05281", "in February", "past"),
    ("reuters-17126", "in February", "past"),
    ("reuters-17419", "last September", "past"),
    ("reuters-21381", "on August 31", "past"),
    ("bbc-business-498", "in 2003", "past"),
    ("reuters-19697", "in November 1986", "past"),
    ("reuters-17039", "today", None),
]


def _cut_matches(pred: str, gold: str) -> bool:
    """The scorer's rule: correct when the prediction cut to the gold's precision equals it."""
    return len(pred) >= len(gold) and pred[: len(gold)] == gold


def test_gold_when_values(shared):
    gold = shared / "gold" / "dev.jsonl"
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {d["doc_id"]: d for d in docs}
    checked = 0
    for doc_id, expression, tense in GOLD_EXPRESSIONS:
        doc = by_id[doc_id]
        events = [e for e in doc["events"] if e.get("when") and expression in (e.get("evidence") or "")]
        assert events, (doc_id, expression)
        for event in events:
            when = resolve_when(expression, parse_published(doc.get("published")), tense)
            assert when is not None and _cut_matches(when.iso, event["when"]), (doc_id, expression, when, event["when"])
            checked += 1
    assert checked >= len(GOLD_EXPRESSIONS)


# --- properties -----------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31))


@settings(deadline=None)
@given(dates, st.one_of(st.none(), dates.map(lambda d: PubDate(d.year, d.month, d.day))))
def test_round_trip_month_day_year(day, published):
    for text in (f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}",
                 f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}",
                 f"on {MONTH_NAMES[day.month - 1][:3]} {day.day}, {day.year}"):
        when = resolve_when(text, published, "past")
        assert when is not None and when.iso == day.isoformat(), text


@settings(deadline=None)
@given(dates, st.integers(min_value=-150, max_value=150))
def test_round_trip_month_day_without_year(day, offset):
    """A month and day near the publication date resolve to that very day."""
    pub = day + dt.timedelta(days=offset)
    when = resolve_when(f"{MONTH_NAMES[day.month - 1]} {day.day}", PubDate(pub.year, pub.month, pub.day))
    assert when is not None and when.iso == day.isoformat()


@settings(deadline=None)
@given(dates, st.sampled_from(["past", "future", None]))
def test_weekday_is_within_a_week_of_publication(pub, tense):
    when = resolve_when("on Friday", PubDate(pub.year, pub.month, pub.day), tense)
    day = dt.date.fromisoformat(when.iso)
    assert day.weekday() == 4
    if tense == "future":
        assert 0 <= (day - pub).days < 7
    else:
        assert 0 <= (pub - day).days < 7


VOCAB = ["last", "next", "this", "the", "of", "in", "on", "early", "late", "mid-", "end", "year", "month",
         "week", "quarter", "first", "fourth", "March", "may", "Tuesday", "1987", "'86", "3", "31", "ago",
         "two", "a", "days", "weekend", "today", "yesterday", "/", "-", ",", "fiscal", "half", "summer",
         "between", "and", "1985", "12/31/86", "2024-02-30", "13/45/99", "earlier", "annual"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.one_of(st.none(), dates.map(lambda d: PubDate(d.year, d.month, d.day)),
                                        st.builds(PubDate, st.integers(1, 9999), st.none(), st.none())),
       st.sampled_from(["past", "future", None, "other"]))
def test_never_raises_on_arbitrary_text(text, published, tense):
    result = resolve_when(text, published, tense)
    assert result is None or isinstance(result, When)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=6).map(" ".join),
       st.one_of(st.none(), st.builds(PubDate, st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28)),
                 st.builds(PubDate, st.integers(1, 9999), st.integers(1, 12), st.none())),
       st.sampled_from(["past", "future", None]))
def test_never_raises_on_time_like_text(text, published, tense):
    result = resolve_when(text, published, tense)
    if result is not None:
        assert result.precision in {"year", "month", "day"}
        assert len(result.iso) == {"year": 4, "month": 7, "day": 10}[result.precision]


def test_typical_calls_are_fast():
    pub = parse_published(REUTERS)
    texts = [t for t, *_ in CASES] * 5
    started = time.perf_counter()
    for i, text in enumerate(texts):
        resolve_when(f"{text} ", pub, "past" if i % 2 else None)  # vary the text so the cache does not answer
    per_call = (time.perf_counter() - started) / len(texts)
    assert per_call < 0.002


@pytest.mark.parametrize("text, day", [
    ("this morning", True), ("This  afternoon", True), ("earlier today", True), ("tonight", True),
    ("late yesterday", True), ("yesterday afternoon", True), ("last night", True),
    ("at 10 a.m.", False), ("10:30 EST", False), ("later yesterday", False),
])
def test_names_a_day_exactly_when_the_resolver_reads_today_or_yesterday(text, day):
    # the extractor lets a TIME entity date a deal by this test (event_time._dates_of)
    assert names_a_day(text) is day
    published = parse_published("1987-03-24T10:00:00")
    if day:
        assert resolve_when(text, published).iso in {"1987-03-24", "1987-03-23"}

"""Money expressions (pipeline.normalization.money; spec section 4, ``amount``)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactum.pipeline.normalization.money import (HISTORIC_CURRENCIES, Money, conversions, currency_country, deal_amount,
                                                 dollar_currency, find_amounts, is_currency, parse_amount)

# (text, [(value, currency, approximate, per_share)])
CASES = [
    ("Congress approved $11.6 billion in aid", [(11.6e9, "USD", False, False)]),
    ("bought it for $9.3bn", [(9.3e9, "USD", False, False)]),
    ("a $900m credit line", [(900e6, "USD", False, False)]),
    ("a $165 billion plan", [(165e9, "USD", False, False)]),
    ("a $45bn rescue", [(45e9, "USD", False, False)]),
    ("sold for £8.5bn", [(8.5e9, "GBP", False, False)]),
    ("a €160m contract", [(160e6, "EUR", False, False)]),
    ("NT$1 trillion in investment", [(1e12, "TWD", False, False)]),
    ("US$5 million", [(5e6, "USD", False, False)]),
    ("C$20 mln", [(20e6, "CAD", False, False)]),
    ("A$1.5 billion", [(1.5e9, "AUD", False, False)]),
    ("HK$300 mln", [(300e6, "HKD", False, False)]),
    ("S$40 mln", [(40e6, "SGD", False, False)]),
    ("DM 500 mln", [(500e6, "DEM", False, False)]),
    ("USD 5 mln", [(5e6, "USD", False, False)]),
    ("Rs 500 crore", [(5e9, "INR", False, False)]),
    ("$500k", [(500e3, "USD", False, False)]),
    ("paid 3.2 billion dlrs for it", [(3.2e9, "USD", False, False)]),
    ("worth 20 mln dlrs.", [(20e6, "USD", False, False)]),
    ("94.5 mln dlrs", [(94.5e6, "USD", False, False)]),
    ("1,250,000 dlrs", [(1.25e6, "USD", False, False)]),
    ("5.2 mln stg", [(5.2e6, "GBP", False, False)]),
    ("5 mln pounds sterling", [(5e6, "GBP", False, False)]),
    ("1.2 bln yen", [(1.2e9, "JPY", False, False)]),
    ("300 mln Canadian dlrs", [(300e6, "CAD", False, False)]),
    ("40 mln Australian dlrs", [(40e6, "AUD", False, False)]),
    ("150 mln Hong Kong dlrs", [(150e6, "HKD", False, False)]),
    ("2.5 billion Taiwan dlrs", [(2.5e9, "TWD", False, False)]),
    ("12 mln N.Z. dlrs", [(12e6, "NZD", False, False)]),
    ("about 31.5 mln U.S. Dlrs", [(31.5e6, "USD", True, False)]),
    ("two billion dollars", [(2e9, "USD", False, False)]),
    ("a billion dollars", [(1e9, "USD", False, False)]),
    ("half a billion dollars", [(0.5e9, "USD", False, False)]),
    ("twenty-five mln dlrs", [(25e6, "USD", False, False)]),
    ("500 mln marks", [(500e6, "DEM", False, False)]),
    ("480 mln West German marks", [(480e6, "DEM", False, False)]),
    ("120 mln francs", [(120e6, "FRF", False, False)]),
    ("about 100 mln French francs", [(100e6, "FRF", True, False)]),
    ("50 mln Swiss francs", [(50e6, "CHF", False, False)]),
    ("2.5 billion Belgian francs", [(2.5e9, "BEF", False, False)]),
    ("4.8 billion guilders", [(4.8e9, "NLG", False, False)]),
    ("200 billion lire", [(200e9, "ITL", False, False)]),
    ("32.7 billion Swedish crowns", [(32.7e9, "SEK", False, False)]),
    ("200 mln Irish pounds", [(200e6, "IEP", False, False)]),
    ("600 mln ECU", [(600e6, "XEU", False, False)]),
    ("more than 1.7 billion Ecus", [(1.7e9, "XEU", True, False)]),
    ("827.9 mln riyals", [(827.9e6, "SAR", False, False)]),
    ("five billion yuan", [(5e9, "CNY", False, False)]),
    ("5.5 billion won", [(5.5e9, "KRW", False, False)]),
    ("SOME 1.5 BLN DLRS", [(1.5e9, "USD", True, False)]),
    ("UNILEVER SEEKS 3.2 BLN DLR SALE", [(3.2e9, "USD", False, False)]),
    ("a 135 mln dlr drilling project", [(135e6, "USD", False, False)]),
    ("a 4.50-billion-dlr loan", [(4.5e9, "USD", False, False)]),
    ("$160 million (U.S.)", [(160e6, "USD", False, False)]),
    ("$160 million (Canadian)", [(160e6, "CAD", False, False)]),
    # approximate
    ("nearly 5 mln dlrs", [(5e6, "USD", True, False)]),
    ("more than 1 bln dlrs", [(1e9, "USD", True, False)]),
    ("up to one billion dlrs", [(1e9, "USD", True, False)]),
    ("an estimated 30 bln yen", [(30e9, "JPY", True, False)]),
    ("at least $2 billion", [(2e9, "USD", True, False)]),
    # per share and other prices
    ("19 dlrs a share", [(19, "USD", False, True)]),
    ("$19 per share", [(19, "USD", False, True)]),
    ("at 35 dlrs per share", [(35, "USD", False, True)]),
    ("3.50 dlrs/shr", [(3.5, "USD", False, True)]),
    ("a 26.25 dlr a share bid", [(26.25, "USD", False, True)]),
    ("a $5-a-share bid", [(5, "USD", False, True)]),
    ("19 cts a share", [(0.19, "USD", False, True)]),
    ("346 pence a share", [(3.46, "GBP", False, True)]),
    ("1.5 mln dlrs or 1.50 dlrs a share", [(1.5e6, "USD", False, False), (1.5, "USD", False, True)]),
    ("rose to 12 mln dlrs from 10 mln dlrs", [(12e6, "USD", False, False), (10e6, "USD", False, False)]),
    ("sold for 90 mln stg (140 mln dlrs)", [(90e6, "GBP", False, False), (140e6, "USD", False, False)]),
    # not money
    ("3.2 mln shares", []),
    ("50 pct", []),
    ("a 20 pct stake", []),
    ("15,000 bpd", []),
    ("in 1987 dollars", []),
    ("millions of dollars", []),
    ("the Dow passed the 2,000 mark", []),
    ("the Democrats won 12 seats", []),
    ("375 mln pounds of sugar", []),
    ("400 mln pesos", []),
    ("5 mln AMD shares", []),
    ("an ECU", []),
    ("", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_amounts(text, expected):
    found = find_amounts(text)
    got = [(m.value, m.currency, m.approximate, m.per_share) for m in found]
    assert len(got) == len(expected), got
    for (value, currency, approx, per_share), exp in zip(got, expected):
        assert value == pytest.approx(exp[0], rel=1e-9)
        assert (currency, approx, per_share) == exp[1:]
    for m in found:
        assert text[m.start:m.end] == m.text
        assert is_currency(m.currency)


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("between 10 and 12 mln dlrs", 10e6, 12e6),
        ("10-12 mln dlrs", 10e6, 12e6),
        ("10 to 12 mln dlrs", 10e6, 12e6),
        ("$10-$12 million", 10e6, 12e6),
        ("$10 million to $12 million", 10e6, 12e6),
        ("between eight and 12 billion francs", 8e9, 12e9),
        ("11 to 11.25 billion guilders", 11e9, 11.25e9),
        ("from 500 mln to one billion dlrs", 500e6, 1e9),
    ],
)
def test_ranges_take_the_upper_bound(text, low, high):
    (money,) = find_amounts(text)
    assert (money.low, money.high) == (pytest.approx(low), pytest.approx(high))
    assert money.value == pytest.approx(high)
    assert money.approximate
    assert money.text == text


def test_and_without_between_is_not_a_range():
    (money,) = find_amounts("it paid 10 and 12 mln dlrs")
    assert money.value == 12e6 and money.low is None and money.text == "12 mln dlrs"


def test_span_includes_qualifiers_and_offsets_are_exact():
    text = "The airline will buy a 20 pct stake for about 31.5 mln U.S. Dlrs, he said."
    (money,) = find_amounts(text)
    assert money.text == "about 31.5 mln U.S. Dlrs"
    assert text[money.start:money.end] == money.text


def test_units_and_results():
    barrel, year, result = find_amounts(
        "at 15.79 dlrs a barrel, a contract of 5 mln dlrs a year, with sales of 500 mln dlrs")
    assert (barrel.unit, barrel.per_share) == ("barrel", False)
    assert (year.unit, year.value) == ("year", 5e6)
    assert result.financial_result and not barrel.financial_result


def test_default_currency_and_country():
    assert find_amounts("about 180 mln dlrs")[0].currency == "USD"
    assert find_amounts("about 180 mln dlrs", default_currency="AUD")[0].currency == "AUD"
    assert find_amounts("about 180 mln dlrs", country="AU")[0].currency == "AUD"
    assert find_amounts("a $5 million deal", country="CA")[0].currency == "CAD"
    assert find_amounts("32.7 billion crowns", country="SE")[0].currency == "SEK"
    assert find_amounts("400 mln pesos", country="mx")[0].currency == "MXN"
    assert find_amounts("120 mln francs", country="CH")[0].currency == "CHF"
    assert find_amounts("120 mln francs", country="FR")[0].currency == "FRF"
    # an explicit nationality wins over the hint
    assert find_amounts("300 mln U.S. dlrs", country="CA")[0].currency == "USD"
    # a bad default or hint falls back quietly
    assert find_amounts("5 mln dlrs", default_currency="dollars")[0].currency == "USD"
    assert find_amounts("5 mln dlrs", country="Canada")[0].currency == "USD"


def test_parse_amount_skips_per_share_prices():
    money = parse_amount("a 26.25 dlr a share offer valued at 1.1 bln dlrs")
    assert (money.value, money.currency) == (1.1e9, "USD")
    assert parse_amount("19 dlrs a share") is None
    assert parse_amount("no money here") is None


@pytest.mark.parametrize(
    "text,value,currency",
    [
        ("agreed to buy X for 50 mln dlrs; X had sales of 500 mln dlrs", 50e6, "USD"),
        ("a 200 mln dlr loan, of which 50 mln dlrs is guaranteed", 200e6, "USD"),
        ("sold for 90 mln stg (140 mln dlrs)", 90e6, "GBP"),
        ("offered 26.25 dlrs a share, or about 1.1 bln dlrs", 1.1e9, "USD"),
        ("a contract worth 5 mln dlrs a year", 5e6, "USD"),
    ],
)
def test_deal_amount(text, value, currency):
    money = deal_amount(find_amounts(text))
    assert (money.value, money.currency) == (pytest.approx(value), currency)


@pytest.mark.parametrize(
    "text",
    ["a 26.25 dlr a share bid", "15,000 bpd at 15.79 dlrs a barrel", "net income of 3.1 mln dlrs", "",
     # a price whose "a share" the text leaves implicit (reuters-19482)
     "bought 180,000 Facet common shares on June 12 at 18.25 dlrs each"],
)
def test_deal_amount_none_for_prices_and_results(text):
    assert deal_amount(find_amounts(text)) is None


@pytest.mark.parametrize(
    "text,restated",
    [
        ("a hostile 7.4bn Australian dollar ($5.8bn; £3bn) bid by rival Xstrata", ["$5.8bn", "£3bn"]),
        ("sold for 90 mln stg (140 mln dlrs) and bought for 20 mln stg (30 mln dlrs)", ["140 mln dlrs", "30 mln dlrs"]),
        # two amounts of their own: neither restates the other
        ("raised its bid to 66 dlrs a share from 58 dlrs", []),
        ("for 20 mln dlrs, 15 mln dlrs of it in cash", []),
    ],
)
def test_conversions_in_brackets(text, restated):
    found = find_amounts(text)
    assert [found[k].text for k in sorted(conversions(text, found))] == restated


def test_a_shared_currency_word_takes_the_country_the_article_names():
    article = ("Swedish mining and metals group Boliden AB said it would buy the mining equipment operations "
               "of the U.S. Allis-Chalmers Corp for 600 mln crowns.")
    country = currency_country(article)
    assert country == "SE"
    (money,) = find_amounts(article, "USD", country)
    assert (money.value, money.currency) == (600e6, "SEK")
    # no country named, or no shared word: no hint, and the crowns stay unread rather than guessed
    assert currency_country("Boliden said it would pay 600 mln crowns.") is None
    assert currency_country("Swedish group Boliden paid 60 mln dlrs.") is None
    assert find_amounts("Boliden said it would pay 600 mln crowns.") == []
    # the hint changes nothing else: dollars, francs and marks read as before
    text = "paid 5 mln dlrs, 3 mln francs and 2 mln marks"
    assert find_amounts(text, "USD", "IN") == find_amounts(text)


def test_currency_codes_are_valid():
    import pycountry

    for code in HISTORIC_CURRENCIES:
        assert len(code) == 3 and code.isupper()
        assert pycountry.currencies.get(alpha_3=code) is None, f"{code} is current; drop it from the historic list"
    assert is_currency("USD") and is_currency("DEM") and is_currency("XEU")
    assert not is_currency("XYZ")


def test_gold_amounts(shared):
    """Each gold amount written in its evidence sentence is what deal_amount reads there."""
    lines = (shared / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    hints = {"reuters-16116": "AU"}  # a Sydney story: its bare "dlrs" are Australian
    checked = 0
    for line in lines:
        doc = json.loads(line)
        for event in doc["events"]:
            amount, evidence = event.get("amount"), event.get("evidence") or ""
            found = find_amounts(evidence, country=hints.get(doc["doc_id"]))
            for m in found:
                assert evidence[m.start:m.end] == m.text
            if amount is None or not found:
                continue
            money = deal_amount(found)
            assert money is not None, (doc["doc_id"], evidence)
            assert money.currency == amount["currency"], (doc["doc_id"], money)
            assert abs(money.value - amount["value"]) <= 0.005 * amount["value"], (doc["doc_id"], money)
            checked += 1
    assert checked >= 8


# --- properties -----------------------------------------------------------------------------

STYLES = [
    ("{n} mln dlrs", 1e6, "USD"), ("{n} bln dlrs", 1e9, "USD"), ("{n} billion dollars", 1e9, "USD"),
    ("${n} billion", 1e9, "USD"), ("${n}bn", 1e9, "USD"), ("${n}m", 1e6, "USD"), ("${n} million", 1e6, "USD"),
    ("US${n} million", 1e6, "USD"), ("{n} mln U.S. dlrs", 1e6, "USD"), ("£{n}m", 1e6, "GBP"),
    ("£{n}bn", 1e9, "GBP"), ("{n} mln stg", 1e6, "GBP"), ("€{n} million", 1e6, "EUR"), ("€{n}bn", 1e9, "EUR"),
    ("{n} billion yen", 1e9, "JPY"), ("{n} bln yen", 1e9, "JPY"), ("C${n} mln", 1e6, "CAD"),
    ("{n} mln Canadian dlrs", 1e6, "CAD"), ("A${n}m", 1e6, "AUD"), ("HK${n} bln", 1e9, "HKD"),
    ("NT${n} billion", 1e9, "TWD"), ("DM {n} mln", 1e6, "DEM"), ("{n} mln marks", 1e6, "DEM"),
    ("{n} mln Swiss francs", 1e6, "CHF"), ("{n} mln French francs", 1e6, "FRF"), ("{n} mln guilders", 1e6, "NLG"),
    ("{n} billion lire", 1e9, "ITL"), ("{n} trillion yen", 1e12, "JPY"), ("{n} thousand dlrs", 1e3, "USD"),
]


@settings(deadline=None)
@given(st.floats(min_value=0.01, max_value=9999, allow_nan=False), st.sampled_from(STYLES),
       st.sampled_from(["{}", "The company said it would pay {} for the unit.", "({}),", "a {} deal"]))
def test_round_trip(number, style, frame):
    pattern, scale, currency = style
    written = f"{number:,.2f}" if number >= 1000 else f"{number:.2f}".rstrip("0").rstrip(".")
    expression = pattern.format(n=written)
    text = frame.format(expression)
    found = find_amounts(text)
    assert len(found) == 1, (text, found)
    (money,) = found
    assert money.currency == currency
    expected = float(written.replace(",", "")) * scale  # the number as written, rounded to cents
    assert abs(money.value - expected) <= 0.005 * expected
    assert money.text == expression


WORDS = ["$", "£", "€", "US$", "C$", "NT$", "DM", "mln", "bln", "billion", "m", "bn", "dlrs", "dlr", "stg",
         "yen", "marks", "francs", "Swiss", "U.S.", "Canadian", "a", "share", "per", "/shr", "between", "and",
         "to", "-", "about", "more than", "1", "1.5", "10,000", ".5", "12", "two", "half", "cts", "pct",
         "shares", "(U.S.)", "USD", "ECU", "won", "crowns", ",", "."]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_arbitrary_text(text):
    for m in find_amounts(text):
        assert isinstance(m, Money) and text[m.start:m.end] == m.text and m.value > 0


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=8), st.sampled_from([" ", ""]))
def test_never_raises_on_money_like_text(words, joiner):
    text = joiner.join(words)
    found = find_amounts(text)
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.value > 0 and is_currency(m.currency)
        assert (m.low is None) == (m.high is None)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("text,expected", [
    # the article names Canadian dollars, then writes bare "dlrs": it means them (the text says so)
    ("It will export five billion Canadian dlrs worth of power. It agreed to sell 15 billion dlrs of it.", "CAD"),
    ("Turnover was A$180 mln. Sales added 20 mln dlrs.", "AUD"),
    # U.S. dollars named anywhere, two other kinds, or none at all: the spec's USD
    ("It raised 300 mln Canadian dlrs and 20 mln U.S. dlrs, then paid 50 mln dlrs.", "USD"),
    ("It paid 30 mln Australian dlrs and 5 mln N.Z. dlrs, then 50 mln dlrs.", "USD"),
    ("It paid 50 mln dlrs.", "USD"),
])
def test_dollar_currency_follows_what_the_article_says(text, expected):
    assert dollar_currency(text) == expected


def test_dollar_currency_counts_only_what_came_before():
    text = "The Singapore government took over 82 mln dlrs of shares. The bank lent 1.3 billion Brunei dlrs."
    assert dollar_currency(text, upto=text.index(".") + 1) == "USD"
    assert dollar_currency(text) == "BND"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.integers(min_value=-5, max_value=130)))
def test_dollar_currency_never_raises(text, upto):
    assert is_currency(dollar_currency(text, upto))

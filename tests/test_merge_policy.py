"""The merge policy ``pactum.merge.v1`` on hand-built keys (spec: one record per deal)."""

from __future__ import annotations

from pactum.pipeline.extraction.merge import MergeKey, same_deal


def key(who, with_whom, sentence=0, type="acquisition", amount=None, when=None, selling=False):
    return MergeKey(type, frozenset(who), frozenset(with_whom), amount, when, sentence, 1.0, selling)


def test_in_one_sentence_a_mention_without_the_other_side_is_the_same_deal():
    # "A second bid has come from Siemens, which hopes to take a 20 pct stake": bid and stake
    assert same_deal(key({"siemens"}, {"cgct"}), key({"siemens"}, set()))


def test_in_one_sentence_two_counterparties_are_two_deals():
    # "X bought A from B and C from D"
    assert not same_deal(key({"x"}, {"b"}), key({"x"}, {"d"}))
    assert not same_deal(key({"x"}, {"b"}), key({"y"}, set()))


def test_across_sentences_a_subset_of_parties_with_agreeing_values_is_the_same_deal():
    assert same_deal(key({"x"}, {"y"}, sentence=0, amount=(1e6, "USD")), key({"x"}, set(), sentence=5))
    assert not same_deal(key({"x"}, {"y"}, sentence=0, amount=(1e6, "USD")),
                         key({"x"}, {"y"}, sentence=5, amount=(2e6, "USD")))


def test_a_partys_purchase_and_its_sale_are_two_deals():
    # "Stauffer, which Unilever acquired ..." and "Unilever plans to dispose of Stauffer"
    bought = key({"unilever"}, {"stauffer"}, sentence=0)
    disposed = key(set(), {"stauffer", "unilever"}, sentence=3, selling=True)
    assert not same_deal(bought, disposed)
    # the same sale told from both sides is one deal: "X sold Y to Z", "Z bought Y from X"
    assert same_deal(key({"z"}, {"x"}, sentence=0, selling=True), key({"z"}, {"x"}, sentence=2))


def test_a_deal_named_as_the_time_of_another_is_not_folded_into_it(nlp):
    from pactum.models import Document
    from pactum.pipeline.api import extract

    text = ("Unilever Plc said it plans to dispose of Stauffer Chemical Co since the bid was made in "
            "December.")
    (event,) = extract([Document(id="t", text=text, published="1987-04-08")], nlp)
    assert event.status == "planned" and event.when is None  # December is the bid's, not the disposal's

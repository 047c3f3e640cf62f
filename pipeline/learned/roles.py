"""Learned argument choice: which party of a candidate's sentence fills ``who``, which ``with_whom``.

The rules (:mod:`pipeline.extraction.arguments`) pick each role from the
parse by hand-written patterns. Here every party the candidate's sentence
names or refers to (and every party the rules chose) is scored as a pair
(candidate, party) by a softmax model over three roles, ``none``, ``who``
and ``with``: features are the dependency path between the trigger and the
party's nearest mention, that mention's dependency label and preposition,
its direction and distance, the clause's voice, the party's entity label,
the candidate's type and trigger, the party's salience in the article, and
the rules' own choice.

The model amends the rules rather than replacing them: a party the rules
left out joins in the role the model ranks higher when ``none`` is below the
bundle's ``add`` threshold, a party the rules chose leaves when ``none``
reaches its ``drop`` threshold, and the others keep the rules' role (turning a
party's role over lost on dev and gained nothing on train cross-validation).
A candidate the model would leave with no party keeps the rules' roles, and
so does one split off a plural deal ("France and Germany signed agreements
with Taiwan": one event per country).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from ..extraction.arguments import regulator_aside
from ..extraction.candidates import _chain
from ..extraction.lexicon import REPORTING_VERBS
from ..extraction.mentions import EventMention
from .features import _bucket, _lemma

#: The classes of the role model.
ROLES = ("none", "who", "with")
#: Descriptions that may stand for a party of the sentence ("the company"), besides pronouns.
REFERRING = {"company", "group", "government"}
MAX_PATH = 5


def _ancestors(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def _meeting(mention: Token, trigger: Token) -> tuple[list[Token], int, list[Token], int]:
    """Both tokens' ancestors and where they meet: (up, k_up, down, k_down), ``up[k_up]`` being
    ``down[k_down]``, the lowest common ancestor (the roots when there is none)."""
    up, down = _ancestors(mention), _ancestors(trigger)
    down_ids = {t.i: k for k, t in enumerate(down)}
    k_up = next((k for k, t in enumerate(up) if t.i in down_ids), len(up) - 1)
    return up, k_up, down, down_ids.get(up[k_up].i, len(down) - 1)


def dependency_path(mention: Token, trigger: Token) -> tuple[str, int]:
    """The dependency path from a party's mention up to the common ancestor and down to the trigger.

    RETURNS (tuple[str, int]): the path as labels ("nsubj^ xcomp^ | " up, then
        the trigger's side reversed; prepositions spelled out) and its length.
    """
    up, k_up, down, k_down = _meeting(mention, trigger)

    def label(t: Token) -> str:
        return f"{t.dep_}:{t.lower_}" if t.dep_ == "prep" else t.dep_

    rising = [label(t) for t in up[:k_up]]
    falling = [label(t) for t in down[:k_down]][::-1]
    length = len(rising) + len(falling)
    if length > MAX_PATH:
        return "long", length
    return " ".join(rising) + " | " + " ".join(falling), length


def path_verbs(mention: Token, trigger: Token) -> list[str]:
    """The lemmas of the verbs the path from a mention to the trigger passes through (the trigger aside)."""
    up, k_up, down, k_down = _meeting(mention, trigger)
    on_path = up[1:k_up + 1] + down[1:k_down + 1]  # the common ancestor included
    return sorted({_lemma(t) for t in on_path if t.pos_ in {"VERB", "AUX"} and t.i != trigger.i})


def party_mentions(event: EventMention, doc: Doc) -> dict[int, list[Token]]:
    """Every party the candidate's sentence names or refers to, and the rules' own: cluster id → tokens."""
    index = doc._.parties
    found: dict[int, list[Token]] = {}
    if index is None:
        return found
    for token in event.sent:
        if token.is_punct or token.is_space:
            continue
        cid = index.by_token.get(token.i)
        if cid is None and (token.pos_ == "PRON" or token.tag_ == "PRP$" or token.lemma_.lower() in REFERRING):
            cid = index.cluster_of(token)
        if cid is not None and cid < len(index.clusters) and not regulator_aside(index.clusters[cid], event.trigger):
            found.setdefault(cid, []).append(token)
    for cid in event.who + event.with_whom:
        found.setdefault(cid, [])
    return found


def _salience(doc: Doc) -> dict[int, tuple[int, int]]:
    """Per cluster: how many times the article names it, and the sentence number of its first mention."""
    cached = doc.user_data.get("pactum_party_salience")
    if cached is not None:
        return cached
    index = doc._.parties
    starts = sorted({s.start for s in doc.sents})
    out: dict[int, tuple[int, int]] = {}
    for span, cid in index.mentions:
        n, first = out.get(cid, (0, 10**6))
        sent_no = bisect_right(starts, span.start) - 1
        out[cid] = (n + 1, min(first, sent_no))
    doc.user_data["pactum_party_salience"] = out
    doc.user_data["pactum_sent_starts"] = starts
    return out


def _first(first: int, here: int) -> str:
    if first == 0:
        return "lead"
    return "earlier" if first < here else "here" if first == here else "later"


def nearest_mention(tokens: list[Token], trigger: Token) -> tuple[tuple[str, int], Token] | None:
    """Of a party's words in the sentence, the mention nearest the trigger by the parse (then by
    words), with its :func:`dependency_path`; None for a party the sentence does not name."""
    if not tokens:
        return None
    return min(((dependency_path(t, trigger), t) for t in tokens), key=lambda x: (x[0][1], abs(x[1].i - trigger.i)))


def role_features(event: EventMention, doc: Doc, cid: int, tokens: list[Token],
                  voice: str, rank: int, nearest: tuple[tuple[str, int], Token] | None) -> dict[str, float]:
    """The features of one (candidate, party) pair (``nearest``: :func:`nearest_mention` of ``tokens``)."""
    cluster = doc._.parties.clusters[cid]
    count, first = _salience(doc).get(cid, (0, 10**6))
    typ, trig = event.type, _lemma(event.trigger)
    rule = "who" if cid in event.who else "with" if cid in event.with_whom else "none"
    f: dict[str, float] = {
        "bias": 1.0,
        f"rule={rule}": 1.0,
        f"rule_type={rule}|{typ}": 1.0,
        f"rule_trig={rule}|{trig}": 1.0,
        f"type={typ}": 1.0,
        f"label={cluster.label}|{typ}": 1.0,
        f"country={bool(cluster.country_code)}|{typ}": 1.0,
        f"voice={voice}|{typ}": 1.0,
        f"rank={min(rank, 3)}|{rule}": 1.0,
        f"n_rule={min(len(event.who) + len(event.with_whom), 3)}|{rule}": 1.0,
        f"salience={_bucket(count, (2, 3, 5))}|{rule}": 1.0,
        f"first={_first(first, bisect_right(doc.user_data['pactum_sent_starts'], event.sent.start) - 1)}": 1.0,
        f"words={min(len(cluster.canonical.split()), 4)}": 1.0,
    }
    if nearest is None:
        f[f"outside|{rule}"] = 1.0
        return f
    (path, length), m = nearest
    named = m.ent_type_ != "" and m.pos_ != "PRON"
    dep = m.dep_
    prep = m.head.lower_ if dep == "pobj" else "-"
    f.update({
        f"path={path}": 1.0,
        f"path_type={path}|{typ}": 1.0,
        f"path_voice={path}|{voice}": 1.0,
        f"path_trig={path}|{trig}": 1.0,
        f"dep={dep}|{typ}": 1.0,
        f"dep_voice={dep}|{voice}|{typ}": 1.0,
        f"prep={prep}|{typ}": 1.0,
        f"prep_trig={prep}|{trig}": 1.0,
        f"prep_head={prep}|{_lemma(m.head.head) if dep == 'pobj' else '-'}|{typ}": 1.0,
        f"dir={'L' if m.i < event.trigger.i else 'R'}|{typ}": 1.0,
        f"dist={_bucket(abs(m.i - event.trigger.i), (2, 4, 8, 15))}": 1.0,
        f"plen={min(length, 6)}|{rule}": 1.0,
        f"named={named}": 1.0,
        f"mentions={min(len(tokens), 3)}": 1.0,
        f"headword={_lemma(m.head)}|{dep}": 1.0,
        f"path_rule={path}|{rule}": 1.0,
        f"trig_dep={trig}|{dep}": 1.0,
        f"prep_label={prep}|{cluster.label}|{typ}": 1.0,
        f"dep_label={dep}|{cluster.label}": 1.0,
    })
    for verb in path_verbs(m, event.trigger):
        f[f"via={verb}"] = 1.0
        if verb in REPORTING_VERBS:
            f[f"via_report|{dep}"] = 1.0
    # "Iraq's Oil Ministry", "Turkey's Everasia": a name that qualifies another party's name
    index = doc._.parties
    owner = index.by_token.get(m.head.i) if dep in {"poss", "compound", "nmod", "amod", "appos"} else None
    if owner is not None and owner != cid:
        chosen = owner in event.who or owner in event.with_whom
        f[f"qualifies={dep}|{'rule' if chosen else 'other'}"] = 1.0
    if m.head.lemma_.lower() in REPORTING_VERBS and dep in {"nsubj", "nsubjpass"}:
        f["reporter"] = 1.0
    if m.i in {t.i for t in event.trigger.subtree}:
        f[f"under_trigger|{typ}"] = 1.0
    if any(c.dep_ == "poss" for c in m.children) or dep == "poss":
        f[f"poss|{typ}"] = 1.0
    return f


def _voice(event: EventMention) -> str:
    chain = _chain(event.trigger)
    for token in chain:
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):
            return "passive"
        if token.pos_ in {"VERB", "AUX"}:
            break
    return "noun" if event.trigger.pos_ in {"NOUN", "PROPN"} else "active"


def candidate_pairs(event: EventMention, doc: Doc) -> list[tuple[int, dict[str, float]]]:
    """RETURNS (list[tuple[int, dict]]): each party the candidate may take, with the pair's features."""
    mentions = party_mentions(event, doc)
    voice = _voice(event)
    nearest = {cid: nearest_mention(toks, event.trigger) for cid, toks in mentions.items()}
    order = sorted(mentions, key=lambda c: (nearest[c][0][1] if nearest[c] else 99, c))
    return [(cid, role_features(event, doc, cid, mentions[cid], voice, rank, nearest[cid]))
            for rank, cid in enumerate(order)]


def assign(pairs: list[tuple[int, dict[str, float]]], model, add: float, drop: float,
           rule_who: list[int], rule_with: list[int]) -> tuple[list[int], list[int]]:
    """The roles after the model: the rules' parties, less the doubtful ones, plus the ones they missed.

    pairs: ``candidate_pairs`` of the candidate.
    add (float): a party the rules left out joins when the model's ``none`` is below it,
        in the role the model ranks higher.
    drop (float): a party the rules chose leaves when ``none`` is at or above it; the
        ones that stay keep the rules' role.
    RETURNS (tuple[list[int], list[int]]): who, with_whom (cluster ids); the rules'
        when the model would leave the candidate with no party.
    """
    who: list[int] = []
    with_whom: list[int] = []
    for cid, features in pairs:
        p = model.proba(features)
        if cid in rule_who or cid in rule_with:
            if p["none"] < drop:
                (who if cid in rule_who else with_whom).append(cid)
        elif p["none"] < add:
            (who if p["who"] >= p["with"] else with_whom).append(cid)
    if not who and not with_whom:
        return list(rule_who), list(rule_with)
    # the rules' order first, then the additions in the order of the pairs
    return _ordered(who, rule_who), _ordered(with_whom, rule_with)


def _ordered(chosen: list[int], rules: list[int]) -> list[int]:
    return [c for c in rules if c in chosen] + [c for c in chosen if c not in rules]

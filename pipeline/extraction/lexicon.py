"""The words that signal events, their types, and the cues that set status.

All entries are lemmas, matched case-insensitively. This module is data: the
candidate and argument stages read it, nothing here runs.
"""

from __future__ import annotations

#: Verbs whose own meaning is a deal, with the event type they signal.
VERB_TRIGGERS: dict[str, str] = {
    # acquisition
    "acquire": "acquisition", "aquire": "acquisition", "buy": "acquisition",
    "purchase": "acquisition", "merge": "acquisition", "takeover": "acquisition",
    "sell": "acquisition", "divest": "acquisition", "dispose": "acquisition",
    "absorb": "acquisition",
    # agreement
    "sign": "agreement", "agree": "agreement", "contract": "agreement",
    "settle": "agreement", "license": "agreement", "licence": "agreement",
    "negotiate": "agreement", "supply": "agreement", "ally": "agreement",
    "partner": "agreement", "award": "agreement", "renew": "agreement",
    "reschedule": "agreement", "export": "agreement", "import": "agreement",
    # investment
    "invest": "investment",
    # funding
    "lend": "funding", "loan": "funding", "grant": "funding", "fund": "funding",
    "finance": "funding", "subsidize": "funding", "subsidise": "funding",
    "refinance": "funding", "bail": "funding",
}

#: Verbs that signal a deal in one construction only (``candidates.classify`` checks it): "joining
#: forces", "ordered 30 planes" (counted goods, not a command), "transferring its operations to Sharp"
#: (a business handed to someone).
CONSTRUCTION_VERBS: dict[str, str] = {"join": "agreement", "order": "agreement", "transfer": "acquisition"}

#: Nouns that name a deal, with the event type they signal.
NOUN_TRIGGERS: dict[str, str] = {
    # acquisition
    "acquisition": "acquisition", "takeover": "acquisition", "merger": "acquisition",
    "purchase": "acquisition", "buyout": "acquisition", "stake": "acquisition", "buyer": "acquisition",
    "sale": "acquisition", "bid": "acquisition", "divestiture": "acquisition",
    "buy-out": "acquisition", "tender": "acquisition", "interest": "acquisition",
    # agreement
    "agreement": "agreement", "pact": "agreement", "accord": "agreement",
    "treaty": "agreement", "deal": "agreement", "memorandum": "agreement",
    "arrangement": "agreement", "contract": "agreement", "partnership": "agreement",
    "alliance": "agreement", "venture": "agreement", "settlement": "agreement",
    "licence": "agreement", "license": "agreement", "mou": "agreement",
    "talks": "agreement", "negotiation": "agreement", "discussion": "agreement", "cooperation": "agreement",
    "order": "agreement", "charter": "agreement", "protocol": "agreement",
    "understanding": "agreement", "convention": "agreement", "rescheduling": "agreement",
    "transaction": "agreement",
    # investment
    "investment": "investment", "project": "investment", "plant": "investment",
    "factory": "investment", "facility": "investment", "office": "investment",
    # funding
    "loan": "funding", "credit": "funding", "grant": "funding", "aid": "funding",
    "subsidy": "funding", "bailout": "funding", "financing": "funding",
    "funding": "funding", "bonus": "funding", "assistance": "funding",
}

#: Nouns that are events only together with a deal word nearby ("plant" needs
#: "build"/"set up", "interest" needs "buy"/"sell", "order" needs "win"/"place").
WEAK_NOUNS: dict[str, set[str]] = {
    "project": {"invest", "fund", "finance", "build", "set", "plan", "develop", "authorize", "approve", "announce"},
    "plant": {"build", "set", "open", "construct", "invest", "plan", "establish", "complete", "expand"},
    "factory": {"build", "set", "open", "construct", "invest", "plan", "establish", "complete", "expand"},
    "facility": {"build", "set", "open", "construct", "invest", "plan", "establish", "complete", "expand", "pursue"},
    "office": {"set", "open", "establish"},
    "interest": {"sell", "buy", "acquire", "purchase", "take", "hold", "dispose", "negotiate"},
    "stake": {"sell", "buy", "acquire", "purchase", "take", "raise", "increase", "dispose", "boost", "offer", "seek",
              "negotiate"},
    "order": {"win", "place", "receive", "award", "get", "land", "secure", "book", "cancel", "cancellation"},
    "credit": {"extend", "grant", "provide", "open", "arrange", "receive", "approve", "offer", "obtain", "get", "secure", "agree", "sign",
               # undone: "the termination of the company's line of credit by its asset-based lender"
               "terminate", "termination", "cancel", "cancellation", "withdraw", "withdrawal"},
    "guarantee": {"provide", "extend", "grant", "offer", "give"},
    "tender": {"offer", "launch", "make", "extend", "complete"},
    "bonus": {"award", "accept", "grant", "make"},
    "cooperation": {"sign", "agree", "reach", "conclude", "announce"},
    "understanding": {"sign", "reach", "agree", "conclude"},
    "charter": {"sign", "ratify"},
    "convention": {"sign", "ratify"},
    "protocol": {"sign", "ratify"},
    "supply": {"sign", "agree", "win"},
    "purchase": {"agree", "make", "complete", "cancel", "announce", "plan", "propose", "approve", "sign", "negotiate", "buy", "offer",
                 # "talks on its possible purchase by a 'substantial U.S. company'"
                 "closing", "completion", "talk", "discussion", "negotiation"},
    "sale": {"agree", "complete", "announce", "plan", "propose", "approve", "sign", "negotiate", "seek", "consider", "cancel", "block",
             # "exploring the sale of its stake", "finalized the sale of its gas business"
             "explore", "study", "pursue", "discuss", "finalize", "finalise", "conclude", "close",
             # "the closing of the sale of its 65 pct interest in Tel Plus Communications Inc to Siemens AG"
             "closing", "completion", "talk", "discussion", "negotiation"},
    # "seeking a buyer for Stauffer Chemical Co": a sale planned, the buyer not yet known
    "buyer": {"seek", "find", "look", "search", "hunt"},
}

#: Verbs that only signal status for a deal noun or verb they govern.
AGREED_CUES = {
    "agree", "sign", "reach", "conclude", "strike", "approve", "authorize", "authorise",
    "award", "win", "complete", "finalize", "finalise", "close", "accept", "seal",
    "clinch", "ink", "renew", "extend", "grant", "secure", "obtain", "receive", "ratify",
    "land", "announce", "arrange", "set", "open", "establish", "form", "launch",
    "provide", "give", "reaffirm", "manage", "succeed",
    # "has executed a letter of understanding to acquire": signed
    "execute",
    # "Baikal Finance Group outbid favourite Gazprom to buy Yuganskneftegas": won
    "outbid",
}
NEGOTIATING_CUES = {"negotiate", "discuss", "talk", "talks", "negotiation", "negotiations", "discussion",
                    "discussions", "consult", "bargain"}
PLANNED_CUES = {
    "plan", "intend", "propose", "offer", "bid", "seek", "consider", "want", "hope",
    "expect", "aim", "study", "explore", "pursue", "prepare", "try", "attempt",
    "will", "would", "may", "might", "could", "should", "shall", "can", "likely",
    "proposal", "plans", "intention", "tip", "mull", "weigh", "eye", "look",
    "submit", "present", "apply", "insist", "favour", "favor", "urge", "contemplate", "envisage",
    "appeal", "request", "lobby", "campaign",
}
REJECTED_CUES = {
    "reject", "dismiss", "refuse", "terminate", "cancel", "call", "withdraw", "block",
    "scrap", "abandon", "drop", "fail", "decline", "ban", "veto", "oppose", "end",
    "halt", "suspend", "collapse", "rebuff", "spurn", "kill", "break",
    # undone by the side that gave it: "The Pentagon subsequently revoked $1bn worth of contracts"
    "revoke", "rescind", "annul", "repudiate", "void",
    # their nouns: "the termination of the agreement", "the cancellation of the order"
    "termination", "cancellation", "rejection", "withdrawal", "abandonment", "breakdown", "suspension",
    # "ICO council ends in failure to agree quotas"
    "failure",
}
#: Verbs by which a target sees off the bid that is their object: "After successfully countering a takeover
#: bid launched by T. Boone Pickens".
SEEING_OFF = {"counter", "resist", "defeat", "thwart", "repel", "foil",
              # and a deal a bidder fails to win: "Boeing lost a $23bn government contract"
              "lose"}
#: Modifiers that undo a deal: "an unsuccessful attempt to take over Diamond Shamrock".
FAILED_MODIFIERS = {"unsuccessful", "abortive", "failed", "aborted", "thwarted", "defeated", "rebuffed"}
#: Verbs that undo what their "against" phrase names: "ruled last May against a move of Neptunia to acquire".
AGAINST_VERBS = {"rule", "vote", "decide", "advise", "recommend", "lobby", "campaign"}
#: Particles that turn a cue into a rejection: "call off", "break off", "broke down".
REJECTED_PARTICLES = {("call", "off"), ("break", "off"), ("pull", "out"), ("back", "out"), ("walk", "away"),
                      ("fight", "off"), ("fend", "off"), ("beat", "off"),
                      # "talks to buy Horizon Financial Corp broke down"
                      ("break", "down")}

#: What a company becomes when another buys it: "to become a wholly owned subsidiary of Magna Group Inc"
#: (``candidates.unit_owner``); the focus keeps a sentence with a form of "become" and one of these.
UNIT_NOUNS = frozenset({"subsidiary", "unit", "division", "affiliate"})

#: Words that tell a sale, whose buyer is the other side: "X sold Y to Z", "X seeks a buyer for Y".
SELLING = {"sell", "divest", "dispose", "sale", "divestiture", "buyer", "transfer"}
#: Offers one side makes to the other: "a takeover proposal from Revlon", "received an offer".
OFFERS = {"bid", "offer", "proposal", "approach"}

#: Verbs of saying: their subject is the source of a report, not a party.
REPORTING_VERBS = {"say", "tell", "report", "add", "note", "state", "announce", "confirm", "disclose",
                   "reveal", "indicate", "quote", "claim", "comment", "explain", "according"}

#: Proceedings about a deal, and its performance, that have dates of their own: "the
#: meeting concerning the merger will be held in August" dates the meeting, not the merger.
PROCEDURAL_NOUNS = {"meeting", "vote", "hearing", "session", "deadline", "date", "study", "report", "review",
                    "inquiry", "investigation", "probe", "trial", "conference", "election", "auction",
                    # the performance of a deal: "work on the contract is expected to be completed in 1992"
                    "work", "delivery", "deliveries", "shipment", "shipments", "production", "construction",
                    "repayment", "repayments", "maturity"}

#: Steps of a deal that a sentence may take up without naming the deal again:
#: "Closing is expected March 17".
DEAL_STEPS = {"closing", "completion", "consummation", "signing", "exercise", "finalisation", "finalization"}

#: Regulators that receive filings and approve deals: a side of a deal only when they settle
#: ("settled charges with the Securities and Exchange Commission"), never as the addressee of a
#: filing ("In a filing with the Securities and Exchange Commission, the group said it bought ...").
REGULATORS = {"securities and exchange commission", "sec", "federal trade commission", "ftc",
              "interstate commerce commission", "federal communications commission", "fcc"}
#: The deal words that make a regulator a side: a settlement of its charges.
SETTLING = {"settle", "settlement", "consent"}

#: Words that show a number is not a deal but a result, price or market figure.
NON_EVENT_CONTEXT = {"earnings", "profit", "loss", "revenue", "revenues", "sales", "net", "dividend",
                     "shr", "eps", "turnover", "index", "forecast", "quarter", "price", "premium", "close",
                     "closed", "trading", "deficit", "surplus", "taxes", "tax", "bill"}

#: Descriptions that refer back to a named party ("the company" → last named company).
DESCRIPTIONS = {
    "company": "ORG", "firm": "ORG", "group": "ORG", "bank": "ORG", "concern": "ORG",
    "corporation": "ORG", "unit": "ORG", "subsidiary": "ORG", "carrier": "ORG", "airline": "ORG",
    "maker": "ORG", "producer": "ORG", "utility": "ORG", "insurer": "ORG", "partnership": "ORG",
    "government": "GPE", "country": "GPE", "island": "GPE", "nation": "GPE", "kingdom": "GPE",
    "republic": "GPE", "state": "GPE", "administration": "GPE",
}

#: Words that signal an event only in context ("an offer for USAir"); the
#: lexical pre-filter must let them through too.
CONTEXT_TRIGGERS = {"offer", "proposal", "approach"}

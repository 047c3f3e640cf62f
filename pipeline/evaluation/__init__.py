"""Evaluation: scoring extracted events against gold labels (spec section 7).

Owns the scorer (:mod:`.scoring`: reading gold and predictions, pairing
events, precision/recall/F1 per slot, the registered ``pactum.scorer.v1``) and
its text and JSON rendering for ``pactum evaluate`` (:mod:`.scoring_report`).
"""

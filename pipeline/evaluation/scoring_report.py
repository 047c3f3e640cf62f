"""Render a scoring :class:`~pipeline.evaluation.scoring.Report` as text for ``pactum evaluate``."""

from __future__ import annotations

import json
from typing import Any

from .scoring import Mismatch, Report

__all__ = ["render_errors", "render_table"]

_HEADER = f"{'':<8}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'pred':>7}{'gold':>7}"


def _count(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def render_table(report: Report, max_unscored: int = 10) -> str:
    """Format the figures as a fixed-width table.

    report (Report): the scorer's result.
    max_unscored (int): how many unscored doc_ids to name before "and N more".
    RETURNS (str): a header and one row per figure (event, party, amount, when,
        what, type, status, slots) with P, R, F1 to three decimals and the
        tp/pred/gold counts, then the number of documents scored and, if
        any, the predicted doc_ids that have no gold line; no trailing newline.
    """
    rows = [_HEADER]
    for name, prf in report.figures.items():
        rows.append(
            f"{name:<8}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}"
            f"{_count(prf.tp):>7}{_count(prf.n_pred):>7}{_count(prf.n_gold):>7}"
        )
    if any(prf.n_pred or prf.n_gold for prf in report.paired.values()):
        rows.append("paired events only (where the event was found), F1: " + ", ".join(
            f"{name} {prf.f1:.3f}" for name, prf in report.paired.items()))
    rows.append(f"{report.documents} gold document(s) scored.")
    if report.confidence_auc is not None:
        rows.append(f"Confidence ranking: AUC {report.confidence_auc:.3f} "
                    "(chance a correct event outranks a false positive; 0.5 = chance).")
    if report.unscored:
        shown = ", ".join(report.unscored[:max_unscored])
        more = len(report.unscored) - max_unscored
        rows.append(
            f"Not scored, no gold line: {len(report.unscored)} doc_id(s): {shown}"
            + (f" and {more} more" if more > 0 else "")
        )
    return "\n".join(rows)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _block(m: Mismatch) -> str:
    head = f"{m.kind} {m.doc_id} {m.event_type}" + (f" {m.slot}" if m.slot else "")
    lines = [head]
    if m.kind != "false_negative":
        label = "predicted (unmatched)" if m.slot and "who" in m.slot else "predicted"
        lines.append(f"  {label}: {_show(m.predicted)}")
    if m.kind != "false_positive":
        label = "gold (unmatched)" if m.slot and "who" in m.slot else "gold"
        lines.append(f"  {label}: {_show(m.gold)}")
    lines.append(f"  evidence: {m.evidence if m.evidence is not None else '-'}")
    return "\n".join(lines)


def render_errors(report: Report) -> str:
    """Format every mismatch as a block of lines, blocks separated by a blank line.

    report (Report): the scorer's result.
    RETURNS (str): e.g. ``wrong_slot reuters-123 acquisition amount`` then the
        predicted and gold values (JSON) and the evidence sentence; ``""`` when
        there are no mismatches.
    """
    return "\n\n".join(_block(m) for m in report.errors)

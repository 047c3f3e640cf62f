"""Reporting: ways to look at an events file (and a deals file) once it is written.

Owns the self-contained HTML report of ``pactum report`` (:mod:`.report`, with
its Jinja template and script in ``templates/``, and the deals view of
``report --deals`` in :mod:`.deals_view`) and the flat CSV/Parquet tables of
``pactum export`` and ``export --deals`` (:mod:`.export`, which also reads
deals files: :func:`.export.load_deals`). They read events and deals files;
they never run the extractor or the linker.
"""

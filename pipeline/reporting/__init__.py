"""Reporting: ways to look at an events file once it is written.

Owns the self-contained HTML report of ``pactum report`` (:mod:`.report`, with
its Jinja template and script in ``templates/``) and the flat CSV/Parquet
tables of ``pactum export`` (:mod:`.export`). They read events files; they
never run the extractor.
"""

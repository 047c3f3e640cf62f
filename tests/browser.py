"""Test support: load a page in headless Chromium and return what it shows.

``ensure_chromium()`` finds Debian's ``chromium`` on the PATH; tests skip with
the reason when it is missing (they never install anything: ``.ci/run`` does).
``dump_dom()`` returns the DOM after the page's scripts ran; ``screenshot()``
saves a PNG. Chromium runs with a throwaway profile and with networking
features off: the pages under test must not need the network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
TIMEOUT = 90


def ensure_chromium() -> tuple[str | None, str]:
    """Find Chromium; tests never install it (CI's ``.ci/run`` does, explicitly).

    RETURNS (tuple[str | None, str]): the executable, or None with the reason to skip.
    """
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found, ""
    return None, ("chromium is not installed: the browser tests need it "
                  "(Debian/Ubuntu: sudo apt-get install chromium; CI's .ci/run installs it)")


def _run(chromium: str, extra: list[str], url: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="pactum-chromium-") as profile:
        done = subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True, text=True, timeout=TIMEOUT,
        )
    if done.returncode != 0:  # e.g. killed by a memory limit (ulimit -v): say so, with its last words
        raise RuntimeError(f"chromium exited with {done.returncode} on {url}: {done.stderr.strip()[-500:]}")
    return done


def file_url(path: str | Path, fragment: str = "") -> str:
    """RETURNS (str): the ``file://`` URL of a local page, with an optional ``#fragment``."""
    url = Path(path).resolve().as_uri()
    return f"{url}#{fragment}" if fragment else url


def dump_dom(chromium: str, url: str) -> str:
    """RETURNS (str): the serialized DOM of ``url`` after its scripts ran."""
    return _run(chromium, ["--dump-dom"], url).stdout


def screenshot(chromium: str, url: str, output: str | Path, size: str = "1400,1000") -> Path:
    """Save a PNG of the page's first screen; RETURNS (Path): the file."""
    _run(chromium, [f"--screenshot={output}", f"--window-size={size}"], url)
    return Path(output)

"""Test support: load a page in headless Chromium and return what it shows.

``ensure_chromium()`` finds Debian's ``chromium``, installing it with apt-get
when it is missing and we are root; tests skip with its reason otherwise.
``dump_dom()`` returns the DOM after the page's scripts ran; ``screenshot()``
saves a PNG. Chromium runs with a throwaway profile and with networking
features off: the pages under test must not need the network.
"""

from __future__ import annotations

import os
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


def _install() -> str | None:
    """apt-get install chromium; RETURNS (str | None): why it failed, or None."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as err:
            return f"{' '.join(command)} failed: {err}"
        if done.returncode != 0:
            return f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}"
    return None


def ensure_chromium() -> tuple[str | None, str]:
    """Find (or, as root, install) Chromium.

    RETURNS (tuple[str | None, str]): the executable, or None with the reason.
    """
    found = shutil.which("chromium")
    if found:
        return found, ""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None, "chromium is not installed and installing it needs root (apt-get install chromium)"
    if not shutil.which("apt-get"):
        return None, "chromium is not installed and there is no apt-get to install it"
    problem = _install()
    found = shutil.which("chromium")
    if found:
        return found, ""
    return None, f"chromium could not be installed: {problem or 'not on PATH after apt-get install'}"


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

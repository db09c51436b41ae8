"""Whether a web browser is set up on a Linux desktop, for "Open on the wiki".

On Linux, ``QDesktopServices.openUrl`` hands a web address to ``xdg-open`` (or the
desktop's own opener) and answers True as soon as that program starts, whether or not a
browser then opens: on a computer with ``xdg-open`` but no browser, the user would click
and see nothing. ``xdg-open`` itself takes the handler that ``xdg-mime`` names for
``x-scheme-handler/https``, else ``$BROWSER``, else the first of a list of browsers
found on the PATH; :func:`no_browser` asks the same questions, so that the window can
show the address to copy instead. It answers False ("not known to be missing") whenever
it cannot tell: not Linux, no ``xdg-open`` (Qt then answers False itself), no
``xdg-mime``, or ``xdg-mime`` failing.

:class:`BrowserCheck` asks once, on its own thread (``xdg-mime`` is a shell script), and
keeps the answer for the session. Pure Python, no Qt.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)

# What xdg-open tries when no handler is set (xdg-utils 1.1, open_generic / open_envvar).
FALLBACK_BROWSERS = (
    "x-www-browser",
    "www-browser",
    "firefox",
    "firefox-esr",
    "iceweasel",
    "seamonkey",
    "mozilla",
    "epiphany",
    "konqueror",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "links2",
    "elinks",
    "links",
    "lynx",
    "w3m",
)
QUERY_TIMEOUT = 5.0  # seconds for xdg-mime to answer


def no_browser(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """True when ``xdg-open`` is there but would find no browser for a web address."""
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return False
    path = env.get("PATH", os.defpath)
    if shutil.which("xdg-open", path=path) is None:
        return False  # Qt answers False then: the address is shown anyway
    if env.get("BROWSER", "").strip():
        return False
    xdg_mime = shutil.which("xdg-mime", path=path)
    if xdg_mime is None:
        return False
    for scheme in ("https", "http"):
        try:
            done = subprocess.run(
                [xdg_mime, "query", "default", f"x-scheme-handler/{scheme}"],
                capture_output=True,
                text=True,
                timeout=QUERY_TIMEOUT,
                env=dict(env),
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as error:
            log.info("xdg-mime could not tell the browser: %s", error)
            return False
        if done.returncode != 0:
            return False
        if done.stdout.strip():
            return False
    found = [b for b in FALLBACK_BROWSERS if shutil.which(b, path=path)]
    if found:
        return False
    log.info("no web browser set up: addresses are shown to copy")
    return True


class BrowserCheck:
    """:func:`no_browser`, asked once on a thread and remembered (see the module
    docstring). ``probe`` stands in for it (tests)."""

    def __init__(self, probe: Callable[[], bool] = no_browser) -> None:
        self._probe = probe
        self._answer: bool | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Ask in the background, once (the window calls this when it is up)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="browser-check", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        try:
            answer = self._probe()
        except Exception:  # never a reason not to open a link
            log.exception("browser check failed")
            answer = False
        self._answer = answer

    def missing(self, wait: float = QUERY_TIMEOUT) -> bool:
        """Whether no browser is set up; asks now (waiting up to ``wait`` seconds) when
        :meth:`start` was not called or has not finished. False when not known."""
        self.start()
        thread = self._thread
        if thread is not None:
            thread.join(wait)
        return bool(self._answer)

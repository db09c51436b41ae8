"""Whether the wiki answers, asked only when the reader has no answer to offer.

"Search the wiki" is offered when the wiki can be reached. To know, one small bounded
GET (the raw text of one of its pages, through the system's proxy like a refresh; five
seconds at most) runs on a thread of its own, never at start-up: only when a search
abstains, and at most once every few minutes for the same wiki (the answer is kept
meanwhile). The wiki is reachable when it answers 200; a name that does not resolve (the
usual offline computer: told before any TLS is set up), no answer, an error status or a
refused connection mean offline. The operating system's own online state
(``QNetworkInformation``) is not used: it says whether the computer has a network, not
whether the wiki answers (it says "online" on a network with no way out), and its first
use loads a plug-in on the UI thread.

Signals:
    checked(str, bool): the wiki at this base address answered (True) or not (False).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.ui.jobs import Job, JobRunner

if TYPE_CHECKING:
    from reader.ui.jobs import JobContext

log = logging.getLogger(__name__)

REACHABLE_FOR = 300.0  # seconds a wiki that answered is taken as reachable
UNREACHABLE_FOR = 60.0  # seconds before a wiki that did not answer is asked again
TIMEOUT = 3.0  # seconds to connect, and without a byte
REQUEST_TIMEOUT = 5.0  # seconds for the whole request
MAX_BYTES = 2 * 1024 * 1024


class WikiReach(QObject):
    """Asks whether a wiki answers, off the UI thread, and remembers it for a while.

    Signals:
        checked(str, bool): the answer for this wiki (its base address).
    """

    checked = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = JobRunner("wiki-reach", self, threads=1, low_priority=True)
        self._known: dict[str, tuple[bool, float]] = {}  # base → (reachable, when)
        self._asking: set[str] = set()

    def known(self, wiki: str) -> bool | None:
        """What is known of ``wiki`` and still fresh: True, False, or None (ask)."""
        entry = self._known.get(wiki)
        if entry is None:
            return None
        reachable, when = entry
        fresh_for = REACHABLE_FOR if reachable else UNREACHABLE_FOR
        return reachable if time.monotonic() - when < fresh_for else None

    def check(self, wiki: str, page_id: str) -> bool | None:
        """What is known of ``wiki``; when nothing fresh, ask it (fetching ``page_id``'s
        raw text) and say so with ``checked`` once it answered."""
        known = self.known(wiki)
        if known is not None or wiki in self._asking:
            return known
        from reader.sync.urls import export_raw_url

        url = export_raw_url(wiki, page_id)
        job = Job(lambda context: _answers(context, url), "wiki-reach")
        job.finished.connect(lambda reachable: self._on_answer(wiki, bool(reachable)))
        job.failed.connect(lambda *_: self._on_answer(wiki, False))
        job.cancelled.connect(lambda *_: self._asking.discard(wiki))
        self._asking.add(wiki)
        self._runner.start(job)
        return None

    def shutdown(self) -> None:
        """Stop asking (the window closes): a request under way is left to time out."""
        self._runner.shutdown(timeout_ms=100)

    def _on_answer(self, wiki: str, reachable: bool) -> None:
        self._asking.discard(wiki)
        self._known[wiki] = (reachable, time.monotonic())
        self.checked.emit(wiki, reachable)


def _answers(context: JobContext, url: str) -> bool:
    """On the thread: whether ``url`` answers 200 within the bounds."""
    from reader.sync.http import HttpError, Limits, Request, UrllibClient

    limits = Limits(connect_timeout=TIMEOUT, read_timeout=TIMEOUT, request_timeout=REQUEST_TIMEOUT)
    if context.cancelled or not _resolvable(url):
        return False
    try:
        response = UrllibClient(limits).get(Request(url, max_bytes=MAX_BYTES))
    except HttpError as error:
        log.info("wiki not reachable (%s): %s", url, error)
        return False
    log.info("wiki reachable check %s: HTTP %s", url, response.status)
    return response.status == 200


def _resolvable(url: str) -> bool:
    """False when the wiki's name does not resolve and no proxy would resolve it."""
    import socket
    import urllib.parse
    import urllib.request

    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if urllib.request.getproxies().get(parts.scheme) and not urllib.request.proxy_bypass(host):
        return True  # the proxy resolves it
    try:
        socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        log.info("wiki not reachable: %s does not resolve", host)
        return False
    return True

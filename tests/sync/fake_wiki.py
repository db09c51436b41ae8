"""A local wiki that answers like DokuWiki, and misbehaves on demand.

It serves ``doku.php?id=ID&do=export_raw`` and ``lib/exe/fetch.php?media=ID`` from the
seed folder, with DokuWiki's headers, its 200-HTML "missing page" and login answers, and
the validators of ``fetch.php`` (304 on If-None-Match). ``faults[page or media id]``
makes one resource misbehave: see :data:`FAULTS`. Its ``feed.php`` answers like a wiki
whose feeds are turned off, unless ``faults["feed.php"]`` names one of :data:`FAULTS` or
:data:`FEED_FAULTS` (a well-formed but stale feed, or a broken or hostile one).
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import socket
import threading
import time
import urllib.parse
from pathlib import Path

from reader.sync.cancel import CancelToken

SEED = Path(__file__).resolve().parent.parent / "data" / "sync_wiki"
# The pages the seed's FAQ page links to, in the order a refresh meets them (depth 1).
LINKED = (
    "cagette-pro:interface-producteur",
    "cagette-pro:vendre-pour-d-autres-producteurs",
    "support",
)

MISSING_HTML = (
    b'<!DOCTYPE html>\n<html lang="fr"><head><title>x</title></head><body>\n'
    b'<div id="dokuwiki__top" class="site dokuwiki mode_show tpl_dokuwiki  notFound   ">\n'
    b'<h1 id="cette_page_n_existe_pas_encore">Cette page n\'existe pas encore</h1>\n'
    b"</div></body></html>\n"
)
LOGIN_HTML = (
    b'<!DOCTYPE html>\n<html lang="fr"><head><title>x</title></head><body>\n'
    b'<div id="dokuwiki__top" class="site dokuwiki mode_denied tpl_dokuwiki     ">\n'
    b'<h1 id="autorisation_refusee">Autorisation refus\xc3\xa9e</h1>\n'
    b'<form id="dw__login" action="/doku.php?id=x" method="post"></form>\n'
    b"</div></body></html>\n"
)
SHOW_HTML = (
    b'<!DOCTYPE html>\n<html><body><div id="dokuwiki__top" class="site dokuwiki mode_show">'
    b"<p>une page</p></div></body></html>\n"
)

FAULTS = (
    "500",
    "404",
    "html",
    "truncated",
    "endless",
    "trickle",
    "stall",
    "stall_headers",
    "latin1",
    "empty",
    "redirect_loop",
    "missing",
    "login",
    "html_as_image",
)


FEED_FAULTS = ("stale", "malformed", "entities", "external", "login_as_xml", "atom", "no_dates")

FEED_OFF = b"<error>RSS feed is disabled.</error>"
FEED_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
    b"<title>Wiki</title>\n<lastBuildDate>%s</lastBuildDate>\n"
)
FEED_ITEM = b"<item><title>%s</title><link>%sdoku.php?id=%s&amp;rev=%d</link></item>\n"
FEED_TAIL = b"</channel>\n</rss>\n"
# Nine levels of ten: a billion "lol"s if a parser expanded them.
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY l0 "lol">\n'
    + b"".join(b'<!ENTITY l%d "%s">\n' % (n, b"&l%d;" % (n - 1) * 10) for n in range(1, 10))
    + b']>\n<rss version="2.0"><channel><title>&l9;</title></channel></rss>\n'
)
EXTERNAL = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<rss version="2.0"><channel><item><title>&x;</title>'
    b"<link>http://127.0.0.1/doku.php?id=faq:livraison&amp;rev=1</link></item></channel></rss>\n"
)
ATOM = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    b"<title>Wiki</title></feed>\n"
)


def seed_pages(seed: Path = SEED) -> dict[str, bytes]:
    pages = {}
    root = seed / "pages"
    for path in sorted(root.rglob("*.txt")):
        page_id = ":".join(path.relative_to(root).with_suffix("").parts)
        pages[page_id] = path.read_bytes()
    return pages


def seed_media(seed: Path = SEED) -> dict[str, bytes]:
    media = {}
    root = seed / "media"
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root)
        data = path.read_bytes()
        if path.suffix == ".b64":
            data, rel = base64.b64decode(data), rel.with_suffix("")
        media[":".join(rel.parts)] = data
    return media


class FakeWiki:
    """A DokuWiki look-alike on 127.0.0.1 in a thread. Use as a context manager."""

    def __init__(self, seed: Path = SEED) -> None:
        self.pages = seed_pages(seed)
        self.media = seed_media(seed)
        self.denied = {"prive:interne"}
        self.faults: dict[str, str] = {}
        self.requests: list[str] = []
        self.stalled = threading.Event()  # set when a request starts stalling
        self._release = threading.Event()
        wiki = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                wiki.requests.append(self.path)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    wiki._answer(self)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> FakeWiki:
        self._thread.start()
        return self

    def cancel_once_stalled(self) -> CancelToken:
        """A cancel token that a user "presses" as soon as a request starts stalling."""
        token = CancelToken()

        def cancel() -> None:
            if self.stalled.wait(30):
                token.cancel()

        threading.Thread(target=cancel, daemon=True).start()
        return token

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    # -- answers ---------------------------------------------------------------------------
    def _send(self, h, status: int, ctype: str, body: bytes, extra=None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.send_header("Connection", "close")
        for name, value in (extra or {}).items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(body)

    def _answer(self, h) -> None:
        parts = urllib.parse.urlsplit(h.path)
        query = urllib.parse.parse_qs(parts.query)
        if parts.path == "/doku.php" and query.get("do") == ["export_raw"]:
            page_id = query.get("id", [""])[0]
            fault = self.faults.get(page_id)
            if fault:
                return self._fault(h, fault, page_id)
            if page_id in self.denied:
                return self._send(h, 200, "text/html; charset=utf-8", LOGIN_HTML)
            if page_id not in self.pages:
                return self._send(h, 200, "text/html; charset=utf-8", MISSING_HTML)
            return self._send(h, 200, "text/plain; charset=utf-8", self.pages[page_id])
        if parts.path == "/lib/exe/fetch.php":
            media_id = query.get("media", [""])[0]
            fault = self.faults.get(media_id)
            if fault:
                return self._fault(h, fault, media_id)
            data = self.media.get(media_id)
            if data is None:
                return self._send(h, 404, "text/html; charset=UTF-8", b"Not Found")
            etag = '"' + str(abs(hash(data))) + '"'
            if h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.send_header("Content-Length", "0")
                h.end_headers()
                return None
            return self._send(h, 200, "image/png", data, {"ETag": etag})
        if parts.path == "/feed.php":
            return self._feed(h, self.faults.get("feed.php", ""))
        if parts.path.startswith("/loop"):
            n = int(parts.path[5:] or 0)
            return self._redirect(h, f"/loop{(n + 1) % 2}")
        return self._send(h, 404, "text/plain", b"Not Found\n")

    def _feed_body(self, built: float, revision: int) -> bytes:
        """A feed in DokuWiki's form listing every page at ``revision``."""
        from email.utils import formatdate

        items = b"".join(
            FEED_ITEM % (page_id.encode(), self.url.encode(), page_id.encode(), revision)
            for page_id in self.pages
        )
        return FEED_HEAD % formatdate(built).encode() + items + FEED_TAIL

    def _feed(self, h, fault: str) -> None:
        xml = "application/xml; charset=utf-8"
        if fault in FAULTS:
            return self._fault(h, fault, "feed.php")
        now = time.time()
        if fault == "stale":  # a feed built 10 minutes ago (e.g. cached by a proxy)
            body = self._feed_body(now - 600, int(now) - 900)
        elif fault == "no_dates":  # items without a revision or a date
            body = self._feed_body(now, 0).replace(b"&amp;rev=0", b"")
        elif fault == "malformed":
            body = self._feed_body(now, int(now) - 60)[:150]
        elif fault == "entities":
            body = LAUGHS
        elif fault == "external":
            body = EXTERNAL
        elif fault == "login_as_xml":  # a login page, mislabelled
            body = LOGIN_HTML
        elif fault == "atom":
            body = ATOM
        else:
            return self._send(h, 404, xml, FEED_OFF)
        return self._send(h, 200, xml, body)

    def _redirect(self, h, location: str) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    def _fault(self, h, fault: str, item: str) -> None:
        good = self.pages.get(item, b"====== T ======\n\n==== Q ? ====\n\nR\n")
        if fault == "500":
            return self._send(h, 500, "text/html", b"<h1>Internal Server Error</h1>")
        if fault == "404":
            return self._send(h, 404, "text/plain", b"Not Found\n")
        if fault == "html":
            return self._send(h, 200, "text/html; charset=utf-8", SHOW_HTML)
        if fault == "html_as_image":  # a proxy's error page labelled as the image
            return self._send(h, 200, "image/png", SHOW_HTML)
        if fault == "missing":
            return self._send(h, 200, "text/html; charset=utf-8", MISSING_HTML)
        if fault == "login":
            return self._send(h, 200, "text/html; charset=utf-8", LOGIN_HTML)
        if fault == "latin1":
            body = "==== Qu'en pensez-vous ? ====\n\nÉté\n".encode("latin-1")
            return self._send(h, 200, "text/plain; charset=utf-8", body)
        if fault == "empty":
            return self._send(h, 200, "text/plain; charset=utf-8", b"")
        if fault == "redirect_loop":
            return self._redirect(h, "/loop0")
        h.send_response(200)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        if fault == "truncated":
            h.send_header("Content-Length", str(len(good) + 1000))
            h.end_headers()
            h.wfile.write(good[: len(good) // 2])
            h.wfile.flush()
            h.close_connection = True
            return None
        if fault == "endless":
            h.end_headers()
            block = b"==== encore ? ====\n" * 512
            while not self._release.is_set():
                h.wfile.write(block)
            return None
        if fault == "trickle":  # never silent long enough to stall, never ends
            h.end_headers()
            while not self._release.wait(0.05):
                h.wfile.write(b"==== encore ? ====\n")
                h.wfile.flush()
            return None
        if fault == "stall_headers":
            h.wfile.flush()
            self.stalled.set()
            self._release.wait(120)
            return None
        # "stall": headers and half the body, then silence
        h.send_header("Content-Length", str(len(good)))
        h.end_headers()
        h.wfile.write(good[: len(good) // 2])
        h.wfile.flush()
        self.stalled.set()
        self._release.wait(120)
        return None


def refused_url() -> str:
    """The URL of a port nothing listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    time.sleep(0.01)
    return f"http://127.0.0.1:{port}/"

"""A small, bounded HTTP GET client, and the protocol the rest of sync uses to talk to it.

Everything is bounded: the connection (``connect_timeout``), each wait for bytes
(``read_timeout``: a stalled server), each request as a whole (``request_timeout``), the
size of each body (``max_bytes``) and the number of redirects (5). TLS is verified against
the operating system's trust store (``truststore``), so a farm computer with an old
certificate bundle, or behind a proxy that inspects TLS with its own authority, still
works; the system's proxy settings are honoured (``urllib.request.getproxies``).

Tests hand in their own :class:`HttpClient`; :class:`UrllibClient` is the default one
(built on ``http.client``, as urllib's openers cannot bound a read separately from the
connect).
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import socket
import ssl
import time
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from reader import APP_NAME, __version__
from reader.sync.cancel import Cancelled, CancelToken

log = logging.getLogger(__name__)

USER_AGENT = f"{APP_NAME}/{__version__} (lecteur hors ligne de FAQ DokuWiki)"
CHUNK = 64 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class HttpError(Exception):
    """A request that did not give a response: ``reason`` says why, in French; ``kind``
    is ``"too_big"`` for a body over the request's ``max_bytes``, else ``""``."""

    def __init__(self, reason: str, url: str = "", detail: str = "", kind: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url
        self.detail = detail
        self.kind = kind


class _SinkFailed(Exception):
    """The request's sink raised (a full disk …): its error (``args[0]``) goes on as it is."""


@dataclass(frozen=True)
class Limits:
    """The bounds of a refresh. Defaults fit a slow rural connection; tests shrink them."""

    connect_timeout: float = 15.0  # seconds to open a connection (TLS handshake included)
    read_timeout: float = 30.0  # seconds without a single byte before giving up
    request_timeout: float = 80.0  # seconds for one request as a whole
    refresh_timeout: float = 900.0  # seconds for a whole refresh
    max_page_bytes: int = 4 * 1024 * 1024
    max_media_bytes: int = 64 * 1024 * 1024  # a ceiling: the user's budget is the usual bound
    max_feed_bytes: int = 2 * 1024 * 1024  # the page-list feed: about 1 KB a page
    feed_timeout: float = 30.0  # seconds for the dates from the feed, all namespaces
    max_redirects: int = 5


@dataclass(frozen=True)
class Response:
    """A complete response: the final URL (after redirects), status, headers and body."""

    url: str
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset":
                return value.strip().strip('"').lower()
        return ""


@dataclass
class Request:
    """What to fetch, and the bounds and hooks that apply to it."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    max_bytes: int = Limits.max_page_bytes
    deadline: float | None = None  # time.monotonic() value; the refresh's overall bound
    cancel: CancelToken | None = None
    progress: Callable[[int], None] | None = None  # called with each chunk's size
    # When set, the body of a 200 response goes to it chunk by chunk (decompressed), not
    # into memory (a big document is written to disk as it comes): Response.body is b"".
    sink: Callable[[bytes], None] | None = None


class HttpClient(Protocol):
    """What sync needs from HTTP: one bounded GET. Raises :class:`HttpError` or
    :class:`Cancelled`; any status is a :class:`Response` (redirects already followed)."""

    def get(self, request: Request) -> Response: ...


def _tls_context() -> ssl.SSLContext:
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception as error:
        log.warning("truststore unavailable (%s): using Python's certificate bundle", error)
        return ssl.create_default_context()


class UrllibClient:
    """The default client: ``http.client`` with the system's proxies and trust store."""

    def __init__(self, limits: Limits | None = None, proxies: Mapping[str, str] | None = None):
        self.limits = limits or Limits()
        self._proxies = dict(urllib.request.getproxies() if proxies is None else proxies)
        self._context: ssl.SSLContext | None = None

    def _ssl(self) -> ssl.SSLContext:
        if self._context is None:
            self._context = _tls_context()
        return self._context

    def get(self, request: Request) -> Response:
        limits = self.limits
        start = time.monotonic()
        deadline = start + limits.request_timeout
        if request.deadline is not None:
            deadline = min(deadline, request.deadline)
        url = request.url
        seen: list[str] = []
        for _ in range(limits.max_redirects + 1):
            seen.append(url)
            response = self._get_once(url, request, deadline)
            if response.status in REDIRECTS and response.headers.get("location"):
                url = urllib.parse.urljoin(url, response.headers["location"])
                if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                    raise HttpError("redirection vers une adresse non web refusée", url)
                continue
            return response
        loop = " (boucle)" if url in seen else ""
        raise HttpError(f"trop de redirections{loop}", request.url, " → ".join(seen))

    # -- one request -----------------------------------------------------------------------
    def _connection(
        self, url: str, timeout: float
    ) -> tuple[http.client.HTTPConnection, str, dict[str, str]]:
        """The connection for ``url``, the request target, a plain-HTTP proxy's headers."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise HttpError("adresse invalide", url)
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        proxy = self._proxies.get(parts.scheme)
        if proxy and urllib.request.proxy_bypass(parts.hostname):
            proxy = None
        if proxy and "://" not in proxy:
            proxy = "http://" + proxy
        if not proxy:
            if https:
                conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                    parts.hostname, port, timeout=timeout, context=self._ssl()
                )
            else:
                conn = http.client.HTTPConnection(parts.hostname, port, timeout=timeout)
            return conn, target, {}
        p = urllib.parse.urlsplit(proxy)
        proxy_headers = {}
        if p.username:
            import base64

            creds = f"{urllib.parse.unquote(p.username)}:{urllib.parse.unquote(p.password or '')}"
            proxy_headers["Proxy-Authorization"] = "Basic " + base64.b64encode(
                creds.encode()
            ).decode("ascii")
        proxy_port = p.port or 80
        if https:
            # CONNECT through the proxy, then TLS end to end with the wiki.
            tunnel = http.client.HTTPSConnection(
                p.hostname or "", proxy_port, timeout=timeout, context=self._ssl()
            )
            tunnel.set_tunnel(parts.hostname, port, headers=proxy_headers)
            return tunnel, target, {}
        conn = http.client.HTTPConnection(p.hostname or "", proxy_port, timeout=timeout)
        return conn, url, proxy_headers  # a plain-HTTP proxy takes the absolute URL

    def _get_once(self, url: str, request: Request, deadline: float) -> Response:
        limits = self.limits
        cancel = request.cancel
        if cancel is not None:
            cancel.check()
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise HttpError("délai total dépassé", url)
        conn, target, proxy_headers = self._connection(url, min(limits.connect_timeout, remaining))
        unregister = cancel.on_cancel(lambda: _shutdown(conn)) if cancel else None
        try:
            try:
                conn.connect()
            except TimeoutError as error:
                raise HttpError("délai de connexion dépassé", url, str(error)) from error
            sock = conn.sock
            headers = {
                "User-Agent": USER_AGENT,
                "Accept-Encoding": "gzip, identity",
                "Connection": "close",
                **proxy_headers,
                **request.headers,
            }
            self._set_timeout(sock, deadline)
            conn.request("GET", target, headers=headers)
            resp = conn.getresponse()
            resp_headers = {k.lower(): v for k, v in resp.getheaders()}
            if resp.status in REDIRECTS or resp.status == 304:
                return Response(url, resp.status, resp_headers, b"")
            sink = request.sink if resp.status == 200 else None  # an error page: in memory
            body = self._read_body(resp, request, sock, deadline, url, sink)
            return Response(url, resp.status, resp_headers, body)
        except Cancelled:
            raise
        except _SinkFailed as failed:
            raise failed.args[0] from None
        except HttpError as error:
            if cancel is not None and cancel.cancelled:  # the shut-down socket looked cut
                raise Cancelled() from error
            raise
        except Exception as error:
            if cancel is not None and cancel.cancelled:
                raise Cancelled() from error
            raise _translate(error, url) from error
        finally:
            if unregister:
                unregister()
            conn.close()

    def _set_timeout(self, sock: socket.socket | None, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise HttpError("délai dépassé : la réponse n'en finit pas", "")
        if sock is not None:
            sock.settimeout(min(self.limits.read_timeout, remaining))

    def _read_body(
        self,
        resp: http.client.HTTPResponse,
        request: Request,
        sock: socket.socket | None,
        deadline: float,
        url: str,
        sink: Callable[[bytes], None] | None = None,
    ) -> bytes:
        encoding = resp.getheader("Content-Encoding", "identity").strip().lower()
        inflate = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            inflate = zlib.decompressobj(47 if "gzip" in encoding else zlib.MAX_WBITS)
        elif encoding not in ("", "identity"):
            raise HttpError(f"encodage de réponse inconnu ({encoding})", url)
        declared = resp.getheader("Content-Length") or ""
        too_big = inflate is None and declared.isdigit() and int(declared) > request.max_bytes
        if too_big:  # refuse before reading anything
            raise _too_big(request.max_bytes, url)
        parts: list[bytes] = []
        keep = parts.append if sink is None else _guarded(sink)
        size = 0
        while True:
            if request.cancel is not None:
                request.cancel.check()
            try:
                self._set_timeout(sock, deadline)
            except HttpError as error:
                raise HttpError(error.reason, url) from None
            chunk = resp.read1(CHUNK)
            if not chunk:
                break
            if request.progress is not None:
                request.progress(len(chunk))
            if inflate is not None:
                chunk = inflate.decompress(chunk, request.max_bytes - size + 1)
                if inflate.unconsumed_tail:
                    raise _too_big(request.max_bytes, url)
            size += len(chunk)
            if size > request.max_bytes:
                raise _too_big(request.max_bytes, url)
            keep(chunk)
        if resp.length:  # the server closed before sending the announced length
            raise HttpError("réponse tronquée (connexion coupée en cours de route)", url)
        if inflate is not None:
            if not inflate.eof:
                raise HttpError("réponse compressée tronquée", url)
            keep(inflate.flush())
        return b"".join(parts)


def _guarded(sink: Callable[[bytes], None]) -> Callable[[bytes], None]:
    def feed(chunk: bytes) -> None:
        try:
            sink(chunk)
        except Exception as error:
            raise _SinkFailed(error) from error

    return feed


def _shutdown(conn: http.client.HTTPConnection) -> None:
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _too_big(limit: int, url: str) -> HttpError:
    size = f"{limit / (1024 * 1024):.0f} Mo" if limit >= 1024 * 1024 else f"{limit} octets"
    return HttpError(f"réponse trop volumineuse (plus de {size})", url, kind="too_big")


def _translate(error: BaseException, url: str) -> HttpError:
    """An exception from the socket, TLS or HTTP layer as one French reason."""
    detail = f"{type(error).__name__}: {error}"
    if isinstance(error, ssl.SSLCertVerificationError):
        reason = "certificat du site refusé (connexion non sûre)"
    elif isinstance(error, ssl.SSLError):
        reason = "échec de la connexion chiffrée (TLS)"
    elif isinstance(error, TimeoutError | socket.timeout):
        reason = "le serveur ne répond plus (délai d'attente dépassé)"
    elif isinstance(error, ConnectionRefusedError):
        reason = "connexion refusée par le serveur"
    elif isinstance(error, socket.gaierror):
        reason = "adresse du wiki introuvable (pas de réseau ou nom inconnu)"
    elif isinstance(error, http.client.IncompleteRead):
        reason = "réponse tronquée (connexion coupée en cours de route)"
    elif isinstance(error, ConnectionError | http.client.RemoteDisconnected):
        reason = "connexion coupée par le serveur"
    elif isinstance(error, zlib.error):
        reason = "réponse compressée illisible"
    elif isinstance(error, http.client.HTTPException):
        reason = "réponse HTTP invalide"
    elif isinstance(error, OSError):
        reason = f"erreur réseau ({error.strerror or error})"
    else:
        reason = f"erreur inattendue ({type(error).__name__})"
    return HttpError(reason, url, detail)

"""DokuWiki's endpoints, and what its answers mean.

Pages come from ``doku.php?id=ID&do=export_raw``: it works whatever URL rewriting the wiki
uses and needs no API (the remote API is off by default on public wikis). Only a 200
``text/plain`` answer with a non-empty, strictly UTF-8 body is a page. DokuWiki answers a
missing page, a login form and an unknown revision with **200 text/html**, so those are
told apart by their structure (``notFound`` on ``#dokuwiki__top``, ``id="dw__login"``,
``mode_denied``), never by their text, which is translated.

Media come from ``lib/exe/fetch.php?media=ID``, which honours If-None-Match and
If-Modified-Since: an unchanged image costs a 304. The URLs are built in ``urls.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.sync.http import Response

HTML_TYPES = ("text/html", "application/xhtml+xml")  # a web page, not what was asked for

_LOGIN = re.compile(rb"""id\s*=\s*["']?dw__login\b|class\s*=\s*["'][^"']*\bmode_denied\b""")
_NOT_FOUND = re.compile(rb"""class\s*=\s*["'][^"']*\bnotFound\b""")
_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.IGNORECASE)
_DOKUWIKI_PAGE = re.compile(rb"""id\s*=\s*["']dokuwiki__top["']""")


class WikiError(Exception):
    """The wiki answered, but not with what was asked. ``kind`` is one of
    ``login``, ``missing``, ``status``, ``html``, ``type``, ``empty``, ``encoding``."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def _describe_html(body: bytes) -> WikiError:
    head = body[:300_000]
    if _LOGIN.search(head):
        return WikiError("login", "le wiki demande de se connecter pour lire cette page")
    if _NOT_FOUND.search(head):
        return WikiError("missing", "cette page n'existe pas sur le wiki")
    if _DOKUWIKI_PAGE.search(head):
        return WikiError("html", "le wiki a renvoyé une page web au lieu du texte de la page")
    return WikiError(
        "html", "une page web a été reçue au lieu du texte de la page (est-ce bien un wiki ?)"
    )


def check_page(response: Response) -> str:
    """The page text in ``response``, or :class:`WikiError` saying why it is not one."""
    body = response.body
    html = response.content_type in HTML_TYPES
    if response.status != 200:
        described = _describe_html(body) if html else None
        if described is not None and described.kind in ("login", "missing"):
            raise described  # send404=1 gives a 404 with the same page
        if response.status == 404:
            raise WikiError("missing", "cette page n'existe pas sur le wiki (erreur 404)")
        if response.status in (401, 403):
            raise WikiError("login", f"accès refusé par le wiki (erreur {response.status})")
        raise WikiError("status", f"le wiki a répondu par une erreur {response.status}")
    if html:
        raise _describe_html(body)
    if response.content_type != "text/plain":
        kind = response.content_type or "inconnu"
        raise WikiError("type", f"type de contenu inattendu ({kind}) au lieu de texte brut")
    if not body.strip():
        raise WikiError("empty", "le wiki a renvoyé une page vide")
    if response.charset not in ("", "utf-8", "utf8"):
        raise WikiError("encoding", f"texte en {response.charset}, pas en UTF-8")
    try:
        text = body.decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        raise WikiError(
            "encoding", f"le texte reçu n'est pas de l'UTF-8 valide (octet {error.start})"
        ) from None
    if _HTML.match(body):  # a proxy or a broken server labelling HTML as text
        raise _describe_html(body)
    return text


_MEDIA_WORDS = {  # what check_media says of an image, and of any other file
    "image": ("image absente du wiki", "image protégée sur le wiki", "de l'image"),
    "document": ("fichier absent du wiki", "fichier protégé sur le wiki", "du fichier"),
}


def check_media(response: Response, head: bytes | None = None, what: str = "image") -> bool:
    """True when ``response`` brought the media file, False for a 304 (keep the stored
    copy); :class:`WikiError` otherwise (``missing`` for 404, ``login`` for 401/403,
    ``html`` for a web page, by its type or its first bytes: ``head`` when the body went
    to disk, else the body's). ``what`` is ``image`` or ``document``, for the message."""
    missing, protected, instead = _MEDIA_WORDS["image" if what == "image" else "document"]
    if response.status == 304:
        return False
    if response.status == 404:
        raise WikiError("missing", missing)
    if response.status in (401, 403):
        raise WikiError("login", protected)
    if response.status != 200:
        raise WikiError("status", f"le wiki a répondu par une erreur {response.status}")
    first = response.body[:4096] if head is None else head
    if response.content_type in HTML_TYPES or _HTML.match(first):
        raise WikiError("html", f"une page web a été reçue au lieu {instead}")
    return True


@dataclass(frozen=True)
class Validators:
    """What a stored media copy was fetched with, for a conditional GET."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

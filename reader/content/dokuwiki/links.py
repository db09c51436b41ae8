"""Internal, interwiki, external and e-mail links: ``[[target|title]]``.

Internal targets resolve like DokuWiki's PageResolver (see :mod:`reader.content.ids`) to
``wiki:<page id>[#anchor]``; schemes outside DokuWiki's default list are kept as text. An
image as title (``[[target|{{image.png}}]]``) is converted by :mod:`.media`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reader.content.dokuwiki.conf import EXTERNAL_SCHEMES
from reader.content.dokuwiki.interwiki import INTERWIKI_PREFIX, interwiki_url
from reader.content.dokuwiki.media import media
from reader.content.dokuwiki.output import escape_text, link
from reader.content.dokuwiki.state import ConversionState
from reader.content.ids import no_namespace, resolve_page_id, section_id

#: ``section_id`` for headings and link anchors; pages repeat the same few link targets.
section_anchor = lru_cache(maxsize=4096)(section_id)

EMAIL = r"[\w.!#$%&'*+/=?^`{|}~-]+@(?:[0-9A-Za-z][0-9A-Za-z-]*\.)+[A-Za-z]{2,63}"
_EMAIL_RE = re.compile(EMAIL)
_SCHEME = re.compile(r"^([a-z0-9\-.+]+?)://", re.IGNORECASE)
#: A Windows share written in the text, as DokuWiki finds one (ASCII word characters).
SHARE = r"\\\\[A-Za-z0-9_]+(?:\\[A-Za-z0-9_\-$]+)+"
# The target of a ``[[link]]`` to a Windows share: '\\', a server, '\', ...
_SHARE_TARGET = re.compile(r"\\\\[^\\]+\\")
_MEDIA_TITLE = re.compile(r"\{\{(?:[^}]|\}(?!\}))*\}\}")


def _simple_title(name: str) -> str:
    """DokuWiki's ``_simpleTitle``: the anchor if any, else the last id part (``noNSorNS``)."""
    name, _, anchor = name.partition("#")
    if anchor:
        return anchor
    name = name.replace(";", ":")
    last = no_namespace(name)
    if last in ("", "start"):
        parts = [p for p in name.split(":") if p]
        if len(parts) >= (2 if last == "start" else 1):
            return parts[-2] if last == "start" else parts[-1]
        return "start"
    return last


def share_url(share: str) -> str:
    """The ``file:`` URL of a Windows share (``\\\\server\\share`` → ``file://server/share``),
    the form the system opens (DokuWiki writes ``file://///server/share``)."""
    return "file://" + share[2:].replace("\\", "/")


@dataclass(frozen=True)
class LinkTarget:
    """Where the target of a ``[[link]]`` points, as seen from one page."""

    url: str | None  # None: not a usable link, only its text is kept
    text: str  # the text shown when the link has no title
    page: str | None = None  # the internal page linked to (for ``Conversion.links``)
    warning: str = ""


@lru_cache(maxsize=4096)  # a pure function, and pages repeat their link targets
def link_target(target: str, page_id: str) -> LinkTarget:
    """Resolve the (stripped) target of a ``[[link]]`` written on page ``page_id``."""
    if INTERWIKI_PREFIX.match(target):
        shortcut, _, reference = target.partition(">")
        url = interwiki_url(shortcut, reference)
        if url is None:  # DokuWiki shows the name alone, with no link
            warning = f"unknown interwiki shortcut {shortcut!r}: its name shown as text"
            return LinkTarget(None, reference, None, warning)
        return LinkTarget(url, reference.partition("#")[0])
    if _SHARE_TARGET.match(target):
        return LinkTarget(share_url(target), target)
    if target.startswith("\\\\"):
        return LinkTarget(None, target)
    scheme = _SCHEME.match(target)
    if scheme:
        if scheme.group(1).lower() not in EXTERNAL_SCHEMES:
            warning = f"link with scheme {scheme.group(1)!r} dropped: kept as text"
            return LinkTarget(None, target, None, warning)
        return LinkTarget(target, target)
    if _EMAIL_RE.search(target):  # anywhere in the target, as DokuWiki tests it
        address = target if target.lower().startswith("mailto:") else f"mailto:{target}"
        return LinkTarget(address, target)
    if target.startswith("#"):
        return LinkTarget(f"wiki:{page_id}#{section_anchor(target[1:])}", target[1:])
    raw_id, _, raw_anchor = target.partition("#")
    linked = resolve_page_id(raw_id, page_id)[0] or page_id
    anchor = f"#{section_anchor(raw_anchor)}" if raw_anchor else ""
    shown = _simple_title(target) if target else no_namespace(page_id)  # [[]]: this page
    return LinkTarget(f"wiki:{linked}{anchor}", shown, linked)


def wikilink(body: str, state: ConversionState, markdown: bool) -> str:
    """Convert ``[[body]]``, i.e. ``target|title``."""
    target, bar, title = body.partition("|")
    title = title.strip() if bar else ""
    label_html = ""
    if bar and _MEDIA_TITLE.fullmatch(title):
        label_html = media(title[2:-2], state, markdown)
    elif title:
        label_html = escape_text(title, markdown)
    resolved = link_target(target.strip(), state.page_id)
    if resolved.warning:
        state.warn(resolved.warning)
    if resolved.page is not None:
        state.links.setdefault(resolved.page, None)
    label = label_html or escape_text(resolved.text, markdown)
    return label if resolved.url is None else link(resolved.url, label, markdown)

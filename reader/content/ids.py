"""DokuWiki page and section ids, computed the way DokuWiki itself computes them.

Ports ``cleanID()``, ``sectionID()`` and the page resolver of DokuWiki 2022-07-31b with its
default configuration (``sepchar='_'``, ``useslash=0``, ``deaccent=1``), so that question
ids deep-link to the same anchors as the wiki's HTML and internal links reach the same
pages as they do on the wiki.
"""

from __future__ import annotations

import re
import unicodedata

from reader.content.chars import FORMAT
from reader.content.id_chars import LOWER_ACCENTS, SPECIAL_CHARS, UPPER_ACCENTS

_ACCENTS = str.maketrans({**LOWER_ACCENTS, **UPPER_ACCENTS})
# \x00-\x19 plus DokuWiki's table of special characters, plus '*' (cleanID's extra).
_SPECIALS = re.compile("[" + re.escape("*") + "\x00-\x19" + re.escape(SPECIAL_CHARS) + "]")
_SEPS = re.compile(r"_+")
_COLONS = re.compile(r":+")
_COLON_THEN_PUNCT = re.compile(r":[:._\-]+")
_PUNCT_THEN_COLON = re.compile(r"[:._\-]+:")


def clean_id(raw: str) -> str:
    """Return DokuWiki's ``cleanID(raw)``: lower case, no accents, specials as ``_``.

    Unlike DokuWiki, format characters that its table of specials leaves (U+202E, U+200B,
    U+FEFF …) are removed: an id must not hide or reverse text (:mod:`.chars`).
    """
    text = unicodedata.normalize("NFC", raw.strip().lower())
    text = text.replace(";", ":").replace("/", "_")
    text = text.translate(_ACCENTS)
    text = _SPECIALS.sub("_", text)
    text = FORMAT.sub("", text)  # bidi overrides, zero-width spaces …: cleanID keeps them
    text = _SEPS.sub("_", text)
    text = _COLONS.sub(":", text)
    text = text.strip(":._-")
    text = _COLON_THEN_PUNCT.sub(":", text)
    return _PUNCT_THEN_COLON.sub(":", text)


def section_id(title: str, used: list[str] | set[str] | None = None) -> str:
    """Return DokuWiki's ``sectionID(title)``, made unique against ``used`` (and added to it).

    The anchor of a heading on the wiki: ``"Les modalités d'accès"`` →
    ``"les_modalites_d_acces"``; a second heading with the same text gets ``…1``. With a
    :class:`UsedAnchors`, finding the suffix takes constant time however many headings
    share a title.
    """
    anchor = clean_id(title).replace(":", "").replace(".", "")
    stripped = anchor.lstrip("0123456789_-")
    anchor = stripped if stripped else "section" + re.sub(r"[^0-9]+", "", anchor)
    if used is None:
        return anchor
    if isinstance(used, UsedAnchors):
        return used.unique(anchor)
    candidate, suffix = anchor, 0
    while candidate in used:
        suffix += 1
        candidate = f"{anchor}{suffix}"
    if isinstance(used, set):
        used.add(candidate)
    else:
        used.append(candidate)
    return candidate


def take_anchor(anchor: str, used: set[str], next_suffix: dict[str, int]) -> str:
    """The first free one of ``anchor``, ``anchor1``, ``anchor2`` … in ``used``, now taken.

    ``next_suffix`` remembers, per anchor, where that search stopped last time: ``used``
    only grows, so the ones before stay taken, and a page of a thousand identical
    headings takes linear time instead of quadratic.
    """
    suffix = next_suffix.get(anchor, 0)
    candidate = anchor if suffix == 0 else f"{anchor}{suffix}"
    while candidate in used:
        suffix += 1
        candidate = f"{anchor}{suffix}"
    next_suffix[anchor] = suffix
    used.add(candidate)
    return candidate


class UsedAnchors(set[str]):
    """The anchors given so far on one page, handing out new ones as ``sectionID`` does."""

    def __init__(self) -> None:
        super().__init__()
        self.next_suffix: dict[str, int] = {}  # see take_anchor

    def unique(self, anchor: str) -> str:
        """The first free one of ``anchor``, ``anchor1``, ``anchor2`` …, now taken."""
        return take_anchor(anchor, self, self.next_suffix)


def namespace_of(page_id: str) -> str:
    """The namespace of a page id (``"faq:livraison"`` → ``"faq"``, root → ``""``)."""
    return page_id.rpartition(":")[0]


def no_namespace(page_id: str) -> str:
    """The last part of an id, without its namespace (DokuWiki's ``noNS``)."""
    return page_id.rpartition(":")[2]


def _resolve_relative(target: str, context_id: str) -> tuple[str, bool]:
    """DokuWiki's ``Resolver``: prefixes (``~``, ``.``, auto-relative) then ``.``/``..``.

    Returns the joined id and whether it ended with ``:`` (a namespace).
    """
    target = target.strip().replace(";", ":")
    context_ns = namespace_of(context_id)
    if target.startswith("~"):
        target = f"{context_id}:{target[1:]}"
    if target.startswith("."):
        target = re.sub(r"^((\.+:)*)(\.+)(?=[^:.])", r"\1\3:", target)
        target = f"{context_ns}:{target}"
    if context_id and ":" not in target:
        target = f"{context_ns}:{target}"
    parts: list[str] = []
    for part in target.split(":"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return ":".join(parts), target.endswith(":")


def resolve_page_id(link: str, context_id: str) -> tuple[str, str]:
    """Resolve the target of ``[[link]]`` written on page ``context_id``.

    Returns ``(page_id, anchor)``; the anchor is cleaned like DokuWiki does and may be
    empty. Follows DokuWiki's PageResolver: ``~`` is relative to the page, a leading
    ``.`` to its namespace, an id without ``:`` is relative to the current namespace,
    a leading ``:`` is absolute; ``..`` climbs. An empty id links to the page itself.
    Namespace start pages (``ns:``) resolve to ``ns:start``.
    """
    target, _, anchor = link.partition("#")
    anchor = clean_id(anchor) if anchor else ""
    if not target.strip():
        return context_id, anchor
    resolved, namespace = _resolve_relative(target, context_id)
    if namespace:
        resolved = f"{resolved}:start" if resolved else "start"
    return clean_id(resolved), anchor


def resolve_media_id(src: str, context_id: str) -> str:
    """Resolve a media id used on page ``context_id`` like DokuWiki's MediaResolver."""
    return clean_id(_resolve_relative(src, context_id)[0])

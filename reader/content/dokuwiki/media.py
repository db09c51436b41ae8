"""Media, ``{{src?params|caption}}``: local images, links to local documents, external media.

Local ids resolve against the page's namespace (DokuWiki's MediaResolver) and are listed
in ``Conversion.media`` so that a refresh fetches them; images become ``<img
src="media:<id>">`` with DokuWiki's alignment classes and size, other files a link.
External and interwiki media become plain links: nothing is ever loaded from elsewhere;
so does an RSS feed (``{{rss>address …}}``), which DokuWiki fetches to list its items.
``data:`` URIs and ``file:/`` URLs are no media of the wiki: their label is shown in a
``media-missing`` span, as a missing image is, and they are not listed.
"""

from __future__ import annotations

import re

from reader.content.dokuwiki.conf import IMAGE_EXTENSIONS
from reader.content.dokuwiki.interwiki import INTERWIKI_PREFIX, interwiki_url
from reader.content.dokuwiki.output import escape_attr, escape_text, link
from reader.content.dokuwiki.state import ConversionState
from reader.content.ids import no_namespace, resolve_media_id

# Sources that are no media of the wiki, though DokuWiki reads them as ids in namespaces
# 'data' and 'file' (and links to missing files): an image inlined as a data: URI, a file
# of the writer's computer or network. Never fetched, never loaded: their label is shown.
_DATA_URI = re.compile(r"(data:[\w.+-]+/[\w.+-]+)[^,]*,", re.IGNORECASE)
_FILE_URL = re.compile(r"file:[/\\]()", re.IGNORECASE)
_MEDIA_PLUGIN = re.compile(r"^\s*([A-Za-z][\w.-]*)>(.*)$", re.DOTALL)
_ANY_SCHEME = re.compile(r"^[a-z]+://", re.IGNORECASE)
_EXTERNAL_MEDIA = re.compile(r"^(https?|ftp)://", re.IGNORECASE)
_MEDIA_SIZE = re.compile(r"(\d+)(x(\d+))?", re.IGNORECASE)
_LINKONLY = re.compile("linkonly", re.IGNORECASE)


def media(body: str, state: ConversionState, markdown: bool) -> str:
    """Convert ``{{body}}`` (the text between the braces)."""
    plugin = _MEDIA_PLUGIN.match(body)
    if plugin and body.startswith("rss>"):  # DokuWiki's feeds: the feed's address, a link
        feed = (plugin.group(2).split() or [""])[0]
        if _EXTERNAL_MEDIA.match(feed):
            state.warn(f"RSS feed {feed!r} shown as a link (nothing is fetched to show a page)")
            return link(feed, escape_text(feed, markdown), markdown)
    if plugin and not _ANY_SCHEME.match(body.strip()):
        state.warn(f"unknown plugin markup {{{{{plugin.group(1)}>…}}}}: text kept")
        return escape_text(plugin.group(2).strip(), markdown)
    src, bar, caption = body.partition("|")
    caption = caption.strip() if bar else ""
    left, right = src.startswith(" "), src.endswith(" ")
    align = {(True, True): "mediacenter", (True, False): "mediaright"}.get(
        (left, right), "medialeft" if right else "media"
    )
    src = src.strip()
    elsewhere = _DATA_URI.match(src) or _FILE_URL.match(src)
    if elsewhere:
        label = elsewhere.group(1) or src.replace("\\", "/").rstrip("/").rpartition("/")[2]
        state.warn(f"media {src[:60]!r} is not on the wiki (data or local file): label shown")
        return f'<span class="media-missing">{escape_text(caption or label, markdown)}</span>'
    src, _, param = src.rpartition("?") if "?" in src else (src, "", "")
    size = _MEDIA_SIZE.search(param)
    width = size.group(1) if size and size.group(1).strip("0") else ""
    height = size.group(3) if size and size.group(3) and size.group(3).strip("0") else ""
    linkonly = bool(_LINKONLY.search(param))
    interwiki = INTERWIKI_PREFIX.match(src)
    if interwiki or _EXTERNAL_MEDIA.match(src):
        if interwiki:
            shortcut, _, reference = src.partition(">")
            url = interwiki_url(shortcut, reference) or ""
        else:
            url = src
        if not url:
            return escape_text(caption or src, markdown)
        state.warn(f"external media {src!r} shown as a link (no remote loads)")
        return link(url, escape_text(caption or src, markdown), markdown)
    media_id = resolve_media_id(src, state.page_id)
    if not media_id:
        state.warn(f"media {src!r} has no usable id: kept as text")
        return escape_text(caption or src, markdown)
    state.media.setdefault(media_id, None)
    ext = media_id.rpartition(".")[2].lower() if "." in media_id else ""
    if linkonly or ext not in IMAGE_EXTENSIONS:
        label = escape_text(caption or no_namespace(media_id), markdown)
        return link(f"media:{media_id}", label, markdown, css="mediafile")
    attrs = [f'src="media:{escape_attr(media_id)}"', f'class="{align}"']
    attrs.append(f'alt="{escape_attr(caption)}"')
    if caption:
        attrs.append(f'title="{escape_attr(caption)}"')
    if width:
        attrs.append(f'width="{width}"')
    if height:
        attrs.append(f'height="{height}"')
    return "<img " + " ".join(attrs) + " />"

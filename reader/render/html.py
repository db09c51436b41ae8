"""Markdown → a safe HTML fragment for the answer pane and the HTML export.

python-markdown (``extra`` + ``sane_lists``) renders, then ``nh3`` sanitises: an allow-list
of tags and attributes, links limited to ``http``, ``https``, ``ftp``, ``mailto``, ``file``
(Windows shares: only the converter writes them) and the in-app ``wiki:``, ``media:`` and
``download:`` (a code block as a file: :mod:`reader.render.code_files`) schemes, no
scripts, styles, event handlers or comments. After sanitising, images are resolved
through the :class:`LinkPolicy`: ``media:<id>`` becomes the policy's local URL (``file:``
or an image ``data:`` URI — the only place data URIs are accepted), so does a smiley's
``smiley:<file>`` (else it shows as its text), anything else (a remote or unknown source)
is replaced by its alt text, so the fragment never loads anything remote. ``wiki:`` links
get DokuWiki's ``wikilink1`` (page known) or ``wikilink2`` (missing) class; so do
``media:`` links to files the content does not hold, when the policy tells
(``media_known``).
"""

from __future__ import annotations

import html
import re
from typing import Protocol

import markdown as md_lib
import nh3

from reader.render.dialect import BACKLINK_TITLE, render_dialect
from reader.render.smileys import bundled_smiley_url

__all__ = ["LinkPolicy", "render_html"]


class LinkPolicy(Protocol):
    """What the renderer asks the application about link and image targets."""

    def page_known(self, page_id: str) -> bool:
        """True when the page exists in the library (link class ``wikilink1``)."""
        ...

    def media_url(self, media_id: str) -> str | None:
        """A local ``file://`` URL or an image ``data:`` URI; None when missing."""
        ...

    def smiley_url(self, file: str) -> str | None:
        """The picture of a smiley (a file of DokuWiki's table, ``smile.svg``) as a local
        ``file://`` URL or an image ``data:`` URI; None: the smiley shows as text.
        :func:`reader.render.smileys.bundled_smiley_url` gives the bundled one."""
        ...


_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "id", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "ftp", "mailto", "file", "wiki", "media", "smiley", "download"}
_IMG = re.compile(r'<img\s(?:[^>"]|"[^"]*")*>')
_A = re.compile(r'<a\s(?:[^>"]|"[^"]*")*>')
_PLAIN_WIKI_LINK = re.compile(r'<a href="wiki:([^"]*)">')
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')
_DATA_IMAGE = re.compile(
    r"data:image/(?:png|jpeg|jpg|gif|webp|bmp|x-icon|svg\+xml);base64,[A-Za-z0-9+/=\s]*\Z"
)
# A run of text between two tags, long and holding character references; without '"', so
# that, were it inside an attribute value after all, it could not end the value.
_LONG_TEXT_WITH_REFERENCES = re.compile(r'(?<=>)(?=[^<>"]{256})[^<>"&]*&[^<>"]*(?=<)')
_PLACEHOLDER = "\ue010"  # a private-use character: the converter's text never holds it
_STASHED = re.compile(f"{_PLACEHOLDER}([0-9]+){_PLACEHOLDER}")
SMILEY_SIZE = "16"  # pixels: a smiley is as high as a line of text
_LOCAL_URL = re.compile(r"file:[^\s\"'<>]*\Z", re.IGNORECASE)


def _markdown(text: str) -> str:
    converter = md_lib.Markdown(
        extensions=["extra", "sane_lists"],
        extension_configs={"extra": {"footnotes": {"BACKLINK_TITLE": BACKLINK_TITLE}}},
        output_format="html",
    )
    return str(converter.convert(text))


def _sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


def _sanitise_sparing_text(fragment: str) -> str:
    """:func:`_sanitise` for the HTML of :func:`render_dialect`, whose long runs of text
    full of character references go round the sanitiser.

    html5ever, inside nh3, spends time on each '&' that grows with the length of its text
    node: 128 K of '&amp;' take it most of a second. A run of text between two tags holds
    no '<' (its '&', '<' and '>' are references), so it cannot make a tag; with no '"' it
    cannot end an attribute value either: such runs are swapped for placeholders that the
    sanitiser passes on as they are (or drops, with a script or a comment), then put back.
    """
    if _PLACEHOLDER in fragment:
        return _sanitise(fragment)
    runs: list[str] = []

    def stash(m: re.Match[str]) -> str:
        runs.append(m.group(0))
        return f"{_PLACEHOLDER}{len(runs) - 1}{_PLACEHOLDER}"

    spared = _LONG_TEXT_WITH_REFERENCES.sub(stash, fragment)
    if not runs:
        return _sanitise(fragment)
    return _STASHED.sub(lambda m: runs[int(m.group(1))], _sanitise(spared))


def _attrs(tag: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _ATTR.findall(tag)}


def _rebuild(name: str, attrs: dict[str, str]) -> str:
    inner = "".join(f' {key}="{html.escape(value, quote=True)}"' for key, value in attrs.items())
    return f"<{name}{inner}>" if name != "img" else f"<img{inner} />"


def _safe_media_url(url: object) -> str | None:
    if not isinstance(url, str):
        return None
    if _LOCAL_URL.match(url) or _DATA_IMAGE.match(url):
        return url
    return None


def _smiley(attrs: dict[str, str], policy: LinkPolicy | None, known: dict[str, str | None]) -> str:
    """A smiley's picture, from the policy (the bundled one without a policy), else its
    text; ``known`` holds the pictures already asked for while rendering this text."""
    file = attrs["src"][len("smiley:") :]
    if file not in known:
        try:
            url = policy.smiley_url(file) if policy is not None else bundled_smiley_url(file)
        except Exception:
            url = None
        known[file] = _safe_media_url(url)
    url = known[file]
    if url is None:
        return html.escape(attrs.get("alt", ""))
    alt = attrs.get("alt", "")
    size = SMILEY_SIZE
    return _rebuild(
        "img", {"src": url, "class": "icon smiley", "alt": alt, "width": size, "height": size}
    )


def _image(tag: str, policy: LinkPolicy | None, smileys: dict[str, str | None]) -> str:
    attrs = _attrs(tag)
    src = attrs.get("src", "")
    if src.startswith("smiley:"):
        return _smiley(attrs, policy, smileys)
    alt = attrs.get("alt", "") or attrs.get("title", "")
    url = None
    if src.startswith("media:"):
        media_id = src[len("media:") :]
        if policy is not None:
            try:
                url = _safe_media_url(policy.media_url(media_id))
            except Exception:
                url = None
        alt = alt or media_id
    if url is None:
        return f'<span class="media-missing">{html.escape(alt)}</span>'
    attrs["src"] = url
    return _rebuild("img", attrs)


def _link(tag: str, policy: LinkPolicy | None) -> str:
    if 'href="media:' in tag and policy is not None and hasattr(policy, "media_known"):
        return _media_link(tag, policy)
    if 'href="wiki:' not in tag:  # only in-app links change (attribute values are escaped)
        return tag
    plain = _PLAIN_WIKI_LINK.fullmatch(tag)
    if plain is not None:  # most links: no other attribute to keep
        known = _page_known(html.unescape(plain.group(1)), policy)
        return f'<a href="wiki:{plain.group(1)}" class="wikilink{1 if known else 2}">'
    attrs = _attrs(tag)
    href = attrs.get("href", "")
    if href.startswith("wiki:"):
        known = _page_known(href[len("wiki:") :], policy)
        css = [c for c in attrs.get("class", "").split() if not c.startswith("wikilink")]
        attrs["class"] = " ".join([*css, "wikilink1" if known else "wikilink2"])
    return _rebuild("a", attrs)


def _media_link(tag: str, policy: LinkPolicy) -> str:
    """A link to a file the content does not hold gets the class of a missing page."""
    attrs = _attrs(tag)
    href = attrs.get("href", "")
    try:
        known = bool(policy.media_known(href[len("media:") :]))  # type: ignore[attr-defined]
    except Exception:
        known = False
    if known or not href.startswith("media:"):
        return tag
    attrs["class"] = " ".join([*attrs.get("class", "").split(), "wikilink2"])
    return _rebuild("a", attrs)


def _page_known(target: str, policy: LinkPolicy | None) -> bool:
    """Whether the page of ``target`` (``page#anchor``) exists; True without a policy."""
    if policy is None:
        return True
    try:
        return bool(policy.page_known(target.partition("#")[0]))
    except Exception:
        return False


def render_html(markdown: str, policy: LinkPolicy | None = None) -> str:
    """Render Markdown to a sanitised HTML fragment; never raises.

    Without a policy every ``wiki:`` page counts as known, every ``media:`` image as
    missing (shown as its caption), and smileys show the bundled pictures.
    """
    try:
        text = str(markdown)
        fragment = render_dialect(text)
        if fragment is None:
            fragment = _sanitise(_markdown(text))
        else:
            fragment = _sanitise_sparing_text(fragment)
        smileys: dict[str, str | None] = {}
        fragment = _IMG.sub(lambda m: _image(m.group(0), policy, smileys), fragment)
        return _A.sub(lambda m: _link(m.group(0), policy), fragment)
    except Exception:
        try:
            return f"<pre>{html.escape(str(markdown))}</pre>"
        except Exception:
            return ""

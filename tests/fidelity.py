"""Compare the reader's rendering of a page with DokuWiki's own, on what a reader sees.

Two figures per page: the visible text in order (text nodes joined as a browser lays them
out, typography folded back to ASCII, compared word by word), and the count of each kind
of element (:data:`COUNTED`). Only the standard library (``html.parser``, ``difflib``).

Both sides are read the same way, with the differences the reader makes on purpose
(``docs/FIDELITY.md``) taken into account, so that a count that differs is a real one:

- a remote image is a link to it (no remote loads): DokuWiki's image of an address counts
  as a link whose text is its caption, else its address;
- a missing image is a labelled placeholder: it counts as an image, its label is not text;
- an RSS feed is a link to the feed (nothing is fetched when a page is shown): DokuWiki's
  feed list counts as that link;
- footnotes come after each answer, DokuWiki's after the page: both sides' notes are read
  after the rest of the page;
- a page with no title heading is headed by its name: headings marked ``implied``;
- a question with no answer says so: ``unanswered`` is not text;
- plugins are not run: the tags and ``~~MACROS~~`` that DokuWiki without the plugin shows
  as typed are not text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.content.dokuwiki.conf import PLUGIN_TAGS

TYPOGRAPHY = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
    "\u2026": "...", "\u2013": "--", "\u2014": "---", "\u00d7": "x", "\u00a0": " ",
    "\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u21d2": "=>", "\u21d0": "<=",
    "\u21d4": "<=>", "\u00bb": ">>", "\u00ab": "<<", "\u00a9": "(c)", "\u2122": "(tm)",
    "\u00ae": "(r)", "\u21a9": "",
}  # fmt: skip

COUNTED = ("headings", "links", "images", "list_items", "table_cells", "code_blocks",
           "quotes", "rules", "footnotes", "smileys")  # fmt: skip
SHORT = {"headings": "h", "links": "a", "images": "img", "list_items": "li",
         "table_cells": "td", "code_blocks": "pre", "quotes": "bq", "rules": "hr",
         "footnotes": "fn", "smileys": "smi"}  # fmt: skip

# Tags after which, or before which, a browser breaks the line: their text never runs on.
_BREAKS = {
    "p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "thead", "tbody", "h1", "h2",
    "h3", "h4", "h5", "h6", "pre", "blockquote", "br", "hr", "dl", "dt", "dd",
}  # fmt: skip
_VOID = {"br", "img", "hr", "input", "source", "meta", "link", "wbr", "col"}
_REMOTE_IMAGE = re.compile(r"^(?:https?|ftp)://|[?&;]media=(?:https?|ftp)%3A", re.IGNORECASE)
# What DokuWiki without a plugin shows as typed, and the reader drops (NOTOC and NOCACHE
# are DokuWiki's own: shown, they were written as text on purpose).
_PLUGIN_TEXT = re.compile(
    rf"</?(?i:{'|'.join(sorted(PLUGIN_TAGS))})\b[^<>\n]*>"
    r"|~~(?!NOTOC~~|NOCACHE~~)[A-Z][A-Z0-9_]*(?::[^~\n]*)?~~"
)


@dataclass
class PageFigures:
    """Visible text and element counts of one rendered page."""

    text: str = ""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))


class _Collector(HTMLParser):
    def __init__(self, dokuwiki: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.dokuwiki = dokuwiki
        self.figures = PageFigures()
        self.parts: list[str] = []  # the page's text
        self.notes: list[str] = []  # the footnotes' text, read after the page
        self.stack: list[str] = []
        self.skip_from: int | None = None  # depth of the element whose text is not content
        self.notes_from: int | None = None  # depth of the footnotes' element

    @property
    def out(self) -> list[str]:
        return self.parts if self.notes_from is None else self.notes

    def text(self, value: str) -> None:
        if self.skip_from is None:
            self.out.append(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        cls = a.get("class", "").split()
        counts = self.figures.counts
        if tag in _BREAKS:
            self.out.append(" ")
        if tag in _VOID:
            if tag == "img" and self.skip_from is None:
                self.image(a, cls)
            elif tag == "hr" and self.notes_from is None:
                counts["rules"] += 1
            return
        self.stack.append(tag)
        depth = len(self.stack)
        if self.skip_from is not None:
            return
        if tag == "div" and ("footnotes" in cls or "footnote" in cls):
            self.notes_from = depth
        elif "unanswered" in cls:  # the reader's "(sans réponse)" (deliberate)
            self.skip_from = depth
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if "implied" in cls:  # a title the page does not have (deliberate)
                self.skip_from = depth
            else:
                counts["headings"] += 1
        elif tag == "a":
            self.link(a, cls, depth)
        elif tag == "li" and self.notes_from is None:
            counts["list_items"] += 1
        elif tag in ("td", "th"):
            counts["table_cells"] += 1
        elif tag == "pre":
            counts["code_blocks"] += 1
        elif tag == "blockquote":
            counts["quotes"] += 1
        elif tag == "span" and "media-missing" in cls:
            counts["images"] += 1  # a missing image's placeholder (deliberate)
            self.skip_from = depth

    def link(self, a: dict[str, str], cls: list[str], depth: int) -> None:
        counts = self.figures.counts
        href = a.get("href", "")
        if "fn_top" in cls or "footnote-ref" in cls:
            counts["footnotes"] += 1
            self.skip_from = depth  # the number
        elif "fn_bot" in cls or "footnote-backref" in cls:
            self.skip_from = depth
        elif "pre" in self.stack or "code" in self.stack:
            pass  # GeSHi's documentation links inside highlighted code
        elif "dt" in self.stack or "code-download" in cls:
            pass  # a code block's file name: its download link
        elif "media" in cls and "mediafile" not in cls and _WRAPPER.search(href):
            pass  # DokuWiki's link around an image, to the image itself
        else:
            counts["links"] += 1

    def image(self, a: dict[str, str], cls: list[str]) -> None:
        counts = self.figures.counts
        if "smiley" in cls:
            counts["smileys"] += 1
            self.out.append(f" {a.get('alt', '')} ")
        elif self.dokuwiki and _REMOTE_IMAGE.search(a.get("src", "")):
            counts["links"] += 1  # a remote image is a link for us (deliberate)
            caption = a.get("alt") or a.get("title") or a.get("data-address", "")
            self.out.append(f" {caption} ")
        else:
            counts["images"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag in _BREAKS:
            self.out.append(" ")
        if tag not in self.stack:
            return
        while self.stack:
            depth = len(self.stack)
            closed = self.stack.pop()
            if self.skip_from == depth:
                self.skip_from = None
            if self.notes_from == depth:
                self.notes_from = None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.dokuwiki and "pre" not in self.stack and "code" not in self.stack:
            data = _PLUGIN_TEXT.sub(" ", data)
        self.text(data)


# DokuWiki's link around an image goes to the image's page or file.
_WRAPPER = re.compile(r"lib/exe/(?:detail|fetch)\.php")
# DokuWiki's list of a feed's items (or of its error): the link to the feed, for us.
_RSS = re.compile(r'<ul class="rss">.*?<a href="([^"]*)".*?</ul>', re.DOTALL)
# The link around a remote image: the image, told its address (the link's text, for us).
_REMOTE_WRAPPER = re.compile(
    r'<a href="[^"]*" class="media" title="([^"]*)"[^>]*>(<img [^>]*src="[^"]*'
    r"media=(?:https?|ftp)%3A[^>]*/>)</a>"
)


def normalise(text: str) -> str:
    """Typography back to ASCII, whitespace collapsed."""
    for src, dst in TYPOGRAPHY.items():
        text = text.replace(src, dst)
    return re.sub(r"\s+", " ", text).strip()


def figures(fragment: str, dokuwiki: bool) -> PageFigures:
    """Text and counts of an HTML fragment (``dokuwiki`` = DokuWiki's own export)."""
    if dokuwiki:
        fragment = _REMOTE_WRAPPER.sub(
            lambda m: m.group(2).replace("<img ", f'<img data-address="{m.group(1)}" ', 1),
            fragment,
        )
        fragment = _RSS.sub(lambda m: f'<p><a href="{m.group(1)}">{m.group(1)}</a></p>', fragment)
    collector = _Collector(dokuwiki)
    collector.feed(fragment)
    collector.close()
    collector.figures.text = normalise("".join(collector.parts) + " " + "".join(collector.notes))
    return collector.figures


def similarity(a: str, b: str) -> float:
    """difflib ratio of the two texts' word sequences."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def differing(ours: PageFigures, theirs: PageFigures) -> list[str]:
    """The kinds of element counted differently."""
    return [k for k in COUNTED if ours.counts[k] != theirs.counts[k]]


def report_row(page: str, ours: PageFigures, theirs: PageFigures) -> str:
    """One line of the figures table: similarity and ours/DokuWiki counts (only those
    that differ, to keep the line short)."""
    sim = similarity(ours.text, theirs.text)
    cells = [f"{SHORT[k]} {ours.counts[k]}/{theirs.counts[k]}" for k in differing(ours, theirs)]
    return f"| {page} | {sim:.3f} | {', '.join(cells) or 'all equal'} |"


def report_header() -> str:
    """Header of the figures table (counts are ours/DokuWiki)."""
    return "| page | text similarity | counts that differ (ours/DokuWiki) |\n|---|---|---|"


class ReaderPolicy:
    """What the harness tells the renderer: every page exists, no image was fetched,
    smileys are the bundled ones."""

    def page_known(self, page_id: str) -> bool:
        return True

    def media_url(self, media_id: str) -> str | None:
        return None

    def smiley_url(self, file: str) -> str | None:
        from reader.render.smileys import bundled_smiley_url

        return bundled_smiley_url(file)


@dataclass
class Comparison:
    """One page read by the reader and by DokuWiki."""

    page_id: str
    ours: PageFigures
    theirs: PageFigures

    @property
    def similarity(self) -> float:
        return similarity(self.ours.text, self.theirs.text)

    @property
    def differing(self) -> list[str]:
        return differing(self.ours, self.theirs)

    def row(self) -> str:
        return report_row(self.page_id, self.ours, self.theirs)


def reader_html(page_id: str, raw: str) -> str:
    """The page as the reader shows it: built into questions, each answer rendered."""
    from reader.content.outline import build_page
    from reader.render.document import page_body

    return page_body(build_page(page_id, raw), ReaderPolicy())


def compare(base_url: str, page_id: str) -> Comparison:
    """Read ``page_id`` of the DokuWiki at ``base_url`` both ways."""
    from tests.dokuwiki_server import fetch

    raw = fetch(base_url, page_id, "export_raw")
    theirs = figures(fetch(base_url, page_id, "export_xhtmlbody"), dokuwiki=True)
    ours = figures(reader_html(page_id, raw), dokuwiki=False)
    return Comparison(page_id, ours, theirs)

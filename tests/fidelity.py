"""Compare our rendering of a page with DokuWiki's own HTML (text and element counts).

Uses only the standard library (``html.parser``, ``difflib``). DokuWiki's HTML is cleaned
of what is not content: the section-edit comments, the download link of code blocks (its
``<dt>``), smiley images (counted as text: their alt is the smiley) and the link DokuWiki
wraps around every image.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

TYPOGRAPHY = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
    "\u2026": "...", "\u2013": "--", "\u2014": "---", "\u00d7": "x", "\u00a0": " ",
    "\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u21d2": "=>", "\u21d0": "<=",
    "\u21d4": "<=>", "\u00bb": ">>", "\u00ab": "<<", "\u00a9": "(c)", "\u2122": "(tm)",
    "\u00ae": "(r)", "\u21a9": "",
}  # fmt: skip

COUNTED = ("headings", "links", "list_items", "table_cells", "images", "code_blocks",
           "footnotes")  # fmt: skip


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
        self.words: list[str] = []
        self.skip = 0  # depth inside elements whose text is not content
        self.stack: list[str] = []
        self.footnote_area = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        cls = a.get("class", "").split()
        counts = self.figures.counts
        if tag in ("br", "img", "hr"):
            if tag == "img":
                if "smiley" in cls:
                    self.words.append(a.get("alt", ""))
                else:
                    counts["images"] += 1
            return
        self.stack.append(tag)
        if self.skip:
            self.skip += 1
            return
        if self.dokuwiki and tag == "dt":
            self.skip = 1
            return
        if tag in ("div",) and ("footnotes" in cls or "footnote" in cls):
            self.footnote_area = True
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            counts["headings"] += 1
        elif tag == "a":
            href = a.get("href", "")
            if "fn_top" in cls or "footnote-ref" in cls:
                counts["footnotes"] += 1
                self.skip = 1  # the number itself
            elif "fn_bot" in cls or "footnote-backref" in cls:
                self.skip = 1
            elif "pre" in self.stack or "code" in self.stack:
                pass  # GeSHi's documentation links inside highlighted code
            elif not ("media" in cls and "mediafile" not in cls):  # DokuWiki's image wrapper
                counts["links"] += 1
            del href
        elif tag == "li" and not self.footnote_area:
            counts["list_items"] += 1
        elif tag in ("td", "th"):
            counts["table_cells"] += 1
        elif tag == "pre":
            counts["code_blocks"] += 1
        elif tag == "span" and "media-missing" in cls:
            counts["images"] += 1
            self.skip = 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "hr"):
            return
        if self.stack:
            self.stack.pop()
        if self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.words.append(data)


def normalise(text: str) -> str:
    """Typography back to ASCII, whitespace collapsed."""
    for src, dst in TYPOGRAPHY.items():
        text = text.replace(src, dst)
    return re.sub(r"\s+", " ", text).strip()


def figures(fragment: str, dokuwiki: bool) -> PageFigures:
    """Text and counts of an HTML fragment (``dokuwiki`` = DokuWiki's own export)."""
    if dokuwiki:
        fragment = re.sub(r"<!-- EDIT.*?-->", "", fragment, flags=re.DOTALL)
    collector = _Collector(dokuwiki)
    collector.feed(fragment)
    collector.close()
    collector.figures.text = normalise(" ".join(collector.words))
    return collector.figures


def similarity(a: str, b: str) -> float:
    """difflib ratio of the two texts' word sequences."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def report_row(page: str, ours: PageFigures, theirs: PageFigures) -> str:
    """One line of the figures table: similarity and ours/DokuWiki counts."""
    cells = [f"{ours.counts[k]}/{theirs.counts[k]}" for k in COUNTED]
    sim = similarity(ours.text, theirs.text)
    return f"| {page} | {sim:.3f} | " + " | ".join(cells) + " |"


def report_header() -> str:
    """Header of the figures table (counts are ours/DokuWiki)."""
    return (
        "| page | text similarity | " + " | ".join(COUNTED) + " |\n"
        "|---|---|" + "---|" * len(COUNTED)
    )

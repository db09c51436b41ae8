"""Safe HTML (from :func:`reader.render.html.render_html`) → text made for a terminal.

For ``faq-reader show``: paragraphs wrapped to the terminal's width, lists with bullets
and numbers and a hanging indent, tables laid out in columns, code kept as typed and
indented, quotes behind a bar, images as ``[image : légende]`` (smileys as typed), links as
their text followed by their address. No HTML, no Markdown, no entities: what a person reads.

The input is the sanitised fragment, so only the tags that :mod:`reader.render.html`
allows occur; anything else is read as text. Links are resolved by a callable the caller
gives (``wiki:`` and ``media:`` targets need the wiki's address or the content folder).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

__all__ = ["LinkResolver", "html_to_text", "text_width", "wrap"]

# href → the address to print after the link's text; None to print none.
LinkResolver = Callable[[str], str | None]

_BLOCKS = {
    "p", "div", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd",
    "caption", "colgroup", "col",
}  # fmt: skip
_VOID = {"br", "hr", "img", "col"}
_HARD_BREAK = "\x00"  # a <br> inside inline text, kept through wrapping
_GLUE = "\x01"  # a space that wrapping must not break at (printed as a space)
MIN_WIDTH = 20


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A small, forgiving DOM of the fragment (the sanitiser already balanced it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self._stack[-1].children.append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


_FRENCH_SPACES = re.compile(r" (?=[?!:;»])|(?<=«) ")


def wrap(text: str, width: int, **options: Any) -> list[str]:
    """``textwrap.wrap`` that never leaves French punctuation (`` ?``, `` :``, ``« …
    »``) alone at the start of a line."""
    text = _FRENCH_SPACES.sub(_GLUE, text)
    options.setdefault("break_long_words", False)  # an address stays whole, to be copied
    lines = textwrap.wrap(text, max(MIN_WIDTH, width), break_on_hyphens=False, **options)
    return [line.replace(_GLUE, " ") for line in lines]


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian characters count 2,
    combining marks 0)."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - text_width(text))


class _Renderer:
    def __init__(self, resolve: LinkResolver | None) -> None:
        self.resolve = resolve

    # -- inline ---------------------------------------------------------------------------
    def inline(self, node: _Node | str) -> str:
        if isinstance(node, str):
            collapsed = " ".join(node.split())
            if not collapsed:
                return " " if node else ""
            lead = " " if node[0].isspace() else ""
            return lead + collapsed + (" " if node[-1].isspace() else "")
        tag, attrs = node.tag, node.attrs
        if tag == "br":
            return _HARD_BREAK
        if tag == "img" and "smiley" in attrs.get("class", "").split():
            return attrs.get("alt", "")  # a smiley reads as typed
        if tag == "img":
            caption = attrs.get("alt") or attrs.get("title") or ""
            return _label("[image :", caption) if caption else "[image]"
        if tag == "span" and "media-missing" in attrs.get("class", "").split():
            return _label("[image non disponible :", self.inline_children(node).strip())
        if tag == "a" and "footnote-backref" in attrs.get("class", "").split():
            return ""
        inner = self.inline_children(node)
        if tag == "sup" and any(
            isinstance(c, _Node) and "footnote-ref" in c.attrs.get("class", "")
            for c in node.children
        ):
            return f"[{inner.strip()}]"
        if tag == "a":
            return self._link(inner, attrs.get("href", ""))
        if tag in _BLOCKS:  # a block inside inline context (a cell's paragraph …)
            return " " + inner + " "
        return inner

    def inline_children(self, node: _Node) -> str:
        return "".join(self.inline(child) for child in node.children)

    def _link(self, text: str, href: str) -> str:
        text = text.strip()
        if not href or href.startswith(("#", "download:")):  # download: a code block's name
            return text
        target = self.resolve(href) if self.resolve else href
        if not target or target == text or target.removeprefix("mailto:") == text:
            return text
        return f"{text} ({target})" if text else target

    # -- blocks ---------------------------------------------------------------------------
    def blocks(self, node: _Node, width: int, gap: bool = True) -> list[str]:
        """The lines of ``node``'s children; blocks separated by one blank line (none
        when not ``gap``: the parts of a tight list item)."""
        out: list[list[str]] = []
        run: list[_Node | str] = []

        def flush() -> None:
            if run:
                lines = self.paragraph(_Node("p", children=list(run)), width)
                if lines:
                    out.append(lines)
                run.clear()

        for child in node.children:
            if isinstance(child, _Node) and child.tag in _BLOCKS:
                flush()
                lines = self.block(child, width)
                if lines:
                    out.append(lines)
            else:
                run.append(child)
        flush()
        joined: list[str] = []
        for lines in out:
            if joined and gap:
                joined.append("")
            joined.extend(lines)
        return joined

    def block(self, node: _Node, width: int) -> list[str]:
        tag = node.tag
        if tag == "p" or tag in ("dt", "caption"):
            return self.paragraph(node, width)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            title = self.paragraph(node, width)
            if title and tag in ("h1", "h2"):
                rule = "=" if tag == "h1" else "-"
                title.append(rule * min(width, max(text_width(line) for line in title)))
            return title
        if tag in ("ul", "ol"):
            return self.listing(node, width)
        if tag == "pre":
            return self.preformatted(node)
        if tag == "blockquote":
            return ["| " + line if line else "|" for line in self.blocks(node, width - 2)]
        if tag == "hr":
            return ["-" * min(width, 40)]
        if tag == "table":
            return self.table(node, width)
        if tag == "dd":
            return ["    " + line if line else "" for line in self.blocks(node, width - 4)]
        if tag == "div" and "footnote" in node.attrs.get("class", "").split():
            notes = [c for c in node.children if isinstance(c, _Node) and c.tag == "ol"]
            lines = ["Notes :"]
            for ol in notes:
                lines.extend(self.listing(ol, width))
            return lines
        return self.blocks(node, width)

    def paragraph(self, node: _Node, width: int) -> list[str]:
        text = self.inline_children(node)
        lines: list[str] = []
        for part in text.split(_HARD_BREAK):
            part = " ".join(part.split())
            if part:
                lines.extend(wrap(part, width))
            elif lines:
                lines.append("")
        return lines

    def preformatted(self, node: _Node) -> list[str]:
        text = "".join(_raw_text(node)).strip("\n")
        return ["    " + line.rstrip() for line in text.split("\n")]

    def listing(self, node: _Node, width: int) -> list[str]:
        ordered = node.tag == "ol"
        try:
            number = int(node.attrs.get("start", "1"))
        except ValueError:
            number = 1
        lines: list[str] = []
        for item in node.children:
            if not isinstance(item, _Node) or item.tag != "li":
                continue
            marker = f"{number}. " if ordered else "• "
            number += 1
            indent = " " * text_width(marker)
            loose = any(isinstance(c, _Node) and c.tag == "p" for c in item.children)
            body = self.blocks(item, width - len(indent), gap=loose) or [""]
            lines.append(marker + body[0])
            lines.extend(indent + line if line else "" for line in body[1:])
        return lines

    def table(self, node: _Node, width: int) -> list[str]:
        grid, header_rows = self._grid(node)
        if not grid:
            return []
        columns = max(len(row) for row in grid)
        for row in grid:
            row.extend([""] * (columns - len(row)))
        widths = [max(text_width(row[c]) for row in grid) for c in range(columns)]
        available = max(MIN_WIDTH, width) - 3 * (columns - 1)
        while sum(widths) > available and max(widths) > 8:
            widest = widths.index(max(widths))
            widths[widest] -= 1
        lines: list[str] = []
        for index, row in enumerate(grid):
            wrapped = [textwrap.wrap(cell, max(1, widths[c])) or [""] for c, cell in enumerate(row)]
            for depth in range(max(len(w) for w in wrapped)):
                parts = [
                    _pad(cell[depth] if depth < len(cell) else "", widths[c])
                    for c, cell in enumerate(wrapped)
                ]
                lines.append(" | ".join(parts).rstrip())
            if index + 1 == header_rows:
                lines.append("-+-".join("-" * w for w in widths))
        caption = [c for c in node.children if isinstance(c, _Node) and c.tag == "caption"]
        return (self.paragraph(caption[0], width) if caption else []) + lines

    def _grid(self, table: _Node) -> tuple[list[list[str]], int]:
        """The cells' texts by row and column (spans placed as DokuWiki lays them out:
        text in the first cell, the spanned ones empty), and how many rows are headers."""
        rows: list[tuple[_Node, bool]] = []
        for child in table.children:
            if not isinstance(child, _Node):
                continue
            if child.tag == "tr":
                rows.append((child, False))
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend(
                    (tr, child.tag == "thead")
                    for tr in child.children
                    if isinstance(tr, _Node) and tr.tag == "tr"
                )
        grid: list[list[str]] = []
        pending: dict[tuple[int, int], str] = {}  # cells covered by a rowspan above
        header_rows = 0
        for r, (tr, in_head) in enumerate(rows):
            row: list[str] = []
            cells = [c for c in tr.children if isinstance(c, _Node) and c.tag in ("td", "th")]
            all_headers = bool(cells) and all(c.tag == "th" for c in cells)
            if (in_head or all_headers) and header_rows == r:
                header_rows += 1
            for cell in cells:
                while (r, len(row)) in pending:
                    row.append(pending.pop((r, len(row))))
                text = " ".join(self.inline_children(cell).replace(_HARD_BREAK, " ").split())
                span_c = _span(cell.attrs.get("colspan"))
                span_r = _span(cell.attrs.get("rowspan"))
                start = len(row)
                row.append(text)
                row.extend([""] * (span_c - 1))
                for below in range(1, span_r):
                    for c in range(start, start + span_c):
                        pending[(r + below, c)] = ""
            while (r, len(row)) in pending:
                row.append(pending.pop((r, len(row))))
            grid.append(row)
        return grid, header_rows


def _label(kind: str, caption: str) -> str:
    """``[image : caption]``, its words before the caption kept on one line."""
    return f"{kind.replace(' ', _GLUE)}{_GLUE}{caption}]"


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 1000))
    except ValueError:
        return 1


def _raw_text(node: _Node) -> list[str]:
    out: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
        elif child.tag == "br":
            out.append("\n")
        else:
            out.extend(_raw_text(child))
    return out


def html_to_text(fragment: str, width: int = 80, resolve: LinkResolver | None = None) -> str:
    """The terminal text of a safe HTML ``fragment``, wrapped to ``width`` columns.

    ``resolve`` maps a link's ``href`` to the address printed after its text (None:
    the ``href`` as is).
    """
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    lines = _Renderer(resolve).blocks(builder.root, max(MIN_WIDTH, width))
    text = "\n".join(line.rstrip() for line in lines)
    return text.replace(_HARD_BREAK, "").replace(_GLUE, " ")

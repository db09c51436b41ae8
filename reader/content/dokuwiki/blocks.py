"""Line-based blocks of DokuWiki text → Markdown blocks.

After :func:`.literal.protect` has cut out the literal regions, :func:`convert_blocks`
classifies lines (heading, rule, list item, preformatted, table row, quote, paragraph)
and emits Markdown: ATX headings with ``{#anchor}``, one-line paragraphs, fenced code,
and raw HTML for lists, tables and quotes (so nesting, spans and type changes render
like DokuWiki's).
"""

from __future__ import annotations

import re

from reader.content.chars import clean_title
from reader.content.dokuwiki.inline import convert_inline
from reader.content.dokuwiki.links import section_anchor
from reader.content.dokuwiki.literal import LIST_LINE, code_block
from reader.content.dokuwiki.output import escape_text, md_paragraph
from reader.content.dokuwiki.state import (
    BLOCK_CLOSE,
    BLOCK_OPEN,
    PH_CLOSE,
    PH_OPEN,
    ConversionState,
    Protected,
)
from reader.content.dokuwiki.tables import table_to_html
from reader.content.ids import UsedAnchors, take_anchor

# Lists and quotes nest at most this deep; deeper levels stay at this one. HTML parsers
# (the sanitiser's, Qt's) take quadratic time in the nesting depth of blocks, and no page
# is read at such depths.
MAX_NESTING = 64
RULE = re.compile(r"[ \t]*-{4,}[ \t]*")
BLOCK_LINE = re.compile(rf"\s*{BLOCK_OPEN}(\d+){BLOCK_CLOSE}\s*")
# A line that starts with none of these can only be paragraph text, as most lines are.
_TEXT_LINE = re.compile(rf"[^\s=\-|^>{BLOCK_OPEN}]")
_PLACEHOLDER = re.compile(rf"{PH_OPEN}(\d+){PH_CLOSE}")


def is_heading(line: str) -> bool:
    """Whether ``line`` reads as a heading: ``[ \t]*={2,}.+={2,}[ \t]*``, tested without a
    regex, whose backtracking is quadratic on a long run of '='."""
    core = line.strip(" \t")
    return len(core) >= 5 and core.startswith("==") and core.endswith("==")


def list_to_html(items: list[tuple[int, str, str]]) -> str:
    """Nested ``<ul>``/``<ol>`` from ``(depth, tag, html)`` items, following DokuWiki's rules."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (depth, tag) of the lists open
    initial = items[0][0]
    for depth, tag, content in items:
        depth = max(depth, initial)
        if not stack or depth > stack[-1][0]:
            if len(stack) < MAX_NESTING:
                out.append(f"<{tag}>")
                stack.append((depth, tag))
                out.append(f"<li>{content}")
                continue
            depth = stack[-1][0]  # as deep as lists go: a sibling of the deepest item
        while len(stack) > 1 and stack[-1][0] > depth:
            out.append(f"</li>\n</{stack.pop()[1]}>")
        if stack[-1][1] == tag:
            out.append(f"</li>\n<li>{content}")
        else:
            out.append(f"</li>\n</{stack[-1][1]}>\n<{tag}>\n<li>{content}")
            stack[-1] = (stack[-1][0], tag)
    while stack:
        out.append(f"</li>\n</{stack.pop()[1]}>")
    return "\n".join(out)


def list_items(
    lines: list[str], state: ConversionState, markdown: bool
) -> list[tuple[int, str, str]]:
    """The ``(depth, tag, html)`` items of list lines, for :func:`list_to_html`."""
    items = []
    for line in lines:
        if state.check is not None:
            state.checkpoint()
        m = LIST_LINE.match(line)
        if m is None:
            continue
        depth = m.group(1).replace("\t", "  ").count("  ") + 1
        tag = "ul" if m.group(2) == "*" else "ol"
        items.append((depth, tag, convert_inline(m.group(3), state, markdown=markdown).strip()))
    return items


def quoted_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The ``(depth, text)`` of quote lines, for :func:`quote_to_html`."""
    quoted = []
    for raw in lines:
        depth = len(raw) - len(raw.lstrip(">"))
        quoted.append((min(depth, MAX_NESTING), raw[depth:]))
    return quoted


def quote_to_html(lines: list[tuple[int, str]], state: ConversionState, markdown: bool) -> str:
    """Nested ``<blockquote>`` from ``(depth, text)`` lines, as DokuWiki's quote handler
    nests them: a deeper line opens quotes, a shallower one closes them, and lines at the
    same depth are joined by a line break. ``markdown`` selects the output context."""
    out: list[str] = []
    depth = 0
    for level, text in lines:
        if level > depth:
            out.append("<blockquote>" * (level - depth))
        elif level < depth:
            out.append("</blockquote>" * (depth - level))
        else:
            out.append("<br />")
        depth = level
        out.append(convert_inline(text, state, markdown=markdown).strip())
    out.append("</blockquote>" * depth)
    return "".join(out)


class BlockConverter:
    """Walks the lines of protected DokuWiki text and emits Markdown blocks."""

    def __init__(self, state: ConversionState, heading_shift: int, used: set[str]) -> None:
        self.state = state
        self.shift = heading_shift
        self.used = used  # shared by the calls for one page: never copied
        self.blocks: list[str] = []
        self.paragraph: list[str] = []
        # where the search for a free suffix stopped, per anchor: the page's when it has one
        self.next_suffix = used.next_suffix if isinstance(used, UsedAnchors) else {}

    def unique_anchor(self, title: str) -> str:
        """DokuWiki's ``sectionID(title, check)``, in linear time for pages with many headings."""
        return take_anchor(section_anchor(title), self.used, self.next_suffix)

    def flush_paragraph(self) -> None:
        """Emit the pending paragraph lines as one Markdown line."""
        if self.paragraph:
            text = "\n".join(self.paragraph)
            self.paragraph = []
            md = md_paragraph(convert_inline(text, self.state, markdown=True))
            if md:
                self.blocks.append(md)

    def heading(self, line: str) -> bool:
        """Emit a heading; False when the line is not a usable heading."""
        stripped = line.strip()
        level = max(1, 7 - (len(stripped) - len(stripped.lstrip("="))))
        title = stripped.strip("=").strip()
        shown = clean_title(title).strip()
        if not shown:
            return False
        self.flush_paragraph()
        anchor = self.unique_anchor(title)
        md_level = max(1, min(6, level + self.shift))
        text = escape_text(shown, True)
        self.blocks.append(f"{'#' * md_level} {text} {{#{anchor}}}")
        return True

    def run(self, text: str) -> list[str]:
        """Convert all lines; returns the Markdown blocks.

        A list, a table, a quote or preformatted text ends with the newline of its last
        line, so DokuWiki starts no such block on the very next line: that line is
        paragraph text (but for preformatted text after a quote, kept as a block here).
        """
        lines = text.split("\n")
        i, n = 0, len(lines)
        checkpoint = self.state.checkpoint if self.state.check is not None else None
        after = ""  # the block the previous line ended, when it took the newline
        while i < n:
            if checkpoint:
                checkpoint()
            line = lines[i]
            follows, after = after, ""
            if _TEXT_LINE.match(line):
                self.paragraph.append(line)
                i += 1
                continue
            if not line.strip():
                self.flush_paragraph()
                i += 1
                continue
            block = BLOCK_LINE.fullmatch(line)
            if block:
                self.flush_paragraph()
                index = int(block.group(1))
                if index < len(self.state.protected):
                    self.blocks.append(code_block(self.state.protected[index]))
                i += 1
                continue
            indented = line.startswith(("  ", "\t"))
            if not indented and is_heading(line) and self.heading(line):
                i += 1
                continue
            start = i
            if follows and (follows != "quote" or not indented or LIST_LINE.match(line)):
                pass  # no block can start here
            elif LIST_LINE.match(line):
                i, after = self.list_block(lines, i), "list"
            elif RULE.fullmatch(line):
                self.flush_paragraph()
                self.blocks.append("---")
                i += 1
                continue
            elif indented:
                i, after = self.preformatted(lines, i), "pre"
            elif line.startswith(("|", "^")):
                i, after = self.table(lines, i), "table"
            elif line.startswith(">"):
                i, after = self.quote(lines, i), "quote"
            if i == start:
                self.paragraph.append(line)
                i += 1
        self.flush_paragraph()
        return self.blocks

    def _run_of(self, lines: list[str], i: int, starts: tuple[str, ...]) -> tuple[list[str], int]:
        """The lines from ``i`` on that start with one of ``starts``; the paragraph before
        them is emitted first."""
        self.flush_paragraph()
        run = []
        while i < len(lines) and lines[i].startswith(starts):
            if self.state.check is not None:
                self.state.checkpoint()
            run.append(lines[i])
            i += 1
        return run, i

    def preformatted(self, lines: list[str], i: int) -> int:
        """Emit the preformatted text from ``lines[i]`` on (indented lines, list-like ones
        included); returns the index after it."""
        run, i = self._run_of(lines, i, ("  ", "\t"))
        pre = [raw[1:] if raw.startswith("\t") else raw[2:] for raw in run]
        body = self.restore("\n".join(pre)).strip("\n")
        if body.strip():
            self.blocks.append(code_block(Protected("code", body)))
        return i

    def table(self, lines: list[str], i: int) -> int:
        """Emit the table whose first row is ``lines[i]``; returns the index after it."""
        rows, i = self._run_of(lines, i, ("|", "^"))
        self.blocks.append(table_to_html(rows, self.state))
        return i

    def quote(self, lines: list[str], i: int) -> int:
        """Emit the quote whose first line is ``lines[i]``; returns the index after it."""
        run, i = self._run_of(lines, i, (">",))
        self.blocks.append(quote_to_html(quoted_lines(run), self.state, markdown=False))
        return i

    def list_block(self, lines: list[str], i: int) -> int:
        """Emit the list whose first item is ``lines[i]``; returns the index after it."""
        self.flush_paragraph()
        start = i
        while i < len(lines) and LIST_LINE.match(lines[i]):
            i += 1
        self.blocks.append(list_to_html(list_items(lines[start:i], self.state, markdown=False)))
        return i

    def restore(self, text: str) -> str:
        """Put the literal text of inline placeholders back (for preformatted blocks)."""

        def back(m: re.Match[str]) -> str:
            index = int(m.group(1))
            if index >= len(self.state.protected):
                return ""
            return self.state.protected[index].text

        return _PLACEHOLDER.sub(back, text)


def convert_blocks(
    text: str, state: ConversionState, heading_shift: int, used_anchors: set[str]
) -> list[str]:
    """Convert the block structure of protected text (see :func:`.literal.protect`) to
    Markdown blocks."""
    return BlockConverter(state, heading_shift, used_anchors).run(text)

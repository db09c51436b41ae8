"""DokuWiki tables (``^``/``|`` rows) → HTML tables with colspan, rowspan and alignment.

Markdown tables cannot span cells, so tables are emitted as a raw HTML block (python-markdown
passes it through untouched); cell contents go through the inline converter in HTML mode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from reader.content.dokuwiki.inline import convert_inline
from reader.content.dokuwiki.state import ConversionState

# A separator, or the start of a link or media whose '|' must not split the cell. A link
# ends where the inline scan's link token ends; media at the next '}}'.
_CELL_TOKENS = re.compile(r"\[\[|\{\{|[|^]")
_SEPARATOR = re.compile(r"[|^]")
#: Padding cells a table may get beyond as many as it has cells.
MAX_PADDING = 1000
_LINK = re.compile(r"\[\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\]")


@dataclass
class Cell:
    """One cell of a row as written between two separators."""

    header: bool
    raw: str
    colspan: int = 1
    rowspan: int = 1
    folded: bool = False  # joined to a cell on its left (an empty cell) or above (':::')
    align: str = ""


def split_row(line: str) -> tuple[list[Cell], bool]:
    """Split a table row into its cells; returns ``(cells, complete)``.

    ``complete`` is False when text follows the last separator: DokuWiki drops it.
    """
    if "[[" in line or "{{" in line:
        seps = _separators(line)
    else:  # most rows: every '|' and '^' separates
        seps = [m.start() for m in _SEPARATOR.finditer(line)]
    if not seps:
        return [], not line.strip()
    cells = [Cell(line[a] == "^", line[a + 1 : b]) for a, b in pairwise(seps)]
    return cells, not line[seps[-1] + 1 :].strip()


def _separators(line: str) -> list[int]:
    """Where the separators of ``line`` are, skipping those inside links and media."""
    seps: list[int] = []
    pos = 0
    media_end = line.find("}}")  # the next '}}', or -1: there is none left
    while (m := _CELL_TOKENS.search(line, pos)) is not None:
        token, pos = m.group(0), m.end()
        if token == "[[":
            link = _LINK.match(line, m.start())
            pos = link.end() if link else m.start() + 1
        elif token == "{{":
            if 0 <= media_end < pos:
                media_end = line.find("}}", pos)
            pos = media_end + 2 if media_end >= 0 else m.start() + 1
        else:
            seps.append(m.start())
    return seps


def _alignment(raw: str) -> str:
    """DokuWiki's alignment: a run of blanks (two spaces, or a tab) before the text aligns
    it right, after it left, both centre; a cell of such blanks alone is aligned left."""
    lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
    if lead == raw:
        return "left" if lead not in ("", " ") else ""
    trail = raw[len(raw.rstrip(" \t")) :]
    align = "right" if lead not in ("", " ") else ""
    if trail not in ("", " "):
        align = "center" if align == "right" else "left"
    return align


def _head_rows(rows: list[list[Cell]]) -> int:
    """How many rows from the top are header rows (a ``<thead>``), as DokuWiki counts:
    mostly header cells, at most two others; none when every row is one."""
    for count, row in enumerate(rows):
        th = sum(cell.header for cell in row)
        td = len(row) - th
        if not th or td > 2 or 2 * td > th:
            return count
    return 0


def _join_cells(rows: list[list[Cell]], head_rows: int) -> None:
    """Fold empty cells into the cell on their left (colspan) and ``:::`` cells into the
    cell above (rowspan), as DokuWiki's table handler does: by the cell's index in its
    row, never across the end of the header; a ``:::`` with nothing above is empty."""
    above: dict[int, tuple[int, Cell]] = {}  # index -> the last cell there not folded up
    for r, row in enumerate(rows):
        left: Cell | None = None  # the last cell of the row not folded left
        for i, cell in enumerate(row):
            if i and cell.raw == "" and left is not None:
                left.colspan += 1
                cell.folded = True
                above[i] = (r, cell)
                continue
            if cell.raw.strip(" \t") == ":::":
                owner = above.get(i) if r != head_rows or not head_rows else None
                if owner is not None and owner[1].rowspan >= r - owner[0]:
                    owner[1].rowspan += 1
                    cell.folded = True
                    left = cell
                    continue
                cell.raw = ""
            else:
                cell.align = _alignment(cell.raw)
            above[i] = (r, cell)
            left = cell


def table_to_html(lines: list[str], state: ConversionState, markdown: bool = False) -> str:
    """Build the HTML of one DokuWiki table from its row lines; every row has as many
    cells as the widest (padded with empty ones), as in DokuWiki."""
    rows: list[list[Cell]] = []
    for line in lines:
        cells, complete = split_row(line)
        if not complete:
            state.warn("table row with text after its last '|' or '^': text dropped")
        rows.append(cells)
    width = max(len(row) for row in rows)
    # Padding a long, narrow table to one wide row could grow it with the square of its
    # size: it stops at as many padding cells as the table has cells, and some more.
    padding = sum(len(row) for row in rows) + MAX_PADDING
    head_rows = _head_rows(rows)
    _join_cells(rows, head_rows)
    parts = ['<table class="inline">']
    for r, row in enumerate(rows):
        if r == 0 and head_rows:
            parts.append("<thead>")
        parts.append("<tr>")
        for cell in row:
            if cell.folded:
                continue
            tag = "th" if cell.header else "td"
            attrs = f' class="{cell.align}align" align="{cell.align}"' if cell.align else ""
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            body = convert_inline(cell.raw.strip(), state, markdown=markdown)
            parts.append(f"<{tag}{attrs}>{body}</{tag}>")
        pad = min(width - len(row), padding)
        padding -= pad
        parts.extend(["<td></td>"] * pad)
        parts.append("</tr>")
        if r + 1 == head_rows:
            parts.append("</thead>")
    parts.append("</table>")
    return "\n".join(parts)

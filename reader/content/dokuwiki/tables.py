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
_LINK = re.compile(r"\[\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\]")


@dataclass
class Cell:
    """One table cell while the table is being assembled."""

    header: bool
    raw: str
    colspan: int = 1
    rowspan: int = 1
    column: int = 0


def split_row(line: str) -> tuple[list[Cell], bool]:
    """Split a table row into cells; returns ``(cells, complete)``.

    ``complete`` is False when the row does not end with a separator (the trailing text
    is then kept as a last cell).
    """
    if "[[" in line or "{{" in line:
        seps = _separators(line)
    else:  # most rows: every '|' and '^' separates
        seps = [m.start() for m in _SEPARATOR.finditer(line)]
    if not seps:
        return [], not line.strip()
    cells = [Cell(line[a] == "^", line[a + 1 : b]) for a, b in pairwise(seps)]
    rest = line[seps[-1] + 1 :]
    complete = not rest.strip()
    if not complete:
        cells.append(Cell(line[seps[-1]] == "^", rest))
    return cells, complete


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
    left = len(raw) - len(raw.lstrip(" \t")) >= 2
    right = len(raw) - len(raw.rstrip(" \t")) >= 2
    if left and right:
        return "center"
    if left:
        return "right"
    if right:
        return "left"
    return ""


def table_to_html(lines: list[str], state: ConversionState) -> str:
    """Build the HTML of one DokuWiki table from its row lines."""
    rows: list[list[Cell]] = []
    width = None
    for line in lines:
        cells, complete = split_row(line.rstrip())
        if not complete:
            state.warn("table row without a closing '|' or '^': last cell kept")
        merged: list[Cell] = []
        for cell in cells:
            if cell.raw == "" and merged:
                merged[-1].colspan += 1
            else:
                merged.append(cell)
        column = 0
        for cell in merged:
            cell.column = column
            column += cell.colspan
        if width is None:
            width = column
        elif column != width:
            state.warn("table rows have different numbers of cells")
        rows.append(merged)
    # rowspans: ':::' joins the cell to the one above in the same column.
    kept: list[list[Cell]] = []
    owners: dict[int, Cell] = {}
    for row in rows:
        out_row: list[Cell] = []
        for cell in row:
            if cell.raw.strip() == ":::":
                owner = owners.get(cell.column)
                if owner is not None:
                    owner.rowspan += 1
                    continue
            out_row.append(cell)
            for col in range(cell.column, cell.column + min(cell.colspan, 1000)):
                owners[col] = cell
        kept.append(out_row)
    parts = ['<table class="inline">']
    head = bool(kept) and bool(kept[0]) and all(c.header for c in kept[0])
    for r, row in enumerate(kept):
        if r == 0 and head:
            parts.append("<thead>")
        parts.append("<tr>")
        for cell in row:
            tag = "th" if cell.header else "td"
            attrs = ""
            align = _alignment(cell.raw)
            if align:
                attrs += f' class="{align}align" align="{align}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            body = convert_inline(cell.raw.strip(), state, markdown=False)
            parts.append(f"<{tag}{attrs}>{body}</{tag}>")
        parts.append("</tr>")
        if r == 0 and head:
            parts.append("</thead>")
    parts.append("</table>")
    return "\n".join(parts)

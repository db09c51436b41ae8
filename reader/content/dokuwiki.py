"""DokuWiki syntax → Markdown (placeholder: being replaced by the full converter)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Conversion:
    """The Markdown for a piece of DokuWiki text, and what the conversion noticed."""

    markdown: str
    warnings: tuple[str, ...] = ()
    media: tuple[str, ...] = ()  # media ids used, resolved against the page's namespace
    links: tuple[str, ...] = ()  # page ids linked to


def to_markdown(
    text: str, page_id: str, *, heading_shift: int = 0, used_anchors: list[str] | None = None
) -> Conversion:
    """Convert DokuWiki text written on page ``page_id`` to Markdown."""
    md = re.sub(r"\[\[([^|\]]*)\|([^\]]*)\]\]", r"[\2](wiki:\1)", text)
    md = re.sub(r"^  \* ", "* ", md, flags=re.M)
    return Conversion(md)

"""Footnotes, ``((…))``: numbered references and the definitions after the text.

The inline converter converts a footnote's body; this module gives it its label and
number (identical footnotes share one, as in DokuWiki), writes the reference, and at the
end the python-markdown ``footnotes`` definitions (``[^label]: …``). Labels are salted
with a hash of the text and the page id, so that the footnotes of two answers shown on
one page never collide.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from reader.content.dokuwiki.output import md_paragraph

#: References one text may hold. Each one is a link and a link back in the HTML, some
#: hundred bytes that the sanitiser parses: beyond this many, a footnote is shown in
#: parentheses where it stands, so that no text renders into megabytes of links.
MAX_REFERENCES = 500


@dataclass
class Footnotes:
    """The footnotes of one conversion, in order of first use."""

    source: str = ""  # the text being converted, whose hash salts the labels
    labels: dict[str, str] = field(default_factory=dict)  # content markdown -> label
    numbers: dict[str, int] = field(default_factory=dict)  # content markdown -> number
    references: int = 0  # made so far; past MAX_REFERENCES, footnotes stand in place
    _salt: str = ""

    def label(self, content: str, page_id: str) -> tuple[str, int]:
        """Return ``(label, number)`` for a footnote, reusing identical ones like DokuWiki."""
        if content not in self.labels:
            if not self.labels:  # the first footnote: hash the text now, not for every text
                self._salt = hashlib.sha1(self.source.encode("utf-8", "replace")).hexdigest()[:8]
            salted = (self._salt + page_id).encode("utf-8", "replace")
            digest = hashlib.sha1(salted).hexdigest()[:6]
            self.labels[content] = f"{len(self.labels) + 1}-{digest}"
            self.numbers[content] = len(self.labels)
        return self.labels[content], self.numbers[content]

    def reference(self, content: str, page_id: str, markdown: bool) -> str:
        """The reference to a footnote whose converted body is ``content``."""
        self.references += 1
        label, number = self.label(content.strip(), page_id)
        if markdown:
            return f"[^{label}]"
        return (
            f'<sup id="fnref:{label}"><a class="footnote-ref" href="#fn:{label}">{number}</a></sup>'
        )

    def definitions(self) -> str:
        """The Markdown footnote definitions, one a line; empty without footnotes."""
        return "\n".join(
            f"[^{label}]: {md_paragraph(content)}" for content, label in self.labels.items()
        )

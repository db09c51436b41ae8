"""What one conversion carries from construct to construct: the protected regions, the
warnings, the media, pages and smileys used, the footnotes, the smart-quote balance.

Protected regions (``<nowiki>``, ``%%``, ``<code>`` …, see :mod:`.literal`) are cut out of
the text first and stand in it as private-use placeholders until they are rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.content.dokuwiki.footnotes import Footnotes

#: Private-use characters delimiting placeholders for protected regions (nowiki, %%, …).
PH_OPEN, PH_CLOSE = "\ue000", "\ue001"
BLOCK_OPEN, BLOCK_CLOSE = "\ue002", "\ue003"
PLACEHOLDER_CHARS = PH_OPEN + PH_CLOSE + BLOCK_OPEN + BLOCK_CLOSE

#: How many checkpoints (lines, tokens, literal regions) pass between two calls of the
#: caller's ``check``: a few milliseconds of converting.
CHECK_EVERY = 1024


@dataclass
class Protected:
    """A region cut out before parsing: nowiki/%% text, inline ``<html>``/``<php>``, code."""

    kind: str  # "nowiki", "inlinecode", "code", "footnote" (a body over several lines)
    text: str
    language: str = ""
    filename: str = ""


@dataclass
class ConversionState:
    """What one ``to_markdown`` call accumulates while it converts."""

    page_id: str
    protected: list[Protected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    media: dict[str, None] = field(default_factory=dict)
    links: dict[str, None] = field(default_factory=dict)
    smileys: dict[str, None] = field(default_factory=dict)  # picture files, in order
    smiley_count: int = 0  # smileys shown as pictures so far
    footnotes: Footnotes = field(default_factory=Footnotes)
    open_quotes: int = 0
    note_html: Callable[[str], str] | None = None  # a footnote body over lines (.notes)
    check: Callable[[], None] | None = None  # raises to stop the conversion (a cancel)
    stopped_by: Exception | None = None  # what ``check`` raised
    checkpoints: int = 0

    def checkpoint(self) -> None:
        """Call ``check`` every :data:`CHECK_EVERY` checkpoints; what it raises propagates."""
        if self.check is None:
            return
        self.checkpoints += 1
        if self.checkpoints % CHECK_EVERY == 0:
            try:
                self.check()
            except Exception as error:
                self.stopped_by = error
                raise

    def warn(self, message: str) -> None:
        """Record a warning once."""
        if message not in self.warnings and len(self.warnings) < 200:
            self.warnings.append(message)

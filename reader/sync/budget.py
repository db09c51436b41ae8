"""What a refresh may bring beyond the listed pages, and what it left out.

The linked pages and the media files count against the budgets of
:class:`~reader.sync.sources.Following` in the order the refresh meets them (breadth
first: the listed pages' media, then the pages they link to and their media, and so on).
What would go over a budget is left out, never an error, and named in the summary
(:class:`LeftOut`); so is what the refresh's deadline cut short.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reader.sync.sources import Following

MAX_PAGES, MAX_TOTAL, MAX_DOCUMENT = "max_pages", "max_total", "max_document"
DEADLINE, UNREACHABLE = "deadline", "unreachable"  # not budgets: why the following stopped


def mebibytes(count: int) -> str:
    """A byte count in French for a reader: ``20 Mo``, ``1,5 Mo``, ``900 Ko``, ``12 octets``."""
    if count >= 1024 * 1024:
        value = count / (1024 * 1024)
        text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
        return text.replace(".", ",") + " Mo"
    if count >= 1024:
        return f"{count / 1024:.0f} Ko"
    return f"{count} octets"


@dataclass(frozen=True)
class LeftOut:
    """A linked page or a media file that a budget (or the deadline) left out.

    ``what`` is ``page``, ``document`` or ``image``; ``title`` the page's title when
    known (a copy held before), else ""; ``reason`` one of :data:`MAX_PAGES`,
    :data:`MAX_TOTAL`, :data:`MAX_DOCUMENT`, :data:`DEADLINE`; ``size`` the file's size
    when the wiki said it (0 if not).
    """

    what: str
    id: str
    reason: str
    title: str = ""
    size: int = 0
    why: str = ""  # the reason in French, with the budget's value (set by Budget)

    def name(self) -> str:
        """The page by its title and id, a file by its id (French quotes)."""
        if self.title and self.title != self.id:
            return f"« {self.title} » ({self.id})"
        return f"« {self.id} »"


def reason_text(reason: str, following: Following) -> str:
    """Why something was left out, in French, with the budget's value."""
    if reason == MAX_PAGES:
        return f"limite de {following.max_pages} pages liées atteinte"
    if reason == MAX_TOTAL:
        return f"limite de {mebibytes(following.max_total_bytes)} en tout atteinte"
    if reason == MAX_DOCUMENT:
        return f"fichier de plus de {mebibytes(following.max_document_bytes)}"
    if reason == UNREACHABLE:
        return "le wiki ne répondait plus"
    return "délai de la mise à jour dépassé"


@dataclass
class Budget:
    """The budgets of one refresh, and what has been taken from them so far."""

    following: Following
    pages: int = 0  # linked pages held
    bytes: int = 0  # linked pages and media files held, in bytes
    left_out: list[LeftOut] = field(default_factory=list)

    @property
    def room(self) -> int:
        """Bytes still free in the total budget."""
        return max(0, self.following.max_total_bytes - self.bytes)

    def page_fits(self, size: int) -> str:
        """ "" when one more linked page of ``size`` bytes fits, else the reason it does not."""
        if self.pages >= self.following.max_pages:
            return MAX_PAGES
        if size > self.room:
            return MAX_TOTAL
        return ""

    def take_page(self, size: int) -> None:
        self.pages += 1
        self.bytes += size

    def file_fits(self, size: int) -> str:
        """ "" when a media file of ``size`` bytes fits, else the reason it does not."""
        if size > self.following.max_document_bytes:
            return MAX_DOCUMENT
        if size > self.room:
            return MAX_TOTAL
        return ""

    def take_file(self, size: int) -> None:
        self.bytes += size

    def leave_out(self, item: LeftOut) -> None:
        """Note ``item`` as left out (once), with why in French."""
        if all(o.id != item.id or o.what != item.what for o in self.left_out):
            self.left_out.append(replace(item, why=reason_text(item.reason, self.following)))

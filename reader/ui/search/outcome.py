"""What a search shows: the outcome of one query (pure Python: no Qt, no Whoosh).

The search thread turns the index's ``SearchResult`` into a :class:`SearchOutcome`, so
that the UI thread never imports the search package (it imports Whoosh).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.search.results import Hit, SearchResult


@dataclass(frozen=True)
class SearchOutcome:
    """What the results list shows for one query.

    ``query`` is the query as typed; ``hits`` the questions found, best first (the search
    index's ``Hit``: ``missing`` the words each lacks, ``matched`` the words it matched
    and how). ``corrected`` is the query as searched when misspelt words were corrected
    (None otherwise), ``correct`` False when it was searched as typed. ``words`` are the
    query's content words as typed, ``uncovered`` those that no hit covers. ``failed`` is
    true when the search itself failed.
    """

    query: str
    hits: tuple[Hit, ...] = ()
    corrected: str | None = None
    correct: bool = True
    words: tuple[str, ...] = ()
    uncovered: tuple[str, ...] = ()
    failed: bool = False

    @property
    def abstains(self) -> bool:
        """True when no hit answers the whole query: the reader says it has no answer
        before offering the hits as partial matches (and selects none)."""
        return not any(not hit.missing for hit in self.hits)

    @classmethod
    def of(cls, result: SearchResult) -> SearchOutcome:
        """The outcome of the index's ``SearchResult``."""
        return cls(
            result.query,
            tuple(result.hits),
            result.corrected,
            result.correct,
            tuple(result.words),
            tuple(result.uncovered),
        )

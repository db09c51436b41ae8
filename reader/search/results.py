"""What a search gives back: the questions found, and what they do and do not cover.

Plain data, shared by the window and the command line so that neither works anything out
again: each :class:`Hit` says which words of the query its question lacks (``missing``)
and how each of its highlighted words matched (:class:`MatchedWord`); the
:class:`SearchResult` says what was searched (the query as typed, a typo correction and
how to search without it) and whether the reader has an answer at all (``abstains``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from reader.content.model import Library

MatchKind = Literal["exact", "accent", "inflection", "completion", "typo", "sound-alike", "synonym"]
"""How a word of a question matched a word of the query:

- ``exact``: the word as typed (case aside);
- ``accent``: the same letters, other accents (``legumes`` for ``légumes``);
- ``inflection``: another form sharing the stem (``livrées`` for ``livrer``);
- ``completion``: a word the unfinished last word of the query begins;
- ``typo``: the word a misspelt query word was corrected to;
- ``sound-alike``: a word that sounds like a query word written by ear;
- ``synonym``: another way to say a query word or phrase (the synonym list).
"""


class MatchedWord(NamedTuple):
    """A word of a question that matched the query, and how.

    ``word`` is written as in the question (``"Formations"``); ``query_word`` is the word
    or phrase of the query, as typed, that it answers (for a synonym: what it stands for,
    for the tooltip "synonyme de « carte bleue »"). A named tuple: hits make many.
    """

    word: str
    kind: MatchKind
    query_word: str

    @property
    def synonym(self) -> bool:
        """True when the word is another word than the one typed (to style it apart)."""
        return self.kind == "synonym"


@dataclass(frozen=True)
class Hit:
    """One question found, best first in :attr:`SearchResult.hits`."""

    id: str
    page: str
    section: str
    question: str
    score: float
    # Safe HTML: the text escaped, matched words in <mark>…</mark>; a synonym's match in
    # <mark class="synonym" title="synonyme de « … »">…</mark>.
    snippet: str
    terms: tuple[str, ...]  # the words of the question that matched (``matched``' words)
    answered: bool
    # The query's words, as typed, that neither the question nor its answer contains in
    # any accepted form; () when it covers them all.
    missing: tuple[str, ...] = ()
    matched: tuple[MatchedWord, ...] = ()  # each word highlighted, once, title first

    @property
    def complete(self) -> bool:
        """True when the question covers every content word of the query."""
        return not self.missing


@dataclass(frozen=True)
class SearchResult:
    """The hits for one query, and what was searched.

    ``query`` is what the user typed, to be shown as typed. ``corrected`` is the query as
    searched when misspelt words were corrected ("formation" for "formaton"); searching
    ``query`` with ``correct=False`` searches it as typed. ``abstains`` is true when no
    hit covers every content word (``words``): the reader then says it has no answer about
    ``uncovered`` before offering the hits as partial matches.
    """

    query: str
    hits: tuple[Hit, ...]
    suggestion: str | None  # the corrected query for "Vouliez-vous dire …", or None
    fuzzy: bool  # True when the hits came through the typo-tolerant retry
    # Older wording for the window until it shows ``corrected``: "résultats pour « … »"
    # when the first hit came through a synonym, a sound-alike or a correction.
    explanation: str | None = None
    interpreted: str | None = None  # the query as it was understood ("carte bancaire")
    corrected: str | None = None  # the query as searched after typo corrections, or None
    correct: bool = True  # False: searched as typed, without corrections
    words: tuple[str, ...] = ()  # the content words of the query, as typed, in order
    uncovered: tuple[str, ...] = ()  # content words that no hit covers, in query order

    @property
    def abstains(self) -> bool:
        """True when no hit answers the whole query (no hit at all, or only partial ones)."""
        return not any(hit.complete for hit in self.hits)


class Searcher(Protocol):
    """What the rest of the app uses of a search index
    (:class:`~reader.search.index.SearchIndex` is one): type against this, not the class."""

    warnings: list[str]  # what went wrong with the cache, in plain words (search works)

    def search(self, query: str, limit: int = 20, correct: bool = True) -> SearchResult:
        """The questions matching ``query``, best first; never raises."""
        ...

    def update_pages(self, library: Library, page_ids: Iterable[str]) -> None:
        """Reindex only the questions of ``page_ids`` (added, changed or removed pages)."""
        ...

    def close(self) -> None:
        """Release the index (the object must not be used afterwards)."""
        ...

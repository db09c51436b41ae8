"""The search index of one library: opened (from the cache, or built), queried, updated.

Where the index lives and how it is built: :mod:`reader.search.cache`. When the cache
cannot be written (read-only, disk full), the index is built in memory instead and a
warning says so: search always works.

Opening may take a while (building the bundled FAQ takes well under a second; a big wiki
takes seconds): call :meth:`SearchIndex.open` from a worker thread, never before the
window's first paint.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from itertools import repeat
from pathlib import Path

from reader.content.model import Library
from reader.search import engine, synonyms
from reader.search import query as q
from reader.search.build import build_in_memory, compute_scores
from reader.search.cache import build_on_disk, cleanup, index_key, remove_tree
from reader.search.coverage import Checker, TermsOnly
from reader.search.documents import documents, question_count, removed, rows
from reader.search.outcome import Candidate, candidate, in_order, result
from reader.search.results import SearchResult
from reader.search.schema import TEXT_FIELDS
from reader.search.scores import ScoreTable
from reader.search.scoring import Scorer
from reader.search.storage import MANIFEST, open_checked, write_manifest
from reader.search.tables import Tables

log = logging.getLogger(__name__)

CHECKED = 10  # candidates checked word by word at least, whatever the limit
RANK_WINDOW = 30  # candidates from the index at least, checked from its postings


class SearchIndex:
    """The full-text index of one library, on disk in the cache or, failing that, in memory.

    Thread-safe: searches and updates are serialised. ``warnings`` says, in plain words,
    when something went wrong with the cache (the search still works).
    """

    def __init__(
        self,
        library: Library,
        opened: tuple[engine.Engine, Tables],
        folder: Path | None,
        key: str,
        tables_dir: Path | None = None,
    ) -> None:
        self.library = library
        self.warnings: list[str] = []
        self._folder = folder  # None: the index is in memory
        self._tables_dir = tables_dir  # where parsed tables (synonyms) are cached
        self._key = key
        self._lock = threading.RLock()
        self._order_of: tuple[Library, dict[str, int]] | None = None
        self._positions_of: tuple[engine.Engine, Library, list[int]] | None = None
        self._use(*opened)

    def _use(self, opened: engine.Engine, tables: Tables) -> None:
        self._engine = opened
        self._tables = tables
        scores = tables.scores
        if scores is None or not scores.fits(opened):
            scores = tables.scores = ScoreTable.compute(opened, tables.written())
        self._scorer = Scorer(scores)
        self._known_terms = q.KnownTerms(scores)
        vocabulary = tables.vocabulary
        self._vocabulary = q.Vocabulary(lambda: vocabulary)
        # What was just loaded lives as long as the index: the collector need not look
        # through it again at every full pass (a pause of a millisecond or two, mid-search).
        gc.freeze()

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls, library: Library, cache_dir: Path | None, *, tables_dir: Path | None = None
    ) -> SearchIndex:
        """Open the index of ``library`` cached in ``cache_dir``, or build it there; never
        raises for cache problems (``cache_dir`` None: in memory). ``tables_dir`` keeps the
        parsed synonym list between processes (None: parsed each time)."""
        key = index_key(library)
        count = question_count(library)
        warnings: list[str] = []
        if cache_dir is None:
            return cls._in_memory(library, key, tables_dir)
        try:
            folder = cache_dir / key
            opened = open_checked(folder, key, count)
            if opened is None:
                if folder.exists():
                    log.warning("search index in %s is stale or damaged: rebuilding", folder)
                    warnings.append("index de recherche endommagé : reconstruit")
                opened = build_on_disk(library, cache_dir, key, count)
            index = cls(library, opened, folder, key, tables_dir=tables_dir)
            cleanup(cache_dir, keep=key)
        except Exception as error:  # any cache failure must leave search working
            log.warning("search index kept in memory: %s", error)
            index = cls._in_memory(library, key, tables_dir)
            warnings.append(f"index de recherche gardé en mémoire : {_reason(error)}")
        index.warnings.extend(warnings)
        return index

    @classmethod
    def _in_memory(cls, library: Library, key: str, tables_dir: Path | None) -> SearchIndex:
        return cls(library, build_in_memory(rows(library)), None, key, tables_dir)

    @property
    def in_memory(self) -> bool:
        """True when the index could not be kept in the cache folder."""
        return self._folder is None

    @property
    def folder(self) -> Path | None:
        """The index's folder in the cache, None when it is in memory."""
        return self._folder

    def close(self) -> None:
        """Release the index (the object must not be used afterwards)."""
        # Closing a damaged index must not fail.
        with self._lock, contextlib.suppress(Exception):
            self._engine.close()

    # -- searching -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, correct: bool = True) -> SearchResult:
        """The questions matching ``query``, best first; never raises.

        With ``correct`` false, misspelt words are searched as typed (no corrections,
        no sound-alikes): "Rechercher plutôt « formaton »".
        """
        query = query if isinstance(query, str) else str(query)
        try:
            limit = max(1, min(int(limit), 1000))
        except (TypeError, ValueError):
            limit = 20
        with self._lock:
            for attempt in range(2):
                try:
                    return self._search(query, limit, bool(correct))
                except Exception as error:  # a damaged index must not crash the window
                    log.warning("search failed (%s): %s", type(error).__name__, error)
                    if attempt == 0:
                        self._recover()
        return SearchResult(query, (), None, False, correct=bool(correct))

    def _search(self, text: str, limit: int, correct: bool) -> SearchResult:
        p = q.plan(
            text,
            self._known_terms,
            self._vocabulary,
            synonyms.load(cache_dir=self._tables_dir),
            correct=correct,
        )
        checker = Checker(p)
        # The first ``head`` candidates are checked word by word whatever the limit, so
        # that the first results do not depend on how many are asked for.
        head = max(limit, CHECKED)
        ranked: dict[int, float] = {}  # docnum → score: pass after pass, best first
        checked: dict[int, Candidate | None] = {}
        position = self._positions().__getitem__
        tables = self._tables
        words = tables.words_with(checker.terms) if tables.complete else None
        for clauses, require_all in _passes(p.usable):
            top = self._scorer.rank(clauses, max(head, RANK_WINDOW), require_all, position)
            for score, docnum in top:
                ranked.setdefault(docnum, score)
            self._check(checker, ranked, self._head(top, head), checked, words)
            if any(c is not None and checker.best_possible(c.coverage) for c in checked.values()):
                break
        # A candidate further down may lack fewer words than some of those checked: what
        # it lacks comes from the index's postings (no analysis), and it is checked too.
        found = [c for c in checked.values() if c is not None]
        if not all(checker.best_possible(c.coverage) for c in found):
            worst = max(len(c.coverage.missing) for c in found)
            better = [
                docnum
                for docnum in ranked
                if docnum not in checked
                and len(checker.cover((self._terms(docnum),), False).missing) < worst
            ]
            self._check(checker, ranked, better, checked, words)
            found = [c for c in checked.values() if c is not None]
        order = self._order()
        best = in_order(found, lambda id_: order.get(id_, 0), limit)
        return result(p, checker, best, correct)

    def _head(self, top: list[tuple[float, int]], size: int) -> list[int]:
        """The first ``size`` documents of a ranking; equal scores across the cut in the
        FAQ's order (document numbers change with updates)."""
        if len(top) > size and top[size][0] == top[size - 1][0]:
            cut = top[size - 1][0]
            tied = sorted(
                (docnum for score, docnum in top if score == cut), key=self._positions().__getitem__
            )
            top = [pair for pair in top if pair[0] > cut] + [(cut, d) for d in tied]
        return [docnum for _, docnum in top[:size]]

    def _check(
        self,
        checker: Checker,
        ranked: dict[int, float],
        docnums: list[int],
        checked: dict[int, Candidate | None],
        words: frozenset[str] | None,
    ) -> None:
        """Check the questions ``docnums`` word by word (None: no longer in the library)."""
        texts = self._tables.texts
        for docnum in docnums:
            if docnum not in checked:
                question = self.library.question(self._engine.question_id(docnum))
                checked[docnum] = (
                    None
                    if question is None
                    else candidate(checker, question, ranked[docnum], texts.get(question.id), words)
                )

    def _terms(self, docnum: int) -> TermsOnly:
        """The question ``docnum`` as the terms of its title and answer in the index."""
        holds = self._scorer.holds
        return TermsOnly(lambda term: any(holds(f, term, docnum) for f in TEXT_FIELDS))

    def _positions(self) -> list[int]:
        """Each document's place in the FAQ, by document number (to break ties in the
        FAQ's order): read once per index and library, then a list lookup in C."""
        found = self._positions_of
        if found is None or found[0] is not self._engine or found[1] is not self.library:
            ids = self._engine.question_ids()
            found = (self._engine, self.library, list(map(self._order().get, ids, repeat(0))))
            self._positions_of = found
        return found[2]

    def _order(self) -> dict[str, int]:
        if self._order_of is None or self._order_of[0] is not self.library:
            positions = {q.id: n for n, q in enumerate(self.library.questions())}
            self._order_of = (self.library, positions)
        return self._order_of[1]

    # -- updating ------------------------------------------------------------------------

    def update_pages(self, library: Library, page_ids: Iterable[str]) -> None:
        """Reindex only the questions of ``page_ids`` (added, changed or removed pages)."""
        pages = set(page_ids)
        with self._lock:
            key = index_key(library)
            try:
                self._update(library, pages, key)
            except Exception as error:  # whatever failed, a full in-memory index works
                log.warning("index update failed, rebuilding in memory: %s", error)
                self._replace(SearchIndex._in_memory(library, key, self._tables_dir))
                self.warnings.append(f"index de recherche gardé en mémoire : {_reason(error)}")
            self.library = library

    def _update(self, library: Library, pages: set[str], key: str) -> None:
        folder, tables = self._folder, self._tables
        if folder is not None:
            (folder / MANIFEST).unlink(missing_ok=True)  # mid-update: not trusted if we die
        removed(rows(self.library, pages), tables)
        added = documents(rows(library, pages), tables)
        tables.scores = None  # every share changes with the documents
        if folder is None:
            self._use(self._engine.update(pages, added), tables)
        else:
            engine.update_folder(folder, pages, added)
            target = folder.parent / key
            if target != folder:
                remove_tree(target)
                os.replace(folder, target)
            tables.scores = compute_scores(target, tables)
            tables.write(target)
            count = question_count(library)
            write_manifest(target, key, count)
            self._folder = target
            reread = open_checked(target, key, count, tables)
            if reread is None:
                raise OSError(errno.EIO, "the updated index does not read back", str(target))
            self._engine.close()
            self._use(*reread)
        self._key = key

    def _replace(self, other: SearchIndex) -> None:
        self._folder, self._key = other._folder, other._key
        self._use(other._engine, other._tables)
        self.library = other.library

    def _recover(self) -> None:
        """After a failed search: throw the index away and open (rebuild) it again."""
        self.close()
        if self._folder is not None:
            remove_tree(self._folder)
            fresh = SearchIndex.open(self.library, self._folder.parent)
        else:
            fresh = SearchIndex._in_memory(self.library, self._key, self._tables_dir)
        self.warnings.extend(fresh.warnings)
        self.warnings.append("index de recherche illisible : reconstruit")
        self._replace(fresh)


def _passes(clauses: list[q.Clause]) -> Iterator[tuple[list[q.Clause], bool]]:
    """The rankings to try in turn, each until one finds a question that covers the query
    as well as it can be covered: (clauses, whether a question must match them all)."""
    # The words typed first: when every clause they can match finds questions, the
    # synonyms of those clauses would only add weaker ones (and cost most of the time).
    typed = [
        q.Clause(c.tokens, c.options[:1], c.weight, c.required) if c.exact else c for c in clauses
    ]
    yield typed, True
    if any(len(c.options) > 1 for c in clauses if c.exact):
        yield clauses, True
    if len(clauses) > 1:
        yield clauses, False  # the best partial matches


def _reason(error: BaseException) -> str:
    code = getattr(error, "errno", None)
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "le dossier du cache est en lecture seule"
    if code == errno.ENOSPC:
        return "le disque est plein"
    return f"le cache est inutilisable ({type(error).__name__})"

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
import logging
import os
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from reader.content.model import Library, Question
from reader.search import query as q
from reader.search import synonyms
from reader.search.analysis import tokens
from reader.search.build import build
from reader.search.cache import build_on_disk, cleanup, index_key, remove_tree
from reader.search.documents import documents, question_count, rows
from reader.search.postings import use_term_pool
from reader.search.schema import build_schema
from reader.search.scoring import Scorer
from reader.search.snippets import mark, matching_tokens, plain_text, snippet
from reader.search.storage import (
    MANIFEST,
    MemoryStorage,
    open_checked,
    read_vocabulary,
    write_manifest,
    write_vocabulary,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hit:
    """One question found, best first in :attr:`SearchResult.hits`."""

    id: str
    page: str
    section: str
    question: str
    score: float
    snippet: str  # safe HTML: text escaped, hit words wrapped in <mark>…</mark>
    terms: tuple[str, ...]  # the words of the document that matched
    answered: bool


@dataclass(frozen=True)
class SearchResult:
    """The hits for one query, and what the typo tolerance did."""

    query: str
    hits: tuple[Hit, ...]
    suggestion: str | None  # the corrected query for "Vouliez-vous dire …", or None
    fuzzy: bool  # True when the hits came from the typo-tolerant retry
    # "résultats pour « carte bancaire »" when the first hit came through a synonym, a
    # sound-alike or a correction rather than the words typed; None otherwise.
    explanation: str | None = None
    interpreted: str | None = None  # the query as it was understood ("carte bancaire")


class SearchIndex:
    """The full-text index of one library, on disk in the cache or, failing that, in memory.

    Thread-safe: searches and updates are serialised. ``warnings`` says, in plain words,
    when something went wrong with the cache (the search still works).
    """

    def __init__(
        self,
        library: Library,
        ix: Index,
        folder: Path | None,
        key: str,
        vocabulary: dict[str, int] | None = None,
        tables_dir: Path | None = None,
    ) -> None:
        self.library = library
        self.warnings: list[str] = []
        self._ix = ix
        self._folder = folder  # None: the index is in memory
        self._tables_dir = tables_dir  # where parsed tables (synonyms) are cached
        self._key = key
        self._lock = threading.RLock()
        self._order_of: tuple[Library, dict[str, int]] | None = None
        self._searcher = ix.searcher()
        self._scorer = Scorer(self._searcher)
        self._known_terms: q.KnownTerms | None = None  # for the searcher's reader
        self._vocabulary = self._make_vocabulary(vocabulary)

    def _make_vocabulary(self, words: dict[str, int] | None) -> q.Vocabulary:
        if words is not None or self._folder is None:
            in_memory = words or {}
            return q.Vocabulary(lambda: in_memory)
        folder = self._folder
        return q.Vocabulary(lambda: read_vocabulary(folder))

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
            ix = open_checked(folder, key, count)
            if ix is None:
                if folder.exists():
                    log.warning("search index in %s is stale or damaged: rebuilding", folder)
                    warnings.append("index de recherche endommagé : reconstruit")
                ix = build_on_disk(library, cache_dir, key, count)
            index = cls(library, ix, folder, key, tables_dir=tables_dir)
            cleanup(cache_dir, keep=key)
        except Exception as error:  # any cache failure must leave search working
            log.warning("search index kept in memory: %s", error)
            index = cls._in_memory(library, key, tables_dir)
            warnings.append(f"index de recherche gardé en mémoire : {_reason(error)}")
        index.warnings.extend(warnings)
        return index

    @classmethod
    def _in_memory(cls, library: Library, key: str, tables_dir: Path | None) -> SearchIndex:
        ix = MemoryStorage().create_index(build_schema())
        vocabulary = build(ix, rows(library))
        return cls(library, ix, None, key, dict(vocabulary), tables_dir)

    @property
    def in_memory(self) -> bool:
        """True when the index could not be kept in the cache folder."""
        return self._folder is None

    @property
    def folder(self) -> Path | None:
        """The index's folder in the cache, None when it is in memory."""
        return self._folder

    def close(self) -> None:
        """Release the index's files (the object must not be used afterwards)."""
        # Closing a damaged index must not fail.
        with self._lock, contextlib.suppress(Exception):
            self._searcher.close()

    # -- searching -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> SearchResult:
        """The questions matching ``query``, best first; never raises."""
        query = query if isinstance(query, str) else str(query)
        try:
            limit = max(1, min(int(limit), 1000))
        except (TypeError, ValueError):
            limit = 20
        with self._lock:
            for attempt in range(2):
                try:
                    return self._search(query, limit)
                except Exception as error:  # a damaged index must not crash the window
                    log.warning("search failed (%s): %s", type(error).__name__, error)
                    if attempt == 0:
                        self._recover()
        return SearchResult(query, (), None, False)

    def _search(self, text: str, limit: int) -> SearchResult:
        searcher = self._searcher
        known = self._known_terms
        if known is None or known.reader is not searcher.reader():
            known = self._known_terms = q.KnownTerms(searcher.reader())
        p = q.plan(text, known, self._vocabulary, synonyms.load(cache_dir=self._tables_dir))
        clauses = p.usable
        # The words typed first: when every clause they can match finds questions, the
        # synonyms of those clauses would only add weaker ones (and cost most of the time).
        typed = [
            q.Clause(c.tokens, c.options[:1], c.weight, c.required) if c.exact else c
            for c in clauses
        ]
        top = self._scorer.rank(typed, limit, require_all=True)
        if not top:
            top = self._scorer.rank(clauses, limit, require_all=True)
        if not top and len(clauses) > 1:
            top = self._scorer.rank(clauses, limit, require_all=False)
        terms = p.term_texts()
        hits: list[Hit] = []
        docnums: dict[str, int] = {}
        for score, docnum in top:
            question = self.library.question(searcher.stored_fields(docnum)["id"])
            if question is not None:
                hits.append(self._hit(question, score, terms))
                docnums[question.id] = docnum
        # Equal scores: the FAQ's own order, whatever the document numbers (they change
        # with updates).
        order = self._order()
        hits.sort(key=lambda hit: (-hit.score, order.get(hit.id, 0)))
        replaced = self._replaced(p, docnums[hits[0].id] if hits else None)
        suggestion = self._suggestion(text, p, replaced, hits)
        explanation = rewritten = None
        if hits and replaced:
            rewritten = _rewrite(text, self._surfaces(replaced, hits))
            explanation = f"résultats pour « {rewritten} »"
        return SearchResult(
            text, tuple(hits), suggestion, p.fuzzy and bool(hits), explanation, rewritten
        )

    def _replaced(self, p: q.Plan, docnum: int | None) -> list[tuple[q.Clause, q.Option]]:
        """The clauses the first hit matched by another way than the words typed."""
        out = []
        for clause in p.usable:
            if docnum is None:
                if not clause.exact and clause.options[0].via != "synonym":
                    out.append((clause, clause.options[0]))
                continue
            option = self._scorer.matched_option(clause, docnum)
            if option is not None and option.via != "exact":
                out.append((clause, option))
        return out

    def _surfaces(
        self, replaced: list[tuple[q.Clause, q.Option]], hits: list[Hit]
    ) -> list[tuple[q.Clause, str]]:
        """Each replaced clause with its replacement as the hits write it."""
        surfaces: dict[str, str] = {}
        for hit in hits[:5]:
            question = self.library.question(hit.id)
            if question is None:
                continue
            for token in tokens(f"{question.title} {plain_text(question.answer)}"):
                surfaces.setdefault(token.folded, token.surface.lower())
        return [
            (
                clause,
                option.text if option.via == "synonym" else surfaces.get(option.text, option.text),
            )
            for clause, option in replaced
        ]

    def _order(self) -> dict[str, int]:
        if self._order_of is None or self._order_of[0] is not self.library:
            positions = {q.id: n for n, q in enumerate(self.library.questions())}
            self._order_of = (self.library, positions)
        return self._order_of[1]

    def _hit(self, question: Question, score: float, terms: set[str]) -> Hit:
        title_hits = matching_tokens(question.title, terms)
        if question.answered:
            html, body_hits = snippet(plain_text(question.answer), terms)
        else:
            html, body_hits = mark(question.title, title_hits), []
        words: dict[str, None] = {}
        for token in (*title_hits, *body_hits):
            words.setdefault(token.surface, None)
        return Hit(
            id=question.id,
            page=question.page_id,
            section=question.section_title,
            question=question.title,
            score=round(float(score), 4),
            snippet=html,
            terms=tuple(words),
            answered=question.answered,
        )

    def _suggestion(
        self,
        text: str,
        p: q.Plan,
        replaced: list[tuple[q.Clause, q.Option]],
        hits: list[Hit],
    ) -> str | None:
        """The query with its misspelt words corrected, for "Vouliez-vous dire …"."""
        spelt = [(c, o) for c, o in replaced if o.via in ("correction", "phonetic")]
        if not spelt:
            return None
        return _rewrite(text, self._surfaces(spelt, hits))

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
        folder = self._folder
        if folder is not None:
            self._searcher.close()
            (folder / MANIFEST).unlink(missing_ok=True)  # mid-update: not trusted if we die
        vocabulary = Counter(self._vocabulary.words())
        removed: Counter[str] = Counter()
        for _ in documents(self.library, pages, vocabulary=removed):
            pass
        vocabulary.subtract(removed)
        ix = self._ix if folder is None else FileStorage(str(folder)).open_index()
        writer = use_term_pool(ix.writer(timeout=5.0, limitmb=64), limitmb=64)
        try:
            for page_id in pages:
                writer.delete_by_term("page", page_id)
            for doc in documents(library, pages, vocabulary=vocabulary):
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        words = {w: n for w, n in vocabulary.items() if n > 0}
        if folder is not None:
            target = folder.parent / key
            if target != folder:
                remove_tree(target)
                os.replace(folder, target)
            write_vocabulary(target, vocabulary)
            write_manifest(target, key, question_count(library))
            self._folder = target
            reread = open_checked(target, key, question_count(library))
            if reread is None:
                raise OSError(errno.EIO, "the updated index does not read back", str(target))
            self._ix = reread
        self._key = key
        self._searcher = self._ix.searcher()
        self._scorer = Scorer(self._searcher)
        self._vocabulary = self._make_vocabulary(words)

    def _replace(self, other: SearchIndex) -> None:
        self._ix, self._folder, self._key = other._ix, other._folder, other._key
        self._searcher, self._vocabulary = other._searcher, other._vocabulary
        self._scorer = other._scorer
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


def _rewrite(text: str, replacements: list[tuple[q.Clause, str]]) -> str:
    """``text`` with each clause's words replaced, on one line."""
    out, pos = [], 0
    for clause, replacement in sorted(replacements, key=lambda pair: pair[0].start):
        out.append(text[pos : clause.start])
        out.append(replacement)
        pos = clause.end
    out.append(text[pos:])
    return " ".join("".join(out).split())


def _reason(error: BaseException) -> str:
    code = getattr(error, "errno", None)
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "le dossier du cache est en lecture seule"
    if code == errno.ENOSPC:
        return "le disque est plein"
    return f"le cache est inutilisable ({type(error).__name__})"

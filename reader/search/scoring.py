"""BM25F ranking over the index's score table, looped in C.

Each term's documents and shares come from the score table worked out when the index was
written (:mod:`reader.search.scores`), two arrays copied out of one buffer; each query
word's scores over all documents (copied from the table for a common word, else added up
from its terms) are kept in a small LRU cache with the terms' postings (people type a
query a letter at a time, so the same words come back). A word met within a few
candidates looks each one up in its terms' sorted postings by bisection; within many, in
its scores over all documents. A query of one common word ranks only its best documents,
kept in the table. Documents are met, summed and scaled through dict views, ``map``,
``bisect`` and ``itertools.compress``: no bytecode runs per posting. Every dict the scorer
hands out may be a cached one: read-only.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable
from itertools import compress, repeat
from operator import add, eq, ge, gt, mul, truediv

from reader.search.query import Clause, Option
from reader.search.scores import ScoreTable
from reader.search.wordsums import TOP, word_sums
from reader.search.wordsums import add_shares as _add

SYNONYM_CAP = 0.5  # share of the best exact score a question reached another way may get
CACHE_BYTES = 40_000_000  # postings and word scores kept for the next queries, at most
_POSTING_BYTES = 44  # a term's posting in the cache: a document in an array, a float in a list
_SCORE_BYTES = 100  # a word's score for one document, in a dict
_SEEK_COST = 32  # a bisection costs about as much as this many postings read in turn


class _Postings:
    """One term's postings in one field: the documents, in order, and the term's share in
    each."""

    __slots__ = ("ids", "values")

    def __init__(self, ids: array[int], values: list[float]) -> None:
        self.ids, self.values = ids, values

    def __len__(self) -> int:
        return len(self.ids)

    def holds(self, docnum: int) -> bool:
        ids = self.ids
        at = bisect_left(ids, docnum)
        return at < len(ids) and ids[at] == docnum

    def among(self, docs: Iterable[int]) -> tuple[list[int], Iterable[float]]:
        """The documents of ``docs`` that hold the term, and their shares (``docs`` much
        smaller than the postings: each one looked for by bisection, in C)."""
        ids = self.ids
        wanted = list(docs)
        # Within ids[:-1]: a candidate past the last document stops on it, unequal.
        at = list(map(bisect_left, repeat(ids), wanted, repeat(0), repeat(len(ids) - 1)))
        found = list(map(eq, map(ids.__getitem__, at), wanted))
        held = list(compress(wanted, found))
        return held, map(self.values.__getitem__, compress(at, found))


class Scorer:
    """Ranks the documents of one open index from its score table."""

    def __init__(self, table: ScoreTable) -> None:
        self._table = table
        self._cache: OrderedDict[tuple[str, ...], _Postings | dict[int, float]] = OrderedDict()
        self._cached = 0

    def clear_cache(self) -> None:
        """Forget cached postings (the benchmark measures cold queries with it)."""
        self._cache.clear()
        self._cached = 0

    def _postings(self, field: str, text: str) -> _Postings:
        key = (field, text)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            assert isinstance(cached, _Postings)
            return cached
        postings = _Postings(*self._table.postings(field, text))
        self._remember(key, postings)
        return postings

    def holds(self, field: str, text: str, docnum: int) -> bool:
        """True when document ``docnum`` holds ``text`` in ``field``."""
        return self._postings(field, text).holds(docnum)

    def _remember(self, key: tuple[str, ...], value: _Postings | dict[int, float]) -> None:
        self._cache[key] = value
        self._cached += _bytes(value)
        while self._cached > CACHE_BYTES and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._cached -= _bytes(old)

    def word_scores(
        self, terms: list[tuple[str, str]], among: dict[int, float] | None = None
    ) -> dict[int, float]:
        """BM25F score of each document for one query word (any of its field terms).

        With ``among``, only those documents are scored (the others cannot match all words).
        """
        # The parts' shares are added in a fixed order, so that the sums are the same to
        # the last bit whichever way they are found: biggest part first over all
        # documents, in the terms' order among candidates (reader.search.wordsums).
        if among is None:
            return self._whole(terms, by_size=True)
        whole = self._known(terms, by_size=False)
        if whole is None and len(among) * _SEEK_COST < self._size(terms):
            # A few candidates: each looked for in the postings, by bisection.
            scores: dict[int, float] = {}
            for field, text in terms:
                postings = self._postings(field, text)
                if postings.ids:
                    _add(scores, *postings.among(among))
            return scores
        # Many: met with the word's scores over all documents, as dict keys in C.
        if whole is None:
            whole = self._whole(terms, by_size=False)
        held = among.keys() & whole.keys()
        return dict(zip(held, map(whole.__getitem__, held), strict=True))

    def _whole(self, terms: list[tuple[str, str]], by_size: bool) -> dict[int, float]:
        """A word's scores over all documents (kept for the next queries: read-only)."""
        found = self._known(terms, by_size)
        if found is not None:
            return found
        stored = self._table.word_sums(tuple(terms), by_size)
        if stored is not None:
            scores = dict(zip(*stored, strict=True))
        else:
            parts = [self._postings(f, t) for f, t in terms]
            scores = word_sums([(part.ids, part.values) for part in parts], by_size)
        self._remember(_key(terms, by_size), scores)
        return scores

    def _known(self, terms: list[tuple[str, str]], by_size: bool) -> dict[int, float] | None:
        """A word's scores over all documents, if kept from an earlier query."""
        key = _key(terms, by_size)
        cached = self._cache.get(key)
        if cached is None:
            return None
        self._cache.move_to_end(key)
        assert isinstance(cached, dict)
        return cached

    def _size(self, terms: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> int:
        frequency = self._table.doc_frequency
        return sum(frequency(f, t) for f, t in terms)

    def option_scores(
        self, option: Option, among: dict[int, float] | None = None
    ) -> dict[int, float]:
        """Score of each document with every group of ``option`` (weighted), within ``among``."""
        groups = sorted(option.groups, key=self._size)
        total = self.word_scores(list(groups[0]), among)
        for group in groups[1:]:
            if not total:
                return {}
            total = _both(total, self.word_scores(list(group), among=total))
        return _times(total, option.weight)

    def clause_scores(
        self, clause: Clause, among: dict[int, float] | None = None
    ) -> dict[int, float]:
        """Score of each document for one clause: its exact option if it matches, else the
        best of the others; times the clause's weight."""
        total: dict[int, float] = {}
        own: dict[int, float] = {}
        cap = math.inf
        for n, option in enumerate(clause.options):
            scores = self.option_scores(option, among)
            if n == 0 and option.own:
                total = own = scores
                if scores and len(clause.options) > 1:
                    # A synonym never outweighs the best question with the words typed.
                    cap = option.weight and max(scores.values()) * SYNONYM_CAP
                continue
            # A phrase said in more or fewer words than typed counts as the words typed.
            scale = len(clause.tokens) / len(option.groups)
            # Each document not found with the user's words: its score this way, capped,
            # if better than another way's (looped in C: a correction of a common word
            # meets thousands).
            docs = list(scores.keys() - own.keys()) if own else list(scores)
            values = list(map(mul, map(scores.__getitem__, docs), repeat(scale)))
            if cap != math.inf:
                values = list(map(min, values, repeat(cap)))
            better = list(map(gt, values, map(total.get, docs, repeat(0.0))))
            if total is own and any(better):
                total = dict(own)
            total.update(zip(compress(docs, better), compress(values, better), strict=True))
        return _times(total, clause.weight)

    def _clause_size(self, clause: Clause) -> int:
        return sum(self._size(option.groups[0]) for option in clause.options)

    def rank(
        self,
        clauses: list[Clause],
        limit: int,
        require_all: bool,
        position: Callable[[int], int],
    ) -> list[tuple[float, int]]:
        """The best ``limit`` documents as (score, docnum), best first (and those whose
        score equals the last one's, in the FAQ's order: ``position`` of a docnum).

        With ``require_all``, a document must match every required clause (the others,
        question words, only add to its score); otherwise the score is scaled by the
        weighted share of clauses it matches, so fuller matches come first.
        """
        if not clauses:
            return []
        if require_all and (kept := self._one_word(clauses, limit)) is not None:
            return _best(kept, limit, position)
        if require_all:
            required = sorted((c for c in clauses if c.required), key=self._clause_size)
            optional = [c for c in clauses if not c.required]
            if not required:
                return []
            total = self.clause_scores(required[0])
            for clause in required[1:]:
                if not total:
                    return []
                total = _both(total, self.clause_scores(clause, among=total))
            if optional and total:
                total = dict(total)
            for clause in optional:
                if not total:
                    break
                part = self.clause_scores(clause, among=total)
                _add(total, part.keys(), part.values())
        else:
            total = {}
            matched: dict[int, float] = {}
            for clause in clauses:
                scores = self.clause_scores(clause)
                _add(total, scores.keys(), scores.values())
                _add(matched, scores.keys(), repeat(clause.weight))
            weight = sum(c.weight for c in clauses)
            shares = map(mul, total.values(), map(matched.__getitem__, total.keys()))
            total = dict(zip(total.keys(), map(truediv, shares, repeat(weight)), strict=True))
        return _best(total, limit, position)

    def _one_word(self, clauses: list[Clause], limit: int) -> dict[int, float] | None:
        """For a query of one word as typed, its best documents kept in the score table,
        when they hold every document the ranking could keep (None: rank them all)."""
        if len(clauses) != 1:
            return None
        clause = clauses[0]
        if not clause.required or clause.weight != 1.0 or len(clause.options) != 1:
            return None
        option = clause.options[0]
        if not option.own or option.weight != 1.0 or len(option.groups) != 1:
            return None
        # Any document not kept scores less than all those kept, of which there are at
        # least TOP: when fewer are ranked, all those the ranking keeps are there.
        found = self._table.top(option.groups[0]) if limit < TOP else None
        return None if found is None else dict(zip(*found, strict=True))


def _best(
    total: dict[int, float], limit: int, position: Callable[[int], int]
) -> list[tuple[float, int]]:
    """The best ``limit`` of ``total`` as (score, docnum), best first; those tied with the
    last one in the FAQ's order (``position`` of a docnum)."""
    # The cut from the scores alone (no pair to build per document), then the pairs at
    # or above it picked out in C.
    top = heapq.nlargest(limit + 1, total.values())
    if len(top) <= limit:
        cut = top[-1] if top else 0.0
    else:
        cut = top[limit - 1]
        if top[limit] == cut:
            # Equal scores across the cut: keep them all (up to as many again), in the
            # FAQ's order, so that the caller breaks the tie by it, not by docnums.
            above = compress(total.items(), map(gt, total.values(), repeat(cut)))
            tied = compress(total.keys(), map(eq, total.values(), repeat(cut)))
            best = sorted(((score, doc) for doc, score in above), reverse=True)
            return best + [(cut, doc) for doc in sorted(tied, key=position)[:limit]]
    chosen = compress(total.items(), map(ge, total.values(), repeat(cut)))
    return sorted(((score, doc) for doc, score in chosen), reverse=True)


def _bytes(cached: _Postings | dict[int, float]) -> int:
    if isinstance(cached, dict):
        return len(cached) * _SCORE_BYTES
    return len(cached) * _POSTING_BYTES


def _key(terms: list[tuple[str, str]], by_size: bool) -> tuple[str, ...]:
    return ("word" if by_size else "in order", *(part for pair in terms for part in pair))


def _both(total: dict[int, float], scores: dict[int, float]) -> dict[int, float]:
    """``total[d] + scores[d]`` for the documents in both, looped in C."""
    docs = total.keys() & scores.keys()
    sums = map(add, map(total.__getitem__, docs), map(scores.__getitem__, docs))
    return dict(zip(docs, sums, strict=True))


def _times(total: dict[int, float], weight: float) -> dict[int, float]:
    if weight == 1.0:
        return total
    return dict(zip(total.keys(), map(mul, total.values(), repeat(weight)), strict=True))

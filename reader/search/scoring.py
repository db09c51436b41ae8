"""BM25F ranking over the index's postings, looped in C.

Each term's postings (:meth:`reader.search.engine.Engine.postings`, two flat lists) become
its BM25F share per document (its "impacts"), kept in a small LRU cache with each query
word's sum over its terms (people type a query a letter at a time, so the same words come
back). Documents are then met, summed and scaled through dict views, ``map`` and
``itertools.compress``: no bytecode runs per posting. Every dict the scorer hands out
may be a cached one: read-only. Field lengths come from the index's length columns.
"""

from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from itertools import compress, repeat
from operator import add, eq, ge, gt, mul, truediv

from reader.search.engine import Engine
from reader.search.query import Clause, Option
from reader.search.schema import FIELD_BOOSTS

K1 = 1.2
B = {"title": 0.5, "title_folded": 0.5, "context": 0.3}
B_DEFAULT = 0.75
SYNONYM_CAP = 0.5  # share of the best exact score a question reached another way may get
CACHE_POSTINGS = 400_000  # cached postings in all, across terms (about 40 MB at most)


class Scorer:
    """Reads postings and field lengths of one open index, and ranks documents."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._doc_count = max(1, engine.doc_count)
        self._avg: dict[str, float] = {}
        self._cache: OrderedDict[tuple[str, ...], dict[int, float]] = OrderedDict()
        self._norm_cache: dict[str, list[float]] = {}
        self._cached = 0

    def clear_cache(self) -> None:
        """Forget cached postings (the benchmark measures cold queries with it)."""
        self._cache.clear()
        self._cached = 0

    def _norms(self, field: str) -> list[float]:
        norms = self._norm_cache.get(field)
        if norms is None:
            lengths = self._engine.lengths(field)
            deleted = self._engine.deleted
            total = sum(lengths) - sum(lengths[d] for d in deleted if d < len(lengths))
            self._avg[field] = max(1.0, total / self._doc_count)
            b = B.get(field, B_DEFAULT)
            base = K1 * (1.0 - b)
            per_length = K1 * b / self._avg[field]
            norms = [base + per_length * length for length in lengths]
            self._norm_cache[field] = norms
        return norms

    def _scale(self, field: str, df: int) -> float:
        idf = math.log(1.0 + (self._doc_count - df + 0.5) / (df + 0.5))
        return FIELD_BOOSTS[field] * idf * (K1 + 1.0)

    def impacts(self, field: str, text: str) -> dict[int, float]:
        """Document number → BM25F share of ``text`` in ``field``, for the documents that
        hold it (cached: read-only)."""
        key = (field, text)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        ids, tfs = self._engine.postings(field, text)
        impacts: dict[int, float] = {}
        if ids:
            # scale * tf / (tf + norm), looped in C.
            scale = self._scale(field, len(ids))
            norms = map(self._norms(field).__getitem__, ids)
            values = map(truediv, map(mul, repeat(scale), tfs), map(add, tfs, norms))
            impacts = dict(zip(ids, values, strict=True))
        self._remember(key, impacts)
        return impacts

    def _remember(self, key: tuple[str, ...], value: dict[int, float]) -> None:
        self._cache[key] = value
        self._cached += len(value)
        while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._cached -= len(old)

    def word_scores(
        self, terms: list[tuple[str, str]], among: dict[int, float] | None = None
    ) -> dict[int, float]:
        """BM25F score of each document for one query word (any of its field terms).

        With ``among``, only those documents are scored (the others cannot match all words).
        """
        if among is not None:
            # Only the candidates: the others cannot match every word.
            scores: dict[int, float] = {}
            for field, text in terms:
                impacts = self.impacts(field, text)
                _add(scores, impacts, among.keys() & impacts.keys())
            return scores
        # A word's scores over all documents are kept with the postings: the same words
        # come back as a query is typed. Like every dict the scorer hands out, read-only.
        key = ("word", *(part for pair in terms for part in pair))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        parts = [d for d in (self.impacts(f, t) for f, t in terms) if d]
        parts.sort(key=len, reverse=True)
        scores = dict(parts[0]) if parts else {}  # a C-level copy of the biggest list
        for part in parts[1:]:
            _add(scores, part, part.keys())
        self._remember(key, scores)
        return scores

    def _size(self, terms: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> int:
        return sum(len(self.impacts(f, t)) for f, t in terms)

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
            for doc, score in scores.items():
                score = min(score * scale, cap)
                if doc not in own and score > total.get(doc, 0.0):
                    if total is own:
                        total = dict(own)
                    total[doc] = score
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
                _add(total, part, part.keys())
        else:
            total = {}
            matched: dict[int, float] = {}
            for clause in clauses:
                for doc, score in self.clause_scores(clause).items():
                    total[doc] = total.get(doc, 0.0) + score
                    matched[doc] = matched.get(doc, 0.0) + clause.weight
            weight = sum(c.weight for c in clauses)
            total = {d: s * matched[d] / weight for d, s in total.items()}
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


def _add(scores: dict[int, float], part: Mapping[int, float], docs: AbstractSet[int]) -> None:
    """``scores[d] += part[d]`` for each of ``docs`` (from 0 when absent), looped in C:
    the same sums as a Python loop, without a bytecode per posting."""
    have = scores.keys() & docs
    fresh = docs - have
    scores.update(
        zip(have, map(add, map(scores.__getitem__, have), map(part.__getitem__, have)), strict=True)
    )
    scores.update(zip(fresh, map(part.__getitem__, fresh), strict=True))


def _both(total: dict[int, float], scores: dict[int, float]) -> dict[int, float]:
    """``total[d] + scores[d]`` for the documents in both, looped in C."""
    docs = total.keys() & scores.keys()
    sums = map(add, map(total.__getitem__, docs), map(scores.__getitem__, docs))
    return dict(zip(docs, sums, strict=True))


def _times(total: dict[int, float], weight: float) -> dict[int, float]:
    if weight == 1.0:
        return total
    return dict(zip(total.keys(), map(mul, total.values(), repeat(weight)), strict=True))

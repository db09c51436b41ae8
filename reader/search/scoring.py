"""BM25F ranking over the index's postings, looped in C.

Each term's postings (:meth:`reader.search.engine.Engine.postings`, two compact arrays)
give its BM25F share per document, worked out when first needed and kept in a small LRU
cache with each query word's sum over its terms (people type a query a letter at a time,
so the same words come back). A word met within a few candidates looks each one up in
the term's sorted postings by bisection; within many, in the term's dict of shares.
Documents are met, summed and scaled through dict views, ``map``, ``bisect`` and
``itertools.compress``: no bytecode runs per posting. Every dict the scorer hands out
may be a cached one: read-only. Field lengths come from the index's length columns.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import compress, repeat
from operator import add, eq, ge, gt, mul, truediv

from reader.search.engine import Engine
from reader.search.query import Clause, Option
from reader.search.schema import FIELD_BOOSTS

K1 = 1.2
B = {"title": 0.5, "title_folded": 0.5, "context": 0.3}
B_DEFAULT = 0.75
SYNONYM_CAP = 0.5  # share of the best exact score a question reached another way may get
CACHE_BYTES = 40_000_000  # postings and word scores kept for the next queries, at most
_POSTING_BYTES = 8  # a term's posting in the cache: document and frequency, in arrays
_VALUE_BYTES = 32  # its share, once worked out: a float in a list
_SCORE_BYTES = 100  # a word's score for one document, in a dict
_SEEK_COST = 8  # a bisection costs about as much as this many postings read in turn


class _Postings:
    """One term's postings in one field: the documents, in order, and the term's frequency
    in each; its BM25F share per document worked out when first needed (for all of them
    only when a query scores every document that holds it)."""

    __slots__ = ("_norms", "_scale", "_values", "by_doc", "ids", "tfs")

    def __init__(
        self, ids: array[int], tfs: array[float], scale: float, norms: list[float]
    ) -> None:
        self.ids, self.tfs = ids, tfs
        self._scale, self._norms = scale, norms
        self._values: list[float] | None = None
        self.by_doc: dict[int, float] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def _shares(self, ids: Iterable[int], tfs: Iterable[float]) -> Iterator[float]:
        # scale * tf / (tf + norm), looped in C.
        tfs = list(tfs)
        norms = map(self._norms.__getitem__, ids)
        return map(truediv, map(mul, repeat(self._scale), tfs), map(add, tfs, norms))

    @property
    def has_values(self) -> bool:
        return self._values is not None

    def values(self) -> list[float]:
        """The share of each document of ``ids``: a list, not an array, as its floats are
        read back many times (an array would box each one again, and costs more to fill)."""
        if self._values is None:
            ids, tfs = self.ids, self.tfs
            if tfs and tfs.tobytes() == tfs[:1].tobytes() * len(tfs):
                # The same frequency everywhere (a title's word, once, times the field's
                # boost): scale * tf once for all, the very same numbers in two steps.
                tf = tfs[0]
                norms = map(add, repeat(tf), map(self._norms.__getitem__, ids))
                self._values = list(map(truediv, repeat(self._scale * tf), norms))
            else:
                self._values = list(self._shares(ids, tfs))
        return self._values

    def holds(self, docnum: int) -> bool:
        ids = self.ids
        at = bisect_left(ids, docnum)
        return at < len(ids) and ids[at] == docnum

    def among(self, docs: Mapping[int, float]) -> tuple[list[int], Iterable[float]]:
        """The documents of ``docs`` that hold the term, and their shares (``docs`` much
        smaller than the postings: each one looked for by bisection, in C)."""
        ids = self.ids
        wanted = list(docs)
        # Within ids[:-1]: a candidate past the last document stops on it, unequal.
        at = list(map(bisect_left, repeat(ids), wanted, repeat(0), repeat(len(ids) - 1)))
        found = list(map(eq, map(ids.__getitem__, at), wanted))
        where = list(compress(at, found))
        held = list(compress(wanted, found))
        if self._values is not None:
            return held, map(self._values.__getitem__, where)
        return held, self._shares(held, map(self.tfs.__getitem__, where))

    def shares(self) -> dict[int, float]:
        """Document → share, for the documents that hold the term (read-only)."""
        if self.by_doc is None:
            self.by_doc = dict(zip(self.ids, self.values(), strict=True))
        return self.by_doc


class Scorer:
    """Reads postings and field lengths of one open index, and ranks documents."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._doc_count = max(1, engine.doc_count)
        self._avg: dict[str, float] = {}
        self._cache: OrderedDict[tuple[str, ...], _Postings | dict[int, float]] = OrderedDict()
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

    def _postings(self, field: str, text: str) -> _Postings:
        key = (field, text)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            assert isinstance(cached, _Postings)
            return cached
        ids, tfs = self._engine.postings(field, text)
        scale = self._scale(field, len(ids)) if ids else 0.0
        postings = _Postings(ids, tfs, scale, self._norms(field) if ids else [])
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
        # Each part's shares are added to the sums so far (from 0.0 when absent, which
        # gives the share itself), looped in C; the parts in the same order as ever, so
        # that the sums are the same to the last bit.
        if among is not None:
            # Only the candidates: the others cannot match every word.
            scores: dict[int, float] = {}
            for field, text in terms:
                postings = self._postings(field, text)
                if not postings.ids:
                    continue
                if len(among) * _SEEK_COST < len(postings):
                    _add(scores, *postings.among(among))
                else:
                    # The documents in both, met as dict keys in C (the smaller side
                    # looked up in the other); the dict kept with the postings.
                    if postings.by_doc is None:
                        self._cached += _SCORE_BYTES * len(postings)
                    self._values(postings)  # counted in the cache's size
                    shares = postings.shares()
                    held = list(among.keys() & shares.keys())
                    _add(scores, held, map(shares.__getitem__, held))
            return scores
        # A word's scores over all documents are kept with the postings: the same words
        # come back as a query is typed. Like every dict the scorer hands out, read-only.
        key = ("word", *(part for pair in terms for part in pair))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            assert isinstance(cached, dict)
            return cached
        parts = [p for p in (self._postings(f, t) for f, t in terms) if p.ids]
        parts.sort(key=len, reverse=True)
        scores = dict(zip(parts[0].ids, self._values(parts[0]), strict=True)) if parts else {}
        for part in parts[1:]:
            _add(scores, part.ids, self._values(part))
        self._remember(key, scores)
        return scores

    def _values(self, postings: _Postings) -> list[float]:
        """The postings' shares, counted in the cache's size when first worked out."""
        if not postings.has_values:
            self._cached += _VALUE_BYTES * len(postings)
        return postings.values()

    def _size(self, terms: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> int:
        return sum(len(self._postings(f, t)) for f, t in terms)

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
    values = _VALUE_BYTES if cached.has_values else 0
    scores = _SCORE_BYTES if cached.by_doc is not None else 0
    return len(cached) * (_POSTING_BYTES + values + scores)


def _add(scores: dict[int, float], docs: Iterable[int], shares: Iterable[float]) -> None:
    """``scores[d] += share`` for each of ``docs`` (each once; from 0.0 when absent),
    looped in C: the same sums as a Python loop, without a bytecode per posting."""
    docs = docs if isinstance(docs, list) else list(docs)
    sums = map(add, map(scores.get, docs, repeat(0.0)), shares)
    scores.update(zip(docs, sums, strict=True))


def _both(total: dict[int, float], scores: dict[int, float]) -> dict[int, float]:
    """``total[d] + scores[d]`` for the documents in both, looped in C."""
    docs = total.keys() & scores.keys()
    sums = map(add, map(total.__getitem__, docs), map(scores.__getitem__, docs))
    return dict(zip(docs, sums, strict=True))


def _times(total: dict[int, float], weight: float) -> dict[int, float]:
    if weight == 1.0:
        return total
    return dict(zip(total.keys(), map(mul, total.values(), repeat(weight)), strict=True))

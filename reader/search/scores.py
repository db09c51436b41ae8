"""Each term's BM25F share in each document, worked out when the index is written.

A document's score for a query is a sum of shares: for each (field, term) it holds,
``scale * tf / (tf + norm)``, where ``scale`` comes from the term's document frequency and
the field's boost, and ``norm`` from the document's field length against the average. None
of it depends on the query, so the reader works all of it out once, after the index is
written (built or updated), rather than at every query: a query reads each of its terms'
documents and shares as two arrays copied out of one buffer, in C.

The table is derived from the engine's postings and field lengths (:meth:`ScoreTable.compute`)
and depends on the whole index (a new document changes every term's ``scale`` and every
field's average length): an update works it out again, which reads every postings list
once (a tenth of a second at 10,000 questions). It is saved in the index folder
(:data:`SCORES`) under the folder's manifest; a file that does not parse is worked out
again from the engine rather than trusted.

Beside each term's shares, for each common query word the texts write (a word is common
when more than :data:`TOP` questions have it), its best :data:`TOP` questions (and those
tied with the last) and their scores: a query of that word alone ranks them as they are,
rather than sum and sort the shares of thousands of questions at every search.

The file, little-endian: ``FRSC``, then four 32-bit numbers (format version, live
documents, all documents, length of the directory), the directory (UTF-8 JSON: per field,
its terms and each term's number of documents; each common word's (field, term) pairs and
the number of questions kept; in file order), then per term, and then per common word, its
document numbers (32-bit) followed by its shares or scores (64-bit floats).
"""

from __future__ import annotations

import heapq
import json
import math
import struct
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import add, ge, itemgetter, mul, truediv

from reader.search.analysis import tokens
from reader.search.engine import Engine
from reader.search.query import terms_of
from reader.search.schema import FIELD_BOOSTS

SCORES = "scores.bin"
MAGIC = b"FRSC"
FORMAT = 1
_HEADER = struct.Struct("<4sIIII")

K1 = 1.2
B = {"title": 0.5, "title_folded": 0.5, "context": 0.3}
B_DEFAULT = 0.75

# A common word's best documents kept, best first: a query of that word alone ranks these
# instead of every document that has it (the window and the command line rank 30). With
# the documents tied with the last of them: if more than MAX_KEPT, none (rank them all).
TOP = 64
MAX_KEPT = 1024

Pairs = tuple[tuple[str, str], ...]  # a query word's (field, term) pairs
_EMPTY_IDS: array[int] = array("I")


class ScoreTable:
    """Every scored (field, term) of one index: its live documents, in order, and its share
    in each. Read-only; the documents are the engine's numbers for the index it was worked
    out from (:meth:`fits`)."""

    def __init__(
        self,
        doc_count: int,
        doc_count_all: int,
        directory: list[tuple[str, list[tuple[str, int]]]],
        words: list[tuple[Pairs, int]],
        data: bytes,
    ) -> None:
        self.doc_count = doc_count
        self.doc_count_all = doc_count_all
        self._directory = directory
        self._words = words
        self._data = data
        where: dict[tuple[str, str], tuple[int, int]] = {}
        at = 0
        for field, terms in directory:
            for term, count in terms:
                where[field, term] = (at, count)
                at += 12 * count
        tops: dict[Pairs, tuple[int, int]] = {}
        for pairs, count in words:
            tops[pairs] = (at, count)
            at += 12 * count
        if at != len(data):
            raise ValueError(f"score table: {len(data)} bytes of postings, {at} expected")
        self._where = where
        self._tops = tops

    def fits(self, engine: Engine) -> bool:
        """True when the table was worked out from an index of the same documents."""
        return (self.doc_count, self.doc_count_all) == (engine.doc_count, engine.doc_count_all)

    def doc_frequency(self, field: str, term: str) -> int:
        """How many live documents hold ``term`` in ``field``."""
        found = self._where.get((field, term))
        return 0 if found is None else found[1]

    def postings(self, field: str, term: str) -> tuple[array[int], list[float]]:
        """The live documents holding ``term`` in ``field``, in order, and its share in each
        (a list: its floats are read back many times, and an array would box each again)."""
        found = self._where.get((field, term))
        return (_EMPTY_IDS, []) if found is None else self._arrays(*found)

    def top(self, pairs: Pairs) -> tuple[array[int], list[float]] | None:
        """The best documents of a common query word (its ``pairs``: all its (field, term)
        pairs, :func:`~reader.search.query.terms_of`) and their scores, best first: every
        document scoring at least the :data:`TOP`-th best score, so that any other scores
        less. None for a word not kept (a rare one, or one no text writes so)."""
        found = self._tops.get(pairs)
        return None if found is None else self._arrays(*found)

    def _arrays(self, at: int, count: int) -> tuple[array[int], list[float]]:
        ids = array("I")
        ids.frombytes(self._data[at : at + 4 * count])
        shares = array("d")
        shares.frombytes(self._data[at + 4 * count : at + 12 * count])
        if sys.byteorder == "big":
            ids.byteswap()
            shares.byteswap()
        return ids, shares.tolist()

    # -- the file --------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        listed = {
            "fields": self._directory,
            "words": [[[part for pair in pairs for part in pair], n] for pairs, n in self._words],
        }
        raw = json.dumps(listed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = _HEADER.pack(MAGIC, FORMAT, self.doc_count, self.doc_count_all, len(raw))
        return header + raw + self._data

    @classmethod
    def parse(cls, data: bytes) -> ScoreTable:
        """The table saved as ``data``; raises ValueError when it is not one."""
        if len(data) < _HEADER.size:
            raise ValueError("score table: too short")
        magic, version, live, total, size = _HEADER.unpack_from(data)
        if magic != MAGIC or version != FORMAT:
            raise ValueError("score table: not this format")
        end = _HEADER.size + size
        try:
            listed = json.loads(data[_HEADER.size : end].decode("utf-8"))
            directory = [
                (str(field), [(str(term), int(count)) for term, count in terms])
                for field, terms in listed["fields"]
            ]
            words = [(_pairs(flat), int(count)) for flat, count in listed["words"]]
        except (UnicodeDecodeError, TypeError, KeyError) as error:
            raise ValueError(f"score table: directory unreadable ({error})") from error
        counts = [count for _, terms in directory for _, count in terms]
        if live > total or any(n <= 0 for n in counts + [n for _, n in words]):
            raise ValueError("score table: impossible counts")
        return cls(live, total, directory, words, data[end:])

    # -- working it out --------------------------------------------------------------------

    @classmethod
    def compute(cls, engine: Engine, words: Iterable[str] = ()) -> ScoreTable:
        """The table of the index ``engine`` has open: every scored field's terms, and the
        best documents of the common ones of ``words`` (the words the texts write)."""
        doc_count = max(1, engine.doc_count)
        directory: list[tuple[str, list[tuple[str, int]]]] = []
        parts: list[bytes] = []
        postings: dict[tuple[str, str], tuple[array[int], array[float]]] = {}
        for field in sorted(FIELD_BOOSTS):
            norms: list[float] | None = None  # none without a term (an empty index)
            terms: list[tuple[str, int]] = []
            for term in engine.terms(field):
                ids, tfs = engine.postings(field, term)
                if not ids:
                    continue  # only in deleted documents
                if norms is None:
                    norms = _norms(engine, field, doc_count)
                shares = array("d", _shares(ids, tfs, _scale(field, len(ids), doc_count), norms))
                postings[field, term] = (ids, shares)
                parts += _little(ids, shares)
                terms.append((term, len(ids)))
            directory.append((field, terms))
        tops = list(_tops(postings, words))
        for _, ids, shares in tops:
            parts += _little(ids, shares)
        listed = [(pairs, len(ids)) for pairs, ids, _ in tops]
        data = b"".join(parts)
        return cls(engine.doc_count, engine.doc_count_all, directory, listed, data)


def word_sums(parts: Sequence[tuple[array[int], Sequence[float]]]) -> dict[int, float]:
    """A query word's score in each document that has it: the shares of its (field, term)
    ``parts`` added, the biggest part first (and so to the last bit at every search)."""
    found = sorted((p for p in parts if p[0]), key=lambda p: len(p[0]), reverse=True)
    scores = dict(zip(found[0][0], found[0][1], strict=True)) if found else {}
    for ids, shares in found[1:]:
        add_shares(scores, ids, shares)
    return scores


def add_shares(scores: dict[int, float], docs: Iterable[int], shares: Iterable[float]) -> None:
    """``scores[d] += share`` for each of ``docs`` (each once; from 0.0 when absent),
    looped in C: the same sums as a Python loop, without a bytecode per posting."""
    docs = docs if isinstance(docs, list) else list(docs)
    sums = map(add, map(scores.get, docs, repeat(0.0)), shares)
    scores.update(zip(docs, sums, strict=True))


def _tops(
    postings: dict[tuple[str, str], tuple[array[int], array[float]]], words: Iterable[str]
) -> Iterator[tuple[Pairs, array[int], array[float]]]:
    """For each query word the texts' ``words`` make with more than :data:`TOP` documents,
    its best :data:`TOP` documents and their scores, best first."""
    seen: set[Pairs] = set()
    empty = (_EMPTY_IDS, array("d"))
    for word in sorted(set(words)):
        for token in tokens(word):
            pairs = tuple(terms_of(token))
            if pairs in seen:
                continue
            seen.add(pairs)
            parts = [postings.get(pair, empty) for pair in pairs]
            if sum(len(ids) for ids, _ in parts) <= TOP:
                continue  # a rare word: ranked in no time
            scores = word_sums(parts)
            if len(scores) <= TOP:
                continue
            # Every document scoring at least the TOP-th best score (ties included).
            floor = heapq.nlargest(TOP, scores.values())[-1]
            kept = list(compress(scores.items(), map(ge, scores.values(), repeat(floor))))
            if len(kept) <= MAX_KEPT:
                kept.sort(key=itemgetter(1), reverse=True)
                yield pairs, array("I", [d for d, _ in kept]), array("d", [v for _, v in kept])


def _pairs(flat: list[str]) -> Pairs:
    if len(flat) % 2 or not all(isinstance(part, str) for part in flat):
        raise ValueError("score table: a word's terms unreadable")
    return tuple(zip(flat[::2], flat[1::2], strict=True))


def _little(ids: array[int], shares: array[float]) -> tuple[bytes, bytes]:
    """The two arrays as the file keeps them (little-endian)."""
    if sys.byteorder == "big":
        ids, shares = array("I", ids), array("d", shares)
        ids.byteswap()
        shares.byteswap()
    return ids.tobytes(), shares.tobytes()


def _norms(engine: Engine, field: str, doc_count: int) -> list[float]:
    """Each document's ``K1 * (1 - b + b * length / average)`` for ``field``."""
    lengths = engine.lengths(field)
    deleted = engine.deleted
    total = sum(lengths) - sum(lengths[d] for d in deleted if d < len(lengths))
    average = max(1.0, total / doc_count)
    b = B.get(field, B_DEFAULT)
    base = K1 * (1.0 - b)
    per_length = K1 * b / average
    return [base + per_length * length for length in lengths]


def _scale(field: str, df: int, doc_count: int) -> float:
    idf = math.log(1.0 + (doc_count - df + 0.5) / (df + 0.5))
    return FIELD_BOOSTS[field] * idf * (K1 + 1.0)


def _shares(
    ids: array[int], tfs: array[float], scale: float, norms: list[float]
) -> Iterator[float]:
    """``scale * tf / (tf + norm)`` for each posting, looped in C."""
    if tfs and tfs.tobytes() == tfs[:1].tobytes() * len(tfs):
        # The same frequency everywhere (a title's word, once, times the field's boost):
        # scale * tf once for all, the very same numbers in two steps.
        tf = tfs[0]
        return map(truediv, repeat(scale * tf), map(add, repeat(tf), map(norms.__getitem__, ids)))
    freqs = list(tfs)
    return map(
        truediv, map(mul, repeat(scale), freqs), map(add, freqs, map(norms.__getitem__, ids))
    )

"""Each term's BM25F share in each document, worked out when the index is written.

A document's score for a query is a sum of shares: for each (field, term) it holds,
``scale * tf / (tf + norm)``, where ``scale`` comes from the term's document frequency and
the field's boost, and ``norm`` from the document's field length against the average. None
of it depends on the query, so the reader works all of it out once, after the index is
written (built or updated), rather than at every query: a query reads each of its terms'
documents and shares as two arrays copied out of one buffer, in C. So it does for the
common query words of the index (:mod:`reader.search.wordsums`): their sums over all
documents, and their best documents.

The table is derived from the engine's postings and field lengths
(:meth:`ScoreTable.compute`) and depends on the whole index (a new document changes every
term's ``scale`` and every field's average length): an update works it out again, which
reads every postings list once (a few tenths of a second at 10,000 questions). It is saved
in the index folder (:data:`SCORES`) under the folder's manifest; a file that does not
parse is worked out again from the engine rather than trusted.

The file, little-endian: ``FRSC``, then four 32-bit numbers (format version, live
documents, all documents, length of the directory), the directory (UTF-8 JSON: per field,
its terms and each term's number of documents; per common word, its (field, term) pairs,
its number of documents and of best documents; in file order), then per term its document
numbers (32-bit) and its shares (64-bit floats), then per common word its document numbers,
its two sums, the numbers of its best documents and their scores.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from array import array
from collections.abc import Iterable, Iterator
from itertools import repeat
from operator import add, mul, truediv
from typing import Any, TypeAlias

from reader.search.engine import Engine
from reader.search.schema import FIELD_BOOSTS
from reader.search.wordsums import Pairs, Part, common_words

SCORES = "scores.bin"
MAGIC = b"FRSC"
FORMAT = 1
_HEADER = struct.Struct("<4sIIII")

K1 = 1.2
B = {"title": 0.5, "title_folded": 0.5, "context": 0.3}
B_DEFAULT = 0.75

Columns: TypeAlias = "tuple[array[int], list[float]]"  # documents in order, a number each
_EMPTY_IDS: array[int] = array("I")


class ScoreTable:
    """Every scored (field, term) of one index: its live documents, in order, and its share
    in each; and its common words' sums and best documents. Read-only; the documents are
    the engine's numbers for the index it was worked out from (:meth:`fits`)."""

    def __init__(
        self,
        doc_count: int,
        doc_count_all: int,
        directory: list[tuple[str, list[tuple[str, int]]]],
        words: list[tuple[Pairs, int, int]],
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
        common: dict[Pairs, tuple[int, int, int]] = {}
        for pairs, count, best in words:
            common[pairs] = (at, count, best)
            at += 20 * count + 12 * best
        if at != len(data):
            raise ValueError(f"score table: {len(data)} bytes of postings, {at} expected")
        self._where = where
        self._common = common

    def fits(self, engine: Engine) -> bool:
        """True when the table was worked out from an index of the same documents."""
        return (self.doc_count, self.doc_count_all) == (engine.doc_count, engine.doc_count_all)

    def doc_frequency(self, field: str, term: str) -> int:
        """How many live documents hold ``term`` in ``field``."""
        found = self._where.get((field, term))
        return 0 if found is None else found[1]

    def postings(self, field: str, term: str) -> Columns:
        """The live documents holding ``term`` in ``field``, in order, and its share in each
        (a list: its floats are read back many times, and an array would box each again)."""
        found = self._where.get((field, term))
        if found is None:
            return _EMPTY_IDS, []
        at, count = found
        return self._ids(at, count), self._floats(at + 4 * count, count)

    def word_sums(self, pairs: Pairs, by_size: bool) -> Columns | None:
        """A common query word's documents (it stands for ``pairs``, all its (field, term)
        pairs, :func:`~reader.search.query.terms_of`), in order, and its score in each, as
        :func:`~reader.search.wordsums.word_sums` adds them; None for a word not kept (a
        rare one, or one no text writes so)."""
        found = self._common.get(pairs)
        if found is None:
            return None
        at, count, _ = found
        return self._ids(at, count), self._floats(at + (4 if by_size else 12) * count, count)

    def top(self, pairs: Pairs) -> Columns | None:
        """A common query word's best documents and their scores, best first: every
        document scoring at least the :data:`~reader.search.wordsums.TOP`-th best score, so
        that any other scores less. None for a word not kept, or too many tied."""
        found = self._common.get(pairs)
        if found is None or not found[2]:
            return None
        at, count, best = found
        at += 20 * count
        return self._ids(at, best), self._floats(at + 4 * best, best)

    def _ids(self, at: int, count: int) -> array[int]:
        return self._column("I", at, count)

    def _floats(self, at: int, count: int) -> list[float]:
        return self._column("d", at, count).tolist()

    def _column(self, typecode: str, at: int, count: int) -> array[Any]:
        """``count`` numbers of ``typecode`` from ``at``, as the file keeps them."""
        column: array[Any] = array(typecode)
        column.frombytes(self._data[at : at + column.itemsize * count])
        if sys.byteorder == "big":
            column.byteswap()
        return column

    # -- the file --------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        listed = {
            "fields": self._directory,
            "words": [[[t for pair in pairs for t in pair], n, k] for pairs, n, k in self._words],
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
            words = [(_pairs(flat), int(n), int(k)) for flat, n, k in listed["words"]]
        except (UnicodeDecodeError, TypeError, KeyError) as error:
            raise ValueError(f"score table: directory unreadable ({error})") from error
        counts = [count for _, terms in directory for _, count in terms]
        if live > total or any(n <= 0 for n in counts) or any(n <= 0 or k < 0 for _, n, k in words):
            raise ValueError("score table: impossible counts")
        return cls(live, total, directory, words, data[end:])

    # -- working it out --------------------------------------------------------------------

    @classmethod
    def compute(cls, engine: Engine, written: Iterable[str] = ()) -> ScoreTable:
        """The table of the index ``engine`` has open: every scored field's terms, and the
        common query words of ``written`` (the words the texts write)."""
        doc_count = max(1, engine.doc_count)
        directory: list[tuple[str, list[tuple[str, int]]]] = []
        chunks: list[bytes] = []
        parts: dict[tuple[str, str], Part] = {}
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
                parts[field, term] = (ids, shares)
                chunks += (_little(ids), _little(shares))
                terms.append((term, len(ids)))
            directory.append((field, terms))
        words: list[tuple[Pairs, int, int]] = []
        for word in common_words(parts, written):
            chunks += (_little(word.ids), _little(word.by_size), _little(word.in_order))
            chunks += (_little(word.top_ids), _little(word.top_scores))
            words.append((word.pairs, len(word.ids), len(word.top_ids)))
        data = b"".join(chunks)
        return cls(engine.doc_count, engine.doc_count_all, directory, words, data)


def _pairs(flat: list[str]) -> Pairs:
    if len(flat) % 2 or not all(isinstance(part, str) for part in flat):
        raise ValueError("score table: a word's terms unreadable")
    return tuple(zip(flat[::2], flat[1::2], strict=True))


def _little(column: array[int] | array[float]) -> bytes:
    """The column as the file keeps it (little-endian)."""
    if sys.byteorder == "big":
        column = array(column.typecode, column)
        column.byteswap()
    return column.tobytes()


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

"""Writing the engine's index files: the other half of :mod:`reader.search.engine`.

Whoosh's segment writer, fed with pre-analysed :data:`~reader.search.engine.Document` s,
made to write the same files as Whoosh's own code several times faster: a text field's
terms are counted at once and filed by term (no tuple, no analyzer call per posting), and
each term's postings go to the postings file a block at a time. Only
:mod:`reader.search.engine` imports this module (when it writes), after checking Whoosh's
release; like it, it reads and sets Whoosh's objects below their public API.
"""

from __future__ import annotations

import functools
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from reader.search.engine import (
    BLOCK_COMPRESSION,
    BLOCK_POSTINGS,
    WRITER_MB,
    Counts,
    Document,
    field_lengths,
)  # first: it checks the Whoosh release and imports it lean

# isort: split
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index
from whoosh.writing import PostingPool, SegmentWriter

_Postings = tuple[list[int], list[float]]  # one term's documents, in order, and weights


class TermPool(PostingPool):  # type: ignore[misc]
    """Whoosh's posting pool, filed by field and term as documents come, without its one
    big sort (it holds the GIL for a second) nor a tuple per posting.

    Documents come in docnum order, so each term's postings already are; only the field
    names and each field's terms are sorted, at the end. No posting value is kept: the
    schema's formats have none. Spilled runs are written in Whoosh's sorted order.
    """

    def __init__(self, tempstore: Any, segment: Any, limitmb: int) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        self._fields: dict[str, dict[bytes, _Postings]] = {}
        self._unsorted = False  # a merged segment's postings came out of docnum order

    def _terms(self, fieldname: str) -> dict[bytes, _Postings]:
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def add(self, item: tuple[str, bytes, int, float, Any]) -> None:
        """Whoosh's posting ``(field, term, docnum, weight, value)`` (from a merged segment)."""
        postings = self._terms(item[0]).setdefault(item[1], ([], []))
        if postings[0] and postings[0][-1] >= item[2]:
            self._unsorted = True
        postings[0].append(item[2])
        postings[1].append(item[3])
        self._grew(1, len(item[1]))

    def add_counts(self, fieldname: str, counts: Counter[str], docnum: int, boost: float) -> None:
        """The postings of one document's field: each term and how often it comes."""
        terms = self._terms(fieldname)
        weights = _weights(boost)
        new = 0  # bytes of the terms met for the first time
        for term, n in counts.items():
            tbytes = term.encode("utf-8")
            postings = terms.get(tbytes)
            if postings is None:
                postings = terms[tbytes] = ([], [])
                new += 250 + len(tbytes)
            postings[0].append(docnum)
            postings[1].append(weights[n] if n < len(weights) else float(n) * boost)
        self._grew(len(counts), new)

    def _grew(self, postings: int, more: int) -> None:
        # About what postings take: two list slots each (the weights are shared floats).
        self.currentsize += 16 * postings + more
        if self.currentsize > self.limit:
            self.save()

    def fields(self) -> Iterator[tuple[str, Iterator[tuple[bytes, _Postings]]]]:
        """Each field in order with its terms in order, handed over (the pool empties)."""
        fields, self._fields = self._fields, {}
        order = _in_order if self._unsorted else None
        for fieldname in sorted(fields):
            terms = fields.pop(fieldname)
            if order is None:
                yield fieldname, ((t, terms.pop(t)) for t in sorted(terms))
            else:
                yield fieldname, ((t, order(terms.pop(t))) for t in sorted(terms))

    def _sorted(self) -> Iterator[Any]:
        for fieldname, terms in self.fields():
            for tbytes, (ids, weights) in terms:
                for docnum, weight in zip(ids, weights, strict=True):
                    yield fieldname, tbytes, docnum, weight, None

    def save(self) -> None:
        if self._fields:
            path, f = self._new_run()
            self._write_run(f, self._sorted())
            self._add_run(path)
        self.currentsize = 0

    def items(self, maxfiles: int = 128) -> Iterator[Any]:
        if not self.runs:
            return self._sorted()
        return super().items(maxfiles)  # type: ignore[no-any-return]


@functools.cache
def _weights(boost: float) -> list[float]:
    """The weights of the frequent frequencies (shared objects: no float per posting)."""
    return [float(n) * boost for n in range(64)]


def _in_order(postings: _Postings) -> _Postings:
    pairs = sorted(zip(*postings, strict=True))
    return [d for d, _ in pairs], [w for _, w in pairs]


class _Writer(SegmentWriter):  # type: ignore[misc]
    """Whoosh's segment writer for :data:`Document` s: the files Whoosh's ``add_document``
    and commit would write, several times faster.

    :meth:`add` files a text field's terms counted at once (``str.split`` and ``Counter``)
    rather than one by one through the analyzer and the format; the commit writes each
    term's postings a block at a time rather than a posting at a time, the field lengths
    read once rather than once a posting. Past the pool's memory (sorted runs on disk),
    Whoosh's own commit merges the runs.
    """

    def __init__(self, ix: Index, codec: Any) -> None:
        # In memory, runs would go to memory too (and Whoosh cannot read them back there).
        limitmb = 1 << 20 if isinstance(ix.storage, RamStorage) else WRITER_MB
        super().__init__(ix, timeout=5.0, limitmb=limitmb, codec=codec)
        # Whoosh's ``ix.writer(poolclass=…)`` takes the argument but ignores it.
        self.pool = TermPool(self._tempstorage, self.newsegment, limitmb)

    def add(self, document: Document) -> None:
        """What ``add_document(**document)`` does (the id column as UTF-8 bytes)."""
        self._check_state()
        perdoc, pool, docnum = self.perdocwriter, self.pool, self.docnum
        perdoc.start_doc(docnum)
        for name in sorted(document):
            value, field = document[name], self.schema[name]
            if isinstance(field.format, Counts):
                terms = value.split()
                pool.add_counts(name, Counter(terms), docnum, field.format.field_boost)
                perdoc.add_field(name, field, None, len(terms))
                continue
            if field.indexed:  # the page id: one term
                for tbytes, _, weight, vbytes in field.index(value):
                    pool.add((name, tbytes, docnum, weight, vbytes))
            if field.column_type:  # the question id
                column_value = field.to_column_value(value.encode("utf-8"))
                perdoc.add_column_value(name, field.column_type, column_value)
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        if self.pool.runs:
            super()._flush_segment()
            return
        self.perdocwriter.close()
        perdoc = self.per_document_reader()
        writer = self.fieldwriter
        try:
            for fieldname, terms in self.pool.fields():
                field = self.schema[fieldname]
                lengths = field_lengths(perdoc, fieldname, self.docnum) if field.scorable else []
                writer.start_field(fieldname, field)
                for tbytes, (ids, weights) in terms:
                    writer.start_term(tbytes)
                    _add_postings(writer._postwriter, ids, weights, lengths)
                    writer.finish_term()
                writer.finish_field()
        finally:
            perdoc.close()
        writer.close()


def _add_postings(writer: Any, ids: list[int], weights: list[float], lengths: list[int]) -> None:
    """What ``writer.add_posting`` does a posting at a time, a block at a time."""
    limit = writer._blocklimit
    for start in range(0, len(ids), limit):
        block_ids = ids[start : start + limit]
        block_weights = weights[start : start + limit]
        writer._ids = array("I", block_ids)
        writer._weights = array("f", block_weights)
        writer._maxweight = max(0, max(block_weights))
        if lengths:
            present = [n for n in map(lengths.__getitem__, block_ids) if n]
            writer._minlength = min(present, default=None)
            writer._maxlength = max(present, default=0)
        if start + limit < len(ids):
            writer._write_block()  # the last block is the term's to write (or inline)


def write(ix: Index, documents: Iterable[Document], pages: Iterable[str] = ()) -> None:
    """One writer: delete the documents of ``pages``, add ``documents``, commit."""
    codec = W3Codec(blocklimit=BLOCK_POSTINGS, compression=BLOCK_COMPRESSION)
    writer = _Writer(ix, codec)
    try:
        for page in pages:
            writer.delete_by_term("page", page)
        for document in documents:
            writer.add(document)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()

"""A posting pool for Whoosh's writer that never holds the GIL for long.

Whoosh's own pool keeps every posting ``(field, term, docnum, weight, value)`` in one list
and, at commit, sorts it with one ``sorted()`` call: at 10,000 questions that is a million
tuples compared in C, half a second to over a second during which no other thread runs
(the window froze while the index was built on its worker thread).

This pool files each posting under its field and term as it comes. The writer adds
documents in docnum order, so each term's postings are already in order; at commit only the
field names and, per field, the distinct terms are sorted (bytes, a few thousand to a few
tens of thousands), and the postings come out in exactly the order Whoosh's sort would
give, from a Python generator that lets other threads run. Spilling to temporary runs
above ``limitmb`` works as in Whoosh's pool, each run written in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.writing import PostingPool, SegmentWriter

Posting = tuple[str, bytes, int, float, Any]

# Estimated bytes of one posting besides its term and value (Whoosh's own estimate).
_OVERHEAD = 28 + 4 * 5 + 21 + 26 + 18 + 16 + 21


class TermPool(PostingPool):
    """Drop-in :class:`whoosh.writing.PostingPool` without the one big sort."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._fields: dict[str, dict[bytes, list[Posting]]] = {}

    def add(self, item: Posting) -> None:
        fieldname, tbytes = item[0], item[1]
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        postings = terms.get(tbytes)
        if postings is None:
            terms[tbytes] = [item]
        else:
            postings.append(item)
        self.currentsize += _OVERHEAD + len(fieldname) + 2 * len(tbytes) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()

    def _sorted(self) -> Iterator[Posting]:
        """The pooled postings in Whoosh's order, emptying the pool."""
        fields, self._fields = self._fields, {}
        for fieldname in sorted(fields):
            terms = fields.pop(fieldname)
            for tbytes in sorted(terms):
                postings = terms.pop(tbytes)
                postings.sort()  # already in order when added by docnum: a linear check
                yield from postings

    def save(self) -> None:
        if self._fields:
            path, f = self._new_run()
            self._write_run(f, self._sorted())
            self._add_run(path)
        self.currentsize = 0

    def items(self, maxfiles: int = 128) -> Iterator[Posting]:
        if not self.runs:
            return self._sorted()
        return super().items(maxfiles)  # saves what is left, then merges the runs


def use_term_pool(writer: Any, limitmb: int) -> Any:
    """Give a fresh Whoosh segment writer a :class:`TermPool` (returns the writer).

    Whoosh's ``ix.writer(poolclass=…)`` accepts the argument but ignores it.
    """
    if isinstance(writer, SegmentWriter) and type(writer.pool) is PostingPool:
        if writer.pool.current or writer.pool.runs:
            raise RuntimeError("the writer has already pooled postings")
        writer.pool = TermPool(writer._tempstorage, writer.newsegment, limitmb=limitmb)
    return writer

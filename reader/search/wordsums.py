"""A query word's score in each document: its terms' shares added up, in a fixed order.

A query word stands for several (field, term) pairs (:func:`~reader.search.query.terms_of`:
its stems in the title, the answer and the context, its folded form in the folded title),
and a document's score for the word is the sum of its shares for those it holds. Floating
point sums depend on their order, so the ranking adds them in one of two fixed orders, and
so does everything that works them out ahead of it: over all documents, the biggest part
first (:func:`word_sums` ``by_size``); among candidates, in the pairs' own order.

For the common words of an index (more than :data:`TOP` questions have them), the score
table keeps both sums and the best questions (:func:`common_words`), worked out when the
index is written: the ranking then copies them, where it would add up thousands of shares
at the first search of the word.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, ge, itemgetter

from reader.search.analysis import tokens
from reader.search.query import terms_of

# A common word's best documents kept, best first: a query of that word alone ranks these
# instead of every document that has it (the window and the command line rank 30). With
# the documents tied with the last of them: if more than MAX_KEPT, none (rank them all).
TOP = 64
MAX_KEPT = 1024

Pairs = tuple[tuple[str, str], ...]  # a query word's (field, term) pairs
Part = tuple[Sequence[int], Sequence[float]]  # one pair's documents, in order, and shares


def word_sums(parts: Sequence[Part], by_size: bool) -> dict[int, float]:
    """A query word's score in each document that has one of its ``parts``: their shares
    added, the biggest part first (``by_size``) or in the parts' order."""
    found = [part for part in parts if part[0]]
    if by_size:
        found.sort(key=lambda part: len(part[0]), reverse=True)
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


@dataclass(frozen=True)
class CommonWord:
    """A common query word's scores, worked out when the index is written: its documents
    in order with both sums (by size, in order), and its best documents, best first (none
    when too many tie with the last)."""

    pairs: Pairs
    ids: array[int]
    by_size: array[float]
    in_order: array[float]
    top_ids: array[int]
    top_scores: array[float]


def common_words(
    parts: dict[tuple[str, str], Part], written: Iterable[str]
) -> Iterator[CommonWord]:
    """The common query words of the texts' ``written`` words, with the shares of each
    (field, term) pair in ``parts``."""
    seen: set[Pairs] = set()
    for word in sorted(set(written)):
        for token in tokens(word):
            pairs = tuple(terms_of(token))
            if pairs in seen:
                continue
            seen.add(pairs)
            found = [parts.get(pair, ((), ())) for pair in pairs]
            if sum(len(ids) for ids, _ in found) <= TOP:
                continue  # a rare word: ranked in no time
            by_size = word_sums(found, by_size=True)
            if len(by_size) <= TOP:
                continue
            in_order = word_sums(found, by_size=False)
            ids = sorted(by_size)
            # Every document scoring at least the TOP-th best score (ties included).
            floor = heapq.nlargest(TOP, by_size.values())[-1]
            best = list(compress(by_size.items(), map(ge, by_size.values(), repeat(floor))))
            best.sort(key=itemgetter(1), reverse=True)
            if len(best) > MAX_KEPT:
                best = []
            yield CommonWord(
                pairs,
                array("I", ids),
                array("d", map(by_size.__getitem__, ids)),
                array("d", map(in_order.__getitem__, ids)),
                array("I", [d for d, _ in best]),
                array("d", [score for _, score in best]),
            )

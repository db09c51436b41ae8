"""Where a question's texts write the words a query looks for: the input of the check.

After ranking, each candidate is checked word by word against the query
(:mod:`reader.search.coverage`). The words that can matter are known before any
candidate is read: those that the word table written at index time gives for the query's
terms (``Tables.words_with``), as the titles and answers write them (``l'accès``,
``Légumes``). :func:`question_words` looks for just those in a question's title and
answer, and :class:`QuestionWords` holds where it writes them. Nothing of a text is
analysed per candidate: what a word as written stands for (its folded form and stems) is
the analyzer's, cached (:func:`~reader.search.analysis.word_parts`).

What the check asks of a question (which terms, which folded words it has) depends only
on which of those words it writes, its ``key``: questions that write the same ones are
checked once per query (:meth:`~reader.search.coverage.Checker.check`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from operator import itemgetter

from reader.search.analysis import WORD, word_parts

Found = list[tuple[int, str]]
"""The words of one text that a query looks for: (where it starts, the word as written),
in text order."""

# Up to this many words, each is looked for on its own: listing a text's words costs as
# much as looking for about 50 of them in an answer of a few hundred characters.
_FIND_EACH = 48
_APOSTROPHES = frozenset("'’`")


def question_words(title: str, answer: str | None, only: frozenset[str] | None) -> QuestionWords:
    """Where the title and the answer (None: the question has none) write the words
    ``only`` (None: every word); both looked through at once, the answer first: a line
    break between them is where WORD would cut anyway."""
    if answer is None:
        found = find(title, only)
        return QuestionWords((found,), found)
    found = find(f"{answer}\n{title}", only)
    cut = len(answer) + 1
    split = bisect_left(found, (cut,))
    title_found = [(start - cut, raw) for start, raw in found[split:]]
    return QuestionWords((title_found, found[:split]), found)


def find(text: str, only: frozenset[str] | None) -> Found:
    """Where :data:`~reader.search.analysis.WORD` finds the words ``only`` in ``text``, in
    order (``only`` None: every word).

    Each word is looked for with ``str.find`` (the text's words are first listed in C and
    met with ``only`` as sets when there are many to look for), and an occurrence counts
    where WORD would cut one word there: not after a letter (or a letter and an
    apostrophe, which WORD would have gone on through), not before one (or an apostrophe
    and a letter). ``[^\\W_]`` is ``str.isalnum`` for one character, and ``""`` is
    neither a letter nor an apostrophe.
    """
    if only is None:
        return [(match.start(), match.group()) for match in WORD.finditer(text)]
    if len(only) > _FIND_EACH:
        only = only.intersection(WORD.findall(text))
    out: Found = []
    look = text.find
    for raw in only:
        at = look(raw)
        while at >= 0:
            end = at + len(raw)
            before = text[at - 1] if at else ""
            after = text[end : end + 1]
            if not (
                before.isalnum()
                or after.isalnum()
                or (before in _APOSTROPHES and text[at - 2 : at - 1].isalnum())
                or (after in _APOSTROPHES and text[end + 1 : end + 2].isalnum())
            ):
                out.append((at, raw))
            at = look(raw, end)
    out.sort()
    return out


class QuestionWords:
    """One question's words among those a query looks for: ``texts`` has, for its title
    and its answer's plain text if it has one, where each text writes them."""

    __slots__ = ("_index", "key", "texts")

    def __init__(self, texts: tuple[Found, ...], found: Found) -> None:
        self.texts = texts
        self.key = frozenset(map(itemgetter(1), found))
        """The words written, wherever: all that :meth:`isdisjoint` and :meth:`itself`
        depend on."""
        self._index: tuple[set[str], set[str]] | None = None

    def isdisjoint(self, terms: Iterable[str]) -> bool:
        """True when no word of the question has one of ``terms`` (folded forms, stems)."""
        return self._sets()[0].isdisjoint(terms)

    def itself(self, forms: Iterable[str]) -> bool:
        """True when a word of the question, folded, is one of ``forms``."""
        return not self._sets()[1].isdisjoint(forms)

    def first(self, terms: Iterable[str]) -> str:
        """The first word (term by term, the title before the answer) with one of
        ``terms``, in lower case; "" when there is none."""
        for term in terms:
            for found in self.texts:
                for _, raw in found:
                    for _, surface, folded, stems in word_parts(raw):
                        if term == folded or term in stems:
                            return surface.lower()
        return ""

    def _sets(self) -> tuple[set[str], set[str]]:
        """The terms (folded forms and stems) of the words, and their folded forms."""
        if self._index is None:
            terms: set[str] = set()
            folded: set[str] = set()
            for raw in self.key:
                for _, _, form, stems in word_parts(raw):
                    folded.add(form)
                    terms.update(stems)
            self._index = (terms | folded, folded)
        return self._index

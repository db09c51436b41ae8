"""What a search shows: the outcome of one query, and the questions offered when nothing
matched (pure Python: no Qt)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.ui.text import fold

if TYPE_CHECKING:
    from reader.content.model import Library, Question

NEARBY_LIMIT = 6


@dataclass(frozen=True)
class SearchOutcome:
    """What the results list shows for one query.

    ``hits`` are the matches, best first (objects with the search index's ``Hit`` fields);
    when there are none, ``suggestion`` is the corrected query, if any, and ``nearby`` holds
    questions close to what was typed, so the list is never bare.
    """

    query: str
    hits: tuple[Any, ...]
    suggestion: str | None = None
    fuzzy: bool = False
    nearby: tuple[Any, ...] = ()
    interpreted: str | None = None  # set when hits came through synonyms or corrections


@dataclass(frozen=True)
class NearbyQuestion:
    """A question offered when nothing matched; the same fields as a search hit."""

    id: str
    page: str
    section: str
    question: str
    score: float = 0.0
    snippet: str = ""
    terms: tuple[str, ...] = ()
    answered: bool = True

    @classmethod
    def of(cls, question: Question, score: float) -> NearbyQuestion:
        return cls(
            question.id,
            question.page_id,
            question.section_title,
            question.title,
            score,
            answered=question.answered,
        )


def nearby_questions(library: Library, text: str, limit: int = NEARBY_LIMIT) -> list[Any]:
    """Questions whose title words look like the words typed (typos, partial words)."""
    words = [w for w in fold(text).split() if len(w) >= 3]
    if not words:
        return []
    scored = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    for question in library.questions():
        title_words = [w for w in fold(question.title).replace("'", " ").split() if len(w) >= 3]
        best = 0.0
        for word in words:
            matcher.set_seq2(word)
            for title_word in title_words:
                matcher.set_seq1(title_word)
                if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                    best = max(best, matcher.ratio())
        if best >= 0.6:
            scored.append((best, question))
    scored.sort(key=lambda pair: -pair[0])
    return [NearbyQuestion.of(question, score) for score, question in scored[:limit]]

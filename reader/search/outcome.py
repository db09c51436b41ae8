"""From ranked questions to a :class:`SearchResult`: coverage, order, hits, what was searched.

The index ranks questions by score (:mod:`reader.search.scoring`); here each candidate is
checked against the query (:mod:`reader.search.coverage`) and the candidates are put in
their final order: the fewest missing words first (a FAQ question before a linked page's
heading that lacks as few), then those with the words themselves
before those with only another word (of the same stem, a synonym, a correction), then
by score, then in the FAQ's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from reader.content.model import Question
from reader.search.analysis import tokens
from reader.search.coverage import Checker, Coverage
from reader.search.query import Clause, Option, Plan
from reader.search.results import Hit, MatchedWord, SearchResult
from reader.search.snippets import mark, plain_text, snippet
from reader.search.textwords import QuestionWords, question_words

_CORRECTIONS = ("correction", "phonetic")


class Candidate(NamedTuple):
    """A question the index found, with what it covers of the query."""

    question: Question
    score: float  # rounded as shown
    coverage: Coverage
    words: QuestionWords  # where the title, and the answer if it has one, write them
    answer: str  # the answer as plain text ("" without one)

    def found_as(self, option: Option) -> str:
        """The question's first word found for ``option`` (a correction, a sound-alike:
        its first word), in lower case."""
        return self.words.first(dict.fromkeys(term for _, term in option.groups[0]))


def candidate(
    checker: Checker,
    question: Question,
    score: float,
    answer: str | None,
    words: frozenset[str] | None,
) -> Candidate:
    """A question the index found with ``score``, checked against the query.

    ``answer`` is its answer as plain text (None: worked out here); ``words`` the words
    of the texts that matter (``Tables.words_with`` of :attr:`Checker.terms`; None: all).
    """
    if question.answered:
        answer = plain_text(question.answer) if answer is None else answer
        found = question_words(question.title, answer, words)
    else:
        answer, found = "", question_words(question.title, None, words)
    return Candidate(question, round(float(score), 4), checker.check(found), found, answer)


def in_order(
    found: Iterable[Candidate], position: Callable[[str], int], limit: int
) -> list[Candidate]:
    """The ``limit`` best candidates, best first: fewest missing words, the FAQ's questions
    before the headings of linked pages, fewest words found only as other words, best
    score, then the FAQ's order (``position`` of an id)."""

    def key(c: Candidate) -> tuple[int, bool, int, float, int]:
        missing, linked = len(c.coverage.missing), c.question.linked
        return (missing, linked, c.coverage.indirect, -c.score, position(c.question.id))

    return sorted(found, key=key)[:limit]


def make_hit(candidate: Candidate) -> Hit:
    """The :class:`Hit` of a candidate: its snippet marks only the words that matched."""
    question, coverage, texts = candidate.question, candidate.coverage, candidate.words.texts
    marks = coverage.marker.marks
    shown = title_words = marks(texts[0])
    answered = len(texts) > 1
    if answered:
        shown = marks(texts[1])
        html = snippet(candidate.answer, shown)
    else:
        html = mark(question.title, shown)
    matched: dict[str, MatchedWord] = {}
    for marked in title_words + shown if answered else shown:
        word = marked[3]
        matched.setdefault(word.word, word)
    return Hit(
        id=question.id,
        page=question.page_id,
        section=question.section_title,
        question=question.title,
        score=candidate.score,
        snippet=html,
        terms=tuple(matched),
        answered=answered,
        missing=coverage.missing,
        matched=tuple(matched.values()),
    )


def result(plan: Plan, checker: Checker, found: list[Candidate], correct: bool) -> SearchResult:
    """The :class:`SearchResult` of the query planned as ``plan``, hits in ``found`` order."""
    text = plan.text
    hits = tuple(map(make_hit, found))
    corrected = _corrected(text, found)
    suggestion = corrected if found else _no_hit_suggestion(text, plan)
    explanation = interpreted = None
    if found:
        interpreted = _interpreted(text, plan, found[0])
        if interpreted is not None:
            explanation = f"résultats pour « {interpreted} »"
    return SearchResult(
        query=text,
        hits=hits,
        suggestion=suggestion,
        fuzzy=plan.fuzzy and bool(hits),
        explanation=explanation,
        interpreted=interpreted,
        corrected=corrected,
        correct=correct,
        words=checker.words,
        uncovered=_uncovered(checker, found),
    )


def _corrected(text: str, found: list[Candidate]) -> str | None:
    """The query with each corrected word as the first hit found with it writes it."""
    replacements: dict[int, tuple[Clause, str]] = {}
    for candidate in found:
        for cover in candidate.coverage.clauses:
            option = cover.option
            if option is None or option.via not in _CORRECTIONS:
                continue
            start = cover.clause.start
            if start not in replacements:
                found_as = candidate.found_as(option)
                if found_as:
                    replacements[start] = (cover.clause, found_as)
    return rewrite(text, list(replacements.values())) if replacements else None


def _no_hit_suggestion(text: str, plan: Plan) -> str | None:
    """With no hit, the query with each unknown word's first correction, if any."""
    spelt = [(c, c.options[0].text) for c in plan.usable if c.options[0].via in _CORRECTIONS]
    return rewrite(text, spelt) if spelt else None


def _interpreted(text: str, plan: Plan, first: Candidate) -> str | None:
    """The query as the first hit answers it, when that is not the words typed.

    A synonym already among the other words typed is left out rather than repeated
    ("crise sanitaire covid" is not "crise sanitaire crise sanitaire").
    """
    replaced: list[tuple[Clause, str]] = []
    for cover in first.coverage.clauses:
        option = cover.option
        if option is None or option.own:
            continue
        if option.via == "synonym":
            others = {t.folded for c in plan.clauses if c is not cover.clause for t in c.tokens}
            said = [t.folded for t in tokens(option.text)]
            replaced.append((cover.clause, "" if set(said) <= others else option.text))
        else:
            replaced.append((cover.clause, first.found_as(option) or option.text))
    return rewrite(text, replaced) if replaced else None


def _uncovered(checker: Checker, found: list[Candidate]) -> tuple[str, ...]:
    """The content words that no hit covers (a phrase whole, unless all lack one word)."""
    words = checker.words
    if not found:
        return words
    out: list[str] = []
    for i, typed in enumerate(words):
        lacks = [c.coverage.clauses[i].missing for c in found]
        if all(lacks):
            common = set(lacks[0]).intersection(*lacks[1:])
            out += [w for w in lacks[0] if w in common] or [typed]
    return tuple(out)


def rewrite(text: str, replacements: list[tuple[Clause, str]]) -> str:
    """``text`` with each clause's words replaced, on one line."""
    out, pos = [], 0
    for clause, replacement in sorted(replacements, key=lambda pair: pair[0].start):
        out.append(text[pos : clause.start])
        out.append(replacement)
        pos = clause.end
    out.append(text[pos:])
    return " ".join("".join(out).split())

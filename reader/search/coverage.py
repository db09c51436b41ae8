"""Which words of the query a question covers, and how each of its words matched.

A step of its own after ranking. Its input is, for one question, the forms of the words
it contains: :data:`QuestionWords`, each folded word and stem of a text → that text's
words with this form. Today these come from analysing the title and the answer again
(:func:`question_words`, cached); a term → word-forms table written at index time can
stand in for them without changing this module.

For each content clause of the query (question words are never missing), the question
covers it:

- with the user's own words when all of them are there in some form (as typed, other
  accents, another inflection, or the words an unfinished last word begins);
- else with another way to say it: a synonym, a correction, a sound-alike. A synonym
  that only keeps some of the typed words (``en ligne`` for ``payer en ligne``) is no
  other way to say them: the words it leaves out must be there themselves;
- else not: the clause's words that are not there are ``missing``, as the user typed
  them (a phrase of which no word is there is missing whole, ``mot de passe``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.search.analysis import Token, fold_word, stems_of, token_positions
from reader.search.query import Clause, Option, Plan
from reader.search.results import MatchedWord, MatchKind
from reader.search.snippets import plain_text

_LETTERS = re.compile(r"[^\W_]+")

QuestionWords = Mapping[str, tuple[Token, ...]]
"""One text of a question: each folded word and stem → the words of the text with it."""

_KIND_OF_WAY: dict[str, MatchKind] = {
    "completion": "completion",
    "correction": "typo",
    "phonetic": "sound-alike",
    "synonym": "synonym",
}


def question_words(title: str, answer: str, answered: bool) -> tuple[QuestionWords, ...]:
    """The word forms of a question's title and answer (the answer's only if it has one)."""
    if not answered:
        return (token_positions(title),)
    return (token_positions(title), token_positions(plain_text(answer)))


@dataclass(frozen=True)
class Way:
    """How a term of the index stands for the query in a question.

    ``query`` is the query word the term is a form of, for the user's own words (to tell
    the word as typed from its other accents and inflections).
    """

    via: str  # the option's way: "exact", "completion", "synonym", "correction", "phonetic"
    stands_for: str  # the query word or phrase, as typed
    query: Token | None = None

    def kind(self, word: Token) -> MatchKind:
        """How ``word``, a word of the question with this term, matched."""
        if self.query is None:
            return _KIND_OF_WAY.get(self.via, "exact")
        if word.surface.lower() == self.query.surface.lower():
            return "exact"
        return "accent" if word.folded == self.query.folded else "inflection"


@dataclass(frozen=True)
class ClauseCover:
    """How a question covers one content clause of the query."""

    clause: Clause
    option: Option | None  # the option found (the user's words first); None: not covered
    missing: tuple[str, ...]  # the clause's words the question lacks, as typed
    # The user's words found as themselves: not only through a word of the same stem, a
    # synonym, a correction or a sound-alike (a missing clause counts as found as itself:
    # it counts among the missing).
    same_word: bool
    found_as: str = ""  # for a correction or sound-alike: the word found, as written


@dataclass(frozen=True)
class Coverage:
    """What a question covers of the query: per content clause, and each term's way."""

    clauses: tuple[ClauseCover, ...]
    ways: dict[str, Way]  # index term (folded word or stem) → how it stands for the query

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(word for c in self.clauses for word in c.missing)

    @property
    def indirect(self) -> int:
        """Content clauses found only through other words: of the same stem (``formats``
        for ``formation``), synonyms, corrections. Such a question ranks below one with
        the words themselves."""
        return sum(1 for c in self.clauses if not c.same_word)

    def matched(self, words: QuestionWords) -> dict[Token, MatchedWord]:
        """The words of one text that matched, each with how (in text order)."""
        found: dict[Token, MatchedWord] = {}
        for term, way in self.ways.items():
            for token in words.get(term, ()):
                if token not in found:
                    found[token] = MatchedWord(token.surface, way.kind(token), way.stands_for)
        return dict(sorted(found.items(), key=lambda item: item[0].start))


class _Option:
    """An option prepared for checking questions: its groups' terms as plain strings (the
    fields do not matter here), and the way each term stands for the query."""

    __slots__ = ("groups", "option", "relaxes", "ways")

    def __init__(self, option: Option, clause: Clause, typed: str) -> None:
        self.option = option
        self.groups = tuple(tuple(dict.fromkeys(t for _, t in g)) for g in option.groups)
        self.relaxes = option.via == "synonym" and _drops_words(option.text, clause, typed)
        self.ways: dict[str, Way] = {}
        for n, group in enumerate(self.groups):
            if option.via == "exact":  # group n is the n-th word typed
                way = Way("exact", typed, clause.tokens[n])
            else:
                # A word of a synonym that is one of the words typed (``carte`` of
                # ``carte bancaire`` for ``carte bleue``) is shown as typed.
                token = next((t for t in clause.tokens if set(group) <= set(_forms(t))), None)
                way = Way(option.via, typed) if token is None else Way("exact", typed, token)
            for term in group:
                self.ways.setdefault(term, way)

    def found(self, texts: Sequence[QuestionWords]) -> bool:
        return all(_has(texts, group) for group in self.groups)


class _Clause:
    """A content clause prepared for checking questions."""

    __slots__ = ("clause", "others", "own", "typed", "words")

    def __init__(self, clause: Clause, text: str) -> None:
        self.clause = clause
        self.typed = clause.typed(text)
        options = [_Option(o, clause, self.typed) for o in clause.options]
        self.own = options[0] if options and options[0].option.own else None
        self.others = [o for o in options if o is not self.own and not o.relaxes]
        # Word by word, for a clause not found whole: each word itself, or its synonyms.
        self.words = [
            (
                token,
                Way("exact", self.typed, token),
                [_Option(o, clause, token.surface) for o in synonyms],
            )
            for token, synonyms in zip(
                clause.tokens, clause.word_synonyms or [()] * len(clause.tokens), strict=True
            )
        ]


class Checker:
    """Checks questions against one query's plan (prepared once, used for every hit)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._clauses = [_Clause(c, plan.text) for c in plan.clauses if c.required]

    def best_possible(self, coverage: Coverage) -> bool:
        """True when a question covers every content clause the index can match at all
        (a word the index has never seen, and cannot correct, is missing everywhere)."""
        return all(not c.missing or not c.clause.options for c in coverage.clauses)

    @property
    def words(self) -> tuple[str, ...]:
        """The content words of the query, as typed."""
        return tuple(c.typed for c in self._clauses)

    def cover(self, texts: Sequence[QuestionWords]) -> Coverage:
        """What the question whose texts are ``texts`` covers of the query."""
        covers: list[ClauseCover] = []
        own: dict[str, Way] = {}  # the user's words win over another way to say them
        other: dict[str, Way] = {}
        for c in self._clauses:
            if c.own is not None and c.own.found(texts):
                _merge(own, c.own.ways)
                covers.append(ClauseCover(c.clause, c.own.option, (), _same(c.own, texts)))
                continue
            found = [o for o in c.others if o.found(texts)]
            if found:
                for option in found:
                    _merge(other, option.ways)
                found_as = _first_word(texts, found[0].groups[0])
                covers.append(ClauseCover(c.clause, found[0].option, (), False, found_as))
                continue
            missing = []
            same = True
            for token, way, synonyms in c.words:
                forms = _forms(token)
                if _has(texts, forms):
                    for term in forms:
                        own.setdefault(term, way)
                    same = same and _as_itself(texts, forms, token)
                    continue
                said = [o for o in synonyms if o.found(texts)]
                for option in said:
                    _merge(other, option.ways)
                if said:
                    same = False
                else:
                    missing.append(token.surface)
            if len(missing) == len(c.words) > 1:
                missing = [c.typed]
            covers.append(ClauseCover(c.clause, None, tuple(missing), same))
        _merge(own, other)
        return Coverage(tuple(covers), own)


def _merge(ways: dict[str, Way], more: dict[str, Way]) -> None:
    for term, way in more.items():
        ways.setdefault(term, way)


def _same(option: _Option, texts: Sequence[QuestionWords]) -> bool:
    """True when each word typed is there as itself (or as the word being typed)."""
    if option.option.via == "completion":
        return True
    return all(
        _as_itself(texts, group, way.query)
        for group in option.groups
        if (way := option.ways[group[0]]).query is not None
    )


def _as_itself(texts: Sequence[QuestionWords], terms: Iterable[str], typed: Token) -> bool:
    """True when a word of the question with one of ``terms`` is the word ``typed``."""
    return any(same_word(word.folded, typed.folded) for word in _words(texts, terms))


def _drops_words(alternative: str, clause: Clause, typed: str) -> bool:
    """True when a phrase's "synonym" only says some of the words typed (``en ligne`` for
    ``payer en ligne``): it stands for those words, not for the ones it leaves out. Small
    words count (``pas le temps`` says more than ``temps``)."""
    said = {fold_word(w) for w in _LETTERS.findall(alternative.lower())}
    typed_words = {fold_word(w) for w in _LETTERS.findall(typed.lower())}
    stems = {stem for token in clause.tokens for stem in _forms(token)}
    return all(word in typed_words or not stems.isdisjoint(stems_of(word)) for word in said)


def same_word(found: str, typed: str) -> bool:
    """True when two folded words are one word, give or take a plural or feminine end
    (``formations`` and ``formation``, ``livrées`` and ``livré``; not ``formats``)."""
    return found == typed or _bare(found) == _bare(typed)


def _bare(word: str) -> str:
    if word.endswith(("s", "x")) and len(word) > 3:
        word = word[:-1]
    for _ in range(2):  # livrée, livrées → livr; livré, livrés → livr
        if word.endswith("e") and len(word) > 3:
            word = word[:-1]
    return word


def _forms(token: Token) -> tuple[str, ...]:
    return tuple(dict.fromkeys((token.folded, *token.stems)))


def _has(texts: Sequence[QuestionWords], terms: Iterable[str]) -> bool:
    return any(term in words for term in terms for words in texts)


def _words(texts: Sequence[QuestionWords], terms: Iterable[str]) -> Iterable[Token]:
    for term in terms:
        for words in texts:
            yield from words.get(term, ())


def _first_word(texts: Sequence[QuestionWords], terms: Iterable[str]) -> str:
    word = next(iter(_words(texts, terms)), None)
    return "" if word is None else word.surface.lower()

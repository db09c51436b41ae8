"""Which words of the query a question covers, and how each of its words matched.

A step of its own after ranking. Its input is, for one question, the forms of the words
it contains: :data:`QuestionWords`, each folded word and stem of a text → that text's
words with this form. Only the terms the check can ask about (:attr:`Checker.terms`) are
needed: :func:`question_words` reads the title and the answer's plain text for the words
with those terms, known from the word table written at index time, without the stemmer.

Where only the question's terms are known (:class:`TermsOnly`, from the index's postings),
the check still says what is missing, at little cost; how each word matched, and whether
it is the word typed or another of its stem, needs the words themselves.

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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from reader.search.analysis import Token, fold_word, stems_of, token_positions
from reader.search.query import Clause, Option, Plan
from reader.search.results import MatchedWord, MatchKind

_LETTERS = re.compile(r"[^\W_]+")

QuestionWords = Mapping[str, Sequence[Token]]
"""One text of a question: each folded word and stem → the words of the text with it
(read-only)."""

_KIND_OF_WAY: dict[str, MatchKind] = {
    "completion": "completion",
    "correction": "typo",
    "phonetic": "sound-alike",
    "synonym": "synonym",
}


class TermsOnly(Mapping[str, Sequence[Token]]):
    """A text known only by which terms it has, not by its words: enough to tell what a
    question lacks (``Coverage.missing``), not how its words matched."""

    def __init__(self, has: Callable[[str], bool]) -> None:
        self._has = has

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._has(term)

    def __getitem__(self, term: str) -> Sequence[Token]:
        if term in self:
            return ()
        raise KeyError(term)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def question_words(texts: Sequence[str], only: frozenset[str] | None) -> tuple[QuestionWords, ...]:
    """The word forms of a question's texts (its title, and its answer's plain text if it
    has one). With ``only``, just the words written so are analysed: the words with one of
    the :attr:`Checker.terms` (``Tables.words_with``) are all that :meth:`Checker.cover`
    and :meth:`Coverage.matched` look up."""
    return tuple(token_positions(text, only) for text in texts)


class Way(NamedTuple):
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
        if word.surface == self.query.surface or word.surface.lower() == self.query.surface.lower():
            return "exact"
        return "accent" if word.folded == self.query.folded else "inflection"


class ClauseCover(NamedTuple):
    """How a question covers one content clause of the query."""

    clause: Clause
    option: Option | None  # the option found (the user's words first); None: not covered
    missing: tuple[str, ...]  # the clause's words the question lacks, as typed
    # The user's words found as themselves: not only through a word of the same stem, a
    # synonym, a correction or a sound-alike (a missing clause counts as found as itself:
    # it counts among the missing).
    same_word: bool
    found_as: str = ""  # for a correction or sound-alike: the word found, as written


class Coverage(NamedTuple):
    """What a question covers of the query: per content clause, and each term's way."""

    clauses: tuple[ClauseCover, ...]
    # Index term (folded word or stem) → how it stands for the query; the first that has a
    # term says how (the user's own words come first).
    ways: tuple[dict[str, Way], ...]
    missing: tuple[str, ...]  # the content words the question lacks, as typed
    # Content clauses found only through other words: of the same stem (``formats`` for
    # ``formation``), synonyms, corrections. Such a question ranks below one with the
    # words themselves.
    indirect: int

    def matched(self, words: QuestionWords) -> list[tuple[Token, MatchedWord]]:
        """The words of one text that matched, each with how, in text order."""
        found: dict[int, tuple[Token, MatchedWord]] = {}
        for ways in self.ways:
            for term, way in ways.items():
                for token in words.get(term, ()):
                    if token.start not in found:
                        matched = MatchedWord(token.surface, way.kind(token), way.stands_for)
                        found[token.start] = (token, matched)
        return [found[start] for start in sorted(found)]


class _Option:
    """An option prepared for checking questions: its groups' terms as plain strings (the
    fields do not matter here), and the way each term stands for the query."""

    __slots__ = ("_clause", "_itself", "_typed", "_ways", "groups", "option", "relaxes")

    def __init__(self, option: Option, clause: Clause, typed: str) -> None:
        self.option = option
        self.groups = tuple(tuple(dict.fromkeys(t for _, t in g)) for g in option.groups)
        self.relaxes = (
            option.via == "synonym"
            and len(clause.tokens) > 1
            and _drops_words(option.text, clause, typed)
        )
        self._clause, self._typed = clause, typed
        self._ways: dict[str, Way] | None = None
        self._itself: tuple[tuple[str, ...], ...] | None = None

    def found(self, texts: Sequence[QuestionWords]) -> bool:
        # A loop rather than all(): this runs for every clause of every candidate.
        for group in self.groups:  # noqa: SIM110
            if not _has(texts, group):
                return False
        return True

    def as_typed(self, texts: Sequence[QuestionWords]) -> bool:
        """True when each word typed is there as itself, not only as a word of its stem."""
        if self.option.via != "exact":
            return True  # the word being typed: whatever it becomes is the word itself
        if self._itself is None:
            self._itself = tuple(_itself(token.folded) for token in self._clause.tokens)
        return all(_as_itself(texts, forms) for forms in self._itself)

    @property
    def ways(self) -> dict[str, Way]:
        """Each term → how it stands for the query (worked out when first needed)."""
        if self._ways is None:
            tokens, typed = self._clause.tokens, self._typed
            ways: dict[str, Way] = {}
            for n, group in enumerate(self.groups):
                if self.option.via == "exact":  # group n is the n-th word typed
                    way = Way("exact", typed, tokens[n])
                else:
                    # A word of a synonym that is one of the words typed (``carte`` of
                    # ``carte bancaire`` for ``carte bleue``) is shown as typed.
                    token = next((t for t in tokens if set(group) <= set(_forms(t))), None)
                    way = Way("exact", typed, token) if token else Way(self.option.via, typed)
                for term in group:
                    ways.setdefault(term, way)
            self._ways = ways
        return self._ways


class _Clause:
    """A content clause prepared for checking questions (its other ways to be said, when
    a question lacks the words typed)."""

    __slots__ = ("_others", "_words", "clause", "own", "typed")

    def __init__(self, clause: Clause, text: str) -> None:
        self.clause = clause
        self.typed = clause.typed(text)
        options = clause.options
        self.own = _Option(options[0], clause, self.typed) if clause.exact else None
        self._others: list[_Option] | None = None
        self._words: list[tuple[Token, tuple[str, ...], dict[str, Way], list[_Option]]] | None = (
            None
        )

    @property
    def others(self) -> list[_Option]:
        """Synonyms, corrections and sound-alikes (not those that drop typed words)."""
        if self._others is None:
            rest = self.clause.options[1:] if self.own is not None else self.clause.options
            prepared = [_Option(o, self.clause, self.typed) for o in rest]
            self._others = [o for o in prepared if not o.relaxes]
        return self._others

    @property
    def words(self) -> list[tuple[Token, tuple[str, ...], dict[str, Way], list[_Option]]]:
        """Word by word, for a clause not found whole: each word, its forms and their way,
        its synonyms."""
        if self._words is None:
            tokens = self.clause.tokens
            synonyms = self.clause.word_synonyms or [()] * len(tokens)
            words = []
            for token, said in zip(tokens, synonyms, strict=True):
                forms = _forms(token)
                way = Way("exact", self.typed, token)
                options = [_Option(o, self.clause, token.surface) for o in said]
                words.append((token, forms, dict.fromkeys(forms, way), options))
            self._words = words
        return self._words


class Checker:
    """Checks questions against one query's plan (prepared once, used for every hit)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._clauses = [_Clause(c, plan.text) for c in plan.clauses if c.required]
        self.terms = _terms_asked(self._clauses)
        """Every term :meth:`cover` may look a question's words up by."""

    def best_possible(self, coverage: Coverage) -> bool:
        """True when a question covers every content clause the index can match at all
        (a word the index has never seen, and cannot correct, is missing everywhere)."""
        return all(not c.missing or not c.clause.options for c in coverage.clauses)

    @property
    def words(self) -> tuple[str, ...]:
        """The content words of the query, as typed."""
        return tuple(c.typed for c in self._clauses)

    def cover(self, texts: Sequence[QuestionWords], detail: bool = True) -> Coverage:
        """What the question whose texts are ``texts`` covers of the query.

        Without ``detail``, only what it lacks (``missing``): the cheaper check of the
        candidates that may not be shown.
        """
        covers: list[ClauseCover] = []
        own: list[dict[str, Way]] = []  # the user's words win over other ways to say them
        other: list[dict[str, Way]] = []
        for c in self._clauses:
            words_typed = c.own
            if words_typed is not None and words_typed.found(texts):
                if detail:
                    own.append(words_typed.ways)
                same = detail and words_typed.as_typed(texts)
                covers.append(ClauseCover(c.clause, words_typed.option, (), same))
                continue
            found = [o for o in c.others if o.found(texts)]
            if found:
                found_as = ""
                if detail:
                    other += [option.ways for option in found]
                    found_as = _first_word(texts, found[0].groups[0])
                covers.append(ClauseCover(c.clause, found[0].option, (), False, found_as))
                continue
            missing = []
            same = detail
            for token, forms, ways, synonyms in c.words:
                if _has(texts, forms):
                    if detail:
                        own.append(ways)
                        same = same and _as_itself(texts, _itself(token.folded))
                    continue
                said = [o for o in synonyms if o.found(texts)]
                if detail:
                    other += [option.ways for option in said]
                if said:
                    same = False
                else:
                    missing.append(token.surface)
            if len(missing) == len(c.words) > 1:
                missing = [c.typed]
            covers.append(ClauseCover(c.clause, None, tuple(missing), same))
        lacks = tuple(word for c in covers for word in c.missing)
        indirect = sum(1 for c in covers if not c.same_word)
        return Coverage(tuple(covers), (*own, *other), lacks, indirect)


def _terms_asked(clauses: list[_Clause]) -> frozenset[str]:
    terms: set[str] = set()
    for c in clauses:
        said = [o for options in c.clause.word_synonyms for o in options]
        for option in (*c.clause.options, *said):
            for group in option.groups:
                terms.update(t for _, t in group)
        for token in c.clause.tokens:
            terms.update(_forms(token))
            terms.update(_itself(token.folded))
    return frozenset(terms)


@lru_cache(maxsize=4096)
def _itself(folded: str) -> tuple[str, ...]:
    """The folded forms that are the word ``folded`` itself (:func:`same_word`)."""
    bare = _bare(folded)
    return (folded, *(bare + end for end in ("", "s", "x", "e", "es", "ee", "ees")))


def _as_itself(texts: Sequence[QuestionWords], forms: tuple[str, ...]) -> bool:
    """True when a word of the question, folded, is one of ``forms``."""
    for form in forms:
        for words in texts:
            for word in words.get(form, ()):
                if word.folded == form:
                    return True
    return False


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


def _has(texts: Sequence[QuestionWords], terms: tuple[str, ...]) -> bool:
    # A loop rather than any(): this runs for every clause of every candidate.
    for words in texts:  # noqa: SIM110
        if not words.keys().isdisjoint(terms):
            return True
    return False


def _words(texts: Sequence[QuestionWords], terms: Iterable[str]) -> Iterable[Token]:
    for term in terms:
        for words in texts:
            yield from words.get(term, ())


def _first_word(texts: Sequence[QuestionWords], terms: Iterable[str]) -> str:
    word = next(iter(_words(texts, terms)), None)
    return "" if word is None else word.surface.lower()

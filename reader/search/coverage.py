"""Which words of the query a question covers, and how each of its words matched.

A step of its own after ranking. Its input is, for one question, where its texts write
the words with the terms the check can ask about (:attr:`Checker.terms`):
:class:`~reader.search.textwords.QuestionWords`. What a question covers depends only on
which of those words it writes, so :meth:`Checker.check` works it out once per query for
all the questions that write the same ones; how each of its words matched is worked out
once per word (:class:`~reader.search.marks.Marker`).

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
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple, Protocol

from reader.search.analysis import Token, fold_word, stems_of
from reader.search.marks import Marker
from reader.search.query import Clause, Option, Plan
from reader.search.results import MatchKind
from reader.search.textwords import QuestionWords

_LETTERS = re.compile(r"[^\W_]+")


class Words(Protocol):
    """What the check asks of a question: which terms, and which folded words, it has."""

    def isdisjoint(self, terms: Iterable[str], /) -> bool:
        """True when the question has none of ``terms`` (folded forms or stems)."""
        ...

    def itself(self, forms: Iterable[str], /) -> bool:
        """True when a word of the question, folded, is one of ``forms``."""
        ...


_KIND_OF_WAY: dict[str, MatchKind] = {
    "completion": "completion",
    "correction": "typo",
    "phonetic": "sound-alike",
    "synonym": "synonym",
}


class TermsOnly:
    """A question known only by which terms it has, not by its words: enough to tell what
    it lacks (``Coverage.missing``, checked without detail), not how its words matched."""

    def __init__(self, has: Callable[[str], bool]) -> None:
        self._has = has

    def isdisjoint(self, terms: Iterable[str]) -> bool:
        """True when the question has none of ``terms``."""
        return not any(map(self._has, terms))

    def itself(self, forms: Iterable[str]) -> bool:
        """Not known from the terms: False (only a check with detail asks)."""
        return False


class Way(NamedTuple):
    """How a term of the index stands for the query in a question.

    ``query`` is the query word the term is a form of, for the user's own words (to tell
    the word as typed from its other accents and inflections).
    """

    via: str  # the option's way: "exact", "completion", "synonym", "correction", "phonetic"
    stands_for: str  # the query word or phrase, as typed
    query: Token | None = None

    def kind(self, surface: str, folded: str) -> MatchKind:
        """How a word of the question with this term (as written, and folded) matched."""
        if self.query is None:
            return _KIND_OF_WAY.get(self.via, "exact")
        if surface == self.query.surface or surface.lower() == self.query.surface.lower():
            return "exact"
        return "accent" if folded == self.query.folded else "inflection"


class ClauseCover(NamedTuple):
    """How a question covers one content clause of the query."""

    clause: Clause
    option: Option | None  # the option found (the user's words first); None: not covered
    missing: tuple[str, ...]  # the clause's words the question lacks, as typed
    # The user's words found as themselves: not only through a word of the same stem, a
    # synonym, a correction or a sound-alike (a missing clause counts as found as itself:
    # it counts among the missing).
    same_word: bool


class Coverage(NamedTuple):
    """What a question covers of the query: per content clause, and how its words matched."""

    clauses: tuple[ClauseCover, ...]
    # The words that matched, from each index term's way (the user's own words first):
    # one marker for the questions of a query whose words matched the same ways.
    marker: Marker
    missing: tuple[str, ...]  # the content words the question lacks, as typed
    # Content clauses found only through other words: of the same stem (``formats`` for
    # ``formation``), synonyms, corrections. Such a question ranks below one with the
    # words themselves.
    indirect: int


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

    def found(self, texts: Sequence[Words]) -> bool:
        # A loop rather than all(): this runs for every clause of every candidate.
        for group in self.groups:  # noqa: SIM110
            if not _has(texts, group):
                return False
        return True

    def as_typed(self, texts: Sequence[Words]) -> bool:
        """True when each word typed is there as itself, not only as a word of its stem."""
        if self.option.via != "exact":
            return True  # the word being typed: whatever it becomes is the word itself
        if self._itself is None:
            self._itself = tuple(_itself(token.folded) for token in self._clause.tokens)
        for forms in self._itself:  # noqa: SIM110 (a loop: this runs for every question)
            if not _as_itself(texts, forms):
                return False
        return True

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
        self._checked: dict[frozenset[str], Coverage] = {}
        # By the identities of the ways' dicts: each is made once per query, and lives in
        # this checker's clauses as long as the checker.
        self._markers: dict[tuple[int, ...], Marker] = {}

    def best_possible(self, coverage: Coverage) -> bool:
        """True when a question covers every content clause the index can match at all
        (a word the index has never seen, and cannot correct, is missing everywhere)."""
        return all(not c.missing or not c.clause.options for c in coverage.clauses)

    @property
    def words(self) -> tuple[str, ...]:
        """The content words of the query, as typed."""
        return tuple(c.typed for c in self._clauses)

    def check(self, words: QuestionWords) -> Coverage:
        """What the question that writes ``words`` covers of the query (the same object
        for the questions that write the same words of it)."""
        found = self._checked.get(words.key)
        if found is None:
            found = self._checked[words.key] = self.cover((words,))
        return found

    def cover(self, texts: Sequence[Words], detail: bool = True) -> Coverage:
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
                if detail:
                    other += [option.ways for option in found]
                covers.append(ClauseCover(c.clause, found[0].option, (), False))
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
        matched = (*own, *other)
        key = tuple(map(id, matched))
        marker = self._markers.get(key)
        if marker is None:
            marker = self._markers[key] = Marker(matched)
        return Coverage(tuple(covers), marker, lacks, indirect)


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


def _as_itself(texts: Sequence[Words], forms: tuple[str, ...]) -> bool:
    """True when a word of the question, folded, is one of ``forms``."""
    for words in texts:  # noqa: SIM110 (a loop: this runs for every question)
        if words.itself(forms):
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


def _has(texts: Sequence[Words], terms: tuple[str, ...]) -> bool:
    # A loop rather than any(): this runs for every clause of every candidate.
    for words in texts:  # noqa: SIM110
        if not words.isdisjoint(terms):
            return True
    return False

"""Turning what a user typed into an index query, safely.

The user's text is never given to Whoosh's query parser: it is analysed into words with
:mod:`reader.search.analysis` and each word becomes a list of index terms, so ``AND``,
``(``, ``"``, ``*``, ``field:`` and the like are only words (or nothing). Each word
stands for "any of its forms in any field"; :mod:`reader.search.scoring` requires all
words first and, when that finds nothing, makes them optional (best match first).
Words the index has never seen, of five letters or more, are corrected with one edit
(insertion, deletion, substitution or swap of two neighbours) against the index's own
folded words; the corrections make the typo-tolerant retry and the "Vouliez-vous dire …"
suggestion. An unknown word that ends the query is first taken as unfinished (results as
you type): it stands for the most used index words it begins, if any.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.search.analysis import Token, tokens
from reader.search.schema import FOLDED_FIELD, STEMMED_FIELDS

MAX_QUERY_CHARS = 1000  # people type one to four words; the rest is pasted noise
MAX_QUERY_WORDS = 12
MIN_FUZZY_LENGTH = 5
MIN_PREFIX_LENGTH = 3  # "livr" → livraison, livrer …; shorter prefixes match too much
MAX_COMPLETIONS = 8
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Word:
    """One analysed word of the query and the index terms it stands for."""

    token: Token
    terms: list[tuple[str, str]]
    known: bool
    correction: str | None = None  # folded word of the index, when the word was corrected


@dataclass
class Plan:
    """What to ask the index: the words, whether a typo was corrected, all terms used."""

    words: list[Word] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def usable(self) -> list[Word]:
        return [w for w in self.words if w.terms]

    def term_texts(self) -> set[str]:
        return {text for w in self.usable for _, text in w.terms}


def query_tokens(text: str) -> list[Token]:
    """The distinct analysed words of a query, at most :data:`MAX_QUERY_WORDS`."""
    seen: set[str] = set()
    out: list[Token] = []
    for token in tokens(text[:MAX_QUERY_CHARS]):
        if token.folded in seen:
            continue
        seen.add(token.folded)
        out.append(token)
        if len(out) >= MAX_QUERY_WORDS:
            break
    return out


def terms_of(token: Token) -> list[tuple[str, str]]:
    """Every (field, term) a query word may meet: its stems and its folded form."""
    pairs = [(f, stem) for f in STEMMED_FIELDS for stem in token.stems]
    if token.folded not in token.stems:  # else the stemmed fields already meet it
        pairs.append((FOLDED_FIELD, token.folded))
    return pairs


def edits1(word: str) -> set[str]:
    """Every string one edit away from ``word`` (Damerau: swaps of neighbours count as one)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | swaps | replaces | inserts


class Vocabulary:
    """The index's own words (folded) with how many questions use each, loaded on first use.

    Kept beside the index (``vocabulary.json``) rather than as a folded answer field:
    that field would cost a third of the build time and only serve corrections.
    """

    def __init__(self, load: Callable[[], dict[str, int]]) -> None:
        self._load = load
        self._words: dict[str, int] | None = None

    def words(self) -> dict[str, int]:
        if self._words is None:
            self._words = self._load()
        return self._words

    def correct(self, word: str) -> str | None:
        """The most used index word one edit away from ``word``, if any."""
        words = self.words()
        candidates = [c for c in edits1(word) if c in words]
        if not candidates:
            return None
        return max(candidates, key=lambda c: (words[c], c))


def plan(text: str, reader, vocabulary: Vocabulary) -> Plan:
    """Analyse ``text`` and decide which index terms each word stands for."""
    result = Plan()
    found = query_tokens(text)
    for token in found:
        pairs = terms_of(token)
        known = any(reader.doc_frequency(f, t) > 0 for f, t in pairs)
        word = Word(token, pairs if known else [], known)
        if not known and token is found[-1] and _still_typing(text, token):
            word.terms = _completions(token, vocabulary)
        if not word.terms and not known and len(token.folded) >= MIN_FUZZY_LENGTH:
            correction = vocabulary.correct(token.folded)
            if correction is not None:
                fixed = next(tokens(correction), None)
                if fixed is not None:
                    word.correction = correction
                    word.terms = terms_of(fixed)
                    result.fuzzy = True
        result.words.append(word)
    return result


def _still_typing(text: str, token: Token) -> bool:
    """True when the word ends the query: the user may not have finished typing it."""
    return token.end == len(text[:MAX_QUERY_CHARS]) and len(token.folded) >= MIN_PREFIX_LENGTH


def _completions(token: Token, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """The terms of the most used index words that start with an unfinished last word."""
    words = vocabulary.words()
    starts = [w for w in words if w.startswith(token.folded)]
    best = sorted(starts, key=lambda w: (-words[w], w))[:MAX_COMPLETIONS]
    pairs: dict[tuple[str, str], None] = {}
    for word in best:
        for completed in tokens(word):
            pairs.update(dict.fromkeys(terms_of(completed)))
    return list(pairs)

"""Turning what a user typed into an index query, safely.

The user's text is never given to Whoosh's query parser: it is analysed into words with
:mod:`reader.search.analysis`, so ``AND``, ``(``, ``"``, ``*``, ``field:`` and the like
are only words (or nothing). The words become clauses (:class:`Clause`), each with the ways a
question may match it (:class:`Option`): the words typed ("any of their forms in any
field"), then, weighing less, the other ways to say them from the synonym list
(:mod:`reader.search.synonyms`; a phrase such as ``carte bleue`` is one clause).
Question words (:mod:`reader.search.stopwords`) weigh little and are never required.
:mod:`reader.search.scoring` requires all other clauses first and, when that finds
nothing, makes them optional (best match first).

Words the index has never seen, of five letters or more, are replaced by the index's own
folded words one edit away (insertion, deletion, substitution or swap of two neighbours)
and by those that sound the same (:mod:`reader.search.phonetic`); failing both, words of
eight letters or more by those two edits away. Known words are never replaced, so exact
and stemmed matches always rank above. These make the typo-tolerant retry and the
"Vouliez-vous dire …" suggestion. An unknown word that ends the query is first taken as
unfinished (results as you type): it stands for the most used index words it begins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from reader.search import synonyms
from reader.search.analysis import Token, tokens
from reader.search.phonetic import phonetic_key
from reader.search.schema import FOLDED_FIELD, STEMMED_FIELDS
from reader.search.stopwords import FILLER_WEIGHT, is_filler

SynonymTable = Mapping[synonyms.Key, tuple[synonyms.Alternative, ...]]

MAX_QUERY_CHARS = 1000  # people type one to four words; the rest is pasted noise
MAX_QUERY_WORDS = 12
MIN_FUZZY_LENGTH = 5
MIN_TWO_EDITS_LENGTH = 8
SYNONYM_WEIGHT = 0.5  # a synonym is a guess: below the user's own word
PHONETIC_WEIGHT = 0.9  # an unknown word that sounds like an index word
MAX_SYNONYMS = 8
MAX_SOUND_ALIKES = 3
MIN_PREFIX_LENGTH = 3  # "livr" → livraison, livrer …; shorter prefixes match too much
MAX_COMPLETIONS = 8
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
OWN_WAYS = ("exact", "completion")  # the ways of an option made of the user's own words


class Option(NamedTuple):
    """One way for a clause to match: every group (any of its (field, term) pairs) present."""

    groups: tuple[tuple[tuple[str, str], ...], ...]
    weight: float
    via: str  # "exact", "completion", "synonym", "correction" or "phonetic"
    text: str = ""  # what it stands for, for "résultats pour …" (folded word or list text)

    @property
    def own(self) -> bool:
        """True for the user's own word (as typed, or the end of a word being typed)."""
        return self.via in OWN_WAYS


@dataclass
class Clause:
    """A word or phrase of the query and the ways a question may match it.

    The first option is the user's own words when the index knows them; the others
    (synonyms, corrections, sound-alikes) weigh less and only count for questions that
    do not match the user's words, so they widen recall without reordering exact matches.
    """

    tokens: list[Token]
    options: list[Option] = field(default_factory=list)
    weight: float = 1.0  # a question word: FILLER_WEIGHT
    required: bool = True
    # A phrase's words one by one: the synonyms of each (for what covers the phrase in
    # part; the ranking does not use them).
    word_synonyms: list[tuple[Option, ...]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def exact(self) -> bool:
        """True when the index knows the user's own words (first option)."""
        return bool(self.options) and self.options[0].own

    def typed(self, text: str) -> str:
        """The clause as the user typed it in ``text`` (the query it was planned from)."""
        return text[self.start : self.end]


@dataclass
class Plan:
    """What to ask the index: the clauses, whether a typo was corrected."""

    clauses: list[Clause] = field(default_factory=list)
    fuzzy: bool = False
    text: str = ""  # the query as typed

    @property
    def usable(self) -> list[Clause]:
        return [c for c in self.clauses if c.options]


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
    that field would cost a third of the build time and only serve corrections. The
    phonetic keys of these words and their lengths are worked out on first need, and
    kept: they change only with the vocabulary.
    """

    def __init__(self, load: Callable[[], dict[str, int]]) -> None:
        self._load = load
        self._words: dict[str, int] | None = None
        self._sounds: dict[str, list[str]] | None = None
        self._by_length: dict[int, list[str]] | None = None

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

    def correct2(self, word: str) -> str | None:
        """The most used index word two edits away from a long ``word``, if any."""
        if len(word) < MIN_TWO_EDITS_LENGTH:
            return None
        if self._by_length is None:
            by_length: dict[int, list[str]] = {}
            for known in self.words():
                by_length.setdefault(len(known), []).append(known)
            self._by_length = by_length
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        words = self.words()
        near = [
            known
            for size in range(len(word) - 2, len(word) + 3)
            for known in self._by_length.get(size, ())
        ]
        found = [
            known
            for known, _, _ in process.extract(
                word, near, scorer=OSA.distance, score_cutoff=2, limit=None
            )
        ]
        return max(found, key=lambda c: (words[c], c)) if found else None

    def sounding_like(self, word: str) -> list[str]:
        """The most used index words with the phonetic key of ``word`` (not ``word`` itself)."""
        key = phonetic_key(word)
        if not key:
            return []
        if self._sounds is None:
            sounds: dict[str, list[str]] = {}
            for known in self.words():
                known_key = phonetic_key(known)
                if known_key:
                    sounds.setdefault(known_key, []).append(known)
            self._sounds = sounds
        words = self.words()
        alike = [w for w in self._sounds.get(key, ()) if w != word]
        return sorted(alike, key=lambda w: (-words[w], w))[:MAX_SOUND_ALIKES]


def plan(
    text: str,
    index: Frequencies,
    vocabulary: Vocabulary,
    table: SynonymTable | None = None,
    correct: bool = True,
) -> Plan:
    """Analyse ``text`` and decide which index terms each word or phrase stands for.

    With ``correct`` false, unknown words are searched as typed: no corrections and no
    sound-alikes (the user asked for what they typed, after a correction was shown).
    """
    result = Plan(text=text)
    found = query_tokens(text)
    table = synonyms.load() if table is None else table
    spans = {start: end for start, end in synonyms.find(found, table)}
    all_filler = all(is_filler(t.folded) for t in found)
    i = 0
    while i < len(found):
        end = spans.get(i, i + 1)
        span = found[i:end]
        clause = Clause(list(span))
        if end - i == 1:
            _word_options(clause, text, span[0], found, index, vocabulary, result, correct)
        else:
            groups = tuple(tuple(terms_of(t)) for t in span)
            if all(_known(index, g) for g in groups):
                clause.options.append(Option(groups, 1.0, "exact"))
            clause.word_synonyms = [tuple(_synonyms([t], index, table)) for t in span]
        clause.options += _synonyms(span, index, table)
        if len(span) == 1 and is_filler(span[0].folded) and not all_filler:
            clause.weight, clause.required = FILLER_WEIGHT, False
        result.clauses.append(clause)
        i = end
    return result


class Frequencies(Protocol):
    """What the plan asks the index: how many questions hold a term in a field."""

    def doc_frequency(self, field: str, term: str) -> int: ...


class KnownTerms:
    """How many questions hold a term, as one open index says, remembered.

    The plan asks about the same terms (and their synonyms) at every keystroke; the index
    does not change while it is open, so what it said stays true: the frequencies, whether
    a word's terms are known and which synonyms of a word or phrase it knows. Bounded: a
    long session of odd queries starts again rather than grow.
    """

    LIMIT = 50_000

    def __init__(self, index: Frequencies) -> None:
        self._index = index
        self._seen: dict[tuple[str, str], int] = {}
        self._known: dict[tuple[tuple[str, str], ...], bool] = {}
        self._table: SynonymTable | None = None  # the table ``_synonyms`` was found in
        self._synonyms: dict[synonyms.Key, tuple[Option, ...]] = {}

    def doc_frequency(self, fieldname: str, text: str) -> int:
        key = (fieldname, text)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= self.LIMIT:
                self._seen.clear()
            found = self._seen[key] = self._index.doc_frequency(fieldname, text)
        return found

    def known(self, pairs: tuple[tuple[str, str], ...]) -> bool:
        """True when the index holds one of the (field, term) ``pairs``."""
        found = self._known.get(pairs)
        if found is None:
            if len(self._known) >= self.LIMIT:
                self._known.clear()
            found = self._known[pairs] = any(self.doc_frequency(f, t) > 0 for f, t in pairs)
        return found

    def synonyms(self, words: list[Token], table: SynonymTable) -> tuple[Option, ...]:
        """The options of the other ways to say ``words`` in ``table`` that the index knows."""
        if table is not self._table:
            self._table, self._synonyms = table, {}
        key = synonyms.key_of(words)
        found = self._synonyms.get(key)
        if found is None:
            if len(self._synonyms) >= self.LIMIT:
                self._synonyms.clear()
            found = self._synonyms[key] = tuple(_find_synonyms(key, self, table))
        return found


def _synonyms(words: list[Token], index: Frequencies, table: SynonymTable) -> list[Option]:
    """The other ways to say ``words`` that the index knows, as options."""
    if isinstance(index, KnownTerms):
        return list(index.synonyms(words, table))
    return _find_synonyms(synonyms.key_of(words), index, table)


def _find_synonyms(key: synonyms.Key, index: Frequencies, table: SynonymTable) -> list[Option]:
    options = []
    for alternative in table.get(key, ())[:MAX_SYNONYMS]:
        groups = tuple(tuple(terms_of(t)) for t in alternative.words)
        if all(_known(index, g) for g in groups):
            options.append(Option(groups, SYNONYM_WEIGHT, "synonym", alternative.text))
    return options


def _known(index: Frequencies, pairs: tuple[tuple[str, str], ...]) -> bool:
    if isinstance(index, KnownTerms):
        return index.known(pairs)
    return any(index.doc_frequency(f, t) > 0 for f, t in pairs)


def _word_options(
    clause: Clause,
    text: str,
    token: Token,
    found: list[Token],
    index: Frequencies,
    vocabulary: Vocabulary,
    result: Plan,
    correct: bool = True,
) -> None:
    """The options of a single word: itself, or its completions, corrections, sound-alikes."""
    pairs = tuple(terms_of(token))
    if _known(index, pairs):
        clause.options.append(Option((pairs,), 1.0, "exact"))
        return
    if token is found[-1] and _still_typing(text, token):
        completions = tuple(_completions(token, vocabulary))
        if completions:
            clause.options.append(Option((completions,), 1.0, "completion"))
            return
    if not correct or len(token.folded) < MIN_FUZZY_LENGTH:
        return
    replacements: list[tuple[str, str]] = []
    correction = vocabulary.correct(token.folded)
    if correction is not None:
        replacements.append((correction, "correction"))
    replacements += [(w, "phonetic") for w in vocabulary.sounding_like(token.folded)]
    if not replacements:
        correction = vocabulary.correct2(token.folded)
        if correction is not None:
            replacements.append((correction, "correction"))
    seen: set[str] = set()
    for word, via in replacements:
        fixed = next(tokens(word), None)
        if fixed is None or word in seen:
            continue
        seen.add(word)
        weight = 1.0 if via == "correction" else PHONETIC_WEIGHT
        clause.options.append(Option((tuple(terms_of(fixed)),), weight, via, word))
        result.fuzzy = True


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

"""French text analysis shared by the index and the query side.

One pass over the text does what a chain of Whoosh filters would do, several times
faster (building the index is dominated by analysis): tokenize, drop elisions
(``l'accès`` → ``accès``), lower-case, drop French stop words, then give each word two
forms:

- **folded**: lower case without accents (``légumes`` → ``legumes``), for the folded fields;
- **stems**: Snowball French stem, folded after stemming. Whoosh's stemmer treats ``é``
  and ``e`` differently (``livrée`` → ``livr`` but ``livree`` → ``livre``), so both the stem
  of the word and the stem of its folded form are kept: a query typed without accents
  then meets the accented text whatever the inflection.

The index stores these forms as pre-analysed, space-separated terms, so the query side
must go through the same functions; bump :data:`ANALYZER_VERSION` whenever the output of
this module changes (it keys the cached index).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from reader.search.engine import french_stem

ANALYZER_VERSION = 2

# Words: letters and digits, with inner apostrophes kept so elision can be seen.
WORD = re.compile(r"[^\W_]+(?:['’`][^\W_]+)*")
_ELISION = re.compile(
    r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’`]", re.IGNORECASE
)
_APOSTROPHES = "'’`"
MAX_WORD = 40  # longer "words" are URLs, hashes or garbage: not worth an index term

# Snowball's French list, as Whoosh ships it.
_SNOWBALL_STOP_WORDS = """
    ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez
    aurions aurons auront aux avaient avais avait avec avez aviez avions avons ayant
    ayez ayons c ce ces d dans de des du elle en es est et eu eue eues eurent eus eut
    eux il j je l la le leur lui m ma mais me mes moi mon même n ne nos notre nous on
    ont ou par pas pour qu que qui s sa se sera serai seraient serais serait seras serez
    seriez serions serons seront ses soient sois soit sommes son sont soyez soyons suis
    sur t ta te tes toi ton tu un une vos votre vous y à étaient étais était étant étiez
    étions êtes
"""
# Words of almost every FAQ question; they would only add noise to the ranking.
_FAQ_STOP_WORDS = """
    ça cela ceci puis peut peux comment quel quelle quels quelles si ils elles leurs
    cette cet où les dont
"""
_BASE_STOP_WORDS = set(_SNOWBALL_STOP_WORDS.split()) | set(_FAQ_STOP_WORDS.split())


def fold_for_index(text: str) -> str:
    """Lower case without accents or ligatures: ``"Éleveurs Œufs"`` → ``"eleveurs oeufs"``."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


STOP_WORDS = frozenset(_BASE_STOP_WORDS | {fold_for_index(w) for w in _BASE_STOP_WORDS})

_stem_cache: dict[str, tuple[str, ...]] = {}
_fold_cache: dict[str, str] = {}
_CACHE_MAX = 200_000


def stems_of(word: str) -> tuple[str, ...]:
    """The folded stems of a lower-case word: of the word itself and of its folded form."""
    cached = _stem_cache.get(word)
    if cached is None:
        folded = fold_word(word)
        first = fold_word(french_stem(word))
        second = fold_word(french_stem(folded)) if folded != word else first
        cached = (first,) if first == second else (first, second)
        if len(_stem_cache) > _CACHE_MAX:
            _stem_cache.clear()
        _stem_cache[word] = cached
    return cached


def fold_word(word: str) -> str:
    """:func:`fold_for_index` with a cache, for single words."""
    cached = _fold_cache.get(word)
    if cached is None:
        cached = fold_for_index(word)
        if len(_fold_cache) > _CACHE_MAX:
            _fold_cache.clear()
        _fold_cache[word] = cached
    return cached


class Token(NamedTuple):
    """One word of a text after analysis, with where it sits in the text."""

    surface: str  # the word as written, elision removed
    folded: str
    stems: tuple[str, ...]
    start: int
    end: int


Parts = tuple[tuple[int, str, str, tuple[str, ...]], ...]
"""What a word as a text writes it gives: (offset in the word, surface, folded, stems) for
each indexable part."""
_word_cache: dict[str, Parts] = {}


def word_parts(raw: str) -> Parts:
    """The indexable parts of one word as a text writes it (a match of :data:`WORD`):
    ``l'accès`` gives ``accès`` at offset 2; cached, a text's vocabulary is small next
    to its length."""
    cached = _word_cache.get(raw)
    if cached is not None:
        return cached
    offset = 0
    elided = _ELISION.match(raw)
    if elided:
        offset = elided.end()
    word = raw[offset:]
    # Another apostrophe left (aujourd'hui, prud'hommes): index the parts.
    pieces = re.split(r"['’`]", word) if any(a in word for a in _APOSTROPHES) else [word]
    out = []
    for piece in pieces:
        lower = piece.lower()
        if lower and len(lower) <= MAX_WORD and lower not in STOP_WORDS:
            folded = fold_word(lower)
            if folded not in STOP_WORDS:
                out.append((offset, piece, folded, stems_of(lower)))
        offset += len(piece) + 1
    result = tuple(out)
    if len(_word_cache) > _CACHE_MAX:
        _word_cache.clear()
    _word_cache[raw] = result
    return result


def tokens(text: str) -> Iterator[Token]:
    """Analyse ``text`` into tokens; stop words and over-long words are left out."""
    for match in WORD.finditer(text):
        start = match.start()
        for offset, surface, folded, stems in word_parts(match.group()):
            begin = start + offset
            yield Token(surface, folded, stems, begin, begin + len(surface))


def word_terms(raw: str) -> tuple[str, ...]:
    """The index terms (folded forms and stems) of one word as a text writes it (a match
    of :data:`WORD`, ``l'accès`` included), in order, each once."""
    terms: dict[str, None] = {}
    for _, _, folded, stems in word_parts(raw):
        terms[folded] = None
        terms.update(dict.fromkeys(stems))
    return tuple(terms)


class _Terms(dict[str, str]):
    """Raw word → its stemmed (or its folded) terms, space-separated, "" for a stop word;
    worked out the first time a word is asked for."""

    def __init__(self, folded: bool) -> None:
        super().__init__()
        self._folded = folded

    def __missing__(self, raw: str) -> str:
        parts = word_parts(raw)
        if self._folded:
            terms = " ".join(folded for _, _, folded, _ in parts)
        else:
            terms = " ".join(stem for *_, stems in parts for stem in stems)
        if len(self) > _CACHE_MAX:
            self.clear()
        self[raw] = terms
        return terms


_stemmed_terms = _Terms(folded=False)
_folded_terms = _Terms(folded=True)


def index_terms(text: str) -> tuple[str, str]:
    """The stemmed and the folded terms of ``text``, each space-separated, for indexing."""
    words = WORD.findall(text)  # looked up and joined in C: most words were met before
    stemmed = " ".join(filter(None, map(_stemmed_terms.__getitem__, words)))
    return stemmed, " ".join(filter(None, map(_folded_terms.__getitem__, words)))

"""A French phonetic key, so that words written by ear meet the words of the wiki.

Rules of our own (the published French keys, Soundex-FR and Phonex, drop too much for a
small vocabulary: ``paiement`` and ``pavement`` would meet). Applied in order to the
lower-case word, accents kept until they have been read:

1. Silent ends: a plural ``s``/``x``, then a mute final ``e``, then ``er``/``ez`` as ``é``,
   then a final ``t``/``d``/``p`` (``stoque`` → ``stoqu``, ``clients`` → ``clien``).
2. Spellings of one sound: ``eau``/``au``/``ô`` → ``o``; ``ph`` → ``f``; ``qu``/``ck``/``k``
   and ``c`` before a consonant or ``a o u`` → ``k``; ``c`` before ``e i y`` and ``ç`` → ``s``;
   ``g`` before ``e i y`` → ``j``, ``gu`` before ``e i`` → ``g``; ``ch`` kept, other ``h``
   silent; ``y`` → ``i``; ``x`` → ``ks``.
3. ``tion`` and ``ss`` are a hard ``s``; a single ``s`` between vowels sounds ``z``.
4. Doubled letters count once (``ajoutter`` → ``ajouter``).
5. Vowels: ``ai``/``ei``/``é``/``è``/``ê``/``e`` → ``E`` (farmers and keyboards mix them);
   ``an``/``am``/``en``/``em`` before a consonant or at the end → the nasal ``A``;
   ``ou`` → ``U``.

So ``cotisassion`` and ``cotisation`` both give ``kotizasion``; ``livrézon`` and
``livraison`` ``livrEzon``; ``rembourcer`` and ``rembourser`` ``rAbursE``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.search.analysis import fold_for_index

_VOWELS = "aeiouyAEUéèêàâîïôûù"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"eau|au|ô", "o"),
        (r"ph", "f"),
        (r"ch", "#"),  # kept apart from the silent h
        (r"h", ""),
        (r"tion", "Sion"),
        (r"ç", "S"),
        (r"qu|ck|q", "k"),
        (r"c(?=[eiyéèê])", "S"),
        (r"c", "k"),
        (r"gu(?=[eiéèê])", "g"),
        (r"g(?=[eiyéèê])", "j"),
        (r"x", "kS"),
        (r"y", "i"),
        (r"ss", "S"),
        (rf"(?<=[{_VOWELS}])s(?=[{_VOWELS}])", "z"),
        (r"(.)\1+", r"\1"),
        (r"ai|ei|[éèêë]", "E"),
        (rf"[ae][nm](?![{_VOWELS}nm])", "A"),
        (r"e", "E"),
        (r"E+", "E"),
        (r"ou|[ûù]", "U"),
        (r"[àâ]", "a"),
        (r"[îï]", "i"),
    )
)
MIN_LENGTH = 4  # shorter words have too many neighbours by sound


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """The phonetic key of one lower-case word (``""`` for words too short to key)."""
    word = word.lower().replace("œ", "e").replace("æ", "e")
    if len(word) < MIN_LENGTH or not word.isalpha():
        return ""
    if word.endswith(("s", "x")) and len(word) > MIN_LENGTH:
        word = word[:-1]
    if word.endswith("e") and len(word) > MIN_LENGTH:
        word = word[:-1]
    if word.endswith(("er", "ez")) and len(word) > MIN_LENGTH:
        word = word[:-2] + "é"
    if word.endswith(("t", "d", "p")) and len(word) > MIN_LENGTH:
        word = word[:-1]
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    word = word.replace("S", "s").replace("#", "ch")
    # Capitals are sounds (E, A, U); anything else left with an accent is read without it.
    return "".join(c if c.isupper() else fold_for_index(c) for c in word)

"""Question and filler words: what a question typed in full says around its subject.

The index already leaves out French stop words (``je``, ``que``, ``est``, ``comment`` …,
see :mod:`reader.search.analysis`). A question typed as one would say it ("comment je
fais pour mettre une photo ?", "est-ce qu'il faut …", "je voudrais savoir …") also
carries verbs of asking, wanting, being able and coming, politeness, and small words of
time, place and amount (``après``, ``chez``, ``autres``). These stay in the query but
weigh :data:`FILLER_WEIGHT` of a content word, are never required and never count as
missing from an answer: the content words decide, and a question that shares only filler
with the query does not come first. A query made of filler alone is searched as typed.
"""

from __future__ import annotations

from reader.search.analysis import fold_for_index

FILLER_WEIGHT = 0.2

_FILLER = """
    faire fais fait faites font ferai ferais fera faut faudrait falloir
    dois doit doivent devoir devrais devrait
    veux veut voudrais voudrait vouloir aimerais aimerait souhaite souhaiterais souhaitons
    pouvoir pourrais pourrait pourrions puisse puissent puis pouvez pouvons peuvent
    savoir sais sait saurais connaitre comprends comprendre
    possible façon manière chose truc machin genre
    quoi pourquoi quand combien lequel laquelle lesquels
    être etre suis sommes êtes serai serais
    avoir
    aller vais vas va allons
    venir viens vient viennent venu venue venus venues
    bonjour bonsoir merci svp stp aide aidez aider besoin question
    alors donc bien vraiment exactement juste déjà encore aussi toujours jamais
    tout tous toute toutes autre autres chaque
    après avant pendant chez vers comme très trop plus moins
    quelqu quelque quelques gens personne personnes
    ya voilà voila ok oui non
"""
FILLER_WORDS = frozenset(fold_for_index(word) for word in _FILLER.split())


def is_filler(folded: str) -> bool:
    """True for a folded query word that asks rather than says what about."""
    return folded in FILLER_WORDS

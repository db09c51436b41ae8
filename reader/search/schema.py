"""The search index's schema, declared once.

Text fields hold terms already analysed by :mod:`reader.search.analysis` (space-separated),
so the writer only splits on spaces: analysis runs once per text, in plain Python, and the
query side builds its terms with the same functions. No field keeps positions (no phrase
queries), which keeps the index small and the build fast; snippets are made from the
content model, not from stored text.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, TEXT, Schema

SCHEMA_VERSION = 3

TITLE_BOOST = 3.0
BODY_BOOST = 1.0
CONTEXT_BOOST = 0.4


class TermsTokenizer(Tokenizer):
    """Splits pre-analysed, space-separated terms (no positions, no character offsets).

    ``str.split`` and one reused token: cheaper than a regular expression tokenizer, and
    the writer calls it for every field of every question.
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for n, word in enumerate(value.split()):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + n
            yield token


def _terms(boost: float) -> TEXT:
    return TEXT(analyzer=TermsTokenizer(), phrase=False, field_boost=boost)


def build_schema() -> Schema:
    """A fresh schema object (Whoosh schemas are mutable; never share one)."""
    return Schema(
        # The question id "<page-id>#<anchor>": the only stored value, maps a hit back to
        # the content model.
        id=ID(stored=True, unique=True),
        # The page id: "update by page" deletes a page's questions by this term.
        page=ID(),
        # Question title, stemmed: the strongest signal, most queries are about the title.
        title=_terms(TITLE_BOOST),
        # Question title, folded only (no stemming): meets words the stemmer splits apart.
        title_folded=_terms(TITLE_BOOST),
        # Answer text (Markdown without link targets), stemmed. Each word gives the stem of
        # its accented and of its folded form, so "legumes" meets "légumes" here without a
        # folded twin (which would cost a third of the build time).
        body=_terms(BODY_BOOST),
        # Section title and page title, stemmed: weak, shared by every question around
        # (no folded twin: its words are in the titles, and it would only add postings).
        context=_terms(CONTEXT_BOOST),
    )


FIELD_BOOSTS = {
    "title": TITLE_BOOST,
    "title_folded": TITLE_BOOST,
    "body": BODY_BOOST,
    "context": CONTEXT_BOOST,
}
STEMMED_FIELDS = ("title", "body", "context")
FOLDED_FIELD = "title_folded"
TEXT_FIELDS = ("title", "title_folded", "body")  # the question's own words (not its context)

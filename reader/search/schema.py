"""The search index's fields, declared once (the Whoosh schema is made from them in
:mod:`reader.search.engine`).

Text fields hold terms already analysed by :mod:`reader.search.analysis` (space-separated),
so the writer only splits on spaces: analysis runs once per text, in plain Python, and the
query side builds its terms with the same functions. No field keeps positions (no phrase
queries), which keeps the index small and the build fast; nothing is stored (snippets are
made from the plain texts written beside the index, :mod:`reader.search.tables`).

Beside the text fields: ``id``, the question id "<page-id>#<anchor>", a column that maps a
document back to the content model; ``page``, the page id, by which "update by page"
deletes a page's questions.
"""

from __future__ import annotations

SCHEMA_VERSION = 6  # 6: a score table; 5: no posting values; 4: the id a column, big blocks

TITLE_BOOST = 3.0
BODY_BOOST = 1.0
CONTEXT_BOOST = 0.4

FIELD_BOOSTS = {
    # Question title, stemmed: the strongest signal, most queries are about the title.
    "title": TITLE_BOOST,
    # Question title, folded only (no stemming): meets words the stemmer splits apart.
    "title_folded": TITLE_BOOST,
    # Answer text (Markdown without link targets), stemmed. Each word gives the stem of
    # its accented and of its folded form, so "legumes" meets "légumes" here without a
    # folded twin (which would cost a third of the build time).
    "body": BODY_BOOST,
    # Section title and page title, stemmed: weak, shared by every question around (no
    # folded twin: its words are in the titles, and it would only add postings).
    "context": CONTEXT_BOOST,
}
STEMMED_FIELDS = ("title", "body", "context")
FOLDED_FIELD = "title_folded"
TEXT_FIELDS = ("title", "title_folded", "body")  # the question's own words (not its context)

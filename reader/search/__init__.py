"""Keyword search in French over the FAQ (Whoosh index in the per-user cache).

Import this package lazily (on a worker thread): it imports Whoosh. Entry point:
``SearchIndex.open(library)`` then ``index.search("livraison")``.
"""

from reader.search._deferred import import_whoosh

import_whoosh()  # before any module of this package imports Whoosh

from reader.search.index import SearchIndex  # noqa: E402
from reader.search.results import Hit, MatchedWord, SearchResult  # noqa: E402

__all__ = ["Hit", "MatchedWord", "SearchIndex", "SearchResult"]

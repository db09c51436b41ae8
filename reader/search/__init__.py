"""Keyword search in French over the FAQ (Whoosh index in the per-user cache).

Import this package lazily (on a worker thread): it imports Whoosh. Entry point:
``SearchIndex.open(library)`` then ``index.search("livraison")``. Only
:mod:`reader.search.engine` talks to Whoosh.
"""

from reader.search.index import SearchIndex
from reader.search.results import Hit, MatchedWord, Searcher, SearchResult

__all__ = ["Hit", "MatchedWord", "SearchIndex", "SearchResult", "Searcher"]

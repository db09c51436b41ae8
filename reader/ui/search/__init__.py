"""The search part: the search field, the results list and the search service."""

"""The places part: the section tree, the history, back and forward, rendering a place."""

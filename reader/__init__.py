"""faq-reader: an offline reader for a DokuWiki FAQ, with French full-text search."""

__version__ = "0.1.0"
APP_NAME = "faq-reader"

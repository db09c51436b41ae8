"""Where a refresh fetches from: the wiki's address and the list of page ids.

Saved as ``sources.json`` in the user config folder; until the user changes them, the
bundled manifest's wiki and pages are used. A saved file that cannot be read gives the
bundled ones too, with a warning (:func:`read_sources`); it is never rewritten with them:
only sources that a refresh used successfully are saved (the ``before_commit`` of
:func:`reader.sync.refresh.refresh`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from reader.content.manifest import ManifestError, read_manifest
from reader.content.model import Library
from reader.fsutil import atomic_write_text
from reader.sync.urls import UrlError, page_id_from, wiki_base

log = logging.getLogger(__name__)

SOURCES_NAME = "sources.json"
DEFAULT_WIKI = "https://wiki.cagette.net/"


@dataclass(frozen=True)
class Sources:
    """The wiki's base URL (ending in ``/``) and the pages to fetch, in order."""

    wiki: str
    pages: tuple[str, ...]

    def with_page(self, page: str) -> Sources:
        """These sources plus a page given by id or URL (no duplicate)."""
        page_id = page_id_from(page)
        return self if page_id in self.pages else Sources(self.wiki, (*self.pages, page_id))


def default_sources(bundled_root: Path) -> Sources:
    """The bundled manifest's wiki and pages."""
    try:
        manifest = read_manifest(bundled_root)
    except ManifestError as error:
        log.warning("bundled manifest unreadable: %s", error)
        return Sources(DEFAULT_WIKI, ())
    return Sources(manifest.wiki or DEFAULT_WIKI, tuple(p.id for p in manifest.pages))


def make_sources(wiki: str, pages: list[str] | tuple[str, ...]) -> Sources:
    """Sources from user input: the wiki as any of its URLs, pages as ids or URLs.

    Raises :class:`UrlError` with a French message for input that cannot be used.
    """
    base = wiki_base(wiki)
    ids: list[str] = []
    for page in pages:
        page_id = page_id_from(page)
        if page_id not in ids:
            ids.append(page_id)
    return Sources(base, tuple(ids))


@dataclass(frozen=True)
class SavedSources:
    """The sources to use, and a French warning when the saved file could not be used."""

    sources: Sources
    warning: str = ""


def read_sources(config_dir: Path, bundled_root: Path) -> SavedSources:
    """The saved sources; the bundled defaults when none are saved, or (with a warning)
    when the saved file is unusable."""
    path = config_dir / SOURCES_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        pages = raw["pages"]
        if not isinstance(raw["wiki"], str) or not isinstance(pages, list):
            raise TypeError("wiki or pages of the wrong type")
        return SavedSources(make_sources(raw["wiki"], [str(p) for p in pages]))
    except FileNotFoundError:
        return SavedSources(default_sources(bundled_root))
    except (OSError, ValueError, KeyError, TypeError, UrlError) as error:
        log.warning("saved sources %s unusable (%s): using the bundled ones", path, error)
        warning = (
            f"la liste des pages à mettre à jour (« {path} ») est illisible : celles du "
            "contenu fourni avec l'application sont utilisées"
        )
        return SavedSources(default_sources(bundled_root), warning)


def load_sources(config_dir: Path, bundled_root: Path) -> Sources:
    """The saved sources, or the bundled defaults when none are saved or they are unusable."""
    return read_sources(config_dir, bundled_root).sources


def pages_dropped(library: Library, sources: Sources) -> list[tuple[str, str]]:
    """The pages of ``library`` that a refresh from ``sources`` would remove, as
    (id, title), in the library's order: to name them before doing it."""
    kept = set(sources.pages)
    return [(page.id, page.title) for page in library.pages if page.id not in kept]


def save_sources(config_dir: Path, sources: Sources) -> None:
    data = {"wiki": sources.wiki, "pages": list(sources.pages)}
    atomic_write_text(config_dir / SOURCES_NAME, json.dumps(data, indent=2) + "\n")

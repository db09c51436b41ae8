"""Where a refresh fetches from: the wiki's address, the list of page ids, how far it
follows their links (:class:`Following`: depth and budgets) and the linked pages the user
asked to keep offline (``kept``).

Saved as ``sources.json`` in the user config folder; until the user changes them, the
bundled manifest's wiki and pages are used, with the default depth and budgets. A saved
file that cannot be read gives the bundled ones too, with a warning (:func:`read_sources`);
it is never rewritten with them: only sources that a refresh used successfully, or that the
user edited (preferences, "Garder hors ligne"), are saved. A depth or budget that cannot
be used is replaced by its default, with a warning; the rest of the file still counts.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from reader.content.manifest import ManifestError, read_manifest
from reader.content.model import Library
from reader.fsutil import atomic_write_text
from reader.sync.urls import UrlError, page_id_from, wiki_base

log = logging.getLogger(__name__)

SOURCES_NAME = "sources.json"
DEFAULT_WIKI = "https://wiki.cagette.net/"


MAX_DEPTH = 3
MIB = 1024 * 1024
MAX_DOCUMENT_BYTES = 64 * MIB  # what a content pack takes for one file, at most


@dataclass(frozen=True)
class Following:
    """How far a refresh follows the links of the listed pages, and what it may bring.

    ``depth``: 0 the listed pages only, 1 the pages they link to, up to :data:`MAX_DEPTH`;
    ``max_pages``: linked pages at most; ``max_document_bytes``: the size of one media file
    (a document or an image) at most; ``max_total_bytes``: the linked pages and the media
    files together at most. What falls outside is left out and named in the summary.
    """

    depth: int = 1
    max_pages: int = 200
    max_document_bytes: int = 20 * MIB
    max_total_bytes: int = 100 * MIB


# The keys of sources.json that hold a Following's fields, with what each accepts.
_FOLLOWING_KEYS = {
    "depth": (0, MAX_DEPTH),
    "max_pages": (0, 100_000),
    "max_document_bytes": (0, MAX_DOCUMENT_BYTES),
    "max_total_bytes": (0, 1 << 42),
}


@dataclass(frozen=True)
class Sources:
    """The wiki's base URL (ending in ``/``), the pages to fetch in order, how far their
    links are followed, and the linked pages kept offline at the user's request (taken
    like pages the FAQ links to, whatever the depth)."""

    wiki: str
    pages: tuple[str, ...]
    following: Following = Following()
    kept: tuple[str, ...] = ()

    def with_page(self, page: str) -> Sources:
        """These sources plus a page given by id or URL (no duplicate)."""
        page_id = page_id_from(page)
        if page_id in self.pages:
            return self
        return replace(self, pages=(*self.pages, page_id))

    def with_kept(self, page: str) -> Sources:
        """These sources plus a linked page to keep offline (no duplicate)."""
        page_id = page_id_from(page)
        if page_id in self.kept or page_id in self.pages:
            return self
        return replace(self, kept=(*self.kept, page_id))


def default_sources(bundled_root: Path) -> Sources:
    """The bundled manifest's wiki and pages."""
    try:
        manifest = read_manifest(bundled_root)
    except ManifestError as error:
        log.warning("bundled manifest unreadable: %s", error)
        return Sources(DEFAULT_WIKI, ())
    return Sources(manifest.wiki or DEFAULT_WIKI, tuple(p.id for p in manifest.pages))


def _page_ids(pages: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    ids: list[str] = []
    for page in pages:
        page_id = page_id_from(page)
        if page_id not in ids:
            ids.append(page_id)
    return tuple(ids)


def make_sources(
    wiki: str,
    pages: list[str] | tuple[str, ...],
    following: Following | None = None,
    kept: list[str] | tuple[str, ...] = (),
) -> Sources:
    """Sources from user input: the wiki as any of its URLs, pages as ids or URLs.

    Raises :class:`UrlError` with a French message for input that cannot be used.
    """
    ids = _page_ids(pages)
    extra = tuple(p for p in _page_ids(kept) if p not in ids)
    return Sources(wiki_base(wiki), ids, following or Following(), extra)


def _following(raw: dict[str, Any], path: Path) -> tuple[Following, str]:
    """The depth and budgets of a saved file, each unusable one replaced by its default;
    and a French warning naming those."""
    values: dict[str, int] = {}
    wrong: list[str] = []
    for key, (low, high) in _FOLLOWING_KEYS.items():
        if key not in raw:
            continue
        value = raw[key]
        if type(value) is int and low <= value <= high:
            values[key] = value
        else:
            wrong.append(key)
    if not wrong:
        return Following(**values), ""
    log.warning("saved sources %s: unusable %s, defaults used", path, wrong)
    warning = (
        f"réglage(s) {', '.join(wrong)} de « {path} » illisible(s) : "
        "la valeur par défaut est utilisée"
    )
    return Following(**values), warning


@dataclass(frozen=True)
class SavedSources:
    """The sources to use, and a French warning when the saved file could not be used
    (``unreadable``: not at all, the bundled sources stand in) or only in part."""

    sources: Sources
    warning: str = ""
    unreadable: bool = False


def read_sources(config_dir: Path, bundled_root: Path) -> SavedSources:
    """The saved sources; the bundled defaults when none are saved, or (with a warning)
    when the saved file is unusable."""
    path = config_dir / SOURCES_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        pages, kept = raw["pages"], raw.get("kept", [])
        if not isinstance(raw["wiki"], str) or not isinstance(pages, list):
            raise TypeError("wiki or pages of the wrong type")
        if not isinstance(kept, list):
            raise TypeError("kept is not a list")
        following, warning = _following(raw, path)
        sources = make_sources(
            raw["wiki"], [str(p) for p in pages], following, [str(p) for p in kept]
        )
        return SavedSources(sources, warning)
    except FileNotFoundError:
        return SavedSources(default_sources(bundled_root))
    except (OSError, ValueError, KeyError, TypeError, UrlError) as error:
        log.warning("saved sources %s unusable (%s): using the bundled ones", path, error)
        warning = (
            f"la liste des pages à mettre à jour (« {path} ») est illisible : celles du "
            "contenu fourni avec l'application sont utilisées"
        )
        return SavedSources(default_sources(bundled_root), warning, unreadable=True)


def load_sources(config_dir: Path, bundled_root: Path) -> Sources:
    """The saved sources, or the bundled defaults when none are saved or they are unusable."""
    return read_sources(config_dir, bundled_root).sources


def pages_dropped(library: Library, sources: Sources) -> list[tuple[str, str]]:
    """The FAQ pages of ``library`` that a refresh from ``sources`` would remove, as
    (id, title), in the library's order: to name them before doing it. (Linked pages
    come and go with the links of the listed pages.)"""
    kept = set(sources.pages)
    return [(p.id, p.title) for p in library.pages if p.id not in kept and not p.linked]


def save_sources(config_dir: Path, sources: Sources) -> None:
    """Write ``sources.json`` (atomically)."""
    data: dict[str, Any] = {"wiki": sources.wiki, "pages": list(sources.pages)}
    data.update({f.name: getattr(sources.following, f.name) for f in fields(Following)})
    data["kept"] = list(sources.kept)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    atomic_write_text(config_dir / SOURCES_NAME, text)


def keep_offline(config_dir: Path, bundled_root: Path, page: str) -> Sources:
    """Add a linked page to those kept offline and save the sources at once; the next
    refresh takes it. Raises :class:`UrlError` for a page id that cannot be used, and
    :class:`OSError` when the sources cannot be saved, or when the saved file is
    unreadable (it is not replaced behind the user's back)."""
    saved = read_sources(config_dir, bundled_root)
    if saved.unreadable:
        raise OSError(saved.warning)
    sources = saved.sources.with_kept(page)
    if sources != saved.sources:
        save_sources(config_dir, sources)
    return sources

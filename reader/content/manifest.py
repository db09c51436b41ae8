"""The manifest of a content set: which pages and media it holds and where each came from.

A content set is a folder laid out like DokuWiki's data folder (``pages/<ns>/<page>.txt``,
``media/<ns>/<file>``) with a ``manifest.json`` beside them. The bundled snapshot in
``resources/`` and every refreshed copy in the user data folder share this form.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from reader.fsutil import atomic_write_text


def iso_utc(timestamp: float | None = None) -> str:
    """A moment (unix seconds; now by default) as the manifest writes dates: ISO 8601 UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


MANIFEST_NAME = "manifest.json"
FORMAT = 1


class ManifestError(Exception):
    """The manifest is missing, unreadable or malformed."""


@dataclass(frozen=True)
class PageEntry:
    """One page of a set: its wiki id, file and provenance."""

    id: str
    path: str  # relative to the set's folder, with "/" separators
    sha256: str
    revision: str = ""
    last_modified: str = ""  # ISO 8601 UTC, as the wiki gave it
    fetched: str = ""  # ISO 8601 UTC, when this copy was fetched ("" for the seed)
    note: str = ""


@dataclass(frozen=True)
class MediaEntry:
    """One media file of a set, with the validators the wiki sent for it."""

    id: str
    path: str
    sha256: str
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Manifest:
    """Everything a content set declares about itself."""

    wiki: str
    pages: tuple[PageEntry, ...] = ()
    media: tuple[MediaEntry, ...] = ()
    created: str = ""
    note: str = ""
    format: int = FORMAT
    extra: dict[str, Any] = field(default_factory=dict)

    def page(self, page_id: str) -> PageEntry | None:
        return next((p for p in self.pages if p.id == page_id), None)


def page_path(page_id: str) -> str:
    """Where DokuWiki keeps a page: ``faq:livraison`` → ``pages/faq/livraison.txt``."""
    return "pages/" + page_id.replace(":", "/") + ".txt"


def media_path(media_id: str) -> str:
    """Where DokuWiki keeps a media file: ``faq:logo.png`` → ``media/faq/logo.png``."""
    return "media/" + media_id.replace(":", "/")


def _entry(cls: type, raw: Any) -> Any:
    if not isinstance(raw, dict):
        raise ManifestError(f"entrée invalide : {raw!r:.80}")
    names = {f.name for f in fields(cls)}
    values = {k: v for k, v in raw.items() if k in names}
    for key in ("id", "path", "sha256"):
        if not isinstance(values.get(key), str) or not values[key]:
            raise ManifestError(f"entrée sans « {key} » : {raw!r:.80}")
    if ".." in values["path"].split("/") or values["path"].startswith("/"):
        raise ManifestError(f"chemin refusé : {values['path']!r}")
    return cls(**{k: (v if isinstance(v, str) else str(v)) for k, v in values.items()})


def parse_manifest(text: str) -> Manifest:
    """Parse a manifest's JSON text, raising :class:`ManifestError` on anything malformed."""
    try:
        raw = json.loads(text)
    except ValueError as error:
        raise ManifestError(f"manifeste illisible : {error}") from error
    if not isinstance(raw, dict) or not isinstance(raw.get("pages"), list):
        raise ManifestError("manifeste sans liste de pages")
    if raw.get("format", FORMAT) != FORMAT:
        raise ManifestError(f"format de manifeste inconnu : {raw.get('format')!r}")
    known = {f.name for f in fields(Manifest)}
    return Manifest(
        wiki=str(raw.get("wiki", "")),
        pages=tuple(_entry(PageEntry, p) for p in raw["pages"]),
        media=tuple(_entry(MediaEntry, m) for m in raw.get("media", []) or []),
        created=str(raw.get("created", "")),
        note=str(raw.get("note", "")),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def read_manifest(folder: Path) -> Manifest:
    """Read ``folder/manifest.json``."""
    try:
        text = (folder / MANIFEST_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"manifeste illisible : {error}") from error
    return parse_manifest(text)


def manifest_json(manifest: Manifest) -> str:
    data = asdict(manifest)
    extra = data.pop("extra")
    data.update(extra)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write ``folder/manifest.json`` atomically."""
    atomic_write_text(folder / MANIFEST_NAME, manifest_json(manifest))

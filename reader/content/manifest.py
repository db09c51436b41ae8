"""The manifest of a content set: which pages and media it holds and where each came from.

A content set is a folder laid out like DokuWiki's data folder (``pages/<ns>/<page>.txt``,
``media/<ns>/<file>``) with a ``manifest.json`` beside them. The bundled snapshot in
``resources/`` and every refreshed copy in the user data folder share this form.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from reader.content.dates import french_day
from reader.content.model import LISTED
from reader.fsutil import atomic_write_text


def iso_utc(timestamp: float | None = None) -> str:
    """A moment (unix seconds; now by default) as the manifest writes dates: ISO 8601 UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


def french_date(iso: str) -> str:
    """A manifest date (ISO 8601 UTC) in French, local time: ``8 avril 2020 à 14:05``;
    the text itself when it is not such a date."""
    try:
        moment = time.localtime(calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")))
    except (ValueError, OverflowError):
        return iso
    day = french_day(moment.tm_year, moment.tm_mon, moment.tm_mday)
    return f"{day} à {moment.tm_hour:02d}:{moment.tm_min:02d}"


MANIFEST_NAME = "manifest.json"
FORMAT = 1
# Keys of a refreshed set's manifest beside the entries (kept in ``Manifest.extra``):
ALIASES_KEY = "page_aliases"  # {id a namespace link gives: the page held for it}
MISSING_MEDIA_KEY = "missing_media"  # [media ids the wiki said it does not have]
# {linked page id: "login" | "missing"}: the linked pages the wiki refused or said it does
# not have at the last refresh (none held)
UNAVAILABLE_PAGES_KEY = "unavailable_pages"
UNAVAILABLE_KINDS = ("login", "missing")


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
    role: str = LISTED  # LISTED: a page of the FAQ; LINKED: a page the FAQ links to


IMAGE, DOCUMENT = "image", "document"


def media_kind(media_id: str) -> str:
    """:data:`IMAGE` for a file the wiki shows as an image (by its extension, as DokuWiki
    decides), else :data:`DOCUMENT` (a PDF, a spreadsheet, an archive …)."""
    from reader.content.dokuwiki.conf import IMAGE_EXTENSIONS

    name = media_id.rpartition(":")[2]
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    return IMAGE if extension in IMAGE_EXTENSIONS else DOCUMENT


@dataclass(frozen=True)
class MediaEntry:
    """One media file of a set, with the validators the wiki sent for it, its kind
    (:data:`IMAGE` or :data:`DOCUMENT`, "" when not recorded) and size in bytes (None
    when not recorded: the stored file tells)."""

    id: str
    path: str
    sha256: str
    etag: str = ""
    last_modified: str = ""
    kind: str = ""
    size: int | None = None


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

    def media_entry(self, media_id: str) -> MediaEntry | None:
        return next((m for m in self.media if m.id == media_id), None)

    def aliases(self) -> dict[str, str]:
        """The namespace links' ids and the pages held for them (:data:`ALIASES_KEY`)."""
        raw = self.extra.get(ALIASES_KEY)
        if not isinstance(raw, dict):
            return {}
        return {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}

    def missing_media(self) -> frozenset[str]:
        """The media ids the wiki said it does not have (:data:`MISSING_MEDIA_KEY`)."""
        raw = self.extra.get(MISSING_MEDIA_KEY)
        return frozenset(str(m) for m in raw) if isinstance(raw, list) else frozenset()

    def unavailable_pages(self) -> dict[str, str]:
        """The linked pages the wiki refused (``"login"``) or said it does not have
        (``"missing"``) at the last refresh (:data:`UNAVAILABLE_PAGES_KEY`)."""
        raw = self.extra.get(UNAVAILABLE_PAGES_KEY)
        if not isinstance(raw, dict):
            return {}
        return {str(k): v for k, v in raw.items() if v in UNAVAILABLE_KINDS}


# A file or folder name longer than this (in UTF-8 bytes) is cut and given a hash of the
# whole: file systems take 255 bytes a name, and Windows 260 characters a path.
MAX_NAME_BYTES = 120
_HASH_CHARS = 16
_DEVICES = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}
_SUFFIX_CHARS = 10


def safe_name(name: str, suffix: str = "") -> str:
    """``name + suffix`` as a file name that every file system accepts: at most
    :data:`MAX_NAME_BYTES` bytes and no Windows device name (``con``, ``aux.png`` …).
    Any other name is cut and gets a hash of the whole, so two long names never meet."""
    whole = (name + suffix).encode("utf-8")
    if len(whole) <= MAX_NAME_BYTES and name.split(".", 1)[0].lower() not in _DEVICES:
        return name + suffix
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:_HASH_CHARS]
    room = MAX_NAME_BYTES - _HASH_CHARS - 1 - len(suffix.encode("utf-8"))
    head = name.encode("utf-8")[:room].decode("utf-8", "ignore")
    return f"{head}~{digest}{suffix}"


def _folders(parts: list[str]) -> str:
    return "".join(safe_name(part) + "/" for part in parts)


def page_path(page_id: str) -> str:
    """Where DokuWiki keeps a page: ``faq:livraison`` → ``pages/faq/livraison.txt``
    (a name too long for a file system is shortened: :func:`safe_name`)."""
    *namespaces, name = page_id.split(":")
    return "pages/" + _folders(namespaces) + safe_name(name, ".txt")


def media_path(media_id: str) -> str:
    """Where DokuWiki keeps a media file: ``faq:logo.png`` → ``media/faq/logo.png``
    (a name too long for a file system is shortened, its extension kept: :func:`safe_name`)."""
    *namespaces, name = media_id.split(":")
    stem, dot, extension = name.rpartition(".")
    if dot and stem and 0 < len(extension) <= _SUFFIX_CHARS and extension.isalnum():
        return "media/" + _folders(namespaces) + safe_name(stem, "." + extension)
    return "media/" + _folders(namespaces) + safe_name(name)


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
    size = values.pop("size", None)
    if size is not None and (type(size) is not int or size < 0):
        raise ManifestError(f"taille invalide : {raw!r:.80}")
    texts = {k: (v if isinstance(v, str) else str(v)) for k, v in values.items()}
    return cls(**texts, size=size) if "size" in names else cls(**texts)


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

"""A pack's ``manifest.json``: what it declares, the caps it is held to, reading it strictly.

The manifest is the first member of the pack and lists every other member with its
kind, wiki id, revision, size and SHA-256 (``docs/PACK_FORMAT.md``). Reading it checks
everything that can be checked before a single member is decompressed: the format and
version, every field's type, every path (:mod:`reader.packs.names`), that pages sit
where their id says and media under ``media/``, no name or id twice, and every size
within :class:`Caps`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.content.ids import clean_id
from reader.content.manifest import (
    ALIASES_KEY,
    MISSING_MEDIA_KEY,
    UNAVAILABLE_KINDS,
    UNAVAILABLE_PAGES_KEY,
    page_path,
)
from reader.packs.dates import normal_date
from reader.packs.errors import PackError
from reader.packs.names import name_key, name_problem, shown

FORMAT_NAME = "faq-reader-pack"
VERSION = 1
MANIFEST_NAME = "manifest.json"
SUFFIX = ".faqpack"
PAGE, MEDIA = "page", "media"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MIB = 1024 * 1024
# Optional text fields of a file entry, as the content set's manifest keeps them.
OPTIONAL_FIELDS = ("last_modified", "fetched", "note", "etag", "role")


@dataclass(frozen=True)
class Caps:
    """The bounds a pack is held to before and while it is read (``docs/PACK_FORMAT.md``).

    A member bigger than ``ratio_floor`` may not inflate more than ``max_ratio`` times
    its compressed size, nor the whole pack more than that times the file's size.
    """

    max_files: int = 50_000
    max_manifest_bytes: int = 16 * _MIB
    max_page_bytes: int = 8 * _MIB
    max_media_bytes: int = 64 * _MIB
    max_total_bytes: int = 2048 * _MIB
    max_ratio: int = 100
    ratio_floor: int = _MIB


@dataclass(frozen=True)
class PackFile:
    """One member of a pack, as the manifest lists it."""

    path: str  # the member's name: "pages/…/x.txt" or "media/…"
    kind: str  # PAGE or MEDIA
    id: str  # the wiki's page or media id
    revision: str  # the wiki's revision ("" when unknown)
    size: int  # bytes, uncompressed
    sha256: str  # lowercase hex
    last_modified: str = ""
    fetched: str = ""
    note: str = ""
    etag: str = ""
    role: str = ""  # a page's role in the set: "linked" for a page the FAQ links to


@dataclass(frozen=True)
class PackHeader:
    """What a pack declares: its content's date, the app and wiki it comes from, its files
    (pages in reading order, then media)."""

    created: str  # ISO 8601 UTC: the date of the content, not of the export
    app: str
    wiki: str
    files: tuple[PackFile, ...]
    version: int = VERSION
    # What a refresh learnt about the wiki around the pages, kept as the content set keeps
    # it (optional keys of the manifest, written only when not empty):
    aliases: Mapping[str, str] = field(default_factory=dict)  # namespace link → page held
    missing_media: tuple[str, ...] = ()  # media ids the wiki said it does not have
    unavailable_pages: Mapping[str, str] = field(default_factory=dict)  # id → login|missing

    def manifest_extra(self) -> dict[str, Any]:
        """These, as a content set's manifest keeps them (``Manifest.extra``)."""
        return {
            ALIASES_KEY: dict(self.aliases),
            MISSING_MEDIA_KEY: list(self.missing_media),
            UNAVAILABLE_PAGES_KEY: dict(self.unavailable_pages),
        }

    @property
    def pages(self) -> tuple[PackFile, ...]:
        return tuple(f for f in self.files if f.kind == PAGE)

    @property
    def media(self) -> tuple[PackFile, ...]:
        return tuple(f for f in self.files if f.kind == MEDIA)

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)


def header_bytes(header: PackHeader) -> bytes:
    """The manifest's bytes: fixed key order, optional fields only when set."""
    files = []
    for f in header.files:
        entry: dict[str, Any] = {
            "path": f.path,
            "kind": f.kind,
            "id": f.id,
            "revision": f.revision,
            "size": f.size,
            "sha256": f.sha256,
        }
        entry.update({k: getattr(f, k) for k in OPTIONAL_FIELDS if getattr(f, k)})
        files.append(entry)
    data = {
        "format": FORMAT_NAME,
        "version": header.version,
        "created": header.created,
        "app": header.app,
        "wiki": header.wiki,
        "files": files,
    }
    for key, value in (
        (ALIASES_KEY, dict(sorted(header.aliases.items()))),
        (MISSING_MEDIA_KEY, sorted(header.missing_media)),
        (UNAVAILABLE_PAGES_KEY, dict(sorted(header.unavailable_pages.items()))),
    ):
        if value:
            data[key] = value
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):  # two parsers could each believe another value
        raise PackError("manifeste ambigu : une clé y figure deux fois")
    return dict(pairs)


def _text(raw: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = raw.get(key, None if required else "")
    if not isinstance(value, str):
        raise PackError(f"manifeste invalide : « {key} » manquant ou non textuel{where}")
    return value


def _file(raw: Any, number: int) -> PackFile:
    where = f" (fichier n° {number})"
    if not isinstance(raw, dict):
        raise PackError(f"manifeste invalide : entrée qui n'est pas un objet{where}")
    path = _text(raw, "path", where)
    where = f" (« {shown(path)} »)"
    kind, file_id = _text(raw, "kind", where), _text(raw, "id", where)
    if isinstance(raw.get("revision"), int) and not isinstance(raw["revision"], bool):
        raw = {**raw, "revision": str(raw["revision"])}  # DokuWiki's revisions are numbers
    revision, sha256 = _text(raw, "revision", where), _text(raw, "sha256", where)
    size = raw.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise PackError(f"manifeste invalide : taille absente ou négative{where}")
    if not _SHA256.fullmatch(sha256):
        raise PackError(f"manifeste invalide : empreinte SHA-256 mal formée{where}")
    if (problem := name_problem(path)) is not None:
        raise PackError(f"chemin refusé « {shown(path)} » : {problem}")
    if kind == PAGE:
        if not path.startswith("pages/") or not path.endswith(".txt"):
            raise PackError(f"la page « {shown(path)} » n'est pas sous pages/ en .txt")
        if page_path(file_id) != path or "/" in file_id:
            shown_id = shown(file_id)
            raise PackError(
                f"la page « {shown(path)} » ne correspond pas à l'identifiant {shown_id}"
            )
    elif kind == MEDIA:
        if not path.startswith("media/"):
            raise PackError(f"le fichier joint « {shown(path)} » n'est pas sous media/")
        if not file_id or not file_id.isprintable():
            raise PackError(f"manifeste invalide : identifiant mal formé{where}")
    else:
        raise PackError(f"manifeste invalide : type « {shown(kind, 20)} » inconnu{where}")
    optional = {k: _text(raw, k, where, required=False) for k in OPTIONAL_FIELDS}
    return PackFile(path, kind, file_id, revision, size, sha256, **optional)


def _page_id(value: Any, key: str) -> str:
    """A page id as DokuWiki writes them (already clean), or a :class:`PackError`."""
    if not isinstance(value, str) or not value or len(value) > 255 or clean_id(value) != value:
        raise PackError(f"manifeste invalide : identifiant de page mal formé dans « {key} »")
    return value


def _extras(raw: dict[str, Any], pages: set[str], caps: Caps) -> dict[str, Any]:
    """The optional keys of what a refresh learnt about the wiki, each checked: an alias
    leads to a page of the pack; a media id is printable; an unavailable page is a page
    id, refused or missing."""
    aliases, missing, unavailable = (
        raw.get(ALIASES_KEY, {}),
        raw.get(MISSING_MEDIA_KEY, []),
        raw.get(UNAVAILABLE_PAGES_KEY, {}),
    )
    if not isinstance(aliases, dict) or not isinstance(unavailable, dict):
        raise PackError(f"manifeste invalide : « {ALIASES_KEY} » ou « {UNAVAILABLE_PAGES_KEY} »")
    if not isinstance(missing, list):
        raise PackError(f"manifeste invalide : « {MISSING_MEDIA_KEY} » n'est pas une liste")
    if max(len(aliases), len(missing), len(unavailable)) > caps.max_files:
        raise PackError("manifeste invalide : trop d'identifiants hors des fichiers")
    for link, page in aliases.items():
        _page_id(link, ALIASES_KEY)
        if page not in pages:
            raise PackError(f"manifeste invalide : « {ALIASES_KEY} » mène hors du paquet")
    for media_id in missing:
        if not isinstance(media_id, str) or not media_id.isprintable() or len(media_id) > 255:
            raise PackError(
                f"manifeste invalide : identifiant mal formé dans « {MISSING_MEDIA_KEY} »"
            )
    for page, kind in unavailable.items():
        _page_id(page, UNAVAILABLE_PAGES_KEY)
        if kind not in UNAVAILABLE_KINDS:
            raise PackError(
                f"manifeste invalide : raison inconnue dans « {UNAVAILABLE_PAGES_KEY} »"
            )
    return {
        "aliases": dict(aliases),
        "missing_media": tuple(missing),
        "unavailable_pages": dict(unavailable),
    }


def _check_caps(files: list[PackFile], caps: Caps) -> None:
    for f in files:
        cap = caps.max_page_bytes if f.kind == PAGE else caps.max_media_bytes
        if f.size > cap:
            raise PackError(f"« {shown(f.path)} » est trop gros ({f.size} octets, au plus {cap})")
    total = sum(f.size for f in files)
    if total > caps.max_total_bytes:
        raise PackError(f"contenu trop gros ({total} octets, au plus {caps.max_total_bytes})")


def parse_header(data: bytes, caps: Caps) -> PackHeader:
    """The header in ``data`` (the bytes of ``manifest.json``), every declaration checked;
    raises :class:`PackError` saying what is wrong."""
    try:
        raw = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except (UnicodeDecodeError, ValueError) as error:
        raise PackError("manifeste illisible (JSON invalide)") from error
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise PackError("ce fichier n'est pas un paquet de contenu faq-reader")
    version = raw.get("version")
    if version != VERSION or isinstance(version, bool):
        raise PackError(
            f"version de paquet {str(version)[:20]} inconnue (cette version de faq-reader lit "
            f"la version {VERSION})"
        )
    created = normal_date(_text(raw, "created", ""))
    if not created:
        raise PackError("manifeste invalide : date « created » illisible")
    app, wiki = _text(raw, "app", ""), _text(raw, "wiki", "")
    listed = raw.get("files")
    if not isinstance(listed, list):
        raise PackError("manifeste invalide : pas de liste « files »")
    if len(listed) > caps.max_files:
        raise PackError(f"trop de fichiers ({len(listed)}, au plus {caps.max_files})")
    files = [_file(item, n) for n, item in enumerate(listed, 1)]
    names: set[str] = set()
    ids: set[tuple[str, str]] = set()
    for f in files:
        if name_key(f.path) in names:
            raise PackError(f"« {shown(f.path)} » figure deux fois (à la casse près)")
        if (f.kind, f.id) in ids:
            raise PackError(f"l'identifiant « {shown(f.id)} » figure deux fois")
        names.add(name_key(f.path))
        ids.add((f.kind, f.id))
    if not any(f.kind == PAGE for f in files):
        raise PackError("le paquet ne contient aucune page")
    _check_caps(files, caps)
    # Pages first, in reading order, then media: the order the content set keeps.
    ordered = [f for f in files if f.kind == PAGE] + [f for f in files if f.kind == MEDIA]
    extras = _extras(raw, {f.id for f in files if f.kind == PAGE}, caps)
    return PackHeader(created, app, wiki, tuple(ordered), VERSION, **extras)

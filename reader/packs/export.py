"""Writing a pack of the content held, the same bytes every time for the same content.

Deterministic by construction: ``manifest.json`` first, then the members sorted by the
UTF-8 bytes of their names; every member dated 1980-01-01 00:00, made on "Unix" with
mode 0644, no extra field, no comment; pages and other text deflated at zlib's level 6,
already-compressed media (images, PDF, office files…) stored; the manifest carries the
content's date (:func:`reader.packs.dates.content_date`), never the export's. Only the
``app`` field changes with the reader's version. Each file is hashed as it is copied and
must match the set's manifest; the pack is written to a temporary file beside the target
and renamed into place, so a failed export leaves no half pack.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reader import APP_NAME, __version__
from reader.content.model import LISTED
from reader.content.store import ContentSet, UserStore, select_content
from reader.fsutil import give_usual_mode
from reader.packs.dates import content_date
from reader.packs.errors import PackCancelled, PackError, export_failure, os_reason
from reader.packs.header import (
    MANIFEST_NAME,
    MEDIA,
    PAGE,
    Caps,
    PackFile,
    PackHeader,
    header_bytes,
    parse_header,
)
from reader.paths import Paths
from reader.sync.cancel import Cancelled, CancelToken
from reader.sync.lock import Busy, store_lock
from reader.sync.progress import Progress, ProgressCallback

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
UNIX = 3
FILE_MODE = 0o100644  # a regular file, rw-r--r--
CHUNK = 1024 * 1024
UNDATED = "1970-01-01T00:00:00Z"  # a content with no date at all: older than any other
# Kept as they are: deflate would spend time for nothing on these.
STORED_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".zip", ".gz", ".bz2", ".xz", ".7z"}
    | {".odt", ".ods", ".odp", ".odg", ".docx", ".xlsx", ".pptx", ".epub"}
    | {".mp3", ".mp4", ".m4a", ".ogg", ".oga", ".ogv", ".webm"}
)


@dataclass(frozen=True)
class ExportResult:
    """A pack written: where, how big, and what it holds."""

    path: Path
    size: int  # bytes of the pack
    header: PackHeader


def _pack_header(content: ContentSet) -> PackHeader:
    """The manifest of a pack of ``content``: its pages in reading order, then its media,
    with the sizes of the stored files."""
    manifest = content.manifest
    files: list[PackFile] = []
    try:
        for p in manifest.pages:
            size = (content.root / p.path).stat().st_size
            extra = {"last_modified": p.last_modified, "fetched": p.fetched, "note": p.note}
            extra["role"] = p.role if p.role != LISTED else ""  # written only when linked
            files.append(PackFile(p.path, PAGE, p.id, p.revision, size, p.sha256, **extra))
        for m in manifest.media:
            size = (content.root / m.path).stat().st_size
            extra = {"last_modified": m.last_modified, "etag": m.etag}
            files.append(PackFile(m.path, MEDIA, m.id, "", size, m.sha256, **extra))
    except OSError as error:
        raise PackError(f"contenu illisible ({os_reason(error)})") from error
    created = content_date(manifest) or UNDATED
    header = PackHeader(
        created,
        f"{APP_NAME} {__version__}",
        manifest.wiki,
        tuple(files),
        aliases=manifest.aliases(),
        missing_media=tuple(sorted(manifest.missing_media())),
        unavailable_pages=manifest.unavailable_pages(),
    )
    # What the importer would refuse is not written: the same checks, caps included.
    parse_header(header_bytes(header), Caps())
    return header


def _info(name: str, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = UNIX
    info.external_attr = FILE_MODE << 16
    stored = os.path.splitext(name)[1].lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.file_size = size
    return info


def _write_pack(
    content: ContentSet,
    target: Path,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Write the pack of ``content`` to ``target`` (replaced atomically)."""
    header = _pack_header(content)
    manifest = header_bytes(header)
    members = sorted(header.files, key=lambda f: f.path.encode("utf-8"))
    folder = target.parent
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise PackError(
            f"le dossier « {folder} » ne peut pas recevoir le paquet ({os_reason(error)})"
        ) from error
    temp = Path(temp_name)
    try:
        give_usual_mode(fd)
        with os.fdopen(fd, "w+b") as handle:
            with zipfile.ZipFile(handle, "w", allowZip64=False) as archive:
                archive.writestr(_info(MANIFEST_NAME, len(manifest)), manifest)
                for done, entry in enumerate(members, 1):
                    if cancel is not None:
                        cancel.check()
                    _copy(content.root / entry.path, entry, archive)
                    if progress is not None:
                        item = Progress("export", done, len(members), entry.path, handle.tell())
                        progress(item)
            handle.flush()
            os.fsync(handle.fileno())
            size = handle.tell()
        os.replace(temp, target)
    except Cancelled as error:
        raise PackCancelled("Export annulé : aucun paquet n'a été écrit.") from error
    except OSError as error:
        raise PackError(
            f"le paquet « {target} » n'a pas pu être écrit ({os_reason(error)})"
        ) from error
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return ExportResult(target, size, header)


def _copy(source: Path, entry: PackFile, archive: zipfile.ZipFile) -> None:
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as reader, archive.open(_info(entry.path, entry.size), "w") as writer:
        while block := reader.read(CHUNK):
            digest.update(block)
            size += len(block)
            writer.write(block)
    if digest.hexdigest() != entry.sha256 or size != entry.size:
        raise PackError(f"« {entry.path} » a changé ou est abîmé dans le contenu")


def export_pack(
    target: Path,
    paths: Paths,
    *,
    content: ContentSet | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Export the content held (``content``, else the set the reader would show from
    ``paths``) to the pack ``target``. A user set is read under the store's lock, so no
    refresh or import swaps it meanwhile. Raises :class:`PackError` whose ``message``
    is the sentence to show (:class:`PackCancelled` on cancel), having left no file."""
    try:
        if content is None:
            content = select_content(paths.resources, paths.data).content
        if not content.manifest.pages:
            raise PackError("aucun contenu à exporter")
        if content.origin != "user":
            return _write_pack(content, target, progress, cancel)
        with store_lock(UserStore(paths.data).root):
            return _write_pack(content, target, progress, cancel)
    except Busy as error:
        raise export_failure(PackError("une mise à jour ou un import est en cours")) from error
    except OSError as error:  # the store's lock could not be made
        reason = f"le contenu ne peut pas être lu ({os_reason(error)})"
        raise export_failure(PackError(reason)) from error
    except PackError as error:
        failure = export_failure(error)
        if failure is error:
            raise
        raise failure from error

"""One verified pass over a pack: its manifest first, then every member against it.

:class:`PackReader` is the pass both ``info`` and an import go through: the file is read
once, forward, in bounded chunks (:mod:`reader.packs.zipstream`); the manifest is read
and checked whole (:mod:`reader.packs.header`) before any other member is inflated; each
member must be listed, come once, and match its listed size and SHA-256; a listed
member that never comes is missing; the central directory must agree at the end.
:func:`verify_pack` adds what only the content can tell: the pages convert, and the pack
holds questions. Nothing is written (but the page cache, which is only a cache).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from reader.content.library import decode_page
from reader.content.model import LISTED, Library, Page, PageSource
from reader.content.page_cache import PageCache
from reader.packs.errors import PackError, os_reason
from reader.packs.header import MANIFEST_NAME, MEDIA, Caps, PackFile, PackHeader, parse_header
from reader.packs.names import shown
from reader.packs.zipstream import Bounds, Member, ZipReader
from reader.sync.cancel import CancelToken
from reader.sync.progress import Progress, ProgressCallback

log = logging.getLogger(__name__)


class PackReader:
    """A pack opened for one pass: :attr:`header` once entered, then :meth:`members`.

    ``progress`` gets ``Progress(step, files done, files listed, path, bytes read)``.
    """

    def __init__(
        self,
        path: Path,
        caps: Caps | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        step: str = "verify",
    ) -> None:
        self.path = path
        self.caps = caps or Caps()
        self._bounds = Bounds(self.caps.max_ratio, self.caps.ratio_floor)
        self._progress = progress
        self._cancel = cancel
        self._step = step
        self._handle: BinaryIO | None = None
        self._zip: ZipReader | None = None
        self.size = 0
        self.header = PackHeader("", "", "", ())

    def __enter__(self) -> PackReader:
        try:
            self._handle = self.path.open("rb")
            self.size = os.fstat(self._handle.fileno()).st_size
        except OSError as error:
            raise PackError(f"paquet illisible ({os_reason(error)})") from error
        try:
            self._zip = ZipReader(self._handle, self.caps.max_files + 1)
            self.header = self._read_header(self._zip)
        except BaseException:
            self._handle.close()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._handle is not None:
            self._handle.close()

    def _read_header(self, reader: ZipReader) -> PackHeader:
        first = reader.next_member()
        if first is None:
            raise PackError("paquet vide : pas de manifeste")
        if first.name != MANIFEST_NAME:
            raise PackError(f"manifeste absent ({MANIFEST_NAME} doit être le premier fichier)")
        limit = self.caps.max_manifest_bytes
        header = parse_header(b"".join(first.chunks(limit, self._bounds, at_most=True)), self.caps)
        total = header.total_size
        if total > self.caps.ratio_floor and total > self.caps.max_ratio * self.size:
            raise PackError("compression suspecte (bombe de décompression)")
        return header

    def members(self) -> Iterator[tuple[PackFile, Iterator[bytes]]]:
        """Each member with its listed entry and its bytes, checked as they are read (the
        SHA-256 once the last chunk is read); what the caller leaves unread is read and
        checked here. Ends after the central directory was checked."""
        assert self._zip is not None, "members() outside of a with block"
        listed = {f.path: f for f in self.header.files}
        seen: set[str] = set()
        while (member := self._zip.next_member()) is not None:
            if self._cancel is not None:
                self._cancel.check()
            entry = listed.get(member.name)
            if entry is None:
                raise PackError(f"fichier non listé dans le manifeste : « {shown(member.name)} »")
            if member.name in seen:
                raise PackError(f"« {shown(member.name)} » figure deux fois dans l'archive")
            seen.add(member.name)
            chunks = self._checked(member, entry)
            yield entry, chunks
            for _ in chunks:  # whatever the caller did not read
                pass
            if self._progress is not None:
                done = len(seen)
                item = Progress(self._step, done, len(listed), entry.path, self._zip.position)
                self._progress(item)
        missing = [f.path for f in self.header.files if f.path not in seen]
        if missing:
            more = f" (et {len(missing) - 1} autre(s))" if len(missing) > 1 else ""
            raise PackError(f"fichier manquant dans le paquet : « {missing[0]} »{more}")
        self._zip.finish()

    def _checked(self, member: Member, entry: PackFile) -> Iterator[bytes]:
        digest = hashlib.sha256()
        for chunk in member.chunks(entry.size, self._bounds):
            digest.update(chunk)
            yield chunk
        if digest.hexdigest() != entry.sha256:
            raise PackError(
                f"« {entry.path} » ne correspond pas à son empreinte (modifié ou abîmé)"
            )


def read_header(path: Path, caps: Caps | None = None) -> PackHeader:
    """The pack's declarations, reading only its manifest (a quick look, not a check of
    the members: see :func:`verify_pack`)."""
    with PackReader(path, caps) as reader:
        return reader.header


@dataclass(frozen=True)
class VerifiedPack:
    """A pack that passed every check, with the library its pages make."""

    path: Path
    size: int  # bytes of the file
    header: PackHeader
    library: Library  # the pages, built, in reading order
    media_of: dict[str, list[str]]  # page id → the media ids it uses
    warnings: tuple[str, ...] = ()

    @property
    def questions(self) -> int:
        return sum(1 for _ in self.library.questions())


def verify_pack(
    path: Path,
    cache: PageCache,
    caps: Caps | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    on_header: Callable[[PackHeader], None] | None = None,
) -> VerifiedPack:
    """Read the whole pack once and check everything, pages converted (through ``cache``);
    raises :class:`PackError` naming the first problem. Writes nothing but the cache.

    ``on_header`` sees the manifest as soon as it is read, before any other member: it
    may refuse the pack (by raising) without the rest being read.
    """
    built: dict[str, Page] = {}
    media_of: dict[str, list[str]] = {}
    warnings: list[str] = []
    with PackReader(path, caps, progress, cancel) as reader:
        header = reader.header
        if on_header is not None:
            on_header(header)
        for entry, chunks in reader.members():
            if entry.kind == MEDIA:
                continue  # read and checked by members()
            page, media, problem = _build(entry, b"".join(chunks), header.wiki, cache)
            built[entry.id], media_of[entry.id] = page, media
            if problem:
                warnings.append(f"Page {entry.id} : {problem}")
        size = reader.size
    library = Library(tuple(built[f.id] for f in header.pages), aliases=dict(header.aliases))
    if next(library.questions(), None) is None:
        raise PackError("le paquet ne contient aucune question")
    return VerifiedPack(path, size, header, library, media_of, tuple(warnings))


def _build(
    entry: PackFile, data: bytes, wiki: str, cache: PageCache
) -> tuple[Page, list[str], str | None]:
    from reader.sync.fetch import page_media

    text, problem = decode_page(data)
    source = PageSource(
        wiki=wiki,
        revision=entry.revision,
        last_modified=entry.last_modified,
        fetched=entry.fetched,
        sha256=entry.sha256,
        origin="user",
        note=entry.note,
    )
    try:
        page = cache.load(entry.id, entry.sha256, text, source, role=entry.role or LISTED)
    except Exception as error:  # the converter must not take the import down
        log.exception("page %s of %s does not convert", entry.id, entry.path)
        raise PackError(f"la page « {entry.id} » ne peut pas être convertie") from error
    return page, list(page_media(text, entry.id, page.media)), problem


@dataclass(frozen=True)
class PackInfo:
    """What ``pack info`` tells: what the pack declares and whether it verifies."""

    path: Path
    size: int
    header: PackHeader | None  # None when even the manifest could not be read
    questions: int | None  # None unless it verified
    problem: str = ""  # the first problem found, "" when it verifies

    @property
    def verified(self) -> bool:
        return not self.problem


def pack_info(path: Path, cache: PageCache, caps: Caps | None = None) -> PackInfo:
    """Read and verify the pack at ``path``; never raises for a bad pack."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    try:
        header = read_header(path, caps)
    except PackError as error:
        return PackInfo(path, size, None, None, error.reason)
    try:
        verified = verify_pack(path, cache, caps)
    except PackError as error:
        return PackInfo(path, size, header, None, error.reason)
    return PackInfo(path, size, header, verified.questions)

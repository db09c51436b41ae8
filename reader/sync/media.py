"""The media files of a refresh: the images the pages show and the documents they link to
(PDF, spreadsheets, archives …), written byte for byte into the staged set as they come.

Each file is asked for with the validators of its stored copy (a 304 reuses it), within
the per-file and total budgets (:mod:`reader.sync.budget`): the request's size bound is
the smaller of the two, so a file announced too big is refused before a byte is read, and
one that grows past it is cut and left out. Files stream to disk (never whole in memory)
and their SHA-256 is computed on the way.

A file that cannot be had (missing, protected, a web page instead, a server error …) is a
warning naming it and its page, never a failure: the stored copy is kept when there is
one. One that the wiki does not have is also listed as missing (``missing_media`` in
the set's manifest) so that its links say so. Only a cancel (and a disk that cannot be
written) raises.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from reader.content.manifest import IMAGE, MediaEntry, media_kind, media_path
from reader.sync.budget import MAX_DOCUMENT, MAX_TOTAL, Budget, LeftOut
from reader.sync.fetch import Fetched, Refresh
from reader.sync.http import HttpError
from reader.sync.old_content import OldContent
from reader.sync.urls import media_url
from reader.sync.wiki import Validators, WikiError, check_media

log = logging.getLogger(__name__)

_HEAD = 4096  # bytes kept to tell a web page from a file


@dataclass
class Media:
    """A media file of the new set, with the manifest entry it will have.

    ``fresh``: downloaded into the staged set by this refresh; otherwise the stored copy
    is reused, from ``stored`` (its path in the old set).
    """

    media_id: str
    entry: MediaEntry
    stored: str = ""
    fresh: bool = False

    @classmethod
    def reuse(
        cls, media_id: str, previous: MediaEntry, size: int, etag: str | None = None
    ) -> Media:
        """The stored copy again, at the path this version gives its id."""
        entry = replace(
            previous,
            path=media_path(media_id),
            etag=previous.etag if etag is None else etag,
            kind=media_kind(media_id),
            size=size,
        )
        return cls(media_id, entry, previous.path)


class _Download:
    """Where a file's bytes go as they come: the staged file, its hash, its first bytes."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0
        self.head = b""

    def write(self, chunk: bytes) -> None:
        if len(self.head) < _HEAD:
            self.head += chunk[: _HEAD - len(self.head)]
        self.digest.update(chunk)
        self.handle.write(chunk)
        self.size += len(chunk)


class MediaFetcher:
    """Fetches the media of the pages it is given, each file once, into ``staged``."""

    def __init__(self, job: Refresh, old: OldContent, staged: Path, budget: Budget) -> None:
        self.job = job
        self.old = old
        self.staged = staged
        self.budget = budget
        self.media: list[Media] = []
        self.missing: list[str] = []  # media ids the wiki said it does not have
        self._seen: set[str] = set()
        same_wiki = old.content.manifest.wiki == job.sources.wiki
        self._old = {m.id: m for m in old.content.manifest.media} if same_wiki else {}
        self._old_missing = set(old.content.manifest.missing_media())

    def fetch(self, pages: list[Fetched]) -> None:
        """Fetch the media that ``pages`` use and that were not fetched yet."""
        users: dict[str, str] = {}
        for page in pages:
            for media_id in page.media:
                if media_id not in self._seen:
                    users.setdefault(media_id, page.page_id)
        self._seen.update(users)
        for n, (media_id, page_id) in enumerate(users.items(), 1):
            self.job.report("media", n, len(users), media_id)
            self._fetch_one(media_id, page_id)

    def _previous(self, media_id: str) -> tuple[MediaEntry, int] | None:
        previous = self._old.get(media_id)
        if previous is None:
            return None
        try:
            return previous, (self.old.content.root / previous.path).stat().st_size
        except OSError:
            return None

    def _fetch_one(self, media_id: str, page_id: str) -> None:
        job, budget = self.job, self.budget
        kept = self._previous(media_id)
        previous = kept[0] if kept else None
        validators = Validators(previous.etag, previous.last_modified) if previous else Validators()
        cap = min(budget.following.max_document_bytes, job.limits.max_media_bytes)
        limit = min(cap, budget.room)
        target = self.staged / media_path(media_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        what = media_kind(media_id)
        try:
            with target.open("wb") as handle:
                download = _Download(handle)
                response = job.get(
                    media_url(job.sources.wiki, media_id),
                    limit,
                    validators.headers(),
                    sink=download.write,
                )
                handle.flush()
                os.fsync(handle.fileno())
            written = check_media(response, download.head, what)
            if not written and kept is None:
                raise WikiError("status", "réponse 304 inattendue")
        except (WikiError, HttpError) as error:
            target.unlink(missing_ok=True)
            reason = self._budget_reason(error, cap, limit)
            if reason:
                budget.leave_out(LeftOut(what, media_id, reason))
                return
            if isinstance(error, WikiError) and error.kind == "missing":
                self.missing.append(media_id)
            self._problem(media_id, page_id, error.reason, what, kept is not None)
            if kept is not None:
                self._reuse(media_id, kept)
            return
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        if not written:  # 304: the stored copy is still the wiki's
            assert kept is not None
            target.unlink(missing_ok=True)
            self._reuse(media_id, kept)
            return
        budget.take_file(download.size)
        entry = MediaEntry(
            id=media_id,
            path=media_path(media_id),
            sha256=download.digest.hexdigest(),
            etag=response.headers.get("etag", ""),
            last_modified=response.headers.get("last-modified", ""),
            kind=what,
            size=download.size,
        )
        self.media.append(Media(media_id, entry, fresh=True))

    def _budget_reason(self, error: WikiError | HttpError, cap: int, limit: int) -> str:
        """The budget a file too big went over; "" for any other error, and for the
        client's own ceiling (:class:`Limits`), which is a fault of the file, not the
        user's choice."""
        if not isinstance(error, HttpError) or error.kind != "too_big":
            return ""
        if limit < cap:
            return MAX_TOTAL
        if self.budget.following.max_document_bytes <= self.job.limits.max_media_bytes:
            return MAX_DOCUMENT
        return ""

    def _reuse(self, media_id: str, kept: tuple[MediaEntry, int]) -> None:
        """Keep the stored copy, if the budgets leave room for it."""
        previous, size = kept
        reason = self.budget.file_fits(size)
        if reason:
            self.budget.leave_out(LeftOut(media_kind(media_id), media_id, reason, size=size))
            return
        self.budget.take_file(size)
        self.media.append(Media.reuse(media_id, previous, size))

    def _problem(self, media_id: str, page_id: str, reason: str, what: str, kept: bool) -> None:
        if kept:
            outcome = "la copie déjà enregistrée est gardée"
        elif what == IMAGE:
            outcome = "la réponse montre sa légende à la place"
        else:
            outcome = "son lien le dit indisponible"
        noun = "image" if what == IMAGE else "document"
        log.warning("%s %s of %s not fetched: %s", noun, media_id, page_id, reason)
        self.job.warnings.append(
            f"{noun} « {media_id} » (page « {page_id} ») : {reason} ; {outcome}"
        )

    def missing_media(self) -> list[str]:
        """The media ids the wiki does not have, as far as this refresh knows: those it
        said so for now, and those it said so for before and that were not asked again."""
        held = {m.media_id for m in self.media}
        earlier = [m for m in self._old_missing if m not in self._seen and m not in held]
        return sorted({*self.missing, *earlier} - held)

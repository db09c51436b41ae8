"""Importing a pack: verified first, then staged, swapped and summed up like a refresh.

1. under the store's lock (one refresh or import at a time), the whole pack is read and
   checked without writing anything (:func:`reader.packs.reading.verify_pack`): its
   structure, names, sizes, hashes, and that its pages convert;
2. a pack whose content is older than the content held is refused unless forced
   (:class:`~reader.packs.errors.PackTooOld`, naming both dates);
3. when it holds what is already shown, nothing is written;
4. otherwise its files are written into a staging folder of the store (a second pass,
   every hash checked again), with a set manifest like a refresh's (wiki, revision,
   dates, SHA-256, and "Importé depuis <file>"); the set is checked, the search index
   brought up to date for the pages that changed only, and the set committed: one
   rename and one atomic state replacement; the previous set is kept for a rollback;
5. the questions added or changed are marked, as after a refresh.

Any failure, or a cancel before the commit, removes the staging folder and leaves the
content as it was (one :class:`~reader.packs.errors.PackError` saying why); a ``kill -9``
leaves at worst a staging folder, removed at the next start like a refresh's.
"""

from __future__ import annotations

import logging
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from reader.content.library import LoadedContent
from reader.content.manifest import Manifest, MediaEntry, PageEntry, media_kind, write_manifest
from reader.content.model import LISTED
from reader.content.page_cache import PageCache
from reader.content.store import UserStore, check_set, select_content
from reader.packs.dates import content_date, is_older, two_dates
from reader.packs.errors import (
    PackCancelled,
    PackError,
    PackTooOld,
    import_failure,
    os_reason,
)
from reader.packs.header import Caps, PackHeader
from reader.packs.reading import PackReader, VerifiedPack, verify_pack
from reader.paths import Paths
from reader.sync.cancel import Cancelled, CancelToken
from reader.sync.changes import PageChanges, Summary, add_marks, diff_page
from reader.sync.fetch import PAGE_MEDIA_KEY
from reader.sync.lock import Busy, store_lock
from reader.sync.old_content import OldContent
from reader.sync.progress import Progress, ProgressCallback
from reader.sync.staging import index

log = logging.getLogger(__name__)

SPACE_MARGIN = 16 * 1024 * 1024  # free space kept beyond the pack's content


@dataclass(frozen=True)
class ImportResult:
    """An import done (``summary.committed``) or found needless (the same content)."""

    summary: Summary
    pack: VerifiedPack

    def lines(self) -> list[str]:
        """What to tell the user, in French: the change summary, or that nothing changed."""
        name = self.pack.path.name
        if not self.summary.committed:
            out = [f"Le paquet « {name} » contient le contenu déjà affiché : rien n'a changé."]
            out += [f"Avertissement : {w}" for w in self.summary.warnings]
            return out
        return [f"Contenu importé depuis « {name} ».", *self.summary.lines()]


def import_pack(
    pack_file: Path,
    paths: Paths,
    *,
    force: bool = False,
    caps: Caps | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    current: LoadedContent | None = None,
) -> ImportResult:
    """Import the pack ``pack_file`` into the user content of ``paths`` (see the module).

    ``force`` imports a pack older than the content held; ``current`` is the content now
    shown (its pages are reused for the change summary). ``progress`` gets the steps
    ``verify`` and ``write`` (files done of files listed, bytes of the pack read), then
    ``index`` and ``commit``; ``cancel`` is honoured until the commit. Raises
    :class:`PackError` (:class:`PackTooOld`, :class:`PackCancelled`) having changed nothing.
    """
    store = UserStore(paths.data)
    try:
        with store_lock(store.root):
            store.cleanup()
            selection = select_content(paths.resources, paths.data)
            cache = PageCache(paths.page_cache_dir)
            shown = (
                current.library
                if current and current.content.root == selection.content.root
                else None
            )
            old = OldContent(selection.content, cache, shown)
            held = content_date(selection.content.manifest)

            def not_older(header: PackHeader) -> None:
                if not force and is_older(header.created, held):
                    pack_day, held_day = two_dates(header.created, held)
                    raise PackTooOld(
                        f"Ce paquet date du {pack_day}, plus ancien que le contenu affiché "
                        f"({held_day}) : ajoutez --force pour l'importer quand même.",
                        header.created,
                        held,
                    )

            pack = verify_pack(pack_file, cache, caps, progress, cancel, not_older)
            return _install(pack, old, store, paths, caps, progress, cancel)
    except Busy as error:
        failure = PackError("une mise à jour ou un autre import est déjà en cours")
        raise import_failure(failure) from error
    except Cancelled as error:
        raise PackCancelled() from error
    except PackError as error:
        failure = import_failure(error)
        if failure is error:
            raise
        raise failure from error
    except OSError as error:
        failure = PackError(f"le contenu ne peut pas être écrit ({os_reason(error)})")
        raise import_failure(failure) from error


def _changes(
    pack: VerifiedPack, old: OldContent
) -> tuple[list[PageChanges], list[PageChanges], bool]:
    """What the pack changes (for the marks), every page's line of the summary, and
    whether it holds exactly the content already there."""
    header, manifest = pack.header, old.content.manifest
    held = {e.id: e.sha256 for e in manifest.pages}
    wanted = {f.id for f in header.pages}
    changes: list[PageChanges] = []
    lines: list[PageChanges] = []
    for f in header.pages:
        if held.get(f.id) == f.sha256:
            lines.append(PageChanges(f.id, f.id, "unchanged"))
            continue
        changes.append(diff_page(old.page(f.id), pack.library.page(f.id)))
        lines.append(changes[-1])
    for entry in manifest.pages:
        if entry.id not in wanted and (old_page := old.page(entry.id)) is not None:
            changes.append(diff_page(old_page, None))
            lines.append(changes[-1])
    same = (
        [e.id for e in manifest.pages] == [f.id for f in header.pages]
        and all(held[f.id] == f.sha256 for f in header.pages)
        and {(m.id, m.sha256) for m in manifest.media} == {(f.id, f.sha256) for f in header.media}
        and manifest.wiki == header.wiki
        and manifest.aliases() == header.aliases
        and manifest.missing_media() == frozenset(header.missing_media)
        and manifest.unavailable_pages() == header.unavailable_pages
    )
    return changes, lines, same


def _set_manifest(header: PackHeader, pack_name: str, media_of: dict[str, list[str]]) -> Manifest:
    """The manifest of the content set a pack makes: a refresh's fields, from the pack."""
    pages = tuple(
        PageEntry(
            f.id, f.path, f.sha256, f.revision, f.last_modified, f.fetched, f.note, f.role or LISTED
        )
        for f in header.pages
    )
    media = tuple(
        MediaEntry(f.id, f.path, f.sha256, f.etag, f.last_modified, media_kind(f.id), f.size)
        for f in header.media
    )
    return Manifest(
        wiki=header.wiki,
        pages=pages,
        media=media,
        created=header.created,
        note=f"Importé depuis {pack_name}.",
        extra={PAGE_MEDIA_KEY: media_of, **header.manifest_extra()},
    )


def _install(
    pack: VerifiedPack,
    old: OldContent,
    store: UserStore,
    paths: Paths,
    caps: Caps | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> ImportResult:
    changes, lines, same = _changes(pack, old)
    warnings = list(pack.warnings)
    if same:
        return ImportResult(Summary(tuple(lines), False, tuple(warnings)), pack)
    store.sets_dir.mkdir(parents=True, exist_ok=True)
    needed = pack.header.total_size + SPACE_MARGIN
    if shutil.disk_usage(store.sets_dir).free < needed:
        raise PackError(f"pas assez de place sur le disque (il faut {needed // 2**20 + 1} Mo)")
    staged = store.stage()
    try:
        # The index is built (mostly in a process of its own) while the files are written.
        with ThreadPoolExecutor(1, "faq-reader-pack-index") as worker:
            touched = [c.page_id for c in changes]
            indexed = worker.submit(index, old.library, pack.library, touched, paths.index_dir)
            _extract(pack, staged, caps, progress, cancel)
            write_manifest(staged, _set_manifest(pack.header, pack.path.name, pack.media_of))
            checked = check_set(staged, "user")
            if checked.problems:
                raise PackError("copie locale incohérente (" + "; ".join(checked.problems) + ")")
            _report(progress, "index")
            warnings += indexed.result()
        _report(progress, "commit")
        if cancel is not None:
            cancel.check()  # the last moment a cancel is honoured: the commit is instant
        store.commit(staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    try:
        add_marks(paths.data, changes)
    except OSError as error:
        log.warning("marks not saved: %s", error)
    return ImportResult(Summary(tuple(lines), True, tuple(warnings)), pack)


def _extract(
    pack: VerifiedPack,
    staged: Path,
    caps: Caps | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> None:
    """Write the pack's files into ``staged``, every check made again as they are read:
    the file may have changed since it was verified (a stick pulled out and put back)."""
    with PackReader(pack.path, caps, progress, cancel, "write") as reader:
        if reader.header != pack.header:
            raise PackError("le paquet a changé pendant l'import")
        root = staged.resolve()
        for entry, chunks in reader.members():
            target = staged / entry.path
            if not target.resolve().is_relative_to(root):  # names are checked: never
                raise PackError(f"chemin refusé « {entry.path} »")
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())


def _report(progress: ProgressCallback | None, step: str) -> None:
    if progress is not None:
        progress(Progress(step, 1, 1, "", 0))

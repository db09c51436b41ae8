"""A refresh from the wiki as one transaction: all pages or nothing.

1. fetch every page's raw text (and every image the pages use) into memory, each
   checked (see :mod:`reader.sync.wiki`); a page whose SHA-256 did not change is kept
   as it is (:mod:`reader.sync.fetch`); an image that cannot be had is a warning (its
   stored copy is kept, or its caption shows instead), never a failure;
2. validate each changed page: it converts and holds at least one question;
   date the new and changed pages from the wiki's page-list feed when it can vouch
   for them (:mod:`reader.sync.feed`; a feed that fails only leaves them undated);
3. stage a complete set in the user data folder (unchanged files hard-linked or copied,
   new ones written), with its manifest, and check it (:mod:`reader.sync.staging`);
4. index the new library (only the changed pages are reindexed);
5. save what the caller keeps only on success (``before_commit``: the sources used),
   then commit: one rename and one atomic ``state.json`` replacement
   (:class:`reader.content.store.UserStore`); the old set is kept for a one-step rollback.

Any failure or a cancel before the commit removes the staging folder and changes
nothing; the error is one :class:`~reader.sync.errors.RefreshError` whose message is a
French sentence naming the page and the reason, or the folder that cannot be written
(read-only or full disk, a folder where the lock file goes). A ``kill -9`` leaves at
worst a staging folder, which the next refresh, rollback or start-up (:func:`cleanup`)
removes. When nothing changed, nothing is written.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from reader.content.library import LoadedContent
from reader.content.page_cache import PageCache
from reader.content.store import UserStore, select_content
from reader.fsutil import write_failure
from reader.paths import Paths
from reader.sync.changes import PageChanges, Summary, add_marks, diff_page
from reader.sync.errors import KEPT, RefreshCancelled, RefreshError, failure
from reader.sync.fetch import Refresh
from reader.sync.http import Cancelled, CancelToken, HttpClient, Limits
from reader.sync.lock import Busy
from reader.sync.old_content import OldContent
from reader.sync.progress import ProgressCallback
from reader.sync.sources import Sources
from reader.sync.staging import index, new_library, stage

log = logging.getLogger(__name__)


def refresh(
    sources: Sources,
    paths: Paths,
    *,
    client: HttpClient | None = None,
    limits: Limits | None = None,
    cancel: CancelToken | None = None,
    progress: ProgressCallback | None = None,
    current: LoadedContent | None = None,
    before_commit: Callable[[], None] | None = None,
) -> Summary:
    """Fetch ``sources`` and replace the user's content in ``paths.data`` with them, all
    or nothing (the search index in ``paths.index_dir`` is brought up to date).

    ``current`` is the content now shown (loaded if not given). ``before_commit`` runs
    once every page is in and the new set is staged, just before the commit (also when
    nothing changed): whatever it saves (the sources used) is saved only by a refresh
    that succeeds; if it raises, nothing changes. Returns the change summary; raises
    :class:`RefreshError` (:class:`RefreshCancelled` on cancel) having changed nothing.
    """
    if not sources.pages:
        raise RefreshError(f"Mise à jour impossible : aucune page à récupérer. {KEPT}")
    limits = limits or Limits()
    if client is None:
        from reader.sync.http import UrllibClient

        client = UrllibClient(limits)
    cancel = cancel or CancelToken()
    store = UserStore(paths.data)
    try:
        with store.lock():
            store.cleanup()
            selection = select_content(paths.resources, paths.data)
            pages = PageCache(paths.page_cache_dir)
            if current is not None and current.content.root == selection.content.root:
                old = OldContent(selection.content, pages, current.library)
            else:
                old = OldContent(selection.content, pages)
            job = Refresh(sources, client, limits, cancel, progress)
            if selection.recovered:
                job.warnings.append(selection.recovered)
            try:
                return _run(job, store, old, paths.index_dir, paths.data, before_commit)
            except Cancelled as error:
                raise RefreshCancelled(f"Mise à jour annulée. {KEPT}") from error
    except Busy as error:
        raise RefreshError(
            f"Mise à jour impossible : une autre mise à jour est déjà en cours. {KEPT}"
        ) from error
    except OSError as error:  # the lock, the staged set, the state, the sources …
        log.warning("refresh: cannot write: %r", error)
        raise failure(write_failure(error, store.root), detail=repr(error)) from error


def _run(
    job: Refresh,
    store: UserStore,
    old: OldContent,
    cache_dir: Path,
    data_dir: Path,
    before_commit: Callable[[], None] | None,
) -> Summary:
    fetched = job.fetch_pages(old)
    media = job.fetch_media(fetched, old)
    wanted = {f.page_id for f in fetched}
    removed = [e.id for e in old.content.manifest.pages if e.id not in wanted]
    changed = [f.page_id for f in fetched if f.changed]
    old_media = {(m.id, m.sha256) for m in old.content.manifest.media}
    new_media = {(m.entry.id, m.entry.sha256) for m in media}
    same = (
        not changed
        and not removed
        and old_media == new_media
        and [p.id for p in old.content.manifest.pages] == [f.page_id for f in fetched]
        and old.content.manifest.wiki == job.sources.wiki
    )
    job.cancel.check()
    changes: list[PageChanges] = []  # what changed: the marks come from these
    summary_pages: list[PageChanges] = []  # every page, in the sources' order
    for item in fetched:
        if item.changed:
            changes.append(diff_page(old.page(item.page_id), item.page))
            summary_pages.append(changes[-1])
        else:
            summary_pages.append(PageChanges(item.page_id, item.page_id, "unchanged"))
    for page_id in removed:
        old_page = old.page(page_id)
        if old_page is not None:
            changes.append(diff_page(old_page, None))
            summary_pages.append(changes[-1])
    if same:
        if before_commit is not None:
            before_commit()
        return Summary(tuple(summary_pages), False, tuple(job.warnings), 0, job.received)
    job.report("check", 1, 1, "")
    dates = job.fetch_dates(fetched, old)
    job.cancel.check()
    staged = store.stage()
    try:
        stage(staged, job.sources, fetched, media, old, dates)
        job.cancel.check()
        job.report("index", 1, 1, "")
        library = new_library(fetched, old, job.cancel.check)
        job.warnings.extend(index(old.library, library, changed + removed, cache_dir))
        job.report("commit", 1, 1, "")
        job.cancel.check()  # the last moment a cancel is honoured: the commit is instant
        if before_commit is not None:
            before_commit()
        store.commit(staged)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    try:
        add_marks(data_dir, changes)
    except OSError as error:
        log.warning("marks not saved: %s", error)
    fetched_media = sum(1 for m in media if m.data is not None)
    return Summary(tuple(summary_pages), True, tuple(job.warnings), fetched_media, job.received)


def rollback(data_dir: Path) -> bool:
    """Go back to the content before the last refresh; the content left is kept for
    :func:`redo`. False when there is none (``UserStore.history()`` tells why)."""
    return _move(UserStore(data_dir), "Retour", UserStore.rollback)


def redo(data_dir: Path) -> bool:
    """Bring back the content the last :func:`rollback` left. False when there is none."""
    return _move(UserStore(data_dir), "Rétablissement", UserStore.redo)


def _move(store: UserStore, what: str, change: Callable[[UserStore], bool]) -> bool:
    try:
        with store.lock():
            store.cleanup()
            return change(store)
    except Busy as error:
        raise RefreshError(f"{what} impossible : une mise à jour est en cours.") from error
    except OSError as error:
        log.warning("%s: cannot write: %r", what, error)
        reason = write_failure(error, store.root)
        raise RefreshError(f"{what} impossible : {reason}. {KEPT}", detail=repr(error)) from error


def cleanup(data_dir: Path) -> None:
    """Remove what an interrupted refresh left behind (call at start-up). Never raises;
    skipped while another process is refreshing."""
    store = UserStore(data_dir)
    if not store.sets_dir.is_dir():
        return
    try:
        with store.lock():
            store.cleanup()
    except (Busy, OSError) as error:
        log.info("clean-up skipped: %s", error)

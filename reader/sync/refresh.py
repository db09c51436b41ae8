"""A refresh from the wiki as one transaction: all pages or nothing.

1. fetch every listed page's raw text into memory, each checked (see
   :mod:`reader.sync.wiki`); a page whose SHA-256 did not change is kept as it is
   (:mod:`reader.sync.fetch`); validate each changed page: it converts and holds at least
   one question; any listed page that fails fails the refresh;
2. follow their links, breadth first, to the depth and within the budgets of the
   sources (:mod:`reader.sync.links`): the linked pages, checked and built the same way
   (one that cannot be had is a warning, its earlier copy kept), and the media files of
   every page, images and documents, streamed into the staging folder
   (:mod:`reader.sync.media`; one that cannot be had is a warning too);
3. date the new and changed pages from the wiki's page-list feed when it can vouch
   for them (:mod:`reader.sync.feed`; a feed that fails only leaves them undated);
   stage a complete set in the user data folder (unchanged files hard-linked or copied,
   new ones written), with its manifest, and check it (:mod:`reader.sync.staging`);
4. index the new library (only the changed pages are reindexed);
5. save what the caller keeps only on success (``before_commit``: the sources used),
   then commit: one rename and one atomic ``state.json`` replacement
   (:class:`reader.content.store.UserStore`); the old set is kept for a one-step rollback.

Any failure or a cancel before the commit removes the staging folder and changes
nothing; the error is one :class:`~reader.sync.errors.RefreshError` whose message is a
French sentence naming the page and the reason, or the folder that cannot be written
(read-only or full disk, a folder where the lock file goes). A ``kill -9`` leaves at
worst a staging folder, which the next refresh, rollback or start-up
(:func:`reader.sync.history.cleanup`)
removes. When nothing changed, nothing is written.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from reader.content.library import LoadedContent
from reader.content.manifest import ALIASES_KEY, MISSING_MEDIA_KEY, UNAVAILABLE_PAGES_KEY
from reader.content.model import LINKED, LISTED
from reader.content.page_cache import PageCache
from reader.content.store import UserStore, select_content
from reader.fsutil import write_failure
from reader.paths import Paths
from reader.sync.budget import Budget
from reader.sync.cancel import Cancelled, CancelToken
from reader.sync.changes import PageChanges, Summary, add_marks, diff_page
from reader.sync.errors import KEPT, RefreshCancelled, RefreshError, failure
from reader.sync.fetch import Fetched, Refresh
from reader.sync.http import HttpClient, Limits
from reader.sync.links import LinkFollower
from reader.sync.lock import Busy
from reader.sync.media import MediaFetcher
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
    listed = job.fetch_pages(old)
    staged = store.stage()  # the media are written into it as they come
    try:
        return _follow_and_commit(
            job, store, old, staged, listed, cache_dir, data_dir, before_commit
        )
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise


def _follow_and_commit(
    job: Refresh,
    store: UserStore,
    old: OldContent,
    staged: Path,
    listed: list[Fetched],
    cache_dir: Path,
    data_dir: Path,
    before_commit: Callable[[], None] | None,
) -> Summary:
    budget = Budget(job.sources.following)
    media = MediaFetcher(job, old, staged, budget)
    follower = LinkFollower(job, old, media, budget)
    linked = follower.follow(listed)
    fetched = listed + linked
    wanted = {f.page_id for f in fetched}
    manifest = old.content.manifest
    removed = [e.id for e in manifest.pages if e.id not in wanted]
    changed = [f.page_id for f in fetched if f.changed]
    aliases = {k: v for k, v in follower.aliases.items() if v in wanted}
    missing = media.missing_media()
    unavailable = {k: v for k, v in sorted(follower.unavailable.items()) if k not in wanted}
    extra = {ALIASES_KEY: aliases, MISSING_MEDIA_KEY: missing, UNAVAILABLE_PAGES_KEY: unavailable}
    same = (
        not changed
        and not removed
        and {(m.id, m.sha256) for m in manifest.media}
        == {(m.entry.id, m.entry.sha256) for m in media.media}
        and [p.id for p in manifest.pages] == [f.page_id for f in fetched]
        and manifest.wiki == job.sources.wiki
        and manifest.aliases() == aliases
        and sorted(manifest.missing_media()) == missing
        and manifest.unavailable_pages() == unavailable
    )
    job.cancel.check()
    marks: list[PageChanges] = []  # what changed in the FAQ's pages: the marks come from these
    lines: dict[str, list[PageChanges]] = {LISTED: [], LINKED: []}  # in the new set's order
    for item in fetched:
        if item.changed:
            lines[item.role].append(diff_page(old.page(item.page_id), item.page))
            if item.role == LISTED:
                marks.append(lines[LISTED][-1])
        else:
            lines[item.role].append(PageChanges(item.page_id, item.page_id, "unchanged"))
    gone = set(removed)
    for entry in manifest.pages:
        old_page = old.page(entry.id) if entry.id in gone else None
        if old_page is not None:
            role = LINKED if entry.role == LINKED else LISTED
            lines[role].append(diff_page(old_page, None))
            if role == LISTED:
                marks.append(lines[LISTED][-1])

    def summary(committed: bool) -> Summary:
        fresh = sum(1 for m in media.media if m.fresh)
        return Summary(
            tuple(lines[LISTED]),
            committed,
            tuple(job.warnings),
            fresh,
            job.received,
            tuple(lines[LINKED]),
            tuple(budget.left_out),
        )

    if same:
        shutil.rmtree(staged, ignore_errors=True)
        if before_commit is not None:
            before_commit()
        return summary(False)
    job.report("check", 1, 1, "")
    dates = job.fetch_dates(fetched, old)
    job.cancel.check()
    stage(staged, job.sources, fetched, media.media, old, dates, extra)
    job.cancel.check()
    job.report("index", 1, 1, "")
    library = new_library(fetched, old, job.cancel.check, aliases)
    job.warnings.extend(index(old.library, library, changed + removed, cache_dir))
    job.report("commit", 1, 1, "")
    job.cancel.check()  # the last moment a cancel is honoured: the commit is instant
    if before_commit is not None:
        before_commit()
    store.commit(staged)
    try:
        add_marks(data_dir, marks)
    except OSError as error:
        log.warning("marks not saved: %s", error)
    return summary(True)

"""Following the listed pages' links at refresh: the linked pages and the media they use.

Breadth first, level by level: the listed pages' media, then the pages they link to (level
1) and their media, then the pages those link to, down to the depth of
:class:`~reader.sync.sources.Following` (1 by default, 0 for the listed pages only). The
pages the user asked to keep offline (``Sources.kept``) come first at level 1, whatever
the depth. Only the same wiki: the converter lists internal links only (resolved like
DokuWiki's PageResolver: relative ``.:``/``..:`` links, namespaces, ``#section``), and a
namespace link (``[[ns:]]``) that has no ``ns:start`` page reaches ``ns:ns`` or ``ns`` as
DokuWiki does (the set's manifest records which: ``Manifest.aliases``). A page is met
once: loops end.

A linked page that cannot be had (denied, missing, a server error, a timeout, a page
that does not convert) does not fail the refresh: one warning names it, and its copy from
an earlier refresh stays when there is one; one the wiki refused or does not have, with
no copy, is recorded as such (``unavailable_pages`` in the set's manifest). What goes
over a budget is left out (:mod:`reader.sync.budget`); so is what the refresh's deadline
leaves no time for, and what comes after the wiki stopped answering (the copies held
before stay then).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from reader.content.ids import no_namespace, resolve_page_id
from reader.content.model import LINKED
from reader.fsutil import sha256_bytes
from reader.sync.budget import DEADLINE, UNREACHABLE, Budget, LeftOut
from reader.sync.errors import RefreshError
from reader.sync.fetch import Fetched, Refresh
from reader.sync.http import HttpError
from reader.sync.media import MediaFetcher
from reader.sync.old_content import OldContent
from reader.sync.wiki import WikiError

log = logging.getLogger(__name__)

GIVE_UP_AFTER = 3  # network failures in a row after which the wiki counts as gone


def namespace_links(text: str, page_id: str) -> set[str]:
    """The ids that the namespace links of ``text`` (``[[ns:]]``, ``[[.:sub:#x|…]]``)
    resolve to (``ns:start``): those that may reach another page when there is no start
    page. One pass over the text, whatever it holds."""
    found: set[str] = set()
    position = text.find("[[")
    while position >= 0:
        end = text.find("]]", position + 2)
        if end < 0:
            break
        target = text[position + 2 : end].partition("|")[0].partition("#")[0].strip()
        if target.endswith(":") and "://" not in target and ">" not in target:
            found.add(resolve_page_id(target, page_id)[0])
        position = text.find("[[", end + 2)
    return found


def start_page_candidates(page_id: str) -> list[str]:
    """What DokuWiki tries, in order, for a namespace link that gave ``ns:start``: the
    start page, the page named like the namespace inside it, then the page named like the
    namespace beside it."""
    namespace = page_id.rpartition(":")[0]
    if not namespace:
        return [page_id]
    return [page_id, f"{namespace}:{no_namespace(namespace)}", namespace]


class LinkFollower:
    """Fetches the linked pages of one refresh, and every page's media (see the module
    docstring). ``media`` writes the files into the staged set; ``budget`` is shared."""

    def __init__(self, job: Refresh, old: OldContent, media: MediaFetcher, budget: Budget) -> None:
        self.job = job
        self.old = old
        self.media = media
        self.budget = budget
        self.aliases: dict[str, str] = {}  # namespace link's id → the page it reached
        # The linked pages the wiki refused or does not have, none held: page id → the
        # WikiError's kind ("login", "missing"), so that the window does not offer to
        # keep them offline.
        self.unavailable: dict[str, str] = {}
        self._namespace_links: set[str] = set()
        self._failures = 0  # network failures in a row
        self._stopped = ""  # why the following stopped early ("" while it goes on)
        self._held: set[str] = set()  # the pages met so far (held, or tried)

    def follow(self, listed: list[Fetched]) -> list[Fetched]:
        """The linked pages, in the order met, after fetching the media of all pages."""
        following = self.job.sources.following
        kept = self.job.sources.kept
        held = self._held = {f.page_id for f in listed}
        self._note_namespace_links(listed)
        self.media.fetch(listed)
        linked: list[Fetched] = []
        level_pages = listed
        for level in range(1, max(following.depth, 1 if kept else 0) + 1):
            wanted: list[str] = list(kept) if level == 1 else []
            if level <= following.depth:
                wanted += [link for page in level_pages for link in page.links]
            ids = [w for w in dict.fromkeys(wanted) if w and w not in held]
            found: list[Fetched] = []
            for n, page_id in enumerate(ids, 1):
                self.job.cancel.check()
                self.job.report("linked", n, len(ids), page_id)
                held.add(page_id)
                item = self._one(page_id, held)
                if item is not None:
                    held.add(item.page_id)
                    found.append(item)
            self._note_namespace_links(found)
            self.media.fetch(found)
            linked += found
            level_pages = found
        return linked

    def _note_namespace_links(self, pages: Iterable[Fetched]) -> None:
        for page in pages:
            if page.data and any(no_namespace(link) == "start" for link in page.links):
                text = page.data.decode("utf-8", "replace")
                self._namespace_links |= namespace_links(text, page.page_id)

    # -- one linked page ---------------------------------------------------------------------
    def _one(self, page_id: str, held: set[str]) -> Fetched | None:
        job, budget = self.job, self.budget
        if not self._stopped and time.monotonic() >= job.deadline:
            self._stopped = DEADLINE
        if self._stopped:
            kept = self._old_copy(page_id)
            if kept is None:
                budget.leave_out(LeftOut("page", page_id, self._stopped, self._old_title(page_id)))
            return kept
        reason = budget.page_fits(0)
        if reason:
            budget.leave_out(LeftOut("page", page_id, reason, self._old_title(page_id)))
            return None
        try:
            item = self._fetch(page_id, held)
        except (HttpError, WikiError, RefreshError) as error:
            return self._failed(page_id, self._old_title(page_id), error)
        self._failures = 0
        if item is None:  # a namespace link to a page already met
            return None
        reason = budget.page_fits(len(item.data))
        if reason:
            title = item.page.title if item.page else self._old_title(item.page_id)
            budget.leave_out(LeftOut("page", item.page_id, reason, title))
            return None
        budget.take_page(len(item.data))
        return item

    def _fetch(self, page_id: str, held: set[str]) -> Fetched | None:
        """The page; for a namespace link with no start page, the page DokuWiki reaches
        instead (None when that one was met already)."""
        candidates = [page_id]
        if page_id in self._namespace_links:
            candidates = start_page_candidates(page_id)
        for n, candidate in enumerate(candidates):
            if candidate != page_id and candidate in held:
                self.aliases[page_id] = candidate
                return None
            try:
                item = self.job.fetch_page(candidate, self.old, LINKED)
            except WikiError as error:
                if error.kind != "missing" or n == len(candidates) - 1:
                    raise
                continue
            if candidate != page_id:
                self.aliases[page_id] = candidate
            return item
        raise AssertionError("unreachable: the last candidate raises")

    def _failed(
        self, page_id: str, title: str, error: HttpError | WikiError | RefreshError
    ) -> Fetched | None:
        """One warning for a linked page that could not be had; its old copy, if any."""
        reason = error.reason
        if isinstance(error, HttpError):
            self._failures += 1
            if self._failures >= GIVE_UP_AFTER:
                self._stopped = UNREACHABLE
        kept = self._old_copy(page_id)
        outcome = (
            "la copie précédente est gardée"
            if kept is not None
            else "elle n'est pas disponible hors ligne"
        )
        name = f"« {title} » ({page_id})" if title and title != page_id else f"« {page_id} »"
        if kept is None and isinstance(error, WikiError) and error.kind in ("login", "missing"):
            self.unavailable[page_id] = error.kind
        log.warning("linked page %s not fetched: %s", page_id, reason)
        self.job.warnings.append(f"page liée {name} : {reason} ; {outcome}")
        return kept

    def _old_title(self, page_id: str) -> str:
        if self.old.content.manifest.page(page_id) is None:
            return ""
        page = self.old.page(page_id)
        return page.title if page is not None else ""

    def _old_copy(self, page_id: str) -> Fetched | None:
        """The copy held before, as a linked page, if the budgets leave room for it (for
        a namespace link, the page it reached before)."""
        old = self.old
        reached = old.content.manifest.aliases().get(page_id)
        if reached is not None and old.content.manifest.page(reached) is not None:
            self.aliases[page_id] = page_id = reached
            if reached in self._held:  # met already: the alias is all it needs
                return None
            self._held.add(reached)
        entry = old.content.manifest.page(page_id)
        if entry is None or old.content.manifest.wiki != self.job.sources.wiki:
            return None
        try:
            data = (old.content.root / entry.path).read_bytes()
        except OSError as error:
            log.warning("old copy of %s unreadable: %s", page_id, error)
            return None
        if sha256_bytes(data) != entry.sha256:
            return None
        reason = self.budget.page_fits(len(data))
        if reason:
            self.budget.leave_out(LeftOut("page", page_id, reason, self._old_title(page_id)))
            return None
        if entry.role == LINKED:
            media, links = self.job.known_links(page_id, old)
            item = Fetched(page_id, data, entry.sha256, media, False, links=links, role=LINKED)
        else:  # held as a FAQ page before: built again, as a linked page
            text = data.decode("utf-8", "replace")
            try:
                page = self.job.validate(page_id, text, entry.sha256, old.page_cache, LINKED)
            except RefreshError:
                return None
            media, links = page.media, page.links
            item = Fetched(page_id, data, entry.sha256, media, True, page, links=links, role=LINKED)
        self.budget.take_page(len(data))
        return item

"""A producer wants to know how recent an answer is: a refresh dates each new or changed
page with the wiki's own revision and date (from its page-list feed), and a feed that is
missing, slow, broken or hostile never fails the refresh; the pages are then undated."""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import replace
from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.content.manifest import PageEntry
from reader.sync.errors import RefreshCancelled
from reader.sync.feed import PageDate
from reader.sync.http import Limits
from reader.sync.refresh import refresh
from reader.sync.sources import Sources
from tests.bundled import bundled_faq
from tests.sync.conftest import FAST, DokuWiki, paths_of, snapshot
from tests.sync.fake_wiki import FEED_FAULTS, FakeWiki

GIVE_UP_SECONDS = 30


def run(url: str, pages: tuple[str, ...], data_dir: Path, cache_dir: Path, **kw):
    kw.setdefault("limits", FAST)
    return refresh(Sources(url, pages), paths_of(data_dir), **kw)


def entries(data_dir: Path) -> dict[str, PageEntry]:
    manifest = load_library(paths_of(data_dir)).content.manifest
    return {entry.id: entry for entry in manifest.pages}


def dated(entry: PageEntry) -> PageDate:
    return PageDate(entry.revision, entry.last_modified)


@pytest.mark.dokuwiki
def test_refreshed_page_shows_the_wikis_revision_and_date(
    dokuwiki: DokuWiki, data_dir: Path, cache_dir: Path
) -> None:
    pages = ("faq-kit-durgence", "faq:livraison", "faq:commandes")
    run(dokuwiki.url, pages, data_dir, cache_dir)
    first = entries(data_dir)
    assert dated(first["faq:livraison"]) == PageDate.at(dokuwiki.revision("faq:livraison"))
    assert dated(first["faq:commandes"]) == PageDate.at(dokuwiki.revision("faq:commandes"))
    # The same text as the bundled copy: it keeps the date that copy had.
    assert dated(first["faq-kit-durgence"]) == dated(bundled_faq().page("faq-kit-durgence"))

    # Edited on the wiki and refreshed at once, well within DokuWiki's 5-minute feed cache.
    # (The feed is asked for afresh each second: a refresh, an edit and a second refresh
    # all within one second would only leave the edited page undated.)
    root = load_library(paths_of(data_dir)).content.root
    text = (root / first["faq:livraison"].path).read_text("utf-8")
    time.sleep(1.05)
    dokuwiki.edit("faq:livraison", text + "\n==== Les frais ? ====\n\nGratuits.\n", "frais")
    run(dokuwiki.url, pages, data_dir, cache_dir)

    second = entries(data_dir)
    edited = dokuwiki.revision("faq:livraison")
    assert edited > int(first["faq:livraison"].revision)
    assert dated(second["faq:livraison"]) == PageDate.at(edited)
    assert second["faq:commandes"] == first["faq:commandes"]  # unchanged: kept as stored
    page = load_library(paths_of(data_dir)).library.page("faq:livraison")
    assert page is not None and page.source.revision == str(edited)


@pytest.mark.parametrize(
    "fault", ["404", "500", "login", "html", "stall", "endless", "redirect_loop", *FEED_FAULTS]
)
def test_refresh_still_works_when_the_feed_is_broken(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path, fault: str
) -> None:
    if fault != "404":  # the fake wiki's feed is off (404) unless told otherwise
        fake_wiki.faults["feed.php"] = fault
    start = time.monotonic()

    summary = run(fake_wiki.url, ("faq-kit-durgence", "faq:livraison"), data_dir, cache_dir)

    assert time.monotonic() - start < GIVE_UP_SECONDS
    assert summary.committed and not summary.warnings
    assert any(r.startswith("/feed.php?") for r in fake_wiki.requests)
    entry = entries(data_dir)["faq:livraison"]
    assert (entry.revision, entry.last_modified) == ("", "")
    assert entry.fetched  # what the window shows instead: when it was downloaded
    assert load_library(paths_of(data_dir)).library.page("faq:livraison") is not None


def test_only_the_namespaces_of_changed_pages_are_asked_and_only_when_something_changed(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    pages = ("faq-kit-durgence", "faq:livraison", "faq:commandes")
    run(fake_wiki.url, pages, data_dir, cache_dir)  # the first page is the bundled text
    asked = [r for r in fake_wiki.requests if "feed.php" in r]
    # faq for the two FAQ pages; cagette-pro and the root for the pages the first links to
    assert sorted(urllib.parse.parse_qs(r.partition("?")[2]).get("ns", [""])[0] for r in asked) == [
        "",
        "cagette-pro",
        "faq",
    ]
    assert asked[0].startswith("/feed.php?mode=list&ns=faq&type=rss2&linkto=page&content=abstract")
    assert not any("purge" in r for r in asked)  # DokuWiki would parse every page of a namespace
    fake_wiki.requests.clear()

    assert not run(fake_wiki.url, pages, data_dir, cache_dir).committed
    assert not any("feed.php" in r for r in fake_wiki.requests)


def test_a_feed_that_never_ends_gives_up_at_its_own_bound(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    fake_wiki.faults["feed.php"] = "trickle"  # never silent, never done
    limits = replace(FAST, feed_timeout=1.0)
    start = time.monotonic()

    summary = run(fake_wiki.url, ("faq:livraison",), data_dir, cache_dir, limits=limits)

    assert summary.committed and time.monotonic() - start < 6
    assert entries(data_dir)["faq:livraison"].revision == ""


def test_cancel_while_the_feed_is_silent_stops_at_once_and_changes_nothing(
    fake_wiki: FakeWiki, data_dir: Path, cache_dir: Path
) -> None:
    fake_wiki.faults["feed.php"] = "stall"
    patient = Limits(read_timeout=60, request_timeout=80, feed_timeout=80)
    token = fake_wiki.cancel_once_stalled()
    start = time.monotonic()
    with pytest.raises(RefreshCancelled):
        run(fake_wiki.url, ("faq:livraison",), data_dir, cache_dir, limits=patient, cancel=token)
    assert time.monotonic() - start < 15
    assert snapshot(data_dir) == {}

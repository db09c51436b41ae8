"""Refreshing from a real DokuWiki (Debian's package on loopback), edited as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.content.library import load_library
from reader.render.document import ContentLinkPolicy
from reader.sync.errors import RefreshError
from reader.sync.feed import PageDate, fetch_dates
from reader.sync.http import UrllibClient
from reader.sync.refresh import refresh
from reader.sync.sources import Sources, make_sources
from tests.sync.conftest import FAST, DokuWiki, paths_of, snapshot
from tests.sync.fake_wiki import LINKED

pytestmark = pytest.mark.dokuwiki


def run(url: str, pages: tuple[str, ...], data_dir: Path, cache_dir: Path):
    return refresh(Sources(url, pages), paths_of(data_dir), limits=FAST)


def test_first_refresh_then_an_edit_on_the_wiki_then_a_page_added_and_one_removed(
    dokuwiki: DokuWiki, data_dir: Path, cache_dir: Path
) -> None:
    pages = ("faq-kit-durgence", "faq:livraison")
    first = run(dokuwiki.url, pages, data_dir, cache_dir)
    assert first.committed
    loaded = load_library(paths_of(data_dir))
    assert [p.id for p in loaded.library.pages] == [*pages, *LINKED]  # the FAQ's first
    logo = ContentLinkPolicy(loaded.library, loaded.content.root, embed=True).media_url(
        "faq:logo.png"
    )
    assert logo is not None and logo.startswith("data:image/png;base64,")  # offline

    text = (loaded.content.root / "pages" / "faq" / "livraison.txt").read_text("utf-8")
    dokuwiki.edit(
        "faq:livraison",
        text.replace("choisissez un autre point.", "choisissez un autre point de retrait.")
        + "\n==== Les frais de livraison ? ====\n\nGratuits.\n",
        "réponse complétée",
    )
    second = run(dokuwiki.url, pages, data_dir, cache_dir)
    page = next(p for p in second.pages if p.page_id == "faq:livraison")
    assert [t for _, t in page.added] == ["Les frais de livraison ?"]
    assert [t for _, t in page.changed] == ["Comment changer de point de retrait ?"]
    assert second.media_fetched == 0  # fetch.php answered 304

    third = run(dokuwiki.url, ("faq-kit-durgence", "faq:commandes"), data_dir, cache_dir)
    status = {p.page_id: p.status for p in third.pages}
    assert status["faq:commandes"] == "added" and status["faq:livraison"] == "removed"
    assert [p.id for p in load_library(paths_of(data_dir)).library.pages] == [
        "faq-kit-durgence",
        "faq:commandes",
        *LINKED,
    ]


def test_a_page_missing_on_the_wiki_fails_and_keeps_the_content(
    dokuwiki: DokuWiki, data_dir: Path, cache_dir: Path
) -> None:
    run(dokuwiki.url, ("faq-kit-durgence",), data_dir, cache_dir)
    before = snapshot(data_dir)
    with pytest.raises(RefreshError, match="« faq:absente » : cette page n'existe pas"):
        run(dokuwiki.url, ("faq-kit-durgence", "faq:absente"), data_dir, cache_dir)
    assert snapshot(data_dir) == before


def test_a_page_deleted_on_the_wiki_fails_and_keeps_the_content(
    dokuwiki: DokuWiki, data_dir: Path, cache_dir: Path
) -> None:
    run(dokuwiki.url, ("faq:livraison", "faq:commandes"), data_dir, cache_dir)
    before = snapshot(data_dir)
    dokuwiki.delete("faq:commandes")
    with pytest.raises(RefreshError, match="« faq:commandes » : cette page n'existe pas"):
        run(dokuwiki.url, ("faq:livraison", "faq:commandes"), data_dir, cache_dir)
    assert snapshot(data_dir) == before


def test_a_page_behind_a_login_fails_with_the_reason_and_keeps_the_content(
    dokuwiki: DokuWiki, data_dir: Path, capsys
) -> None:
    code = main(["refresh", "--wiki", dokuwiki.url, "--page", "prive:interne", "--replace"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "« prive:interne » : le wiki demande de se connecter" in err
    assert snapshot(data_dir) == {}


def _page_url(wiki: DokuWiki, page_id: str) -> str:
    return {
        0: f"{wiki.url}doku.php?id={page_id}",
        1: f"{wiki.url}{page_id}",
        2: f"{wiki.url}doku.php/{page_id}",
    }[wiki.userewrite]


def test_the_wiki_given_as_a_page_url_works_in_every_rewrite_mode(
    dokuwiki_any_rewrite: DokuWiki, data_dir: Path, capsys
) -> None:
    wiki = dokuwiki_any_rewrite
    code = main(
        [
            "refresh",
            "--wiki",
            _page_url(wiki, "faq-kit-durgence"),
            "--page",
            _page_url(wiki, "faq:livraison"),
            "--page",
            "faq:commandes",
            "--replace",  # the bundled page is left out, knowingly
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "faq:livraison : page ajoutée" in out.out
    loaded = load_library(paths_of(data_dir))
    assert loaded.wiki == wiki.url
    assert [p.id for p in loaded.library.pages] == ["faq:livraison", "faq:commandes"]
    assert make_sources(_page_url(wiki, "faq:livraison"), []).wiki == wiki.url


def test_the_wikis_feed_gives_each_readable_page_and_its_revision_in_every_rewrite_mode(
    dokuwiki_any_rewrite: DokuWiki,
) -> None:
    wiki = dokuwiki_any_rewrite
    namespaces = ["", "faq", "prive"]

    dates = fetch_dates(UrllibClient(FAST), wiki.url, namespaces, max_bytes=FAST.max_feed_bytes)

    listed = {ns: sorted(feed.pages) for ns, feed in dates.feeds.items()}
    assert listed == {
        "": ["brouillon", "faq-kit-durgence", "support"],  # the root only, not below
        "faq": ["faq:commandes", "faq:livraison"],
        "prive": [],  # anonymous users may not read it
    }
    for feed in dates.feeds.values():
        for page_id, date in feed.pages.items():
            assert date == PageDate.at(wiki.revision(page_id))

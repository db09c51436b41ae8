"""The list of pages to refresh, and going back and forth between contents, from the command
line: a list is kept only once a refresh with it worked, ``--page`` names the pages it would
remove before removing any, and a second ``rollback`` does not undo the first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.content.store import UserStore
from reader.sync.refresh import refresh
from reader.sync.sources import SOURCES_NAME, Sources
from tests.sync.conftest import FAST, DokuWiki, faq, one_line_failure, paths_of, snapshot
from tests.sync.fake_wiki import FakeWiki

PAGES = ("faq-kit-durgence", "faq:livraison")
KEPT = "Le contenu actuel est conservé."


def page_args(*pages: str) -> list[str]:
    return [arg for page in pages for arg in ("--page", page)]


def saved_list(home: Path) -> dict:
    return json.loads((home / "config" / SOURCES_NAME).read_text(encoding="utf-8"))


@pytest.mark.dokuwiki
def test_a_page_that_fails_is_not_kept_and_the_next_plain_refresh_still_works(
    dokuwiki: DokuWiki, faq_home: Path
) -> None:
    first = faq(faq_home, "refresh", "--wiki", dokuwiki.url, *page_args(*PAGES))
    assert first.returncode == 0, first.stderr
    saved = saved_list(faq_home)
    assert saved["pages"] == list(PAGES)
    before = snapshot(faq_home / "data")

    for bad in ("faq:absente", "faq:" + "x" * 300):  # missing, and too long for a file name
        line = one_line_failure(faq(faq_home, "refresh", *page_args(*PAGES, bad)))
        assert f"« {bad} » : cette page n'existe pas" in line and line.endswith(KEPT)
        assert saved_list(faq_home) == saved
        assert snapshot(faq_home / "data") == before

    again = faq(faq_home, "refresh")
    assert again.returncode == 0, again.stderr
    assert "déjà à jour" in again.stdout


def test_a_page_list_is_kept_once_the_refresh_with_it_worked_even_if_nothing_changed(
    fake_wiki: FakeWiki, faq_home: Path
) -> None:
    refresh(Sources(fake_wiki.url, PAGES), paths_of(faq_home / "data"), limits=FAST)
    assert not (faq_home / "config" / SOURCES_NAME).exists()

    result = faq(faq_home, "refresh", "--wiki", fake_wiki.url, *page_args(*PAGES))

    assert result.returncode == 0 and "déjà à jour" in result.stdout, result.stderr
    saved = saved_list(faq_home)
    assert (saved["wiki"], saved["pages"]) == (fake_wiki.url, list(PAGES))


def test_page_names_the_pages_it_would_remove_and_waits_for_replace(
    fake_wiki: FakeWiki, faq_home: Path
) -> None:
    first = faq(faq_home, "refresh", "--wiki", fake_wiki.url, *page_args(*PAGES))
    assert first.returncode == 0, first.stderr
    before = snapshot(faq_home / "data"), saved_list(faq_home)

    line = one_line_failure(faq(faq_home, "refresh", "--page", "faq:commandes"))

    assert "retirerait « FAQ du Kit d'Urgence » (faq-kit-durgence), « FAQ Livraison »" in line
    assert "--replace" in line and line.endswith(KEPT)
    assert (snapshot(faq_home / "data"), saved_list(faq_home)) == before

    replaced = faq(faq_home, "refresh", "--page", "faq:commandes", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "faq:livraison : page retirée" in replaced.stdout
    library = load_library(paths_of(faq_home / "data")).library
    assert [p.id for p in library.pages] == ["faq:commandes"]
    assert saved_list(faq_home)["pages"] == ["faq:commandes"]


def test_the_pages_given_again_with_one_more_need_no_confirmation(
    fake_wiki: FakeWiki, faq_home: Path
) -> None:
    first = faq(faq_home, "refresh", "--wiki", fake_wiki.url, *page_args(*PAGES))
    assert first.returncode == 0, first.stderr

    more = faq(faq_home, "refresh", *page_args(*PAGES, "faq:commandes"))

    assert more.returncode == 0, more.stderr
    assert "faq:commandes : page ajoutée" in more.stdout


def test_a_second_rollback_does_not_undo_the_first_and_redo_brings_the_update_back(
    fake_wiki: FakeWiki, faq_home: Path
) -> None:
    data = faq_home / "data"
    refresh(Sources(fake_wiki.url, PAGES), paths_of(data), limits=FAST)
    older = UserStore(data).current()
    fake_wiki.pages["faq:livraison"] += b"\n==== La seconde ? ====\n\nOui.\n"
    refresh(Sources(fake_wiki.url, PAGES), paths_of(data), limits=FAST)
    newer = UserStore(data).current()

    back = faq(faq_home, "rollback")
    assert back.returncode == 0 and "rétabli" in back.stdout and "--redo" in back.stdout
    assert UserStore(data).current() == older

    line = one_line_failure(faq(faq_home, "rollback"))
    assert "Rien de plus à annuler : le contenu d'avant la dernière mise à jour est déjà " in line
    assert "rollback --redo" in line
    assert UserStore(data).current() == older

    forth = faq(faq_home, "rollback", "--redo")
    assert forth.returncode == 0, forth.stderr
    assert UserStore(data).current() == newer
    assert "Rien à rétablir" in one_line_failure(faq(faq_home, "rollback", "--redo"))

    assert faq(faq_home, "rollback").returncode == 0  # the update can be undone again
    assert UserStore(data).current() == older


def test_a_refresh_after_a_rollback_forgets_the_update_undone(
    fake_wiki: FakeWiki, faq_home: Path
) -> None:
    data = faq_home / "data"
    refresh(Sources(fake_wiki.url, PAGES), paths_of(data), limits=FAST)
    fake_wiki.pages["faq:livraison"] += b"\n==== La seconde ? ====\n\nOui.\n"
    refresh(Sources(fake_wiki.url, PAGES), paths_of(data), limits=FAST)
    assert faq(faq_home, "rollback").returncode == 0
    undone = UserStore(data).history().undone
    fake_wiki.pages["faq:livraison"] += b"\n==== La troisieme ? ====\n\nOui.\n"

    refresh(Sources(fake_wiki.url, PAGES), paths_of(data), limits=FAST)

    history = UserStore(data).history()
    assert history.undone is None and undone is not None
    assert not (UserStore(data).sets_dir / undone).exists()
    assert "Rien à rétablir" in one_line_failure(faq(faq_home, "rollback", "--redo"))

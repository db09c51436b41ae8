"""A bookkeeping file that cannot be read never costs content: the sets on disk are the
truth. A producer's USB stick pulled out mid-write empties the state file; the reader finds
the refreshed content again, says so once, and keeps every set."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.content.manifest import page_path
from reader.content.store import UserStore
from reader.sync.changes import load_marks
from reader.sync.errors import RefreshError
from reader.sync.history import cleanup, rollback
from reader.sync.refresh import refresh
from reader.sync.sources import SOURCES_NAME, Sources, save_sources
from tests.sync.conftest import FAST, faq, paths_of, snapshot
from tests.sync.fake_wiki import FakeWiki, refused_url

PAGES = ("faq-kit-durgence", "faq:livraison")
EMPTY_STATE_SAYS = "Le fichier d'état du contenu était illisible : le contenu mis à jour le"


def refresh_twice(wiki: FakeWiki, data_dir: Path) -> tuple[str, str]:
    """Two refreshes, the second with a new question: (older set, newer set)."""
    refresh(Sources(wiki.url, PAGES), paths_of(data_dir), limits=FAST)
    older = UserStore(data_dir).current()
    wiki.pages["faq:livraison"] += b"\n==== La seconde ? ====\n\nOui.\n"
    refresh(Sources(wiki.url, PAGES), paths_of(data_dir), limits=FAST)
    newer = UserStore(data_dir).current()
    assert older is not None and newer is not None and older != newer
    return older.name, newer.name


def set_names(data_dir: Path) -> list[str]:
    return sorted(p.name for p in UserStore(data_dir).sets_dir.iterdir())


@pytest.fixture
def emptied(fake_wiki: FakeWiki, data_dir: Path) -> tuple[str, str]:
    """Two refreshed sets, then the state file emptied (the stick pulled out)."""
    names = refresh_twice(fake_wiki, data_dir)
    UserStore(data_dir).state_file.write_bytes(b"")
    return names


def test_an_emptied_state_file_still_shows_the_refreshed_content_and_says_so_once(
    faq_home: Path, data_dir: Path, emptied: tuple[str, str]
) -> None:
    first = faq(faq_home, "list", "--json")

    assert first.returncode == 0, first.stderr
    assert "la-seconde" in first.stdout or "la_seconde" in first.stdout  # the newer set
    warned = [line for line in first.stderr.splitlines() if EMPTY_STATE_SAYS in line]
    assert len(warned) == 1 and warned[0].startswith("faq-reader: avertissement : ")
    assert "Traceback" not in first.stderr
    second = faq(faq_home, "list", "--json")
    assert second.returncode == 0 and second.stderr == ""  # the state was written again
    assert set_names(data_dir) == sorted(emptied)


@pytest.mark.parametrize(
    "state",
    [b"", b"{not json", b"\xff\xfe garbage", b"[1, 2]", b'{"current": 7}', b'{"current": "../x"}'],
    ids=["empty", "cut", "binary", "list", "number", "outside"],
)
def test_no_unreadable_state_makes_a_refresh_rollback_or_start_delete_a_set(
    fake_wiki: FakeWiki, data_dir: Path, state: bytes
) -> None:
    older, newer = refresh_twice(fake_wiki, data_dir)
    store = UserStore(data_dir)
    store.state_file.write_bytes(state)
    sets = {name: snapshot(store.sets_dir / name) for name in (older, newer)}

    cleanup(data_dir)  # what the window does at each start
    with pytest.raises(RefreshError, match="Le contenu actuel est conservé"):
        refresh(Sources(refused_url(), PAGES), paths_of(data_dir), limits=FAST)
    assert {name: snapshot(store.sets_dir / name) for name in set_names(data_dir)} == sets

    assert rollback(data_dir)  # back to the older set, the newer one kept for a redo
    assert store.current() == store.sets_dir / older
    assert set_names(data_dir) == sorted(sets)


def test_a_failed_refresh_with_an_empty_state_says_so_and_keeps_every_set(
    faq_home: Path, data_dir: Path, emptied: tuple[str, str]
) -> None:
    result = faq(faq_home, "refresh", "--wiki", refused_url(), "--timeout", "1")

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Le contenu actuel est conservé" in result.stderr
    assert set_names(data_dir) == sorted(emptied)


def test_a_state_naming_a_set_that_is_gone_falls_back_to_the_newest_set_on_disk(
    fake_wiki: FakeWiki, data_dir: Path
) -> None:
    older, newer = refresh_twice(fake_wiki, data_dir)
    store = UserStore(data_dir)
    store.state_file.write_text('{"current": "set-999999-gone"}', encoding="utf-8")

    loaded = load_library(paths_of(data_dir))

    assert loaded.content.root == store.sets_dir / newer
    assert any("nommait un contenu absent" in w for w in loaded.warnings)
    assert store.history().previous == older and not store.history().warning


def test_a_lost_state_file_with_the_newest_set_damaged_shows_the_one_before(
    fake_wiki: FakeWiki, data_dir: Path
) -> None:
    older, newer = refresh_twice(fake_wiki, data_dir)
    store = UserStore(data_dir)
    store.state_file.unlink()
    damaged = store.sets_dir / newer / page_path("faq:livraison")
    damaged.write_bytes(damaged.read_bytes() + b"\n==== Ajout sauvage ? ====\n")

    loaded = load_library(paths_of(data_dir))

    assert loaded.content.root == store.sets_dir / older
    assert any(w.startswith("Le fichier d'état du contenu manquait : ") for w in loaded.warnings)
    cleanup(data_dir)
    assert set_names(data_dir) == sorted([older, newer])  # the damaged one is not ours to drop


def test_sets_are_ordered_by_their_number_not_by_the_computers_clock(
    fake_wiki: FakeWiki, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    refresh(Sources(fake_wiki.url, PAGES), paths_of(data_dir), limits=FAST)
    fake_wiki.pages["faq:livraison"] += b"\n==== La seconde ? ====\n\nOui.\n"
    real_gmtime = time.gmtime
    monkeypatch.setattr(time, "gmtime", lambda t=None: real_gmtime(0 if t is None else t))
    refresh(Sources(fake_wiki.url, PAGES), paths_of(data_dir), limits=FAST)  # "in 1970"
    newer = UserStore(data_dir).current()
    UserStore(data_dir).state_file.write_bytes(b"")

    assert load_library(paths_of(data_dir)).content.root == newer


def test_an_unreadable_sources_file_uses_the_bundled_pages_says_so_and_is_not_overwritten(
    fake_wiki: FakeWiki, faq_home: Path
) -> None:
    saved = faq_home / "config" / SOURCES_NAME
    save_sources(saved.parent, Sources(fake_wiki.url, PAGES))
    saved.write_bytes(b'{"wiki": "http://127.0.0.1:1/", "pages": [')  # cut short

    result = faq(faq_home, "refresh", "--timeout", "1")

    assert "la liste des pages à mettre à jour" in result.stderr
    assert "Traceback" not in result.stderr
    assert saved.read_bytes() == b'{"wiki": "http://127.0.0.1:1/", "pages": ['


def test_an_unreadable_marks_file_does_not_stop_a_refresh_and_marks_start_afresh(
    fake_wiki: FakeWiki, data_dir: Path
) -> None:
    refresh(Sources(fake_wiki.url, PAGES), paths_of(data_dir), limits=FAST)
    (data_dir / "marks.json").write_bytes(b"\x00\x01")
    fake_wiki.pages["faq:livraison"] += b"\n==== Encore une ? ====\n\nOui.\n"

    summary = refresh(Sources(fake_wiki.url, PAGES), paths_of(data_dir), limits=FAST)

    assert summary.committed
    assert load_marks(data_dir) == {"faq:livraison#encore_une": "new"}

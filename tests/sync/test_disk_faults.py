"""On a read-only or full disk, or with a folder where the store's lock file goes, every
command ends in one French line (exit 1) or still reads (exit 0), never in a traceback,
and nothing changes. Each story runs the real command as a process."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.content.store import LOCK_NAME, UserStore
from reader.paths import Paths
from reader.sync.refresh import refresh
from reader.sync.sources import SOURCES_NAME, Sources, save_sources
from tests.sync.conftest import FAST, faq, one_line_failure, snapshot
from tests.sync.disk import Disk, small_disk
from tests.sync.fake_wiki import FakeWiki

PAGES = ("faq-kit-durgence", "faq:livraison")
KEPT = "Le contenu actuel est conservé."


@pytest.fixture
def disk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Disk]:
    with small_disk(tmp_path / f"disque-{uuid.uuid4().hex[:6]}") as disk:
        request.node.user_properties.append(("disk", disk.how))
        yield disk


def refreshed_home(wiki: FakeWiki, home: Path, twice: bool = False) -> None:
    """Refreshed content in ``home`` (twice: a rollback is possible)."""
    paths = Paths.under(home)
    refresh(Sources(wiki.url, PAGES), paths, limits=FAST)
    if twice:
        wiki.pages["faq:livraison"] += b"\n==== La seconde ? ====\n\nOui.\n"
        refresh(Sources(wiki.url, PAGES), paths, limits=FAST)


def kept(home: Path) -> dict[str, bytes]:
    """What the reader keeps: the content and the settings (a full disk still takes an
    empty log file)."""
    return {**snapshot(home / "data"), **snapshot(home / "config")}


def assert_still_reads(home: Path, env: dict[str, str]) -> None:
    listed = faq(home, "list", "--json", env=env)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    assert any(row["page"] == "faq:livraison" for row in json.loads(listed.stdout))
    found = faq(home, "search", "retrait", "--json", env=env)
    assert found.returncode == 0 and json.loads(found.stdout), found.stderr
    shown = faq(home, "show", "faq:livraison", env=env)
    assert shown.returncode == 0 and "FAQ Livraison" in shown.stdout, shown.stderr
    described = faq(home, "info", "--json", env=env)
    assert described.returncode == 0, described.stderr
    assert json.loads(described.stdout)["content"]["origin"] == "user"


def test_on_a_read_only_home_refresh_and_rollback_say_so_in_one_line_and_reading_works(
    fake_wiki: FakeWiki, disk: Disk
) -> None:
    home = disk.root / "faq-reader-data"
    refreshed_home(fake_wiki, home, twice=True)
    fake_wiki.pages["faq:livraison"] += b"\n==== Une troisieme ? ====\n\nOui.\n"
    before = snapshot(home)
    disk.make_read_only()

    line = one_line_failure(faq(home, "refresh", "--wiki", fake_wiki.url, env=disk.env()))
    assert "Mise à jour impossible : le dossier « " in line and "en lecture seule" in line
    assert line.endswith(KEPT)
    line = one_line_failure(faq(home, "rollback", env=disk.env()))
    assert line.startswith("faq-reader: Retour impossible : le dossier « ")
    assert "en lecture seule" in line

    assert_still_reads(home, disk.env())
    assert snapshot(home) == before


def test_on_a_full_disk_refresh_page_changes_nothing_and_says_so_in_one_line(
    fake_wiki: FakeWiki, disk: Disk
) -> None:
    home = disk.root / "faq-reader-data"
    refreshed_home(fake_wiki, home)
    fake_wiki.pages["faq:livraison"] += b"\n==== Une nouvelle ? ====\n\nOui.\n"
    disk.fill()
    before = kept(home)

    args = ["refresh", "--wiki", fake_wiki.url, "--page", PAGES[0], "--page", PAGES[1]]
    line = one_line_failure(faq(home, *args, "--page", "faq:commandes", env=disk.env()))

    assert "Mise à jour impossible : le disque est plein" in line and line.endswith(KEPT)
    assert kept(home) == before
    assert not (home / "config" / SOURCES_NAME).exists()  # the new list is not kept
    assert_still_reads(home, disk.env())


def test_on_a_full_disk_the_page_list_that_cannot_be_saved_fails_the_refresh(
    fake_wiki: FakeWiki, disk: Disk
) -> None:
    """Nothing changed on the wiki: only the list given needs saving, and it cannot be."""
    home = disk.root / "faq-reader-data"
    refreshed_home(fake_wiki, home)
    disk.fill()
    before = kept(home)

    args = ["refresh", "--wiki", fake_wiki.url, "--page", PAGES[0], "--page", PAGES[1]]
    line = one_line_failure(faq(home, *args, env=disk.env()))

    assert "le disque est plein (dossier « " in line and line.endswith(KEPT)
    assert kept(home) == before


def test_a_folder_where_the_lock_file_goes_is_one_line_too(
    fake_wiki: FakeWiki, faq_home: Path
) -> None:
    refreshed_home(fake_wiki, faq_home, twice=True)
    save_sources(faq_home / "config", Sources(fake_wiki.url, PAGES))
    lock = UserStore(faq_home / "data").root / LOCK_NAME
    lock.unlink()
    lock.mkdir()
    before = snapshot(faq_home / "data")

    line = one_line_failure(faq(faq_home, "refresh"))
    assert f"« {lock} » est un dossier, pas un fichier" in line and line.endswith(KEPT)
    line = one_line_failure(faq(faq_home, "rollback"))
    assert "est un dossier" in line

    assert snapshot(faq_home / "data") == before

"""Linked pages that misbehave: a server error keeps the earlier copy, a silent wiki is
bounded in time, a cancel stops at once, and ``kill -9`` during the linked-page phase
leaves the old content or the new one, whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.content.store import UserStore, check_set
from reader.sync.errors import RefreshCancelled
from reader.sync.history import cleanup
from reader.sync.refresh import refresh
from reader.sync.sources import Following, Sources
from tests.sync.conftest import FAST, LINKED_SEED, REPO, paths_of, snapshot
from tests.sync.fake_wiki import FakeWiki
from tests.sync.test_linked_pages import DEPTH_1

FAQ = "faq:kit"


@pytest.fixture
def wiki() -> FakeWiki:
    with FakeWiki(LINKED_SEED) as fake:
        yield fake


def run(wiki: FakeWiki, data_dir: Path, limits=FAST, **options):
    sources = Sources(wiki.url, (FAQ,), Following(**options))
    return refresh(sources, paths_of(data_dir), limits=limits)


def test_a_server_error_on_a_linked_page_keeps_its_copy_and_the_rest_is_updated(
    wiki: FakeWiki, data_dir: Path
) -> None:
    run(wiki, data_dir)
    wiki.pages["faq:livraison"] += b"\n===== Les horaires =====\n\nLe samedi matin.\n"
    wiki.faults["support"] = "500"

    summary = run(wiki, data_dir)

    assert summary.committed
    assert [w for w in summary.warnings if "support" in w] == [
        "page liée « Le support » (support) : le wiki a répondu par une erreur 500 ; "
        "la copie précédente est gardée"
    ]
    library = load_library(paths_of(data_dir)).library
    assert library.page("support") is not None
    assert library.question("faq:livraison#les_horaires") is not None


def test_a_silent_linked_page_is_given_up_in_time_and_the_refresh_ends(
    wiki: FakeWiki, data_dir: Path
) -> None:
    wiki.faults["support"] = "stall"  # headers, half the page, then silence
    start = time.monotonic()

    summary = run(wiki, data_dir)

    assert time.monotonic() - start < FAST.read_timeout + 10
    assert summary.committed
    [warning] = [w for w in summary.warnings if "support" in w]
    assert "elle n'est pas disponible hors ligne" in warning
    assert load_library(paths_of(data_dir)).library.page("faq:livraison") is not None


def test_a_wiki_that_stops_answering_is_left_after_three_pages_keeping_what_was_held(
    wiki: FakeWiki, data_dir: Path
) -> None:
    run(wiki, data_dir)
    for page_id in ("cagette-pro:interface-producteur", "support", "faq:livraison", "aide:aide"):
        wiki.faults[page_id] = "stall_headers"
    wiki.faults["cagette-pro:vendre-pour-d-autres-producteurs"] = "stall_headers"
    start = time.monotonic()

    summary = run(wiki, data_dir)

    assert time.monotonic() - start < 4 * FAST.read_timeout + 10  # three tries, not five
    assert len([w for w in summary.warnings if w.startswith("page liée")]) == 3
    held = [p.id for p in load_library(paths_of(data_dir)).library.pages]
    assert held == [FAQ, *DEPTH_1]  # what was held before stays


def test_cancel_in_the_linked_page_phase_stops_at_once_and_changes_nothing(
    wiki: FakeWiki, data_dir: Path
) -> None:
    run(wiki, data_dir)
    before = snapshot(data_dir)
    wiki.pages[FAQ] += b"\n==== Et ensuite ? ====\n\nLa suite.\n"
    wiki.faults["support"] = "stall_headers"
    patient = replace(FAST, read_timeout=60, request_timeout=80, refresh_timeout=80)
    token = wiki.cancel_once_stalled()
    start = time.monotonic()

    with pytest.raises(RefreshCancelled):
        refresh(Sources(wiki.url, (FAQ,)), paths_of(data_dir), limits=patient, cancel=token)

    assert time.monotonic() - start < 15
    assert snapshot(data_dir) == before
    assert not [p for p in UserStore(data_dir).sets_dir.iterdir() if p.name.startswith("staging")]


# -- kill -9 ----------------------------------------------------------------------------------
pytestmark_posix = pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")


def start_cli(home: Path, wiki: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "FAQ_READER_HOME": str(home), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "reader", "refresh", "--wiki", wiki, "--page", FAQ, *args]
    return subprocess.Popen(
        [*command, "--replace"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def kill9(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)


@pytestmark_posix
def test_kill_9_while_fetching_a_linked_page_leaves_the_content_as_it_was(
    wiki: FakeWiki, faq_home: Path, data_dir: Path
) -> None:
    run(wiki, data_dir)
    before = snapshot(data_dir)
    wiki.pages[FAQ] += b"\n==== Et ensuite ? ====\n\nLa suite.\n"  # the FAQ page is in
    wiki.faults["faq:livraison"] = "stall_headers"  # the fourth linked page, after a PDF

    process = start_cli(faq_home, wiki.url)
    assert wiki.stalled.wait(60), "the refresh never reached the linked page"
    kill9(process)

    assert snapshot(data_dir) == before
    library = load_library(paths_of(data_dir)).library
    assert library.question("faq:kit#et_ensuite") is None
    cleanup(data_dir)
    store = UserStore(data_dir)
    assert not [p for p in store.sets_dir.iterdir() if p.name.startswith("staging")]
    del wiki.faults["faq:livraison"]
    assert run(wiki, data_dir).committed  # and the next refresh goes through


@pytestmark_posix
def test_kill_9_at_any_moment_of_the_linked_phase_leaves_the_old_set_or_the_new_one(
    wiki: FakeWiki, faq_home: Path, data_dir: Path
) -> None:
    linked = [f"doc:p{i:02d}" for i in range(60)]
    links = "".join(f"  * [[{page_id}]]\n" for page_id in linked)
    wiki.pages[FAQ] += f"\n==== Toute la documentation ? ====\n\n{links}".encode()
    for page_id in linked:
        wiki.pages[page_id] = f"====== {page_id} ======\n\n===== Partie =====\n\nTexte.\n".encode()
    run(wiki, data_dir)
    store = UserStore(data_dir)
    old_set = store.current()
    assert old_set is not None
    old_files = snapshot(old_set)
    for page_id in linked:
        wiki.pages[page_id] += b"\n===== Ajout =====\n\nOui.\n"

    outcomes = set()
    for delay in (0.3, 0.5, 0.7, 0.9, 1.1, 1.4, 1.8, 2.5):
        process = start_cli(faq_home, wiki.url)
        time.sleep(delay)
        if process.poll() is None:
            kill9(process)
        current = store.current()
        assert current is not None and check_set(current, "user").problems == ()
        if current == old_set:
            assert snapshot(current) == old_files
            outcomes.add("old")
        else:  # the new set, whole: every linked page has its new part
            library = load_library(paths_of(data_dir)).library
            assert all(library.question(f"{p}#ajout") for p in linked)
            outcomes.add("new")
            break
        cleanup(data_dir)
        assert [p.name for p in store.sets_dir.iterdir()] == [old_set.name]
    assert outcomes

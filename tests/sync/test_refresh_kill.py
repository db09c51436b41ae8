"""``kill -9`` in the middle of a refresh leaves the old content or the new one, never a
mix and never nothing; what it left half done is cleaned at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.content.store import UserStore, check_set
from reader.sync.history import cleanup
from reader.sync.refresh import refresh
from reader.sync.sources import Sources
from tests.sync.conftest import FAST, REPO, paths_of, snapshot
from tests.sync.fake_wiki import FakeWiki

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")


def start_cli(home: Path, wiki: str, pages: list[str]) -> subprocess.Popen:
    env = {**os.environ, "FAQ_READER_HOME": str(home), "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "reader", "refresh", "--wiki", wiki]
    for page in pages:
        args += ["--page", page]
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill9(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)


def test_kill_9_while_fetching_leaves_the_content_as_it_was(
    fake_wiki: FakeWiki, faq_home: Path, data_dir: Path, cache_dir: Path
) -> None:
    pages = ["faq-kit-durgence", "faq:livraison"]
    refresh(Sources(fake_wiki.url, tuple(pages)), paths_of(data_dir), limits=FAST)
    before = snapshot(data_dir)
    fake_wiki.pages["faq-kit-durgence"] += b"\n==== Nouvelle ? ====\n\nOui.\n"
    fake_wiki.faults["faq:livraison"] = "stall_headers"

    process = start_cli(faq_home, fake_wiki.url, pages)
    assert fake_wiki.stalled.wait(60), "the refresh never reached the wiki"
    kill9(process)

    assert snapshot(data_dir) == before
    assert load_library(paths_of(data_dir)).library.question("faq-kit-durgence#nouvelle") is None


def test_kill_9_at_any_moment_leaves_the_old_set_or_the_new_one(
    fake_wiki: FakeWiki, faq_home: Path, data_dir: Path, cache_dir: Path
) -> None:
    template = fake_wiki.pages["faq:livraison"].decode()
    pages = [f"faq:p{i:02d}" for i in range(60)]
    for page_id in pages:
        fake_wiki.pages[page_id] = template.replace("FAQ Livraison", page_id).encode()
    refresh(Sources(fake_wiki.url, tuple(pages)), paths_of(data_dir), limits=FAST)
    store = UserStore(data_dir)
    old_set = store.current()
    assert old_set is not None
    old_files = snapshot(old_set)
    for page_id in pages:
        fake_wiki.pages[page_id] += b"\n==== Ajout ? ====\n\nOui.\n"

    outcomes = set()
    for delay in (0.2, 0.4, 0.55, 0.7, 0.85, 1.0, 1.2, 1.5, 2.0):
        process = start_cli(faq_home, fake_wiki.url, pages)
        time.sleep(delay)
        if process.poll() is None:
            kill9(process)
        current = store.current()
        assert current is not None and current.is_dir()
        content = check_set(current, "user")
        assert content.problems == ()
        files = snapshot(current)
        if current == old_set:
            assert files == old_files
            outcomes.add("old")
        else:  # the new set, complete: every page has the added question
            library = load_library(paths_of(data_dir)).library
            assert all(library.question(f"{p}#ajout") for p in pages)
            outcomes.add("new")
            break
        cleanup(data_dir)
        assert [p.name for p in store.sets_dir.iterdir()] == [old_set.name]
    cleanup(data_dir)
    leftovers = [p for p in store.sets_dir.iterdir() if p.name.startswith("staging-")]
    assert leftovers == []
    assert outcomes  # at least one kill landed

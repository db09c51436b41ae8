"""``kill -9`` in the middle of an import leaves the old content or the new one, never a
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
from reader.packs.export import export_pack
from reader.paths import Paths
from reader.sync.history import cleanup
from tests.packs.conftest import MEDIA, PAGES, install
from tests.sync.conftest import snapshot

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
REPO = Path(__file__).resolve().parents[2]


def start_import(home: Path, pack: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FAQ_READER_HOME": str(home), "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "reader", "pack", "import", str(pack)]
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_kill_9_at_any_moment_of_an_import_leaves_the_old_set_or_the_new_one(
    tmp_path: Path,
) -> None:
    template = PAGES["faq:livraison"].decode()
    pages = {
        f"faq:p{n:03d}": template.replace("FAQ Livraison", f"FAQ {n}").encode() for n in range(120)
    }
    village = Paths.under(tmp_path / "village")
    install(village, pages, MEDIA, "2026-06-01T09:30:00Z")
    pack = export_pack(tmp_path / "contenu.faqpack", village).path
    farm = Paths.under(tmp_path / "farm")
    old_set = install(farm, {"faq:livraison": PAGES["faq:livraison"]}, date="2026-05-10T08:00:00Z")
    old_files = snapshot(old_set)
    store = UserStore(farm.data)

    outcomes = set()
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.2, 2.6, 3.0, 4.0, 6.0):
        process = start_import(farm.data.parent, pack)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(60)
        current = store.current()
        assert current is not None and current.is_dir()
        assert check_set(current, "user").problems == ()
        if current == old_set:
            assert snapshot(current) == old_files
            assert [p.id for p in load_library(farm).library.pages] == ["faq:livraison"]
            outcomes.add("old")
        else:  # the new set, complete
            assert [p.id for p in load_library(farm).library.pages] == list(pages)
            outcomes.add("new")
            break
        cleanup(farm.data)  # what the next start does
        assert [p.name for p in store.sets_dir.iterdir()] == [old_set.name]
    cleanup(farm.data)
    assert [p for p in store.sets_dir.iterdir() if p.name.startswith("staging-")] == []
    assert "old" in outcomes  # at least one kill landed before the commit

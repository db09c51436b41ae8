"""Fixtures for the refresh tests: a misbehaving local wiki, a real DokuWiki, snapshots.

The real DokuWiki is Debian's package run by the project's own
``tools/dokuwiki/start-dokuwiki.sh`` on a free loopback port, seeded with
``tests/data/sync_wiki`` (or ``tests/data/linked_wiki``, the wiki around a FAQ). Without
DokuWiki or php these tests are skipped, unless ``FAQ_READER_REQUIRE_DOKUWIKI=1`` (CI),
where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.paths import Paths
from reader.sync.http import Limits
from tests.sync.fake_wiki import SEED, FakeWiki

REPO = Path(__file__).resolve().parents[2]
START = REPO / "tools" / "dokuwiki" / "start-dokuwiki.sh"
STOP = REPO / "tools" / "dokuwiki" / "stop-dokuwiki.sh"
DOKUWIKI = Path("/usr/share/dokuwiki")

# Short bounds so fault tests give up fast; generous enough for a loaded 2-core machine.
FAST = Limits(
    connect_timeout=3.0,
    read_timeout=1.0,
    request_timeout=8.0,
    refresh_timeout=20.0,
    max_page_bytes=256 * 1024,
    max_media_bytes=1024 * 1024,
)


@pytest.fixture
def fake_wiki() -> Iterator[FakeWiki]:
    with FakeWiki() as wiki:
        yield wiki


@pytest.fixture
def data_dir(faq_home: Path) -> Path:
    return faq_home / "data"


@pytest.fixture
def cache_dir(faq_home: Path) -> Path:
    return faq_home / "cache" / "index"


def paths_of(data_dir: Path) -> Paths:
    """The folders of a test whose data folder is ``data_dir`` (the ``data_dir`` fixture:
    ``<home>/data``, its index in ``<home>/cache/index``, the ``cache_dir`` fixture)."""
    return Paths.under(data_dir.parent)


def faq(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real ``faq-reader`` command, run as a process on the per-user folder ``home``."""
    environment = {**os.environ, "FAQ_READER_HOME": str(home), "PYTHONPATH": str(REPO)}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=180,
        check=False,
    )


def one_line_failure(result: subprocess.CompletedProcess) -> str:
    """The one French line a failed command printed (checked: exit 1, no traceback)."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("faq-reader: "), result.stderr
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (the store's lock file left out)."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".refresh.lock"
    }


# -- a real DokuWiki ---------------------------------------------------------------------------
@dataclass
class DokuWiki:
    """A running throwaway DokuWiki: its URL, work folder and how to edit a page."""

    url: str
    workdir: Path
    port: int
    userewrite: int

    def edit(self, page_id: str, text: str, summary: str = "edit") -> None:
        """Save a new revision through DokuWiki's own ``bin/dwpage.php``, as a user would."""
        # Revision ids are unix seconds: a second edit in the same second is refused.
        changes = self.workdir / "data" / "meta" / (page_id.replace(":", "/") + ".changes")
        if changes.exists():
            while time.time() - changes.stat().st_mtime < 1.05:
                time.sleep(0.1)
        source = self.workdir / "edit.txt"
        source.write_text(text, encoding="utf-8")
        self._dwpage("commit", "-m", summary, str(source), page_id)

    def revision(self, page_id: str) -> int:
        """The page's current revision id, from the wiki's own changelog."""
        changes = self.workdir / "data" / "meta" / (page_id.replace(":", "/") + ".changes")
        last = changes.read_text(encoding="utf-8").splitlines()[-1]
        return int(last.split("\t", 1)[0])

    def delete(self, page_id: str) -> None:
        self.edit(page_id, "", "suppression")

    def _dwpage(self, *args: str) -> None:
        prepend = self.workdir / "prepend.php"
        subprocess.run(
            [
                "php",
                "-d",
                f"auto_prepend_file={prepend}",
                "-d",
                "date.timezone=UTC",
                str(DOKUWIKI / "bin" / "dwpage.php"),
                "-u",
                "admin",
                *args,
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dokuwiki_available() -> str | None:
    if not (DOKUWIKI / "doku.php").is_file():
        return "Debian's dokuwiki package is not installed"
    for tool in ("php", "curl"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


LINKED_SEED = REPO / "tests" / "data" / "linked_wiki"


def start_dokuwiki(userewrite: int = 0, seed: Path = SEED) -> DokuWiki:
    missing = _dokuwiki_available()
    if missing:
        if os.environ.get("FAQ_READER_REQUIRE_DOKUWIKI") == "1":
            pytest.fail(f"DokuWiki required but unavailable: {missing}")
        pytest.skip(missing)
    for _ in range(3):
        port = _free_port()
        workdir = Path(f"/tmp/faq-reader-sync-dw-{port}")
        result = subprocess.run(
            [
                "bash",
                str(START),
                "-p",
                str(port),
                "-s",
                str(seed),
                "-w",
                str(workdir),
                "-u",
                str(userewrite),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode == 0:
            values = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
            return DokuWiki(values["DOKUWIKI_URL"], workdir, port, userewrite)
        if "already in use" not in result.stderr:
            break
    pytest.fail(f"DokuWiki did not start: {result.stderr[-2000:]}")


def stop_dokuwiki(wiki: DokuWiki) -> None:
    subprocess.run(
        ["bash", str(STOP), "-p", str(wiki.port), "-w", str(wiki.workdir)],
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def dokuwiki() -> Iterator[DokuWiki]:
    """A fresh DokuWiki (userewrite=0, Debian's default) for one test."""
    wiki = start_dokuwiki(0)
    try:
        yield wiki
    finally:
        stop_dokuwiki(wiki)


@pytest.fixture
def linked_wiki() -> Iterator[DokuWiki]:
    """A fresh DokuWiki seeded with a FAQ page and the wiki around it
    (``tests/data/linked_wiki``: linked pages, a denied one, a PDF …)."""
    wiki = start_dokuwiki(0, LINKED_SEED)
    try:
        yield wiki
    finally:
        stop_dokuwiki(wiki)


@pytest.fixture(scope="module")
def wiki() -> Iterator[DokuWiki]:
    """One DokuWiki seeded like :func:`linked_wiki`, for the tests of a module that only
    read it (a module that needs another ``wiki`` defines its own)."""
    started = start_dokuwiki(0, LINKED_SEED)
    try:
        yield started
    finally:
        stop_dokuwiki(started)


@pytest.fixture(scope="module", params=[0, 1, 2], ids=["userewrite0", "userewrite1", "userewrite2"])
def dokuwiki_any_rewrite(request: pytest.FixtureRequest) -> Iterator[DokuWiki]:
    wiki = start_dokuwiki(request.param)
    try:
        yield wiki
    finally:
        stop_dokuwiki(wiki)

"""How a big index is built: postings pooled without one big sort, a big library built in a
process of its own (the window's thread is not held up), same index either way."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from reader.search import SearchIndex
from reader.search import cache as cache_module
from reader.search.engine_write import TermPool
from tests.search_support import wiki_library


class _Store:
    """Just enough of a Whoosh storage for a pool that spills to runs."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def create_file(self, name: str):
        import io

        store = self

        class _File(io.BytesIO):
            def raw_file(self):
                return self

            def close(self) -> None:
                store.files[name] = self.getvalue()
                super().close()

        return _File()

    def open_file(self, name: str):
        import io

        data = self.files[name]

        class _File(io.BytesIO):
            def raw_file(self):
                return self

        return _File(data)

    def delete_file(self, name: str) -> None:
        del self.files[name]


@pytest.mark.parametrize("limitmb", [128, 1])
def test_the_pool_gives_the_postings_in_whooshs_sorted_order(limitmb: int) -> None:
    rng = random.Random(3)
    postings = []
    for docnum in range(12000):  # about 2 MB of postings: past 1 MB, runs on disk
        for field in ("title", "body"):
            for word in {rng.choice("abcdefghijklmnop") * rng.randint(1, 3) for _ in range(9)}:
                postings.append((field, word.encode(), docnum, float(rng.randint(1, 4)), None))
    pool = TermPool(_Store(), None, limitmb=limitmb)
    for item in postings:
        pool.add(item)
    if limitmb == 1:
        assert pool.runs  # spilled to runs, merged back in order
    assert list(pool.items()) == sorted(postings)


def _hits(index: SearchIndex, query: str) -> list[tuple[str, float]]:
    return [(hit.id, hit.score) for hit in index.search(query, 20).hits]


@pytest.mark.skipif(sys.platform == "win32", reason="spawning is slow there; same code")
def test_a_big_library_is_built_in_a_process_and_gives_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = wiki_library()
    here = SearchIndex.open(library, tmp_path / "thread")
    started = []
    real = cache_module.build_in_process

    def spy(*args: object) -> None:
        started.append(True)
        real(*args)

    monkeypatch.setattr(cache_module, "PROCESS_THRESHOLD", 1)
    monkeypatch.setattr(cache_module, "build_in_process", spy)
    there = SearchIndex.open(library, tmp_path / "process")
    try:
        assert started and not there.warnings and not there.in_memory
        for query in ("formation obligatoire", "payé par carte bleue", "livraison", "zzzz"):
            assert _hits(there, query) == _hits(here, query)
    finally:
        here.close()
        there.close()


def test_a_failed_build_process_falls_back_to_the_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("no processes here")

    monkeypatch.setattr(cache_module, "PROCESS_THRESHOLD", 1)
    monkeypatch.setattr(cache_module, "build_in_process", broken)
    index = SearchIndex.open(wiki_library(), tmp_path)
    try:
        assert not index.in_memory and not index.warnings
        assert index.search("formation obligatoire").hits
    finally:
        index.close()

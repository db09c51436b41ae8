"""How a big index is built: postings pooled without one big sort, written a block at a
time to what Whoosh's own writer would write, a big library built in a process of its own
(the window's thread is not held up), same index either way."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from reader.search import SearchIndex, engine
from reader.search import cache as cache_module
from reader.search.documents import documents as engine_documents
from reader.search.documents import rows
from reader.search.engine import writer as engine_write
from reader.search.engine.writer import TermPool
from reader.search.tables import Tables
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


def _everything(index: engine.Engine) -> tuple[object, ...]:
    """What an index holds: each term's info and postings, the field lengths, the ids."""
    (leaf, _), *others = index._leaves
    assert not others
    terms = sorted((f, t) for f, t in leaf._terms.terms() if f != "id")
    infos = []
    for field, term in terms:
        info = leaf._terms.term_info(field, term)
        stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
        infos.append((field, term, stats, info.max_weight(), index.postings(field, term.decode())))
    lengths = [index.lengths(field) for field in ("title", "title_folded", "body", "context")]
    ids = [index.question_id(n) for n in range(index.doc_count_all)]
    return tuple(infos), lengths, ids


def _whoosh_writes(documents: list[engine.Document]) -> engine.Engine:
    """The index Whoosh's own writer makes of ``documents`` (``add_document``, commit)."""
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.writing import SegmentWriter

    ix = engine._MemoryStorage().create_index(engine._schema())
    codec = W3Codec(blocklimit=engine.BLOCK_POSTINGS, compression=engine.BLOCK_COMPRESSION)
    writer = SegmentWriter(ix, codec=codec)
    for document in documents:
        writer.add_document(**{**document, "id": document["id"].encode("utf-8")})
    writer.commit()
    return engine.Engine(ix)


def _many_documents(count: int) -> list[engine.Document]:
    rng = random.Random(5)
    words = [f"mot{n}" for n in range(400)]

    def terms(size: int) -> str:
        return " ".join(rng.choice(words[: rng.randint(5, 400)]) for _ in range(size))

    return [
        {
            "id": f"faq:p{n // 50}#question-{n}",
            "page": f"faq:p{n // 50}",
            "title": terms(6),
            "title_folded": terms(6),
            "body": terms(rng.randint(0, 300)),
            "context": terms(3),
        }
        for n in range(count)
    ]


def test_the_index_holds_what_whooshs_own_writer_would_write() -> None:
    documents = list(engine_documents(rows(wiki_library()), Tables()))
    assert _everything(engine.in_memory(documents)) == _everything(_whoosh_writes(documents))


def test_a_build_past_the_pools_memory_gives_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = _many_documents(3000)
    whole = engine.in_memory(documents)
    monkeypatch.setattr(engine_write, "WRITER_MB", 1)
    spilled = []
    real_save = engine_write.TermPool.save

    def save(pool: engine_write.TermPool) -> None:
        spilled.append(bool(pool._fields))
        real_save(pool)

    monkeypatch.setattr(engine_write.TermPool, "save", save)
    engine.write_folder(tmp_path, documents)
    assert any(spilled)  # sorted runs on disk, merged by Whoosh's own commit
    on_disk = engine.open_files({p.name: p.read_bytes() for p in tmp_path.iterdir()})
    assert _everything(on_disk) == _everything(whole)
    # In memory the pool never spills (Whoosh could not read its runs back from there).
    spilled.clear()
    assert _everything(engine.in_memory(documents)) == _everything(whole) and not any(spilled)

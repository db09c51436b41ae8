"""Where the index lives: built in the cache, reused, rebuilt when stale or damaged,
kept in memory when the cache cannot be written, updated page by page."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from reader.content.model import Library
from reader.paths import Paths
from reader.search import SearchIndex
from reader.search import index as index_module
from reader.search.storage import MANIFEST
from tests.search_support import ROOT, bundled_library, wiki_library


def _index_folder(cache: Path) -> Path:
    folders = [p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert len(folders) == 1, folders
    return folders[0]


def _works(index: SearchIndex) -> None:
    hits = index.search("formation obligatoire").hits
    assert hits and hits[0].question.startswith("Suis-je obligé de suivre la formation")


def _no_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index was rebuilt")

    monkeypatch.setattr(index_module, "build_on_disk", fail)


def test_index_lives_in_the_cache_under_faq_reader_home(faq_home: Path, paths: Paths) -> None:
    index = SearchIndex.open(bundled_library(), paths.index_dir)
    try:
        assert index.folder is not None and not index.in_memory and index.warnings == []
        assert index.folder.parent == faq_home / "cache" / "index"
        assert (index.folder / MANIFEST).is_file()
        _works(index)
    finally:
        index.close()


def test_a_valid_index_is_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SearchIndex.open(bundled_library(), tmp_path).close()
    _no_rebuild(monkeypatch)
    index = SearchIndex.open(bundled_library(), tmp_path)
    _works(index)
    assert index.warnings == []
    index.close()


def test_changed_content_gets_a_new_index_and_the_old_one_goes(tmp_path: Path) -> None:
    SearchIndex.open(bundled_library(), tmp_path).close()
    old = _index_folder(tmp_path)
    index = SearchIndex.open(wiki_library(), tmp_path)
    assert index.folder != old and not old.exists()
    assert index.search("feuille d'émargement").hits
    index.close()


def _truncate(folder: Path) -> None:
    seg = max((p for p in folder.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])


def _garbage(folder: Path) -> None:
    seg = max((p for p in folder.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)
    data = bytearray(seg.read_bytes())
    data[100:400] = os.urandom(300)
    seg.write_bytes(bytes(data))


def _garbage_toc(folder: Path) -> None:
    for toc in folder.glob("*.toc"):
        toc.write_bytes(b"\x00garbage" * 10)


def _empty_files(folder: Path) -> None:
    for path in folder.iterdir():
        path.write_bytes(b"")


def _no_manifest(folder: Path) -> None:
    (folder / MANIFEST).unlink()


def _bad_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text("{not json", encoding="utf-8")


def _no_vocabulary(folder: Path) -> None:
    (folder / "vocabulary.json").unlink()


def _folder_is_a_file(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_bytes(b"not a folder")


@pytest.mark.parametrize(
    "damage",
    [
        _truncate,
        _garbage,
        _garbage_toc,
        _empty_files,
        _no_manifest,
        _bad_manifest,
        _no_vocabulary,
        _folder_is_a_file,
    ],
)
def test_corrupt_index_is_rebuilt(tmp_path: Path, damage) -> None:
    SearchIndex.open(bundled_library(), tmp_path).close()
    damage(_index_folder(tmp_path) if damage is not _folder_is_a_file else _only(tmp_path))
    index = SearchIndex.open(bundled_library(), tmp_path)
    try:
        assert not index.in_memory
        _works(index)
        assert index.search("fomration").suggestion == "formation"
    finally:
        index.close()
    # And the rebuilt index is trusted next time.
    again = SearchIndex.open(bundled_library(), tmp_path)
    assert again.warnings == []
    again.close()


def _only(cache: Path) -> Path:
    (entry,) = [p for p in cache.iterdir() if not p.name.startswith(".")]
    return entry


def test_damage_after_opening_does_not_crash_a_search(tmp_path: Path) -> None:
    index = SearchIndex.open(bundled_library(), tmp_path)
    try:
        folder = index.folder
        assert folder is not None
        _work_after_damage = index.search("formation").hits
        assert _work_after_damage
        index._scorer.clear_cache()
        for path in folder.iterdir():
            if path.suffix == ".seg":
                path.write_bytes(b"")
        result = index.search("producteurs")  # must not raise, whatever it finds
        assert isinstance(result.hits, tuple)
        assert index.search("formation obligatoire").hits
    finally:
        index.close()


def test_lock_left_by_killed_process_does_not_block(tmp_path: Path) -> None:
    library = bundled_library()
    SearchIndex.open(library, tmp_path).close()
    folder = _index_folder(tmp_path)
    # A process takes Whoosh's write lock, starts a build folder, and is killed.
    code = textwrap.dedent(
        f"""
        import os, sys, time, tempfile
        from whoosh.filedb.filestore import FileStorage
        ix = FileStorage({str(folder)!r}).open_index()
        writer = ix.writer()
        tempfile.mkdtemp(prefix=".build-%d-" % os.getpid(), dir={str(tmp_path)!r})
        print("locked", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    finally:
        child.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        child.wait(10)
    assert (folder / "MAIN_WRITELOCK").exists()  # the lock file is left behind
    started = time.monotonic()
    index = SearchIndex.open(library, tmp_path)
    try:
        _works(index)
        page = library.pages[0]
        changed = _with_extra_answer(library, page.id, "Un mot nouveau : topinambour.")
        index.update_pages(changed, [page.id])
        assert not index.in_memory and index.warnings == []
        assert index.search("topinambour").hits
    finally:
        index.close()
    assert time.monotonic() - started < 10
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".build-")]


def _with_extra_answer(library: Library, page_id: str, extra: str) -> Library:
    pages = []
    for page in library.pages:
        if page.id == page_id:
            section = page.sections[0]
            first = replace(section.questions[0], answer=section.questions[0].answer + " " + extra)
            section = replace(section, questions=(first, *section.questions[1:]))
            page = replace(page, sections=(section, *page.sections[1:]))
        pages.append(page)
    return replace(library, pages=tuple(pages))


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders"
)
def test_read_only_cache_folder_falls_back_to_memory(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        index = SearchIndex.open(bundled_library(), cache / "index")
        assert index.in_memory and index.warnings
        _works(index)
    finally:
        cache.chmod(0o700)


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EROFS, "lecture seule"), (errno.EACCES, "lecture seule"), (errno.ENOSPC, "plein")],
)
def test_read_only_cache_falls_back_to_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    from whoosh.filedb.filestore import FileStorage

    def refuse(self, name: str, **kwargs: object):
        raise OSError(code, os.strerror(code), name)

    monkeypatch.setattr(FileStorage, "create_file", refuse)
    index = SearchIndex.open(bundled_library(), tmp_path)
    try:
        assert index.in_memory
        assert len(index.warnings) == 1 and words in index.warnings[0]
        _works(index)
        assert index.search("fomration").suggestion == "formation"
        page = index.library.pages[0]
        changed = _with_extra_answer(index.library, page.id, "Topinambour.")
        index.update_pages(changed, [page.id])
        assert index.search("topinambour").hits
    finally:
        index.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".build-")]


def test_cache_path_that_is_a_file_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    index = SearchIndex.open(bundled_library(), blocker / "index")
    assert index.in_memory and index.warnings
    _works(index)


def test_update_pages_reindexes_only_that_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = wiki_library()
    index = SearchIndex.open(library, tmp_path)
    try:
        before = index.search("feuille d'émargement").hits[0].id
        page = library.page("faq:commandes-paiements")
        assert page is not None
        changed = _with_extra_answer(library, page.id, "Nouveau : le paiement par topinambour.")
        reindexed: list[set[str] | None] = []
        original = index_module.rows

        def spy(lib: Library, page_ids: set[str] | None = None):
            reindexed.append(page_ids)
            return original(lib, page_ids)

        monkeypatch.setattr(index_module, "rows", spy)
        index.update_pages(changed, [page.id])
        assert reindexed and all(ids == {page.id} for ids in reindexed)
        assert not index.in_memory and index.warnings == []
        hit = index.search("topinambour").hits[0]
        assert hit.page == page.id and "<mark>topinambour</mark>" in hit.snippet
        assert index.search("feuille d'émargement").hits[0].id == before
        assert index.search("topinambur").suggestion == "topinambour"
        assert len(index.search("producteurs", limit=100).hits) == len(
            wiki_library_search_ids(library, "producteurs")
        )
    finally:
        index.close()
    monkeypatch.undo()
    # The updated folder is the index of the new content: reused as is.
    _no_rebuild(monkeypatch)
    again = SearchIndex.open(changed, tmp_path)
    assert again.search("topinambour").hits and again.warnings == []
    again.close()


def wiki_library_search_ids(library: Library, query: str) -> list[str]:
    fresh = SearchIndex._in_memory(library, "x", None)
    return [h.id for h in fresh.search(query, limit=100).hits]


def test_update_pages_removes_a_deleted_page(tmp_path: Path) -> None:
    library = wiki_library()
    index = SearchIndex.open(library, tmp_path)
    try:
        assert index.search("plafond").hits
        smaller = replace(
            library, pages=tuple(p for p in library.pages if p.id != "faq:commandes-paiements")
        )
        index.update_pages(smaller, ["faq:commandes-paiements"])
        assert index.search("plafond").hits == ()
        assert all(not h.id.startswith("faq:commandes") for h in index.search("client").hits)
        _works(index)
    finally:
        index.close()


def test_interrupted_update_is_not_trusted(tmp_path: Path) -> None:
    library = bundled_library()
    index = SearchIndex.open(library, tmp_path)
    folder = index.folder
    index.close()
    assert folder is not None
    (folder / MANIFEST).unlink()  # what an update killed half-way leaves
    again = SearchIndex.open(library, tmp_path)
    _works(again)
    assert (again.folder / MANIFEST).is_file()  # type: ignore[operator]
    again.close()


def test_the_cli_module_does_not_import_whoosh_at_import_time() -> None:
    code = "import sys, reader.cli.search; assert 'whoosh' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_an_empty_library_has_an_empty_index(tmp_path: Path) -> None:
    for _ in range(2):  # built, then reused
        index = SearchIndex.open(Library(()), tmp_path)
        assert index.warnings == [] and index.search("formation").hits == ()
        index.close()


def test_searches_from_several_threads(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    index = SearchIndex.open(wiki_library(), tmp_path)
    queries = ["formation", "livraison", "paiement carte", "fomration", "stocks legumes"] * 20
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda q: index.search(q).hits[0].id, queries))
    assert results == [index.search(q).hits[0].id for q in queries]
    index.close()

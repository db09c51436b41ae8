"""Built pages are cached per user; the cache never shows anything but what converting shows."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest

from reader.content import outline
from reader.content import page_cache as page_cache_module
from reader.content.library import decode_page
from reader.content.manifest import page_path
from reader.content.model import PageSource
from reader.content.outline import build_page
from reader.content.page_cache import PageCache, page_from_json, page_to_json
from reader.fsutil import sha256_bytes
from reader.paths import resources_dir
from tests.home import commit_faq_page as commit_page
from tests.home import load_home_library

DATA = Path(__file__).resolve().parent / "data"
PAGE_FOLDERS = (DATA / "wiki" / "pages", DATA / "dokuwiki" / "pages")


def wiki_pages() -> list[tuple[str, bytes]]:
    """Every page file of the bundled content and the test wikis, with its page id."""
    pages = [("faq-kit-durgence", (resources_dir() / page_path("faq-kit-durgence")).read_bytes())]
    for folder in PAGE_FOLDERS:
        for path in sorted(folder.rglob("*.txt")):
            page_id = ":".join(path.relative_to(folder).with_suffix("").parts)
            pages.append((page_id, path.read_bytes()))
    return pages


def no_converting(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("converted although the cache holds the page")

    monkeypatch.setattr(outline, "build_page", refuse)


def test_page_cache_gives_the_same_library_as_converting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = PageCache(tmp_path / "pages")
    source = PageSource(wiki="https://wiki.example", sha256="x", origin="user")
    pages = wiki_pages()
    assert len(pages) > 5
    fresh = {}
    for page_id, data in pages:
        text, _ = decode_page(data)
        fresh[page_id] = build_page(page_id, text, source)
        assert cache.load(page_id, sha256_bytes(data), text, source) == fresh[page_id]
    no_converting(monkeypatch)
    for page_id, data in pages:
        text, _ = decode_page(data)
        cached = PageCache(tmp_path / "pages").load(page_id, sha256_bytes(data), text, source)
        assert cached == fresh[page_id]
        assert page_from_json(json.loads(json.dumps(page_to_json(cached))), source) == cached


def test_loading_twice_reads_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_home_library()
    assert any((Path(os.environ["FAQ_READER_HOME"]) / "cache" / "pages").glob("*.json"))
    no_converting(monkeypatch)
    second = load_home_library()
    assert second.library == first.library
    assert second.warnings == first.warnings == ()


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"\x00\xff garbage",
        lambda raw: b"",
        lambda raw: b"[]",
        lambda raw: raw.replace(b'"sections":[', b'"sections":[7,'),
        lambda raw: raw.replace(b'"page_id":"faq-kit-durgence"', b'"page_id":"autre"'),
        lambda raw: raw.replace(b'"converter":"', b'"converter":"0'),
    ],
    ids=["truncated", "garbage", "empty", "not-an-object", "bad-section", "foreign", "old"],
)
def test_corrupt_page_cache_entry_is_rebuilt(damage) -> None:
    expected = load_home_library().library
    entries = list((Path(os.environ["FAQ_READER_HOME"]) / "cache" / "pages").glob("*.json"))
    assert len(entries) == 1
    entries[0].write_bytes(damage(entries[0].read_bytes()))
    assert load_home_library().library == expected
    repaired = json.loads(entries[0].read_text(encoding="utf-8"))
    assert repaired["page_id"] == "faq-kit-durgence"


def test_an_entry_of_another_page_is_not_used(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    one = build_page("a", "====== A ======\n==== Qa ====\noui\n")
    cache.put("a", "1" * 64, one)
    entry = next(tmp_path.glob("*.json"))
    entry.rename(tmp_path / cache._name("b", "2" * 64))
    assert cache.get("b", "2" * 64) is None
    assert cache.get("a", "1" * 64) is None  # moved away


def test_read_only_cache_folder_still_loads(
    faq_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    expected = load_home_library(page_cache=PageCache(None)).library
    blocker = faq_home / "cache"
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder")  # nothing can be created below it, even by root
    with caplog.at_level(logging.DEBUG, logger="reader.content.page_cache"):
        loaded = load_home_library()
    assert loaded.library == expected
    assert loaded.warnings == ()
    assert "page cache not writable" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_full_disk_still_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(page_cache_module, "atomic_write_text", full)
    loaded = load_home_library()
    assert loaded.warnings == ()
    assert [q.id for q in loaded.library.questions()]


def test_changed_page_is_converted_again(faq_home: Path) -> None:
    commit_page(faq_home, "====== P ======\n===== S =====\n==== Première ? ====\noui\n")
    assert [q.title for q in load_home_library().library.questions()] == ["Première ?"]
    commit_page(faq_home, "====== P ======\n===== S =====\n==== Seconde ? ====\nnon\n")
    assert [q.title for q in load_home_library().library.questions()] == ["Seconde ?"]


def test_converter_change_converts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    load_home_library()
    monkeypatch.setattr(page_cache_module, "converter_key", lambda: "another-converter")
    calls = []

    def counting(*args, **kwargs):
        calls.append(args[0])
        return build_page(*args, **kwargs)

    monkeypatch.setattr(outline, "build_page", counting)
    load_home_library()
    assert calls == ["faq-kit-durgence"]


def test_an_edit_to_any_converter_module_converts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The converter is a package below content/: its modules key the cache too.
    copy = tmp_path / "content"
    shutil.copytree(
        Path(page_cache_module.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(page_cache_module, "_CONTENT_DIR", copy)
    key = page_cache_module.converter_key
    try:
        key.cache_clear()
        before = key()
        inline = copy / "dokuwiki" / "inline.py"
        inline.write_text(inline.read_text("utf-8") + "\n# edited\n", "utf-8")
        key.cache_clear()
        assert key() != before
    finally:
        monkeypatch.undo()
        key.cache_clear()


def test_a_cancel_while_a_page_is_built_stores_nothing(tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def cancel() -> None:
        raise Cancelled

    cache = PageCache(tmp_path)
    text = "====== P ======\n" + "==== Q ====\noui\n" * 100
    with pytest.raises(Cancelled):
        cache.load("faq:p", "0" * 64, text, PageSource(), check=cancel)
    assert list(tmp_path.glob("*.json")) == []
    assert len(list(cache.load("faq:p", "0" * 64, text, PageSource()).questions())) == 100


def test_least_recently_used_entries_are_pruned(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    page = build_page("a", "====== A ======\n==== Q ====\noui\n")
    for n in range(6):
        cache.put("a", f"{n:064d}", page)
        os.utime(tmp_path / cache._name("a", f"{n:064d}"), (n, n))
    later = PageCache(tmp_path)
    assert later.get("a", f"{0:064d}") is not None  # oldest, but used by this load
    later.prune(limit=3)
    kept = {p.name for p in tmp_path.glob("*.json")}
    assert kept == {cache._name("a", f"{n:064d}") for n in (0, 4, 5)}

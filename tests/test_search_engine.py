"""The engine package that owns Whoosh: the only one to import it, importable beside the
HTTP layer in any order, refusing another Whoosh release; and an updated index that
answers exactly as one built afresh (issue 19)."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reader.content.model import Library
from reader.search import SearchIndex
from tests.search_support import ROOT, wiki_library
from tests.test_search_golden import digest

PAGE = "faq:commandes-paiements"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_only_the_engine_package_imports_whoosh() -> None:
    importing = re.compile(r"^\s*(?:from|import)\s+whoosh\b", re.M)
    found = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "reader").rglob("*.py"))
        if importing.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["reader/search/engine/__init__.py", "reader/search/engine/writer.py"]


def test_the_http_layer_and_the_search_import_together_in_any_order() -> None:
    # The search thread imports the engine while the refresh thread imports urllib.request
    # (the HTTP layer): each gets real modules, however the two interleave.
    code = """
import sys, threading
results = []
def search():
    import reader.search
    results.append(reader.search.SearchIndex)
def http():
    for _ in range(200):
        import urllib.request
        assert urllib.request.Request and urllib.request.urlopen
    import reader.sync.http
thread = threading.Thread(target=search)
thread.start()
http()
thread.join()
import urllib.request
assert type(sys.modules["urllib.request"]).__name__ == "module"
assert sys.modules["urllib.request"].urlopen.__module__ == "urllib.request"
assert "cached_property" not in sys.modules or sys.modules["cached_property"].__file__
assert results
print("ok")
"""
    for _ in range(3):
        done = _python(code)
        assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_the_search_does_not_import_what_whoosh_never_uses_here() -> None:
    done = _python(
        "import sys, reader.search; "
        "print(sorted(m for m in ('urllib.request', 'asyncio', 'whoosh.lang.morph_en') "
        "if m in sys.modules))"
    )
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


def test_another_whoosh_release_is_refused_with_a_clear_message() -> None:
    done = _python(
        "import whoosh; whoosh.__version__ = (2, 7, 6)\n"
        "try:\n"
        "    import reader.search\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("EngineError la recherche demande Whoosh 2.7.5"), done.stdout
    assert "2.7.6 est installée" in done.stdout


def _with_answer_word(library: Library, word: str) -> Library:
    pages = []
    for page in library.pages:
        if page.id == PAGE:
            section = page.sections[0]
            first = section.questions[0]
            first = replace(first, answer=f"{first.answer} Payable aussi en {word}.")
            section = replace(section, questions=(first, *section.questions[1:]))
            page = replace(page, sections=(section, *page.sections[1:]))
        pages.append(page)
    return replace(library, pages=tuple(pages))


# The word removed, typed as is, misspelt, by ear, unfinished, beside other words.
QUERIES = [
    "topinambour",
    "topinambours",
    "topinanbour",
    "topinambur",
    "taupinambour",
    "topinam",
    "payer en topinambour",
    "topinambour carte bancaire",
    "feuille d'émargement",
    "producteurs",
    "paiement",
]


@pytest.mark.parametrize("on_disk", [True, False], ids=["on disk", "in memory"])
def test_a_removed_word_answers_as_in_a_fresh_index(tmp_path: Path, on_disk: bool) -> None:
    plain = wiki_library()
    with_word = _with_answer_word(plain, "topinambour")
    updated = SearchIndex.open(with_word, tmp_path / "updated" if on_disk else None)
    fresh = SearchIndex.open(plain, tmp_path / "fresh" if on_disk else None)
    try:
        assert updated.search("topinambour").hits  # there before the update
        updated.update_pages(plain, [PAGE])
        assert not updated.warnings and updated.in_memory is not on_disk
        for query in QUERIES:
            for correct in (True, False):
                now, afresh = (
                    updated.search(query, correct=correct),
                    fresh.search(query, correct=correct),
                )
                assert [h.id for h in now.hits] == [h.id for h in afresh.hits], query
                assert [h.missing for h in now.hits] == [h.missing for h in afresh.hits], query
                assert now.suggestion == afresh.suggestion, query
                assert digest(now) == digest(afresh), query
        assert not updated.search("topinambour").hits
    finally:
        updated.close()
        fresh.close()


@pytest.mark.parametrize(
    "damage",
    ["texts.json garbled", "forms.json missing", "scores.bin garbled", "scores.bin missing"],
)
def test_damaged_or_missing_tables_are_rebuilt_like_the_index(tmp_path: Path, damage: str) -> None:
    library = wiki_library()
    index = SearchIndex.open(library, tmp_path)
    before = {q: digest(index.search(q)) for q in QUERIES}
    folder = index.folder
    index.close()
    assert folder is not None
    name, how = damage.split(" ")
    if how == "garbled":
        (folder / name).write_text('{"faq:x#y": "', encoding="utf-8")
    else:
        (folder / name).unlink()
    again = SearchIndex.open(library, tmp_path)
    try:
        assert again.warnings == ["index de recherche endommagé : reconstruit"]
        assert {q: digest(again.search(q)) for q in QUERIES} == before
        assert (folder / name).is_file()
    finally:
        again.close()

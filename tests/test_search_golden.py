"""The results of a fixed query set stay as they were before the query path was rebuilt
for speed (issue 17): same questions in the same order, same scores, byte-identical
snippets, same missing words, same "did you mean" and "what was searched".

tests/data/search_golden.json holds, per query, the ids found and a digest of the whole
result. It was written by this module run as a script (``python -m
tests.test_search_golden``) on the search layer as it was before the rebuild; rewrite it
only for a change meant to alter results, and say so.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.content.model import Library
from reader.search import SearchIndex, SearchResult
from tests.search_support import ROOT, TESTS, wiki_library

GOLDEN = TESTS / "data" / "search_golden.json"
LIMIT = 10
BENCH_SIZE = 1000  # questions of the benchmark's generated corpus
BENCH_QUERIES = 150


def _bench_corpus():  # bench/ is not a package
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wiki_queries() -> list[str]:
    """The relevance and held-out queries, and some typed a letter at a time."""
    listed = json.loads((TESTS / "data" / "search_queries.json").read_text(encoding="utf-8"))
    heldout = json.loads((TESTS / "data" / "search_heldout.json").read_text(encoding="utf-8"))
    queries = [q["query"] for q in listed["queries"]]
    queries += [q["query"] for q in heldout["unanswerable"] + heldout["answerable"]]
    queries += ["livr", "form", "paiem", "mot de pa", "carte ble", "", "  ", "?!"]
    return list(dict.fromkeys(queries))


def bench_set() -> tuple[Library, list[str]]:
    corpus = _bench_corpus()
    library = corpus.library(BENCH_SIZE)
    return library, corpus.queries(library, BENCH_QUERIES)


def digest(result: SearchResult) -> str:
    """SHA-256 of everything a search gives back, hit by hit."""
    data = {
        "hits": [
            [
                h.id,
                h.page,
                h.section,
                h.question,
                h.score,
                h.snippet,
                list(h.terms),
                h.answered,
                list(h.missing),
                [list(m) for m in h.matched],
            ]
            for h in result.hits
        ],
        "suggestion": result.suggestion,
        "fuzzy": result.fuzzy,
        "explanation": result.explanation,
        "interpreted": result.interpreted,
        "corrected": result.corrected,
        "words": list(result.words),
        "uncovered": list(result.uncovered),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def answers(index: SearchIndex, queries: list[str]) -> Iterator[tuple[str, dict[str, object]]]:
    for query in queries:
        for correct in (True, False):
            result = index.search(query, LIMIT, correct=correct)
            key = query if correct else f"{query} [as typed]"
            yield key, {"ids": [h.id for h in result.hits], "digest": digest(result)}


def _compare(index: SearchIndex, queries: list[str], golden: dict[str, dict[str, object]]) -> None:
    changed = []
    for key, now in answers(index, queries):
        before = golden[key]
        if now != before:
            same_ids = now["ids"] == before["ids"]
            changed.append(f"{key!r}: {'same ids, other details' if same_ids else now['ids']}")
    assert not changed, changed


def test_the_wiki_queries_answer_as_before(tmp_path: Path) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    index = SearchIndex.open(wiki_library(), tmp_path)
    try:
        _compare(index, wiki_queries(), golden["wiki"])
    finally:
        index.close()


@pytest.mark.parametrize("cache", [True, False], ids=["on disk", "in memory"])
def test_the_benchmark_queries_answer_as_before(tmp_path: Path, cache: bool) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    library, queries = bench_set()
    index = SearchIndex.open(library, tmp_path if cache else None)
    try:
        _compare(index, queries, golden["bench"])
    finally:
        index.close()


def _write(folder: Path) -> None:
    out: dict[str, dict[str, dict[str, object]]] = {}
    index = SearchIndex.open(wiki_library(), folder / "wiki")
    out["wiki"] = dict(answers(index, wiki_queries()))
    index.close()
    library, queries = bench_set()
    index = SearchIndex.open(library, folder / "bench")
    out["bench"] = dict(answers(index, queries))
    index.close()
    GOLDEN.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        _write(Path(temp))
    print(f"written: {GOLDEN}", file=sys.stderr)

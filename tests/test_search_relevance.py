"""Relevance: the right question comes first for the kinds of queries farmers type.

The set (tests/data/search_queries.json) runs over the bundled page and the test wiki
(tests/data/wiki/pages). ``pytest -s`` prints success@1 and MRR per kind. The keyword
kinds came first; the everyday kinds (issue 7) are the questions no keyword engine
answers: typed in full, in the user's own words, by ear, or with two slips in one word.
They were written before the synonym list, the phonetic key and the question-word
weighting were tuned.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from reader.search import SearchIndex
from tests.search_support import TESTS, wiki_library

QUERIES = json.loads((TESTS / "data" / "search_queries.json").read_text(encoding="utf-8"))
KEYWORD_KINDS = (
    "question",
    "answer",
    "no_accents",
    "inflection",
    "typo",
    "capitals",
    "several_words",
)
EVERYDAY_KINDS = ("natural", "synonym", "phonetic", "two_typos")
KINDS = KEYWORD_KINDS + EVERYDAY_KINDS
# (overall, per kind) success@1 floors for each set (issue 13: they hold with the coverage,
# the keyword set at 0.98).
FLOORS = {KEYWORD_KINDS: (0.98, 0.85), EVERYDAY_KINDS: (0.80, 0.70)}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    built = SearchIndex.open(wiki_library(), tmp_path_factory.mktemp("index"))
    yield built
    built.close()


def test_the_query_set_is_big_enough_and_well_formed() -> None:
    library = wiki_library()
    queries = QUERIES["queries"]
    assert len(queries) >= 100
    assert sum(1 for q in queries if q["kind"] in EVERYDAY_KINDS) >= 60
    assert {q["kind"] for q in queries} == set(KINDS)
    assert len(library.pages) >= 4 and sum(1 for _ in library.questions()) >= 39
    for q in queries:
        assert library.question(q["expect"]) is not None, q


def test_success_at_1_and_mrr_per_kind(index: SearchIndex) -> None:
    ranks: dict[str, list[int | None]] = defaultdict(list)
    misses = []
    for q in QUERIES["queries"]:
        ids = [hit.id for hit in index.search(q["query"], limit=20).hits]
        rank = ids.index(q["expect"]) + 1 if q["expect"] in ids else None
        ranks[q["kind"]].append(rank)
        if rank != 1:
            misses.append(f"{q['kind']}: {q['query']!r} → rank {rank}, first {ids[:1]}")
    print("\nkind            n  success@1    MRR")
    for kinds in FLOORS:
        every: list[int | None] = []
        for kind in kinds:
            found = ranks[kind]
            every += found
            print(f"{kind:<14} {len(found):>2}  {_success(found):>9.2f}  {_mrr(found):>5.2f}")
        print(f"{'overall':<14} {len(every):>2}  {_success(every):>9.2f}  {_mrr(every):>5.2f}")
        print()
    for miss in misses:
        print("  miss:", miss)
    for kinds, (overall, per_kind) in FLOORS.items():
        every = [rank for kind in kinds for rank in ranks[kind]]
        assert _success(every) >= overall, (kinds, misses)
        for kind in kinds:
            assert _success(ranks[kind]) >= per_kind, (kind, misses)


def _success(ranks: list[int | None]) -> float:
    return sum(1 for r in ranks if r == 1) / len(ranks)


def _mrr(ranks: list[int | None]) -> float:
    return sum(1 / r for r in ranks if r) / len(ranks)


def test_the_test_wiki_is_dokuwiki_text() -> None:
    for path in (TESTS / "data" / "wiki" / "pages").rglob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("====== "), path
        assert "\n===== " in text and "\n==== " in text, path
    assert Path(TESTS / "data" / "wiki" / "pages" / "faq").is_dir()

"""The score table: each term's shares and the common words' sums worked out once when the
index is written, saved beside it, read back exactly, refused when it is not one, worked
out again from the index (never trusted) when its file does not parse, and ranking every
query exactly as adding up the shares at each search would (issue 17)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from reader.search import SearchIndex, synonyms
from reader.search import query as q
from reader.search.index import _passes
from reader.search.scores import SCORES, ScoreTable
from reader.search.scoring import Scorer
from reader.search.storage import write_manifest
from reader.search.tables import Tables
from reader.search.wordsums import TOP, word_sums
from tests.search_support import wiki_library
from tests.test_search_golden import bench_set, digest

QUERIES = ["livraison", "formation des producteurs", "paiement en ligne", "fromaiton", "kit"]


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory):
    index = SearchIndex.open(wiki_library(), tmp_path_factory.mktemp("cache"))
    yield index
    index.close()


def _table(index: SearchIndex) -> ScoreTable:
    scores = index._tables.scores
    assert scores is not None
    return scores


def test_the_saved_table_reads_back_exactly_what_was_worked_out(opened: SearchIndex) -> None:
    assert opened.folder is not None
    saved = ScoreTable.parse((opened.folder / SCORES).read_bytes())
    fresh = ScoreTable.compute(opened._engine)
    assert saved.to_bytes() == fresh.to_bytes()
    terms = [(f, t) for f, listed in fresh._directory for t, _ in listed]
    assert len(terms) > 500  # every term of the four scored fields
    for field, term in terms:
        ids, shares = saved.postings(field, term)
        assert list(ids) == list(opened._engine.postings(field, term)[0])
        assert len(shares) == len(ids) == saved.doc_frequency(field, term)
        assert all(share > 0 for share in shares)
    assert saved.postings("body", "topinambour") == (saved.postings("body", "x")[0], [])
    assert saved.doc_frequency("body", "topinambour") == 0


def _broken(data: bytes) -> list[bytes]:
    header = struct.Struct("<4sIIII")
    magic, version, live, total, size = header.unpack_from(data)
    return [
        b"",
        data[:10],
        data[:-1],  # a share cut short
        data + b"\x00" * 12,  # postings the directory does not list
        b"XXXX" + data[4:],
        header.pack(magic, version + 1, live, total, size) + data[header.size :],
        header.pack(magic, version, total + 1, total, size) + data[header.size :],
        header.pack(magic, version, live, total, size + 3) + data[header.size :],
        header.pack(magic, version, live, total, 2) + b"[]" + data[header.size + size :],
        header.pack(magic, version, live, total, 7) + b'[["x"]]' + data[header.size + size :],
        header.pack(magic, version, live, total, 4) + b"\xff\xfe[]" + data[header.size + size :],
    ]


def test_a_file_that_is_not_a_score_table_is_refused(opened: SearchIndex) -> None:
    data = _table(opened).to_bytes()
    for broken in _broken(data):
        with pytest.raises(ValueError):
            ScoreTable.parse(broken)
    assert ScoreTable.parse(data).to_bytes() == data


def test_a_score_table_that_does_not_parse_is_worked_out_again(tmp_path: Path) -> None:
    library = wiki_library()
    index = SearchIndex.open(library, tmp_path)
    before = {text: digest(index.search(text)) for text in QUERIES}
    folder, key = index.folder, index._key
    index.close()
    assert folder is not None
    # Vouched for by the manifest (as a bug could write it), yet not a table.
    (folder / SCORES).write_bytes(b"FRSC" + b"\x00" * 40)
    write_manifest(folder, key, sum(1 for _ in library.questions()))
    again = SearchIndex.open(library, tmp_path)
    try:
        assert again.folder == folder and again.warnings == []
        assert {text: digest(again.search(text)) for text in QUERIES} == before
    finally:
        again.close()


def test_tables_without_a_readable_score_table_keep_the_others() -> None:
    tables = Tables.parse(
        {"texts.json": b'{"a#b": "x"}', "forms.json": b"{}", "vocabulary.json": b"{}"}
    )
    assert tables.complete and tables.scores is None and tables.texts == {"a#b": "x"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    """The benchmark's generated corpus (its common words are many) and its queries."""
    library, queries = bench_set()
    index = SearchIndex.open(library, tmp_path_factory.mktemp("generated"))
    yield index, queries
    index.close()


def _plans(index: SearchIndex, texts: list[str]) -> list[q.Plan]:
    return [q.plan(t, index._known_terms, index._vocabulary, synonyms.load()) for t in texts]


def test_a_directory_that_does_not_match_the_table_is_refused(generated) -> None:
    index, _ = generated
    data = _table(index).to_bytes()
    header = struct.Struct("<4sIIII")
    magic, version, live, total, size = header.unpack_from(data)
    listed = json.loads(data[header.size : header.size + size])
    flat, n, k = listed["words"][0]
    for word in ([flat[:-1], n, k], [flat, n, -1], [flat, n], [flat, n + 1, k], [[1, 2], n, k]):
        changed = {**listed, "words": [word, *listed["words"][1:]]}
        raw = json.dumps(changed).encode()
        broken = header.pack(magic, version, live, total, len(raw)) + raw
        with pytest.raises(ValueError):
            ScoreTable.parse(broken + data[header.size + size :])


def test_a_common_word_keeps_the_sums_the_ranking_would_add(generated) -> None:
    index, _ = generated
    table = _table(index)
    assert len(table._words) > 50
    for pairs, count, best in table._words:
        parts = [table.postings(field, term) for field, term in pairs]
        for by_size in (True, False):
            ids, sums = table.word_sums(pairs, by_size) or ((), [])
            assert dict(zip(ids, sums, strict=True)) == word_sums(parts, by_size)
            assert len(ids) == count > TOP
        top = table.top(pairs)
        if top is None:  # too many tied with the TOP-th best
            assert best == 0
            continue
        kept = dict(zip(*top, strict=True))
        assert len(kept) == best >= TOP and list(top[1]) == sorted(top[1], reverse=True)
        others = [s for d, s in zip(*table.word_sums(pairs, True), strict=True) if d not in kept]
        assert not others or max(others) < min(kept.values())


def test_a_common_word_alone_ranks_its_kept_documents_as_all_of_them(generated) -> None:
    index, queries = generated
    kept = _table(index)
    everything = Scorer(ScoreTable.compute(index._engine))  # no common word kept
    assert everything._table._words == []
    position = index._positions().__getitem__
    used = 0
    for plan in _plans(index, sorted({w for query in queries for w in query.split()})):
        clauses = plan.usable
        if len(clauses) != 1 or len(clauses[0].options) != 1:
            continue
        used += kept.top(clauses[0].options[0].groups[0]) is not None
        for limit in (1, 10, 30, TOP - 1, TOP, 100):
            fast = index._scorer.rank(clauses, limit, True, position)
            assert fast == everything.rank(clauses, limit, True, position), (plan.text, limit)
    assert used >= 10


def test_the_kept_sums_rank_every_query_as_adding_up_the_shares(generated) -> None:
    index, queries = generated
    everything = Scorer(ScoreTable.compute(index._engine))
    position = index._positions().__getitem__
    for plan in _plans(index, queries):
        for clauses, require_all in _passes(plan.usable):
            fast = index._scorer.rank(clauses, 30, require_all, position)
            assert fast == everything.rank(clauses, 30, require_all, position), plan.text

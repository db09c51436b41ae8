"""Per-query cost of the reader's search against SQLite FTS5, side by side in one run.

Not a test. For each size (questions of the generated corpus, :mod:`corpus`), both indexes
are built once; then, round after round and in alternating order, a fresh process per
engine opens its index and runs the same queries once (the first pass: nothing cached,
as after a start). Each reports the CPU time per query (``time.process_time``: on a shared
machine, wall time is mostly other people's load), its peak memory (max RSS, the content
model included, as in the app) and the index's size on disk. The table gives, per size,
the median over the rounds and the ratio to FTS5.

    python bench/engine_bench.py --sizes 1000 10000 50000 --rounds 3

FTS5 is given the same corpus (title, answer as plain text, section and page title, with
the same column weights) and the query's words, and returns ids, scores and a snippet:
what the reader gives, minus typo tolerance, synonyms, coverage and highlighting by stem.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import corpus  # noqa: E402

LIMIT = 10
_SQL = (
    "SELECT id, bm25(faq, 3.0, 1.0, 0.4), snippet(faq, 2, '<mark>', '</mark>', '…', 24) "
    "FROM faq WHERE faq MATCH ? ORDER BY bm25(faq, 3.0, 1.0, 0.4) LIMIT ?"
)


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def _fts_match(text: str) -> str:
    return " ".join(f'"{w}"' for w in re.findall(r"[^\W_]+", text)[:12])


def build(size: int, work: Path) -> dict[str, float]:
    """Build both indexes of the corpus of ``size`` questions in ``work``."""
    from reader.search import SearchIndex
    from reader.search.snippets import plain_text

    library = corpus.library(size)
    t = time.process_time()
    SearchIndex.open(library, work / "app").close()
    app_cpu = time.process_time() - t  # the build process's CPU is not in here
    t = time.process_time()
    db = sqlite3.connect(work / "fts.sqlite")
    db.execute(
        "CREATE VIRTUAL TABLE faq USING fts5(id UNINDEXED, title, body, context, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.executemany(
        "INSERT INTO faq VALUES (?, ?, ?, ?)",
        [
            (
                q.id,
                q.title,
                plain_text(q.answer) if q.answered else "",
                f"{q.section_title} {p.title}",
            )
            for p in library.pages
            for q in p.questions()
        ],
    )
    db.commit()
    db.execute("INSERT INTO faq(faq) VALUES ('optimize')")
    db.commit()
    db.close()
    return {"app_open_cpu_s": app_cpu, "fts_build_cpu_s": time.process_time() - t}


def measure(engine: str, size: int, work: Path, count: int) -> dict[str, float]:
    """One fresh process: open the index, run every query once; CPU ms per query."""
    library = corpus.library(size)
    queries = corpus.queries(library, count)
    if engine == "app":
        from reader.search import SearchIndex

        index = SearchIndex.open(library, work / "app")
        assert not index.warnings, index.warnings

        def run(query: str) -> int:
            return len(index.search(query, LIMIT).hits)

        size_mb = _size_mb(index.folder or work / "app")
    else:
        db = sqlite3.connect(work / "fts.sqlite")

        def run(query: str) -> int:
            match = _fts_match(query)
            return len(db.execute(_SQL, (match, LIMIT)).fetchall()) if match else 0

        size_mb = _size_mb(work / "fts.sqlite")
    run("commande")  # the first query pays for opening (file reads, tables): not counted
    walls = []
    found = 0
    cpu = time.process_time()
    for query in queries:
        t = time.perf_counter()
        found += bool(run(query))
        walls.append(time.perf_counter() - t)
    cpu = time.process_time() - cpu
    return {
        "cpu_ms": cpu / len(queries) * 1000,
        "p50_ms": statistics.median(walls) * 1000,
        "peak_mb": _peak_mb(),
        "size_mb": size_mb,
        "found": found / len(queries),
    }


def update(size: int, work: Path) -> dict[str, float]:
    """One page's answers changed: its reindexing plus the first search after it."""
    from dataclasses import replace

    from reader.search import SearchIndex

    library = corpus.library(size)
    index = SearchIndex.open(library, work / "app")
    index.search("commande", LIMIT)
    page = library.pages[len(library.pages) // 2]
    changed = replace(
        page,
        sections=tuple(
            replace(
                s,
                questions=tuple(replace(q, answer=q.answer + " Mise à jour.") for q in s.questions),
            )
            for s in page.sections
        ),
    )
    new = replace(library, pages=tuple(changed if p is page else p for p in library.pages))
    t, cpu = time.perf_counter(), time.process_time()
    index.update_pages(new, [page.id])
    found = index.search("mise à jour", LIMIT).hits
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    assert found and not index.warnings, index.warnings
    return {"update_s": wall, "update_cpu_s": cpu}


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--step", nargs=3, help=argparse.SUPPRESS)  # build|app|fts|update SIZE DIR
    args = parser.parse_args()
    if args.step:
        step, size, work = args.step[0], int(args.step[1]), Path(args.step[2])
        if step in ("build", "update"):
            figures = build(size, work) if step == "build" else update(size, work)
        else:
            figures = measure(step, size, work, args.queries)
        print(json.dumps(figures))
        return 0
    rows = []
    for size in args.sizes:
        work = Path(tempfile.mkdtemp(prefix="bench-engine-"))
        try:
            built = _child("--step", "build", str(size), str(work))
            runs: dict[str, list[dict[str, float]]] = {"app": [], "fts": []}
            for n in range(args.rounds):
                order = ("app", "fts") if n % 2 == 0 else ("fts", "app")
                for engine in order:
                    step = ["--step", engine, str(size), str(work), "--queries"]
                    runs[engine].append(_child(*step, str(args.queries)))
            built.update(_child("--step", "update", str(size), str(work)))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        median = {
            engine: {k: statistics.median(r[k] for r in found) for k in found[0]}
            for engine, found in runs.items()
        }
        rows.append((size, median, built))
    print(
        f"{'questions':>9} {'engine':>6} {'CPU ms/query':>12} {'p50 ms':>7} {'peak MB':>8} "
        f"{'index MB':>9} {'with hits':>9}"
    )
    for size, median, _ in rows:
        for engine in ("fts", "app"):
            m = median[engine]
            print(
                f"{size:>9} {('FTS5' if engine == 'fts' else 'reader'):>6} {m['cpu_ms']:>12.2f} "
                f"{m['p50_ms']:>7.2f} {m['peak_mb']:>8.0f} {m['size_mb']:>9.1f} {m['found']:>9.0%}"
            )
        a, f = median["app"], median["fts"]
        print(
            f"{size:>9} {'ratio':>6} {a['cpu_ms'] / f['cpu_ms']:>11.2f}× "
            f"{a['p50_ms'] / f['p50_ms']:>6.2f}× {a['peak_mb'] / f['peak_mb']:>7.2f}× "
            f"{a['size_mb'] / f['size_mb']:>8.2f}×"
        )
    for size, _, built in rows:
        print(
            f"{size:>9} questions: one page reindexed + first search after it "
            f"{built['update_s']:.2f} s ({built['update_cpu_s']:.2f} s CPU)"
        )
    print(f"median of {args.rounds} rounds, {args.queries} queries, each engine in a fresh process")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

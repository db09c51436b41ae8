"""Search benchmark: the reader's Whoosh index against SQLite FTS5 on the same corpus.

Not a test. For each size it generates a French FAQ corpus with a fixed seed
(:mod:`corpus`) and, in a fresh subprocess per engine (so peak memory is each one's own),
measures: full build time, index size on disk, searcher open time, query latency p50 and
p95 with snippets over the same few hundred queries, peak memory (max RSS); for the
reader's index also the update of one changed page. Prints one table with the ratio to
FTS5.

    python bench/search_bench.py --sizes 1000 10000 50000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import corpus  # noqa: E402


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the parallel index writer)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def run_whoosh(size: int, nqueries: int) -> dict:
    from reader.search import SearchIndex
    from reader.search.documents import question_count

    lib = corpus.library(size)
    queries = corpus.queries(lib, nqueries)
    base_mb = _peak_mb()
    work = Path(tempfile.mkdtemp(prefix="bench-whoosh-"))
    try:
        t, cpu = time.perf_counter(), _cpu()
        index = SearchIndex.open(lib, work)
        build, build_cpu = time.perf_counter() - t, _cpu() - cpu
        assert not index.warnings, index.warnings
        index.close()
        size_bytes = _folder_size(work)
        opens = []
        for _ in range(5):
            t = time.perf_counter()
            index = SearchIndex.open(lib, work)
            opens.append(time.perf_counter() - t)
            index.close()
        index = SearchIndex.open(lib, work)
        for query in queries[:20]:
            index.search(query, 10)
        latencies, found = [], 0
        for query in queries:
            t = time.perf_counter()
            result = index.search(query, 10)
            latencies.append(time.perf_counter() - t)
            found += bool(result.hits)
        # Cold: no cached postings (each query reads everything it needs from the index).
        cold = []
        for query in queries:
            index._scorer.clear_cache()
            t = time.perf_counter()
            index.search(query, 10)
            cold.append(time.perf_counter() - t)
        # One page changed: a new answer for each of its questions.
        page = lib.pages[len(lib.pages) // 2]
        changed = replace(
            page,
            sections=tuple(
                replace(
                    s,
                    questions=tuple(
                        replace(q, answer=q.answer + " Mise à jour.") for q in s.questions
                    ),
                )
                for s in page.sections
            ),
        )
        lib2 = replace(lib, pages=tuple(changed if p is page else p for p in lib.pages))
        t = time.perf_counter()
        index.update_pages(lib2, [page.id])
        update = time.perf_counter() - t
        assert not index.in_memory and index.warnings == [], index.warnings
        assert index.search("mise à jour", 5).hits
        index.close()
        return {
            "questions": question_count(lib),
            "build_s": build,
            "build_cpu_s": build_cpu,
            "size_mb": size_bytes / 1e6,
            "p95_cold_ms": _percentile(cold, 95) * 1000,
            "open_ms": statistics.median(opens) * 1000,
            "p50_ms": _percentile(latencies, 50) * 1000,
            "p95_ms": _percentile(latencies, 95) * 1000,
            "peak_mb": _peak_mb(),
            "base_mb": base_mb,
            "update_s": update,
            "found": found / len(queries),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


ADDITIONS = ("filler", "synonyms", "phonetic", "two_edits")


def _switch_off(addition: str) -> None:
    """Turn one issue-7 addition off in this process (to measure what it costs)."""
    from reader.search import query

    if addition == "filler":
        query.is_filler = lambda folded: False
    elif addition == "synonyms":
        query.synonyms.load = lambda path=None: {}
    elif addition == "phonetic":
        query.Vocabulary.sounding_like = lambda self, word: []
    elif addition == "two_edits":
        query.Vocabulary.correct2 = lambda self, word: None


def everyday_queries(queries: list[str]) -> list[str]:
    """The keyword queries as farmers also type them: in full, in their words, by ear."""
    frames = ("comment je fais pour {}", "est-ce que je peux {}", "{}", "{} svp")
    by_ear = {"qu": "k", "ss": "s", "tion": "ssion", "ai": "é", "mm": "m", "nn": "n"}
    out = []
    for n, query in enumerate(queries):
        text = frames[n % len(frames)].format(query)
        if n % 3 == 0:
            for written, heard in by_ear.items():
                text = text.replace(written, heard)
        if n % 5 == 0:
            text += " carte bleue" if n % 2 else " colis fermier"
        out.append(text)
    return out


def run_additions(size: int, nqueries: int) -> dict:
    """p95 of the everyday queries with everything on, and with each addition off."""
    from reader.search import SearchIndex

    lib = corpus.library(size)
    work = Path(tempfile.mkdtemp(prefix="bench-additions-"))
    try:
        SearchIndex.open(lib, work).close()
        out = {}
        for off in (None, *ADDITIONS):
            code = (
                "import json, sys, time; sys.path[:0] = sys.argv[1:3]; import search_bench as b; "
                "from reader.search import SearchIndex; import corpus; from pathlib import Path\n"
                "off = sys.argv[3]\n"
                "if off != '-': b._switch_off(off)\n"
                "lib = corpus.library(int(sys.argv[4]))\n"
                "qs = b.everyday_queries(corpus.queries(lib, int(sys.argv[5])))\n"
                "ix = SearchIndex.open(lib, Path(sys.argv[6]))\n"
                "for q in qs[:20]: ix.search(q, 10)\n"
                "lat = []; found = 0\n"
                "for q in qs:\n"
                "    t = time.perf_counter(); r = ix.search(q, 10)\n"
                "    lat.append(time.perf_counter() - t)\n"
                "    found += bool(r.hits)\n"
                "print(json.dumps({'p50': b._percentile(lat, 50) * 1000, "
                "'p95': b._percentile(lat, 95) * 1000, 'found': found / len(qs)}))\n"
            )
            args = [str(HERE), str(HERE.parent), off or "-", str(size), str(nqueries), str(work)]
            result = subprocess.run(
                [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
            )
            out[off or "all"] = json.loads(result.stdout.strip().splitlines()[-1])
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def additions_table(size: int, nqueries: int, fts_p95: float) -> str:
    """What each addition costs per query (p95 with it minus p95 without it)."""
    figures = run_additions(size, nqueries)
    every = figures["all"]
    lines = [
        f"everyday queries at {size} questions (same keyword queries, typed in full, in "
        f"everyday words, by ear): p50 {every['p50']:.2f} ms, p95 {every['p95']:.2f} ms "
        f"({every['p95'] / fts_p95:.1f}× FTS5's keyword p95), with hits {every['found']:.0%}"
    ]
    for addition in ADDITIONS:
        off = figures[addition]
        cost95, cost50 = every["p95"] - off["p95"], every["p50"] - off["p50"]
        lines.append(
            f"  {addition:<10} p95 without {off['p95']:.2f} ms → cost {cost95:+.2f} ms p95, "
            f"{cost50:+.2f} ms p50; hits without {off['found']:.0%}"
        )
    return "\n".join(lines)


def _fts_query(text: str) -> str:
    import re

    words = re.findall(r"[^\W_]+", text)
    return " ".join(f'"{w}"' for w in words[:12])


def run_fts5(size: int, nqueries: int) -> dict:
    from reader.search.snippets import plain_text

    lib = corpus.library(size)
    queries = corpus.queries(lib, nqueries)
    base_mb = _peak_mb()
    work = Path(tempfile.mkdtemp(prefix="bench-fts5-"))
    path = work / "fts.sqlite"
    try:
        t, cpu = time.perf_counter(), _cpu()
        db = sqlite3.connect(path)
        db.execute(
            "CREATE VIRTUAL TABLE faq USING fts5(id UNINDEXED, title, body, context, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        rows = []
        for page in lib.pages:
            for q in page.questions():
                rows.append(
                    (
                        q.id,
                        q.title,
                        plain_text(q.answer) if q.answered else "",
                        f"{q.section_title} {page.title}",
                    )
                )
        db.executemany("INSERT INTO faq VALUES (?, ?, ?, ?)", rows)
        db.commit()
        db.execute("INSERT INTO faq(faq) VALUES ('optimize')")
        db.commit()
        db.close()
        build, build_cpu = time.perf_counter() - t, _cpu() - cpu
        size_bytes = path.stat().st_size
        sql = (
            "SELECT id, bm25(faq, 3.0, 1.0, 0.4), snippet(faq, 2, '<mark>', '</mark>', '…', 24) "
            "FROM faq WHERE faq MATCH ? ORDER BY bm25(faq, 3.0, 1.0, 0.4) LIMIT 10"
        )
        opens = []
        for _ in range(5):
            t = time.perf_counter()
            db = sqlite3.connect(path)
            db.execute(sql, ('"commande"',)).fetchall()
            opens.append(time.perf_counter() - t)
            db.close()
        db = sqlite3.connect(path)
        for query in queries[:20]:
            db.execute(sql, (_fts_query(query),)).fetchall()
        latencies, found = [], 0
        for query in queries:
            t = time.perf_counter()
            match = _fts_query(query)
            rows = db.execute(sql, (match,)).fetchall() if match else []
            latencies.append(time.perf_counter() - t)
            found += bool(rows)
        db.close()
        return {
            "questions": sum(1 for _ in lib.questions()),
            "build_s": build,
            "build_cpu_s": build_cpu,
            "p95_cold_ms": None,
            "size_mb": size_bytes / 1e6,
            "open_ms": statistics.median(opens) * 1000,
            "p50_ms": _percentile(latencies, 50) * 1000,
            "p95_ms": _percentile(latencies, 95) * 1000,
            "peak_mb": _peak_mb(),
            "base_mb": base_mb,
            "update_s": None,
            "found": found / len(queries),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


COLUMNS = [
    ("build_s", "build s", "{:.2f}"),
    ("build_cpu_s", "build CPU s", "{:.2f}"),
    ("size_mb", "size MB", "{:.1f}"),
    ("open_ms", "open ms", "{:.1f}"),
    ("p50_ms", "p50 ms", "{:.2f}"),
    ("p95_ms", "p95 ms", "{:.2f}"),
    ("p95_cold_ms", "p95 cold ms", "{:.2f}"),
    ("peak_mb", "peak MB", "{:.0f}"),
    ("update_s", "update 1 page s", "{:.2f}"),
    ("found", "queries with hits", "{:.0%}"),
]


def _cell(value, fmt: str) -> str:
    return "-" if value is None else fmt.format(value)


def bundled_figures(repeats: int = 5) -> str:
    """The bundled FAQ: query p50/p95 in process, and process start → first result."""
    from reader.search import SearchIndex
    from tests.search_support import bundled_library

    listed = json.loads(
        (HERE.parent / "tests" / "data" / "search_queries.json").read_text(encoding="utf-8")
    )["queries"]
    queries = [q["query"] for q in listed]
    # The queries that look for the bundled page (the others are about the test wiki: on
    # the bundled page they find nothing and go through every fallback).
    aimed = {q["query"] for q in listed if str(q["expect"]).startswith("faq-kit-durgence#")}
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    try:
        index = SearchIndex.open(bundled_library(), home / "index")
        latencies = []
        aimed_latencies = []
        for _ in range(repeats):
            for query in queries:
                t = time.perf_counter()
                index.search(query, 10)
                latencies.append(time.perf_counter() - t)
                if query in aimed:
                    aimed_latencies.append(latencies[-1])
        index.close()
        env = {**os.environ, "FAQ_READER_HOME": str(home)}
        command = [sys.executable, "-m", "reader", "search", "formation", "--json"]
        subprocess.run(command, cwd=HERE.parent, env=env, check=True, capture_output=True)
        starts = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run(command, cwd=HERE.parent, env=env, check=True, capture_output=True)
            starts.append(time.perf_counter() - t)
        return (
            f"bundled FAQ, its own {len(aimed)} queries × {repeats}: "
            f"p50 {_percentile(aimed_latencies, 50) * 1000:.2f} ms, "
            f"p95 {_percentile(aimed_latencies, 95) * 1000:.2f} ms (target < 5 ms); "
            f"all {len(queries)} queries × {repeats}: "
            f"p50 {_percentile(latencies, 50) * 1000:.2f} ms, "
            f"p95 {_percentile(latencies, 95) * 1000:.2f} ms; "
            f"`faq-reader search formation --json`, start to exit (cache built): "
            f"median {statistics.median(starts) * 1000:.0f} ms"
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled FAQ line")
    parser.add_argument(
        "--no-additions", action="store_true", help="skip the cost of each everyday addition"
    )
    parser.add_argument("--worker", choices=["whoosh", "fts5"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run = run_whoosh if args.worker == "whoosh" else run_fts5
        print(json.dumps(run(args.size, args.queries)))
        return 0
    header = ["questions", "engine", *(title for _, title, _ in COLUMNS)]
    lines = [header]
    notes: list[str] = []
    for size in args.sizes:
        figures = {}
        for engine in ("fts5", "whoosh"):
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    engine,
                    "--size",
                    str(size),
                    "--queries",
                    str(args.queries),
                ],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ},
            ).stdout
            figures[engine] = json.loads(out.strip().splitlines()[-1])
        w, f = figures["whoosh"], figures["fts5"]
        lines.append([str(size), "FTS5", *(_cell(f[k], fmt) for k, _, fmt in COLUMNS)])
        lines.append([str(size), "reader", *(_cell(w[k], fmt) for k, _, fmt in COLUMNS)])
        ratio = []
        for key, _, _ in COLUMNS:
            ok = key != "found" and w[key] is not None and f[key] is not None and f[key]
            ratio.append(f"{w[key] / f[key]:.1f}×" if ok else "-")
        lines.append([str(size), "ratio", *ratio])
        if not args.no_additions:
            notes.append(additions_table(size, args.queries, f["p95_ms"]))
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    for row in lines:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    for note in notes:
        print(note)
    if not args.no_bundled:
        print(bundled_figures())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

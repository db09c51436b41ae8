"""Benchmark: a FAQ page linking to 200 wiki pages (10,000 sections), from a loopback DokuWiki.

    python bench/links_bench.py [--pages 200] [--headings 50] [--runs 5]

Debian's DokuWiki on php -S (the project's ``tools/dokuwiki/start-dokuwiki.sh``) is seeded
with one FAQ page whose answers link to ``--pages`` pages of ``--headings`` headings each
(ten sections of four sub-headings, generated French text). Then:

1. first refresh into an empty user folder, the search index included (target ≤ 30 s);
2. the same again, nothing changed on the wiki (no target: what a daily refresh costs);
3. the same after one linked page was edited on the wiki (target ≤ 3 s);
4. with those pages held: loading the content in a fresh process (what the window does
   after its first paint), and the window itself to its first paint and to its tree
   filled (offscreen, or the X server of ``DISPLAY``), against the bundled FAQ alone;
5. search latency over 300 queries on the index the refresh built (p50, p95, warm).

Each figure is wall time and CPU time (this process and its children: the machine may be
shared, and CPU time says what the reader itself spent). Not a test: no assertion.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import corpus  # noqa: E402
from refresh_bench import edit, start, stop  # noqa: E402

REPO = HERE.parent


def cpu() -> float:
    """CPU seconds of this process and its finished children."""
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(label: str, target: float | None, func: Callable[[], object]) -> object:
    wall, used = time.perf_counter(), cpu()
    result = func()
    wall, used = time.perf_counter() - wall, cpu() - used
    verdict = (
        ""
        if target is None
        else f", target ≤ {target:g} s: " + ("OK" if wall <= target else "TOO SLOW")
    )
    print(f"{label:<56} {wall:7.2f} s wall  {used:6.2f} s CPU{verdict}")
    return result


# -- the wiki -------------------------------------------------------------------------------
def _text(rng: random.Random, subject: str) -> str:
    """A paragraph of the corpus, its bullets in DokuWiki's syntax."""
    return corpus._answer(rng, subject).replace("\n* ", "\n  * ")


def doc_text(n: int, headings: int, rng: random.Random) -> str:
    """A documentation page: a title, then sections of four sub-headings each."""
    topic = rng.choice(corpus.SUBJECTS)
    lines = [f"====== Documentation {n:03d} : {topic} ======", "", _text(rng, topic), ""]
    for s in range(max(1, headings // 5)):
        lines += [f"===== {topic.capitalize()} : partie {s + 1} =====", "", _text(rng, topic), ""]
        for q in range(4):
            subject = rng.choice(corpus.SUBJECTS)
            title = corpus._question_title(rng, subject)
            lines += [f"==== {title} ({s + 1}.{q + 1}) ====", "", _text(rng, subject), ""]
    return "\n".join(lines) + "\n"


def faq_text(pages: int) -> str:
    lines = ["====== FAQ ======", "", "===== Les pages du wiki =====", ""]
    for n in range(pages):
        lines += [
            f"==== Où lire la documentation n°{n} ? ====",
            "",
            f"Dans [[doc:p{n:03d}|la documentation {n}]].",
            "",
        ]
    return "\n".join(lines) + "\n"


def seed(folder: Path, pages: int, headings: int) -> None:
    rng = random.Random(11)
    (folder / "pages" / "doc").mkdir(parents=True)
    (folder / "pages" / "faq.txt").write_text(faq_text(pages), encoding="utf-8")
    for n in range(pages):
        text = doc_text(n, headings, rng)
        (folder / "pages" / "doc" / f"p{n:03d}.txt").write_text(text, encoding="utf-8")


# -- the window and search with the pages held ------------------------------------------------
WINDOW = r"""
import os, sys, time
start = float(sys.argv[1])
from reader.paths import Paths
from reader.ui.app import create_application, create_window
paths = Paths.from_environment()
app = create_application([], paths)
window = create_window(app, paths)
def painted():
    print(f"painted {time.time() - start:.3f}", flush=True)
def loaded():
    print(f"loaded {time.time() - start:.3f}", flush=True)
    os._exit(0)
window.firstPainted.connect(painted)
window.contentLoaded.connect(loaded)
app.exec()
"""

LOAD = r"""
import sys, time
start = time.perf_counter()
from reader.content.library import load_library
from reader.paths import Paths
loaded = load_library(Paths.from_environment())
print(f"{time.perf_counter() - start:.3f} {len(loaded.library.pages)} "
      f"{sum(1 for _ in loaded.library.questions())}")
"""


def child(code: str, home: Path, *args: str) -> tuple[str, float]:
    """Run ``code`` in a fresh Python on the user folder ``home``: its output and the CPU
    seconds it used."""
    env = dict(os.environ, FAQ_READER_HOME=str(home), PYTHONPATH=str(REPO))
    if not env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return out, usage.ru_utime + usage.ru_stime


def startup(home: Path, runs: int) -> None:
    child(LOAD, home)  # the page cache and the disk cache warm, as on a second start
    loads, paints, fills, used = [], [], [], []
    for _ in range(runs):
        out, _ = child(LOAD, home)
        loads.append(float(out.split()[0]))
        out, seconds = child(WINDOW, home, str(time.time()))
        values = dict(line.split() for line in out.splitlines())
        paints.append(float(values["painted"]))
        fills.append(float(values["loaded"]))
        used.append(seconds)
    median = statistics.median
    print(
        f"  content loaded in a fresh process: median {median(loads):.2f} s; window: first "
        f"paint {median(paints):.2f} s, tree filled {median(fills):.2f} s "
        f"(process CPU to then {median(used):.2f} s)"
    )


def search(home: Path, queries: int) -> None:
    os.environ["FAQ_READER_HOME"] = str(home)
    from reader.content.library import load_library
    from reader.paths import Paths
    from reader.search import SearchIndex

    paths = Paths.from_environment()
    library = load_library(paths).library
    wall = time.perf_counter()
    index = SearchIndex.open(library, paths.index_dir)
    opened = time.perf_counter() - wall
    asked = corpus.queries(library, queries)
    for query in asked[:20]:
        index.search(query, 10)
    latencies = []
    for query in asked:
        wall = time.perf_counter()
        index.search(query, 10)
        latencies.append(time.perf_counter() - wall)
    index.close()
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p95 = latencies[int(len(latencies) * 0.95)] * 1000
    print(
        f"  search over {sum(1 for _ in library.questions())} entries: index opened in "
        f"{opened * 1000:.0f} ms; {len(asked)} queries p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--headings", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5, help="start-ups measured")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="faq-reader-links-bench-"))
    home = tmp / "home"
    os.environ["FAQ_READER_HOME"] = str(home)
    from reader.paths import Paths
    from reader.sync.refresh import refresh
    from reader.sync.sources import Following, Sources

    try:
        seed(tmp / "seed", args.pages, args.headings)
        wall = time.perf_counter()
        url, workdir, port = start(tmp / "seed")
        seeding = time.perf_counter() - wall
        print(f"(seeding {args.pages + 1} pages into DokuWiki took {seeding:.1f} s)")
        try:
            sources = Sources(url, ("faq",), Following(max_pages=args.pages))
            paths = Paths.under(home)

            def run() -> object:
                return refresh(sources, paths)

            sections = args.pages * (args.headings // 5) * 5
            summary = timed(
                f"{args.pages} linked pages / {sections} sections, first refresh", 30.0, run
            )
            held = sum(1 for p in summary.linked if p.status == "added")  # type: ignore[attr-defined]
            print(f"  ({held} linked pages held, {len(summary.left_out)} left out)")  # type: ignore[attr-defined]
            timed("same, nothing changed on the wiki", None, run)
            text = (tmp / "seed" / "pages" / "doc" / "p007.txt").read_text(encoding="utf-8")
            edit(workdir, "doc:p007", text + "\n===== Nouveauté =====\n\nUne partie ajoutée.\n")
            summary = timed("same, one linked page edited on the wiki", 3.0, run)
            changed = [p.page_id for p in summary.linked if p.status == "changed"]  # type: ignore[attr-defined]
            print(f"  (changed: {changed})")
        finally:
            stop(workdir, port)

        print("Start-up with the linked pages held:")
        startup(home, args.runs)
        print("Start-up with the bundled FAQ alone:")
        startup(tmp / "empty-home", args.runs)
        print("Search with the linked pages held:")
        search(home, 300)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

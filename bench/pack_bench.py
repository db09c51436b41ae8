"""Benchmark: content packs, export and import, time and memory.

    python bench/pack_bench.py [--pages 200] [--questions 50] [--media-mib 20 200] [--repeat 3]

1. A content set of N generated DokuWiki pages of Q questions each (``content_bench``'s
   pages: French FAQ text, links, lists, tables), committed as a refresh commits it, is
   exported with ``faq-reader pack export`` (a fresh process): target ≤ 10 s.
2. The pack is imported into an empty home with ``faq-reader pack import`` (cold page
   cache: every page converted, the index built), then searched once with
   ``faq-reader search``: target ≤ 10 s for the two together. Then where the import's
   time goes: when each of its steps (verify, write, index, commit) ended.
3. Memory: the same pages plus M MiB of media (PDF-like random bytes, stored, and
   ``.bin`` ones, deflated), for each M given: the peak RSS of the ``pack info`` process
   (the verification alone) and of the ``pack import`` process (the index is built in
   a child process for big libraries: its peak is shown apart). Flat memory means the
   figures do not grow with M.

Timings are the best of ``--repeat`` runs, wall time with the CPU time beside it (the
process's and its children's: the CPU time says more than the wall time on a shared
machine). Not a test: no assertion on time.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATE = "2026-06-01T09:30:00Z"
# Run in a fresh process: one command, then its own peak RSS and CPU and its children's.
MEASURE = """
import resource, sys
from reader.cli import main
code = main(sys.argv[1:])
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(f"MEASURE {me.ru_maxrss} {kids.ru_maxrss} {cpu}", file=sys.stderr)
raise SystemExit(code)
"""
# Run in a fresh process: an import, printing when each of its steps ended.
PHASES = """
import sys, time
from pathlib import Path
from reader.packs.importer import import_pack
from reader.paths import Paths
start, ends = time.perf_counter(), {}
def progress(p):
    ends[p.step] = time.perf_counter() - start
import_pack(Path(sys.argv[1]), Paths.under(Path(sys.argv[2])), progress=progress)
ends["end"] = time.perf_counter() - start
print(" ".join(f"{k} {v:.2f}" for k, v in ends.items()))
"""


@dataclass(frozen=True)
class Run:
    """One command in a fresh process: wall time, CPU time (its children's included), peak
    RSS of the process and of its biggest child (KiB)."""

    wall: float
    cpu: float
    rss: int
    child_rss: int


def make_home(home: Path, pages: int, questions: int, media_mib: int) -> None:
    """A home whose current content set holds the generated pages and media."""
    from bench.content_bench import page_text
    from reader.content.manifest import Manifest, MediaEntry, PageEntry, page_path, write_manifest
    from reader.content.store import UserStore
    from reader.fsutil import sha256_bytes

    store = UserStore(home / "data")
    staged = store.stage()
    rng = random.Random(42)
    entries, media = [], []
    for n in range(pages):
        page_id = f"faq:gen{n:05d}"
        data = page_text(rng, n, questions).encode("utf-8")
        path = staged / page_path(page_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entries.append(PageEntry(page_id, page_path(page_id), sha256_bytes(data), "", DATE))
    noise = random.Random(7)
    for n in range(0, media_mib, 10):  # 10 MiB files, every other one deflated
        media_id = f"docs:fiche{n:04d}.{'pdf' if n % 20 == 0 else 'bin'}"
        data = noise.randbytes(10 * 1024 * 1024)
        path = staged / "media" / media_id.replace(":", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        media.append(
            MediaEntry(media_id, f"media/{media_id.replace(':', '/')}", sha256_bytes(data))
        )
    manifest = Manifest("https://wiki.example/", tuple(entries), tuple(media), DATE)
    write_manifest(staged, manifest)
    store.commit(staged)


def cli(home: Path, *args: str) -> Run:
    """``faq-reader ARGS`` with ``FAQ_READER_HOME=home``, measured."""
    env = dict(os.environ, FAQ_READER_HOME=str(home), PYTHONPATH=str(REPO))
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"faq-reader {' '.join(args)} failed: {result.stderr}")
    measure = next(line for line in result.stderr.splitlines() if line.startswith("MEASURE "))
    rss, child_rss, cpu = measure.split()[1:]
    return Run(elapsed, float(cpu), int(rss), int(child_rss))


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def line(label: str, run: Run | None = None, note: str = "") -> None:
    figures = f"{run.wall:6.2f} s (CPU {run.cpu:5.2f} s)" if run else " " * 22
    print(f"{label:<46} {figures}  {note}".rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--media-mib", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the timings")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="faq-reader-pack-bench-"))
    total = args.pages * args.questions
    try:
        village = tmp / "village"
        make_home(village, args.pages, args.questions, 0)
        pack = tmp / "contenu.faqpack"
        exports = [cli(village, "pack", "export", str(pack)) for _ in range(args.repeat)]
        size = pack.stat().st_size / 2**20
        line(f"export, {args.pages} pages / {total} questions", best(exports), f"{size:.1f} MiB")
        imports, searches = [], []
        for n in range(args.repeat):  # each into an empty home: every page converted, indexed
            farm = tmp / f"farm{n}"
            imports.append(cli(farm, "pack", "import", str(pack)))
            searches.append(cli(farm, "search", "livraison", "--json"))
        pairs = [
            Run(i.wall + s.wall, i.cpu + s.cpu, 0, 0)
            for i, s in zip(imports, searches, strict=True)
        ]
        line("import into an empty home", best(imports), f"peak RSS {best(imports).rss >> 10} MiB")
        line("first search after it", best(searches))
        line("import + first search", best(pairs), "target ≤ 10 s")
        env = dict(os.environ, PYTHONPATH=str(REPO))
        phases = subprocess.run(
            [sys.executable, "-c", PHASES, str(pack), str(tmp / "farm-phases")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        ends = dict(zip(phases[::2], map(float, phases[1::2]), strict=True))
        print(
            "  import's steps, ended at (s): " + ", ".join(f"{k} {v:.2f}" for k, v in ends.items())
        )
        for media_mib in args.media_mib:
            home = tmp / f"village-{media_mib}"
            make_home(home, args.pages, args.questions, media_mib)
            big = tmp / f"contenu-{media_mib}.faqpack"
            exported = cli(home, "pack", "export", str(big))
            size = big.stat().st_size / 2**20
            line(f"export with {media_mib} MiB of media", exported, f"{size:.0f} MiB pack")
            checked = cli(tmp / f"reader-{media_mib}", "pack", "info", str(big))
            line("  pack info (the verification)", checked, f"peak RSS {checked.rss >> 10} MiB")
            imported = cli(tmp / f"farm-{media_mib}", "pack", "import", str(big))
            note = f"peak RSS {imported.rss >> 10} MiB (index process {imported.child_rss >> 10})"
            line("  pack import", imported, note)
            shutil.rmtree(home)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

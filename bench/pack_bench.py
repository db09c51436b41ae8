"""Benchmark: content packs, export and import, time and memory.

    python bench/pack_bench.py [--pages 200] [--questions 50] [--media-mib 20 200]

1. A content set of N generated DokuWiki pages of Q questions each (``content_bench``'s
   pages: French FAQ text, links, lists, tables), committed as a refresh commits it, is
   exported with ``faq-reader pack export`` (a fresh process, wall time): target ≤ 10 s.
2. The pack is imported into an empty home with ``faq-reader pack import`` (cold page
   cache: every page converted, the index built), then searched once with
   ``faq-reader search``: target ≤ 10 s for the two together.
3. Memory: the same pages plus M MiB of media (PDF-like random bytes, stored, and
   ``.bin`` ones, deflated), for each M given: the peak RSS of the ``pack info`` process
   (the verification alone) and of the ``pack import`` process (the index is built in
   a child process for big libraries: its peak is shown apart). Flat memory means the
   figures do not grow with M.

Prints one line per measure. Not a test: no assertion on time.
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATE = "2026-06-01T09:30:00Z"
MEASURE = """
import resource, sys
from reader.cli import main
code = main(sys.argv[1:])
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"RSS {me} {children}", file=sys.stderr)
raise SystemExit(code)
"""


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


def cli(home: Path, *args: str) -> tuple[float, int, int]:
    """Wall time of ``faq-reader ARGS`` in a fresh process, its peak RSS and its
    children's (KiB)."""
    env = dict(os.environ, FAQ_READER_HOME=str(home), PYTHONPATH=str(REPO))
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"faq-reader {' '.join(args)} failed: {result.stderr}")
    rss = next(line for line in result.stderr.splitlines() if line.startswith("RSS "))
    me, children = (int(x) for x in rss.split()[1:])
    return elapsed, me, children


def line(label: str, seconds: float | None = None, note: str = "") -> None:
    value = f"{seconds:7.2f} s" if seconds is not None else " " * 9
    print(f"{label:<64} {value}  {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--media-mib", type=int, nargs="+", default=[20, 200])
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="faq-reader-pack-bench-"))
    total = args.pages * args.questions
    try:
        village = tmp / "village"
        make_home(village, args.pages, args.questions, 0)
        pack = tmp / "contenu.faqpack"
        seconds, _, _ = cli(village, "pack", "export", str(pack))
        size = pack.stat().st_size / 2**20
        line(f"export, {args.pages} pages / {total} questions", seconds, f"{size:.1f} MiB pack")
        farm = tmp / "farm"
        imported, rss, child = cli(farm, "pack", "import", str(pack))
        searched, _, _ = cli(farm, "search", "livraison", "--json")
        line("import into an empty home", imported, f"peak RSS {rss // 1024} MiB")
        line("first search after it", searched)
        line("import + first search", imported + searched, "(target ≤ 10 s)")
        for media_mib in args.media_mib:
            home = tmp / f"village-{media_mib}"
            make_home(home, args.pages, args.questions, media_mib)
            big = tmp / f"contenu-{media_mib}.faqpack"
            exported, _, _ = cli(home, "pack", "export", str(big))
            size = big.stat().st_size / 2**20
            line(f"export with {media_mib} MiB of media", exported, f"{size:.0f} MiB pack")
            checked, rss, _ = cli(tmp / f"reader-{media_mib}", "pack", "info", str(big))
            line(
                f"  pack info (verification), {size:.0f} MiB pack",
                checked,
                f"peak RSS {rss // 1024} MiB",
            )
            imported, rss, child = cli(tmp / f"farm-{media_mib}", "pack", "import", str(big))
            note = f"peak RSS {rss // 1024} MiB (index build process: {child // 1024} MiB)"
            line(f"  pack import, {size:.0f} MiB pack", imported, note)
            shutil.rmtree(home)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

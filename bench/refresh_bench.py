"""Benchmark: refresh from a loopback DokuWiki (Debian's package, php -S).

    python bench/refresh_bench.py [--pages 200] [--questions 50] [--dense 2542]

1. the bundled page (edited on the wiki, so the refresh really commits): target < 1 s;
2. N pages of Q questions each, first refresh into an empty user folder: target < 30 s;
3. the same after one page was edited on the wiki: target < 3 s;
4. one dense page of about 3.9 MB (``--dense`` questions), refreshed by the real command
   in a fresh process into an empty user folder: wall time and peak memory (target ≤ 5 s).
Reindex included in every figure. Uses the project's tools/dokuwiki/start-dokuwiki.sh.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

START = REPO / "tools" / "dokuwiki" / "start-dokuwiki.sh"
STOP = REPO / "tools" / "dokuwiki" / "stop-dokuwiki.sh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(seed: Path) -> tuple[str, Path, int]:
    port = free_port()
    workdir = Path(f"/tmp/faq-reader-bench-dw-{port}")
    out = subprocess.run(
        ["bash", str(START), "-p", str(port), "-s", str(seed), "-w", str(workdir)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    url = next(
        line.split("=", 1)[1] for line in out.splitlines() if line.startswith("DOKUWIKI_URL=")
    )
    return url, workdir, port


def stop(workdir: Path, port: int) -> None:
    subprocess.run(["bash", str(STOP), "-p", str(port), "-w", str(workdir)], capture_output=True)


def edit(workdir: Path, page_id: str, text: str) -> None:
    source = workdir / "bench-edit.txt"
    source.write_text(text, encoding="utf-8")
    time.sleep(1.1)  # revision ids are unix seconds
    subprocess.run(
        [
            "php",
            "-d",
            f"auto_prepend_file={workdir}/prepend.php",
            "-d",
            "date.timezone=UTC",
            "/usr/share/dokuwiki/bin/dwpage.php",
            "-u",
            "admin",
            "commit",
            "-m",
            "bench",
            str(source),
            page_id,
        ],
        check=True,
        capture_output=True,
    )


def page_text(n: int, questions: int) -> str:
    lines = [f"====== FAQ n°{n} ======", "", "Une page de test.", ""]
    per_section = 10
    for q in range(questions):
        if q % per_section == 0:
            lines += [f"===== Thème {q // per_section} de la page {n} =====", ""]
        lines += [
            f"==== Question {q} de la page {n} : comment livrer les paniers ? ====",
            "",
            f"Réponse {q} : les **producteurs** livrent au point de retrait, voir "
            f"[[faq:p{(n + 1):03d}|la page suivante]].",
            "",
            "  * premier point",
            "  * second point",
            "",
        ]
    return "\n".join(lines) + "\n"


def dense_text(questions: int) -> str:
    """One page of ``questions`` questions, each with a long answer (about 1.5 KB each)."""
    import random

    rng = random.Random(3)
    words = ["producteur", "panier", "livraison", "commande", "paiement", "retrait", "stock"]
    lines = ["====== Grande FAQ ======", ""]
    for n in range(questions):
        if n % 20 == 0:
            lines += [f"===== Thème {n // 20} =====", ""]
        lines += [f"==== Question {n} : comment gérer le {rng.choice(words)} ? ====", ""]
        sentence = "Le **{}** se règle dans l'onglet //{}// [[faq:p{}|voir]]."
        answer = (sentence.format(*rng.sample(words, 2), rng.randrange(50)) for _ in range(21))
        lines += [" ".join(answer), ""]
    return "\n".join(lines) + "\n"


_MEASURED_CLI = """
import resource, runpy, sys
sys.argv = ["faq-reader", *sys.argv[1:]]
try:
    runpy.run_module("reader", run_name="__main__")
finally:
    usage = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    peak = max(u.ru_maxrss for u in usage)
    print(f"PEAK_KB={peak}", file=sys.stderr)
"""


def cli_refresh(label: str, target: float, home: Path, *args: str) -> None:
    """Time ``faq-reader refresh ARGS`` in a fresh process; print its peak memory."""
    env = dict(os.environ, FAQ_READER_HOME=str(home), PYTHONPATH=str(REPO))
    command = [sys.executable, "-c", _MEASURED_CLI, "refresh", *args]
    start_time = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start_time
    peak = next(
        (int(line[8:]) for line in result.stderr.splitlines() if line.startswith("PEAK_KB=")), 0
    )
    verdict = "OK" if elapsed <= target and result.returncode == 0 else "TOO SLOW"
    if result.returncode != 0:
        verdict = "FAILED: " + result.stderr.strip().splitlines()[0]
    print(
        f"{label:<58} {elapsed:7.2f} s  {peak / 1024:5.0f} MB peak  (target ≤ {target:g} s, "
        f"{verdict})"
    )


def timed(label: str, target: float, func) -> float:
    start_time = time.perf_counter()
    summary = func()
    elapsed = time.perf_counter() - start_time
    verdict = "OK" if elapsed < target else "TOO SLOW"
    committed = "committed" if summary.committed else "unchanged"
    print(f"{label:<58} {elapsed:7.2f} s  (target < {target:g} s, {verdict}; {committed})")
    return elapsed


def main() -> int:
    from bench.content_bench import corpus_parser

    args = corpus_parser(__doc__, dense=True).parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="faq-reader-bench-"))
    os.environ["FAQ_READER_HOME"] = str(tmp / "home")
    from reader.paths import Paths, resources_dir
    from reader.sync.refresh import refresh
    from reader.sync.sources import Sources

    try:
        # 1. the bundled page, changed on the wiki
        seed = tmp / "seed1" / "pages"
        seed.mkdir(parents=True)
        bundled = (resources_dir() / "pages" / "faq-kit-durgence.txt").read_text("utf-8")
        (seed / "faq-kit-durgence.txt").write_text(
            bundled + "\nVoir la [[faq:livraison|FAQ Livraison]].\n", encoding="utf-8"
        )
        url, workdir, port = start(seed.parent)
        try:
            home = tmp / "h1"
            timed(
                "bundled page, first refresh (reindex included)",
                1.0,
                lambda: refresh(Sources(url, ("faq-kit-durgence",)), Paths.under(home)),
            )
        finally:
            stop(workdir, port)

        # 2-3. many pages (--pages 0 skips them)
        if args.pages:
            seed = tmp / "seed2" / "pages" / "faq"
            seed.mkdir(parents=True)
            ids = []
            for n in range(args.pages):
                (seed / f"p{n:03d}.txt").write_text(page_text(n, args.questions), encoding="utf-8")
                ids.append(f"faq:p{n:03d}")
            t0 = time.perf_counter()
            url, workdir, port = start(seed.parent.parent)
            seeding = time.perf_counter() - t0
            print(f"(seeding {args.pages} pages into DokuWiki took {seeding:.1f} s)")
            try:
                home = tmp / "h2"
                sources = Sources(url, tuple(ids))

                def run():
                    return refresh(sources, Paths.under(home))

                total = args.pages * args.questions
                timed(f"{args.pages} pages / {total} questions, first refresh", 30.0, run)
                timed("same, nothing changed on the wiki", 3.0, run)
                added = "\n==== Nouvelle ? ====\n\nOui.\n"
                edit(workdir, ids[7], page_text(7, args.questions) + added)
                timed("same, one page edited on the wiki", 3.0, run)
            finally:
                stop(workdir, port)

        # 4. one dense page, through the real command
        seed = tmp / "seed3" / "pages" / "faq"
        seed.mkdir(parents=True)
        text = dense_text(args.dense)
        (seed / "grande.txt").write_text(text, encoding="utf-8")
        url, workdir, port = start(seed.parent.parent)
        try:
            home = tmp / "h3"
            size = len(text.encode()) / 1e6
            page = ("--wiki", url, "--page", "faq:grande", "--replace")
            cli_refresh(
                f"dense page, {size:.1f} MB / {args.dense} questions, first", 5.0, home, *page
            )
            # No second run after an edit: DokuWiki needs more than the 30 s PHP gives a
            # web request to render an edited 4 MB page, so the wiki itself times out.
        finally:
            stop(workdir, port)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

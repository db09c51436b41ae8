"""Benchmark: loading content (page cache) and converting pages (DokuWiki → Markdown).

    python bench/content_bench.py [--pages 200] [--questions 50] [--repeat 3] [--root DIR]

Generates, with a fixed seed, a content set of N DokuWiki pages of Q questions each
(French FAQ text from ``bench/corpus.py`` with bold, links, lists and tables), then
measures:

* loading it with no page cache, with an empty cache (cold: converts and fills it), with
  the filled cache (warm), and after one page changed;
* ``to_markdown`` on the 5 MB page of the converter tests, ``build_page`` on the 5 MB page
  of the outline tests and on a dense 3.9 MB page of 2,542 questions (:func:`dense_page`),
  ``to_markdown`` on ``wiki:syntax`` (if DokuWiki is installed) and on the bundled page;
* ``faq-reader search formation --json`` from process start to exit, with warm caches.

Each figure is the best of ``--repeat`` runs. ``--root`` runs the same measurements
against another checkout (e.g. an older one, for before/after tables). Not a test.
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
from collections.abc import Callable
from pathlib import Path

SYNTAX_PAGES = (
    Path("/var/lib/dokuwiki/data/pages/wiki/syntax.txt"),
    Path("/usr/share/dokuwiki/data/pages/wiki/syntax.txt"),
)


def page_text(rng: random.Random, n: int, questions: int) -> str:
    """One generated FAQ page in DokuWiki syntax."""
    from bench import corpus

    topic = rng.choice(corpus.SUBJECTS)
    lines = [f"====== FAQ {topic} ({n}) ======", "", f"Questions sur **{topic}**.", ""]
    for q in range(questions):
        if q % 10 == 0:
            lines += [f"===== {topic.capitalize()} : cas {q // 10 + 1} =====", ""]
        subject = topic if rng.random() < 0.5 else rng.choice(corpus.SUBJECTS)
        lines += [f"==== {corpus._question_title(rng, subject)} ====", ""]
        answer = corpus._answer(rng, subject).replace("« ", "« **").replace(" »", "** »")
        lines += [answer, ""]
        roll = rng.random()
        if roll < 0.3:
            lines += [f"Voir [[faq:gen{rng.randrange(1000):05d}|la page voisine]].", ""]
        elif roll < 0.4:
            lines += ["^ Étape ^ Détail ^", "| 1 | //ouvrir// |", "| 2 | ''valider'' |", ""]
        elif roll < 0.5:
            lines += ["  - premier point", "  - second point", "    * détail", ""]
    return "\n".join(lines) + "\n"


def dense_page(questions: int = 2542, answer_bytes: int = 1300, seed: int = 3) -> str:
    """One dense FAQ page, 2,542 questions in 3.9 MB, the size of one once slow to refresh.

    Answers of several paragraphs of corpus text (some ``answer_bytes`` each) with bold,
    italics, links, bare urls, lists, tables and footnotes, under sections of 20 questions.
    """
    from bench import corpus

    rng = random.Random(seed)
    lines = ["====== Foire aux questions détaillée ======", ""]
    for q in range(questions):
        if q % 20 == 0:
            lines += [f"===== {rng.choice(corpus.SUBJECTS).capitalize()} ({q // 20 + 1}) =====", ""]
        subject = rng.choice(corpus.SUBJECTS)
        lines += [f"==== {corpus._question_title(rng, subject)} ====", ""]
        size = 0
        while size < answer_bytes:
            paragraph = corpus._answer(rng, subject).replace("« ", "« **").replace(" »", "** »")
            roll = rng.random()
            if roll < 0.3:
                paragraph += f" Voir [[faq:{subject.replace(' ', '_')}|la fiche]]."
            elif roll < 0.4:
                paragraph += " Détails sur https://www.cagette.net/aide ((selon l'offre))."
            elif roll < 0.5:
                paragraph += "\n\n^ Étape ^ Détail ^\n| 1 | //ouvrir// |\n| 2 | ''valider'' |"
            elif roll < 0.6:
                paragraph += "\n\n  - premier point\n  - second point\n    * détail"
            lines += [paragraph, ""]
            size += len(paragraph.encode("utf-8")) + 1
    return "\n".join(lines) + "\n"


def make_set(folder: Path, pages: int, questions: int, seed: int = 42) -> list[str]:
    """Write a content set (manifest + pages) into ``folder``; returns the page ids."""
    from reader.content.manifest import Manifest, PageEntry, page_path, write_manifest
    from reader.fsutil import sha256_bytes

    rng = random.Random(seed)
    entries = []
    for n in range(pages):
        page_id = f"faq:gen{n:05d}"
        data = page_text(rng, n, questions).encode("utf-8")
        path = folder / page_path(page_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entries.append(PageEntry(page_id, page_path(page_id), sha256_bytes(data)))
    write_manifest(folder, Manifest(wiki="https://wiki.example", pages=tuple(entries)))
    return [e.id for e in entries]


def change_page(folder: Path, page_id: str) -> None:
    """Append a question to one page and fix its hash in the manifest."""
    from dataclasses import replace

    from reader.content.manifest import page_path, read_manifest, write_manifest
    from reader.fsutil import sha256_bytes

    path = folder / page_path(page_id)
    data = path.read_bytes() + f"\n==== Nouvelle {time.time()} ? ====\n\nOui.\n".encode()
    path.write_bytes(data)
    manifest = read_manifest(folder)
    pages = tuple(
        replace(p, sha256=sha256_bytes(data)) if p.id == page_id else p for p in manifest.pages
    )
    write_manifest(folder, replace(manifest, pages=pages))


def best(repeat: int, func: Callable[[], object], setup: Callable[[], object] | None = None):
    """The shortest wall time of ``repeat`` runs of ``func`` (``setup`` untimed before each)."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def big_converter_page() -> str:
    chunk = "==== Q ====\nTexte **gras** [[lien]] //it// ((note)) | x |\n  * item\n\n"
    return chunk * (5_000_000 // len(chunk))


def big_outline_page() -> str:
    block = "==== Question {n} ====\n" + "Une réponse **assez** longue avec un [[lien]]. " * 40
    return "====== Grande ======\n===== S =====\n" + "\n".join(
        block.format(n=n) for n in range(2600)
    )


def cli_search(root: Path, home: Path, repeat: int) -> float:
    """Wall time of ``python -m reader search formation --json`` with warm caches."""
    env = dict(os.environ, FAQ_READER_HOME=str(home), PYTHONPATH=str(root))
    env.setdefault("PYTHONPYCACHEPREFIX", str(home / "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "reader", "search", "formation", "--json"]

    def run() -> None:
        subprocess.run(command, env=env, cwd=root, check=True, capture_output=True)

    run()  # fills the page cache, the search index and the bytecode cache
    return best(repeat, run)


def corpus_parser(doc: str, dense: bool = False) -> argparse.ArgumentParser:
    """A benchmark's command line, its description from ``doc``: the generated corpus's
    size (``--pages`` × ``--questions``) and, with ``dense``, the dense page's."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--questions", type=int, default=50)
    if dense:
        parser.add_argument("--dense", type=int, default=2542, help="questions of the dense page")
    return parser


def main() -> int:
    parser = corpus_parser(__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.corpus
    sys.path.insert(0, str(root))
    from reader.content.dokuwiki import to_markdown
    from reader.content.library import load_library
    from reader.content.outline import build_page

    try:
        from reader.content.page_cache import PageCache
    except ImportError:  # a checkout from before the page cache
        PageCache = None

    rows: list[tuple[str, float | None]] = []
    tmp = Path(tempfile.mkdtemp(prefix="faq-reader-content-bench-"))
    try:
        content = tmp / "set"
        ids = make_set(content, args.pages, args.questions)
        total = args.pages * args.questions
        cache_dir = tmp / "page-cache"

        def load(cache_folder: Path | None) -> None:
            try:
                from reader.paths import Paths
            except ImportError:  # a checkout from before the paths object
                Paths = None
            if Paths is not None:
                folders = Paths(content, tmp / "no-user-data", tmp, tmp, tmp, "bench")
                loaded = load_library(folders, PageCache(cache_folder))
            elif PageCache is None:
                loaded = load_library(content, tmp / "no-user-data")
            else:
                loaded = load_library(content, tmp / "no-user-data", PageCache(cache_folder))
            assert sum(1 for _ in loaded.library.questions()) >= total

        label = f"load {args.pages} pages / {total} questions"
        rows.append((f"{label}, no page cache", best(args.repeat, lambda: load(None))))
        if PageCache is not None:
            empty = lambda: shutil.rmtree(cache_dir, ignore_errors=True)  # noqa: E731
            rows.append((f"{label}, cold cache", best(args.repeat, lambda: load(cache_dir), empty)))
            load(cache_dir)
            rows.append((f"{label}, warm cache", best(args.repeat, lambda: load(cache_dir))))
            changed = lambda: change_page(content, ids[len(ids) // 2])  # noqa: E731
            rows.append(
                (f"{label}, one page changed", best(args.repeat, lambda: load(cache_dir), changed))
            )
        else:
            rows += [(f"{label}, {kind}", None) for kind in ("cold", "warm", "one page changed")]

        big = big_converter_page()
        rows.append(
            ("to_markdown, 5 MB converter test page", best(1, lambda: to_markdown(big, "p")))
        )
        big = big_outline_page()
        rows.append(("build_page, 5 MB outline test page", best(1, lambda: build_page("p", big))))
        dense = dense_page()
        rows.append(
            (
                "build_page, 3.9 MB dense page (2,542 questions)",
                best(args.repeat, lambda: build_page("faq:dense", dense)),
            )
        )
        syntax = next((p for p in SYNTAX_PAGES if p.is_file()), None)
        if syntax is not None:
            text = syntax.read_text(encoding="utf-8")
            rows.append(
                (
                    "to_markdown, wiki:syntax",
                    best(args.repeat * 3, lambda: to_markdown(text, "wiki:syntax")),
                )
            )
        bundled = (root / "resources" / "pages" / "faq-kit-durgence.txt").read_text("utf-8")
        rows.append(
            (
                "to_markdown, bundled page",
                best(args.repeat * 3, lambda: to_markdown(bundled, "faq-kit-durgence")),
            )
        )
        rows.append(
            (
                "faq-reader search formation --json (warm)",
                cli_search(root, tmp / "home", args.repeat),
            )
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"{'measure (best of runs)':<62} {'seconds':>9}")
    for name, seconds in rows:
        value = "n/a" if seconds is None else f"{seconds:9.3f}"
        print(f"{name:<62} {value:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

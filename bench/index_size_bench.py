"""Benchmark: the search index's size against the text it indexes, file by file.

    python bench/index_size_bench.py [--pages 200] [--questions 50] [--dense 2542]

For the bundled FAQ, N generated pages of Q questions (``content_bench``'s pages) and one
dense page (``content_bench.dense_page``), builds the index folder and prints its size
against the plain text of the questions (titles and answers as the snippets show them),
then each file of the folder and each part of Whoosh's segment file: the postings
(``.pst``), the term index (``.trm``), the id column (``id.col``), the field lengths
(``_*_len.col``), and the reader's tables beside them (``texts.json``, ``forms.json``,
``vocabulary.json``, ``scores.bin``). Also the count of terms and postings, which the fixed
cost of a term in Whoosh's files multiplies. Not a test: it asserts nothing.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def report(name: str, library: object) -> None:
    from reader.search import build, engine
    from reader.search.documents import rows
    from reader.search.snippets import plain_text

    questions = list(library.questions())  # type: ignore[attr-defined]
    plain = sum(len(f"{q.title} {plain_text(q.answer)}".encode()) for q in questions)
    folder = Path(tempfile.mkdtemp(prefix="faq-reader-size-"))
    try:
        build.build_folder(folder, rows(library), "size", len(questions))
        files = {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file()}
        total = sum(files.values())
        opened = engine.open_files({n: (folder / n).read_bytes() for n in files if "." in n})
        leaf = opened._leaves[0][0]
        terms = [(f, t) for f, t in leaf._terms.terms() if f != "id"]
        postings = sum(len(opened.postings(f, t.decode())[0]) for f, t in terms)
        print(
            f"{name}: {len(questions)} questions, {plain:,} B of plain text; index "
            f"{total:,} B = {total / plain:.2f} × the text; {len(terms):,} terms, "
            f"{postings:,} postings"
        )
        for file_name, size in sorted(files.items(), key=lambda item: -item[1]):
            if size:
                print(f"  {file_name:<44} {size:>11,} B  {size / plain:6.2f} ×")
            if file_name.endswith(".seg"):
                segment = leaf._segment.open_compound_file(leaf._storage)
                for part in sorted(segment.list(), key=lambda n: -segment.file_length(n)):
                    length, short = segment.file_length(part), part.split(".", 1)[1]
                    print(f"      {short:<40} {length:>11,} B  {length / plain:6.2f} ×")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    from bench.content_bench import corpus_parser

    args = corpus_parser(__doc__, dense=True).parse_args()
    from bench.content_bench import dense_page, page_text
    from reader.content.library import load_library
    from reader.content.model import Library
    from reader.content.outline import build_page
    from reader.paths import Paths

    home = Path(tempfile.mkdtemp(prefix="faq-reader-size-home-"))
    try:
        report("bundled FAQ", load_library(Paths.under(home)).library)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if args.pages:
        rng = random.Random(42)
        pages = (
            build_page(f"faq:gen{n:05d}", page_text(rng, n, args.questions))
            for n in range(args.pages)
        )
        report(f"{args.pages} generated pages", Library(tuple(pages)))
    if args.dense:
        report("dense page", Library((build_page("faq:dense", dense_page(args.dense)),)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``faq-reader search``: keyword search from the command line.

``faq-reader search QUERY… [--limit N] [--json]`` prints the best questions first;
``faq-reader search --stdin --json`` reads one query a line and writes one JSON array a
line, in order, flushed after each (for scripts that keep the process open). Any query
text is accepted: a search with no hit prints ``[]`` and exits 0. The "Vouliez-vous dire"
suggestion and the "résultats pour …" explanation go to stderr, in human mode only, so
stdout stays pure JSON.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from typing import TYPE_CHECKING

from reader import APP_NAME

if TYPE_CHECKING:
    from reader.content.model import Library
    from reader.paths import Paths
    from reader.search import Hit, SearchIndex

DEFAULT_LIMIT = 10
_MARK = re.compile(r"</?mark>")


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu : {text!r}") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError("entre 1 et 1000")
    return value


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``search`` subcommand to the CLI's subparsers."""
    p = subparsers.add_parser("search", help="chercher des questions par mots-clés")
    p.add_argument("query", nargs="*", metavar="REQUÊTE", help="les mots à chercher")
    p.add_argument(
        "--limit", type=_limit, default=DEFAULT_LIMIT, metavar="N", help="au plus N réponses"
    )
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.add_argument(
        "--stdin",
        action="store_true",
        help="une requête par ligne sur l'entrée standard, un tableau JSON par ligne en sortie",
    )
    p.set_defaults(func=_main, search_parser=p)


def _main(args: argparse.Namespace, paths: Paths) -> int:
    from reader.cli.common import load

    return run(args, load(paths).library, paths)


def hit_json(hit: Hit) -> dict[str, object]:
    """The JSON object of one hit (DESIGN.md's search contract)."""
    return {
        "id": hit.id,
        "page": hit.page,
        "section": hit.section,
        "question": hit.question,
        "score": hit.score,
        "snippet": hit.snippet,
        "answered": hit.answered,
    }


def run(args: argparse.Namespace, library: Library, paths: Paths) -> int:
    """Run ``faq-reader search`` on ``library`` (its index cached in ``paths``); returns
    the exit code."""
    parser = getattr(args, "search_parser", None)
    if args.stdin and args.query:
        return _usage(parser, "--stdin ne prend pas de requête en argument")
    if args.stdin and not args.json:
        return _usage(parser, "--stdin va avec --json")
    if not args.stdin and not args.query:
        return _usage(parser, "requête manquante")

    from reader.search import SearchIndex

    index = SearchIndex.open(library, paths.index_dir, tables_dir=paths.search_cache_dir)
    for warning in index.warnings:
        print(f"{APP_NAME}: avertissement : {warning}", file=sys.stderr)
    try:
        if args.stdin:
            return _run_stdin(index, args.limit)
        return _run_one(index, " ".join(args.query), args.limit, args.json)
    finally:
        index.close()


def _usage(parser: argparse.ArgumentParser | None, message: str) -> int:
    if parser is not None:
        parser.print_usage(sys.stderr)
    print(f"{APP_NAME} search: erreur : {message}", file=sys.stderr)
    return 2


def _run_stdin(index: SearchIndex, limit: int) -> int:
    for line in sys.stdin:
        query = line.rstrip("\r\n")
        result = index.search(query, limit)
        sys.stdout.write(json.dumps([hit_json(h) for h in result.hits], ensure_ascii=False))
        sys.stdout.write("\n")
        sys.stdout.flush()
    return 0


def _run_one(index: SearchIndex, query: str, limit: int, as_json: bool) -> int:
    result = index.search(query, limit)
    if as_json:
        json.dump([hit_json(h) for h in result.hits], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if result.suggestion:
        print(f"Vouliez-vous dire « {result.suggestion} » ?", file=sys.stderr)
    if result.explanation:
        print(result.explanation[:1].upper() + result.explanation[1:], file=sys.stderr)
    if not result.hits:
        print("Aucune question ne correspond.")
        return 0
    for rank, hit in enumerate(result.hits, 1):
        unanswered = "" if hit.answered else "  (sans réponse)"
        print(f"{rank}. {hit.question}{unanswered}")
        print(f"   {hit.section} — {hit.id}")
        if hit.answered:
            print(f"   {_plain(hit.snippet)}")
    return 0


def _plain(snippet_html: str) -> str:
    """A snippet for a terminal: hit words between brackets."""
    text = _MARK.sub(lambda m: "]" if m.group().startswith("</") else "[", snippet_html)
    return html.unescape(text)

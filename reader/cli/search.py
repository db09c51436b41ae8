"""``faq-reader search``: keyword search from the command line.

``faq-reader search QUERY… [--limit N] [--json] [--no-correction]`` prints the best
questions first; ``faq-reader search --stdin --json`` reads one query a line and writes one
JSON array a line, in order, flushed after each (for scripts that keep the process open).
Any query text is accepted: a search with no hit prints ``[]`` and exits 0.

The plain output says what was searched, as typed ("3 résultats pour « … »"), and a typo
correction with the command that searches the words as typed. When no question covers
the whole query it says so first ("Aucune réponse ne parle de « payer »."), with the date
of the offline content and the wiki's own search, then lists the partial matches with
what each lacks ("Ne contient pas : payer").
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shlex
import sys
from typing import TYPE_CHECKING

from reader import APP_NAME

if TYPE_CHECKING:
    from reader.cli.french import Subcommands
    from reader.content.model import Library
    from reader.paths import Paths
    from reader.search import Hit, SearchResult
    from reader.search.results import Searcher

DEFAULT_LIMIT = 10
_MARK = re.compile(r"<mark\b[^>]*>|</mark>")


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu : {text!r}") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError("entre 1 et 1000")
    return value


def add_parsers(subparsers: Subcommands) -> None:
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
    p.add_argument(
        "--no-correction",
        dest="correct",
        action="store_false",
        help="chercher les mots tels qu'ils sont tapés, sans corriger les fautes de frappe",
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
        "missing": list(hit.missing),
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

    correct = getattr(args, "correct", True)
    index = SearchIndex.open(library, paths.index_dir, tables_dir=paths.search_cache_dir)
    for warning in index.warnings:
        print(f"{APP_NAME}: avertissement : {warning}", file=sys.stderr)
    try:
        if args.stdin:
            return _run_stdin(index, args.limit, correct)
        result = index.search(" ".join(args.query), args.limit, correct=correct)
        if args.json:
            json.dump([hit_json(h) for h in result.hits], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(plain(result, library))
        return 0
    finally:
        index.close()


def _usage(parser: argparse.ArgumentParser | None, message: str) -> int:
    if parser is not None:
        parser.print_usage(sys.stderr)
    print(f"{APP_NAME} search: erreur : {message}", file=sys.stderr)
    return 2


def _run_stdin(index: Searcher, limit: int, correct: bool) -> int:
    for line in sys.stdin:
        query = line.rstrip("\r\n")
        result = index.search(query, limit, correct=correct)
        sys.stdout.write(json.dumps([hit_json(h) for h in result.hits], ensure_ascii=False))
        sys.stdout.write("\n")
        sys.stdout.flush()
    return 0


def plain(result: SearchResult, library: Library) -> str:
    """The plain-text answer to a search, for a terminal (ends with a newline)."""
    lines: list[str] = []
    shown = " ".join((result.corrected or result.query).split())
    if result.abstains:
        if not result.words:
            return "Aucune question ne correspond.\n"
        lines.append(abstention(result))
        lines += offline_note(library, result.query)
        if result.hits:
            lines.append(f"Réponses partielles pour « {shown} »{_correction(result)}")
    else:
        count = len(result.hits)
        results = "résultat" if count == 1 else "résultats"
        lines.append(f"{count} {results} pour « {shown} »{_correction(result)}")
    for rank, hit in enumerate(result.hits, 1):
        unanswered = "" if hit.answered else "  (sans réponse)"
        lines.append(f"{rank}. {hit.question}{unanswered}")
        if hit.missing:
            lines.append(f"   Ne contient pas : {', '.join(hit.missing)}")
        lines.append(f"   {hit.section} — {hit.id}")
        if hit.answered:
            lines.append(f"   {_plain_snippet(hit.snippet)}")
    return "\n".join(lines) + "\n"


def abstention(result: SearchResult) -> str:
    """ "Aucune réponse ne parle de « payer »." (or of all the words at once)."""
    if result.uncovered:
        return f"Aucune réponse ne parle {_de(result.uncovered, 'ni')}."
    return f"Aucune réponse ne parle à la fois {_de(result.words, 'et')}."


def _de(words: tuple[str, ...], last: str) -> str:
    quoted = [f"de « {word} »" for word in words]
    if len(quoted) == 1:
        return quoted[0]
    return f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


def _correction(result: SearchResult) -> str:
    """ " · rechercher plutôt « formaton » : faq-reader search --no-correction formaton"."""
    if not result.corrected:
        return ""
    typed = " ".join(result.query.split())
    words = shlex.quote(typed)
    command = f"{APP_NAME} search --no-correction {'-- ' if typed.startswith('-') else ''}{words}"
    return f" · rechercher plutôt « {typed} » : {command}"


def offline_note(library: Library, query: str) -> list[str]:
    """How old the offline content is, and where to look beyond it (the wiki's search)."""
    date = content_date(library)
    when = f" (mis à jour le {date})" if date else ""
    lines = [f"Le contenu hors ligne n'a pas de réponse{when}."]
    wiki = library.wiki
    if wiki:
        from reader.sync.urls import search_url

        lines.append(f"Chercher sur le wiki : {search_url(wiki, query)}")
    return lines


def content_date(library: Library) -> str:
    """When the content was last refreshed ("8 avril 2020"), "" when unknown
    (:attr:`Library.updated`)."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", library.updated)
    if match is None:
        return ""
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return ""
    from reader.content.dates import french_day

    return french_day(year, month, day)


def _plain_snippet(snippet_html: str) -> str:
    """A snippet for a terminal: matched words between brackets."""
    text = _MARK.sub(lambda m: "]" if m.group().startswith("</") else "[", snippet_html)
    return html.unescape(text)

"""``faq-reader refresh`` and ``faq-reader rollback``: the content from the wiki.

``refresh [--wiki URL] [--page ID]...``: the wiki and pages given become the saved
sources (a page may be given by id or by any of its URLs; the wiki by its address or the
URL of one of its pages). Prints the change summary. Any failure is one line on stderr
and exit code 1, with the content left as it was.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reader.cli.common import CliError

if TYPE_CHECKING:
    from reader.paths import Paths


def cmd_refresh(args: argparse.Namespace, paths: Paths) -> int:
    from reader.sync.errors import RefreshError
    from reader.sync.http import Limits
    from reader.sync.refresh import refresh
    from reader.sync.sources import load_sources, make_sources, save_sources
    from reader.sync.urls import UrlError

    saved = load_sources(paths.config, paths.resources)
    try:
        sources = make_sources(args.wiki or saved.wiki, args.page or list(saved.pages))
    except UrlError as error:
        message = f"Mise à jour impossible : {error}. Le contenu actuel est conservé."
        raise CliError(message) from error
    limits = Limits()
    if args.timeout is not None:
        if args.timeout <= 0:
            raise CliError("--timeout doit être un nombre de secondes positif")
        limits = Limits(
            connect_timeout=args.timeout,
            read_timeout=args.timeout,
            request_timeout=max(args.timeout, limits.request_timeout),
        )
    if args.wiki or args.page:
        save_sources(paths.config, sources)
    try:
        summary = refresh(sources, paths, limits=limits)
    except RefreshError as error:
        raise CliError(error.message) from error
    print("\n".join(summary.lines()))
    return 0


def cmd_rollback(args: argparse.Namespace, paths: Paths) -> int:
    from reader.sync.errors import RefreshError
    from reader.sync.refresh import rollback

    try:
        done = rollback(paths.data)
    except RefreshError as error:
        raise CliError(error.message) from error
    if not done:
        raise CliError("aucun contenu précédent : rien à annuler")
    print("Contenu précédent rétabli.")
    return 0


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register ``refresh`` and ``rollback``."""
    p = subparsers.add_parser(
        "refresh",
        help="mettre à jour la FAQ depuis le wiki",
        description="Récupère les pages depuis le wiki ; tout ou rien.",
    )
    p.add_argument("--wiki", metavar="URL", help="adresse du wiki (ou d'une de ses pages)")
    p.add_argument(
        "--page",
        metavar="ID",
        action="append",
        help="page à récupérer (identifiant ou adresse) ; répétable",
    )
    p.add_argument(
        "--timeout",
        metavar="SECONDES",
        type=float,
        help="délai d'attente réseau (connexion, silence du serveur)",
    )
    p.set_defaults(func=cmd_refresh)

    p = subparsers.add_parser("rollback", help="revenir au contenu d'avant la dernière mise à jour")
    p.set_defaults(func=cmd_rollback)

"""``faq-reader refresh`` and ``faq-reader rollback``: the content from the wiki.

``refresh [--wiki URL] [--page ID]... [--depth N] [--max-pages N] [--replace]``: the
wiki, pages, depth and number of linked pages given become the saved sources once a
refresh with them succeeds (a page may be given by id or by any of its URLs; the wiki by
its address or the URL of one of its pages). ``--page`` gives the whole list: when it
would leave out pages the reader holds, they are named and nothing is done unless
``--replace`` confirms. ``--depth`` is how far the listed pages' links are followed (0:
the listed pages only; 1, the default: the pages they link to; up to 3), ``--max-pages``
how many linked pages are kept at most. Prints the change summary.

``rollback`` goes back to the content before the last refresh, once; ``rollback --redo``
brings back the content that a rollback left.

Any failure is one line on stderr and exit code 1, with the content left as it was.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from reader import APP_NAME
from reader.cli.common import CliError, load
from reader.sync.sources import MAX_DEPTH

if TYPE_CHECKING:
    from reader.cli.french import Subcommands
    from reader.content.model import Library
    from reader.paths import Paths
    from reader.sync.http import Limits
    from reader.sync.sources import Sources


def _warn(message: str) -> None:
    print(f"{APP_NAME}: avertissement : {message}", file=sys.stderr)


def cmd_refresh(args: argparse.Namespace, paths: Paths) -> int:
    from reader.sync.errors import KEPT, RefreshError
    from reader.sync.refresh import refresh
    from reader.sync.sources import make_sources, read_sources
    from reader.sync.urls import UrlError

    saved = read_sources(paths.config, paths.resources)
    if saved.warning:
        _warn(saved.warning)
    following = saved.sources.following
    if args.depth is not None:
        following = replace(following, depth=args.depth)
    if args.max_pages is not None:
        following = replace(following, max_pages=args.max_pages)
    try:
        sources = make_sources(
            args.wiki or saved.sources.wiki,
            args.page or saved.sources.pages,
            following,
            saved.sources.kept,
        )
    except UrlError as error:
        raise CliError(f"Mise à jour impossible : {error}. {KEPT}") from error
    limits = _limits(args.timeout)
    current = None
    if args.page:
        current = load(paths)
        if not args.replace:
            _refuse_dropping(current.library, sources)
    asked = args.wiki or args.page or args.depth is not None or args.max_pages is not None
    given = bool(asked) and (sources != saved.sources or bool(saved.warning))

    def keep_sources() -> None:  # only once a refresh with them worked
        from reader.sync.sources import save_sources

        save_sources(paths.config, sources)

    try:
        summary = refresh(
            sources,
            paths,
            limits=limits,
            current=current,
            before_commit=keep_sources if given else None,
        )
    except RefreshError as error:
        raise CliError(error.message) from error
    print("\n".join(summary.lines()))
    return 0


def _limits(timeout: float | None) -> Limits:
    from reader.sync.http import Limits

    limits = Limits()
    if timeout is None:
        return limits
    if timeout <= 0:
        raise CliError("--timeout doit être un nombre de secondes positif")
    return Limits(
        connect_timeout=timeout,
        read_timeout=timeout,
        request_timeout=max(timeout, limits.request_timeout),
    )


def _refuse_dropping(library: Library, sources: Sources) -> None:
    """One line naming the pages a ``--page`` list would remove, unless there are none."""
    from reader.sync.errors import KEPT
    from reader.sync.sources import pages_dropped

    dropped = pages_dropped(library, sources)
    if not dropped:
        return
    named = ", ".join(f"« {title} » ({page_id})" for page_id, title in dropped)
    raise CliError(
        f"Mise à jour non lancée : la liste donnée par --page remplace la liste des pages "
        f"et retirerait {named}. Ajoutez --replace pour confirmer, ou redonnez ces pages "
        f"avec --page. {KEPT}"
    )


def cmd_rollback(args: argparse.Namespace, paths: Paths) -> int:
    from reader.content.store import UserStore
    from reader.sync.errors import RefreshError
    from reader.sync.history import redo, rollback

    store = UserStore(paths.data)
    if warning := store.history().warning:
        _warn(warning)
    try:
        done = redo(paths.data) if args.redo else rollback(paths.data)
    except RefreshError as error:
        raise CliError(error.message) from error
    if done and args.redo:
        print("Contenu de la dernière mise à jour rétabli.")
        return 0
    if done:
        print("Contenu d'avant la dernière mise à jour rétabli.")
        print(f"« {APP_NAME} rollback --redo » rétablit celui de la mise à jour annulée.")
        return 0
    history = store.history()
    if args.redo:
        raise CliError("Rien à rétablir : aucune mise à jour n'a été annulée.")
    if history.undone:
        raise CliError(
            "Rien de plus à annuler : le contenu d'avant la dernière mise à jour est déjà "
            f"affiché. « {APP_NAME} rollback --redo » rétablit celui de la mise à jour annulée."
        )
    if history.previous:
        raise CliError("Retour impossible : le contenu précédent est abîmé ou illisible.")
    raise CliError("Rien à annuler : aucune mise à jour n'a remplacé le contenu.")


def _depth(text: str) -> int:
    if not text.strip().isdigit() or int(text) > MAX_DEPTH:
        raise argparse.ArgumentTypeError(f"profondeur invalide : {text} (de 0 à {MAX_DEPTH})")
    return int(text)


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"nombre invalide : {text} (un entier positif ou nul)")
    return int(text)


def add_parsers(subparsers: Subcommands) -> None:
    """Register ``refresh`` and ``rollback``."""
    p = subparsers.add_parser(
        "refresh",
        help="mettre à jour la FAQ depuis le wiki",
        description="Récupère les pages depuis le wiki, et les pages et documents vers "
        "lesquels elles renvoient ; tout ou rien.",
    )
    p.add_argument("--wiki", metavar="URL", help="adresse du wiki (ou d'une de ses pages)")
    p.add_argument(
        "--page",
        metavar="ID",
        action="append",
        help="page à récupérer (identifiant ou adresse) ; répétable",
    )
    p.add_argument(
        "--depth",
        metavar="N",
        type=_depth,
        help="jusqu'où suivre les liens des pages : 0 les pages seules, 1 (par défaut) les "
        f"pages vers lesquelles elles renvoient, jusqu'à {MAX_DEPTH}",
    )
    p.add_argument(
        "--max-pages",
        metavar="N",
        type=_count,
        help="nombre de pages liées gardées au plus (200 par défaut)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="confirmer que la liste donnée par --page remplace celle enregistrée, "
        "même si des pages du contenu actuel en sont retirées",
    )
    p.add_argument(
        "--timeout",
        metavar="SECONDES",
        type=float,
        help="délai d'attente réseau (connexion, silence du serveur)",
    )
    p.set_defaults(func=cmd_refresh, reports_storage=True)

    p = subparsers.add_parser("rollback", help="revenir au contenu d'avant la dernière mise à jour")
    p.add_argument(
        "--redo",
        action="store_true",
        help="rétablir le contenu de la mise à jour annulée par le dernier retour",
    )
    p.set_defaults(func=cmd_rollback, reports_storage=True)

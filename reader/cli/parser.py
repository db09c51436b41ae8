"""The command line's grammar: the global options and every subcommand, registered
explicitly from the module of each command family."""

from __future__ import annotations

import argparse

from reader import APP_NAME, __version__
from reader.cli import content, desktop, pack, search, sync


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the global options and every subcommand."""
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Lecteur hors ligne de la FAQ du wiki Cagette.net.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--portable",
        action="store_true",
        help="garder les fichiers personnels dans un dossier à côté du programme",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    content.add_parsers(sub)
    search.add_parsers(sub)
    sync.add_parsers(sub)
    pack.add_parsers(sub)
    desktop.add_parsers(sub)
    return parser

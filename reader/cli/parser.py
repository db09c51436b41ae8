"""The command line's grammar: the global options and every subcommand, registered
explicitly from the module of each command family."""

from __future__ import annotations

from reader import APP_NAME, __version__
from reader.cli import content, desktop, media, pack, search, sync
from reader.cli.french import FrenchArgumentParser


def build_parser() -> FrenchArgumentParser:
    """The whole command line: the global options and every subcommand."""
    parser = FrenchArgumentParser(
        prog=APP_NAME,
        description="Lecteur hors ligne de la FAQ du wiki Cagette.net.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help="afficher la version et quitter",
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help="garder les fichiers personnels dans un dossier à côté du programme",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    content.add_parsers(sub)
    search.add_parsers(sub)
    sync.add_parsers(sub)
    media.add_parsers(sub)
    pack.add_parsers(sub)
    desktop.add_parsers(sub)
    return parser

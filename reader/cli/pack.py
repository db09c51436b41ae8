"""``faq-reader pack export|import|info``: the content in one file, for offline machines.

- ``pack export FILE``: the content shown, into the pack FILE (``docs/PACK_FORMAT.md``);
- ``pack import FILE [--force]``: verified, then swapped in whole like a refresh, with its
  change summary; an older pack than the content held needs ``--force``;
- ``pack info FILE [--json]``: what the pack holds, its dates, and whether it verifies
  (exit code 1 when it does not).

Any failure is one French line on stderr and exit code 1, the content left as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import APP_NAME
from reader.cli.common import CliError, print_json

if TYPE_CHECKING:
    from reader.cli.french import Subcommands
    from reader.content.store import ContentSet
    from reader.packs.reading import PackInfo
    from reader.paths import Paths


def _size(count: int) -> str:
    """A size in French: ``12,3 Mo``."""
    if count < 1024 * 1024:
        return f"{max(1, round(count / 1024))} Ko"
    return f"{count / (1024 * 1024):.1f} Mo".replace(".", ",")


def _selection(paths: Paths) -> ContentSet:
    from reader.content.store import select_content

    selection = select_content(paths.resources, paths.data)
    for warning in selection.warnings:
        print(f"{APP_NAME}: avertissement : {warning}", file=sys.stderr)
    return selection.content


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from reader.packs.dates import french_date
    from reader.packs.errors import PackError
    from reader.packs.export import export_pack

    target = Path(args.file)
    try:
        result = export_pack(target, paths, content=_selection(paths))
    except PackError as error:
        raise CliError(error.message) from error
    header = result.header
    print(
        f"Paquet écrit : {target} ({_size(result.size)}) : {len(header.pages)} page(s), "
        f"{len(header.media)} fichier(s) joint(s), contenu du {french_date(header.created)}."
    )
    return 0


def cmd_import(args: argparse.Namespace, paths: Paths) -> int:
    from reader.packs.errors import PackError
    from reader.packs.importer import import_pack

    try:
        result = import_pack(Path(args.file), paths, force=args.force)
    except PackError as error:
        raise CliError(error.message) from error
    print("\n".join(result.lines()))
    return 0


def info_json(info: PackInfo, held: str) -> dict[str, Any]:
    """``pack info --json``: the file, what its manifest declares, and the checks' verdict."""
    from reader.packs.dates import is_older
    from reader.packs.header import FORMAT_NAME

    header = info.header
    data: dict[str, Any] = {"file": str(info.path), "bytes": info.size}
    if header is not None:
        data.update(
            {
                "format": FORMAT_NAME,
                "version": header.version,
                "created": header.created,
                "app": header.app,
                "wiki": header.wiki,
                "pages": [
                    {
                        "id": f.id,
                        "revision": f.revision,
                        "last_modified": f.last_modified,
                        "size": f.size,
                        "sha256": f.sha256,
                    }
                    for f in header.pages
                ],
                "media": [{"id": f.id, "size": f.size, "sha256": f.sha256} for f in header.media],
                "content_bytes": header.total_size,
                "questions": info.questions,
                "newer_than_content": is_older(held, header.created) if held else True,
            }
        )
    data.update({"content_date": held, "verified": info.verified, "problem": info.problem or None})
    return data


def cmd_info(args: argparse.Namespace, paths: Paths) -> int:
    from reader.content.page_cache import PageCache
    from reader.packs.dates import content_date, french_date
    from reader.packs.reading import pack_info

    held = content_date(_selection(paths).manifest)
    info = pack_info(Path(args.file), PageCache(paths.page_cache_dir))
    if args.json:
        print_json(info_json(info, held))
    elif info.header is not None:
        header = info.header
        print(f"Paquet : {info.path} ({_size(info.size)})")
        print(f"Contenu du {french_date(header.created)} (affiché : {french_date(held)})")
        print(f"Wiki : {header.wiki or '—'} ; créé par {header.app or '—'}")
        questions = f", {info.questions} question(s)" if info.questions is not None else ""
        print(
            f"{len(header.pages)} page(s), {len(header.media)} fichier(s) joint(s), "
            f"{_size(header.total_size)} une fois importé{questions}"
        )
        for f in header.pages:
            print(f"  {f.id} : révision {f.revision or '—'}, {french_date(f.last_modified)}")
        print("Vérification : réussie" if info.verified else "Vérification : échec")
    if not info.verified:
        raise CliError(f"Paquet refusé : {info.problem}.")
    return 0


def _usage(args: argparse.Namespace, paths: Paths) -> int:
    args.pack_parser.print_usage(sys.stderr)
    print(f"{APP_NAME} pack: erreur : action manquante (export, import ou info)", file=sys.stderr)
    return 2


def add_parsers(sub: Subcommands) -> None:
    """Register ``pack`` and its actions ``export``, ``import`` and ``info``."""
    pack = sub.add_parser(
        "pack",
        help="exporter ou importer le contenu en un fichier (clé USB)",
        description="Le contenu en un seul fichier .faqpack, pour les ordinateurs hors ligne.",
    )
    pack.set_defaults(func=_usage, pack_parser=pack)
    actions = pack.add_subparsers(dest="pack_command", metavar="ACTION")

    p = actions.add_parser(
        "export",
        help="écrire le contenu affiché dans un paquet",
        description="Écrit le contenu affiché dans FICHIER ; le même contenu donne le même "
        "fichier, octet pour octet.",
    )
    p.add_argument("file", metavar="FICHIER", help="le paquet à écrire (.faqpack)")
    p.set_defaults(func=cmd_export)

    p = actions.add_parser(
        "import",
        help="importer le contenu d'un paquet, vérifié, tout ou rien",
        description="Vérifie le paquet en entier, puis remplace le contenu d'un seul coup "
        "(« faq-reader rollback » revient en arrière).",
    )
    p.add_argument("file", metavar="FICHIER", help="le paquet à importer (.faqpack)")
    p.add_argument(
        "--force", action="store_true", help="importer même un paquet plus ancien que le contenu"
    )
    p.set_defaults(func=cmd_import)

    p = actions.add_parser(
        "info",
        help="ce que contient un paquet, ses dates, s'il est intact",
        description="Lit et vérifie le paquet sans rien changer ; code 1 s'il est refusé.",
    )
    p.add_argument("file", metavar="FICHIER", help="le paquet à lire (.faqpack)")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_info)

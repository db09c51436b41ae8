"""``faq-reader media [--json]``: the documents and images kept for reading offline.

Each file with its wiki id, the absolute path of the stored copy (to open or copy it
with any program), its size and kind, and the pages that use it; then the documents the
pages link to but the wiki does not have. ``--json``: a list of objects with ``id``,
``path``, ``bytes``, ``kind`` (``image`` or ``document``), ``sha256`` and ``pages``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reader import APP_NAME
from reader.cli.common import load, print_json

if TYPE_CHECKING:
    from reader.cli.french import Subcommands
    from reader.content.library import LoadedContent
    from reader.paths import Paths


def stored_media(loaded: LoadedContent) -> list[dict[str, Any]]:
    """The media files of the content shown, in the manifest's order, as the JSON rows;
    a file the manifest lists but the folder lacks is left out with a warning."""
    from reader.content.manifest import media_kind

    users: dict[str, list[str]] = {}
    for page in loaded.library.pages:
        for media_id in page.media:
            users.setdefault(media_id, []).append(page.id)
    root = loaded.content.root
    rows: list[dict[str, Any]] = []
    for entry in loaded.content.manifest.media:
        path = root / entry.path
        try:
            size = path.stat().st_size
        except OSError as error:
            print(f"{APP_NAME}: avertissement : {entry.id} absent du dossier ({error.strerror})",
                  file=sys.stderr)  # fmt: skip
            continue
        rows.append(
            {
                "id": entry.id,
                "path": str(path.resolve()),
                "bytes": size,
                "kind": entry.kind or media_kind(entry.id),
                "sha256": entry.sha256,
                "pages": users.get(entry.id, []),
            }
        )
    return rows


def cmd_media(args: argparse.Namespace, paths: Paths) -> int:
    from reader.sync.budget import mebibytes

    loaded = load(paths)
    rows = stored_media(loaded)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("Aucun document ni image n'est gardé hors ligne.")
    for label, kind in (("Documents", "document"), ("Images", "image")):
        chosen = [r for r in rows if r["kind"] == kind]
        if not chosen:
            continue
        print(f"{label} gardés hors ligne ({len(chosen)}) :")
        for row in chosen:
            print(f"  {row['id']} ({mebibytes(row['bytes'])}) : {row['path']}")
    missing = sorted(loaded.content.manifest.missing_media())
    if missing:
        print(f"Absents du wiki ({len(missing)}) : {', '.join(missing)}")
    return 0


def add_parsers(sub: Subcommands) -> None:
    """Register ``media``."""
    p = sub.add_parser(
        "media",
        help="lister les documents et images gardés hors ligne",
        description="Liste les documents (PDF, tableurs…) et les images gardés hors ligne, "
        "avec le chemin de chaque fichier.",
    )
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_media)

"""The ``faq-reader`` command: the window by default, and subcommands for scripts.

Exit codes (DESIGN.md): 0 success (a search with no hit too), 1 a failure with one
clear line on stderr, 2 bad usage (argparse prints the usage line).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader import APP_NAME, __version__

if TYPE_CHECKING:
    from reader.content.library import LoadedContent


class CliError(Exception):
    """A failure to report as one line on stderr, exit code 1."""


def _load() -> LoadedContent:
    from reader.content.library import load_library

    loaded = load_library()
    for warning in loaded.warnings:
        print(f"{APP_NAME}: avertissement : {warning}", file=sys.stderr)
    return loaded


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_list(args: argparse.Namespace) -> int:
    library = _load().library
    rows = [
        {
            "id": q.id,
            "page": q.page_id,
            "section": q.section_title,
            "question": q.title,
            "answered": q.answered,
        }
        for q in library.questions()
    ]
    if args.json:
        _print_json(rows)
        return 0
    for page in library.pages:
        print(page.title)
        for section in page.sections:
            print(f"  {section.title}")
            for question in section.questions:
                mark = "" if question.answered else "  (sans réponse)"
                print(f"    {question.title}{mark}")
                print(f"      {question.id}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from reader.render.document import page_fragment, question_fragment

    loaded = _load()
    library = loaded.library
    question = library.question(args.id)
    page = library.page(args.id) if question is None else None
    if question is None and page is None:
        raise CliError(f"aucune question ni page n'a l'identifiant « {args.id} »")
    if args.html:
        if question is not None:
            print(question_fragment(loaded, question))
        else:
            assert page is not None
            print(page_fragment(loaded, page))
        return 0
    if question is not None:
        print(question.title)
        print(f"[{question.section_title}]")
        print()
        print(question.answer if question.answered else "(sans réponse)")
        return 0
    assert page is not None
    print(f"# {page.title}\n")
    if page.intro:
        print(page.intro + "\n")
    for section in page.sections:
        print(f"## {section.title}\n")
        if section.intro:
            print(section.intro + "\n")
        for q in section.questions:
            print(f"### {q.title}\n")
            print((q.answer if q.answered else "(sans réponse)") + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from reader.fsutil import atomic_write_text
    from reader.render.document import page_document

    loaded = _load()
    page = loaded.library.page(args.page)
    if page is None:
        raise CliError(f"aucune page n'a l'identifiant « {args.page} »")
    document = page_document(loaded, page)
    if args.output:
        from pathlib import Path

        try:
            atomic_write_text(Path(args.output), document)
        except OSError as error:
            raise CliError(f"impossible d'écrire {args.output} : {error.strerror}") from error
    else:
        sys.stdout.write(document)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from reader.paths import MODE_LABELS, resources_dir, storage_problem, user_dirs

    loaded = _load()
    dirs = user_dirs()
    problem = storage_problem(dirs)
    manifest = loaded.content.manifest
    origin = "fourni avec l'application" if loaded.origin == "bundled" else "mis à jour"
    info = {
        "version": __version__,
        "content": {
            "origin": loaded.origin,
            "folder": str(loaded.content.root),
            "wiki": manifest.wiki,
            "pages": [
                {
                    "id": p.id,
                    "revision": p.revision,
                    "last_modified": p.last_modified,
                    "fetched": p.fetched,
                    "sha256": p.sha256,
                }
                for p in manifest.pages
            ],
            "questions": sum(1 for _ in loaded.library.questions()),
        },
        "resources": str(resources_dir()),
        "user_files": {
            "mode": dirs.mode,
            "writable": problem is None,
            "problem": problem,
            "data": str(dirs.data),
            "cache": str(dirs.cache),
            "config": str(dirs.config),
            "log": str(dirs.log),
        },
        "warnings": list(loaded.warnings),
    }
    if args.json:
        _print_json(info)
        return 0
    print(f"{APP_NAME} {__version__}")
    print(f"Contenu : {origin} ({loaded.content.root})")
    print(f"Wiki : {manifest.wiki or '—'}")
    for p in manifest.pages:
        date = p.last_modified or "date inconnue"
        print(f"  {p.id} : révision {p.revision or '—'}, modifiée le {date}")
    print(f"Questions : {info['content']['questions']}")
    print(f"Fichiers personnels ({MODE_LABELS.get(dirs.mode, dirs.mode)}) :")
    if problem is not None:
        print(f"  attention : {problem}")
    for key, label in (("data", "données"), ("cache", "cache"), ("config", "réglages")):
        print(f"  {label} : {info['user_files'][key]}")
    print(f"  journal : {dirs.log}")
    return 0


def build_parser() -> argparse.ArgumentParser:
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

    p = sub.add_parser("list", help="lister les questions")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="afficher une question (ou une page)")
    p.add_argument("id", metavar="ID", help="identifiant <page>#<ancre> (ou d'une page)")
    p.add_argument("--html", action="store_true", help="HTML au lieu du texte")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("export", help="exporter une page entière en un document HTML")
    p.add_argument("page", metavar="PAGE", help="identifiant de la page")
    p.add_argument("--html", action="store_true", help="document HTML autonome (par défaut)")
    p.add_argument("-o", "--output", metavar="FICHIER", help="écrire dans un fichier")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("info", help="version, origine du contenu, emplacement des fichiers")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_info)

    for module in _optional_commands():
        module.add_parser(sub)
    return parser


def _optional_commands() -> list:
    """Subcommands that live in their own modules (search, refresh …), when present."""
    import importlib

    found = []
    for name in ("reader.search_cli", "reader.sync_cli", "reader.desktop_cli"):
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return found


def run_window(argv: Sequence[str]) -> int:
    """Start the window (the default command)."""
    try:
        from reader.ui.app import run
    except ModuleNotFoundError as error:
        if not (error.name or "").startswith("reader.ui"):
            raise
        print(f"{APP_NAME}: la fenêtre n'est pas encore disponible ; voici la FAQ :")
        return cmd_list(argparse.Namespace(json=False))
    return run(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--portable" in argv:
        from reader.paths import set_portable

        set_portable(True)
        argv = [a for a in argv if a != "--portable"]
    from reader.logs import setup_logging

    parser = build_parser()
    if not argv:
        from reader.logs import hold_early_records

        hold_early_records()  # the window opens the log file after its first paint
        return run_window(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    setup_logging(console=False)
    if args.command != "info":  # info reports it in its own words
        from reader.paths import storage_problem

        if (problem := storage_problem()) is not None:
            print(f"{APP_NAME}: {problem}", file=sys.stderr)
    try:
        return int(args.func(args))
    except CliError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0

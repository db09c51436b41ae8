"""``faq-reader list``, ``show``, ``export`` and ``info``: reading the content held."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader import APP_NAME, __version__
from reader.cli.common import CliError, load, print_json

if TYPE_CHECKING:
    from reader.paths import Paths


def cmd_list(args: argparse.Namespace, paths: Paths) -> int:
    library = load(paths).library
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
        print_json(rows)
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


def cmd_show(args: argparse.Namespace, paths: Paths) -> int:
    from reader.render.document import page_fragment, question_fragment

    loaded = load(paths)
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


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from reader.fsutil import atomic_write_text
    from reader.render.document import page_document

    loaded = load(paths)
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


def cmd_info(args: argparse.Namespace, paths: Paths) -> int:
    from reader.paths import MODE_LABELS, storage_problem

    loaded = load(paths)
    problem = storage_problem(paths)
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
        "resources": str(paths.resources),
        "user_files": {
            "mode": paths.mode,
            "writable": problem is None,
            "problem": problem,
            "data": str(paths.data),
            "cache": str(paths.cache),
            "config": str(paths.config),
            "log": str(paths.log),
        },
        "warnings": list(loaded.warnings),
    }
    if args.json:
        print_json(info)
        return 0
    print(f"{APP_NAME} {__version__}")
    print(f"Contenu : {origin} ({loaded.content.root})")
    print(f"Wiki : {manifest.wiki or '—'}")
    for p in manifest.pages:
        date = p.last_modified or "date inconnue"
        print(f"  {p.id} : révision {p.revision or '—'}, modifiée le {date}")
    print(f"Questions : {info['content']['questions']}")
    print(f"Fichiers personnels ({MODE_LABELS.get(paths.mode, paths.mode)}) :")
    if problem is not None:
        print(f"  attention : {problem}")
    for key, label in (("data", "données"), ("cache", "cache"), ("config", "réglages")):
        print(f"  {label} : {info['user_files'][key]}")
    print(f"  journal : {paths.log}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register ``list``, ``show``, ``export`` and ``info``."""
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

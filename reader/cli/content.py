"""``faq-reader list``, ``show``, ``export`` and ``info``: reading the content held."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader import APP_NAME, __version__
from reader.cli.common import CliError, load, print_json

if TYPE_CHECKING:
    from reader.cli.french import Subcommands
    from reader.cli.lookup import Found
    from reader.content.library import LoadedContent
    from reader.content.model import Page
    from reader.paths import Paths


def _width() -> int:
    """Columns to wrap to: the terminal's, within reason (80 when not a terminal)."""
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def cmd_list(args: argparse.Namespace, paths: Paths) -> int:
    from reader.cli.lookup import numbered

    library = load(paths).library
    questions = numbered(library)
    if args.json:
        print_json(
            [
                {
                    "n": n,
                    "id": q.id,
                    "page": q.page_id,
                    "section": q.section_title,
                    "question": q.title,
                    "answered": q.answered,
                    "linked": q.linked,
                }
                for n, q in enumerate(questions, 1)
            ]
        )
        return 0
    from reader.render.text import wrap

    width = _width()
    number = {q.id: n for n, q in enumerate(questions, 1)}
    digits = len(str(len(questions)))
    for page in library.pages:
        if page.linked:
            _list_linked(page, number, digits, width)
            continue
        print(page.title)
        for section in page.sections:
            print(
                "\n".join(wrap(section.title, width, initial_indent="  ", subsequent_indent="  "))
            )
            for question in section.questions:
                mark = "" if question.answered else "  (sans réponse)"
                handle = f"{number[question.id]:>{digits}}. "
                indent = " " * (4 + len(handle))
                title = wrap(question.title + mark, width, initial_indent="    " + handle,
                             subsequent_indent=indent)  # fmt: skip
                print("\n".join(title))
    if questions:
        print(f"\nPour lire une réponse : {APP_NAME} show NUMÉRO (par exemple {APP_NAME} show 1)")
    return 0


def _list_linked(page: Page, number: dict[str, int], digits: int, width: int) -> None:
    """A linked page's headings, numbered like questions: a section's own heading, then
    the headings under it, indented."""
    from reader.render.text import wrap

    print(f"{page.title} (page liée)")
    for section in page.sections:
        for entry in section.questions:
            under = entry.anchor not in (section.anchor, page.title_anchor)
            indent = "      " if under else "    "
            handle = f"{number[entry.id]:>{digits}}. "
            title = wrap(entry.title, width, initial_indent=indent + handle,
                         subsequent_indent=" " * (len(indent) + len(handle)))  # fmt: skip
            print("\n".join(title))


def _find(loaded: LoadedContent, typed: str, what: str) -> Found:
    from reader.cli.lookup import find

    found = find(loaded.library, typed)
    if found is None:
        raise CliError(f"aucune {what} n'a l'identifiant « {typed} »")
    return found


def _resolver(loaded: LoadedContent, same_page: str | None = None) -> Callable[[str], str | None]:
    from reader.cli.lookup import link_resolver
    from reader.content.manifest import media_path

    root = loaded.content.root

    def stored(media_id: str) -> str | None:
        path = root / media_path(media_id)
        return str(path) if path.is_file() else None

    return link_resolver(loaded.wiki, stored, same_page)


def cmd_show(args: argparse.Namespace, paths: Paths) -> int:
    loaded = load(paths)
    found = _find(loaded, args.id, "question ni page")
    if args.html:
        from reader.render.document import page_fragment, question_fragment

        if found.question is not None:
            print(question_fragment(loaded, found.question))
        else:
            assert found.page is not None
            print(page_fragment(loaded, found.page))
        return 0
    from reader.cli.show_text import page_text, question_text

    width = _width()
    resolve = _resolver(loaded)
    if found.question is not None:
        print(question_text(loaded, found.question, width, resolve))
    else:
        assert found.page is not None
        print(page_text(loaded, found.page, width, resolve))
    return 0


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from reader.fsutil import atomic_write_text
    from reader.render.document import page_document

    loaded = load(paths)
    found = _find(loaded, args.page, "page")
    page = found.page
    if page is None:  # a question named: its whole page is exported
        assert found.question is not None
        page = loaded.library.page(found.question.page_id)
        assert page is not None
    document = page_document(loaded, page, _resolver(loaded, same_page=page.id))
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
    from reader.content.model import LINKED
    from reader.paths import MODE_LABELS, storage_problem

    loaded = load(paths)
    problem = storage_problem(paths)
    manifest = loaded.content.manifest
    origin = "fourni avec l'application" if loaded.origin == "bundled" else "mis à jour"
    questions = sum(1 for _ in loaded.library.questions())
    user_files = {
        "mode": paths.mode,
        "writable": problem is None,
        "problem": problem,
        "data": str(paths.data),
        "cache": str(paths.cache),
        "config": str(paths.config),
        "log": str(paths.log),
    }
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
                    "role": p.role,
                }
                for p in manifest.pages
            ],
            "questions": questions,
        },
        "resources": str(paths.resources),
        "user_files": user_files,
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
        linked = " (page liée)" if p.role == LINKED else ""
        print(f"  {p.id}{linked} : révision {p.revision or '—'}, modifiée le {date}")
    print(f"Questions : {questions}")
    print(f"Fichiers personnels ({MODE_LABELS.get(paths.mode, paths.mode)}) :")
    if problem is not None:
        print(f"  attention : {problem}")
    for key, label in (("data", "données"), ("cache", "cache"), ("config", "réglages")):
        print(f"  {label} : {user_files[key]}")
    print(f"  journal : {paths.log}")
    return 0


def add_parsers(sub: Subcommands) -> None:
    """Register ``list``, ``show``, ``export`` and ``info``."""
    p = sub.add_parser("list", help="lister les questions")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "show",
        help="afficher une question (ou une page)",
        description="Affiche une réponse, mise en forme pour le terminal.",
    )
    p.add_argument(
        "id",
        metavar="ID",
        help="numéro donné par « list », identifiant <page>#<ancre>, identifiant ou adresse "
        "d'une page",
    )
    p.add_argument("--html", action="store_true", help="HTML au lieu du texte")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("export", help="exporter une page entière en un document HTML")
    p.add_argument("page", metavar="PAGE", help="identifiant ou adresse de la page")
    p.add_argument("--html", action="store_true", help="document HTML autonome (par défaut)")
    p.add_argument("-o", "--output", metavar="FICHIER", help="écrire dans un fichier")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("info", help="version, origine du contenu, emplacement des fichiers")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    p.set_defaults(func=cmd_info)

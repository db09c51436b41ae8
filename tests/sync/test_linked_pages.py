"""The wiki around the FAQ, brought home: the pages its answers link to and its documents,
from a real DokuWiki (``tests/data/linked_wiki``), to the depth and within the budgets the
user sets; what cannot be had is a warning, never a failure."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from reader.content.library import load_library
from reader.content.manifest import read_manifest
from reader.content.store import UserStore
from reader.sync.errors import RefreshError
from reader.sync.history import rollback
from reader.sync.refresh import refresh
from reader.sync.sources import Following, Sources
from tests.sync.conftest import (
    FAST,
    LINKED_SEED,
    DokuWiki,
    faq,
    paths_of,
    snapshot,
)

pytestmark = pytest.mark.dokuwiki

FAQ = "faq:kit"
DEPTH_1 = [
    "cagette-pro:interface-producteur",  # absolute, another namespace
    "cagette-pro:vendre-pour-d-autres-producteurs",  # relative "..:" with a #section
    "support",  # "[[:support]]", the root
    "faq:livraison",  # relative ".:"
    "aide:aide",  # "[[aide:]]": no aide:start, the page named like the namespace
]
PDF = base64.b64decode((LINKED_SEED / "media" / "faq" / "guide.pdf.b64").read_text())


def run(url: str, data_dir: Path, **following: int):
    return refresh(Sources(url, (FAQ,), Following(**following)), paths_of(data_dir), limits=FAST)


def page_ids(data_dir: Path) -> list[str]:
    return [p.id for p in load_library(paths_of(data_dir)).library.pages]


def test_a_refresh_brings_the_pages_the_faq_links_to_and_its_documents(
    wiki: DokuWiki, data_dir: Path
) -> None:
    summary = run(wiki.url, data_dir)

    assert summary.committed
    loaded = load_library(paths_of(data_dir))
    library = loaded.library
    assert [p.id for p in library.pages] == [FAQ, *DEPTH_1]  # the FAQ first, then as met
    assert [p.linked for p in library.pages] == [False] + [True] * len(DEPTH_1)
    assert library.page("aide:start") is library.page("aide:aide")  # DokuWiki's start page
    # "#Créer un compte invité" lands on the heading of that name, with DokuWiki's id
    section = "cagette-pro:vendre-pour-d-autres-producteurs#creer_un_compte_invite"
    assert library.question(section).title == "Créer un compte invité"
    answer = library.question("faq:kit#comment_vendre_pour_un_autre_producteur").answer
    assert f"wiki:{section}" in answer
    assert "https://www.cagette.net" in library.question("faq:kit#ou_trouver_de_l_aide").answer
    # the document, byte for byte, beside the pages
    guide = read_manifest(loaded.content.root).media_entry("faq:guide.pdf")
    assert guide is not None and (guide.kind, guide.size) == ("document", len(PDF))
    assert (loaded.content.root / guide.path).read_bytes() == PDF
    # what cannot be had: one warning each, naming it; the refresh still succeeds
    assert len(summary.warnings) == 3, summary.warnings
    denied, missing, document = sorted(summary.warnings, key=lambda w: w.split()[1])
    assert denied.startswith("page liée « prive:interne » : le wiki demande de se connecter")
    assert missing.startswith("page liée « faq:absente » : cette page n'existe pas")
    assert document.startswith("document « faq:tarifs.ods » (page « faq:kit ») : fichier absent")
    assert read_manifest(loaded.content.root).missing_media() == {"faq:tarifs.ods"}
    unavailable = read_manifest(loaded.content.root).unavailable_pages()
    assert unavailable == {"prive:interne": "login", "faq:absente": "missing"}
    lines = summary.lines()
    assert "Pages liées : 5 ajoutée(s)." in lines
    assert "  « L'interface Producteur » (cagette-pro:interface-producteur) : ajoutée" in lines


@pytest.mark.parametrize(
    ("depth", "pages"),
    [
        (0, [FAQ]),
        (1, [FAQ, *DEPTH_1]),
        (2, [FAQ, *DEPTH_1, "cagette-pro:catalogues"]),  # two links away
        (3, [FAQ, *DEPTH_1, "cagette-pro:catalogues", "cagette-pro:avance"]),
    ],
)
def test_the_depth_says_how_far_links_are_followed_and_loops_end(
    wiki: DokuWiki, data_dir: Path, depth: int, pages: list[str]
) -> None:
    run(wiki.url, data_dir, depth=depth)

    assert page_ids(data_dir) == pages  # each page once: faq:kit ↔ interface ↔ catalogues
    root = load_library(paths_of(data_dir)).content.root
    assert (root / "media" / "faq" / "guide.pdf").read_bytes() == PDF  # the FAQ's own


def test_a_budget_reached_leaves_out_what_is_over_and_names_it(
    wiki: DokuWiki, data_dir: Path
) -> None:
    assert len(PDF) > 400
    summary = run(wiki.url, data_dir, max_pages=2, max_document_bytes=400)

    assert summary.committed
    assert page_ids(data_dir) == [FAQ, *DEPTH_1[:2]]
    lines = summary.lines()
    assert "Laissé de côté : page liée « support » (limite de 2 pages liées atteinte)." in lines
    assert "Laissé de côté : document « faq:guide.pdf » (fichier de plus de 400 octets)." in lines
    assert not any("support" in w or "guide.pdf" in w for w in summary.warnings)  # not errors

    total = run(wiki.url, data_dir, max_total_bytes=600)  # room for a page or two
    held = page_ids(data_dir)
    assert held[0] == FAQ and 1 <= len(held) - 1 < len(DEPTH_1)
    assert any("en tout atteinte" in line for line in total.lines())


def test_the_cli_follows_to_the_depth_given_and_lists_linked_entries_and_documents(
    wiki: DokuWiki, faq_home: Path
) -> None:
    args = ("--wiki", wiki.url, "--page", FAQ, "--depth", "2", "--max-pages", "3", "--replace")
    result = faq(faq_home, "refresh", *args)
    assert result.returncode == 0, result.stderr
    assert "Laissé de côté : page liée « faq:livraison » (limite de 3 pages" in result.stdout
    saved = json.loads((faq_home / "config" / "sources.json").read_text(encoding="utf-8"))
    assert (saved["depth"], saved["max_pages"]) == (2, 3)  # kept for the next refresh

    rows = json.loads(faq(faq_home, "list", "--json").stdout)
    linked = [r for r in rows if r["page"] == "cagette-pro:interface-producteur"]
    assert [r["question"] for r in linked] == [
        "L'interface Producteur",
        "L'onglet Utilisateurs",
        "Ajouter un utilisateur",
        "Retour à la FAQ",
    ]
    assert all(r["linked"] and r["id"].startswith(r["page"] + "#") for r in linked)
    assert not any(r["linked"] for r in rows if r["page"] == FAQ)

    media = json.loads(faq(faq_home, "media", "--json").stdout)
    assert [(m["id"], m["bytes"], m["kind"]) for m in media] == [
        ("faq:guide.pdf", len(PDF), "document")
    ]
    assert Path(media[0]["path"]).is_absolute()
    assert Path(media[0]["path"]).read_bytes() == PDF
    plain = faq(faq_home, "media")
    assert (
        "faq:guide.pdf" in plain.stdout and "Absents du wiki (1) : faq:tarifs.ods" in plain.stdout
    )


def test_a_linked_page_edited_on_the_wiki_is_taken_again_the_others_are_not_rewritten(
    linked_wiki: DokuWiki, data_dir: Path
) -> None:
    run(linked_wiki.url, data_dir)
    first = UserStore(data_dir).current()
    assert first is not None
    support = first / "pages" / "support.txt"
    text = (first / "pages" / "cagette-pro" / "interface-producteur.txt").read_text("utf-8")
    linked_wiki.edit(
        "cagette-pro:interface-producteur",
        text + "\n===== Les catalogues =====\n\nUn onglet par catalogue.\n",
    )

    summary = run(linked_wiki.url, data_dir)

    assert summary.committed
    status = {p.page_id: p.status for p in summary.linked}
    assert status.pop("cagette-pro:interface-producteur") == "changed"
    assert set(status.values()) == {"unchanged"}
    library = load_library(paths_of(data_dir)).library
    assert library.question("cagette-pro:interface-producteur#les_catalogues") is not None
    second = UserStore(data_dir).current()
    assert second is not None and second != first
    assert (second / "pages" / "support.txt").stat().st_ino == support.stat().st_ino
    assert "  « L'interface Producteur » (cagette-pro:interface-producteur) : modifiée" in (
        summary.lines()
    )
    assert rollback(data_dir)  # the previous content, linked pages included, comes back
    library = load_library(paths_of(data_dir)).library
    assert library.question("cagette-pro:interface-producteur#les_catalogues") is None
    assert library.page("cagette-pro:interface-producteur") is not None


def test_a_linked_page_gone_from_the_wiki_keeps_its_earlier_copy_with_one_warning(
    linked_wiki: DokuWiki, data_dir: Path
) -> None:
    run(linked_wiki.url, data_dir)
    before = snapshot(data_dir)
    linked_wiki.delete("support")

    summary = run(linked_wiki.url, data_dir)

    assert [w for w in summary.warnings if "support" in w] == [
        "page liée « Le support » (support) : cette page n'existe pas sur le wiki ; "
        "la copie précédente est gardée"
    ]
    assert not summary.committed and snapshot(data_dir) == before  # nothing else changed
    assert load_library(paths_of(data_dir)).library.page("support") is not None


def test_a_listed_page_that_fails_still_fails_the_whole_refresh(
    wiki: DokuWiki, data_dir: Path
) -> None:
    run(wiki.url, data_dir)
    before = snapshot(data_dir)
    with pytest.raises(RefreshError, match="« faq:absente » : cette page n'existe pas"):
        refresh(Sources(wiki.url, (FAQ, "faq:absente")), paths_of(data_dir), limits=FAST)
    assert snapshot(data_dir) == before


@pytest.mark.skipif(os.name != "posix", reason="hard links checked by inode")
def test_an_unchanged_document_is_not_downloaded_again(wiki: DokuWiki, data_dir: Path) -> None:
    run(wiki.url, data_dir, depth=0)
    (data_dir / "marker").write_text("x")
    again = run(wiki.url, data_dir, depth=0)
    assert not again.committed and again.media_fetched == 0  # fetch.php answered 304


def test_a_pack_carries_the_linked_pages_and_documents_to_another_computer(
    wiki: DokuWiki, faq_home: Path, tmp_path: Path
) -> None:
    assert faq(faq_home, "refresh", "--wiki", wiki.url, "--page", FAQ, "--replace").returncode == 0
    pack = tmp_path / "clé" / "contenu.faqpack"
    pack.parent.mkdir()
    assert faq(faq_home, "pack", "export", str(pack)).returncode == 0

    offline = tmp_path / "ferme"  # a computer that is never online
    imported = faq(offline, "pack", "import", str(pack))

    assert imported.returncode == 0, imported.stderr
    loaded = load_library(paths_of(offline / "data"))
    assert [(p.id, p.linked) for p in loaded.library.pages] == [
        (FAQ, False),
        *((page_id, True) for page_id in DEPTH_1),
    ]
    media = json.loads(faq(offline, "media", "--json").stdout)
    assert [(m["id"], m["kind"], m["bytes"]) for m in media] == [
        ("faq:guide.pdf", "document", len(PDF))
    ]

"""A linked wiki page as the reader holds it: its headings are its entries, grouped two
levels deep, with DokuWiki's anchors; searched with the FAQ, which comes first when it
answers as well; kept in the page cache and the manifest with its role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.content.linked_outline import build_linked_page
from reader.content.manifest import Manifest, MediaEntry, PageEntry, manifest_json, parse_manifest
from reader.content.model import LINKED, Library
from reader.content.outline import build_page
from reader.content.page_cache import PageCache
from reader.paths import resources_dir
from reader.sync.sources import Following, load_sources, read_sources, save_sources

DOC = """Texte avant le titre.
====== L'interface Producteur ======
Elle rassemble [[.:catalogues|les catalogues]] et {{.:guide.pdf|le guide}}.
===== Présentation =====
Une vue d'ensemble.
==== Les onglets ====
Un onglet par usage.
=== Le détail ===
===== Gérer les produits =====
==== Ajouter un produit ====
Voir [[faq:kit#Une question]].
<code>
===== pas un titre =====
</code>
"""


def outline(page) -> list[tuple[str, list[str]]]:
    return [(s.title, [q.title for q in s.questions]) for s in page.sections]


def test_every_heading_is_an_entry_grouped_under_the_highest_level() -> None:
    page = build_linked_page("cagette-pro:interface", DOC)

    assert (page.role, page.linked, page.title) == (LINKED, True, "L'interface Producteur")
    assert outline(page) == [
        ("L'interface Producteur", ["L'interface Producteur"]),  # the text under the title
        ("Présentation", ["Présentation", "Les onglets", "Le détail"]),
        ("Gérer les produits", ["Gérer les produits", "Ajouter un produit"]),
    ]
    entries = {q.title: q for q in page.questions()}
    assert all(q.linked for q in entries.values())
    assert entries["Les onglets"].id == "cagette-pro:interface#les_onglets"
    assert entries["L'interface Producteur"].answer.startswith("Texte avant le titre.")
    assert entries["Le détail"].answer == ""  # a heading with nothing under it
    assert "pas un titre" in entries["Ajouter un produit"].answer  # inside <code>
    assert page.links == ("cagette-pro:catalogues", "faq:kit")
    assert page.media == ("cagette-pro:guide.pdf",)
    assert page.intro == ""


def test_a_page_of_one_level_is_one_entry_a_heading_and_bare_text_one_entry() -> None:
    flat = build_linked_page("support", "== Écrire ==\nPar courriel.\n== Appeler ==\nLe lundi.\n")
    assert outline(flat) == [("Écrire", ["Écrire"]), ("Appeler", ["Appeler"])]
    bare = build_linked_page("note", "Juste du texte, sans titre.\n")
    assert (bare.title, outline(bare)) == ("Note", [("Note", ["Note"])])
    assert build_linked_page("vide", "").sections == ()


def test_the_same_text_listed_or_linked_gives_each_its_own_outline() -> None:
    text = "====== FAQ ======\n===== Partie =====\n==== Question ? ====\nRéponse.\n"
    listed, linked = build_page("faq:p", text), build_linked_page("faq:p", text)
    assert outline(listed) == [("Partie", ["Question ?"])]
    assert outline(linked) == [("Partie", ["Partie", "Question ?"])]
    assert not any(q.linked for q in listed.questions())


def test_the_page_cache_keeps_a_linked_page_apart_from_the_same_text_listed(
    tmp_path: Path,
) -> None:
    from reader.content.model import PageSource

    cache = PageCache(tmp_path)
    linked = cache.load("cagette-pro:interface", "ab" * 32, DOC, PageSource(), role=LINKED)
    again = PageCache(tmp_path).get("cagette-pro:interface", "ab" * 32, PageSource(), LINKED)
    assert again == linked
    listed = PageCache(tmp_path).get("cagette-pro:interface", "ab" * 32, PageSource())
    assert listed is None  # the same file as a FAQ page is another entry


def test_the_faq_comes_first_when_it_answers_as_well_as_a_linked_page() -> None:
    from reader.search.index import SearchIndex

    faq = build_page(
        "faq:kit",
        "====== FAQ ======\n===== Comptes =====\n==== Qui peut m'aider ? ====\n"
        "Un bénévole peut vous aider.\n",
    )
    doc = build_linked_page(
        "cagette-pro:benevoles",
        "====== Les bénévoles ======\n===== Un bénévole =====\n"
        "Un bénévole, des bénévoles : le bénévole aide le bénévole.\n",
    )
    index = SearchIndex.open(Library((faq, doc)), None)
    try:
        hits = index.search("bénévole").hits
    finally:
        index.close()
    assert [h.page for h in hits][:2] == ["faq:kit", "cagette-pro:benevoles"]
    assert hits[1].id == "cagette-pro:benevoles#un_benevole"  # a hit points to the section


def test_the_manifest_keeps_a_pages_role_and_a_documents_kind_and_size() -> None:
    manifest = Manifest(
        "https://w/",
        (
            PageEntry("faq:kit", "pages/faq/kit.txt", "a" * 64),
            PageEntry("doc", "pages/doc.txt", "b" * 64, role=LINKED),
        ),
        (MediaEntry("faq:guide.pdf", "media/faq/guide.pdf", "c" * 64, kind="document", size=427),),
        extra={"page_aliases": {"aide:start": "aide:aide"}, "missing_media": ["faq:x.ods"]},
    )
    parsed = parse_manifest(manifest_json(manifest))
    assert [p.role for p in parsed.pages] == ["listed", LINKED]
    assert parsed.media == manifest.media
    assert parsed.aliases() == {"aide:start": "aide:aide"}
    assert parsed.missing_media() == {"faq:x.ods"}
    older = json.loads(manifest_json(manifest))
    del older["pages"][1]["role"], older["media"][0]["size"]  # a set from before
    old = parse_manifest(json.dumps(older))
    assert (old.pages[1].role, old.media[0].size) == ("listed", None)


def test_depth_and_budgets_are_saved_with_the_sources_and_a_bad_value_falls_back(
    tmp_path: Path,
) -> None:
    assert load_sources(tmp_path, resources_dir()).following == Following()
    chosen = load_sources(tmp_path, resources_dir())
    save_sources(tmp_path, chosen.with_kept("faq:absente"))
    assert load_sources(tmp_path, resources_dir()).kept == ("faq:absente",)

    raw = json.loads((tmp_path / "sources.json").read_text(encoding="utf-8"))
    raw.update(depth=7, max_pages="beaucoup", max_total_bytes=1024)
    (tmp_path / "sources.json").write_text(json.dumps(raw), encoding="utf-8")
    saved = read_sources(tmp_path, resources_dir())

    assert saved.sources.following == Following(max_total_bytes=1024)
    assert "depth, max_pages" in saved.warning and not saved.unreadable
    assert saved.sources.kept == ("faq:absente",)  # the rest of the file still counts
    assert json.loads((tmp_path / "sources.json").read_text(encoding="utf-8")) == raw


@pytest.mark.parametrize("broken", ["{", '{"wiki": "https://w/", "pages": [], "kept": 3}'])
def test_keeping_a_page_offline_never_replaces_an_unreadable_sources_file(
    tmp_path: Path, broken: str
) -> None:
    from reader.sync.sources import keep_offline

    (tmp_path / "sources.json").write_text(broken, encoding="utf-8")
    with pytest.raises(OSError, match="illisible"):
        keep_offline(tmp_path, resources_dir(), "faq:absente")
    assert (tmp_path / "sources.json").read_text(encoding="utf-8") == broken

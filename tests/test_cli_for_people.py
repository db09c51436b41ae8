"""The command line read by a person in a terminal: ``show``, ``list``, ``export``, ``--help``.

A producer who has no window (an SSH session, a broken display) or prefers a terminal
reads the answers there: text laid out for a terminal, handles short enough to type, the
page ids and addresses they copy from the wiki accepted as they are, French throughout.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_cli import REPO, faq

CLI_PAGE = REPO / "tests" / "data" / "cli" / "producteurs_etrangers.txt"
WIKI_PAGES = REPO / "tests" / "data" / "wiki" / "pages" / "faq"
LOGO = REPO / "tests" / "data" / "dokuwiki" / "media" / "faq" / "logo.png.b64"

# What must never reach a person's terminal: tags, entities, DokuWiki or Markdown markup,
# the app's own link schemes.
MARKUP = re.compile(
    r"</?[a-z][a-z0-9]*[\s/>]|&(?:amp|lt|gt|quot|nbsp|#\d+);|\*\*|\[\[|\]\]|\{\{|\}\}|"
    r"(?<!:)//(?!\S*\.)|\]\(|\\\\|\bwiki:|\bmedia:"
)


def install(home: Path) -> None:
    """A refreshed content set: the bundled FAQ, the test wiki's pages and a page whose id
    a person would type with accents (``faq:producteurs_étrangers``), with an image."""
    import base64

    from reader.content.manifest import MediaEntry, page_path, read_manifest, write_manifest
    from reader.content.store import UserStore
    from reader.fsutil import sha256_bytes
    from reader.paths import resources_dir

    bundled = read_manifest(resources_dir())
    store = UserStore(home / "data")
    staged = store.stage()
    texts = {"faq-kit-durgence": (resources_dir() / bundled.pages[0].path).read_bytes()}
    for path in sorted(WIKI_PAGES.glob("*.txt")):
        texts[f"faq:{path.stem}"] = path.read_bytes()
    texts["faq:producteurs_etrangers"] = CLI_PAGE.read_bytes()
    entries = []
    for page_id, data in texts.items():
        target = staged / page_path(page_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        entries.append(
            replace(
                bundled.pages[0], id=page_id, path=page_path(page_id), sha256=sha256_bytes(data)
            )
        )
    png = base64.b64decode(LOGO.read_text())
    (staged / "media" / "faq").mkdir(parents=True)
    (staged / "media" / "faq" / "logo.png").write_bytes(png)
    media = MediaEntry("faq:logo.png", "media/faq/logo.png", sha256_bytes(png))
    write_manifest(staged, replace(bundled, pages=tuple(entries), media=(media,)))
    store.commit(staged)


@pytest.fixture
def home(faq_home: Path) -> Path:
    install(faq_home)
    return faq_home


def questions(home: Path) -> list[dict]:
    result = faq("list", "--json", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_answer_reads_in_a_terminal_without_markup(home: Path) -> None:
    rows = questions(home)
    assert len(rows) > 40
    for row in rows:
        shown = faq("show", row["id"], home=home)
        assert shown.returncode == 0, shown.stderr
        text = shown.stdout
        assert text.startswith(row["question"].split()[0])
        found = MARKUP.search(text)
        assert found is None, f"{row['id']}: {found.group()!r} in\n{text}"
        if row["answered"]:
            assert "(sans réponse)" not in text
        assert all(len(line) <= 100 for line in text.splitlines() if "://" not in line)


def test_a_table_is_laid_out_in_columns_and_lists_get_bullets(home: Path) -> None:
    text = faq("show", "faq:producteurs_etrangers#quels_tarifs_pratiquer_a_l_etranger", home=home)
    lines = text.stdout.splitlines()
    header = next(line for line in lines if line.startswith("Produit"))
    row = next(line for line in lines if line.startswith("Poireaux"))
    assert header.index("|") == row.index("|")  # the columns line up
    assert re.search(r"^-+\+-+\+-+$", lines[lines.index(header) + 1])
    assert "• Pensez au taux de change." in lines
    assert "  • en Belgique ;" in lines  # nested, indented under its item
    assert "1. d'abord le catalogue," in lines
    assert "    Prix TTC = Prix HT × 1,055" in lines  # code as typed, indented
    assert "| Astuce : un tableau de prix clair rassure les clients." in lines
    assert "& s'affichent toutes taxes comprises ; exemple < 5 € :" in " ".join(lines)


def test_images_and_links_are_named_with_their_address(home: Path) -> None:
    text = faq("show", "faq:producteurs_etrangers#quels_tarifs_pratiquer_a_l_etranger", home=home)
    flat = " ".join(text.stdout.split())
    assert "[image : le logo de la boutique]" in flat
    assert "le site (https://www.cagette.net)" in flat
    assert (
        "la question suivante (https://wiki.cagette.net/doku.php?id=faq:producteurs_etrangers"
        "#peut-on_livrer_en_suisse)" in flat
    )
    # A document not held points to the wiki's copy.
    assert "guide des tarifs (https://wiki.cagette.net/lib/exe/fetch.php?media=faq:guide.pdf)" in (
        flat
    )
    assert text.stdout.rstrip().endswith(
        "Sur le wiki : https://wiki.cagette.net/doku.php?id=faq:producteurs_etrangers"
        "#quels_tarifs_pratiquer_a_l_etranger"
    )


def test_a_footnote_is_a_numbered_note(home: Path) -> None:
    text = faq("show", "faq:producteurs_etrangers#peut-on_livrer_en_suisse", home=home).stdout
    assert "transporteur[1] qui gère la douane." in text
    assert "Notes :" in text and "1. par exemple La Poste Suisse" in text


def test_list_numbers_the_questions_and_show_takes_the_number(home: Path) -> None:
    listed = faq("list", home=home).stdout
    assert "    1. Suis-je obligé de suivre la formation" in listed
    assert "show NUMÉRO" in listed
    rows = questions(home)
    third = rows[2]
    assert third["n"] == 3
    assert faq("show", "3", home=home).stdout == faq("show", third["id"], home=home).stdout
    missing = faq("show", str(len(rows) + 1), home=home)
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "typed",
    [
        "faq:producteurs_étrangers",
        "FAQ:Producteurs étrangers",
        "https://wiki.cagette.net/doku.php?id=faq:producteurs_etrangers",
        "https://wiki.cagette.net/faq:producteurs_etrangers",
        "https://wiki.cagette.net/doku.php/faq:producteurs_etrangers",
        "Producteurs étrangers",  # the page's title
    ],
)
def test_show_and_export_take_a_page_as_refresh_does(home: Path, typed: str) -> None:
    shown = faq("show", typed, home=home)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Producteurs étrangers\n=====")
    exported = faq("export", typed, "--html", home=home)
    assert exported.returncode == 0, exported.stderr
    assert "<title>Producteurs étrangers</title>" in exported.stdout


def test_a_pasted_question_address_shows_that_question(home: Path) -> None:
    url = "https://wiki.cagette.net/doku.php?id=faq:producteurs_etrangers#peut-on_livrer_en_suisse"
    assert faq("show", url, home=home).stdout.startswith("Peut-on livrer en Suisse ?")


def test_exported_html_has_no_dead_links(home: Path) -> None:
    document = faq("export", "faq:producteurs_etrangers", "--html", home=home).stdout
    hrefs = re.findall(r'href="([^"]*)"', document)
    assert hrefs
    assert not [h for h in hrefs if h.startswith(("wiki:", "media:"))]
    assert "#peut-on_livrer_en_suisse" in hrefs  # same page: an anchor of the document
    assert 'id="peut-on_livrer_en_suisse"' in document
    assert (
        "https://wiki.cagette.net/doku.php?id=faq-kit-durgence"
        "#que_faire_avec_les_producteurs_qui_n_ont_pas_le_temps_de_mettre_en_place_leur_compte_producteur"
        in hrefs
    )


@pytest.mark.parametrize("args", [("--help",), ("show", "--help"), ("search", "--help")])
def test_help_is_french_throughout(faq_home: Path, args: tuple[str, ...]) -> None:
    result = faq(*args, home=faq_home)
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("utilisation : faq-reader")
    assert "afficher cette aide et quitter" in text
    for english in ("usage:", "positional arguments", "options:", "show this help", "optional"):
        assert english not in text


def test_a_usage_error_is_french_too(faq_home: Path) -> None:
    result = faq("show", home=faq_home)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "faq-reader show : erreur : arguments obligatoires manquants : ID"
    )

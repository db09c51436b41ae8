"""The bundled FAQ, as a reader opening the app for the first time finds it."""

from __future__ import annotations

import re
from pathlib import Path

from reader.content.manifest import read_manifest
from reader.fsutil import sha256_file
from reader.paths import resources_dir
from tests.bundled import bundled_faq
from tests.home import load_home_library

REPO = Path(__file__).resolve().parent.parent

SEED_TITLES = [
    "Suis-je obligé de suivre la formation à l'issue de la période de crise sanitaire ?",
    "Comment ça se passera après la crise pour l'accès Cagette Pro ?",
    "Je ne suis pas producteur, est-ce que je peux créer un compte et suivre le kit "
    "d'urgence pour aider des producteurs ?",
    "Peut-on créer un compte pour plusieurs producteurs qui souhaitent travailler ensemble ?",
    "Peut-on créer un compte Cagette Pro pour des producteurs étrangers ?",
    "Que faire avec les producteurs qui n'ont pas le temps de mettre en place leur compte "
    "producteur ?",
    "Si je me rends compte que l'outil ne me convient pas, puis-je supprimer mon compte "
    "Cagette Pro?",
    "Je suis producteur invité sur un groupe Cagette ou le Cagette Pro d'un autre producteur, "
    "comment faire pour le basculer sur mon Cagette Pro à moi ?",
    "Puis-je faire de la livraison avec Cagette ?",
]


def test_bundled_faq_has_one_title_two_sections_and_the_seed_questions() -> None:
    library = load_home_library().library
    assert [p.id for p in library.pages] == ["faq-kit-durgence"]
    page = library.pages[0]
    assert page.title == "FAQ du Kit d'Urgence"
    assert page.intro.startswith("Vous avez des interrogations")
    assert [s.title for s in page.sections] == [
        "Les modalités d'accès à Cagette Pro",
        "Que puis-je faire avec Cagette ?",
    ]
    assert [q.title for q in library.questions()] == SEED_TITLES


def test_seed_text_lists_the_same_questions_as_the_bundled_page() -> None:
    seed = REPO.parent / "shared" / "seed" / "faq-kit-durgence.txt"
    if not seed.is_file():  # CI's clone has shared/ beside it; a plain checkout may not
        return
    toc = [
        re.sub(r"\s+\d+$", "", line.strip(" -"))
        for line in seed.read_text(encoding="utf-8").splitlines()
        if line.startswith(" - ")
    ]
    assert toc == SEED_TITLES


def test_two_questions_are_unanswered_the_question_mark_and_the_empty_one() -> None:
    questions = list(load_home_library().library.questions())
    unanswered = [q.title for q in questions if not q.answered]
    assert unanswered == [SEED_TITLES[4], SEED_TITLES[8]]
    assert questions[4].answer.strip() == "?"
    assert questions[8].answer.strip() == ""


def test_question_ids_use_the_wikis_section_anchors() -> None:
    first = next(load_home_library().library.questions())
    assert first.id == (
        "faq-kit-durgence#suis-je_oblige_de_suivre_la_formation_a_l_issue_de_la_periode"
        "_de_crise_sanitaire"
    )


def test_answers_keep_their_text_and_links() -> None:
    library = load_home_library().library
    answer = list(library.questions())[2].answer
    assert "Cagette Pro" in answer
    assert "wiki:cagette-pro:interface-producteur" in answer


def test_manifest_records_source_revision_date_and_hashes() -> None:
    root = resources_dir()
    manifest = read_manifest(root)
    assert manifest.wiki == "https://wiki.cagette.net/"
    (entry,) = manifest.pages
    assert entry.id == "faq-kit-durgence"
    assert entry.revision == "1586336672"
    assert entry.last_modified == "2020-04-08T09:04:32Z"
    assert entry.sha256 == sha256_file(root / entry.path)
    assert entry.path == "pages/faq-kit-durgence.txt"


def test_bundled_page_is_the_raw_export_byte_for_byte() -> None:
    fixture = REPO.parent / "shared" / "fixtures" / "dokuwiki" / "pages" / "faq-kit-durgence.txt"
    if fixture.is_file():
        assert (resources_dir() / "pages" / "faq-kit-durgence.txt").read_bytes() == (
            fixture.read_bytes()
        )


def test_the_facts_other_tests_compare_with_are_the_ones_that_ship() -> None:
    from datetime import UTC, date, datetime

    from reader.cli.search import content_date

    bundled = bundled_faq()
    assert bundled.page_ids == ("faq-kit-durgence",)
    assert bundled.questions == 9
    assert bundled.question_titles == tuple(SEED_TITLES)
    assert bundled.answered == (True, True, True, True, False, True, True, True, False)
    assert bundled.revisions == {"faq-kit-durgence": "1586336672"}
    assert bundled.dated == "2020-04-08T09:04:32Z"
    assert bundled.when == datetime(2020, 4, 8, 9, 4, 32, tzinfo=UTC)
    assert bundled.day == date(2020, 4, 8)
    assert bundled.day_fr == "8 avril 2020"
    # The search's "mis à jour le …" and the packs' dates write the same day the same way.
    library = load_home_library().library
    assert library.updated == bundled.dated
    assert content_date(library) == bundled.day_fr

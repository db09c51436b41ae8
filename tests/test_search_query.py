"""Search behaviour: French analysis, typo tolerance, snippets, and safety of any query."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.content.model import Library, Page, Question, Section
from reader.search import SearchIndex, SearchResult
from reader.search.analysis import index_terms, tokens
from tests.search_support import bundled_library


def _library(*questions: tuple[str, str]) -> Library:
    made = tuple(
        Question(f"p#q{n}", title, answer, "p", "Vente en ligne")
        for n, (title, answer) in enumerate(questions)
    )
    return Library((Page("p", "FAQ", sections=(Section("Vente en ligne", "s", "", made),)),))


FARM = _library(
    ("Comment vendre mes légumes en ligne ?", "Ajoutez vos légumes au catalogue."),
    ("Les éleveurs peuvent-ils vendre de la viande ?", "Oui, au poids variable."),
    ("Où trouver l'accès à Cagette Pro ?", "Demandez-le à l'équipe d'Alilo."),
    ("Comment livrer une commande ?", "Les commandes livrées sont notées « livrée »."),
    ("Peut-on payer par chèque ?", "?"),
    ("Balises", "Écrire 3 < 4 & 5 > 2 <script>alert(1)</script> n'est pas grave."),
)


@pytest.fixture(scope="module")
def farm(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    index = SearchIndex.open(FARM, tmp_path_factory.mktemp("farm"))
    yield index
    index.close()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    index = SearchIndex.open(bundled_library(), tmp_path_factory.mktemp("bundled"))
    yield index
    index.close()


def _first(index: SearchIndex, query: str) -> str | None:
    hits = index.search(query).hits
    return hits[0].id if hits else None


@pytest.mark.parametrize("query", ["légumes", "legumes", "LEGUMES", "légume", "Legume"])
def test_search_finds_question_without_accents(farm: SearchIndex, query: str) -> None:
    assert _first(farm, query) == "p#q0"


@pytest.mark.parametrize("query", ["éleveurs", "eleveurs", "éleveur", "ELEVEUR"])
def test_accented_and_plain_forms_meet(farm: SearchIndex, query: str) -> None:
    assert _first(farm, query) == "p#q1"


@pytest.mark.parametrize("query", ["livrées", "livrees", "livree", "livrer", "livré"])
def test_other_inflections_meet(farm: SearchIndex, query: str) -> None:
    assert _first(farm, query) == "p#q3"


def test_elision_is_removed() -> None:
    assert [t.surface for t in tokens("l'accès d'Alilo qu'il jusqu'à aujourd'hui")] == [
        "accès",
        "Alilo",
        "aujourd",
        "hui",
    ]
    assert index_terms("L’accès")[1] == "acces"
    assert [t.start for t in tokens("l'accès")] == [2]


def test_elided_words_are_found(farm: SearchIndex) -> None:
    assert _first(farm, "acces") == "p#q2"
    assert _first(farm, "l'accès") == "p#q2"
    assert _first(farm, "alilo") == "p#q2"


def test_stop_words_alone_find_nothing(farm: SearchIndex) -> None:
    result = farm.search("le la les de des du et à")
    assert result.hits == () and result.suggestion is None


def test_one_typo_is_tolerated_and_suggested(farm: SearchIndex) -> None:
    result = farm.search("legumse")
    assert result.fuzzy
    assert result.hits[0].id == "p#q0"
    assert result.suggestion == "légumes"


def test_suggestion_keeps_the_rest_of_the_query(bundled: SearchIndex) -> None:
    result = bundled.search("suprimer mon compte")
    assert result.suggestion == "supprimer mon compte"
    assert result.hits[0].question.startswith("Si je me rends compte")


def test_short_words_are_not_corrected(farm: SearchIndex) -> None:
    result = farm.search("vinde")  # five letters: corrected
    assert result.suggestion == "viande"
    assert farm.search("lgum").suggestion is None  # four letters: left alone


@pytest.mark.parametrize(
    ("query", "expected"), [("lég", "p#q0"), ("vian", "p#q1"), ("Alil", "p#q2")]
)
def test_an_unfinished_last_word_is_completed(farm: SearchIndex, query: str, expected: str) -> None:
    result = farm.search(query)
    assert result.hits and result.hits[0].id == expected
    assert not result.fuzzy and result.suggestion is None


def test_only_the_word_being_typed_is_completed(farm: SearchIndex) -> None:
    assert farm.search("vian ").hits == ()  # finished word: no completion
    assert farm.search("poids vian").hits[0].id == "p#q1"


def test_exact_words_are_not_fuzzy(farm: SearchIndex) -> None:
    result = farm.search("viande")
    assert not result.fuzzy and result.suggestion is None


def test_all_words_first_then_any(farm: SearchIndex) -> None:
    assert [h.id for h in farm.search("vendre viande").hits] == ["p#q1"]
    loose = farm.search("viande xylophonique")
    assert loose.hits and loose.hits[0].id == "p#q1"


def test_unanswered_questions_are_found_by_title(farm: SearchIndex) -> None:
    hit = farm.search("chèque").hits[0]
    assert hit.id == "p#q4" and not hit.answered
    assert "<mark>chèque</mark>" in hit.snippet


def test_snippet_is_escaped_html_with_hits_marked(farm: SearchIndex) -> None:
    hit = farm.search("Écrire grave").hits[0]
    assert "<script>" not in hit.snippet and "script" not in hit.snippet
    assert "3 &lt; 4 &amp; 5" in hit.snippet
    assert "<mark>Écrire</mark>" in hit.snippet and "<mark>grave</mark>" in hit.snippet
    assert set(hit.terms) == {"Écrire", "grave"}


def test_hit_fields(bundled: SearchIndex) -> None:
    hit = bundled.search("formation").hits[0]
    assert hit.id.startswith("faq-kit-durgence#suis-je_oblige")
    assert hit.page == "faq-kit-durgence"
    assert hit.section == "Les modalités d'accès à Cagette Pro"
    assert hit.question.startswith("Suis-je obligé de suivre la formation")
    assert hit.score > 0 and hit.answered
    assert "<mark>formation" in hit.snippet or "<mark>formations" in hit.snippet
    assert "formation" in hit.terms


def test_results_are_limited_and_best_first(bundled: SearchIndex) -> None:
    hits = bundled.search("producteurs", limit=3).hits
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


NASTY = [
    "",
    " ",
    "\n\t",
    'AND OR NOT ( ) " * ? ~ ^ : [ ]',
    "title:formation",
    "formation~2 AND (compte OR NOT producteur)^3",
    '"phrase non fermée',
    "*",
    "?",
    "[a TO z]",
    "\x00\x01\x1b[31m\x7f",
    "l'",
    "'''''",
    "é" * 10_000,
    "formation " * 1_000,
    "x" * 10_000,
    "\ud800",
    "🙂🐄🥕",
    "العربية 中文",
]


FIXTURE_OK = [HealthCheck.function_scoped_fixture]  # the module-scoped index is read-only
SYNTAX_WORDS = ["formation", "compte", "Cagette", "AND", "OR", "NOT", "(", '"', "*", "~", ":"]


@pytest.mark.parametrize("query", NASTY)
def test_any_query_string_is_safe_examples(bundled: SearchIndex, query: str) -> None:
    result = bundled.search(query)
    assert isinstance(result, SearchResult)
    assert result.query == query


@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=200))
def test_any_query_string_is_safe(bundled: SearchIndex, query: str) -> None:
    result = bundled.search(query, limit=5)
    assert isinstance(result.hits, tuple) and len(result.hits) <= 5
    for hit in result.hits:
        # A synonym's mark has a class and a title ("FORC" → "obligatoire").
        opened = re.findall(r'<mark(?: class="synonym" title="[^"<>]*")?>', hit.snippet)
        assert len(opened) == hit.snippet.count("</mark>")
        bare = hit.snippet.replace("</mark>", "")
        for tag in opened:
            bare = bare.replace(tag, "")
        assert "<" not in bare


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE_OK)
@given(st.lists(st.sampled_from(SYNTAX_WORDS)))
def test_query_syntax_words_are_only_words(bundled: SearchIndex, words: list[str]) -> None:
    assert isinstance(bundled.search(" ".join(words)), SearchResult)


def test_search_does_not_need_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, reader.search; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)

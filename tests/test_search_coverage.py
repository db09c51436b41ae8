"""Honest search (issue 13): each result says which words of the query it lacks, the reader
abstains when no result covers the query, says what it searched, and marks only the words
that matched, a synonym apart from the words typed."""

from __future__ import annotations

import pytest

from reader.content.model import Library, Page, Question, Section
from reader.search import SearchIndex
from reader.search.coverage import same_word
from tests.search_support import bundled_library, wiki_library

CC = "faq:catalogue-comptes#"
CP = "faq:commandes-paiements#"
FORMATION = (
    "faq-kit-durgence#suis-je_oblige_de_suivre_la_formation"
    "_a_l_issue_de_la_periode_de_crise_sanitaire"
)


@pytest.fixture(scope="module")
def wiki(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    index = SearchIndex.open(wiki_library(), tmp_path_factory.mktemp("wiki"))
    yield index
    index.close()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    index = SearchIndex.open(bundled_library(), tmp_path_factory.mktemp("bundled"))
    yield index
    index.close()


def _page(page_id: str, *questions: tuple[str, str], section: str = "Ventes") -> Page:
    made = tuple(
        Question(f"{page_id}#q{n}", title, answer, page_id, section)
        for n, (title, answer) in enumerate(questions)
    )
    return Page(page_id, page_id.upper(), sections=(Section(section, "s", "", made),))


IMPRIMER = CP + "comment_imprimer_la_liste_des_commandes_pour_preparer_les_colis"
REMBOURSER = CP + "comment_rembourser_un_client"
# How the query is written: the query, the question that answers it, one of its words and
# how that word matched.
WRITTEN = {
    "exact": ("feuille d'émargement", IMPRIMER, "émargement", "exact"),
    "accent": ("feuille d'emargement", IMPRIMER, "émargement", "accent"),
    "inflection": (
        "tableurs",
        CC + "comment_importer_mon_catalogue_depuis_un_tableur",
        "tableur",
        "inflection",
    ),
    "typo": ("remboursser", REMBOURSER, "rembourser", "typo"),
    "sound-alike": (
        "cotisassion",
        CC + "comment_gerer_les_cotisations_des_adherents_de_l_association",
        "cotisations",
        "sound-alike",
    ),
    "synonym": (
        "carte bleue",
        CP + "quand_suis-je_paye_pour_les_ventes_par_carte_bancaire",
        "bancaire",
        "synonym",
    ),
    "whole question": (
        "comment je fais pour rembourser un client ?",
        REMBOURSER,
        "rembourser",
        "exact",
    ),
}


@pytest.mark.parametrize("written", list(WRITTEN))
def test_an_answer_with_every_word_in_an_accepted_form_lacks_nothing(
    wiki: SearchIndex, written: str
) -> None:
    query, expected, word, kind = WRITTEN[written]
    result = wiki.search(query)
    best = result.hits[0]
    assert best.id == expected
    assert best.missing == () and best.complete
    assert not result.abstains and result.uncovered == ()
    assert (word, kind) in {(m.word, m.kind) for m in best.matched}


def test_a_whole_question_is_judged_on_its_content_words(wiki: SearchIndex) -> None:
    result = wiki.search("bonjour, est-ce que je peux annuler la commande d'un client svp ?")
    assert result.words == ("annuler", "commande", "client")  # no filler, no stop words
    assert result.hits[0].id == CP + "comment_annuler_la_commande_d_un_client"
    assert result.hits[0].missing == ()


def test_each_result_says_which_typed_words_it_lacks(wiki: SearchIndex) -> None:
    result = wiki.search("rembourser un Tracteur")
    assert result.hits and result.abstains
    assert all(hit.missing == ("Tracteur",) for hit in result.hits)  # as typed
    assert result.hits[0].id == CP + "comment_rembourser_un_client"
    assert result.uncovered == ("Tracteur",)


def test_dropping_a_word_of_a_phrase_does_not_answer_it(bundled: SearchIndex) -> None:
    """ "payer en ligne": the synonym list's "en ligne" does not stand for "payer"."""
    result = bundled.search("payer en ligne")
    assert result.hits and result.abstains
    assert result.uncovered == ("payer",)
    first = result.hits[0]
    assert first.id == FORMATION and first.missing == ("payer",)
    assert [(m.word, m.kind) for m in first.matched] == [("ligne", "exact")]


def test_a_phrase_none_of_whose_words_is_there_is_missing_whole(wiki: SearchIndex) -> None:
    result = wiki.search("mot de passe rembourser")
    assert result.abstains and result.uncovered == ()  # each is somewhere, never both
    assert result.words == ("mot de passe", "rembourser")
    missing = {hit.missing for hit in result.hits}
    assert ("mot de passe",) in missing and ("rembourser",) in missing


@pytest.mark.parametrize(
    "query",
    [
        "tracteur",
        "comment vacciner mes vaches",
        "aides de la PAC",
        "assurance récolte contre la grêle",
        "cotisations MSA",
        "payer avec des tickets restaurant",
    ],
)
def test_the_reader_abstains_on_what_the_faq_does_not_mention(
    wiki: SearchIndex, query: str
) -> None:
    result = wiki.search(query)
    assert result.abstains
    assert result.uncovered
    assert all(hit.missing for hit in result.hits)


def test_no_words_at_all_is_no_answer_without_a_word_to_name(wiki: SearchIndex) -> None:
    result = wiki.search("le la les")
    assert result.hits == () and result.abstains
    assert result.words == () and result.uncovered == ()


def test_only_the_words_that_matched_are_highlighted(bundled: SearchIndex) -> None:
    """ "Cagette": its synonyms "logiciel" and "outil" are not what these answers matched."""
    result = bundled.search("Cagette")
    assert len(result.hits) >= 5 and not result.abstains
    for hit in result.hits:
        # Found by its section's title alone, a question says its text lacks the word.
        assert hit.missing in ((), ("Cagette",))
        words = {m.word.lower() for m in hit.matched}
        assert words <= {"cagette"}, hit.id
        assert "logiciel</mark>" not in hit.snippet and "outil</mark>" not in hit.snippet


def test_a_synonym_is_marked_apart_and_names_the_word_it_stands_for(wiki: SearchIndex) -> None:
    hit = wiki.search("carte bleue").hits[0]
    assert '<mark class="synonym" title="synonyme de « carte bleue »">bancaire</mark>' in (
        hit.snippet
    )
    assert "<mark>carte</mark>" in hit.snippet  # a word typed stays the word typed
    by_word = {m.word: m for m in hit.matched}
    assert by_word["bancaire"].synonym and by_word["bancaire"].query_word == "carte bleue"
    assert not by_word["carte"].synonym


def test_what_was_searched_is_the_query_as_typed(bundled: SearchIndex) -> None:
    result = bundled.search("crise sanitaire covid")
    assert result.query == "crise sanitaire covid"
    assert result.words == ("crise sanitaire", "covid")
    assert result.corrected is None and not result.abstains
    # The window's older line never repeats a synonym as if it had been typed.
    assert "crise sanitaire crise sanitaire" not in (result.interpreted or "")


def test_a_correction_is_said_and_the_words_can_be_searched_as_typed(
    bundled: SearchIndex,
) -> None:
    corrected = bundled.search("formaton obligatoire")
    assert corrected.corrected == "formation obligatoire" and corrected.correct
    assert corrected.hits[0].id == FORMATION and corrected.hits[0].missing == ()
    as_typed = bundled.search("formaton obligatoire", correct=False)
    assert as_typed.corrected is None and not as_typed.correct
    assert as_typed.abstains and as_typed.uncovered == ("formaton",)
    assert as_typed.hits and as_typed.hits[0].missing == ("formaton",)


def test_the_query_word_itself_ranks_above_a_word_of_the_same_stem(tmp_path) -> None:
    library = Library(
        (
            _page(
                "p",
                ("Quels formats de photo sont acceptés ?", "Les formats JPEG et PNG."),
                ("Où trouver de l'aide ?", "Une formation est proposée aux producteurs."),
            ),
        )
    )
    index = SearchIndex.open(library, tmp_path)
    try:
        hits = index.search("formation").hits
        assert [h.id for h in hits] == ["p#q1", "p#q0"]
        assert hits[0].score < hits[1].score  # the title weighs more, the word itself wins
        assert {(m.word, m.kind) for m in hits[1].matched} == {("formats", "inflection")}
        assert hits[1].missing == ()  # a word of the same stem still counts as found
    finally:
        index.close()


def test_equal_scores_keep_the_faq_order_whatever_the_index_order(tmp_path) -> None:
    same = [("Comment livrer mes paniers ?", "Livraison le mardi.")] * 20
    library = Library((_page("a", *same), _page("b", *same)))
    index = SearchIndex.open(library, tmp_path)
    try:
        expected = [f"a#q{n}" for n in range(5)]
        assert [h.id for h in index.search("livrer", limit=5).hits] == expected
        # Reindexing page "a" puts its questions after page "b"'s in the index.
        index.update_pages(library, ["a"])
        assert [h.id for h in index.search("livrer", limit=5).hits] == expected
        assert [h.id for h in index.search("livrer", limit=40).hits][20:22] == ["b#q0", "b#q1"]
    finally:
        index.close()


def test_the_first_results_do_not_depend_on_how_many_are_asked_for(wiki: SearchIndex) -> None:
    for query in ("paiement", "colis", "payer en ligne", "distribution producteurs"):
        ten = [h.id for h in wiki.search(query, limit=10).hits]
        assert [h.id for h in wiki.search(query, limit=1).hits] == ten[:1]


@pytest.mark.parametrize(
    ("found", "typed", "same"),
    [
        ("formation", "formations", True),
        ("livrees", "livre", True),
        ("producteur", "producteurs", True),
        ("formats", "formation", False),
        ("paiement", "payer", False),
    ],
)
def test_same_word_allows_plural_and_feminine_only(found: str, typed: str, same: bool) -> None:
    assert same_word(found, typed) is same

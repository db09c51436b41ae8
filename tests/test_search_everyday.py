"""Everyday queries (issue 7): question words, synonyms, spelling by ear, two slips."""

from __future__ import annotations

import logging

import pytest

from reader.search import SearchIndex, synonyms
from reader.search.analysis import tokens
from reader.search.phonetic import phonetic_key
from reader.search.query import Vocabulary
from reader.search.stopwords import is_filler
from tests.search_support import wiki_library

CP = "faq:commandes-paiements#"
CC = "faq:catalogue-comptes#"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    built = SearchIndex.open(wiki_library(), tmp_path_factory.mktemp("index"))
    yield built
    built.close()


@pytest.mark.parametrize(
    ("heard", "written"),
    [
        ("stoque", "stocks"),
        ("ajoutter", "ajouter"),
        ("cotisassion", "cotisations"),
        ("quantitée", "quantité"),
        ("rembourcer", "rembourser"),
        ("livrézon", "livraison"),
        ("fakturer", "facturer"),
        ("émarjement", "émargement"),
        ("adérent", "adhérent"),
        ("fairme", "ferme"),
    ],
)
def test_words_written_by_ear_share_the_key_of_the_word(heard: str, written: str) -> None:
    assert phonetic_key(heard) == phonetic_key(written) != ""


@pytest.mark.parametrize(("one", "other"), [("paiement", "pavement"), ("livraison", "livrer")])
def test_different_words_keep_different_keys(one: str, other: str) -> None:
    assert phonetic_key(one) != phonetic_key(other)


def test_short_and_odd_words_have_no_key() -> None:
    assert phonetic_key("tva") == "" and phonetic_key("a1b2c3") == "" and phonetic_key("") == ""


def test_two_slips_in_a_long_word_are_corrected_a_swap_counting_as_one() -> None:
    vocabulary = Vocabulary(lambda: {"livraison": 3, "cotisation": 2, "abcdefgh": 1})
    assert vocabulary.correct2("livarsion") == "livraison"  # two swaps
    assert vocabulary.correct2("cotisatoin") == "cotisation"  # one swap
    assert vocabulary.correct2("zyxwvuts") is None  # far from every word
    assert vocabulary.correct2("livarsn") is None  # too short for two slips


def test_question_words_are_filler() -> None:
    assert is_filler("fais") and is_filler("voudrais") and not is_filler("photo")


def test_the_synonym_list_parses_and_skips_broken_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    lines = [
        "# commentaire",
        "carte bleue, cb => carte bancaire",
        "panier, colis",
        "a => b => c",
        "seul",
        "",
    ]
    with caplog.at_level(logging.WARNING):
        table = synonyms.parse(lines, "test.txt")
    assert "test.txt:4" in caplog.text and "test.txt:5" in caplog.text
    key = synonyms.key_of(list(tokens("Cartes Bleues")))
    assert [a.text for a in table[key]] == ["carte bancaire"]
    assert synonyms.key_of(list(tokens("carte bancaire"))) not in table  # one way only
    assert [a.text for a in table[synonyms.key_of(list(tokens("colis")))]] == ["panier"]


def test_the_bundled_list_is_big_and_loads_cleanly(caplog: pytest.LogCaptureFixture) -> None:
    synonyms.load.cache_clear()
    with caplog.at_level(logging.WARNING):
        table = synonyms.load()
    assert len(table) >= 300
    assert "skipped" not in caplog.text


def test_a_synonym_finds_the_wiki_word_and_says_so(index: SearchIndex) -> None:
    result = index.search("payé par carte bleue")
    assert result.hits[0].id == CP + "quand_suis-je_paye_pour_les_ventes_par_carte_bancaire"
    assert result.explanation == "résultats pour « payé par carte bancaire »"
    assert "bancaire" in result.hits[0].terms
    assert result.suggestion is None


def test_exact_matches_stay_above_synonyms(index: SearchIndex) -> None:
    hits = index.search("plafond").hits
    assert hits[0].id == CP + "un_paiement_par_carte_a_echoue_que_faire"
    assert index.search("plafond").explanation is None


def test_a_sound_alike_is_found_marked_and_explained(index: SearchIndex) -> None:
    result = index.search("cotisassion")
    assert result.hits[0].id == CC + "comment_gerer_les_cotisations_des_adherents_de_l_association"
    assert result.fuzzy and result.suggestion == "cotisations"
    assert result.explanation == "résultats pour « cotisations »"
    assert "<mark>cotisations</mark>" in result.hits[0].snippet or any(
        "cotisation" in term for term in result.hits[0].terms
    )


def test_two_slips_in_a_long_word_are_corrected(index: SearchIndex) -> None:
    result = index.search("suprimmer mon compte")
    assert result.hits and result.suggestion == "supprimer mon compte"


def test_two_slips_are_not_tried_on_short_words(index: SearchIndex) -> None:
    assert index.search("cmomnde").hits == ()  # 7 letters, two edits from "commande"


def test_filler_does_not_outweigh_content_words(index: SearchIndex) -> None:
    result = index.search("qu'est-ce qu'il faut faire quand un client a oublié son mot de passe")
    assert result.hits[0].id == CC + "un_adherent_a_oublie_son_mot_de_passe_que_doit-il_faire"


def test_a_query_of_filler_only_is_searched_as_typed(index: SearchIndex) -> None:
    assert index.search("que faire").hits

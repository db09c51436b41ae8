"""``faq-reader search``: the JSON contract, the --stdin mode, exit codes, and what the
plain output says (what was searched, a correction, no answer about a word)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from reader.cli import main
from tests.bundled import bundled_faq
from tests.search_support import ROOT

FIELDS = {"id", "page", "section", "question", "score", "snippet", "answered", "missing"}


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    assert main(["search", *argv]) == 0
    out = capsys.readouterr().out
    return json.loads(out)


def test_search_json_lists_the_best_question_first(capsys: pytest.CaptureFixture[str]) -> None:
    hits = _json(capsys, "formation", "obligatoire", "--json")
    assert hits and set(hits[0]) >= FIELDS
    assert hits[0]["question"] == (
        "Suis-je obligé de suivre la formation à l'issue de la période de crise sanitaire ?"
    )
    assert hits[0]["id"].startswith("faq-kit-durgence#")
    assert hits[0]["page"] == "faq-kit-durgence"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(_json(capsys, "producteurs", "--json", "--limit", "2")) == 2


def test_no_hit_is_an_empty_list_and_success(capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(capsys, "xylophone", "--json") == []


@pytest.mark.parametrize(
    "query", ["", "le la les", 'AND OR NOT ( ) " * ? ~ ^ : [ ]', "\x01\x1b", "a" * 10_000]
)
def test_any_query_gives_a_json_list(capsys: pytest.CaptureFixture[str], query: str) -> None:
    assert isinstance(_json(capsys, "--json", "--", query), list)


def _plain(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["search", *argv]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out.splitlines()


def test_the_results_line_shows_the_query_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _plain(capsys, "crise", "sanitaire", "covid")
    assert lines[0] == "1 résultat pour « crise sanitaire covid »"  # covid: a synonym, unsaid
    assert lines[1].startswith("1. Suis-je obligé de suivre la formation")
    assert not any("Ne contient pas" in line for line in lines)


def test_a_correction_is_said_with_the_command_that_searches_as_typed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _plain(capsys, "fomration")
    assert lines[0] == (
        "1 résultat pour « formation » · rechercher plutôt « fomration » : "
        "faq-reader search --no-correction fomration"
    )
    assert lines[1].startswith("1. Suis-je obligé de suivre la formation")
    assert any("[formation" in line for line in lines)
    as_typed = _plain(capsys, "--no-correction", "fomration")
    assert as_typed[0] == "Aucune réponse ne parle de « fomration »."
    assert not any(line.startswith("1. ") for line in as_typed)


def test_a_word_no_answer_has_is_said_first_then_partial_matches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _plain(capsys, "payer", "en", "ligne")
    assert lines[:4] == [
        "Aucune réponse ne parle de « payer ».",
        f"Le contenu hors ligne n'a pas de réponse (mis à jour le {bundled_faq().day_fr}).",
        "Chercher sur le wiki : https://wiki.cagette.net/doku.php?do=search&q=payer%20en%20ligne",
        "Réponses partielles pour « payer en ligne »",
    ]
    assert lines[4].startswith("1. Suis-je obligé de suivre la formation")
    assert lines[5] == "   Ne contient pas : payer"


def test_nothing_about_the_query_is_no_answer_and_no_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _plain(capsys, "tracteur")
    assert lines == [
        "Aucune réponse ne parle de « tracteur ».",
        f"Le contenu hors ligne n'a pas de réponse (mis à jour le {bundled_faq().day_fr}).",
        "Chercher sur le wiki : https://wiki.cagette.net/doku.php?do=search&q=tracteur",
    ]
    assert _plain(capsys, "--", "le la les") == ["Aucune question ne correspond."]


def test_json_says_what_each_result_lacks(capsys: pytest.CaptureFixture[str]) -> None:
    partial = _json(capsys, "payer", "en", "ligne", "--json")
    assert partial and all(hit["missing"] == ["payer"] for hit in partial)
    assert _json(capsys, "formation", "--json")[0]["missing"] == []
    corrected = _json(capsys, "fomration", "--json")
    assert corrected[0]["missing"] == []  # a corrected word counts as found
    assert _json(capsys, "fomration", "--json", "--no-correction") == []


def test_stdin_json_answers_one_line_per_query_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["formation", "", "xylophone", "supprimer compte", 'AND ( "', "livraison", "tracteur"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(queries) + "\n"))
    assert main(["search", "--stdin", "--json", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(queries)
    results = [json.loads(line) for line in lines]
    assert results[0][0]["question"].startswith("Suis-je obligé")
    assert results[1] == [] and results[2] == [] and results[4] == []
    assert results[3][0]["question"].startswith("Si je me rends compte")
    assert results[5][0]["question"] == "Puis-je faire de la livraison avec Cagette ?"
    assert results[5][0]["answered"] is False
    assert results[0][0]["missing"] == [] and results[6] == []


@pytest.mark.parametrize(
    "argv",
    [["search"], ["search", "--stdin"], ["search", "--stdin", "--json", "x"]],
)
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err


@pytest.mark.parametrize("limit", ["0", "-3", "abc"])
def test_bad_limit_exits_2(limit: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "x", "--limit", limit])
    assert exit_info.value.code == 2


def test_stdin_mode_answers_each_line_as_it_comes(faq_home) -> None:
    """A script can keep the process open: each answer is flushed before the next query."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "search", "--stdin", "--json"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        for query, expected in [("formation", "Suis-je"), ("supprimer", "Si je me rends")]:
            process.stdin.write(query + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
            assert json.loads(line)[0]["question"].startswith(expected)
        process.stdin.close()
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.dokuwiki
def test_the_wiki_search_offered_finds_pages_on_a_real_dokuwiki(dokuwiki_url: str) -> None:
    """The link printed when the offline content has no answer runs DokuWiki's own search."""
    import urllib.request

    from reader.sync.urls import search_url

    url = search_url(dokuwiki_url, "formation obligatoire")
    assert url == f"{dokuwiki_url}doku.php?do=search&q=formation%20obligatoire"
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read().decode("utf-8")
    results = body.partition('class="search_results"')[2]
    assert 'data-wiki-id="faq-kit-durgence"' in results  # the page with the words, found

"""``faq-reader search``: the JSON contract, the --stdin mode, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from reader.cli import main
from tests.search_support import ROOT

FIELDS = {"id", "page", "section", "question", "score", "snippet", "answered"}


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


def test_suggestion_goes_to_stderr_in_human_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "fomration"]) == 0
    captured = capsys.readouterr()
    assert "Vouliez-vous dire « formation »" in captured.err
    assert captured.out.startswith("1. Suis-je obligé de suivre la formation")
    assert "[formation" in captured.out


def test_suggestion_never_breaks_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "fomration", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)[0]["id"].startswith("faq-kit-durgence#suis-je")
    assert "Vouliez" not in captured.err


def test_stdin_json_answers_one_line_per_query_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["formation", "", "xylophone", "supprimer compte", 'AND ( "', "livraison"]
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
